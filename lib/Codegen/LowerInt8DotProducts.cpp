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
#include "mlir/Dialect/SCF/IR/SCF.h"
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

/// A contraction the dot products compute: vector.contract (n, w, f, c):
/// lhs (n, w, c) x rhs (c, f) -> acc (n, w, f) with c of 4 and i8 operands
/// sign-extended to i32 (what the linalg vectorizer makes of a
/// channels-last 1-D convolution's register tile), f in whole vectors of
/// `lanes` i32.
struct DotProductTile {
  Value lhs, rhs;
  VectorType accType;
};

FailureOr<DotProductTile> matchTile(vector::ContractionOp op, int64_t lanes) {
  if (op.getKind() != vector::CombiningKind::ADD ||
      isa<vector::MaskOp>(op->getParentOp()))
    return failure();
  auto accType = dyn_cast<VectorType>(op.getAccType());
  if (!accType || !accType.getElementType().isInteger(32) ||
      accType.getRank() != 3 || accType.isScalable())
    return failure();
  Value lhs = getSignExtendedI8(op.getLhs());
  Value rhs = getSignExtendedI8(op.getRhs());
  if (!lhs || !rhs)
    return failure();
  MLIRContext *ctx = op.getContext();
  AffineExpr n, w, f, c;
  bindDims(ctx, n, w, f, c);
  SmallVector<AffineExpr> lhsIndex = {n, w, c}, rhsIndex = {c, f},
                          accIndex = {n, w, f};
  SmallVector<AffineMap> expected = AffineMap::inferFromExprList(
      ArrayRef<ArrayRef<AffineExpr>>{lhsIndex, rhsIndex, accIndex}, ctx);
  if (op.getIndexingMapsArray() != expected)
    return failure();
  if (cast<VectorType>(lhs.getType()).getDimSize(2) != kDotGroup ||
      accType.getDimSize(2) % lanes != 0)
    return failure();
  return DotProductTile{lhs, rhs, accType};
}

/// Builds VPDPBUSD code on `lanes`-wide i32 vectors.
class DotProductBuilder {
public:
  DotProductBuilder(RewriterBase &rewriter, Location loc, int64_t lanes)
      : rewriter(rewriter), loc(loc), lanes(lanes),
        bytesType(VectorType::get({kDotGroup * lanes}, rewriter.getI8Type())),
        wordsType(VectorType::get({lanes}, rewriter.getI32Type())) {}

  /// acc + sum over each lane's four byte pairs of u8 x s8.
  Value dot(Value acc, Value unsignedBytes, Value signedBytes) {
    StringAttr intrinsic =
        rewriter.getStringAttr(lanes == 16 ? "llvm.x86.avx512.vpdpbusd.512"
                                           : "llvm.x86.avx512.vpdpbusd.256");
    return LLVM::CallIntrinsicOp::create(
               rewriter, loc, wordsType, intrinsic,
               ValueRange{acc, unsignedBytes, signedBytes})
        .getResult(0);
  }

  /// 0x80 in every byte of `type`.
  Value getTopBits(VectorType type) {
    return arith::ConstantOp::create(
        rewriter, loc,
        DenseElementsAttr::get(
            type, rewriter.getIntegerAttr(rewriter.getI8Type(), 0x80)));
  }

  Value getZeros() {
    return arith::ConstantOp::create(rewriter, loc,
                                     rewriter.getZeroAttr(wordsType));
  }

  /// The (c, f) weight rows of `tile` as (f, c) bytes, one vector per block
  /// of `lanes` output channels.
  SmallVector<Value> interleaveWeights(const DotProductTile &tile) {
    SmallVector<int64_t> pairMask, quadMask;
    for (int64_t i = 0; i < lanes; ++i)
      pairMask.append({i, lanes + i});
    for (int64_t i = 0; i < lanes; ++i)
      quadMask.append(
          {2 * i, 2 * i + 1, 2 * lanes + 2 * i, 2 * lanes + 2 * i + 1});
    SmallVector<Value> rows, weights;
    for (int64_t k = 0; k < kDotGroup; ++k)
      rows.push_back(vector::ExtractOp::create(rewriter, loc, tile.rhs, k));
    for (int64_t block = 0; block < getBlocks(tile); ++block) {
      SmallVector<Value> parts;
      for (Value row : rows)
        parts.push_back(vector::ExtractStridedSliceOp::create(
            rewriter, loc, row, block * lanes, lanes, 1));
      Value low = vector::ShuffleOp::create(rewriter, loc, parts[0], parts[1],
                                            pairMask);
      Value high = vector::ShuffleOp::create(rewriter, loc, parts[2], parts[3],
                                             pairMask);
      weights.push_back(
          vector::ShuffleOp::create(rewriter, loc, low, high, quadMask));
    }
    return weights;
  }

