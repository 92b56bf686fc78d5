//===- Tiling.cpp - Tiling linalg ops in place ----------------------------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//

#include "tconv/Codegen/Tiling.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tensor/Transforms/Transforms.h"
#include "mlir/Interfaces/TilingInterface.h"

using namespace mlir;

FailureOr<scf::SCFTilingResult>
tconv::tileAndReplace(RewriterBase &rewriter, linalg::LinalgOp op,
                      const scf::SCFTilingOptions &options) {
  rewriter.setInsertionPoint(op);
  FailureOr<scf::SCFTilingResult> tiled = scf::tileUsingSCF(
      rewriter, cast<TilingInterface>(op.getOperation()), options);
  if (succeeded(tiled))
    rewriter.replaceOp(op, tiled->replacements);
  return tiled;
}

/// `conv`'s result as its epilogue reads it: the result itself, or the
/// result of a reshape that splits its dims (a sub-pixel convolution's
/// output channels into (C, residues...)) and is its only use.
static Value getEpilogueSource(linalg::LinalgOp conv) {
  Value result = conv->getResult(0);
  if (result.hasOneUse())
    if (auto expand = dyn_cast<tensor::ExpandShapeOp>(*result.user_begin()))
      return expand.getResult();
  return result;
}

linalg::LinalgOp tconv::getFusableEpilogue(linalg::LinalgOp conv) {
  if (!conv.hasPureTensorSemantics() || conv->getNumResults() != 1)
    return {};
  Value source = getEpilogueSource(conv);
  if (!source.hasOneUse())
    return {};
  OpOperand &use = *source.getUses().begin();
  auto epilogue = dyn_cast<linalg::LinalgOp>(use.getOwner());
  if (!epilogue || !epilogue.hasPureTensorSemantics() ||
      epilogue->getNumResults() != 1 || epilogue.isDpsInit(&use) ||
      epilogue.getNumParallelLoops() != epilogue.getNumLoops() ||
      !epilogue.getMatchingIndexingMap(&use).isPermutation() ||
      !llvm::all_of(epilogue.getIndexingMapsArray(), [](AffineMap map) {
        return map.isProjectedPermutation(/*allowZeroInResults=*/true);
      }))
    return {};
  return epilogue;
}

/// The operand of `epilogue` that reads `conv`'s result (getEpilogueSource),
/// whole or sliced.
static OpOperand *getConvolutionRead(linalg::LinalgOp conv,
                                     linalg::LinalgOp epilogue) {
  Value source = getEpilogueSource(conv);
  for (OpOperand *operand : epilogue.getDpsInputOperands()) {
    Value value = operand->get();
    if (auto slice = value.getDefiningOp<tensor::ExtractSliceOp>())
      value = slice.getSource();
    if (value == source)
      return operand;
  }
  return nullptr;
}

/// For each dim of what `epilogue` reads of `conv`'s result (its
/// getEpilogueSource), the dim of the result it splits.
static SmallVector<unsigned> getResultDims(linalg::LinalgOp conv) {
  auto expand = getEpilogueSource(conv).getDefiningOp<tensor::ExpandShapeOp>();
  if (!expand)
    return llvm::to_vector(
        llvm::seq<unsigned>(0, conv.getRank(conv.getDpsInitOperand(0))));
  SmallVector<unsigned> dims;
  for (auto [resultDim, group] :
       llvm::enumerate(expand.getReassociationIndices()))
    dims.append(group.size(), resultDim);
  return dims;
}

/// The pairs (loop of the epilogue, loop of `conv`) that run along the same
/// dim of `conv`'s result, which the epilogue reads through `readMap`
/// (several loops of the epilogue where a reshape splits the dim).
static SmallVector<std::pair<unsigned, unsigned>>
getEpilogueAndConvLoops(linalg::LinalgOp conv, AffineMap readMap) {
  AffineMap writeMap = conv.getMatchingIndexingMap(conv.getDpsInitOperand(0));
  SmallVector<std::pair<unsigned, unsigned>> loops;
  for (auto [dim, resultDim] : llvm::enumerate(getResultDims(conv)))
    loops.emplace_back(readMap.getDimPosition(dim),
                       writeMap.getDimPosition(resultDim));
  return loops;
}

std::optional<unsigned> tconv::getEpilogueLoop(linalg::LinalgOp conv,
                                               linalg::LinalgOp epilogue,
                                               unsigned convLoop) {
  OpOperand *read = getConvolutionRead(conv, epilogue);
  if (!read)
    return std::nullopt;
  std::optional<unsigned> found;
  for (auto [epilogueLoop, loop] :
       getEpilogueAndConvLoops(conv, epilogue.getMatchingIndexingMap(read))) {
    if (loop != convLoop)
      continue;
    if (found) // A dim the reshape splits.
      return std::nullopt;
    found = epilogueLoop;
  }
  return found;
}

