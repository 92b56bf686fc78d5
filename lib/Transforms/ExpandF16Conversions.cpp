//===- ExpandF16Conversions.cpp - f16 conversions as integer code ---------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// arith.extf f16 -> f32 and arith.truncf f32 -> f16 as integer arithmetic on
// the bits, for CPUs on which LLVM would otherwise call compiler-rt's (or
// libgcc's) __extendhfsf2 and __truncsfhf2: tconv's objects need only libc.
//
// Layouts: f32 is sign:1 exponent:8 (bias 127) mantissa:23, f16 is sign:1
// exponent:5 (bias 15) mantissa:10. Both conversions compute every case
// (zero and subnormal, normal, overflow, infinity and NaN) and select one,
// so that vectors need no branches.
//
//===----------------------------------------------------------------------===//

#include "tconv/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::tconv {
#define GEN_PASS_DEF_EXPANDF16CONVERSIONS
#include "tconv/Transforms/Passes.h.inc"
} // namespace mlir::tconv

using namespace mlir;

namespace {

/// Builds i32 arithmetic (and the few f32 and i16 ops around it) on values of
/// the shape of the converted value: a scalar or a vector.
class BitBuilder {
public:
  BitBuilder(PatternRewriter &rewriter, Location loc, Type shape)
      : b(loc, rewriter), shape(shape) {}

  /// `element`, as a scalar or as a vector of the converted shape.
  Type get(Type element) const {
    if (auto vector = dyn_cast<VectorType>(shape))
      return vector.clone(element);
    return element;
  }

  Value constant(uint32_t value) {
    return createScalarOrSplatConstant(b, b.getLoc(), get(b.getI32Type()),
                                       static_cast<int64_t>(value));
  }
  Value bitcast(Value value, Type element) {
    return arith::BitcastOp::create(b, get(element), value);
  }
  Value extend(Value i16) {
    return arith::ExtUIOp::create(b, get(b.getI32Type()), i16);
  }
  Value truncate(Value i32) {
    return arith::TruncIOp::create(b, get(b.getI16Type()), i32);
  }
  Value bitAnd(Value value, uint32_t mask) {
    return arith::AndIOp::create(b, value, constant(mask));
  }
  Value bitOr(Value lhs, Value rhs) {
    return arith::OrIOp::create(b, lhs, rhs);
  }
  Value add(Value lhs, Value rhs) { return arith::AddIOp::create(b, lhs, rhs); }
  Value add(Value value, uint32_t addend) {
    return add(value, constant(addend));
  }
  Value sub(Value value, uint32_t subtrahend) {
    return arith::SubIOp::create(b, value, constant(subtrahend));
  }
  Value shl(Value value, uint32_t bits) {
    return arith::ShLIOp::create(b, value, constant(bits));
  }
  Value shr(Value value, uint32_t bits) {
    return arith::ShRUIOp::create(b, value, constant(bits));
  }
  /// Compares with a constant (the predicates used are unsigned).
  Value compare(arith::CmpIPredicate predicate, Value value, uint32_t rhs) {
    return arith::CmpIOp::create(b, predicate, value, constant(rhs));
  }
  Value select(Value condition, Value ifTrue, Value ifFalse) {
    return arith::SelectOp::create(b, condition, ifTrue, ifFalse);
  }
  /// `bits` read as an f32, plus the f32 whose bits are `addend`, as bits.
  Value addAsF32(Value bits, uint32_t addend) {
    Type f32 = b.getF32Type();
    Value sum = arith::AddFOp::create(b, bitcast(bits, f32),
                                      bitcast(constant(addend), f32));
    return bitcast(sum, b.getI32Type());
  }

private:
  ImplicitLocOpBuilder b;
  Type shape;
};

/// Whether `type` is `element` or a vector of it.
bool isScalarOrVectorOf(Type type, Type element) {
  if (auto vector = dyn_cast<VectorType>(type))
    return vector.getElementType() == element;
  return type == element;
}

/// f16 -> f32, always exact.
struct ExpandExtF : public OpRewritePattern<arith::ExtFOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(arith::ExtFOp op,
                                PatternRewriter &rewriter) const override {
    Type f16 = rewriter.getF16Type(), f32 = rewriter.getF32Type();
    if (!isScalarOrVectorOf(op.getIn().getType(), f16) ||
        !isScalarOrVectorOf(op.getType(), f32))
      return rewriter.notifyMatchFailure(op, "not an f16 -> f32 extension");
    BitBuilder b(rewriter, op.getLoc(), op.getType());
    Value half = b.extend(b.bitcast(op.getIn(), rewriter.getI16Type()));
    Value sign = b.shl(b.bitAnd(half, 0x8000), 16);
    Value magnitude = b.bitAnd(half, 0x7fff);
    Value exponent = b.bitAnd(half, 0x7c00);
    // Exponent and mantissa moved to their f32 places; the exponent is still
    // biased by 15.
    Value shifted = b.shl(magnitude, 13);
    // Normal: rebias the exponent by 127 - 15 = 112.
    Value normal = b.add(shifted, 112u << 23);
    // Zero or subnormal (mantissa * 2^-24): with the exponent set to 1 and
    // rebiased, `shifted` reads as 2^-14 + mantissa * 2^-24, a normal f32;
    // subtracting 2^-14 leaves the value. The subtraction is exact and all of
    // its operands and its result are normal (or +0), so it holds under
    // flush-to-zero and denormals-are-zero too.
    Value subnormal =
        b.addAsF32(b.add(shifted, 113u << 23), 0x80000000u | (113u << 23));
    // Infinity or NaN: all-ones exponent, the payload kept; a NaN is quieted
    // (its top mantissa bit set), as the conversion instructions do.
    Value isNaN = b.compare(arith::CmpIPredicate::ugt, magnitude, 0x7c00);
    Value special = b.bitOr(shifted, b.select(isNaN, b.constant(0x7fc00000),
                                              b.constant(0x7f800000)));
    Value isZeroOrSubnormal = b.compare(arith::CmpIPredicate::eq, exponent, 0);
    Value isSpecial = b.compare(arith::CmpIPredicate::eq, exponent, 0x7c00);
    Value bits = b.bitOr(sign, b.select(isZeroOrSubnormal, subnormal,
                                        b.select(isSpecial, special, normal)));
    rewriter.replaceOp(op, b.bitcast(bits, f32));
    return success();
  }
};

