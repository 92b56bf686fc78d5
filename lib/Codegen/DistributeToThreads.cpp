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

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/TilingInterface.h"

#include "llvm/Support/CheckedArithmetic.h"

#include <limits>

namespace mlir::tconv {
#define GEN_PASS_DEF_DISTRIBUTETOTHREADS
#include "tconv/Codegen/Passes.h.inc"
} // namespace mlir::tconv

using namespace mlir;

namespace {

/// The loop to split: for convolutions the batch, then the output image
/// dims outermost first, then the output channels (splitting pixels keeps
/// every thread's weights the same, splitting channels halves them); for
/// other ops the outermost parallel loop. std::nullopt if `threads`
/// divides none of them.
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
    llvm::append_range(candidates, dims->outputImage);
    llvm::append_range(candidates, dims->outputChannel);
  } else {
    for (auto [loop, type] : llvm::enumerate(op.getIteratorTypesArray()))
      if (type == utils::IteratorType::parallel)
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
      count = llvm::checkedMul(count, range).value_or(
          std::numeric_limits<int64_t>::max());
  return count;
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
    SmallVector<linalg::LinalgOp> ops;
    getOperation()->walk([&](linalg::LinalgOp op) {
      // Ops already inside a chunk are not split again.
      if (op.hasPureTensorSemantics() && !op->getParentOfType<scf::ForallOp>() &&
          getMinIterationCount(op) >= minIterations)
        ops.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (linalg::LinalgOp op : ops) {
      // Other non-permutation maps (the weight flip, t -> k - 1 - t) do not
      // survive slicing; such ops stay whole.
      if (failed(linalg::inferConvolutionDims(op)) &&
          !op.hasOnlyProjectedPermutations())
        continue;
      std::optional<unsigned> loop = getLoopToSplit(op, threads);
      if (!loop)
        continue;
      SmallVector<int64_t> tiles(op.getNumLoops(), 0);
      tiles[*loop] = op.getStaticLoopRanges()[*loop] / threads;
      scf::SCFTilingOptions options;
      options.setLoopType(scf::SCFTilingOptions::LoopType::ForallOp);
      options.setTileSizes(getAsIndexOpFoldResult(&getContext(), tiles));
      rewriter.setInsertionPoint(op);
      FailureOr<scf::SCFTilingResult> tiled = scf::tileUsingSCF(
          rewriter, cast<TilingInterface>(op.getOperation()), options);
      if (failed(tiled))
        continue;
      rewriter.replaceOp(op, tiled->replacements);
    }
  }
};

} // namespace
