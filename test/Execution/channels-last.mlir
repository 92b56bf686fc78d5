// Execution tests of tconv.conv_transpose: channels_last layout in 1-D (input (N, W, Cin), weight (Cout, k, Cin/G)).
// Each function is JIT-run by tconv-run on seeded random inputs; --check
// recomputes the op with the reference implementation (scatter definition in
// double) and prints PASS/FAIL per op (tconv-run exits 1 on FAIL).
// Output sizes: O = (I - 1) * s - pb - pe + dil * (k - 1) + op + 1.

// RUN: tconv-run %s --entry=cl_1d --check | FileCheck %s --check-prefix=CL_1D
// CL_1D-NOT: FAIL
// CL_1D: check conv_transpose #0 {{.*}} PASS
// @cl_1d
//   dim 0: I=8 k=3 s=2 p=1/0 dil=1 op=0: (8-1)*2-1-0+1*(3-1)+0+1 = 16
//   N=2 Cin=4 Cout=6 G=1 channels_last f32; MACs=1152
func.func @cl_1d(%x: tensor<2x8x4xf32>, %w: tensor<6x3x4xf32>, %b: tensor<6xf32>) -> tensor<2x16x6xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2>, padding = array<i64: 1, 0>, layout = #tconv.layout<channels_last>}
       : (tensor<2x8x4xf32>, tensor<6x3x4xf32>, tensor<6xf32>) -> tensor<2x16x6xf32>
  return %y : tensor<2x16x6xf32>
}

// RUN: tconv-run %s --entry=cl_1d_g2 --check | FileCheck %s --check-prefix=CL_1D_G2
// CL_1D_G2-NOT: FAIL
// CL_1D_G2: check conv_transpose #0 {{.*}} PASS
// @cl_1d_g2
//   dim 0: I=7 k=4 s=3 p=0/0 dil=1 op=2: (7-1)*3-0-0+1*(4-1)+2+1 = 24
//   N=1 Cin=4 Cout=6 G=2 channels_last f32; MACs=336
func.func @cl_1d_g2(%x: tensor<1x7x4xf32>, %w: tensor<6x4x2xf32>, %b: tensor<6xf32>) -> tensor<1x24x6xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 3>, output_padding = array<i64: 2>, groups = 2 : i64, layout = #tconv.layout<channels_last>}
       : (tensor<1x7x4xf32>, tensor<6x4x2xf32>, tensor<6xf32>) -> tensor<1x24x6xf32>
  return %y : tensor<1x24x6xf32>
}

// RUN: tconv-run %s --entry=cl_1d_depthwise --check | FileCheck %s --check-prefix=CL_1D_DEPTHWISE
// CL_1D_DEPTHWISE-NOT: FAIL
// CL_1D_DEPTHWISE: check conv_transpose #0 {{.*}} PASS
// @cl_1d_depthwise
//   dim 0: I=6 k=3 s=2 p=0/0 dil=2 op=0: (6-1)*2-0-0+2*(3-1)+0+1 = 15
//   N=2 Cin=5 Cout=5 G=5 channels_last f32; MACs=180
func.func @cl_1d_depthwise(%x: tensor<2x6x5xf32>, %w: tensor<5x3x1xf32>, %b: tensor<5xf32>) -> tensor<2x15x5xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2>, dilations = array<i64: 2>, groups = 5 : i64, layout = #tconv.layout<channels_last>}
       : (tensor<2x6x5xf32>, tensor<5x3x1xf32>, tensor<5xf32>) -> tensor<2x15x5xf32>
  return %y : tensor<2x15x5xf32>
}
