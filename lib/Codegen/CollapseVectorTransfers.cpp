//===- CollapseVectorTransfers.cpp - Transfers of whole memory rows ------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// A block of a transpose may be contiguous in memory across several dims: a
// channels-first pixel shuffle writes each channel's w x kw outputs of a row
// side by side, kw = 2 of them per input pixel. The transfer of that block,
// vector<16x8x2xi32>, would become 128 stores of two elements each; with its
// two innermost dims merged where memory allows, it is 16 stores of a whole
// register. Upstream's flattening (vector::populateFlattenVectorTransfer-
// Patterns) merges only transfers contiguous as a whole, which a block of
// 16 channels of a channels-first tensor is not.
//
//===----------------------------------------------------------------------===//

#include "tconv/Codegen/Passes.h"
#include "tconv/Target/TargetModel.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::tconv {
#define GEN_PASS_DEF_COLLAPSEVECTORTRANSFERS
#include "tconv/Codegen/Passes.h.inc"
} // namespace mlir::tconv

using namespace mlir;
using namespace mlir::tconv;

namespace {

/// The memref `op` transfers to or from, collapsed so that its two innermost
/// dims are one, with the transfer's indices into it; failure unless the
/// transfer's innermost vector dim is narrower than half of `vectorBits`
/// (wider ones fill a register or half of one, as the ops that use them
/// expect: an int8 tile's weights are rows of 32 bytes) and the merged one
/// fits in `vectorBits` (the X86 backend took minutes to legalize the
/// shuffles of a u8 transpose's 64 x i32 rows), and it covers whole rows
/// of the memref, which are contiguous.
template <typename TransferOp>
FailureOr<std::pair<Value, SmallVector<Value>>>
collapseInnermostDims(RewriterBase &rewriter, TransferOp op,
                      int64_t vectorBits) {
  auto memrefType = dyn_cast<MemRefType>(op.getShapedType());
  VectorType vectorType = op.getVectorType();
  int64_t rank = vectorType.getRank();
  Type elementType = vectorType.getElementType();
  if (!memrefType || rank < 2 || vectorType.isScalable() || op.getMask() ||
      op.hasOutOfBoundsDim() || !op.getPermutationMap().isMinorIdentity() ||
      !elementType.isIntOrFloat())
    return failure();
  int64_t rowSize = vectorType.getDimSize(rank - 1);
  int64_t rowBits = rowSize * elementType.getIntOrFloatBitWidth();
  int64_t memrefRank = memrefType.getRank();
  if (2 * rowBits >= vectorBits ||
      rowBits * vectorType.getDimSize(rank - 2) > vectorBits ||
      memrefType.getDimSize(memrefRank - 1) != rowSize)
    return failure();
  SmallVector<ReassociationIndices> reassociation;
  for (int64_t dim = 0; dim < memrefRank - 2; ++dim)
    reassociation.push_back({dim});
  reassociation.push_back({memrefRank - 2, memrefRank - 1});
  if (!memref::CollapseShapeOp::isGuaranteedCollapsible(memrefType,
                                                        reassociation))
    return failure();

  Location loc = op.getLoc();
  Value collapsed = memref::CollapseShapeOp::create(rewriter, loc, op.getBase(),
                                                    reassociation);
  SmallVector<Value> indices(op.getIndices());
  AffineExpr row, column;
  bindDims(rewriter.getContext(), row, column);
  OpFoldResult index = affine::makeComposedFoldedAffineApply(
      rewriter, loc, row * rowSize + column,
      {indices[memrefRank - 2], indices[memrefRank - 1]});
  indices.pop_back();
  indices.back() = getValueOrCreateConstantIndexOp(rewriter, loc, index);
  return std::make_pair(collapsed, indices);
}

/// Whether `vector`, to be written, is a transpose's result (a transposing
/// read's included). A transpose moves whole registers: rows of any width
/// suit it. Other vectors are tiles of a computation that uses them row by
/// row (an int8 tile broadcasts its input's rows of 4 bytes): merged, each
/// row would be a shuffle out of a wider register, and the X86 backend took
/// minutes to legalize 4-byte rows shuffled out of 64-byte ones. Shape
/// casts, this pass's own included, are looked through.
bool isTransposeResult(Value vector) {
  while (auto cast = vector.getDefiningOp<vector::ShapeCastOp>())
    vector = cast.getSource();
  if (auto read = vector.getDefiningOp<vector::TransferReadOp>())
    return !read.getPermutationMap().isMinorIdentity() &&
           read.getPermutationMap().isPermutation();
  return vector.getDefiningOp<vector::TransposeOp>() != nullptr;
}

/// Whether all that `read` loads goes to transposes (through shape casts).
bool isOnlyTransposed(Operation *read) {
  return !read->use_empty() &&
         llvm::all_of(read->getUsers(), [](Operation *user) {
           if (isa<vector::ShapeCastOp>(user))
             return isOnlyTransposed(user);
           return isa<vector::TransposeOp>(user);
         });
}

/// `type` with its two innermost dims merged.
VectorType getCollapsedVectorType(VectorType type) {
  SmallVector<int64_t> shape(type.getShape().drop_back());
  shape.back() *= type.getShape().back();
  return VectorType::get(shape, type.getElementType());
}

struct CollapseTransferRead : OpRewritePattern<vector::TransferReadOp> {
  CollapseTransferRead(MLIRContext *ctx, int64_t vectorBits)
      : OpRewritePattern(ctx), vectorBits(vectorBits) {}

