//===- Timing.h - Timing a layer's implementations --------------*- C++ -*-===//
//
// Part of the tconv project (benchmark, not a test).
//
//===----------------------------------------------------------------------===//
//
// One layer through every implementation: tconv's kernels, one per lowering
// algorithm, and the baselines, on the same random data, timed alternately
// and checked against the reference library; with --compare-f32, tconv's f32
// kernels of an int8 layer too, on f32 data of their own.
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_TOOLS_TCONV_BENCH_TIMING_H
#define TCONV_TOOLS_TCONV_BENCH_TIMING_H

#include "Baselines.h"
#include "Kernel.h"
#include "Report.h"
#include "Suite.h"

namespace mlir::tconv::bench {

struct LayerOptions {
  /// The data type of the kernels and baselines.
  DataType type = DataType::F32;
  /// With DataType::Int8: also tconv's f32 kernel per algorithm, each int8
  /// kernel's speedup over the f32 one of its algorithm.
  bool compareF32 = false;
  /// int8 weights in 7 bits (getInt8WeightRange).
  bool narrowInt8Weights = false;
  /// tconv's lowering algorithms, each a value of the pipeline's option.
  SmallVector<std::string> algorithms;
  /// More tconv-to-llvm options for every algorithm.
  std::string pipelineOptions;
  WeightMode weightMode = WeightMode::Packed;
  /// Skip zero insertion where it multiplies more than this many times the
  /// useful MACs.
  double maxWaste = 64;
  /// Time each baseline's reorders between the layer's layout and its own
  /// (Baseline::prepareInput, finishOutput) with its calls.
  bool timeLayoutChanges = false;
  unsigned threads = 1;
  /// The baselines set up (setUpBaselines).
  SmallVector<BaselineLibrary> baselines;
  /// Each implementation gets calls until it has `minRuns` of them and
  /// `budget` seconds; one whose first call exceeds `maxCallSeconds` is
  /// timed by that call alone.
  double budget = 1;
  unsigned minRuns = 5;
  double maxCallSeconds = 5;
  /// Compare every output with the reference, f32 up to `tolerance`, int8
  /// exactly.
  bool check = true;
  double tolerance = 1e-4;
  uint64_t seed = 1;
};

/// Times `layer` through each of `options.algorithms`, compiled for
/// `machine`, and the baselines; one result per implementation, with
/// `peakGflops` as the 100% of "% of peak" (none when 0).
std::vector<Result> benchmarkLayer(MLIRContext &context,
                                   llvm::TargetMachine &machine,
                                   const Layer &layer,
                                   const LayerOptions &options,
                                   double peakGflops);

} // namespace mlir::tconv::bench

#endif // TCONV_TOOLS_TCONV_BENCH_TIMING_H
