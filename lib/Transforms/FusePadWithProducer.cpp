//===- FusePadWithProducer.cpp - Producers write into padded tensors ------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// Upstream's populateFuseTensorPadWithProducerLinalgOpPatterns takes only
// linalg.generic producers; the producers here are named ops (the
// channels-last linalg.transpose of the input), which stay named so that
// later patterns still recognise them. This pattern takes any linalg op
// with only parallel loops whose payload does not read its init. A second
// one folds the padding of a zero insertion (an insert_slice into a fill of
// the padding value) into the insertion.
//
//===----------------------------------------------------------------------===//

#include "tconv/Transforms/Passes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::tconv {
#define GEN_PASS_DEF_FUSEPADWITHPRODUCER
#include "tconv/Transforms/Passes.h.inc"
} // namespace mlir::tconv

using namespace mlir;

namespace {

/// A tensor of `sizes` padded as `padOp` pads, filled with
/// `paddingValue`, its constant padding value.
Value createFilledPaddedTensor(PatternRewriter &rewriter, tensor::PadOp padOp,
                               Value paddingValue,
                               ArrayRef<OpFoldResult> sizes) {
  Location loc = padOp.getLoc();
  AffineExpr s0, s1, s2;
  bindSymbols(rewriter.getContext(), s0, s1, s2);
  SmallVector<OpFoldResult> paddedSizes;
  for (auto [size, low, high] :
       llvm::zip_equal(sizes, padOp.getMixedLowPad(), padOp.getMixedHighPad()))
    paddedSizes.push_back(affine::makeComposedFoldedAffineApply(
        rewriter, loc, s0 + s1 + s2, {size, low, high}));
  Value empty = tensor::EmptyOp::create(rewriter, loc, paddedSizes,
                                        padOp.getResultType().getElementType());
  return linalg::FillOp::create(rewriter, loc, paddingValue, empty)
      .getResult(0);
}

/// Replaces `padOp` by `padded`, cast to its type: folded sizes may be more
/// static than the pad's result type.
void replacePad(PatternRewriter &rewriter, tensor::PadOp padOp, Value padded) {
  if (padded.getType() != padOp.getResultType())
    padded = tensor::CastOp::create(rewriter, padOp.getLoc(),
                                    padOp.getResultType(), padded);
  rewriter.replaceOp(padOp, padded);
}

/// pad(producer(ins, outs = %init)) with a constant padding value becomes
///   %filled = linalg.fill %value into tensor.empty(padded sizes)
///   %interior = tensor.extract_slice %filled[low][source sizes]
///   %r = producer(ins, outs = %interior)
///   tensor.insert_slice %r into %filled[low][source sizes]
/// which bufferizes to one buffer written once per element (plus the fill).
struct FusePadWithParallelProducer : public OpRewritePattern<tensor::PadOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(tensor::PadOp padOp,
                                PatternRewriter &rewriter) const override {
    auto producer = padOp.getSource().getDefiningOp<linalg::LinalgOp>();
    if (!producer || !producer.hasPureTensorSemantics() ||
        producer->getNumResults() != 1 || !producer->hasOneUse() ||
        producer.getNumParallelLoops() != producer.getNumLoops())
      return rewriter.notifyMatchFailure(padOp, "no parallel linalg producer");
    OpOperand &init = producer.getDpsInitsMutable()[0];
    if (producer.payloadUsesValueFromOperand(&init))
      return rewriter.notifyMatchFailure(padOp, "the producer reads its init");
    Value paddingValue = padOp.getConstantPaddingValue();
    if (!paddingValue)
      return rewriter.notifyMatchFailure(padOp, "non-constant padding");

    // Sizes from the producer's init, which outlives the producer (dims of
    // the pad's source would be dims of the producer's result).
    Location loc = padOp.getLoc();
    SmallVector<OpFoldResult> sizes =
        tensor::getMixedSizes(rewriter, loc, init.get());
    SmallVector<OpFoldResult> offsets = padOp.getMixedLowPad();
    Value filled =
        createFilledPaddedTensor(rewriter, padOp, paddingValue, sizes);
    SmallVector<OpFoldResult> strides(offsets.size(), rewriter.getIndexAttr(1));
    Value interior = tensor::ExtractSliceOp::create(rewriter, loc, filled,
                                                    offsets, sizes, strides);
    Operation *fused = rewriter.clone(*producer);
    rewriter.modifyOpInPlace(fused, [&] {
      cast<linalg::LinalgOp>(fused).getDpsInitsMutable()[0].set(interior);
      fused->getResult(0).setType(interior.getType());
    });
    replacePad(rewriter, padOp,
               tensor::InsertSliceOp::create(rewriter, loc, fused->getResult(0),
                                             filled, offsets, sizes, strides));
    rewriter.eraseOp(producer);
    return success();
  }
};

/// pad(insert_slice(%src into fill(%v))) padding with %v (zero insertion)
/// becomes insert_slice(%src into fill(%v) of the padded sizes), the
/// offsets moved by the low padding: one tensor, filled once.
struct FoldPadOfInsertIntoFill : public OpRewritePattern<tensor::PadOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(tensor::PadOp padOp,
                                PatternRewriter &rewriter) const override {
    auto insert = padOp.getSource().getDefiningOp<tensor::InsertSliceOp>();
    auto fill = insert ? insert.getDest().getDefiningOp<linalg::FillOp>()
                       : linalg::FillOp();
    if (!fill || !insert->hasOneUse() || !fill->hasOneUse() ||
        !fill.hasPureTensorSemantics())
      return rewriter.notifyMatchFailure(padOp, "no insert into a fill");
    Value paddingValue = padOp.getConstantPaddingValue();
    Attribute padding, filling;
    if (!paddingValue || !matchPattern(paddingValue, m_Constant(&padding)) ||
        !matchPattern(fill.getInputs()[0], m_Constant(&filling)) ||
        padding != filling)
      return rewriter.notifyMatchFailure(padOp, "other padding value");

    // Sizes from the fill's init (dims of the pad's result would be dims of
    // the op replacing it).
    Location loc = padOp.getLoc();
    Value filled = createFilledPaddedTensor(
        rewriter, padOp, paddingValue,
        tensor::getMixedSizes(rewriter, loc, fill.getOutputs()[0]));
    AffineExpr s0, s1;
    bindSymbols(rewriter.getContext(), s0, s1);
    SmallVector<OpFoldResult> offsets;
    for (auto [offset, low] :
         llvm::zip_equal(insert.getMixedOffsets(), padOp.getMixedLowPad()))
      offsets.push_back(affine::makeComposedFoldedAffineApply(
          rewriter, loc, s0 + s1, {offset, low}));
    replacePad(rewriter, padOp,
               tensor::InsertSliceOp::create(
                   rewriter, loc, insert.getSource(), filled, offsets,
                   insert.getMixedSizes(), insert.getMixedStrides()));
    return success();
  }
};

struct FusePadWithProducerPass
    : public tconv::impl::FusePadWithProducerBase<FusePadWithProducerPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<FusePadWithParallelProducer, FoldPadOfInsertIntoFill>(
        &getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
