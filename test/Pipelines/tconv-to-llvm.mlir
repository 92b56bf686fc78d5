// RUN: tconv-opt %s --tconv-to-llvm="target-cpu=skylake-avx512" | FileCheck %s
// RUN: tconv-opt %s --tconv-to-llvm="target-cpu=haswell" | FileCheck %s --check-prefix=AVX2
// RUN: tconv-opt %s --tconv-to-llvm="vectorize=false" | FileCheck %s --check-prefix=SCALAR
// RUN: not tconv-opt %s --tconv-to-llvm="register-tile-channels=-1" 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: not tconv-opt %s --tconv-to-llvm="target-cpu=no-such-cpu" 2>&1 | FileCheck %s --check-prefix=BAD-CPU

// The whole pipeline, from tconv to the LLVM dialect: the convolution's
// register tile becomes vector FMAs, one per output pixel and input channel
// and tap, as wide as the tile's output channels, with no calls into MLIR's
// runtime library. The tiles come from the target: each phase's output is
// 8 pixels wide with 32 channels, which is 8 x 2 zmm accumulators on
// AVX-512 and 4 x 2 ymm on AVX2.
// CHECK-LABEL: llvm.func @layer
// CHECK-COUNT-8: llvm.intr.fmuladd({{.*}}) : (vector<32xf32>, vector<32xf32>, vector<32xf32>) -> vector<32xf32>
// AVX2-LABEL: llvm.func @layer
// AVX2-COUNT-4: llvm.intr.fmuladd({{.*}}) : (vector<16xf32>, vector<16xf32>, vector<16xf32>) -> vector<16xf32>
// AVX2-NOT: vector<32xf32>
// CHECK-NOT: memrefCopy
// SCALAR-LABEL: llvm.func @layer
// SCALAR-NOT: vector<
// SCALAR: llvm.fmul {{.*}} : f32
// BAD: error: tconv-block-conv-filters: tile sizes must be >= 0
// BAD-CPU: error: tconv-dispatch-narrow-weights: unknown target CPU 'no-such-cpu'
func.func @layer(%x: tensor<2x16x8x8xf32>, %w: tensor<16x32x4x4xf32>, %b: tensor<32xf32>) -> tensor<2x32x16x16xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>, layout = #tconv.layout<channels_first>} : (tensor<2x16x8x8xf32>, tensor<16x32x4x4xf32>, tensor<32xf32>) -> tensor<2x32x16x16xf32>
  return %y : tensor<2x32x16x16xf32>
}

// threads=N: each large op is one OpenMP parallel loop of N chunks.
// RUN: tconv-opt %s --tconv-to-llvm="threads=2" | FileCheck %s --check-prefix=THREADS
// THREADS: omp.parallel num_threads
// THREADS: omp.wsloop
