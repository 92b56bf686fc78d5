// Execution tests with dynamic batch and/or spatial dims (`?`). tconv-run
// makes random inputs only for static shapes, so every run first writes
// float32 .npy inputs with Inputs/write_npy.py, runs with --inputs (the
// dynamic dims come from the files) and --check, and writes the result
// with --output; Inputs/npy_info.py then checks the result shape.
// Several functions are run with more than one set of sizes.
// Output sizes: O = (I - 1) * s - pb - pe + dil * (k - 1) + op + 1.

// RUN: %python %S/Inputs/write_npy.py --seed 12 %t.dyn_cl_groups.0.x.npy=2x5x4x6 %t.dyn_cl_groups.0.w.npy=3x3x3x2 %t.dyn_cl_groups.0.b.npy=3
// RUN: tconv-run %s --entry=dyn_cl_groups --inputs=%t.dyn_cl_groups.0.x.npy,%t.dyn_cl_groups.0.w.npy,%t.dyn_cl_groups.0.b.npy --check --output=%t.dyn_cl_groups.0.y.npy | FileCheck %s --check-prefix=DYN_CL_GROUPS_0
// RUN: %python %S/Inputs/npy_info.py %t.dyn_cl_groups.0.y.npy | FileCheck %s --check-prefix=DYN_CL_GROUPS_0_OUT
// DYN_CL_GROUPS_0-NOT: FAIL
// DYN_CL_GROUPS_0: check conv_transpose #0 {{.*}} PASS
// DYN_CL_GROUPS_0_OUT: descr='<f4' fortran_order=False shape=(2, 9, 7, 3) size=OK
// RUN: %python %S/Inputs/write_npy.py --seed 13 %t.dyn_cl_groups.1.x.npy=3x2x6x6 %t.dyn_cl_groups.1.w.npy=3x3x3x2 %t.dyn_cl_groups.1.b.npy=3
// RUN: tconv-run %s --entry=dyn_cl_groups --inputs=%t.dyn_cl_groups.1.x.npy,%t.dyn_cl_groups.1.w.npy,%t.dyn_cl_groups.1.b.npy --check --output=%t.dyn_cl_groups.1.y.npy | FileCheck %s --check-prefix=DYN_CL_GROUPS_1
// RUN: %python %S/Inputs/npy_info.py %t.dyn_cl_groups.1.y.npy | FileCheck %s --check-prefix=DYN_CL_GROUPS_1_OUT
// DYN_CL_GROUPS_1-NOT: FAIL
// DYN_CL_GROUPS_1: check conv_transpose #0 {{.*}} PASS
// DYN_CL_GROUPS_1_OUT: descr='<f4' fortran_order=False shape=(3, 3, 11, 3) size=OK
// @dyn_cl_groups
//   dim 0: I=5 k=3 s=2 p=1/1 dil=1 op=0: (5-1)*2-1-1+1*(3-1)+0+1 = 9
//   dim 1: I=4 k=3 s=2 p=1/1 dil=1 op=0: (4-1)*2-1-1+1*(3-1)+0+1 = 7
//   N=2 (dynamic) Cin=6 Cout=3 G=3 channels_last f32; MACs=2160
func.func @dyn_cl_groups(%x: tensor<?x?x?x6xf32>, %w: tensor<3x3x3x2xf32>, %b: tensor<3xf32>) -> tensor<?x?x?x3xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>, groups = 3 : i64, layout = #tconv.layout<channels_last>}
       : (tensor<?x?x?x6xf32>, tensor<3x3x3x2xf32>, tensor<3xf32>) -> tensor<?x?x?x3xf32>
  return %y : tensor<?x?x?x3xf32>
}

