//===- tconv-bench.cpp - tconv's kernels against baselines on a suite -----===//
//
// Part of the tconv project (benchmark, not a test).
//
//===----------------------------------------------------------------------===//
//
// For every layer of a suite (bench/suite.json by default) this tool builds
// the tconv.conv_transpose, compiles it once per lowering algorithm exactly
// as tconv-aot does (same pipeline, C entry point, O3 object for the target
// CPU), loads each object into the process, and times the kernels and the
// baselines (oneDNN's and XNNPACK's deconvolutions) alternately on the same
// random data. It prints a table of milliseconds, useful GFLOP/s, percent of
// the fp32 peak of the target's ISA tier, speedups against the baselines and
// the error against the reference library (the scatter definition in
// double), and can write JSON, CSV and an SVG chart. With --dtype=int8 the
// layers are quantized (u8 input with a zero point, s8 weights, s32 bias and
// result), against oneDNN's int8 deconvolution, checked bit for bit; with
// --dtype=int8-u8 the result is requantized to u8 as a deployed layer's is.
//
//===----------------------------------------------------------------------===//

#include "Baselines.h"
#include "Kernel.h"
#include "LayerData.h"
#include "Peak.h"
#include "Report.h"
#include "Suite.h"
#include "Support.h"
#include "Target.h"
#include "Timing.h"

#include "tconv/Compiler/Compiler.h"
#include "tconv/Pipelines/Pipelines.h"
#include "tconv/Support/HostMemory.h"
#include "tconv/Target/TargetCommandLine.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"

#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Target/TargetMachine.h"

using namespace mlir;
using namespace mlir::tconv;
using namespace mlir::tconv::bench;

namespace cl = llvm::cl;

static cl::OptionCategory
    suiteCategory("Suite", "The layers benchmarked and the reports written.");
static cl::OptionCategory kernelCategory(
    "tconv's kernels",
    "How the kernels are compiled and called (see also the target options).");
static cl::OptionCategory timingCategory("Timing",
                                         "How every implementation is timed.");
static cl::OptionCategory
    baselineCategory("Baselines",
                     "The libraries compared with, when built in.");
static cl::OptionCategory
    checkCategory("Checking",
                  "The comparison of every result with the reference.");

static cl::opt<std::string> suitePath("suite", cl::desc("Layer suite (JSON)"),
                                      cl::value_desc("FILE"),
                                      cl::init(TCONV_DEFAULT_SUITE),
                                      cl::cat(suiteCategory));
static cl::opt<bool> channelsLast(
    "channels-last",
    cl::desc("Benchmark every layer in the channels-last layout (input "
             "(N, I..., Cin), weight (Cout, k..., Cin/G), result "
             "(N, O..., Cout)), the baselines too, instead of PyTorch's "
             "channels-first one"),
    cl::cat(suiteCategory));
static cl::list<std::string>
    layerNames("layers", cl::desc("Only these layers (default: all)"),
               cl::CommaSeparated, cl::value_desc("NAME,..."),
               cl::cat(suiteCategory));
static cl::opt<DataType> dataType(
    "dtype", cl::desc("The data type of the kernels and baselines"),
    cl::values(clEnumValN(DataType::F32, "f32", "f32 throughout (default)"),
               clEnumValN(DataType::Int8, "int8",
                          "u8 input with zero point 128, s8 weights, s32 "
                          "bias and result, checked bit-exact (oneDNN only, "
                          "no % of peak)"),
               clEnumValN(DataType::Int8U8, "int8-u8",
                          "int8 with the s32 result requantized to u8 by a "
                          "per-channel f32 scale, checked bit-exact (oneDNN: "
                          "its output scales)")),
    cl::init(DataType::F32), cl::cat(suiteCategory));
static cl::opt<bool> compareF32(
    "compare-f32",
    cl::desc("With an int8 --dtype, also time tconv's f32 kernel of each "
             "algorithm on the layer (on f32 data) and give each int8 "
             "kernel's speedup over it"),
    cl::cat(suiteCategory));
static cl::list<std::string> algorithms(
    "algorithms",
    cl::desc("tconv lowering algorithms to run, each a value of the "
             "pipeline's algorithm option (default: auto,zero-insertion,"
             "phase,subpixel,gemm)"),
    cl::CommaSeparated, cl::value_desc("NAME,..."), cl::cat(kernelCategory));
static cl::opt<std::string> extraPipelineOptions(
    "pipeline-options",
    cl::desc("More tconv-to-llvm options for every algorithm, e.g. "
             "\"register-tile-width=4\""),
    cl::value_desc("OPTIONS"), cl::cat(kernelCategory));
static TargetCommandLine target(
    "CPU to compile the kernels for, one the host runs (default: the host "
    "CPU); the peak is measured and the baselines are capped at its ISA "
    "tier, e.g. haswell for AVX2 on an AVX-512 host");
