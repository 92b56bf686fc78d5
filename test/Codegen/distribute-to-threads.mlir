// RUN: tconv-opt %s --split-input-file --tconv-distribute-to-threads="threads=2 min-iterations=1" | FileCheck %s

// A convolution splits its batch when the thread count divides it.
// CHECK-LABEL: func.func @batch
// CHECK: scf.forall (%{{.*}}) = (0) to (4) step (2)
// CHECK: linalg.conv_2d_nhwc_hwcf ins({{.*}} : tensor<2x10x10x8xf32>, tensor<3x3x8x16xf32>) outs({{.*}} : tensor<2x8x8x16xf32>)
// CHECK: scf.forall.in_parallel
func.func @batch(%x: tensor<4x10x10x8xf32>, %w: tensor<3x3x8x16xf32>, %acc: tensor<4x8x8x16xf32>) -> tensor<4x8x8x16xf32> {
  %0 = linalg.conv_2d_nhwc_hwcf ins(%x, %w : tensor<4x10x10x8xf32>, tensor<3x3x8x16xf32>) outs(%acc : tensor<4x8x8x16xf32>) -> tensor<4x8x8x16xf32>
  return %0 : tensor<4x8x8x16xf32>
}

// -----

// Batch 1: the outermost output image dim (rows) is split.
// CHECK-LABEL: func.func @rows
// CHECK: scf.forall (%{{.*}}) = (0) to (8) step (4)
// CHECK: linalg.conv_2d_nhwc_hwcf {{.*}} outs({{.*}} : tensor<1x4x7x16xf32>)
func.func @rows(%x: tensor<1x10x9x8xf32>, %w: tensor<3x3x8x16xf32>, %acc: tensor<1x8x7x16xf32>) -> tensor<1x8x7x16xf32> {
  %0 = linalg.conv_2d_nhwc_hwcf ins(%x, %w : tensor<1x10x9x8xf32>, tensor<3x3x8x16xf32>) outs(%acc : tensor<1x8x7x16xf32>) -> tensor<1x8x7x16xf32>
  return %0 : tensor<1x8x7x16xf32>
}

// -----

// Odd batch and image sizes: the output channels are split.
// CHECK-LABEL: func.func @channels
// CHECK: scf.forall (%{{.*}}) = (0) to (16) step (8)
// CHECK: linalg.conv_2d_nhwc_hwcf {{.*}} outs({{.*}} : tensor<1x7x7x8xf32>)
func.func @channels(%x: tensor<1x9x9x8xf32>, %w: tensor<3x3x8x16xf32>, %acc: tensor<1x7x7x16xf32>) -> tensor<1x7x7x16xf32> {
  %0 = linalg.conv_2d_nhwc_hwcf ins(%x, %w : tensor<1x9x9x8xf32>, tensor<3x3x8x16xf32>) outs(%acc : tensor<1x7x7x16xf32>) -> tensor<1x7x7x16xf32>
  return %0 : tensor<1x7x7x16xf32>
}

// -----

// Nothing the thread count divides: the op stays serial.
// CHECK-LABEL: func.func @indivisible
// CHECK-NOT: scf.forall
// CHECK: linalg.conv_2d_nhwc_hwcf
func.func @indivisible(%x: tensor<1x9x9x8xf32>, %w: tensor<3x3x8x15xf32>, %acc: tensor<1x7x7x15xf32>) -> tensor<1x7x7x15xf32> {
  %0 = linalg.conv_2d_nhwc_hwcf ins(%x, %w : tensor<1x9x9x8xf32>, tensor<3x3x8x15xf32>) outs(%acc : tensor<1x7x7x15xf32>) -> tensor<1x7x7x15xf32>
  return %0 : tensor<1x7x7x15xf32>
}

// -----

// Other ops split their outermost parallel loop; a reduction is never split.
// CHECK-LABEL: func.func @transpose
// CHECK: scf.forall (%{{.*}}) = (0) to (6) step (3)
// CHECK: linalg.transpose ins({{.*}} : tensor<3x4x5xf32>)
func.func @transpose(%x: tensor<6x4x5xf32>, %init: tensor<6x5x4xf32>) -> tensor<6x5x4xf32> {
  %0 = linalg.transpose ins(%x : tensor<6x4x5xf32>) outs(%init : tensor<6x5x4xf32>) permutation = [0, 2, 1]
  return %0 : tensor<6x5x4xf32>
}

// -----

// CHECK-LABEL: func.func @reduction
// CHECK-NOT: scf.forall
func.func @reduction(%x: tensor<7x6xf32>, %init: tensor<7xf32>) -> tensor<7xf32> {
  %0 = linalg.reduce ins(%x : tensor<7x6xf32>) outs(%init : tensor<7xf32>) dimensions = [1]
    (%a: f32, %b: f32) {
      %s = arith.addf %a, %b : f32
      linalg.yield %s : f32
    }
  return %0 : tensor<7xf32>
}
