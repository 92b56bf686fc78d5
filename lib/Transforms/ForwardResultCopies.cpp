//===- ForwardResultCopies.cpp - Results computed in their out-params -----===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// After --buffer-results-to-out-params, a result that is a temporary, or a
// reshaped view of one, is copied into its out-param at the end of the
// function. When the out-param has no other use, the temporary can be the
// out-param itself (seen through the inverse reshape), and the copy
// disappears.
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

/// The alloc that `source` is, or reshapes (through expand_shape and
/// collapse_shape ops, `reshapes` collecting them from `source` on), if it
/// is one: an identity-layout memref.alloc in `block`.
memref::AllocOp getResultAlloc(Value source, Block *block,
                               SmallVectorImpl<Operation *> &reshapes) {
  while (isa_and_nonnull<memref::ExpandShapeOp, memref::CollapseShapeOp>(
      source.getDefiningOp())) {
    reshapes.push_back(source.getDefiningOp());
    source = source.getDefiningOp()->getOperand(0);
  }
  auto alloc = source.getDefiningOp<memref::AllocOp>();
  if (!alloc || alloc->getBlock() != block ||
      !alloc.getType().getLayout().isIdentity())
    return nullptr;
  return alloc;
}

/// Whether every user of `value` but `copy` comes before it: nothing reads
/// or writes the buffer after its contents became the result (a copy into
/// another out-param would then read this one).
bool isOnlyUsedBefore(Value value, memref::CopyOp copy) {
  return llvm::all_of(value.getUsers(), [&](Operation *user) {
    return user == copy || user->isBeforeInBlock(copy) ||
           user->getBlock() != copy->getBlock();
  });
}

struct ForwardResultCopy : public OpRewritePattern<memref::CopyOp> {
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
    SmallVector<Operation *> reshapes;
    memref::AllocOp alloc =
        getResultAlloc(copy.getSource(), copy->getBlock(), reshapes);
    if (!alloc || !cast<MemRefType>(target.getType()).getLayout().isIdentity())
      return rewriter.notifyMatchFailure(copy, "source is no (reshaped) alloc");
    if (!isOnlyUsedBefore(alloc, copy) ||
        llvm::any_of(reshapes, [&](Operation *reshape) {
          return !isOnlyUsedBefore(reshape->getResult(0), copy);
        }))
      return rewriter.notifyMatchFailure(copy, "alloc used after the copy");
    // A collapse re-expanded needs the sizes of its source: the alloc's, or
    // static ones.
    for (Operation *reshape : reshapes)
      if (isa<memref::CollapseShapeOp>(reshape) &&
          reshape->getOperand(0) != alloc.getResult() &&
          !cast<MemRefType>(reshape->getOperand(0).getType()).hasStaticShape())
        return rewriter.notifyMatchFailure(copy, "dynamic reshape");

    // The out-param, reshaped back to the alloc's shape, at the alloc; what
    // wrote through the views writes the out-param itself.
    rewriter.setInsertionPoint(alloc);
    Value replacement = target;
    for (Operation *reshape : reshapes) {
      if (auto expand = dyn_cast<memref::ExpandShapeOp>(reshape)) {
        replacement = memref::CollapseShapeOp::create(
            rewriter, alloc.getLoc(), replacement,
            expand.getReassociationIndices());
        continue;
      }
      auto collapse = cast<memref::CollapseShapeOp>(reshape);
      auto sourceType = cast<MemRefType>(collapse.getSrc().getType());
      SmallVector<OpFoldResult> sizes =
          collapse.getSrc() == alloc.getResult()
              ? alloc.getMixedSizes()
              : getAsIndexOpFoldResult(rewriter.getContext(),
                                       sourceType.getShape());
      replacement = memref::ExpandShapeOp::create(
          rewriter, alloc.getLoc(), sourceType.getShape(), replacement,
          collapse.getReassociationIndices(), sizes);
    }
    rewriter.eraseOp(copy);
    if (!reshapes.empty())
      rewriter.replaceOp(reshapes.front(), target);
    rewriter.replaceOp(alloc, replacement);
    return success();
  }
};

struct ForwardResultCopiesPass
    : public tconv::impl::ForwardResultCopiesBase<ForwardResultCopiesPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<ForwardResultCopy>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }
};

} // namespace