/// f32 -> f16, rounded to nearest, ties to even.
struct ExpandTruncF : public OpRewritePattern<arith::TruncFOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(arith::TruncFOp op,
                                PatternRewriter &rewriter) const override {
    Type f16 = rewriter.getF16Type(), f32 = rewriter.getF32Type();
    if (!isScalarOrVectorOf(op.getIn().getType(), f32) ||
        !isScalarOrVectorOf(op.getType(), f16))
      return rewriter.notifyMatchFailure(op, "not an f32 -> f16 truncation");
    std::optional<arith::RoundingMode> mode = op.getRoundingmode();
    if (mode && *mode != arith::RoundingMode::to_nearest_even)
      return rewriter.notifyMatchFailure(op, "rounding mode is not nearest");
    BitBuilder b(rewriter, op.getLoc(), op.getType());
    Value bits = b.bitcast(op.getIn(), rewriter.getI32Type());
    Value sign = b.bitAnd(b.shr(bits, 16), 0x8000);
    Value magnitude = b.bitAnd(bits, 0x7fffffff);
    // The bits an f16 keeps (the top 10 mantissa bits, at the bottom, and
    // the exponent), and the lowest of them.
    Value kept = b.shr(magnitude, 13);
    Value odd = b.bitAnd(kept, 1);
    // Normal (from 2^-14): rebias the exponent by 15 - 127 and drop 13
    // mantissa bits, rounding by adding 0xfff plus the lowest kept bit: more
    // than half an ulp, or exactly half of an odd one, carries into the kept
    // bits. A carry out of the mantissa steps the exponent, up to infinity
    // for magnitudes from 65520 (halfway between 65504, the largest f16, and
    // 2^16), where the tie rounds to the even neighbour, 2^16.
    Value rebiased = b.sub(magnitude, 112u << 23);
    Value normal = b.shr(b.add(b.add(rebiased, 0xfff), odd), 13);
    // Below 2^-14 the result is subnormal or zero, a multiple of 2^-24: the
    // f32 sum of the magnitude and 0.5, whose ulp is 2^-24, is 0.5 plus the
    // magnitude rounded to nearest even in those units (carrying into the
    // smallest normal f16, 0x0400, at the top); the units are the bits above
    // those of 0.5. This is the one place that relies on the floating-point
    // rounding mode, round to nearest even, which the code generated by
    // LLVM assumes throughout. f32 subnormals, flushed or not, round to 0.
    Value subnormal = b.sub(b.addAsF32(magnitude, 0x3f000000), 0x3f000000);
    // NaN: quiet, sign and top payload bits kept.
    Value nan = b.bitOr(b.constant(0x7e00), b.bitAnd(kept, 0x3ff));
    Value isNaN = b.compare(arith::CmpIPredicate::ugt, magnitude, 0x7f800000);
    // From 2^16 on (and for infinity), infinity.
    Value isInfinite =
        b.compare(arith::CmpIPredicate::uge, magnitude, 0x47800000);
    Value isSubnormal =
        b.compare(arith::CmpIPredicate::ult, magnitude, 0x38800000);
    Value result = b.bitOr(
        sign, b.select(isNaN, nan,
                       b.select(isInfinite, b.constant(0x7c00),
                                b.select(isSubnormal, subnormal, normal))));
    rewriter.replaceOp(op, b.bitcast(b.truncate(result), f16));
    return success();
  }
};

struct ExpandF16ConversionsPass
    : public tconv::impl::ExpandF16ConversionsBase<ExpandF16ConversionsPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<ExpandExtF, ExpandTruncF>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
