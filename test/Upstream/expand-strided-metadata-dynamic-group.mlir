// Canary of UPSTREAM(LLVM 22, llvm/llvm-project#186830): upstream's
// --expand-strided-metadata crashes on a memref.expand_shape with more than
// one dynamic dim in one reassociation group (it assumes at most one and
// passes a null size on). tconv does not flatten a 1x1 convolution over more
// than one dynamic pixel dim (lib/Conversion/TConvToLinalg/Convolution.cpp),
// as expanding the flat pixels back would be this op.
// When this test fails, upstream fixed it: remove the workaround at the tag
// (grep -rn 'llvm/llvm-project#186830' lib include tools test).

// RUN: not --crash mlir-opt %s --expand-strided-metadata

func.func @two_dynamic_dims_in_group(%m: memref<3x?x4xf32>, %h: index, %w: index) -> memref<3x?x?x4xf32> {
  %e = memref.expand_shape %m [[0], [1, 2], [3]] output_shape [3, %h, %w, 4] : memref<3x?x4xf32> into memref<3x?x?x4xf32>
  return %e : memref<3x?x?x4xf32>
}
