// Execution tests of tconv.conv_transpose: f16 and bf16 element types (default tolerances 1e-3 and 8e-3).
// Each function is JIT-run by tconv-run on seeded random inputs; --check
// recomputes the op with the reference implementation (scatter definition in
// double) and prints PASS/FAIL per op (tconv-run exits 1 on FAIL).
// Output sizes: O = (I - 1) * s - pb - pe + dil * (k - 1) + op + 1.

// RUN: tconv-run %s --entry=f16_1d --check | FileCheck %s --check-prefix=F16_1D
// F16_1D-NOT: FAIL
// F16_1D: check conv_transpose #0 {{.*}} PASS
// @f16_1d
//   dim 0: I=8 k=3 s=2 p=1/1 dil=1 op=1: (8-1)*2-1-1+1*(3-1)+1+1 = 16
//   N=2 Cin=4 Cout=3 G=1 channels_first f16; MACs=576
func.func @f16_1d(%x: tensor<2x4x8xf16>, %w: tensor<4x3x3xf16>, %b: tensor<3xf16>) -> tensor<2x3x16xf16> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2>, padding = array<i64: 1, 1>, output_padding = array<i64: 1>}
       : (tensor<2x4x8xf16>, tensor<4x3x3xf16>, tensor<3xf16>) -> tensor<2x3x16xf16>
  return %y : tensor<2x3x16xf16>
}

// RUN: tconv-run %s --entry=f16_2d --check | FileCheck %s --check-prefix=F16_2D
// F16_2D-NOT: FAIL
// F16_2D: check conv_transpose #0 {{.*}} PASS
// @f16_2d
//   dim 0: I=5 k=4 s=2 p=1/1 dil=1 op=0: (5-1)*2-1-1+1*(4-1)+0+1 = 10
//   dim 1: I=5 k=4 s=2 p=1/1 dil=1 op=0: (5-1)*2-1-1+1*(4-1)+0+1 = 10
//   N=1 Cin=4 Cout=4 G=1 channels_first f16; MACs=6400
func.func @f16_2d(%x: tensor<1x4x5x5xf16>, %w: tensor<4x4x4x4xf16>, %b: tensor<4xf16>) -> tensor<1x4x10x10xf16> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>}
       : (tensor<1x4x5x5xf16>, tensor<4x4x4x4xf16>, tensor<4xf16>) -> tensor<1x4x10x10xf16>
  return %y : tensor<1x4x10x10xf16>
}

// RUN: tconv-run %s --entry=f16_2d_groups_cl --check | FileCheck %s --check-prefix=F16_2D_GROUPS_CL
// F16_2D_GROUPS_CL-NOT: FAIL
// F16_2D_GROUPS_CL: check conv_transpose #0 {{.*}} PASS
// @f16_2d_groups_cl
//   dim 0: I=4 k=3 s=2 p=0/0 dil=1 op=0: (4-1)*2-0-0+1*(3-1)+0+1 = 9
//   dim 1: I=5 k=3 s=1 p=0/0 dil=1 op=0: (5-1)*1-0-0+1*(3-1)+0+1 = 7
//   N=1 Cin=4 Cout=6 G=2 channels_last f16; MACs=2160
func.func @f16_2d_groups_cl(%x: tensor<1x4x5x4xf16>, %w: tensor<6x3x3x2xf16>, %b: tensor<6xf16>) -> tensor<1x9x7x6xf16> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 1>, groups = 2 : i64, layout = #tconv.layout<channels_last>}
       : (tensor<1x4x5x4xf16>, tensor<6x3x3x2xf16>, tensor<6xf16>) -> tensor<1x9x7x6xf16>
  return %y : tensor<1x9x7x6xf16>
}

// RUN: tconv-run %s --entry=f16_3d_nobias --check | FileCheck %s --check-prefix=F16_3D_NOBIAS
// F16_3D_NOBIAS-NOT: FAIL
// F16_3D_NOBIAS: check conv_transpose #0 {{.*}} PASS
// @f16_3d_nobias
//   dim 0: I=3 k=2 s=2 p=0/0 dil=1 op=0: (3-1)*2-0-0+1*(2-1)+0+1 = 6
//   dim 1: I=3 k=2 s=2 p=0/0 dil=1 op=0: (3-1)*2-0-0+1*(2-1)+0+1 = 6
//   dim 2: I=3 k=2 s=2 p=0/0 dil=1 op=0: (3-1)*2-0-0+1*(2-1)+0+1 = 6
//   N=1 Cin=2 Cout=3 G=1 channels_first f16 no bias; MACs=1296
func.func @f16_3d_nobias(%x: tensor<1x2x3x3x3xf16>, %w: tensor<2x3x2x2x2xf16>) -> tensor<1x3x6x6x6xf16> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 2, 2>}
       : (tensor<1x2x3x3x3xf16>, tensor<2x3x2x2x2xf16>) -> tensor<1x3x6x6x6xf16>
  return %y : tensor<1x3x6x6x6xf16>
}

