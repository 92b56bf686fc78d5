// Execution tests of tconv.conv_transpose: padding at the begin/end and output_padding.
// Each function is JIT-run by tconv-run on seeded random inputs; --check
// recomputes the op with the reference implementation (scatter definition in
// double) and prints PASS/FAIL per op (tconv-run exits 1 on FAIL).
// Output sizes: O = (I - 1) * s - pb - pe + dil * (k - 1) + op + 1.

// RUN: tconv-run %s --entry=pad_begin_only --check | FileCheck %s --check-prefix=PAD_BEGIN_ONLY
// PAD_BEGIN_ONLY-NOT: FAIL
// PAD_BEGIN_ONLY: check conv_transpose #0 {{.*}} PASS
// @pad_begin_only
//   dim 0: I=5 k=4 s=2 p=2/0 dil=1 op=0: (5-1)*2-2-0+1*(4-1)+0+1 = 10
//   dim 1: I=5 k=4 s=2 p=3/0 dil=1 op=0: (5-1)*2-3-0+1*(4-1)+0+1 = 9
//   N=1 Cin=2 Cout=3 G=1 channels_first f32; MACs=2400
func.func @pad_begin_only(%x: tensor<1x2x5x5xf32>, %w: tensor<2x3x4x4xf32>, %b: tensor<3xf32>) -> tensor<1x3x10x9xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 2, 3, 0, 0>}
       : (tensor<1x2x5x5xf32>, tensor<2x3x4x4xf32>, tensor<3xf32>) -> tensor<1x3x10x9xf32>
  return %y : tensor<1x3x10x9xf32>
}

// RUN: tconv-run %s --entry=pad_end_only --check | FileCheck %s --check-prefix=PAD_END_ONLY
// PAD_END_ONLY-NOT: FAIL
// PAD_END_ONLY: check conv_transpose #0 {{.*}} PASS
// @pad_end_only
//   dim 0: I=5 k=4 s=2 p=0/2 dil=1 op=0: (5-1)*2-0-2+1*(4-1)+0+1 = 10
//   dim 1: I=5 k=4 s=2 p=0/3 dil=1 op=0: (5-1)*2-0-3+1*(4-1)+0+1 = 9
//   N=1 Cin=2 Cout=3 G=1 channels_first f32; MACs=2400
func.func @pad_end_only(%x: tensor<1x2x5x5xf32>, %w: tensor<2x3x4x4xf32>, %b: tensor<3xf32>) -> tensor<1x3x10x9xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 0, 0, 2, 3>}
       : (tensor<1x2x5x5xf32>, tensor<2x3x4x4xf32>, tensor<3xf32>) -> tensor<1x3x10x9xf32>
  return %y : tensor<1x3x10x9xf32>
}

// RUN: tconv-run %s --entry=pad_eq_full --check | FileCheck %s --check-prefix=PAD_EQ_FULL
// PAD_EQ_FULL-NOT: FAIL
// PAD_EQ_FULL: check conv_transpose #0 {{.*}} PASS
// @pad_eq_full: padding == dil*(k-1): nothing of the full correlation remains at the borders
//   dim 0: I=5 k=3 s=2 p=2/2 dil=1 op=0: (5-1)*2-2-2+1*(3-1)+0+1 = 7
//   dim 1: I=6 k=5 s=1 p=4/4 dil=1 op=0: (6-1)*1-4-4+1*(5-1)+0+1 = 2
//   N=1 Cin=2 Cout=2 G=1 channels_first f32; MACs=1800
func.func @pad_eq_full(%x: tensor<1x2x5x6xf32>, %w: tensor<2x2x3x5xf32>, %b: tensor<2xf32>) -> tensor<1x2x7x2xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 1>, padding = array<i64: 2, 4, 2, 4>}
       : (tensor<1x2x5x6xf32>, tensor<2x2x3x5xf32>, tensor<2xf32>) -> tensor<1x2x7x2xf32>
  return %y : tensor<1x2x7x2xf32>
}

// RUN: tconv-run %s --entry=op_beyond_stamps --check | FileCheck %s --check-prefix=OP_BEYOND_STAMPS
// OP_BEYOND_STAMPS-NOT: FAIL
// OP_BEYOND_STAMPS: check conv_transpose #0 {{.*}} PASS
// @op_beyond_stamps: output_padding rows that no stamp reaches hold only the bias
//   dim 0: I=3 k=2 s=3 p=0/0 dil=1 op=2: (3-1)*3-0-0+1*(2-1)+2+1 = 10
//   dim 1: I=3 k=2 s=4 p=0/0 dil=1 op=3: (3-1)*4-0-0+1*(2-1)+3+1 = 13
//   N=1 Cin=2 Cout=2 G=1 channels_first f32; MACs=144
func.func @op_beyond_stamps(%x: tensor<1x2x3x3xf32>, %w: tensor<2x2x2x2xf32>, %b: tensor<2xf32>) -> tensor<1x2x10x13xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 3, 4>, output_padding = array<i64: 2, 3>}
       : (tensor<1x2x3x3xf32>, tensor<2x2x2x2xf32>, tensor<2xf32>) -> tensor<1x2x10x13xf32>
  return %y : tensor<1x2x10x13xf32>
}
