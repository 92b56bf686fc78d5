// Execution tests of tconv.conv_transpose: 2-D, channels_first, f32: output_padding and dilation.
// Each function is JIT-run by tconv-run on seeded random inputs; --check
// recomputes the op with the reference implementation (scatter definition in
// double) and prints PASS/FAIL per op (tconv-run exits 1 on FAIL).
// Output sizes: O = (I - 1) * s - pb - pe + dil * (k - 1) + op + 1.

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
