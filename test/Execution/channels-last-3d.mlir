// Execution tests of tconv.conv_transpose: channels_last layout in 3-D (input (N, D, H, W, Cin), weight (Cout, kd, kh, kw, Cin/G)).
// Each function is JIT-run by tconv-run on seeded random inputs; --check
// recomputes the op with the reference implementation (scatter definition in
// double) and prints PASS/FAIL per op (tconv-run exits 1 on FAIL).
// Output sizes: O = (I - 1) * s - pb - pe + dil * (k - 1) + op + 1.

// RUN: tconv-run %s --entry=cl_3d --check | FileCheck %s --check-prefix=CL_3D
// CL_3D-NOT: FAIL
// CL_3D: check conv_transpose #0 {{.*}} PASS
// @cl_3d
//   dim 0: I=3 k=2 s=2 p=0/1 dil=1 op=0: (3-1)*2-0-1+1*(2-1)+0+1 = 5
//   dim 1: I=4 k=3 s=1 p=1/0 dil=1 op=0: (4-1)*1-1-0+1*(3-1)+0+1 = 5
//   dim 2: I=3 k=2 s=2 p=1/0 dil=1 op=0: (3-1)*2-1-0+1*(2-1)+0+1 = 5
//   N=1 Cin=2 Cout=3 G=1 channels_last f32; MACs=2592
func.func @cl_3d(%x: tensor<1x3x4x3x2xf32>, %w: tensor<3x2x3x2x2xf32>, %b: tensor<3xf32>) -> tensor<1x5x5x5x3xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 1, 2>, padding = array<i64: 0, 1, 1, 1, 0, 0>, layout = #tconv.layout<channels_last>}
       : (tensor<1x3x4x3x2xf32>, tensor<3x2x3x2x2xf32>, tensor<3xf32>) -> tensor<1x5x5x5x3xf32>
  return %y : tensor<1x5x5x5x3xf32>
}

// RUN: tconv-run %s --entry=cl_3d_g2 --check | FileCheck %s --check-prefix=CL_3D_G2
// CL_3D_G2-NOT: FAIL
// CL_3D_G2: check conv_transpose #0 {{.*}} PASS
// @cl_3d_g2
//   dim 0: I=3 k=3 s=1 p=0/0 dil=2 op=1: (3-1)*1-0-0+2*(3-1)+1+1 = 8
//   dim 1: I=3 k=2 s=2 p=0/0 dil=1 op=1: (3-1)*2-0-0+1*(2-1)+1+1 = 7
//   dim 2: I=4 k=3 s=3 p=0/0 dil=1 op=0: (4-1)*3-0-0+1*(3-1)+0+1 = 12
//   N=1 Cin=4 Cout=6 G=2 channels_last f32; MACs=7776
func.func @cl_3d_g2(%x: tensor<1x3x3x4x4xf32>, %w: tensor<6x3x2x3x2xf32>, %b: tensor<6xf32>) -> tensor<1x8x7x12x6xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 1, 2, 3>, output_padding = array<i64: 1, 1, 0>, dilations = array<i64: 2, 1, 1>, groups = 2 : i64, layout = #tconv.layout<channels_last>}
       : (tensor<1x3x3x4x4xf32>, tensor<6x3x2x3x2xf32>, tensor<6xf32>) -> tensor<1x8x7x12x6xf32>
  return %y : tensor<1x8x7x12x6xf32>
}

// RUN: tconv-run %s --entry=cl_3d_depthwise_nobias --check | FileCheck %s --check-prefix=CL_3D_DEPTHWISE_NOBIAS
// CL_3D_DEPTHWISE_NOBIAS-NOT: FAIL
// CL_3D_DEPTHWISE_NOBIAS: check conv_transpose #0 {{.*}} PASS
// @cl_3d_depthwise_nobias
//   dim 0: I=3 k=3 s=2 p=1/1 dil=1 op=0: (3-1)*2-1-1+1*(3-1)+0+1 = 5
//   dim 1: I=3 k=3 s=2 p=1/1 dil=1 op=0: (3-1)*2-1-1+1*(3-1)+0+1 = 5
//   dim 2: I=3 k=3 s=2 p=1/1 dil=1 op=0: (3-1)*2-1-1+1*(3-1)+0+1 = 5
//   N=2 Cin=3 Cout=3 G=3 channels_last f32 no bias; MACs=4374
func.func @cl_3d_depthwise_nobias(%x: tensor<2x3x3x3x3xf32>, %w: tensor<3x3x3x3x1xf32>) -> tensor<2x5x5x5x3xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 2, 2>, padding = array<i64: 1, 1, 1, 1, 1, 1>, groups = 3 : i64, layout = #tconv.layout<channels_last>}
       : (tensor<2x3x3x3x3xf32>, tensor<3x3x3x3x1xf32>) -> tensor<2x5x5x5x3xf32>
  return %y : tensor<2x5x5x5x3xf32>
}
