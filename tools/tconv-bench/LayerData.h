//===- LayerData.h - A layer's operands in f32 or int8 ----------*- C++ -*-===//
//
// Part of the tconv project (benchmark, not a test).
//
//===----------------------------------------------------------------------===//
//
// The random operands every implementation of a layer runs on, in the data
// type benchmarked (--dtype), and the reference result their outputs are
// checked against: f32 with the scatter definition in double, int8 exactly.
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_TOOLS_TCONV_BENCH_LAYERDATA_H
#define TCONV_TOOLS_TCONV_BENCH_LAYERDATA_H

#include "Support.h"

#include "tconv/Dialect/TConv/Utils/Geometry.h"
#include "tconv/Reference/Reference.h"

#include <utility>

namespace mlir::tconv::bench {

/// The element types a layer is benchmarked in: f32 throughout, or int8, u8
/// input and s8 weight with s32 bias and result (tconv's ui8 x i8 -> i32
/// conv_transpose).
enum class DataType { F32, Int8 };

/// "f32" or "int8".
StringRef getDataTypeName(DataType type);

/// The int8 zero points: an asymmetric u8 activation centred on 128, and
/// symmetric weights, the only ones oneDNN takes.
constexpr int32_t kInt8InputZeroPoint = 128;
constexpr int32_t kInt8WeightZeroPoint = 0;

/// The int8 weights' range: all of s8, or with `narrow` 7 bits, [-64, 63],
/// for oneDNN without VNNI, which adds pairs of u8 x s8 products in
/// saturating 16 bits (VPMADDUBSW; 255 * 64 * 2 < 2^15).
std::pair<int32_t, int32_t> getInt8WeightRange(bool narrow);

/// Fills `count` output elements of `type` (f32, or s32 for int8) at
/// `output` with random values, so that no buffer holds stale heap bytes,
/// which may be denormals.
void fillRandomOutput(DataType type, void *output, size_t count, uint64_t seed);

/// A layer's input, weight and bias in dense buffers: for f32, values in
/// [-1, 1); for int8, u8 input over its whole range, s8 weight in
/// getInt8WeightRange(narrowWeights) and s32 bias in [-2^16, 2^16].
struct LayerData {
  LayerData(const ConvTransposeProblem &problem, DataType type, uint64_t seed,
            bool narrowWeights = false);
  /// An output buffer of random values (f32, or s32 for int8).
  Bytes makeOutput(uint64_t seed) const;

  DataType type;
  Bytes input, weight, bias;
  int64_t outputCount = 0;
};

/// The result of a layer on its data, against which outputs are checked.
class ReferenceResult {
public:
  ReferenceResult(const ConvTransposeProblem &problem, const LayerData &data);

  struct Check {
    /// For f32, the normwise relative error (+inf if a value is not
    /// finite); for int8, the number of values that differ from the exact
    /// result.
    double error = 0;
    bool passed = false;
  };
  /// Compares `output` with the result: f32 passes up to `tolerance`, int8
  /// only bit-exact.
  Check check(const Bytes &output, double tolerance) const;

private:
  DataType type;
  std::vector<double> floats;
  std::vector<int64_t> integers;
};

} // namespace mlir::tconv::bench

#endif // TCONV_TOOLS_TCONV_BENCH_LAYERDATA_H
