//===- LayerData.cpp - A layer's operands in f32 or int8 ------------------===//
//
// Part of the tconv project (benchmark, not a test).
//
//===----------------------------------------------------------------------===//

#include "LayerData.h"

#include <limits>

using namespace mlir;
using namespace mlir::tconv;
using namespace mlir::tconv::bench;

StringRef bench::getDataTypeName(DataType type) {
  return type == DataType::F32 ? "f32" : "int8";
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

void bench::fillRandomOutput(DataType type, void *output, size_t count,
                             uint64_t seed) {
  if (type == DataType::F32)
    reference::fillRandom({static_cast<float *>(output), count}, seed);
  else
    reference::fillRandomIntegers({static_cast<int32_t *>(output), count}, seed,
                                  std::numeric_limits<int32_t>::min(),
                                  std::numeric_limits<int32_t>::max());
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
  // f32 and s32 alike: four bytes an element.
  Bytes output(outputCount * sizeof(float));
  fillRandomOutput(type, output.data(), outputCount, seed);
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
  for (auto [expected, actual] :
       llvm::zip_equal(integers, getElements<int32_t>(output)))
    check.error += expected != actual;
  check.passed = check.error == 0;
  return check;
}
