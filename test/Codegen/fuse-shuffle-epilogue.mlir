// A sub-pixel convolution's pixel shuffle into a channels-first result as
// its register tiles' epilogue: the convolution's output channels F are
// (C, r1', r2') = 3 x 2 x 8, reshaped (tensor.expand_shape) for the shuffle,
// which reads them in that order and writes each (c, r1') run of 8 residues
// to a row of the result (here with the bias added). The epilogue is tiled
// through the reshape: a tile of 16 output channels is one c and both r1'
// (whole inner dims, so that each tile is a contiguous range of F), and the
// accumulators reach the epilogue as vectors (a vector.shape_cast): nothing
// writes the convolution's result, the tiles store the output once.
// RUN: tconv-opt %s --tconv-block-conv-filters="target-cpu=haswell" --tconv-tile-and-vectorize="target-cpu=haswell" --canonicalize --cse --loop-invariant-subset-hoisting --tconv-forward-vector-transfers --canonicalize | FileCheck %s

// CHECK-LABEL: func.func @shuffle_epilogue
// CHECK-SAME: %[[B:[a-z0-9]+]]: tensor<3xf32>)
// CHECK-NOT: linalg.
// CHECK: scf.for %[[C:.*]] = %c0 to %c3 step %c1 iter_args(%{{.*}}) -> (tensor<1x3x2x2x12x8xf32>)
// CHECK: scf.for %[[H:.*]] = %c0 to %c2 step %c1
// CHECK: scf.for %[[W:.*]] = %c0 to %c12 step %c6
// CHECK: %[[ACC:.*]] = scf.for {{.*}} -> (vector<1x6x16xf32>)
// CHECK: vector.contract
// CHECK: %[[ROWS:.*]] = tensor.extract_slice %{{.*}}[0, 0, %[[H]], 0, %[[W]], 0] [1, 1, 1, 2, 6, 8]
// CHECK: %[[TILE:.*]] = vector.shape_cast %[[ACC]] : vector<1x6x16xf32> to vector<1x1x6x1x2x8xf32>
// CHECK: %[[BIAS:.*]] = vector.transfer_read %[[B]][%[[C]]]
// CHECK: %[[SUM:.*]] = arith.addf %[[TILE]], %[[BIAS]] : vector<1x1x6x1x2x8xf32>
// CHECK: vector.transfer_write %[[SUM]], %[[ROWS]]{{.*}}permutation_map = {{.*}} : vector<1x1x6x1x2x8xf32>, tensor<1x1x1x2x6x8xf32>
// CHECK-NOT: vector.transfer_write
// CHECK: return

#shuffle_read = affine_map<(n, c, h, r1, w, r2) -> (n, h, w, c, r1, r2)>
#shuffle_bias = affine_map<(n, c, h, r1, w, r2) -> (c)>
#shuffle_id = affine_map<(n, c, h, r1, w, r2) -> (n, c, h, r1, w, r2)>

func.func @shuffle_epilogue(%x: tensor<1x3x13x4xf32>, %w: tensor<2x2x4x48xf32>, %b: tensor<3xf32>) -> tensor<1x3x2x2x12x8xf32> {
  %zero = arith.constant 0.0 : f32
  %e0 = tensor.empty() : tensor<1x2x12x48xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e0 : tensor<1x2x12x48xf32>) -> tensor<1x2x12x48xf32>
  %c = linalg.conv_2d_nhwc_hwcf ins(%x, %w : tensor<1x3x13x4xf32>, tensor<2x2x4x48xf32>) outs(%init : tensor<1x2x12x48xf32>) -> tensor<1x2x12x48xf32>
  %y = tensor.expand_shape %c [[0], [1], [2], [3, 4, 5]] output_shape [1, 2, 12, 3, 2, 8] : tensor<1x2x12x48xf32> into tensor<1x2x12x3x2x8xf32>
  %e = tensor.empty() : tensor<1x3x2x2x12x8xf32>
  %z = linalg.generic {indexing_maps = [#shuffle_read, #shuffle_bias, #shuffle_id], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "parallel"]}
       ins(%y, %b : tensor<1x2x12x3x2x8xf32>, tensor<3xf32>) outs(%e : tensor<1x3x2x2x12x8xf32>) {
  ^bb0(%v: f32, %u: f32, %o: f32):
    %s = arith.addf %v, %u : f32
    linalg.yield %s : f32
  } -> tensor<1x3x2x2x12x8xf32>
  return %z : tensor<1x3x2x2x12x8xf32>
}
