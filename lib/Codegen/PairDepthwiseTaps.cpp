//===- PairDepthwiseTaps.cpp - A depthwise row's i8 taps by VPMADDWD ------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// tconv-tile-and-vectorize computes a depthwise convolution row by row, N
// output columns at a time: a loop over the taps kw of
//
//   acc += extsi(x[.., kw : kw + N]) * extsi(w[.., kw])
//
// On i8 values that is an i32 multiply (VPMULLD, two uops) and an add per
// tap and 16 columns, slower than f32's FMA: a depthwise layer's products
// share no input channel for the dot-product instructions to sum. Two
// neighbouring taps share their inputs' row, one element apart: VPMADDWD
// on that row read from kw, as i16, and on (w[kw], w[kw + 1]) repeated
// gives in lane i x[kw + 2i] w[kw] + x[kw + 2i + 1] w[kw + 1], both taps of
// column 2i; on the row read from kw + 1, of column 2i + 1. The loop steps
// over pairs of taps into the even and odd columns of its accumulator,
// split before it and interleaved after it: per pair of taps and 16
// columns, one VPMADDWD and one add (one VPDPWSSD where LLVM fuses them)
// instead of two VPMULLD and two adds. Exact: i8 products and their pairs'
// sums fit i16 and i32.
//
//===----------------------------------------------------------------------===//

#include "tconv/Codegen/DotProducts.h"
#include "tconv/Codegen/Passes.h"
#include "tconv/Target/TargetModel.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include "llvm/ADT/SetVector.h"

namespace mlir::tconv {
#define GEN_PASS_DEF_PAIRDEPTHWISETAPS
#include "tconv/Codegen/Passes.h.inc"
} // namespace mlir::tconv

using namespace mlir;
using namespace mlir::tconv;