static cl::opt<unsigned>
    threads("num-threads",
            cl::desc("Threads for oneDNN and for tconv's kernels (tconv's "
                     "through the pipeline's threads option)"),
            cl::init(1), cl::cat(timingCategory));
static cl::opt<double> budget("budget",
                              cl::desc("Seconds of timed calls per "
                                       "implementation and layer"),
                              cl::init(1.0), cl::cat(timingCategory));
static cl::opt<unsigned> minRuns("min-runs",
                                 cl::desc("Timed calls per implementation, "
                                          "at least"),
                                 cl::init(5), cl::cat(timingCategory));
static cl::opt<double> maxCallSeconds(
    "max-call-seconds",
    cl::desc("An implementation whose first call takes longer is timed by "
             "that one call"),
    cl::init(5.0), cl::cat(timingCategory));
static cl::opt<double> maxWaste(
    "max-waste",
    cl::desc("Skip zero insertion where it multiplies more than this many "
             "times the useful MACs (it runs minutes on FCN-32s)"),
    cl::init(64.0), cl::cat(timingCategory));
static cl::opt<double>
    peakOption("peak-gflops",
               cl::desc("The machine's fp32 peak per thread count used "
                        "(default: measured with an FMA loop)"),
               cl::init(0.0), cl::cat(timingCategory));
static cl::opt<bool> useOneDnn("onednn",
                               cl::desc("Compare with oneDNN when available"),
                               cl::init(true), cl::cat(baselineCategory));
static cl::opt<bool> timeLayoutChanges(
    "time-layout-changes",
    cl::desc("Time the baselines' reorders of the input and the result "
             "between the layer's layout and their own with their calls "
             "(default: done outside the timed calls, the library at its "
             "best), as tconv's calls include its transposes"),
    cl::init(false), cl::cat(baselineCategory));
static cl::opt<bool>
    useXnnpack("xnnpack",
               cl::desc("Compare with XNNPACK on 2-D layers when available "
                        "(one thread only)"),
               cl::init(true), cl::cat(baselineCategory));
static cl::opt<bool>
    checkResults("check",
                 cl::desc("Compare every result with the reference library"),
                 cl::init(true), cl::cat(checkCategory));
static cl::opt<double> tolerance("tolerance",
                                 cl::desc("Largest normwise relative error "
                                          "that passes"),
                                 cl::init(1e-4), cl::cat(checkCategory));
static cl::opt<std::string> weightsOption(
    "weights",
    cl::desc("How tconv's kernels get their weights (oneDNN's are reordered "
             "to its preferred format once, before timing): 'packed' "
             "(default), rearranged once by the kernel's NAME_pack function "
             "(tconv-aot --pack-weights) before timing; 'argument', as they "
             "are, rearranged in every timed call; 'constant', a constant of "
             "the module, rearranged at compile time"),
    cl::value_desc("packed|argument|constant"), cl::init("packed"),
    cl::cat(kernelCategory));
static cl::opt<uint64_t> seed("seed", cl::desc("Seed of the random data"),
                              cl::init(1), cl::cat(checkCategory));
static cl::opt<std::string> jsonPath("json",
                                     cl::desc("Also write the results as "
                                              "JSON"),
                                     cl::value_desc("FILE"),
                                     cl::cat(suiteCategory));
static cl::opt<std::string> csvPath("csv",
                                    cl::desc("Also write the results as CSV"),
                                    cl::value_desc("FILE"),
                                    cl::cat(suiteCategory));
static cl::opt<std::string> modulesDir(
    "write-modules",
    cl::desc("Write each layer's tconv module to DIR/LAYER.mlir (for "
             "tconv-run, tconv-aot, perf) and exit"),
    cl::value_desc("DIR"), cl::cat(suiteCategory));
static cl::opt<std::string> plotPath("plot",
                                     cl::desc("Draw the % of peak per "
                                              "layer and implementation"),
                                     cl::value_desc("FILE.svg"),
                                     cl::cat(suiteCategory));

/// The options of benchmarkLayer from the command line.
static FailureOr<LayerOptions> getLayerOptions() {
  if (threads < 1 || minRuns < 1 || budget < 0)
    return emitToolError("--num-threads and --min-runs must be at least 1 and "
                         "--budget not negative");
  if (dataType != DataType::F32 && (peakOption > 0 || !plotPath.empty()))
    return emitToolError("--peak-gflops and --plot (the % of the fp32 peak) "
                         "are for --dtype=f32 only");
  if (compareF32 && dataType == DataType::F32)
    return emitToolError("--compare-f32 needs an int8 --dtype");
  LayerOptions options;
  options.type = dataType;
  options.compareF32 = compareF32;
  options.algorithms.assign(algorithms.begin(), algorithms.end());
  if (options.algorithms.empty())
    options.algorithms = {"auto", "zero-insertion", "phase", "subpixel",
                          "gemm"};
  for (const std::string &algorithm : options.algorithms)
    if (!TConvToLLVMPipelineOptions::createFromString("algorithm=" + algorithm))
      return emitToolError("unknown algorithm '" + algorithm + "'");
  std::optional<WeightMode> mode =
      llvm::StringSwitch<std::optional<WeightMode>>(weightsOption)
          .Case("packed", WeightMode::Packed)
          .Case("argument", WeightMode::Argument)
          .Case("constant", WeightMode::Constant)
          .Default(std::nullopt);
  if (!mode)
    return emitToolError("unknown --weights value '" + weightsOption +
                         "' (expected packed, argument or constant)");
  options.weightMode = *mode;
  options.pipelineOptions = extraPipelineOptions;
  options.maxWaste = maxWaste;
  options.timeLayoutChanges = timeLayoutChanges;
  options.threads = threads;
  options.budget = budget;
  options.minRuns = minRuns;
  options.maxCallSeconds = maxCallSeconds;
  options.check = checkResults;
  options.tolerance = tolerance;
  options.seed = seed;
  return options;
}

