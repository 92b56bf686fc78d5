//===- GroupStaticAllocations.cpp - One buffer for static temporaries -----===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//

#include "tconv/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Builders.h"

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

struct GroupStaticAllocationsPass
    : public tconv::impl::GroupStaticAllocationsBase<
          GroupStaticAllocationsPass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal())
      return;
    Block &body = func.getBody().front();
    SmallVector<std::pair<memref::AllocOp, int64_t>> grouped;
    int64_t total = 0;
    for (auto alloc : body.getOps<memref::AllocOp>()) {
      std::optional<int64_t> bytes = getStaticByteSize(alloc.getType());
      bool returned = llvm::any_of(alloc->getUsers(), [](Operation *user) {
        return isa<func::ReturnOp>(user);
      });
      if (!bytes || returned)
        continue;
      grouped.push_back({alloc, total});
      std::optional<int64_t> next =
          llvm::checkedAdd<int64_t>(total, llvm::alignTo(*bytes, kAlignment));
      if (!next)
        return; // absurd sizes: leave the function as it is
      total = *next;
    }
    if (grouped.size() < 2)
      return;

    OpBuilder b = OpBuilder::atBlockBegin(&body);
    Location loc = func.getLoc();
    auto arenaType = MemRefType::get({total}, b.getI8Type());
    Value arena = memref::AllocOp::create(b, loc, arenaType,
                                          b.getI64IntegerAttr(kAlignment));
    for (auto [alloc, offset] : grouped) {
      b.setInsertionPoint(alloc);
      Value byteShift = arith::ConstantIndexOp::create(b, loc, offset);
      Value view = memref::ViewOp::create(b, alloc.getLoc(), alloc.getType(),
                                          arena, byteShift, ValueRange{});
      alloc.replaceAllUsesWith(view);
      alloc.erase();
    }
  }
};

} // namespace