namespace {

/// The i8 value `value` (i32, or vector<N x i32>) sign-extends, looking
/// through the extraction of a one-element vector's element; null if none.
Value getSignExtendedI8(Value value) {
  if (auto extract = value.getDefiningOp<vector::ExtractOp>()) {
    auto source = dyn_cast<VectorType>(extract.getSourceVectorType());
    if (!source || source.getNumElements() != 1)
      return nullptr;
    value = extract.getSource();
  }
  auto extend = value.getDefiningOp<arith::ExtSIOp>();
  if (!extend || !getElementTypeOrSelf(extend.getIn()).isInteger(8))
    return nullptr;
  return extend.getIn();
}

/// Whether `index`, computed in `loop`'s body, is the loop's variable plus
/// something the loop does not change: its value at the next tap is the
/// next element. Through affine.linearize_index (a packed buffer's index)
/// and affine.apply.
bool stepsByOne(Value index, scf::ForOp loop) {
  Value tap = loop.getInductionVar();
  if (index == tap)
    return true;
  auto isInvariant = [&](Value value) {
    return loop.isDefinedOutsideOfLoop(value);
  };
  if (auto linearize = index.getDefiningOp<affine::AffineLinearizeIndexOp>()) {
    ValueRange multiIndex = linearize.getMultiIndex();
    return stepsByOne(multiIndex.back(), loop) &&
           llvm::all_of(multiIndex.drop_back(), isInvariant);
  }
  auto apply = index.getDefiningOp<affine::AffineApplyOp>();
  if (!apply)
    return false;
  AffineMap map = apply.getAffineMap();
  std::optional<unsigned> varying;
  for (auto [position, operand] : llvm::enumerate(apply.getMapOperands())) {
    if (isInvariant(operand))
      continue;
    if (varying || !stepsByOne(operand, loop))
      return false;
    varying = position;
  }
  if (!varying)
    return false;
  // The map's result grows by one with that operand.
  AffineExpr operand =
      *varying < map.getNumDims()
          ? getAffineDimExpr(*varying, map.getContext())
          : getAffineSymbolExpr(*varying - map.getNumDims(), map.getContext());
  AffineExpr result = map.getResult(0);
  AffineExpr step =
      simplifyAffineExpr(result.replace(operand, operand + 1) - result,
                         map.getNumDims(), map.getNumSymbols());
  auto constant = dyn_cast<AffineConstantExpr>(step);
  return constant && constant.getValue() == 1;
}

/// Whether `read` reads one row of vector elements along its source's
/// innermost dim, at an index that steps by one with `loop`'s taps, without
/// a mask.
bool isRowRead(vector::TransferReadOp read, scf::ForOp loop) {
  return read && !read.getMask() && read.getVectorType().getRank() == 1 &&
         read.getPermutationMap().isMinorIdentity() &&
         read.getInBoundsValues()[0] &&
         stepsByOne(read.getIndices().back(), loop);
}

/// A depthwise row's loop over taps: `loop` from 0 to an even constant by
/// 1, carrying one vector<N x i32> accumulator, whose body reads the row
/// (`row`) and the tap's weight (`weight`, a vector<1 x i8>), both indexed
/// by the loop's variable along their innermost dim, with pure ops and
/// reads, and accumulates their product (`product`).
struct TapLoop {
  vector::OuterProductOp product;
  vector::TransferReadOp row;
  vector::TransferReadOp weight;
};

std::optional<TapLoop> matchTapLoop(scf::ForOp loop, int64_t lanes) {
  std::optional<int64_t> lower = getConstantIntValue(loop.getLowerBound());
  std::optional<int64_t> upper = getConstantIntValue(loop.getUpperBound());
  std::optional<int64_t> step = getConstantIntValue(loop.getStep());
  if (!lower || !upper || !step || *lower != 0 || *step != 1 || *upper < 2 ||
      *upper % 2 != 0 || loop.getNumRegionIterArgs() != 1)
    return std::nullopt;
  BlockArgument acc = loop.getRegionIterArgs().front();
  auto accType = dyn_cast<VectorType>(acc.getType());
  // Whole VPMADDWD operands: 2 x lanes i16 per pair of accumulators.
  if (!accType || accType.getRank() != 1 || accType.isScalable() ||
      !accType.getElementType().isInteger(32) ||
      accType.getNumElements() % (2 * lanes) != 0)
    return std::nullopt;
  auto yield = cast<scf::YieldOp>(loop.getBody()->getTerminator());
  auto product = yield.getOperand(0).getDefiningOp<vector::OuterProductOp>();
  if (!product || product.getKind() != vector::CombiningKind::ADD ||
      product.getAcc() != acc || isa<VectorType>(product.getOperandTypeRHS()))
    return std::nullopt;
  Value inputs = getSignExtendedI8(product.getLhs());
  Value weightValue = getSignExtendedI8(product.getRhs());
  auto row = inputs ? inputs.getDefiningOp<vector::TransferReadOp>()
                    : vector::TransferReadOp();
  auto weight = weightValue
                    ? weightValue.getDefiningOp<vector::TransferReadOp>()
                    : vector::TransferReadOp();
  // The weights of taps kw and kw + 1 are then one vector<2 x i8> read:
  // its other indices the same for both.
  if (!isRowRead(row, loop) || !isRowRead(weight, loop) ||
      weight.getVectorType().getNumElements() != 1 ||
      !llvm::all_of(weight.getIndices().drop_back(), [&](Value index) {
        return loop.isDefinedOutsideOfLoop(index);
      }))
    return std::nullopt;
  // Nothing else in the body: copies of it read the taps.
  for (Operation &op : loop.getBody()->without_terminator())
    if (&op != product.getOperation() && !isMemoryEffectFree(&op) &&
        !isa<vector::TransferReadOp>(op))
      return std::nullopt;
  return TapLoop{product, row, weight};
}

/// The mask of a vector.shuffle of a vector of `columns` elements with
/// itself that takes its even (`parity` 0) or odd (1) columns.
SmallVector<int64_t> getColumns(int64_t columns, int64_t parity) {
  SmallVector<int64_t> mask;
  for (int64_t column = parity; column < columns; column += 2)
    mask.push_back(column);
  return mask;
}

/// The mask of a vector.shuffle that interleaves the even and odd columns
/// (two vectors of `columns` / 2 elements) back into one.
SmallVector<int64_t> getInterleaving(int64_t columns) {
  SmallVector<int64_t> mask;
  for (int64_t column = 0; column < columns / 2; ++column)
    mask.append({column, columns / 2 + column});
  return mask;
}

/// `value`'s (a vector<`columns`>) even and odd columns.
std::array<Value, 2> splitColumns(OpBuilder &builder, Location loc, Value value,
                                  int64_t columns) {
  return {vector::ShuffleOp::create(builder, loc, value, value,
                                    getColumns(columns, 0)),
          vector::ShuffleOp::create(builder, loc, value, value,
                                    getColumns(columns, 1))};
}

struct PairTaps : OpRewritePattern<scf::ForOp> {
  PairTaps(MLIRContext *ctx, int64_t lanes)
      : OpRewritePattern(ctx), lanes(lanes) {}

