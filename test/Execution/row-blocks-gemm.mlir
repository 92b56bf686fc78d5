// Execution test of tconv-transpose-in-row-blocks on a layer lowered to one
// GEMM over the flat pixels (algorithm=gemm, which the other layers of
// row-blocks.mlir cannot take): the transpose to channels-first an input
// row at a time, each row's pixels computed in the loop. tconv-run --check
// compares with the exact integer reference (int64), value for value.

// @flat_u8: the quantized 2-D form (a U-Net up-convolution's shape), u8
// input with zero point 128, i8 weights with zero point 5, bit-exact; the
// GEMM lowering asked for (for Haswell, auto picks phases).
//   I=64 k=2 s=2: 128
// RUN: tconv-opt %s --tconv-to-llvm="target-cpu=haswell algorithm=gemm" --mlir-print-ir-after=tconv-transpose-in-row-blocks -o /dev/null 2>&1 | FileCheck %s --check-prefix=GEMM
// RUN: tconv-run %s --entry=flat_u8 --check --target-cpu=haswell --pipeline-options="algorithm=gemm" | FileCheck %s --check-prefix=PASS
// RUN: tconv-run %s --entry=flat_u8 --check --pipeline-options="algorithm=gemm" | FileCheck %s --check-prefix=PASS
// PASS-NOT: FAIL
// PASS: check conv_transpose #0 {{.*}}: 0 of {{[0-9]+}} values differ (bit-exact) PASS
// GEMM-LABEL: func.func @flat_u8
// GEMM: scf.for %{{.*}} = %{{.*}} to %c64 step %c1 iter_args(%{{.*}} = %{{.*}}, %{{.*}} = %{{.*}}) -> (tensor<1x16x64x2x64x2xi32>, tensor<1x64x64xi32>)
// GEMM: linalg.conv_1d_nwc_wcf {{.*}} -> tensor<1x64x64xi32>
// GEMM: return
func.func @flat_u8(%x: tensor<1x32x64x64xui8>, %w: tensor<32x16x2x2xi8>, %b: tensor<16xi32>) -> tensor<1x16x128x128xi32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>,
                                        input_zero_point = 128 : i32, weight_zero_point = 5 : i32}
      : (tensor<1x32x64x64xui8>, tensor<32x16x2x2xi8>, tensor<16xi32>) -> tensor<1x16x128x128xi32>
  return %y : tensor<1x16x128x128xi32>
}
