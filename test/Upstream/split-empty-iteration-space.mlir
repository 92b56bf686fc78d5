// Canary of UPSTREAM(LLVM 22, unreported): linalg::splitOp (here through
// transform.structured.split) dereferences null on an op whose iteration
// space is empty. --tconv-tile-and-vectorize does not split such ops
// (lib/Codegen/TileAndVectorize.cpp; test/Codegen/tile-and-vectorize-empty.mlir).
// When this test fails, upstream fixed it: remove the workaround at the tag.

// RUN: not --crash mlir-opt %s --transform-interpreter

func.func @empty_batch(%a: tensor<0x9xf32>, %b: tensor<0x9xf32>) -> tensor<0x9xf32> {
  %r = linalg.copy ins(%a : tensor<0x9xf32>) outs(%b : tensor<0x9xf32>) -> tensor<0x9xf32>
  return %r : tensor<0x9xf32>
}

module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%m: !transform.any_op {transform.readonly}) {
    %op = transform.structured.match ops{["linalg.copy"]} in %m : (!transform.any_op) -> !transform.any_op
    %parts = transform.structured.split %op after 6 {dimension = 1} : !transform.any_op
    transform.yield
  }
}
