//===- ForwardResultCopies.cpp - Results computed in their out-params -----===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// After --buffer-results-to-out-params, a result that is a reshaped view of
// a temporary is copied into its out-param at the end of the function. When
// the out-param has no other use, the temporary can be the out-param itself,
// seen through the inverse reshape, and the copy disappears.
//
//===----------------------------------------------------------------------===//

#include "tconv/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::tconv {
#define GEN_PASS_DEF_FORWARDRESULTCOPIES
#include "tconv/Transforms/Passes.h.inc"
} // namespace mlir::tconv

using namespace mlir;

namespace {

/// Whether `value` is an argument of the function around `op`'s body with
/// `op` as its only use: an out-param that nothing else reads or writes.
bool isOutParamOnlyUsedBy(Value value, Operation *op) {
  auto arg = dyn_cast<BlockArgument>(value);
  if (!arg || !value.hasOneUse())
    return false;
  auto func = dyn_cast<func::FuncOp>(arg.getOwner()->getParentOp());
  return func && func == op->getParentOp() &&
         arg.getOwner() == &func.getBody().front();
}

/// The alloc that `view` reshapes, if it is one: a static identity-layout
/// memref.alloc in `block`, and `view` has one use.
memref::AllocOp getReshapedAlloc(Operation *view, Block *block) {
  if (!view || !view->hasOneUse())
    return nullptr;
  Value source;
  if (auto expand = dyn_cast<memref::ExpandShapeOp>(view))
    source = expand.getSrc();
  else if (auto collapse = dyn_cast<memref::CollapseShapeOp>(view))
    source = collapse.getSrc();
  else
    return nullptr;
  auto alloc = source.getDefiningOp<memref::AllocOp>();
  if (!alloc || alloc->getBlock() != block ||
      !alloc.getType().hasStaticShape() ||
      !alloc.getType().getLayout().isIdentity())
    return nullptr;
  return alloc;
}

struct ForwardReshapedResultCopy : public OpRewritePattern<memref::CopyOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(memref::CopyOp copy,
                                PatternRewriter &rewriter) const override {
    Value target = copy.getTarget();
    if (!isOutParamOnlyUsedBy(target, copy))
      return rewriter.notifyMatchFailure(copy, "target is not an out-param");
    // Only the copies into the other out-params may follow, so that nothing
    // writes the alloc after its contents became the result.
    for (Operation *next = copy->getNextNode(); next;
         next = next->getNextNode())
      if (!isa<memref::CopyOp, func::ReturnOp>(next))
        return rewriter.notifyMatchFailure(copy, "not at the end");
    Operation *view = copy.getSource().getDefiningOp();
    memref::AllocOp alloc = getReshapedAlloc(view, copy->getBlock());
    if (!alloc || !cast<MemRefType>(target.getType()).getLayout().isIdentity())
      return rewriter.notifyMatchFailure(copy, "source is no reshaped alloc");

    // The out-param, reshaped back to the alloc's shape, at the alloc.
    rewriter.setInsertionPoint(alloc);
    Value replacement;
    if (auto expand = dyn_cast<memref::ExpandShapeOp>(view))
      replacement = memref::CollapseShapeOp::create(
          rewriter, alloc.getLoc(), target, expand.getReassociationIndices());
    else
      replacement = memref::ExpandShapeOp::create(
          rewriter, alloc.getLoc(), alloc.getType().getShape(), target,
          cast<memref::CollapseShapeOp>(view).getReassociationIndices());
    rewriter.eraseOp(copy);
    rewriter.eraseOp(view);
    rewriter.replaceOp(alloc, replacement);
    return success();
  }
};

struct ForwardResultCopiesPass
    : public tconv::impl::ForwardResultCopiesBase<ForwardResultCopiesPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<ForwardReshapedResultCopy>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }
};

} // namespace
