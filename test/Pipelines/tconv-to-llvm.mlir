// RUN: tconv-opt %s --tconv-to-llvm | FileCheck %s
// RUN: tconv-opt %s --tconv-to-llvm="vectorize=false" | FileCheck %s --check-prefix=SCALAR
// RUN: not tconv-opt %s --tconv-to-llvm="register-tile-channels=0" 2>&1 | FileCheck %s --check-prefix=BAD

// The whole pipeline, from tconv to the LLVM dialect: the convolution's
// register tile becomes vector FMAs (8 pixels x 32 channels: eight
// 32-wide fused multiply-adds per input channel and tap), with no calls into
// MLIR's runtime library.
// CHECK-LABEL: llvm.func @layer
// CHECK-COUNT-8: llvm.intr.fmuladd({{.*}}) : (vector<32xf32>, vector<32xf32>, vector<32xf32>) -> vector<32xf32>
// CHECK-NOT: memrefCopy
// SCALAR-LABEL: llvm.func @layer
// SCALAR-NOT: vector<
// SCALAR: llvm.fmul {{.*}} : f32
// BAD: error: tconv-tile-and-vectorize: tile sizes must be >= 1
func.func @layer(%x: tensor<2x16x8x8xf32>, %w: tensor<16x32x4x4xf32>, %b: tensor<32xf32>) -> tensor<2x32x16x16xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>, layout = #tconv.layout<channels_first>} : (tensor<2x16x8x8xf32>, tensor<16x32x4x4xf32>, tensor<32xf32>) -> tensor<2x32x16x16xf32>
  return %y : tensor<2x32x16x16xf32>
}

// threads=N: each large op is one OpenMP parallel loop of N chunks.
// RUN: tconv-opt %s --tconv-to-llvm="threads=2" | FileCheck %s --check-prefix=THREADS
// THREADS: omp.parallel num_threads
// THREADS: omp.wsloop
