//===- aot_vs_onednn.cpp - tconv-aot kernel vs oneDNN deconvolution -------===//
//
// Part of the tconv project (benchmark, not a test).
//
//===----------------------------------------------------------------------===//
//
// Times one transposed-convolution layer computed by
//   - the tconv-aot object: `void kernel(const float *input,
//     const float *weight, const float *bias, float *output)`, dense
//     row-major channels_first buffers, PyTorch weight (Cin, Cout/G, k...);
//   - oneDNN's dnnl::deconvolution_forward (deconvolution_direct,
//     forward_inference, f32) with the memory formats oneDNN prefers
//     (format_tag::any), weights reordered once before timing: only the
//     primitive execution is timed ("oneDNN at its best"). The end-to-end
//     time with the plain-layout src/dst reorders is reported too.
// Both run alternately on the same random data in [-1, 1), single thread,
// and their outputs are compared (normwise relative error
// max|a - b| / max|b| <= 1e-4). Before anything else the driver checks its
// oneDNN setup (weight formats iohw / giohw and their 1-D and 3-D
// analogues, padding, output padding, dilation, groups) against a scalar
// reference on tiny problems; it also checks sampled output points of the
// layer for both implementations against the same scalar reference.
//
// The layer is fixed at compile time (bench/gen_layer.py --defines):
//   -DL_NAME=\"name\" -DL_RANK=r -DL_N= -DL_CIN= -DL_COUT= -DL_G=
//   -DL_I={..} -DL_K={..} -DL_S={..} -DL_P={..} -DL_OP={..} -DL_DIL={..}
//   -DL_O={..}   (three entries each, unused dims padded with 1 / 0)
//   -DTCONV_HEADER=\"layer.h\" (optional: the header tconv-aot wrote)
//
// Run-time options: --budget=SECONDS (per implementation, default 1.5),
// --min-runs=N (default 3), --warmup=N (default 5, fewer for slow kernels),
// --seed=N, --samples=N (sampled reference points, default 2048),
// --max-time=SECONDS (default 30: when min-runs calls of one implementation
// would take longer, that implementation gets no warm-up and only as many
// calls as fit, at least one, the first call counting as a sample; meant for
// the zero-insertion kernels of layers like fcn32, minutes per call),
// --selftest-only.
//
// Output: one line on stdout,
//   RESULT name=.. tconv_ms=.. onednn_ms=.. tconv_gflops=.. onednn_gflops=..
//          speed_ratio=.. rel_err=.. status=PASS|FAIL ...
// with speed_ratio = tconv speed / oneDNN speed = onednn_ms / tconv_ms;
// details on stderr. Exit status 0 on PASS, 1 on FAIL, 2 on setup errors.
//
//===----------------------------------------------------------------------===//

#include "oneapi/dnnl/dnnl.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <functional>
#include <random>
#include <string>
#include <vector>

#ifdef TCONV_HEADER
#include TCONV_HEADER
#elif defined(L_NAME)
extern "C" void kernel(const float *input, const float *weight,
                       const float *bias, float *output);
#endif

namespace {

using Clock = std::chrono::steady_clock;

double seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

//===----------------------------------------------------------------------===//
// Problem description and scalar reference
//===----------------------------------------------------------------------===//

struct Problem {
  std::string name;
  int rank = 2;
  int64_t N = 1, Cin = 1, Cout = 1, G = 1;
  int64_t I[3] = {1, 1, 1}, k[3] = {1, 1, 1}, s[3] = {1, 1, 1};
  int64_t p[3] = {0, 0, 0}, op[3] = {0, 0, 0}, dil[3] = {1, 1, 1};
  int64_t O[3] = {1, 1, 1};

