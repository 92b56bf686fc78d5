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
#include "tconv/Codegen/StreamingStores.h"
#include "tconv/Codegen/TileSelection.h"
#include "tconv/Codegen/Tiling.h"
#include "tconv/Codegen/TransposeShuffles.h"
#include "tconv/Dialect/TConv/IR/TConvDialect.h"
#include "tconv/Target/TargetModel.h"
#include "tconv/Utils/Shapes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
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

#include "llvm/Support/CheckedArithmetic.h"
#include "llvm/TargetParser/Triple.h"

#include <limits>

namespace mlir::tconv {
#define GEN_PASS_DEF_TILEANDVECTORIZE
#include "tconv/Codegen/Passes.h.inc"
} // namespace mlir::tconv

using namespace mlir;
using namespace mlir::tconv;

namespace {

/// Carries tconv.narrow_weights from the op a rewrite starts from to the
/// convolutions and contractions it makes (upstream's decompositions and
/// vectorizer build new ops): tconv-lower-int8-dot-products lowers only
/// marked contractions with VPMADDUBSW. Without the mark, a tile falls back
/// to an exact lowering.
class NarrowWeightsCarrier : public RewriterBase::Listener {
public:
  void notifyPatternBegin(const Pattern &, Operation *op) override {
    setSource(op);
  }
  void notifyPatternEnd(const Pattern &, LogicalResult) override {
    setSource(nullptr);
  }
  void setSource(Operation *op) {
    marked = op && op->hasAttr(TConvDialect::kNarrowWeightsAttrName);
  }
  void notifyOperationInserted(Operation *op, OpBuilder::InsertPoint) override {
    if (marked && isa<linalg::LinalgOp, vector::ContractionOp>(op))
      op->setAttr(TConvDialect::kNarrowWeightsAttrName,
                  UnitAttr::get(op->getContext()));
  }

private:
  bool marked = false;
};

/// Input channels per reduction step of convolution `op`'s register tile:
/// `lanes` for targets with FMAs by element (one vector load of a pixel's
/// inputs then feeds `lanes` FMAs per channel vector: on Neoverse N1,
/// llvm-mca puts dcgan3's inner loop at 91% of the FMA bound this way, 67%
/// with one channel, the scalar input loads filling its 3-wide dispatch);
/// for i8 operands where the target has i8 dot products, the channels one
/// instruction sums (2 or 4, tconv-lower-int8-dot-products); else one.
int64_t getInputChannelStep(const TargetModel &target, linalg::LinalgOp op) {
  Int8DotProduct dotProduct = getInt8DotProduct(target, op);
  if (dotProduct != Int8DotProduct::None)
    return getInt8DotProductGroup(dotProduct);
  return target.fmaByElement ? target.getLanes(32) : 1;
}

/// Register tiles of a convolution: `tile` over its pixel loop
/// (getPixelLoop) and the output channels (and depthwise channels); every
/// other loop (batch, other image dims, kernel taps) steps by one, so the
/// accumulators stay in registers across the reduction loops, and the input
/// channels by `inputChannelStep` (a divisor of their count at most that).
SmallVector<int64_t> getConvolutionTileSizes(
    linalg::LinalgOp op, const linalg::ConvolutionDimensions &dims,
    RegisterTile tile, int64_t lanes, int64_t inputChannelStep) {
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  SmallVector<int64_t> tiles(ranges.size(), 1);
  if (!dims.outputImage.empty()) {
    unsigned pixelLoop = getPixelLoop(op, dims);
    tiles[pixelLoop] = getDividingTileSize(ranges[pixelLoop], tile.pixels);
  }
  for (unsigned channel :
       llvm::concat<const unsigned>(dims.outputChannel, dims.depth))
    tiles[channel] = getChannelTileSize(ranges[channel], tile.channels, lanes);
  for (unsigned channel : dims.inputChannel)
    tiles[channel] = getDividingTileSize(ranges[channel], inputChannelStep);
  return tiles;
}

/// Whether a `rows` x `columns` block of `elementType` values is transposed
/// in registers. 16-bit floats are, as i16 (tconv-lower-vector-transposes),
/// in square power-of-two blocks only: the X86 backend cannot promote
/// shuffles of bf16 (or, without native f16, f16) vectors, which other
/// shapes would reach. Gathered element by element instead, the transpose
/// of a U-Net layer's i32 result took 60% of its time.
bool isShuffledInRegisters(Type elementType, int64_t rows, int64_t columns) {
  if (elementType.isF16() || elementType.isBF16())
    return isShuffleNetworkBlock(rows, columns);
  return elementType.isF32() || elementType.isSignlessInteger() ||
         elementType.isUnsignedInteger();
}

/// Tile sizes of the loops `innermostFirst` (the dims of an operand, its
/// innermost first) for a block of at most `limit` contiguous elements: each
/// loop whole while the block fits, then the next by a divisor of what is
/// left (in powers of two beyond the first loop), the loops outside it by
/// one. Stops at `stop` (the other side's innermost loop). A block along
/// several loops is still one row of memory, which
/// tconv-collapse-vector-transfers reads or writes as one vector: a
/// channels-first pixel shuffle writes rows of w x kw elements.
SmallVector<std::pair<unsigned, int64_t>>
getContiguousBlock(ArrayRef<unsigned> innermostFirst, ArrayRef<int64_t> ranges,
                   int64_t limit, llvm::function_ref<bool(unsigned)> stop) {
  SmallVector<std::pair<unsigned, int64_t>> block;
  int64_t size = 1;
  for (unsigned loop : innermostFirst) {
    if (stop(loop) || ShapedType::isDynamic(ranges[loop]))
      break;
    int64_t tile = getDividingTileSize(ranges[loop], limit / size);
    // Beyond the first loop, powers of two only: blocks the shuffle
    // networks of tconv-lower-vector-transposes take.
    if (!block.empty() && (tile == 1 || !llvm::isPowerOf2_64(tile)))
      break;
    block.push_back({loop, tile});
    size *= tile;
    if (tile != ranges[loop] || !llvm::isPowerOf2_64(tile))
      break;
  }
  return block;
}

/// The product of a block's tile sizes.
int64_t getBlockSize(ArrayRef<std::pair<unsigned, int64_t>> block) {
  int64_t size = 1;
  for (auto [loop, tile] : block)
    size *= tile;
  return size;
}

/// Whether `block`'s loops (innermost first) are results of `map` in the
/// same order.
bool isInSameOrder(ArrayRef<std::pair<unsigned, int64_t>> block,
                   AffineMap map) {
  std::optional<unsigned> inner;
  for (auto [loop, tile] : block) {
    std::optional<unsigned> position =
        map.getResultPosition(getAffineDimExpr(loop, map.getContext()));
    if (!position || (inner && *position >= *inner))
      return false;
    inner = position;
  }
  return true;
}

/// `op` split, where it transposes (getTransposedInput) and its innermost
/// read or write loop is longer than `lanes` but not a multiple of it, into
/// a part that is, transposed in blocks of `lanes` along that loop, and the
/// rest, in a block of its own. Whole, its blocks were a divisor of the
/// loop: FCN-32s' 21 channels were transposed 7 at a time, in blocks no
/// shuffle network takes.
SmallVector<linalg::LinalgOp> splitForTransposeBlocks(RewriterBase &rewriter,
                                                      linalg::LinalgOp op,
                                                      int64_t lanes) {
  SmallVector<linalg::LinalgOp> parts = {op};
  std::optional<TransposedInput> transposed = getTransposedInput(op);
  if (!transposed)
    return parts;
  for (unsigned loop :
       {transposed->readLoops.front(), transposed->writeLoops.front()}) {
    SmallVector<linalg::LinalgOp> split;
    for (linalg::LinalgOp part : parts) {
      int64_t range = part.getStaticLoopRanges()[loop];
      if (ShapedType::isDynamic(range) || range <= lanes ||
          range % lanes == 0) {
        split.push_back(part);
        continue;
      }
      rewriter.setInsertionPoint(part);
      auto [main, rest] =
          linalg::splitOp(rewriter, cast<TilingInterface>(part.getOperation()),
                          loop, rewriter.getIndexAttr(range - range % lanes));
      split.push_back(cast<linalg::LinalgOp>(main.getOperation()));
      split.push_back(cast<linalg::LinalgOp>(rest.getOperation()));
    }
    parts = std::move(split);
  }
  return parts;
}

/// Output rows at least this far apart are in different pages.
constexpr int64_t kPageBytes = 4096;

/// The most blocks of rows of whole lines a transpose's source row may hold
/// for the rows' loop to go outermost (getElementwiseTiling): a pass over
/// the source then reads at least one line in this many.
constexpr int64_t kMaxRowBlocksPerPass = 8;

/// The distance in bytes between the elements of `op`'s output that loop
/// `loop` steps between (its output's dims are static inside that loop's;
/// else the largest int64).
int64_t getOutputStrideBytes(linalg::LinalgOp op, unsigned loop) {
  OpOperand *output = op.getDpsInitOperand(0);
  auto type = cast<ShapedType>(output->get().getType());
  std::optional<unsigned> position =
      op.getMatchingIndexingMap(output).getResultPosition(
          getAffineDimExpr(loop, op->getContext()));
  if (!position || !type.getElementType().isIntOrFloat())
    return 0;
  int64_t stride = type.getElementTypeBitWidth() / 8;
  for (int64_t size : type.getShape().drop_front(*position + 1)) {
    std::optional<int64_t> product = ShapedType::isDynamic(size)
                                         ? std::nullopt
                                         : llvm::checkedMul(stride, size);
    if (!product)
      return std::numeric_limits<int64_t>::max();
    stride = *product;
  }
  return stride;
}

/// Tiles of other (elementwise) ops. An op that transposes (reads an input
/// through a permutation whose innermost dim is not the output's: input and
/// output are contiguous along different loops) gets a block of up to
/// `lanes` x `lanes` elements if its result's elements are shuffled in
/// registers: one vector register per row, read along the input's
/// innermost loops, transposed in registers with shuffles, written along
/// the output's (getContiguousBlock); its other inputs (a residual,
/// per-channel parameters) are read in the same blocks.
/// Its other loops run in the order of the transposed input's layout, outer
/// dims outermost, so that each block's source stays in cache until all its
/// lines are read: in the output's order, a channels-last i32 result read
/// 8 channels at a time fetched every cache line twice from memory. The
/// loop across the block's rows (where they run along one loop) then goes
/// as far out as the source of the loops inside it fits `cacheBytes`:
/// unet3d's channels-first i32 result, 16 channels per block, was written
/// 64 bytes per plane and row in turn for 32 planes; from outside the rows
/// of one input depth (256 KB), in runs of 8 KB per plane, 0.41 -> 0.35 ms
/// on Zen 5.
/// A transpose whose result is `streamed` (writesStreamedResult) writes
/// rows of up to a cache line where `lanes` are less (AVX2: 8 channels by
/// 16 pixels of 32 bits), so that each line's halves are stored one after
/// the other (tconv-stream-stores).
/// Anything else gets rows of at most `rowTile` elements.
scf::SCFTilingOptions getElementwiseTiling(linalg::LinalgOp op, int64_t rowTile,
                                           int64_t lanes, uint64_t cacheBytes,
                                           bool streamed) {
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  SmallVector<int64_t> tiles(ranges.size(), 1);
  scf::SCFTilingOptions options;
  auto setTiles = [&] {
    options.setTileSizes(getAsIndexOpFoldResult(op->getContext(), tiles));
    return options;
  };
  if (tiles.empty())
    return setTiles();
  if (std::optional<TransposedInput> transposed = getTransposedInput(op)) {
    OpOperand *input = transposed->input;
    ArrayRef<unsigned> readLoops = transposed->readLoops;
    ArrayRef<unsigned> writeLoops = transposed->writeLoops;
    Type outputType =
        getElementTypeOrSelf(op.getDpsInitOperand(0)->get().getType());
    AffineMap inputMap = op.getMatchingIndexingMap(input);
    AffineMap outputMap = op.getMatchingIndexingMap(op.getDpsInitOperand(0));
    auto rows = getContiguousBlock(readLoops, ranges, lanes, [&](unsigned l) {
      return l == writeLoops.front();
    });
    int64_t columnLimit = lanes;
    if (streamed && outputType.isIntOrFloat())
      columnLimit = std::max(
          lanes, kCacheLineBytes / (outputType.getIntOrFloatBitWidth() / 8));
    auto columns =
        getContiguousBlock(writeLoops, ranges, columnLimit, [&](unsigned l) {
          return llvm::any_of(rows, [&](auto tile) { return tile.first == l; });
        });
    int64_t numRows = getBlockSize(rows), numColumns = getBlockSize(columns);
    // A block along several loops is only worth it as one that
    // tconv-lower-vector-transposes shuffles: each side's loops in the
    // same order on the other side, so that the block's transpose moves
    // two groups of dims. Else one loop per side, as any transpose.
    if ((rows.size() > 1 || columns.size() > 1) &&
        (!isShuffleNetworkBlock(numRows, numColumns) ||
         !isInSameOrder(rows, outputMap) ||
         !isInSameOrder(columns, inputMap))) {
      // (From the innermost loops themselves: a block is empty where its
      // first loop is dynamic.)
      rows = {{readLoops.front(),
               getDividingTileSize(ranges[readLoops.front()], lanes)}};
      columns = {
          {writeLoops.front(),
           getDividingTileSize(ranges[writeLoops.front()], columnLimit)}};
      numRows = getBlockSize(rows);
      numColumns = getBlockSize(columns);
    }
    Type inputType = getElementTypeOrSelf(input->get().getType());
    if (isShuffledInRegisters(outputType, numRows, numColumns) &&
        isShuffledInRegisters(inputType, numRows, numColumns)) {
      SmallVector<unsigned> blockLoops;
      for (auto [loop, tile] : llvm::concat<std::pair<unsigned, int64_t>>(
               llvm::reverse(rows), llvm::reverse(columns))) {
        tiles[loop] = tile;
        blockLoops.push_back(loop);
      }
      SmallVector<unsigned> order;
      for (unsigned loop : llvm::reverse(readLoops))
        if (!llvm::is_contained(blockLoops, loop))
          order.push_back(loop);
      // Where the block's rows go to different pages of the output (the
      // planes of a channels-first result), the rows' loop as far out as
      // the source inside it fits `cacheBytes`: 64-byte blocks of an i32
      // channels-last source leave the lines of the other channels to the
      // next iterations, which find them in cache (prefetched with their
      // neighbours), and each iteration writes long runs of its output rows
      // rather than one block's width. (Rows of a channels-last output are
      // neighbouring pixels: moved out, a channels-first input's transpose
      // took 30% longer for DCGAN's last layer on Haswell.)
      unsigned rowsPosition = order.size();
      if (rows.size() == 1 &&
          getOutputStrideBytes(op, rows.front().first) >= kPageBytes &&
          llvm::none_of(blockLoops, [&](unsigned loop) {
            return ShapedType::isDynamic(ranges[loop]);
          })) {
        int64_t elementBytes = inputType.getIntOrFloatBitWidth() / 8;
        uint64_t footprint = elementBytes;
        for (unsigned loop : blockLoops)
          footprint *= static_cast<uint64_t>(ranges[loop]);
        // An epilogue's residual (read in the output's layout) is read in
        // as many runs as the output is written. Where the block's rows are
        // whole lines of the source (none left to the next block of rows)
        // and a source row holds few blocks (every pass over the source
        // reads one line in kMaxRowBlocksPerPass at most, a stride the
        // prefetchers follow), the rows' loop goes outermost: each pass
        // writes its output planes and reads the residual's in runs as
        // long as the planes. A channels-first U-Net layer (128 channels)
        // with a residual add chain, 5.5 -> 5.0 ms on Zen 5 (the bare
        // layer 4.8, whose order this leaves: there it measured the same).
        auto [rowLoop, rowTile] = rows.front();
        bool readsResidual =
            llvm::any_of(op.getDpsInputOperands(), [&](OpOperand *other) {
              return other != input &&
                     op.getMatchingIndexingMap(other) == outputMap;
            });
        bool fewWholeLineBlocks =
            readsResidual && (rowTile * elementBytes) % kCacheLineBytes == 0 &&
            ranges[rowLoop] / rowTile <= kMaxRowBlocksPerPass;
        for (unsigned position = order.size(); position > 0; --position) {
          int64_t range = ranges[order[position - 1]];
          if (ShapedType::isDynamic(range) ||
              (!fewWholeLineBlocks &&
               footprint * static_cast<uint64_t>(range) > cacheBytes))
            break;
          footprint *= static_cast<uint64_t>(range);
          rowsPosition = position - 1;
        }
      }
      llvm::append_range(order, blockLoops);
      if (rowsPosition < order.size() - blockLoops.size()) {
        llvm::erase(order, rows.front().first);
        order.insert(order.begin() + rowsPosition, rows.front().first);
      }
      options.setInterchange(SmallVector<int64_t>(order.begin(), order.end()));
      return setTiles();
    }
  }
  tiles.back() = getDividingTileSize(ranges.back(), rowTile);
  return setTiles();
}

/// Results at least this many times the target's L2 are written past the
/// caches: a result that large is out of cache before anything reads it,
/// and plain stores would first read every line they fill. A
/// channels-first super-resolution layer's 16 MB i32 result took 0.3 ms
/// less to transpose so on Zen 5 (1 MiB of L2), 2.22 -> 1.93 ms in all
/// with the block order of getElementwiseTiling; the same layer
/// channels-last with a residual added in its register tiles' epilogue
/// 5.78 -> 4.94 ms (the residual it reads stays in L3).
constexpr uint64_t kStreamedResultL2Multiple = 8;

/// ... or at least this many bytes, for targets whose L2 is larger than
/// 1 MiB: a result beyond the L2 and the core's share of L3 leaves the
/// caches whatever the L2. On Emerald Rapids (2 MiB of L2) a U-Net
/// up-convolution's 8 MiB channels-first result, streamed, took 3.9 -> 3.5
/// ms in int8 (i32 result) and 10-12.7 -> 8.7-9.9 ms in f32.
constexpr uint64_t kStreamedResultBytes = uint64_t(8) << 20;

/// Whether `value` is only written over and returned by its function:
/// followed through reshapes, slices, insertions, ops that write it
/// without reading it (the other part of a split op), the loops that carry
/// it (ops tiled before, a thread's chunk) and their results, and the
/// branches that yield it. Anything else may read it soon.
bool isOnlyReturned(Value value) {
  SmallVector<Value> worklist = {value};
  llvm::SmallPtrSet<Value, 16> visited;
  while (!worklist.empty()) {
    Value current = worklist.pop_back_val();
    if (!visited.insert(current).second)
      continue;
    for (OpOperand &use : current.getUses()) {
      Operation *user = use.getOwner();
      if (isa<func::ReturnOp>(user))
        continue;
      if (isa<tensor::ExpandShapeOp, tensor::CollapseShapeOp, tensor::CastOp,
              tensor::ExtractSliceOp, tensor::InsertSliceOp>(user)) {
        worklist.push_back(user->getResult(0));
        continue;
      }
      // Source or destination, it goes into the forall's result.
      if (auto insert = dyn_cast<tensor::ParallelInsertSliceOp>(user)) {
        auto forall = insert->getParentOfType<scf::ForallOp>();
        auto shared = dyn_cast<BlockArgument>(insert.getDest());
        if (!forall || !shared)
          return false;
        worklist.push_back(
            forall.getTiedOpResult(forall.getTiedOpOperand(shared)));
        continue;
      }
      if (auto written = dyn_cast<linalg::LinalgOp>(user)) {
        if (!written.isDpsInit(&use) ||
            written.payloadUsesValueFromOperand(&use))
          return false;
        worklist.push_back(written.getTiedOpResult(&use));
        continue;
      }
      if (auto loop = dyn_cast<scf::ForOp>(user)) {
        if (use.getOperandNumber() < loop.getNumControlOperands())
          return false;
        worklist.push_back(loop.getTiedLoopRegionIterArg(&use));
        worklist.push_back(loop.getTiedLoopResult(&use));
        continue;
      }
      if (auto forall = dyn_cast<scf::ForallOp>(user)) {
        worklist.push_back(forall.getTiedBlockArgument(&use));
        worklist.push_back(forall.getTiedOpResult(&use));
        continue;
      }
      // A loop's, or a branch's (tconv-dispatch-narrow-weights).
      if (isa<scf::YieldOp>(user) &&
          isa<scf::ForOp, scf::IfOp>(user->getParentOp())) {
        worklist.push_back(
            user->getParentOp()->getResult(use.getOperandNumber()));
        continue;
      }
      return false;
    }
  }
  return true;
}

/// Whether `op`, whose tiles write each element of its result once (a
/// transpose, a convolution's epilogue), writes the result past the caches
/// (x86 only, where it was measured): a result of at least
/// kStreamedResultL2Multiple L2s or kStreamedResultBytes, its dynamic dims
/// (a batch) counted as 1,
/// that the function only returns (a layer's input, transposed, is read
/// right away). A slice (a thread's chunk, a cache tile), reshaped or not,
/// counts the whole result it is part of.
bool writesStreamedResult(linalg::LinalgOp op, const TargetModel &target) {
  if (!llvm::Triple(target.triple).isX86() || op->getNumResults() != 1 ||
      !isOnlyReturned(op->getResult(0)))
    return false;
  Value result = op.getDpsInitOperand(0)->get();
  while (true) {
    if (auto argument = dyn_cast<BlockArgument>(result)) {
      // The init of the loop that carries it: a loop over filter blocks,
      // a thread's chunk of a forall's shared output.
      auto loop =
          dyn_cast<LoopLikeOpInterface>(argument.getOwner()->getParentOp());
      OpOperand *init = loop ? loop.getTiedLoopInit(argument) : nullptr;
      if (!init)
        break;
      result = init->get();
      continue;
    }
    Operation *view = result.getDefiningOp();
    if (!isa<tensor::ExtractSliceOp, tensor::CollapseShapeOp,
             tensor::ExpandShapeOp>(view))
      break;
    result = view->getOperand(0);
  }
  auto type = dyn_cast<RankedTensorType>(result.getType());
  if (!type || !type.getElementType().isIntOrFloat())
    return false;
  return getStaticByteCount(type) >=
         std::min(kStreamedResultL2Multiple * target.l2Bytes,
                  kStreamedResultBytes);
}

/// Marks `loops` (a tile nest writing a streamed result, every loop:
/// canonicalization folds those that run once) for tconv-stream-stores.
void markNontemporalStores(RewriterBase &rewriter,
                           ArrayRef<LoopLikeOpInterface> loops) {
  for (LoopLikeOpInterface loop : loops)
    loop->setAttr(kNonTemporalStoresAttrName, rewriter.getUnitAttr());
}

/// A register tile of a row-vectorized depthwise convolution
/// (isRowVectorizedDepthwise) on tensors, one tap of one row of one channel
/// (every loop but the row's of size 1), as the `linalg.conv_1d` of its
/// rows: upstream vectorizes that along the row (an unaligned load of the
/// input and an FMA by the broadcast weight), and the depthwise op across
/// its channels only. Stride and dilation 1 along the row: the input's
/// innermost index is the row's loop plus the tap's.
struct RowDepthwiseToConv1D : OpInterfaceRewritePattern<linalg::LinalgOp> {
  using OpInterfaceRewritePattern::OpInterfaceRewritePattern;

