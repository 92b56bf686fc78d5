//===- Check.cpp - tconv-run --check: every checked op of a call ---------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//

#include "tconv/Runtime/Check.h"
#include "tconv/Conversion/Passes.h"
#include "tconv/Runtime/RuntimeProblems.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Pass/PassManager.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::tconv;
using namespace mlir::tconv::runtime;

/// `op`'s parameters as the reference takes them, if they are constants and
/// the rounding is exactly defined (INEXACT_ROUND leaves it open).
static std::optional<reference::RescaleParams>
getRescaleParams(tosa::RescaleOp op) {
  DenseIntElementsAttr multipliers, shifts;
  FailureOr<int64_t> inputZp = op.getInputZeroPoint();
  FailureOr<int64_t> outputZp = op.getOutputZeroPoint();
  if (!matchPattern(op.getMultiplier(), m_Constant(&multipliers)) ||
      !matchPattern(op.getShift(), m_Constant(&shifts)) || failed(inputZp) ||
      failed(outputZp) ||
      op.getRoundingMode() == tosa::RoundingMode::INEXACT_ROUND)
    return std::nullopt;
  reference::RescaleParams params;
  for (const APInt &multiplier : multipliers.getValues<APInt>())
    params.multipliers.push_back(multiplier.getSExtValue());
  for (const APInt &shift : shifts.getValues<APInt>())
    params.shifts.push_back(shift.getSExtValue());
  params.perChannel = op.getPerChannel();
  params.scale32 = op.getScale32();
  params.doubleRound = op.getRoundingMode() == tosa::RoundingMode::DOUBLE_ROUND;
  params.inputZeroPoint = *inputZp;
  params.outputZeroPoint = *outputZp;
  params.inputBits =
      getElementTypeOrSelf(op.getInput()).getIntOrFloatBitWidth();
  params.outputBits =
      getElementTypeOrSelf(op.getType()).getIntOrFloatBitWidth();
  params.inputUnsigned = op.getInputUnsigned();
  params.outputUnsigned = op.getOutputUnsigned();
  return params;
}

/// Whether the probe can return `type`'s values: integers tconv-run reads.
static bool isProbedInteger(Type type) {
  Type element = getElementTypeOrSelf(type);
  return isa<IntegerType>(element) && isSupportedElementType(element);
}

/// TOSA transposed convolutions become conv_transpose ops, as the pipeline
/// will make them, so that they are probed too. Its warnings about the ones
/// left to upstream's lowering are the pipeline's to give.
static void convertTosaToTConv(func::FuncOp func) {
  MLIRContext *context = func.getContext();
  ScopedDiagnosticHandler dropWarnings(context, [](Diagnostic &diag) {
    return success(diag.getSeverity() == DiagnosticSeverity::Warning);
  });
  PassManager pm(context, func::FuncOp::getOperationName());
  pm.addPass(createConvertTosaToTConv());
  // Without `strict` the pass does not fail.
  (void)pm.run(func);
}

