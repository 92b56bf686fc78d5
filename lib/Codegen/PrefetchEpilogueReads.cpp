//===- PrefetchEpilogueReads.cpp - Prefetch what tile epilogues read ------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// A register tile's epilogue (a residual add, a per-pixel operand) reads a
// tensor that no one touched before, at addresses the phases of a
// transposed convolution space out (a phase reads every other pixel): the
// hardware prefetchers miss them and each tile waits for memory. This pass
// prefetches, at the start of each iteration of a loop over register
// tiles, what the tile `distance` tiles later will read (the same tile of
// the next row when a row has fewer tiles), so that the
// reduction hides the latency.
//
//===----------------------------------------------------------------------===//

#include "tconv/Codegen/MemoryAccess.h"
#include "tconv/Codegen/Passes.h"

#include "mlir/Analysis/SliceAnalysis.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "llvm/ADT/SetVector.h"

namespace mlir::tconv {
#define GEN_PASS_DEF_PREFETCHEPILOGUEREADS
#include "tconv/Codegen/Passes.h.inc"
} // namespace mlir::tconv

using namespace mlir;

namespace {

/// Whether `loop` carries vectors from one iteration to the next: a
/// reduction loop, its accumulators.
bool carriesVectors(scf::ForOp loop) {
  return llvm::any_of(loop.getInitArgs(),
                      [](Value v) { return isa<VectorType>(v.getType()); });
}

/// Whether `loop` iterates over register tiles: it carries no accumulators,
/// and its body computes them (a reduction loop carrying vectors, or vector
/// contractions and FMAs).
bool iteratesOverTiles(scf::ForOp loop) {
  if (carriesVectors(loop))
    return false;
  return loop.getBody()
      ->walk([](Operation *op) {
        auto reduction = dyn_cast<scf::ForOp>(op);
        return (reduction && carriesVectors(reduction)) ||
                       isa<vector::ContractionOp, vector::FMAOp>(op)
                   ? WalkResult::interrupt()
                   : WalkResult::advance();
      })
      .wasInterrupted();
}

/// The static trip count of `loop` (constant bounds, positive step).
std::optional<int64_t> getTripCount(scf::ForOp loop) {
  std::optional<APInt> count = loop.getStaticTripCount();
  if (!count || count->getActiveBits() > 62)
    return std::nullopt;
  return count->getSExtValue();
}

/// Bytes the prefetches step by within a contiguous read: the line size of
/// every x86-64 core and of most AArch64 ones (a 128-byte line only gets
/// two prefetches where one would do).
constexpr int64_t kCacheLineBytes = 64;

struct PrefetchEpilogueReads
    : tconv::impl::PrefetchEpilogueReadsBase<PrefetchEpilogueReads> {
  using PrefetchEpilogueReadsBase::PrefetchEpilogueReadsBase;

  void runOnOperation() override {
    if (distance == 0)
      return;
    SetVector<scf::ForOp> tileLoops;
    getOperation()->walk([&](scf::ForOp loop) {
      if (iteratesOverTiles(loop))
        tileLoops.insert(loop);
    });
    for (scf::ForOp loop : tileLoops)
      prefetchReads(loop, tileLoops);
  }

  /// A loop over tiles to prefetch ahead in: `iterationsAhead` of its
  /// `tripCount` iterations.
  struct AdvancedLoop {
    scf::ForOp loop;
    int64_t iterationsAhead, tripCount;
  };

  /// The loop whose iteration `distance` tiles later the reads of `loop`'s
  /// body are prefetched for: `loop` itself when it runs more than
  /// `distance` iterations, else the innermost enclosing loop of
  /// `tileLoops` that runs enough of them, each of its iterations counted
  /// as at least the tiles of one run of the loops in between (a row of 2
  /// tiles plus a remainder: the next row).
  std::optional<AdvancedLoop>
  getLoopToAdvance(scf::ForOp loop, const SetVector<scf::ForOp> &tileLoops) {
    int64_t tilesPerIteration = 1;
    for (scf::ForOp candidate = loop;
         candidate && tileLoops.contains(candidate);
         candidate = candidate->getParentOfType<scf::ForOp>()) {
      std::optional<int64_t> trips = getTripCount(candidate);
      if (!trips)
        return std::nullopt;
      int64_t ahead =
          llvm::divideCeil(static_cast<int64_t>(distance), tilesPerIteration);
      if (*trips > ahead)
        return AdvancedLoop{candidate, ahead, *trips};
      tilesPerIteration *= *trips;
    }
    return std::nullopt;
  }

  /// Prefetches the memory each vector.transfer_read in `loop`'s body (not
  /// in nested regions) reads `distance` tiles later, where that depends on
  /// the iteration and nothing in the loop advanced writes it.
  void prefetchReads(scf::ForOp loop, const SetVector<scf::ForOp> &tileLoops) {
    std::optional<AdvancedLoop> advance = getLoopToAdvance(loop, tileLoops);
    if (!advance)
      return;
    scf::ForOp advanced = advance->loop;
    Value iv = advanced.getInductionVar();
    Block *body = loop.getBody();
    // Each read to prefetch, with the ops of this iteration that compute
    // its address (to be cloned for the iteration ahead). All are chosen
    // before any prefetch is added to the body.
    SmallVector<std::pair<vector::TransferReadOp, SetVector<Operation *>>>
        streams;
    BackwardSliceOptions options;
    // Not the loops from `advanced` to `loop`: their induction variables,
    // but the advanced one, stay as they are.
    options.filter = [&](Operation *op) {
      return advanced->isProperAncestor(op) && !op->isAncestor(loop);
    };
    for (auto read : body->getOps<vector::TransferReadOp>()) {
      Value base = read.getBase();
      if (!isa<MemRefType>(base.getType()) ||
          tconv::mayWriteTo(advanced, /*ignored=*/nullptr, base))
        continue;
      SetVector<Operation *> slice;
      if (failed(getBackwardSlice(read.getOperation(), &slice, options)))
        continue;
      bool usesIteration = llvm::is_contained(read->getOperands(), iv);
      bool clonable = true;
      for (Operation *op : slice) {
        clonable &= isMemoryEffectFree(op) && op->getNumRegions() == 0;
        usesIteration |= llvm::is_contained(op->getOperands(), iv);
      }
      if (clonable && usesIteration)
        streams.emplace_back(read, std::move(slice));
    }
    if (streams.empty())
      return;

    // The iteration ahead, the last one at most: its reads are in bounds.
    OpBuilder builder(body, body->begin());
    Location loc = loop.getLoc();
    int64_t lower = *getConstantIntValue(advanced.getLowerBound());
    int64_t step = *getConstantIntValue(advanced.getStep());
    int64_t last = lower + (advance->tripCount - 1) * step;
    Value next = arith::AddIOp::create(
        builder, loc, iv,
        arith::ConstantIndexOp::create(builder, loc,
                                       step * advance->iterationsAhead));
    IRMapping ahead;
    ahead.map(iv, arith::MinSIOp::create(
                      builder, loc, next,
                      arith::ConstantIndexOp::create(builder, loc, last)));
    for (auto &[read, slice] : streams) {
      for (Operation *op : slice)
        if (!ahead.contains(op))
          builder.clone(*op, ahead);
      SmallVector<Value> indices =
          llvm::map_to_vector(read.getIndices(), [&](Value index) {
            return ahead.lookupOrDefault(index);
          });
      Value base = ahead.lookupOrDefault(read.getBase());
      for (int64_t offset : getLineOffsets(read)) {
        SmallVector<Value> lineIndices = indices;
        if (offset != 0)
          lineIndices.back() = arith::AddIOp::create(
              builder, loc, lineIndices.back(),
              arith::ConstantIndexOp::create(builder, loc, offset));
        memref::PrefetchOp::create(builder, read.getLoc(), base, lineIndices,
                                   /*isWrite=*/false, /*localityHint=*/3,
                                   /*isDataCache=*/true);
      }
    }
  }

  /// The element offsets along the innermost dim of the cache lines a 1-D
  /// in-bounds read covers when that dim is contiguous (0 alone otherwise:
  /// its first line).
  static SmallVector<int64_t> getLineOffsets(vector::TransferReadOp read) {
    auto type = cast<MemRefType>(read.getBase().getType());
    VectorType vectorType = read.getVectorType();
    int64_t elementBytes = type.getElementTypeBitWidth() / 8;
    SmallVector<int64_t> strides;
    int64_t offset;
    if (vectorType.getRank() != 1 || vectorType.isScalable() ||
        !read.isDimInBounds(0) || elementBytes == 0 ||
        kCacheLineBytes % elementBytes != 0 ||
        !read.getPermutationMap().isMinorIdentity() || type.getRank() == 0 ||
        failed(type.getStridesAndOffset(strides, offset)) ||
        strides.back() != 1)
      return {0};
    int64_t lineElements = kCacheLineBytes / elementBytes;
    SmallVector<int64_t> offsets;
    for (int64_t i = 0, e = vectorType.getNumElements(); i < e;
         i += lineElements)
      offsets.push_back(i);
    return offsets;
  }
};

} // namespace
