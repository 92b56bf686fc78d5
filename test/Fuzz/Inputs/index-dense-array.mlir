func.func @layer(%x: tensor<1x2x3x3xf32>, %w: tensor<2x2x3x3xf32>) -> tensor<1x2x7x7xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<index: 2, 2>}
       : (tensor<1x2x3x3xf32>, tensor<2x2x3x3xf32>) -> tensor<1x2x7x7xf32>
  return %y : tensor<1x2x7x7xf32>
}
