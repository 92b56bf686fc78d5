//===- Reference.cpp - Oracle for transposed convolution ------------------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// The scatter definition evaluated literally: for every input element and
// every kernel tap, add the product to the output position the tap lands on.
// Speed is irrelevant here; being obviously right is the whole point.
//
//===----------------------------------------------------------------------===//

#include "tconv/Reference/Reference.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/CheckedArithmetic.h"
#include "llvm/Support/ErrorHandling.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>

using namespace mlir::tconv;
using namespace mlir::tconv::reference;

namespace {
/// Spatial dims are padded to this many with size-1 dims, which changes no
/// flattened index and lets the loops below be written once.
constexpr unsigned kMaxDims = 3;
} // namespace

[[noreturn]] static void fail(const llvm::Twine &msg) {
  llvm::report_fatal_error("tconv reference: " + msg);
}

/// Checks everything the loops below rely on for staying in bounds. The
/// oracle must never quietly compute garbage, even in release builds, so
/// these are fatal errors rather than asserts.
static llvm::SmallVector<int64_t> checkProblem(const ConvTransposeProblem &p,
                                               size_t inputSize,
                                               size_t weightSize,
                                               size_t biasSize) {
  unsigned d = p.getNumSpatialDims();
  if (d < 1 || d > kMaxDims)
    fail("expected 1 to 3 spatial dims");
  if (p.kernelSize.size() != d || p.params.size() != d)
    fail("inputSize, kernelSize and params differ in rank");
  // An empty batch is valid (PyTorch accepts it): the output is empty too.
  if (p.batch < 0 || p.inChannels < 1 || p.outChannels < 1 || p.groups < 1)
    fail("batch must be >= 0, channels and groups >= 1");
  if (p.inChannels % p.groups != 0 || p.outChannels % p.groups != 0)
    fail("groups must divide the input and output channels");
  for (unsigned i = 0; i < d; ++i) {
    if (p.inputSize[i] < 1 || p.kernelSize[i] < 1)
      fail("input and kernel sizes must be >= 1");
    if (p.params[i].stride < 1 || p.params[i].dilation < 1)
      fail("stride and dilation must be >= 1");
  }
  std::optional<llvm::SmallVector<int64_t>> outShape = p.getOutputShape();
  if (!outShape)
    fail("output size overflows or is < 1");

  std::optional<int64_t> inElems = getCheckedProduct(p.getInputShape());
  std::optional<int64_t> wElems = getCheckedProduct(p.getWeightShape());
  std::optional<int64_t> outElems = getCheckedProduct(*outShape);
  if (!inElems || !wElems || !outElems)
    fail("tensor element count overflows");
  if (static_cast<uint64_t>(*inElems) != inputSize)
    fail("input buffer has " + llvm::Twine(inputSize) + " elements, expected " +
         llvm::Twine(*inElems));
  if (static_cast<uint64_t>(*wElems) != weightSize)
    fail("weight buffer has " + llvm::Twine(weightSize) +
         " elements, expected " + llvm::Twine(*wElems));
  if (biasSize != 0 && static_cast<uint64_t>(p.outChannels) != biasSize)
    fail("bias must be empty or have Cout elements");
  return *outShape;
}

