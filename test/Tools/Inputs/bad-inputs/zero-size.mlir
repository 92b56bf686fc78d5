func.func @layer(%x: tensor<1x0x3xf32>, %w: tensor<0x2x3xf32>) -> tensor<1x2x5xf32> {
  %y = tconv.conv_transpose %x, %w : (tensor<1x0x3xf32>, tensor<0x2x3xf32>) -> tensor<1x2x5xf32>
  return %y : tensor<1x2x5xf32>
}
