//===- GroupStaticAllocations.cpp - A static scratch buffer per function --===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// A function's static temporaries become views into two scratch buffers.
// Up to max-static-bytes of them live in a module-level buffer of the
// function's own (zero-initialised, so .bss), claimed with an atomic flag for
// the length of the call, or a heap buffer when another thread holds it:
// per-call malloc/free of megabytes costs page faults on every call once
// glibc hands the memory back to the OS; oneDNN avoids the same cost by
// keeping its scratchpad in the primitive. The others share one heap buffer
// allocated on every call and freed by buffer deallocation: static data
// beyond 2 GiB does not link (x86-64's small code model), and hundreds of
// megabytes of it would stay reserved in every program linking the kernel.
// One heap block rather than one per temporary: glibc keeps a single freed
// block of up to 32 MiB (its largest dynamic mmap threshold) for the next
// call, where the free total of several passes its trim threshold.
//
// A static allocation larger than the lowered code can address is an error.
//
//===----------------------------------------------------------------------===//

#include "tconv/Dialect/TConv/IR/TConvDialect.h"
#include "tconv/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/DataLayoutInterfaces.h"

#include "llvm/Support/CheckedArithmetic.h"
#include "llvm/Support/MathExtras.h"

#include <functional>

namespace mlir::tconv {
#define GEN_PASS_DEF_GROUPSTATICALLOCATIONS
#include "tconv/Transforms/Passes.h.inc"
} // namespace mlir::tconv

using namespace mlir;

