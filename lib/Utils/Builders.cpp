//===- Builders.cpp - Small IR builders shared by passes ------------------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//

#include "tconv/Utils/Builders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/IndexingUtils.h"

using namespace mlir;

SmallVector<int64_t> tconv::getActivationPermutation(int64_t rank,
                                                     bool toChannelsLast) {
  SmallVector<int64_t> permutation = {0};
  if (toChannelsLast) {
    llvm::append_range(permutation, llvm::seq<int64_t>(2, rank));
    permutation.push_back(1);
  } else {
    permutation.push_back(rank - 1);
    llvm::append_range(permutation, llvm::seq<int64_t>(1, rank - 1));
  }
  return permutation;
}

Value tconv::createTranspose(OpBuilder &b, Location loc, Value value,
                             ArrayRef<int64_t> permutation) {
  SmallVector<OpFoldResult> sizes =
      applyPermutation(tensor::getMixedSizes(b, loc, value), permutation);
  Value empty = tensor::EmptyOp::create(b, loc, sizes,
                                        getElementTypeOrSelf(value.getType()));
  return linalg::TransposeOp::create(b, loc, value, empty, permutation)
      ->getResult(0);
}

Value tconv::createZeroPadAtEnd(OpBuilder &b, Location loc, Value value,
                                unsigned dim, int64_t padding) {
  auto type = cast<RankedTensorType>(value.getType());
  SmallVector<OpFoldResult> low(type.getRank(), b.getIndexAttr(0));
  SmallVector<OpFoldResult> high(low);
  high[dim] = b.getIndexAttr(padding);
  Value zero = arith::ConstantOp::create(b, loc, type.getElementType(),
                                         b.getZeroAttr(type.getElementType()));
  return tensor::PadOp::create(b, loc, /*resultType=*/nullptr, value, low, high,
                               zero);
}

Value tconv::createRepeatedChannels(OpBuilder &b, Location loc, Value channels,
                                    ArrayRef<int64_t> shape) {
  auto type = cast<RankedTensorType>(channels.getType());
  auto resultType = RankedTensorType::get(shape, type.getElementType());
  return tensor::GenerateOp::create(
      b, loc, resultType, ValueRange{},
      [&](OpBuilder &nb, Location nl, ValueRange indices) {
        auto constant = [&](int64_t v) {
          return arith::ConstantIndexOp::create(nb, nl, v).getResult();
        };
        Value element = constant(0);
        for (auto [index, size] : llvm::zip_equal(indices, shape))
          element = arith::AddIOp::create(
              nb, nl, arith::MulIOp::create(nb, nl, element, constant(size)),
              index);
        Value channel = arith::RemUIOp::create(nb, nl, element,
                                               constant(type.getDimSize(0)));
        tensor::YieldOp::create(
            nb, nl,
            tensor::ExtractOp::create(nb, nl, channels, channel).getResult());
      });
}

bool tconv::isDefinedBefore(Value value, Operation *op) {
  if (!value.getParentRegion()->isAncestor(op->getParentRegion()))
    return false;
  Operation *def = value.getDefiningOp();
  if (!def)
    return true;
  Operation *ancestor = op->getBlock()->findAncestorOpInBlock(*def);
  return def->getBlock() != op->getBlock() ? ancestor == nullptr
                                           : def->isBeforeInBlock(op);
}
