// RUN: tconv-opt %s --convert-tosa-to-tconv --split-input-file --verify-diagnostics | FileCheck %s
// RUN: not tconv-opt %s --convert-tosa-to-tconv=strict --split-input-file 2>&1 | FileCheck %s --check-prefix=STRICT

// By default what cannot be converted is left, with a warning, for
// upstream's TOSA lowering; with `strict` it is an error.

// CHECK-LABEL: func.func @int16
// CHECK: tosa.transpose_conv2d
// STRICT: error: 'tosa.transpose_conv2d' op cannot be converted to tconv: element type i16 is not f32, f16, bf16 or i8
func.func @int16(%x: tensor<1x4x4x3xi16>, %w: tensor<5x3x3x3xi8>, %b: tensor<5xi48>) -> tensor<1x9x9x5xi48> {
  %xzp = "tosa.const"() <{values = dense<0> : tensor<1xi16>}> : () -> tensor<1xi16>
  %wzp = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  // expected-warning @below {{left to the upstream TOSA lowering: element type i16 is not f32, f16, bf16 or i8}}
  %y = tosa.transpose_conv2d %x, %w, %b, %xzp, %wzp {acc_type = i48, out_pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>} : (tensor<1x4x4x3xi16>, tensor<5x3x3x3xi8>, tensor<5xi48>, tensor<1xi16>, tensor<1xi8>) -> tensor<1x9x9x5xi48>
  return %y : tensor<1x9x9x5xi48>
}

// -----

// CHECK-LABEL: func.func @int8_zero_point_not_constant
// CHECK: tosa.transpose_conv2d
// STRICT: error: 'tosa.transpose_conv2d' op cannot be converted to tconv: input_zp and weight_zp must be constants
func.func @int8_zero_point_not_constant(%x: tensor<1x4x4x3xi8>, %w: tensor<5x3x3x3xi8>, %b: tensor<5xi32>, %xzp: tensor<1xi8>) -> tensor<1x9x9x5xi32> {
  %wzp = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  // expected-warning @below {{left to the upstream TOSA lowering: input_zp and weight_zp must be constants}}
  %y = tosa.transpose_conv2d %x, %w, %b, %xzp, %wzp {acc_type = i32, out_pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>} : (tensor<1x4x4x3xi8>, tensor<5x3x3x3xi8>, tensor<5xi32>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x9x9x5xi32>
  return %y : tensor<1x9x9x5xi32>
}

// -----

// CHECK-LABEL: func.func @zero_point_not_constant
// CHECK: tosa.transpose_conv2d
// STRICT: error: 'tosa.transpose_conv2d' op cannot be converted to tconv: input_zp and weight_zp must be constant zeros
func.func @zero_point_not_constant(%x: tensor<1x4x4x3xf32>, %w: tensor<5x3x3x3xf32>, %b: tensor<5xf32>, %zp: tensor<1xf32>) -> tensor<1x9x9x5xf32> {
  // expected-warning @below {{left to the upstream TOSA lowering: input_zp and weight_zp must be constant zeros}}
  %y = tosa.transpose_conv2d %x, %w, %b, %zp, %zp {acc_type = f32, out_pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>} : (tensor<1x4x4x3xf32>, tensor<5x3x3x3xf32>, tensor<5xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x9x9x5xf32>
  return %y : tensor<1x9x9x5xf32>
}

// -----

// CHECK-LABEL: func.func @dynamic_bias
// CHECK: tosa.transpose_conv2d
// STRICT: error: 'tosa.transpose_conv2d' op cannot be converted to tconv: the bias must have a static size of 1 or the output channels (5), got tensor<?xf32>
func.func @dynamic_bias(%x: tensor<1x4x4x3xf32>, %w: tensor<5x3x3x3xf32>, %b: tensor<?xf32>) -> tensor<1x9x9x5xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  // expected-warning @below {{left to the upstream TOSA lowering: the bias must have a static size of 1 or the output channels (5), got tensor<?xf32>}}
  %y = tosa.transpose_conv2d %x, %w, %b, %zp, %zp {acc_type = f32, out_pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>} : (tensor<1x4x4x3xf32>, tensor<5x3x3x3xf32>, tensor<?xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x9x9x5xf32>
  return %y : tensor<1x9x9x5xf32>
}

// -----

// TOSA's verifier cannot see that out_pad crops everything when the result
// size is dynamic.
// CHECK-LABEL: func.func @nothing_to_compute
// CHECK: tosa.transpose_conv2d
// STRICT: error: 'tosa.transpose_conv2d' op cannot be converted to tconv: out_pad crops the whole output
func.func @nothing_to_compute(%x: tensor<1x1x1x1xf32>, %w: tensor<1x3x3x1xf32>, %b: tensor<1xf32>) -> tensor<1x?x3x1xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  // expected-warning @below {{left to the upstream TOSA lowering: out_pad crops the whole output}}
  %y = tosa.transpose_conv2d %x, %w, %b, %zp, %zp {acc_type = f32, out_pad = array<i64: -2, -2, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x1x1x1xf32>, tensor<1x3x3x1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x?x3x1xf32>
  return %y : tensor<1x?x3x1xf32>
}
