func.func @layer(%x: tensor<1x2x3xf32>, %w: tensor<2x2x3xf32>) -> tensor<1x2x?xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 9223372036854775807>} : (tensor<1x2x3xf32>, tensor<2x2x3xf32>) -> tensor<1x2x?xf32>
  return %y : tensor<1x2x?xf32>
}
