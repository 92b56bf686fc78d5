//===- tconv-run.cpp - JIT-run a tconv module on .npy data ----------------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// Lowers a module with the shared tconv-to-llvm pipeline, JIT-compiles it with
// the MLIR ExecutionEngine and runs one function on inputs read from .npy
// files (or seeded random data). --check recomputes every
// tconv.conv_transpose (TOSA's transposed convolutions included) and every
// tosa.rescale of the function with the reference library, through
// a clone of the function that also returns each op's operands and result
// ("probe"), so intermediate values are checked too. The work is done by
// lib/Runtime; this file reads the options.
//
//===----------------------------------------------------------------------===//

#include "tconv/Pipelines/Pipelines.h"
#include "tconv/Runtime/Check.h"
#include "tconv/Runtime/Invoke.h"
#include "tconv/Runtime/Jit.h"
#include "tconv/Runtime/RuntimeProblems.h"
#include "tconv/Support/HostMemory.h"
#include "tconv/Support/ToolSupport.h"
#include "tconv/Target/TargetCommandLine.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/SourceMgr.h"

#include <algorithm>
#include <cstdlib>

using namespace mlir;
using namespace mlir::tconv;
using namespace mlir::tconv::runtime;

namespace cl = llvm::cl;

static cl::OptionCategory ioCategory("Input and output",
                                     "The function to run and its data.");
static cl::OptionCategory
    compileCategory("Compilation",
                    "How the module is lowered (see also the target options).");
static cl::OptionCategory
    checkCategory("Checking and timing",
                  "Comparison with the reference and the time of the calls.");

static cl::opt<std::string> inputFilename(cl::Positional,
                                          cl::desc("<input .mlir file>"),
                                          cl::Required, cl::cat(ioCategory));
static cl::opt<std::string> entryName("entry",
                                      cl::desc("Name of the function to run"),
                                      cl::Required, cl::value_desc("NAME"),
                                      cl::cat(ioCategory));
static cl::list<std::string>
    inputFiles("inputs",
               cl::desc("Comma-separated .npy files (C order; float32 for "
                        "float arguments, int8, uint8 or int32 for i8, ui8 or "
                        "i32 ones), one per function argument; random data "
                        "when absent"),
               cl::CommaSeparated, cl::value_desc("a.npy,b.npy,..."),
               cl::cat(ioCategory));
static cl::opt<uint64_t> seed("seed", cl::desc("Seed of the random inputs"),
                              cl::init(1), cl::cat(ioCategory));
static cl::opt<std::string>
    outputFilename("output",
                   cl::desc("Write the first result as .npy (float32 for "
                            "f32 and bf16 results, float16 for f16, int32 "
                            "for i32)"),
                   cl::value_desc("FILE"), cl::cat(ioCategory));

static PipelineOptionsCommandLine pipelineOptions(compileCategory);
static TargetCommandLine target(
    "CPU to compile for, one this host runs (default: the host CPU), e.g. "
    "haswell for the AVX2 code path on an AVX-512 host");

static cl::opt<bool>
    check("check",
          cl::desc("Compare every tconv.conv_transpose (and TOSA "
                   "transpose_conv2d) and every tosa.rescale of the function "
                   "with the reference implementation; exit 1 over tolerance "
                   "(integer ops: on any difference)"),
          cl::cat(checkCategory));
/// Prints "TYPE VALUE" per element type if `lines`, else "VALUE for TYPE,
/// ...".
static void printDefaultTolerances(llvm::raw_ostream &os, bool lines) {
  llvm::ListSeparator separator;
  for (reference::ElementType type : reference::kElementTypes) {
    auto value = llvm::format("%g", reference::getDefaultTolerance(type));
    if (lines)
      os << reference::getName(type) << " " << value << "\n";
    else
      os << separator << value << " for " << reference::getName(type);
  }
}
static std::string describeTolerance() {
  std::string description = "Largest accepted normwise relative error for "
                            "--check (default: ";
  llvm::raw_string_ostream os(description);
  printDefaultTolerances(os, /*lines=*/false);
  os << ")";
  return description;
}
static const std::string toleranceDescription = describeTolerance();
static cl::opt<double> tolerance("tolerance", cl::desc(toleranceDescription),
                                 cl::init(-1.0), cl::cat(checkCategory));
