// The same layer through the scalar pipeline, through other register
// tiles and compiled for the AVX2 tier (which every AVX2 or AVX-512 host
// runs: schedules, O3 and JIT code for haswell) gives the same (checked)
// results.
// RUN: tconv-run %s --entry=layer --check --target-cpu=haswell | FileCheck %s
// RUN: tconv-run %s --entry=layer --check --pipeline-options="vectorize=false" | FileCheck %s
// RUN: tconv-run %s --entry=layer --check --pipeline-options="register-tile-width=3 register-tile-channels=5" | FileCheck %s
// RUN: tconv-run %s --entry=layer --check --pipeline-options="deallocate=false" | FileCheck %s
// CHECK: check conv_transpose #0 {{.*}} PASS
func.func @layer(%x: tensor<2x6x5x5xf32>, %w: tensor<6x10x3x3xf32>, %b: tensor<10xf32>) -> tensor<2x10x11x11xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 0, 0, 1>, output_padding = array<i64: 1, 1>} : (tensor<2x6x5x5xf32>, tensor<6x10x3x3xf32>, tensor<10xf32>) -> tensor<2x10x11x11xf32>
  return %y : tensor<2x10x11x11xf32>
}
