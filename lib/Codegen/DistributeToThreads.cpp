//===- DistributeToThreads.cpp - One scf.forall chunk per thread ----------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// Thread-level tiling: every large enough linalg op on tensors becomes an
// scf.forall over `threads` equal chunks of one parallel loop. The chunks
// are independent (no reduction loop is split), static (only loops the
// thread count divides are split) and as coarse as possible (one per
// thread), so that the OpenMP loop they become later pays one fork and
// join per op.
//
//===----------------------------------------------------------------------===//

#include "tconv/Codegen/Passes.h"
#include "tconv/Codegen/TileSelection.h"
#include "tconv/Codegen/Tiling.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Utils/StructuredOpsUtils.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/TilingInterface.h"

#include "llvm/ADT/SmallVectorExtras.h"
#include "llvm/Support/CheckedArithmetic.h"

#include <limits>

namespace mlir::tconv {
#define GEN_PASS_DEF_DISTRIBUTETOTHREADS
#include "tconv/Codegen/Passes.h.inc"
} // namespace mlir::tconv

using namespace mlir;

namespace {

/// Whether every indexing map uses `loop` only as a bare dim, so that
/// slicing each operand along the dims it indexes is exact.
bool isSliceableLoop(linalg::LinalgOp op, unsigned loop) {
  for (AffineMap map : op.getIndexingMapsArray())
    for (AffineExpr expr : map.getResults())
      if (expr.isFunctionOfDim(loop) && !isa<AffineDimExpr>(expr))
        return false;
  return true;
}

/// The loop to split: for convolutions the batch, then (for a
/// channels-first depthwise one, vectorized along its rows) the channels,
/// then the output image dims outermost first, then the output channels
/// (splitting pixels keeps every thread's weights the same, splitting
/// channels halves them; a depthwise convolution's weights are few, and
/// whole planes per thread stream in order: the suite's depthwise layer ran
/// 1.7x faster on two threads than on one, instead of 1.3x slower with its
/// rows split); for other ops the outermost parallel loop they use only as a
/// bare dim.
/// std::nullopt if `threads` divides none of them.
std::optional<unsigned> getLoopToSplit(linalg::LinalgOp op, int64_t threads) {
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  auto divides = [&](unsigned loop) {
    return !ShapedType::isDynamic(ranges[loop]) && ranges[loop] >= threads &&
           ranges[loop] % threads == 0;
  };
  SmallVector<unsigned> candidates;
  if (FailureOr<linalg::ConvolutionDimensions> dims =
          linalg::inferConvolutionDims(op);
      succeeded(dims)) {
    llvm::append_range(candidates, dims->batch);
    if (tconv::isRowVectorizedDepthwise(op, *dims))
      llvm::append_range(candidates, dims->depth);
    llvm::append_range(candidates, dims->outputImage);
    llvm::append_range(candidates, dims->outputChannel);
  } else {
    for (auto [loop, type] : llvm::enumerate(op.getIteratorTypesArray()))
      if (type == utils::IteratorType::parallel && isSliceableLoop(op, loop))
        candidates.push_back(loop);
  }
  auto it = llvm::find_if(candidates, divides);
  if (it == candidates.end())
    return std::nullopt;
  return *it;
}

/// The iteration count with dynamic loops counted once: a lower bound.
int64_t getMinIterationCount(linalg::LinalgOp op) {
  int64_t count = 1;
  for (int64_t range : op.getStaticLoopRanges())
    if (!ShapedType::isDynamic(range))
      count = llvm::checkedMul(count, range)
                  .value_or(std::numeric_limits<int64_t>::max());
  return count;
}

/// The slice of `value` (indexed by `map`) that iterations [offset,
/// offset + chunk) of `loop` touch: those rows of the dims `loop` indexes,
/// everything of the others.
struct Slice {
  SmallVector<OpFoldResult> offsets, sizes, strides;
};
Slice getChunkSlice(OpBuilder &b, Location loc, Value value, AffineMap map,
                    unsigned loop, Value offset, int64_t chunk) {
  Slice slice;
  for (auto [dim, expr] : llvm::enumerate(map.getResults())) {
    bool split = expr == getAffineDimExpr(loop, b.getContext());
    slice.offsets.push_back(split ? OpFoldResult(offset) : b.getIndexAttr(0));
    slice.sizes.push_back(split ? b.getIndexAttr(chunk)
                                : tensor::getMixedSize(b, loc, value, dim));
    slice.strides.push_back(b.getIndexAttr(1));
  }
  return slice;
}

/// Splits `op` along `loop` into an scf.forall over chunks of `chunk`
/// iterations by hand: each operand is sliced along the dims `loop` indexes
/// (bare ones, isSliceableLoop) and `op` is cloned on the slices with its
/// maps unchanged. Upstream's tiling cannot split ops with maps that are not
/// projected permutations, such as the weight flips (t -> k - 1 - t): it
/// slices every dim through the maps.
void splitAlongLoop(RewriterBase &rewriter, linalg::LinalgOp op, unsigned loop,
                    int64_t chunk) {
  Location loc = op.getLoc();
  int64_t range = op.getStaticLoopRanges()[loop];
  rewriter.setInsertionPoint(op);
  auto forall = scf::ForallOp::create(
      rewriter, loc, ArrayRef<OpFoldResult>{rewriter.getIndexAttr(0)},
      ArrayRef<OpFoldResult>{rewriter.getIndexAttr(range)},
      ArrayRef<OpFoldResult>{rewriter.getIndexAttr(chunk)}, op.getDpsInits(),
      std::nullopt);
  Value offset = forall.getInductionVar(0);
  rewriter.setInsertionPointToStart(forall.getBody());
  SmallVector<Value> operands;
  SmallVector<Slice> initSlices;
  SmallVector<Type> resultTypes;
  for (OpOperand &operand : op->getOpOperands()) {
    Value value = operand.get();
    // Inits are written through the forall's shared outputs.
    if (op.isDpsInit(&operand))
      value = forall.getRegionIterArgs()[operand.getOperandNumber() -
                                         op.getNumDpsInputs()];
    if (!isa<RankedTensorType>(value.getType())) {
      operands.push_back(value);
      continue;
    }
    Slice slice =
        getChunkSlice(rewriter, loc, value, op.getMatchingIndexingMap(&operand),
                      loop, offset, chunk);
    auto sliced = tensor::ExtractSliceOp::create(
        rewriter, loc, value, slice.offsets, slice.sizes, slice.strides);
    operands.push_back(sliced);
    if (op.isDpsInit(&operand)) {
      initSlices.push_back(slice);
      resultTypes.push_back(sliced.getType());
    }
  }
  Operation *chunkOp = clone(rewriter, op, resultTypes, operands);
  rewriter.setInsertionPointToStart(forall.getTerminator().getBody());
  for (auto [result, slice, sharedOut] : llvm::zip_equal(
           chunkOp->getResults(), initSlices, forall.getRegionIterArgs()))
    tensor::ParallelInsertSliceOp::create(rewriter, loc, result, sharedOut,
                                          slice.offsets, slice.sizes,
                                          slice.strides);
  rewriter.replaceOp(op, forall.getResults());
}

struct DistributeToThreadsPass
    : public tconv::impl::DistributeToThreadsBase<DistributeToThreadsPass> {
  using DistributeToThreadsBase::DistributeToThreadsBase;

  void runOnOperation() override {
    if (threads < 1 || minIterations < 0) {
      emitError(getOperation()->getLoc())
          << "tconv-distribute-to-threads: threads must be >= 1 and "
             "min-iterations >= 0";
      return signalPassFailure();
    }
    if (threads == 1)
      return;
    IRRewriter rewriter(&getContext());
    // Convolutions with an epilogue first, before their inits' fills are
    // split on their own. All are collected before any is split: splitting
    // one erases its epilogue and fill, which are not convolutions.
    SmallVector<linalg::LinalgOp> convolutions =
        llvm::filter_to_vector(collectOpsToSplit(), [](linalg::LinalgOp op) {
          return succeeded(linalg::inferConvolutionDims(op));
        });
    for (linalg::LinalgOp conv : convolutions)
      splitWithEpilogue(rewriter, conv);
    for (linalg::LinalgOp op : collectOpsToSplit()) {
      std::optional<unsigned> loop = getLoopToSplit(op, threads);
      if (!loop)
        continue;
      int64_t chunk = op.getStaticLoopRanges()[*loop] / threads;
      if (failed(linalg::inferConvolutionDims(op)) &&
          !op.hasOnlyProjectedPermutations()) {
        splitAlongLoop(rewriter, op, *loop, chunk);
        continue;
      }
      SmallVector<int64_t> tiles(op.getNumLoops(), 0);
      tiles[*loop] = chunk;
      scf::SCFTilingOptions options;
      options.setLoopType(scf::SCFTilingOptions::LoopType::ForallOp);
      options.setTileSizes(getAsIndexOpFoldResult(&getContext(), tiles));
      (void)tconv::tileAndReplace(rewriter, op, options);
    }
  }

  /// The large linalg ops on tensors that no chunk holds yet.
  SmallVector<linalg::LinalgOp> collectOpsToSplit() {
    SmallVector<linalg::LinalgOp> ops;
    getOperation()->walk([&](linalg::LinalgOp op) {
      if (op.hasPureTensorSemantics() &&
          !op->getParentOfType<scf::ForallOp>() &&
          getMinIterationCount(op) >= minIterations)
        ops.push_back(op);
    });
    return ops;
  }

  /// Splits convolution `conv` and its epilogue (bias, activation, the
  /// transpose back to channels-first) into the same chunks, with the fill
  /// of its init: tconv-tile-and-vectorize then still computes the epilogue
  /// on the register tiles. Split apart, each would be a fork and join of
  /// its own and the epilogue a pass over the result (a depthwise layer ran
  /// 3x slower on two threads than on one).
  void splitWithEpilogue(RewriterBase &rewriter, linalg::LinalgOp conv) {
    linalg::LinalgOp epilogue = tconv::getFusableEpilogue(conv);
    if (!epilogue)
      return;
    std::optional<unsigned> loop = getLoopToSplit(conv, threads);
    if (!loop || !tconv::getEpilogueLoop(conv, epilogue, *loop))
      return;
    SmallVector<int64_t> tiles(conv.getNumLoops(), 0);
    tiles[*loop] = conv.getStaticLoopRanges()[*loop] / threads;
    (void)tconv::tileEpilogueAndFuseConvolution(
        rewriter, epilogue, conv, tiles,
        scf::SCFTilingOptions::LoopType::ForallOp);
  }
};

} // namespace