namespace {

constexpr int64_t kAlignment = 64;

/// The largest accepted max-static-bytes: static data beyond 2 GiB does not
/// link in x86-64's small code model (32-bit PC-relative relocations).
constexpr int64_t kMaxStaticBytesLimit = (int64_t(1) << 31) - 1;

/// Whether the bytes of a temporary of `type` can be a view into a scratch
/// buffer: identity layout, default memory space, numbers whose storage is
/// their width (so that byte offsets match the lowered views; not f80 nor
/// i24).
bool hasPlainStorage(MemRefType type) {
  Type element = type.getElementType();
  return type.getLayout().isIdentity() && !type.getMemorySpace() &&
         element.isIntOrFloat() && element.getIntOrFloatBitWidth() >= 8 &&
         llvm::isPowerOf2_32(element.getIntOrFloatBitWidth());
}

/// Whether a temporary of `type` can live in the scratch buffer at a fixed
/// offset: static and plain.
bool isGroupable(MemRefType type) {
  return type.hasStaticShape() && hasPlainStorage(type);
}

/// Whether a temporary of `type` can live in the scratch buffer at an
/// offset proportional to its one dynamic dim (a batch).
bool isGroupableDynamic(MemRefType type) {
  return type.getNumDynamicDims() == 1 && hasPlainStorage(type);
}

/// The largest size in bytes that the lowered code can address in `func`:
/// it computes byte sizes and offsets as index values.
int64_t getAddressableBytes(func::FuncOp func, const DataLayout &layout) {
  return llvm::maxIntN(
      layout.getTypeSizeInBits(IndexType::get(func.getContext()))
          .getFixedValue());
}

/// The size in bytes of a memref per unit of its dynamic dims (the whole
/// size of a static one), or std::nullopt when it is more than `limit`.
std::optional<int64_t> getByteSize(MemRefType type, const DataLayout &layout,
                                   int64_t limit) {
  std::optional<int64_t> bytes =
      layout.getTypeSize(type.getElementType()).getFixedValue();
  for (int64_t size : type.getShape())
    if (!ShapedType::isDynamic(size))
      bytes = bytes ? llvm::checkedMul(*bytes, size) : std::nullopt;
  if (bytes && *bytes > limit)
    return std::nullopt;
  return bytes;
}

/// Reports the first static allocation of `func` larger than `limit`. Only
/// elements the data layout can measure count: it aborts on others, such as
/// memrefs, which tconv's lowerings never allocate.
LogicalResult checkAddressable(func::FuncOp func, const DataLayout &layout,
                               int64_t limit) {
  WalkResult result = func.walk([&](Operation *op) {
    if (!isa<memref::AllocOp, memref::AllocaOp>(op))
      return WalkResult::advance();
    auto type = cast<MemRefType>(op->getResult(0).getType());
    if (!type.hasStaticShape() ||
        !isa<IntegerType, IndexType, FloatType, ComplexType, VectorType,
             DataLayoutTypeInterface>(type.getElementType()) ||
        getByteSize(type, layout, limit))
      return WalkResult::advance();
    op->emitError() << "a temporary buffer of type " << type
                    << " is larger than the " << limit
                    << " bytes the target can address";
    return WalkResult::interrupt();
  });
  return failure(result.wasInterrupted());
}

/// `buffer` and every value that may alias it: memref results of its users
/// and, for users that are terminators, of their parent ops (views, loops
/// carrying it, scf.if). Conservative: every memref result is followed.
SmallVector<Value> getAliases(Value buffer) {
  SmallVector<Value> aliases = {buffer};
  llvm::SmallPtrSet<Operation *, 16> visited;
  for (unsigned i = 0; i < aliases.size(); ++i) {
    for (Operation *user : aliases[i].getUsers()) {
      Operation *producer =
          user->hasTrait<OpTrait::IsTerminator>() ? user->getParentOp() : user;
      if (!visited.insert(producer).second)
        continue;
      for (Value result : producer->getResults())
        if (isa<BaseMemRefType>(result.getType()))
          aliases.push_back(result);
    }
  }
  return aliases;
}

/// Whether a buffer of `aliases` (getAliases) may be returned.
bool mayBeReturned(ArrayRef<Value> aliases) {
  return llvm::any_of(aliases, [](Value alias) {
    return llvm::any_of(alias.getUsers(), llvm::IsaPred<func::ReturnOp>);
  });
}

/// Where a temporary is live, as positions of ops in the function's entry
/// block: from its first use to its last one, through aliases and nested
/// regions. Before its first use its contents do not matter (the
/// allocations may all have been hoisted to the top).
struct LiveRange {
  unsigned first = 0, last = 0;
  /// The branch of an scf.if in the function body that holds every use,
  /// if any: the temporaries of its other branch are never live with it.
  Region *branch = nullptr;
  bool overlaps(const LiveRange &other) const {
    if (branch && other.branch && branch != other.branch &&
        branch->getParentOp() == other.branch->getParentOp())
      return false;
    return first <= other.last && other.first <= last;
  }
};

/// The live range of `alloc`, whose aliases (getAliases) are `aliases`.
LiveRange getLiveRange(memref::AllocOp alloc, ArrayRef<Value> aliases,
                       const llvm::DenseMap<Operation *, unsigned> &position) {
  Block *entry = alloc->getBlock();
  LiveRange range{~0u, 0};
  // The branch holding the uses so far; null once two differ.
  std::optional<Region *> branch;
  for (Value alias : aliases)
    for (Operation *user : alias.getUsers()) {
      Operation *ancestor = entry->findAncestorOpInBlock(*user);
      unsigned at = position.lookup(ancestor);
      range.first = std::min(range.first, at);
      range.last = std::max(range.last, at);
      Region *userBranch = nullptr;
      if (isa<scf::IfOp>(ancestor) && ancestor != user)
        for (Region &region : ancestor->getRegions())
          if (region.isAncestor(user->getParentRegion()))
            userBranch = &region;
      branch = !branch || *branch == userBranch ? userBranch : nullptr;
    }
  if (range.first > range.last) // Unused.
    range.first = range.last = position.lookup(alloc);
  range.branch = branch.value_or(nullptr);
  return range;
}

/// Temporaries placed in one scratch buffer at their byte offsets; two
/// share bytes only where their live ranges do not overlap.
struct Scratch {
  struct Placement {
    memref::AllocOp alloc;
    int64_t offset, bytes;
    LiveRange range;
  };
  SmallVector<Placement> temporaries;
  int64_t size = 0;

