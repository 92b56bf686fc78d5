//===- Timing.cpp - Timing a layer's implementations ----------------------===//
//
// Part of the tconv project (benchmark, not a test).
//
//===----------------------------------------------------------------------===//

#include "Timing.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FormatVariadic.h"

#include <chrono>
#include <functional>

using namespace mlir;
using namespace mlir::tconv;
using namespace mlir::tconv::bench;

using Clock = std::chrono::steady_clock;

namespace {

/// One implementation of one layer: a tconv algorithm or a baseline.
struct Candidate {
  std::string name;
  std::function<void()> call;
  /// Run after the timed calls, before the output is checked.
  std::function<void()> finish;
  /// The data it runs on, and its output in that data's type.
  const LayerData *data = nullptr;
  Bytes output;
  /// A tconv kernel's lowering algorithm; empty for a baseline.
  std::string algorithm;
  /// Where its figures go in the layer's results.
  size_t resultIndex = 0;
  std::vector<double> samples;
  bool done = false;
};

} // namespace

static double median(std::vector<double> values) {
  llvm::sort(values);
  size_t n = values.size();
  return n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

static double timeCall(const std::function<void()> &call) {
  auto start = Clock::now();
  call();
  return std::chrono::duration<double>(Clock::now() - start).count();
}

/// Times the candidates alternately: a first (warm-up) call each, then
/// rounds of one call per candidate still short of `minRuns` calls and
/// `budget` seconds. A candidate whose first call exceeds
/// `maxCallSeconds` is timed by that call alone.
static void measure(MutableArrayRef<Candidate> candidates,
                    const LayerOptions &options) {
  for (Candidate &candidate : candidates) {
    double first = timeCall(candidate.call);
    if (first > options.maxCallSeconds) {
      candidate.samples.push_back(first);
      candidate.done = true;
    }
  }
  while (llvm::any_of(candidates, [](const Candidate &c) { return !c.done; }))
    for (Candidate &candidate : candidates) {
      if (candidate.done)
        continue;
      candidate.samples.push_back(timeCall(candidate.call));
      double total = 0;
      for (double sample : candidate.samples)
        total += sample;
      candidate.done = (candidate.samples.size() >= options.minRuns &&
                        total >= options.budget);
    }
  for (Candidate &candidate : candidates)
    if (candidate.finish)
      candidate.finish();
}

/// Zero insertion multiplies roughly prod(stride) times the useful MACs.
static double getZeroInsertionWaste(const ConvTransposeProblem &problem) {
  double waste = 1;
  for (const SpatialParams &params : problem.params)
    waste *= params.stride;
  return waste;
}

/// The name of `algorithm`'s kernel in `type`: the algorithm's in the
/// benchmarked type, "ALGORITHM f32" for --compare-f32's.
static std::string getKernelName(StringRef algorithm, DataType type,
                                 const LayerOptions &options) {
  if (type == options.type)
    return algorithm.str();
  return (algorithm + " " + getDataTypeName(type)).str();
}

static std::string joinOptions(StringRef a, StringRef b) {
  if (a.empty() || b.empty())
    return (a + b).str();
  return (a + " " + b).str();
}

std::vector<Result> bench::benchmarkLayer(MLIRContext &context,
                                          llvm::TargetMachine &machine,
                                          const Layer &layer,
                                          const LayerOptions &options,
                                          double peakGflops) {
  const ConvTransposeProblem &problem = layer.problem;
  uint64_t seed = options.seed;
  // The baselines' data, and the f32 data of --compare-f32's kernels.
  SmallVector<LayerData, 2> data;
  data.emplace_back(problem, options.type, seed, options.narrowInt8Weights);
  if (options.compareF32)
    data.emplace_back(problem, DataType::F32, seed);

  std::vector<Result> results;
  std::vector<Candidate> candidates;
  std::vector<CompiledKernel> kernels;
  auto addResult = [&](StringRef implementation, DataType type) -> Result & {
    Result &result = results.emplace_back();
    result.layer = layer.name;
    result.implementation = implementation.str();
    result.type = type;
    return result;
  };
  // Measured implementations get a candidate too, linked to their result.
  auto addCandidate = [&](StringRef name,
                          const LayerData &candidateData) -> Candidate & {
    Candidate &candidate = candidates.emplace_back();
    candidate.name = name.str();
    candidate.data = &candidateData;
    candidate.resultIndex = results.size();
    addResult(name, candidateData.type);
    // Random values, not stale heap memory, in every buffer.
    candidate.output = candidateData.makeOutput(seed * 4 + 3);
    return candidate;
  };
  // Candidates are created before any pointer into them is taken.
  candidates.reserve(options.algorithms.size() * data.size() +
                     options.baselines.size());
  kernels.reserve(options.algorithms.size() * data.size());

  WeightMode weightMode = options.weightMode;
  for (const std::string &algorithm : options.algorithms) {
    if (algorithm == "zero-insertion" &&
        getZeroInsertionWaste(problem) > options.maxWaste) {
      addResult(algorithm, options.type).note =
          llvm::formatv("skipped: {0:f0}x the useful work (--max-waste)",
                        getZeroInsertionWaste(problem));
      continue;
    }
    std::string pipelineOptions = joinOptions(
        "algorithm=" + algorithm,
        joinOptions(options.threads > 1
                        ? "threads=" + std::to_string(options.threads)
                        : "",
                    options.pipelineOptions));
    for (const LayerData &kernelData : data) {
      std::string name = getKernelName(algorithm, kernelData.type, options);
      std::string error;
      FailureOr<CompiledKernel> kernel =
          compileKernel(context, machine, layer, kernelData, weightMode,
                        pipelineOptions, error);
      if (failed(kernel)) {
        addResult(name, kernelData.type).note = "not compiled: " + error;
        continue;
      }
      Candidate &candidate = addCandidate(name, kernelData);
      candidate.algorithm = algorithm;
      results.back().compileSeconds = kernel->compileSeconds;
      void *function = kernel->function;
      kernels.push_back(std::move(*kernel));
      const void *input = kernelData.input.data();
      const void *bias = kernelData.bias.data();
      void *output = candidate.output.data();
      const void *weight = weightMode == WeightMode::Packed
                               ? kernels.back().packedWeight.data()
                               : kernelData.weight.data();
      if (weightMode == WeightMode::Constant)
        candidate.call = [=] {
          reinterpret_cast<ConstantWeightKernelFunction>(function)(input, bias,
                                                                   output);
        };
      else
        candidate.call = [=] {
          reinterpret_cast<KernelFunction>(function)(input, weight, bias,
                                                     output);
        };
    }
  }

  std::vector<std::unique_ptr<Baseline>> baselines;
  for (const BaselineLibrary &library : options.baselines) {
    if (library.supports && !library.supports(problem))
      continue;
    Candidate &candidate = addCandidate(library.name, data.front());
    std::string error;
    std::unique_ptr<Baseline> baseline =
        library.create(problem, data.front(), candidate.output.data(), error);
    if (!baseline) {
      candidates.pop_back();
      results.back().note = error;
      continue;
    }
    llvm::errs() << layer.name << ": " << library.name << " "
                 << baseline->describe() << "\n";
    baseline->prepareInput();
    Baseline *call = baselines.emplace_back(std::move(baseline)).get();
    if (options.timeLayoutChanges) {
      candidate.call = [call] {
        call->prepareInput();
        call->execute();
        call->finishOutput();
      };
    } else {
      candidate.call = [call] { call->execute(); };
      candidate.finish = [call] { call->finishOutput(); };
    }
  }

  measure(candidates, options);

  std::vector<ReferenceResult> expected;
  if (options.check)
    for (const LayerData &referenceData : data)
      expected.emplace_back(problem, referenceData);
  auto getMedianSeconds = [&](StringRef name) {
    for (const Candidate &candidate : candidates)
      if (candidate.name == name)
        return median(candidate.samples);
    return 0.0;
  };
  double oneDnnSeconds = getMedianSeconds("oneDNN");
  double xnnpackSeconds = getMedianSeconds("XNNPACK");
  for (const Candidate &candidate : candidates) {
    Result &result = results[candidate.resultIndex];
    double seconds = median(candidate.samples);
    result.runs = candidate.samples.size();
    result.milliseconds = seconds * 1e3;
    result.gops = layer.usefulFlops / seconds * 1e-9;
    if (peakGflops > 0)
      result.percentOfPeak = 100 * result.gops / peakGflops;
    // The baselines run in the benchmarked type: compared with that only.
    if (candidate.data == &data.front()) {
      if (oneDnnSeconds > 0)
        result.speedupVsOneDnn = oneDnnSeconds / seconds;
      if (xnnpackSeconds > 0)
        result.speedupVsXnnpack = xnnpackSeconds / seconds;
    }
    if (options.compareF32 && !candidate.algorithm.empty()) {
      double f32Seconds = getMedianSeconds(
          getKernelName(candidate.algorithm, DataType::F32, options));
      if (f32Seconds > 0)
        result.speedupVsF32 = f32Seconds / seconds;
    }
    if (options.check) {
      ReferenceResult::Check check =
          expected[candidate.data - data.data()].check(candidate.output,
                                                       options.tolerance);
      result.error = check.error;
      result.passed = check.passed;
    }
  }
  return results;
}
