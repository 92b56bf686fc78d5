// Quantized TOSA: i8 transpose_conv2d with zero points, requantized by
// tosa.rescale (TOSA's documented i32 -> i8 step), run two ways on the same
// seeded random inputs:
// (a) as they are by tconv-run: the pipeline imports transpose_conv2d into
//     tconv.conv_transpose (zero points as attributes) and lowers rescale
//     with upstream's tosa-to-linalg; --check compares the conv_transpose
//     and the rescale with the exact integer references (lib/Reference,
//     int64 / 128-bit arithmetic, the TOSA 1.0 pseudo-code), bit for bit;
// (b) lowered entirely by upstream's TOSA decomposition (transpose_conv2d
//     as a zero-inserted quantized conv2d) and tosa-to-linalg (mlir-opt),
//     then run by tconv-run as plain loops.
// The two outputs must be identical (tolerance 0).

// RUN: mlir-opt %s --pass-pipeline="builtin.module(func.func(tosa-optional-decompositions,tosa-to-linalg-named,tosa-to-linalg,tosa-to-arith{include-apply-rescale=true},tosa-to-tensor),canonicalize)" -o %t.upstream.mlir
// RUN: not grep tosa. %t.upstream.mlir

// RUN: tconv-run %s --entry=per_channel_double_round --seed=1 --check --output=%t.a.npy | FileCheck %s --check-prefix=CHECK-REF
// RUN: tconv-run %t.upstream.mlir --entry=per_channel_double_round --seed=1 --output=%t.b.npy --pipeline-options=vectorize=false
// RUN: %python %S/../Inputs/compare_npy.py %t.a.npy %t.b.npy --tolerance 0 | FileCheck %s
// RUN: tconv-run %s --entry=unsigned_output --seed=2 --check --output=%t.a.npy | FileCheck %s --check-prefix=CHECK-REF
// RUN: tconv-run %t.upstream.mlir --entry=unsigned_output --seed=2 --output=%t.b.npy --pipeline-options=vectorize=false
// RUN: %python %S/../Inputs/compare_npy.py %t.a.npy %t.b.npy --tolerance 0 | FileCheck %s
// RUN: tconv-run %s --entry=scale16 --seed=3 --check --output=%t.a.npy | FileCheck %s --check-prefix=CHECK-REF
// RUN: tconv-run %t.upstream.mlir --entry=scale16 --seed=3 --output=%t.b.npy --pipeline-options=vectorize=false
// RUN: %python %S/../Inputs/compare_npy.py %t.a.npy %t.b.npy --tolerance 0 | FileCheck %s
// The AVX2 tier computes the same bits.
// RUN: tconv-run %s --entry=per_channel_double_round --seed=1 --check --target-cpu=haswell --output=%t.c.npy | FileCheck %s --check-prefix=CHECK-REF
// RUN: tconv-run %t.upstream.mlir --entry=per_channel_double_round --seed=1 --output=%t.b.npy --pipeline-options=vectorize=false
// RUN: %python %S/../Inputs/compare_npy.py %t.c.npy %t.b.npy --tolerance 0 | FileCheck %s

// CHECK-REF: check conv_transpose #0 {{.*}}: 0 of {{[0-9]+}} values differ (bit-exact) PASS
// CHECK-REF: check rescale #0 {{.*}}: 0 of {{[0-9]+}} values differ (bit-exact) PASS
// CHECK: compare: {{.*}} max abs diff 0, {{.*}} PASS

// Per-channel 32-bit multipliers with DOUBLE_ROUND (shifts above 31), an
// input zero point, an output zero point; out_pad crops a row and a column.
func.func @per_channel_double_round(%x: tensor<2x5x6x8xi8>, %w: tensor<4x3x3x8xi8>, %b: tensor<4xi32>) -> tensor<2x10x12x4xi8> {
  %xzp = "tosa.const"() <{values = dense<-3> : tensor<1xi8>}> : () -> tensor<1xi8>
  %wzp = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %acc = tosa.transpose_conv2d %x, %w, %b, %xzp, %wzp {acc_type = i32, out_pad = array<i64: 0, -1, 0, -1>, stride = array<i64: 2, 2>} : (tensor<2x5x6x8xi8>, tensor<4x3x3x8xi8>, tensor<4xi32>, tensor<1xi8>, tensor<1xi8>) -> tensor<2x10x12x4xi32>
  %m = "tosa.const"() <{values = dense<[1073741824, 1500000001, 2000000000, 1234567891]> : tensor<4xi32>}> : () -> tensor<4xi32>
  %s = "tosa.const"() <{values = dense<[41, 42, 43, 40]> : tensor<4xi8>}> : () -> tensor<4xi8>
  %inzp = "tosa.const"() <{values = dense<0> : tensor<1xi32>}> : () -> tensor<1xi32>
  %outzp = "tosa.const"() <{values = dense<5> : tensor<1xi8>}> : () -> tensor<1xi8>
  %y = tosa.rescale %acc, %m, %s, %inzp, %outzp {scale32 = true, rounding_mode = DOUBLE_ROUND, per_channel = true, input_unsigned = false, output_unsigned = false} : (tensor<2x10x12x4xi32>, tensor<4xi32>, tensor<4xi8>, tensor<1xi32>, tensor<1xi8>) -> tensor<2x10x12x4xi8>
  return %y : tensor<2x10x12x4xi8>
}

