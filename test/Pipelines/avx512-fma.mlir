// The vectorized register tile reaches the machine as 512-bit FMAs on an
// AVX-512 target: 8 output pixels x 32 output channels is 16 zmm
// accumulators, updated by 16 vfmadd per input channel and tap (in the LLVM
// IR, eight 32-wide fmuladds that the backend splits in two).
// RUN: tconv-aot %s --emit=llvm --target-cpu=skylake-avx512 -o - | FileCheck %s --check-prefix=IR
// RUN: tconv-aot %s --emit=asm --target-cpu=skylake-avx512 -o - | FileCheck %s --check-prefix=ASM
// IR-COUNT-8: call <32 x float> @llvm.fmuladd.v32f32
// ASM-COUNT-16: vfmadd{{[0-9]+}}ps {{.*}}%zmm
func.func @layer(%x: tensor<16x256x8x8xf32>, %w: tensor<256x128x4x4xf32>,
                 %b: tensor<128xf32>) -> tensor<16x128x16x16xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>,
         padding = array<i64: 1, 1, 1, 1>}
       : (tensor<16x256x8x8xf32>, tensor<256x128x4x4xf32>, tensor<128xf32>)
      -> tensor<16x128x16x16xf32>
  return %y : tensor<16x128x16x16xf32>
}
