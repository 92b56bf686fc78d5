//===- LowerVectorTransposes.cpp - Transposes as shuffle networks --------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// A layout change between channels-first and channels-last tensors (the
// input of a channels-first layer, its result) vectorizes to square blocks
// transposed in registers: `vector.transpose` of an n x n slice. Upstream's
// conversion to LLVM moves such a block element by element, or as one
// 64-element shuffle that the X86 backend lowers to single-element loads,
// broadcasts and blends (100 instructions and spills for an 8 x 8 i32
// block; a channels-first U-Net layer's i32 result took longer to transpose
// than to copy three times). Here the block becomes log2(n) rounds of
// two-input shuffles, each swapping one bit of every element's row index
// with the same bit of its column index (see TransposeAsShuffles). Every
// shuffle is one instruction, or two, on x86 (vperm2f128, unpcklpd, shufps
// and a blend) and one on AArch64 (trn1, trn2). A streamed result's blocks
// have rows of a cache line (8 x 16 for i32 on AVX2): squares whose rows
// are joined.
// 16-bit floats move as i16: the X86 backend cannot promote shuffles of
// bf16 vectors (nor of f16 ones without native f16).
//
//===----------------------------------------------------------------------===//

#include "tconv/Codegen/Passes.h"
#include "tconv/Codegen/TransposeShuffles.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/Vector/Utils/VectorUtils.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "llvm/Support/MathExtras.h"

#include <numeric>

namespace mlir::tconv {
#define GEN_PASS_DEF_LOWERVECTORTRANSPOSES
#include "tconv/Codegen/Passes.h.inc"
} // namespace mlir::tconv

using namespace mlir;

bool tconv::isShuffleNetworkBlock(int64_t rows, int64_t columns) {
  if (rows <= 0 || !llvm::isPowerOf2_64(rows))
    return false;
  if (columns == rows)
    return true;
  // Longer rows join the rows of squares (one row would be no transpose).
  return rows > 1 && columns % rows == 0 && llvm::isPowerOf2_64(columns / rows);
}

namespace {
/// Rewrites the transpose of a slice of m rows of n elements (n a power of
/// two, m a power-of-two multiple of it, all other dims 1) into networks of
/// two-input shuffles on n x n squares of it, whose rows are then joined:
/// a streamed result is stored a whole cache line at a time (2 x 8 i32 for
/// AVX2).
struct TransposeAsShuffles : OpRewritePattern<vector::TransposeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(vector::TransposeOp op,
                                PatternRewriter &rewriter) const override {
    VectorType sourceType = op.getSourceVectorType();
    if (sourceType.isScalable())
      return rewriter.notifyMatchFailure(op, "scalable vector");
    FailureOr<std::pair<int, int>> slice = vector::isTranspose2DSlice(op);
    if (failed(slice))
      return rewriter.notifyMatchFailure(op, "not a 2-D slice transpose");
    int64_t numRows = sourceType.getDimSize(slice->first);
    int64_t size = sourceType.getDimSize(slice->second);
    if (!tconv::isShuffleNetworkBlock(size, numRows) || size < 2)
      return rewriter.notifyMatchFailure(
          op, "not squares whose side is a power of two");

    // The slice's rows are the source's rows: unit dims do not move data, so
    // the result, read row by row, is the transposed slice.
    Location loc = op.getLoc();
    Type elementType = sourceType.getElementType();
    Value source = vector::ShapeCastOp::create(
        rewriter, loc, VectorType::get({numRows, size}, elementType),
        op.getVector());
    Type movedType = elementType;
    if (isa<Float16Type, BFloat16Type>(elementType))
      movedType = rewriter.getI16Type();
    auto movedRowType = VectorType::get({size}, movedType);
    SmallVector<Value> rows;
    for (int64_t row = 0; row < numRows; ++row) {
      Value values = vector::ExtractOp::create(rewriter, loc, source, row);
      if (movedType != elementType)
        values = vector::BitCastOp::create(rewriter, loc, movedRowType, values);
      rows.push_back(values);
    }

    // Round by round, row bit b of each element's position in its square
    // swaps with its column bit b: rows i and i + g (g = 2^b, bit b of i
    // clear) exchange the g-element blocks where the column has bit b set
    // for the row's own blocks where it has it clear. The rounds commute;
    // the widest comes first, as it only moves whole halves (x86 can fold
    // it into the loads).
    for (int64_t step = size / 2; step >= 1; step /= 2) {
      SmallVector<int64_t> lowMask, highMask;
      for (int64_t column = 0; column < size; ++column) {
        bool high = column & step;
        // Positions in `top` are column, in `bottom` size + column.
        lowMask.push_back(high ? size + column - step : column);
        highMask.push_back(high ? size + column : column + step);
      }
      for (int64_t row = 0; row < numRows; ++row) {
        if (row & step)
          continue;
        Value top = rows[row], bottom = rows[row + step];
        rows[row] =
            vector::ShuffleOp::create(rewriter, loc, top, bottom, lowMask);
        rows[row + step] =
            vector::ShuffleOp::create(rewriter, loc, top, bottom, highMask);
      }
    }

    // Row i of the result joins rows i of the squares, in order: pairs of
    // neighbouring squares' rows first, then pairs of those.
    for (int64_t squares = numRows / size; squares > 1; squares /= 2) {
      int64_t length =
          cast<VectorType>(rows.front().getType()).getNumElements();
      SmallVector<int64_t> joinMask(2 * length);
      std::iota(joinMask.begin(), joinMask.end(), 0);
      SmallVector<Value> joined;
      for (int64_t first = 0; first < int64_t(rows.size()); first += 2 * size)
        for (int64_t row = first; row < first + size; ++row)
          joined.push_back(vector::ShuffleOp::create(
              rewriter, loc, rows[row], rows[row + size], joinMask));
      rows = std::move(joined);
    }

    auto resultType = VectorType::get({size, numRows}, elementType);
    auto rowType = VectorType::get({numRows}, elementType);
    Value result = arith::ConstantOp::create(
        rewriter, loc, resultType,
        cast<TypedAttr>(rewriter.getZeroAttr(resultType)));
    for (auto [index, row] : llvm::enumerate(rows)) {
      if (movedType != elementType)
        row = vector::BitCastOp::create(rewriter, loc, rowType, row);
      result = vector::InsertOp::create(rewriter, loc, row, result,
                                        static_cast<int64_t>(index));
    }
    rewriter.replaceOpWithNewOp<vector::ShapeCastOp>(
        op, op.getResultVectorType(), result);
    return success();
  }
};

