// RUN: tconv-opt %s --convert-tconv-to-linalg="algorithm=gemm" --split-input-file | FileCheck %s

// U-Net's up-convolution (kernel == stride 2, groups 1): one matrix
// multiplication over the flattened pixels with (residues, Cout) = 4 x 6
// output channels, then the pixel shuffle.
// CHECK-LABEL: func.func @unet_up
// CHECK: linalg.conv_1d_nwc_wcf {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x9x8xf32>, tensor<1x8x24xf32>) outs(%{{.*}} : tensor<1x9x24xf32>)
// CHECK-NOT: linalg.conv
func.func @unet_up(%x: tensor<1x3x3x8xf32>, %w: tensor<6x2x2x8xf32>, %b: tensor<6xf32>) -> tensor<1x6x6x6xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, layout = #tconv.layout<channels_last>} : (tensor<1x3x3x8xf32>, tensor<6x2x2x8xf32>, tensor<6xf32>) -> tensor<1x6x6x6xf32>
  return %y : tensor<1x6x6x6xf32>
}

// -----

// A 1x1 kernel with stride 3: one phase holds the only tap (a 1x1
// convolution written to every third output), the others keep the bias.
// CHECK-LABEL: func.func @pointwise_strided
// CHECK: linalg.conv_1d_nwc_wcf {{.*}} outs(%{{.*}} : tensor<1x4x5xf32>)
// CHECK-NOT: linalg.conv
func.func @pointwise_strided(%x: tensor<1x4x2xf32>, %w: tensor<5x1x2xf32>, %b: tensor<5xf32>) -> tensor<1x10x5xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 3>, layout = #tconv.layout<channels_last>} : (tensor<1x4x2xf32>, tensor<5x1x2xf32>, tensor<5xf32>) -> tensor<1x10x5xf32>
  return %y : tensor<1x10x5xf32>
}

// -----

// Grouped: the phases, each a grouped 1x1 convolution.
// CHECK-LABEL: func.func @grouped
// CHECK-COUNT-2: linalg.generic
// CHECK-NOT: tensor.pad
func.func @grouped(%x: tensor<1x4x3xf32>, %w: tensor<4x3x2xf32>) -> tensor<1x6x6xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2>, groups = 2 : i64} : (tensor<1x4x3xf32>, tensor<4x3x2xf32>) -> tensor<1x6x6xf32>
  return %y : tensor<1x6x6xf32>
}
