//===- StreamStores.cpp - Non-temporal stores of marked loops ------------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// A plain store to a line that is not in cache reads the line first (a
// read for ownership): writing a result far larger than the caches costs
// twice its size in memory traffic, and a loop that does little else than
// store (the transpose of a channels-first result) waits on it. A
// non-temporal store writes whole lines straight to memory (combining the
// halves of a line stored one after the other), but only from an aligned
// address: x86 has no unaligned form, and LLVM splits an under-aligned one
// into scalar MOVNTIs. Where the stores' alignment follows from their
// indices, the marked loop is versioned on the alignment of the buffers it
// stores to, checked once before it runs.
//
//===----------------------------------------------------------------------===//

#include "tconv/Codegen/MemoryAccess.h"
#include "tconv/Codegen/Passes.h"
#include "tconv/Codegen/StreamingStores.h"
#include "tconv/Target/TargetModel.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/IRMapping.h"

#include "llvm/ADT/SetVector.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/TargetParser/Triple.h"

namespace mlir::tconv {
#define GEN_PASS_DEF_STREAMSTORES
#include "tconv/Codegen/Passes.h.inc"
} // namespace mlir::tconv

using namespace mlir;
using namespace mlir::tconv;

namespace {

/// Trailing zero bits that index `value` is known to have (64 for zero):
/// through constants, loop induction variables, sums, products and affine
/// maps of those.
unsigned getKnownTrailingZeros(Value value);

unsigned getKnownTrailingZeros(AffineExpr expr, ValueRange operands,
                               unsigned numDims) {
  if (auto constant = dyn_cast<AffineConstantExpr>(expr))
    return constant.getValue() == 0
               ? 64
               : llvm::countr_zero(static_cast<uint64_t>(constant.getValue()));
  if (auto dim = dyn_cast<AffineDimExpr>(expr))
    return getKnownTrailingZeros(operands[dim.getPosition()]);
  if (auto symbol = dyn_cast<AffineSymbolExpr>(expr))
    return getKnownTrailingZeros(operands[numDims + symbol.getPosition()]);
  auto binary = cast<AffineBinaryOpExpr>(expr);
  unsigned lhs = getKnownTrailingZeros(binary.getLHS(), operands, numDims);
  unsigned rhs = getKnownTrailingZeros(binary.getRHS(), operands, numDims);
  switch (expr.getKind()) {
  case AffineExprKind::Add:
    return std::min(lhs, rhs);
  case AffineExprKind::Mul:
    return std::min(64u, lhs + rhs);
  default: // mod, floordiv, ceildiv
    return 0;
  }
}

unsigned getKnownTrailingZeros(Value value) {
  if (std::optional<int64_t> constant = getConstantIntValue(value))
    return *constant == 0 ? 64
                          : llvm::countr_zero(static_cast<uint64_t>(*constant));
  if (auto argument = dyn_cast<BlockArgument>(value)) {
    auto loop = dyn_cast<scf::ForOp>(argument.getOwner()->getParentOp());
    if (!loop || argument != loop.getInductionVar())
      return 0;
    return std::min(getKnownTrailingZeros(loop.getLowerBound()),
                    getKnownTrailingZeros(loop.getStep()));
  }
  Operation *op = value.getDefiningOp();
  if (isa<arith::AddIOp, arith::SubIOp>(op))
    return std::min(getKnownTrailingZeros(op->getOperand(0)),
                    getKnownTrailingZeros(op->getOperand(1)));
  if (isa<arith::MulIOp>(op))
    return std::min(64u, getKnownTrailingZeros(op->getOperand(0)) +
                             getKnownTrailingZeros(op->getOperand(1)));
  if (auto apply = dyn_cast<affine::AffineApplyOp>(op))
    return getKnownTrailingZeros(apply.getAffineMap().getResult(0),
                                 apply.getMapOperands(),
                                 apply.getAffineMap().getNumDims());
  return 0;
}

/// The alignment of `write`'s non-temporal form, the bytes it stores,
/// where it stores half a line or a whole one at offsets from the aligned
/// pointer of its buffer (defined outside `loop`) that are multiples of its
/// size: a 1-D in-bounds, unmasked write to contiguous elements of a memref
/// with a static layout, each index times its stride such a multiple.
/// Half lines (AVX2's 32-byte vectors) must be completed by the next store
/// (the CPU combines a line's stores while few lines are open): the
/// transposes' blocks write rows of whole lines (getElementwiseTiling), a
/// register tile the channels of a pixel in order. Completed by the next
/// block of an 8 x 8 transpose instead, after eight other lines, the
/// halves made the transposes 4x slower than plain stores on Emerald
/// Rapids (Zen 5 had combined them).
std::optional<int64_t> getStreamedStoreAlignment(vector::TransferWriteOp write,
                                                 scf::ForOp loop) {
  auto memref = dyn_cast<MemRefType>(write.getShapedType());
  VectorType vector = write.getVectorType();
  if (!memref || vector.getRank() != 1 || write.getMask() ||
      !write.getPermutationMap().isMinorIdentity() ||
      llvm::any_of(write.getInBoundsValues(), [](bool b) { return !b; }) ||
      !loop.isDefinedOutsideOfLoop(write.getBase()) ||
      !vector.getElementType().isIntOrFloat() ||
      vector.getElementTypeBitWidth() % 8 != 0)
    return std::nullopt;
  int64_t elementBytes = vector.getElementTypeBitWidth() / 8;
  int64_t bytes = vector.getNumElements() * elementBytes;
  if (bytes % kCacheLineBytes != 0 && bytes != kCacheLineBytes / 2)
    return std::nullopt;
  int64_t alignment = std::min(bytes, kCacheLineBytes);
  SmallVector<int64_t> strides;
  int64_t offset;
  if (failed(memref.getStridesAndOffset(strides, offset)) ||
      ShapedType::isDynamic(offset) || strides.empty() || strides.back() != 1 ||
      llvm::any_of(strides, ShapedType::isDynamic) ||
      offset * elementBytes % alignment != 0)
    return std::nullopt;
  for (auto [index, stride] : llvm::zip_equal(write.getIndices(), strides)) {
    unsigned zeros =
        getKnownTrailingZeros(index) +
        llvm::countr_zero(static_cast<uint64_t>(stride * elementBytes));
    if (zeros < llvm::Log2_64(alignment))
      return std::nullopt;
  }
  return alignment;
}

/// `index` as a value plus a constant: an arith.addi or a one-dim
/// affine.apply of a constant; a constant alone has no value.
std::pair<Value, int64_t> splitConstantOffset(Value index) {
  if (std::optional<int64_t> constant = getConstantIntValue(index))
    return {nullptr, *constant};
  if (auto add = index.getDefiningOp<arith::AddIOp>()) {
    if (std::optional<int64_t> rhs = getConstantIntValue(add.getRhs()))
      return {add.getLhs(), *rhs};
    if (std::optional<int64_t> lhs = getConstantIntValue(add.getLhs()))
      return {add.getRhs(), *lhs};
  }
  if (auto apply = index.getDefiningOp<affine::AffineApplyOp>()) {
    AffineMap map = apply.getAffineMap();
    if (map.getNumDims() == 1 && map.getNumSymbols() == 0 &&
        apply->getNumOperands() == 1) {
      AffineExpr offset =
          map.getResult(0) - getAffineDimExpr(0, map.getContext());
      if (auto constant =
              dyn_cast<AffineConstantExpr>(simplifyAffineExpr(offset, 1, 0)))
        return {apply.getOperand(0), constant.getValue()};
    }
  }
  return {index, 0};
}

/// Whether half-line `write` is followed by its line's other half: its
/// last index steps by its elements in a loop around it that stores
/// nothing else, or `other` stores it (the same buffer and indices but the
/// last, which is `write`'s plus or minus its elements).
bool completesLine(vector::TransferWriteOp write,
                   vector::TransferWriteOp other) {
  int64_t elements = write.getVectorType().getNumElements();
  Value base = splitConstantOffset(write.getIndices().back()).first;
  if (auto iv = dyn_cast_or_null<BlockArgument>(base))
    if (auto loop = dyn_cast<scf::ForOp>(iv.getOwner()->getParentOp()))
      if (loop.getInductionVar() == iv &&
          getConstantIntValue(loop.getStep()) == elements &&
          !loop->walk([&](vector::TransferWriteOp inner) {
                 return inner == write ? WalkResult::advance()
                                       : WalkResult::interrupt();
               })
               .wasInterrupted())
        return true;
  if (other == write || other.getBase() != write.getBase() ||
      other.getVectorType() != write.getVectorType())
    return false;
  ValueRange indices = write.getIndices(), others = other.getIndices();
  if (indices.drop_back() != others.drop_back())
    return false;
  auto [otherBase, otherOffset] = splitConstantOffset(others.back());
  return base == otherBase &&
         std::abs(splitConstantOffset(indices.back()).second - otherOffset) ==
             elements;
}

/// Versions `loop` on the alignment of the buffers its line stores
/// (getStreamedStoreAlignment) write: where they are all aligned to a line,
/// those stores are non-temporal. A half-line store is one only where its
/// line's other half is stored next (completesLine: a register tile of two
/// vectors of channels, a loop along the line): a tile of one vector leaves
/// it to the next tile, after other lines (fcn32 in int8 for Haswell,
/// VPMADDUBSW's tiles of 8 channels: 8 -> 55 ms).
void streamStores(scf::ForOp loop) {
  SmallVector<std::pair<vector::TransferWriteOp, int64_t>> writes;
  llvm::SetVector<Value> buffers;
  SmallVector<vector::TransferWriteOp> all;
  loop.walk([&](vector::TransferWriteOp write) { all.push_back(write); });
  for (vector::TransferWriteOp write : all) {
    std::optional<int64_t> alignment = getStreamedStoreAlignment(write, loop);
    if (!alignment)
      continue;
    int64_t bytes = write.getVectorType().getNumElements() *
                    write.getVectorType().getElementTypeBitWidth() / 8;
    if (bytes < kCacheLineBytes && llvm::none_of(
                                       all,
                                       [&](vector::TransferWriteOp other) {
                                         return completesLine(write, other);
                                       }))
      continue;
    writes.push_back({write, *alignment});
    buffers.insert(write.getBase());
  }
  if (writes.empty())
    return;

  OpBuilder b(loop);
  Location loc = loop.getLoc();
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  Value lineMask = arith::ConstantIndexOp::create(b, loc, kCacheLineBytes - 1);
  Value aligned;
  for (Value buffer : buffers) {
    Value pointer =
        memref::ExtractAlignedPointerAsIndexOp::create(b, loc, buffer);
    Value misalignment = arith::AndIOp::create(b, loc, pointer, lineMask);
    Value isAligned = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq,
                                            misalignment, zero);
    aligned =
        aligned ? arith::AndIOp::create(b, loc, aligned, isAligned).getResult()
                : isAligned;
  }
  auto version = scf::IfOp::create(b, loc, loop->getResultTypes(), aligned,
                                   /*withElseRegion=*/true);
  loop->replaceAllUsesWith(version.getResults());
  // Each branch runs a version of the loop and yields its results (a loop
  // without results goes before the branch's implicit yield).
  auto setBranch = [&](Block *branch, Operation *body) {
    if (body->getBlock())
      body->remove();
    if (loop->getNumResults() == 0) {
      branch->getOperations().insert(branch->getTerminator()->getIterator(),
                                     body);
      return;
    }
    branch->push_back(body);
    OpBuilder end = OpBuilder::atBlockEnd(branch);
    scf::YieldOp::create(end, loc, body->getResults());
  };
  IRMapping mapping;
  Operation *streaming = loop->clone(mapping);
  setBranch(version.thenBlock(), streaming);
  setBranch(version.elseBlock(), loop);
  // Non-temporal stores are weakly ordered: an SFENCE orders them before
  // whatever the thread stores next (the flag of the barrier that ends a
  // thread's chunk, which other threads then read past).
  OpBuilder afterStreaming(streaming->getBlock(),
                           std::next(streaming->getIterator()));
  createStoreFence(afterStreaming, loc);
  for (auto [write, alignment] : writes) {
    auto copy = cast<vector::TransferWriteOp>(mapping.lookup(write));
    OpBuilder at(copy);
    vector::StoreOp::create(at, copy.getLoc(), copy.getVector(), copy.getBase(),
                            copy.getIndices(),
                            /*nontemporal=*/true, llvm::MaybeAlign(alignment));
    copy.erase();
  }
}

struct StreamStoresPass
    : public tconv::impl::StreamStoresBase<StreamStoresPass> {
  using StreamStoresBase::StreamStoresBase;

  LogicalResult initialize(MLIRContext *ctx) override {
    FailureOr<TargetModel> model = getTargetModelForPass(
        ctx, getArgument(), targetTriple, targetCpu, targetFeatures);
    if (failed(model))
      return failure();
    isX86 = llvm::Triple(model->triple).isX86();
    return success();
  }

  void runOnOperation() override {
    // The outermost marked loop of each nest, the others' markers dropped.
    SmallVector<scf::ForOp> loops;
    getOperation()->walk<WalkOrder::PreOrder>([&](scf::ForOp loop) {
      if (!loop->hasAttr(kNonTemporalStoresAttrName))
        return WalkResult::advance();
      loops.push_back(loop);
      loop->walk([](scf::ForOp inner) {
        inner->removeAttr(kNonTemporalStoresAttrName);
      });
      return WalkResult::skip();
    });
    // Marked for another target: the stores stay as they are.
    if (isX86)
      for (scf::ForOp loop : loops)
        streamStores(loop);
  }

  bool isX86 = false;
};

} // namespace