static cl::opt<bool> printTolerances(
    "print-default-tolerances",
    cl::desc("Print the default --tolerance of each element type, one 'TYPE "
             "VALUE' line each, and exit (for utils/random_configs.py)"),
    cl::Hidden, cl::ValueDisallowed, cl::cat(checkCategory),
    // At parse time, before the required options are missed.
    cl::callback([](const bool &) {
      printDefaultTolerances(llvm::outs(), /*lines=*/true);
      llvm::outs().flush();
      std::exit(0);
    }));
static cl::opt<unsigned>
    repeat("repeat",
           cl::desc("Run N times and print the median time and useful "
                    "GFLOP/s"),
           cl::init(0), cl::value_desc("N"), cl::cat(checkCategory));

namespace {

/// Calls `entry` --repeat times and prints the median time of the calls.
LogicalResult
timeCalls(ExecutionEngine &engine, func::FuncOp entry,
          MutableArrayRef<HostTensor> arguments,
          ArrayRef<std::optional<ConvTransposeProblem>> problems) {
  // The JIT-compiled function returns a newly allocated result.
  retainFreedMemory();
  std::vector<double> seconds;
  for (unsigned i = 0; i < repeat; ++i) {
    // The kernel alone: copying a large result out element by element
    // took longer than computing it (fcn32: 331 ms against 25 ms).
    double callSeconds = 0;
    if (failed(invoke(engine, entry, arguments, reportToolError, &callSeconds)))
      return failure();
    seconds.push_back(callSeconds);
  }
  std::sort(seconds.begin(), seconds.end());
  double median = seconds[seconds.size() / 2];
  llvm::outs() << "time: median " << llvm::format("%.3f", median * 1e3)
               << " ms over " << repeat << " runs";
  if (std::optional<int64_t> flops = getUsefulFlops(problems))
    llvm::outs() << ", " << llvm::format("%.2f", *flops / median * 1e-9)
                 << " useful GFLOP/s";
  llvm::outs() << "\n";
  return success();
}

LogicalResult run(MLIRContext &context) {
  // Also shows the source lines of the diagnostics of later steps.
  llvm::SourceMgr sourceMgr;
  SourceMgrDiagnosticHandler diagHandler(sourceMgr, &context);
  OwningOpRef<ModuleOp> module =
      parseToolInput(inputFilename, sourceMgr, &context);
  if (!module)
    return failure();

  auto entry = module->lookupSymbol<func::FuncOp>(entryName);
  if (!entry || entry.isExternal())
    return emitToolError("no function named '" + entryName +
                         "' with a body in " + inputFilename);
  if (failed(checkSignature(entry, reportToolError)))
    return failure();
  FailureOr<SmallVector<HostTensor>> arguments =
      loadArguments(entry, inputFiles, seed, reportToolError);
  if (failed(arguments))
    return failure();
  FailureOr<SmallVector<std::optional<ConvTransposeProblem>, 2>> problems =
      getRuntimeProblems(entry, *arguments);
  if (failed(problems))
    return failure();

  ProbedOps probed;
  func::FuncOp probe = check ? createProbe(entry, probed) : nullptr;
  SmallVector<func::FuncOp, 2> called = {entry};
  if (probe)
    called.push_back(probe);
  FailureOr<JitModule> compiled =
      compileForJit(*module, called, pipelineOptions.options, inputFilename,
                    target, reportToolError);
  if (failed(compiled))
    return failure();
  ExecutionEngine &engine = *compiled->engine;

  FailureOr<SmallVector<HostTensor>> results =
      invoke(engine, entry, *arguments, reportToolError);
  if (failed(results))
    return failure();
  if (!outputFilename.empty()) {
    if (results->empty())
      return emitToolError("@" + entry.getName() + " has no result to write");
    if (failed(writeNpy(outputFilename, results->front(), reportToolError)))
      return failure();
  }
  if (repeat > 0 && failed(timeCalls(engine, entry, *arguments, *problems)))
    return failure();
  if (!check)
    return success();
  FailureOr<SmallVector<HostTensor>> values =
      invoke(engine, probe, *arguments, reportToolError);
  std::optional<double> limit;
  if (tolerance >= 0)
    limit = tolerance;
  if (failed(values) || failed(checkProbedOps(probed, *values, limit,
                                              llvm::outs(), reportToolError)))
    return failure();
  return success();
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  initTool(
      argc, argv, "tconv-run",
      "tconv-run: JIT-run a function of a tconv module on .npy inputs\n",
      {&ioCategory, &compileCategory, &checkCategory, &getTargetCategory()});

  DialectRegistry registry;
  registerTConvToolDialects(registry);
  MLIRContext context(registry);
  return failed(run(context)) ? 1 : 0;
}
