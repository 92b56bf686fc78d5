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

/// Compares a float op's result with the reference within `tolerance` (the
/// element type's default when absent); appends the figures to `summary`.
static bool checkFloatConv(const ProbedConv &conv,
                           const ConvTransposeProblem &problem,
                           ArrayRef<HostTensor> values,
                           std::optional<double> tolerance,
                           llvm::raw_ostream &summary) {
  std::vector<double> bias;
  if (conv.bias)
    bias = values[*conv.bias].toDoubles();
  std::vector<double> expected =
      reference::convTranspose(problem, values[conv.input].toDoubles(),
                               values[conv.weight].toDoubles(), bias);
  reference::ErrorStats stats =
      reference::compareResults(expected, values[conv.result].toDoubles());
  double limit = tolerance.value_or(reference::getDefaultTolerance(
      getReferenceType(values[conv.result].elementType)));
  summary << "max abs error " << llvm::format("%.3e", stats.maxAbsError)
          << ", max rel error " << llvm::format("%.3e", stats.maxRelError)
          << " (tolerance " << llvm::format("%.1e", limit) << ")";
  return !stats.hasNonFinite && stats.maxRelError <= limit;
}

/// Compares a quantized op's result with the exact reference, bit for bit;
/// appends the figures to `summary`. Fails, naming the op, when the exact
/// result does not fit in i32 (the op has no result for such data).
static FailureOr<bool>
checkQuantizedConv(const ProbedConv &conv, const ConvTransposeProblem &problem,
                   ArrayRef<HostTensor> values, unsigned index,
                   llvm::raw_ostream &summary, ErrorReporter reportError) {
  ConvTransposeOp op = conv.op;
  std::vector<int32_t> bias;
  if (conv.bias)
    bias = values[*conv.bias].toIntegers();
  reference::IntegerResult expected = reference::convTransposeInt(
      problem, values[conv.input].toIntegers(),
      values[conv.weight].toIntegers(), bias, op.getInputZeroPointValue(),
      op.getWeightZeroPointValue());
  if (expected.firstOutOfI32) {
    size_t at = *expected.firstOutOfI32;
    reportError("--check: the exact result of conv_transpose #" +
                llvm::Twine(index) + " is " + llvm::Twine(expected.values[at]) +
                " at index " + llvm::Twine(at) +
                ", outside i32: the op has no result for this data");
    return failure();
  }
  std::vector<int32_t> actual = values[conv.result].toIntegers();
  size_t mismatches = 0, first = 0;
  for (auto [i, got] : llvm::enumerate(actual))
    if (got != expected.values[i] && mismatches++ == 0)
      first = i;
  summary << mismatches << " of " << actual.size() << " values differ";
  if (mismatches)
    summary << ", first at index " << first << ": got " << actual[first]
            << ", expected " << expected.values[first];
  summary << " (bit-exact)";
  return mismatches == 0;
}

LogicalResult runtime::checkConvs(ArrayRef<ProbedConv> convs,
                                  ArrayRef<HostTensor> values,
                                  std::optional<double> tolerance,
                                  llvm::raw_ostream &os,
                                  ErrorReporter reportError) {
  bool allPassed = true;
  for (auto [i, conv] : llvm::enumerate(convs)) {
    ConvTransposeOp op = conv.op;
    std::optional<ConvTransposeProblem> problem =
        getRuntimeProblem(op, values[conv.input].shape);
    if (!problem) {
      reportError("--check needs static weight and channel dims");
      return failure();
    }
    std::string summary;
    llvm::raw_string_ostream summaryStream(summary);
    bool passed;
    if (op.isQuantized()) {
      FailureOr<bool> exact = checkQuantizedConv(conv, *problem, values, i,
                                                 summaryStream, reportError);
      if (failed(exact))
        return failure();
      passed = *exact;
    } else {
      passed = checkFloatConv(conv, *problem, values, tolerance, summaryStream);
    }
    allPassed &= passed;
    std::string loc;
    llvm::raw_string_ostream locStream(loc);
    locStream << op.getLoc();
    os << "check conv_transpose #" << i << " " << loc << ": " << summary << " "
       << (passed ? "PASS" : "FAIL") << "\n";
  }
  if (!allPassed) {
    reportError("--check failed: results differ from the reference");
    return failure();
  }
  return success();
}
