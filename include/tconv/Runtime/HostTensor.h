//===- HostTensor.h - Arguments and results of JIT'ed functions -*- C++ -*-===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// The data tconv-run passes to and gets from a compiled function: dense
// row-major tensors of f32, f16, bf16, i8, ui8 or i32 in host memory, read
// from .npy files or generated from a seed, and written back as .npy.
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_RUNTIME_HOSTTENSOR_H
#define TCONV_RUNTIME_HOSTTENSOR_H

#include "tconv/Reference/Reference.h"
#include "tconv/Support/AlignedVector.h"
#include "tconv/Target/TargetModel.h"

#include "mlir/IR/Types.h"

#include <string>
#include <vector>

namespace mlir {
namespace func {
class FuncOp;
} // namespace func

namespace tconv::runtime {

/// A dense row-major tensor of f32, f16, bf16, i8, ui8 or i32 (bytes in the
/// element type's format).
struct HostTensor {
  Type elementType;
  SmallVector<int64_t> shape;
  /// On a cache line, as a framework's tensors are (AlignedVector.h).
  AlignedVector<uint8_t> bytes;

  int64_t getNumElements() const;

  /// `values` rounded to `elementType`.
  static HostTensor fromFloats(Type elementType, ArrayRef<int64_t> shape,
                               ArrayRef<float> values);

  /// `values` (in the range of `elementType`, an integer type) truncated to
  /// its width.
  static HostTensor fromIntegers(Type elementType, ArrayRef<int64_t> shape,
                                 ArrayRef<int32_t> values);

  /// The values of a float tensor.
  std::vector<double> toDoubles() const;
  /// The values of an integer tensor, exactly.
  std::vector<int32_t> toIntegers() const;
};

/// True for the element types tconv-run passes: f32, f16, bf16, i8, ui8 and
/// i32.
bool isSupportedElementType(Type elementType);

/// The reference's name of f32, f16 or bf16.
reference::ElementType getReferenceType(Type elementType);

/// The arguments of `func`, whose types checkSignature accepted: the .npy
/// files `files` (one per argument, float32 for float arguments, int8, uint8
/// or int32 for i8, ui8 or i32 ones, shapes matching the argument types), or
/// random data from `seed` + the argument's position if `files` is empty
/// (floats in [-1, 1), i8 and ui8 over their whole range, i32 in
/// [-2^16, 2^16]).
FailureOr<SmallVector<HostTensor>> loadArguments(func::FuncOp func,
                                                 ArrayRef<std::string> files,
                                                 uint64_t seed,
                                                 ErrorReporter reportError);

/// Writes `tensor` to `path` as .npy: float16 for f16, float32 for f32 and
/// bf16, int8, uint8 or int32 for i8, ui8 or i32.
LogicalResult writeNpy(StringRef path, const HostTensor &tensor,
                       ErrorReporter reportError);

} // namespace tconv::runtime
} // namespace mlir

#endif // TCONV_RUNTIME_HOSTTENSOR_H
