// RUN: tconv-opt %s --tconv-convs-to-channels-last --split-input-file | FileCheck %s

// A 2-D convolution: the input transposed before its zero padding, the
// filter to (kh, kw, C, F), the init, and the result back.
// CHECK-LABEL: func.func @conv2d
// CHECK-SAME: (%[[X:.*]]: tensor<?x3x8x8xf32>, %[[W:.*]]: tensor<4x3x3x3xf32>, %[[INIT:.*]]: tensor<?x4x4x4xf32>)
// CHECK: %[[IT:.*]] = linalg.transpose ins(%[[INIT]] : tensor<?x4x4x4xf32>) outs(%{{.*}} : tensor<?x4x4x4xf32>) permutation = [0, 2, 3, 1]
// CHECK: %[[XT:.*]] = linalg.transpose ins(%[[X]] : tensor<?x3x8x8xf32>) outs(%{{.*}} : tensor<?x8x8x3xf32>) permutation = [0, 2, 3, 1]
// CHECK: %[[P:.*]] = tensor.pad %[[XT]] low[0, 1, 1, 0] high[0, 2, 2, 0]
// CHECK: } : tensor<?x8x8x3xf32> to tensor<?x11x11x3xf32>
// CHECK: %[[WT:.*]] = linalg.transpose ins(%[[W]] : tensor<4x3x3x3xf32>) outs(%{{.*}} : tensor<3x3x3x4xf32>) permutation = [2, 3, 1, 0]
// CHECK: %[[C:.*]] = linalg.conv_2d_nhwc_hwcf {dilations = dense<[1, 2]> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%[[P]], %[[WT]] : tensor<?x11x11x3xf32>, tensor<3x3x3x4xf32>) outs(%[[IT]] : tensor<?x4x4x4xf32>)
// CHECK: %[[Y:.*]] = linalg.transpose ins(%[[C]] : tensor<?x4x4x4xf32>) outs(%{{.*}} : tensor<?x4x4x4xf32>) permutation = [0, 3, 1, 2]
// CHECK: return %[[Y]]
func.func @conv2d(%x: tensor<?x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %init: tensor<?x4x4x4xf32>) -> tensor<?x4x4x4xf32> {
  %zero = arith.constant 0.0 : f32
  %p = tensor.pad %x low[0, 0, 1, 1] high[0, 0, 2, 2] {
  ^bb0(%a: index, %b: index, %c: index, %d: index):
    tensor.yield %zero : f32
  } : tensor<?x3x8x8xf32> to tensor<?x3x11x11xf32>
  %y = linalg.conv_2d_nchw_fchw {strides = dense<2> : tensor<2xi64>, dilations = dense<[1, 2]> : tensor<2xi64>}
       ins(%p, %w : tensor<?x3x11x11xf32>, tensor<4x3x3x3xf32>) outs(%init : tensor<?x4x4x4xf32>) -> tensor<?x4x4x4xf32>
  return %y : tensor<?x4x4x4xf32>
}

// -----

// A 1-D convolution; a padding with another value stays before the
// transpose.
// CHECK-LABEL: func.func @conv1d
// CHECK: %[[P:.*]] = tensor.pad
// CHECK: } : tensor<1x2x5xf32> to tensor<1x2x7xf32>
// CHECK: %[[XT:.*]] = linalg.transpose ins(%[[P]] : tensor<1x2x7xf32>) outs(%{{.*}} : tensor<1x7x2xf32>) permutation = [0, 2, 1]
// CHECK: linalg.transpose ins(%{{.*}} : tensor<6x2x3xf32>) outs(%{{.*}} : tensor<3x2x6xf32>) permutation = [2, 1, 0]
// CHECK: linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>} ins(%[[XT]], %{{.*}} : tensor<1x7x2xf32>, tensor<3x2x6xf32>) outs(%{{.*}} : tensor<1x5x6xf32>)
// CHECK: linalg.transpose ins(%{{.*}} : tensor<1x5x6xf32>) outs(%{{.*}} : tensor<1x6x5xf32>) permutation = [0, 2, 1]
func.func @conv1d(%x: tensor<1x2x5xf32>, %w: tensor<6x2x3xf32>, %init: tensor<1x6x5xf32>) -> tensor<1x6x5xf32> {
  %one = arith.constant 1.0 : f32
  %p = tensor.pad %x low[0, 0, 1] high[0, 0, 1] {
  ^bb0(%a: index, %b: index, %c: index):
    tensor.yield %one : f32
  } : tensor<1x2x5xf32> to tensor<1x2x7xf32>
  %y = linalg.conv_1d_ncw_fcw {strides = dense<1> : tensor<1xi64>, dilations = dense<1> : tensor<1xi64>}
       ins(%p, %w : tensor<1x2x7xf32>, tensor<6x2x3xf32>) outs(%init : tensor<1x6x5xf32>) -> tensor<1x6x5xf32>
  return %y : tensor<1x6x5xf32>
}

// -----

// Channels-last convolutions and 3-D ones (conv_3d is not vectorized in
// either layout) stay as they are.
// CHECK-LABEL: func.func @untouched
// CHECK-NOT: linalg.transpose
// CHECK: linalg.conv_2d_nhwc_hwcf
// CHECK: linalg.conv_3d_ncdhw_fcdhw
func.func @untouched(%x: tensor<1x4x4x2xf32>, %w: tensor<1x1x2x3xf32>, %i: tensor<1x4x4x3xf32>,
                     %x3: tensor<1x2x3x3x3xf32>, %w3: tensor<2x2x1x1x1xf32>, %i3: tensor<1x2x3x3x3xf32>)
    -> (tensor<1x4x4x3xf32>, tensor<1x2x3x3x3xf32>) {
  %a = linalg.conv_2d_nhwc_hwcf ins(%x, %w : tensor<1x4x4x2xf32>, tensor<1x1x2x3xf32>) outs(%i : tensor<1x4x4x3xf32>) -> tensor<1x4x4x3xf32>
  %b = linalg.conv_3d_ncdhw_fcdhw ins(%x3, %w3 : tensor<1x2x3x3x3xf32>, tensor<2x2x1x1x1xf32>) outs(%i3 : tensor<1x2x3x3x3xf32>) -> tensor<1x2x3x3x3xf32>
  return %a, %b : tensor<1x4x4x3xf32>, tensor<1x2x3x3x3xf32>
}
