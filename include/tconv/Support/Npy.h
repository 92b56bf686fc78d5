//===- Npy.h - NumPy .npy files ---------------------------------*- C++ -*-===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// Reading and writing of NumPy's .npy format, the exchange format of
// `tconv-run` (inputs in, output out) and of the tests. Only the element
// types the tools compute with are supported: little-endian f16, f32, f64,
// int8, uint8 and int32 in C order. Anything else is rejected with a message
// that starts with the file path, because these files come from users and the
// message is all they get to see.
//
// The half and bfloat16 conversion helpers live here as well since the tools
// convert f16/bf16 function arguments to and from the f32 data of .npy files.
//
// This library depends on LLVM Support only, so that tools and tests can use
// it without MLIR.
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_SUPPORT_NPY_H
#define TCONV_SUPPORT_NPY_H

#include "tconv/Support/AlignedVector.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace mlir::tconv::npy {

/// The element types of a .npy file that we understand.
enum class DType { F16, F32, F64, I8, U8, I32 };

/// Returns the size in bytes of one element of `dtype`.
size_t getElementSize(DType dtype);

/// Returns NumPy's name of `dtype`: "float16", "float32", "float64", "int8",
/// "uint8" or "int32".
llvm::StringRef getName(DType dtype);

/// True for I8, U8 and I32.
bool isInteger(DType dtype);

/// Returns the .npy descr string of `dtype`: "<f2", "<f4", "<f8", "|i1",
/// "|u1" or "<i4".
llvm::StringRef getDescr(DType dtype);

/// An n-dimensional array in C (row-major) order. `bytes` holds the raw
/// elements in little-endian order, exactly as they are stored in the file,
/// so that reading and writing never reinterpret the data.
struct Array {
  /// Empty for a 0-d (scalar) array.
  llvm::SmallVector<int64_t> shape;
  DType dtype = DType::F32;
  /// On a cache line, so that kernels can take it as it is.
  AlignedVector<uint8_t> bytes;

  /// Returns the product of `shape` (1 for a 0-d array). In arrays returned
  /// by readNpy no product of dimensions overflows, in any order, even when
  /// one is 0 (NumPy's rule); for hand-built arrays the caller is
  /// responsible.
  int64_t getNumElements() const;
};

/// Reads the .npy file at `path`. Accepts format versions 1.0, 2.0 and 3.0
/// and little-endian (or, on little-endian hosts, native-order) f16, f32,
/// f64 and int32 data, and int8 and uint8 data, in C order. The file must hold
/// exactly the data its header describes: truncated files and trailing bytes
/// are both errors, since either one means the file is not what its writer
/// intended.
llvm::Expected<Array> readNpy(llvm::StringRef path);

/// Parses `contents`, the bytes of a .npy file, as readNpy does; error
/// messages start with `path`.
llvm::Expected<Array> parseNpy(llvm::StringRef contents, llvm::StringRef path);

/// Writes `array` to `path` in format version 1.0 (2.0 only if the header
/// does not fit in 64 KiB), with the data aligned to 64 bytes as NumPy does.
/// The file is written to a temporary in the same directory and renamed over
/// `path`, so readers never observe a partial file and a failure leaves
/// neither a partial `path` nor a temporary behind. Fails if `array.bytes`
/// does not match its shape and dtype.
llvm::Error writeNpy(llvm::StringRef path, const Array &array);

/// Returns the elements of `array` converted to float. This cannot fail: every
/// supported dtype converts to float (f64 and int32 with the usual rounding,
/// f64 values out of range becoming infinities), so it returns the values
/// rather than an Expected. `array.bytes` must match its shape and dtype.
std::vector<float> toFloat32(const Array &array);

/// Returns the elements of an integer (I8, U8 or I32) `array`, exactly.
std::vector<int32_t> toInt32(const Array &array);

/// Returns an integer array of `dtype` and `shape` holding `values`, each
/// truncated to the dtype's width (the caller keeps them in its range).
Array makeIntegerArray(llvm::ArrayRef<int64_t> shape, DType dtype,
                       llvm::ArrayRef<int32_t> values);

/// Returns an f32 array of `shape` holding `values`, which must have as many
/// elements as `shape` describes.
Array makeFloat32Array(llvm::ArrayRef<int64_t> shape,
                       llvm::ArrayRef<float> values);

/// Converts an IEEE binary16 bit pattern to float. Exact for all inputs,
/// including subnormals, infinities and NaN payloads.
float halfToFloat(uint16_t bits);

/// Converts a float to an IEEE binary16 bit pattern, rounding to nearest
/// with ties to even. Values at or above 65520 in magnitude become infinity;
/// NaNs stay (quiet) NaNs with the sign preserved.
uint16_t floatToHalf(float value);

/// Converts a bfloat16 bit pattern to float (exact).
float bf16ToFloat(uint16_t bits);

/// Converts a float to a bfloat16 bit pattern, rounding to nearest with ties
/// to even. NaNs stay (quiet) NaNs with the sign preserved; plain truncation
/// or rounding of the bits could turn a NaN into an infinity.
uint16_t floatToBf16(float value);

} // namespace mlir::tconv::npy

#endif // TCONV_SUPPORT_NPY_H