  /// `acc` plus the products of `tile`, the inputs taken as u8 (x + 128):
  /// too large by 128 times the weights' sums, per block.
  Value accumulateShifted(const DotProductTile &tile, Value acc,
                          ArrayRef<Value> weights) {
    Value topBits = getTopBits(VectorType::get({kDotGroup}, i8()));
    return forEachBlock(tile, acc, [&](ArrayRef<int64_t> position) {
      Value inputs =
          vector::ExtractOp::create(rewriter, loc, tile.lhs, position);
      Value shifted = arith::XOrIOp::create(rewriter, loc, inputs, topBits);
      Value word = vector::BitCastOp::create(
          rewriter, loc, VectorType::get({1}, rewriter.getI32Type()), shifted);
      Value broadcast = vector::BroadcastOp::create(
          rewriter, loc, wordsType,
          vector::ExtractOp::create(rewriter, loc, word, 0));
      Value inputBytes =
          vector::BitCastOp::create(rewriter, loc, bytesType, broadcast);
      return [=](Value block, int64_t index) {
        return dot(block, inputBytes, weights[index]);
      };
    });
  }

  /// `acc` minus `compensations` (one per block) at every pixel.
  Value subtract(const DotProductTile &tile, Value acc,
                 ArrayRef<Value> compensations) {
    return forEachBlock(tile, acc, [&](ArrayRef<int64_t>) {
      return [=](Value block, int64_t index) -> Value {
        return arith::SubIOp::create(rewriter, loc, block,
                                     compensations[index]);
      };
    });
  }

  /// 128 times the weights' sums over their four channels, added to `acc`
  /// (one per block).
  SmallVector<Value> addCompensations(ArrayRef<Value> accs,
                                      ArrayRef<Value> weights) {
    Value topBits = getTopBits(bytesType);
    SmallVector<Value> sums;
    for (auto [acc, weight] : llvm::zip_equal(accs, weights))
      sums.push_back(dot(acc, topBits, weight));
    return sums;
  }

  int64_t getBlocks(const DotProductTile &tile) const {
    return tile.accType.getDimSize(2) / lanes;
  }

private:
  Type i8() { return rewriter.getI8Type(); }

  /// `acc` with every block of `lanes` channels of every pixel replaced by
  /// the function that `perPixel` returns for its pixel, called with the
  /// block and its index.
  template <typename PerPixel>
  Value forEachBlock(const DotProductTile &tile, Value acc, PerPixel perPixel) {
    ArrayRef<int64_t> shape = tile.accType.getShape();
    for (int64_t batch = 0; batch < shape[0]; ++batch) {
      for (int64_t pixel = 0; pixel < shape[1]; ++pixel) {
        SmallVector<int64_t> position = {batch, pixel};
        auto update = perPixel(position);
        Value row = vector::ExtractOp::create(rewriter, loc, acc, position);
        for (int64_t block = 0; block < getBlocks(tile); ++block) {
          Value part = vector::ExtractStridedSliceOp::create(
              rewriter, loc, row, block * lanes, lanes, 1);
          row = vector::InsertStridedSliceOp::create(
              rewriter, loc, update(part, block), row, block * lanes, 1);
        }
        acc = vector::InsertOp::create(rewriter, loc, row, acc, position);
      }
    }
    return acc;
  }

  RewriterBase &rewriter;
  Location loc;
  int64_t lanes;
  VectorType bytesType, wordsType;
};

