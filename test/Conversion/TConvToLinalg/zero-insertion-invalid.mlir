// RUN: tconv-opt %s --convert-tconv-to-linalg --split-input-file --verify-diagnostics

// The lowering needs a static weight; the op itself is valid.
func.func @dynamic_weight(%x: tensor<1x2x4xf32>, %w: tensor<2x3x?xf32>) -> tensor<1x3x?xf32> {
  // expected-error @below {{'tconv.conv_transpose' op cannot be lowered to linalg: the weight shape must be static}}
  %y = tconv.conv_transpose %x, %w : (tensor<1x2x4xf32>, tensor<2x3x?xf32>) -> tensor<1x3x?xf32>
  return %y : tensor<1x3x?xf32>
}

// -----

func.func @dynamic_channels(%x: tensor<1x?x4xf32>, %w: tensor<2x3x2xf32>) -> tensor<1x3x5xf32> {
  // expected-error @below {{'tconv.conv_transpose' op cannot be lowered to linalg: the channel dims must be static}}
  %y = tconv.conv_transpose %x, %w : (tensor<1x?x4xf32>, tensor<2x3x2xf32>) -> tensor<1x3x5xf32>
  return %y : tensor<1x3x5xf32>
}
