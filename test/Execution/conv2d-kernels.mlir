// Execution tests of tconv.conv_transpose: 2-D, channels_first, f32: 1x1 kernels and kernel == stride.
// Each function is JIT-run by tconv-run on seeded random inputs; --check
// recomputes the op with the reference implementation (scatter definition in
// double) and prints PASS/FAIL per op (tconv-run exits 1 on FAIL).
// Output sizes: O = (I - 1) * s - pb - pe + dil * (k - 1) + op + 1.

// RUN: tconv-run %s --entry=k1x1 --check | FileCheck %s --check-prefix=K1X1
// K1X1-NOT: FAIL
// K1X1: check conv_transpose #0 {{.*}} PASS
// @k1x1
//   dim 0: I=4 k=1 s=1 p=0/0 dil=1 op=0: (4-1)*1-0-0+1*(1-1)+0+1 = 4
//   dim 1: I=5 k=1 s=1 p=0/0 dil=1 op=0: (5-1)*1-0-0+1*(1-1)+0+1 = 5
//   N=2 Cin=5 Cout=3 G=1 channels_first f32; MACs=600
func.func @k1x1(%x: tensor<2x5x4x5xf32>, %w: tensor<5x3x1x1xf32>, %b: tensor<3xf32>) -> tensor<2x3x4x5xf32> {
  %y = tconv.conv_transpose %x, %w, %b
       : (tensor<2x5x4x5xf32>, tensor<5x3x1x1xf32>, tensor<3xf32>) -> tensor<2x3x4x5xf32>
  return %y : tensor<2x3x4x5xf32>
}

// RUN: tconv-run %s --entry=k1x1_s2 --check | FileCheck %s --check-prefix=K1X1_S2
// K1X1_S2-NOT: FAIL
// K1X1_S2: check conv_transpose #0 {{.*}} PASS
// @k1x1_s2
//   dim 0: I=4 k=1 s=2 p=0/0 dil=1 op=1: (4-1)*2-0-0+1*(1-1)+1+1 = 8
//   dim 1: I=5 k=1 s=2 p=0/0 dil=1 op=0: (5-1)*2-0-0+1*(1-1)+0+1 = 9
//   N=1 Cin=4 Cout=3 G=1 channels_first f32; MACs=240
func.func @k1x1_s2(%x: tensor<1x4x4x5xf32>, %w: tensor<4x3x1x1xf32>, %b: tensor<3xf32>) -> tensor<1x3x8x9xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, output_padding = array<i64: 1, 0>}
       : (tensor<1x4x4x5xf32>, tensor<4x3x1x1xf32>, tensor<3xf32>) -> tensor<1x3x8x9xf32>
  return %y : tensor<1x3x8x9xf32>
}

// RUN: tconv-run %s --entry=k_eq_s --check | FileCheck %s --check-prefix=K_EQ_S
// K_EQ_S-NOT: FAIL
// K_EQ_S: check conv_transpose #0 {{.*}} PASS
// @k_eq_s: U-Net 2x2/2 up-convolution
//   dim 0: I=6 k=2 s=2 p=0/0 dil=1 op=0: (6-1)*2-0-0+1*(2-1)+0+1 = 12
//   dim 1: I=6 k=2 s=2 p=0/0 dil=1 op=0: (6-1)*2-0-0+1*(2-1)+0+1 = 12
//   N=2 Cin=8 Cout=4 G=1 channels_first f32; MACs=9216
func.func @k_eq_s(%x: tensor<2x8x6x6xf32>, %w: tensor<8x4x2x2xf32>, %b: tensor<4xf32>) -> tensor<2x4x12x12xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>}
       : (tensor<2x8x6x6xf32>, tensor<8x4x2x2xf32>, tensor<4xf32>) -> tensor<2x4x12x12xf32>
  return %y : tensor<2x4x12x12xf32>
}

// RUN: tconv-run %s --entry=k_eq_s_3 --check | FileCheck %s --check-prefix=K_EQ_S_3
// K_EQ_S_3-NOT: FAIL
// K_EQ_S_3: check conv_transpose #0 {{.*}} PASS
// @k_eq_s_3
//   dim 0: I=4 k=3 s=3 p=0/0 dil=1 op=0: (4-1)*3-0-0+1*(3-1)+0+1 = 12
//   dim 1: I=3 k=3 s=3 p=0/0 dil=1 op=0: (3-1)*3-0-0+1*(3-1)+0+1 = 9
//   N=1 Cin=4 Cout=5 G=1 channels_first f32 no bias; MACs=2160
func.func @k_eq_s_3(%x: tensor<1x4x4x3xf32>, %w: tensor<4x5x3x3xf32>) -> tensor<1x5x12x9xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 3, 3>}
       : (tensor<1x4x4x3xf32>, tensor<4x5x3x3xf32>) -> tensor<1x5x12x9xf32>
  return %y : tensor<1x5x12x9xf32>
}

// RUN: tconv-run %s --entry=k_eq_s_pad --check | FileCheck %s --check-prefix=K_EQ_S_PAD
// K_EQ_S_PAD-NOT: FAIL
// K_EQ_S_PAD: check conv_transpose #0 {{.*}} PASS
// @k_eq_s_pad
//   dim 0: I=5 k=2 s=2 p=1/0 dil=1 op=1: (5-1)*2-1-0+1*(2-1)+1+1 = 10
//   dim 1: I=5 k=2 s=2 p=0/1 dil=1 op=0: (5-1)*2-0-1+1*(2-1)+0+1 = 9
//   N=1 Cin=4 Cout=4 G=1 channels_first f32; MACs=1600
func.func @k_eq_s_pad(%x: tensor<1x4x5x5xf32>, %w: tensor<4x4x2x2xf32>, %b: tensor<4xf32>) -> tensor<1x4x10x9xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 0, 0, 1>, output_padding = array<i64: 1, 0>}
       : (tensor<1x4x5x5xf32>, tensor<4x4x2x2xf32>, tensor<4xf32>) -> tensor<1x4x10x9xf32>
  return %y : tensor<1x4x10x9xf32>
}
