//===- OneDnn.h - oneDNN's deconvolution for tconv-bench --------*- C++ -*-===//
//
// Part of the tconv project (benchmark, not a test).
//
//===----------------------------------------------------------------------===//
//
// oneDNN's deconvolution on a tconv problem, set up the way oneDNN performs
// best: `format_tag::any` for source, weights and destination, the weights
// reordered once at setup, and only the primitive timed. In f32, or in int8:
// u8 source with tconv's input zero point as a primitive attribute, s8
// weights, s32 bias and destination. Built only when CMake found oneDNN
// (TCONV_HAVE_ONEDNN).
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_TOOLS_TCONV_BENCH_ONEDNN_H
#define TCONV_TOOLS_TCONV_BENCH_ONEDNN_H

#include "Baselines.h"

namespace mlir::tconv::bench {

/// oneDNN's deconvolution of `problem` (in its layout, any rank) on `data`,
/// in its data type; a BaselineLibrary::create.
std::unique_ptr<Baseline>
createOneDnnDeconvolution(const ConvTransposeProblem &problem,
                          const LayerData &data, void *output,
                          std::string &error);

/// Sets the thread count of the OpenMP runtime oneDNN runs on. That runtime
/// read OMP_NUM_THREADS when it was loaded, before main.
void setOneDnnThreads(unsigned count);

/// Caps the ISA oneDNN dispatches to at the widest one `machine`'s target
/// has (avx2 for one without AVX-512), so that oneDNN runs the tier tconv's
/// kernels are compiled for. Must precede oneDNN's first primitive; returns
/// false with a message in `error` when oneDNN refuses.
bool capOneDnnIsa(const llvm::TargetMachine &machine, std::string &error);

/// Whether oneDNN's int8 kernels, at the ISA it dispatches to, compute
/// every u8 x s8 product sum exactly: with VNNI (VPDPBUSD) they do; without
/// it, only on narrow weights (getInt8WeightRange).
bool isOneDnnInt8Exact();

/// oneDNN's version, CPU runtime and ISA, and its data types for `type`, for
/// the report header.
std::string describeOneDnn(DataType type);

} // namespace mlir::tconv::bench

#endif // TCONV_TOOLS_TCONV_BENCH_ONEDNN_H