/// The scatter definition over values of type T (double, or int64_t for the
/// exact integer reference): every product is added in T.
template <typename T>
static std::vector<T>
stampAll(const ConvTransposeProblem &p, llvm::ArrayRef<T> input,
         llvm::ArrayRef<T> weight, llvm::ArrayRef<T> bias) {
  llvm::SmallVector<int64_t> outShape =
      checkProblem(p, input.size(), weight.size(), bias.size());
  unsigned d = p.getNumSpatialDims();

  // Sizes padded to 3 dims with 1s: I, k, O.
  int64_t in[kMaxDims] = {1, 1, 1}, ks[kMaxDims] = {1, 1, 1},
          out[kMaxDims] = {1, 1, 1};
  unsigned firstSpatial = p.channelsLast ? 1 : 2;
  for (unsigned i = 0; i < d; ++i) {
    in[i] = p.inputSize[i];
    ks[i] = p.kernelSize[i];
    out[i] = outShape[firstSpatial + i];
  }

  // Where tap kk of input position i lands, per dim: o = i*s - pb + kk*dil,
  // or -1 if outside [0, O) (dropped). Tabulated with checked arithmetic so
  // that absurd attribute values cannot wrap into a valid-looking position.
  llvm::SmallVector<int64_t> landing[kMaxDims];
  for (unsigned dim = 0; dim < kMaxDims; ++dim) {
    SpatialParams sp = dim < d ? p.params[dim] : SpatialParams();
    landing[dim].assign(in[dim] * ks[dim], -1);
    for (int64_t i = 0; i < in[dim]; ++i) {
      for (int64_t kk = 0; kk < ks[dim]; ++kk) {
        std::optional<int64_t> o = llvm::checkedMul<int64_t>(i, sp.stride);
        if (o)
          o = llvm::checkedSub<int64_t>(*o, sp.padBegin);
        std::optional<int64_t> tap = llvm::checkedMul<int64_t>(kk, sp.dilation);
        if (o && tap)
          o = llvm::checkedAdd<int64_t>(*o, *tap);
        else
          o = std::nullopt;
        if (o && *o >= 0 && *o < out[dim])
          landing[dim][i * ks[dim] + kk] = *o;
      }
    }
  }

  const int64_t n = p.batch, cin = p.inChannels, cout = p.outChannels;
  const int64_t g = p.groups, cig = cin / g, cog = cout / g;
  const int64_t inSpatial = in[0] * in[1] * in[2];
  const int64_t kSpatial = ks[0] * ks[1] * ks[2];
  const int64_t outSpatial = out[0] * out[1] * out[2];

  // Flattened offsets of the three tensors. Spatial offsets are row-major
  // over the padded dims; the layouts differ only in where the channel goes.
  auto inIndex = [&](int64_t b, int64_t c, int64_t sp) {
    return p.channelsLast ? (b * inSpatial + sp) * cin + c
                          : (b * cin + c) * inSpatial + sp;
  };
  auto outIndex = [&](int64_t b, int64_t c, int64_t sp) {
    return p.channelsLast ? (b * outSpatial + sp) * cout + c
                          : (b * cout + c) * outSpatial + sp;
  };
  // Channels-first weight (Cin, Cog, k...) is indexed by the absolute input
  // channel; channels-last (Cout, k..., Cig) by the absolute output channel.
  auto wIndex = [&](int64_t grp, int64_t ic, int64_t oc, int64_t sp) {
    return p.channelsLast ? ((grp * cog + oc) * kSpatial + sp) * cig + ic
                          : ((grp * cig + ic) * cog + oc) * kSpatial + sp;
  };

  // Every output element starts at its channel's bias; positions no stamp
  // reaches keep it.
  std::vector<T> result(static_cast<size_t>(n * cout * outSpatial), T(0));
  if (!bias.empty())
    for (int64_t b = 0; b < n; ++b)
      for (int64_t c = 0; c < cout; ++c)
        for (int64_t sp = 0; sp < outSpatial; ++sp)
          result[outIndex(b, c, sp)] = bias[c];

  for (int64_t b = 0; b < n; ++b)
    for (int64_t grp = 0; grp < g; ++grp)
      for (int64_t ic = 0; ic < cig; ++ic)
        for (int64_t i0 = 0; i0 < in[0]; ++i0)
          for (int64_t i1 = 0; i1 < in[1]; ++i1)
            for (int64_t i2 = 0; i2 < in[2]; ++i2) {
              int64_t inSp = (i0 * in[1] + i1) * in[2] + i2;
              T x = input[inIndex(b, grp * cig + ic, inSp)];
              // Stamp x times the whole kernel of every output channel of
              // this group.
              for (int64_t oc = 0; oc < cog; ++oc)
                for (int64_t k0 = 0; k0 < ks[0]; ++k0) {
                  int64_t o0 = landing[0][i0 * ks[0] + k0];
                  if (o0 < 0)
                    continue;
                  for (int64_t k1 = 0; k1 < ks[1]; ++k1) {
                    int64_t o1 = landing[1][i1 * ks[1] + k1];
                    if (o1 < 0)
                      continue;
                    for (int64_t k2 = 0; k2 < ks[2]; ++k2) {
                      int64_t o2 = landing[2][i2 * ks[2] + k2];
                      if (o2 < 0)
                        continue;
                      int64_t kSp = (k0 * ks[1] + k1) * ks[2] + k2;
                      int64_t outSp = (o0 * out[1] + o1) * out[2] + o2;
                      result[outIndex(b, grp * cog + oc, outSp)] +=
                          x * weight[wIndex(grp, ic, oc, kSp)];
                    }
                  }
                }
            }
  return result;
}

