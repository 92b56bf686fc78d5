// Canary of UPSTREAM(LLVM 22, llvm/llvm-project#179045): MLIR's parser
// accepts a dense array of `index` elements and then crashes on it (fixed
// upstream after LLVM 22 by a diagnostic). tconv's tools reject such arrays
// before parsing (include/tconv/Support/ParserCrashes.h; the fuzzer skips
// them too).
// When this test fails, upstream fixed it: remove the workaround at the tag
// (grep -rn 'llvm/llvm-project#179045' lib include tools test).

// RUN: not --crash mlir-opt %s

func.func @index_dense_array() attributes {strides = array<index: 2, 2>} {
  return
}
