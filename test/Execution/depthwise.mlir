// Execution tests of tconv.conv_transpose: depthwise (groups == Cin), channels_first.
// Each function is JIT-run by tconv-run on seeded random inputs; --check
// recomputes the op with the reference implementation (scatter definition in
// double) and prints PASS/FAIL per op (tconv-run exits 1 on FAIL).
// Output sizes: O = (I - 1) * s - pb - pe + dil * (k - 1) + op + 1.

// RUN: tconv-run %s --entry=depthwise_1d --check | FileCheck %s --check-prefix=DEPTHWISE_1D
// DEPTHWISE_1D-NOT: FAIL
// DEPTHWISE_1D: check conv_transpose #0 {{.*}} PASS
// @depthwise_1d
//   dim 0: I=9 k=4 s=2 p=1/1 dil=1 op=0: (9-1)*2-1-1+1*(4-1)+0+1 = 18
//   N=2 Cin=5 Cout=5 G=5 channels_first f32; MACs=360
func.func @depthwise_1d(%x: tensor<2x5x9xf32>, %w: tensor<5x1x4xf32>, %b: tensor<5xf32>) -> tensor<2x5x18xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2>, padding = array<i64: 1, 1>, groups = 5 : i64}
       : (tensor<2x5x9xf32>, tensor<5x1x4xf32>, tensor<5xf32>) -> tensor<2x5x18xf32>
  return %y : tensor<2x5x18xf32>
}

// RUN: tconv-run %s --entry=depthwise_2d --check | FileCheck %s --check-prefix=DEPTHWISE_2D
// DEPTHWISE_2D-NOT: FAIL
// DEPTHWISE_2D: check conv_transpose #0 {{.*}} PASS
// @depthwise_2d
//   dim 0: I=6 k=4 s=2 p=1/1 dil=1 op=0: (6-1)*2-1-1+1*(4-1)+0+1 = 12
//   dim 1: I=6 k=4 s=2 p=1/1 dil=1 op=0: (6-1)*2-1-1+1*(4-1)+0+1 = 12
//   N=1 Cin=6 Cout=6 G=6 channels_first f32; MACs=3456
func.func @depthwise_2d(%x: tensor<1x6x6x6xf32>, %w: tensor<6x1x4x4xf32>, %b: tensor<6xf32>) -> tensor<1x6x12x12xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>, groups = 6 : i64}
       : (tensor<1x6x6x6xf32>, tensor<6x1x4x4xf32>, tensor<6xf32>) -> tensor<1x6x12x12xf32>
  return %y : tensor<1x6x12x12xf32>
}

// RUN: tconv-run %s --entry=depthwise_3d --check | FileCheck %s --check-prefix=DEPTHWISE_3D
// DEPTHWISE_3D-NOT: FAIL
// DEPTHWISE_3D: check conv_transpose #0 {{.*}} PASS
// @depthwise_3d
//   dim 0: I=3 k=3 s=2 p=0/0 dil=1 op=0: (3-1)*2-0-0+1*(3-1)+0+1 = 7
//   dim 1: I=4 k=3 s=2 p=0/0 dil=2 op=0: (4-1)*2-0-0+2*(3-1)+0+1 = 11
//   dim 2: I=3 k=3 s=1 p=0/0 dil=2 op=0: (3-1)*1-0-0+2*(3-1)+0+1 = 7
//   N=1 Cin=4 Cout=4 G=4 channels_first f32; MACs=3888
func.func @depthwise_3d(%x: tensor<1x4x3x4x3xf32>, %w: tensor<4x1x3x3x3xf32>, %b: tensor<4xf32>) -> tensor<1x4x7x11x7xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2, 1>, dilations = array<i64: 1, 2, 2>, groups = 4 : i64}
       : (tensor<1x4x3x4x3xf32>, tensor<4x1x3x3x3xf32>, tensor<4xf32>) -> tensor<1x4x7x11x7xf32>
  return %y : tensor<1x4x7x11x7xf32>
}