/// Rewrites a transpose that moves two groups of dims past each other, each
/// group's dims staying together and in order (unit dims aside), as the
/// transpose of the 2-D shape of the two groups between shape casts:
/// vector<8x2x16> to vector<16x8x2> (a channels-first pixel shuffle's
/// block) is the transpose of a 16 x 16 square, which TransposeAsShuffles
/// lowers.
struct TransposeAsTwoGroups : OpRewritePattern<vector::TransposeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(vector::TransposeOp op,
                                PatternRewriter &rewriter) const override {
    VectorType sourceType = op.getSourceVectorType();
    if (sourceType.isScalable() || succeeded(vector::isTranspose2DSlice(op)))
      return rewriter.notifyMatchFailure(op, "scalable or 2-D already");
    // The source's dims other than units, in the order the result has them,
    // split where they do not follow each other in the source.
    ArrayRef<int64_t> shape = sourceType.getShape();
    SmallVector<int64_t> groupSizes;
    int64_t previous = -1;
    for (int64_t dim : op.getPermutation()) {
      if (shape[dim] == 1)
        continue;
      // (The order checked before the slice between them is taken.)
      bool follows = previous >= 0 && dim > previous &&
                     llvm::all_of(shape.slice(previous + 1, dim - previous - 1),
                                  [](int64_t size) { return size == 1; });
      if (follows)
        groupSizes.back() *= shape[dim];
      else
        groupSizes.push_back(shape[dim]);
      previous = dim;
    }
    if (groupSizes.size() != 2)
      return rewriter.notifyMatchFailure(op, "not two groups");
    Location loc = op.getLoc();
    Type elementType = sourceType.getElementType();
    Value square = vector::ShapeCastOp::create(
        rewriter, loc,
        VectorType::get({groupSizes[1], groupSizes[0]}, elementType),
        op.getVector());
    Value transposed =
        vector::TransposeOp::create(rewriter, loc, square, {1, 0});
    rewriter.replaceOpWithNewOp<vector::ShapeCastOp>(
        op, op.getResultVectorType(), transposed);
    return success();
  }
};

struct LowerVectorTransposesPass
    : public tconv::impl::LowerVectorTransposesBase<LowerVectorTransposesPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<TransposeAsShuffles, TransposeAsTwoGroups>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }
};
} // namespace