  LogicalResult matchAndRewrite(vector::TransferReadOp op,
                                PatternRewriter &rewriter) const override {
    if (!isOnlyTransposed(op))
      return rewriter.notifyMatchFailure(op, "not moved by a transpose");
    auto collapsed = collapseInnermostDims(rewriter, op, vectorBits);
    if (failed(collapsed))
      return rewriter.notifyMatchFailure(op, "not whole contiguous rows");
    auto [base, indices] = *collapsed;
    SmallVector<bool> inBounds(op.getVectorType().getRank() - 1, true);
    Value read = vector::TransferReadOp::create(
        rewriter, op.getLoc(), getCollapsedVectorType(op.getVectorType()), base,
        indices, op.getPadding(), inBounds);
    rewriter.replaceOpWithNewOp<vector::ShapeCastOp>(op, op.getVectorType(),
                                                     read);
    return success();
  }

  int64_t vectorBits;
};

struct CollapseTransferWrite : OpRewritePattern<vector::TransferWriteOp> {
  CollapseTransferWrite(MLIRContext *ctx, int64_t vectorBits)
      : OpRewritePattern(ctx), vectorBits(vectorBits) {}

  LogicalResult matchAndRewrite(vector::TransferWriteOp op,
                                PatternRewriter &rewriter) const override {
    if (op->getNumResults() != 0)
      return rewriter.notifyMatchFailure(op, "writes a tensor");
    if (!isTransposeResult(op.getVector()))
      return rewriter.notifyMatchFailure(op, "not moved by a transpose");
    auto collapsed = collapseInnermostDims(rewriter, op, vectorBits);
    if (failed(collapsed))
      return rewriter.notifyMatchFailure(op, "not whole contiguous rows");
    auto [base, indices] = *collapsed;
    Value vector = vector::ShapeCastOp::create(
        rewriter, op.getLoc(), getCollapsedVectorType(op.getVectorType()),
        op.getVector());
    SmallVector<bool> inBounds(op.getVectorType().getRank() - 1, true);
    rewriter.replaceOpWithNewOp<vector::TransferWriteOp>(op, vector, base,
                                                         indices, inBounds);
    return success();
  }

  int64_t vectorBits;
};

struct CollapseVectorTransfersPass
    : tconv::impl::CollapseVectorTransfersBase<CollapseVectorTransfersPass> {
  using CollapseVectorTransfersBase::CollapseVectorTransfersBase;

  LogicalResult initialize(MLIRContext *ctx) override {
    FailureOr<TargetModel> model = getTargetModelForPass(
        ctx, getArgument(), targetTriple, targetCpu, targetFeatures);
    if (failed(model))
      return failure();
    vectorBits = model->vectorBits;
    return success();
  }

  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<CollapseTransferRead, CollapseTransferWrite>(&getContext(),
                                                              vectorBits);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }

  int64_t vectorBits = 0;
};

} // namespace