  void computeOutput() {
    for (int d = 0; d < 3; ++d)
      O[d] = d < rank ? (I[d] - 1) * s[d] - 2 * p[d] + dil[d] * (k[d] - 1) +
                            op[d] + 1
                      : 1;
  }
  int64_t cig() const { return Cin / G; }
  int64_t cog() const { return Cout / G; }
  int64_t prodI() const { return I[0] * I[1] * I[2]; }
  int64_t prodK() const { return k[0] * k[1] * k[2]; }
  int64_t prodO() const { return O[0] * O[1] * O[2]; }
  int64_t inputSize() const { return N * Cin * prodI(); }
  int64_t weightSize() const { return Cin * cog() * prodK(); }
  int64_t outputSize() const { return N * Cout * prodO(); }
  double flops() const {
    return 2.0 * N * Cin * prodI() * cog() * prodK();
  }
  std::string describe() const {
    auto list = [&](const int64_t *v) {
      std::string r;
      for (int d = 0; d < rank; ++d)
        r += (d ? "x" : "") + std::to_string(v[d]);
      return r;
    };
    return name + ": N=" + std::to_string(N) + " Cin=" + std::to_string(Cin) +
           " I=" + list(I) + " Cout=" + std::to_string(Cout) +
           " k=" + list(k) + " s=" + list(s) + " p=" + list(p) +
           " op=" + list(op) + " dil=" + list(dil) +
           " G=" + std::to_string(G) + " -> O=" + list(O);
  }
};

// Scatter definition (algorithm.md), in double, channels_first, PyTorch
// weight layout (Cin, Cout/G, k...). Spatial dims are padded to 3.
std::vector<double> referenceFull(const Problem &P, const float *in,
                                  const float *w, const float *b) {
  std::vector<double> out(P.outputSize());
  const int64_t Cig = P.cig(), Cog = P.cog();
  for (int64_t n = 0; n < P.N; ++n)
    for (int64_t co = 0; co < P.Cout; ++co)
      for (int64_t o = 0; o < P.prodO(); ++o)
        out[(n * P.Cout + co) * P.prodO() + o] = b[co];
  for (int64_t n = 0; n < P.N; ++n)
    for (int64_t g = 0; g < P.G; ++g)
      for (int64_t ic = 0; ic < Cig; ++ic)
        for (int64_t i0 = 0; i0 < P.I[0]; ++i0)
          for (int64_t i1 = 0; i1 < P.I[1]; ++i1)
            for (int64_t i2 = 0; i2 < P.I[2]; ++i2) {
              const int64_t ci = g * Cig + ic;
              double x = in[((n * P.Cin + ci) * P.I[0] + i0) * P.I[1] * P.I[2] +
                            i1 * P.I[2] + i2];
              for (int64_t oc = 0; oc < Cog; ++oc)
                for (int64_t k0 = 0; k0 < P.k[0]; ++k0)
                  for (int64_t k1 = 0; k1 < P.k[1]; ++k1)
                    for (int64_t k2 = 0; k2 < P.k[2]; ++k2) {
                      int64_t o0 = i0 * P.s[0] - P.p[0] + k0 * P.dil[0];
                      int64_t o1 = i1 * P.s[1] - P.p[1] + k1 * P.dil[1];
                      int64_t o2 = i2 * P.s[2] - P.p[2] + k2 * P.dil[2];
                      if (o0 < 0 || o0 >= P.O[0] || o1 < 0 || o1 >= P.O[1] ||
                          o2 < 0 || o2 >= P.O[2])
                        continue;
                      double wv =
                          w[((ci * Cog + oc) * P.k[0] + k0) * P.k[1] * P.k[2] +
                            k1 * P.k[2] + k2];
                      int64_t co = g * Cog + oc;
                      out[((n * P.Cout + co) * P.O[0] + o0) * P.O[1] * P.O[2] +
                          o1 * P.O[2] + o2] += x * wv;
                    }
            }
  return out;
}

// The same definition evaluated at one output point (gather form).
double referencePoint(const Problem &P, const float *in, const float *w,
                      const float *b, int64_t flat) {
  const int64_t o2 = flat % P.O[2];
  const int64_t o1 = flat / P.O[2] % P.O[1];
  const int64_t o0 = flat / (P.O[2] * P.O[1]) % P.O[0];
  const int64_t co = flat / P.prodO() % P.Cout;
  const int64_t n = flat / (P.prodO() * P.Cout);
  const int64_t Cig = P.cig(), Cog = P.cog(), g = co / Cog, oc = co % Cog;
  double acc = b[co];
  for (int64_t k0 = 0; k0 < P.k[0]; ++k0) {
    int64_t t0 = o0 + P.p[0] - k0 * P.dil[0];
    if (t0 < 0 || t0 % P.s[0] || t0 / P.s[0] >= P.I[0])
      continue;
    for (int64_t k1 = 0; k1 < P.k[1]; ++k1) {
      int64_t t1 = o1 + P.p[1] - k1 * P.dil[1];
      if (t1 < 0 || t1 % P.s[1] || t1 / P.s[1] >= P.I[1])
        continue;
      for (int64_t k2 = 0; k2 < P.k[2]; ++k2) {
        int64_t t2 = o2 + P.p[2] - k2 * P.dil[2];
        if (t2 < 0 || t2 % P.s[2] || t2 / P.s[2] >= P.I[2])
          continue;
        const int64_t i0 = t0 / P.s[0], i1 = t1 / P.s[1], i2 = t2 / P.s[2];
        for (int64_t ic = 0; ic < Cig; ++ic) {
          const int64_t ci = g * Cig + ic;
          double x = in[((n * P.Cin + ci) * P.I[0] + i0) * P.I[1] * P.I[2] +
                        i1 * P.I[2] + i2];
          double wv = w[((ci * Cog + oc) * P.k[0] + k0) * P.k[1] * P.k[2] +
                        k1 * P.k[2] + k2];
          acc += x * wv;
        }
      }
    }
  }
  return acc;
}

//===----------------------------------------------------------------------===//
// Buffers
//===----------------------------------------------------------------------===//

struct AlignedBuffer {
  float *data = nullptr;
  size_t count = 0;
  explicit AlignedBuffer(size_t n) : count(n) {
    size_t bytes = ((n * sizeof(float) + 63) / 64) * 64;
    data = static_cast<float *>(std::aligned_alloc(64, bytes ? bytes : 64));
    if (!data) {
      std::fprintf(stderr, "error: out of memory (%zu floats)\n", n);
      std::exit(2);
    }
  }
  ~AlignedBuffer() { std::free(data); }
  AlignedBuffer(const AlignedBuffer &) = delete;
  AlignedBuffer &operator=(const AlignedBuffer &) = delete;
};

// Random data in [-1, 1) for every buffer (stale heap bytes may hold
// denormals, which slow some code paths down a lot).
void fillRandom(float *p, size_t n, std::mt19937_64 &rng) {
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  for (size_t i = 0; i < n; ++i)
    p[i] = dist(rng);
}

// Normwise relative error max|a - b| / max|b|.
template <typename A, typename B>
double relError(const A *a, const B *b, size_t n) {
  double maxDiff = 0, maxRef = 0;
  for (size_t i = 0; i < n; ++i) {
    double d = std::fabs(double(a[i]) - double(b[i]));
    if (!(d <= maxDiff)) // also catches NaN
      maxDiff = std::isnan(d) ? INFINITY : d;
    maxRef = std::max(maxRef, std::fabs(double(b[i])));
  }
  return maxRef > 0 ? maxDiff / maxRef : maxDiff;
}

//===----------------------------------------------------------------------===//
// oneDNN deconvolution
//===----------------------------------------------------------------------===//

using tag = dnnl::memory::format_tag;
using dims = dnnl::memory::dims;

tag dataTag(int rank) {
  return rank == 1 ? tag::abc : rank == 2 ? tag::abcd : tag::abcde;
}
// PyTorch (Cin, Cout/G, k...) as oneDNN deconvolution weights:
// groups == 1: dims {Cout, Cin, k...}, format iohw (= bacd) and 1-D/3-D
// analogues; groups > 1: dims {G, Cout/G, Cin/G, k...}, format giohw
// (= acbde) and analogues.
tag weightTag(int rank, bool grouped) {
  if (!grouped)
    return rank == 1 ? tag::bac : rank == 2 ? tag::bacd : tag::bacde;
  return rank == 1 ? tag::acbd : rank == 2 ? tag::acbde : tag::acbdef;
}

struct OneDnnDeconv {
  dnnl::engine eng{dnnl::engine::kind::cpu, 0};
  dnnl::stream strm{eng};
  dnnl::deconvolution_forward::primitive_desc pd;
  dnnl::deconvolution_forward prim;
  dnnl::memory userSrc, userWei, userBias, userDst; // plain layouts
  dnnl::memory src, wei, dst;                       // oneDNN's formats
  bool srcReorder = false, dstReorder = false;
  dnnl::reorder srcR, dstR;

