//===- tconv-fuzz-npy.cpp - libFuzzer target for the .npy reader ----------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// Feeds each input as the bytes of a .npy file through what tconv-run does
// with a file of --inputs: npy::parseNpy (npy::readNpy on the file's
// contents), npy::toFloat32 (npy::toInt32 for integers), and the
// conversions of the values to f16 and
// bf16 and back (arguments of those types). A rejected file is a normal
// outcome. Bugs are crashes, sanitizer reports, hangs, allocations beyond
// libFuzzer's -malloc_limit_mb, and broken promises of tconv/Support/Npy.h,
// on which the target aborts:
// - an error message that does not start with the path;
// - an accepted array larger than the input, or whose bytes do not match its
//   shape and dtype, or a product of whose dimensions overflows int64 (the
//   tools multiply them in any order: sizes, row-major strides);
// - a conversion that differs from LLVM's APFloat (round to nearest, ties to
//   even; NaNs compare by sign only, payloads may differ).
//
//===----------------------------------------------------------------------===//

#include "tconv/Support/Npy.h"

#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/APInt.h"
#include "llvm/ADT/bit.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/MathExtras.h"

#include <cstdint>

using namespace llvm;
using namespace mlir::tconv;

static constexpr StringLiteral kPath = "fuzz.npy";

static void check(bool condition, const char *what) {
  if (!condition)
    report_fatal_error(Twine("tconv-fuzz-npy: ") + what);
}

/// Whether the products of `shape` in both orders the tools use (the element
/// count from the front, the row-major strides from the back) fit in int64_t.
static bool productsFit(ArrayRef<int64_t> shape) {
  int64_t product = 1;
  for (int64_t dim : shape)
    if (MulOverflow(product, dim, product))
      return false;
  product = 1;
  for (int64_t dim : llvm::reverse(shape))
    if (MulOverflow(product, dim, product))
      return false;
  return true;
}

/// Checks that `actual` holds the value of `expected`, bit for bit unless
/// both are NaNs.
static void checkSame(const APFloat &actual, const APFloat &expected,
                      const char *what) {
  if (expected.isNaN())
    check(actual.isNaN() && actual.isNegative() == expected.isNegative(), what);
  else
    check(actual.bitwiseIsEqual(expected), what);
}

/// Checks tconv's rounding of `value` to the 16-bit `bits` of `semantics`,
/// and the way back to float.
static void checkHalfConversions(float value, uint16_t bits,
                                 float (*toFloat)(uint16_t),
                                 const fltSemantics &semantics,
                                 const char *what) {
  bool losesInfo;
  APFloat expected(value);
  expected.convert(semantics, APFloat::rmNearestTiesToEven, &losesInfo);
  APFloat rounded(semantics, APInt(16, bits));
  checkSame(rounded, expected, what);
  rounded.convert(APFloat::IEEEsingle(), APFloat::rmNearestTiesToEven,
                  &losesInfo);
  checkSame(APFloat(toFloat(bits)), rounded, what);
}

/// The semantics of the elements of a float `dtype`.
static const fltSemantics &getSemantics(npy::DType dtype) {
  switch (dtype) {
  case npy::DType::F16:
    return APFloat::IEEEhalf();
  case npy::DType::F32:
    return APFloat::IEEEsingle();
  case npy::DType::F64:
    return APFloat::IEEEdouble();
  case npy::DType::I8:
  case npy::DType::U8:
  case npy::DType::I32:
    break;
  }
  llvm_unreachable("not a float DType");
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  Expected<npy::Array> array = npy::parseNpy(
      StringRef(reinterpret_cast<const char *>(data), size), kPath);
  if (!array) {
    std::string message = toString(array.takeError());
    check(StringRef(message).starts_with((kPath + ": ").str()),
          "error message without the path");
    return 0;
  }

  check(productsFit(array->shape), "a product of the dimensions overflows");
  size_t elementSize = npy::getElementSize(array->dtype);
  check(array->bytes.size() <= size &&
            array->bytes.size() ==
                static_cast<uint64_t>(array->getNumElements()) * elementSize,
        "the bytes do not match the shape");

  if (npy::isInteger(array->dtype)) {
    std::vector<int32_t> values = npy::toInt32(*array);
    bool isSigned = array->dtype != npy::DType::U8;
    for (auto [i, value] : llvm::enumerate(values)) {
      uint64_t bits = 0;
      for (size_t byte = 0; byte < elementSize; ++byte)
        bits |= uint64_t(array->bytes[i * elementSize + byte]) << (8 * byte);
      APInt expected(8 * elementSize, bits);
      check(value == (isSigned ? expected.getSExtValue()
                               : int64_t(expected.getZExtValue())),
            "toInt32");
    }
    return 0;
  }
  std::vector<float> values = npy::toFloat32(*array);
  const fltSemantics &semantics = getSemantics(array->dtype);
  bool losesInfo;
  for (auto [i, value] : llvm::enumerate(values)) {
    uint64_t bits = 0;
    for (size_t byte = 0; byte < elementSize; ++byte)
      bits |= uint64_t(array->bytes[i * elementSize + byte]) << (8 * byte);
    APFloat expected(semantics, APInt(8 * elementSize, bits));
    expected.convert(APFloat::IEEEsingle(), APFloat::rmNearestTiesToEven,
                     &losesInfo);
    checkSame(APFloat(value), expected, "toFloat32");
    checkHalfConversions(value, npy::floatToHalf(value), npy::halfToFloat,
                         APFloat::IEEEhalf(), "floatToHalf or halfToFloat");
    checkHalfConversions(value, npy::floatToBf16(value), npy::bf16ToFloat,
                         APFloat::BFloat(), "floatToBf16 or bf16ToFloat");
  }
  return 0;
}
