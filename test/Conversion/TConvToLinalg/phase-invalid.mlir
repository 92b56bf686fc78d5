// RUN: tconv-opt %s --convert-tconv-to-linalg="algorithm=phase" --verify-diagnostics

func.func @dynamic_width(%x: tensor<1x4x?x3xf32>, %w: tensor<2x3x3x3xf32>) -> tensor<1x9x?x2xf32> {
  // expected-error @below {{'tconv.conv_transpose' op cannot be lowered to linalg: phase decomposition needs static spatial sizes}}
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 2>, layout = #tconv.layout<channels_last>} : (tensor<1x4x?x3xf32>, tensor<2x3x3x3xf32>) -> tensor<1x9x?x2xf32>
  return %y : tensor<1x9x?x2xf32>
}
