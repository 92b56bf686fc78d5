//===- FoldMemRefAliasOps.cpp - Fold memref views into accesses, soundly --===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// Upstream's fold-memref-alias-ops patterns, each guarded against LLVM 22's
// unsound folds of memref.expand_shape into multi-dimensional vector
// accesses (see the pass description).
// UPSTREAM(LLVM 22, llvm/llvm-project#177016): reported in the description
// of that pull request (closed; its rework of the pass landed in later
// ones); there is no issue. Canary: the UPSTREAM prefix of
// test/Transforms/fold-memref-alias-ops.mlir. Once it fails, this pass can
// give way to upstream's in lib/Pipelines/Pipelines.cpp.
//
//===----------------------------------------------------------------------===//

#include "tconv/Transforms/Passes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/MemRef/Transforms/Transforms.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "llvm/ADT/TypeSwitch.h"

namespace mlir::tconv {
#define GEN_PASS_DEF_FOLDMEMREFALIASOPS
#include "tconv/Transforms/Passes.h.inc"
} // namespace mlir::tconv

using namespace mlir;

namespace {
/// A vector access of a memref: the map from memref dims to vector dims
/// (vector.load and vector.store: the trailing dims), and whether each
/// vector dim stays in bounds.
struct VectorAccess {
  Value base;
  VectorType vectorType;
  AffineMap map;
  SmallVector<bool> inBounds;
};
} // namespace

static std::optional<VectorAccess> getVectorAccess(Operation *op) {
  auto transfer = [](auto xfer) -> std::optional<VectorAccess> {
    return VectorAccess{xfer.getBase(), xfer.getVectorType(),
                        xfer.getPermutationMap(), xfer.getInBoundsValues()};
  };
  // vector.load and vector.store access the trailing dims; outside the
  // bounds they are undefined, so they count as in bounds.
  auto loadOrStore = [](auto op) -> std::optional<VectorAccess> {
    Value base = op.getBase();
    VectorType type = op.getVectorType();
    return VectorAccess{base, type,
                        AffineMap::getMinorIdentityMap(
                            cast<MemRefType>(base.getType()).getRank(),
                            type.getRank(), base.getContext()),
                        SmallVector<bool>(type.getRank(), true)};
  };
  return TypeSwitch<Operation *, std::optional<VectorAccess>>(op)
      .Case<vector::TransferReadOp, vector::TransferWriteOp>(transfer)
      .Case<vector::LoadOp, vector::MaskedLoadOp, vector::StoreOp,
            vector::MaskedStoreOp>(loadOrStore)
      .Default([](Operation *) { return std::nullopt; });
}

/// Whether folding the view that `op` accesses into `op` keeps the accessed
/// elements. Folding maps vector dim i of an access of an `expand_shape`'s
/// trailing dims to the source's dim (sourceRank - vectorRank + i). That
/// holds if the source dim's group contains the expanded dim i is on: it is
/// then the innermost of its group (the later groups need the later dims),
/// so the strides agree. Where the access may leave the bounds, the bounds
/// must agree too: the group's other dims must be unit. An in-bounds unit
/// vector dim reads the one element its indices give, wherever it maps.
/// Folds of other views and of scalar accesses are sound.
static bool isSoundFold(Operation *op) {
  std::optional<VectorAccess> access = getVectorAccess(op);
  if (!access)
    return true;
  auto expand = access->base.getDefiningOp<memref::ExpandShapeOp>();
  if (!expand)
    return true;
  int64_t vectorRank = access->vectorType.getRank();
  int64_t expandedRank = expand.getResultType().getRank();
  int64_t sourceRank = expand.getSrcType().getRank();
  if (!access->map.isMinorIdentity() || sourceRank < vectorRank)
    return false;
  ArrayRef<int64_t> shape = expand.getResultType().getShape();
  SmallVector<ReassociationIndices> groups = expand.getReassociationIndices();
  for (int64_t i = 0; i < vectorRank; ++i) {
    bool inBounds = access->inBounds[i];
    if (inBounds && access->vectorType.getDimSize(i) == 1 &&
        !access->vectorType.getScalableDims()[i])
      continue;
    int64_t dim = expandedRank - vectorRank + i;
    const ReassociationIndices &group = groups[sourceRank - vectorRank + i];
    if (!llvm::is_contained(group, dim))
      return false;
    if (!inBounds && llvm::any_of(group, [&](int64_t other) {
          return other != dim && shape[other] != 1;
        }))
      return false;
  }
  return true;
}

namespace {
/// Applies `pattern` only to ops whose fold `isSoundFold` accepts.
class SoundFoldPattern : public RewritePattern {
public:
  explicit SoundFoldPattern(std::unique_ptr<RewritePattern> pattern)
      : RewritePattern(pattern->getRootKind()->getStringRef(),
                       pattern->getBenefit(), pattern->getContext()),
        pattern(std::move(pattern)) {
    setDebugName(this->pattern->getDebugName());
    setHasBoundedRewriteRecursion(this->pattern->hasBoundedRewriteRecursion());
  }

  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    if (!isSoundFold(op))
      return rewriter.notifyMatchFailure(op, "folding the view is unsound");
    return pattern->matchAndRewrite(op, rewriter);
  }

private:
  std::unique_ptr<RewritePattern> pattern;
};

struct FoldMemRefAliasOpsPass
    : public tconv::impl::FoldMemRefAliasOpsBase<FoldMemRefAliasOpsPass> {
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    RewritePatternSet upstream(ctx);
    memref::populateFoldMemRefAliasOpPatterns(upstream);
    RewritePatternSet patterns(ctx);
    for (std::unique_ptr<RewritePattern> &pattern :
         upstream.getNativePatterns())
      patterns.add(std::make_unique<SoundFoldPattern>(std::move(pattern)));
    // As upstream: a fold left when the driver stops is only a missed
    // simplification.
    (void)applyPatternsGreedily(getOperation(), std::move(patterns));
  }
};
} // namespace
