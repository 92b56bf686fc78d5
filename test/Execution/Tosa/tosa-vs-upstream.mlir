// The same TOSA functions run (a) with their transpose_conv2d imported by
// --convert-tosa-to-tconv (the other TOSA ops lowered by upstream's
// tosa-to-linalg) and JIT-run by tconv-run, checked against tconv's double
// reference (--check), and (b) lowered entirely by upstream's own TOSA
// decomposition and tosa-to-linalg passes (mlir-opt) and run by tconv-run on
// the same seeded random inputs (plain loops: vectorize=false). The two
// outputs must agree (compare_npy.py: normwise relative difference).

// RUN: tconv-opt %s --pass-pipeline="builtin.module(convert-tosa-to-tconv{strict=true},func.func(tosa-to-linalg-named,tosa-to-linalg,tosa-to-arith,tosa-to-tensor))" -o %t.tconv.mlir
// RUN: FileCheck %s --check-prefix=IMPORTED < %t.tconv.mlir
// RUN: mlir-opt %s --pass-pipeline="builtin.module(func.func(tosa-optional-decompositions,tosa-to-linalg-named,tosa-to-linalg,tosa-to-arith,tosa-to-tensor),canonicalize)" -o %t.upstream.mlir
// RUN: not grep tosa. %t.tconv.mlir %t.upstream.mlir

// RUN: tconv-run %t.tconv.mlir --entry=stride2 --seed=1 --check --output=%t.a.npy | FileCheck %s --check-prefix=CHECK-REF
// RUN: tconv-run %t.upstream.mlir --entry=stride2 --seed=1 --output=%t.b.npy --pipeline-options=vectorize=false
// RUN: %python %S/../Inputs/compare_npy.py %t.a.npy %t.b.npy | FileCheck %s
// RUN: tconv-run %t.tconv.mlir --entry=crop --seed=2 --check --output=%t.a.npy | FileCheck %s --check-prefix=CHECK-REF
// RUN: tconv-run %t.upstream.mlir --entry=crop --seed=2 --output=%t.b.npy --pipeline-options=vectorize=false
// RUN: %python %S/../Inputs/compare_npy.py %t.a.npy %t.b.npy | FileCheck %s
// RUN: tconv-run %t.tconv.mlir --entry=grow --seed=3 --check --output=%t.a.npy | FileCheck %s --check-prefix=CHECK-REF
// RUN: tconv-run %t.upstream.mlir --entry=grow --seed=3 --output=%t.b.npy --pipeline-options=vectorize=false
// RUN: %python %S/../Inputs/compare_npy.py %t.a.npy %t.b.npy | FileCheck %s
// RUN: tconv-run %t.tconv.mlir --entry=mixed --seed=4 --check --output=%t.a.npy | FileCheck %s --check-prefix=CHECK-REF
// RUN: tconv-run %t.upstream.mlir --entry=mixed --seed=4 --output=%t.b.npy --pipeline-options=vectorize=false
// RUN: %python %S/../Inputs/compare_npy.py %t.a.npy %t.b.npy | FileCheck %s
// RUN: tconv-run %t.tconv.mlir --entry=scalar_bias --seed=5 --check --output=%t.a.npy | FileCheck %s --check-prefix=CHECK-REF
// RUN: tconv-run %t.upstream.mlir --entry=scalar_bias --seed=5 --output=%t.b.npy --pipeline-options=vectorize=false
// RUN: %python %S/../Inputs/compare_npy.py %t.a.npy %t.b.npy | FileCheck %s
// RUN: tconv-run %t.tconv.mlir --entry=chain --seed=6 --check --output=%t.a.npy | FileCheck %s --check-prefix=CHECK-REF
// RUN: tconv-run %t.upstream.mlir --entry=chain --seed=6 --output=%t.b.npy --pipeline-options=vectorize=false
// RUN: %python %S/../Inputs/compare_npy.py %t.a.npy %t.b.npy | FileCheck %s
// The pipeline lowers TOSA itself (transpose_conv2d to tconv, the rest
// upstream's way): the unconverted file runs as it is, JIT (its output
// compared with upstream's; --check imports the transposed convolutions as
// the pipeline does, and checks them) and AOT.
// RUN: tconv-run %s --entry=chain --seed=6 --check --output=%t.c.npy | FileCheck %s --check-prefix=CHECK-REF
// RUN: %python %S/../Inputs/compare_npy.py %t.c.npy %t.b.npy | FileCheck %s
// RUN: tconv-aot %s -o %t.o
// RUN: tconv-run %t.tconv.mlir --entry=half --seed=7 --check --output=%t.a.npy | FileCheck %s --check-prefix=CHECK-REF
// RUN: tconv-run %t.upstream.mlir --entry=half --seed=7 --output=%t.b.npy --pipeline-options=vectorize=false
// RUN: %python %S/../Inputs/compare_npy.py %t.a.npy %t.b.npy --tolerance 1e-2 | FileCheck %s

// IMPORTED-COUNT-8: tconv.conv_transpose
// IMPORTED-NOT: tconv.conv_transpose

// CHECK-REF-NOT: FAIL
// CHECK-REF: PASS
// CHECK-REF-NOT: FAIL
// CHECK: compare: {{.*}} PASS

