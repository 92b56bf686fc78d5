// Execution tests with dynamic batch and/or spatial dims (`?`). tconv-run
// makes random inputs only for static shapes, so every run first writes
// float32 .npy inputs with Inputs/write_npy.py, runs with --inputs (the
// dynamic dims come from the files) and --check, and writes the result
// with --output; Inputs/npy_info.py then checks the result shape.
// Several functions are run with more than one set of sizes.
// Output sizes: O = (I - 1) * s - pb - pe + dil * (k - 1) + op + 1.

// RUN: %python %S/Inputs/write_npy.py --seed 1 %t.dyn_batch_2d.0.x.npy=3x3x5x5 %t.dyn_batch_2d.0.w.npy=3x4x3x3 %t.dyn_batch_2d.0.b.npy=4
// RUN: tconv-run %s --entry=dyn_batch_2d --inputs=%t.dyn_batch_2d.0.x.npy,%t.dyn_batch_2d.0.w.npy,%t.dyn_batch_2d.0.b.npy --check --output=%t.dyn_batch_2d.0.y.npy | FileCheck %s --check-prefix=DYN_BATCH_2D_0
// RUN: %python %S/Inputs/npy_info.py %t.dyn_batch_2d.0.y.npy | FileCheck %s --check-prefix=DYN_BATCH_2D_0_OUT
// DYN_BATCH_2D_0-NOT: FAIL
// DYN_BATCH_2D_0: check conv_transpose #0 {{.*}} PASS
// DYN_BATCH_2D_0_OUT: descr='<f4' fortran_order=False shape=(3, 4, 11, 11) size=OK
// RUN: %python %S/Inputs/write_npy.py --seed 2 %t.dyn_batch_2d.1.x.npy=1x3x5x5 %t.dyn_batch_2d.1.w.npy=3x4x3x3 %t.dyn_batch_2d.1.b.npy=4
// RUN: tconv-run %s --entry=dyn_batch_2d --inputs=%t.dyn_batch_2d.1.x.npy,%t.dyn_batch_2d.1.w.npy,%t.dyn_batch_2d.1.b.npy --check --output=%t.dyn_batch_2d.1.y.npy | FileCheck %s --check-prefix=DYN_BATCH_2D_1
// RUN: %python %S/Inputs/npy_info.py %t.dyn_batch_2d.1.y.npy | FileCheck %s --check-prefix=DYN_BATCH_2D_1_OUT
// DYN_BATCH_2D_1-NOT: FAIL
// DYN_BATCH_2D_1: check conv_transpose #0 {{.*}} PASS
// DYN_BATCH_2D_1_OUT: descr='<f4' fortran_order=False shape=(1, 4, 11, 11) size=OK
// @dyn_batch_2d
//   dim 0: I=5 k=3 s=2 p=1/0 dil=1 op=1: (5-1)*2-1-0+1*(3-1)+1+1 = 11
//   dim 1: I=5 k=3 s=2 p=0/1 dil=1 op=1: (5-1)*2-0-1+1*(3-1)+1+1 = 11
//   N=3 (dynamic) Cin=3 Cout=4 G=1 channels_first f32; MACs=8100
func.func @dyn_batch_2d(%x: tensor<?x3x5x5xf32>, %w: tensor<3x4x3x3xf32>, %b: tensor<4xf32>) -> tensor<?x4x11x11xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 0, 0, 1>, output_padding = array<i64: 1, 1>}
       : (tensor<?x3x5x5xf32>, tensor<3x4x3x3xf32>, tensor<4xf32>) -> tensor<?x4x11x11xf32>
  return %y : tensor<?x4x11x11xf32>
}

