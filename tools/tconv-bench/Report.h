//===- Report.h - tconv-bench's table, JSON, CSV and plot -------*- C++ -*-===//
//
// Part of the tconv project (benchmark, not a test).
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_TOOLS_TCONV_BENCH_REPORT_H
#define TCONV_TOOLS_TCONV_BENCH_REPORT_H

#include "LayerData.h"
#include "Target.h"

#include "mlir/Support/LLVM.h"

#include "llvm/Support/raw_ostream.h"

#include <string>
#include <utility>

namespace mlir::tconv::bench {

/// One implementation of one layer.
struct Result {
  std::string layer;
  std::string implementation;
  DataType type = DataType::F32;
  /// Empty when measured; else why not (compile error, skipped).
  std::string note;
  double compileSeconds = 0;
  double milliseconds = 0;
  /// Useful operations (two per multiply-add of the definition, floating
  /// point for f32) per nanosecond.
  double gops = 0;
  double percentOfPeak = 0;
  /// oneDNN's and XNNPACK's times over this one's, in the same data type; 0
  /// without them.
  double speedupVsOneDnn = 0;
  double speedupVsXnnpack = 0;
  /// With --compare-f32: the time of tconv's f32 kernel of the same
  /// algorithm over this one's; 0 without it.
  double speedupVsF32 = 0;
  /// Against the reference: for f32 the normwise relative error, for int8
  /// the number of values that differ; -1 if not checked.
  double error = -1;
  size_t runs = 0;
  bool passed = true;
};

/// What the reports say of the run besides its results.
struct RunInfo {
  std::string suite;
  /// The layout of every layer's activations and weights (--channels-last).
  bool channelsLast = false;
  /// The data type of the kernels and baselines (--dtype).
  DataType type = DataType::F32;
  /// int8 weights in 7 bits (getInt8WeightRange), for oneDNN without VNNI.
  bool narrowInt8Weights = false;
  unsigned threads = 1;
  TargetDescription target;
  /// fp32 GFLOP/s of `threads` threads on the target's ISA tier, measured or
  /// given; 0 for int8, which has no % of peak.
  double peakGflops = 0;
  bool peakMeasured = true;
  /// Each baseline library: version and ISA.
  SmallVector<std::string> baselines;
  /// The baselines' reorders to and from their layouts are timed with their
  /// calls (--time-layout-changes).
  bool baselineLayoutChangesTimed = false;
};

/// Per baseline, the geometric mean of `implementation`'s speedups over it
/// and the smallest one, for those with any.
void printSummary(llvm::raw_ostream &os, ArrayRef<Result> results,
                  StringRef implementation);

/// The CPU, the target of the kernels, its peak (f32) or the int8 setup,
/// and the baselines.
void printHeader(llvm::raw_ostream &os, const RunInfo &info);
/// The columns are `info.type`'s: % of peak and the speedup over XNNPACK for
/// f32, the speedup over f32 for int8.
void printTable(llvm::raw_ostream &os, ArrayRef<Result> results,
                const RunInfo &info);
void writeJson(llvm::raw_ostream &os, ArrayRef<Result> results,
               const RunInfo &info);
void writeCsv(llvm::raw_ostream &os, ArrayRef<Result> results,
              const RunInfo &info);
/// Grouped bars of the % of peak per layer, one colour per implementation,
/// the peak a dashed line at 100%, and the legend right of the bars.
void writePlot(llvm::raw_ostream &os, ArrayRef<Result> results,
               ArrayRef<std::string> layers, const RunInfo &info);

} // namespace mlir::tconv::bench

#endif // TCONV_TOOLS_TCONV_BENCH_REPORT_H
