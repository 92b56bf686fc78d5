//===- ConcatIntoSlices.cpp - Concatenated tensors computed in place ------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// Bufferized as it is, tensor.concat allocates its result and copies every
// input into it: a U-Net's skip concatenation reads and writes the output of
// the transposed convolution before it once more. Upstream's empty tensor
// elimination would let the producers write into the slices, but it follows
// no reshape (UPSTREAM(LLVM 22): EmptyTensorElimination sets
// followSameTypeOrCastsOnly), and the channels-first transpose after a
// convolution writes collapsed pixels that an expand_shape restores. This
// pattern runs on tensors before tiling, finds the tensor.empty each input's
// buffer starts from and makes it a slice of the result.
//
//===----------------------------------------------------------------------===//

#include "tconv/Transforms/Passes.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Dominance.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/DestinationStyleOpInterface.h"
#include "mlir/Interfaces/LoopLikeInterface.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::tconv {
#define GEN_PASS_DEF_CONCATINTOSLICES
#include "tconv/Transforms/Passes.h.inc"
} // namespace mlir::tconv

using namespace mlir;

namespace {

/// Where the buffer of a value starts: the use of a tensor.empty, as an
/// init (of destination-style ops, loops) or the source of a reshape, that
/// the value is a later version of, and the reshapes on the way, from the
/// value back.
struct EmptyOrigin {
  OpOperand *emptyUse;
  SmallVector<Operation *> reshapes;
};

static FailureOr<EmptyOrigin> findEmptyOrigin(Value value) {
  EmptyOrigin origin;
  OpOperand *use = nullptr;
  while (true) {
    Operation *op = value.getDefiningOp();
    if (!op)
      return failure();
    if (isa<tensor::EmptyOp>(op)) {
      if (!use)
        return failure();
      origin.emptyUse = use;
      return origin;
    }
    if (isa<tensor::ExpandShapeOp, tensor::CollapseShapeOp>(op)) {
      // Undoing a collapse takes the sizes it collapsed.
      auto collapse = dyn_cast<tensor::CollapseShapeOp>(op);
      if (collapse && !collapse.getSrcType().hasStaticShape())
        return failure();
      origin.reshapes.push_back(op);
      use = &op->getOpOperand(0);
    } else if (auto dps = dyn_cast<DestinationStyleOpInterface>(op)) {
      use = dps.getTiedOpOperand(cast<OpResult>(value));
    } else if (auto loop = dyn_cast<LoopLikeOpInterface>(op);
               loop && loop.getLoopResults()) {
      use = &loop.getInitsMutable()[cast<OpResult>(value).getResultNumber()];
    } else {
      return failure();
    }
    value = use->get();
  }
}

/// `slice` reshaped as `origin`'s reshapes undo, from the concatenation's
/// side back to the tensor.empty's.
static Value reshapeToOrigin(OpBuilder &builder, Location loc, Value slice,
                             const EmptyOrigin &origin) {
  for (Operation *reshape : origin.reshapes) {
    if (auto expand = dyn_cast<tensor::ExpandShapeOp>(reshape)) {
      slice = tensor::CollapseShapeOp::create(builder, loc, slice,
                                              expand.getReassociationIndices());
      continue;
    }
    auto collapse = cast<tensor::CollapseShapeOp>(reshape);
    slice = tensor::ExpandShapeOp::create(builder, loc, collapse.getSrcType(),
                                          slice,
                                          collapse.getReassociationIndices());
  }
  return slice;
}

/// An input of a concatenation: its slice (offset and size along the
/// concatenated dim), the op of the concatenation's block after which it is
/// inserted (null: first), and the tensor.empty its buffer starts from, if
/// any, with the op of the block that holds that use.
struct ConcatInput {
  Value value;
  unsigned operandNumber;
  int64_t offset, size;
  Operation *insertAfter = nullptr;
  std::optional<EmptyOrigin> origin;
  Operation *originOwner = nullptr;
};

/// The last op of `concat`'s block, before `concat`, that defines or uses
/// `value` (or contains one that does); null if there is none.
static Operation *getLastDefOrUse(Value value, tensor::ConcatOp concat) {
  Block *block = concat->getBlock();
  Operation *last = nullptr;
  auto consider = [&](Operation *op) {
    Operation *ancestor = block->findAncestorOpInBlock(*op);
    if (ancestor && ancestor->isBeforeInBlock(concat) &&
        (!last || last->isBeforeInBlock(ancestor)))
      last = ancestor;
  };
  if (Operation *definition = value.getDefiningOp())
    consider(definition);
  for (Operation *user : value.getUsers())
    consider(user);
  return last;
}

/// concat(x_1, ..., x_n) becomes insert_slices of the x_k into a
/// tensor.empty of the result, and each x_k that starts from a tensor.empty
/// (through destination-style inits, loops and reshapes) starts from its
/// slice of the result instead:
///   %e = tensor.empty()
///   %y = linalg.generic outs(%e)
///   %c = tensor.concat %y, %skip
/// becomes
///   %r = tensor.empty()
///   %s = tensor.extract_slice %r[k]
///   %y = linalg.generic outs(%s)
///   %i = tensor.insert_slice %y into %r[k]
///   %c = tensor.insert_slice %skip into %i
/// Each x_k is inserted after its last use (its definition if the concat is
/// its only use), in that order, and takes its slice from the insertion
/// before: then the slice taken and the slice inserted are the same subset
/// of the same tensor, and One-Shot Bufferize computes x_k in place. Taken
/// from %r, x_k would be read after other insertions wrote to %r; inserted
/// before a read of x_k (a U-Net's skip also feeds the next encoder), the
/// insertion would write to x_k's buffer before that read. Either way x_k
/// would be copied. Inputs with no such origin (arguments) are copied.
struct ConcatIntoSlicesPattern : public OpRewritePattern<tensor::ConcatOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(tensor::ConcatOp concat,
                                PatternRewriter &rewriter) const override {
    RankedTensorType resultType = concat.getResultType();
    int64_t dim = concat.getDim();
    if (resultType.isDynamicDim(dim))
      return rewriter.notifyMatchFailure(concat, "dynamic concatenated size");
    Block *block = concat->getBlock();

    // The result is created before every init it replaces.
    SmallVector<ConcatInput> inputs;
    Operation *first = concat;
    int64_t offset = 0;
    for (OpOperand &operand : concat->getOpOperands()) {
      Value value = operand.get();
      ConcatInput &input = inputs.emplace_back();
      input.value = value;
      input.operandNumber = operand.getOperandNumber();
      input.offset = offset;
      input.size = cast<RankedTensorType>(value.getType()).getDimSize(dim);
      offset += input.size;
      input.insertAfter = getLastDefOrUse(value, concat);
      FailureOr<EmptyOrigin> origin = findEmptyOrigin(value);
      if (failed(origin))
        continue;
      Operation *owner =
          block->findAncestorOpInBlock(*origin->emptyUse->getOwner());
      if (!owner)
        continue;
      input.origin = *origin;
      input.originOwner = owner;
      if (owner->isBeforeInBlock(first))
        first = owner;
    }
    if (llvm::none_of(inputs, [](auto &input) { return input.origin; }))
      return rewriter.notifyMatchFailure(concat, "no input from an empty");

    // Dynamic sizes of the other dims from the tensor.empty of an input of
    // the same shape, which must be defined before `first`.
    DominanceInfo dominance;
    SmallVector<OpFoldResult> sizes;
    for (int64_t d = 0; d < resultType.getRank(); ++d) {
      if (!resultType.isDynamicDim(d)) {
        sizes.push_back(rewriter.getIndexAttr(resultType.getDimSize(d)));
        continue;
      }
      // (An input static in `d` would make the result more static than the
      // concatenation's type; left as it is.)
      Value size;
      for (ConcatInput &input : inputs) {
        if (!input.origin || !input.origin->reshapes.empty())
          continue;
        auto empty =
            input.origin->emptyUse->get().getDefiningOp<tensor::EmptyOp>();
        if (empty.getType().isDynamicDim(d) &&
            dominance.properlyDominates(empty.getDynamicSize(d), first)) {
          size = empty.getDynamicSize(d);
          break;
        }
      }
      if (!size)
        return rewriter.notifyMatchFailure(concat, "no dominating size");
      sizes.push_back(size);
    }

    Location loc = concat.getLoc();
    rewriter.setInsertionPoint(first);
    Value result = tensor::EmptyOp::create(rewriter, loc, sizes,
                                           resultType.getElementType());
    Operation *resultDefinition = result.getDefiningOp();
    SmallVector<OpFoldResult> offsets(resultType.getRank(),
                                      rewriter.getIndexAttr(0));
    SmallVector<OpFoldResult> strides(resultType.getRank(),
                                      rewriter.getIndexAttr(1));
    // Ties keep the concatenation's order (std::stable_sort would do, but
    // libstdc++ 12's calls a function C++17 deprecates, which clang reports).
    llvm::sort(inputs, [](const ConcatInput &a, const ConcatInput &b) {
      if (a.insertAfter != b.insertAfter) {
        if (!a.insertAfter || !b.insertAfter)
          return !a.insertAfter;
        return a.insertAfter->isBeforeInBlock(b.insertAfter);
      }
      return a.operandNumber < b.operandNumber;
    });
    for (ConcatInput &input : inputs) {
      offsets[dim] = rewriter.getIndexAttr(input.offset);
      sizes[dim] = rewriter.getIndexAttr(input.size);
      if (input.origin &&
          resultDefinition->isBeforeInBlock(input.originOwner)) {
        OpOperand *emptyUse = input.origin->emptyUse;
        Operation *owner = emptyUse->getOwner();
        rewriter.setInsertionPoint(owner);
        Value slice = tensor::ExtractSliceOp::create(rewriter, loc, result,
                                                     offsets, sizes, strides);
        Value init = reshapeToOrigin(rewriter, loc, slice, *input.origin);
        Type emptyType = emptyUse->get().getType();
        if (init.getType() != emptyType)
          init = tensor::CastOp::create(rewriter, loc, emptyType, init);
        rewriter.modifyOpInPlace(owner, [&] { emptyUse->set(init); });
      }
      Operation *after = resultDefinition;
      if (input.insertAfter && after->isBeforeInBlock(input.insertAfter))
        after = input.insertAfter;
      rewriter.setInsertionPointAfter(after);
      result = tensor::InsertSliceOp::create(rewriter, loc, input.value, result,
                                             offsets, sizes, strides);
      resultDefinition = result.getDefiningOp();
    }
    rewriter.replaceOp(concat, result);
    return success();
  }
};

struct ConcatIntoSlicesPass
    : public tconv::impl::ConcatIntoSlicesBase<ConcatIntoSlicesPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<ConcatIntoSlicesPattern>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
