// Execution tests of tconv.conv_transpose: channels_last layout in 2-D (input (N, H, W, Cin), weight (Cout, kh, kw, Cin/G)).
// Each function is JIT-run by tconv-run on seeded random inputs; --check
// recomputes the op with the reference implementation (scatter definition in
// double) and prints PASS/FAIL per op (tconv-run exits 1 on FAIL).
// Output sizes: O = (I - 1) * s - pb - pe + dil * (k - 1) + op + 1.

// RUN: tconv-run %s --entry=cl_2d --check | FileCheck %s --check-prefix=CL_2D
// CL_2D-NOT: FAIL
// CL_2D: check conv_transpose #0 {{.*}} PASS
// @cl_2d
//   dim 0: I=5 k=3 s=2 p=1/1 dil=1 op=0: (5-1)*2-1-1+1*(3-1)+0+1 = 9
//   dim 1: I=6 k=4 s=2 p=1/2 dil=1 op=0: (6-1)*2-1-2+1*(4-1)+0+1 = 11
//   N=1 Cin=3 Cout=4 G=1 channels_last f32; MACs=4320
func.func @cl_2d(%x: tensor<1x5x6x3xf32>, %w: tensor<4x3x4x3xf32>, %b: tensor<4xf32>) -> tensor<1x9x11x4xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 2>, layout = #tconv.layout<channels_last>}
       : (tensor<1x5x6x3xf32>, tensor<4x3x4x3xf32>, tensor<4xf32>) -> tensor<1x9x11x4xf32>
  return %y : tensor<1x9x11x4xf32>
}

// RUN: tconv-run %s --entry=cl_2d_g3 --check | FileCheck %s --check-prefix=CL_2D_G3
// CL_2D_G3-NOT: FAIL
// CL_2D_G3: check conv_transpose #0 {{.*}} PASS
// @cl_2d_g3
//   dim 0: I=4 k=3 s=2 p=0/2 dil=1 op=1: (4-1)*2-0-2+1*(3-1)+1+1 = 8
//   dim 1: I=5 k=3 s=3 p=2/1 dil=1 op=0: (5-1)*3-2-1+1*(3-1)+0+1 = 12
//   N=2 Cin=6 Cout=3 G=3 channels_last f32; MACs=2160
func.func @cl_2d_g3(%x: tensor<2x4x5x6xf32>, %w: tensor<3x3x3x2xf32>, %b: tensor<3xf32>) -> tensor<2x8x12x3xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 3>, padding = array<i64: 0, 2, 2, 1>, output_padding = array<i64: 1, 0>, groups = 3 : i64, layout = #tconv.layout<channels_last>}
       : (tensor<2x4x5x6xf32>, tensor<3x3x3x2xf32>, tensor<3xf32>) -> tensor<2x8x12x3xf32>
  return %y : tensor<2x8x12x3xf32>
}

// RUN: tconv-run %s --entry=cl_2d_depthwise --check | FileCheck %s --check-prefix=CL_2D_DEPTHWISE
// CL_2D_DEPTHWISE-NOT: FAIL
// CL_2D_DEPTHWISE: check conv_transpose #0 {{.*}} PASS
// @cl_2d_depthwise
//   dim 0: I=5 k=4 s=2 p=1/1 dil=1 op=0: (5-1)*2-1-1+1*(4-1)+0+1 = 10
//   dim 1: I=5 k=4 s=2 p=1/1 dil=1 op=0: (5-1)*2-1-1+1*(4-1)+0+1 = 10
//   N=1 Cin=4 Cout=4 G=4 channels_last f32; MACs=1600
func.func @cl_2d_depthwise(%x: tensor<1x5x5x4xf32>, %w: tensor<4x4x4x1xf32>, %b: tensor<4xf32>) -> tensor<1x10x10x4xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>, groups = 4 : i64, layout = #tconv.layout<channels_last>}
       : (tensor<1x5x5x4xf32>, tensor<4x4x4x1xf32>, tensor<4xf32>) -> tensor<1x10x10x4xf32>
  return %y : tensor<1x10x10x4xf32>
}