  /// Places `alloc` of `bytes`, live in `range`, at the lowest aligned
  /// offset clear of the temporaries live at the same time, unless the
  /// buffer would grow past `maxSize`.
  bool place(memref::AllocOp alloc, int64_t bytes, LiveRange range,
             int64_t maxSize) {
    SmallVector<std::pair<int64_t, int64_t>> taken;
    for (const Placement &other : temporaries)
      if (other.range.overlaps(range))
        taken.push_back({other.offset, other.offset + other.bytes});
    llvm::sort(taken);
    // Offsets and sizes are at most 2^63: no overflow in uint64_t.
    uint64_t offset = 0;
    for (auto [begin, end] : taken) {
      if (offset + bytes <= static_cast<uint64_t>(begin))
        break;
      offset = std::max<uint64_t>(offset, llvm::alignTo(end, kAlignment));
    }
    if (offset + bytes > static_cast<uint64_t>(maxSize))
      return false;
    temporaries.push_back({alloc, static_cast<int64_t>(offset), bytes, range});
    size = std::max<int64_t>(size, offset + bytes);
    return true;
  }
};

/// A dim of one of a function's arguments.
struct ArgumentDim {
  unsigned argument;
  int64_t dim;
  bool operator==(const ArgumentDim &other) const {
    return argument == other.argument && dim == other.dim;
  }
};

std::optional<ArgumentDim> getArgumentDim(Value memref, int64_t dim,
                                          Block *entry);

/// The argument dim whose size the index value `size` is, where it is a
/// `memref.dim` that resolves to one.
std::optional<ArgumentDim> getArgumentDimOfSize(OpFoldResult size,
                                                Block *entry) {
  auto value = dyn_cast<Value>(size);
  auto dimOp = value ? value.getDefiningOp<memref::DimOp>() : nullptr;
  std::optional<int64_t> index =
      dimOp ? dimOp.getConstantIndex() : std::nullopt;
  return index ? getArgumentDim(dimOp.getSource(), *index, entry)
               : std::nullopt;
}

/// The argument dim of `entry`'s function that dynamic dim `dim` of
/// `memref` always equals, followed through allocations, views and
/// reshapes (bufferization sizes a batch's buffers by `memref.dim`s of
/// each other).
std::optional<ArgumentDim> getArgumentDim(Value memref, int64_t dim,
                                          Block *entry) {
  auto type = dyn_cast<MemRefType>(memref.getType());
  if (!type || !type.isDynamicDim(dim))
    return std::nullopt;
  if (auto arg = dyn_cast<BlockArgument>(memref)) {
    if (arg.getOwner() != entry)
      return std::nullopt;
    return ArgumentDim{arg.getArgNumber(), dim};
  }
  Operation *def = memref.getDefiningOp();
  if (!def)
    return std::nullopt;
  auto dynamicSize = [&](ValueRange sizes) {
    return getArgumentDimOfSize(sizes[type.getDynamicDimIndex(dim)], entry);
  };
  if (auto alloc = dyn_cast<memref::AllocOp>(def))
    return dynamicSize(alloc.getDynamicSizes());
  if (auto view = dyn_cast<memref::ViewOp>(def))
    return dynamicSize(view.getSizes());
  if (auto cast = dyn_cast<memref::CastOp>(def))
    return getArgumentDim(cast.getSource(), dim, entry);
  if (auto expand = dyn_cast<memref::ExpandShapeOp>(def))
    return getArgumentDimOfSize(expand.getMixedOutputShape()[dim], entry);
  if (auto subview = dyn_cast<memref::SubViewOp>(def)) {
    if (subview.getSourceType().getRank() != type.getRank())
      return std::nullopt;
    return getArgumentDimOfSize(subview.getMixedSizes()[dim], entry);
  }
  if (auto collapse = dyn_cast<memref::CollapseShapeOp>(def)) {
    // The group's one dynamic dim, when the others are 1.
    MemRefType sourceType = collapse.getSrcType();
    SmallVector<ReassociationIndices> groups =
        collapse.getReassociationIndices();
    std::optional<int64_t> source;
    for (int64_t d : groups[dim]) {
      if (sourceType.isDynamicDim(d) && !source)
        source = d;
      else if (sourceType.getDimSize(d) != 1)
        return std::nullopt;
    }
    return source ? getArgumentDim(collapse.getSrc(), *source, entry)
                  : std::nullopt;
  }
  return std::nullopt;
}

/// A function's temporaries in their scratch buffers.
struct Temporaries {
  /// Static ones: up to max-static-bytes in the static buffer, the others
  /// in the heap one.
  Scratch staticScratch, heapScratch;
  /// Those with one dynamic dim equal to `unit`, an argument's dim (a
  /// batch): their bytes and offsets are per unit of its size.
  std::optional<ArgumentDim> unit;
  Scratch perUnit;
};

/// Moves the allocations of `func` that only scf.if branches hold (no loop
/// or thread body between them and the function's body), statically sized,
/// to the function's body before their outermost branch, where they are
/// grouped like the others: tconv-dispatch-narrow-weights computes an op two
/// ways, one per branch, whose temporaries were heap buffers of every call.
void hoistAllocationsFromBranches(func::FuncOp func) {
  Block &entry = func.getBody().front();
  SmallVector<std::pair<memref::AllocOp, Operation *>> moves;
  func.walk([&](memref::AllocOp alloc) {
    if (alloc->getBlock() == &entry || alloc->getNumOperands() != 0)
      return;
    Operation *branch = alloc->getParentOp();
    while (isa<scf::IfOp>(branch) && branch->getBlock() != &entry)
      branch = branch->getParentOp();
    if (isa<scf::IfOp>(branch))
      moves.push_back({alloc, branch});
  });
  for (auto [alloc, branch] : moves)
    alloc->moveBefore(branch);
}

/// The top-level temporaries of `func` (not returned), largest first: the
/// static ones that fit within `maxStaticBytes` in the static scratch
/// buffer, the other static ones in the heap one, and those sized by one
/// argument dim (the first such dim in program order) per unit of it.
/// Fails when a buffer would be larger than `limit`.
FailureOr<Temporaries> collectTemporaries(func::FuncOp func,
                                          const DataLayout &layout,
                                          int64_t maxStaticBytes,
                                          int64_t limit) {
  hoistAllocationsFromBranches(func);
  Block &entry = func.getBody().front();
  llvm::DenseMap<Operation *, unsigned> position;
  for (Operation &op : entry)
    position[&op] = position.size();
  struct Temporary {
    memref::AllocOp alloc;
    int64_t bytes;
    LiveRange range;
  };
  Temporaries result;
  SmallVector<Temporary> staticOnes, perUnitOnes;
  for (auto alloc : entry.getOps<memref::AllocOp>()) {
    MemRefType type = alloc.getType();
    bool isStatic = isGroupable(type);
    if (!isStatic && !isGroupableDynamic(type))
      continue;
    SmallVector<Value> aliases = getAliases(alloc);
    if (mayBeReturned(aliases))
      continue;
    // At most `limit` when static: checked before.
    std::optional<int64_t> bytes = getByteSize(type, layout, limit);
    if (!bytes)
      continue;
    Temporary temporary{alloc, *bytes, getLiveRange(alloc, aliases, position)};
    if (isStatic) {
      staticOnes.push_back(temporary);
      continue;
    }
    std::optional<ArgumentDim> unit =
        getArgumentDimOfSize(alloc.getDynamicSizes().front(), &entry);
    if (!unit || (result.unit && !(*unit == *result.unit)))
      continue;
    result.unit = unit;
    perUnitOnes.push_back(temporary);
  }
  // Largest first packs tighter; program order breaks ties, so that the
  // placement does not depend on the sort's stability.
  auto largestFirst = [&](const Temporary &a, const Temporary &b) {
    if (a.bytes != b.bytes)
      return a.bytes > b.bytes;
    return position.lookup(a.alloc) < position.lookup(b.alloc);
  };
  llvm::sort(staticOnes, largestFirst);
  llvm::sort(perUnitOnes, largestFirst);
  auto tooLarge = [&] {
    return emitError(func.getLoc())
           << "the temporaries of @" << func.getName() << " take more than the "
           << limit << " bytes the target can address";
  };
  for (const Temporary &t : staticOnes)
    if (!result.staticScratch.place(t.alloc, t.bytes, t.range,
                                    maxStaticBytes) &&
        !result.heapScratch.place(t.alloc, t.bytes, t.range, limit))
      return tooLarge();
  for (const Temporary &t : perUnitOnes)
    if (!result.perUnit.place(t.alloc, t.bytes, t.range, limit))
      return tooLarge();
  return result;
}

/// Replaces the temporaries of `scratch` by views into `buffer` at their
/// offsets or, with `unit` (an index value: the size of the dim their bytes
/// and offsets are per unit of), at `base` plus `unit` times their offsets.
void replaceByViews(OpBuilder &b, Value buffer, const Scratch &scratch,
                    Value unit = {}, int64_t base = 0) {
  for (Scratch::Placement t : scratch.temporaries) {
    b.setInsertionPoint(t.alloc);
    Location loc = t.alloc.getLoc();
    Value byteShift = arith::ConstantIndexOp::create(b, loc, t.offset);
    if (unit)
      byteShift = arith::AddIOp::create(
          b, loc, arith::ConstantIndexOp::create(b, loc, base),
          arith::MulIOp::create(b, loc, unit, byteShift));
    Value view = memref::ViewOp::create(b, loc, t.alloc.getType(), buffer,
                                        byteShift, t.alloc.getDynamicSizes());
    t.alloc.replaceAllUsesWith(view);
    t.alloc.erase();
  }
}

/// The size of `unit`'s dim at the start of `func`.
Value createUnitSize(OpBuilder &b, func::FuncOp func, ArgumentDim unit) {
  Block &entry = func.getBody().front();
  b.setInsertionPointToStart(&entry);
  return memref::DimOp::create(b, func.getLoc(),
                               entry.getArgument(unit.argument), unit.dim);
}

/// One heap buffer per call, `unit` times `perUnit`'s size, for its
/// temporaries, allocated at the start of `func`.
void useHeapScratchPerUnit(func::FuncOp func, ArgumentDim unit,
                           const Scratch &perUnit) {
  OpBuilder b(func.getContext());
  Location loc = func.getLoc();
  Value unitSize = createUnitSize(b, func, unit);
  Value bytes = arith::MulIOp::create(
      b, loc, unitSize, arith::ConstantIndexOp::create(b, loc, perUnit.size));
  Value heap = memref::AllocOp::create(
      b, loc, MemRefType::get({ShapedType::kDynamic}, b.getI8Type()),
      ValueRange{bytes}, b.getI64IntegerAttr(kAlignment));
  replaceByViews(b, heap, perUnit, unitSize);
}

/// One heap buffer per call for the temporaries of `scratch`, allocated
/// where the first of them in program order was: one malloc instead of
/// several, and glibc reuses a single freed block of up to 32 MiB without
/// returning it to the OS. Buffer deallocation frees it before returning.
void useHeapScratch(const Scratch &scratch) {
  memref::AllocOp first = scratch.temporaries.front().alloc;
  for (Scratch::Placement t : scratch.temporaries)
    if (t.alloc->isBeforeInBlock(first))
      first = t.alloc;
  OpBuilder b(first);
  Value heap = memref::AllocOp::create(
      b, first.getLoc(), MemRefType::get({scratch.size}, b.getI8Type()),
      b.getI64IntegerAttr(kAlignment));
  replaceByViews(b, heap, scratch);
}

/// The functions of `module` with bodies, each after the functions it
/// calls; fails on recursion, which a caller-owned scratch buffer cannot
/// size.
FailureOr<SmallVector<func::FuncOp>> getCalleesFirst(ModuleOp module,
                                                     SymbolTable &symbols) {
  SmallVector<func::FuncOp> order;
  llvm::DenseSet<Operation *> done, active;
  std::function<LogicalResult(func::FuncOp)> visit =
      [&](func::FuncOp func) -> LogicalResult {
    if (done.contains(func))
      return success();
    if (!active.insert(func).second)
      return func.emitError()
             << "caller-scratch: @" << func.getName() << " is recursive";
    WalkResult result = func.walk([&](func::CallOp call) {
      auto callee = symbols.lookup<func::FuncOp>(call.getCallee());
      if (callee && !callee.isExternal() && failed(visit(callee)))
        return WalkResult::interrupt();
      return WalkResult::advance();
    });
    if (result.wasInterrupted())
      return failure();
    active.erase(func);
    done.insert(func);
    order.push_back(func);
    return success();
  };
  for (auto func : module.getOps<func::FuncOp>())
    if (!func.isExternal() && failed(visit(func)))
      return failure();
  return order;
}

/// Whether `func` runs once (weight packing): a static buffer would keep its
/// temporaries resident for nothing after that call.
bool runsOnce(func::FuncOp func) {
  return func->hasAttr(tconv::TConvDialect::kRunsOnceAttrName);
}

struct GroupStaticAllocationsPass
    : public tconv::impl::GroupStaticAllocationsBase<
          GroupStaticAllocationsPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (callerScratch)
      return useCallerScratch(module);
    if (maxStaticBytes < 0 || maxStaticBytes > kMaxStaticBytesLimit) {
      emitError(module.getLoc())
          << "tconv-group-static-allocations: max-static-bytes must be "
             "between 0 and "
          << kMaxStaticBytesLimit << ", got " << maxStaticBytes;
      return signalPassFailure();
    }
    SymbolTable symbols(module);
    for (auto func : llvm::to_vector(module.getOps<func::FuncOp>())) {
      if (func.isExternal())
        continue;
      DataLayout layout = DataLayout::closest(func);
      int64_t limit = getAddressableBytes(func, layout);
      if (failed(checkAddressable(func, layout, limit)))
        return signalPassFailure();
      if (!func.getBody().hasOneBlock())
        continue;
      FailureOr<Temporaries> temporaries = collectTemporaries(
          func, layout, runsOnce(func) ? 0 : maxStaticBytes, limit);
      if (failed(temporaries))
        return signalPassFailure();
      if (!temporaries->staticScratch.temporaries.empty())
        useStaticScratch(func, temporaries->staticScratch, symbols);
      if (!temporaries->heapScratch.temporaries.empty())
        useHeapScratch(temporaries->heapScratch);
      if (temporaries->unit)
        useHeapScratchPerUnit(func, *temporaries->unit, temporaries->perUnit);
    }
  }

  /// Every function's static temporaries in a buffer its caller passes.
  void useCallerScratch(ModuleOp module) {
    SymbolTable symbols(module);
    FailureOr<SmallVector<func::FuncOp>> order =
        getCalleesFirst(module, symbols);
    if (failed(order))
      return signalPassFailure();
    OpBuilder b(module.getContext());
    auto bytesAttr =
        b.getStringAttr(tconv::TConvDialect::kScratchBytesAttrName);
    for (func::FuncOp func : *order) {
      if (!func.getBody().hasOneBlock()) {
        func.emitError() << "caller-scratch: @" << func.getName()
                         << " has more than one block";
        return signalPassFailure();
      }
      // Callees take their buffer from this function's temporaries.
      func.walk([&](func::CallOp call) {
        auto callee = symbols.lookup<func::FuncOp>(call.getCallee());
        auto bytes = callee ? callee->getAttrOfType<IntegerAttr>(bytesAttr)
                            : IntegerAttr();
        if (!bytes)
          return;
        b.setInsertionPoint(call);
        Value buffer = memref::AllocOp::create(
            b, call.getLoc(), MemRefType::get({bytes.getInt()}, b.getI8Type()),
            b.getI64IntegerAttr(kAlignment));
        call->insertOperands(call->getNumOperands(), buffer);
      });
      DataLayout layout = DataLayout::closest(func);
      int64_t limit = getAddressableBytes(func, layout);
      if (failed(checkAddressable(func, layout, limit)))
        return signalPassFailure();
      FailureOr<Temporaries> temporaries =
          collectTemporaries(func, layout, limit, limit);
      if (failed(temporaries))
        return signalPassFailure();
      const Scratch &all = temporaries->staticScratch;
      // A callee's buffer is sized at its call sites, statically: its
      // temporaries sized by a batch take one heap buffer per call.
      std::optional<ArgumentDim> unit = temporaries->unit;
      if (unit && !SymbolTable::symbolKnownUseEmpty(func, module)) {
        useHeapScratchPerUnit(func, *unit, temporaries->perUnit);
        unit.reset();
      }
      // The batch-sized part starts after the static one.
      int64_t staticBytes =
          unit ? llvm::alignTo(all.size, kAlignment) : all.size;
      auto type = MemRefType::get({unit ? ShapedType::kDynamic : all.size},
                                  b.getI8Type());
      if (failed(func.insertArgument(func.getNumArguments(), type,
                                     /*argAttrs=*/{}, func.getLoc())))
        return signalPassFailure();
      Value buffer = func.getArguments().back();
      replaceByViews(b, buffer, all);
      func->setAttr(bytesAttr, b.getI64IntegerAttr(staticBytes));
      if (!unit)
        continue;
      replaceByViews(b, buffer, temporaries->perUnit,
                     createUnitSize(b, func, *unit), staticBytes);
      func->setAttr(tconv::TConvDialect::kScratchBytesPerDimAttrName,
                    b.getI64IntegerAttr(temporaries->perUnit.size));
      func->setAttr(tconv::TConvDialect::kScratchDimAttrName,
                    b.getDenseI64ArrayAttr(
                        {static_cast<int64_t>(unit->argument), unit->dim}));
    }
  }

  /// The function's static buffer for the temporaries of `scratch`, claimed
  /// for the call (a heap buffer when another call holds it).
  void useStaticScratch(func::FuncOp func, const Scratch &scratch,
                        SymbolTable &symbols) {
    Location loc = func.getLoc();
    OpBuilder b(func);
    auto bufferType = MemRefType::get({scratch.size}, b.getI8Type());
    auto flagType = MemRefType::get({1}, b.getI32Type());
    // Zero-initialised rather than uninitialised: both land in .bss, but an
    // uninitialised LLVM global is `undef`, which optimizers may exploit.
    auto buffer = memref::GlobalOp::create(
        b, loc, ("__tconv_scratch_" + func.getName()).str(),
        b.getStringAttr("private"), bufferType,
        DenseElementsAttr::get(
            RankedTensorType::get({scratch.size}, b.getI8Type()),
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
    // For tconv-aot's header.
    func->setAttr(tconv::TConvDialect::kStaticScratchBytesAttrName,
                  b.getI64IntegerAttr(scratch.size));

    // Claim the static buffer, or allocate when another call holds it.
    Block &body = func.getBody().front();
    b.setInsertionPointToStart(&body);
    Value index0 = arith::ConstantIndexOp::create(b, loc, 0);
    Value zero = arith::ConstantIntOp::create(b, loc, 0, 32);
    Value one = arith::ConstantIntOp::create(b, loc, 1, 32);
    Value flag =
        memref::GetGlobalOp::create(b, loc, flagType, busy.getSymName());
    Value previous = memref::AtomicRMWOp::create(
        b, loc, arith::AtomicRMWKind::assign, one, flag, ValueRange{index0});
    Value claimed =
        arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, previous, zero);
    auto choose = scf::IfOp::create(
        b, loc, claimed,
        [&](OpBuilder &then, Location l) {
          Value global = memref::GetGlobalOp::create(then, l, bufferType,
                                                     buffer.getSymName());
          scf::YieldOp::create(then, l, global);
        },
        [&](OpBuilder &otherwise, Location l) {
          Value heap =
              memref::AllocOp::create(otherwise, l, bufferType,
                                      otherwise.getI64IntegerAttr(kAlignment));
          scf::YieldOp::create(otherwise, l, heap);
        });
    replaceByViews(b, choose.getResult(0), scratch);

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
