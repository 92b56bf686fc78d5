//===- Peak.cpp - The machine's fp32 FMA peak for tconv-bench -------------===//
//
// Part of the tconv project (benchmark, not a test).
//
//===----------------------------------------------------------------------===//

#include "Peak.h"

#include <immintrin.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <thread>
#include <vector>

using namespace mlir::tconv;
using namespace mlir::tconv::bench;

namespace {

// Independent FMA chains per ISA: at least FMA latency (4 cycles) times
// throughput (2 per cycle), and few enough that they and the two constants
// stay in registers. 16 ymm chains spilled on AVX2's 16 registers: 52
// GFLOP/s where 12 chains measure 88 on Zen 3.
constexpr int kAvx2Chains = 12;
constexpr int kAvx512Chains = 24;

// One function per ISA, each compiled for it: the vectors never cross a
// function boundary, so the rest of the file keeps the baseline ABI. The
// chains are unrolled so that they live in registers (GCC 12 keeps 24 of
// them in memory otherwise). Each returns a lane of the sum of its chains so
// that the loop is not dead.
__attribute__((target("avx512f"))) float runAvx512Chains(int64_t iterations) {
  __m512 acc[kAvx512Chains];
  for (int i = 0; i < kAvx512Chains; ++i)
    acc[i] = _mm512_set1_ps(static_cast<float>(i));
  const __m512 a = _mm512_set1_ps(0.999999f), b = _mm512_set1_ps(1e-7f);
  for (int64_t it = 0; it < iterations; ++it)
#pragma GCC unroll 32
    for (__m512 &chain : acc)
      chain = _mm512_fmadd_ps(chain, a, b);
  for (int i = 1; i < kAvx512Chains; ++i)
    acc[0] = _mm512_add_ps(acc[0], acc[i]);
  return _mm512_cvtss_f32(acc[0]);
}

__attribute__((target("avx2,fma"))) float runAvx2Chains(int64_t iterations) {
  __m256 acc[kAvx2Chains];
  for (int i = 0; i < kAvx2Chains; ++i)
    acc[i] = _mm256_set1_ps(static_cast<float>(i));
  const __m256 a = _mm256_set1_ps(0.999999f), b = _mm256_set1_ps(1e-7f);
  for (int64_t it = 0; it < iterations; ++it)
#pragma GCC unroll 32
    for (__m256 &chain : acc)
      chain = _mm256_fmadd_ps(chain, a, b);
  for (int i = 1; i < kAvx2Chains; ++i)
    acc[0] = _mm256_add_ps(acc[0], acc[i]);
  return _mm256_cvtss_f32(acc[0]);
}

} // namespace

llvm::StringRef bench::getIsaTierName(IsaTier tier) {
  return tier == IsaTier::AVX512 ? "AVX-512" : "AVX2";
}

double bench::measurePeakGflops(IsaTier tier, unsigned threads) {
  bool avx512 = tier == IsaTier::AVX512;
  double flopsPerIteration =
      avx512 ? 2.0 * 16 * kAvx512Chains : 2.0 * 8 * kAvx2Chains;
  auto loop = avx512 ? runAvx512Chains : runAvx2Chains;
  const int64_t iterations = 5'000'000;
  double best = 0;
  volatile float sink = 0;
  // Best of many short runs: the first bring the cores up to speed, and on a
  // shared machine some run while no other process takes the core.
  for (int attempt = 0; attempt < 12; ++attempt) {
    auto start = std::chrono::steady_clock::now();
    std::vector<std::thread> workers;
    for (unsigned t = 1; t < threads; ++t)
      workers.emplace_back([&] { sink = sink + loop(iterations); });
    sink = sink + loop(iterations);
    for (std::thread &worker : workers)
      worker.join();
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
    double flops = flopsPerIteration * iterations * threads;
    best = std::max(best, flops / seconds * 1e-9);
  }
  return best;
}