static LogicalResult run() {
  FailureOr<LayerOptions> options = getLayerOptions();
  if (failed(options))
    return failure();
  FailureOr<std::vector<Layer>> layers = readSuite(suitePath, layerNames);
  if (failed(layers))
    return failure();
  for (Layer &layer : *layers)
    layer.problem.channelsLast = channelsLast;
  DialectRegistry registry;
  registerTConvToolDialects(registry);
  MLIRContext context(registry);
  context.loadAllAvailableDialects();
  if (!modulesDir.empty())
    return writeLayerModules(context, *layers, dataType, modulesDir, suitePath);
  if (threads > 1 && failed(loadOpenMPRuntime(reportToolError)))
    return failure();

  FailureOr<std::unique_ptr<llvm::TargetMachine>> machine =
      target.createTargetMachine(reportToolError);
  if (failed(machine))
    return failure();
  FailureOr<TargetDescription> description =
      describeTarget(**machine, target.getFeatures().value_or(""));
  if (failed(description))
    return failure();
  RunInfo info;
  info.suite = suitePath;
  info.channelsLast = channelsLast;
  info.threads = threads;
  info.type = dataType;
  info.target = *description;
  info.baselineLayoutChangesTimed = timeLayoutChanges;
  FailureOr<SmallVector<BaselineLibrary>> baselines =
      setUpBaselines({useOneDnn, useXnnpack}, **machine, info);
  if (failed(baselines))
    return failure();
  options->baselines = std::move(*baselines);
  options->narrowInt8Weights = info.narrowInt8Weights;
  info.peakMeasured = peakOption <= 0;
  if (dataType == DataType::F32)
    info.peakGflops = info.peakMeasured
                          ? measurePeakGflops(info.target.tier, threads)
                          : peakOption;
  printHeader(llvm::outs(), info);
  llvm::outs().flush(); // before the progress on stderr

  std::vector<Result> results;
  SmallVector<std::string> names;
  for (auto [index, layer] : llvm::enumerate(*layers)) {
    std::vector<Result> layerResults =
        benchmarkLayer(context, **machine, layer, *options, info.peakGflops);
    std::string progress;
    for (const Result &r : layerResults)
      if (r.note.empty())
        progress +=
            llvm::formatv(" {0} {1:f3} ms;", r.implementation, r.milliseconds);
    llvm::errs() << llvm::formatv("[{0}/{1}] {2}:{3}\n", index + 1,
                                  layers->size(), layer.name, progress);
    llvm::append_range(results, layerResults);
    names.push_back(layer.name);
  }

  printTable(llvm::outs(), results, info);
  bool allPassed =
      llvm::all_of(results, [](const Result &r) { return r.passed; });
  for (const std::string &algorithm : options->algorithms)
    printSummary(llvm::outs(), results, algorithm);
  if ((!jsonPath.empty() && failed(writeToolOutput(jsonPath,
                                                   [&](llvm::raw_ostream &os) {
                                                     writeJson(os, results,
                                                               info);
                                                   }))) ||
      (!csvPath.empty() && failed(writeToolOutput(csvPath,
                                                  [&](llvm::raw_ostream &os) {
                                                    writeCsv(os, results, info);
                                                  }))) ||
      (!plotPath.empty() &&
       failed(writeToolOutput(plotPath, [&](llvm::raw_ostream &os) {
         writePlot(os, results, names, info);
       }))))
    return failure();
  if (!allPassed)
    return emitToolError("some results differ from the reference (f32: by "
                         "more than --tolerance; int8: at all)");
  return success();
}

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  initTool(argc, argv, "tconv-bench",
           "tconv-bench: tconv's kernels against oneDNN and XNNPACK on a "
           "layer suite\n",
           {&suiteCategory, &kernelCategory, &timingCategory, &baselineCategory,
            &checkCategory, &getTargetCategory()});
  // Timed in a steady state, as oneDNN's scratchpad is allocated once.
  retainFreedMemory();
  return failed(run()) ? 1 : 0;
}
