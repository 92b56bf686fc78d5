//===- BlockConvFilters.cpp - Contiguous weights per register tile --------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// Rearranges a channels-last convolution's filter (k..., Cin, F) into blocks
// (F / C, k..., Cin, C) of its register tile's C output channels, and the
// convolution into a loop over the blocks, so that the weights one register
// tile reads lie in one contiguous block instead of rows F channels apart
// (see the pass description in Passes.td for the cache effect).
//
//===----------------------------------------------------------------------===//

#include "tconv/Codegen/Passes.h"
#include "tconv/Codegen/TileSelection.h"
#include "tconv/Codegen/Tiling.h"
#include "tconv/Utils/Builders.h"
#include "tconv/Utils/ConstantFolding.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::tconv {
#define GEN_PASS_DEF_BLOCKCONVFILTERS
#include "tconv/Codegen/Passes.h.inc"
} // namespace mlir::tconv

using namespace mlir;
using namespace mlir::tconv;

namespace {

/// Whether `map` ends in loop `loop` and uses it nowhere else.
bool endsInLoopAlone(AffineMap map, unsigned loop) {
  if (map.getNumResults() == 0 ||
      map.getResults().back() != getAffineDimExpr(loop, map.getContext()))
    return false;
  return llvm::count_if(map.getResults(), [&](AffineExpr expr) {
           return expr.isFunctionOfDim(loop);
         }) == 1;
}

/// The output channel loop of a convolution whose filter (static) and
/// result end in it and whose input does not use it, else std::nullopt.
std::optional<unsigned>
getBlockableChannelLoop(linalg::LinalgOp op,
                        const linalg::ConvolutionDimensions &dims) {
  if (!op.hasPureTensorSemantics() || op.getNumDpsInputs() != 2 ||
      op.getNumDpsInits() != 1 || dims.outputChannel.size() != 1 ||
      !dims.depth.empty())
    return std::nullopt;
  unsigned loop = dims.outputChannel.front();
  OpOperand *filter = op.getDpsInputOperand(1);
  auto filterType = dyn_cast<RankedTensorType>(filter->get().getType());
  if (!filterType || !filterType.hasStaticShape() ||
      !endsInLoopAlone(op.getMatchingIndexingMap(filter), loop) ||
      !endsInLoopAlone(op.getMatchingIndexingMap(op.getDpsInitOperand(0)),
                       loop) ||
      op.getMatchingIndexingMap(op.getDpsInputOperand(0)).isFunctionOfDim(loop))
    return std::nullopt;
  return loop;
}

/// (b, d..., i) -> (d..., b * block + i): where element (b, d..., i) of the
/// blocked filter comes from in the filter of rank `rank`.
AffineMap getBlockSourceMap(MLIRContext *ctx, unsigned rank, int64_t block) {
  SmallVector<AffineExpr> results;
  for (unsigned dim = 1; dim < rank; ++dim)
    results.push_back(getAffineDimExpr(dim, ctx));
  results.push_back(getAffineDimExpr(0, ctx) * block +
                    getAffineDimExpr(rank, ctx));
  return AffineMap::get(rank + 1, 0, results, ctx);
}

/// The filter in blocked layout (`blockedType`, element (b, d..., i) being
/// the filter's (d..., b * C + i)): a constant for a constant filter, else
/// the filter's channels split into (blocks, C) by a reshape and the blocks
/// moved first by a transpose, which the codegen copies in vectors (a single
/// gather would stay scalar: its map is not a permutation).
Value createBlockedFilter(RewriterBase &rewriter, Location loc, Value filter,
                          RankedTensorType blockedType) {
  auto filterType = cast<RankedTensorType>(filter.getType());
  int64_t rank = filterType.getRank();
  int64_t block = blockedType.getShape().back();
  DenseElementsAttr constant;
  if (matchPattern(filter, m_Constant(&constant)))
    return arith::ConstantOp::create(
        rewriter, loc,
        gatherElements(constant, blockedType,
                       getBlockSourceMap(rewriter.getContext(), rank, block)));

  SmallVector<int64_t> splitShape(filterType.getShape().drop_back());
  splitShape.append({blockedType.getShape().front(), block});
  SmallVector<ReassociationIndices> reassociation;
  for (int64_t dim = 0; dim + 1 < rank; ++dim)
    reassociation.push_back({dim});
  reassociation.push_back({rank - 1, rank});
  Value split = tensor::ExpandShapeOp::create(
      rewriter, loc,
      RankedTensorType::get(splitShape, filterType.getElementType()), filter,
      reassociation);
  SmallVector<int64_t> permutation{rank - 1};
  llvm::append_range(permutation, llvm::seq<int64_t>(0, rank - 1));
  permutation.push_back(rank);
  Value init = tensor::EmptyOp::create(rewriter, loc, blockedType.getShape(),
                                       blockedType.getElementType());
  return linalg::TransposeOp::create(rewriter, loc, split, init, permutation)
      .getResult()
      .front();
}

/// One block's result and where it goes in the whole result.
struct BlockSlice {
  Value value;
  SmallVector<OpFoldResult> offsets, sizes, strides;
};

/// Blocks the filter of every convolution whose register tile covers fewer
/// output channels than it has.
struct BlockConvolutionFilter {
  BlockConvolutionFilter(const TargetModel &target, int64_t registerTileWidth,
                         int64_t registerTileChannels, int64_t threads)
      : target(target), registerTileWidth(registerTileWidth),
        registerTileChannels(registerTileChannels), threads(threads) {}

