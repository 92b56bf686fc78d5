func.func @layer(%x: tensor<1x2x3xf32>, %w: tensor<2x2x3xf32>) -> tensor<1x2x5xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 1