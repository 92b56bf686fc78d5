//===- LowerSignCasts.cpp - tconv.sign_cast as unrealized casts -----------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// tconv.sign_cast exists so that the vectorizer sees an elementwise op; once
// vectors are formed, the builtin cast says the same, and the LLVM lowering
// already folds it (ui8 and i8 are one LLVM type).
//
//===----------------------------------------------------------------------===//

#include "tconv/Transforms/Passes.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/WalkPatternRewriteDriver.h"
#include "tconv/Dialect/TConv/IR/TConvOps.h"

namespace mlir::tconv {
#define GEN_PASS_DEF_LOWERSIGNCASTS
#include "tconv/Transforms/Passes.h.inc"
} // namespace mlir::tconv

using namespace mlir;

namespace {

struct SignCastToUnrealizedCast : OpRewritePattern<tconv::SignCastOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(tconv::SignCastOp cast,
                                PatternRewriter &rewriter) const override {
    rewriter.replaceOpWithNewOp<UnrealizedConversionCastOp>(
        cast, cast.getType(), cast.getSource());
    return success();
  }
};

struct LowerSignCastsPass
    : tconv::impl::LowerSignCastsBase<LowerSignCastsPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<SignCastToUnrealizedCast>(&getContext());
    walkAndApplyPatterns(getOperation(), std::move(patterns));
  }
};

} // namespace