/// The tile sizes of the dims the epilogue reads of `conv`'s result for
/// `convTiles`: a dim the reshape splits into (d1, ..., dk) takes a tile of
/// T elements as whole inner dims and a part of the next (T = 64 of
/// (21, 16, 16): 1 x 4 x 16), so that each tile is a contiguous range of
/// the convolution's tile. None where T does not split so.
static std::optional<SmallVector<int64_t>>
getSourceTiles(linalg::LinalgOp conv, ArrayRef<int64_t> convTiles) {
  AffineMap writeMap = conv.getMatchingIndexingMap(conv.getDpsInitOperand(0));
  auto sourceType = cast<RankedTensorType>(getEpilogueSource(conv).getType());
  SmallVector<unsigned> resultDims = getResultDims(conv);
  SmallVector<int64_t> tiles(resultDims.size(), 0);
  // Innermost first: what is left of each result dim's tile.
  SmallVector<int64_t> left;
  for (unsigned resultDim = 0; resultDim < writeMap.getNumResults();
       ++resultDim)
    left.push_back(convTiles[writeMap.getDimPosition(resultDim)]);
  for (int dim = resultDims.size() - 1; dim >= 0; --dim) {
    int64_t &tile = left[resultDims[dim]];
    if (tile == 0) // Not tiled.
      continue;
    if (llvm::count(resultDims, resultDims[dim]) == 1) {
      // A dim the reshape leaves whole: any tile.
      tiles[dim] = tile;
      continue;
    }
    int64_t size = sourceType.getDimSize(dim);
    if (ShapedType::isDynamic(size))
      return std::nullopt;
    if (tile >= size) {
      // Whole: untiled, so that its slices start at a constant 0, which
      // slicing through the reshape needs.
      if (tile % size != 0)
        return std::nullopt;
      tile /= size;
    } else {
      // Tiles must not straddle an outer dim of the group (the outermost
      // may end in a partial tile).
      bool outermost = dim == 0 || resultDims[dim - 1] != resultDims[dim];
      if (size % tile != 0 && !outermost)
        return std::nullopt;
      tiles[dim] = tile;
      tile = 1;
    }
  }
  return tiles;
}

namespace {
/// extract_slice(expand_shape(x)) -> expand_shape(extract_slice(x)) for one
/// reshape, a convolution's result read by its epilogue, where the slice is
/// contiguous in each group of the reshape: the convolution is then fused
/// into the slice of x. (Upstream's populateBubbleUpExtractSliceOpPatterns
/// would also move slices of the weight's and bias' reshapes, whose
/// structure filter blocking reads.)
struct SliceBeforeReshape : OpRewritePattern<tensor::ExtractSliceOp> {
  SliceBeforeReshape(MLIRContext *context, Value reshaped)
      : OpRewritePattern(context), reshaped(reshaped) {}

  LogicalResult matchAndRewrite(tensor::ExtractSliceOp slice,
                                PatternRewriter &rewriter) const override {
    auto reshape = slice.getSource().getDefiningOp<tensor::ExpandShapeOp>();
    if (!reshape || reshape.getResult() != reshaped)
      return rewriter.notifyMatchFailure(slice, "not a slice of the reshape");
    SmallVector<ReassociationIndices> reassociation =
        reshape.getReassociationIndices();
    SmallVector<OpFoldResult> offsets, sizes, strides;
    if (failed(tensor::getCollapsedExtractSliceInfo(
            rewriter, slice, reassociation, offsets, sizes, strides)))
      return rewriter.notifyMatchFailure(slice, "not contiguous");
    Value source = tensor::ExtractSliceOp::create(
        rewriter, slice.getLoc(), reshape.getSrc(), offsets, sizes, strides);
    rewriter.replaceOpWithNewOp<tensor::ExpandShapeOp>(
        slice, slice.getResultType(), source, reassociation,
        slice.getMixedSizes());
    return success();
  }

  Value reshaped;
};
} // namespace