  OneDnnDeconv(const Problem &P, float *in, float *w, float *b, float *out) {
    dims srcDims{P.N, P.Cin}, dstDims{P.N, P.Cout}, weiDims;
    if (P.G > 1)
      weiDims = {P.G, P.cog(), P.cig()};
    else
      weiDims = {P.Cout, P.Cin};
    dims strides, dilates, padL, padR;
    for (int d = 0; d < P.rank; ++d) {
      srcDims.push_back(P.I[d]);
      dstDims.push_back(P.O[d]);
      weiDims.push_back(P.k[d]);
      strides.push_back(P.s[d]);
      dilates.push_back(P.dil[d] - 1); // oneDNN: 0 means no dilation
      padL.push_back(P.p[d]);
      padR.push_back(P.p[d] - P.op[d]); // output padding extends the end
    }
    using dt = dnnl::memory::data_type;
    dnnl::memory::desc srcAny(srcDims, dt::f32, tag::any);
    dnnl::memory::desc weiAny(weiDims, dt::f32, tag::any);
    dnnl::memory::desc dstAny(dstDims, dt::f32, tag::any);
    dnnl::memory::desc biasMd({P.Cout}, dt::f32, tag::a);
    dnnl::deconvolution_forward::desc desc(
        dnnl::prop_kind::forward_inference,
        dnnl::algorithm::deconvolution_direct, srcAny, weiAny, biasMd, dstAny,
        strides, dilates, padL, padR);
    pd = dnnl::deconvolution_forward::primitive_desc(desc, eng);
    prim = dnnl::deconvolution_forward(pd);

    userSrc = dnnl::memory({srcDims, dt::f32, dataTag(P.rank)}, eng, in);
    userWei = dnnl::memory({weiDims, dt::f32, weightTag(P.rank, P.G > 1)},
                           eng, w);
    userBias = dnnl::memory(biasMd, eng, b);
    userDst = dnnl::memory({dstDims, dt::f32, dataTag(P.rank)}, eng, out);

    // Weights: reordered once, outside the timed region.
    wei = userWei;
    if (pd.weights_desc() != userWei.get_desc()) {
      wei = dnnl::memory(pd.weights_desc(), eng);
      dnnl::reorder(userWei, wei).execute(strm, userWei, wei);
    }
    src = userSrc;
    if (pd.src_desc() != userSrc.get_desc()) {
      src = dnnl::memory(pd.src_desc(), eng);
      srcR = dnnl::reorder(userSrc, src);
      srcReorder = true;
    }
    dst = userDst;
    if (pd.dst_desc() != userDst.get_desc()) {
      dst = dnnl::memory(pd.dst_desc(), eng);
      dstR = dnnl::reorder(dst, userDst);
      dstReorder = true;
      // Fill oneDNN's own dst buffer too (never read before written, but
      // keep the no-stale-bytes rule for every buffer).
      std::mt19937_64 rng(7);
      fillRandom(static_cast<float *>(dst.get_data_handle()),
                 pd.dst_desc().get_size() / sizeof(float), rng);
    }
    strm.wait();
    reorderSrc();
  }

