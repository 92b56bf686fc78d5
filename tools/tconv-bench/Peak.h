//===- Peak.h - The machine's fp32 FMA peak for tconv-bench -----*- C++ -*-===//
//
// Part of the tconv project (benchmark, not a test).
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_TOOLS_TCONV_BENCH_PEAK_H
#define TCONV_TOOLS_TCONV_BENCH_PEAK_H

namespace mlir::tconv::bench {

/// fp32 GFLOP/s of `threads` threads each running independent fused
/// multiply-adds on the widest vectors the CPU has (AVX-512, else AVX2):
/// the ceiling against which tconv-bench reports "% of peak".
double measurePeakGflops(unsigned threads);

} // namespace mlir::tconv::bench

#endif // TCONV_TOOLS_TCONV_BENCH_PEAK_H
