//===- Baselines.h - The libraries tconv-bench compares with ----*- C++ -*-===//
//
// Part of the tconv project (benchmark, not a test).
//
//===----------------------------------------------------------------------===//
//
// The baselines tconv's kernels are timed against, each built in when CMake
// found it: oneDNN's deconvolution (OneDnn.h) and XNNPACK's (Xnnpack.h).
// Each is set up the way it performs best, with its weights packed once and
// its own layouts prepared before timing, so that only its call is timed.
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_TOOLS_TCONV_BENCH_BASELINES_H
#define TCONV_TOOLS_TCONV_BENCH_BASELINES_H

#include "Report.h"

#include "tconv/Dialect/TConv/Utils/Geometry.h"

#include <memory>

namespace llvm {
class TargetMachine;
} // namespace llvm

namespace mlir::tconv::bench {

/// A library's deconvolution of one problem on the caller's buffers (in the
/// problem's layout, PyTorch's weight layout when channels-first), which
/// must outlive it.
class Baseline {
public:
  virtual ~Baseline() = default;
  /// Brings the input into the library's layout (not timed).
  virtual void prepareInput() = 0;
  /// The timed part: the library's call alone.
  virtual void execute() = 0;
  /// Brings the library's output into the caller's (not timed).
  virtual void finishOutput() = 0;
  /// What the library chose for the problem.
  virtual std::string describe() const = 0;
};

struct BaselineLibrary {
  StringRef name;
  /// Whether it computes `problem` at all; every problem when null.
  bool (*supports)(const ConvTransposeProblem &problem) = nullptr;
  /// The deconvolution of `problem` on `data`, into `output` (in `data`'s
  /// output type); null with `error` set when the library rejects the
  /// problem.
  std::unique_ptr<Baseline> (*create)(const ConvTransposeProblem &problem,
                                      const LayerData &data, void *output,
                                      std::string &error) = nullptr;
};

/// The baselines asked for; each runs only where built in.
struct BaselineSelection {
  bool oneDnn = true;
  bool xnnpack = true;
};

/// Sets up the `selected` baselines for `info`'s threads and data type,
/// capped at the ISA tier of `machine`'s target, before any of them runs;
/// checks each on tiny problems against the reference and adds its
/// description to `info`. Returns those that run.
FailureOr<SmallVector<BaselineLibrary>>
setUpBaselines(const BaselineSelection &selected,
               const llvm::TargetMachine &machine, RunInfo &info);

} // namespace mlir::tconv::bench

#endif // TCONV_TOOLS_TCONV_BENCH_BASELINES_H