std::vector<double> mlir::tconv::reference::convTranspose(
    const ConvTransposeProblem &p, llvm::ArrayRef<double> input,
    llvm::ArrayRef<double> weight, llvm::ArrayRef<double> bias) {
  return stampAll(p, input, weight, bias);
}

std::vector<double> mlir::tconv::reference::convTranspose(
    const ConvTransposeProblem &p, llvm::ArrayRef<float> input,
    llvm::ArrayRef<float> weight, llvm::ArrayRef<float> bias) {
  // f32 -> f64 is exact, so this evaluates the same f32 data.
  std::vector<double> in(input.begin(), input.end());
  std::vector<double> w(weight.begin(), weight.end());
  std::vector<double> b(bias.begin(), bias.end());
  return convTranspose(p, llvm::ArrayRef<double>(in), llvm::ArrayRef<double>(w),
                       llvm::ArrayRef<double>(b));
}

IntegerResult mlir::tconv::reference::convTransposeInt(
    const ConvTransposeProblem &p, llvm::ArrayRef<int32_t> input,
    llvm::ArrayRef<int32_t> weight, llvm::ArrayRef<int32_t> bias,
    int32_t inputZeroPoint, int32_t weightZeroPoint) {
  // With 8-bit values and zero points, each product is below 2^18 in
  // magnitude, so int64 sums of fewer than 2^45 of them are exact.
  auto shift = [](llvm::ArrayRef<int32_t> values, int32_t zeroPoint,
                  const char *name) {
    auto isByte = [](int32_t v) { return v >= -128 && v <= 255; };
    if (!isByte(zeroPoint) || !llvm::all_of(values, isByte))
      fail(llvm::Twine(name) + " values and zero point must be 8-bit "
                               "(in [-128, 255])");
    std::vector<int64_t> shifted;
    shifted.reserve(values.size());
    for (int32_t v : values)
      shifted.push_back(int64_t(v) - zeroPoint);
    return shifted;
  };
  std::vector<int64_t> in = shift(input, inputZeroPoint, "input");
  std::vector<int64_t> w = shift(weight, weightZeroPoint, "weight");
  std::vector<int64_t> b(bias.begin(), bias.end());
  IntegerResult result;
  result.values =
      stampAll(p, llvm::ArrayRef<int64_t>(in), llvm::ArrayRef<int64_t>(w),
               llvm::ArrayRef<int64_t>(b));
  for (auto [i, v] : llvm::enumerate(result.values)) {
    if (v < std::numeric_limits<int32_t>::min() ||
        v > std::numeric_limits<int32_t>::max()) {
      result.firstUndefined = i;
      break;
    }
  }
  return result;
}