  void reorderSrc() {
    if (srcReorder)
      srcR.execute(strm, userSrc, src);
    strm.wait();
  }
  void execute() {
    prim.execute(strm, {{DNNL_ARG_SRC, src},
                        {DNNL_ARG_WEIGHTS, wei},
                        {DNNL_ARG_BIAS, userBias},
                        {DNNL_ARG_DST, dst}});
    strm.wait();
  }
  void reorderDst() {
    if (dstReorder)
      dstR.execute(strm, dst, userDst);
    strm.wait();
  }
  std::string info() const {
    return std::string(pd.impl_info_str()) +
           (srcReorder ? " src:reordered" : " src:plain") +
           (dstReorder ? " dst:reordered" : " dst:plain");
  }
};

//===----------------------------------------------------------------------===//
// Environment report
//===----------------------------------------------------------------------===//

int ompMaxThreads() {
  // oneDNN's OpenMP runtime is loaded with libdnnl; look it up without
  // linking libgomp ourselves.
  using Fn = int (*)();
  if (auto fn = reinterpret_cast<Fn>(dlsym(RTLD_DEFAULT, "omp_get_max_threads")))
    return fn();
  return -1;
}

const char *isaName(dnnl::cpu_isa isa) {
  switch (isa) {
  case dnnl::cpu_isa::sse41: return "sse41";
  case dnnl::cpu_isa::avx: return "avx";
  case dnnl::cpu_isa::avx2: return "avx2";
  case dnnl::cpu_isa::avx512_mic: return "avx512_mic";
  case dnnl::cpu_isa::avx512_mic_4ops: return "avx512_mic_4ops";
  case dnnl::cpu_isa::avx512_core: return "avx512_core";
  case dnnl::cpu_isa::avx512_core_vnni: return "avx512_core_vnni";
  case dnnl::cpu_isa::avx512_core_bf16: return "avx512_core_bf16";
  case dnnl::cpu_isa::avx512_core_amx: return "avx512_core_amx";
  case dnnl::cpu_isa::avx2_vnni: return "avx2_vnni";
  default: return "other";
  }
}

//===----------------------------------------------------------------------===//
// Self-test of the oneDNN setup against the scalar reference
//===----------------------------------------------------------------------===//

bool selfTest() {
  struct Case {
    const char *name;
    int rank;
    int64_t N, Cin, Cout, G, I, k, s, p, op, dil;
  };
  const Case cases[] = {
      // name        rank N Cin Cout G  I  k  s  p op dil
      {"2d-basic", 2, 2, 3, 5, 1, 4, 3, 2, 1, 1, 1},
      {"2d-k4s2p1", 2, 1, 4, 3, 1, 5, 4, 2, 1, 0, 1},
      {"2d-groups", 2, 2, 6, 4, 2, 3, 3, 2, 0, 1, 1},
      {"2d-depthwise", 2, 1, 4, 4, 4, 4, 4, 2, 1, 0, 1},
      {"2d-dilation", 2, 1, 3, 2, 1, 5, 3, 2, 2, 1, 2},
      {"1d", 1, 2, 5, 3, 1, 7, 5, 3, 1, 2, 1},
      {"1d-groups", 1, 1, 4, 6, 2, 6, 4, 2, 1, 0, 1},
      {"3d", 3, 1, 3, 2, 1, 3, 2, 2, 0, 0, 1},
      {"3d-groups-dil", 3, 1, 4, 2, 2, 3, 3, 2, 1, 1, 2},
  };
  bool ok = true;
  std::mt19937_64 rng(12345);
  for (const Case &c : cases) {
    Problem P;
    P.name = c.name;
    P.rank = c.rank;
    P.N = c.N, P.Cin = c.Cin, P.Cout = c.Cout, P.G = c.G;
    for (int d = 0; d < c.rank; ++d) {
      // Slightly different sizes per dimension catch transposed dims.
      P.I[d] = c.I + d, P.k[d] = c.k, P.s[d] = c.s, P.p[d] = c.p;
      P.op[d] = c.op, P.dil[d] = c.dil;
    }
    if (c.rank == 2) // asymmetric kernel and stride in 2-D
      P.k[1] = c.k + 1, P.s[1] = c.s + 1;
    P.computeOutput();
    AlignedBuffer in(P.inputSize()), w(P.weightSize()), b(P.Cout),
        out(P.outputSize());
    fillRandom(in.data, in.count, rng);
    fillRandom(w.data, w.count, rng);
    fillRandom(b.data, b.count, rng);
    fillRandom(out.data, out.count, rng);
    std::vector<double> ref = referenceFull(P, in.data, w.data, b.data);
    double err;
    try {
      OneDnnDeconv dnn(P, in.data, w.data, b.data, out.data);
      dnn.execute();
      dnn.reorderDst();
      err = relError(out.data, ref.data(), out.count);
    } catch (const dnnl::error &e) {
      std::fprintf(stderr, "selftest %s: oneDNN error: %s\n", c.name,
                   e.what());
      ok = false;
      continue;
    }
    // Also the gather form used for sampled checks.
    std::vector<double> pts(P.outputSize());
    for (int64_t i = 0; i < P.outputSize(); ++i)
      pts[i] = referencePoint(P, in.data, w.data, b.data, i);
    double gatherErr = relError(pts.data(), ref.data(), pts.size());
    bool pass = err <= 1e-5 && gatherErr <= 1e-12;
    ok &= pass;
    if (!pass)
      std::fprintf(stderr,
                   "selftest %s: FAIL oneDNN vs reference %.3g, gather vs "
                   "scatter %.3g (%s)\n",
                   c.name, err, gatherErr, P.describe().c_str());
  }
  std::fprintf(stderr, "selftest: oneDNN vs scalar reference on %zu tiny "
               "problems: %s\n", sizeof(cases) / sizeof(cases[0]),
               ok ? "ok" : "FAILED");
  return ok;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

double timeCall(const std::function<void()> &f) {
  auto a = Clock::now();
  f();
  return seconds(a, Clock::now());
}

} // namespace

int main(int argc, char **argv) {
  double budget = 1.5, maxTime = 30;
  int minRuns = 3, maxWarmup = 5, samples = 2048;
  uint64_t seed = 42;
  bool selftestOnly = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto val = [&](const char *key) -> const char * {
      size_t n = std::strlen(key);
      return a.compare(0, n, key) == 0 ? a.c_str() + n : nullptr;
    };
    if (const char *v = val("--budget="))
      budget = std::atof(v);
    else if (const char *v = val("--max-time="))
      maxTime = std::atof(v);
    else if (const char *v = val("--min-runs="))
      minRuns = std::max(1, std::atoi(v));
    else if (const char *v = val("--warmup="))
      maxWarmup = std::max(0, std::atoi(v));
    else if (const char *v = val("--seed="))
      seed = std::strtoull(v, nullptr, 10);
    else if (const char *v = val("--samples="))
      samples = std::max(0, std::atoi(v));
    else if (a == "--selftest-only")
      selftestOnly = true;
    else {
      std::fprintf(stderr, "usage: %s [--budget=S] [--min-runs=N] [--max-time=S] "
                   "[--warmup=N] [--seed=N] [--samples=N] [--selftest-only]\n",
                   argv[0]);
      return 2;
    }
  }

