//===- OutlineTileLoops.cpp - Register-tile loops as functions ----------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// A kernel is a sequence of loop nests (layout changes, weight packing, the
// convolutions, their epilogues), one LLVM function in the end. LLVM
// allocates registers for the whole function at once, and how well it
// allocates a convolution's register tile then depends on the code around
// it: the same GEMM loop of unet3d, identical in LLVM IR, ran spill-free
// before a 16 x 16 transpose and with two spills and 40 register moves per
// iteration before a wider one. Here each top-level loop nest that computes
// register tiles becomes a private function of its own, called once and
// never inlined, so that it is compiled on its own (and shows under its own
// name in profiles).
//
//===----------------------------------------------------------------------===//

#include "tconv/Codegen/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Utils/Utils.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Transforms/RegionUtils.h"

namespace mlir::tconv {
#define GEN_PASS_DEF_OUTLINETILELOOPS
#include "tconv/Codegen/Passes.h.inc"
} // namespace mlir::tconv

using namespace mlir;

namespace {

/// Whether `op` is a loop nest at the top of a function.
bool isLoopNest(Operation &op) {
  return isa<scf::ForOp, scf::ForallOp, scf::ParallelOp>(op);
}

/// Whether loop nest `op` computes register tiles (vector contractions and
/// FMAs, or the dot-product intrinsics tconv-lower-int8-dot-products made
/// of them), where register allocation matters, and can stand on its own:
/// it returns nothing (on buffers, loops carry no values out). The others
/// (layout changes, weight packing, bufferization's deallocation helper)
/// stay: LLVM unrolled dcgan2's weight packing loops fully in functions of
/// their own, doubling its compile time, and folds the helper away only
/// where it sees all of it.
bool isRegisterTileNest(Operation &op) {
  if (!isLoopNest(op) || op.getNumResults() != 0)
    return false;
  WalkResult tiles = op.walk([](Operation *nested) {
    return isa<vector::ContractionOp, vector::FMAOp, LLVM::CallIntrinsicOp>(
               nested)
               ? WalkResult::interrupt()
               : WalkResult::advance();
  });
  return tiles.wasInterrupted();
}

/// Collects the register-tile nests of `block` (top-level ops) into
/// `nests`. An scf.for whose body has both register-tile nests and other loop
/// nests (the row blocks of tconv-transpose-in-row-blocks: a block's
/// convolution, then its transpose) has its register-tile nests collected
/// instead of itself: compiled with the transpose, unet3d's 6 x 64 GEMM tile
/// spilled four times per iteration for Skylake-AVX512.
void collectRegisterTileNests(Block &block,
                              SmallVectorImpl<Operation *> &nests) {
  for (Operation &op : block) {
    if (!isRegisterTileNest(op))
      continue;
    // Not into a thread's chunk (scf.forall, scf.parallel): with calls in
    // its body, the OpenMP lowering left a memref.alloca_scope of several
    // blocks, which does not verify.
    if (!isa<scf::ForOp>(op)) {
      nests.push_back(&op);
      continue;
    }
    Block &body = op.getRegion(0).front();
    bool mixed = llvm::any_of(body, [](Operation &nested) {
      return isLoopNest(nested) && !isRegisterTileNest(nested);
    });
    if (mixed && llvm::any_of(body, isRegisterTileNest))
      collectRegisterTileNests(body, nests);
    else
      nests.push_back(&op);
  }
}

/// Clones into `region` the constants it uses from above, so that the
/// outlined function has them as constants rather than arguments.
void cloneConstantsInto(RewriterBase &rewriter, Region &region) {
  SetVector<Value> captured;
  getUsedValuesDefinedAbove(region, captured);
  rewriter.setInsertionPointToStart(&region.front());
  for (Value value : captured) {
    Operation *definition = value.getDefiningOp();
    if (!definition || !definition->hasTrait<OpTrait::ConstantLike>())
      continue;
    Value copy = rewriter.clone(*definition)->getResult(0);
    rewriter.replaceUsesWithIf(value, copy, [&](OpOperand &use) {
      return region.isAncestor(use.getOwner()->getParentRegion());
    });
  }
}

/// Whether `op` writes or frees memory, or might.
bool mightWriteMemory(Operation *op) {
  std::optional<SmallVector<MemoryEffects::EffectInstance>> effects =
      getEffectsRecursively(op);
  return !effects ||
         llvm::any_of(*effects, [](const MemoryEffects::EffectInstance &e) {
           return !isa<MemoryEffects::Read>(e.getEffect());
         });
}

/// Whether `op`, earlier in the block of `nest`, computes the same values
/// when moved right before `nest`: it reads memory at most, and nothing
/// between the two writes any.
bool canRecomputeBefore(Operation *op, Operation *nest) {
  if (op->getBlock() != nest->getBlock() || op->getNumRegions() != 0 ||
      mightWriteMemory(op))
    return false;
  if (isMemoryEffectFree(op))
    return true;
  for (Operation *between = op->getNextNode(); between != nest;
       between = between->getNextNode())
    if (mightWriteMemory(between))
      return false;
  return true;
}

/// The operations computing the vectors `nest` uses from above, transitively
/// through their vector operands (constants aside: cloneConstantsInto copies
/// those), in block order; failure where one cannot be recomputed at the
/// nest. The outlined function recomputes them rather than taking vector
/// arguments: LLVM passes an n-D vector as an array of vectors by value,
/// and AArch64's instruction selection crashes on an array of more than
/// eight (LLVM 22: a 1-D depthwise layer's bias row, [14 x <3 x float>],
/// read before its nest by loop-invariant hoisting).
FailureOr<SmallVector<Operation *>> getVectorDefinitions(Operation *nest) {
  SetVector<Value> captured;
  getUsedValuesDefinedAbove(nest->getRegions(), captured);
  SmallVector<Value> worklist(captured.begin(), captured.end());
  SetVector<Operation *> definitions;
  while (!worklist.empty()) {
    Value value = worklist.pop_back_val();
    if (!isa<VectorType>(value.getType()))
      continue;
    Operation *definition = value.getDefiningOp();
    if (definition && definition->hasTrait<OpTrait::ConstantLike>())
      continue;
    if (!definition || !canRecomputeBefore(definition, nest))
      return failure();
    if (definitions.insert(definition))
      llvm::append_range(worklist, definition->getOperands());
  }
  SmallVector<Operation *> ordered = definitions.takeVector();
  llvm::sort(ordered,
             [](Operation *a, Operation *b) { return a->isBeforeInBlock(b); });
  return ordered;
}

/// Clones `definitions` (in block order) to the start of `region`, its uses
/// of their results redirected to the clones; erases the originals left
/// unused.
void recomputeInside(RewriterBase &rewriter, Region &region,
                     ArrayRef<Operation *> definitions) {
  rewriter.setInsertionPointToStart(&region.front());
  IRMapping mapping;
  for (Operation *definition : definitions)
    rewriter.clone(*definition, mapping);
  for (Operation *definition : definitions)
    for (Value result : definition->getResults())
      rewriter.replaceUsesWithIf(
          result, mapping.lookup(result), [&](OpOperand &use) {
            return region.isAncestor(use.getOwner()->getParentRegion());
          });
  for (Operation *definition : llvm::reverse(definitions))
    if (isOpTriviallyDead(definition))
      rewriter.eraseOp(definition);
}

struct OutlineTileLoopsPass
    : tconv::impl::OutlineTileLoopsBase<OutlineTileLoopsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    IRRewriter rewriter(&getContext());
    SymbolTable symbols(module);
    SmallVector<func::FuncOp> functions(module.getOps<func::FuncOp>());
    for (func::FuncOp function : functions) {
      if (function.isExternal())
        continue;
      // One loop nest is the function already.
      if (llvm::count_if(function.getBody().getOps(), isLoopNest) < 2)
        continue;
      SmallVector<Operation *> nests;
      collectRegisterTileNests(function.getBody().front(), nests);
      for (auto [index, nest] : llvm::enumerate(nests)) {
        // A nest using a vector that cannot be recomputed in it stays.
        FailureOr<SmallVector<Operation *>> vectorDefinitions =
            getVectorDefinitions(nest);
        if (failed(vectorDefinitions))
          continue;
        Location loc = nest->getLoc();
        rewriter.setInsertionPoint(nest);
        auto region = scf::ExecuteRegionOp::create(rewriter, loc, TypeRange{});
        Block *body = rewriter.createBlock(&region.getRegion());
        rewriter.moveOpBefore(nest, body, body->end());
        rewriter.setInsertionPointToEnd(body);
        scf::YieldOp::create(rewriter, loc);
        recomputeInside(rewriter, region.getRegion(), *vectorDefinitions);
        cloneConstantsInto(rewriter, region.getRegion());
        func::CallOp call;
        FailureOr<func::FuncOp> outlined = outlineSingleBlockRegion(
            rewriter, loc, region.getRegion(),
            (function.getSymName() + "_nest" + Twine(index)).str(), &call);
        if (failed(outlined)) {
          region.emitError("tconv-outline-tile-loops: cannot outline");
          return signalPassFailure();
        }
        outlined->setPrivate();
        outlined->setNoInline(true);
        call.setNoInline(true);
        // A name already taken gets a suffix.
        call.setCallee(symbols.insert(*outlined));
        // The call and its yield are left in the region: the call in its
        // place.
        Block &callBlock = region.getRegion().front();
        rewriter.eraseOp(callBlock.getTerminator());
        rewriter.inlineBlockBefore(&callBlock, region);
        rewriter.eraseOp(region);
      }
    }
  }
};

} // namespace