// RUN: %python %S/Inputs/write_npy.py --seed 3 %t.dyn_spatial_1d.0.x.npy=2x4x9 %t.dyn_spatial_1d.0.w.npy=4x3x4 %t.dyn_spatial_1d.0.b.npy=3
// RUN: tconv-run %s --entry=dyn_spatial_1d --inputs=%t.dyn_spatial_1d.0.x.npy,%t.dyn_spatial_1d.0.w.npy,%t.dyn_spatial_1d.0.b.npy --check --output=%t.dyn_spatial_1d.0.y.npy | FileCheck %s --check-prefix=DYN_SPATIAL_1D_0
// RUN: %python %S/Inputs/npy_info.py %t.dyn_spatial_1d.0.y.npy | FileCheck %s --check-prefix=DYN_SPATIAL_1D_0_OUT
// DYN_SPATIAL_1D_0-NOT: FAIL
// DYN_SPATIAL_1D_0: check conv_transpose #0 {{.*}} PASS
// DYN_SPATIAL_1D_0_OUT: descr='<f4' fortran_order=False shape=(2, 3, 25) size=OK
// RUN: %python %S/Inputs/write_npy.py --seed 4 %t.dyn_spatial_1d.1.x.npy=2x4x1 %t.dyn_spatial_1d.1.w.npy=4x3x4 %t.dyn_spatial_1d.1.b.npy=3
// RUN: tconv-run %s --entry=dyn_spatial_1d --inputs=%t.dyn_spatial_1d.1.x.npy,%t.dyn_spatial_1d.1.w.npy,%t.dyn_spatial_1d.1.b.npy --check --output=%t.dyn_spatial_1d.1.y.npy | FileCheck %s --check-prefix=DYN_SPATIAL_1D_1
// RUN: %python %S/Inputs/npy_info.py %t.dyn_spatial_1d.1.y.npy | FileCheck %s --check-prefix=DYN_SPATIAL_1D_1_OUT
// DYN_SPATIAL_1D_1-NOT: FAIL
// DYN_SPATIAL_1D_1: check conv_transpose #0 {{.*}} PASS
// DYN_SPATIAL_1D_1_OUT: descr='<f4' fortran_order=False shape=(2, 3, 1) size=OK
// RUN: %python %S/Inputs/write_npy.py --seed 5 %t.dyn_spatial_1d.2.x.npy=2x4x17 %t.dyn_spatial_1d.2.w.npy=4x3x4 %t.dyn_spatial_1d.2.b.npy=3
// RUN: tconv-run %s --entry=dyn_spatial_1d --inputs=%t.dyn_spatial_1d.2.x.npy,%t.dyn_spatial_1d.2.w.npy,%t.dyn_spatial_1d.2.b.npy --check --output=%t.dyn_spatial_1d.2.y.npy | FileCheck %s --check-prefix=DYN_SPATIAL_1D_2
// RUN: %python %S/Inputs/npy_info.py %t.dyn_spatial_1d.2.y.npy | FileCheck %s --check-prefix=DYN_SPATIAL_1D_2_OUT
// DYN_SPATIAL_1D_2-NOT: FAIL
// DYN_SPATIAL_1D_2: check conv_transpose #0 {{.*}} PASS
// DYN_SPATIAL_1D_2_OUT: descr='<f4' fortran_order=False shape=(2, 3, 49) size=OK
// @dyn_spatial_1d
//   dim 0: I=9 k=4 s=3 p=2/1 dil=1 op=0: (9-1)*3-2-1+1*(4-1)+0+1 = 25
//   N=2 Cin=4 Cout=3 G=1 channels_first f32; MACs=864
func.func @dyn_spatial_1d(%x: tensor<2x4x?xf32>, %w: tensor<4x3x4xf32>, %b: tensor<3xf32>) -> tensor<2x3x?xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 3>, padding = array<i64: 2, 1>}
       : (tensor<2x4x?xf32>, tensor<4x3x4xf32>, tensor<3xf32>) -> tensor<2x3x?xf32>
  return %y : tensor<2x3x?xf32>
}

