// RUN: tconv-opt %s --convert-tconv-to-linalg="algorithm=subpixel" --split-input-file --verify-diagnostics

func.func @grouped(%x: tensor<1x4x4xf32>, %w: tensor<4x1x2xf32>) -> tensor<1x2x8xf32> {
  // expected-error @below {{cannot be lowered to linalg: the sub-pixel lowering needs groups == 1}}
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2>, groups = 2 : i64} : (tensor<1x4x4xf32>, tensor<4x1x2xf32>) -> tensor<1x2x8xf32>
  return %y : tensor<1x2x8xf32>
}

// -----

func.func @dynamic(%x: tensor<1x4x?xf32>, %w: tensor<4x1x2xf32>) -> tensor<1x1x?xf32> {
  // expected-error @below {{cannot be lowered to linalg: phase decomposition needs static spatial sizes}}
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2>} : (tensor<1x4x?xf32>, tensor<4x1x2xf32>) -> tensor<1x1x?xf32>
  return %y : tensor<1x1x?xf32>
}

// -----

// A one-pixel input allows any stride; its residues as channels would
// overflow int64 (10^12 * 10^12 * Cout).
func.func @huge_stride(%x: tensor<1x1x1x1xf32>, %w: tensor<1x1x1x1xf32>) -> tensor<1x1x1x1xf32> {
  // expected-error @below {{cannot be lowered to linalg: the sub-pixel channels (strides times Cout) overflow int64}}
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 1000000000000, 1000000000000>} : (tensor<1x1x1x1xf32>, tensor<1x1x1x1xf32>) -> tensor<1x1x1x1xf32>
  return %y : tensor<1x1x1x1xf32>
}

// -----

// dil * (k - 1) = INT64_MAX fits (the verifier checks it), but with stride
// 1 the sub-pixel taps, one more, do not.
func.func @huge_dilation_taps(%x: tensor<1x1x1x1xf32>, %w: tensor<1x1x1x2xf32>) -> tensor<1x1x1x1xf32> {
  // expected-error @below {{cannot be lowered to linalg: the sub-pixel taps overflow int64 in spatial dim 1}}
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 1>, dilations = array<i64: 1, 9223372036854775807>, padding = array<i64: 0, 4611686018427387904, 0, 4611686018427387903>} : (tensor<1x1x1x1xf32>, tensor<1x1x1x2xf32>) -> tensor<1x1x1x1xf32>
  return %y : tensor<1x1x1x1xf32>
}
