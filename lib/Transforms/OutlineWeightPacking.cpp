//===- OutlineWeightPacking.cpp - Split weight rearrangement off ----------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// The lowering of a transposed convolution rearranges its weight on every
// call (transpose to the compute layout, kernel flip, per-phase tap
// selection): megabytes of copying for the large layers. Weights are fixed
// for a deployed model, so this pass splits that work into `@F_pack`, run
// once, and `@F_packed`, which reads the rearranged weights from its
// argument; `@F` calls both.
//
//===----------------------------------------------------------------------===//

#include "tconv/Dialect/TConv/IR/TConvDialect.h"
#include "tconv/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tensor/Utils/Utils.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Transforms/CSE.h"
#include "mlir/Transforms/RegionUtils.h"

#include "llvm/ADT/SetVector.h"
#include "llvm/Support/CheckedArithmetic.h"
#include "llvm/Support/MathExtras.h"

namespace mlir::tconv {
#define GEN_PASS_DEF_OUTLINEWEIGHTPACKING
#include "tconv/Transforms/Passes.h.inc"
} // namespace mlir::tconv

using namespace mlir;

namespace {

constexpr StringLiteral kPackAttrName = tconv::TConvDialect::kPackAttrName;
/// Each packed value starts at a multiple of this many bytes of the flat
/// tensor, so its rows stay as aligned as a buffer of its own.
constexpr int64_t kPackAlignmentBytes = 64;

/// What depends on the marked arguments of a function alone.
struct PackingSlice {
  SmallVector<BlockArgument> markedArgs;
  /// In block order: the operand-free ops the moved ops use (copied) and the
  /// moved ops.
  llvm::SetVector<Operation *> ops;
  /// Marked arguments and results of moved ops that the rest of the function
  /// uses: the contents of the flat tensor, in this order.
  SmallVector<Value> packedValues;
};

bool isOperandFreeProducer(Operation *op) {
  return op && op->getNumOperands() == 0 && op->getNumRegions() == 0 &&
         op->getNumResults() > 0 && isMemoryEffectFree(op);
}

/// A bias broadcast to a convolution's whole output (its init) is as cheap
/// to compute per call as to copy out of the packed tensor, where it would
/// take an activation's size per layer: a parallel linalg op none of whose
/// operands depends on all the dims it iterates over (a weight scaled per
/// channel has one operand that does; so does a grouped weight split into
/// groups, whose (group, channel) dims index one dim of it).
bool isBroadcast(Operation *op) {
  auto linalgOp = dyn_cast<linalg::LinalgOp>(op);
  if (!linalgOp || linalgOp.getNumParallelLoops() != linalgOp.getNumLoops() ||
      linalgOp.getNumDpsInputs() == 0)
    return false;
  return llvm::all_of(linalgOp.getDpsInputOperands(), [&](OpOperand *input) {
    AffineMap map = linalgOp.getMatchingIndexingMap(input);
    return llvm::any_of(llvm::seq(linalgOp.getNumLoops()), [&](unsigned dim) {
      return !map.isFunctionOfDim(dim);
    });
  });
}

/// Builds the slice of a function: scanning its entry block in order, an
/// op moves when it has no memory effects, returns only tensors, is not a
/// broadcast, uses at least one marked argument or moved result, and
/// otherwise only operand-free producers of its block or the entry block.
class SliceBuilder {
public:
  explicit SliceBuilder(func::FuncOp func) : entry(func.getBody().front()) {
    for (BlockArgument arg : func.getArguments())
      if (func.getArgAttr(arg.getArgNumber(), kPackAttrName)) {
        slice.markedArgs.push_back(arg);
        known.insert(arg);
      }
  }

  /// Adds `op` and its producers to the slice if it moves; returns the
  /// producers, or nothing if it does not move.
  std::optional<SmallVector<Operation *>> addIfMoves(Operation &op) {
    // Only tensor work moves; scalars read out of weights stay, and so do
    // broadcasts.
    if (op.getNumResults() == 0 || !isMemoryEffectFree(&op) ||
        !llvm::all_of(op.getResultTypes(), llvm::IsaPred<RankedTensorType>) ||
        isBroadcast(&op))
      return std::nullopt;
    llvm::SetVector<Value> used(op.operand_begin(), op.operand_end());
    getUsedValuesDefinedAbove(op.getRegions(), used);
    bool usesPacked = false;
    SmallVector<Operation *> producers;
    bool movable = llvm::all_of(used, [&](Value value) {
      if (known.contains(value)) {
        usesPacked = true;
        return true;
      }
      Operation *def = value.getDefiningOp();
      if (!isOperandFreeProducer(def) ||
          (def->getBlock() != op.getBlock() && def->getBlock() != &entry))
        return false;
      producers.push_back(def);
      return true;
    });
    if (!movable || !usesPacked)
      return std::nullopt;
    slice.ops.insert(producers.begin(), producers.end());
    slice.ops.insert(&op);
    moved.insert(&op);
    known.insert(op.result_begin(), op.result_end());
    return producers;
  }

