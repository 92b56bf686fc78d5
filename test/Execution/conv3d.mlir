// Execution tests of tconv.conv_transpose: 3-D, channels_first, f32: strides, kernel == stride.
// Each function is JIT-run by tconv-run on seeded random inputs; --check
// recomputes the op with the reference implementation (scatter definition in
// double) and prints PASS/FAIL per op (tconv-run exits 1 on FAIL).
// Output sizes: O = (I - 1) * s - pb - pe + dil * (k - 1) + op + 1.

// RUN: tconv-run %s --entry=stride1 --check | FileCheck %s --check-prefix=STRIDE1
// STRIDE1-NOT: FAIL
// STRIDE1: check conv_transpose #0 {{.*}} PASS
// @stride1
//   dim 0: I=4 k=3 s=1 p=0/0 dil=1 op=0: (4-1)*1-0-0+1*(3-1)+0+1 = 6
//   dim 1: I=4 k=3 s=1 p=0/0 dil=1 op=0: (4-1)*1-0-0+1*(3-1)+0+1 = 6
//   dim 2: I=3 k=3 s=1 p=0/0 dil=1 op=0: (3-1)*1-0-0+1*(3-1)+0+1 = 5
//   N=1 Cin=2 Cout=3 G=1 channels_first f32; MACs=7776
func.func @stride1(%x: tensor<1x2x4x4x3xf32>, %w: tensor<2x3x3x3x3xf32>, %b: tensor<3xf32>) -> tensor<1x3x6x6x5xf32> {
  %y = tconv.conv_transpose %x, %w, %b
       : (tensor<1x2x4x4x3xf32>, tensor<2x3x3x3x3xf32>, tensor<3xf32>) -> tensor<1x3x6x6x5xf32>
  return %y : tensor<1x3x6x6x5xf32>
}

// RUN: tconv-run %s --entry=stride2 --check | FileCheck %s --check-prefix=STRIDE2
// STRIDE2-NOT: FAIL
// STRIDE2: check conv_transpose #0 {{.*}} PASS
// @stride2
//   dim 0: I=4 k=2 s=2 p=0/0 dil=1 op=0: (4-1)*2-0-0+1*(2-1)+0+1 = 8
//   dim 1: I=4 k=2 s=2 p=0/0 dil=1 op=0: (4-1)*2-0-0+1*(2-1)+0+1 = 8
//   dim 2: I=4 k=2 s=2 p=0/0 dil=1 op=0: (4-1)*2-0-0+1*(2-1)+0+1 = 8
//   N=1 Cin=3 Cout=4 G=1 channels_first f32; MACs=6144
func.func @stride2(%x: tensor<1x3x4x4x4xf32>, %w: tensor<3x4x2x2x2xf32>, %b: tensor<4xf32>) -> tensor<1x4x8x8x8xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2, 2>}
       : (tensor<1x3x4x4x4xf32>, tensor<3x4x2x2x2xf32>, tensor<4xf32>) -> tensor<1x4x8x8x8xf32>
  return %y : tensor<1x4x8x8x8xf32>
}

// RUN: tconv-run %s --entry=stride3 --check | FileCheck %s --check-prefix=STRIDE3
// STRIDE3-NOT: FAIL
// STRIDE3: check conv_transpose #0 {{.*}} PASS
// @stride3
//   dim 0: I=3 k=4 s=3 p=1/1 dil=1 op=0: (3-1)*3-1-1+1*(4-1)+0+1 = 8
//   dim 1: I=3 k=3 s=3 p=0/1 dil=1 op=0: (3-1)*3-0-1+1*(3-1)+0+1 = 8
//   dim 2: I=3 k=5 s=3 p=2/2 dil=1 op=0: (3-1)*3-2-2+1*(5-1)+0+1 = 7
//   N=1 Cin=2 Cout=2 G=1 channels_first f32; MACs=6480
func.func @stride3(%x: tensor<1x2x3x3x3xf32>, %w: tensor<2x2x4x3x5xf32>, %b: tensor<2xf32>) -> tensor<1x2x8x8x7xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 3, 3, 3>, padding = array<i64: 1, 0, 2, 1, 1, 2>}
       : (tensor<1x2x3x3x3xf32>, tensor<2x2x4x3x5xf32>, tensor<2xf32>) -> tensor<1x2x8x8x7xf32>
  return %y : tensor<1x2x8x8x7xf32>
}

// RUN: tconv-run %s --entry=anisotropic --check | FileCheck %s --check-prefix=ANISOTROPIC
// ANISOTROPIC-NOT: FAIL
// ANISOTROPIC: check conv_transpose #0 {{.*}} PASS
// @anisotropic
//   dim 0: I=3 k=3 s=1 p=1/0 dil=1 op=0: (3-1)*1-1-0+1*(3-1)+0+1 = 4
//   dim 1: I=4 k=2 s=2 p=0/1 dil=1 op=1: (4-1)*2-0-1+1*(2-1)+1+1 = 8
//   dim 2: I=5 k=3 s=3 p=2/2 dil=2 op=0: (5-1)*3-2-2+2*(3-1)+0+1 = 13
//   N=2 Cin=4 Cout=2 G=1 channels_first f32; MACs=17280
func.func @anisotropic(%x: tensor<2x4x3x4x5xf32>, %w: tensor<4x2x3x2x3xf32>, %b: tensor<2xf32>) -> tensor<2x2x4x8x13xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 1, 2, 3>, padding = array<i64: 1, 0, 2, 0, 1, 2>, output_padding = array<i64: 0, 1, 0>, dilations = array<i64: 1, 1, 2>}
       : (tensor<2x4x3x4x5xf32>, tensor<4x2x3x2x3xf32>, tensor<2xf32>) -> tensor<2x2x4x8x13xf32>
  return %y : tensor<2x2x4x8x13xf32>
}

// RUN: tconv-run %s --entry=k_eq_s --check | FileCheck %s --check-prefix=K_EQ_S
// K_EQ_S-NOT: FAIL
// K_EQ_S: check conv_transpose #0 {{.*}} PASS
// @k_eq_s
//   dim 0: I=3 k=2 s=2 p=0/0 dil=1 op=0: (3-1)*2-0-0+1*(2-1)+0+1 = 6
//   dim 1: I=3 k=2 s=2 p=0/0 dil=1 op=0: (3-1)*2-0-0+1*(2-1)+0+1 = 6
//   dim 2: I=3 k=2 s=2 p=0/0 dil=1 op=0: (3-1)*2-0-0+1*(2-1)+0+1 = 6
//   N=1 Cin=4 Cout=2 G=1 channels_first f32 no bias; MACs=1728
func.func @k_eq_s(%x: tensor<1x4x3x3x3xf32>, %w: tensor<4x2x2x2x2xf32>) -> tensor<1x2x6x6x6xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 2, 2>}
       : (tensor<1x4x3x3x3xf32>, tensor<4x2x2x2x2xf32>) -> tensor<1x2x6x6x6xf32>
  return %y : tensor<1x2x6x6x6xf32>
}
