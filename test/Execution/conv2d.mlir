// Execution tests of tconv.conv_transpose: 2-D, channels_first, f32.
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

// RUN: tconv-run %s --entry=crop --check | FileCheck %s --check-prefix=CROP
// CROP-NOT: FAIL
// CROP: check conv_transpose #0 {{.*}} PASS
// @crop: padding > dil*(k-1) in both dims
//   dim 0: I=6 k=3 s=2 p=3/4 dil=1 op=0: (6-1)*2-3-4+1*(3-1)+0+1 = 6
//   dim 1: I=6 k=3 s=2 p=4/3 dil=1 op=0: (6-1)*2-4-3+1*(3-1)+0+1 = 6
//   N=1 Cin=2 Cout=3 G=1 channels_first f32; MACs=1944
func.func @crop(%x: tensor<1x2x6x6xf32>, %w: tensor<2x3x3x3xf32>, %b: tensor<3xf32>) -> tensor<1x3x6x6xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 3, 4, 4, 3>}
       : (tensor<1x2x6x6xf32>, tensor<2x3x3x3xf32>, tensor<3xf32>) -> tensor<1x3x6x6xf32>
  return %y : tensor<1x3x6x6xf32>
}

// RUN: tconv-run %s --entry=mixed_pad_crop --check | FileCheck %s --check-prefix=MIXED_PAD_CROP
// MIXED_PAD_CROP-NOT: FAIL
// MIXED_PAD_CROP: check conv_transpose #0 {{.*}} PASS
// @mixed_pad_crop: dim 0 pads less than dil*(k-1), dim 1 crops more
//   dim 0: I=5 k=5 s=2 p=1/0 dil=1 op=0: (5-1)*2-1-0+1*(5-1)+0+1 = 12
//   dim 1: I=6 k=2 s=3 p=3/2 dil=1 op=0: (6-1)*3-3-2+1*(2-1)+0+1 = 12
//   N=2 Cin=2 Cout=2 G=1 channels_first f32; MACs=2400
func.func @mixed_pad_crop(%x: tensor<2x2x5x6xf32>, %w: tensor<2x2x5x2xf32>, %b: tensor<2xf32>) -> tensor<2x2x12x12xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 3>, padding = array<i64: 1, 3, 0, 2>}
       : (tensor<2x2x5x6xf32>, tensor<2x2x5x2xf32>, tensor<2xf32>) -> tensor<2x2x12x12xf32>
  return %y : tensor<2x2x12x12xf32>
}

// RUN: tconv-run %s --entry=output_padding --check | FileCheck %s --check-prefix=OUTPUT_PADDING
// OUTPUT_PADDING-NOT: FAIL
// OUTPUT_PADDING: check conv_transpose #0 {{.*}} PASS
// @output_padding
//   dim 0: I=5 k=3 s=2 p=1/1 dil=1 op=1: (5-1)*2-1-1+1*(3-1)+1+1 = 10
//   dim 1: I=5 k=3 s=3 p=1/1 dil=1 op=2: (5-1)*3-1-1+1*(3-1)+2+1 = 15
//   N=2 Cin=3 Cout=4 G=1 channels_first f32; MACs=5400
func.func @output_padding(%x: tensor<2x3x5x5xf32>, %w: tensor<3x4x3x3xf32>, %b: tensor<4xf32>) -> tensor<2x4x10x15xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 3>, padding = array<i64: 1, 1, 1, 1>, output_padding = array<i64: 1, 2>}
       : (tensor<2x3x5x5xf32>, tensor<3x4x3x3xf32>, tensor<4xf32>) -> tensor<2x4x10x15xf32>
  return %y : tensor<2x4x10x15xf32>
}

// RUN: tconv-run %s --entry=op_lt_dil --check | FileCheck %s --check-prefix=OP_LT_DIL
// OP_LT_DIL-NOT: FAIL
// OP_LT_DIL: check conv_transpose #0 {{.*}} PASS
// @op_lt_dil: op >= stride, < dilation
//   dim 0: I=5 k=3 s=1 p=0/0 dil=3 op=2: (5-1)*1-0-0+3*(3-1)+2+1 = 13
//   dim 1: I=6 k=2 s=2 p=0/0 dil=4 op=3: (6-1)*2-0-0+4*(2-1)+3+1 = 18
//   N=1 Cin=3 Cout=3 G=1 channels_first f32; MACs=1620
func.func @op_lt_dil(%x: tensor<1x3x5x6xf32>, %w: tensor<3x3x3x2xf32>, %b: tensor<3xf32>) -> tensor<1x3x13x18xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 1, 2>, output_padding = array<i64: 2, 3>, dilations = array<i64: 3, 4>}
       : (tensor<1x3x5x6xf32>, tensor<3x3x3x2xf32>, tensor<3xf32>) -> tensor<1x3x13x18xf32>
  return %y : tensor<1x3x13x18xf32>
}

