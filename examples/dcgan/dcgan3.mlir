// DCGAN generator layer 3 (suite layer "dcgan3"): 256 -> 128 channels,
// 8x8 -> 16x16, kernel 4, stride 2, padding 1, batch 16, with bias.
func.func @layer(%x: tensor<16x256x8x8xf32>, %w: tensor<256x128x4x4xf32>,
                 %b: tensor<128xf32>) -> tensor<16x128x16x16xf32> {
  %y = "tconv.conv_transpose"(%x, %w, %b) <{strides = array<i64: 2, 2>,
         padding = array<i64: 1, 1, 1, 1>, output_padding = array<i64: 0, 0>,
         dilations = array<i64: 1, 1>, groups = 1 : i64,
         layout = #tconv.layout<channels_first>}>
       : (tensor<16x256x8x8xf32>, tensor<256x128x4x4xf32>, tensor<128xf32>)
      -> tensor<16x128x16x16xf32>
  return %y : tensor<16x128x16x16xf32>
}
