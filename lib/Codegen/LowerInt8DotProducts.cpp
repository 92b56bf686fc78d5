//===- LowerInt8DotProducts.cpp - i8 contractions to VPDPBUSD -------------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// A quantized convolution's register tile multiplies i8 inputs by i8
// weights into i32 accumulators. Vectorized as it is, each product is a
// widening i32 multiply (VPMULLD), no faster than f32. x86's VNNI
// instruction VPDPBUSD adds four u8 x s8 products into each i32 lane, four
// times the products of an FMA per instruction; the tile's reduction steps
// over four input channels on such targets (tconv-tile-and-vectorize), and
// this pass lowers the resulting contractions to it.
//
// The inputs are signed: x ^ 0x80 is x + 128 as u8, so VPDPBUSD computes
// sum x w + 128 sum w, and the second term, the same for every pixel of
// the tile, is subtracted again (one VPDPBUSD of 0x80 bytes by the weights
// per weight vector). The weights are interleaved ([c][f] -> [f][c]) once
// per weight vector, shared by the tile's pixels.
//
//===----------------------------------------------------------------------===//

#include "tconv/Codegen/Passes.h"
#include "tconv/Target/TargetModel.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::tconv {
#define GEN_PASS_DEF_LOWERINT8DOTPRODUCTS
#include "tconv/Codegen/Passes.h.inc"
} // namespace mlir::tconv

using namespace mlir;
using namespace mlir::tconv;

