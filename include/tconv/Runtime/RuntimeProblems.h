//===- RuntimeProblems.h - The convolutions of a call -----------*- C++ -*-===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// The problem (ConvTransposeProblem) each tconv.conv_transpose of a function
// solves in one call, with the sizes of the arguments given: checked before
// the call, as the verifier cannot check dynamic sizes, and counted in
// useful FLOPs for the timings.
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_RUNTIME_RUNTIMEPROBLEMS_H
#define TCONV_RUNTIME_RUNTIMEPROBLEMS_H

#include "tconv/Dialect/TConv/IR/TConvOps.h"
#include "tconv/Runtime/HostTensor.h"

#include <optional>

namespace mlir::tconv::runtime {

/// `op`'s problem with an input of shape `inputShape`.
std::optional<ConvTransposeProblem>
getRuntimeProblem(ConvTransposeOp op, ArrayRef<int64_t> inputShape);

/// The problems of the conv_transpose ops of `func` (in walk order) for these
/// arguments, where an op's input shape is known before running: a function
/// argument or another conv_transpose's result; std::nullopt for the others.
/// Fails with a diagnostic when the runtime sizes give an output size < 1,
/// which the verifier can only reject for static shapes.
FailureOr<SmallVector<std::optional<ConvTransposeProblem>, 2>>
getRuntimeProblems(func::FuncOp func, ArrayRef<HostTensor> arguments);

/// Useful FLOPs of all the problems, if all are known.
std::optional<int64_t>
getUsefulFlops(ArrayRef<std::optional<ConvTransposeProblem>> problems);

} // namespace mlir::tconv::runtime

#endif // TCONV_RUNTIME_RUNTIMEPROBLEMS_H
