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
// tiles, what the tile `distance` iterations later will read, so that the
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

struct PrefetchEpilogueReads
    : tconv::impl::PrefetchEpilogueReadsBase<PrefetchEpilogueReads> {
  using PrefetchEpilogueReadsBase::PrefetchEpilogueReadsBase;

  void runOnOperation() override {
    if (distance == 0)
      return;
    SmallVector<scf::ForOp> loops;
    getOperation()->walk([&](scf::ForOp loop) {
      if (iteratesOverTiles(loop))
        loops.push_back(loop);
    });
    for (scf::ForOp loop : loops)
      prefetchReads(loop);
  }

  /// Prefetches the memory each vector.transfer_read in `loop`'s body (not
  /// in nested regions) reads `distance` iterations later, where that
  /// depends on the iteration and nothing in the loop writes it.
  void prefetchReads(scf::ForOp loop) {
    std::optional<int64_t> lower = getConstantIntValue(loop.getLowerBound());
    std::optional<int64_t> upper = getConstantIntValue(loop.getUpperBound());
    std::optional<int64_t> step = getConstantIntValue(loop.getStep());
    if (!lower || !upper || !step || *step <= 0 ||
        *upper - *lower <= *step * static_cast<int64_t>(distance))
      return;
    Value iv = loop.getInductionVar();
    Block *body = loop.getBody();
    // Each read to prefetch, with the ops of this iteration that compute
    // its address (to be cloned for the iteration `distance` later). All
    // are chosen before any prefetch is added to the body.
    SmallVector<std::pair<vector::TransferReadOp, SetVector<Operation *>>>
        streams;
    BackwardSliceOptions options;
    options.filter = [&](Operation *op) { return op->getBlock() == body; };
    for (auto read : body->getOps<vector::TransferReadOp>()) {
      Value base = read.getBase();
      if (!isa<MemRefType>(base.getType()) ||
          tconv::mayWriteTo(loop, /*ignored=*/nullptr, base))
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

    // The iteration `distance` later, the last one at most: its reads are
    // in bounds.
    OpBuilder builder(body, body->begin());
    Location loc = loop.getLoc();
    int64_t last = *lower + (*upper - *lower - 1) / *step * *step;
    Value next = arith::AddIOp::create(
        builder, loc, iv,
        arith::ConstantIndexOp::create(builder, loc,
                                       *step * static_cast<int64_t>(distance)));
    IRMapping ahead;
    ahead.map(iv, arith::MinSIOp::create(
                      builder, loc, next,
                      arith::ConstantIndexOp::create(builder, loc, last)));
    for (auto &[read, slice] : streams) {
      for (Operation *op : slice)
        if (!ahead.contains(op))
          builder.clone(*op, ahead);
      memref::PrefetchOp::create(
          builder, read.getLoc(), ahead.lookupOrDefault(read.getBase()),
          llvm::map_to_vector(
              read.getIndices(),
              [&](Value index) { return ahead.lookupOrDefault(index); }),
          /*isWrite=*/false, /*localityHint=*/3, /*isDataCache=*/true);
    }
  }
};

} // namespace
