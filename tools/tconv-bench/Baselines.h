//===- Baselines.h - The libraries tconv-bench compares with ----*- C++ -*-===//
//
// Part of the tconv project (benchmark, not a test).
//
//===----------------------------------------------------------------------===//
//
// The baselines tconv's kernels are timed against, each built in when CMake
// found it: oneDNN's deconvolution (OneDnn.h).
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_TOOLS_TCONV_BENCH_BASELINES_H
#define TCONV_TOOLS_TCONV_BENCH_BASELINES_H

#include "Report.h"

namespace llvm {
class TargetMachine;
} // namespace llvm

namespace mlir::tconv::bench {

/// The baselines asked for; each runs only where built in.
struct BaselineSelection {
  bool oneDnn = true;
};

/// Sets up the `selected` baselines for `info`'s threads, capped to the ISA
/// of `machine`'s target, before any of them runs; checks each against the
/// reference and adds its description to `info`.
LogicalResult setUpBaselines(const BaselineSelection &selected,
                             const llvm::TargetMachine &machine, RunInfo &info);

} // namespace mlir::tconv::bench

#endif // TCONV_TOOLS_TCONV_BENCH_BASELINES_H