// RUN: %python %S/Inputs/write_npy.py --seed 14 %t.dyn_cl_1d_depthwise_nobias.0.x.npy=3x7x4 %t.dyn_cl_1d_depthwise_nobias.0.w.npy=4x3x1
// RUN: tconv-run %s --entry=dyn_cl_1d_depthwise_nobias --inputs=%t.dyn_cl_1d_depthwise_nobias.0.x.npy,%t.dyn_cl_1d_depthwise_nobias.0.w.npy --check --output=%t.dyn_cl_1d_depthwise_nobias.0.y.npy | FileCheck %s --check-prefix=DYN_CL_1D_DEPTHWISE_NOBIAS_0
// RUN: %python %S/Inputs/npy_info.py %t.dyn_cl_1d_depthwise_nobias.0.y.npy | FileCheck %s --check-prefix=DYN_CL_1D_DEPTHWISE_NOBIAS_0_OUT
// DYN_CL_1D_DEPTHWISE_NOBIAS_0-NOT: FAIL
// DYN_CL_1D_DEPTHWISE_NOBIAS_0: check conv_transpose #0 {{.*}} PASS
// DYN_CL_1D_DEPTHWISE_NOBIAS_0_OUT: descr='<f4' fortran_order=False shape=(3, 15, 4) size=OK
// @dyn_cl_1d_depthwise_nobias
//   dim 0: I=7 k=3 s=2 p=0/0 dil=1 op=0: (7-1)*2-0-0+1*(3-1)+0+1 = 15
//   N=1 (dynamic) Cin=4 Cout=4 G=4 channels_last f32 no bias; MACs=84
func.func @dyn_cl_1d_depthwise_nobias(%x: tensor<?x?x4xf32>, %w: tensor<4x3x1xf32>) -> tensor<?x?x4xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2>, groups = 4 : i64, layout = #tconv.layout<channels_last>}
       : (tensor<?x?x4xf32>, tensor<4x3x1xf32>) -> tensor<?x?x4xf32>
  return %y : tensor<?x?x4xf32>
}

// RUN: %python %S/Inputs/write_npy.py --seed 15 %t.dyn_crop.0.x.npy=1x2x6x6 %t.dyn_crop.0.w.npy=2x2x3x3 %t.dyn_crop.0.b.npy=2
// RUN: tconv-run %s --entry=dyn_crop --inputs=%t.dyn_crop.0.x.npy,%t.dyn_crop.0.w.npy,%t.dyn_crop.0.b.npy --check --output=%t.dyn_crop.0.y.npy | FileCheck %s --check-prefix=DYN_CROP_0
// RUN: %python %S/Inputs/npy_info.py %t.dyn_crop.0.y.npy | FileCheck %s --check-prefix=DYN_CROP_0_OUT
// DYN_CROP_0-NOT: FAIL
// DYN_CROP_0: check conv_transpose #0 {{.*}} PASS
// DYN_CROP_0_OUT: descr='<f4' fortran_order=False shape=(1, 2, 7, 4) size=OK
// RUN: %python %S/Inputs/write_npy.py --seed 16 %t.dyn_crop.1.x.npy=1x2x5x7 %t.dyn_crop.1.w.npy=2x2x3x3 %t.dyn_crop.1.b.npy=2
// RUN: tconv-run %s --entry=dyn_crop --inputs=%t.dyn_crop.1.x.npy,%t.dyn_crop.1.w.npy,%t.dyn_crop.1.b.npy --check --output=%t.dyn_crop.1.y.npy | FileCheck %s --check-prefix=DYN_CROP_1
// RUN: %python %S/Inputs/npy_info.py %t.dyn_crop.1.y.npy | FileCheck %s --check-prefix=DYN_CROP_1_OUT
// DYN_CROP_1-NOT: FAIL
// DYN_CROP_1: check conv_transpose #0 {{.*}} PASS
// DYN_CROP_1_OUT: descr='<f4' fortran_order=False shape=(1, 2, 5, 6) size=OK
// @dyn_crop
//   dim 0: I=6 k=3 s=2 p=4/3 dil=1 op=1: (6-1)*2-4-3+1*(3-1)+1+1 = 7
//   dim 1: I=6 k=3 s=2 p=5/4 dil=1 op=0: (6-1)*2-5-4+1*(3-1)+0+1 = 4
//   N=1 Cin=2 Cout=2 G=1 channels_first f32; MACs=1296
func.func @dyn_crop(%x: tensor<1x2x?x?xf32>, %w: tensor<2x2x3x3xf32>, %b: tensor<2xf32>) -> tensor<1x2x?x?xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 4, 5, 3, 4>, output_padding = array<i64: 1, 0>}
       : (tensor<1x2x?x?xf32>, tensor<2x2x3x3xf32>, tensor<2xf32>) -> tensor<1x2x?x?xf32>
  return %y : tensor<1x2x?x?xf32>
}

