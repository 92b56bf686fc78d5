//===- ForwardVectorTransfers.cpp - Tiles read back from tensors ----------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// Store-to-load forwarding of vector transfers on tensors where the written
// and read vectors differ in unit dims only (see the pass description).
//
//===----------------------------------------------------------------------===//

#include "tconv/Codegen/Passes.h"

#include "mlir/Dialect/Tensor/Transforms/Transforms.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::tconv {
#define GEN_PASS_DEF_FORWARDVECTORTRANSFERS
#include "tconv/Codegen/Passes.h.inc"
} // namespace mlir::tconv

using namespace mlir;

namespace {

/// The extent of each dim of the transfer's tensor that `transfer` covers,
/// or failure when its map broadcasts or transposes (the vector's elements
/// are then not in the tensor's order).
FailureOr<SmallVector<int64_t>>
getCoveredExtents(VectorTransferOpInterface transfer) {
  AffineMap map = transfer.getPermutationMap();
  SmallVector<int64_t> extents(map.getNumDims(), 1);
  int64_t previous = -1;
  for (auto [expr, size] :
       llvm::zip_equal(map.getResults(), transfer.getVectorType().getShape())) {
    auto dim = dyn_cast<AffineDimExpr>(expr);
    if (!dim || static_cast<int64_t>(dim.getPosition()) <= previous)
      return failure();
    previous = dim.getPosition();
    extents[dim.getPosition()] = size;
  }
  return extents;
}

bool isPlain(VectorTransferOpInterface transfer) {
  return !transfer.getMask() &&
         llvm::all_of(transfer.getInBoundsValues(),
                      [](bool inBounds) { return inBounds; });
}

/// transfer_read(transfer_write(v, t)[i])[i] of the same elements -> v.
struct ForwardWriteToRead : OpRewritePattern<vector::TransferReadOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(vector::TransferReadOp read,
                                PatternRewriter &rewriter) const override {
    auto write = read.getBase().getDefiningOp<vector::TransferWriteOp>();
    if (!write || !isa<RankedTensorType>(read.getBase().getType()) ||
        !isPlain(read) || !isPlain(write))
      return rewriter.notifyMatchFailure(read, "not a plain read of a write");
    if (!llvm::equal(
            read.getIndices(), write.getIndices(),
            [](Value a, Value b) { return isEqualConstantIntOrValue(a, b); }))
      return rewriter.notifyMatchFailure(read, "other indices");
    FailureOr<SmallVector<int64_t>> readExtents = getCoveredExtents(read);
    FailureOr<SmallVector<int64_t>> writeExtents = getCoveredExtents(write);
    if (failed(readExtents) || failed(writeExtents) ||
        *readExtents != *writeExtents)
      return rewriter.notifyMatchFailure(read, "other elements");
    Value vector = write.getVector();
    if (vector.getType() != read.getVectorType())
      vector = vector::ShapeCastOp::create(rewriter, read.getLoc(),
                                           read.getVectorType(), vector);
    rewriter.replaceOp(read, vector);
    return success();
  }
};

/// Whether `transfer` covers its whole tensor from index 0, in order.
bool coversWholeTensor(VectorTransferOpInterface transfer) {
  FailureOr<SmallVector<int64_t>> extents = getCoveredExtents(transfer);
  auto type = dyn_cast<RankedTensorType>(transfer.getShapedType());
  return succeeded(extents) && type && type.hasStaticShape() &&
         llvm::equal(*extents, type.getShape()) &&
         llvm::all_of(transfer.getIndices(),
                      [](Value index) { return isZeroInteger(index); });
}

/// transfer_read(expand_shape(transfer_write(v, t))) -> v, where both cover
/// their whole tensor: a reshape keeps the elements' order (a sub-pixel
/// convolution's tile, its output channels split into (C, residues), read
/// by the pixel shuffle).
struct ForwardWriteThroughExpand : OpRewritePattern<vector::TransferReadOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(vector::TransferReadOp read,
                                PatternRewriter &rewriter) const override {
    auto expand = read.getBase().getDefiningOp<tensor::ExpandShapeOp>();
    auto write = expand
                     ? expand.getSrc().getDefiningOp<vector::TransferWriteOp>()
                     : vector::TransferWriteOp();
    if (!write || !isPlain(read) || !isPlain(write) ||
        !coversWholeTensor(read) || !coversWholeTensor(write))
      return rewriter.notifyMatchFailure(
          read, "not a whole read of a reshaped whole write");
    rewriter.replaceOpWithNewOp<vector::ShapeCastOp>(read, read.getVectorType(),
                                                     write.getVector());
    return success();
  }
};

struct ForwardVectorTransfersPass
    : tconv::impl::ForwardVectorTransfersBase<ForwardVectorTransfersPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    tensor::populateFoldTensorSubsetOpPatterns(patterns);
    patterns.add<ForwardWriteToRead, ForwardWriteThroughExpand>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