  LogicalResult matchAndRewrite(scf::ForOp loop,
                                PatternRewriter &rewriter) const override {
    std::optional<TapLoop> tapLoop = matchTapLoop(loop, lanes);
    if (!tapLoop)
      return rewriter.notifyMatchFailure(loop, "not a depthwise row's taps");
    Location loc = loop.getLoc();
    auto accType = cast<VectorType>(loop.getResultTypes().front());
    int64_t columns = accType.getNumElements();
    auto halfType = VectorType::get({columns / 2}, rewriter.getI32Type());
    auto pairType = VectorType::get({2 * lanes}, rewriter.getI16Type());
    Value zeros = arith::ConstantOp::create(rewriter, loc,
                                            rewriter.getZeroAttr(halfType));
    // The initial accumulator's even and odd columns: the loop carries them
    // alone (with a third accumulator live across it, AVX2's 16 registers
    // spilled).
    std::array<Value, 2> inits =
        splitColumns(rewriter, loc, loop.getInitArgs()[0], columns);
    Value two = arith::ConstantIndexOp::create(rewriter, loc, 2);
    auto pairs = scf::ForOp::create(
        rewriter, loc, loop.getLowerBound(), loop.getUpperBound(), two, inits,
        [&](OpBuilder &b, Location loc, Value tap, ValueRange accs) {
          Value one = arith::ConstantIndexOp::create(b, loc, 1);
          Value next = arith::AddIOp::create(b, loc, tap, one);
          // The body's reads at each of the two taps: the rows from kw and
          // kw + 1, and from kw the weights of both taps.
          SmallVector<vector::TransferReadOp, 2> rows;
          Value weights;
          for (Value index : {tap, next}) {
            IRMapping mapping;
            mapping.map(loop.getInductionVar(), index);
            for (Operation &op : loop.getBody()->without_terminator())
              if (&op != tapLoop->product.getOperation())
                b.clone(op, mapping);
            rows.push_back(cast<vector::TransferReadOp>(
                mapping.lookup(tapLoop->row.getResult()).getDefiningOp()));
            if (index != tap)
              continue;
            auto weight = cast<vector::TransferReadOp>(
                mapping.lookup(tapLoop->weight.getResult()).getDefiningOp());
            weights = vector::TransferReadOp::create(
                b, loc, VectorType::get({2}, b.getI8Type()), weight.getBase(),
                weight.getIndices(), weight.getPadding(), ArrayRef<bool>{true});
          }
          // (w[kw], w[kw + 1]) in every pair of i16 lanes: one 32-bit
          // broadcast.
          Value pair = arith::ExtSIOp::create(
              b, loc, VectorType::get({2}, b.getI16Type()), weights);
          Value repeated = vector::BroadcastOp::create(
              b, loc, VectorType::get({lanes, 2}, b.getI16Type()), pair);
          Value weightPairs =
              vector::ShapeCastOp::create(b, loc, pairType, repeated);
          // The row from kw: even columns; from kw + 1: odd ones.
          SmallVector<Value, 2> sums;
          // Each operand's bytes read on their own (the whole row's read,
          // unused, goes): a row's worth of i16 at once spilled on AVX2.
          auto chunkType = VectorType::get({2 * lanes}, b.getI8Type());
          for (auto [row, acc] : llvm::zip_equal(rows, accs)) {
            Value sum = zeros;
            for (int64_t start = 0; start < columns; start += 2 * lanes) {
              SmallVector<Value> indices(row.getIndices());
              indices.back() = arith::AddIOp::create(
                  b, loc, indices.back(),
                  arith::ConstantIndexOp::create(b, loc, start));
              Value bytes = vector::TransferReadOp::create(
                  b, loc, chunkType, row.getBase(), indices, row.getPadding(),
                  ArrayRef<bool>{true});
              Value inputs = arith::ExtSIOp::create(b, loc, pairType, bytes);
              Value products =
                  createPairwiseI16DotProduct(b, loc, inputs, weightPairs);
              sum = vector::InsertStridedSliceOp::create(
                  b, loc, products, sum, ArrayRef<int64_t>{start / 2},
                  ArrayRef<int64_t>{1});
            }
            sums.push_back(arith::AddIOp::create(b, loc, acc, sum));
          }
          scf::YieldOp::create(b, loc, sums);
        });
    rewriter.replaceOpWithNewOp<vector::ShuffleOp>(
        loop, pairs.getResult(0), pairs.getResult(1), getInterleaving(columns));
    return success();
  }

