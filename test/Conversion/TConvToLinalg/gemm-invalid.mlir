// RUN: tconv-opt %s --convert-tconv-to-linalg="algorithm=gemm" --split-input-file --verify-diagnostics

// Overlapping stamps (kernel 4 > stride 2): not a matrix multiplication.
func.func @overlapping(%x: tensor<1x4x4xf32>, %w: tensor<4x2x4xf32>) -> tensor<1x2x10xf32> {
  // expected-error @below {{cannot be lowered to linalg: algorithm=gemm needs stamps that do not overlap: kernel == stride with dilation 1, or kernel 1, in every dim (got kernel 4, stride 2, dilation 1)}}
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2>} : (tensor<1x4x4xf32>, tensor<4x2x4xf32>) -> tensor<1x2x10xf32>
  return %y : tensor<1x2x10xf32>
}

// -----

// Kernel == stride but dilated: the taps spread over 2 stamps.
func.func @dilated(%x: tensor<1x4x4xf32>, %w: tensor<4x2x2xf32>) -> tensor<1x2x9xf32> {
  // expected-error @below {{got kernel 2, stride 2, dilation 2}}
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2>, dilations = array<i64: 2>} : (tensor<1x4x4xf32>, tensor<4x2x2xf32>) -> tensor<1x2x9xf32>
  return %y : tensor<1x2x9xf32>
}

// -----

func.func @dynamic(%x: tensor<1x4x?xf32>, %w: tensor<4x1x2xf32>) -> tensor<1x1x?xf32> {
  // expected-error @below {{cannot be lowered to linalg: phase decomposition needs static spatial sizes}}
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2>} : (tensor<1x4x?xf32>, tensor<4x1x2xf32>) -> tensor<1x1x?xf32>
  return %y : tensor<1x1x?xf32>
}
