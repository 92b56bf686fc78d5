// RUN: tconv-opt %s --convert-tconv-to-linalg --split-input-file | FileCheck %s

// A 1x1 kernel in 2-D runs as a 1-D convolution over the flattened pixels
// (the codegen vectorizes 1-D convolutions), here with one dynamic dim.
// CHECK-LABEL: func.func @flattened
// CHECK: tensor.collapse_shape {{.*}} : tensor<2x?x5x3xf32> into tensor<2x?x3xf32>
// CHECK: linalg.conv_1d_nwc_wcf
// CHECK: tensor.expand_shape {{.*}} : tensor<2x?x4xf32> into tensor<2x?x5x4xf32>
func.func @flattened(%x: tensor<2x?x5x3xf32>, %w: tensor<4x1x1x3xf32>) -> tensor<2x?x5x4xf32> {
  %y = tconv.conv_transpose %x, %w {layout = #tconv.layout<channels_last>} : (tensor<2x?x5x3xf32>, tensor<4x1x1x3xf32>) -> tensor<2x?x5x4xf32>
  return %y : tensor<2x?x5x4xf32>
}

// -----

// Two dynamic pixel dims stay 2-D: expanding the flat pixels back into two
// dynamic dims crashes upstream's --expand-strided-metadata (LLVM 22).
// CHECK-LABEL: func.func @two_dynamic_dims
// CHECK-NOT: tensor.collapse_shape
// CHECK: linalg.conv_2d_nhwc_hwcf
// CHECK-NOT: tensor.expand_shape
func.func @two_dynamic_dims(%x: tensor<2x?x?x3xf32>, %w: tensor<4x1x1x3xf32>) -> tensor<2x?x?x4xf32> {
  %y = tconv.conv_transpose %x, %w {layout = #tconv.layout<channels_last>} : (tensor<2x?x?x3xf32>, tensor<4x1x1x3xf32>) -> tensor<2x?x?x4xf32>
  return %y : tensor<2x?x?x4xf32>
}
