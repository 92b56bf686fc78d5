//===- TransposeInRowBlocks.cpp - Phases and their transpose by rows -----===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// A channels-first layer lowered by phases computes each phase
// channels-last into its rows and columns of one tensor (strided
// tensor.insert_slice ops, rows s apart), and one op transposes that tensor
// to the channels-first result, its epilogue fused. Larger than L2, the
// channels-last tensor goes to memory and comes back for the transpose: a
// pass of its own that also reads the epilogue's residual, bound by memory
// (on Zen 5, 19% of a super-resolution layer's 6 ms; 27% with a residual
// add). Here the transpose is tiled into blocks of s rows, and the phases'
// rows of each block (their convolutions, bias and fills) are fused into
// its loop: a block is computed, then transposed while it is in cache.
//
//===----------------------------------------------------------------------===//

#include "tconv/Codegen/Passes.h"
#include "tconv/Codegen/Tiling.h"
#include "tconv/Target/TargetModel.h"
#include "tconv/Utils/Shapes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Affine/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Interfaces/TilingInterface.h"

#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace mlir::tconv {
#define GEN_PASS_DEF_TRANSPOSEINROWBLOCKS
#include "tconv/Codegen/Passes.h.inc"
} // namespace mlir::tconv

using namespace mlir;

namespace {

/// The rows: dim 1 of a channels-last image (N, rows, columns..., C).
constexpr unsigned kRowDim = 1;

/// A tensor assembled from phases: the results of linalg ops inserted into
/// `base` (a tensor.empty or a linalg.fill), each at a row offset below
/// `stride` and every `stride` rows down to the last.
struct PhaseAssembly {
  Value base;
  /// In the order they are applied.
  SmallVector<tensor::InsertSliceOp> inserts;
  int64_t stride = 0;
  /// What the loop over blocks computes a block's rows of: the phases,
  /// the convolutions they are or read, the fills of those convolutions'
  /// inits and of the base. Everything else (the padded input, the
  /// weights, the bias, a previous layer) is computed once, outside.
  llvm::SmallPtrSet<Operation *, 16> rowOps;
};

/// Whether `value`, a step of an assembly, is read only by the next
/// insertion (`next`) and as the init of the phase that insertion inserts:
/// a slice of the same place, which the phase writes or accumulates into.
bool isOnlyAssembled(Value value, Operation *next) {
  auto insert = dyn_cast<tensor::InsertSliceOp>(next);
  for (Operation *user : value.getUsers()) {
    if (user == next)
      continue;
    auto slice = dyn_cast<tensor::ExtractSliceOp>(user);
    if (!slice || !insert ||
        slice.getStaticOffsets() != insert.getStaticOffsets() ||
        slice.getStaticSizes() != insert.getStaticSizes() ||
        slice.getStaticStrides() != insert.getStaticStrides())
      return false;
    for (OpOperand &use : slice->getUses()) {
      auto op = dyn_cast<linalg::LinalgOp>(use.getOwner());
      if (!op || !op.isDpsInit(&use) ||
          op.getTiedOpResult(&use) != insert.getSource())
        return false;
    }
  }
  return true;
}

/// Inserts into `rowOps` convolution `op` and the fill of its init; false
/// where `op` is not a convolution.
bool addConvolution(linalg::LinalgOp op,
                    llvm::SmallPtrSetImpl<Operation *> &rowOps) {
  if (!op || failed(linalg::inferConvolutionDims(op)))
    return false;
  if (rowOps.insert(op).second)
    if (auto fill =
            op.getDpsInitOperand(0)->get().getDefiningOp<linalg::FillOp>())
      rowOps.insert(fill);
  return true;
}

/// Inserts into `rowOps` what computes a block's rows of `op`'s result: a
/// convolution (addConvolution), or an epilogue (a bias) and the
/// convolutions it reads. Whether `op` is or reads a convolution.
bool addRowComputation(linalg::LinalgOp op,
                       llvm::SmallPtrSetImpl<Operation *> &rowOps) {
  if (addConvolution(op, rowOps))
    return true;
  rowOps.insert(op);
  bool readsConvolution = false;
  for (Value input : op.getDpsInputs())
    readsConvolution |=
        addConvolution(input.getDefiningOp<linalg::LinalgOp>(), rowOps);
  return readsConvolution;
}

std::optional<PhaseAssembly> matchPhaseAssembly(Value value,
                                                Operation *reader) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  // 2-D and 3-D images: in 1-D, a row would be a pixel.
  if (!type || !type.hasStaticShape() || type.getRank() < 4)
    return std::nullopt;
  int64_t rows = type.getDimSize(kRowDim);
  PhaseAssembly assembly;
  Operation *next = reader;
  while (auto insert = value.getDefiningOp<tensor::InsertSliceOp>()) {
    if (insert.getSourceType().getRank() != type.getRank() ||
        ShapedType::isDynamicShape(insert.getStaticOffsets()) ||
        ShapedType::isDynamicShape(insert.getStaticSizes()) ||
        ShapedType::isDynamicShape(insert.getStaticStrides()) ||
        !insert.getSource().getDefiningOp<linalg::LinalgOp>() ||
        !isOnlyAssembled(value, next))
      return std::nullopt;
    int64_t stride = insert.getStaticStrides()[kRowDim];
    if ((assembly.stride != 0 && stride != assembly.stride) ||
        insert.getStaticOffsets()[kRowDim] >= stride || rows % stride != 0 ||
        insert.getStaticSizes()[kRowDim] != rows / stride)
      return std::nullopt;
    assembly.stride = stride;
    assembly.inserts.push_back(insert);
    next = insert;
    value = insert.getDest();
  }
  if (assembly.stride < 2 || !isOnlyAssembled(value, next) ||
      !(value.getDefiningOp<tensor::EmptyOp>() ||
        value.getDefiningOp<linalg::FillOp>()))
    return std::nullopt;
  assembly.base = value;
  std::reverse(assembly.inserts.begin(), assembly.inserts.end());