  LogicalResult matchAndRewrite(linalg::LinalgOp op,
                                PatternRewriter &rewriter) const override {
    if (!op.hasPureTensorSemantics() || op.getNumDpsInputs() != 2 ||
        op.getNumDpsInits() != 1 || isa<linalg::Conv1DOp>(op))
      return failure();
    FailureOr<linalg::ConvolutionDimensions> dims =
        linalg::inferConvolutionDims(op);
    if (failed(dims) || !isRowVectorizedDepthwise(op, *dims) ||
        dims->filterLoop.empty())
      return failure();
    unsigned row = dims->outputImage.back();
    unsigned tap = dims->filterLoop.back();
    SmallVector<int64_t> ranges = op.getStaticLoopRanges();
    for (auto [loop, range] : llvm::enumerate(ranges))
      if (loop != row && loop != tap && range != 1)
        return rewriter.notifyMatchFailure(op, "not a single row and channel");
    if (ShapedType::isDynamic(ranges[row]) ||
        ShapedType::isDynamic(ranges[tap]))
      return failure();
    MLIRContext *ctx = op->getContext();
    AffineMap inputMap = op.getMatchingIndexingMap(op.getDpsInputOperand(0));
    AffineExpr rowExpr = getAffineDimExpr(row, ctx);
    AffineExpr tapExpr = getAffineDimExpr(tap, ctx);
    AffineExpr innermost = inputMap.getResults().back();
    if (innermost != rowExpr + tapExpr && innermost != tapExpr + rowExpr)
      return rewriter.notifyMatchFailure(op, "stride or dilation along rows");

    // Each operand as the 1-D slice along its innermost dim.
    Location loc = op.getLoc();
    auto getRow = [&](Value value) {
      auto type = cast<RankedTensorType>(value.getType());
      int64_t rank = type.getRank();
      SmallVector<OpFoldResult> offsets(rank, rewriter.getIndexAttr(0));
      SmallVector<OpFoldResult> sizes(rank, rewriter.getIndexAttr(1));
      SmallVector<OpFoldResult> strides(rank, rewriter.getIndexAttr(1));
      sizes.back() = rewriter.getIndexAttr(type.getShape().back());
      auto rowType = RankedTensorType::get({type.getShape().back()},
                                           type.getElementType());
      return tensor::ExtractSliceOp::create(rewriter, loc, rowType, value,
                                            offsets, sizes, strides);
    };
    Value init = op.getDpsInitOperand(0)->get();
    for (Value operand : {op.getDpsInputOperand(0)->get(),
                          op.getDpsInputOperand(1)->get(), init})
      if (!cast<RankedTensorType>(operand.getType()).hasStaticShape())
        return failure();
    tensor::ExtractSliceOp output = getRow(init);
    // Upstream's vectorization multiplies in the operands' own type: they
    // are extended to the result's first (i8 or i16 by i8 into i32, 16-bit
    // floats into f32), as the named op's body does per element.
    Type resultType = output.getType().getElementType();
    auto getExtendedRow = [&](Value value) -> Value {
      Value row = getRow(value);
      auto rowType = cast<RankedTensorType>(row.getType());
      if (rowType.getElementType() == resultType)
        return row;
      Value empty = tensor::EmptyOp::create(rewriter, loc, rowType.getShape(),
                                            resultType);
      AffineMap identity = rewriter.getMultiDimIdentityMap(1);
      return linalg::GenericOp::create(
                 rewriter, loc, TypeRange{empty.getType()}, ValueRange{row},
                 ValueRange{empty}, ArrayRef<AffineMap>{identity, identity},
                 ArrayRef<utils::IteratorType>{utils::IteratorType::parallel},
                 [&](OpBuilder &b, Location bodyLoc, ValueRange args) {
                   linalg::YieldOp::create(
                       b, bodyLoc,
                       convertScalarToDtype(b, bodyLoc, args[0], resultType,
                                            /*isUnsignedCast=*/false));
                 })
          .getResult(0);
    };
    Value input = getExtendedRow(op.getDpsInputOperand(0)->get());
    Value filter = getExtendedRow(op.getDpsInputOperand(1)->get());
    auto conv = linalg::Conv1DOp::create(
        rewriter, loc, TypeRange{output.getType()}, ValueRange{input, filter},
        ValueRange{output.getResult()});
    rewriter.replaceOpWithNewOp<tensor::InsertSliceOp>(
        op, conv.getResult(0), init, output.getMixedOffsets(),
        output.getMixedSizes(), output.getMixedStrides());
    return success();
  }
};

struct TileAndVectorizePass
    : public tconv::impl::TileAndVectorizeBase<TileAndVectorizePass> {
  using TileAndVectorizeBase::TileAndVectorizeBase;

  LogicalResult initialize(MLIRContext *ctx) override {
    if (registerTileWidth < 0 || registerTileChannels < 0 || rowTile < 1 ||
        cacheTileInputChannels < 0)
      return emitError(UnknownLoc::get(ctx))
             << "tconv-tile-and-vectorize: tile sizes must be >= 0 (0: "
                "from the target model), row-tile >= 1";
    return loadTargetModelForPass(ctx, getArgument(), targetTriple, targetCpu,
                                  targetFeatures, target);
  }

  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    IRRewriter rewriter(ctx);
    int64_t lanes = target.getLanes(32);

    // Convolutions whose output width is not a multiple of their register
    // tile are split into a part that is and the remainder, so that both
    // get full static tiles (a divisor tile of 9 would be 3 pixels wide).
    // An empty iteration space (an empty batch) has no work to tile, and
    // upstream's splitOp dereferences null on one.
    // UPSTREAM(LLVM 22, unreported); canary:
    // test/Upstream/split-empty-iteration-space.mlir.
    auto isTileable = [](linalg::LinalgOp op) {
      return op.hasPureTensorSemantics() && op.getNumLoops() > 0 &&
             !llvm::is_contained(op.getStaticLoopRanges(), 0);
    };
    // Convolutions with an elementwise consumer run it on each register
    // tile before storing it (see fuseEpilogue); their tiles then take the
    // steps below from the cache tiles on.
    SmallVector<std::pair<linalg::LinalgOp, RegisterTile>> fusedTiles;
    if (fuseEpilogues) {
      SmallVector<linalg::LinalgOp> convolutions;
      getOperation()->walk([&](linalg::LinalgOp op) {
        if (isTileable(op) && succeeded(linalg::inferConvolutionDims(op)))
          convolutions.push_back(op);
      });
      // Each epilogue is looked up when its convolution's turn comes: one
      // that reads two convolutions (a residual add) goes with the first.
      for (linalg::LinalgOp op : convolutions) {
        linalg::LinalgOp epilogue = getFusableEpilogue(op);
        if (epilogue && isTileable(epilogue))
          (void)fuseEpilogue(rewriter, op, epilogue, fusedTiles);
      }
    }

    SmallVector<linalg::LinalgOp> toTile;
    getOperation()->walk([&](linalg::LinalgOp op) {
      if (isTileable(op) && !fusedOps.contains(op))
        toTile.push_back(op);
    });
    // Each op with its register tile (none for non-convolutions).
    SmallVector<std::pair<linalg::LinalgOp, std::optional<RegisterTile>>>
        splitOps;
    for (linalg::LinalgOp op : toTile) {
      FailureOr<linalg::ConvolutionDimensions> convDims =
          linalg::inferConvolutionDims(op);
      if (failed(convDims)) {
        for (linalg::LinalgOp part :
             splitForTransposeBlocks(rewriter, op, lanes))
          splitOps.push_back({part, std::nullopt});
        continue;
      }
      RegisterTile tile = selectRegisterTile(
          target, op, *convDims, registerTileWidth, registerTileChannels);
      if (convDims->outputImage.empty()) {
        splitOps.push_back({op, tile});
        continue;
      }
      unsigned width = getPixelLoop(op, *convDims);
      int64_t size = op.getStaticLoopRanges()[width];
      int64_t remainder = ShapedType::isDynamic(size) ? 0 : size % tile.pixels;
      if (size <= tile.pixels || remainder == 0) {
        splitOps.push_back({op, tile});
        continue;
      }
      rewriter.setInsertionPoint(op);
      auto [main, rest] =
          linalg::splitOp(rewriter, cast<TilingInterface>(op.getOperation()),
                          width, rewriter.getIndexAttr(size - remainder));
      splitOps.push_back({cast<linalg::LinalgOp>(main.getOperation()), tile});
      splitOps.push_back({cast<linalg::LinalgOp>(rest.getOperation()),
                          RegisterTile{remainder, tile.channels}});
    }

    // Cache tiles: blocks of output and input channels outermost, so that
    // one block of weights stays in L1 while all pixels stream past it.
    if (cacheTiles) {
      decltype(splitOps) cacheTiled;
      for (auto [op, tile] : splitOps) {
        FailureOr<linalg::ConvolutionDimensions> convDims =
            linalg::inferConvolutionDims(op);
        if (!tile || failed(convDims) || convDims->inputChannel.empty()) {
          cacheTiled.push_back({op, tile});
          continue;
        }
        SmallVector<int64_t> ranges = op.getStaticLoopRanges();
        SmallVector<int64_t> tiles(ranges.size(), 0);
        int64_t outputChannelTile = 1;
        for (unsigned channel : convDims->outputChannel) {
          tiles[channel] =
              getChannelTileSize(ranges[channel], tile->channels, lanes);
          outputChannelTile = tiles[channel];
        }
        unsigned weightBits =
            getElementTypeOrSelf(op.getDpsInputOperand(1)->get().getType())
                .getIntOrFloatBitWidth();
        for (unsigned channel : convDims->inputChannel)
          tiles[channel] =
              cacheTileInputChannels > 0
                  ? getDividingTileSize(ranges[channel], cacheTileInputChannels)
                  : chooseCacheTileInputChannels(target, ranges[channel],
                                                 outputChannelTile, weightBits);
        SmallVector<int64_t> order;
        llvm::append_range(order, convDims->outputChannel);
        llvm::append_range(order, convDims->inputChannel);
        for (unsigned loop = 0, e = op.getNumLoops(); loop < e; ++loop)
          if (!llvm::is_contained(order, loop))
            order.push_back(loop);
        scf::SCFTilingOptions options;
        options.setTileSizes(getAsIndexOpFoldResult(ctx, tiles));
        options.setInterchange(order);
        FailureOr<scf::SCFTilingResult> tiled =
            tileAndReplace(rewriter, op, options);
        if (failed(tiled)) {
          cacheTiled.push_back({op, tile});
          continue;
        }
        for (Operation *tiledOp : tiled->tiledOps)
          cacheTiled.push_back({cast<linalg::LinalgOp>(tiledOp), tile});
      }
      splitOps = std::move(cacheTiled);
    }

    for (auto [op, tile] : fusedTiles)
      splitOps.push_back({op, tile});
    for (auto [op, tile] : splitOps) {
      FailureOr<linalg::ConvolutionDimensions> convDims =
          linalg::inferConvolutionDims(op);
      // Other non-permutation maps (the weight flip, t -> k - 1 - t) do not
      // survive slicing; such ops stay whole. Constant 0 results (a
      // one-element operand broadcast, as importers write a scalar) slice
      // to themselves.
      if (failed(convDims) &&
          !llvm::all_of(op.getIndexingMapsArray(), [](AffineMap map) {
            return map.isProjectedPermutation(/*allowZeroInResults=*/true);
          }))
        continue;
      scf::SCFTilingOptions options;
      if (succeeded(convDims) && tile) {
        options.setTileSizes(getAsIndexOpFoldResult(
            ctx, getConvolutionTileSizes(op, *convDims, *tile, lanes,
                                         getInputChannelStep(target, op))));
        // Channel by channel: each one's rows stream in order (with the
        // channels innermost, every row of a tile came from another plane).
        if (isRowVectorizedDepthwise(op, *convDims)) {
          SmallVector<int64_t> order(convDims->depth.begin(),
                                     convDims->depth.end());
          for (unsigned loop = 0, e = op.getNumLoops(); loop < e; ++loop)
            if (!llvm::is_contained(convDims->depth, loop))
              order.push_back(loop);
          options.setInterchange(order);
        }
      }
      bool streamed =
          getTransposedInput(op) && writesStreamedResult(op, target);
      if (failed(convDims) || !tile)
        options = getElementwiseTiling(op, rowTile, lanes, target.l2Bytes / 2,
                                       streamed);
      FailureOr<scf::SCFTilingResult> tiled =
          tileAndReplace(rewriter, op, options);
      if (streamed && succeeded(tiled))
        markNontemporalStores(rewriter, tiled->loops);
    }

    RewritePatternSet decompose(ctx);
    linalg::populateDecomposeConvolutionPatterns(decompose);
    decompose.add<RowDepthwiseToConv1D>(ctx);
    NarrowWeightsCarrier carrier;
    if (failed(
            applyPatternsGreedily(getOperation(), std::move(decompose),
                                  GreedyRewriteConfig().setListener(&carrier))))
      return signalPassFailure();

    SmallVector<Operation *> toVectorize;
    getOperation()->walk([&](linalg::LinalgOp op) {
      if (succeeded(linalg::vectorizeOpPrecondition(op)))
        toVectorize.push_back(op);
    });
    rewriter.setListener(&carrier);
    for (Operation *op : toVectorize) {
      rewriter.setInsertionPoint(op);
      carrier.setSource(op);
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

private:
  /// Tiles the parallel loops of convolution `op` by its register tile with
  /// `epilogue` fused: the epilogue reads each tile of the result from the
  /// accumulators and only it stores. A width that is not a multiple of the
  /// tile is split first, as unfused convolutions are: the epilogue's part
  /// of full tiles and its remainder each get the convolution fused. Adds
  /// the convolution's tiles, whose reductions are still whole, to
  /// `fusedTiles`, and every op made to `fusedOps`.
  LogicalResult fuseEpilogue(
      RewriterBase &rewriter, linalg::LinalgOp op, linalg::LinalgOp epilogue,
      SmallVectorImpl<std::pair<linalg::LinalgOp, RegisterTile>> &fusedTiles) {
    linalg::ConvolutionDimensions dims = *linalg::inferConvolutionDims(op);
    RegisterTile tile = selectRegisterTile(target, op, dims, registerTileWidth,
                                           registerTileChannels);
    SmallVector<int64_t> tiles = getConvolutionTileSizes(
        op, dims, tile, target.getLanes(32), /*inputChannelStep=*/1);
    for (auto [loop, type] : llvm::enumerate(op.getIteratorTypesArray()))
      if (type == utils::IteratorType::reduction)
        tiles[loop] = 0;

    // The epilogue's tiles store the result, each element once.
    bool streamed = writesStreamedResult(epilogue, target);
    // Each part of the epilogue with the tile sizes of its convolution.
    SmallVector<std::pair<linalg::LinalgOp, SmallVector<int64_t>>> parts{
        {epilogue, tiles}};
    // Asked now: the fusion below erases `op`.
    std::optional<unsigned> pixelLoop;
    if (!dims.outputImage.empty())
      pixelLoop = getPixelLoop(op, dims);
    if (pixelLoop) {
      unsigned width = *pixelLoop;
      int64_t size = op.getStaticLoopRanges()[width];
      int64_t remainder = ShapedType::isDynamic(size) ? 0 : size % tile.pixels;
      if (size > tile.pixels && remainder != 0) {
        std::optional<unsigned> epilogueWidth =
            getEpilogueLoop(op, epilogue, width);
        if (!epilogueWidth)
          return failure();
        rewriter.setInsertionPoint(epilogue);
        auto [main, rest] = linalg::splitOp(
            rewriter, cast<TilingInterface>(epilogue.getOperation()),
            *epilogueWidth, rewriter.getIndexAttr(size - remainder));
        parts.clear();
        tiles[width] = tile.pixels;
        parts.push_back({cast<linalg::LinalgOp>(main.getOperation()), tiles});
        tiles[width] = remainder;
        parts.push_back({cast<linalg::LinalgOp>(rest.getOperation()), tiles});
      }
    }

    for (auto &[part, partTiles] : parts) {
      FailureOr<scf::SCFTileAndFuseResult> fused =
          tileEpilogueAndFuseConvolution(
              rewriter, part, op, partTiles,
              scf::SCFTilingOptions::LoopType::ForOp);
      if (failed(fused))
        return failure();
      if (streamed)
        markNontemporalStores(rewriter, fused->loops);
      for (Operation *tiled : fused->tiledAndFusedOps) {
        fusedOps.insert(tiled);
        auto tiledOp = dyn_cast<linalg::LinalgOp>(tiled);
        if (tiledOp && succeeded(linalg::inferConvolutionDims(tiledOp))) {
          RegisterTile partTile = tile;
          if (pixelLoop)
            partTile.pixels = partTiles[*pixelLoop];
          fusedTiles.push_back({tiledOp, partTile});
        }
      }
    }
    return success();
  }

  TargetModel target;
  /// Every op fuseEpilogue made, tiled already (the convolutions' tiles
  /// take their remaining steps from `fusedTiles`).
  llvm::DenseSet<Operation *> fusedOps;
};
} // namespace