  const dnnl_version_t *ver = dnnl::version();
  const int threads = ompMaxThreads();
  std::fprintf(stderr,
               "oneDNN %d.%d.%d (cpu runtime %s), effective ISA %s, "
               "omp_get_max_threads() = %d\n",
               ver->major, ver->minor, ver->patch,
               ver->cpu_runtime == DNNL_RUNTIME_OMP ? "OpenMP" : "other",
               isaName(dnnl::get_effective_cpu_isa()), threads);
  if (threads != 1)
    std::fprintf(stderr, "warning: oneDNN may use %d threads; set "
                 "OMP_NUM_THREADS=1 for a single-thread comparison\n",
                 threads);

  if (!selfTest())
    return 2;
  if (selftestOnly)
    return 0;

#ifndef L_NAME
  std::fprintf(stderr, "error: built without a layer (-DL_NAME=...)\n");
  return 2;
#else
  Problem P;
  P.name = L_NAME;
  P.rank = L_RANK;
  P.N = L_N, P.Cin = L_CIN, P.Cout = L_COUT, P.G = L_G;
  {
    const int64_t I[3] = L_I, K[3] = L_K, S[3] = L_S, Pd[3] = L_P,
                  OP[3] = L_OP, D[3] = L_DIL, O[3] = L_O;
    for (int d = 0; d < 3; ++d)
      P.I[d] = I[d], P.k[d] = K[d], P.s[d] = S[d], P.p[d] = Pd[d],
      P.op[d] = OP[d], P.dil[d] = D[d];
    P.computeOutput();
    for (int d = 0; d < 3; ++d)
      if (P.O[d] != O[d]) {
        std::fprintf(stderr, "error: output size mismatch in dim %d: "
                     "%lld vs %lld\n", d, (long long)P.O[d], (long long)O[d]);
        return 2;
      }
  }
  std::fprintf(stderr, "layer %s, %.4g useful GFLOP\n", P.describe().c_str(),
               P.flops() * 1e-9);

