// algorithm=gemm (stamps that do not overlap) gives the reference's results:
// U-Net's 2x2 stride-2 up-convolution (sub-pixel GEMM), 3-D, with padding
// (a crop) and output_padding (bias-only rows), grouped (phases), and a 1x1
// kernel with stride 2 (one phase; the others keep the bias).
// RUN: tconv-run %s --entry=unet --check --pipeline-options="algorithm=gemm" | FileCheck %s
// RUN: tconv-run %s --entry=unet3d --check --pipeline-options="algorithm=gemm" | FileCheck %s
// RUN: tconv-run %s --entry=cropped --check --pipeline-options="algorithm=gemm" | FileCheck %s
// RUN: tconv-run %s --entry=grouped --check --pipeline-options="algorithm=gemm" | FileCheck %s
// RUN: tconv-run %s --entry=pointwise --check --pipeline-options="algorithm=gemm" | FileCheck %s
// CHECK: check conv_transpose #0 {{.*}} PASS
func.func @unet(%x: tensor<2x16x7x6xf32>, %w: tensor<16x8x2x2xf32>, %b: tensor<8xf32>) -> tensor<2x8x14x12xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>} : (tensor<2x16x7x6xf32>, tensor<16x8x2x2xf32>, tensor<8xf32>) -> tensor<2x8x14x12xf32>
  return %y : tensor<2x8x14x12xf32>
}
func.func @unet3d(%x: tensor<1x4x3x4x5xf32>, %w: tensor<4x6x2x2x2xf32>, %b: tensor<6xf32>) -> tensor<1x6x6x8x10xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2, 2>} : (tensor<1x4x3x4x5xf32>, tensor<4x6x2x2x2xf32>, tensor<6xf32>) -> tensor<1x6x6x8x10xf32>
  return %y : tensor<1x6x6x8x10xf32>
}
func.func @cropped(%x: tensor<1x5x6x6xf32>, %w: tensor<5x7x3x3xf32>, %b: tensor<7xf32>) -> tensor<1x7x17x18xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 3, 3>, padding = array<i64: 1, 0, 0, 1>, output_padding = array<i64: 0, 1>} : (tensor<1x5x6x6xf32>, tensor<5x7x3x3xf32>, tensor<7xf32>) -> tensor<1x7x17x18xf32>
  return %y : tensor<1x7x17x18xf32>
}
func.func @grouped(%x: tensor<2x6x4x4xf32>, %w: tensor<6x2x2x2xf32>, %b: tensor<6xf32>) -> tensor<2x6x8x8xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, groups = 3 : i64} : (tensor<2x6x4x4xf32>, tensor<6x2x2x2xf32>, tensor<6xf32>) -> tensor<2x6x8x8xf32>
  return %y : tensor<2x6x8x8xf32>
}
func.func @pointwise(%x: tensor<1x8x5x5xf32>, %w: tensor<8x4x1x1xf32>, %b: tensor<4xf32>) -> tensor<1x4x10x10xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, output_padding = array<i64: 1, 1>} : (tensor<1x8x5x5xf32>, tensor<8x4x1x1xf32>, tensor<4xf32>) -> tensor<1x4x10x10xf32>
  return %y : tensor<1x4x10x10xf32>
}
