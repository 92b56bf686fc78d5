// Execution tests of tconv.conv_transpose: groups in 1-D, 2-D and 3-D, channels_first.
// Each function is JIT-run by tconv-run on seeded random inputs; --check
// recomputes the op with the reference implementation (scatter definition in
// double) and prints PASS/FAIL per op (tconv-run exits 1 on FAIL).
// Output sizes: O = (I - 1) * s - pb - pe + dil * (k - 1) + op + 1.

// RUN: tconv-run %s --entry=g2_1d --check | FileCheck %s --check-prefix=G2_1D
// G2_1D-NOT: FAIL
// G2_1D: check conv_transpose #0 {{.*}} PASS
// @g2_1d
//   dim 0: I=8 k=3 s=2 p=1/0 dil=1 op=0: (8-1)*2-1-0+1*(3-1)+0+1 = 16
//   N=2 Cin=4 Cout=6 G=2 channels_first f32; MACs=576
func.func @g2_1d(%x: tensor<2x4x8xf32>, %w: tensor<4x3x3xf32>, %b: tensor<6xf32>) -> tensor<2x6x16xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2>, padding = array<i64: 1, 0>, groups = 2 : i64}
       : (tensor<2x4x8xf32>, tensor<4x3x3xf32>, tensor<6xf32>) -> tensor<2x6x16xf32>
  return %y : tensor<2x6x16xf32>
}

// RUN: tconv-run %s --entry=g3_1d --check | FileCheck %s --check-prefix=G3_1D
// G3_1D-NOT: FAIL
// G3_1D: check conv_transpose #0 {{.*}} PASS
// @g3_1d
//   dim 0: I=7 k=4 s=3 p=0/0 dil=1 op=1: (7-1)*3-0-0+1*(4-1)+1+1 = 23
//   N=1 Cin=6 Cout=9 G=3 channels_first f32; MACs=504
func.func @g3_1d(%x: tensor<1x6x7xf32>, %w: tensor<6x3x4xf32>, %b: tensor<9xf32>) -> tensor<1x9x23xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 3>, output_padding = array<i64: 1>, groups = 3 : i64}
       : (tensor<1x6x7xf32>, tensor<6x3x4xf32>, tensor<9xf32>) -> tensor<1x9x23xf32>
  return %y : tensor<1x9x23xf32>
}

// RUN: tconv-run %s --entry=g2_2d --check | FileCheck %s --check-prefix=G2_2D
// G2_2D-NOT: FAIL
// G2_2D: check conv_transpose #0 {{.*}} PASS
// @g2_2d
//   dim 0: I=5 k=3 s=2 p=1/1 dil=1 op=1: (5-1)*2-1-1+1*(3-1)+1+1 = 10
//   dim 1: I=5 k=3 s=2 p=1/1 dil=1 op=1: (5-1)*2-1-1+1*(3-1)+1+1 = 10
//   N=2 Cin=4 Cout=4 G=2 channels_first f32; MACs=3600
func.func @g2_2d(%x: tensor<2x4x5x5xf32>, %w: tensor<4x2x3x3xf32>, %b: tensor<4xf32>) -> tensor<2x4x10x10xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>, output_padding = array<i64: 1, 1>, groups = 2 : i64}
       : (tensor<2x4x5x5xf32>, tensor<4x2x3x3xf32>, tensor<4xf32>) -> tensor<2x4x10x10xf32>
  return %y : tensor<2x4x10x10xf32>
}

// RUN: tconv-run %s --entry=g3_2d_dil --check | FileCheck %s --check-prefix=G3_2D_DIL
// G3_2D_DIL-NOT: FAIL
// G3_2D_DIL: check conv_transpose #0 {{.*}} PASS
// @g3_2d_dil
//   dim 0: I=4 k=3 s=2 p=0/1 dil=2 op=0: (4-1)*2-0-1+2*(3-1)+0+1 = 10
//   dim 1: I=5 k=2 s=1 p=2/0 dil=3 op=0: (5-1)*1-2-0+3*(2-1)+0+1 = 6
//   N=1 Cin=6 Cout=3 G=3 channels_first f32; MACs=720
func.func @g3_2d_dil(%x: tensor<1x6x4x5xf32>, %w: tensor<6x1x3x2xf32>, %b: tensor<3xf32>) -> tensor<1x3x10x6xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 1>, padding = array<i64: 0, 2, 1, 0>, dilations = array<i64: 2, 3>, groups = 3 : i64}
       : (tensor<1x6x4x5xf32>, tensor<6x1x3x2xf32>, tensor<3xf32>) -> tensor<1x3x10x6xf32>
  return %y : tensor<1x3x10x6xf32>
}

