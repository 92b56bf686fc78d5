//===- Check.cpp - tconv-run --check: every convolution of a call ---------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//

#include "tconv/Runtime/Check.h"
#include "tconv/Runtime/RuntimeProblems.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::tconv;
using namespace mlir::tconv::runtime;

func::FuncOp runtime::createProbe(func::FuncOp entry,
                                  SmallVectorImpl<ProbedConv> &convs) {
  OpBuilder builder(entry);
  auto probe = cast<func::FuncOp>(builder.clone(*entry));
  probe.setName((entry.getName() + "__tconv_probe").str());
  auto ret = cast<func::ReturnOp>(probe.getBody().front().getTerminator());
  SmallVector<Value> results(ret.getOperands());
  auto add = [&](Value v) {
    results.push_back(v);
    return results.size() - 1;
  };
  probe.walk([&](ConvTransposeOp op) {
    ProbedConv conv{op, 0, 0, 0, std::nullopt};
    conv.input = add(op.getInput());
    conv.weight = add(op.getWeight());
    if (op.getBias())
      conv.bias = add(op.getBias());
    conv.result = add(op.getResult());
    convs.push_back(conv);
  });
  ret->setOperands(results);
  probe.setFunctionType(FunctionType::get(entry.getContext(),
                                          entry.getArgumentTypes(),
                                          ValueRange(results).getTypes()));
  return probe;
}

LogicalResult runtime::checkConvs(ArrayRef<ProbedConv> convs,
                                  ArrayRef<HostTensor> values,
                                  std::optional<double> tolerance,
                                  llvm::raw_ostream &os,
                                  ErrorReporter reportError) {
  bool allPassed = true;
  for (auto [i, conv] : llvm::enumerate(convs)) {
    const HostTensor &input = values[conv.input];
    std::optional<ConvTransposeProblem> problem =
        getRuntimeProblem(conv.op, input.shape);
    if (!problem) {
      reportError("--check needs static weight and channel dims");
      return failure();
    }
    std::vector<double> bias;
    if (conv.bias)
      bias = values[*conv.bias].toDoubles();
    std::vector<double> expected = reference::convTranspose(
        *problem, input.toDoubles(), values[conv.weight].toDoubles(), bias);
    reference::ErrorStats stats =
        reference::compareResults(expected, values[conv.result].toDoubles());
    double limit = tolerance.value_or(reference::getDefaultTolerance(
        getReferenceType(values[conv.result].elementType)));
    bool passed = !stats.hasNonFinite && stats.maxRelError <= limit;
    allPassed &= passed;
    std::string loc;
    llvm::raw_string_ostream locStream(loc);
    locStream << ConvTransposeOp(conv.op).getLoc();
    os << "check conv_transpose #" << i << " " << loc << ": max abs error "
       << llvm::format("%.3e", stats.maxAbsError) << ", max rel error "
       << llvm::format("%.3e", stats.maxRelError) << " (tolerance "
       << llvm::format("%.1e", limit) << ") " << (passed ? "PASS" : "FAIL")
       << "\n";
  }
  if (!allPassed) {
    reportError("--check failed: results differ from the reference");
    return failure();
  }
  return success();
}
