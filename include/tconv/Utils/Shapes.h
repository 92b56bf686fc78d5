//===- Shapes.h - Sizes of shaped types -------------------------*- C++ -*-===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// The size the heuristics weigh a shaped type by where some of its dims are
// dynamic: the batch of a layer is usually one at compile time.
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_UTILS_SHAPES_H
#define TCONV_UTILS_SHAPES_H

#include "mlir/IR/BuiltinTypeInterfaces.h"

#include "llvm/Support/MathExtras.h"

namespace mlir::tconv {

/// The elements of `type`, its dynamic dims counted as 1, saturating at the
/// largest uint64_t.
inline uint64_t getStaticElementCount(ShapedType type) {
  uint64_t count = 1;
  for (int64_t size : type.getShape())
    if (!ShapedType::isDynamic(size))
      count = llvm::SaturatingMultiply(count, static_cast<uint64_t>(size));
  return count;
}

/// The bytes of `type`'s elements (integers or floats), its dynamic dims
/// counted as 1, saturating at the largest uint64_t.
inline uint64_t getStaticByteCount(ShapedType type) {
  return llvm::SaturatingMultiply(
      getStaticElementCount(type),
      static_cast<uint64_t>(type.getElementTypeBitWidth() / 8));
}

} // namespace mlir::tconv

#endif // TCONV_UTILS_SHAPES_H