  if (auto fill = assembly.base.getDefiningOp<linalg::FillOp>())
    assembly.rowOps.insert(fill);
  for (tensor::InsertSliceOp insert : assembly.inserts)
    (void)addRowComputation(
        insert.getSource().getDefiningOp<linalg::LinalgOp>(), assembly.rowOps);
  return assembly;
}

/// Bytes of a statically shaped tensor, std::nullopt otherwise.
std::optional<uint64_t> getStaticBytes(Value value) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (!type || !type.hasStaticShape() || !type.getElementType().isIntOrFloat())
    return std::nullopt;
  return tconv::getStaticByteCount(type);
}

/// The weights the convolutions among `rowOps` read, in bytes: each block
/// of rows reads all of them again. std::nullopt where one is not static.
std::optional<uint64_t>
getWeightBytes(const llvm::SmallPtrSetImpl<Operation *> &rowOps) {
  uint64_t bytes = 0;
  for (Operation *op : rowOps) {
    auto conv = dyn_cast<linalg::LinalgOp>(op);
    if (!conv || failed(linalg::inferConvolutionDims(conv)))
      continue;
    std::optional<uint64_t> filter =
        getStaticBytes(conv.getDpsInputOperand(1)->get());
    if (!filter)
      return std::nullopt;
    bytes += *filter;
  }
  return bytes;
}

/// Erases `op` and then its producers in its block (the phases, their
/// convolutions, the assembly's insertions) as they become trivially dead.
void eraseDeadProducers(RewriterBase &rewriter, Operation *op) {
  SetVector<Operation *> candidates;
  candidates.insert(op);
  for (unsigned i = 0; i < candidates.size(); ++i)
    for (Value operand : candidates[i]->getOperands())
      if (Operation *producer = operand.getDefiningOp();
          producer && producer->getBlock() == op->getBlock())
        candidates.insert(producer);
  bool erased = true;
  while (erased) {
    erased = false;
    for (Operation *candidate : candidates.takeVector()) {
      if (!isOpTriviallyDead(candidate)) {
        candidates.insert(candidate);
        continue;
      }
      rewriter.eraseOp(candidate);
      erased = true;
    }
  }
}

