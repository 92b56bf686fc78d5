func.func @layer(%x: tensor<1x2x3xf64>, %w: tensor<2x2x3xf64>) -> tensor<1x2x5xf64> {
  %y = tconv.conv_transpose %x, %w : (tensor<1x2x3xf64>, tensor<2x2x3xf64>) -> tensor<1x2x5xf64>
  return %y : tensor<1x2x5xf64>
}
