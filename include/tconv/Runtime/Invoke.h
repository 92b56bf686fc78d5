//===- Invoke.h - Calling JIT'ed functions on host tensors ------*- C++ -*-===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// Calls a function of a module compiled by compileForJit (Jit.h) through its
// C interface: memref descriptors (upstream's StridedMemRefType) over the
// argument tensors in, the result descriptors read back with
// DynamicMemRefType and copied into host tensors.
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_RUNTIME_INVOKE_H
#define TCONV_RUNTIME_INVOKE_H

#include "tconv/Runtime/HostTensor.h"

namespace mlir {
class ExecutionEngine;

namespace tconv::runtime {

/// The largest rank of an argument: its descriptor is a
/// StridedMemRefType<T, Rank>, whose rank is a template parameter.
constexpr unsigned kMaxArgumentRank = 8;

/// Checks that `func` can be invoked and probed: every argument and result a
/// ranked tensor of f32, f16 or bf16 (arguments of rank at most
/// kMaxArgumentRank), and a single block.
LogicalResult checkSignature(func::FuncOp func, ErrorReporter reportError);

/// Calls `func` (compiled with its C interface) in `engine` on `arguments`
/// and copies its results out; the buffers the call allocated are freed.
/// With `seconds`, also returns the time of the call alone (not of the
/// copies).
FailureOr<SmallVector<HostTensor>> invoke(ExecutionEngine &engine,
                                          func::FuncOp func,
                                          MutableArrayRef<HostTensor> arguments,
                                          ErrorReporter reportError,
                                          double *seconds = nullptr);

} // namespace tconv::runtime
} // namespace mlir

#endif // TCONV_RUNTIME_INVOKE_H