// Stride 2, no out_pad (out_pad zero: tconv padding zero).
func.func @stride2(%x: tensor<2x5x5x8xf32>, %w: tensor<6x3x3x8xf32>, %b: tensor<6xf32>) -> tensor<2x11x11x6xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %y = tosa.transpose_conv2d %x, %w, %b, %zp, %zp {acc_type = f32, out_pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>} : (tensor<2x5x5x8xf32>, tensor<6x3x3x8xf32>, tensor<6xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<2x11x11x6xf32>
  return %y : tensor<2x11x11x6xf32>
}

// Negative, asymmetric out_pad (TFLite's SAME padding), different strides.
func.func @crop(%x: tensor<1x6x4x5xf32>, %w: tensor<7x4x5x5xf32>, %b: tensor<7xf32>) -> tensor<1x10x10x7xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %y = tosa.transpose_conv2d %x, %w, %b, %zp, %zp {acc_type = f32, out_pad = array<i64: -1, -3, -2, -2>, stride = array<i64: 2, 3>} : (tensor<1x6x4x5xf32>, tensor<7x4x5x5xf32>, tensor<7xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x10x10x7xf32>
  return %y : tensor<1x10x10x7xf32>
}

// Positive out_pad on every side (bias-only borders; the bottom one below the
// stride is output_padding, the others an insert_slice).
func.func @grow(%x: tensor<1x4x3x3xf32>, %w: tensor<4x2x3x3xf32>, %b: tensor<4xf32>) -> tensor<1x13x12x4xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %y = tosa.transpose_conv2d %x, %w, %b, %zp, %zp {acc_type = f32, out_pad = array<i64: 3, 2, 1, 4>, stride = array<i64: 2, 2>} : (tensor<1x4x3x3xf32>, tensor<4x2x3x3xf32>, tensor<4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x13x12x4xf32>
  return %y : tensor<1x13x12x4xf32>
}

// Crop on one side, grow on the other; stride 1 and 3.
func.func @mixed(%x: tensor<3x5x4x2xf32>, %w: tensor<3x3x4x2xf32>, %b: tensor<3xf32>) -> tensor<3x8x13x3xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %y = tosa.transpose_conv2d %x, %w, %b, %zp, %zp {acc_type = f32, out_pad = array<i64: -2, 3, 2, -2>, stride = array<i64: 1, 3>} : (tensor<3x5x4x2xf32>, tensor<3x3x4x2xf32>, tensor<3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<3x8x13x3xf32>
  return %y : tensor<3x8x13x3xf32>
}

// A bias of size 1 for every output channel.
func.func @scalar_bias(%x: tensor<1x3x3x4xf32>, %w: tensor<5x2x2x4xf32>, %b: tensor<1xf32>) -> tensor<1x6x6x5xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %y = tosa.transpose_conv2d %x, %w, %b, %zp, %zp {acc_type = f32, out_pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>} : (tensor<1x3x3x4xf32>, tensor<5x2x2x4xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x6x6x5xf32>
  return %y : tensor<1x6x6x5xf32>
}

// Two layers with a TOSA activation between them (left to tosa-to-linalg):
// a DCGAN-like decoder, kernel 4, stride 2, out_pad -1 (PyTorch padding 1).
func.func @chain(%x: tensor<1x4x4x16xf32>, %w1: tensor<8x4x4x16xf32>, %b1: tensor<8xf32>, %w2: tensor<3x4x4x8xf32>, %b2: tensor<3xf32>) -> tensor<1x16x16x3xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %h = tosa.transpose_conv2d %x, %w1, %b1, %zp, %zp {acc_type = f32, out_pad = array<i64: -1, -1, -1, -1>, stride = array<i64: 2, 2>} : (tensor<1x4x4x16xf32>, tensor<8x4x4x16xf32>, tensor<8xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x8x8x8xf32>
  %r = tosa.clamp %h {min_val = 0.0 : f32, max_val = 3.0e38 : f32} : (tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32>
  %y = tosa.transpose_conv2d %r, %w2, %b2, %zp, %zp {acc_type = f32, out_pad = array<i64: -1, -1, -1, -1>, stride = array<i64: 2, 2>} : (tensor<1x8x8x8xf32>, tensor<3x4x4x8xf32>, tensor<3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x16x16x3xf32>
  return %y : tensor<1x16x16x3xf32>
}

// f16 with an f32 accumulator.
func.func @half(%x: tensor<1x4x4x4xf16>, %w: tensor<4x3x3x4xf16>, %b: tensor<4xf16>) -> tensor<1x8x8x4xf16> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf16>}> : () -> tensor<1xf16>
  %y = tosa.transpose_conv2d %x, %w, %b, %zp, %zp {acc_type = f32, out_pad = array<i64: -1, 0, -1, 0>, stride = array<i64: 2, 2>} : (tensor<1x4x4x4xf16>, tensor<4x3x3x4xf16>, tensor<4xf16>, tensor<1xf16>, tensor<1xf16>) -> tensor<1x8x8x4xf16>
  return %y : tensor<1x8x8x4xf16>
}
