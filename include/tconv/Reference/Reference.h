//===- Reference.h - Oracle for transposed convolution ----------*- C++ -*-===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// The reference ("oracle") every lowering is checked against: a direct,
// deliberately naive evaluation of the scatter definition of the project's
// docs/algorithm.md in double precision, plus the error metric, the default
// tolerances and the deterministic random generator that tools and tests
// share.
//
// It is written independently of every lowering (no zero insertion, no
// gather, no phase decomposition) so that a mistake in one of those cannot be
// mirrored here. It depends on LLVM Support/ADT and Geometry.h only, so that
// it can be linked into tools without MLIR.
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_REFERENCE_REFERENCE_H
#define TCONV_REFERENCE_REFERENCE_H

#include "tconv/Dialect/TConv/Utils/Geometry.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace mlir::tconv::reference {

/// Evaluates the transposed convolution `p` in double precision by stamping
/// every input element, multiplied by every kernel tap, into the output and
/// dropping the stamps that fall outside [0, O).
///
/// Layouts (dense, row-major), with Cig = Cin/G and Cog = Cout/G:
///   channels-first: input (N, Cin, I...), weight (Cin, Cog, k...),
///                   output (N, Cout, O...);
///   channels-last:  input (N, I..., Cin), weight (Cout, k..., Cig),
///                   output (N, O..., Cout), where
///     out[n, o..., g*Cog+oc] += in[n, i..., g*Cig+ic] * w[g*Cog+oc, k..., ic].
/// `bias` is empty (no bias) or has Cout elements. The output shape is
/// p.getOutputShape().
///
/// Any padding and output padding for which the output sizes are >= 1 is
/// evaluated as defined; range checks such as op < max(s, dil) belong to the
/// verifier, not here. A problem that cannot be evaluated (no or more than 3
/// spatial dims, non-positive sizes, strides or dilations, groups not dividing
/// the channels, invalid output sizes, or buffer sizes that do not match the
/// shapes) is a programming error and aborts with a fatal error rather than
/// returning a wrong answer.
std::vector<double> convTranspose(const ConvTransposeProblem &p,
                                  llvm::ArrayRef<double> input,
                                  llvm::ArrayRef<double> weight,
                                  llvm::ArrayRef<double> bias);

/// Same as above for f32 data; the data is widened to double first, so the
/// result is the exact-as-possible answer for the given f32 inputs.
std::vector<double> convTranspose(const ConvTransposeProblem &p,
                                  llvm::ArrayRef<float> input,
                                  llvm::ArrayRef<float> weight,
                                  llvm::ArrayRef<float> bias);

/// The exact result of a quantized transposed convolution.
struct IntegerResult {
  /// The output, shaped as convTranspose's; every value exact.
  std::vector<int64_t> values;
  /// Index of the first value with no defined result, if any: for the
  /// convolution one outside the int32 range (the op's result is the exact
  /// sum in i32), so tests choose sizes and data for which it fits.
  std::optional<size_t> firstUndefined;
};

/// Evaluates the quantized transposed convolution `p` exactly: like
/// convTranspose, with every product (x - inputZeroPoint) *
/// (w - weightZeroPoint) and the bias added in int64. `input` holds the i8
/// or u8 values, `weight` the i8 values, `bias` (empty or Cout values) the
/// i32 ones; the same layouts and fatal errors as convTranspose, and a
/// fatal error for values or zero points outside [-128, 255].
IntegerResult convTransposeInt(const ConvTransposeProblem &p,
                               llvm::ArrayRef<int32_t> input,
                               llvm::ArrayRef<int32_t> weight,
                               llvm::ArrayRef<int32_t> bias,
                               int32_t inputZeroPoint, int32_t weightZeroPoint);

