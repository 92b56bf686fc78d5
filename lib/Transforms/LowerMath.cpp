//===- LowerMath.cpp - Math functions as polynomial approximations --------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// Upstream's math approximations and expansions, applied together: an
// expansion (tanh through exp, say) must not pre-empt a direct approximation,
// so the approximations have the higher benefit, and what an expansion
// produces (exp, log) is approximated in the same run.
//
//===----------------------------------------------------------------------===//

#include "tconv/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::tconv {
#define GEN_PASS_DEF_LOWERMATH
#include "tconv/Transforms/Passes.h.inc"
} // namespace mlir::tconv

using namespace mlir;

namespace {

struct LowerMathPass : tconv::impl::LowerMathBase<LowerMathPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    auto everyFunction = [](StringRef) { return true; };
    // f16 and bf16 operands are extended to f32 around the functions, which
    // the approximations handle in f32 only.
    populateMathF32ExpansionPatterns(patterns, everyFunction,
                                     /*benefit=*/3);
    populateMathPolynomialApproximationPatterns(patterns, everyFunction,
                                                /*benefit=*/2);
    // Not round and roundeven: upstream expands them through x + 0.5, which
    // rounds 0.49999997 to 1, and LLVM has them as intrinsics (VROUNDPS,
    // FRINTA/FRINTN).
    math::populateExpansionPatterns(
        patterns,
        {"ctlz", "sinh", "cosh", "tan", "tanh", "asinh", "acosh", "atanh",
         "fma", "ceil", "exp2", "powf", "fpowi", "rsqrt", "clampf"});
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }
};

} // namespace