/// TOSA's apply_scale_32 / apply_scale_16 on a value the caller checked
/// against the shift (32); nullopt when the result leaves int32.
static std::optional<int64_t> applyScale(int64_t value, int64_t multiplier,
                                         int64_t shift, bool doubleRound) {
  int64_t round = int64_t(1) << (shift - 1);
  if (doubleRound && shift > 31)
    round += value >= 0 ? int64_t(1) << 30 : -(int64_t(1) << 30);
  // |value| < 2^(shift-1) <= 2^61 would overflow the product; the spec
  // bounds value to 48 bits and the multiplier to 32, so use 128 bits.
  __int128 scaled = (__int128)value * multiplier + round;
  // >> on a negative value is an arithmetic shift (floor), as in the spec.
  __int128 result = scaled >> shift;
  if (result < std::numeric_limits<int32_t>::min() ||
      result > std::numeric_limits<int32_t>::max())
    return std::nullopt;
  return int64_t(result);
}

IntegerResult mlir::tconv::reference::rescale(const RescaleParams &params,
                                              llvm::ArrayRef<int64_t> input) {
  size_t channels = params.multipliers.size();
  if (channels == 0 || params.shifts.size() != channels ||
      (!params.perChannel && channels != 1))
    fail("rescale needs one multiplier and shift, or one per channel");
  if (params.inputBits < 8 || params.inputBits > 48 || params.outputBits < 8 ||
      params.outputBits > 32)
    fail("rescale reads 8- to 48-bit and writes 8- to 32-bit integers");
  for (auto [multiplier, shift] :
       llvm::zip_equal(params.multipliers, params.shifts)) {
    int64_t maxMultiplier = params.scale32 ? INT32_MAX : INT16_MAX;
    if (multiplier < 0 || multiplier > maxMultiplier || shift < 2 || shift > 62)
      fail("rescale multipliers must be in [0, " + llvm::Twine(maxMultiplier) +
           "] and shifts in [2, 62]");
  }
  if (params.perChannel && input.size() % channels != 0)
    fail("the input's innermost dim must have one value per channel");
  // Reads a stored value as the spec's extension to 48 bits does.
  auto extend = [](int64_t stored, unsigned bits, bool isUnsigned) {
    uint64_t mask = bits == 64 ? ~uint64_t(0) : (uint64_t(1) << bits) - 1;
    uint64_t raw = uint64_t(stored) & mask;
    if (isUnsigned)
      return int64_t(raw);
    uint64_t sign = uint64_t(1) << (bits - 1);
    return int64_t(raw ^ sign) - int64_t(sign);
  };
  int64_t inputZp =
      extend(params.inputZeroPoint, params.inputBits, params.inputUnsigned);
  int64_t outputZp =
      extend(params.outputZeroPoint, params.outputBits, params.outputUnsigned);
  int64_t low =
      params.outputUnsigned ? 0 : -(int64_t(1) << (params.outputBits - 1));
  int64_t high = params.outputUnsigned
                     ? (int64_t(1) << params.outputBits) - 1
                     : (int64_t(1) << (params.outputBits - 1)) - 1;
  IntegerResult result;
  result.values.reserve(input.size());
  for (auto [i, stored] : llvm::enumerate(input)) {
    size_t c = params.perChannel ? i % channels : 0;
    int64_t shift = params.shifts[c];
    int64_t value =
        extend(stored, params.inputBits, params.inputUnsigned) - inputZp;
    // apply_scale_32 requires the value to be below 2^(shift-1) in
    // magnitude; apply_scale_16 only its result to fit in int32.
    std::optional<int64_t> scaled;
    if (!params.scale32 || (value >= -(int64_t(1) << (shift - 1)) &&
                            value < (int64_t(1) << (shift - 1))))
      scaled = applyScale(value, params.multipliers[c], shift,
                          params.scale32 && params.doubleRound);
    if (!scaled) {
      if (!result.firstUndefined)
        result.firstUndefined = i;
      result.values.push_back(0);
      continue;
    }
    // The zero point is added in int32 (apply_add_s), then saturated.
    int64_t withZp = *scaled + outputZp;
    if (withZp < std::numeric_limits<int32_t>::min() ||
        withZp > std::numeric_limits<int32_t>::max()) {
      if (!result.firstUndefined)
        result.firstUndefined = i;
    }
    result.values.push_back(std::clamp(withZp, low, high));
  }
  return result;
}