/// A tile contraction as VPDPBUSD, its compensation subtracted at once.
struct ContractionToDotProducts
    : public OpRewritePattern<vector::ContractionOp> {
  ContractionToDotProducts(MLIRContext *ctx, int64_t lanes)
      : OpRewritePattern(ctx), lanes(lanes) {}

  LogicalResult matchAndRewrite(vector::ContractionOp op,
                                PatternRewriter &rewriter) const override {
    FailureOr<DotProductTile> tile = matchTile(op, lanes);
    if (failed(tile))
      return rewriter.notifyMatchFailure(op, "not a dot-product tile");
    DotProductBuilder builder(rewriter, op.getLoc(), lanes);
    SmallVector<Value> weights = builder.interleaveWeights(*tile);
    SmallVector<Value> zeros(builder.getBlocks(*tile), builder.getZeros());
    SmallVector<Value> compensations = builder.addCompensations(zeros, weights);
    Value sum = builder.accumulateShifted(*tile, op.getAcc(), weights);
    rewriter.replaceOp(op, builder.subtract(*tile, sum, compensations));
    return success();
  }

  int64_t lanes;
};

/// The same for a contraction that accumulates into a loop-carried value of
/// an scf.for (the reduction loop of a register tile): the compensations
/// are carried by the loop too and subtracted once, after it.
struct LoopOfDotProducts : public OpRewritePattern<scf::ForOp> {
  LoopOfDotProducts(MLIRContext *ctx, int64_t lanes)
      : OpRewritePattern(ctx), lanes(lanes) {}

  LogicalResult matchAndRewrite(scf::ForOp loop,
                                PatternRewriter &rewriter) const override {
    auto yield = cast<scf::YieldOp>(loop.getBody()->getTerminator());
    for (auto [index, arg] : llvm::enumerate(loop.getRegionIterArgs())) {
      if (!arg.hasOneUse())
        continue;
      auto op = dyn_cast<vector::ContractionOp>(*arg.getUsers().begin());
      if (!op || op.getAcc() != arg || !op->hasOneUse() ||
          *op->getUsers().begin() != yield ||
          yield.getOperand(index) != op.getResult())
        continue;
      FailureOr<DotProductTile> tile = matchTile(op, lanes);
      if (failed(tile))
        continue;
      return rewrite(loop, op, *tile, index, rewriter);
    }
    return rewriter.notifyMatchFailure(loop, "no loop-carried tile");
  }

private:
  LogicalResult rewrite(scf::ForOp loop, vector::ContractionOp op,
                        const DotProductTile &tile, unsigned index,
                        PatternRewriter &rewriter) const {
    Location loc = op.getLoc();
    DotProductBuilder builder(rewriter, loc, lanes);
    rewriter.setInsertionPoint(loop);
    SmallVector<Value> zeros(builder.getBlocks(tile), builder.getZeros());
    FailureOr<LoopLikeOpInterface> newLoop = loop.replaceWithAdditionalYields(
        rewriter, zeros, /*replaceInitOperandUsesInLoop=*/false,
        [&](OpBuilder &, Location, ArrayRef<BlockArgument> compensations) {
          OpBuilder::InsertionGuard guard(rewriter);
          rewriter.setInsertionPoint(op);
          SmallVector<Value> weights = builder.interleaveWeights(tile);
          SmallVector<Value> accs(compensations.begin(), compensations.end());
          SmallVector<Value> sums = builder.addCompensations(accs, weights);
          rewriter.replaceOp(
              op, builder.accumulateShifted(tile, op.getAcc(), weights));
          return sums;
        });
    if (failed(newLoop))
      return failure();
    Operation *result = *newLoop;
    rewriter.setInsertionPointAfter(result);
    SmallVector<Value> compensations(
        result->getResults().take_back(builder.getBlocks(tile)));
    Value sum = result->getResult(index);
    SmallVector<OpOperand *> uses =
        llvm::to_vector(llvm::make_pointer_range(sum.getUses()));
    Value corrected = builder.subtract(tile, sum, compensations);
    for (OpOperand *use : uses)
      rewriter.modifyOpInPlace(use->getOwner(), [&] { use->set(corrected); });
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
    // Loop-carried tiles first: the greedy driver may visit a contraction
    // before its loop.
    int64_t lanes = dotProductBits / 32;
    RewritePatternSet loops(&getContext()), contractions(&getContext());
    loops.add<LoopOfDotProducts>(&getContext(), lanes);
    contractions.add<ContractionToDotProducts>(&getContext(), lanes);
    if (failed(applyPatternsGreedily(getOperation(), std::move(loops))) ||
        failed(applyPatternsGreedily(getOperation(), std::move(contractions))))
      signalPassFailure();
  }

  unsigned dotProductBits = 0;
};

} // namespace
