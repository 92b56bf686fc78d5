// Execution tests of tconv.conv_transpose: 2-D, channels_first, f32: asymmetric padding, no bias, attribute forms.
// Each function is JIT-run by tconv-run on seeded random inputs; --check
// recomputes the op with the reference implementation (scatter definition in
// double) and prints PASS/FAIL per op (tconv-run exits 1 on FAIL).
// Output sizes: O = (I - 1) * s - pb - pe + dil * (k - 1) + op + 1.

// RUN: tconv-run %s --entry=asym_pad --check | FileCheck %s --check-prefix=ASYM_PAD
// ASYM_PAD-NOT: FAIL
// ASYM_PAD: check conv_transpose #0 {{.*}} PASS
// @asym_pad
//   dim 0: I=6 k=3 s=2 p=0/2 dil=1 op=0: (6-1)*2-0-2+1*(3-1)+0+1 = 11
//   dim 1: I=5 k=4 s=2 p=2/1 dil=1 op=0: (5-1)*2-2-1+1*(4-1)+0+1 = 9
//   N=1 Cin=2 Cout=3 G=1 channels_first f32; MACs=2160
func.func @asym_pad(%x: tensor<1x2x6x5xf32>, %w: tensor<2x3x3x4xf32>, %b: tensor<3xf32>) -> tensor<1x3x11x9xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 0, 2, 2, 1>}
       : (tensor<1x2x6x5xf32>, tensor<2x3x3x4xf32>, tensor<3xf32>) -> tensor<1x3x11x9xf32>
  return %y : tensor<1x3x11x9xf32>
}

// RUN: tconv-run %s --entry=nobias --check | FileCheck %s --check-prefix=NOBIAS
// NOBIAS-NOT: FAIL
// NOBIAS: check conv_transpose #0 {{.*}} PASS
// @nobias
//   dim 0: I=5 k=3 s=2 p=1/1 dil=1 op=1: (5-1)*2-1-1+1*(3-1)+1+1 = 10
//   dim 1: I=5 k=3 s=2 p=1/1 dil=1 op=1: (5-1)*2-1-1+1*(3-1)+1+1 = 10
//   N=2 Cin=3 Cout=4 G=1 channels_first f32 no bias; MACs=5400
func.func @nobias(%x: tensor<2x3x5x5xf32>, %w: tensor<3x4x3x3xf32>) -> tensor<2x4x10x10xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>, output_padding = array<i64: 1, 1>}
       : (tensor<2x3x5x5xf32>, tensor<3x4x3x3xf32>) -> tensor<2x4x10x10xf32>
  return %y : tensor<2x4x10x10xf32>
}

// RUN: tconv-run %s --entry=all_attrs_explicit --check | FileCheck %s --check-prefix=ALL_ATTRS_EXPLICIT
// ALL_ATTRS_EXPLICIT-NOT: FAIL
// ALL_ATTRS_EXPLICIT: check conv_transpose #0 {{.*}} PASS
// @all_attrs_explicit: every attribute written with its default value
//   dim 0: I=4 k=2 s=1 p=0/0 dil=1 op=0: (4-1)*1-0-0+1*(2-1)+0+1 = 5
//   dim 1: I=4 k=3 s=1 p=0/0 dil=1 op=0: (4-1)*1-0-0+1*(3-1)+0+1 = 6
//   N=1 Cin=2 Cout=2 G=1 channels_first f32; MACs=384
func.func @all_attrs_explicit(%x: tensor<1x2x4x4xf32>, %w: tensor<2x2x2x3xf32>, %b: tensor<2xf32>) -> tensor<1x2x5x6xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 1, 1>, padding = array<i64: 0, 0, 0, 0>, output_padding = array<i64: 0, 0>, dilations = array<i64: 1, 1>, groups = 1 : i64, layout = #tconv.layout<channels_first>}
       : (tensor<1x2x4x4xf32>, tensor<2x2x2x3xf32>, tensor<2xf32>) -> tensor<1x2x5x6xf32>
  return %y : tensor<1x2x5x6xf32>
}

// RUN: tconv-run %s --entry=generic_form --check | FileCheck %s --check-prefix=GENERIC_FORM
// GENERIC_FORM-NOT: FAIL
// GENERIC_FORM: check conv_transpose #0 {{.*}} PASS
// @generic_form
//   dim 0: I=4 k=3 s=2 p=1/0 dil=1 op=0: (4-1)*2-1-0+1*(3-1)+0+1 = 8
//   dim 1: I=5 k=2 s=3 p=0/1 dil=1 op=0: (5-1)*3-0-1+1*(2-1)+0+1 = 13
//   N=1 Cin=4 Cout=6 G=2 channels_first f32; MACs=1440
func.func @generic_form(%x: tensor<1x4x4x5xf32>, %w: tensor<4x3x3x2xf32>, %b: tensor<6xf32>) -> tensor<1x6x8x13xf32> {
  %y = "tconv.conv_transpose"(%x, %w, %b) <{strides = array<i64: 2, 3>, padding = array<i64: 1, 0, 0, 1>, groups = 2 : i64}>
       : (tensor<1x4x4x5xf32>, tensor<4x3x3x2xf32>, tensor<6xf32>) -> tensor<1x6x8x13xf32>
  return %y : tensor<1x6x8x13xf32>
}
