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
// reduction hides the latency. Where a loop over blocks computes a block's
// tiles and then passes over the block with an epilogue (the transpose of
// phase rows tconv-transpose-in-row-blocks makes), the tiles prefetch
// what the pass will read, a share each.
//
//===----------------------------------------------------------------------===//

#include "tconv/Codegen/MemoryAccess.h"
#include "tconv/Codegen/Passes.h"
#include "tconv/Target/TargetModel.h"

#include "mlir/Analysis/SliceAnalysis.h"
#include "mlir/Dialect/Affine/IR/AffineOps.h"
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

/// Whether `root` computes register tiles: it holds a reduction loop
/// carrying vectors, or vector contractions or FMAs.
bool computesTiles(Operation *root) {
  return root
      ->walk([](Operation *op) {
        auto reduction = dyn_cast<scf::ForOp>(op);
        return (reduction && carriesVectors(reduction)) ||
                       isa<vector::ContractionOp, vector::FMAOp>(op)
                   ? WalkResult::interrupt()
                   : WalkResult::advance();
      })
      .wasInterrupted();
}

/// Whether `loop` iterates over register tiles: it carries no accumulators,
/// and its body computes them.
bool iteratesOverTiles(scf::ForOp loop) {
  return !carriesVectors(loop) && computesTiles(loop);
}

/// The static trip count of `loop` (constant bounds, positive step).
std::optional<int64_t> getTripCount(scf::ForOp loop) {
  std::optional<APInt> count = loop.getStaticTripCount();
  if (!count || count->getActiveBits() > 62)
    return std::nullopt;
  return count->getSExtValue();
}

