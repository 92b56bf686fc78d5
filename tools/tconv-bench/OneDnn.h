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

#include "Baselines.h"

namespace mlir::tconv::bench {

/// oneDNN's deconvolution of `problem` (channels-first, PyTorch's weight
/// layout, any rank); a BaselineLibrary::create.
std::unique_ptr<Baseline>
createOneDnnDeconvolution(const ConvTransposeProblem &problem,
                          const float *input, const float *weight,
                          const float *bias, float *output, std::string &error);

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

} // namespace mlir::tconv::bench

#endif // TCONV_TOOLS_TCONV_BENCH_ONEDNN_H