  std::mt19937_64 rng(seed);
  AlignedBuffer in(P.inputSize()), w(P.weightSize()), b(P.Cout);
  AlignedBuffer outT(P.outputSize()), outD(P.outputSize());
  fillRandom(in.data, in.count, rng);
  fillRandom(w.data, w.count, rng);
  fillRandom(b.data, b.count, rng);
  fillRandom(outT.data, outT.count, rng);
  fillRandom(outD.data, outD.count, rng);

  OneDnnDeconv *dnnPtr;
  try {
    dnnPtr = new OneDnnDeconv(P, in.data, w.data, b.data, outD.data);
  } catch (const dnnl::error &e) {
    std::fprintf(stderr, "error: oneDNN: %s\n", e.what());
    return 2;
  }
  OneDnnDeconv &dnn = *dnnPtr;
  std::fprintf(stderr, "oneDNN implementation: %s\n", dnn.info().c_str());

  auto runT = [&] { kernel(in.data, w.data, b.data, outT.data); };
  auto runD = [&] { dnn.execute(); };

  // First calls (also warm-up): correctness of both against each other.
  double firstT = timeCall(runT);
  double firstD = timeCall(runD);
  dnn.reorderDst();
  double errFirst = relError(outT.data, outD.data, outT.count);

  // Warm-up: up to maxWarmup more calls each, fewer for slow kernels
  // (about 1/4 of the budget at most).
  auto warmCount = [&](double t) {
    int n = int(0.25 * budget / std::max(t, 1e-9));
    return std::max(std::min(n, maxWarmup), maxWarmup > 0 ? 1 : 0);
  };
  // Very slow kernels: no warm-up, the first call is a sample, as many
  // calls as fit in maxTime (at least one).
  const bool slowT = firstT * minRuns > maxTime;
  int warmT = slowT ? 0 : warmCount(firstT), warmD = warmCount(firstD);
  double estT = firstT, estD = firstD;
  {
    std::vector<double> wt, wd;
    for (int i = 0; i < std::max(warmT, warmD); ++i) {
      if (i < warmT)
        wt.push_back(timeCall(runT));
      if (i < warmD)
        wd.push_back(timeCall(runD));
    }
    if (!wt.empty())
      estT = median(wt);
    if (!wd.empty())
      estD = median(wd);
  }