/// The loop order of tileEpilogueAndFuseConvolution (an interchange of
/// `epilogue`'s loops) that runs an output channel loop whose tiles are
/// adjacent in the epilogue's result inside the outermost image loop, whose
/// tile it sets to 1 in `tiles` (and, where a residual is read, inside the
/// innermost image loop, whose tile it sets to a block of
/// `inside.pixels` or more); none where there is no such loop or it has
/// more than `inside.maxTiles` tiles.
static std::optional<SmallVector<int64_t>>
getRowsOutsideOrder(linalg::LinalgOp conv, linalg::LinalgOp epilogue,
                    SmallVectorImpl<int64_t> &tiles,
                    const tconv::ChannelsInsideRows &inside) {
  FailureOr<linalg::ConvolutionDimensions> dims =
      linalg::inferConvolutionDims(conv);
  AffineMap outputMap =
      epilogue.getMatchingIndexingMap(epilogue.getDpsInitOperand(0));
  unsigned rank = outputMap.getNumResults();
  if (failed(dims) || dims->outputImage.empty() || rank < 2 ||
      !outputMap.isPermutation())
    return std::nullopt;
  SmallVector<int64_t> ranges = epilogue.getStaticLoopRanges();
  unsigned inner = outputMap.getDimPosition(rank - 1);
  unsigned adjacent = outputMap.getDimPosition(rank - 2);
  auto isWhole = [&](unsigned loop) {
    return tiles[loop] == 0 || tiles[loop] == ranges[loop];
  };
  // The adjacent loop runs along the convolution's output channels.
  OpOperand *read = getConvolutionRead(conv, epilogue);
  bool channelLoop = llvm::any_of(
      getEpilogueAndConvLoops(conv, epilogue.getMatchingIndexingMap(read)),
      [&](std::pair<unsigned, unsigned> loops) {
        return loops.first == adjacent &&
               llvm::is_contained(dims->outputChannel, loops.second);
      });
  std::optional<unsigned> row =
      tconv::getEpilogueLoop(conv, epilogue, dims->outputImage.front());
  if (!channelLoop || !row || !isWhole(inner) || isWhole(adjacent) ||
      ShapedType::isDynamic(ranges[adjacent]) ||
      ranges[adjacent] / tiles[adjacent] > inside.maxTiles || !isWhole(*row) ||
      ShapedType::isDynamic(ranges[*row]) || ranges[*row] < 2)
    return std::nullopt;
  tiles[*row] = 1;
  // An epilogue that reads a tensor in its result's layout (a residual)
  // reads the tiles' rows of it as one stream each: with the pixels in
  // blocks outside the chunks, each stream runs a row's chunks long.
  std::optional<unsigned> pixels =
      tconv::getEpilogueLoop(conv, epilogue, dims->outputImage.back());
  bool readsResidual =
      llvm::any_of(epilogue.getDpsInputOperands(), [&](OpOperand *input) {
        return input != read &&
               epilogue.getMatchingIndexingMap(input) == outputMap;
      });
  if (readsResidual && pixels && *pixels != *row && isWhole(*pixels) &&
      !ShapedType::isDynamic(ranges[*pixels]) && inside.pixels > 0) {
    int64_t block = inside.pixels;
    while (block < ranges[*pixels] && ranges[*pixels] % block != 0)
      ++block;
    if (block < ranges[*pixels])
      tiles[*pixels] = block;
    else
      pixels.reset();
  } else {
    pixels.reset();
  }
  SmallVector<int64_t> order;
  for (unsigned loop = 0; loop < tiles.size(); ++loop)
    if (!isWhole(loop) && loop != *row && loop != adjacent && loop != pixels)
      order.push_back(loop);
  order.push_back(*row);
  if (pixels)
    order.push_back(*pixels);
  order.push_back(adjacent);
  for (unsigned loop = 0; loop < tiles.size(); ++loop)
    if (!llvm::is_contained(order, static_cast<int64_t>(loop)))
      order.push_back(loop);
  return order;
}

