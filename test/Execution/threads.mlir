// Threaded kernels (threads=N: scf.forall -> OpenMP) compute the same
// (checked) results, whichever loop a thread count splits: batch (@batch,
// @grouped), rows (@rows), channels (@channels, and a channels-first
// depthwise layer's, @depthwise) or nothing (@odd, serial), with zero
// insertion, phases and the default choice.
// RUN: tconv-run %s --entry=batch --check --pipeline-options="threads=2" | FileCheck %s
// RUN: tconv-run %s --entry=batch --check --pipeline-options="threads=4 algorithm=zero-insertion" | FileCheck %s
// RUN: tconv-run %s --entry=rows --check --pipeline-options="threads=2 algorithm=phase" | FileCheck %s
// RUN: tconv-run %s --entry=grouped --check --pipeline-options="threads=2" | FileCheck %s
// RUN: tconv-run %s --entry=channels --check --pipeline-options="threads=2" | FileCheck %s
// RUN: tconv-run %s --entry=odd --check --pipeline-options="threads=2" | FileCheck %s
// RUN: tconv-run %s --entry=depthwise --check --pipeline-options="threads=2" | FileCheck %s
// RUN: tconv-run %s --entry=depthwise --check --target-cpu=haswell --pipeline-options="threads=2" | FileCheck %s
// Output channels in several register tiles (64 on AVX2: 4 blocks of 16,
// tconv-block-conv-filters): the blocks are the parallel loop, one scf.forall
// over them; with 3 threads, which do not divide them, each block's rows are
// split instead.
// RUN: tconv-run %s --entry=blocks --check --target-cpu=haswell --pipeline-options="threads=2" | FileCheck %s
// RUN: tconv-run %s --entry=blocks --check --target-cpu=haswell --pipeline-options="threads=3" | FileCheck %s
// RUN: %python %S/Inputs/write_npy.py --seed 3 %t.x.npy=4x6x4x4 %t.w.npy=6x8x3x3 %t.b.npy=8
// RUN: tconv-run %s --entry=dynamic --inputs=%t.x.npy,%t.w.npy,%t.b.npy --check --pipeline-options="threads=2" | FileCheck %s
// CHECK: check conv_transpose #0 {{.*}} PASS
func.func @batch(%x: tensor<4x16x6x6xf32>, %w: tensor<16x32x4x4xf32>, %b: tensor<32xf32>) -> tensor<4x32x12x12xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>} : (tensor<4x16x6x6xf32>, tensor<16x32x4x4xf32>, tensor<32xf32>) -> tensor<4x32x12x12xf32>
  return %y : tensor<4x32x12x12xf32>
}
func.func @blocks(%x: tensor<2x12x6x6xf32>, %w: tensor<12x64x4x4xf32>, %b: tensor<64xf32>) -> tensor<2x64x12x12xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>} : (tensor<2x12x6x6xf32>, tensor<12x64x4x4xf32>, tensor<64xf32>) -> tensor<2x64x12x12xf32>
  return %y : tensor<2x64x12x12xf32>
}
func.func @rows(%x: tensor<1x12x10x8xf32>, %w: tensor<16x3x3x8xf32>, %b: tensor<16xf32>) -> tensor<1x24x20x16xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>, output_padding = array<i64: 1, 1>, layout = #tconv.layout<channels_last>} : (tensor<1x12x10x8xf32>, tensor<16x3x3x8xf32>, tensor<16xf32>) -> tensor<1x24x20x16xf32>
  return %y : tensor<1x24x20x16xf32>
}
func.func @channels(%x: tensor<1x8x5x5xf32>, %w: tensor<8x24x3x3xf32>, %b: tensor<24xf32>) -> tensor<1x24x9x9xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>} : (tensor<1x8x5x5xf32>, tensor<8x24x3x3xf32>, tensor<24xf32>) -> tensor<1x24x9x9xf32>
  return %y : tensor<1x24x9x9xf32>
}
func.func @grouped(%x: tensor<2x8x5x5xf32>, %w: tensor<8x12x2x2xf32>, %b: tensor<24xf32>) -> tensor<2x24x10x10xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, groups = 2 : i64} : (tensor<2x8x5x5xf32>, tensor<8x12x2x2xf32>, tensor<24xf32>) -> tensor<2x24x10x10xf32>
  return %y : tensor<2x24x10x10xf32>
}
func.func @depthwise(%x: tensor<1x32x16x16xf32>, %w: tensor<32x1x4x4xf32>, %b: tensor<32xf32>) -> tensor<1x32x32x32xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>, groups = 32 : i64} : (tensor<1x32x16x16xf32>, tensor<32x1x4x4xf32>, tensor<32xf32>) -> tensor<1x32x32x32xf32>
  return %y : tensor<1x32x32x32xf32>
}
func.func @odd(%x: tensor<1x5x6xf32>, %w: tensor<5x3x5xf32>) -> tensor<1x3x19xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 3>, padding = array<i64: 1, 1>, output_padding = array<i64: 1>} : (tensor<1x5x6xf32>, tensor<5x3x5xf32>) -> tensor<1x3x19xf32>
  return %y : tensor<1x3x19xf32>
}
func.func @dynamic(%x: tensor<?x6x4x4xf32>, %w: tensor<6x8x3x3xf32>, %b: tensor<8xf32>) -> tensor<?x8x8x8xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>, output_padding = array<i64: 1, 1>} : (tensor<?x6x4x4xf32>, tensor<6x8x3x3xf32>, tensor<8xf32>) -> tensor<?x8x8x8xf32>
  return %y : tensor<?x8x8x8xf32>
}
