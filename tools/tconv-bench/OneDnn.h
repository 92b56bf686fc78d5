//===- OneDnn.h - oneDNN's deconvolution for tconv-bench --------*- C++ -*-===//
//
// Part of the tconv project (benchmark, not a test).
//
//===----------------------------------------------------------------------===//
//
// oneDNN's deconvolution on a tconv problem, set up the way oneDNN performs
// best: `format_tag::any` for source, weights and destination, the weights
// reordered once at setup, and only the primitive timed. Built only when
// CMake found oneDNN (TCONV_HAVE_ONEDNN).
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_TOOLS_TCONV_BENCH_ONEDNN_H
#define TCONV_TOOLS_TCONV_BENCH_ONEDNN_H

#include "tconv/Dialect/TConv/Utils/Geometry.h"

#include <memory>
#include <string>

namespace llvm {
class TargetMachine;
} // namespace llvm

namespace mlir::tconv::bench {

class OneDnnDeconvolution {
public:
  /// Sets oneDNN up for `problem` (channels-first, PyTorch weight layout) on
  /// the caller's buffers, which must outlive the object. Returns null and
  /// sets `error` when oneDNN rejects the problem.
  static std::unique_ptr<OneDnnDeconvolution>
  create(const ConvTransposeProblem &problem, const float *input,
         const float *weight, const float *bias, float *output,
         std::string &error);
  ~OneDnnDeconvolution();

  /// Reorders the input into oneDNN's layout (not timed).
  void prepareInput();
  /// The timed part: the deconvolution primitive alone.
  void execute();
  /// Reorders oneDNN's destination into the caller's output (not timed).
  void finishOutput();
  /// oneDNN's implementation and whether source/destination are reordered.
  std::string describe() const;

private:
  struct Impl;
  explicit OneDnnDeconvolution(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl;
};

/// Sets the thread count of the OpenMP runtime oneDNN runs on. That runtime
/// read OMP_NUM_THREADS when it was loaded, before main.
void setOneDnnThreads(unsigned count);

/// Caps the ISA oneDNN dispatches to at the widest one `machine`'s target
/// has (avx2 for one without AVX-512), so that oneDNN runs the tier tconv's
/// kernels are compiled for. Must precede oneDNN's first primitive; returns
/// false with a message in `error` when oneDNN refuses.
bool capOneDnnIsa(const llvm::TargetMachine &machine, std::string &error);

/// oneDNN's version, CPU runtime and ISA, for the report header.
std::string describeOneDnn();

/// Runs oneDNN on tiny problems covering 1-D/2-D/3-D, groups, depthwise,
/// dilation, output padding and asymmetric kernels against the reference
/// library. This is what pins the mapping of PyTorch's weight layout onto
/// oneDNN's; returns false with a message in `report` on any mismatch.
bool selfTestOneDnn(std::string &report);

} // namespace mlir::tconv::bench

#endif // TCONV_TOOLS_TCONV_BENCH_ONEDNN_H
