// RUN: tconv-opt %s --convert-tconv-to-linalg="algorithm=phase" | FileCheck %s --check-prefix=PHASE
// RUN: tconv-opt %s --convert-tconv-to-linalg="algorithm=gemm" | FileCheck %s --check-prefix=PHASE
// RUN: tconv-opt %s --convert-tconv-to-linalg="algorithm=auto" | FileCheck %s --check-prefix=AUTO
// RUN: tconv-opt %s --tconv-to-llvm="algorithm=phase" | FileCheck %s --check-prefix=LLVM

// A one-pixel input gives a valid op for any stride (O = k + output_padding
// with k = 1). The phase lowering used to loop over all 10^12 residues of
// each dim (a hang; found while fuzzing) and auto's phase count overflowed
// int64. Only min(stride, O) phases have outputs.

// One phase: one convolution written into the output.
// PHASE-LABEL: func.func @huge_stride
// PHASE: linalg.conv_1d_nwc_wcf
// PHASE-NOT: linalg.conv_
// PHASE: tensor.insert_slice
// PHASE-NOT: tensor.insert_slice
// PHASE: return

// Auto: too many phases, sub-pixel overflows: zero insertion.
// AUTO-LABEL: func.func @huge_stride
// AUTO: tensor.insert_slice
// AUTO: linalg.conv_1d_nwc_wcf
// AUTO-NOT: tconv.conv_transpose
// LLVM-LABEL: llvm.func @huge_stride
func.func @huge_stride(%x: tensor<1x1x1x1xf32>, %w: tensor<1x1x1x1xf32>) -> tensor<1x1x1x1xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 1000000000000, 1000000000000>} : (tensor<1x1x1x1xf32>, tensor<1x1x1x1xf32>) -> tensor<1x1x1x1xf32>
  return %y : tensor<1x1x1x1xf32>
}
