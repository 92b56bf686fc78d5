// RUN: tconv-opt %s -split-input-file -verify-diagnostics

// Invalid tconv.conv_transpose ops, one verifier rule per case. The rules are
// checked in the result type inference; when it fails, the standard
// "failed to infer returned types" error follows the specific one.

// Input rank 2: no spatial dim.
func.func @input_rank_2(%x: tensor<1x2xf32>, %w: tensor<2x3xf32>) {
  // expected-error @below {{input must have rank 3, 4 or 5 (batch, channels and 1 to 3 spatial dims), got rank 2}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) : (tensor<1x2xf32>, tensor<2x3xf32>) -> tensor<1x3xf32>
  return
}

// -----

// Input rank 6: four spatial dims.
func.func @input_rank_6(%x: tensor<1x2x2x2x2x2xf32>, %w: tensor<2x3x1x1x1x1xf32>) {
  // expected-error @below {{input must have rank 3, 4 or 5 (batch, channels and 1 to 3 spatial dims), got rank 6}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) : (tensor<1x2x2x2x2x2xf32>, tensor<2x3x1x1x1x1xf32>) -> tensor<1x3x2x2x2x2xf32>
  return
}

// -----

func.func @weight_rank_mismatch(%x: tensor<1x2x4x4xf32>, %w: tensor<2x3x3xf32>) {
  // expected-error @below {{weight must have rank 4 like the input, got rank 3}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) : (tensor<1x2x4x4xf32>, tensor<2x3x3xf32>) -> tensor<1x3x6x6xf32>
  return
}

// -----

func.func @weight_rank_larger(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3x3xf32>) {
  // expected-error @below {{weight must have rank 3 like the input, got rank 4}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) : (tensor<1x2x4xf32>, tensor<2x3x3x3xf32>) -> tensor<1x3x6xf32>
  return
}

// -----

func.func @weight_element_type(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3xf16>) {
  // expected-error @below {{weight element type 'f16' differs from input element type 'f32'}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) : (tensor<1x2x4xf32>, tensor<2x3x3xf16>) -> tensor<1x3x6xf32>
  return
}

// -----

func.func @bias_element_type(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3xf32>, %b: tensor<3xbf16>) {
  // expected-error @below {{bias element type 'bf16' differs from input element type 'f32'}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w, %b) : (tensor<1x2x4xf32>, tensor<2x3x3xf32>, tensor<3xbf16>) -> tensor<1x3x6xf32>
  return
}

// -----

// The result element type must be the input's (f16 is allowed by the type constraint).
func.func @result_element_type(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3xf32>) {
  // expected-error @below {{inferred type(s) 'tensor<1x3x6xf32>' are incompatible with return type(s) of operation 'tensor<1x3x6xf16>'}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) : (tensor<1x2x4xf32>, tensor<2x3x3xf32>) -> tensor<1x3x6xf16>
  return
}

// -----

// An i32 input is rejected by the operand type constraint (quantized ops take
// i8 or ui8).
func.func @element_type_i32(%x: tensor<1x2x4xi32>, %w: tensor<2x3x3xi32>) {
  // expected-error @below {{operand #0 must be ranked tensor of 32-bit float or 16-bit float or bfloat16 type or 8-bit signless integer or 8-bit unsigned integer values, but got 'tensor<1x2x4xi32>'}}
  %y = "tconv.conv_transpose"(%x, %w) : (tensor<1x2x4xi32>, tensor<2x3x3xi32>) -> tensor<1x3x6xi32>
  return
}

// -----

// f64 is not supported.
func.func @element_type_f64(%x: tensor<1x2x4xf64>, %w: tensor<2x3x3xf64>) {
  // expected-error @below {{operand #0 must be ranked tensor of 32-bit float or 16-bit float or bfloat16 type or 8-bit signless integer or 8-bit unsigned integer values, but got 'tensor<1x2x4xf64>'}}
  %y = "tconv.conv_transpose"(%x, %w) : (tensor<1x2x4xf64>, tensor<2x3x3xf64>) -> tensor<1x3x6xf64>
  return
}

// -----

func.func @result_element_type_f64(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3xf32>) {
  // expected-error @below {{result #0 must be ranked tensor of 32-bit float or 16-bit float or bfloat16 type or 32-bit signless integer values, but got 'tensor<1x3x6xf64>'}}
  %y = "tconv.conv_transpose"(%x, %w) : (tensor<1x2x4xf32>, tensor<2x3x3xf32>) -> tensor<1x3x6xf64>
  return
}

// -----

func.func @unranked_input(%x: tensor<*xf32>, %w: tensor<2x3x3xf32>) {
  // expected-error @below {{operand #0 must be ranked tensor of 32-bit float or 16-bit float or bfloat16 type or 8-bit signless integer or 8-bit unsigned integer values, but got 'tensor<*xf32>'}}
  %y = "tconv.conv_transpose"(%x, %w) : (tensor<*xf32>, tensor<2x3x3xf32>) -> tensor<1x3x6xf32>
  return
}

// -----

func.func @unranked_weight(%x: tensor<1x2x4xf32>, %w: tensor<*xf32>) {
  // expected-error @below {{operand #1 must be ranked tensor of 32-bit float or 16-bit float or bfloat16 type or 8-bit signless integer values, but got 'tensor<*xf32>'}}
  %y = "tconv.conv_transpose"(%x, %w) : (tensor<1x2x4xf32>, tensor<*xf32>) -> tensor<1x3x6xf32>
  return
}

// -----