/// TOSA's RESCALE (the requantization of an i32 result), one element at a
/// time as the TOSA 1.0 specification defines it.
struct RescaleParams {
  /// One multiplier and shift for every element, or one per channel (the
  /// innermost dim) when `perChannel`.
  std::vector<int32_t> multipliers;
  std::vector<int32_t> shifts;
  bool perChannel = false;
  /// 32-bit multipliers (else 16-bit).
  bool scale32 = true;
  /// DOUBLE_ROUND (else SINGLE_ROUND): with a shift above 31, a value is
  /// first rounded at bit 31, as two-step frameworks do.
  bool doubleRound = false;
  int64_t inputZeroPoint = 0;
  int64_t outputZeroPoint = 0;
  /// The bit widths and signedness the integers are read and written with.
  unsigned inputBits = 32;
  unsigned outputBits = 8;
  bool inputUnsigned = false;
  bool outputUnsigned = false;
};

/// The rescaled values, saturated to the output type (in [0, 2^bits) when
/// unsigned); `input` holds the input's values as stored, the unsigned
/// ones either way. `firstUndefined` is the first element for which the
/// specification's requirements fail (the scaled value or the shifted
/// input outside their ranges): it has no defined result. A fatal error for
/// parameters the specification rejects (negative multipliers, shifts
/// outside [2, 62], sizes that do not match).
IntegerResult rescale(const RescaleParams &params,
                      llvm::ArrayRef<int64_t> input);

/// Result of comparing an implementation's output with the reference.
struct ErrorStats {
  /// max_i |actual[i] - expected[i]|; +inf if anything is non-finite.
  double maxAbsError = 0;
  /// The project's definition of "relative error": the normwise relative
  /// error maxAbsError / max(maxAbsExpected, 1e-30). It is normalised by the
  /// largest expected magnitude rather than element by element, because
  /// outputs of a convolution legitimately contain values close to zero
  /// (cancellation) whose elementwise relative error means nothing.
  /// +inf if anything is non-finite.
  double maxRelError = 0;
  /// max_i |expected[i]| over the finite expected values.
  double maxAbsExpected = 0;
  /// Index of the first element with the largest absolute error, or of the
  /// first non-finite element if there is one.
  size_t worstIndex = 0;
  /// Number of elements compared.
  size_t count = 0;
  /// True if any element of `actual` (or of `expected`) is NaN or infinite.
  bool hasNonFinite = false;
};

/// Compares `actual` with `expected` element by element. The two arrays must
/// have the same size: a mismatch is a programming error (asserted).
ErrorStats compareResults(llvm::ArrayRef<double> expected,
                          llvm::ArrayRef<double> actual);
ErrorStats compareResults(llvm::ArrayRef<double> expected,
                          llvm::ArrayRef<float> actual);

/// The element types results are computed in.
enum class ElementType { F32, F16, BF16 };
inline constexpr ElementType kElementTypes[] = {
    ElementType::F32, ElementType::F16, ElementType::BF16};

/// MLIR's name of `type`: f32, f16 or bf16.
llvm::StringRef getName(ElementType type);

/// The largest maxRelError a result of `type` passes with by default
/// (tconv-run --check; utils/random_configs.py asks tconv-run for it).
double getDefaultTolerance(ElementType type);

/// Fills `data` with values uniformly distributed in [-1, 1), from a
/// splitmix64 stream started at `seed`. The sequence is fully specified here
/// (unlike std::uniform_real_distribution, whose output differs between
/// standard libraries), so a seed names the same data on every platform.
/// Every value is k * 2^-23 - 1 for an integer k in [0, 2^24), hence exact in
/// f32.
void fillRandom(llvm::MutableArrayRef<float> data, uint64_t seed);

/// Fills `data` with integers in [low, high] (low <= high) from the same
/// splitmix64 stream: each value is low + (next value mod (high - low + 1)).
void fillRandomIntegers(llvm::MutableArrayRef<int32_t> data, uint64_t seed,
                        int32_t low, int32_t high);

} // namespace mlir::tconv::reference

#endif // TCONV_REFERENCE_REFERENCE_H