// RUN: tconv-run %s --entry=g4_2d_nobias --check | FileCheck %s --check-prefix=G4_2D_NOBIAS
// G4_2D_NOBIAS-NOT: FAIL
// G4_2D_NOBIAS: check conv_transpose #0 {{.*}} PASS
// @g4_2d_nobias
//   dim 0: I=5 k=2 s=2 p=0/0 dil=1 op=0: (5-1)*2-0-0+1*(2-1)+0+1 = 10
//   dim 1: I=4 k=3 s=2 p=0/0 dil=1 op=0: (4-1)*2-0-0+1*(3-1)+0+1 = 9
//   N=1 Cin=8 Cout=12 G=4 channels_first f32 no bias; MACs=2880
func.func @g4_2d_nobias(%x: tensor<1x8x5x4xf32>, %w: tensor<8x3x2x3xf32>) -> tensor<1x12x10x9xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 2>, groups = 4 : i64}
       : (tensor<1x8x5x4xf32>, tensor<8x3x2x3xf32>) -> tensor<1x12x10x9xf32>
  return %y : tensor<1x12x10x9xf32>
}

// RUN: tconv-run %s --entry=g2_3d --check | FileCheck %s --check-prefix=G2_3D
// G2_3D-NOT: FAIL
// G2_3D: check conv_transpose #0 {{.*}} PASS
// @g2_3d
//   dim 0: I=3 k=2 s=2 p=0/1 dil=1 op=0: (3-1)*2-0-1+1*(2-1)+0+1 = 5
//   dim 1: I=4 k=3 s=1 p=1/1 dil=1 op=0: (4-1)*1-1-1+1*(3-1)+0+1 = 4
//   dim 2: I=3 k=2 s=2 p=1/0 dil=1 op=0: (3-1)*2-1-0+1*(2-1)+0+1 = 5
//   N=1 Cin=4 Cout=6 G=2 channels_first f32; MACs=5184
func.func @g2_3d(%x: tensor<1x4x3x4x3xf32>, %w: tensor<4x3x2x3x2xf32>, %b: tensor<6xf32>) -> tensor<1x6x5x4x5xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 1, 2>, padding = array<i64: 0, 1, 1, 1, 1, 0>, groups = 2 : i64}
       : (tensor<1x4x3x4x3xf32>, tensor<4x3x2x3x2xf32>, tensor<6xf32>) -> tensor<1x6x5x4x5xf32>
  return %y : tensor<1x6x5x4x5xf32>
}

// RUN: tconv-run %s --entry=g3_3d --check | FileCheck %s --check-prefix=G3_3D
// G3_3D-NOT: FAIL
// G3_3D: check conv_transpose #0 {{.*}} PASS
// @g3_3d
//   dim 0: I=3 k=3 s=2 p=1/1 dil=1 op=1: (3-1)*2-1-1+1*(3-1)+1+1 = 6
//   dim 1: I=3 k=3 s=2 p=1/1 dil=1 op=1: (3-1)*2-1-1+1*(3-1)+1+1 = 6
//   dim 2: I=3 k=3 s=2 p=1/1 dil=1 op=1: (3-1)*2-1-1+1*(3-1)+1+1 = 6
//   N=1 Cin=3 Cout=6 G=3 channels_first f32; MACs=4374
func.func @g3_3d(%x: tensor<1x3x3x3x3xf32>, %w: tensor<3x2x3x3x3xf32>, %b: tensor<6xf32>) -> tensor<1x6x6x6x6xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2, 2>, padding = array<i64: 1, 1, 1, 1, 1, 1>, output_padding = array<i64: 1, 1, 1>, groups = 3 : i64}
       : (tensor<1x3x3x3x3xf32>, tensor<3x2x3x3x3xf32>, tensor<6xf32>) -> tensor<1x6x6x6x6xf32>
  return %y : tensor<1x6x6x6x6xf32>
}

