// Canary of UPSTREAM(LLVM 22, unreported): MLIR's pass option parser
// silently skips an option whose name is empty once whitespace and one pair
// of quotes or braces are trimmed ("=true", "''=true"), instead of reporting
// it. tconv::parseTConvToLLVMPipelineOptions (lib/Pipelines/Pipelines.cpp)
// rejects such options itself, so that a typo in --pipeline-options does not
// silently fall back to the defaults.
// When this test fails, upstream fixed it: remove the workaround at the tag.

// RUN: mlir-opt %s --pass-pipeline='builtin.module(func.func(canonicalize{=true}))' | FileCheck %s
// RUN: mlir-opt %s --pass-pipeline="builtin.module(func.func(canonicalize{''=true}))" | FileCheck %s

// CHECK: func.func @f()
func.func @f() {
  return
}
