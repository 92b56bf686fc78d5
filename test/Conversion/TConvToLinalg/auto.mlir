// RUN: tconv-opt %s --convert-tconv-to-linalg | FileCheck %s --check-prefix=AUTO

// With dynamic spatial sizes `auto` falls back to zero insertion.
// AUTO-LABEL: func.func @dynamic_width
// AUTO: tensor.insert_slice {{.*}} [1, 2, 2, 1] : tensor<1x4x?x3xf32> into tensor<1x11x?x3xf32>
// AUTO: linalg.conv_2d_nhwc_hwcf
func.func @dynamic_width(%x: tensor<1x4x?x3xf32>, %w: tensor<2x3x3x3xf32>) -> tensor<1x9x?x2xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 2>, layout = #tconv.layout<channels_last>} : (tensor<1x4x?x3xf32>, tensor<2x3x3x3xf32>) -> tensor<1x9x?x2xf32>
  return %y : tensor<1x9x?x2xf32>
}
