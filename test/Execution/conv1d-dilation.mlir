// Execution tests of tconv.conv_transpose: 1-D, channels_first, f32: dilation, output_padding, special kernels and sizes.
// Each function is JIT-run by tconv-run on seeded random inputs; --check
// recomputes the op with the reference implementation (scatter definition in
// double) and prints PASS/FAIL per op (tconv-run exits 1 on FAIL).
// Output sizes: O = (I - 1) * s - pb - pe + dil * (k - 1) + op + 1.

// RUN: tconv-run %s --entry=dil2 --check | FileCheck %s --check-prefix=DIL2
// DIL2-NOT: FAIL
// DIL2: check conv_transpose #0 {{.*}} PASS
// @dil2
//   dim 0: I=7 k=3 s=1 p=1/0 dil=2 op=0: (7-1)*1-1-0+2*(3-1)+0+1 = 10
//   N=1 Cin=3 Cout=3 G=1 channels_first f32; MACs=189
func.func @dil2(%x: tensor<1x3x7xf32>, %w: tensor<3x3x3xf32>, %b: tensor<3xf32>) -> tensor<1x3x10xf32> {
  %y = tconv.conv_transpose %x, %w, %b {padding = array<i64: 1, 0>, dilations = array<i64: 2>}
       : (tensor<1x3x7xf32>, tensor<3x3x3xf32>, tensor<3xf32>) -> tensor<1x3x10xf32>
  return %y : tensor<1x3x10xf32>
}

// RUN: tconv-run %s --entry=op_lt_dil --check | FileCheck %s --check-prefix=OP_LT_DIL
// OP_LT_DIL-NOT: FAIL
// OP_LT_DIL: check conv_transpose #0 {{.*}} PASS
// @op_lt_dil: op = 2 >= stride 1 but < dilation 3
//   dim 0: I=7 k=3 s=1 p=0/0 dil=3 op=2: (7-1)*1-0-0+3*(3-1)+2+1 = 15
//   N=2 Cin=3 Cout=5 G=1 channels_first f32; MACs=630
func.func @op_lt_dil(%x: tensor<2x3x7xf32>, %w: tensor<3x5x3xf32>, %b: tensor<5xf32>) -> tensor<2x5x15xf32> {
  %y = tconv.conv_transpose %x, %w, %b {output_padding = array<i64: 2>, dilations = array<i64: 3>}
       : (tensor<2x3x7xf32>, tensor<3x5x3xf32>, tensor<5xf32>) -> tensor<2x5x15xf32>
  return %y : tensor<2x5x15xf32>
}

// RUN: tconv-run %s --entry=dil_stride_common --check | FileCheck %s --check-prefix=DIL_STRIDE_COMMON
// DIL_STRIDE_COMMON-NOT: FAIL
// DIL_STRIDE_COMMON: check conv_transpose #0 {{.*}} PASS
// @dil_stride_common: s=2, dil=2: odd output phases get no tap (bias only)
//   dim 0: I=9 k=4 s=2 p=0/0 dil=2 op=1: (9-1)*2-0-0+2*(4-1)+1+1 = 24
//   N=1 Cin=2 Cout=4 G=1 channels_first f32; MACs=288
func.func @dil_stride_common(%x: tensor<1x2x9xf32>, %w: tensor<2x4x4xf32>, %b: tensor<4xf32>) -> tensor<1x4x24xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2>, output_padding = array<i64: 1>, dilations = array<i64: 2>}
       : (tensor<1x2x9xf32>, tensor<2x4x4xf32>, tensor<4xf32>) -> tensor<1x4x24xf32>
  return %y : tensor<1x4x24xf32>
}

