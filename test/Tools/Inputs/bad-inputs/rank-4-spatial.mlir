func.func @layer(%x: tensor<1x2x3x3x3x3xf32>, %w: tensor<2x2x1x1x1x1xf32>) -> tensor<1x2x3x3x3x3xf32> {
  %y = tconv.conv_transpose %x, %w : (tensor<1x2x3x3x3x3xf32>, tensor<2x2x1x1x1x1xf32>) -> tensor<1x2x3x3x3x3xf32>
  return %y : tensor<1x2x3x3x3x3xf32>
}
