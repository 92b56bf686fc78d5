//===- Xnnpack.h - XNNPACK's deconvolution for tconv-bench ------*- C++ -*-===//
//
// Part of the tconv project (benchmark, not a test).
//
//===----------------------------------------------------------------------===//
//
// XNNPACK's f32 NHWC deconvolution on 2-D tconv problems, set up the way
// XNNPACK performs best: the weights packed when the operator is created,
// the input and output transposed to and from channels-last outside the
// timed call, and one thread (no thread pool). Built only when CMake found
// XNNPACK (TCONV_HAVE_XNNPACK).
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_TOOLS_TCONV_BENCH_XNNPACK_H
#define TCONV_TOOLS_TCONV_BENCH_XNNPACK_H

#include "Baselines.h"

namespace mlir::tconv::bench {

/// Initializes XNNPACK with its kernels for `tier`; false with a message in
/// `error` when it fails.
bool initXnnpack(IsaTier tier, std::string &error);

/// XNNPACK's deconvolution is 2-D only.
bool isXnnpackProblem(const ConvTransposeProblem &problem);

/// XNNPACK's deconvolution of a 2-D `problem` (in its layout) on f32 `data`;
/// a BaselineLibrary::create.
std::unique_ptr<Baseline>
createXnnpackDeconvolution(const ConvTransposeProblem &problem,
                           const LayerData &data, void *output,
                           std::string &error);

} // namespace mlir::tconv::bench

#endif // TCONV_TOOLS_TCONV_BENCH_XNNPACK_H