// RUN: tconv-run %s --entry=dil2_stride4 --check | FileCheck %s --check-prefix=DIL2_STRIDE4
// DIL2_STRIDE4-NOT: FAIL
// DIL2_STRIDE4: check conv_transpose #0 {{.*}} PASS
// @dil2_stride4: gcd(s, dil) = 2
//   dim 0: I=6 k=5 s=4 p=2/1 dil=2 op=3: (6-1)*4-2-1+2*(5-1)+3+1 = 29
//   N=1 Cin=3 Cout=2 G=1 channels_first f32; MACs=180
func.func @dil2_stride4(%x: tensor<1x3x6xf32>, %w: tensor<3x2x5xf32>, %b: tensor<2xf32>) -> tensor<1x2x29xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 4>, padding = array<i64: 2, 1>, output_padding = array<i64: 3>, dilations = array<i64: 2>}
       : (tensor<1x3x6xf32>, tensor<3x2x5xf32>, tensor<2xf32>) -> tensor<1x2x29xf32>
  return %y : tensor<1x2x29xf32>
}

// RUN: tconv-run %s --entry=k1_s3 --check | FileCheck %s --check-prefix=K1_S3
// K1_S3-NOT: FAIL
// K1_S3: check conv_transpose #0 {{.*}} PASS
// @k1_s3: 1x1 kernel, stride 3: only every third output is stamped
//   dim 0: I=5 k=1 s=3 p=0/0 dil=1 op=2: (5-1)*3-0-0+1*(1-1)+2+1 = 15
//   N=2 Cin=4 Cout=3 G=1 channels_first f32; MACs=120
func.func @k1_s3(%x: tensor<2x4x5xf32>, %w: tensor<4x3x1xf32>, %b: tensor<3xf32>) -> tensor<2x3x15xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 3>, output_padding = array<i64: 2>}
       : (tensor<2x4x5xf32>, tensor<4x3x1xf32>, tensor<3xf32>) -> tensor<2x3x15xf32>
  return %y : tensor<2x3x15xf32>
}

// RUN: tconv-run %s --entry=k_eq_s --check | FileCheck %s --check-prefix=K_EQ_S
// K_EQ_S-NOT: FAIL
// K_EQ_S: check conv_transpose #0 {{.*}} PASS
// @k_eq_s: kernel == stride, no overlap
//   dim 0: I=12 k=2 s=2 p=0/0 dil=1 op=0: (12-1)*2-0-0+1*(2-1)+0+1 = 24
//   N=2 Cin=8 Cout=4 G=1 channels_first f32; MACs=1536
func.func @k_eq_s(%x: tensor<2x8x12xf32>, %w: tensor<8x4x2xf32>, %b: tensor<4xf32>) -> tensor<2x4x24xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2>}
       : (tensor<2x8x12xf32>, tensor<8x4x2xf32>, tensor<4xf32>) -> tensor<2x4x24xf32>
  return %y : tensor<2x4x24xf32>
}

// RUN: tconv-run %s --entry=i1 --check | FileCheck %s --check-prefix=I1
// I1-NOT: FAIL
// I1: check conv_transpose #0 {{.*}} PASS
// @i1
//   dim 0: I=1 k=4 s=3 p=1/0 dil=1 op=0: (1-1)*3-1-0+1*(4-1)+0+1 = 3
//   N=3 Cin=2 Cout=2 G=1 channels_first f32; MACs=48
func.func @i1(%x: tensor<3x2x1xf32>, %w: tensor<2x2x4xf32>, %b: tensor<2xf32>) -> tensor<3x2x3xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 3>, padding = array<i64: 1, 0>}
       : (tensor<3x2x1xf32>, tensor<2x2x4xf32>, tensor<2xf32>) -> tensor<3x2x3xf32>
  return %y : tensor<3x2x3xf32>
}

// RUN: tconv-run %s --entry=o1 --check | FileCheck %s --check-prefix=O1
// O1-NOT: FAIL
// O1: check conv_transpose #0 {{.*}} PASS
// @o1: output of size 1
//   dim 0: I=3 k=3 s=2 p=3/3 dil=1 op=0: (3-1)*2-3-3+1*(3-1)+0+1 = 1
//   N=1 Cin=2 Cout=3 G=1 channels_first f32; MACs=54
func.func @o1(%x: tensor<1x2x3xf32>, %w: tensor<2x3x3xf32>, %b: tensor<3xf32>) -> tensor<1x3x1xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2>, padding = array<i64: 3, 3>}
       : (tensor<1x2x3xf32>, tensor<2x3x3xf32>, tensor<3xf32>) -> tensor<1x3x1xf32>
  return %y : tensor<1x3x1xf32>
}
