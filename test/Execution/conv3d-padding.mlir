// Execution tests of tconv.conv_transpose: 3-D, channels_first, f32: pad/crop, output_padding, dilation, 1x1x1 kernels, no bias.
// Each function is JIT-run by tconv-run on seeded random inputs; --check
// recomputes the op with the reference implementation (scatter definition in
// double) and prints PASS/FAIL per op (tconv-run exits 1 on FAIL).
// Output sizes: O = (I - 1) * s - pb - pe + dil * (k - 1) + op + 1.

// RUN: tconv-run %s --entry=mixed_pad_crop --check | FileCheck %s --check-prefix=MIXED_PAD_CROP
// MIXED_PAD_CROP-NOT: FAIL
// MIXED_PAD_CROP: check conv_transpose #0 {{.*}} PASS
// @mixed_pad_crop: dim 0 pads, dim 1 and 2 crop
//   dim 0: I=3 k=3 s=2 p=0/1 dil=1 op=0: (3-1)*2-0-1+1*(3-1)+0+1 = 6
//   dim 1: I=6 k=3 s=1 p=3/3 dil=1 op=0: (6-1)*1-3-3+1*(3-1)+0+1 = 2
//   dim 2: I=4 k=2 s=3 p=2/3 dil=1 op=0: (4-1)*3-2-3+1*(2-1)+0+1 = 6
//   N=1 Cin=2 Cout=3 G=1 channels_first f32; MACs=7776
func.func @mixed_pad_crop(%x: tensor<1x2x3x6x4xf32>, %w: tensor<2x3x3x3x2xf32>, %b: tensor<3xf32>) -> tensor<1x3x6x2x6xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 1, 3>, padding = array<i64: 0, 3, 2, 1, 3, 3>}
       : (tensor<1x2x3x6x4xf32>, tensor<2x3x3x3x2xf32>, tensor<3xf32>) -> tensor<1x3x6x2x6xf32>
  return %y : tensor<1x3x6x2x6xf32>
}

// RUN: tconv-run %s --entry=op_dil --check | FileCheck %s --check-prefix=OP_DIL
// OP_DIL-NOT: FAIL
// OP_DIL: check conv_transpose #0 {{.*}} PASS
// @op_dil
//   dim 0: I=3 k=2 s=1 p=0/0 dil=3 op=2: (3-1)*1-0-0+3*(2-1)+2+1 = 8
//   dim 1: I=3 k=3 s=2 p=0/0 dil=2 op=1: (3-1)*2-0-0+2*(3-1)+1+1 = 10
//   dim 2: I=4 k=2 s=2 p=0/0 dil=4 op=3: (4-1)*2-0-0+4*(2-1)+3+1 = 14
//   N=1 Cin=2 Cout=2 G=1 channels_first f32; MACs=1728
func.func @op_dil(%x: tensor<1x2x3x3x4xf32>, %w: tensor<2x2x2x3x2xf32>, %b: tensor<2xf32>) -> tensor<1x2x8x10x14xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 1, 2, 2>, output_padding = array<i64: 2, 1, 3>, dilations = array<i64: 3, 2, 4>}
       : (tensor<1x2x3x3x4xf32>, tensor<2x2x2x3x2xf32>, tensor<2xf32>) -> tensor<1x2x8x10x14xf32>
  return %y : tensor<1x2x8x10x14xf32>
}

// RUN: tconv-run %s --entry=k1 --check | FileCheck %s --check-prefix=K1
// K1-NOT: FAIL
// K1: check conv_transpose #0 {{.*}} PASS
// @k1
//   dim 0: I=3 k=1 s=2 p=0/0 dil=1 op=1: (3-1)*2-0-0+1*(1-1)+1+1 = 6
//   dim 1: I=4 k=1 s=1 p=0/0 dil=1 op=0: (4-1)*1-0-0+1*(1-1)+0+1 = 4
//   dim 2: I=2 k=1 s=3 p=0/0 dil=1 op=2: (2-1)*3-0-0+1*(1-1)+2+1 = 6
//   N=2 Cin=3 Cout=4 G=1 channels_first f32; MACs=576
func.func @k1(%x: tensor<2x3x3x4x2xf32>, %w: tensor<3x4x1x1x1xf32>, %b: tensor<4xf32>) -> tensor<2x4x6x4x6xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 1, 3>, output_padding = array<i64: 1, 0, 2>}
       : (tensor<2x3x3x4x2xf32>, tensor<3x4x1x1x1xf32>, tensor<4xf32>) -> tensor<2x4x6x4x6xf32>
  return %y : tensor<2x4x6x4x6xf32>
}

// RUN: tconv-run %s --entry=nobias --check | FileCheck %s --check-prefix=NOBIAS
// NOBIAS-NOT: FAIL
// NOBIAS: check conv_transpose #0 {{.*}} PASS
// @nobias
//   dim 0: I=3 k=3 s=2 p=1/1 dil=1 op=1: (3-1)*2-1-1+1*(3-1)+1+1 = 6
//   dim 1: I=3 k=3 s=2 p=1/1 dil=1 op=1: (3-1)*2-1-1+1*(3-1)+1+1 = 6
//   dim 2: I=3 k=3 s=2 p=1/1 dil=1 op=1: (3-1)*2-1-1+1*(3-1)+1+1 = 6
//   N=1 Cin=3 Cout=2 G=1 channels_first f32 no bias; MACs=4374
func.func @nobias(%x: tensor<1x3x3x3x3xf32>, %w: tensor<3x2x3x3x3xf32>) -> tensor<1x2x6x6x6xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 2, 2>, padding = array<i64: 1, 1, 1, 1, 1, 1>, output_padding = array<i64: 1, 1, 1>}
       : (tensor<1x3x3x3x3xf32>, tensor<3x2x3x3x3xf32>) -> tensor<1x2x6x6x6xf32>
  return %y : tensor<1x2x6x6x6xf32>
}
