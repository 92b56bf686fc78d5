//===- LeakyReluAsMaximum.cpp - LeakyReLU as a maximum, exactly -----------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// A LeakyReLU in an epilogue, x > 0 ? x : c * x, took three vector
// instructions on x86 besides the multiply (compare, then a blend or a
// masked move); with 0 < c <= 1 it is the larger of x and c * x, whose
// select form LLVM turns into one VMAXPS.
//
//===----------------------------------------------------------------------===//

#include "tconv/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::tconv {
#define GEN_PASS_DEF_LEAKYRELUASMAXIMUM
#include "tconv/Transforms/Passes.h.inc"
} // namespace mlir::tconv

using namespace mlir;

namespace {

/// Whether `value` is a constant (scalar or splat) 0 < c <= 1.
bool isSlope(Value value) {
  APFloat slope(0.0);
  if (!matchPattern(value, m_ConstantFloat(&slope)))
    return false;
  return slope.isFiniteNonZero() && !slope.isNegative() &&
         slope.compare(APFloat::getOne(slope.getSemantics())) !=
             APFloat::cmpGreaterThan;
}

/// Whether `value` is a constant (scalar or splat) zero of either sign.
bool isZero(Value value) {
  APFloat zero(0.0);
  return matchPattern(value, m_ConstantFloat(&zero)) && zero.isZero();
}

/// `x * c` or `c * x` with c a slope: c * x.
Value matchScaled(Value value, Value x) {
  auto multiply = value.getDefiningOp<arith::MulFOp>();
  if (!multiply)
    return {};
  Value lhs = multiply.getLhs(), rhs = multiply.getRhs();
  if ((lhs == x && isSlope(rhs)) || (rhs == x && isSlope(lhs)))
    return value;
  return {};
}

/// x > 0 ? x : c * x, with the compare in any order and strictness, ordered
/// or not (NaN gives NaN either way), and x < 0 ? c * x : x.
struct LeakyReluAsMaximumPattern : OpRewritePattern<arith::SelectOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(arith::SelectOp select,
                                PatternRewriter &rewriter) const override {
    auto compare = select.getCondition().getDefiningOp<arith::CmpFOp>();
    if (!compare)
      return failure();
    // As a compare of x with zero: whether it holds where x is positive.
    bool zeroOnLeft = isZero(compare.getLhs());
    if (!zeroOnLeft && !isZero(compare.getRhs()))
      return failure();
    Value x = zeroOnLeft ? compare.getRhs() : compare.getLhs();
    bool greater;
    switch (compare.getPredicate()) {
    case arith::CmpFPredicate::OGT:
    case arith::CmpFPredicate::OGE:
    case arith::CmpFPredicate::UGT:
    case arith::CmpFPredicate::UGE:
      greater = true;
      break;
    case arith::CmpFPredicate::OLT:
    case arith::CmpFPredicate::OLE:
    case arith::CmpFPredicate::ULT:
    case arith::CmpFPredicate::ULE:
      greater = false;
      break;
    default:
      return failure();
    }
    bool positive = greater != zeroOnLeft;
    Value kept = positive ? select.getTrueValue() : select.getFalseValue();
    Value scaled = matchScaled(
        positive ? select.getFalseValue() : select.getTrueValue(), x);
    if (kept != x || !scaled)
      return failure();
    Value larger = arith::CmpFOp::create(rewriter, compare.getLoc(),
                                         arith::CmpFPredicate::OGT, x, scaled);
    rewriter.replaceOpWithNewOp<arith::SelectOp>(select, larger, x, scaled);
    return success();
  }
};

struct LeakyReluAsMaximumPass
    : tconv::impl::LeakyReluAsMaximumBase<LeakyReluAsMaximumPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<LeakyReluAsMaximumPattern>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }
};

} // namespace
