//===- TileAndVectorize.cpp - Register tiling and vectorization -----------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// One register-level schedule for every linalg op the lowerings produce:
// tile (TilingInterface, scf.for) so that a tile's result fits the vector
// registers, decompose 2-D convolutions with unit-row tiles to 1-D, and hand
// the tiles to the upstream linalg vectorizer.
//
//===----------------------------------------------------------------------===//

#include "tconv/Codegen/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/TilingInterface.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::tconv {
#define GEN_PASS_DEF_TILEANDVECTORIZE
#include "tconv/Codegen/Passes.h.inc"
} // namespace mlir::tconv

using namespace mlir;

namespace {

/// The largest divisor of `size` that is at most `limit`, so that tiles are
/// static and the vectorizer needs no masks; 1 for dynamic sizes.
int64_t getDividingTileSize(int64_t size, int64_t limit) {
  if (ShapedType::isDynamic(size))
    return 1;
  for (int64_t tile = std::min(size, limit); tile > 1; --tile)
    if (size % tile == 0)
      return tile;
  return 1;
}

/// Channel tiles become the vectors: the largest dividing tile that fills
/// whole 8-lane registers, else the largest one that fits one 16-lane
/// register. (21 channels as one <21 x float> ran 4.5x slower than as three
/// tiles of 7.)
int64_t getChannelTileSize(int64_t size, int64_t limit) {
  if (ShapedType::isDynamic(size))
    return 1;
  for (int64_t tile = std::min(size, limit); tile >= 8; --tile)
    if (size % tile == 0 && tile % 8 == 0)
      return tile;
  return getDividingTileSize(size, std::min<int64_t>(limit, 16));
}

/// The output pixels and output channels of a convolution's register tile:
/// a strip of up to `tileWidth` pixels along the innermost image dim, and
/// `tileChannels` channels, more when the strip is narrower (a 4-wide phase
/// image gets 64 channels), so that the tile keeps the same number of
/// independent accumulators to hide the FMA latency.
std::pair<int64_t, int64_t>
getRegisterTile(linalg::LinalgOp op, const linalg::ConvolutionDimensions &dims,
                int64_t tileWidth, int64_t tileChannels) {
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  int64_t width = 1;
  if (!dims.outputImage.empty())
    width = getDividingTileSize(ranges[dims.outputImage.back()], tileWidth);
  int64_t widen = std::clamp<int64_t>(tileWidth / width, 1, 4);
  return {width, tileChannels * widen};
}

/// Register tiles of a convolution (getRegisterTile); every other loop
/// (batch, outer image dims, kernel taps, input channels) steps by one, so
/// the accumulators stay in registers across the reduction loops.
SmallVector<int64_t> getConvolutionTileSizes(linalg::LinalgOp op,
                                             const linalg::ConvolutionDimensions &dims,
                                             int64_t tileWidth,
                                             int64_t tileChannels) {
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  SmallVector<int64_t> tiles(ranges.size(), 1);
  auto [width, channels] = getRegisterTile(op, dims, tileWidth, tileChannels);
  if (!dims.outputImage.empty())
    tiles[dims.outputImage.back()] = width;
  for (unsigned channel : llvm::concat<const unsigned>(dims.outputChannel,
                                                       dims.depth))
    tiles[channel] = getChannelTileSize(ranges[channel], channels);
  return tiles;
}

/// The largest square block a transpose moves at once: 16x16 f32 is one
/// AVX-512 register per row, transposed in registers with shuffles.
constexpr int64_t kTransposeTile = 16;

/// Tiles of other (elementwise) ops. An f32 transpose, whose input and
/// output are contiguous along different loops, gets a block of up to
/// 16 x 16 over those two loops: read along one, written along the other,
/// transposed in registers. (The X86 backend cannot legalize such shuffles
/// of f16/bf16 vectors without native support for the type.) Anything else
/// gets rows of at most `rowTile` elements.
SmallVector<int64_t> getElementwiseTileSizes(linalg::LinalgOp op,
                                             int64_t rowTile) {
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  SmallVector<int64_t> tiles(ranges.size(), 1);
  if (tiles.empty())
    return tiles;
  if (op.getNumDpsInputs() == 1 && op.getNumDpsInits() == 1 &&
      op.getNumParallelLoops() == op.getNumLoops() &&
      getElementTypeOrSelf(op.getDpsInitOperand(0)->get().getType())
          .isF32()) {
    AffineMap inputMap = op.getMatchingIndexingMap(op.getDpsInputOperand(0));
    AffineMap outputMap = op.getMatchingIndexingMap(op.getDpsInitOperand(0));
    if (inputMap.isPermutation() && outputMap.isPermutation() &&
        inputMap.getNumResults() > 1) {
      unsigned readLoop = inputMap.getDimPosition(inputMap.getNumResults() - 1);
      unsigned writeLoop =
          outputMap.getDimPosition(outputMap.getNumResults() - 1);
      if (readLoop != writeLoop) {
        tiles[readLoop] = getDividingTileSize(ranges[readLoop], kTransposeTile);
        tiles[writeLoop] =
            getDividingTileSize(ranges[writeLoop], kTransposeTile);
        return tiles;
      }
    }
  }
  tiles.back() = getDividingTileSize(ranges.back(), rowTile);
  return tiles;
}

struct TileAndVectorizePass
    : public tconv::impl::TileAndVectorizeBase<TileAndVectorizePass> {
  using TileAndVectorizeBase::TileAndVectorizeBase;

  void runOnOperation() override {
    if (registerTileWidth < 1 || registerTileChannels < 1 || rowTile < 1 ||
        cacheTileInputChannels < 0) {
      emitError(getOperation()->getLoc())
          << "tconv-tile-and-vectorize: tile sizes must be >= 1 (cache "
             "tiles >= 0)";
      return signalPassFailure();
    }
    MLIRContext *ctx = &getContext();
    IRRewriter rewriter(ctx);

    // Convolutions whose output width is not a multiple of the register
    // tile are split into a part that is and the remainder, so that both get
    // full static tiles (a divisor tile of 9 would be 3 pixels wide).
    // An empty iteration space (an empty batch) has no work to tile, and
    // upstream's splitOp dereferences null on one.
    SmallVector<linalg::LinalgOp> toTile;
    getOperation()->walk([&](linalg::LinalgOp op) {
      if (op.hasPureTensorSemantics() && op.getNumLoops() > 0 &&
          !llvm::is_contained(op.getStaticLoopRanges(), 0))
        toTile.push_back(op);
    });
    SmallVector<linalg::LinalgOp> splitOps;
    for (linalg::LinalgOp op : toTile) {
      FailureOr<linalg::ConvolutionDimensions> convDims =
          linalg::inferConvolutionDims(op);
      if (failed(convDims) || convDims->outputImage.empty()) {
        splitOps.push_back(op);
        continue;
      }
      unsigned width = convDims->outputImage.back();
      int64_t size = op.getStaticLoopRanges()[width];
      int64_t remainder =
          ShapedType::isDynamic(size) ? 0 : size % registerTileWidth;
      if (size <= registerTileWidth || remainder == 0) {
        splitOps.push_back(op);
        continue;
      }
      rewriter.setInsertionPoint(op);
      auto [main, rest] = linalg::splitOp(
          rewriter, cast<TilingInterface>(op.getOperation()), width,
          rewriter.getIndexAttr(size - remainder));
      splitOps.push_back(cast<linalg::LinalgOp>(main.getOperation()));
      splitOps.push_back(cast<linalg::LinalgOp>(rest.getOperation()));
    }

    // Cache tiles: blocks of output and input channels outermost, so that
    // one block of weights stays in L1 while all pixels stream past it.
    if (cacheTileInputChannels > 0) {
      SmallVector<linalg::LinalgOp> cacheTiled;
      for (linalg::LinalgOp op : splitOps) {
        FailureOr<linalg::ConvolutionDimensions> convDims =
            linalg::inferConvolutionDims(op);
        if (failed(convDims) || convDims->inputChannel.empty()) {
          cacheTiled.push_back(op);
          continue;
        }
        SmallVector<int64_t> ranges = op.getStaticLoopRanges();
        SmallVector<int64_t> tiles(ranges.size(), 0);
        int64_t channels = getRegisterTile(op, *convDims, registerTileWidth,
                                           registerTileChannels)
                               .second;
        for (unsigned channel : convDims->outputChannel)
          tiles[channel] = getChannelTileSize(ranges[channel], channels);
        for (unsigned channel : convDims->inputChannel)
          tiles[channel] =
              getDividingTileSize(ranges[channel], cacheTileInputChannels);
        SmallVector<int64_t> order;
        llvm::append_range(order, convDims->outputChannel);
        llvm::append_range(order, convDims->inputChannel);
        for (unsigned loop = 0, e = op.getNumLoops(); loop < e; ++loop)
          if (!llvm::is_contained(order, loop))
            order.push_back(loop);
        scf::SCFTilingOptions options;
        options.setTileSizes(getAsIndexOpFoldResult(ctx, tiles));
        options.setInterchange(order);
        rewriter.setInsertionPoint(op);
        FailureOr<scf::SCFTilingResult> tiled = scf::tileUsingSCF(
            rewriter, cast<TilingInterface>(op.getOperation()), options);
        if (failed(tiled)) {
          cacheTiled.push_back(op);
          continue;
        }
        rewriter.replaceOp(op, tiled->replacements);
        for (Operation *tiledOp : tiled->tiledOps)
          cacheTiled.push_back(cast<linalg::LinalgOp>(tiledOp));
      }
      splitOps = std::move(cacheTiled);
    }

    for (linalg::LinalgOp op : splitOps) {
      FailureOr<linalg::ConvolutionDimensions> convDims =
          linalg::inferConvolutionDims(op);
      // Other non-permutation maps (the weight flip, t -> k - 1 - t) do not
      // survive slicing; such ops stay whole.
      if (failed(convDims) && !op.hasOnlyProjectedPermutations())
        continue;
      SmallVector<int64_t> tiles =
          succeeded(convDims)
              ? getConvolutionTileSizes(op, *convDims, registerTileWidth,
                                        registerTileChannels)
              : getElementwiseTileSizes(op, rowTile);
      scf::SCFTilingOptions options;
      options.setTileSizes(getAsIndexOpFoldResult(ctx, tiles));
      rewriter.setInsertionPoint(op);
      FailureOr<scf::SCFTilingResult> tiled = scf::tileUsingSCF(
          rewriter, cast<TilingInterface>(op.getOperation()), options);
      if (failed(tiled))
        continue;
      rewriter.replaceOp(op, tiled->replacements);
    }

    RewritePatternSet decompose(ctx);
    linalg::populateDecomposeConvolutionPatterns(decompose);
    if (failed(applyPatternsGreedily(getOperation(), std::move(decompose))))
      return signalPassFailure();

    SmallVector<Operation *> toVectorize;
    getOperation()->walk([&](linalg::LinalgOp op) {
      if (succeeded(linalg::vectorizeOpPrecondition(op)))
        toVectorize.push_back(op);
    });
    for (Operation *op : toVectorize) {
      rewriter.setInsertionPoint(op);
      FailureOr<linalg::VectorizationResult> result =
          linalg::vectorize(rewriter, op);
      if (failed(result))
        continue;
      if (result->replacements.empty())
        rewriter.eraseOp(op);
      else
        rewriter.replaceOp(op, result->replacements);
    }
  }
};
} // namespace