/// The most iterations of a pass over a block whose reads one tile
/// prefetches (sr_op1's transpose: 2, of 16 lines each). Beyond that the
/// tiles are too few to hide the lines, and each would start with a burst
/// of prefetches that occupies every miss buffer its own loads need.
constexpr int64_t kMaxPassIterationsPerTile = 4;

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
      if (std::optional<AdvancedLoop> advance =
              getLoopToAdvance(loop, tileLoops))
        prefetchReads(loop, *advance);
    for (scf::ForOp loop : tileLoops)
      spreadPassReadsOverTiles(loop);
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

  /// A read to prefetch, with the ops that compute its address in the
  /// iteration it is in (cloned for another iteration).
  struct Stream {
    vector::TransferReadOp read;
    SetVector<Operation *> addressOps;
  };

  /// The vector.transfer_read ops in `loop`'s body (not in nested regions)
  /// worth prefetching across iterations of `scope` (which holds `loop`):
  /// those whose address depends on `scope`'s induction variable, of
  /// buffers nothing in `scope` writes, their address computed by ops
  /// free of memory effects between `scope` and `loop`.
  SmallVector<Stream> getStreams(scf::ForOp loop, scf::ForOp scope) {
    Value iv = scope.getInductionVar();
    BackwardSliceOptions options;
    // Not the loops from `scope` to `loop`: their induction variables stay
    // as they are or are mapped as a whole.
    options.filter = [&](Operation *op) {
      return scope->isProperAncestor(op) && !op->isAncestor(loop);
    };
    SmallVector<Stream> streams;
    for (auto read : loop.getBody()->getOps<vector::TransferReadOp>()) {
      Value base = read.getBase();
      if (!isa<MemRefType>(base.getType()) ||
          tconv::mayWriteTo(scope, /*ignored=*/nullptr, base))
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
        streams.push_back({read, std::move(slice)});
    }
    return streams;
  }

  /// Prefetches, at `builder`'s point, the lines of `streams` their reads
  /// would read with the values `iteration` maps (the induction variables
  /// of another iteration): one prefetch per cache line, kept in the cache
  /// level `localityHint` says (3: L1, 2: L2).
  static void prefetchStreams(OpBuilder &builder, ArrayRef<Stream> streams,
                              IRMapping &iteration, int64_t localityHint) {
    for (const Stream &stream : streams) {
      for (Operation *op : stream.addressOps)
        if (!iteration.contains(op))
          builder.clone(*op, iteration);
      vector::TransferReadOp read = stream.read;
      Location loc = read.getLoc();
      SmallVector<Value> indices =
          llvm::map_to_vector(read.getIndices(), [&](Value index) {
            return iteration.lookupOrDefault(index);
          });
      Value base = iteration.lookupOrDefault(read.getBase());
      for (int64_t offset : getLineOffsets(read)) {
        SmallVector<Value> lineIndices = indices;
        if (offset != 0)
          lineIndices.back() = arith::AddIOp::create(
              builder, loc, lineIndices.back(),
              arith::ConstantIndexOp::create(builder, loc, offset));
        memref::PrefetchOp::create(builder, loc, base, lineIndices,
                                   /*isWrite=*/false, localityHint,
                                   /*isDataCache=*/true);
      }
    }
  }

  /// Prefetches the memory each read of `loop`'s body (see getStreams)
  /// reads `advance.iterationsAhead` iterations of `advance.loop` later.
  void prefetchReads(scf::ForOp loop, const AdvancedLoop &advance) {
    scf::ForOp advanced = advance.loop;
    SmallVector<Stream> streams = getStreams(loop, advanced);
    if (streams.empty())
      return;
    // The iteration ahead, the last one at most: its reads are in bounds.
    Block *body = loop.getBody();
    OpBuilder builder(body, body->begin());
    Location loc = loop.getLoc();
    Value iv = advanced.getInductionVar();
    int64_t lower = *getConstantIntValue(advanced.getLowerBound());
    int64_t step = *getConstantIntValue(advanced.getStep());
    int64_t last = lower + (advance.tripCount - 1) * step;
    Value next = arith::AddIOp::create(
        builder, loc, iv,
        arith::ConstantIndexOp::create(builder, loc,
                                       step * advance.iterationsAhead));
    IRMapping ahead;
    ahead.map(iv, arith::MinSIOp::create(
                      builder, loc, next,
                      arith::ConstantIndexOp::create(builder, loc, last)));
    prefetchStreams(builder, streams, ahead, /*localityHint=*/3);
  }

  /// The loops from `scope` (excluded) down to `loop` (included), outermost
  /// first, if all are scf.for loops with static trip counts that carry
  /// nothing (scf.if ops may be in between).
  static std::optional<SmallVector<scf::ForOp>>
  getStaticNest(scf::ForOp loop, scf::ForOp scope) {
    SmallVector<scf::ForOp> nest;
    for (Operation *op = loop; op != scope; op = op->getParentOp()) {
      auto nested = dyn_cast<scf::ForOp>(op);
      if (!nested) {
        if (!isa<scf::IfOp>(op))
          return std::nullopt;
        continue;
      }
      if (!nested.getInitArgs().empty() || !getTripCount(nested))
        return std::nullopt;
      nest.push_back(nested);
    }
    std::reverse(nest.begin(), nest.end());
    return nest;
  }

  /// A nest of tile loops in a loop over blocks (getStaticNest, the
  /// innermost last) and the block's tiles before it.
  struct TileNest {
    SmallVector<scf::ForOp> loops;
    int64_t offset;
  };

  /// The iteration count of a static nest (getStaticNest).
  static int64_t getIterationCount(ArrayRef<scf::ForOp> nest) {
    int64_t count = 1;
    for (scf::ForOp loop : nest)
      count *= *getTripCount(loop);
    return count;
  }

  /// In a loop over blocks (`blockLoop`) that first computes a block's
  /// register tiles and then passes over the block (loops that compute no
  /// tiles: the transpose of a block of phase rows, with its epilogue),
  /// prefetches what the passes read of other buffers in this block (a
  /// residual), spread over the iterations of the tile loops before them.
  /// A pass that found those lines in memory would wait for them, short
  /// runs of them (a channels-first residual's rows, one per channel), at
  /// a time memory serves nothing else; while the tiles are computed it
  /// is idle. Each iteration of an innermost tile loop prefetches the
  /// lines of the next few iterations of the pass's nest, in order.
  void spreadPassReadsOverTiles(scf::ForOp blockLoop) {
    Block *body = blockLoop.getBody();
    // The innermost tile loops, each with its nest in the block and its
    // offset in the block's tiles.
    SmallVector<TileNest> tileNests;
    int64_t tileCount = 0;
    bool tilesRecognized = true;
    body->walk<WalkOrder::PreOrder>([&](scf::ForOp loop) {
      if (!iteratesOverTiles(loop))
        return computesTiles(loop) ? WalkResult::skip() : WalkResult::advance();
      bool innermost = !loop.getBody()
                            ->walk([&](scf::ForOp nested) {
                              return iteratesOverTiles(nested)
                                         ? WalkResult::interrupt()
                                         : WalkResult::advance();
                            })
                            .wasInterrupted();
      if (!innermost)
        return WalkResult::advance();
      std::optional<SmallVector<scf::ForOp>> nest =
          getStaticNest(loop, blockLoop);
      if (!nest) {
        tilesRecognized = false;
        return WalkResult::interrupt();
      }
      int64_t tiles = getIterationCount(*nest);
      tileNests.push_back({std::move(*nest), tileCount});
      tileCount += tiles;
      return WalkResult::skip();
    });
    if (!tilesRecognized || tileNests.empty())
      return;

    // The passes' innermost loops, after every tile loop, each with the
    // reads worth prefetching; a second version of a pass (the streaming
    // one and its fallback) reads the same buffers and is left out.
    Operation *lastTiles =
        body->findAncestorOpInBlock(*tileNests.back().loops.back());
    SmallVector<scf::ForOp> passLoops;
    for (Operation &op :
         llvm::make_range(std::next(lastTiles->getIterator()), body->end()))
      op.walk<WalkOrder::PreOrder>([&](scf::ForOp loop) {
        if (computesTiles(loop))
          return WalkResult::skip();
        if (loop.getBody()->getOps<scf::ForOp>().empty())
          passLoops.push_back(loop);
        return WalkResult::advance();
      });
    llvm::SmallPtrSet<Value, 4> prefetchedBases;
    for (scf::ForOp passLoop : passLoops) {
      std::optional<SmallVector<scf::ForOp>> passNest =
          getStaticNest(passLoop, blockLoop);
      if (!passNest)
        continue;
      SmallVector<Stream> streams = getStreams(passLoop, blockLoop);
      if (streams.empty() || llvm::all_of(streams, [&](Stream &s) {
            return prefetchedBases.contains(s.read.getBase());
          }))
        continue;
      for (Stream &stream : streams)
        prefetchedBases.insert(stream.read.getBase());
      int64_t passIterations = getIterationCount(*passNest);
      int64_t perTile = llvm::divideCeil(passIterations, tileCount);
      if (perTile > kMaxPassIterationsPerTile)
        continue;
      for (const TileNest &tiles : tileNests)
        prefetchPassIterations(tiles, *passNest, passIterations, perTile,
                               streams);
    }
  }

  /// At the start of each iteration of the innermost loop of `tiles`,
  /// prefetches what `perTile` iterations of the pass nest `passNest` read:
  /// iterations [t * perTile, (t + 1) * perTile) of its `passIterations`,
  /// for the block's tile t.
  void prefetchPassIterations(const TileNest &tiles,
                              ArrayRef<scf::ForOp> passNest,
                              int64_t passIterations, int64_t perTile,
                              ArrayRef<Stream> streams) {
    scf::ForOp tileLoop = tiles.loops.back();
    Location loc = tileLoop.getLoc();
    OpBuilder builder(tileLoop.getBody(), tileLoop.getBody()->begin());
    // The block's tile: the nest's offset plus its linear iteration.
    SmallVector<Value> tileIndices;
    SmallVector<int64_t> tileBasis;
    for (scf::ForOp loop : tiles.loops) {
      tileIndices.push_back(getIterationIndex(builder, loop));
      tileBasis.push_back(*getTripCount(loop));
    }
    Value tile = affine::AffineLinearizeIndexOp::create(
        builder, loc, tileIndices, tileBasis, /*disjoint=*/true);
    AffineExpr t = builder.getAffineDimExpr(0);
    Value first = affine::AffineApplyOp::create(
        builder, loc, AffineMap::get(1, 0, (t + tiles.offset) * perTile), tile);
    SmallVector<int64_t> passBasis = llvm::map_to_vector(
        passNest, [](scf::ForOp loop) { return *getTripCount(loop); });
    auto body = [&](OpBuilder &b, Location, Value k, ValueRange) {
      Value passIteration = arith::AddIOp::create(b, loc, first, k);
      Value inRange = arith::CmpIOp::create(
          b, loc, arith::CmpIPredicate::ult, passIteration,
          arith::ConstantIndexOp::create(b, loc, passIterations));
      scf::IfOp::create(b, loc, inRange, [&](OpBuilder &then, Location) {
        // The pass nest's induction variables at that iteration.
        auto indices = affine::AffineDelinearizeIndexOp::create(
            then, loc, passIteration, passBasis);
        IRMapping iteration;
        for (auto [loop, index] :
             llvm::zip(llvm::to_vector(passNest), indices.getResults()))
          iteration.map(loop.getInductionVar(),
                        getInductionValue(then, loop, index));
        prefetchStreams(then, streams, iteration, /*localityHint=*/3);
        scf::YieldOp::create(then, loc);
      });
      scf::YieldOp::create(b, loc);
    };
    scf::ForOp::create(
        builder, loc, arith::ConstantIndexOp::create(builder, loc, 0),
        arith::ConstantIndexOp::create(builder, loc, perTile),
        arith::ConstantIndexOp::create(builder, loc, 1), ValueRange{}, body);
  }

  /// The number of the iteration `loop` (static bounds) is in, from 0.
  static Value getIterationIndex(OpBuilder &builder, scf::ForOp loop) {
    AffineExpr iv = builder.getAffineDimExpr(0);
    int64_t lower = *getConstantIntValue(loop.getLowerBound());
    int64_t step = *getConstantIntValue(loop.getStep());
    return affine::AffineApplyOp::create(
        builder, loop.getLoc(),
        AffineMap::get(1, 0, (iv - lower).floorDiv(step)),
        loop.getInductionVar());
  }

  /// The induction variable of `loop` (static bounds) in iteration `index`.
  static Value getInductionValue(OpBuilder &builder, scf::ForOp loop,
                                 Value index) {
    AffineExpr i = builder.getAffineDimExpr(0);
    int64_t lower = *getConstantIntValue(loop.getLowerBound());
    int64_t step = *getConstantIntValue(loop.getStep());
    return affine::AffineApplyOp::create(
        builder, loop.getLoc(), AffineMap::get(1, 0, i * step + lower), index);
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
        tconv::kCacheLineBytes % elementBytes != 0 ||
        !read.getPermutationMap().isMinorIdentity() || type.getRank() == 0 ||
        failed(type.getStridesAndOffset(strides, offset)) ||
        strides.back() != 1)
      return {0};
    int64_t lineElements = tconv::kCacheLineBytes / elementBytes;
    SmallVector<int64_t> offsets;
    for (int64_t i = 0, e = vectorType.getNumElements(); i < e;
         i += lineElements)
      offsets.push_back(i);
    return offsets;
  }
};

} // namespace
