// A two-layer TOSA decoder as a TFLite or torch-mlir TOSA export would give
// it (NHWC activations, OHWI weights, kernel 4, stride 2, out_pad -1, i.e.
// PyTorch's padding 1), with a ReLU between the layers. The input to
// docs/tutorials/tosa.md.
func.func @decoder(%x: tensor<1x4x4x16xf32>, %w1: tensor<8x4x4x16xf32>,
                   %b1: tensor<8xf32>, %w2: tensor<3x4x4x8xf32>,
                   %b2: tensor<3xf32>) -> tensor<1x16x16x3xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %h = tosa.transpose_conv2d %x, %w1, %b1, %zp, %zp
         {acc_type = f32, out_pad = array<i64: -1, -1, -1, -1>, stride = array<i64: 2, 2>}
       : (tensor<1x4x4x16xf32>, tensor<8x4x4x16xf32>, tensor<8xf32>, tensor<1xf32>, tensor<1xf32>)
      -> tensor<1x8x8x8xf32>
  %r = tosa.clamp %h {min_val = 0.0 : f32, max_val = 3.0e38 : f32}
       : (tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32>
  %y = tosa.transpose_conv2d %r, %w2, %b2, %zp, %zp
         {acc_type = f32, out_pad = array<i64: -1, -1, -1, -1>, stride = array<i64: 2, 2>}
       : (tensor<1x8x8x8xf32>, tensor<3x4x4x8xf32>, tensor<3xf32>, tensor<1xf32>, tensor<1xf32>)
      -> tensor<1x16x16x3xf32>
  return %y : tensor<1x16x16x3xf32>
}
