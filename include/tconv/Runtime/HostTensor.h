//===- HostTensor.h - Arguments and results of JIT'ed functions -*- C++ -*-===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// The data tconv-run passes to and gets from a compiled function: dense
// row-major tensors of f32, f16 or bf16 in host memory, read from .npy files
// or generated from a seed, and written back as .npy.
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_RUNTIME_HOSTTENSOR_H
#define TCONV_RUNTIME_HOSTTENSOR_H

#include "tconv/Reference/Reference.h"
#include "tconv/Target/TargetModel.h"

#include "mlir/IR/Types.h"

#include <string>
#include <vector>

namespace mlir {
namespace func {
class FuncOp;
} // namespace func

namespace tconv::runtime {

/// A dense row-major tensor of f32, f16 or bf16 (bytes in the element type's
/// format).
struct HostTensor {
  Type elementType;
  SmallVector<int64_t> shape;
  std::vector<uint8_t> bytes;

  int64_t getNumElements() const;

  /// `values` rounded to `elementType`.
  static HostTensor fromFloats(Type elementType, ArrayRef<int64_t> shape,
                               ArrayRef<float> values);

  std::vector<double> toDoubles() const;
};

/// The reference's name of f32, f16 or bf16.
reference::ElementType getReferenceType(Type elementType);

/// The arguments of `func`, whose types checkSignature accepted: the float32
/// .npy files `files` (one per argument, shapes matching the argument types),
/// or random data from `seed` + the argument's position if `files` is empty.
FailureOr<SmallVector<HostTensor>> loadArguments(func::FuncOp func,
                                                 ArrayRef<std::string> files,
                                                 uint64_t seed,
                                                 ErrorReporter reportError);

/// Writes `tensor` to `path` as .npy: float16 for f16, float32 for f32 and
/// bf16.
LogicalResult writeNpy(StringRef path, const HostTensor &tensor,
                       ErrorReporter reportError);

} // namespace tconv::runtime
} // namespace mlir

#endif // TCONV_RUNTIME_HOSTTENSOR_H
