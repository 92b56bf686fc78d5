//===- ConstantFolding.h - Rearranging constant tensors ---------*- C++ -*-===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// Compile-time versions of the rearrangements the lowerings apply to
// weights, for weights that are constants: one rule, shared by the passes
// that rearrange (the conversion's flips, the codegen's filter blocks).
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_UTILS_CONSTANTFOLDING_H
#define TCONV_UTILS_CONSTANTFOLDING_H

#include "mlir/IR/AffineMap.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"

namespace mlir::tconv {

/// The float or integer constant of `targetType` whose element at index `i` is
/// `source`'s element at `sourceIndexMap(i)`: a gather, for any mix of
/// transposes, flips, slices and reshapes an affine map expresses.
DenseElementsAttr gatherElements(DenseElementsAttr source,
                                 RankedTensorType targetType,
                                 AffineMap sourceIndexMap);

} // namespace mlir::tconv

#endif // TCONV_UTILS_CONSTANTFOLDING_H
