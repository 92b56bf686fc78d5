// Canary of UPSTREAM(LLVM 22, unreported): a rank-reducing slice of a view
// whose unit dims have strides other than 1 (so two unit dims share a
// stride) bufferizes into a memref.subview whose result type the subview
// verifier then rejects: bufferization drops unit dim 2 (stride 4), which is
// a valid rank reduction, but the verifier does not accept it (dim 0 is a
// unit dim of stride 4 too). tconv's phase lowering slices with a unit
// stride wherever a phase has one output (lib/Conversion/TConvToLinalg/
// Phase.cpp; without it test/Execution/crop.mlir fails to lower).
// When this test fails, upstream fixed it: remove the workaround at the tag.

// RUN: not mlir-opt %s --one-shot-bufferize="bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map" 2>&1 | FileCheck %s

// CHECK: error: expected result type to be 'memref<1x1x1x2xf32, strided<[4, 8, 4, 1], offset: 2>>' or a rank-reduced version. (mismatch of result layout), but got 'memref<1x1x2xf32, strided<[4, 8, 1], offset: 2>>'
func.func @unit_dims_with_strides(%t: tensor<2x1x2x2xf32>) -> tensor<1x1x2xf32> {
  %a = tensor.extract_slice %t[0, 0, 1, 0] [2, 1, 1, 2] [1, 2, 2, 1] : tensor<2x1x2x2xf32> to tensor<2x1x1x2xf32>
  %b = tensor.extract_slice %a[0, 0, 0, 0] [1, 1, 1, 2] [1, 1, 1, 1] : tensor<2x1x1x2xf32> to tensor<1x1x2xf32>
  return %b : tensor<1x1x2xf32>
}