ErrorStats
mlir::tconv::reference::compareResults(llvm::ArrayRef<double> expected,
                                       llvm::ArrayRef<double> actual) {
  assert(expected.size() == actual.size() &&
         "compared buffers must have the same size");
  ErrorStats stats;
  stats.count = expected.size();
  for (size_t i = 0, e = expected.size(); i < e; ++i) {
    double want = expected[i], got = actual[i];
    if (!std::isfinite(want) || !std::isfinite(got)) {
      // NaN compares false with everything, so it would slip through the
      // max below; record it explicitly and keep the first occurrence.
      if (!stats.hasNonFinite)
        stats.worstIndex = i;
      stats.hasNonFinite = true;
      if (std::isfinite(want))
        stats.maxAbsExpected = std::max(stats.maxAbsExpected, std::fabs(want));
      continue;
    }
    stats.maxAbsExpected = std::max(stats.maxAbsExpected, std::fabs(want));
    double err = std::fabs(got - want);
    if (!stats.hasNonFinite && err > stats.maxAbsError) {
      stats.maxAbsError = err;
      stats.worstIndex = i;
    }
  }
  if (stats.hasNonFinite) {
    stats.maxAbsError = std::numeric_limits<double>::infinity();
    stats.maxRelError = std::numeric_limits<double>::infinity();
    return stats;
  }
  stats.maxRelError = stats.maxAbsError / std::max(stats.maxAbsExpected, 1e-30);
  return stats;
}

ErrorStats
mlir::tconv::reference::compareResults(llvm::ArrayRef<double> expected,
                                       llvm::ArrayRef<float> actual) {
  std::vector<double> widened(actual.begin(), actual.end());
  return compareResults(expected, llvm::ArrayRef<double>(widened));
}

llvm::StringRef mlir::tconv::reference::getName(ElementType type) {
  switch (type) {
  case ElementType::F32:
    return "f32";
  case ElementType::F16:
    return "f16";
  case ElementType::BF16:
    return "bf16";
  }
  llvm_unreachable("unknown element type");
}

/// f16/bf16 results are accumulated in f32 and rounded once: the rounding
/// costs at most half an ulp of the largest output, 2^-11 (f16) or 2^-8
/// (bf16) relative to it, and the bounds double that. Accumulating in f16
/// itself exceeds them on long reductions (see
/// test/Execution/half-accumulation.mlir). f32 results allow for the many
/// roundings of long f32 sums.
double mlir::tconv::reference::getDefaultTolerance(ElementType type) {
  switch (type) {
  case ElementType::F32:
    return 1e-4;
  case ElementType::F16:
    return 1e-3;
  case ElementType::BF16:
    return 8e-3;
  }
  llvm_unreachable("unknown element type");
}

/// splitmix64 (Steele, Lea, Flood 2014): one add and a fixed mix per value,
/// fully specified, good enough statistically for test data.
static uint64_t splitmix64(uint64_t &state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

void mlir::tconv::reference::fillRandom(llvm::MutableArrayRef<float> data,
                                        uint64_t seed) {
  uint64_t state = seed;
  for (float &v : data) {
    // The top 24 bits give k in [0, 2^24); k * 2^-23 - 1 is exact in f32,
    // so no rounding mode or library can change the values.
    uint64_t k = splitmix64(state) >> 40;
    v = static_cast<float>(static_cast<double>(k) * 0x1p-23 - 1.0);
  }
}

void mlir::tconv::reference::fillRandomIntegers(
    llvm::MutableArrayRef<int32_t> data, uint64_t seed, int32_t low,
    int32_t high) {
  assert(low <= high && "empty range");
  uint64_t state = seed;
  uint64_t count = uint64_t(int64_t(high) - low) + 1;
  for (int32_t &v : data)
    v = static_cast<int32_t>(low + int64_t(splitmix64(state) % count));
}
