
func.func @zero_insertion_when_empty_batch(%x: tensor<0x4x3xf32>,%w : tensor<2x3x3xf32>) -> tensor<0x9x2xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2>, layout = #tconv.layout<channels_last>} : (tensor<0x4x3xf32>, tensor<2x3x3xf32>) -> tensor<0x9x2xf32>
  return %y : tensor<0x9x2xf32>
}