// RUN: %python %S/Inputs/write_npy.py --seed 6 %t.dyn_spatial_2d.0.x.npy=1x3x6x5 %t.dyn_spatial_2d.0.w.npy=3x2x3x2 %t.dyn_spatial_2d.0.b.npy=2
// RUN: tconv-run %s --entry=dyn_spatial_2d --inputs=%t.dyn_spatial_2d.0.x.npy,%t.dyn_spatial_2d.0.w.npy,%t.dyn_spatial_2d.0.b.npy --check --output=%t.dyn_spatial_2d.0.y.npy | FileCheck %s --check-prefix=DYN_SPATIAL_2D_0
// RUN: %python %S/Inputs/npy_info.py %t.dyn_spatial_2d.0.y.npy | FileCheck %s --check-prefix=DYN_SPATIAL_2D_0_OUT
// DYN_SPATIAL_2D_0-NOT: FAIL
// DYN_SPATIAL_2D_0: check conv_transpose #0 {{.*}} PASS
// DYN_SPATIAL_2D_0_OUT: descr='<f4' fortran_order=False shape=(1, 2, 13, 15) size=OK
// RUN: %python %S/Inputs/write_npy.py --seed 7 %t.dyn_spatial_2d.1.x.npy=1x3x3x7 %t.dyn_spatial_2d.1.w.npy=3x2x3x2 %t.dyn_spatial_2d.1.b.npy=2
// RUN: tconv-run %s --entry=dyn_spatial_2d --inputs=%t.dyn_spatial_2d.1.x.npy,%t.dyn_spatial_2d.1.w.npy,%t.dyn_spatial_2d.1.b.npy --check --output=%t.dyn_spatial_2d.1.y.npy | FileCheck %s --check-prefix=DYN_SPATIAL_2D_1
// RUN: %python %S/Inputs/npy_info.py %t.dyn_spatial_2d.1.y.npy | FileCheck %s --check-prefix=DYN_SPATIAL_2D_1_OUT
// DYN_SPATIAL_2D_1-NOT: FAIL
// DYN_SPATIAL_2D_1: check conv_transpose #0 {{.*}} PASS
// DYN_SPATIAL_2D_1_OUT: descr='<f4' fortran_order=False shape=(1, 2, 7, 21) size=OK
// @dyn_spatial_2d
//   dim 0: I=6 k=3 s=2 p=1/2 dil=2 op=1: (6-1)*2-1-2+2*(3-1)+1+1 = 13
//   dim 1: I=5 k=2 s=3 p=0/1 dil=1 op=2: (5-1)*3-0-1+1*(2-1)+2+1 = 15
//   N=1 Cin=3 Cout=2 G=1 channels_first f32; MACs=1080
func.func @dyn_spatial_2d(%x: tensor<1x3x?x?xf32>, %w: tensor<3x2x3x2xf32>, %b: tensor<2xf32>) -> tensor<1x2x?x?xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 3>, padding = array<i64: 1, 0, 2, 1>, output_padding = array<i64: 1, 2>, dilations = array<i64: 2, 1>}
       : (tensor<1x3x?x?xf32>, tensor<3x2x3x2xf32>, tensor<2xf32>) -> tensor<1x2x?x?xf32>
  return %y : tensor<1x2x?x?xf32>
}

// RUN: %python %S/Inputs/write_npy.py --seed 8 %t.dyn_one_spatial_2d.0.x.npy=2x2x4x6 %t.dyn_one_spatial_2d.0.w.npy=2x3x4x4 %t.dyn_one_spatial_2d.0.b.npy=3
// RUN: tconv-run %s --entry=dyn_one_spatial_2d --inputs=%t.dyn_one_spatial_2d.0.x.npy,%t.dyn_one_spatial_2d.0.w.npy,%t.dyn_one_spatial_2d.0.b.npy --check --output=%t.dyn_one_spatial_2d.0.y.npy | FileCheck %s --check-prefix=DYN_ONE_SPATIAL_2D_0
// RUN: %python %S/Inputs/npy_info.py %t.dyn_one_spatial_2d.0.y.npy | FileCheck %s --check-prefix=DYN_ONE_SPATIAL_2D_0_OUT
// DYN_ONE_SPATIAL_2D_0-NOT: FAIL
// DYN_ONE_SPATIAL_2D_0: check conv_transpose #0 {{.*}} PASS
// DYN_ONE_SPATIAL_2D_0_OUT: descr='<f4' fortran_order=False shape=(2, 3, 8, 12) size=OK
// RUN: %python %S/Inputs/write_npy.py --seed 9 %t.dyn_one_spatial_2d.1.x.npy=2x2x4x2 %t.dyn_one_spatial_2d.1.w.npy=2x3x4x4 %t.dyn_one_spatial_2d.1.b.npy=3
// RUN: tconv-run %s --entry=dyn_one_spatial_2d --inputs=%t.dyn_one_spatial_2d.1.x.npy,%t.dyn_one_spatial_2d.1.w.npy,%t.dyn_one_spatial_2d.1.b.npy --check --output=%t.dyn_one_spatial_2d.1.y.npy | FileCheck %s --check-prefix=DYN_ONE_SPATIAL_2D_1
// RUN: %python %S/Inputs/npy_info.py %t.dyn_one_spatial_2d.1.y.npy | FileCheck %s --check-prefix=DYN_ONE_SPATIAL_2D_1_OUT
// DYN_ONE_SPATIAL_2D_1-NOT: FAIL
// DYN_ONE_SPATIAL_2D_1: check conv_transpose #0 {{.*}} PASS
// DYN_ONE_SPATIAL_2D_1_OUT: descr='<f4' fortran_order=False shape=(2, 3, 8, 4) size=OK
// @dyn_one_spatial_2d
//   dim 0: I=4 k=4 s=2 p=1/1 dil=1 op=0: (4-1)*2-1-1+1*(4-1)+0+1 = 8
//   dim 1: I=6 k=4 s=2 p=1/1 dil=1 op=0: (6-1)*2-1-1+1*(4-1)+0+1 = 12
//   N=2 Cin=2 Cout=3 G=1 channels_first f32; MACs=4608
func.func @dyn_one_spatial_2d(%x: tensor<2x2x4x?xf32>, %w: tensor<2x3x4x4xf32>, %b: tensor<3xf32>) -> tensor<2x3x8x?xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>}
       : (tensor<2x2x4x?xf32>, tensor<2x3x4x4xf32>, tensor<3xf32>) -> tensor<2x3x8x?xf32>
  return %y : tensor<2x3x8x?xf32>
}