  int64_t lanes;
};

/// A loop whose accumulator is split into even and odd columns at the
/// start of each iteration and interleaved again at its end (the loop over
/// a depthwise row's kernel rows around PairTaps' loops) carries the two
/// halves instead: the shuffles move out of it, so that no whole
/// accumulator is live beside the halves (AVX2's 16 registers spilled).
struct CarrySplitAccumulator : OpRewritePattern<scf::ForOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(scf::ForOp loop,
                                PatternRewriter &rewriter) const override {
    auto yield = cast<scf::YieldOp>(loop.getBody()->getTerminator());
    for (auto [index, accumulator] :
         llvm::enumerate(loop.getRegionIterArgs())) {
      auto type = dyn_cast<VectorType>(accumulator.getType());
      if (!type || type.getRank() != 1 || type.getNumElements() % 2 != 0)
        continue;
      int64_t columns = type.getNumElements();
      // Its uses: its halves only, by parity (each reads it twice: one
      // entry each); any other use: left alone.
      llvm::SetVector<std::pair<vector::ShuffleOp, int64_t>> halves;
      bool split = !accumulator.use_empty();
      for (Operation *user : accumulator.getUsers()) {
        auto shuffle = dyn_cast<vector::ShuffleOp>(user);
        std::optional<int64_t> parity;
        if (shuffle && shuffle.getV1() == accumulator &&
            shuffle.getV2() == accumulator)
          for (int64_t candidate : {0, 1})
            if (shuffle.getMask() == ArrayRef(getColumns(columns, candidate)))
              parity = candidate;
        if (!parity) {
          split = false;
          break;
        }
        halves.insert({shuffle, *parity});
      }
      auto interleaved =
          yield.getOperand(index).getDefiningOp<vector::ShuffleOp>();
      if (!split || !interleaved || !interleaved->hasOneUse() ||
          interleaved.getMask() != ArrayRef(getInterleaving(columns)))
        continue;

      Location loc = loop.getLoc();
      rewriter.setInsertionPoint(loop);
      std::array<Value, 2> inits =
          splitColumns(rewriter, loc, loop.getInitArgs()[index], columns);
      FailureOr<LoopLikeOpInterface> carrying =
          loop.replaceWithAdditionalYields(
              rewriter, inits, /*replaceInitOperandUsesInLoop=*/false,
              [&](OpBuilder &, Location, ArrayRef<BlockArgument>) {
                return SmallVector<Value>{interleaved.getV1(),
                                          interleaved.getV2()};
              });
      if (failed(carrying))
        return failure();
      // (The body moved into the new loop: the halves are its own.)
      auto carried = cast<scf::ForOp>(carrying->getOperation());
      ArrayRef<BlockArgument> newArgs =
          carried.getRegionIterArgs().take_back(2);
      for (auto [half, parity] : halves)
        rewriter.replaceOp(half, newArgs[parity]);
      // The whole accumulator, interleaved once after the loop; its own
      // iteration argument is left unused (for the canonicalizer).
      rewriter.setInsertionPointAfter(carried);
      ValueRange results = carried.getResults().take_back(2);
      Value whole = vector::ShuffleOp::create(
          rewriter, loc, results[0], results[1], getInterleaving(columns));
      rewriter.replaceAllUsesWith(carried.getResult(index), whole);
      return success();
    }
    return rewriter.notifyMatchFailure(loop, "no split accumulator");
  }
};

struct PairDepthwiseTapsPass
    : public tconv::impl::PairDepthwiseTapsBase<PairDepthwiseTapsPass> {
  using PairDepthwiseTapsBase::PairDepthwiseTapsBase;

  LogicalResult initialize(MLIRContext *ctx) override {
    return loadTargetModelForPass(ctx, getArgument(), targetTriple, targetCpu,
                                  targetFeatures, target);
  }

  void runOnOperation() override {
    if (target.depthwiseInt8DotProduct != Int8DotProduct::PairsOfI16)
      return;
    RewritePatternSet patterns(&getContext());
    patterns.add<PairTaps>(&getContext(), target.getLanes(32));
    patterns.add<CarrySplitAccumulator>(&getContext());
    // The rewritten loops do not match again (two accumulators): one walk.
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }

  TargetModel target;
};

} // namespace
