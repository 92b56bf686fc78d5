func.func @layer(%x: tensor<1x2x3xf32>, %w: tensor<2x2x3xf32>) -> tensor<1x2x9xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2>, output_padding = array<i64: 2>} : (tensor<1x2x3xf32>, tensor<2x2x3xf32>) -> tensor<1x2x9xf32>
  return %y : tensor<1x2x9xf32>
}