// RUN: %python %S/Inputs/write_npy.py --seed 10 %t.dyn_all_3d.0.x.npy=2x2x3x4x3 %t.dyn_all_3d.0.w.npy=2x2x2x3x2 %t.dyn_all_3d.0.b.npy=4
// RUN: tconv-run %s --entry=dyn_all_3d --inputs=%t.dyn_all_3d.0.x.npy,%t.dyn_all_3d.0.w.npy,%t.dyn_all_3d.0.b.npy --check --output=%t.dyn_all_3d.0.y.npy | FileCheck %s --check-prefix=DYN_ALL_3D_0
// RUN: %python %S/Inputs/npy_info.py %t.dyn_all_3d.0.y.npy | FileCheck %s --check-prefix=DYN_ALL_3D_0_OUT
// DYN_ALL_3D_0-NOT: FAIL
// DYN_ALL_3D_0: check conv_transpose #0 {{.*}} PASS
// DYN_ALL_3D_0_OUT: descr='<f4' fortran_order=False shape=(2, 4, 6, 4, 6) size=OK
// RUN: %python %S/Inputs/write_npy.py --seed 11 %t.dyn_all_3d.1.x.npy=1x2x2x5x4 %t.dyn_all_3d.1.w.npy=2x2x2x3x2 %t.dyn_all_3d.1.b.npy=4
// RUN: tconv-run %s --entry=dyn_all_3d --inputs=%t.dyn_all_3d.1.x.npy,%t.dyn_all_3d.1.w.npy,%t.dyn_all_3d.1.b.npy --check --output=%t.dyn_all_3d.1.y.npy | FileCheck %s --check-prefix=DYN_ALL_3D_1
// RUN: %python %S/Inputs/npy_info.py %t.dyn_all_3d.1.y.npy | FileCheck %s --check-prefix=DYN_ALL_3D_1_OUT
// DYN_ALL_3D_1-NOT: FAIL
// DYN_ALL_3D_1: check conv_transpose #0 {{.*}} PASS
// DYN_ALL_3D_1_OUT: descr='<f4' fortran_order=False shape=(1, 4, 4, 5, 8) size=OK
// @dyn_all_3d
//   dim 0: I=3 k=2 s=2 p=0/1 dil=1 op=1: (3-1)*2-0-1+1*(2-1)+1+1 = 6
//   dim 1: I=4 k=3 s=1 p=1/1 dil=1 op=0: (4-1)*1-1-1+1*(3-1)+0+1 = 4
//   dim 2: I=3 k=2 s=2 p=1/0 dil=1 op=1: (3-1)*2-1-0+1*(2-1)+1+1 = 6
//   N=2 (dynamic) Cin=2 Cout=4 G=2 channels_first f32; MACs=3456
func.func @dyn_all_3d(%x: tensor<?x2x?x?x?xf32>, %w: tensor<2x2x2x3x2xf32>, %b: tensor<4xf32>) -> tensor<?x4x?x?x?xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 1, 2>, padding = array<i64: 0, 1, 1, 1, 1, 0>, output_padding = array<i64: 1, 0, 1>, groups = 2 : i64}
       : (tensor<?x2x?x?x?xf32>, tensor<2x2x2x3x2xf32>, tensor<4xf32>) -> tensor<?x4x?x?x?xf32>
  return %y : tensor<?x4x?x?x?xf32>
}
