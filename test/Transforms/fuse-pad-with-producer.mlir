// RUN: tconv-opt %s --split-input-file --tconv-fuse-pad-with-producer | FileCheck %s

// The transpose writes straight into the interior of the zero-filled
// padded tensor.
// CHECK-LABEL: func.func @transpose_then_pad
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x4x5xf32>)
// CHECK: %[[ZERO:.*]] = arith.constant 0.0
// CHECK: %[[EMPTY:.*]] = tensor.empty() : tensor<2x6x5x3xf32>
// CHECK: %[[FILL:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[EMPTY]] : tensor<2x6x5x3xf32>)
// CHECK: %[[INTERIOR:.*]] = tensor.extract_slice %[[FILL]][0, 1, 0, 0] [2, 4, 5, 3] [1, 1, 1, 1]
// CHECK: %[[T:.*]] = linalg.transpose ins(%[[X]] : tensor<2x3x4x5xf32>) outs(%[[INTERIOR]] : tensor<2x4x5x3xf32>) permutation = [0, 2, 3, 1]
// CHECK: %[[R:.*]] = tensor.insert_slice %[[T]] into %[[FILL]][0, 1, 0, 0] [2, 4, 5, 3] [1, 1, 1, 1]
// CHECK: return %[[R]]
// CHECK-NOT: tensor.pad
func.func @transpose_then_pad(%x: tensor<2x3x4x5xf32>) -> tensor<2x6x5x3xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x4x5x3xf32>
  %t = linalg.transpose ins(%x : tensor<2x3x4x5xf32>) outs(%e : tensor<2x4x5x3xf32>) permutation = [0, 2, 3, 1]
  %p = tensor.pad %t low[0, 1, 0, 0] high[0, 1, 0, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<2x4x5x3xf32> to tensor<2x6x5x3xf32>
  return %p : tensor<2x6x5x3xf32>
}

// -----

// A dynamic batch: the padded sizes come from the producer's init.
// CHECK-LABEL: func.func @dynamic_batch
// CHECK: %[[INIT:.*]] = tensor.empty(%{{.*}}) : tensor<?x4x3xf32>
// CHECK: %[[N:.*]] = tensor.dim %[[INIT]], %c0
// CHECK: tensor.empty(%[[N]]) : tensor<?x6x3xf32>
// CHECK: linalg.transpose
// CHECK-NOT: tensor.pad
func.func @dynamic_batch(%x: tensor<?x3x4xf32>) -> tensor<?x6x3xf32> {
  %zero = arith.constant 0.0 : f32
  %c0 = arith.constant 0 : index
  %n = tensor.dim %x, %c0 : tensor<?x3x4xf32>
  %e = tensor.empty(%n) : tensor<?x4x3xf32>
  %t = linalg.transpose ins(%x : tensor<?x3x4xf32>) outs(%e : tensor<?x4x3xf32>) permutation = [0, 2, 1]
  %p = tensor.pad %t low[0, 2, 0] high[0, 0, 0] {
  ^bb0(%i: index, %j: index, %k: index):
    tensor.yield %zero : f32
  } : tensor<?x4x3xf32> to tensor<?x6x3xf32>
  return %p : tensor<?x6x3xf32>
}

// -----

// Not fused: the producer reads its init (an accumulation), ...
// CHECK-LABEL: func.func @reads_init
// CHECK: tensor.pad
#id = affine_map<(d0) -> (d0)>
func.func @reads_init(%x: tensor<4xf32>, %acc: tensor<4xf32>) -> tensor<6xf32> {
  %zero = arith.constant 0.0 : f32
  %s = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%x : tensor<4xf32>) outs(%acc : tensor<4xf32>) {
  ^bb0(%a: f32, %b: f32):
    %r = arith.addf %a, %b : f32
    linalg.yield %r : f32
  } -> tensor<4xf32>
  %p = tensor.pad %s low[1] high[1] {
  ^bb0(%i: index):
    tensor.yield %zero : f32
  } : tensor<4xf32> to tensor<6xf32>
  return %p : tensor<6xf32>
}

// -----

// ... the padding value is not a constant, ...
// CHECK-LABEL: func.func @computed_padding
// CHECK: tensor.pad
func.func @computed_padding(%x: tensor<3x4xf32>) -> tensor<4x6xf32> {
  %e = tensor.empty() : tensor<4x3xf32>
  %t = linalg.transpose ins(%x : tensor<3x4xf32>) outs(%e : tensor<4x3xf32>) permutation = [1, 0]
  %p = tensor.pad %t low[0, 1] high[0, 2] {
  ^bb0(%i: index, %j: index):
    %v = arith.index_cast %j : index to i32
    %f = arith.sitofp %v : i32 to f32
    tensor.yield %f : f32
  } : tensor<4x3xf32> to tensor<4x6xf32>
  return %p : tensor<4x6xf32>
}

// -----