FailureOr<scf::SCFTileAndFuseResult> tconv::tileEpilogueAndFuseConvolution(
    RewriterBase &rewriter, linalg::LinalgOp epilogue, linalg::LinalgOp conv,
    ArrayRef<int64_t> convTiles, scf::SCFTilingOptions::LoopType loopType,
    const ChannelsInsideRows &inside) {
  OpOperand *read = getConvolutionRead(conv, epilogue);
  assert(read && "not the convolution's epilogue");
  std::optional<SmallVector<int64_t>> sourceTiles =
      getSourceTiles(conv, convTiles);
  if (!sourceTiles)
    return failure();
  // Loops in the order of the convolution's result: the epilogue reads the
  // accumulators as they are (its vectors are theirs, forwarded in
  // registers) and transposes, if anything, when it stores.
  AffineMap readMap = epilogue.getMatchingIndexingMap(read);
  if (auto generic = dyn_cast<linalg::GenericOp>(epilogue.getOperation());
      generic && !readMap.isIdentity()) {
    SmallVector<unsigned> interchange;
    for (unsigned dim = 0, e = readMap.getNumResults(); dim < e; ++dim)
      interchange.push_back(readMap.getDimPosition(dim));
    if (succeeded(linalg::interchangeGenericOp(rewriter, generic, interchange)))
      readMap = epilogue.getMatchingIndexingMap(read);
  }
  // A loop of the epilogue takes the tile of the dim it reads.
  SmallVector<int64_t> tiles(epilogue.getNumLoops(), 0);
  for (auto [dim, tile] : llvm::enumerate(*sourceTiles))
    tiles[readMap.getDimPosition(dim)] = tile;

  // The convolution and its init's producer only: the epilogue's other
  // operands (a residual, which may be another convolution's result) and
  // the convolution's input are computed once, outside.
  Operation *initProducer = conv.getDpsInitOperand(0)->get().getDefiningOp();
  scf::SCFTileAndFuseOptions options;
  if (inside.maxTiles > 0)
    if (std::optional<SmallVector<int64_t>> order =
            getRowsOutsideOrder(conv, epilogue, tiles, inside))
      options.tilingOptions.setInterchange(*order);
  options.tilingOptions.setTileSizes(
      getAsIndexOpFoldResult(rewriter.getContext(), tiles));
  options.tilingOptions.setLoopType(loopType);
  // A part of the epilogue reads a slice of the result: its tiles' slices
  // of that slice become slices of the result, which fusion needs; so does
  // a slice of the reshaped result (a reshaped slice of the result).
  auto reshape = getEpilogueSource(conv).getDefiningOp<tensor::ExpandShapeOp>();
  RewritePatternSet cleanups(rewriter.getContext());
  tensor::populateMergeConsecutiveInsertExtractSlicePatterns(cleanups);
  if (reshape)
    cleanups.add<SliceBeforeReshape>(rewriter.getContext(),
                                     reshape.getResult());
  options.cleanupPatterns = FrozenRewritePatternSet(std::move(cleanups));
  options.setFusionControlFn(
      [&](tensor::ExtractSliceOp, OpResult producer,
          bool) -> std::optional<scf::SCFTileAndFuseOptions::ControlFnResult> {
        Operation *op = producer.getOwner();
        if (op == conv.getOperation() ||
            (op == initProducer && isa<linalg::LinalgOp>(op)))
          return scf::SCFTileAndFuseOptions::ControlFnResult{};
        return std::nullopt;
      });
  rewriter.setInsertionPoint(epilogue);
  FailureOr<scf::SCFTileAndFuseResult> fused =
      scf::tileConsumerAndFuseProducersUsingSCF(
          rewriter, cast<TilingInterface>(epilogue.getOperation()), options);
  if (failed(fused))
    return failure();
  rewriter.replaceOp(epilogue,
                     fused->replacements.lookup(epilogue->getResult(0)));
  if (reshape && reshape->use_empty())
    rewriter.eraseOp(reshape);
  for (Operation *original : {conv.getOperation(), initProducer}) {
    if (!original)
      continue;
    // The slices of the original that the fused tiles replaced: left
    // behind, they kept it alive until the next cleanup, and
    // tconv-outline-weight-packing, which comes first, packed its weights
    // twice (unblocked as well as blocked).
    for (Operation *user : llvm::make_early_inc_range(original->getUsers()))
      if (isa<tensor::ExtractSliceOp>(user) && user->use_empty())
        rewriter.eraseOp(user);
    if (original->use_empty())
      rewriter.eraseOp(original);
  }
  return fused;
}

/// The loops of `map`'s results, innermost first.
static SmallVector<unsigned> getLoopsInnermostFirst(AffineMap map) {
  SmallVector<unsigned> loops;
  for (AffineExpr result : llvm::reverse(map.getResults()))
    loops.push_back(cast<AffineDimExpr>(result).getPosition());
  return loops;
}

std::optional<tconv::TransposedInput>
tconv::getTransposedInput(linalg::LinalgOp op) {
  if (op.getNumDpsInits() != 1 ||
      op.getNumParallelLoops() != op.getNumLoops() || op.getNumLoops() == 0)
    return std::nullopt;
  AffineMap outputMap = op.getMatchingIndexingMap(op.getDpsInitOperand(0));
  if (!outputMap.isPermutation())
    return std::nullopt;
  SmallVector<unsigned> writeLoops = getLoopsInnermostFirst(outputMap);
  for (OpOperand *input : op.getDpsInputOperands()) {
    AffineMap inputMap = op.getMatchingIndexingMap(input);
    if (!inputMap.isPermutation() || inputMap.getNumResults() < 2)
      continue;
    SmallVector<unsigned> readLoops = getLoopsInnermostFirst(inputMap);
    if (readLoops.front() != writeLoops.front())
      return TransposedInput{input, std::move(readLoops),
                             std::move(writeLoops)};
  }
  return std::nullopt;
}