// RUN: tconv-run %s --entry=bf16_1d --check | FileCheck %s --check-prefix=BF16_1D
// BF16_1D-NOT: FAIL
// BF16_1D: check conv_transpose #0 {{.*}} PASS
// @bf16_1d
//   dim 0: I=8 k=3 s=2 p=0/0 dil=2 op=0: (8-1)*2-0-0+2*(3-1)+0+1 = 19
//   N=2 Cin=4 Cout=3 G=1 channels_first bf16; MACs=576
func.func @bf16_1d(%x: tensor<2x4x8xbf16>, %w: tensor<4x3x3xbf16>, %b: tensor<3xbf16>) -> tensor<2x3x19xbf16> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2>, dilations = array<i64: 2>}
       : (tensor<2x4x8xbf16>, tensor<4x3x3xbf16>, tensor<3xbf16>) -> tensor<2x3x19xbf16>
  return %y : tensor<2x3x19xbf16>
}

// RUN: tconv-run %s --entry=bf16_2d --check | FileCheck %s --check-prefix=BF16_2D
// BF16_2D-NOT: FAIL
// BF16_2D: check conv_transpose #0 {{.*}} PASS
// @bf16_2d
//   dim 0: I=5 k=4 s=2 p=1/1 dil=1 op=0: (5-1)*2-1-1+1*(4-1)+0+1 = 10
//   dim 1: I=5 k=4 s=2 p=1/1 dil=1 op=0: (5-1)*2-1-1+1*(4-1)+0+1 = 10
//   N=1 Cin=4 Cout=4 G=1 channels_first bf16; MACs=6400
func.func @bf16_2d(%x: tensor<1x4x5x5xbf16>, %w: tensor<4x4x4x4xbf16>, %b: tensor<4xbf16>) -> tensor<1x4x10x10xbf16> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>}
       : (tensor<1x4x5x5xbf16>, tensor<4x4x4x4xbf16>, tensor<4xbf16>) -> tensor<1x4x10x10xbf16>
  return %y : tensor<1x4x10x10xbf16>
}

// RUN: tconv-run %s --entry=bf16_2d_depthwise_cl --check | FileCheck %s --check-prefix=BF16_2D_DEPTHWISE_CL
// BF16_2D_DEPTHWISE_CL-NOT: FAIL
// BF16_2D_DEPTHWISE_CL: check conv_transpose #0 {{.*}} PASS
// @bf16_2d_depthwise_cl
//   dim 0: I=5 k=3 s=2 p=0/0 dil=1 op=1: (5-1)*2-0-0+1*(3-1)+1+1 = 12
//   dim 1: I=5 k=3 s=2 p=0/0 dil=1 op=1: (5-1)*2-0-0+1*(3-1)+1+1 = 12
//   N=1 Cin=4 Cout=4 G=4 channels_last bf16; MACs=900
func.func @bf16_2d_depthwise_cl(%x: tensor<1x5x5x4xbf16>, %w: tensor<4x3x3x1xbf16>, %b: tensor<4xbf16>) -> tensor<1x12x12x4xbf16> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, output_padding = array<i64: 1, 1>, groups = 4 : i64, layout = #tconv.layout<channels_last>}
       : (tensor<1x5x5x4xbf16>, tensor<4x3x3x1xbf16>, tensor<4xbf16>) -> tensor<1x12x12x4xbf16>
  return %y : tensor<1x12x12x4xbf16>
}

// RUN: tconv-run %s --entry=bf16_3d --check | FileCheck %s --check-prefix=BF16_3D
// BF16_3D-NOT: FAIL
// BF16_3D: check conv_transpose #0 {{.*}} PASS
// @bf16_3d
//   dim 0: I=3 k=3 s=1 p=1/0 dil=1 op=0: (3-1)*1-1-0+1*(3-1)+0+1 = 4
//   dim 1: I=3 k=3 s=2 p=0/1 dil=1 op=0: (3-1)*2-0-1+1*(3-1)+0+1 = 6
//   dim 2: I=3 k=3 s=3 p=2/1 dil=1 op=0: (3-1)*3-2-1+1*(3-1)+0+1 = 6
//   N=1 Cin=2 Cout=2 G=1 channels_first bf16; MACs=2916
func.func @bf16_3d(%x: tensor<1x2x3x3x3xbf16>, %w: tensor<2x2x3x3x3xbf16>, %b: tensor<2xbf16>) -> tensor<1x2x4x6x6xbf16> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 1, 2, 3>, padding = array<i64: 1, 0, 2, 0, 1, 1>}
       : (tensor<1x2x3x3x3xbf16>, tensor<2x2x3x3x3xbf16>, tensor<2xbf16>) -> tensor<1x2x4x6x6xbf16>
  return %y : tensor<1x2x4x6x6xbf16>
}
