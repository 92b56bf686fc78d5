func.func @layer(%x: tensor<1x3x3xf32>, %w: tensor<3x2x3xf32>) -> tensor<1x4x5xf32> {
  %y = tconv.conv_transpose %x, %w {groups = 2 : i64} : (tensor<1x3x3xf32>, tensor<3x2x3xf32>) -> tensor<1x4x5xf32>
  return %y : tensor<1x4x5xf32>
}
