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
// with only parallel loops whose payload does not read its init.
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
    SmallVector<OpFoldResult> high = padOp.getMixedHighPad();
    SmallVector<OpFoldResult> paddedSizes;
    AffineExpr s0, s1, s2;
    bindSymbols(rewriter.getContext(), s0, s1, s2);
    for (auto [size, low, hi] : llvm::zip_equal(sizes, offsets, high))
      paddedSizes.push_back(affine::makeComposedFoldedAffineApply(
          rewriter, loc, s0 + s1 + s2, {size, low, hi}));
    Type elementType = padOp.getResultType().getElementType();
    Value empty =
        tensor::EmptyOp::create(rewriter, loc, paddedSizes, elementType);
    Value filled =
        linalg::FillOp::create(rewriter, loc, paddingValue, empty).getResult(0);
    SmallVector<OpFoldResult> strides(offsets.size(), rewriter.getIndexAttr(1));
    Value interior = tensor::ExtractSliceOp::create(rewriter, loc, filled,
                                                    offsets, sizes, strides);
    Operation *fused = rewriter.clone(*producer);
    rewriter.modifyOpInPlace(fused, [&] {
      cast<linalg::LinalgOp>(fused).getDpsInitsMutable()[0].set(interior);
      fused->getResult(0).setType(interior.getType());
    });
    Value padded = tensor::InsertSliceOp::create(
        rewriter, loc, fused->getResult(0), filled, offsets, sizes, strides);
    // Folded sizes may be more static than the pad's result type.
    if (padded.getType() != padOp.getResultType())
      padded =
          tensor::CastOp::create(rewriter, loc, padOp.getResultType(), padded);
    rewriter.replaceOp(padOp, padded);
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
    AffineExpr s0, s1, s2;
    bindSymbols(rewriter.getContext(), s0, s1, s2);
    SmallVector<OpFoldResult> paddedSizes, offsets;
    for (auto [size, low, high] : llvm::zip_equal(
             tensor::getMixedSizes(rewriter, loc, fill.getOutputs()[0]),
             padOp.getMixedLowPad(), padOp.getMixedHighPad()))
      paddedSizes.push_back(affine::makeComposedFoldedAffineApply(
          rewriter, loc, s0 + s1 + s2, {size, low, high}));
    for (auto [offset, low] :
         llvm::zip_equal(insert.getMixedOffsets(), padOp.getMixedLowPad()))
      offsets.push_back(affine::makeComposedFoldedAffineApply(
          rewriter, loc, s0 + s1, {offset, low}));
    Value empty = tensor::EmptyOp::create(
        rewriter, loc, paddedSizes, padOp.getResultType().getElementType());
    Value filled =
        linalg::FillOp::create(rewriter, loc, paddingValue, empty).getResult(0);
    Value padded = tensor::InsertSliceOp::create(
        rewriter, loc, insert.getSource(), filled, offsets,
        insert.getMixedSizes(), insert.getMixedStrides());
    // Folded sizes may be more static than the pad's result type.
    if (padded.getType() != padOp.getResultType())
      padded =
          tensor::CastOp::create(rewriter, loc, padOp.getResultType(), padded);
    rewriter.replaceOp(padOp, padded);
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