// RUN: %python %S/Inputs/write_npy.py --seed 17 %t.dyn_f16.0.x.npy=2x4x5x5 %t.dyn_f16.0.w.npy=4x4x4x4 %t.dyn_f16.0.b.npy=4
// RUN: tconv-run %s --entry=dyn_f16 --inputs=%t.dyn_f16.0.x.npy,%t.dyn_f16.0.w.npy,%t.dyn_f16.0.b.npy --check --output=%t.dyn_f16.0.y.npy | FileCheck %s --check-prefix=DYN_F16_0
// RUN: %python %S/Inputs/npy_info.py %t.dyn_f16.0.y.npy | FileCheck %s --check-prefix=DYN_F16_0_OUT
// DYN_F16_0-NOT: FAIL
// DYN_F16_0: check conv_transpose #0 {{.*}} PASS
// DYN_F16_0_OUT: descr='<f2' fortran_order=False shape=(2, 4, 10, 10) size=OK
// @dyn_f16
//   dim 0: I=5 k=4 s=2 p=1/1 dil=1 op=0: (5-1)*2-1-1+1*(4-1)+0+1 = 10
//   dim 1: I=5 k=4 s=2 p=1/1 dil=1 op=0: (5-1)*2-1-1+1*(4-1)+0+1 = 10
//   N=2 (dynamic) Cin=4 Cout=4 G=1 channels_first f16; MACs=12800
func.func @dyn_f16(%x: tensor<?x4x5x?xf16>, %w: tensor<4x4x4x4xf16>, %b: tensor<4xf16>) -> tensor<?x4x10x?xf16> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>}
       : (tensor<?x4x5x?xf16>, tensor<4x4x4x4xf16>, tensor<4xf16>) -> tensor<?x4x10x?xf16>
  return %y : tensor<?x4x10x?xf16>
}

// RUN: %python %S/Inputs/write_npy.py --seed 18 %t.dyn_bf16_3d.0.x.npy=2x2x3x3x2 %t.dyn_bf16_3d.0.w.npy=2x2x3x3x3 %t.dyn_bf16_3d.0.b.npy=2
// RUN: tconv-run %s --entry=dyn_bf16_3d --inputs=%t.dyn_bf16_3d.0.x.npy,%t.dyn_bf16_3d.0.w.npy,%t.dyn_bf16_3d.0.b.npy --check --output=%t.dyn_bf16_3d.0.y.npy | FileCheck %s --check-prefix=DYN_BF16_3D_0
// RUN: %python %S/Inputs/npy_info.py %t.dyn_bf16_3d.0.y.npy | FileCheck %s --check-prefix=DYN_BF16_3D_0_OUT
// DYN_BF16_3D_0-NOT: FAIL
// DYN_BF16_3D_0: check conv_transpose #0 {{.*}} PASS
// DYN_BF16_3D_0_OUT: descr='<f4' fortran_order=False shape=(2, 2, 5, 5, 3) size=OK
// @dyn_bf16_3d
//   dim 0: I=3 k=3 s=2 p=1/1 dil=1 op=0: (3-1)*2-1-1+1*(3-1)+0+1 = 5
//   dim 1: I=3 k=3 s=2 p=1/1 dil=1 op=0: (3-1)*2-1-1+1*(3-1)+0+1 = 5
//   dim 2: I=3 k=3 s=2 p=1/1 dil=1 op=0: (3-1)*2-1-1+1*(3-1)+0+1 = 5
//   N=1 (dynamic) Cin=2 Cout=2 G=1 channels_first bf16; MACs=2916
func.func @dyn_bf16_3d(%x: tensor<?x2x?x3x?xbf16>, %w: tensor<2x2x3x3x3xbf16>, %b: tensor<2xbf16>) -> tensor<?x2x?x5x?xbf16> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2, 2>, padding = array<i64: 1, 1, 1, 1, 1, 1>}
       : (tensor<?x2x?x3x?xbf16>, tensor<2x2x3x3x3xbf16>, tensor<2xbf16>) -> tensor<?x2x?x5x?xbf16>
  return %y : tensor<?x2x?x5x?xbf16>
}
