func.func @layer(%x: tensor<1x2x3xf32>) -> tensor<1x2x5xf32> {
  %w = arith.constant dense<[1.0, 2.0, 3.0]> : tensor<2x2x3xf32>
  %y = tconv.conv_transpose %x, %w : (tensor<1x2x3xf32>, tensor<2x2x3xf32>) -> tensor<1x2x5xf32>
  return %y : tensor<1x2x5xf32>
}