  LogicalResult rewrite(RewriterBase &rewriter, linalg::LinalgOp op) const {
    rewriter.setInsertionPoint(op);
    FailureOr<linalg::ConvolutionDimensions> dims =
        linalg::inferConvolutionDims(op);
    if (failed(dims))
      return rewriter.notifyMatchFailure(op, "not a convolution");
    std::optional<unsigned> channelLoop = getBlockableChannelLoop(op, *dims);
    if (!channelLoop)
      return rewriter.notifyMatchFailure(
          op, "filter and result do not end in the output channels");
    Value filter = op.getDpsInputOperand(1)->get();
    Value result = op.getDpsInitOperand(0)->get();
    int64_t lanes = target.getLanes(
        getElementTypeOrSelf(result.getType()).getIntOrFloatBitWidth());
    int64_t opChannels =
        cast<RankedTensorType>(filter.getType()).getShape().back();
    // A constant filter is not padded: nothing would fold the pad.
    int64_t channels = matchPattern(filter, m_Constant())
                           ? opChannels
                           : getPaddedChannelCount(opChannels, lanes);
    RegisterTile tile = selectRegisterTile(target, op, *dims, registerTileWidth,
                                           registerTileChannels, channels);
    // The channels tconv-tile-and-vectorize gives a register tile.
    int64_t block = getChannelTileSize(channels, tile.channels, lanes);
    if (channels == opChannels && block >= channels)
      return rewriter.notifyMatchFailure(op, "one register tile's channels");

    Location loc = op.getLoc();
    // Where the convolution is in a loop the filter is not (a block of rows,
    // tconv-transpose-in-row-blocks), the filter is padded and blocked once,
    // outside.
    auto atFilter = [&, inLoop = filter.getParentRegion() !=
                                 op->getParentRegion()](auto build) {
      OpBuilder::InsertionGuard guard(rewriter);
      if (inLoop)
        rewriter.setInsertionPointAfterValue(filter);
      return build();
    };
    // The filter and the result end in the output channels.
    if (channels > opChannels) {
      auto padChannels = [&](Value value) {
        return createZeroPadAtEnd(
            rewriter, loc, value,
            cast<RankedTensorType>(value.getType()).getRank() - 1,
            channels - opChannels);
      };
      filter = atFilter([&] { return padChannels(filter); });
      result = padChannels(result);
    }
    Value input = op.getDpsInputOperand(0)->get();
    // Replaces `op` by `full`, its result with the padded channels.
    auto replace = [&](Value full) {
      if (channels > opChannels) {
        auto type = cast<RankedTensorType>(full.getType());
        SmallVector<OpFoldResult> offsets(type.getRank(),
                                          rewriter.getIndexAttr(0));
        SmallVector<OpFoldResult> sizes =
            tensor::getMixedSizes(rewriter, loc, full);
        sizes.back() = rewriter.getIndexAttr(opChannels);
        SmallVector<OpFoldResult> strides(type.getRank(),
                                          rewriter.getIndexAttr(1));
        full = tensor::ExtractSliceOp::create(rewriter, loc, full, offsets,
                                              sizes, strides);
      }
      rewriter.replaceOp(op, full);
    };
    if (block >= channels) {
      replace(clone(rewriter, op, {result.getType()}, {input, filter, result})
                  ->getResult(0));
      return success();
    }

    auto filterType = cast<RankedTensorType>(filter.getType());
    SmallVector<int64_t> blockedShape{channels / block};
    llvm::append_range(blockedShape, filterType.getShape().drop_back());
    blockedShape.push_back(block);
    auto blockedType =
        RankedTensorType::get(blockedShape, filterType.getElementType());
    Value blocked = atFilter([&] {
      return createBlockedFilter(rewriter, loc, filter, blockedType);
    });

    // One convolution per block, on its filter block and result channels.
    SmallVector<int64_t> blockShape(filterType.getShape());
    blockShape.back() = block;
    auto blockType =
        RankedTensorType::get(blockShape, filterType.getElementType());
    int64_t blocks = channels / block;
    // Block `index` of the blocked filter.
    auto buildFilterBlock = [&](OpBuilder &b, Location loc, Value index) {
      SmallVector<OpFoldResult> filterOffsets(blockedShape.size(),
                                              b.getIndexAttr(0));
      filterOffsets.front() = index;
      SmallVector<OpFoldResult> filterSizes =
          getAsIndexOpFoldResult(b.getContext(), blockedShape);
      filterSizes.front() = b.getIndexAttr(1);
      SmallVector<OpFoldResult> filterStrides(blockedShape.size(),
                                              b.getIndexAttr(1));
      return tensor::ExtractSliceOp::create(b, loc, blockType, blocked,
                                            filterOffsets, filterSizes,
                                            filterStrides)
          .getResult();
    };
    // Block `index`'s convolution, on its filter block and its slice of
    // `accumulator`; returns the result slice and where it goes.
    auto buildBlock = [&](OpBuilder &b, Location loc, Value index,
                          Value accumulator) {
      Value filterBlock = buildFilterBlock(b, loc, index);
      BlockSlice slice;
      unsigned resultRank =
          cast<RankedTensorType>(accumulator.getType()).getRank();
      slice.offsets.assign(resultRank, b.getIndexAttr(0));
      slice.offsets.back() = affine::makeComposedFoldedAffineApply(
          b, loc, b.getAffineDimExpr(0) * block, {OpFoldResult(index)});
      slice.sizes = tensor::getMixedSizes(b, loc, accumulator);
      slice.sizes.back() = b.getIndexAttr(block);
      slice.strides.assign(resultRank, b.getIndexAttr(1));
      Value resultBlock = tensor::ExtractSliceOp::create(
          b, loc, accumulator, slice.offsets, slice.sizes, slice.strides);
      slice.value = clone(b, op, {resultBlock.getType()},
                          {input, filterBlock, resultBlock})
                        ->getResult(0);
      return slice;
    };

    // Threads divide the blocks: they are the parallel loop, and each
    // thread reads only its own blocks of weights.
    // (Not within another thread's chunk: a block of rows,
    // tconv-transpose-in-row-blocks.)
    bool threaded = threads > 1 && blocks % threads == 0 &&
                    !op->getParentOfType<scf::ForallOp>();

    // An elementwise consumer (an epilogue: an activation, a residual add,
    // the transpose back to channels-first) is computed in the same loop,
    // block by block, so that tconv-tile-and-vectorize can fuse it into the
    // register tiles (a padded result is sliced first: no fusion).
    linalg::LinalgOp epilogue = getFusableEpilogue(op);
    if (epilogue && channels == opChannels) {
      // The fusion erases `op`.
      OperationName convName = op->getName();
      SmallVector<int64_t> tiles(op.getNumLoops(), 0);
      tiles[*channelLoop] = block;
      // Blocks of weights that may cycle through half of L2 for each image
      // row, where the epilogue writes them next to each other.
      int64_t blockBytes =
          block * getElementTypeOrSelf(filterType).getIntOrFloatBitWidth() / 8;
      for (int64_t size : filterType.getShape().drop_back())
        blockBytes *= size;
      FailureOr<scf::SCFTileAndFuseResult> fused =
          tileEpilogueAndFuseConvolution(
              rewriter, epilogue, op, tiles,
              threaded ? scf::SCFTilingOptions::LoopType::ForallOp
                       : scf::SCFTilingOptions::LoopType::ForOp,
              ChannelsInsideRows{static_cast<int64_t>(target.l2Bytes / 2) /
                                     std::max<int64_t>(blockBytes, 1),
                                 tile.pixels});
      if (succeeded(fused)) {
        // The tile's filter, a slice of `filter`, becomes its block.
        for (Operation *tiled : fused->tiledAndFusedOps) {
          auto convTile = dyn_cast<linalg::LinalgOp>(tiled);
          if (!convTile || convTile->getName() != convName)
            continue;
          OpOperand *tileFilter = convTile.getDpsInputOperand(1);
          // No slice where the block is the whole filter (an epilogue
          // reading the result through a reshape leaves whole dims
          // untiled).
          auto slice =
              tileFilter->get().getDefiningOp<tensor::ExtractSliceOp>();
          assert((slice || blocks == 1) && "a block of the filter unsliced");
          rewriter.setInsertionPoint(convTile);
          Value index = getValueOrCreateConstantIndexOp(
              rewriter, loc,
              slice ? affine::makeComposedFoldedAffineApply(
                          rewriter, loc,
                          rewriter.getAffineDimExpr(0).floorDiv(block),
                          {slice.getMixedOffsets().back()})
                    : rewriter.getIndexAttr(0));
          rewriter.modifyOpInPlace(convTile, [&] {
            tileFilter->set(buildFilterBlock(rewriter, loc, index));
          });
          // Left behind, the slice of the unblocked filter would have the
          // weight packing store that filter too.
          if (slice && slice->use_empty())
            rewriter.eraseOp(slice);
        }
        return success();
      }
    }

    if (threaded) {
      auto loop = scf::ForallOp::create(
          rewriter, loc, ArrayRef<OpFoldResult>{rewriter.getIndexAttr(blocks)},
          ValueRange{result}, /*mapping=*/std::nullopt);
      OpBuilder b = OpBuilder::atBlockBegin(loop.getBody());
      BlockSlice slice = buildBlock(b, loc, loop.getInductionVar(0),
                                    loop.getRegionIterArgs().front());
      b.setInsertionPointToStart(loop.getTerminator().getBody());
      tensor::ParallelInsertSliceOp::create(
          b, loc, slice.value, loop.getRegionIterArgs().front(), slice.offsets,
          slice.sizes, slice.strides);
      replace(loop.getResult(0));
      return success();
    }
    Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
    Value count = arith::ConstantIndexOp::create(rewriter, loc, blocks);
    Value one = arith::ConstantIndexOp::create(rewriter, loc, 1);
    auto loop = scf::ForOp::create(
        rewriter, loc, zero, count, one, ValueRange{result},
        [&](OpBuilder &b, Location loc, Value index, ValueRange iterArgs) {
          BlockSlice slice = buildBlock(b, loc, index, iterArgs.front());
          scf::YieldOp::create(b, loc,
                               tensor::InsertSliceOp::create(
                                   b, loc, slice.value, iterArgs.front(),
                                   slice.offsets, slice.sizes, slice.strides)
                                   .getResult());
        });
    replace(loop.getResult(0));
    return success();
  }

private:
  const TargetModel &target;
  int64_t registerTileWidth;
  int64_t registerTileChannels;
  int64_t threads;
};

struct BlockConvFiltersPass
    : public tconv::impl::BlockConvFiltersBase<BlockConvFiltersPass> {
  using BlockConvFiltersBase::BlockConvFiltersBase;

  LogicalResult initialize(MLIRContext *ctx) override {
    if (registerTileWidth < 0 || registerTileChannels < 0)
      return emitError(UnknownLoc::get(ctx))
             << "tconv-block-conv-filters: tile sizes must be >= 0 (0: from "
                "the target model)";
    if (threads < 1)
      return emitError(UnknownLoc::get(ctx))
             << "tconv-block-conv-filters: threads must be >= 1";
    return loadTargetModelForPass(ctx, getArgument(), targetTriple, targetCpu,
                                  targetFeatures, target);
  }

  void runOnOperation() override {
    // Collected first: blocking a convolution replaces its epilogue too.
    SmallVector<linalg::LinalgOp> convolutions;
    getOperation()->walk([&](linalg::LinalgOp op) {
      if (succeeded(linalg::inferConvolutionDims(op)))
        convolutions.push_back(op);
    });
    BlockConvolutionFilter blocking(target, registerTileWidth,
                                    registerTileChannels, threads);
    IRRewriter rewriter(&getContext());
    for (linalg::LinalgOp op : convolutions)
      (void)blocking.rewrite(rewriter, op);
  }

private:
  TargetModel target;
};
} // namespace
