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
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include "llvm/ADT/SetVector.h"

namespace mlir::tconv {
#define GEN_PASS_DEF_COLLAPSEVECTORTRANSFERS
#include "tconv/Codegen/Passes.h.inc"
} // namespace mlir::tconv

using namespace mlir;
using namespace mlir::tconv;

namespace {

/// How to collapse the memref `op` transfers to or from so that its two
/// innermost dims are one; none unless the transfer's innermost vector dim
/// is narrower than half of `vectorBits`
/// (wider ones fill a register or half of one, as the ops that use them
/// expect: an int8 tile's weights are rows of 32 bytes) and the merged one
/// fits in `vectorBits` (the X86 backend took minutes to legalize the
/// shuffles of a u8 transpose's 64 x i32 rows), and it covers whole rows
/// of the memref, which are contiguous.
template <typename TransferOp>
SmallVector<ReassociationIndices> getInnermostDimsCollapse(TransferOp op,
                                                           int64_t vectorBits) {
  auto memrefType = dyn_cast<MemRefType>(op.getShapedType());
  VectorType vectorType = op.getVectorType();
  int64_t rank = vectorType.getRank();
  Type elementType = vectorType.getElementType();
  if (!memrefType || rank < 2 || vectorType.isScalable() || op.getMask() ||
      op.hasOutOfBoundsDim() || !op.getPermutationMap().isMinorIdentity() ||
      !elementType.isIntOrFloat())
    return {};
  int64_t rowSize = vectorType.getDimSize(rank - 1);
  int64_t rowBits = rowSize * elementType.getIntOrFloatBitWidth();
  int64_t memrefRank = memrefType.getRank();
  if (2 * rowBits >= vectorBits ||
      rowBits * vectorType.getDimSize(rank - 2) > vectorBits ||
      memrefType.getDimSize(memrefRank - 1) != rowSize)
    return {};
  SmallVector<ReassociationIndices> reassociation;
  for (int64_t dim = 0; dim < memrefRank - 2; ++dim)
    reassociation.push_back({dim});
  reassociation.push_back({memrefRank - 2, memrefRank - 1});
  if (!memref::CollapseShapeOp::isGuaranteedCollapsible(memrefType,
                                                        reassociation))
    return {};
  return reassociation;
}

/// The memref `op` transfers to or from, collapsed so that its two innermost
/// dims are one, with the transfer's indices into it; failure where
/// getInnermostDimsCollapse finds none.
template <typename TransferOp>
FailureOr<std::pair<Value, SmallVector<Value>>>
collapseInnermostDims(RewriterBase &rewriter, TransferOp op,
                      int64_t vectorBits) {
  SmallVector<ReassociationIndices> reassociation =
      getInnermostDimsCollapse(op, vectorBits);
  if (reassociation.empty())
    return failure();
  int64_t memrefRank = op.getShapedType().getRank();
  int64_t rowSize = op.getVectorType().getShape().back();
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

/// `read` (collapseInnermostDims succeeds on it) as a read of its rows
/// merged, created at `read`.
Value createCollapsedRead(RewriterBase &rewriter, vector::TransferReadOp read,
                          int64_t vectorBits) {
  OpBuilder::InsertionGuard guard(rewriter);
  rewriter.setInsertionPoint(read);
  auto [base, indices] = *collapseInnermostDims(rewriter, read, vectorBits);
  SmallVector<bool> inBounds(read.getVectorType().getRank() - 1, true);
  return vector::TransferReadOp::create(
      rewriter, read.getLoc(), getCollapsedVectorType(read.getVectorType()),
      base, indices, read.getPadding(), inBounds);
}

/// Whether `read` broadcasts its value along the two innermost dims of its
/// vector (a per-channel scale read for a block of a channels-first
/// result's rows, each row one channel), unmasked.
bool isRowBroadcastRead(vector::TransferReadOp read) {
  ArrayRef<AffineExpr> results = read.getPermutationMap().getResults();
  auto isBroadcast = [](AffineExpr expr) {
    auto constant = dyn_cast<AffineConstantExpr>(expr);
    return constant && constant.getValue() == 0;
  };
  return !read.getMask() && results.size() >= 2 &&
         isBroadcast(results.back()) && isBroadcast(results.drop_back().back());
}

/// `read` (isRowBroadcastRead) as the same broadcast into its rows merged,
/// created at `read`.
Value createCollapsedBroadcastRead(RewriterBase &rewriter,
                                   vector::TransferReadOp read) {
  OpBuilder::InsertionGuard guard(rewriter);
  rewriter.setInsertionPoint(read);
  AffineMap map = read.getPermutationMap();
  AffineMap collapsedMap =
      AffineMap::get(map.getNumDims(), map.getNumSymbols(),
                     map.getResults().drop_back(), read.getContext());
  SmallVector<bool> inBounds = read.getInBoundsValues();
  inBounds.pop_back();
  return vector::TransferReadOp::create(
      rewriter, read.getLoc(), getCollapsedVectorType(read.getVectorType()),
      read.getBase(), read.getIndices(), AffineMapAttr::get(collapsedMap),
      read.getPadding(), /*mask=*/Value(), rewriter.getBoolArrayAttr(inBounds));
}

/// Whether `vector`, to be written, can be computed with its two innermost
/// dims merged: an elementwise expression of its shape whose leaves are
/// transpose results (at least one), splat constants, reads of whole rows
/// (the residual a channels-first pixel shuffle adds) and reads broadcast
/// along the rows (a batch norm's per-channel scale and shift). Collects
/// its ops but the transposes and constants into `ops`. Elementwise ops do
/// not care for the shape; row by row, a residual read and add of 16 x 8 x
/// 2 elements were 128 two-element moves each, and their epilogue cost
/// unet3d as much as its convolution.
bool isCollapsibleExpression(Value vector, int64_t vectorBits,
                             bool &hasTranspose,
                             llvm::SetVector<Operation *> &ops) {
  // Each merged row in one register, whatever its element type (an i32
  // result requantized to i8 merges i32 rows too).
  auto vectorType = cast<VectorType>(vector.getType());
  ArrayRef<int64_t> rows = vectorType.getShape().take_back(2);
  if (vectorType.getRank() < 2 ||
      rows[0] * rows[1] * vectorType.getElementTypeBitWidth() > vectorBits)
    return false;
  if (isTransposeResult(vector)) {
    hasTranspose = true;
    return true;
  }
  Operation *def = vector.getDefiningOp();
  if (!def)
    return false;
  if (auto constant = dyn_cast<arith::ConstantOp>(def)) {
    auto elements = dyn_cast<DenseElementsAttr>(constant.getValue());
    return elements && elements.isSplat();
  }
  if (!ops.insert(def))
    return true;
  if (auto read = dyn_cast<vector::TransferReadOp>(def))
    return isRowBroadcastRead(read) ||
           !getInnermostDimsCollapse(read, vectorBits).empty();
  if (!def->hasTrait<OpTrait::Elementwise>() || def->getNumResults() != 1 ||
      def->getNumRegions() != 0)
    return false;
  ArrayRef<int64_t> shape = vectorType.getShape();
  return llvm::all_of(def->getOperands(), [&](Value operand) {
    auto type = dyn_cast<VectorType>(operand.getType());
    if (!type)
      return !isa<ShapedType>(operand.getType());
    return type.getShape() == shape &&
           isCollapsibleExpression(operand, vectorBits, hasTranspose, ops);
  });
}

/// `vector` (isCollapsibleExpression) computed anew with its two innermost
/// dims merged, each op at its original's place; `collapsed` holds the
/// values merged so far, each built once however many uses it has.
Value buildCollapsedExpression(RewriterBase &rewriter, Value vector,
                               int64_t vectorBits,
                               llvm::DenseMap<Value, Value> &collapsed) {
  if (Value done = collapsed.lookup(vector))
    return done;
  auto type = getCollapsedVectorType(cast<VectorType>(vector.getType()));
  OpBuilder::InsertionGuard guard(rewriter);
  Value result;
  Operation *def = vector.getDefiningOp();
  if (isTransposeResult(vector)) {
    rewriter.setInsertionPointAfterValue(vector);
    result =
        vector::ShapeCastOp::create(rewriter, vector.getLoc(), type, vector);
  } else if (auto read = dyn_cast<vector::TransferReadOp>(def)) {
    result = isRowBroadcastRead(read)
                 ? createCollapsedBroadcastRead(rewriter, read)
                 : createCollapsedRead(rewriter, read, vectorBits);
  } else if (auto constant = dyn_cast<arith::ConstantOp>(def)) {
    rewriter.setInsertionPoint(def);
    result = arith::ConstantOp::create(
        rewriter, def->getLoc(), type,
        cast<DenseElementsAttr>(constant.getValue()).reshape(type));
  } else {
    IRMapping mapping;
    for (Value operand : def->getOperands())
      if (isa<VectorType>(operand.getType()))
        mapping.map(operand, buildCollapsedExpression(rewriter, operand,
                                                      vectorBits, collapsed));
    rewriter.setInsertionPoint(def);
    Operation *clone = rewriter.clone(*def, mapping);
    clone->getResult(0).setType(type);
    result = clone->getResult(0);
  }
  collapsed[vector] = result;
  return result;
}

struct CollapseTransferRead : OpRewritePattern<vector::TransferReadOp> {
  CollapseTransferRead(MLIRContext *ctx, int64_t vectorBits)
      : OpRewritePattern(ctx), vectorBits(vectorBits) {}

  LogicalResult matchAndRewrite(vector::TransferReadOp op,
                                PatternRewriter &rewriter) const override {
    if (!isOnlyTransposed(op))
      return rewriter.notifyMatchFailure(op, "not moved by a transpose");
    if (getInnermostDimsCollapse(op, vectorBits).empty())
      return rewriter.notifyMatchFailure(op, "not whole contiguous rows");
    Value read = createCollapsedRead(rewriter, op, vectorBits);
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
    bool hasTranspose = false;
    llvm::SetVector<Operation *> ops;
    if (!isCollapsibleExpression(op.getVector(), vectorBits, hasTranspose,
                                 ops) ||
        !hasTranspose)
      return rewriter.notifyMatchFailure(op, "not moved by a transpose");
    // Each op used only in the expression (or by the write): else it would
    // stay, computed row by row, beside its merged copy.
    for (Operation *expressionOp : ops)
      for (Operation *user : expressionOp->getUsers())
        if (user != op && !ops.contains(user))
          return rewriter.notifyMatchFailure(op, "a value used elsewhere");
    if (getInnermostDimsCollapse(op, vectorBits).empty())
      return rewriter.notifyMatchFailure(op, "not whole contiguous rows");
    llvm::DenseMap<Value, Value> collapsed;
    Value vector = buildCollapsedExpression(rewriter, op.getVector(),
                                            vectorBits, collapsed);
    auto [base, indices] = *collapseInnermostDims(rewriter, op, vectorBits);
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