func::FuncOp runtime::createProbe(func::FuncOp entry, ProbedOps &probed) {
  OpBuilder builder(entry);
  auto probe = cast<func::FuncOp>(builder.clone(*entry));
  probe.setName((entry.getName() + "__tconv_probe").str());
  convertTosaToTConv(probe);
  auto ret = cast<func::ReturnOp>(probe.getBody().front().getTerminator());
  SmallVector<Value> results(ret.getOperands());
  auto add = [&](Value v) {
    results.push_back(v);
    return results.size() - 1;
  };
  probe.walk([&](Operation *op) {
    if (auto conv = dyn_cast<ConvTransposeOp>(op)) {
      ProbedConv probedConv{conv, 0, 0, 0, std::nullopt};
      probedConv.input = add(conv.getInput());
      probedConv.weight = add(conv.getWeight());
      if (conv.getBias())
        probedConv.bias = add(conv.getBias());
      probedConv.result = add(conv.getResult());
      probed.convs.push_back(probedConv);
      return;
    }
    auto rescale = dyn_cast<tosa::RescaleOp>(op);
    if (!rescale || !isProbedInteger(rescale.getInput().getType()) ||
        !isProbedInteger(rescale.getType()))
      return;
    unsigned input = add(rescale.getInput());
    unsigned result = add(rescale.getResult());
    probed.rescales.push_back(
        {rescale, input, result, getRescaleParams(rescale)});
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

/// Compares an integer result with the exact values, bit for bit (an
/// unsigned result read as stored: `expected` in [0, 2^bits)); appends the
/// figures to `summary`.
static bool compareExactly(const HostTensor &result, ArrayRef<int64_t> expected,
                           llvm::raw_ostream &summary) {
  std::vector<int32_t> actual = result.toIntegers();
  uint64_t mask =
      ~uint64_t(0) >> (64 - result.elementType.getIntOrFloatBitWidth());
  size_t mismatches = 0, first = 0;
  for (auto [i, got] : llvm::enumerate(actual))
    if ((uint64_t(got) & mask) != (uint64_t(expected[i]) & mask) &&
        mismatches++ == 0)
      first = i;
  summary << mismatches << " of " << actual.size() << " values differ";
  if (mismatches)
    summary << ", first at index " << first << ": got " << actual[first]
            << ", expected " << expected[first];
  summary << " (bit-exact)";
  return mismatches == 0;
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
  if (expected.firstUndefined) {
    size_t at = *expected.firstUndefined;
    reportError("--check: the exact result of conv_transpose #" +
                llvm::Twine(index) + " is " + llvm::Twine(expected.values[at]) +
                " at index " + llvm::Twine(at) +
                ", outside i32: the op has no result for this data");
    return failure();
  }
  return compareExactly(values[conv.result], expected.values, summary);
}

/// Prints `op`'s location and `summary` as a line of --check's report.
static void printCheckLine(llvm::raw_ostream &os, StringRef name, size_t index,
                           Operation *op, StringRef summary,
                           std::optional<bool> passed) {
  std::string loc;
  llvm::raw_string_ostream locStream(loc);
  locStream << op->getLoc();
  os << "check " << name << " #" << index << " " << loc << ": " << summary;
  if (passed)
    os << " " << (*passed ? "PASS" : "FAIL");
  os << "\n";
}

/// Checks the rescales, each against the exact reference; reports the ones
/// with parameters the reference cannot take as unchecked.
static FailureOr<bool> checkRescales(ArrayRef<ProbedRescale> rescales,
                                     ArrayRef<HostTensor> values,
                                     llvm::raw_ostream &os,
                                     ErrorReporter reportError) {
  bool allPassed = true;
  for (auto [i, rescale] : llvm::enumerate(rescales)) {
    if (!rescale.params) {
      printCheckLine(os, "rescale", i, rescale.op,
                     "not checked (non-constant parameters or INEXACT_ROUND)",
                     std::nullopt);
      continue;
    }
    std::vector<int32_t> input = values[rescale.input].toIntegers();
    reference::IntegerResult expected = reference::rescale(
        *rescale.params, std::vector<int64_t>(input.begin(), input.end()));
    if (expected.firstUndefined) {
      size_t at = *expected.firstUndefined;
      reportError("--check: rescale #" + llvm::Twine(i) + " has no defined " +
                  "result for its input " + llvm::Twine(input[at]) +
                  " at index " + llvm::Twine(at) +
                  " (TOSA's range requirements)");
      return failure();
    }
    std::string summary;
    llvm::raw_string_ostream summaryStream(summary);
    bool passed =
        compareExactly(values[rescale.result], expected.values, summaryStream);
    allPassed &= passed;
    printCheckLine(os, "rescale", i, rescale.op, summary, passed);
  }
  return allPassed;
}

LogicalResult runtime::checkProbedOps(const ProbedOps &probed,
                                      ArrayRef<HostTensor> values,
                                      std::optional<double> tolerance,
                                      llvm::raw_ostream &os,
                                      ErrorReporter reportError) {
  bool allPassed = true;
  for (auto [i, conv] : llvm::enumerate(probed.convs)) {
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
    printCheckLine(os, "conv_transpose", i, op, summary, passed);
  }
  FailureOr<bool> rescalesPassed =
      checkRescales(probed.rescales, values, os, reportError);
  if (failed(rescalesPassed))
    return failure();
  if (!allPassed || !*rescalesPassed) {
    reportError("--check failed: results differ from the reference");
    return failure();
  }
  return success();
}
