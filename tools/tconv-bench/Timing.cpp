//===- Timing.cpp - Timing a layer's implementations ----------------------===//
//
// Part of the tconv project (benchmark, not a test).
//
//===----------------------------------------------------------------------===//

#include "Timing.h"

#include "tconv/Reference/Reference.h"

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
  Buffer output;
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
  auto getCount = [](ArrayRef<int64_t> shape) {
    int64_t count = 1;
    for (int64_t size : shape)
      count *= size;
    return count;
  };
  uint64_t seed = options.seed;
  Buffer input(getCount(problem.getInputShape()));
  Buffer weight(getCount(problem.getWeightShape()));
  Buffer bias(problem.outChannels);
  reference::fillRandom(input, seed * 4 + 0);
  reference::fillRandom(weight, seed * 4 + 1);
  reference::fillRandom(bias, seed * 4 + 2);

  std::vector<Result> results;
  std::vector<Candidate> candidates;
  std::vector<CompiledKernel> kernels;
  auto addResult = [&](StringRef implementation) -> Result & {
    Result &result = results.emplace_back();
    result.layer = layer.name;
    result.implementation = implementation.str();
    return result;
  };
  // Measured implementations get a candidate too, linked to their result.
  auto addCandidate = [&](StringRef name) -> Candidate & {
    Candidate &candidate = candidates.emplace_back();
    candidate.name = name.str();
    candidate.resultIndex = results.size();
    addResult(name);
    // Random bytes, not stale heap memory, in every buffer.
    candidate.output.resize(layer.outputCount);
    reference::fillRandom(candidate.output, seed * 4 + 3);
    return candidate;
  };
  // Candidates are created before any pointer into them is taken.
  candidates.reserve(options.algorithms.size() + options.baselines.size());
  kernels.reserve(options.algorithms.size());

  WeightMode weightMode = options.weightMode;
  for (const std::string &algorithm : options.algorithms) {
    if (algorithm == "zero-insertion" &&
        getZeroInsertionWaste(problem) > options.maxWaste) {
      addResult(algorithm).note =
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
    std::string error;
    FailureOr<CompiledKernel> kernel = compileKernel(
        context, machine, layer, weight, weightMode, pipelineOptions, error);
    if (failed(kernel)) {
      addResult(algorithm).note = "not compiled: " + error;
      continue;
    }
    Candidate &candidate = addCandidate(algorithm);
    results.back().compileSeconds = kernel->compileSeconds;
    void *function = kernel->function;
    kernels.push_back(std::move(*kernel));
    float *output = candidate.output.data();
    const float *kernelWeight = weightMode == WeightMode::Packed
                                    ? kernels.back().packedWeight.data()
                                    : weight.data();
    if (weightMode == WeightMode::Constant)
      candidate.call = [=, &input, &bias] {
        reinterpret_cast<ConstantWeightKernelFunction>(function)(
            input.data(), bias.data(), output);
      };
    else
      candidate.call = [=, &input, &bias] {
        reinterpret_cast<KernelFunction>(function)(input.data(), kernelWeight,
                                                   bias.data(), output);
      };
  }

  std::vector<std::unique_ptr<Baseline>> baselines;
  for (const BaselineLibrary &library : options.baselines) {
    if (library.supports && !library.supports(problem))
      continue;
    Candidate &candidate = addCandidate(library.name);
    std::string error;
    std::unique_ptr<Baseline> baseline =
        library.create(problem, input.data(), weight.data(), bias.data(),
                       candidate.output.data(), error);
    if (!baseline) {
      candidates.pop_back();
      results.back().note = error;
      continue;
    }
    llvm::errs() << layer.name << ": " << library.name << " "
                 << baseline->describe() << "\n";
    baseline->prepareInput();
    Baseline *call = baselines.emplace_back(std::move(baseline)).get();
    candidate.call = [call] { call->execute(); };
    candidate.finish = [call] { call->finishOutput(); };
  }

  measure(candidates, options);

  std::vector<double> expected;
  if (options.check)
    expected = reference::convTranspose(problem, input, weight, bias);
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
    result.gflops = layer.usefulFlops / seconds * 1e-9;
    result.percentOfPeak = 100 * result.gflops / peakGflops;
    if (oneDnnSeconds > 0)
      result.speedupVsOneDnn = oneDnnSeconds / seconds;
    if (xnnpackSeconds > 0)
      result.speedupVsXnnpack = xnnpackSeconds / seconds;
    if (options.check) {
      reference::ErrorStats stats =
          reference::compareResults(expected, candidate.output);
      result.relativeError = stats.maxRelError;
      result.passed =
          !stats.hasNonFinite && stats.maxRelError <= options.tolerance;
    }
  }
  return results;
}
