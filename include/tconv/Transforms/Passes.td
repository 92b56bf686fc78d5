//===- Passes.td - tconv transform passes ------------------*- tablegen -*-===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_TRANSFORMS_PASSES_TD
#define TCONV_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def MemRefCopyToLinalg : Pass<"tconv-memref-copy-to-linalg"> {
  let summary = "Rewrite memref.copy as linalg.copy";
  let description = [{
    Strided `memref.copy` ops (from bufferized `tensor.insert_slice`) lower
    to calls of `memrefCopy` in MLIR's runtime library. As `linalg.copy` they
    become plain loops, so generated code needs nothing but libc.

    ```mlir
    memref.copy %a, %b : memref<4xf32> to memref<4xf32, strided<[2]>>
    // becomes
    linalg.copy ins(%a : memref<4xf32>) outs(%b : memref<4xf32, strided<[2]>>)
    ```
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

def FusePadWithProducer : Pass<"tconv-fuse-pad-with-producer"> {
  let summary = "Let the producer of a padded tensor write into the padding";
  let description = [{
    A `tensor.pad` with a constant value of the result of a linalg op with
    only parallel loops that does not read its init (the channels-last
    transpose of the input, typically) becomes a fill of the padded tensor
    whose interior the op writes directly. After bufferization that is one
    buffer and one pass over the data instead of two of each. Unlike
    upstream's `populateFuseTensorPadWithProducerLinalgOpPatterns`, named
    producers stay named.

    ```mlir
    %t = linalg.transpose ins(%x) outs(%e) permutation = [0, 2, 3, 1]
    %p = tensor.pad %t low[0, 1, 1, 0] high[0, 1, 1, 0] { ... }
    // becomes
    %f = linalg.fill ins(%zero) outs(%padded_empty)
    %s = tensor.extract_slice %f[0, 1, 1, 0] ...
    %t = linalg.transpose ins(%x) outs(%s) permutation = [0, 2, 3, 1]
    %p = tensor.insert_slice %t into %f[0, 1, 1, 0] ...
    ```
  }];
  let dependentDialects = [
    "::mlir::affine::AffineDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def GroupStaticAllocations
    : Pass<"tconv-group-static-allocations", "func::FuncOp"> {
  let summary = "One allocation per function for its static temporaries";
  let description = [{
    Replaces the `memref.alloc`s of static shape at the top level of a
    function body by `memref.view`s into one 64-byte aligned `i8` buffer
    allocated at the function's entry (buffers returned by the function are
    left alone). Runs on bufferized code before buffer deallocation, which
    then frees the one buffer.

    Why: a kernel's temporaries (the transposed and padded input, the
    rearranged weights, the channels-last result) are freed on every call.
    Freed together, glibc returns them to the OS when their total passes its
    trim threshold (twice the largest), and the next call page-faults on
    every page again: about a quarter of a DCGAN layer's time. One buffer of
    the total size stays below that threshold and is reused. The price is
    memory for all temporaries at once instead of the live ones.
  }];
  let dependentDialects = ["::mlir::memref::MemRefDialect"];
}

#endif // TCONV_TRANSFORMS_PASSES_TD
