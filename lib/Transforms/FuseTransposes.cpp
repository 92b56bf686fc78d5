//===- FuseTransposes.cpp - Transposes into their elementwise neighbours --===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// Channels-first models computed channels-last (tconv-convs-to-channels-last,
// the conv_transpose lowerings) have a transpose back to (N, C, S...) after
// each convolution and one to (N, S..., C) before the next, with the
// elementwise operators of the model (activations, residual adds) between
// them. Each transpose is a pass over memory of its own. This pass fuses a
// transposing elementwise op (a `linalg.transpose`, or a `linalg.generic`
// that reads an operand through a permutation) with its elementwise
// producer or consumer, by upstream's elementwise op fusion: the chain
//
//   transpose to NCHW -> activation -> transpose to NHWC
//
// becomes one `linalg.generic` reading and writing NHWC. Only producers with
// a single use are fused, so no work is duplicated.
//
//===----------------------------------------------------------------------===//

#include "tconv/Transforms/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Linalg/Utils/Utils.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::tconv {
#define GEN_PASS_DEF_FUSETRANSPOSES
#include "tconv/Transforms/Passes.h.inc"
} // namespace mlir::tconv

using namespace mlir;

namespace {

/// An elementwise op on tensors with one result.
bool isFusableElementwise(linalg::LinalgOp op) {
  return op && op.hasPureTensorSemantics() && op->getNumResults() == 1 &&
         linalg::isElementwise(op) &&
         isa<linalg::GenericOp, linalg::TransposeOp, linalg::BroadcastOp>(
             op.getOperation());
}

/// Reads an operand through a permutation other than the identity.
bool isTransposing(linalg::LinalgOp op) {
  return llvm::any_of(op.getDpsInputOperands(), [&](OpOperand *operand) {
    AffineMap map = op.getMatchingIndexingMap(operand);
    return map.isPermutation() && !map.isIdentity();
  });
}

linalg::GenericOp generalize(RewriterBase &rewriter, linalg::LinalgOp op) {
  if (auto generic = dyn_cast<linalg::GenericOp>(op.getOperation()))
    return generic;
  rewriter.setInsertionPoint(op);
  FailureOr<linalg::GenericOp> generic =
      linalg::generalizeNamedOp(rewriter, op);
  return succeeded(generic) ? *generic : linalg::GenericOp();
}

struct FuseTransposeWithElementwise
    : OpInterfaceRewritePattern<linalg::LinalgOp> {
  using OpInterfaceRewritePattern::OpInterfaceRewritePattern;

  LogicalResult matchAndRewrite(linalg::LinalgOp consumer,
                                PatternRewriter &rewriter) const override {
    if (!isFusableElementwise(consumer))
      return rewriter.notifyMatchFailure(consumer, "not elementwise");
    for (OpOperand *operand : consumer.getDpsInputOperands()) {
      auto producer = operand->get().getDefiningOp<linalg::LinalgOp>();
      if (!isFusableElementwise(producer) || !producer->hasOneUse() ||
          (!isTransposing(producer) && !isTransposing(consumer)))
        continue;
      unsigned operandNumber = operand->getOperandNumber();
      bool generalized = !isa<linalg::GenericOp>(producer.getOperation()) ||
                         !isa<linalg::GenericOp>(consumer.getOperation());
      // Transposes and broadcasts have region builders: generalizing them
      // does not fail.
      linalg::GenericOp producerGeneric = generalize(rewriter, producer);
      linalg::GenericOp consumerGeneric = generalize(rewriter, consumer);
      assert(producerGeneric && consumerGeneric && "generalization failed");
      OpOperand &fused = consumerGeneric->getOpOperand(operandNumber);
      FailureOr<linalg::ElementwiseOpFusionResult> result = failure();
      if (linalg::areElementwiseOpsFusable(&fused)) {
        // The fused op takes the consumer's place: its init is defined
        // before the consumer, maybe after the producer.
        rewriter.setInsertionPoint(consumerGeneric);
        result = linalg::fuseElementwiseOps(rewriter, &fused);
      }
      if (failed(result)) {
        if (generalized)
          return success(); // The IR changed.
        continue;
      }
      for (auto [original, replacement] : result->replacements)
        rewriter.replaceAllUsesExcept(original, replacement, result->fusedOp);
      return success();
    }
    return rewriter.notifyMatchFailure(consumer, "no transposing pair");
  }
};

struct FuseTransposes : tconv::impl::FuseTransposesBase<FuseTransposes> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<FuseTransposeWithElementwise>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
