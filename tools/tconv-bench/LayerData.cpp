//===- LayerData.cpp - A layer's operands in f32 or int8 ------------------===//
//
// Part of the tconv project (benchmark, not a test).
//
//===----------------------------------------------------------------------===//

#include "LayerData.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

using namespace mlir;
using namespace mlir::tconv;
using namespace mlir::tconv::bench;

StringRef bench::getDataTypeName(DataType type) {
  switch (type) {
  case DataType::F32:
    return "f32";
  case DataType::Int8:
    return "int8";
  case DataType::Int8U8:
    return "int8-u8";
  }
  llvm_unreachable("unknown data type");
}

unsigned bench::getResultElementBytes(DataType type) {
  return type == DataType::Int8U8 ? 1 : 4;
}

std::vector<float>
bench::getRequantizationMultipliers(const ConvTransposeProblem &problem) {
  // Uniform u8 - 128 and s8 values have a standard deviation of about 74
  // each; an output sums about (Cin / G) * prod(k / stride) products.
  double taps = static_cast<double>(problem.inChannels) / problem.groups;
  for (auto [kernel, params] : llvm::zip(problem.kernelSize, problem.params))
    taps *= std::max(1.0, static_cast<double>(kernel) / params.stride);
  double base = 64 / (74.0 * 74.0 * std::sqrt(taps));
  std::vector<float> multipliers(problem.outChannels);
  for (auto [channel, multiplier] : llvm::enumerate(multipliers))
    multiplier = static_cast<float>(base * (0.5 + (channel % 8) / 8.0));
  return multipliers;
}

template <typename T> static MutableArrayRef<T> getElements(Bytes &bytes) {
  return {reinterpret_cast<T *>(bytes.data()), bytes.size() / sizeof(T)};
}
template <typename T> static ArrayRef<T> getElements(const Bytes &bytes) {
  return {reinterpret_cast<const T *>(bytes.data()), bytes.size() / sizeof(T)};
}

/// `count` elements of T in [low, high], from the reference's generator.
template <typename T>
static Bytes makeRandomIntegers(int64_t count, uint64_t seed, int32_t low,
                                int32_t high) {
  std::vector<int32_t> values(count);
  reference::fillRandomIntegers(values, seed, low, high);
  Bytes bytes(count * sizeof(T));
  llvm::copy(values, getElements<T>(bytes).begin());
  return bytes;
}

template <typename T> static std::vector<int32_t> widen(const Bytes &bytes) {
  ArrayRef<T> elements = getElements<T>(bytes);
  return {elements.begin(), elements.end()};
}

std::pair<int32_t, int32_t> bench::getInt8WeightRange(bool narrow) {
  return narrow ? std::pair(-64, 63) : std::pair(-128, 127);
}

void bench::fillRandomOutput(DataType type, void *output, size_t bytes,
                             uint64_t seed) {
  switch (type) {
  case DataType::F32:
    reference::fillRandom({static_cast<float *>(output), bytes / 4}, seed);
    return;
  case DataType::Int8:
    reference::fillRandomIntegers({static_cast<int32_t *>(output), bytes / 4},
                                  seed, std::numeric_limits<int32_t>::min(),
                                  std::numeric_limits<int32_t>::max());
    return;
  case DataType::Int8U8: {
    Bytes values = makeRandomIntegers<uint8_t>(bytes, seed, 0, 255);
    std::memcpy(output, values.data(), bytes);
    return;
  }
  }
}

LayerData::LayerData(const ConvTransposeProblem &problem, DataType type,
                     uint64_t seed, bool narrowWeights)
    : type(type) {
  int64_t inputCount = *getCheckedProduct(problem.getInputShape());
  int64_t weightCount = *getCheckedProduct(problem.getWeightShape());
  outputCount = *getCheckedProduct(*problem.getOutputShape());
  if (type == DataType::F32) {
    input.resize(inputCount * sizeof(float));
    weight.resize(weightCount * sizeof(float));
    bias.resize(problem.outChannels * sizeof(float));
    reference::fillRandom(getElements<float>(input), seed * 4 + 0);
    reference::fillRandom(getElements<float>(weight), seed * 4 + 1);
    reference::fillRandom(getElements<float>(bias), seed * 4 + 2);
    return;
  }
  input = makeRandomIntegers<uint8_t>(inputCount, seed * 4 + 0, 0, 255);
  auto [weightLow, weightHigh] = getInt8WeightRange(narrowWeights);
  weight = makeRandomIntegers<int8_t>(weightCount, seed * 4 + 1, weightLow,
                                      weightHigh);
  bias = makeRandomIntegers<int32_t>(problem.outChannels, seed * 4 + 2,
                                     -(1 << 16), 1 << 16);
}

Bytes LayerData::makeOutput(uint64_t seed) const {
  Bytes output(outputCount * getResultElementBytes(type));
  fillRandomOutput(type, output.data(), output.size(), seed);
  return output;
}

ReferenceResult::ReferenceResult(const ConvTransposeProblem &problem,
                                 const LayerData &data)
    : type(data.type) {
  if (type == DataType::F32) {
    floats = reference::convTranspose(problem, getElements<float>(data.input),
                                      getElements<float>(data.weight),
                                      getElements<float>(data.bias));
    return;
  }
  // Values outside i32, for which the op has no result, count as
  // mismatches.
  integers =
      reference::convTransposeInt(
          problem, widen<uint8_t>(data.input), widen<int8_t>(data.weight),
          widen<int32_t>(data.bias), kInt8InputZeroPoint, kInt8WeightZeroPoint)
          .values;
  if (type != DataType::Int8U8)
    return;
  std::vector<float> multipliers = getRequantizationMultipliers(problem);
  int64_t channels = problem.outChannels;
  int64_t pixels = 1; // the output elements one channel's are apart
  if (!problem.channelsLast)
    if (std::optional<SmallVector<int64_t, 3>> sizes = problem.getOutputSizes())
      for (int64_t size : *sizes)
        pixels *= size;
  for (auto [index, value] : llvm::enumerate(integers)) {
    int64_t channel = (index / pixels) % channels;
    float scaled = static_cast<float>(value) * multipliers[channel];
    value =
        static_cast<int64_t>(std::nearbyint(std::clamp(scaled, 0.0f, 255.0f)));
  }
}

ReferenceResult::Check ReferenceResult::check(const Bytes &output,
                                              double tolerance) const {
  Check check;
  if (type == DataType::F32) {
    reference::ErrorStats stats =
        reference::compareResults(floats, getElements<float>(output));
    check.error = stats.maxRelError;
    check.passed = !stats.hasNonFinite && stats.maxRelError <= tolerance;
    return check;
  }
  auto countMismatches = [&](auto actualValues) {
    for (auto [expected, actual] : llvm::zip_equal(integers, actualValues))
      check.error += expected != actual;
  };
  if (type == DataType::Int8U8)
    countMismatches(getElements<uint8_t>(output));
  else
    countMismatches(getElements<int32_t>(output));
  check.passed = check.error == 0;
  return check;
}
