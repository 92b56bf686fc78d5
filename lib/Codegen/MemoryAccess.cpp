//===- MemoryAccess.cpp - Which memory ops may touch ----------------------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//

#include "tconv/Codegen/MemoryAccess.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

using namespace mlir;

namespace {

/// x86's fence for non-temporal stores.
constexpr llvm::StringLiteral kStoreFence = "llvm.x86.sse.sfence";

/// The allocations, function arguments and globals a memref may be a view
/// of, and its byte range in them where a memref.view says so; nullopt when
/// unknown.
struct MemoryOrigin {
  SmallVector<Value> bases;
  std::optional<std::pair<int64_t, int64_t>> bytes;
};

std::optional<MemoryOrigin> getMemoryOrigin(Value memref) {
  MemoryOrigin origin;
  SmallVector<Value> worklist = {memref};
  while (!worklist.empty()) {
    Value value = worklist.pop_back_val();
    Operation *def = value.getDefiningOp();
    // A byte range counts only from a view of the base itself: through a
    // view of a view, it would be relative to another start.
    if (auto view = dyn_cast_if_present<memref::ViewOp>(def)) {
      auto type = view.getType();
      std::optional<int64_t> shift = getConstantIntValue(view.getByteShift());
      if (!origin.bytes && shift && type.hasStaticShape() &&
          type.getLayout().isIdentity() &&
          !view.getSource().getDefiningOp<ViewLikeOpInterface>())
        origin.bytes = {*shift, *shift + type.getNumElements() *
                                             type.getElementTypeBitWidth() / 8};
    }
    if (auto viewLike = dyn_cast_if_present<ViewLikeOpInterface>(def)) {
      worklist.push_back(viewLike.getViewSource());
      continue;
    }
    if (auto branch = dyn_cast_if_present<scf::IfOp>(def)) {
      unsigned index = cast<OpResult>(value).getResultNumber();
      for (Region &region : branch->getRegions())
        if (!region.empty())
          worklist.push_back(region.front().getTerminator()->getOperand(index));
      continue;
    }
    // Function arguments (the C interface's results do not overlap its
    // arguments), allocations and globals.
    auto arg = dyn_cast<BlockArgument>(value);
    bool entryArgument =
        arg && arg.getOwner()->isEntryBlock() &&
        isa<FunctionOpInterface>(arg.getOwner()->getParentOp());
    if (!entryArgument && !isa_and_present<memref::AllocOp, memref::AllocaOp,
                                           memref::GetGlobalOp>(def))
      return std::nullopt;
    origin.bases.push_back(value);
  }
  return origin;
}

} // namespace

bool tconv::mayAlias(Value a, Value b) {
  std::optional<MemoryOrigin> first = getMemoryOrigin(a);
  std::optional<MemoryOrigin> second = getMemoryOrigin(b);
  if (!first || !second)
    return true;
  auto sameBase = [](Value x, Value y) {
    if (x == y)
      return true;
    auto gx = x.getDefiningOp<memref::GetGlobalOp>();
    auto gy = y.getDefiningOp<memref::GetGlobalOp>();
    return gx && gy && gx.getName() == gy.getName();
  };
  for (Value x : first->bases)
    for (Value y : second->bases) {
      if (!sameBase(x, y))
        continue;
      if (!first->bytes || !second->bytes)
        return true;
      if (first->bytes->first < second->bytes->second &&
          second->bytes->first < first->bytes->second)
        return true;
    }
  return false;
}

bool tconv::mayWriteTo(Operation *scope, Operation *ignored,
                       ArrayRef<Value> reads) {
  WalkResult result = scope->walk([&](Operation *op) {
    if (op == ignored)
      return WalkResult::skip();
    // Prefetches and fences declare no effects, and write nothing.
    if (op->hasTrait<OpTrait::HasRecursiveMemoryEffects>() ||
        isa<memref::PrefetchOp>(op) || isStoreFence(op))
      return WalkResult::advance();
    auto interface = dyn_cast<MemoryEffectOpInterface>(op);
    if (!interface)
      return WalkResult::interrupt();
    SmallVector<MemoryEffects::EffectInstance> effects;
    interface.getEffects(effects);
    for (const MemoryEffects::EffectInstance &effect : effects) {
      if (!isa<MemoryEffects::Write, MemoryEffects::Free>(effect.getEffect()))
        continue;
      Value written = effect.getValue();
      if (!written || llvm::any_of(reads, [&](Value read) {
            return mayAlias(written, read);
          }))
        return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  return result.wasInterrupted();
}

void tconv::createStoreFence(OpBuilder &builder, Location loc) {
  LLVM::CallIntrinsicOp::create(
      builder, loc, builder.getStringAttr(kStoreFence), ValueRange{});
}

bool tconv::isStoreFence(Operation *op) {
  auto call = dyn_cast<LLVM::CallIntrinsicOp>(op);
  return call && call.getIntrin() == kStoreFence;
}
