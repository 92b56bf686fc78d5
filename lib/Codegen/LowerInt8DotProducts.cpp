//===- LowerInt8DotProducts.cpp - i8 contractions to dot products ---------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// A quantized convolution's register tile multiplies i8 inputs by i8
// weights into i32 accumulators. Vectorized as it is, each product is a
// widening i32 multiply (VPMULLD, MUL), no faster than f32. The targets'
// dot-product instructions add a few products into each i32 lane: x86
// VNNI's VPDPBUSD four u8 x s8, AArch64's SDOT four s8 x s8, and on every
// AVX2 or AVX-512BW CPU VPMADDWD two i16 x i16 (exact on i8 values widened
// to i16). The tile's reduction steps over that many input channels on
// such targets (tconv-tile-and-vectorize), and this pass lowers the
// resulting contractions to the instruction. Each pixel's inputs (one
// lane's worth) are broadcast to every lane; the weights are interleaved
// ([c][f] -> [f][c]) once per weight vector, shared by the tile's pixels.
//
// VPDPBUSD takes unsigned inputs: x ^ 0x80 is x + 128 as u8, so it computes
// sum x w + 128 sum w, and the second term, the same for every pixel of
// the tile, is subtracted again (one VPDPBUSD of 0x80 bytes by the weights
// per weight vector). The bytes are flipped once broadcast (VPXORQ), so
// that the broadcast reads them from memory; flipped before, they went
// through a general-purpose register and VPBROADCASTD from it, which
// competes with the dot products for a shuffle port (dcgan3 2.0 -> 1.7 ms).
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

/// The i8 vector `value` is sign-extended from, or null.
Value getSignExtendedI8(Value value) {
  auto ext = value.getDefiningOp<arith::ExtSIOp>();
  if (!ext)
    return nullptr;
  auto type = dyn_cast<VectorType>(ext.getIn().getType());
  return type && type.getElementType().isInteger(8) ? ext.getIn() : nullptr;
}

/// A contraction the dot products compute: vector.contract (n, w, f, c):
/// lhs (n, w, c) x rhs (c, f) -> acc (n, w, f) with c the channels of a
/// lane and i8 operands sign-extended to i32 (what the linalg vectorizer
/// makes of a channels-last 1-D convolution's register tile). f need not
/// fill whole vectors of `lanes` i32: the last block's extra lanes compute
/// garbage that is never stored (3 or 12 channels: an RGB layer).
struct DotProductTile {
  Value lhs, rhs;
  VectorType accType;
};

FailureOr<DotProductTile> matchTile(vector::ContractionOp op, int64_t group,
                                    int64_t lanes) {
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
  if (cast<VectorType>(lhs.getType()).getDimSize(2) != group)
    return failure();
  return DotProductTile{lhs, rhs, accType};
}

/// Builds the dot products of `kind` on `lanes`-wide i32 vectors.
class DotProductBuilder {
public:
  DotProductBuilder(RewriterBase &rewriter, Location loc, Int8DotProduct kind,
                    int64_t lanes, int64_t group)
      : rewriter(rewriter), loc(loc), kind(kind), lanes(lanes), group(group),
        elementType(kind == Int8DotProduct::PairsOfI16 ? rewriter.getI16Type()
                                                       : rewriter.getI8Type()),
        operandType(VectorType::get({group * lanes}, elementType)),
        wordsType(VectorType::get({lanes}, rewriter.getI32Type())) {}

