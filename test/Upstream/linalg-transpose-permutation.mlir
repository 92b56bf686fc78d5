// Canary of UPSTREAM(LLVM 22, unreported): the parser of linalg.transpose
// dereferences a null attribute when the permutation holds a non-integer
// (found by tconv-fuzz; docs/fuzzing.md). tconv-fuzz keeps such input out by
// its dialect filter (tools/tconv-fuzz/tconv-fuzz.cpp); tconv-opt still
// crashes on it, like mlir-opt.
// When this test fails, upstream fixed it: drop the crash from the reasons
// given at the tag in tools/tconv-fuzz/tconv-fuzz.cpp and docs/fuzzing.md.

// RUN: not --crash mlir-opt %s

func.func @f(%x: tensor<2x3xf32>, %e: tensor<3x2xf32>) -> tensor<3x2xf32> {
  %t = linalg.transpose ins(%x : tensor<2x3xf32>) outs(%e : tensor<3x2xf32>) permutation = [p, 0]
  return %t : tensor<3x2xf32>
}
