func.func @layer(%x: tensor<1x2x3xui8>, %w: tensor<2x2x3xi8>) -> tensor<1x2x5xi32> {
  %y = tconv.conv_transpose %x, %w {input_zero_point = 256 : i32} : (tensor<1x2x3xui8>, tensor<2x2x3xi8>) -> tensor<1x2x5xi32>
  return %y : tensor<1x2x5xi32>
}