// RUN: tconv-run %s --entry=groups_cin_gt_cout --check | FileCheck %s --check-prefix=GROUPS_CIN_GT_COUT
// GROUPS_CIN_GT_COUT-NOT: FAIL
// GROUPS_CIN_GT_COUT: check conv_transpose #0 {{.*}} PASS
// @groups_cin_gt_cout: Cin/G = 4, Cout/G = 1
//   dim 0: I=5 k=3 s=3 p=0/0 dil=1 op=0: (5-1)*3-0-0+1*(3-1)+0+1 = 15
//   dim 1: I=5 k=3 s=1 p=0/0 dil=1 op=0: (5-1)*1-0-0+1*(3-1)+0+1 = 7
//   N=1 Cin=8 Cout=2 G=2 channels_first f32; MACs=1800
func.func @groups_cin_gt_cout(%x: tensor<1x8x5x5xf32>, %w: tensor<8x1x3x3xf32>, %b: tensor<2xf32>) -> tensor<1x2x15x7xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 3, 1>, groups = 2 : i64}
       : (tensor<1x8x5x5xf32>, tensor<8x1x3x3xf32>, tensor<2xf32>) -> tensor<1x2x15x7xf32>
  return %y : tensor<1x2x15x7xf32>
}

// The boundary of the per-group split (at most 8 groups run as one
// convolution per group, more as one grouped convolution), with every
// algorithm: 8 and 9 groups of 2 -> 3 channels.
// RUN: tconv-run %s --entry=g8_2d --check | FileCheck %s --check-prefix=G8_2D
// RUN: tconv-run %s --entry=g9_2d --check | FileCheck %s --check-prefix=G9_2D
// RUN: tconv-run %s --entry=g8_2d --check --pipeline-options=algorithm=zero-insertion | FileCheck %s --check-prefix=G8_2D
// RUN: tconv-run %s --entry=g9_2d --check --pipeline-options=algorithm=zero-insertion | FileCheck %s --check-prefix=G9_2D
// RUN: tconv-run %s --entry=g8_2d --check --pipeline-options=algorithm=phase | FileCheck %s --check-prefix=G8_2D
// RUN: tconv-run %s --entry=g9_2d --check --pipeline-options=algorithm=phase | FileCheck %s --check-prefix=G9_2D
// G8_2D-NOT: FAIL
// G8_2D: check conv_transpose #0 {{.*}} PASS
// G9_2D-NOT: FAIL
// G9_2D: check conv_transpose #0 {{.*}} PASS
// @g8_2d
//   dims: I=5x4 k=3x2 s=2x3 p=1/0,0/1 dil=1 op=1,0: (5-1)*2-1-0+2+1+1 = 11, (4-1)*3-0-1+1+0+1 = 10
//   N=2 Cin=16 Cout=24 G=8 channels_first f32
func.func @g8_2d(%x: tensor<2x16x5x4xf32>, %w: tensor<16x3x3x2xf32>, %b: tensor<24xf32>) -> tensor<2x24x11x10xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 3>, padding = array<i64: 1, 0, 0, 1>, output_padding = array<i64: 1, 0>, groups = 8 : i64}
       : (tensor<2x16x5x4xf32>, tensor<16x3x3x2xf32>, tensor<24xf32>) -> tensor<2x24x11x10xf32>
  return %y : tensor<2x24x11x10xf32>
}
// @g9_2d: as @g8_2d with 9 groups, channels_last.
func.func @g9_2d(%x: tensor<2x5x4x18xf32>, %w: tensor<27x3x2x2xf32>, %b: tensor<27xf32>) -> tensor<2x11x10x27xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 3>, padding = array<i64: 1, 0, 0, 1>, output_padding = array<i64: 1, 0>, groups = 9 : i64, layout = #tconv.layout<channels_last>}
       : (tensor<2x5x4x18xf32>, tensor<27x3x2x2xf32>, tensor<27xf32>) -> tensor<2x11x10x27xf32>
  return %y : tensor<2x11x10x27xf32>
}
