// Execution tests of tconv.conv_transpose: 2-D, channels_first, f32: strides.
// Each function is JIT-run by tconv-run on seeded random inputs; --check
// recomputes the op with the reference implementation (scatter definition in
// double) and prints PASS/FAIL per op (tconv-run exits 1 on FAIL).
// Output sizes: O = (I - 1) * s - pb - pe + dil * (k - 1) + op + 1.

// RUN: tconv-run %s --entry=stride1 --check | FileCheck %s --check-prefix=STRIDE1
// STRIDE1-NOT: FAIL
// STRIDE1: check conv_transpose #0 {{.*}} PASS
// @stride1
//   dim 0: I=6 k=3 s=1 p=0/0 dil=1 op=0: (6-1)*1-0-0+1*(3-1)+0+1 = 8
//   dim 1: I=5 k=3 s=1 p=0/0 dil=1 op=0: (5-1)*1-0-0+1*(3-1)+0+1 = 7
//   N=2 Cin=3 Cout=4 G=1 channels_first f32; MACs=6480
func.func @stride1(%x: tensor<2x3x6x5xf32>, %w: tensor<3x4x3x3xf32>, %b: tensor<4xf32>) -> tensor<2x4x8x7xf32> {
  %y = tconv.conv_transpose %x, %w, %b
       : (tensor<2x3x6x5xf32>, tensor<3x4x3x3xf32>, tensor<4xf32>) -> tensor<2x4x8x7xf32>
  return %y : tensor<2x4x8x7xf32>
}

// RUN: tconv-run %s --entry=stride2 --check | FileCheck %s --check-prefix=STRIDE2
// STRIDE2-NOT: FAIL
// STRIDE2: check conv_transpose #0 {{.*}} PASS
// @stride2
//   dim 0: I=5 k=4 s=2 p=1/1 dil=1 op=0: (5-1)*2-1-1+1*(4-1)+0+1 = 10
//   dim 1: I=6 k=4 s=2 p=1/1 dil=1 op=0: (6-1)*2-1-1+1*(4-1)+0+1 = 12
//   N=2 Cin=4 Cout=6 G=1 channels_first f32; MACs=23040
func.func @stride2(%x: tensor<2x4x5x6xf32>, %w: tensor<4x6x4x4xf32>, %b: tensor<6xf32>) -> tensor<2x6x10x12xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>}
       : (tensor<2x4x5x6xf32>, tensor<4x6x4x4xf32>, tensor<6xf32>) -> tensor<2x6x10x12xf32>
  return %y : tensor<2x6x10x12xf32>
}

// RUN: tconv-run %s --entry=stride3 --check | FileCheck %s --check-prefix=STRIDE3
// STRIDE3-NOT: FAIL
// STRIDE3: check conv_transpose #0 {{.*}} PASS
// @stride3
//   dim 0: I=5 k=3 s=3 p=0/1 dil=1 op=0: (5-1)*3-0-1+1*(3-1)+0+1 = 14
//   dim 1: I=4 k=5 s=3 p=1/1 dil=1 op=0: (4-1)*3-1-1+1*(5-1)+0+1 = 12
//   N=1 Cin=3 Cout=4 G=1 channels_first f32; MACs=3600
func.func @stride3(%x: tensor<1x3x5x4xf32>, %w: tensor<3x4x3x5xf32>, %b: tensor<4xf32>) -> tensor<1x4x14x12xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 3, 3>, padding = array<i64: 0, 1, 1, 1>}
       : (tensor<1x3x5x4xf32>, tensor<3x4x3x5xf32>, tensor<4xf32>) -> tensor<1x4x14x12xf32>
  return %y : tensor<1x4x14x12xf32>
}

// RUN: tconv-run %s --entry=stride_mixed --check | FileCheck %s --check-prefix=STRIDE_MIXED
// STRIDE_MIXED-NOT: FAIL
// STRIDE_MIXED: check conv_transpose #0 {{.*}} PASS
// @stride_mixed
//   dim 0: I=4 k=3 s=1 p=0/0 dil=1 op=0: (4-1)*1-0-0+1*(3-1)+0+1 = 6
//   dim 1: I=6 k=2 s=3 p=0/0 dil=1 op=0: (6-1)*3-0-0+1*(2-1)+0+1 = 17
//   N=1 Cin=3 Cout=2 G=1 channels_first f32; MACs=864
func.func @stride_mixed(%x: tensor<1x3x4x6xf32>, %w: tensor<3x2x3x2xf32>, %b: tensor<2xf32>) -> tensor<1x2x6x17xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 1, 3>}
       : (tensor<1x3x4x6xf32>, tensor<3x2x3x2xf32>, tensor<2xf32>) -> tensor<1x2x6x17xf32>
  return %y : tensor<1x2x6x17xf32>
}