/// A slice to fuse the producer of into the block loop, with the tensor
/// the fused op writes into (where it writes without reading; null: its
/// own).
using FusionCandidate = std::pair<tensor::ExtractSliceOp, Value>;

/// Fuses into `loops` the producers among `rowOps` of the slices of
/// `worklist`, and in turn those of the fused ops' operands. A fused op
/// that writes without reading writes into its candidate's destination; one
/// that accumulates does so into its destination only where its init is a
/// slice of the whole assembly (`isSliceOfAssembly`: its zeros), else its
/// init's producer (a convolution's fill) is fused too.
void fuseRowOps(RewriterBase &rewriter,
                SmallVectorImpl<FusionCandidate> &worklist,
                const llvm::SmallPtrSetImpl<Operation *> &rowOps,
                function_ref<bool(Value)> isSliceOfAssembly,
                SmallVectorImpl<LoopLikeOpInterface> &loops) {
  while (!worklist.empty()) {
    // (Not a structured binding: lambdas below capture the destination.)
    tensor::ExtractSliceOp candidate;
    Value destination;
    std::tie(candidate, destination) = worklist.pop_back_val();
    Operation *producer = candidate.getSource().getDefiningOp();
    if (!producer || !rowOps.contains(producer))
      continue;
    // Unfused (upstream declined), the slice reads the whole producer:
    // still correct.
    std::optional<scf::SCFFuseProducerOfSliceResult> fused =
        scf::tileAndFuseProducerOfSlice(rewriter, candidate, loops);
    if (!fused)
      continue;
    // Replaced by the fused tile; left, it would keep the producer alive.
    if (candidate->use_empty())
      rewriter.eraseOp(candidate);
    for (Operation *op : fused->tiledOps) {
      auto tiledOp = dyn_cast<linalg::LinalgOp>(op);
      if (!tiledOp)
        continue;
      for (OpOperand &init : tiledOp.getDpsInitsMutable()) {
        auto slice = init.get().getDefiningOp<tensor::ExtractSliceOp>();
        if (tiledOp.payloadUsesValueFromOperand(&init) &&
            !(destination && slice && isSliceOfAssembly(slice.getSource()))) {
          if (slice)
            worklist.push_back({slice, Value()});
          continue;
        }
        if (!destination)
          continue;
        rewriter.modifyOpInPlace(tiledOp, [&] { init.set(destination); });
        // Left, it would keep the whole assembly alive.
        if (slice && slice->use_empty())
          rewriter.eraseOp(slice);
      }
      for (OpOperand *input : tiledOp.getDpsInputOperands())
        if (auto slice = input->get().getDefiningOp<tensor::ExtractSliceOp>())
          worklist.push_back({slice, Value()});
    }
  }
}

/// Makes `blockInit`, the tensor.empty a block starts as, a tensor that
/// `loop` carries (`block` its value at the end of an iteration): one
/// buffer for all blocks, not one per block.
void carryBlock(RewriterBase &rewriter, LoopLikeOpInterface loop,
                tensor::EmptyOp blockInit, Value block, Location loc) {
  rewriter.setInsertionPoint(loop);
  Value carriedInit =
      tensor::EmptyOp::create(rewriter, loc, blockInit.getType().getShape(),
                              blockInit.getType().getElementType());
  FailureOr<LoopLikeOpInterface> carrying = loop.replaceWithAdditionalYields(
      rewriter, carriedInit, /*replaceInitOperandUsesInLoop=*/false,
      [&](OpBuilder &, Location, ArrayRef<BlockArgument>) {
        return SmallVector<Value>{block};
      });
  if (succeeded(carrying))
    rewriter.replaceOp(blockInit, carrying->getRegionIterArgs().back());
}

