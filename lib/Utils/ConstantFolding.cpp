//===- ConstantFolding.cpp - Rearranging constant tensors -----------------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//

#include "tconv/Utils/ConstantFolding.h"

#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/APInt.h"
#include "llvm/ADT/STLExtras.h"

using namespace mlir;

/// gatherElements over the values of `source` as T (APFloat or APInt).
template <typename T>
static DenseElementsAttr gatherAs(DenseElementsAttr source,
                                  RankedTensorType targetType,
                                  AffineMap sourceIndexMap) {
  SmallVector<T> sourceValues(source.getValues<T>());
  ArrayRef<int64_t> sourceShape = source.getType().getShape();
  ArrayRef<int64_t> targetShape = targetType.getShape();
  SmallVector<T> targetValues;
  targetValues.reserve(targetType.getNumElements());
  SmallVector<int64_t> index(targetShape.size(), 0);
  for (int64_t linear = 0, e = targetType.getNumElements(); linear < e;
       ++linear) {
    SmallVector<int64_t, 4> sourceIndex = sourceIndexMap.compose(index);
    int64_t sourceLinear = 0;
    for (auto [i, size] : llvm::zip_equal(sourceIndex, sourceShape))
      sourceLinear = sourceLinear * size + i;
    targetValues.push_back(sourceValues[sourceLinear]);
    // Advance the row-major multi-index.
    for (int64_t d = targetShape.size() - 1; d >= 0; --d) {
      if (++index[d] < targetShape[d])
        break;
      index[d] = 0;
    }
  }
  return DenseElementsAttr::get(targetType, targetValues);
}

DenseElementsAttr tconv::gatherElements(DenseElementsAttr source,
                                        RankedTensorType targetType,
                                        AffineMap sourceIndexMap) {
  if (source.isSplat())
    return source.resizeSplat(targetType);
  if (isa<IntegerType>(source.getElementType()))
    return gatherAs<APInt>(source, targetType, sourceIndexMap);
  return gatherAs<APFloat>(source, targetType, sourceIndexMap);
}
