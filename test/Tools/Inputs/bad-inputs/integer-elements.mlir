func.func @layer(%x: tensor<1x2x3xi32>, %w: tensor<2x2x3xi32>) -> tensor<1x2x5xi32> {
  %y = tconv.conv_transpose %x, %w : (tensor<1x2x3xi32>, tensor<2x2x3xi32>) -> tensor<1x2x5xi32>
  return %y : tensor<1x2x5xi32>
}
