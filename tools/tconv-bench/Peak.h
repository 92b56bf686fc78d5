//===- Peak.h - The machine's fp32 FMA peak for tconv-bench -----*- C++ -*-===//
//
// Part of the tconv project (benchmark, not a test).
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_TOOLS_TCONV_BENCH_PEAK_H
#define TCONV_TOOLS_TCONV_BENCH_PEAK_H

#include "llvm/ADT/StringRef.h"

namespace mlir::tconv::bench {

/// The vector ISAs tconv-bench measures a peak for: 16 ymm registers with
/// FMA (AVX2), or 32 zmm registers (AVX-512).
enum class IsaTier { AVX2, AVX512 };

llvm::StringRef getIsaTierName(IsaTier tier);

/// fp32 GFLOP/s of `threads` threads each running independent fused
/// multiply-adds on `tier`'s vectors, which the CPU must support: the
/// ceiling against which tconv-bench reports "% of peak".
double measurePeakGflops(IsaTier tier, unsigned threads);

} // namespace mlir::tconv::bench

#endif // TCONV_TOOLS_TCONV_BENCH_PEAK_H
