//===- GroupStaticAllocations.cpp - A static scratch buffer per function --===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// A function's static temporaries become views into one scratch buffer: a
// module-level buffer of the function's own (zero-initialised, so .bss),
// claimed with an atomic flag for the length of the call, or a heap buffer
// when another thread holds it. Per-call malloc/free of megabytes costs page
// faults on every call once glibc hands the memory back to the OS; oneDNN
// avoids the same cost by keeping its scratchpad in the primitive.
//
//===----------------------------------------------------------------------===//

#include "tconv/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/SymbolTable.h"

#include "llvm/Support/CheckedArithmetic.h"
#include "llvm/Support/MathExtras.h"

namespace mlir::tconv {
#define GEN_PASS_DEF_GROUPSTATICALLOCATIONS
#include "tconv/Transforms/Passes.h.inc"
} // namespace mlir::tconv

using namespace mlir;

namespace {

constexpr int64_t kAlignment = 64;

/// The size in bytes of a static, identity-layout memref of a numeric
/// element type; std::nullopt for anything else.
std::optional<int64_t> getStaticByteSize(MemRefType type) {
  if (!type.hasStaticShape() || !type.getLayout().isIdentity() ||
      !type.getElementType().isIntOrFloat() || type.getMemorySpace())
    return std::nullopt;
  int64_t bits = type.getElementTypeBitWidth();
  if (bits % 8)
    return std::nullopt;
  std::optional<int64_t> bytes = bits / 8;
  for (int64_t size : type.getShape())
    bytes = bytes ? llvm::checkedMul(*bytes, size) : std::nullopt;
  return bytes;
}

/// Whether `buffer` may be returned: directly, or through anything that
/// yields a memref (views, loops carrying it, scf.if). Conservative: every
/// memref result of a user, or of the parent of a terminator using it, is
/// followed.
bool mayBeReturned(Value buffer) {
  SmallVector<Value> worklist = {buffer};
  llvm::SmallPtrSet<Operation *, 16> visited;
  while (!worklist.empty()) {
    Value value = worklist.pop_back_val();
    for (Operation *user : value.getUsers()) {
      if (isa<func::ReturnOp>(user))
        return true;
      Operation *producer =
          user->hasTrait<OpTrait::IsTerminator>() ? user->getParentOp() : user;
      if (!visited.insert(producer).second)
        continue;
      for (Value result : producer->getResults())
        if (isa<BaseMemRefType>(result.getType()))
          worklist.push_back(result);
    }
  }
  return false;
}

/// The top-level static temporaries of `func` (not returned) with their
/// byte offsets in the scratch buffer, and the buffer's size.
std::pair<SmallVector<std::pair<memref::AllocOp, int64_t>>, int64_t>
collectTemporaries(func::FuncOp func) {
  SmallVector<std::pair<memref::AllocOp, int64_t>> temporaries;
  int64_t total = 0;
  for (auto alloc : func.getBody().front().getOps<memref::AllocOp>()) {
    std::optional<int64_t> bytes = getStaticByteSize(alloc.getType());
    if (!bytes || mayBeReturned(alloc))
      continue;
    std::optional<int64_t> next =
        llvm::checkedAdd<int64_t>(total, llvm::alignTo(*bytes, kAlignment));
    if (!next)
      return {}; // absurd sizes: leave the function as it is
    temporaries.push_back({alloc, total});
    total = *next;
  }
  return {temporaries, total};
}

struct GroupStaticAllocationsPass
    : public tconv::impl::GroupStaticAllocationsBase<
          GroupStaticAllocationsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SymbolTable symbols(module);
    for (auto func : llvm::to_vector(module.getOps<func::FuncOp>())) {
      if (func.isExternal() || !func.getBody().hasOneBlock())
        continue;
      auto [temporaries, total] = collectTemporaries(func);
      if (temporaries.empty())
        continue;
      groupTemporaries(func, temporaries, total, symbols);
    }
  }

  void groupTemporaries(
      func::FuncOp func,
      ArrayRef<std::pair<memref::AllocOp, int64_t>> temporaries,
      int64_t total, SymbolTable &symbols) {
    Location loc = func.getLoc();
    OpBuilder b(func);
    auto bufferType = MemRefType::get({total}, b.getI8Type());
    auto flagType = MemRefType::get({1}, b.getI32Type());
    // Zero-initialised rather than uninitialised: both land in .bss, but an
    // uninitialised LLVM global is `undef`, which optimizers may exploit.
    auto buffer = memref::GlobalOp::create(
        b, loc, ("__tconv_scratch_" + func.getName()).str(),
        b.getStringAttr("private"), bufferType,
        DenseElementsAttr::get(RankedTensorType::get({total}, b.getI8Type()),
                               b.getI8IntegerAttr(0)),
        /*constant=*/false, b.getI64IntegerAttr(kAlignment));
    auto busy = memref::GlobalOp::create(
        b, loc, ("__tconv_scratch_busy_" + func.getName()).str(),
        b.getStringAttr("private"), flagType,
        DenseElementsAttr::get(RankedTensorType::get({1}, b.getI32Type()),
                               b.getI32IntegerAttr(0)),
        /*constant=*/false, IntegerAttr());
    symbols.insert(buffer);
    symbols.insert(busy);

    // Claim the static buffer, or allocate when another call holds it.
    Block &body = func.getBody().front();
    b.setInsertionPointToStart(&body);
    Value index0 = arith::ConstantIndexOp::create(b, loc, 0);
    Value zero = arith::ConstantIntOp::create(b, loc, 0, 32);
    Value one = arith::ConstantIntOp::create(b, loc, 1, 32);
    Value flag =
        memref::GetGlobalOp::create(b, loc, flagType, busy.getSymName());
    Value previous =
        memref::AtomicRMWOp::create(b, loc, arith::AtomicRMWKind::assign, one,
                                    flag, ValueRange{index0});
    Value claimed = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq,
                                          previous, zero);
    auto choose = scf::IfOp::create(
        b, loc, claimed,
        [&](OpBuilder &then, Location l) {
          Value global = memref::GetGlobalOp::create(then, l, bufferType,
                                                     buffer.getSymName());
          scf::YieldOp::create(then, l, global);
        },
        [&](OpBuilder &otherwise, Location l) {
          Value heap = memref::AllocOp::create(
              otherwise, l, bufferType, otherwise.getI64IntegerAttr(kAlignment));
          scf::YieldOp::create(otherwise, l, heap);
        });
    Value scratch = choose.getResult(0);

    for (auto [alloc, offset] : temporaries) {
      b.setInsertionPoint(alloc);
      Value byteShift = arith::ConstantIndexOp::create(b, loc, offset);
      Value view = memref::ViewOp::create(b, alloc.getLoc(), alloc.getType(),
                                          scratch, byteShift, ValueRange{});
      alloc.replaceAllUsesWith(view);
      alloc.erase();
    }

    // Release the static buffer at the end of the call.
    b.setInsertionPoint(body.getTerminator());
    scf::IfOp::create(b, loc, claimed, [&](OpBuilder &then, Location l) {
      memref::AtomicRMWOp::create(then, l, arith::AtomicRMWKind::assign, zero,
                                  flag, ValueRange{index0});
      scf::YieldOp::create(then, l);
    });
  }
};

} // namespace