// RUN: tconv-run %s --entry=cl_2d_k_eq_s --check | FileCheck %s --check-prefix=CL_2D_K_EQ_S
// CL_2D_K_EQ_S-NOT: FAIL
// CL_2D_K_EQ_S: check conv_transpose #0 {{.*}} PASS
// @cl_2d_k_eq_s
//   dim 0: I=5 k=2 s=2 p=0/0 dil=1 op=0: (5-1)*2-0-0+1*(2-1)+0+1 = 10
//   dim 1: I=5 k=2 s=2 p=0/0 dil=1 op=0: (5-1)*2-0-0+1*(2-1)+0+1 = 10
//   N=1 Cin=8 Cout=4 G=1 channels_last f32; MACs=3200
func.func @cl_2d_k_eq_s(%x: tensor<1x5x5x8xf32>, %w: tensor<4x2x2x8xf32>, %b: tensor<4xf32>) -> tensor<1x10x10x4xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, layout = #tconv.layout<channels_last>}
       : (tensor<1x5x5x8xf32>, tensor<4x2x2x8xf32>, tensor<4xf32>) -> tensor<1x10x10x4xf32>
  return %y : tensor<1x10x10x4xf32>
}

// RUN: tconv-run %s --entry=cl_2d_crop_dil --check | FileCheck %s --check-prefix=CL_2D_CROP_DIL
// CL_2D_CROP_DIL-NOT: FAIL
// CL_2D_CROP_DIL: check conv_transpose #0 {{.*}} PASS
// @cl_2d_crop_dil
//   dim 0: I=5 k=3 s=2 p=7/2 dil=3 op=2: (5-1)*2-7-2+3*(3-1)+2+1 = 8
//   dim 1: I=4 k=3 s=2 p=1/5 dil=2 op=1: (4-1)*2-1-5+2*(3-1)+1+1 = 6
//   N=1 Cin=2 Cout=3 G=1 channels_last f32; MACs=1080
func.func @cl_2d_crop_dil(%x: tensor<1x5x4x2xf32>, %w: tensor<3x3x3x2xf32>, %b: tensor<3xf32>) -> tensor<1x8x6x3xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 7, 1, 2, 5>, output_padding = array<i64: 2, 1>, dilations = array<i64: 3, 2>, layout = #tconv.layout<channels_last>}
       : (tensor<1x5x4x2xf32>, tensor<3x3x3x2xf32>, tensor<3xf32>) -> tensor<1x8x6x3xf32>
  return %y : tensor<1x8x6x3xf32>
}

// RUN: tconv-run %s --entry=cl_2d_generic --check | FileCheck %s --check-prefix=CL_2D_GENERIC
// CL_2D_GENERIC-NOT: FAIL
// CL_2D_GENERIC: check conv_transpose #0 {{.*}} PASS
// @cl_2d_generic
//   dim 0: I=4 k=3 s=2 p=0/0 dil=1 op=0: (4-1)*2-0-0+1*(3-1)+0+1 = 9
//   dim 1: I=4 k=3 s=2 p=0/0 dil=1 op=0: (4-1)*2-0-0+1*(3-1)+0+1 = 9
//   N=1 Cin=4 Cout=6 G=2 channels_last f32; MACs=1728
func.func @cl_2d_generic(%x: tensor<1x4x4x4xf32>, %w: tensor<6x3x3x2xf32>, %b: tensor<6xf32>) -> tensor<1x9x9x6xf32> {
  %y = "tconv.conv_transpose"(%x, %w, %b) <{strides = array<i64: 2, 2>, padding = array<i64: 0, 0, 0, 0>, output_padding = array<i64: 0, 0>, dilations = array<i64: 1, 1>, groups = 2 : i64, layout = #tconv.layout<channels_last>}>
       : (tensor<1x4x4x4xf32>, tensor<6x3x3x2xf32>, tensor<6xf32>) -> tensor<1x9x9x6xf32>
  return %y : tensor<1x9x9x6xf32>
}