/// Tiles `transpose` by `rows` of its loop `rowLoop` (an `scf.for`).
FailureOr<scf::SCFTilingResult> tileRows(RewriterBase &rewriter,
                                         linalg::LinalgOp transpose,
                                         unsigned rowLoop, int64_t rows) {
  SmallVector<int64_t> tiles(transpose.getNumLoops(), 0);
  tiles[rowLoop] = rows;
  scf::SCFTilingOptions options;
  options.setTileSizes(getAsIndexOpFoldResult(rewriter.getContext(), tiles));
  return tconv::tileAndReplace(rewriter, transpose, options);
}

/// Tiles `transpose` into blocks of the assembly's stride along the rows it
/// reads through `read` and fuses each phase's row of the block into the
/// loop.
LogicalResult computeInRowBlocks(RewriterBase &rewriter,
                                 linalg::LinalgOp transpose, OpOperand &read,
                                 const PhaseAssembly &assembly,
                                 int64_t threads) {
  Value assembled = read.get();
  unsigned readIndex = read.getOperandNumber();
  unsigned rowLoop =
      transpose.getMatchingIndexingMap(&read).getDimPosition(kRowDim);
  MLIRContext *ctx = rewriter.getContext();
  // With threads, first an scf.forall over one chunk of blocks each, the
  // parallel loop of the phases and the transpose.
  if (threads > 1) {
    int64_t rows =
        cast<RankedTensorType>(assembled.getType()).getDimSize(kRowDim);
    if (rows % (assembly.stride * threads) != 0)
      return failure();
    SmallVector<int64_t> chunks(transpose.getNumLoops(), 0);
    chunks[rowLoop] = rows / threads;
    scf::SCFTilingOptions options;
    options.setTileSizes(getAsIndexOpFoldResult(ctx, chunks));
    options.setLoopType(scf::SCFTilingOptions::LoopType::ForallOp);
    FailureOr<scf::SCFTilingResult> split =
        tconv::tileAndReplace(rewriter, transpose, options);
    if (failed(split))
      return failure();
    transpose = cast<linalg::LinalgOp>(split->tiledOps.front());
  }
  FailureOr<scf::SCFTilingResult> tiled =
      tileRows(rewriter, transpose, rowLoop, assembly.stride);
  if (failed(tiled))
    return failure();
  Operation *tile = tiled->tiledOps.front();
  auto blockSlice =
      tile->getOperand(readIndex).getDefiningOp<tensor::ExtractSliceOp>();
  if (!blockSlice)
    return failure();
  // The block's place in the whole assembly (through a thread's chunk).
  SmallVector<OpFoldResult> blockOffsets = blockSlice.getMixedOffsets();
  auto chunkSlice =
      blockSlice.getSource().getDefiningOp<tensor::ExtractSliceOp>();
  rewriter.setInsertionPoint(tile);
  Location loc = blockSlice.getLoc();
  if (blockSlice.getSource() != assembled) {
    if (!chunkSlice || chunkSlice.getSource() != assembled)
      return failure();
    AffineExpr d0, d1;
    bindDims(ctx, d0, d1);
    blockOffsets[kRowDim] = affine::makeComposedFoldedAffineApply(
        rewriter, loc, d0 + d1,
        {chunkSlice.getMixedOffsets()[kRowDim], blockOffsets[kRowDim]});
  }

  // The block assembled from the phases' rows, in place of the slice of
  // the whole assembly. It starts as `blockInit`, which becomes a tensor
  // the loop carries: one buffer for all blocks, not one per block.
  OpFoldResult row = affine::makeComposedFoldedAffineApply(
      rewriter, loc, getAffineDimExpr(0, ctx).floorDiv(assembly.stride),
      {blockOffsets[kRowDim]});
  RankedTensorType blockType = blockSlice.getResultType();
  auto blockInit = tensor::EmptyOp::create(rewriter, loc, blockType.getShape(),
                                           blockType.getElementType());
  // The slices to fuse the producers of, each with the tensor the
  // producer writes into (where it writes without reading).
  SmallVector<FusionCandidate> worklist;
  Value block = blockInit;
  if (!assembly.base.getDefiningOp<tensor::EmptyOp>()) {
    auto baseSlice = tensor::ExtractSliceOp::create(
        rewriter, loc, assembly.base, blockOffsets, blockSlice.getMixedSizes(),
        blockSlice.getMixedStrides());
    worklist.push_back({baseSlice, blockInit});
    block = baseSlice;
  }
  for (tensor::InsertSliceOp insert : assembly.inserts) {
    RankedTensorType phaseType = insert.getSourceType();
    SmallVector<OpFoldResult> offsets(phaseType.getRank(),
                                      rewriter.getIndexAttr(0));
    offsets[kRowDim] = row;
    SmallVector<OpFoldResult> sizes =
        getAsIndexOpFoldResult(ctx, phaseType.getShape());
    sizes[kRowDim] = rewriter.getIndexAttr(1);
    SmallVector<OpFoldResult> strides(phaseType.getRank(),
                                      rewriter.getIndexAttr(1));
    // The phase's row is computed into its place in the block.
    Value destination = tensor::ExtractSliceOp::create(
        rewriter, loc, block, insert.getMixedOffsets(), sizes,
        insert.getMixedStrides());
    auto phaseRow = tensor::ExtractSliceOp::create(
        rewriter, loc, insert.getSource(), offsets, sizes, strides);
    worklist.push_back({phaseRow, destination});
    block = tensor::InsertSliceOp::create(rewriter, loc, phaseRow, block,
                                          insert.getMixedOffsets(), sizes,
                                          insert.getMixedStrides());
  }
  rewriter.modifyOpInPlace(tile,
                           [&] { tile->getOpOperand(readIndex).set(block); });
  rewriter.eraseOp(blockSlice);
  if (chunkSlice && chunkSlice->use_empty())
    rewriter.eraseOp(chunkSlice);

  // The whole assembly's steps, and slices of them.
  llvm::SmallPtrSet<Value, 8> steps{assembly.base};
  for (tensor::InsertSliceOp insert : assembly.inserts)
    steps.insert(insert.getResult());
  auto isSliceOfAssembly = [&](Value value) {
    if (auto slice = value.getDefiningOp<tensor::ExtractSliceOp>())
      value = slice.getSource();
    return steps.contains(value);
  };

  fuseRowOps(rewriter, worklist, assembly.rowOps, isSliceOfAssembly,
             tiled->loops);
  carryBlock(rewriter, tiled->loops.front(), blockInit, block, loc);
  if (Operation *whole = assembled.getDefiningOp())
    eraseDeadProducers(rewriter, whole);
  return success();
}