  /// acc + the sum of each lane's products of `inputs` and `weights`.
  Value dot(Value acc, Value inputs, Value weights) {
    switch (kind) {
    case Int8DotProduct::PairsOfI16: {
      Value products =
          callIntrinsic(lanes == 16 ? "llvm.x86.avx512.pmaddw.d.512"
                                    : "llvm.x86.avx2.pmadd.wd",
                        {inputs, weights});
      return arith::AddIOp::create(rewriter, loc, acc, products);
    }
    case Int8DotProduct::QuadsOfU8S8:
      return callIntrinsic(lanes == 16 ? "llvm.x86.avx512.vpdpbusd.512"
                                       : "llvm.x86.avx512.vpdpbusd.256",
                           {acc, inputs, weights});
    case Int8DotProduct::QuadsOfS8S8:
      return callIntrinsic("llvm.aarch64.neon.sdot.v4i32.v16i8",
                           {acc, inputs, weights});
    case Int8DotProduct::None:
      break;
    }
    llvm_unreachable("no dot-product instruction");
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

  /// The (c, f) weight rows of `tile` as (f, c) operands, one vector per
  /// block of `lanes` output channels: rows interleaved pairwise, then (four
  /// channels) the pairs.
  SmallVector<Value> interleaveWeights(const DotProductTile &tile) {
    SmallVector<int64_t> pairMask, quadMask;
    for (int64_t i = 0; i < lanes; ++i)
      pairMask.append({i, lanes + i});
    for (int64_t i = 0; i < lanes; ++i)
      quadMask.append(
          {2 * i, 2 * i + 1, 2 * lanes + 2 * i, 2 * lanes + 2 * i + 1});
    SmallVector<Value> rows, weights;
    for (int64_t k = 0; k < group; ++k)
      rows.push_back(padToBlocks(
          tile, vector::ExtractOp::create(rewriter, loc, tile.rhs, k)));
    for (int64_t block = 0; block < getBlocks(tile); ++block) {
      SmallVector<Value> parts;
      for (Value row : rows)
        parts.push_back(widen(vector::ExtractStridedSliceOp::create(
            rewriter, loc, row, block * lanes, lanes, 1)));
      Value low = vector::ShuffleOp::create(rewriter, loc, parts[0], parts[1],
                                            pairMask);
      if (group == 2) {
        weights.push_back(low);
        continue;
      }
      Value high = vector::ShuffleOp::create(rewriter, loc, parts[2], parts[3],
                                             pairMask);
      weights.push_back(
          vector::ShuffleOp::create(rewriter, loc, low, high, quadMask));
    }
    return weights;
  }

  /// `acc` plus the products of `tile`; for VPDPBUSD, the inputs are taken
  /// as u8 (x + 128): too large by 128 times the weights' sums, per block.
  Value accumulate(const DotProductTile &tile, Value acc,
                   ArrayRef<Value> weights) {
    Value topBits =
        kind == Int8DotProduct::QuadsOfU8S8 ? getTopBits(operandType) : nullptr;
    return forEachBlock(tile, acc, [&](ArrayRef<int64_t> position) {
      Value inputs =
          vector::ExtractOp::create(rewriter, loc, tile.lhs, position);
      // The lane's bytes as one integer, broadcast, then widened: VPMADDWD's
      // operand is a 16-bit broadcast and one sign extension.
      Type wordType = rewriter.getIntegerType(8 * group);
      Value word = vector::BitCastOp::create(
          rewriter, loc, VectorType::get({1}, wordType), inputs);
      Value broadcast = vector::BroadcastOp::create(
          rewriter, loc, VectorType::get({lanes}, wordType),
          vector::ExtractOp::create(rewriter, loc, word, 0));
      Value operand = widen(vector::BitCastOp::create(
          rewriter, loc, VectorType::get({group * lanes}, rewriter.getI8Type()),
          broadcast));
      if (topBits)
        operand = arith::XOrIOp::create(rewriter, loc, operand, topBits);
      return [=](Value block, int64_t index) {
        return dot(block, operand, weights[index]);
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

  /// VPDPBUSD's excess, 128 times the weights' sums over their four
  /// channels, added to `accs` (one per block).
  SmallVector<Value> addCompensations(ArrayRef<Value> accs,
                                      ArrayRef<Value> weights) {
    Value topBits = getTopBits(operandType);
    SmallVector<Value> sums;
    for (auto [acc, weight] : llvm::zip_equal(accs, weights))
      sums.push_back(dot(acc, topBits, weight));
    return sums;
  }

  int64_t getBlocks(const DotProductTile &tile) const {
    return llvm::divideCeil(tile.accType.getDimSize(2), lanes);
  }

private:
  Value callIntrinsic(StringRef name, ValueRange operands) {
    return LLVM::CallIntrinsicOp::create(rewriter, loc, wordsType,
                                         rewriter.getStringAttr(name), operands)
        .getResult(0);
  }

  /// i8 `values` as the instruction's operand elements (VPMADDWD's i16).
  Value widen(Value values) {
    if (elementType.isInteger(8))
      return values;
    auto type = cast<VectorType>(values.getType()).clone(elementType);
    return arith::ExtSIOp::create(rewriter, loc, type, values);
  }

  /// `channels` (f elements of `tile`) extended to whole blocks with poison
  /// lanes, whose results are dropped (takeChannels): a no-op in registers.
  Value padToBlocks(const DotProductTile &tile, Value channels) {
    auto type = cast<VectorType>(channels.getType());
    int64_t size = type.getDimSize(0), padded = getBlocks(tile) * lanes;
    if (size == padded)
      return channels;
    SmallVector<int64_t> mask(padded, vector::ShuffleOp::kPoisonIndex);
    for (int64_t i = 0; i < size; ++i)
      mask[i] = i;
    return vector::ShuffleOp::create(rewriter, loc, channels, channels, mask);
  }

  /// The f channels of `tile` out of padToBlocks' `blocks`.
  Value takeChannels(const DotProductTile &tile, Value blocks) {
    int64_t size = tile.accType.getDimSize(2);
    if (cast<VectorType>(blocks.getType()).getDimSize(0) == size)
      return blocks;
    return vector::ExtractStridedSliceOp::create(rewriter, loc, blocks, 0, size,
                                                 1);
  }

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
        Value row = padToBlocks(
            tile, vector::ExtractOp::create(rewriter, loc, acc, position));
        for (int64_t block = 0; block < getBlocks(tile); ++block) {
          Value part = vector::ExtractStridedSliceOp::create(
              rewriter, loc, row, block * lanes, lanes, 1);
          row = vector::InsertStridedSliceOp::create(
              rewriter, loc, update(part, block), row, block * lanes, 1);
        }
        row = takeChannels(tile, row);
        acc = vector::InsertOp::create(rewriter, loc, row, acc, position);
      }
    }
    return acc;
  }

  RewriterBase &rewriter;
  Location loc;
  Int8DotProduct kind;
  int64_t lanes, group;
  Type elementType;
  VectorType operandType, wordsType;
};

/// The dot-product instruction of the target, and its shape.
struct DotProductTarget {
  Int8DotProduct kind;
  int64_t lanes, group;

  DotProductBuilder getBuilder(RewriterBase &rewriter, Location loc) const {
    return DotProductBuilder(rewriter, loc, kind, lanes, group);
  }
  FailureOr<DotProductTile> match(vector::ContractionOp op) const {
    return matchTile(op, group, lanes);
  }
};

/// A tile contraction as dot products (VPDPBUSD's compensation subtracted
/// at once).
struct ContractionToDotProducts
    : public OpRewritePattern<vector::ContractionOp> {
  ContractionToDotProducts(MLIRContext *ctx, DotProductTarget target)
      : OpRewritePattern(ctx), target(target) {}

  LogicalResult matchAndRewrite(vector::ContractionOp op,
                                PatternRewriter &rewriter) const override {
    FailureOr<DotProductTile> tile = target.match(op);
    if (failed(tile))
      return rewriter.notifyMatchFailure(op, "not a dot-product tile");
    DotProductBuilder builder = target.getBuilder(rewriter, op.getLoc());
    SmallVector<Value> weights = builder.interleaveWeights(*tile);
    SmallVector<Value> compensations;
    if (target.kind == Int8DotProduct::QuadsOfU8S8) {
      SmallVector<Value> zeros(builder.getBlocks(*tile), builder.getZeros());
      compensations = builder.addCompensations(zeros, weights);
    }
    Value sum = builder.accumulate(*tile, op.getAcc(), weights);
    if (!compensations.empty())
      sum = builder.subtract(*tile, sum, compensations);
    rewriter.replaceOp(op, sum);
    return success();
  }

  DotProductTarget target;
};

/// VPDPBUSD for a contraction that accumulates into a loop-carried value of
/// an scf.for (the reduction loop of a register tile): the compensations
/// are carried by the loop too and subtracted once, after it.
struct LoopOfDotProducts : public OpRewritePattern<scf::ForOp> {
  LoopOfDotProducts(MLIRContext *ctx, DotProductTarget target)
      : OpRewritePattern(ctx), target(target) {}

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
      FailureOr<DotProductTile> tile = target.match(op);
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
    DotProductBuilder builder = target.getBuilder(rewriter, loc);
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
          rewriter.replaceOp(op,
                             builder.accumulate(tile, op.getAcc(), weights));
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

  DotProductTarget target;
};

struct LowerInt8DotProductsPass
    : public tconv::impl::LowerInt8DotProductsBase<LowerInt8DotProductsPass> {
  using LowerInt8DotProductsBase::LowerInt8DotProductsBase;

  LogicalResult initialize(MLIRContext *ctx) override {
    FailureOr<TargetModel> model = getTargetModelForPass(
        ctx, getArgument(), targetTriple, targetCpu, targetFeatures);
    if (failed(model))
      return failure();
    target = {model->int8DotProduct, model->getLanes(32),
              model->getInt8DotProductGroup()};
    return success();
  }

  void runOnOperation() override {
    if (target.kind == Int8DotProduct::None)
      return;
    MLIRContext *ctx = &getContext();
    RewritePatternSet contractions(ctx);
    contractions.add<ContractionToDotProducts>(ctx, target);
    // VPDPBUSD's loop-carried tiles first: the greedy driver may visit a
    // contraction before its loop.
    if (target.kind == Int8DotProduct::QuadsOfU8S8) {
      RewritePatternSet loops(ctx);
      loops.add<LoopOfDotProducts>(ctx, target);
      if (failed(applyPatternsGreedily(getOperation(), std::move(loops))))
        return signalPassFailure();
    }
    if (failed(applyPatternsGreedily(getOperation(), std::move(contractions))))
      signalPassFailure();
  }

  DotProductTarget target{Int8DotProduct::None, 1, 1};
};

} // namespace