  PackingSlice finish();

private:
  Block &entry;
  PackingSlice slice;
  llvm::DenseSet<Value> known;
  llvm::DenseSet<Operation *> moved;
};

/// Hoists the ops of the `scf.if` branches in `func`'s entry block that
/// would move if they were in it (tconv-dispatch-narrow-weights computes a
/// convolution two ways, each rearranging its weights) above their
/// `scf.if`, with their producers. Returns whether any moved.
bool hoistPackingFromBranches(func::FuncOp func) {
  SliceBuilder builder(func);
  bool hoisted = false;
  for (Operation &op : func.getBody().front().without_terminator()) {
    auto branches = dyn_cast<scf::IfOp>(op);
    if (!branches) {
      builder.addIfMoves(op);
      continue;
    }
    for (Region &branch : branches->getRegions()) {
      if (branch.empty())
        continue;
      for (Operation &inner :
           llvm::make_early_inc_range(branch.front().without_terminator())) {
        std::optional<SmallVector<Operation *>> producers =
            builder.addIfMoves(inner);
        if (!producers)
          continue;
        for (Operation *producer : *producers)
          if (producer->getBlock() != op.getBlock())
            producer->moveBefore(branches);
        inner.moveBefore(branches);
        hoisted = true;
      }
    }
  }
  return hoisted;
}

/// The slice of `func`.
PackingSlice getPackingSlice(func::FuncOp func) {
  SliceBuilder builder(func);
  for (Operation &op : func.getBody().front().without_terminator())
    builder.addIfMoves(op);
  return builder.finish();
}

PackingSlice SliceBuilder::finish() {
  // Into block order: a producer was added when first used, possibly after
  // ops that come after it in the block.
  SmallVector<Operation *> ordered = slice.ops.takeVector();
  llvm::sort(ordered,
             [](Operation *a, Operation *b) { return a->isBeforeInBlock(b); });
  slice.ops.insert(ordered.begin(), ordered.end());

  auto usedOutside = [&](Value value) {
    return llvm::any_of(value.getUses(), [&](OpOperand &use) {
      return !moved.contains(entry.findAncestorOpInBlock(*use.getOwner()));
    });
  };
  for (BlockArgument arg : slice.markedArgs)
    if (usedOutside(arg))
      slice.packedValues.push_back(arg);
  for (Operation *op : ordered)
    if (moved.contains(op))
      for (Value result : op->getResults())
        if (usedOutside(result))
          slice.packedValues.push_back(result);
  return std::move(slice);
}

/// Where each packed value sits in the flat tensor.
struct FlatLayout {
  Type elementType;
  SmallVector<int64_t> offsets, sizes;
  int64_t totalSize = 0;
};

FailureOr<FlatLayout> getFlatLayout(func::FuncOp func,
                                    const PackingSlice &slice) {
  ArrayRef<Value> values = slice.packedValues;
  FlatLayout layout;
  for (Value value : values) {
    auto type = dyn_cast<RankedTensorType>(value.getType());
    if (!type || !type.hasStaticShape() || type.getRank() == 0)
      return func.emitError()
             << "cannot pack weights of @" << func.getName()
             << ": a rearranged value is not a statically shaped tensor of "
                "rank 1 or more: "
             << value.getType();
    if (!layout.elementType)
      layout.elementType = type.getElementType();
    if (type.getElementType() != layout.elementType ||
        !layout.elementType.isIntOrFloat() ||
        kPackAlignmentBytes * 8 % layout.elementType.getIntOrFloatBitWidth())
      return func.emitError()
             << "cannot pack weights of @" << func.getName()
             << ": rearranged values of element types " << layout.elementType
             << " and " << type.getElementType();
    int64_t alignment =
        kPackAlignmentBytes * 8 / layout.elementType.getIntOrFloatBitWidth();
    int64_t size = type.getNumElements();
    std::optional<int64_t> end = llvm::checkedAdd<int64_t>(
        layout.totalSize, llvm::alignTo(size, alignment));
    if (!end || *end > (int64_t(1) << 40))
      return func.emitError() << "cannot pack weights of @" << func.getName()
                              << ": the packed tensor is too large";
    layout.offsets.push_back(layout.totalSize);
    layout.sizes.push_back(size);
    layout.totalSize = *end;
  }
  // Nothing to pack (e.g. every contribution of the weight is cropped): an
  // empty flat tensor of the first marked argument's element type.
  if (!layout.elementType)
    layout.elementType =
        getElementTypeOrSelf(slice.markedArgs.front().getType());
  return layout;
}

SmallVector<ReassociationIndices> getFlatteningReassociation(int64_t rank) {
  ReassociationIndices all;
  for (int64_t d = 0; d < rank; ++d)
    all.push_back(d);
  return {all};
}

/// Builds `@<F>_pack`: the slice, then each packed value flattened, padded
/// with zeros to its aligned size and concatenated.
func::FuncOp buildPackFunction(func::FuncOp func, const PackingSlice &slice,
                               const FlatLayout &layout, StringRef name) {
  OpBuilder b(func);
  b.setInsertionPointAfter(func);
  Location loc = func.getLoc();
  SmallVector<Type> argTypes;
  SmallVector<DictionaryAttr> argAttrs;
  for (BlockArgument arg : slice.markedArgs) {
    argTypes.push_back(arg.getType());
    argAttrs.push_back(func.getArgAttrDict(arg.getArgNumber()));
  }
  auto flatType = RankedTensorType::get({layout.totalSize}, layout.elementType);
  auto pack =
      func::FuncOp::create(b, loc, name, b.getFunctionType(argTypes, flatType));
  pack.setVisibility(func.getVisibility());
  // It runs once per set of weights: LLVM's unrolling and vectorization of
  // its copies took most of the compile time of grouped layers (2.6 of 5
  // seconds for 16 blocked filters) and saved little of a one-time cost.
  pack->setAttr("passthrough", b.getArrayAttr({b.getStringAttr("optsize")}));
  pack->setAttr(tconv::TConvDialect::kRunsOnceAttrName, b.getUnitAttr());
  pack.setAllArgAttrs(argAttrs);
  for (unsigned i = 0, e = pack.getNumArguments(); i < e; ++i)
    pack.removeArgAttr(i, kPackAttrName);

  IRMapping mapping;
  Block *body = pack.addEntryBlock();
  for (auto [from, to] : llvm::zip(slice.markedArgs, body->getArguments()))
    mapping.map(from, to);
  b.setInsertionPointToStart(body);
  for (Operation *op : slice.ops)
    b.clone(*op, mapping);

  Value zero;
  SmallVector<Value> pieces;
  for (auto [i, value] : llvm::enumerate(slice.packedValues)) {
    Value piece = mapping.lookup(value);
    auto type = cast<RankedTensorType>(piece.getType());
    if (type.getRank() != 1)
      piece = tensor::CollapseShapeOp::create(
          b, loc, piece, getFlatteningReassociation(type.getRank()));
    int64_t end = i + 1 < layout.offsets.size() ? layout.offsets[i + 1]
                                                : layout.totalSize;
    if (end - layout.offsets[i] != layout.sizes[i]) {
      if (!zero)
        zero = arith::ConstantOp::create(b, loc, layout.elementType,
                                         b.getZeroAttr(layout.elementType));
      piece = tensor::createPadHighOp(
          RankedTensorType::get({end - layout.offsets[i]}, layout.elementType),
          piece, zero, /*nofold=*/false, loc, b);
    }
    pieces.push_back(piece);
  }
  Value flat;
  if (pieces.empty())
    flat = tensor::EmptyOp::create(b, loc, ArrayRef<int64_t>{0},
                                   layout.elementType);
  else if (pieces.size() == 1)
    flat = pieces.front();
  else
    flat = tensor::ConcatOp::create(b, loc, /*dim=*/0, pieces);
  func::ReturnOp::create(b, loc, flat);
  return pack;
}

/// Builds `@<F>_packed` after `pack`: a copy of `func` that takes the flat
/// tensor in place of the marked arguments and views the packed values in
/// it.
FailureOr<func::FuncOp> buildPackedFunction(func::FuncOp func,
                                            const PackingSlice &funcSlice,
                                            func::FuncOp pack,
                                            const FlatLayout &layout,
                                            StringRef name) {
  IRMapping mapping;
  auto packed = cast<func::FuncOp>(func->clone(mapping));
  packed.setName(name);
  OpBuilder after(pack);
  after.setInsertionPointAfter(pack);
  after.insert(packed);
  // The copy's slice: the original's, through the mapping of the clone.
  PackingSlice slice;
  for (BlockArgument arg : funcSlice.markedArgs)
    slice.markedArgs.push_back(cast<BlockArgument>(mapping.lookup(arg)));
  for (Operation *op : funcSlice.ops)
    slice.ops.insert(mapping.lookup(op));
  for (Value value : funcSlice.packedValues)
    slice.packedValues.push_back(mapping.lookup(value));
  Location loc = func.getLoc();
  unsigned position = slice.markedArgs.front().getArgNumber();
  auto flatType = RankedTensorType::get({layout.totalSize}, layout.elementType);
  DictionaryAttr attrs = packed.getArgAttrDict(position);
  if (failed(packed.insertArgument(position, flatType, attrs, loc)))
    return packed.emitError() << "cannot add the packed argument";
  packed.removeArgAttr(position, kPackAttrName);
  Value flat = packed.getArgument(position);

  Block *entry = &packed.getBody().front();
  auto b = OpBuilder::atBlockBegin(entry);
  for (auto [i, value] : llvm::enumerate(slice.packedValues)) {
    auto type = cast<RankedTensorType>(value.getType());
    Value view = tensor::ExtractSliceOp::create(
        b, loc, flat, ArrayRef<OpFoldResult>{b.getIndexAttr(layout.offsets[i])},
        ArrayRef<OpFoldResult>{b.getIndexAttr(layout.sizes[i])},
        ArrayRef<OpFoldResult>{b.getIndexAttr(1)});
    if (type.getRank() != 1)
      view = tensor::ExpandShapeOp::create(
          b, loc, type, view, getFlatteningReassociation(type.getRank()));
    value.replaceUsesWithIf(view, [&](OpOperand &use) {
      Operation *user = entry->findAncestorOpInBlock(*use.getOwner());
      return !slice.ops.contains(user);
    });
  }
  // Nothing else uses the slice now; users come after their producers.
  for (Operation *op : llvm::reverse(slice.ops))
    if (op->use_empty())
      op->erase();
  llvm::BitVector erased(packed.getNumArguments());
  for (BlockArgument arg : slice.markedArgs)
    erased.set(arg.getArgNumber());
  if (failed(packed.eraseArguments(erased)))
    return packed.emitError() << "cannot remove the packed arguments";
  return packed;
}

/// Replaces the body of `func` by a call of `pack` on its marked arguments
/// and one of `packed` on that call's result and the other arguments, so
/// that the rearrangement and the rest are compiled once, not twice.
void forwardToPackingFunctions(func::FuncOp func, const PackingSlice &slice,
                               func::FuncOp pack, func::FuncOp packed) {
  Block &entry = func.getBody().front();
  entry.clear();
  auto b = OpBuilder::atBlockEnd(&entry);
  Location loc = func.getLoc();
  SmallVector<Value> weights(slice.markedArgs.begin(), slice.markedArgs.end());
  Value flat = func::CallOp::create(b, loc, pack, weights).getResult(0);
  unsigned position = slice.markedArgs.front().getArgNumber();
  SmallVector<Value> args;
  for (BlockArgument arg : entry.getArguments()) {
    if (arg.getArgNumber() == position)
      args.push_back(flat);
    if (!llvm::is_contained(slice.markedArgs, arg))
      args.push_back(arg);
  }
  func::ReturnOp::create(
      b, loc, func::CallOp::create(b, loc, packed, args).getResults());
}

struct OutlineWeightPackingPass
    : tconv::impl::OutlineWeightPackingBase<OutlineWeightPackingPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SymbolTable symbols(module);
    SmallVector<func::FuncOp> funcs(module.getOps<func::FuncOp>());
    for (func::FuncOp func : funcs) {
      if (func.isExternal() ||
          llvm::none_of(func.getArguments(), [&](BlockArgument arg) {
            return func.getArgAttr(arg.getArgNumber(), kPackAttrName);
          }))
        continue;
      if (failed(outline(func, symbols)))
        return signalPassFailure();
    }
  }

  LogicalResult outline(func::FuncOp func, SymbolTable &symbols) {
    if (!func.getBody().hasOneBlock())
      return func.emitError() << "cannot pack weights of @" << func.getName()
                              << ": its body has more than one block";
    std::string packName =
        (func.getName() + tconv::TConvDialect::kPackFunctionSuffix).str();
    std::string packedName =
        (func.getName() + tconv::TConvDialect::kPackedFunctionSuffix).str();
    for (StringRef name : {packName, packedName})
      if (Operation *clash = symbols.lookup(name))
        return clash->emitError()
               << "symbol @" << name << " is reserved for packing the "
               << "weights of @" << func.getName();
    // Both ways of computing a convolution rearrange its weights alike.
    if (hoistPackingFromBranches(func)) {
      IRRewriter rewriter(func.getContext());
      DominanceInfo dominance(func);
      eliminateCommonSubExpressions(rewriter, dominance, func);
    }
    PackingSlice slice = getPackingSlice(func);
    FailureOr<FlatLayout> layout = getFlatLayout(func, slice);
    if (failed(layout))
      return failure();
    func::FuncOp pack = buildPackFunction(func, slice, *layout, packName);
    symbols.insert(pack);
    FailureOr<func::FuncOp> packed =
        buildPackedFunction(func, slice, pack, *layout, packedName);
    if (failed(packed))
      return failure();
    symbols.insert(*packed);
    forwardToPackingFunctions(func, slice, pack, *packed);
    for (BlockArgument arg : slice.markedArgs)
      func.removeArgAttr(arg.getArgNumber(), kPackAttrName);
    return success();
  }
};

} // namespace