/// A transpose's input computed on flattened pixels, as the GEMM lowering
/// of a layer whose taps do not overlap and 3-D phases are: the
/// `tensor.expand_shape` of a linalg op's result whose dim 1 (the pixels)
/// expands into the image dims, rows first, the batch dim alone before it.
struct FlatAssembly {
  tensor::ExpandShapeOp expand;
  /// What the loop over blocks computes a block's pixels of: the op, or the
  /// convolutions it reads, and the fills of their inits.
  llvm::SmallPtrSet<Operation *, 8> rowOps;
};

std::optional<FlatAssembly> matchFlatAssembly(Value value) {
  auto expand = value.getDefiningOp<tensor::ExpandShapeOp>();
  if (!expand || !expand.getSrcType().hasStaticShape() ||
      !expand.getResultType().hasStaticShape())
    return std::nullopt;
  SmallVector<ReassociationIndices> groups = expand.getReassociationIndices();
  if (groups.size() < 2 || groups[0].size() != 1 ||
      groups[1].front() != kRowDim || groups[1].size() < 2)
    return std::nullopt;
  auto producer = expand.getSrc().getDefiningOp<linalg::LinalgOp>();
  if (!producer)
    return std::nullopt;
  FlatAssembly assembly{expand, {}};
  if (!addRowComputation(producer, assembly.rowOps))
    return std::nullopt;
  return assembly;
}