namespace {

/// Input channels a VPDPBUSD lane sums.
constexpr int64_t kDotGroup = 4;

/// The i8 vector `value` is sign-extended from, or null.
Value getSignExtendedI8(Value value) {
  auto ext = value.getDefiningOp<arith::ExtSIOp>();
  if (!ext)
    return nullptr;
  auto type = dyn_cast<VectorType>(ext.getIn().getType());
  return type && type.getElementType().isInteger(8) ? ext.getIn() : nullptr;
}

/// vector.contract (n, w, f, c): lhs (n, w, c) x rhs (c, f) -> acc (n, w, f)
/// with c of 4 and i8 operands sign-extended to i32 (what the linalg
/// vectorizer makes of a channels-last 1-D convolution's register tile),
/// as VPDPBUSD on `lanes`-wide i32 vectors.
struct ContractionToDotProducts
    : public OpRewritePattern<vector::ContractionOp> {
  ContractionToDotProducts(MLIRContext *ctx, int64_t lanes)
      : OpRewritePattern(ctx), lanes(lanes) {}

  LogicalResult matchAndRewrite(vector::ContractionOp op,
                                PatternRewriter &rewriter) const override {
    if (op.getKind() != vector::CombiningKind::ADD ||
        isa<vector::MaskOp>(op->getParentOp()))
      return rewriter.notifyMatchFailure(op, "not an unmasked sum");
    auto accType = dyn_cast<VectorType>(op.getAccType());
    if (!accType || !accType.getElementType().isInteger(32) ||
        accType.getRank() != 3 || accType.isScalable())
      return rewriter.notifyMatchFailure(op, "not an i32 (n, w, f) tile");
    Value lhs = getSignExtendedI8(op.getLhs());
    Value rhs = getSignExtendedI8(op.getRhs());
    if (!lhs || !rhs)
      return rewriter.notifyMatchFailure(op, "operands not extended i8");
    MLIRContext *ctx = op.getContext();
    AffineExpr n, w, f, c;
    bindDims(ctx, n, w, f, c);
    SmallVector<AffineExpr> lhsIndex = {n, w, c}, rhsIndex = {c, f},
                            accIndex = {n, w, f};
    SmallVector<AffineMap> expected = AffineMap::inferFromExprList(
        ArrayRef<ArrayRef<AffineExpr>>{lhsIndex, rhsIndex, accIndex}, ctx);
    if (op.getIndexingMapsArray() != expected)
      return rewriter.notifyMatchFailure(op, "not a convolution tile");
    ArrayRef<int64_t> lhsShape = cast<VectorType>(lhs.getType()).getShape();
    ArrayRef<int64_t> accShape = accType.getShape();
    int64_t channels = accShape[2];
    if (lhsShape[2] != kDotGroup || channels % lanes != 0)
      return rewriter.notifyMatchFailure(op, "not whole dot products");

    Location loc = op.getLoc();
    Type i8 = rewriter.getI8Type();
    auto bytesType = VectorType::get({kDotGroup * lanes}, i8);
    auto wordsType = VectorType::get({lanes}, rewriter.getI32Type());
    StringAttr intrinsic =
        rewriter.getStringAttr(lanes == 16 ? "llvm.x86.avx512.vpdpbusd.512"
                                           : "llvm.x86.avx512.vpdpbusd.256");
    auto dot = [&](Value acc, Value unsignedBytes, Value signedBytes) {
      return LLVM::CallIntrinsicOp::create(
                 rewriter, loc, wordsType, intrinsic,
                 ValueRange{acc, unsignedBytes, signedBytes})
          .getResult(0);
    };
    Value topBits = arith::ConstantOp::create(
        rewriter, loc,
        DenseElementsAttr::get(bytesType, rewriter.getIntegerAttr(i8, 0x80)));
    Value zeros = arith::ConstantOp::create(rewriter, loc,
                                            rewriter.getZeroAttr(wordsType));

    // Per block of `lanes` output channels: the weights as [f][c] bytes and
    // 128 times their sums over c.
    SmallVector<int64_t> pairMask, quadMask;
    for (int64_t i = 0; i < lanes; ++i)
      pairMask.append({i, lanes + i});
    for (int64_t i = 0; i < lanes; ++i)
      quadMask.append(
          {2 * i, 2 * i + 1, 2 * lanes + 2 * i, 2 * lanes + 2 * i + 1});
    SmallVector<Value> rows, weights, compensations;
    for (int64_t k = 0; k < kDotGroup; ++k)
      rows.push_back(vector::ExtractOp::create(rewriter, loc, rhs, k));
    for (int64_t block = 0; block < channels / lanes; ++block) {
      SmallVector<Value> parts;
      for (Value row : rows)
        parts.push_back(vector::ExtractStridedSliceOp::create(
            rewriter, loc, row, block * lanes, lanes, 1));
      Value low = vector::ShuffleOp::create(rewriter, loc, parts[0], parts[1],
                                            pairMask);
      Value high = vector::ShuffleOp::create(rewriter, loc, parts[2], parts[3],
                                             pairMask);
      Value interleaved =
          vector::ShuffleOp::create(rewriter, loc, low, high, quadMask);
      weights.push_back(interleaved);
      compensations.push_back(dot(zeros, topBits, interleaved));
    }

    Value result = op.getAcc();
    for (int64_t batch = 0; batch < accShape[0]; ++batch) {
      for (int64_t pixel = 0; pixel < accShape[1]; ++pixel) {
        SmallVector<int64_t> position = {batch, pixel};
        Value inputs = vector::ExtractOp::create(rewriter, loc, lhs, position);
        Value shifted =
            arith::XOrIOp::create(rewriter, loc, inputs,
                                  vector::ExtractStridedSliceOp::create(
                                      rewriter, loc, topBits, 0, kDotGroup, 1));
        Value word = vector::BitCastOp::create(
            rewriter, loc, VectorType::get({1}, rewriter.getI32Type()),
            shifted);
        Value broadcast = vector::BroadcastOp::create(
            rewriter, loc, wordsType,
            vector::ExtractOp::create(rewriter, loc, word, 0));
        Value inputBytes =
            vector::BitCastOp::create(rewriter, loc, bytesType, broadcast);
        Value accRow =
            vector::ExtractOp::create(rewriter, loc, result, position);
        for (int64_t block = 0; block < channels / lanes; ++block) {
          Value acc = vector::ExtractStridedSliceOp::create(
              rewriter, loc, accRow, block * lanes, lanes, 1);
          Value sum = dot(acc, inputBytes, weights[block]);
          sum = arith::SubIOp::create(rewriter, loc, sum, compensations[block]);
          accRow = vector::InsertStridedSliceOp::create(
              rewriter, loc, sum, accRow, block * lanes, 1);
        }
        result =
            vector::InsertOp::create(rewriter, loc, accRow, result, position);
      }
    }
    rewriter.replaceOp(op, result);
    return success();
  }

  int64_t lanes;
};

struct LowerInt8DotProductsPass
    : public tconv::impl::LowerInt8DotProductsBase<LowerInt8DotProductsPass> {
  using LowerInt8DotProductsBase::LowerInt8DotProductsBase;

  LogicalResult initialize(MLIRContext *ctx) override {
    FailureOr<TargetModel> model = getTargetModelForPass(
        ctx, getArgument(), targetTriple, targetCpu, targetFeatures);
    if (failed(model))
      return failure();
    dotProductBits = model->int8DotProductBits;
    return success();
  }

  void runOnOperation() override {
    if (dotProductBits == 0)
      return;
    RewritePatternSet patterns(&getContext());
    patterns.add<ContractionToDotProducts>(&getContext(), dotProductBits / 32);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }

  unsigned dotProductBits = 0;
};

} // namespace