// RUN: tconv-run %s --entry=dilation --check | FileCheck %s --check-prefix=DILATION
// DILATION-NOT: FAIL
// DILATION: check conv_transpose #0 {{.*}} PASS
// @dilation
//   dim 0: I=6 k=3 s=2 p=1/2 dil=2 op=0: (6-1)*2-1-2+2*(3-1)+0+1 = 12
//   dim 1: I=5 k=3 s=1 p=2/1 dil=3 op=0: (5-1)*1-2-1+3*(3-1)+0+1 = 8
//   N=1 Cin=3 Cout=4 G=1 channels_first f32; MACs=3240
func.func @dilation(%x: tensor<1x3x6x5xf32>, %w: tensor<3x4x3x3xf32>, %b: tensor<4xf32>) -> tensor<1x4x12x8xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 1>, padding = array<i64: 1, 2, 2, 1>, dilations = array<i64: 2, 3>}
       : (tensor<1x3x6x5xf32>, tensor<3x4x3x3xf32>, tensor<4xf32>) -> tensor<1x4x12x8xf32>
  return %y : tensor<1x4x12x8xf32>
}

// RUN: tconv-run %s --entry=dil_stride_common --check | FileCheck %s --check-prefix=DIL_STRIDE_COMMON
// DIL_STRIDE_COMMON-NOT: FAIL
// DIL_STRIDE_COMMON: check conv_transpose #0 {{.*}} PASS
// @dil_stride_common: dilation shares a factor with stride
//   dim 0: I=5 k=3 s=2 p=0/0 dil=2 op=1: (5-1)*2-0-0+2*(3-1)+1+1 = 14
//   dim 1: I=5 k=4 s=4 p=0/0 dil=2 op=1: (5-1)*4-0-0+2*(4-1)+1+1 = 24
//   N=1 Cin=2 Cout=3 G=1 channels_first f32; MACs=1800
func.func @dil_stride_common(%x: tensor<1x2x5x5xf32>, %w: tensor<2x3x3x4xf32>, %b: tensor<3xf32>) -> tensor<1x3x14x24xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 4>, output_padding = array<i64: 1, 1>, dilations = array<i64: 2, 2>}
       : (tensor<1x2x5x5xf32>, tensor<2x3x3x4xf32>, tensor<3xf32>) -> tensor<1x3x14x24xf32>
  return %y : tensor<1x3x14x24xf32>
}

// RUN: tconv-run %s --entry=dil_stride_6_4 --check | FileCheck %s --check-prefix=DIL_STRIDE_6_4
// DIL_STRIDE_6_4-NOT: FAIL
// DIL_STRIDE_6_4: check conv_transpose #0 {{.*}} PASS
// @dil_stride_6_4: s=6, dil=4 and s=3, dil=3
//   dim 0: I=3 k=3 s=6 p=2/3 dil=4 op=5: (3-1)*6-2-3+4*(3-1)+5+1 = 21
//   dim 1: I=4 k=2 s=3 p=1/0 dil=3 op=2: (4-1)*3-1-0+3*(2-1)+2+1 = 14
//   N=1 Cin=2 Cout=2 G=1 channels_first f32; MACs=288
func.func @dil_stride_6_4(%x: tensor<1x2x3x4xf32>, %w: tensor<2x2x3x2xf32>, %b: tensor<2xf32>) -> tensor<1x2x21x14xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 6, 3>, padding = array<i64: 2, 1, 3, 0>, output_padding = array<i64: 5, 2>, dilations = array<i64: 4, 3>}
       : (tensor<1x2x3x4xf32>, tensor<2x2x3x2xf32>, tensor<2xf32>) -> tensor<1x2x21x14xf32>
  return %y : tensor<1x2x21x14xf32>
}

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