  // Adaptive repetitions: about `budget` seconds per implementation, at
  // least minRuns each. Rounds alternate one tconv call with a batch of
  // oneDNN calls so both see the same machine state over time.
  auto reps = [&](double t, int cap) {
    long n = std::lround(budget / std::max(t, 1e-9));
    return int(std::max<long>(minRuns, std::min<long>(n, cap)));
  };
  const int repsT =
      slowT ? std::max(0, int(maxTime / firstT) - 1) : reps(estT, 2000);
  const int repsD = reps(estD, 200000);
  const int rounds = std::max(repsT, 1);
  const int perRoundD = (repsD + rounds - 1) / rounds;
  std::vector<double> tT, tD;
  tT.reserve(rounds);
  tD.reserve(size_t(rounds) * perRoundD);
  if (slowT)
    tT.push_back(firstT);
  for (int r = 0; r < rounds; ++r) {
    if (r < repsT)
      tT.push_back(timeCall(runT));
    for (int j = 0; j < perRoundD; ++j)
      tD.push_back(timeCall(runD));
  }
  const double msT = median(tT) * 1e3, msD = median(tD) * 1e3;

  // End-to-end oneDNN with plain nchw-style src/dst (src and dst reorders
  // included), for information.
  double msD2e = msD;
  if (dnn.srcReorder || dnn.dstReorder) {
    auto runE2E = [&] {
      dnn.reorderSrc();
      dnn.execute();
      dnn.reorderDst();
    };
    int n = reps(estD, 200000) / 2 + 1;
    std::vector<double> te;
    for (int i = 0; i < n; ++i)
      te.push_back(timeCall(runE2E));
    msD2e = median(te) * 1e3;
  }

