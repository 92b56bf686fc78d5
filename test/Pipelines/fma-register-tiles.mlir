// The vectorized register tiles reach the machine as FMAs on vector
// registers of the target's width, as many accumulators as the target model
// gives (TileSelection.h). Each of the 4 phases is an 8-pixel-wide 2x2
// convolution with 128 output channels, whole (tconv-skip-padding-taps,
// which would split off its border rows and columns, is off).
//
// AVX-512 (32 zmm): tiles of 4 pixels x 64 channels, 16 zmm accumulators; in
// the LLVM IR four 64-wide fmuladds per phase, each split in four by the
// backend.
// RUN: tconv-aot %s --pipeline-options="skip-padding-taps=false" --emit=llvm --target-cpu=skylake-avx512 -o - | FileCheck %s --check-prefix=AVX512-IR
// RUN: tconv-aot %s --pipeline-options="skip-padding-taps=false" --emit=asm --target-cpu=skylake-avx512 -o - | FileCheck %s --check-prefix=AVX512-ASM
// AVX512-IR-COUNT-16: call <64 x float> @llvm.fmuladd.v64f32
// AVX512-IR-NOT: call {{.*}} @llvm.fmuladd
// AVX512-ASM-COUNT-64: vfmadd{{[0-9]+}}ps {{.*}}%zmm
// AVX512-ASM-NOT: vfmadd
//
// AVX2 (16 ymm): tiles of 4 pixels x 16 channels, 8 ymm accumulators (two
// 4-cycle FMA pipes need 8 in flight; more would not fit next to the weight
// vectors and the broadcast input).
// RUN: tconv-aot %s --pipeline-options="skip-padding-taps=false" --emit=llvm --target-cpu=haswell -o - | FileCheck %s --check-prefix=AVX2-IR
// RUN: tconv-aot %s --pipeline-options="skip-padding-taps=false" --emit=asm --target-cpu=haswell -o - | FileCheck %s --check-prefix=AVX2-ASM
// AVX2-IR: call <16 x float> @llvm.fmuladd.v16f32
// AVX2-IR-NOT: @llvm.fmuladd.v{{(32|64)}}f32
// AVX2-ASM: vfmadd{{[0-9]+}}ps {{.*}}%ymm
// AVX2-ASM-NOT: %zmm
func.func @layer(%x: tensor<16x256x8x8xf32>, %w: tensor<256x128x4x4xf32>,
                 %b: tensor<128xf32>) -> tensor<16x128x16x16xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>,
         padding = array<i64: 1, 1, 1, 1>}
       : (tensor<16x256x8x8xf32>, tensor<256x128x4x4xf32>, tensor<128xf32>)
      -> tensor<16x128x16x16xf32>
  return %y : tensor<16x128x16x16xf32>
}
