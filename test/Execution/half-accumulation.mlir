// f16 and bf16 accumulate in f32 and round once: the default --check
// tolerances of tconv-run (1e-3 for f16, 8e-3 for bf16: twice the rounding of
// the result, relative to its largest element) hold on a long reduction,
// where accumulating in the element type would not. Each output here sums
// 256 input channels x 4 taps. On these inputs (write_npy.py --seed 7), a
// simulation of element-type accumulation in the same order gave normwise
// errors of 7.1e-3 (f16) and 5.2e-2 (bf16); f32 accumulation with one final
// rounding gives 3.2e-4 and 3.1e-3.
// Output size: (4 - 1) * 2 - 1 - 1 + (4 - 1) + 1 = 8.

// RUN: %python %S/Inputs/write_npy.py --seed 7 %t.x.npy=1x256x4x4 %t.w.npy=256x8x4x4 %t.b.npy=8
// RUN: tconv-run %s --entry=f16 --inputs=%t.x.npy,%t.w.npy,%t.b.npy --check | FileCheck %s --check-prefix=F16
// RUN: tconv-run %s --entry=bf16 --inputs=%t.x.npy,%t.w.npy,%t.b.npy --check | FileCheck %s --check-prefix=BF16
// Every algorithm keeps the single rounding.
// RUN: tconv-run %s --entry=f16 --inputs=%t.x.npy,%t.w.npy,%t.b.npy --check --pipeline-options=algorithm=zero-insertion | FileCheck %s --check-prefix=F16
// RUN: tconv-run %s --entry=f16 --inputs=%t.x.npy,%t.w.npy,%t.b.npy --check --pipeline-options=algorithm=subpixel | FileCheck %s --check-prefix=F16
// RUN: tconv-run %s --entry=bf16 --inputs=%t.x.npy,%t.w.npy,%t.b.npy --check --pipeline-options=algorithm=phase | FileCheck %s --check-prefix=BF16
// F16: check conv_transpose #0 {{.*}} (tolerance 1.0e-03) PASS
// BF16: check conv_transpose #0 {{.*}} (tolerance 8.0e-03) PASS

func.func @f16(%x: tensor<1x256x4x4xf16>, %w: tensor<256x8x4x4xf16>, %b: tensor<8xf16>) -> tensor<1x8x8x8xf16> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>}
       : (tensor<1x256x4x4xf16>, tensor<256x8x4x4xf16>, tensor<8xf16>) -> tensor<1x8x8x8xf16>
  return %y : tensor<1x8x8x8xf16>
}

func.func @bf16(%x: tensor<1x256x4x4xbf16>, %w: tensor<256x8x4x4xbf16>, %b: tensor<8xbf16>) -> tensor<1x8x8x8xbf16> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>}
       : (tensor<1x256x4x4xbf16>, tensor<256x8x4x4xbf16>, tensor<8xbf16>) -> tensor<1x8x8x8xbf16>
  return %y : tensor<1x8x8x8xbf16>
}
