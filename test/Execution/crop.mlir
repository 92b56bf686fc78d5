// Execution tests of tconv.conv_transpose: padding larger than dil*(k-1) (the output is cropped into the stamps), mixed pad/crop across dims.
// Each function is JIT-run by tconv-run on seeded random inputs; --check
// recomputes the op with the reference implementation (scatter definition in
// double) and prints PASS/FAIL per op (tconv-run exits 1 on FAIL).
// Output sizes: O = (I - 1) * s - pb - pe + dil * (k - 1) + op + 1.

// RUN: tconv-run %s --entry=crop_begin --check | FileCheck %s --check-prefix=CROP_BEGIN
// CROP_BEGIN-NOT: FAIL
// CROP_BEGIN: check conv_transpose #0 {{.*}} PASS
// @crop_begin: crop at the begin only
//   dim 0: I=6 k=3 s=1 p=4/0 dil=1 op=0: (6-1)*1-4-0+1*(3-1)+0+1 = 4
//   dim 1: I=6 k=3 s=2 p=5/1 dil=1 op=0: (6-1)*2-5-1+1*(3-1)+0+1 = 7
//   N=1 Cin=2 Cout=2 G=1 channels_first f32; MACs=1296
func.func @crop_begin(%x: tensor<1x2x6x6xf32>, %w: tensor<2x2x3x3xf32>, %b: tensor<2xf32>) -> tensor<1x2x4x7xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 1, 2>, padding = array<i64: 4, 5, 0, 1>}
       : (tensor<1x2x6x6xf32>, tensor<2x2x3x3xf32>, tensor<2xf32>) -> tensor<1x2x4x7xf32>
  return %y : tensor<1x2x4x7xf32>
}

// RUN: tconv-run %s --entry=crop_end --check | FileCheck %s --check-prefix=CROP_END
// CROP_END-NOT: FAIL
// CROP_END: check conv_transpose #0 {{.*}} PASS
// @crop_end: crop at the end only
//   dim 0: I=6 k=3 s=1 p=0/4 dil=1 op=0: (6-1)*1-0-4+1*(3-1)+0+1 = 4
//   dim 1: I=6 k=3 s=2 p=1/5 dil=1 op=0: (6-1)*2-1-5+1*(3-1)+0+1 = 7
//   N=1 Cin=2 Cout=2 G=1 channels_first f32; MACs=1296
func.func @crop_end(%x: tensor<1x2x6x6xf32>, %w: tensor<2x2x3x3xf32>, %b: tensor<2xf32>) -> tensor<1x2x4x7xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 1, 2>, padding = array<i64: 0, 1, 4, 5>}
       : (tensor<1x2x6x6xf32>, tensor<2x2x3x3xf32>, tensor<2xf32>) -> tensor<1x2x4x7xf32>
  return %y : tensor<1x2x4x7xf32>
}

// RUN: tconv-run %s --entry=crop_dilated --check | FileCheck %s --check-prefix=CROP_DILATED
// CROP_DILATED-NOT: FAIL
// CROP_DILATED: check conv_transpose #0 {{.*}} PASS
// @crop_dilated: padding > dil*(k-1) with dilation
//   dim 0: I=5 k=3 s=2 p=5/6 dil=2 op=0: (5-1)*2-5-6+2*(3-1)+0+1 = 2
//   dim 1: I=5 k=2 s=3 p=4/4 dil=3 op=0: (5-1)*3-4-4+3*(2-1)+0+1 = 8
//   N=1 Cin=2 Cout=3 G=1 channels_first f32; MACs=900
func.func @crop_dilated(%x: tensor<1x2x5x5xf32>, %w: tensor<2x3x3x2xf32>, %b: tensor<3xf32>) -> tensor<1x3x2x8xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 3>, padding = array<i64: 5, 4, 6, 4>, dilations = array<i64: 2, 3>}
       : (tensor<1x2x5x5xf32>, tensor<2x3x3x2xf32>, tensor<3xf32>) -> tensor<1x3x2x8xf32>
  return %y : tensor<1x3x2x8xf32>
}

// RUN: tconv-run %s --entry=crop_with_op --check | FileCheck %s --check-prefix=CROP_WITH_OP
// CROP_WITH_OP-NOT: FAIL
// CROP_WITH_OP: check conv_transpose #0 {{.*}} PASS
// @crop_with_op: crop and output_padding together
//   dim 0: I=6 k=3 s=3 p=5/3 dil=1 op=2: (6-1)*3-5-3+1*(3-1)+2+1 = 12
//   dim 1: I=5 k=4 s=2 p=4/4 dil=1 op=1: (5-1)*2-4-4+1*(4-1)+1+1 = 5
//   N=1 Cin=2 Cout=2 G=1 channels_first f32; MACs=1440
func.func @crop_with_op(%x: tensor<1x2x6x5xf32>, %w: tensor<2x2x3x4xf32>, %b: tensor<2xf32>) -> tensor<1x2x12x5xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 3, 2>, padding = array<i64: 5, 4, 3, 4>, output_padding = array<i64: 2, 1>}
       : (tensor<1x2x6x5xf32>, tensor<2x2x3x4xf32>, tensor<2xf32>) -> tensor<1x2x12x5xf32>
  return %y : tensor<1x2x12x5xf32>
}

// RUN: tconv-run %s --entry=big_crop_small_out --check | FileCheck %s --check-prefix=BIG_CROP_SMALL_OUT
// BIG_CROP_SMALL_OUT-NOT: FAIL
// BIG_CROP_SMALL_OUT: check conv_transpose #0 {{.*}} PASS
// @big_crop_small_out: crop leaves small outputs
//   dim 0: I=4 k=3 s=2 p=4/4 dil=1 op=0: (4-1)*2-4-4+1*(3-1)+0+1 = 1
//   dim 1: I=5 k=3 s=2 p=5/4 dil=1 op=0: (5-1)*2-5-4+1*(3-1)+0+1 = 2
//   N=2 Cin=3 Cout=2 G=1 channels_first f32; MACs=2160
func.func @big_crop_small_out(%x: tensor<2x3x4x5xf32>, %w: tensor<3x2x3x3xf32>, %b: tensor<2xf32>) -> tensor<2x2x1x2xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 4, 5, 4, 4>}
       : (tensor<2x3x4x5xf32>, tensor<3x2x3x3xf32>, tensor<2xf32>) -> tensor<2x2x1x2xf32>
  return %y : tensor<2x2x1x2xf32>
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