// ... or the producer's result has other users.
// CHECK-LABEL: func.func @shared_result
// CHECK: tensor.pad
func.func @shared_result(%x: tensor<3x4xf32>) -> (tensor<4x6xf32>, tensor<4x3xf32>) {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x3xf32>
  %t = linalg.transpose ins(%x : tensor<3x4xf32>) outs(%e : tensor<4x3xf32>) permutation = [1, 0]
  %p = tensor.pad %t low[0, 1] high[0, 2] {
  ^bb0(%i: index, %j: index):
    tensor.yield %zero : f32
  } : tensor<4x3xf32> to tensor<4x6xf32>
  return %p, %t : tensor<4x6xf32>, tensor<4x3xf32>
}

// -----

// Zero insertion then zero padding: one zero-filled tensor of the padded
// sizes, the input inserted at offsets moved by the low padding.
// CHECK-LABEL: func.func @zero_insertion_then_pad
// CHECK-SAME: (%[[X:.*]]: tensor<1x2x3x4xi8>)
// CHECK: %[[ZP:.*]] = arith.constant 7 : i8
// CHECK: %[[EMPTY:.*]] = tensor.empty() : tensor<1x2x5x11xi8>
// CHECK: %[[FILL:.*]] = linalg.fill ins(%[[ZP]] : i8) outs(%[[EMPTY]] : tensor<1x2x5x11xi8>)
// CHECK: %[[R:.*]] = tensor.insert_slice %[[X]] into %[[FILL]][0, 0, 1, 2] [1, 2, 3, 4] [1, 1, 1, 2]
// CHECK: return %[[R]]
// CHECK-NOT: tensor.pad
func.func @zero_insertion_then_pad(%x: tensor<1x2x3x4xi8>) -> tensor<1x2x5x11xi8> {
  %zp = arith.constant 7 : i8
  %e = tensor.empty() : tensor<1x2x3x7xi8>
  %zeros = linalg.fill ins(%zp : i8) outs(%e : tensor<1x2x3x7xi8>) -> tensor<1x2x3x7xi8>
  %s = tensor.insert_slice %x into %zeros[0, 0, 0, 0] [1, 2, 3, 4] [1, 1, 1, 2] : tensor<1x2x3x4xi8> into tensor<1x2x3x7xi8>
  %p = tensor.pad %s low[0, 0, 1, 2] high[0, 0, 1, 2] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zp : i8
  } : tensor<1x2x3x7xi8> to tensor<1x2x5x11xi8>
  return %p : tensor<1x2x5x11xi8>
}

// -----

// Padding with another value than the fill's: the pad stays.
// CHECK-LABEL: func.func @other_padding_value
// CHECK: tensor.insert_slice
// CHECK: tensor.pad
func.func @other_padding_value(%x: tensor<1x2x3x4xf32>) -> tensor<1x2x5x11xf32> {
  %zero = arith.constant 0.0 : f32
  %one = arith.constant 1.0 : f32
  %e = tensor.empty() : tensor<1x2x3x7xf32>
  %zeros = linalg.fill ins(%zero : f32) outs(%e : tensor<1x2x3x7xf32>) -> tensor<1x2x3x7xf32>
  %s = tensor.insert_slice %x into %zeros[0, 0, 0, 0] [1, 2, 3, 4] [1, 1, 1, 2] : tensor<1x2x3x4xf32> into tensor<1x2x3x7xf32>
  %p = tensor.pad %s low[0, 0, 1, 2] high[0, 0, 1, 2] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %one : f32
  } : tensor<1x2x3x7xf32> to tensor<1x2x5x11xf32>
  return %p : tensor<1x2x5x11xf32>
}

// -----

// A dynamic batch: the padded sizes come from the fill's init.
// CHECK-LABEL: func.func @zero_insertion_dynamic_batch
// CHECK-SAME: (%[[X:.*]]: tensor<?x2x3x4xf32>)
// CHECK: %[[N:.*]] = tensor.dim %[[X]], %c0
// CHECK: %[[EMPTY:.*]] = tensor.empty(%{{.*}}) : tensor<?x2x5x11xf32>
// CHECK: %[[FILL:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[EMPTY]] : tensor<?x2x5x11xf32>)
// CHECK: %[[R:.*]] = tensor.insert_slice %[[X]] into %[[FILL]][0, 0, 1, 2] [%[[N]], 2, 3, 4] [1, 1, 1, 2]
// CHECK: return %[[R]]
func.func @zero_insertion_dynamic_batch(%x: tensor<?x2x3x4xf32>) -> tensor<?x2x5x11xf32> {
  %c0 = arith.constant 0 : index
  %zero = arith.constant 0.0 : f32
  %n = tensor.dim %x, %c0 : tensor<?x2x3x4xf32>
  %e = tensor.empty(%n) : tensor<?x2x3x7xf32>
  %zeros = linalg.fill ins(%zero : f32) outs(%e : tensor<?x2x3x7xf32>) -> tensor<?x2x3x7xf32>
  %s = tensor.insert_slice %x into %zeros[0, 0, 0, 0] [%n, 2, 3, 4] [1, 1, 1, 2] : tensor<?x2x3x4xf32> into tensor<?x2x3x7xf32>
  %p = tensor.pad %s low[0, 0, 1, 2] high[0, 0, 1, 2] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<?x2x3x7xf32> to tensor<?x2x5x11xf32>
  return %p : tensor<?x2x5x11xf32>
}