/// Tiles `transpose` into blocks of one row along the rows it reads through
/// `read`, the expanded flat pixels of `assembly`, and fuses the
/// computation of each block's pixels (a contiguous range of the flat
/// pixels) into the loop.
LogicalResult computeFlatInRowBlocks(RewriterBase &rewriter,
                                     linalg::LinalgOp transpose,
                                     OpOperand &read,
                                     const FlatAssembly &assembly) {
  tensor::ExpandShapeOp expand = assembly.expand;
  unsigned readIndex = read.getOperandNumber();
  unsigned rowLoop =
      transpose.getMatchingIndexingMap(&read).getDimPosition(kRowDim);
  MLIRContext *ctx = rewriter.getContext();
  FailureOr<scf::SCFTilingResult> tiled =
      tileRows(rewriter, transpose, rowLoop, /*rows=*/1);
  if (failed(tiled))
    return failure();
  Operation *tile = tiled->tiledOps.front();
  auto blockSlice =
      tile->getOperand(readIndex).getDefiningOp<tensor::ExtractSliceOp>();
  if (!blockSlice || blockSlice.getSource() != expand.getResult())
    return failure();

  // Row r of the block is the flat pixels [r * rowPixels, (r + 1) *
  // rowPixels), the block a slice of the flat tensor, expanded.
  SmallVector<ReassociationIndices> groups = expand.getReassociationIndices();
  ArrayRef<int64_t> expandedShape = expand.getResultType().getShape();
  int64_t rowPixels = 1;
  for (int64_t dim : ArrayRef<int64_t>(groups[1]).drop_front())
    rowPixels *= expandedShape[dim];
  Location loc = blockSlice.getLoc();
  rewriter.setInsertionPoint(tile);
  RankedTensorType flatType = expand.getSrcType();
  SmallVector<OpFoldResult> offsets(flatType.getRank(),
                                    rewriter.getIndexAttr(0));
  offsets[1] = affine::makeComposedFoldedAffineApply(
      rewriter, loc, getAffineDimExpr(0, ctx) * rowPixels,
      {blockSlice.getMixedOffsets()[kRowDim]});
  SmallVector<OpFoldResult> sizes =
      getAsIndexOpFoldResult(ctx, flatType.getShape());
  sizes[1] = rewriter.getIndexAttr(rowPixels);
  SmallVector<OpFoldResult> strides(flatType.getRank(),
                                    rewriter.getIndexAttr(1));
  auto flatBlock = tensor::ExtractSliceOp::create(
      rewriter, loc, expand.getSrc(), offsets, sizes, strides);
  auto block = tensor::ExpandShapeOp::create(
      rewriter, loc, blockSlice.getResultType(), flatBlock, groups);
  rewriter.modifyOpInPlace(tile,
                           [&] { tile->getOpOperand(readIndex).set(block); });
  rewriter.eraseOp(blockSlice);

  // The block's pixels computed in the loop, into a tensor it carries.
  RankedTensorType flatBlockType = flatBlock.getResultType();
  auto blockInit = tensor::EmptyOp::create(
      rewriter, loc, flatBlockType.getShape(), flatBlockType.getElementType());
  SmallVector<FusionCandidate> worklist = {{flatBlock, blockInit}};
  fuseRowOps(
      rewriter, worklist, assembly.rowOps, [](Value) { return false; },
      tiled->loops);
  // The block's value at the end of an iteration: what the fused op wrote
  // into the carried tensor.
  Value computed = block.getSrc();
  carryBlock(rewriter, tiled->loops.front(), blockInit, computed, loc);

  eraseDeadProducers(rewriter, expand);
  return success();
}

