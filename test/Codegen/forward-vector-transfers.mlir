// RUN: tconv-opt %s --tconv-forward-vector-transfers --canonicalize --split-input-file | FileCheck %s
// RUN: tconv-opt %s --tconv-forward-vector-transfers --split-input-file | FileCheck %s --check-prefix=ONLY

// A register tile as tconv-tile-and-vectorize and the subset hoisting leave
// it: zeros written to the tile, read as the convolution's accumulator
// through a rank-reducing slice, the result written back through it and
// read by the epilogue (the bias). The reads take the vectors, and the
// tile's tensor is gone: the accumulator starts from the zeros, the
// epilogue adds the bias to the loop's result.
// CHECK-LABEL: func.func @tile_round_trip
// CHECK-SAME: (%[[INIT:.*]]: tensor<1x1x6x64xf32>, %[[B:.*]]: vector<1x1x6x64xf32>, %[[OUT:.*]]: tensor<1x1x6x64xf32>, %[[N:.*]]: index)
// CHECK: %[[ZERO:.*]] = arith.constant dense<0.000000e+00> : vector<1x6x64xf32>
// CHECK: %[[ACC:.*]] = scf.for {{.*}} iter_args(%[[A:.*]] = %[[ZERO]])
// CHECK: %[[TILE:.*]] = vector.shape_cast %[[ACC]] : vector<1x6x64xf32> to vector<1x1x6x64xf32>
// CHECK: %[[SUM:.*]] = arith.addf %[[TILE]], %[[B]]
// CHECK: %[[R:.*]] = vector.transfer_write %[[SUM]], %[[OUT]]
// CHECK: return %[[R]]
func.func @tile_round_trip(%init: tensor<1x1x6x64xf32>, %bias: vector<1x1x6x64xf32>, %out: tensor<1x1x6x64xf32>, %n: index) -> tensor<1x1x6x64xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %pad = arith.constant 0.0 : f32
  %zeros = arith.constant dense<0.0> : vector<1x1x6x64xf32>
  %one = arith.constant dense<1.0> : vector<1x6x64xf32>
  %filled = vector.transfer_write %zeros, %init[%c0, %c0, %c0, %c0] {in_bounds = [true, true, true, true]} : vector<1x1x6x64xf32>, tensor<1x1x6x64xf32>
  %slice = tensor.extract_slice %filled[0, 0, 0, 0] [1, 1, 6, 64] [1, 1, 1, 1] : tensor<1x1x6x64xf32> to tensor<1x6x64xf32>
  %start = vector.transfer_read %slice[%c0, %c0, %c0], %pad {in_bounds = [true, true, true]} : tensor<1x6x64xf32>, vector<1x6x64xf32>
  %acc = scf.for %i = %c0 to %n step %c1 iter_args(%a = %start) -> (vector<1x6x64xf32>) {
    %next = arith.addf %a, %one : vector<1x6x64xf32>
    scf.yield %next : vector<1x6x64xf32>
  }
  %written = vector.transfer_write %acc, %slice[%c0, %c0, %c0] {in_bounds = [true, true, true]} : vector<1x6x64xf32>, tensor<1x6x64xf32>
  %tile = tensor.insert_slice %written into %filled[0, 0, 0, 0] [1, 1, 6, 64] [1, 1, 1, 1] : tensor<1x6x64xf32> into tensor<1x1x6x64xf32>
  %result = vector.transfer_read %tile[%c0, %c0, %c0, %c0], %pad {in_bounds = [true, true, true, true]} : tensor<1x1x6x64xf32>, vector<1x1x6x64xf32>
  %sum = arith.addf %result, %bias : vector<1x1x6x64xf32>
  %r = vector.transfer_write %sum, %out[%c0, %c0, %c0, %c0] {in_bounds = [true, true, true, true]} : vector<1x1x6x64xf32>, tensor<1x1x6x64xf32>
  return %r : tensor<1x1x6x64xf32>
}

// -----

// Not forwarded (by this pass alone): a read of other elements (a
// transposed map) and one of other indices.
// ONLY-LABEL: func.func @not_forwarded
// ONLY-COUNT-2: vector.transfer_read
// ONLY-NOT: vector.shape_cast
func.func @not_forwarded(%t: tensor<4x4xf32>, %v: vector<4x4xf32>, %i: index) -> (vector<4x4xf32>, vector<4x4xf32>) {
  %c0 = arith.constant 0 : index
  %pad = arith.constant 0.0 : f32
  %w = vector.transfer_write %v, %t[%c0, %c0] {in_bounds = [true, true]} : vector<4x4xf32>, tensor<4x4xf32>
  %transposed = vector.transfer_read %w[%c0, %c0], %pad {in_bounds = [true, true], permutation_map = affine_map<(d0, d1) -> (d1, d0)>} : tensor<4x4xf32>, vector<4x4xf32>
  %elsewhere = vector.transfer_read %w[%i, %c0], %pad {in_bounds = [true, true]} : tensor<4x4xf32>, vector<4x4xf32>
  return %transposed, %elsewhere : vector<4x4xf32>, vector<4x4xf32>
}
