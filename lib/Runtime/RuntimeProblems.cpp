//===- RuntimeProblems.cpp - The convolutions of a call -------------------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//

#include "tconv/Runtime/RuntimeProblems.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

#include "llvm/ADT/StringExtras.h"

using namespace mlir;
using namespace mlir::tconv;

std::optional<ConvTransposeProblem>
runtime::getRuntimeProblem(ConvTransposeOp op, ArrayRef<int64_t> inputShape) {
  unsigned begin = op.isChannelsLast() ? 1 : 2;
  return op.getProblem(inputShape[0],
                       inputShape.slice(begin, op.getNumSpatialDims()));
}

FailureOr<SmallVector<std::optional<ConvTransposeProblem>, 2>>
runtime::getRuntimeProblems(func::FuncOp func, ArrayRef<HostTensor> arguments) {
  DenseMap<Value, SmallVector<int64_t>> shapes;
  for (auto [arg, argument] : llvm::zip_equal(func.getArguments(), arguments))
    shapes[arg] = argument.shape;
  SmallVector<std::optional<ConvTransposeProblem>, 2> problems;
  WalkResult walk = func.walk([&](ConvTransposeOp op) {
    auto known = shapes.find(op.getInput());
    std::optional<ConvTransposeProblem> problem =
        known == shapes.end() ? std::nullopt
                              : getRuntimeProblem(op, known->second);
    problems.push_back(problem);
    if (!problem)
      return WalkResult::advance();
    std::optional<SmallVector<int64_t>> outputShape = problem->getOutputShape();
    if (!outputShape) {
      std::string shape = llvm::join(
          llvm::map_range(known->second,
                          [](int64_t d) { return std::to_string(d); }),
          "x");
      op.emitError("input of runtime shape ")
          << shape << " gives an output size < 1 (or one that overflows)";
      return WalkResult::interrupt();
    }
    shapes[op.getResult()] = *outputShape;
    return WalkResult::advance();
  });
  if (walk.wasInterrupted())
    return failure();
  return problems;
}

std::optional<int64_t> runtime::getUsefulFlops(
    ArrayRef<std::optional<ConvTransposeProblem>> problems) {
  int64_t flops = 0;
  for (const std::optional<ConvTransposeProblem> &problem : problems) {
    std::optional<int64_t> macs =
        problem ? problem->getUsefulMacs() : std::nullopt;
    if (!macs)
      return std::nullopt;
    flops += 2 * *macs;
  }
  return flops;
}
