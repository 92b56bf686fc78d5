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

/// The element types a layer is benchmarked in: f32 throughout; int8, u8
/// input and s8 weight with s32 bias and result (tconv's ui8 x i8 -> i32
/// conv_transpose); or Int8U8, the same requantized to a u8 result (see
/// getRequantizationMultipliers).
enum class DataType { F32, Int8, Int8U8 };

/// "f32", "int8" or "int8-u8".
StringRef getDataTypeName(DataType type);

/// Whether `type` has int8 operands.
inline bool isInt8(DataType type) { return type != DataType::F32; }

/// The bytes of one result element.
unsigned getResultElementBytes(DataType type);

/// Int8U8's requantization of the s32 result `acc` (bias included) of
/// output channel c, in f32 as a QuantizeLinear with zero point 0 computes
/// it (and oneDNN's output scales):
///
///   y = roundeven(clamp(float(acc) * multiplier[c], 0, 255))
///
/// The multipliers bring the typical magnitude of `problem`'s results (random
/// data: the square root of the taps an output sums) to about 64, varying
/// by channel; deterministic, so that a written module is the one timed.
std::vector<float>
getRequantizationMultipliers(const ConvTransposeProblem &problem);

/// The int8 zero points: an asymmetric u8 activation centred on 128, and
/// symmetric weights, the only ones oneDNN takes.
constexpr int32_t kInt8InputZeroPoint = 128;
constexpr int32_t kInt8WeightZeroPoint = 0;

/// The int8 weights' range: all of s8, or with `narrow` 7 bits, [-64, 63],
/// for oneDNN without VNNI, which adds pairs of u8 x s8 products in
/// saturating 16 bits (VPMADDUBSW; 255 * 64 * 2 < 2^15).
std::pair<int32_t, int32_t> getInt8WeightRange(bool narrow);

/// Fills the `bytes` of an output of `type` (f32, s32 or u8 elements) at
/// `output` with random values, so that no buffer holds stale heap bytes,
/// which may be denormals.
void fillRandomOutput(DataType type, void *output, size_t bytes, uint64_t seed);

/// A layer's input, weight and bias in dense buffers: for f32, values in
/// [-1, 1); for int8, u8 input over its whole range, s8 weight in
/// getInt8WeightRange(narrowWeights) and s32 bias in [-2^16, 2^16].
struct LayerData {
  LayerData(const ConvTransposeProblem &problem, DataType type, uint64_t seed,
            bool narrowWeights = false);
  /// An output buffer of random values (f32, s32 or u8).
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
    /// finite); for int8 types, the number of values that differ from the
    /// exact result.
    double error = 0;
    bool passed = false;
  };
  /// Compares `output` with the result: f32 passes up to `tolerance`, int8
  /// only bit-exact.
  Check check(const Bytes &output, double tolerance) const;

private:
  DataType type;
  std::vector<double> floats;
  /// s32 results, or for Int8U8 the u8 ones.
  std::vector<int64_t> integers;
};

} // namespace mlir::tconv::bench

#endif // TCONV_TOOLS_TCONV_BENCH_LAYERDATA_H