// A weight zero point, positive out_pad (rows holding only the bias), a
// per-tensor SINGLE_ROUND rescale to unsigned 8-bit (stored in i8) with the
// output zero point 128.
func.func @unsigned_output(%x: tensor<1x4x7x6xi8>, %w: tensor<5x2x3x6xi8>, %b: tensor<5xi32>) -> tensor<1x10x15x5xi8> {
  %xzp = "tosa.const"() <{values = dense<-128> : tensor<1xi8>}> : () -> tensor<1xi8>
  %wzp = "tosa.const"() <{values = dense<7> : tensor<1xi8>}> : () -> tensor<1xi8>
  %acc = tosa.transpose_conv2d %x, %w, %b, %xzp, %wzp {acc_type = i32, out_pad = array<i64: 1, 1, 0, 0>, stride = array<i64: 2, 2>} : (tensor<1x4x7x6xi8>, tensor<5x2x3x6xi8>, tensor<5xi32>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x10x15x5xi32>
  %m = "tosa.const"() <{values = dense<1518500250> : tensor<1xi32>}> : () -> tensor<1xi32>
  %s = "tosa.const"() <{values = dense<40> : tensor<1xi8>}> : () -> tensor<1xi8>
  %inzp = "tosa.const"() <{values = dense<0> : tensor<1xi32>}> : () -> tensor<1xi32>
  %outzp = "tosa.const"() <{values = dense<-128> : tensor<1xi8>}> : () -> tensor<1xi8>
  %y = tosa.rescale %acc, %m, %s, %inzp, %outzp {scale32 = true, rounding_mode = SINGLE_ROUND, per_channel = false, input_unsigned = false, output_unsigned = true} : (tensor<1x10x15x5xi32>, tensor<1xi32>, tensor<1xi8>, tensor<1xi32>, tensor<1xi8>) -> tensor<1x10x15x5xi8>
  return %y : tensor<1x10x15x5xi8>
}

// 16-bit multipliers, per channel, stride 3, a result rescaled to i32.
func.func @scale16(%x: tensor<1x3x3x4xi8>, %w: tensor<3x4x4x4xi8>, %b: tensor<3xi32>) -> tensor<1x10x10x3xi32> {
  %zp = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %acc = tosa.transpose_conv2d %x, %w, %b, %zp, %zp {acc_type = i32, out_pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 3, 3>} : (tensor<1x3x3x4xi8>, tensor<3x4x4x4xi8>, tensor<3xi32>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x10x10x3xi32>
  %m = "tosa.const"() <{values = dense<[32767, 20000, 3000]> : tensor<3xi16>}> : () -> tensor<3xi16>
  %s = "tosa.const"() <{values = dense<[20, 21, 19]> : tensor<3xi8>}> : () -> tensor<3xi8>
  %inzp = "tosa.const"() <{values = dense<0> : tensor<1xi32>}> : () -> tensor<1xi32>
  %outzp = "tosa.const"() <{values = dense<0> : tensor<1xi32>}> : () -> tensor<1xi32>
  %y = tosa.rescale %acc, %m, %s, %inzp, %outzp {scale32 = false, rounding_mode = SINGLE_ROUND, per_channel = true, input_unsigned = false, output_unsigned = false} : (tensor<1x10x10x3xi32>, tensor<3xi16>, tensor<3xi8>, tensor<1xi32>, tensor<1xi32>) -> tensor<1x10x10x3xi32>
  return %y : tensor<1x10x10x3xi32>
}
