// Convolutions split at their padded borders (tconv-skip-padding-taps) give
// the reference's results: DCGAN-like phases, channels-first (rows and,
// where the target model expects it to pay, columns split off) and
// channels-last, on two threads, 3-D, and i8 with zero points (bit-exact).
// Natively and for Haswell, whose model splits off rows only.
// RUN: tconv-run %s --entry=dcgan --check | FileCheck %s
// RUN: tconv-run %s --entry=dcgan --check --target-cpu=haswell | FileCheck %s
// RUN: tconv-run %s --entry=dcgan --check --pipeline-options="threads=2" | FileCheck %s
// RUN: tconv-run %s --entry=dcgan_nhwc --check | FileCheck %s
// RUN: tconv-run %s --entry=dcgan_nhwc --check --target-cpu=haswell | FileCheck %s
// RUN: tconv-run %s --entry=volume --check | FileCheck %s
// RUN: tconv-run %s --entry=volume --check --target-cpu=haswell | FileCheck %s
// RUN: tconv-run %s --entry=quantized --check | FileCheck %s
// RUN: tconv-run %s --entry=quantized --check --target-cpu=haswell | FileCheck %s
// CHECK-NOT: FAIL
// CHECK: check conv_transpose #0 {{.*}} PASS
//
// The pipeline splits @dcgan's four 4 x 4 phases: for Zen 5 into the top
// or bottom row, the first or last column of the other rows and the rest
// (three parts each); for Skylake-AVX512 and Haswell into the row and the
// rest (two: the model expects three-pixel tiles no faster there, their
// weights streaming from Skylake's L2, Haswell's accumulators too few).
// RUN: tconv-opt %s --tconv-to-llvm="target-cpu=znver5" --mlir-print-ir-before=tconv-tile-and-vectorize -o /dev/null 2>&1 | FileCheck %s --check-prefix=ZNVER5
// RUN: tconv-opt %s --tconv-to-llvm="target-cpu=skylake-avx512" --mlir-print-ir-before=tconv-tile-and-vectorize -o /dev/null 2>&1 | FileCheck %s --check-prefix=HASWELL
// RUN: tconv-opt %s --tconv-to-llvm="target-cpu=haswell" --mlir-print-ir-before=tconv-tile-and-vectorize -o /dev/null 2>&1 | FileCheck %s --check-prefix=HASWELL
// RUN: tconv-opt %s --tconv-to-llvm="target-cpu=znver5 skip-padding-taps=false" --mlir-print-ir-before=tconv-tile-and-vectorize -o /dev/null 2>&1 | FileCheck %s --check-prefix=OFF
// ZNVER5-LABEL: func.func @dcgan(
// ZNVER5-COUNT-12: linalg.conv_2d_nhwc_hwcf
// ZNVER5-NOT: linalg.conv_2d_nhwc_hwcf
// ZNVER5-LABEL: func.func @dcgan_nhwc(
// HASWELL-LABEL: func.func @dcgan(
// HASWELL-COUNT-8: linalg.conv_2d_nhwc_hwcf
// HASWELL-NOT: linalg.conv_2d_nhwc_hwcf
// HASWELL-LABEL: func.func @dcgan_nhwc(
// OFF-LABEL: func.func @dcgan(
// OFF-COUNT-4: linalg.conv_2d_nhwc_hwcf
// OFF-NOT: linalg.conv_2d_nhwc_hwcf
// OFF-LABEL: func.func @dcgan_nhwc(

// k4 s2 p1, 4 x 4 -> 8 x 8, 64 output channels, batch 2.
func.func @dcgan(%x: tensor<2x32x4x4xf32>, %w: tensor<32x64x4x4xf32>, %b: tensor<64xf32>) -> tensor<2x64x8x8xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>}
       : (tensor<2x32x4x4xf32>, tensor<32x64x4x4xf32>, tensor<64xf32>) -> tensor<2x64x8x8xf32>
  return %y : tensor<2x64x8x8xf32>
}

// Channels-last, 5 x 6 input, asymmetric padding.
func.func @dcgan_nhwc(%x: tensor<1x5x6x16xf32>, %w: tensor<32x4x4x16xf32>, %b: tensor<32xf32>) -> tensor<1x10x11x32xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 2, 1, 1>, layout = #tconv.layout<channels_last>}
       : (tensor<1x5x6x16xf32>, tensor<32x4x4x16xf32>, tensor<32xf32>) -> tensor<1x10x11x32xf32>
  return %y : tensor<1x10x11x32xf32>
}

// 3-D, k4 s2 p1: depth, rows and columns.
func.func @volume(%x: tensor<1x8x4x4x4xf32>, %w: tensor<8x32x4x4x4xf32>, %b: tensor<32xf32>) -> tensor<1x32x8x8x8xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2, 2>, padding = array<i64: 1, 1, 1, 1, 1, 1>}
       : (tensor<1x8x4x4x4xf32>, tensor<8x32x4x4x4xf32>, tensor<32xf32>) -> tensor<1x32x8x8x8xf32>
  return %y : tensor<1x32x8x8x8xf32>
}

// u8 input with zero point 128, i8 weights with zero point -3, k4 s2 p1.
func.func @quantized(%x: tensor<1x16x4x4xui8>, %w: tensor<16x64x4x4xi8>, %b: tensor<64xi32>) -> tensor<1x64x8x8xi32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>,
                                        input_zero_point = 128 : i32, weight_zero_point = -3 : i32}
       : (tensor<1x16x4x4xui8>, tensor<16x64x4x4xi8>, tensor<64xi32>) -> tensor<1x64x8x8xi32>
  return %y : tensor<1x64x8x8xi32>
}