func.func @unranked_bias(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3xf32>, %b: tensor<*xf32>) {
  // expected-error @below {{operand #2 must be ranked tensor of 32-bit float or 16-bit float or bfloat16 type or 32-bit signless integer values, but got 'tensor<*xf32>'}}
  %y = "tconv.conv_transpose"(%x, %w, %b) : (tensor<1x2x4xf32>, tensor<2x3x3xf32>, tensor<*xf32>) -> tensor<1x3x6xf32>
  return
}

// -----

func.func @unranked_result(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3xf32>) {
  // expected-error @below {{result #0 must be ranked tensor of 32-bit float or 16-bit float or bfloat16 type or 32-bit signless integer values, but got 'tensor<*xf32>'}}
  %y = "tconv.conv_transpose"(%x, %w) : (tensor<1x2x4xf32>, tensor<2x3x3xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @strides_length(%x: tensor<1x2x4x4xf32>, %w: tensor<2x3x3x3xf32>) {
  // expected-error @below {{'strides' must have 2 values (one per spatial dim), got 1: [2]}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) <{strides = array<i64: 2>}> : (tensor<1x2x4x4xf32>, tensor<2x3x3x3xf32>) -> tensor<1x3x6x6xf32>
  return
}

// -----

// padding needs 2*d values (all begins, then all ends).
func.func @padding_length(%x: tensor<1x2x4x4xf32>, %w: tensor<2x3x3x3xf32>) {
  // expected-error @below {{'padding' must have 4 values (all begins, then all ends), got 2: [1, 1]}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) <{padding = array<i64: 1, 1>}> : (tensor<1x2x4x4xf32>, tensor<2x3x3x3xf32>) -> tensor<1x3x6x6xf32>
  return
}

// -----

func.func @padding_length_1d(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3xf32>) {
  // expected-error @below {{'padding' must have 2 values (all begins, then all ends), got 1: [1]}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) <{padding = array<i64: 1>}> : (tensor<1x2x4xf32>, tensor<2x3x3xf32>) -> tensor<1x3x6xf32>
  return
}

// -----

func.func @output_padding_length(%x: tensor<1x2x4x4xf32>, %w: tensor<2x3x3x3xf32>) {
  // expected-error @below {{'output_padding' must have 2 values (one per spatial dim), got 3: [0, 0, 0]}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) <{output_padding = array<i64: 0, 0, 0>}> : (tensor<1x2x4x4xf32>, tensor<2x3x3x3xf32>) -> tensor<1x3x6x6xf32>
  return
}

// -----

func.func @dilations_length(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3xf32>) {
  // expected-error @below {{'dilations' must have 1 value (one per spatial dim), got 2: [1, 1]}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) <{dilations = array<i64: 1, 1>}> : (tensor<1x2x4xf32>, tensor<2x3x3xf32>) -> tensor<1x3x6xf32>
  return
}

// -----

func.func @strides_empty(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3xf32>) {
  // expected-error @below {{'strides' must have 1 value (one per spatial dim), got 0: []}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) <{strides = array<i64>}> : (tensor<1x2x4xf32>, tensor<2x3x3xf32>) -> tensor<1x3x6xf32>
  return
}

// -----

func.func @stride_zero(%x: tensor<1x2x4x4xf32>, %w: tensor<2x3x3x3xf32>) {
  // expected-error @below {{'strides' values must be >= 1, got [1, 0]}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) <{strides = array<i64: 1, 0>}> : (tensor<1x2x4x4xf32>, tensor<2x3x3x3xf32>) -> tensor<1x3x6x6xf32>
  return
}

// -----

func.func @stride_negative(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3xf32>) {
  // expected-error @below {{'strides' values must be >= 1, got [-2]}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) <{strides = array<i64: -2>}> : (tensor<1x2x4xf32>, tensor<2x3x3xf32>) -> tensor<1x3x6xf32>
  return
}

// -----

func.func @stride_int64_min(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3xf32>) {
  // expected-error @below {{'strides' values must be >= 1, got [-9223372036854775808]}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) <{strides = array<i64: -9223372036854775808>}> : (tensor<1x2x4xf32>, tensor<2x3x3xf32>) -> tensor<1x3x6xf32>
  return
}

// -----

func.func @dilation_zero(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3xf32>) {
  // expected-error @below {{'dilations' values must be >= 1, got [0]}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) <{dilations = array<i64: 0>}> : (tensor<1x2x4xf32>, tensor<2x3x3xf32>) -> tensor<1x3x6xf32>
  return
}

// -----

func.func @dilation_negative(%x: tensor<1x2x4x4xf32>, %w: tensor<2x3x3x3xf32>) {
  // expected-error @below {{'dilations' values must be >= 1, got [2, -1]}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) <{dilations = array<i64: 2, -1>}> : (tensor<1x2x4x4xf32>, tensor<2x3x3x3xf32>) -> tensor<1x3x6x6xf32>
  return
}

// -----

func.func @padding_negative(%x: tensor<1x2x4x4xf32>, %w: tensor<2x3x3x3xf32>) {
  // expected-error @below {{'padding' values must be >= 0, got [0, 0, -1, 0]}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) <{padding = array<i64: 0, 0, -1, 0>}> : (tensor<1x2x4x4xf32>, tensor<2x3x3x3xf32>) -> tensor<1x3x6x6xf32>
  return
}

// -----

func.func @padding_int64_min(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3xf32>) {
  // expected-error @below {{'padding' values must be >= 0, got [-9223372036854775808, 0]}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) <{padding = array<i64: -9223372036854775808, 0>}> : (tensor<1x2x4xf32>, tensor<2x3x3xf32>) -> tensor<1x3x6xf32>
  return
}

// -----

func.func @output_padding_negative(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3xf32>) {
  // expected-error @below {{'output_padding' values must be >= 0, got [-1]}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) <{strides = array<i64: 2>, output_padding = array<i64: -1>}> : (tensor<1x2x4xf32>, tensor<2x3x3xf32>) -> tensor<1x3x6xf32>
  return
}

// -----

// output_padding == max(stride, dilation) = stride.
func.func @output_padding_equal_stride(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3xf32>) {
  // expected-error @below {{'output_padding' must be smaller than max(stride, dilation) in every spatial dim, got 2 >= max(2, 1) in spatial dim 0}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) <{strides = array<i64: 2>, output_padding = array<i64: 2>}> : (tensor<1x2x4xf32>, tensor<2x3x3xf32>) -> tensor<1x3x11xf32>
  return
}

// -----

// output_padding == max(stride, dilation) = dilation (second dim).
func.func @output_padding_equal_dilation(%x: tensor<1x2x4x4xf32>, %w: tensor<2x3x3x3xf32>) {
  // expected-error @below {{'output_padding' must be smaller than max(stride, dilation) in every spatial dim, got 3 >= max(1, 3) in spatial dim 1}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) <{dilations = array<i64: 1, 3>, output_padding = array<i64: 0, 3>}> : (tensor<1x2x4x4xf32>, tensor<2x3x3x3xf32>) -> tensor<1x3x6x12xf32>
  return
}

// -----

// With the default stride and dilation (1) any output_padding > 0 is too large.
func.func @output_padding_default_stride(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3xf32>) {
  // expected-error @below {{'output_padding' must be smaller than max(stride, dilation) in every spatial dim, got 1 >= max(1, 1) in spatial dim 0}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) <{output_padding = array<i64: 1>}> : (tensor<1x2x4xf32>, tensor<2x3x3xf32>) -> tensor<1x3x7xf32>
  return
}

// -----

func.func @output_padding_too_large(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3xf32>) {
  // expected-error @below {{'output_padding' must be smaller than max(stride, dilation) in every spatial dim, got 5 >= max(2, 2) in spatial dim 0}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) <{strides = array<i64: 2>, dilations = array<i64: 2>, output_padding = array<i64: 5>}> : (tensor<1x2x4xf32>, tensor<2x3x3xf32>) -> tensor<1x3x15xf32>
  return
}

// -----

func.func @groups_zero(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3xf32>) {
  // expected-error @below {{'groups' must be >= 1, got 0}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) <{groups = 0 : i64}> : (tensor<1x2x4xf32>, tensor<2x3x3xf32>) -> tensor<1x3x6xf32>
  return
}

// -----

func.func @groups_negative(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3xf32>) {
  // expected-error @below {{'groups' must be >= 1, got -2}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) <{groups = -2 : i64}> : (tensor<1x2x4xf32>, tensor<2x3x3xf32>) -> tensor<1x3x6xf32>
  return
}

// -----

// Cin = 6, groups = 4.
func.func @groups_not_dividing_cin(%x: tensor<1x6x4xf32>, %w: tensor<6x1x3xf32>) {
  // expected-error @below {{'groups' (4) must divide the input channels (6)}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) <{groups = 4 : i64}> : (tensor<1x6x4xf32>, tensor<6x1x3xf32>) -> tensor<1x4x6xf32>
  return
}

// -----

// channels_last: Cin = 5, groups = 2.
func.func @groups_not_dividing_cin_channels_last(%x: tensor<1x4x5xf32>, %w: tensor<4x3x2xf32>) {
  // expected-error @below {{'groups' (2) must divide the input channels (5)}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) <{groups = 2 : i64, layout = #tconv.layout<channels_last>}> : (tensor<1x4x5xf32>, tensor<4x3x2xf32>) -> tensor<1x6x4xf32>
  return
}

// -----

// channels_last: Cout = weight dim 0 = 3, groups = 2.
func.func @groups_not_dividing_cout(%x: tensor<1x4x4xf32>, %w: tensor<3x3x2xf32>) {
  // expected-error @below {{'groups' (2) must divide the output channels (weight dim 0 = 3)}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) <{groups = 2 : i64, layout = #tconv.layout<channels_last>}> : (tensor<1x4x4xf32>, tensor<3x3x2xf32>) -> tensor<1x6x3xf32>
  return
}

// -----

// Cin is dynamic, but channels_first weight dim 0 (= Cin) is 3, which groups = 2
// does not divide: the op can never be valid.
// NOTE: verifier gap at the time of writing: this op is accepted.
func.func @groups_not_dividing_weight_cin(%x: tensor<1x?x4xf32>, %w: tensor<3x2x3xf32>) {
  // expected-error @below {{'groups' (2) must divide the input channels}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) <{groups = 2 : i64}> : (tensor<1x?x4xf32>, tensor<3x2x3xf32>) -> tensor<1x4x6xf32>
  return
}

// -----

// channels_first: weight dim 0 must be Cin (4).
func.func @weight_cin_channels_first(%x: tensor<1x4x4xf32>, %w: tensor<3x3x3xf32>) {
  // expected-error @below {{weight dim 0 (Cin) must equal the input channels (4) for the channels_first layout, got 3}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) : (tensor<1x4x4xf32>, tensor<3x3x3xf32>) -> tensor<1x3x6xf32>
  return
}

// -----

// channels_first with groups: weight dim 0 is Cin, not Cin/G.
func.func @weight_cin_channels_first_grouped(%x: tensor<1x4x4xf32>, %w: tensor<2x3x3xf32>) {
  // expected-error @below {{weight dim 0 (Cin) must equal the input channels (4) for the channels_first layout, got 2}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) <{groups = 2 : i64}> : (tensor<1x4x4xf32>, tensor<2x3x3xf32>) -> tensor<1x6x6xf32>
  return
}

// -----

// channels_last: weight last dim must be Cin/G = 4/2.
func.func @weight_cin_channels_last(%x: tensor<1x4x4x4xf32>, %w: tensor<6x3x3x4xf32>) {
  // expected-error @below {{weight dim 3 (Cin/groups) must be 2 (input channels 4 / groups 2) for the channels_last layout, got 4}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) <{groups = 2 : i64, layout = #tconv.layout<channels_last>}> : (tensor<1x4x4x4xf32>, tensor<6x3x3x4xf32>) -> tensor<1x6x6x6xf32>
  return
}

// -----

// A channels_first (Cin, Cout, k) weight used with channels_last: weight last dim is k = 3, not Cin = 2.
func.func @channels_first_weight_in_channels_last_op(%x: tensor<1x4x2xf32>, %w: tensor<2x3x3xf32>) {
  // expected-error @below {{weight dim 2 (Cin/groups) must be 2 (input channels 2 / groups 1) for the channels_last layout, got 3}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) <{layout = #tconv.layout<channels_last>}> : (tensor<1x4x2xf32>, tensor<2x3x3xf32>) -> tensor<1x6x3xf32>
  return
}

// -----

// Cout = weight dim 1 * groups overflows int64 (Cin dynamic).
func.func @output_channels_overflow(%x: tensor<1x?x4xf32>, %w: tensor<?x4611686018427387904x3xf32>) {
  // expected-error @below {{output channels (weight dim 1 = 4611686018427387904 times groups 2) overflow int64}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) <{groups = 2 : i64}> : (tensor<1x?x4xf32>, tensor<?x4611686018427387904x3xf32>) -> tensor<1x?x6xf32>
  return
}

// -----

func.func @bias_rank_2(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3xf32>, %b: tensor<1x3xf32>) {
  // expected-error @below {{bias must be a 1-D tensor of Cout elements, got 'tensor<1x3xf32>'}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w, %b) : (tensor<1x2x4xf32>, tensor<2x3x3xf32>, tensor<1x3xf32>) -> tensor<1x3x6xf32>
  return
}

// -----

func.func @bias_rank_0(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3xf32>, %b: tensor<f32>) {
  // expected-error @below {{bias must be a 1-D tensor of Cout elements, got 'tensor<f32>'}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w, %b) : (tensor<1x2x4xf32>, tensor<2x3x3xf32>, tensor<f32>) -> tensor<1x3x6xf32>
  return
}

// -----

func.func @bias_size(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3xf32>, %b: tensor<2xf32>) {
  // expected-error @below {{bias must have Cout = 3 elements, got 2}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w, %b) : (tensor<1x2x4xf32>, tensor<2x3x3xf32>, tensor<2xf32>) -> tensor<1x3x6xf32>
  return
}

// -----

// Cout = weight dim 1 * groups = 3 * 2 = 6, not 3.
func.func @bias_size_groups(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3xf32>, %b: tensor<3xf32>) {
  // expected-error @below {{bias must have Cout = 6 elements, got 3}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w, %b) <{groups = 2 : i64}> : (tensor<1x2x4xf32>, tensor<2x3x3xf32>, tensor<3xf32>) -> tensor<1x6x6xf32>
  return
}

// -----

// channels_last: Cout = weight dim 0 = 5.
func.func @bias_size_channels_last(%x: tensor<1x4x2xf32>, %w: tensor<5x3x2xf32>, %b: tensor<4xf32>) {
  // expected-error @below {{bias must have Cout = 5 elements, got 4}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w, %b) <{layout = #tconv.layout<channels_last>}> : (tensor<1x4x2xf32>, tensor<5x3x2xf32>, tensor<4xf32>) -> tensor<1x6x5xf32>
  return
}

// -----

// I = 2, k = 3, p = 2/2: 1 - 4 + 2 + 1 = 0.
func.func @output_size_zero(%x: tensor<1x2x2xf32>, %w: tensor<2x3x3xf32>) {
  // expected-error @below {{output size in spatial dim 0 is 0, must be >= 1: (I - 1) * stride - pad_begin - pad_end + dilation * (k - 1) + output_padding + 1 with I = 2, stride = 1, padding = 2/2, dilation = 1, k = 3, output_padding = 0}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) <{padding = array<i64: 2, 2>}> : (tensor<1x2x2xf32>, tensor<2x3x3xf32>) -> tensor<1x3x1xf32>
  return
}

// -----

// Second dim: I = 4, k = 3, s = 2, p = 5/4: 6 - 9 + 2 + 1 = 0; first dim fine.
func.func @output_size_negative(%x: tensor<1x2x4x4xf32>, %w: tensor<2x3x3x3xf32>) {
  // expected-error @below {{output size in spatial dim 1 is 0, must be >= 1}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) <{strides = array<i64: 2, 2>, padding = array<i64: 0, 5, 0, 4>}> : (tensor<1x2x4x4xf32>, tensor<2x3x3x3xf32>) -> tensor<1x3x7x1xf32>
  return
}

// -----

// I = 4, k = 3, p = 10/10: 3 - 20 + 2 + 1 = -14.
func.func @output_size_very_negative(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3xf32>) {
  // expected-error @below {{output size in spatial dim 0 is -14, must be >= 1}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) <{padding = array<i64: 10, 10>}> : (tensor<1x2x4xf32>, tensor<2x3x3xf32>) -> tensor<1x3x6xf32>
  return
}

// -----

// stride = INT64_MAX, I = 3: (I - 1) * stride overflows.
func.func @huge_stride(%x: tensor<1x2x3xf32>, %w: tensor<2x3x3xf32>) {
  // expected-error @below {{output size in spatial dim 0 overflows int64 (input 3, kernel 3, stride 9223372036854775807)}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) <{strides = array<i64: 9223372036854775807>}> : (tensor<1x2x3xf32>, tensor<2x3x3xf32>) -> tensor<1x3x6xf32>
  return
}

// -----

// dilation = INT64_MAX, k = 3: dilation * (k - 1) overflows.
func.func @huge_dilation(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3xf32>) {
  // expected-error @below {{size arithmetic overflows int64 in spatial dim 0 (kernel 3, dilation 9223372036854775807)}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) <{dilations = array<i64: 9223372036854775807>}> : (tensor<1x2x4xf32>, tensor<2x3x3xf32>) -> tensor<1x3x6xf32>
  return
}

// -----

// pad_begin = INT64_MAX: I = 4, k = 3: 3 - INT64_MAX + 2 + 1 = -9223372036854775801.
func.func @huge_padding(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3xf32>) {
  // expected-error @below {{output size in spatial dim 0 is -9223372036854775801, must be >= 1}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) <{padding = array<i64: 9223372036854775807, 0>}> : (tensor<1x2x4xf32>, tensor<2x3x3xf32>) -> tensor<1x3x6xf32>
  return
}

// -----

// pad_begin = pad_end = INT64_MAX: the subtraction overflows.
func.func @huge_padding_both(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3xf32>) {
  // expected-error @below {{output size in spatial dim 0 overflows int64 (input 4, kernel 3, stride 1)}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) <{padding = array<i64: 9223372036854775807, 9223372036854775807>}> : (tensor<1x2x4xf32>, tensor<2x3x3xf32>) -> tensor<1x3x6xf32>
  return
}

// -----

// stride = INT64_MAX, output_padding = INT64_MAX - 1 (< stride), I = 2, k = 1:
// INT64_MAX + INT64_MAX - 1 + 1 overflows.
func.func @huge_output_padding(%x: tensor<1x2x2xf32>, %w: tensor<2x3x1xf32>) {
  // expected-error @below {{output size in spatial dim 0 overflows int64 (input 2, kernel 1, stride 9223372036854775807)}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) <{strides = array<i64: 9223372036854775807>, output_padding = array<i64: 9223372036854775806>}> : (tensor<1x2x2xf32>, tensor<2x3x1xf32>) -> tensor<1x3x6xf32>
  return
}

// -----

// I = INT64_MAX (static), stride 2: (I - 1) * 2 overflows.
func.func @huge_input(%x: tensor<1x2x9223372036854775807xf32>, %w: tensor<2x3x3xf32>) {
  // expected-error @below {{output size in spatial dim 0 overflows int64 (input 9223372036854775807, kernel 3, stride 2)}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) <{strides = array<i64: 2>}> : (tensor<1x2x9223372036854775807xf32>, tensor<2x3x3xf32>) -> tensor<1x3x6xf32>
  return
}

// -----

func.func @weight_dim_zero(%x: tensor<1x2x4xf32>, %w: tensor<2x0x3xf32>) {
  // expected-error @below {{weight dims must be >= 1, got dim 1 = 0}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) : (tensor<1x2x4xf32>, tensor<2x0x3xf32>) -> tensor<1x0x6xf32>
  return
}

// -----

func.func @weight_kernel_zero(%x: tensor<1x2x4xf32>, %w: tensor<2x3x0xf32>) {
  // expected-error @below {{weight dims must be >= 1, got dim 2 = 0}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) : (tensor<1x2x4xf32>, tensor<2x3x0xf32>) -> tensor<1x3x6xf32>
  return
}

// -----

func.func @weight_dim_zero_channels_last(%x: tensor<1x4x2xf32>, %w: tensor<0x3x2xf32>) {
  // expected-error @below {{weight dims must be >= 1, got dim 0 = 0}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) <{layout = #tconv.layout<channels_last>}> : (tensor<1x4x2xf32>, tensor<0x3x2xf32>) -> tensor<1x6x0xf32>
  return
}

// -----

func.func @input_spatial_dim_zero(%x: tensor<1x2x0xf32>, %w: tensor<2x3x3xf32>) {
  // expected-error @below {{input spatial dim 0 must be >= 1, got 0}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) : (tensor<1x2x0xf32>, tensor<2x3x3xf32>) -> tensor<1x3x6xf32>
  return
}

// -----

func.func @input_spatial_dim_zero_channels_last(%x: tensor<1x4x0x2xf32>, %w: tensor<3x3x3x2xf32>) {
  // expected-error @below {{input spatial dim 1 must be >= 1, got 0}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) <{layout = #tconv.layout<channels_last>}> : (tensor<1x4x0x2xf32>, tensor<3x3x3x2xf32>) -> tensor<1x6x2x3xf32>
  return
}

// -----

func.func @input_channels_zero(%x: tensor<1x0x4xf32>, %w: tensor<?x3x3xf32>) {
  // expected-error @below {{input channels (dim 1) must be >= 1, got 0}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) : (tensor<1x0x4xf32>, tensor<?x3x3xf32>) -> tensor<1x3x6xf32>
  return
}

// -----

// Inferred 1x3x6, declared 1x3x7.
func.func @result_type_mismatch(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3xf32>) {
  // expected-error @below {{inferred type(s) 'tensor<1x3x6xf32>' are incompatible with return type(s) of operation 'tensor<1x3x7xf32>'}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) : (tensor<1x2x4xf32>, tensor<2x3x3xf32>) -> tensor<1x3x7xf32>
  return
}

// -----

func.func @result_channels_mismatch(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3xf32>) {
  // expected-error @below {{inferred type(s) 'tensor<1x3x6xf32>' are incompatible with return type(s) of operation 'tensor<1x2x6xf32>'}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) : (tensor<1x2x4xf32>, tensor<2x3x3xf32>) -> tensor<1x2x6xf32>
  return
}

// -----

// A `?` where the inferred size is static is rejected.
func.func @result_dynamic_where_static(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3xf32>) {
  // expected-error @below {{inferred type(s) 'tensor<1x3x6xf32>' are incompatible with return type(s) of operation 'tensor<1x3x?xf32>'}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) : (tensor<1x2x4xf32>, tensor<2x3x3xf32>) -> tensor<1x3x?xf32>
  return
}

// -----

func.func @result_dynamic_batch_where_static(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3xf32>) {
  // expected-error @below {{inferred type(s) 'tensor<1x3x6xf32>' are incompatible with return type(s) of operation 'tensor<?x3x6xf32>'}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) : (tensor<1x2x4xf32>, tensor<2x3x3xf32>) -> tensor<?x3x6xf32>
  return
}

// -----

// A static size where the inferred one is dynamic is rejected too.
func.func @result_static_where_dynamic(%x: tensor<?x2x4xf32>, %w: tensor<2x3x3xf32>) {
  // expected-error @below {{inferred type(s) 'tensor<?x3x6xf32>' are incompatible with return type(s) of operation 'tensor<1x3x6xf32>'}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) : (tensor<?x2x4xf32>, tensor<2x3x3xf32>) -> tensor<1x3x6xf32>
  return
}

// -----

func.func @result_rank_mismatch(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3xf32>) {
  // expected-error @below {{inferred type(s) 'tensor<1x3x6xf32>' are incompatible with return type(s) of operation 'tensor<1x3x6x1xf32>'}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) : (tensor<1x2x4xf32>, tensor<2x3x3xf32>) -> tensor<1x3x6x1xf32>
  return
}

// -----

// channels_last puts Cout last: 1x6x5, not 1x5x6.
func.func @result_layout_mismatch(%x: tensor<1x4x2xf32>, %w: tensor<5x3x2xf32>) {
  // expected-error @below {{inferred type(s) 'tensor<1x6x5xf32>' are incompatible with return type(s) of operation 'tensor<1x5x6xf32>'}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) <{layout = #tconv.layout<channels_last>}> : (tensor<1x4x2xf32>, tensor<5x3x2xf32>) -> tensor<1x5x6xf32>
  return
}

// -----

func.func @four_operands(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3xf32>, %b: tensor<3xf32>) {
  // expected-error @below {{'tconv.conv_transpose' op operand group starting at #2 requires 0 or 1 element, but found 2}}
  %y = "tconv.conv_transpose"(%x, %w, %b, %b) : (tensor<1x2x4xf32>, tensor<2x3x3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<1x3x6xf32>
  return
}

// -----

func.func @one_operand(%x: tensor<1x2x4xf32>) {
  // expected-error @below {{'tconv.conv_transpose' op expected 2 or more operands, but found 1}}
  %y = "tconv.conv_transpose"(%x) : (tensor<1x2x4xf32>) -> tensor<1x3x6xf32>
  return
}

// -----

func.func @no_operands() {
  // expected-error @below {{'tconv.conv_transpose' op expected 2 or more operands, but found 0}}
  %y = "tconv.conv_transpose"() : () -> tensor<1x3x6xf32>
  return
}

// -----

func.func @two_results(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3xf32>) {
  // expected-error @below {{'tconv.conv_transpose' op requires one result}}
  %y:2 = "tconv.conv_transpose"(%x, %w) : (tensor<1x2x4xf32>, tensor<2x3x3xf32>) -> (tensor<1x3x6xf32>, tensor<1x3x6xf32>)
  return
}

// -----

func.func @unknown_layout(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3xf32>) {
  // expected-error @below {{expected ::mlir::tconv::Layout to be one of: channels_first, channels_last}}
  // expected-error @below {{failed to parse TConv_LayoutAttr parameter 'value' which is to be a `::mlir::tconv::Layout`}}
  %y = "tconv.conv_transpose"(%x, %w) <{layout = #tconv.layout<nchw>}> : (tensor<1x2x4xf32>, tensor<2x3x3xf32>) -> tensor<1x3x6xf32>
  return
}

// -----

// groups must be an i64 integer attribute.
func.func @groups_i32(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3xf32>) {
  // expected-error @below {{'tconv.conv_transpose' op attribute 'groups' failed to satisfy constraint: 64-bit signless integer attribute}}
  %y = "tconv.conv_transpose"(%x, %w) <{groups = 1 : i32}> : (tensor<1x2x4xf32>, tensor<2x3x3xf32>) -> tensor<1x3x6xf32>
  return
}

// -----

// A dense array of the wrong element type is rejected when the properties are built.
func.func @strides_i32(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3xf32>) {
  // expected-error @below {{invalid properties {strides = array<i32: 1>} for op tconv.conv_transpose: Invalid attribute `strides` in property conversion: array<i32: 1>}}
  %y = "tconv.conv_transpose"(%x, %w) <{strides = array<i32: 1>}> : (tensor<1x2x4xf32>, tensor<2x3x3xf32>) -> tensor<1x3x6xf32>
  return
}

// -----

func.func @layout_wrong_kind(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3xf32>) {
  // expected-error @below {{invalid properties {layout = 1 : i32} for op tconv.conv_transpose: Invalid attribute `layout` in property conversion: 1 : i32}}
  %y = "tconv.conv_transpose"(%x, %w) <{layout = 1 : i32}> : (tensor<1x2x4xf32>, tensor<2x3x3xf32>) -> tensor<1x3x6xf32>
  return
}

// -----

// A static bias fixes Cout when the weight's output-channel dim is dynamic.
func.func @groups_not_dividing_bias_cout(%x: tensor<1x2x4xf32>, %w: tensor<?x3x2xf32>, %b: tensor<3xf32>) -> tensor<1x6x3xf32> {
  // expected-error @below {{'groups' (2) must divide the output channels (bias size 3)}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w, %b) <{groups = 2 : i64, layout = #tconv.layout<channels_last>}> : (tensor<1x2x4xf32>, tensor<?x3x2xf32>, tensor<3xf32>) -> tensor<1x6x3xf32>
  return %y : tensor<1x6x3xf32>
}

// -----

// Quantized ops: an i8 or ui8 input, an i8 weight, an i32 bias and result.
// A float input with an i8 weight mixes float and integer operands.
func.func @quantized_float_input_i8_weight(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3xi8>) {
  // expected-error @below {{weight element type 'i8' differs from input element type 'f32' (a quantized op has an i8 or ui8 input and an i8 weight)}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) : (tensor<1x2x4xf32>, tensor<2x3x3xi8>) -> tensor<1x3x6xf32>
  return
}

// -----

func.func @quantized_i8_input_float_weight(%x: tensor<1x2x4xi8>, %w: tensor<2x3x3xf32>) {
  // expected-error @below {{a quantized op (input element type 'i8') needs an i8 weight, got weight element type 'f32'}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) : (tensor<1x2x4xi8>, tensor<2x3x3xf32>) -> tensor<1x3x6xi32>
  return
}

// -----

// A ui8 weight is rejected by the operand type constraint.
func.func @quantized_ui8_weight(%x: tensor<1x2x4xui8>, %w: tensor<2x3x3xui8>) {
  // expected-error @below {{operand #1 must be ranked tensor of 32-bit float or 16-bit float or bfloat16 type or 8-bit signless integer values, but got 'tensor<2x3x3xui8>'}}
  %y = "tconv.conv_transpose"(%x, %w) : (tensor<1x2x4xui8>, tensor<2x3x3xui8>) -> tensor<1x3x6xi32>
  return
}

// -----

// A signed si8 input is rejected by the operand type constraint.
func.func @quantized_si8_input(%x: tensor<1x2x4xsi8>, %w: tensor<2x3x3xi8>) {
  // expected-error @below {{operand #0 must be ranked tensor of 32-bit float or 16-bit float or bfloat16 type or 8-bit signless integer or 8-bit unsigned integer values, but got 'tensor<1x2x4xsi8>'}}
  %y = "tconv.conv_transpose"(%x, %w) : (tensor<1x2x4xsi8>, tensor<2x3x3xi8>) -> tensor<1x3x6xi32>
  return
}

// -----

func.func @quantized_f32_bias(%x: tensor<1x2x4xi8>, %w: tensor<2x3x3xi8>, %b: tensor<3xf32>) {
  // expected-error @below {{a quantized op needs an i32 bias, got bias element type 'f32'}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w, %b) : (tensor<1x2x4xi8>, tensor<2x3x3xi8>, tensor<3xf32>) -> tensor<1x3x6xi32>
  return
}

// -----

// An i8 bias is rejected by the operand type constraint.
func.func @quantized_i8_bias(%x: tensor<1x2x4xi8>, %w: tensor<2x3x3xi8>, %b: tensor<3xi8>) {
  // expected-error @below {{operand #2 must be ranked tensor of 32-bit float or 16-bit float or bfloat16 type or 32-bit signless integer values, but got 'tensor<3xi8>'}}
  %y = "tconv.conv_transpose"(%x, %w, %b) : (tensor<1x2x4xi8>, tensor<2x3x3xi8>, tensor<3xi8>) -> tensor<1x3x6xi32>
  return
}

// -----

func.func @float_op_i32_bias(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3xf32>, %b: tensor<3xi32>) {
  // expected-error @below {{bias element type 'i32' differs from input element type 'f32'}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w, %b) : (tensor<1x2x4xf32>, tensor<2x3x3xf32>, tensor<3xi32>) -> tensor<1x3x6xf32>
  return
}

// -----

// The result of a quantized op is i32.
func.func @quantized_f32_result(%x: tensor<1x2x4xi8>, %w: tensor<2x3x3xi8>) {
  // expected-error @below {{inferred type(s) 'tensor<1x3x6xi32>' are incompatible with return type(s) of operation 'tensor<1x3x6xf32>'}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) : (tensor<1x2x4xi8>, tensor<2x3x3xi8>) -> tensor<1x3x6xf32>
  return
}

// -----

// An i8 result is rejected by the result type constraint.
func.func @quantized_i8_result(%x: tensor<1x2x4xi8>, %w: tensor<2x3x3xi8>) {
  // expected-error @below {{result #0 must be ranked tensor of 32-bit float or 16-bit float or bfloat16 type or 32-bit signless integer values, but got 'tensor<1x3x6xi8>'}}
  %y = "tconv.conv_transpose"(%x, %w) : (tensor<1x2x4xi8>, tensor<2x3x3xi8>) -> tensor<1x3x6xi8>
  return
}

// -----

func.func @input_zero_point_above_i8(%x: tensor<1x2x4xi8>, %w: tensor<2x3x3xi8>) {
  // expected-error @below {{'input_zero_point' must be in [-128, 127] for an i8 input, got 128}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) <{input_zero_point = 128 : i32}> : (tensor<1x2x4xi8>, tensor<2x3x3xi8>) -> tensor<1x3x6xi32>
  return
}

// -----

func.func @input_zero_point_below_i8(%x: tensor<1x2x4xi8>, %w: tensor<2x3x3xi8>) {
  // expected-error @below {{'input_zero_point' must be in [-128, 127] for an i8 input, got -129}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) <{input_zero_point = -129 : i32}> : (tensor<1x2x4xi8>, tensor<2x3x3xi8>) -> tensor<1x3x6xi32>
  return
}

// -----

func.func @input_zero_point_above_ui8(%x: tensor<1x2x4xui8>, %w: tensor<2x3x3xi8>) {
  // expected-error @below {{'input_zero_point' must be in [0, 255] for a ui8 input, got 256}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) <{input_zero_point = 256 : i32}> : (tensor<1x2x4xui8>, tensor<2x3x3xi8>) -> tensor<1x3x6xi32>
  return
}

// -----

func.func @input_zero_point_below_ui8(%x: tensor<1x2x4xui8>, %w: tensor<2x3x3xi8>) {
  // expected-error @below {{'input_zero_point' must be in [0, 255] for a ui8 input, got -1}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) <{input_zero_point = -1 : i32}> : (tensor<1x2x4xui8>, tensor<2x3x3xi8>) -> tensor<1x3x6xi32>
  return
}

// -----

func.func @weight_zero_point_above_i8(%x: tensor<1x2x4xui8>, %w: tensor<2x3x3xi8>) {
  // expected-error @below {{'weight_zero_point' must be in [-128, 127] for an i8 weight, got 128}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) <{weight_zero_point = 128 : i32}> : (tensor<1x2x4xui8>, tensor<2x3x3xi8>) -> tensor<1x3x6xi32>
  return
}

// -----

func.func @weight_zero_point_below_i8(%x: tensor<1x2x4xi8>, %w: tensor<2x3x3xi8>) {
  // expected-error @below {{'weight_zero_point' must be in [-128, 127] for an i8 weight, got -129}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) <{weight_zero_point = -129 : i32}> : (tensor<1x2x4xi8>, tensor<2x3x3xi8>) -> tensor<1x3x6xi32>
  return
}

// -----

// Zero points belong to quantized ops, even when 0.
func.func @input_zero_point_on_float_op(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3xf32>) {
  // expected-error @below {{'input_zero_point' is only allowed on a quantized op (i8 or ui8 input), got input element type 'f32'}}
  // expected-error @below {{failed to infer returned types}}
  %y = tconv.conv_transpose %x, %w {input_zero_point = 0 : i32} : (tensor<1x2x4xf32>, tensor<2x3x3xf32>) -> tensor<1x3x6xf32>
  return
}

// -----

func.func @weight_zero_point_on_float_op(%x: tensor<1x2x4xbf16>, %w: tensor<2x3x3xbf16>) {
  // expected-error @below {{'weight_zero_point' is only allowed on a quantized op (i8 or ui8 input), got input element type 'bf16'}}
  // expected-error @below {{failed to infer returned types}}
  %y = "tconv.conv_transpose"(%x, %w) <{weight_zero_point = 3 : i32}> : (tensor<1x2x4xbf16>, tensor<2x3x3xbf16>) -> tensor<1x3x6xbf16>
  return
}

// -----

// Zero points are i32 attributes.
func.func @zero_point_i64(%x: tensor<1x2x4xi8>, %w: tensor<2x3x3xi8>) {
  // expected-error @below {{'tconv.conv_transpose' op attribute 'input_zero_point' failed to satisfy constraint: 32-bit signless integer attribute}}
  %y = "tconv.conv_transpose"(%x, %w) <{input_zero_point = 1 : i64}> : (tensor<1x2x4xi8>, tensor<2x3x3xi8>) -> tensor<1x3x6xi32>
  return
}

// -----

// tconv.sign_cast keeps the width.
func.func @sign_cast_width(%x: ui8) {
  // expected-error @below {{'tconv.sign_cast' op changes the integer width from 8 to 32 bits; it only reinterprets the sign}}
  %y = tconv.sign_cast %x : ui8 to i32
  return
}

// -----

func.func @sign_cast_shape(%x: vector<4xui8>) {
  // expected-error @below {{'tconv.sign_cast' op all non-scalar operands/results must have the same shape and base type}}
  %y = tconv.sign_cast %x : vector<4xui8> to vector<8xi8>
  return
}

// -----

func.func @sign_cast_float(%x: f32) {
  // expected-error @below {{'tconv.sign_cast' op operand #0 must be}}
  %y = tconv.sign_cast %x : f32 to i32
  return
}