// RUN: tconv-run %s --entry=depthwise_mult2 --check | FileCheck %s --check-prefix=DEPTHWISE_MULT2
// DEPTHWISE_MULT2-NOT: FAIL
// DEPTHWISE_MULT2: check conv_transpose #0 {{.*}} PASS
// @depthwise_mult2: channel multiplier 2 (Cout/G = 2)
//   dim 0: I=5 k=3 s=2 p=0/0 dil=1 op=0: (5-1)*2-0-0+1*(3-1)+0+1 = 11
//   dim 1: I=5 k=3 s=2 p=0/0 dil=1 op=0: (5-1)*2-0-0+1*(3-1)+0+1 = 11
//   N=1 Cin=4 Cout=8 G=4 channels_first f32; MACs=1800
func.func @depthwise_mult2(%x: tensor<1x4x5x5xf32>, %w: tensor<4x2x3x3xf32>, %b: tensor<8xf32>) -> tensor<1x8x11x11xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, groups = 4 : i64}
       : (tensor<1x4x5x5xf32>, tensor<4x2x3x3xf32>, tensor<8xf32>) -> tensor<1x8x11x11xf32>
  return %y : tensor<1x8x11x11xf32>
}

// RUN: tconv-run %s --entry=depthwise_k_eq_s --check | FileCheck %s --check-prefix=DEPTHWISE_K_EQ_S
// DEPTHWISE_K_EQ_S-NOT: FAIL
// DEPTHWISE_K_EQ_S: check conv_transpose #0 {{.*}} PASS
// @depthwise_k_eq_s
//   dim 0: I=4 k=2 s=2 p=0/0 dil=1 op=0: (4-1)*2-0-0+1*(2-1)+0+1 = 8
//   dim 1: I=4 k=2 s=2 p=0/0 dil=1 op=0: (4-1)*2-0-0+1*(2-1)+0+1 = 8
//   N=2 Cin=3 Cout=3 G=3 channels_first f32; MACs=384
func.func @depthwise_k_eq_s(%x: tensor<2x3x4x4xf32>, %w: tensor<3x1x2x2xf32>, %b: tensor<3xf32>) -> tensor<2x3x8x8xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, groups = 3 : i64}
       : (tensor<2x3x4x4xf32>, tensor<3x1x2x2xf32>, tensor<3xf32>) -> tensor<2x3x8x8xf32>
  return %y : tensor<2x3x8x8xf32>
}

// Computed along the image rows (isComputedAlongRows): the innermost stride
// as zeros inserted into the rows, a row of 106 as a tile of whole vectors
// and a remainder, a dilation along the other dim, output padding in both.
// RUN: tconv-run %s --entry=depthwise_rows --check | FileCheck %s --check-prefix=DEPTHWISE_ROWS
// RUN: tconv-run %s --entry=depthwise_rows --check --pipeline-options="channels-last-compute=false" | FileCheck %s --check-prefix=DEPTHWISE_ROWS
// DEPTHWISE_ROWS-NOT: FAIL
// DEPTHWISE_ROWS: check conv_transpose #0 {{.*}} PASS
// @depthwise_rows
//   dim 0: I=5 k=3 s=2 p=1/0 dil=2 op=1: (5-1)*2-1-0+2*(3-1)+1+1 = 13
//   dim 1: I=35 k=5 s=3 p=2/1 dil=1 op=2: (35-1)*3-2-1+1*(5-1)+2+1 = 106
//   N=2 Cin=3 Cout=3 G=3 channels_first f32
func.func @depthwise_rows(%x: tensor<2x3x5x35xf32>, %w: tensor<3x1x3x5xf32>, %b: tensor<3xf32>) -> tensor<2x3x13x106xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 3>, padding = array<i64: 1, 2, 0, 1>,
                                        output_padding = array<i64: 1, 2>, dilations = array<i64: 2, 1>, groups = 3 : i64}
       : (tensor<2x3x5x35xf32>, tensor<3x1x3x5xf32>, tensor<3xf32>) -> tensor<2x3x13x106xf32>
  return %y : tensor<2x3x13x106xf32>
}

// The same in f16 (rows extended to f32 before their FMAs), 1-D.
// RUN: tconv-run %s --entry=depthwise_rows_f16 --check | FileCheck %s --check-prefix=DEPTHWISE_ROWS_F16
// DEPTHWISE_ROWS_F16-NOT: FAIL
// DEPTHWISE_ROWS_F16: check conv_transpose #0 {{.*}} PASS
// @depthwise_rows_f16
//   dim 0: I=20 k=4 s=2 p=1/1 dil=1 op=0: (20-1)*2-1-1+1*(4-1)+0+1 = 40
//   N=1 Cin=4 Cout=4 G=4 channels_first f16
func.func @depthwise_rows_f16(%x: tensor<1x4x20xf16>, %w: tensor<4x1x4xf16>) -> tensor<1x4x40xf16> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2>, padding = array<i64: 1, 1>, groups = 4 : i64}
       : (tensor<1x4x20xf16>, tensor<4x1x4xf16>) -> tensor<1x4x40xf16>
  return %y : tensor<1x4x40xf16>
}
