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

using namespace mlir::tconv::bench;

namespace {

// Enough independent accumulators to cover FMA latency (4 cycles) times
// throughput (2 per cycle) with room to spare.
constexpr int kAccumulators = 16;

// One function per ISA, each compiled for it: the vectors never cross a
// function boundary, so the rest of the file keeps the baseline ABI.
__attribute__((target("avx512f"))) float loop512(int64_t iterations) {
  __m512 acc[kAccumulators];
  for (int i = 0; i < kAccumulators; ++i)
    acc[i] = _mm512_set1_ps(static_cast<float>(i));
  const __m512 a = _mm512_set1_ps(0.999999f), b = _mm512_set1_ps(1e-7f);
  for (int64_t it = 0; it < iterations; ++it)
    for (int i = 0; i < kAccumulators; ++i)
      acc[i] = _mm512_fmadd_ps(acc[i], a, b);
  alignas(64) float lanes[16];
  float sum = 0;
  for (int i = 0; i < kAccumulators; ++i) {
    _mm512_store_ps(lanes, acc[i]);
    for (float lane : lanes)
      sum += lane;
  }
  return sum; // returned so that the loop is not dead
}

__attribute__((target("avx2,fma"))) float loop256(int64_t iterations) {
  __m256 acc[kAccumulators];
  for (int i = 0; i < kAccumulators; ++i)
    acc[i] = _mm256_set1_ps(static_cast<float>(i));
  const __m256 a = _mm256_set1_ps(0.999999f), b = _mm256_set1_ps(1e-7f);
  for (int64_t it = 0; it < iterations; ++it)
    for (int i = 0; i < kAccumulators; ++i)
      acc[i] = _mm256_fmadd_ps(acc[i], a, b);
  alignas(32) float lanes[8];
  float sum = 0;
  for (int i = 0; i < kAccumulators; ++i) {
    _mm256_store_ps(lanes, acc[i]);
    for (float lane : lanes)
      sum += lane;
  }
  return sum;
}

} // namespace

double mlir::tconv::bench::measurePeakGflops(unsigned threads) {
  bool avx512 = __builtin_cpu_supports("avx512f");
  int lanes = avx512 ? 16 : 8;
  auto loop = avx512 ? loop512 : loop256;
  const int64_t iterations = 20'000'000;
  double best = 0;
  volatile float sink = 0;
  // Best of three: the first also brings the cores up to speed.
  for (int attempt = 0; attempt < 3; ++attempt) {
    auto start = std::chrono::steady_clock::now();
    std::vector<std::thread> workers;
    for (unsigned t = 1; t < threads; ++t)
      workers.emplace_back([&] { sink = sink + loop(iterations); });
    sink = sink + loop(iterations);
    for (std::thread &worker : workers)
      worker.join();
    double seconds = std::chrono::duration<double>(
                         std::chrono::steady_clock::now() - start)
                         .count();
    double flops = 2.0 * lanes * kAccumulators * iterations * threads;
    best = std::max(best, flops / seconds * 1e-9);
  }
  return best;
}