struct TransposeInRowBlocksPass
    : public tconv::impl::TransposeInRowBlocksBase<TransposeInRowBlocksPass> {
  using TransposeInRowBlocksBase::TransposeInRowBlocksBase;

  LogicalResult initialize(MLIRContext *ctx) override {
    if (threads < 1)
      return emitError(UnknownLoc::get(ctx))
             << "tconv-transpose-in-row-blocks: threads must be >= 1";
    return tconv::loadTargetModelForPass(ctx, getArgument(), targetTriple,
                                         targetCpu, targetFeatures, target);
  }

  void runOnOperation() override {
    // Each transpose of an assembly, with the operand that reads it.
    SmallVector<std::pair<linalg::LinalgOp, unsigned>> candidates;
    getOperation()->walk([&](linalg::LinalgOp op) {
      std::optional<tconv::TransposedInput> transposed =
          tconv::getTransposedInput(op);
      if (op.hasPureTensorSemantics() && transposed)
        candidates.push_back({op, transposed->input->getOperandNumber()});
    });
    IRRewriter rewriter(&getContext());
    for (auto [op, operandNumber] : candidates) {
      OpOperand &read = op->getOpOperand(operandNumber);
      if (!read.get().hasOneUse())
        continue;
      std::optional<uint64_t> assembledBytes = getStaticBytes(read.get());
      if (!assembledBytes)
        continue;
      if (std::optional<PhaseAssembly> assembly =
              matchPhaseAssembly(read.get(), op)) {
        // A block holds `stride` rows of every image (the dims before the
        // rows).
        ArrayRef<int64_t> shape =
            cast<RankedTensorType>(assembly->base.getType()).getShape();
        std::optional<uint64_t> weightBytes = getWeightBytes(assembly->rowOps);
        if (weightBytes &&
            isWorthBlocking(*assembledBytes,
                            uint64_t(shape[kRowDim] / assembly->stride),
                            getImages(shape), *weightBytes))
          (void)computeInRowBlocks(rewriter, op, read, *assembly, threads);
        continue;
      }
      // Blocks of flat pixels are not split among threads.
      if (threads > 1)
        continue;
      if (std::optional<FlatAssembly> flat = matchFlatAssembly(read.get())) {
        ArrayRef<int64_t> shape = flat->expand.getResultType().getShape();
        std::optional<uint64_t> weightBytes = getWeightBytes(flat->rowOps);
        if (weightBytes &&
            isWorthBlocking(*assembledBytes, uint64_t(shape[kRowDim]),
                            getImages(shape), *weightBytes))
          (void)computeFlatInRowBlocks(rewriter, op, read, *flat);
      }
    }
  }

private:
  /// Images (the product of the dims before the rows) of `shape`.
  static uint64_t getImages(ArrayRef<int64_t> shape) {
    uint64_t images = 1;
    for (int64_t size : shape.take_front(kRowDim))
      images *= uint64_t(size);
    return images;
  }

  /// Whether blocks of rows save more than they cost. Without them the
  /// assembly (`assembledBytes`, in `blocks` blocks of `images` images'
  /// rows) leaves L2 and comes back (from L3 at best); with them each block
  /// stays in cache, where it and the convolutions' weights
  /// (`weightBytes`) must fit, but the convolutions read their weights
  /// again for each image's rows of a block, from L2. Per image's rows: the
  /// weights at L2's rate against twice those rows at L3's. On Zen 5 a U-Net
  /// layer (512 KB of weights, rows of 128 KB) is even either way, a DCGAN
  /// layer at batch 16 (512 KB, rows of 16 KB) 2% slower with blocks, a
  /// super-resolution layer (147 KB, rows of 128 KB) 10% faster.
  bool isWorthBlocking(uint64_t assembledBytes, uint64_t blocks,
                       uint64_t images, uint64_t weightBytes) const {
    if (assembledBytes <= target.l2Bytes)
      return false;
    uint64_t blockBytes = assembledBytes / blocks;
    uint64_t imageRowBytes = blockBytes / images;
    return weightBytes + blockBytes <= target.l2Bytes &&
           double(weightBytes) / target.l2BytesPerCycle <
               2 * double(imageRowBytes) / target.l3BytesPerCycle;
  }

  tconv::TargetModel target;
};
} // namespace
