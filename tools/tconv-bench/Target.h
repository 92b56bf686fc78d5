//===- Target.h - The CPU tconv-bench compiles and measures for -*- C++ -*-===//
//
// Part of the tconv project (benchmark, not a test).
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_TOOLS_TCONV_BENCH_TARGET_H
#define TCONV_TOOLS_TCONV_BENCH_TARGET_H

#include "Peak.h"

#include "mlir/Support/LLVM.h"

#include <string>

namespace llvm {
class TargetMachine;
} // namespace llvm

namespace mlir::tconv::bench {

struct TargetDescription {
  /// The host CPU's model name in /proc/cpuinfo.
  std::string cpuModel;
  /// LLVM's name for the host CPU.
  std::string hostCpu;
  /// The CPU the kernels are compiled for, and the features given on top of
  /// its own.
  std::string targetCpu;
  std::string targetFeatures;
  /// The widest vector ISA the kernels may use: the peak is measured on it
  /// and the baselines are capped to it.
  IsaTier tier = IsaTier::AVX2;
};

/// Describes the target of `machine`, compiled for with `features` (empty
/// when none were given). Fails on a target that the host cannot run or
/// that has neither AVX-512 nor AVX2 with FMA.
FailureOr<TargetDescription> describeTarget(const llvm::TargetMachine &machine,
                                            StringRef features);

} // namespace mlir::tconv::bench

#endif // TCONV_TOOLS_TCONV_BENCH_TARGET_H