  // Final comparison on the outputs of the last calls.
  dnn.reorderDst();
  double errLast = relError(outT.data, outD.data, outT.count);
  double relErr = std::max(errFirst, errLast);

  // Sampled check of both against the scalar reference.
  double refErrT = 0, refErrD = 0;
  if (samples > 0) {
    std::mt19937_64 prng(seed + 1);
    std::uniform_int_distribution<int64_t> pick(0, P.outputSize() - 1);
    const int64_t n = std::min<int64_t>(samples, P.outputSize());
    std::vector<double> ref(n), a(n), d(n);
    for (int64_t i = 0; i < n; ++i) {
      int64_t idx = n == P.outputSize() ? i : pick(prng);
      ref[i] = referencePoint(P, in.data, w.data, b.data, idx);
      a[i] = outT.data[idx];
      d[i] = outD.data[idx];
    }
    refErrT = relError(a.data(), ref.data(), n);
    refErrD = relError(d.data(), ref.data(), n);
  }

  const double tol = 1e-4;
  const bool pass = relErr <= tol && refErrT <= tol && refErrD <= tol;
  const double gfT = P.flops() / (msT * 1e-3) * 1e-9;
  const double gfD = P.flops() / (msD * 1e-3) * 1e-9;
  std::fprintf(stderr,
               "runs: tconv %zu%s (+%d warm-up, first %.3f ms), oneDNN %zu "
               "(+%d warm-up, first %.3f ms); sampled reference error: "
               "tconv %.3g, oneDNN %.3g\n",
               tT.size(), slowT ? " (slow: first call included)" : "",
               slowT ? 0 : warmT + 1, firstT * 1e3, tD.size(), warmD + 1,
               firstD * 1e3, refErrT, refErrD);
  std::printf("RESULT name=%s tconv_ms=%.4f onednn_ms=%.4f "
              "tconv_gflops=%.3f onednn_gflops=%.3f speed_ratio=%.4f "
              "rel_err=%.3e status=%s runs_tconv=%zu runs_onednn=%zu "
              "onednn_e2e_ms=%.4f ref_err_tconv=%.3e ref_err_onednn=%.3e "
              "threads=%d\n",
              P.name.c_str(), msT, msD, gfT, gfD, msD / msT, relErr,
              pass ? "PASS" : "FAIL", tT.size(), tD.size(), msD2e, refErrT,
              refErrD, threads);
  std::fflush(stdout);
  delete dnnPtr;
  return pass ? 0 : 1;
#endif
}
