// Execution tests of tconv.conv_transpose: 1-D, channels_first, f32: strides, padding, no bias.
// Each function is JIT-run by tconv-run on seeded random inputs; --check
// recomputes the op with the reference implementation (scatter definition in
// double) and prints PASS/FAIL per op (tconv-run exits 1 on FAIL).
// Output sizes: O = (I - 1) * s - pb - pe + dil * (k - 1) + op + 1.

// RUN: tconv-run %s --entry=stride1 --check | FileCheck %s --check-prefix=STRIDE1
// STRIDE1-NOT: FAIL
// STRIDE1: check conv_transpose #0 {{.*}} PASS
// @stride1
//   dim 0: I=9 k=3 s=1 p=0/0 dil=1 op=0: (9-1)*1-0-0+1*(3-1)+0+1 = 11
//   N=2 Cin=3 Cout=4 G=1 channels_first f32; MACs=648
func.func @stride1(%x: tensor<2x3x9xf32>, %w: tensor<3x4x3xf32>, %b: tensor<4xf32>) -> tensor<2x4x11xf32> {
  %y = tconv.conv_transpose %x, %w, %b
       : (tensor<2x3x9xf32>, tensor<3x4x3xf32>, tensor<4xf32>) -> tensor<2x4x11xf32>
  return %y : tensor<2x4x11xf32>
}

// RUN: tconv-run %s --entry=stride2 --check | FileCheck %s --check-prefix=STRIDE2
// STRIDE2-NOT: FAIL
// STRIDE2: check conv_transpose #0 {{.*}} PASS
// @stride2
//   dim 0: I=10 k=3 s=2 p=1/1 dil=1 op=0: (10-1)*2-1-1+1*(3-1)+0+1 = 19
//   N=2 Cin=4 Cout=6 G=1 channels_first f32; MACs=1440
func.func @stride2(%x: tensor<2x4x10xf32>, %w: tensor<4x6x3xf32>, %b: tensor<6xf32>) -> tensor<2x6x19xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2>, padding = array<i64: 1, 1>}
       : (tensor<2x4x10xf32>, tensor<4x6x3xf32>, tensor<6xf32>) -> tensor<2x6x19xf32>
  return %y : tensor<2x6x19xf32>
}

// RUN: tconv-run %s --entry=stride3 --check | FileCheck %s --check-prefix=STRIDE3
// STRIDE3-NOT: FAIL
// STRIDE3: check conv_transpose #0 {{.*}} PASS
// @stride3
//   dim 0: I=7 k=5 s=3 p=1/2 dil=1 op=0: (7-1)*3-1-2+1*(5-1)+0+1 = 20
//   N=1 Cin=3 Cout=5 G=1 channels_first f32; MACs=525
func.func @stride3(%x: tensor<1x3x7xf32>, %w: tensor<3x5x5xf32>, %b: tensor<5xf32>) -> tensor<1x5x20xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 3>, padding = array<i64: 1, 2>}
       : (tensor<1x3x7xf32>, tensor<3x5x5xf32>, tensor<5xf32>) -> tensor<1x5x20xf32>
  return %y : tensor<1x5x20xf32>
}

// RUN: tconv-run %s --entry=stride4_op3 --check | FileCheck %s --check-prefix=STRIDE4_OP3
// STRIDE4_OP3-NOT: FAIL
// STRIDE4_OP3: check conv_transpose #0 {{.*}} PASS
// @stride4_op3: output_padding = stride - 1
//   dim 0: I=6 k=4 s=4 p=0/0 dil=1 op=3: (6-1)*4-0-0+1*(4-1)+3+1 = 27
//   N=2 Cin=2 Cout=3 G=1 channels_first f32; MACs=288
func.func @stride4_op3(%x: tensor<2x2x6xf32>, %w: tensor<2x3x4xf32>, %b: tensor<3xf32>) -> tensor<2x3x27xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 4>, output_padding = array<i64: 3>}
       : (tensor<2x2x6xf32>, tensor<2x3x4xf32>, tensor<3xf32>) -> tensor<2x3x27xf32>
  return %y : tensor<2x3x27xf32>
}

// RUN: tconv-run %s --entry=asym_pad --check | FileCheck %s --check-prefix=ASYM_PAD
// ASYM_PAD-NOT: FAIL
// ASYM_PAD: check conv_transpose #0 {{.*}} PASS
// @asym_pad
//   dim 0: I=8 k=4 s=2 p=0/3 dil=1 op=0: (8-1)*2-0-3+1*(4-1)+0+1 = 15
//   N=1 Cin=3 Cout=2 G=1 channels_first f32; MACs=192
func.func @asym_pad(%x: tensor<1x3x8xf32>, %w: tensor<3x2x4xf32>, %b: tensor<2xf32>) -> tensor<1x2x15xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2>, padding = array<i64: 0, 3>}
       : (tensor<1x3x8xf32>, tensor<3x2x4xf32>, tensor<2xf32>) -> tensor<1x2x15xf32>
  return %y : tensor<1x2x15xf32>
}

// RUN: tconv-run %s --entry=crop --check | FileCheck %s --check-prefix=CROP
// CROP-NOT: FAIL
// CROP: check conv_transpose #0 {{.*}} PASS
// @crop: padding > dil*(k-1): crops into the stamps
//   dim 0: I=8 k=3 s=2 p=4/5 dil=1 op=0: (8-1)*2-4-5+1*(3-1)+0+1 = 8
//   N=2 Cin=2 Cout=3 G=1 channels_first f32; MACs=288
func.func @crop(%x: tensor<2x2x8xf32>, %w: tensor<2x3x3xf32>, %b: tensor<3xf32>) -> tensor<2x3x8xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2>, padding = array<i64: 4, 5>}
       : (tensor<2x2x8xf32>, tensor<2x3x3xf32>, tensor<3xf32>) -> tensor<2x3x8xf32>
  return %y : tensor<2x3x8xf32>
}

// RUN: tconv-run %s --entry=nobias --check | FileCheck %s --check-prefix=NOBIAS
// NOBIAS-NOT: FAIL
// NOBIAS: check conv_transpose #0 {{.*}} PASS
// @nobias
//   dim 0: I=9 k=5 s=2 p=2/2 dil=1 op=1: (9-1)*2-2-2+1*(5-1)+1+1 = 18
//   N=2 Cin=3 Cout=4 G=1 channels_first f32 no bias; MACs=1080
func.func @nobias(%x: tensor<2x3x9xf32>, %w: tensor<3x4x5xf32>) -> tensor<2x4x18xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2>, padding = array<i64: 2, 2>, output_padding = array<i64: 1>}
       : (tensor<2x3x9xf32>, tensor<3x4x5xf32>) -> tensor<2x4x18xf32>
  return %y : tensor<2x4x18xf32>
}
