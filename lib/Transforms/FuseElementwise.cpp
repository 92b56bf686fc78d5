//===- FuseElementwise.cpp - Elementwise chains into one op --------------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// A model's elementwise operators after a convolution (the transpose back
// to channels-first, a batch norm that did not fold, activations, a
// residual add) are each a pass over memory of their own. This pass fuses
// every elementwise linalg op (`linalg.generic`, `linalg.transpose`,
// `linalg.broadcast`) with its elementwise producers that have no other
// use, by upstream's elementwise op fusion, so that the chain
//
//   transpose to NCHW -> batch norm -> LeakyReLU -> residual add
//
// becomes one `linalg.generic`: one pass, which tconv-tile-and-vectorize
// can then compute on the convolution's register tiles. The transpose to
// channels-first is built over collapsed pixels (see the conversion);
// consumers of that expand_shape are collapsed likewise, so the reshape
// does not stop the fusion; the consumer of a convolution's collapsed
// result is expanded back instead, to the convolution's shape. Single-use
// producers only: nothing is computed twice.
//
//===----------------------------------------------------------------------===//

#include "tconv/Transforms/Passes.h"
#include "tconv/Utils/Builders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Linalg/Utils/Utils.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/IndexingUtils.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::tconv {
#define GEN_PASS_DEF_FUSEELEMENTWISE
#include "tconv/Transforms/Passes.h.inc"
} // namespace mlir::tconv

using namespace mlir;

namespace {

/// An elementwise op on tensors with one result.
bool isFusableElementwise(linalg::LinalgOp op) {
  return op && op.hasPureTensorSemantics() && op->getNumResults() == 1 &&
         linalg::isElementwise(op) &&
         isa<linalg::GenericOp, linalg::TransposeOp, linalg::BroadcastOp>(
             op.getOperation());
}

/// Whether `op` is an elementwise generic that writes its init through the
/// identity map without reading it, and does not read its indices: its
/// body computes the same over another iteration space (other operands and
/// maps, a new init).
bool isRecomputableElementwise(linalg::GenericOp op) {
  if (!isFusableElementwise(op) || op.hasIndexSemantics())
    return false;
  OpOperand *init = op.getDpsInitOperand(0);
  return op.getMatchingIndexingMap(init).isIdentity() &&
         !op.payloadUsesValueFromOperand(init);
}

/// The bit width of `type`'s elements; 0 for other than integers and floats.
unsigned getElementBitWidth(Type type) {
  Type element = getElementTypeOrSelf(type);
  return element.isIntOrFloat() ? element.getIntOrFloatBitWidth() : 0;
}

/// Whether `op`'s result has narrower elements than a tensor it reads
/// (not counting scalars and vectors, e.g. per-channel scales).
bool narrowsElements(linalg::LinalgOp op) {
  unsigned result = getElementBitWidth(op->getResult(0).getType());
  return llvm::any_of(op.getDpsInputOperands(), [&](OpOperand *operand) {
    return op.getMatchingIndexingMap(operand).getNumResults() > 1 &&
           result < getElementBitWidth(operand->get().getType());
  });
}

/// Whether `consumer` transposes the narrowed elements of `producer`: the
/// two stay apart (see NarrowBeforeTranspose), or the fused op would move
/// the wide ones.
bool transposesNarrowed(linalg::LinalgOp producer, Operation *consumer) {
  if (!narrowsElements(producer))
    return false;
  // Fused transposes are a generic that only moves elements.
  auto generic = dyn_cast<linalg::GenericOp>(consumer);
  return isa<linalg::TransposeOp>(consumer) ||
         (generic && linalg::isaTransposeOpInterface(generic));
}

/// A static slice: offsets, sizes and strides per dim.
struct StaticSlice {
  SmallVector<int64_t> offsets, sizes, strides;

  static std::optional<StaticSlice> get(OffsetSizeAndStrideOpInterface op) {
    StaticSlice slice{SmallVector<int64_t>(op.getStaticOffsets()),
                      SmallVector<int64_t>(op.getStaticSizes()),
                      SmallVector<int64_t>(op.getStaticStrides())};
    auto isStatic = [](ArrayRef<int64_t> values) {
      return !ShapedType::isDynamicShape(values);
    };
    if (!isStatic(slice.offsets) || !isStatic(slice.sizes) ||
        !isStatic(slice.strides))
      return std::nullopt;
    return slice;
  }

  int64_t getNumElements() const { return ShapedType::getNumElements(sizes); }

  /// Whether no element is in both slices (false when unsure): along some
  /// dim, the two index sets are apart or interleave without meeting.
  bool isDisjointFrom(const StaticSlice &other) const {
    for (auto [dim, offset] : llvm::enumerate(offsets)) {
      int64_t last = offset + strides[dim] * (sizes[dim] - 1);
      int64_t otherOffset = other.offsets[dim];
      int64_t otherLast =
          otherOffset + other.strides[dim] * (other.sizes[dim] - 1);
      if (sizes[dim] == 0 || other.sizes[dim] == 0 || last < otherOffset ||
          otherLast < offset)
        return true;
      if (strides[dim] == other.strides[dim] &&
          (offset - otherOffset) % strides[dim] != 0)
        return true;
    }
    return false;
  }
};

/// The parts of a transposed convolution's result, built by inserting them
/// into disjoint static slices of a base (the bias broadcast, or an empty
/// tensor): the phases of tconv-convert-tconv-to-linalg's phase algorithm
/// (convolutions, or their bias epilogues), or the parts of the sub-pixel
/// algorithm's pixel shuffle into a cropped result (transposes).
struct PhaseChain {
  /// The inserts, the first one first.
  SmallVector<tensor::InsertSliceOp> inserts;
  SmallVector<StaticSlice> slices;
  Value base;
  /// Whether the slices cover the whole base.
  bool covers = false;
};

/// Whether `value` is the result of a convolution that has no other use.
bool isSingleUseConvolutionResult(Value value) {
  auto conv = value.getDefiningOp<linalg::LinalgOp>();
  return conv && conv->hasOneUse() &&
         succeeded(linalg::inferConvolutionDims(conv));
}

/// Whether `transpose` moves whole rows of its innermost dim (the
/// sub-pixel algorithm's pixel shuffle moves channel rows).
bool movesInnermostRows(linalg::TransposeOp transpose) {
  ArrayRef<int64_t> permutation = transpose.getPermutation();
  return !permutation.empty() &&
         permutation.back() == static_cast<int64_t>(permutation.size()) - 1;
}

/// Whether `value` is a part of a transposed convolution's result
/// (PhaseChain), used once: a convolution's result, that of the elementwise
/// epilogue the phase lowering puts after it (the bias added as the tile is
/// stored), or a part of a pixel shuffle (a transpose, into either layout).
bool isPhaseResult(Value value) {
  if (isSingleUseConvolutionResult(value))
    return true;
  if (auto transpose = value.getDefiningOp<linalg::TransposeOp>())
    return transpose->hasOneUse();
  auto epilogue = value.getDefiningOp<linalg::LinalgOp>();
  if (!isFusableElementwise(epilogue) || !epilogue->hasOneUse())
    return false;
  return llvm::any_of(epilogue.getDpsInputs(), [](Value input) {
    if (auto expand = input.getDefiningOp<tensor::ExpandShapeOp>();
        expand && expand->hasOneUse())
      input = expand.getSrc();
    return isSingleUseConvolutionResult(input);
  });
}

std::optional<PhaseChain> getPhaseChain(Value value) {
  PhaseChain chain;
  while (auto insert = value.getDefiningOp<tensor::InsertSliceOp>()) {
    std::optional<StaticSlice> slice = StaticSlice::get(insert);
    if (!isPhaseResult(insert.getSource()) || !slice ||
        insert.getSourceType().getRank() != insert.getDestType().getRank())
      return std::nullopt;
    chain.inserts.push_back(insert);
    chain.slices.push_back(*slice);
    value = insert.getDest();
  }
  if (chain.inserts.empty() ||
      !cast<RankedTensorType>(value.getType()).hasStaticShape())
    return std::nullopt;
  std::reverse(chain.inserts.begin(), chain.inserts.end());
  std::reverse(chain.slices.begin(), chain.slices.end());
  chain.base = value;
  int64_t covered = 0;
  for (auto [index, slice] : llvm::enumerate(chain.slices)) {
    for (const StaticSlice &earlier : ArrayRef(chain.slices).take_front(index))
      if (!slice.isDisjointFrom(earlier))
        return std::nullopt;
    covered += slice.getNumElements();
  }
  chain.covers =
      covered == cast<RankedTensorType>(value.getType()).getNumElements();
  return chain;
}

linalg::GenericOp generalize(RewriterBase &rewriter, linalg::LinalgOp op) {
  if (auto generic = dyn_cast<linalg::GenericOp>(op.getOperation()))
    return generic;
  rewriter.setInsertionPoint(op);
  FailureOr<linalg::GenericOp> generic =
      linalg::generalizeNamedOp(rewriter, op);
  return succeeded(generic) ? *generic : linalg::GenericOp();
}

struct FuseElementwiseProducer : OpInterfaceRewritePattern<linalg::LinalgOp> {
  FuseElementwiseProducer(MLIRContext *context, bool fuseTransposes)
      : OpInterfaceRewritePattern(context), fuseTransposes(fuseTransposes) {}

  LogicalResult matchAndRewrite(linalg::LinalgOp consumer,
                                PatternRewriter &rewriter) const override {
    if (!isFusableElementwise(consumer))
      return rewriter.notifyMatchFailure(consumer, "not elementwise");
    for (OpOperand *operand : consumer.getDpsInputOperands()) {
      auto producer = operand->get().getDefiningOp<linalg::LinalgOp>();
      if (!isFusableElementwise(producer) || !producer->hasOneUse() ||
          (!fuseTransposes && isa<linalg::TransposeOp>(producer)))
        continue;
      if (transposesNarrowed(producer, consumer))
        continue;
      unsigned operandNumber = operand->getOperandNumber();
      bool generalized = !isa<linalg::GenericOp>(producer.getOperation()) ||
                         !isa<linalg::GenericOp>(consumer.getOperation());
      // Transposes and broadcasts have region builders: generalizing them
      // does not fail.
      linalg::GenericOp producerGeneric = generalize(rewriter, producer);
      linalg::GenericOp consumerGeneric = generalize(rewriter, consumer);
      assert(producerGeneric && consumerGeneric && "generalization failed");
      (void)producerGeneric;
      OpOperand &fused = consumerGeneric->getOpOperand(operandNumber);
      FailureOr<linalg::ElementwiseOpFusionResult> result = failure();
      if (linalg::areElementwiseOpsFusable(&fused)) {
        // The fused op takes the consumer's place: its init is defined
        // before the consumer, maybe after the producer.
        rewriter.setInsertionPoint(consumerGeneric);
        result = linalg::fuseElementwiseOps(rewriter, &fused);
      }
      if (failed(result)) {
        if (generalized)
          return success(); // The IR changed.
        continue;
      }
      for (auto [original, replacement] : result->replacements)
        rewriter.replaceAllUsesExcept(original, replacement, result->fusedOp);
      return success();
    }
    return rewriter.notifyMatchFailure(consumer, "no fusable producer");
  }

private:
  bool fuseTransposes;
};

/// An elementwise op that narrows the elements of a transpose's result is
/// computed before the transpose instead:
///
///   z = G(transpose(x), p)   becomes   z = transpose(G'(x, p))
///
/// with G' iterating in x's order. The transpose then moves the narrow
/// elements: requantizing a channels-first convolution's i32 result to
/// 8 bits before the transpose back to channels-first moves a quarter of
/// the bytes, and G' reads the convolution's result (or its phases) in
/// their own order, so it runs on their register tiles. The other inputs
/// must be scalars or vectors (per channel): a whole tensor read in x's
/// order would be read transposed.
struct NarrowBeforeTranspose : OpRewritePattern<linalg::GenericOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::GenericOp consumer,
                                PatternRewriter &rewriter) const override {
    if (!isRecomputableElementwise(consumer))
      return rewriter.notifyMatchFailure(consumer, "not elementwise");
    OpOperand *init = consumer.getDpsInitOperand(0);
    OpOperand *read = nullptr;
    for (OpOperand *operand : consumer.getDpsInputOperands()) {
      AffineMap map = consumer.getMatchingIndexingMap(operand);
      if (map.getNumResults() <= 1)
        continue;
      if (read || !map.isIdentity())
        return rewriter.notifyMatchFailure(consumer, "reads whole tensors");
      read = operand;
    }
    auto transpose =
        read ? read->get().getDefiningOp<linalg::TransposeOp>() : nullptr;
    if (!transpose || !transpose->hasOneUse() ||
        !transpose.hasPureTensorSemantics())
      return rewriter.notifyMatchFailure(consumer, "reads no transpose");
    if (!narrowsElements(consumer))
      return rewriter.notifyMatchFailure(consumer, "does not narrow");
    Value source = transpose.getInput();
    auto sourceType = cast<RankedTensorType>(source.getType());

    // Loop i of G is dim i of the transpose's result, dim perm[i] of x: G'
    // reads each operand at G's map composed with that renaming.
    ArrayRef<int64_t> permutation = transpose.getPermutation();
    SmallVector<unsigned> positions(permutation.begin(), permutation.end());
    AffineMap renaming = AffineMap::getPermutationMap(positions, getContext());
    SmallVector<AffineMap> maps;
    SmallVector<Value> inputs;
    for (OpOperand *operand : consumer.getDpsInputOperands()) {
      inputs.push_back(operand == read ? source : operand->get());
      maps.push_back(
          operand == read
              ? rewriter.getMultiDimIdentityMap(sourceType.getRank())
              : consumer.getMatchingIndexingMap(operand).compose(renaming));
    }
    maps.push_back(rewriter.getMultiDimIdentityMap(sourceType.getRank()));
    Location loc = consumer.getLoc();
    Value empty = tensor::EmptyOp::create(
        rewriter, loc, tensor::getMixedSizes(rewriter, loc, source),
        getElementTypeOrSelf(init->get().getType()));
    auto narrowed =
        linalg::GenericOp::create(rewriter, loc, empty.getType(), inputs, empty,
                                  maps, consumer.getIteratorTypesArray());
    rewriter.inlineRegionBefore(consumer.getRegion(), narrowed.getRegion(),
                                narrowed.getRegion().begin());
    rewriter.replaceOpWithNewOp<linalg::TransposeOp>(
        consumer, narrowed.getResult(0), init->get(), permutation);
    return success();
  }
};

/// The producer of `base` computed on `slice` of it alone, writing a
/// tensor.empty of the slice's shape; null unless its inputs do not depend
/// on where the slice is (a bias broadcast: it reads only dims the slice
/// takes whole).
static Value cloneOnSlice(RewriterBase &rewriter, Value base,
                          const StaticSlice &slice) {
  auto producer = base.getDefiningOp<linalg::GenericOp>();
  if (!producer || producer->getNumResults() != 1 ||
      producer.hasIndexSemantics() ||
      !producer.getMatchingIndexingMap(producer.getDpsInitOperand(0))
           .isIdentity() ||
      producer.payloadUsesValueFromOperand(producer.getDpsInitOperand(0)))
    return nullptr;
  auto type = cast<RankedTensorType>(base.getType());
  for (OpOperand *input : producer.getDpsInputOperands()) {
    for (AffineExpr expr :
         producer.getMatchingIndexingMap(input).getResults()) {
      auto dim = dyn_cast<AffineDimExpr>(expr);
      if (!dim)
        return nullptr;
      unsigned d = dim.getPosition();
      if (slice.offsets[d] != 0 || slice.strides[d] != 1 ||
          slice.sizes[d] != type.getDimSize(d))
        return nullptr;
    }
  }
  Value empty = tensor::EmptyOp::create(rewriter, producer.getLoc(),
                                        slice.sizes, type.getElementType());
  SmallVector<Value> operands(producer->getOperands());
  operands.back() = empty;
  return clone(rewriter, producer, {empty.getType()}, operands)->getResult(0);
}

/// An elementwise op reading the phases of a transposed convolution is
/// computed phase by phase, on each convolution's result:
///
///   y = insert_slice(c_n into ... insert_slice(c_1 into base))
///   z = G(y, r)
/// becomes
///   z = insert_slice(G(c_n, r[slice n]) into ...
///         insert_slice(G(c_1, r[slice 1]) into G(base, r)))
///
/// with G(base, r) left out (the init of G instead) when the phases cover
/// the whole result. Each convolution then has G as its only user (G fused
/// with the phase's bias epilogue, where it has one), which
/// tconv-tile-and-vectorize computes on its register tiles, and starts from
/// its slice of the base.
struct DistributeOverPhases : OpInterfaceRewritePattern<linalg::LinalgOp> {
  using OpInterfaceRewritePattern::OpInterfaceRewritePattern;

  LogicalResult matchAndRewrite(linalg::LinalgOp consumer,
                                PatternRewriter &rewriter) const override {
    if (!isFusableElementwise(consumer))
      return rewriter.notifyMatchFailure(consumer, "not elementwise");
    // The last op of an elementwise chain only: the others fuse into it
    // first, so that each phase runs the whole chain.
    if (consumer->getResult(0).hasOneUse()) {
      Operation *user = *consumer->getResult(0).user_begin();
      if (auto expand = dyn_cast<tensor::ExpandShapeOp>(user);
          expand && expand->hasOneUse())
        user = *expand->user_begin();
      if (isFusableElementwise(dyn_cast<linalg::LinalgOp>(user)) &&
          !transposesNarrowed(consumer, user))
        return rewriter.notifyMatchFailure(consumer, "not a chain's last op");
    }
    AffineMap outputMap =
        consumer.getMatchingIndexingMap(consumer.getDpsInitOperand(0));
    if (!outputMap.isPermutation())
      return rewriter.notifyMatchFailure(consumer, "output map");
    // The phases read in the order they are written: a transposing read
    // (the result back to channels-first) would store every phase's tiles
    // transposed and strided, slower than one pass over the whole result.
    OpOperand *read = nullptr;
    std::optional<PhaseChain> chain;
    for (OpOperand *operand : consumer.getDpsInputOperands()) {
      if (!operand->get().hasOneUse() ||
          consumer.getMatchingIndexingMap(operand) != outputMap)
        continue;
      if ((chain = getPhaseChain(operand->get()))) {
        read = operand;
        break;
      }
    }
    if (!read)
      return rewriter.notifyMatchFailure(consumer, "reads no phases");
    Value init = consumer.getDpsInitOperand(0)->get();
    unsigned readNumber = read->getOperandNumber();
    Location loc = consumer.getLoc();

    // `operand` (of `consumer`) on the loop slice `loops`.
    auto sliceOperand = [&](OpOperand *operand, const StaticSlice &loops) {
      AffineMap map = consumer.getMatchingIndexingMap(operand);
      auto type = cast<RankedTensorType>(operand->get().getType());
      StaticSlice slice;
      for (auto [dim, expr] : llvm::enumerate(map.getResults())) {
        auto loop = dyn_cast<AffineDimExpr>(expr);
        slice.offsets.push_back(loop ? loops.offsets[loop.getPosition()] : 0);
        slice.sizes.push_back(loop ? loops.sizes[loop.getPosition()]
                                   : type.getDimSize(dim));
        slice.strides.push_back(loop ? loops.strides[loop.getPosition()] : 1);
      }
      return slice;
    };

    Value result = init;
    if (!chain->covers) {
      SmallVector<Value> operands(consumer->getOperands());
      operands[readNumber] = chain->base;
      result =
          clone(rewriter, consumer, {init.getType()}, operands)->getResult(0);
    }
    AffineMap readMap = consumer.getMatchingIndexingMap(read);
    for (auto [insert, slice] : llvm::zip(chain->inserts, chain->slices)) {
      // The slice of the iteration space that reads this phase.
      StaticSlice loops;
      loops.offsets.assign(consumer.getNumLoops(), 0);
      loops.sizes.assign(consumer.getNumLoops(), 1);
      loops.strides.assign(consumer.getNumLoops(), 1);
      for (unsigned dim = 0, e = readMap.getNumResults(); dim < e; ++dim) {
        unsigned loop = readMap.getDimPosition(dim);
        loops.offsets[loop] = slice.offsets[dim];
        loops.sizes[loop] = slice.sizes[dim];
        loops.strides[loop] = slice.strides[dim];
      }
      auto extract = [&](Value value, const StaticSlice &s) {
        return tensor::ExtractSliceOp::create(
                   rewriter, loc, value,
                   getAsIndexOpFoldResult(getContext(), s.offsets),
                   getAsIndexOpFoldResult(getContext(), s.sizes),
                   getAsIndexOpFoldResult(getContext(), s.strides))
            .getResult();
      };
      SmallVector<Value> operands;
      for (OpOperand &operand : consumer->getOpOperands()) {
        if (&operand == read)
          operands.push_back(insert.getSource());
        else if (consumer.isDpsInit(&operand))
          // From the phases written so far (disjoint slices: the same
          // values), so that each phase writes in place. A slice of the
          // init itself, overwritten by then, made bufferization copy every
          // phase's result into a new buffer.
          operands.push_back(extract(result, sliceOperand(&operand, loops)));
        else
          operands.push_back(
              extract(operand.get(), sliceOperand(&operand, loops)));
      }
      StaticSlice written = sliceOperand(consumer.getDpsInitOperand(0), loops);
      Value phase =
          clone(rewriter, consumer, {operands.back().getType()}, operands)
              ->getResult(0);
      result = tensor::InsertSliceOp::create(
                   rewriter, loc, phase, result,
                   getAsIndexOpFoldResult(getContext(), written.offsets),
                   getAsIndexOpFoldResult(getContext(), written.sizes),
                   getAsIndexOpFoldResult(getContext(), written.strides))
                   .getResult();
    }
    rewriter.replaceOp(consumer, result);
    // Each phase (its convolution, or the convolution's epilogue) starts
    // from its slice of the base, not of the phases before it (the slices
    // are disjoint): the chain of inserts is dead now, and no phase waits
    // for another. Where the base is a bias broadcast, each starts from a
    // broadcast of its own instead, which tiling fuses: no whole-size base
    // is written.
    for (auto [insert, slice] : llvm::zip(chain->inserts, chain->slices)) {
      auto phase = insert.getSource().getDefiningOp<linalg::LinalgOp>();
      OpOperand *phaseInit = phase.getDpsInitOperand(0);
      auto initSlice = phaseInit->get().getDefiningOp<tensor::ExtractSliceOp>();
      std::optional<StaticSlice> read =
          initSlice ? StaticSlice::get(initSlice) : std::nullopt;
      if (!read || read->offsets != slice.offsets ||
          read->sizes != slice.sizes || read->strides != slice.strides)
        continue;
      rewriter.setInsertionPoint(phase);
      if (Value own = cloneOnSlice(rewriter, chain->base, slice)) {
        rewriter.modifyOpInPlace(phase, [&] { phaseInit->set(own); });
        continue;
      }
      if (initSlice.getSource() != chain->base)
        rewriter.modifyOpInPlace(initSlice, [&] {
          initSlice.getSourceMutable().assign(chain->base);
        });
    }
    return success();
  }
};

/// An elementwise op reading the channels-last result of a transposed
/// convolution that the sub-pixel lowering wrote in chunks (its parts into
/// a view (N, a1, b1, ..., a_d, chunks, chunk), collapsed to (N, O1, ...,
/// O_d * C) and expanded to (N, O1, ..., O_d, C)) is computed on the view
/// instead, so that it distributes over the parts (DistributeOverPhases)
/// and runs on their register tiles:
///
///   z = G(expand(collapse(x)), r, v[c])
///     becomes   z = expand(collapse(G'(x, r', v')))
///
/// with r' the same-shaped operands reshaped to the view (collapse, then
/// expand) and v' each per-channel vector repeated over a block's chunks:
/// v'[q, l] = v[(q * chunk + l) mod C] (a block's chunks hold whole runs of
/// channels). Scalars and 0-D operands stay as they are; any other operand
/// and the op stays.
struct ComputeOnChunkedView : OpRewritePattern<linalg::GenericOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::GenericOp consumer,
                                PatternRewriter &rewriter) const override {
    unsigned rank = consumer.getNumLoops();
    if (!isRecomputableElementwise(consumer) || rank < 2)
      return rewriter.notifyMatchFailure(consumer, "not elementwise");
    OpOperand *init = consumer.getDpsInitOperand(0);
    // The read of the view: expand(collapse(x)), x a phase chain.
    OpOperand *read = nullptr;
    tensor::ExpandShapeOp expand;
    tensor::CollapseShapeOp collapse;
    for (OpOperand *operand : consumer.getDpsInputOperands()) {
      auto e = operand->get().getDefiningOp<tensor::ExpandShapeOp>();
      auto c = e ? e.getSrc().getDefiningOp<tensor::CollapseShapeOp>()
                 : tensor::CollapseShapeOp();
      if (c && e->hasOneUse() && c->hasOneUse() &&
          consumer.getMatchingIndexingMap(operand).isIdentity() &&
          getPhaseChain(c.getSrc())) {
        read = operand;
        expand = e;
        collapse = c;
        break;
      }
    }
    if (!read)
      return rewriter.notifyMatchFailure(consumer, "reads no chunked view");
    // The expand splits only the last dim, into (O_d, C); the collapse's
    // last group (a_d, chunks, chunk) holds whole runs of C per block.
    SmallVector<ReassociationIndices> expandGroups =
        expand.getReassociationIndices();
    SmallVector<ReassociationIndices> collapseGroups =
        collapse.getReassociationIndices();
    auto viewType = cast<RankedTensorType>(collapse.getSrcType());
    auto resultType = cast<RankedTensorType>(expand.getResultType());
    if (expandGroups.back().size() != 2 ||
        llvm::any_of(
            ArrayRef(expandGroups).drop_back(),
            [](const ReassociationIndices &g) { return g.size() != 1; }) ||
        collapseGroups.back().size() < 2 ||
        llvm::any_of(collapseGroups.back(),
                     [&](int64_t dim) { return viewType.isDynamicDim(dim); }))
      return rewriter.notifyMatchFailure(consumer, "not a chunked view");
    int64_t channels = resultType.getShape().back();
    ArrayRef<int64_t> blockDims = ArrayRef(collapseGroups.back()).drop_front();
    SmallVector<int64_t> blockShape = llvm::map_to_vector(
        blockDims, [&](int64_t dim) { return viewType.getDimSize(dim); });
    if (ShapedType::isDynamic(channels) ||
        computeProduct(blockShape) % channels != 0)
      return rewriter.notifyMatchFailure(consumer, "blocks split channels");

    // How each input reads the view; checked for all before any IR is
    // built.
    enum class Read { View, Scalar, Reshaped, Repeated };
    MLIRContext *ctx = getContext();
    SmallVector<Read> reads;
    for (OpOperand *operand : consumer.getDpsInputOperands()) {
      AffineMap map = consumer.getMatchingIndexingMap(operand);
      auto vectorType = dyn_cast<RankedTensorType>(operand->get().getType());
      if (operand == read)
        reads.push_back(Read::View);
      else if (map.getNumResults() == 0)
        reads.push_back(Read::Scalar);
      else if (map.isIdentity() && operand->get().getType() == resultType)
        reads.push_back(Read::Reshaped);
      else if (map.getNumResults() == 1 &&
               map.getResult(0) == getAffineDimExpr(rank - 1, ctx) &&
               vectorType && vectorType.getRank() == 1 &&
               vectorType.getDimSize(0) == channels)
        reads.push_back(Read::Repeated);
      else
        return rewriter.notifyMatchFailure(consumer, "operand map");
    }

    Location loc = consumer.getLoc();
    unsigned viewRank = viewType.getRank();
    SmallVector<Value> inputs;
    SmallVector<AffineMap> maps;
    for (auto [operand, how] :
         llvm::zip(consumer.getDpsInputOperands(), reads)) {
      switch (how) {
      case Read::View:
        inputs.push_back(collapse.getSrc());
        maps.push_back(AffineMap::getMultiDimIdentityMap(viewRank, ctx));
        break;
      case Read::Scalar:
        inputs.push_back(operand->get());
        maps.push_back(AffineMap::get(viewRank, 0, ctx));
        break;
      case Read::Reshaped: {
        Value flat = tensor::CollapseShapeOp::create(
            rewriter, loc, operand->get(), expandGroups);
        inputs.push_back(tensor::ExpandShapeOp::create(
            rewriter, loc, viewType, flat, collapseGroups,
            tensor::getMixedSizes(rewriter, loc, collapse.getSrc())));
        maps.push_back(AffineMap::getMultiDimIdentityMap(viewRank, ctx));
        break;
      }
      case Read::Repeated: {
        inputs.push_back(tconv::createRepeatedChannels(
            rewriter, loc, operand->get(), blockShape));
        SmallVector<AffineExpr> dims;
        for (int64_t dim : blockDims)
          dims.push_back(getAffineDimExpr(dim, ctx));
        maps.push_back(AffineMap::get(viewRank, 0, dims, ctx));
        break;
      }
      }
    }
    maps.push_back(AffineMap::getMultiDimIdentityMap(viewRank, ctx));
    Value empty = tensor::EmptyOp::create(
        rewriter, loc, tensor::getMixedSizes(rewriter, loc, collapse.getSrc()),
        getElementTypeOrSelf(init->get().getType()));
    auto onView = linalg::GenericOp::create(
        rewriter, loc, empty.getType(), inputs, empty, maps,
        SmallVector<utils::IteratorType>(viewRank,
                                         utils::IteratorType::parallel));
    rewriter.inlineRegionBefore(consumer.getRegion(), onView.getRegion(),
                                onView.getRegion().begin());
    Value flat = tensor::CollapseShapeOp::create(
        rewriter, loc, onView.getResult(0), collapseGroups);
    rewriter.replaceOpWithNewOp<tensor::ExpandShapeOp>(
        consumer, consumer->getResult(0).getType(), flat, expandGroups,
        tensor::getMixedSizes(rewriter, loc, init->get()));
    return success();
  }
};

/// Whether `operand`, a collapsed tensor expanded, comes from a single-use
/// elementwise op or convolution: collapsing its consumer lets the two fuse
/// (a convolution over collapsed pixels, the sub-pixel algorithm's GEMM,
/// then computes its epilogue on its register tiles).
bool isExpandedFusableResult(OpOperand *operand) {
  auto expand = operand->get().getDefiningOp<tensor::ExpandShapeOp>();
  auto consumer = dyn_cast<linalg::LinalgOp>(operand->getOwner());
  if (!expand || !expand->hasOneUse() || !isFusableElementwise(consumer))
    return false;
  Value source = expand.getSrc();
  auto producer = source.getDefiningOp<linalg::LinalgOp>();
  return (isFusableElementwise(producer) && producer->hasOneUse()) ||
         isSingleUseConvolutionResult(source);
}

/// The source of the single-use tensor.collapse_shape that `operand` is,
/// where its owner is a fusable elementwise op; null otherwise.
Value getCollapsedSource(OpOperand *operand) {
  auto collapse = operand->get().getDefiningOp<tensor::CollapseShapeOp>();
  auto consumer = dyn_cast<linalg::LinalgOp>(operand->getOwner());
  if (!collapse || !collapse->hasOneUse() || !isFusableElementwise(consumer))
    return Value();
  return collapse.getSrc();
}

/// Whether `operand` collapses the result of a convolution that has no
/// other use, or (`phases`) the phases of a transposed convolution: expanding
/// the consumer to the convolution's shape lets tconv-tile-and-vectorize
/// compute it on the convolution's register tiles. Or it collapses a
/// transpose that has no other use and keeps the innermost dim (the
/// sub-pixel algorithm's pixel shuffle, which moves whole channel rows):
/// expanded, the consumer (an epilogue of a channels-last result, the
/// transpose back of a channels-first one) fuses with it, one pass over the
/// result instead of two. Fused with the transpose back, the result's
/// innermost dim is a sub-pixel offset (2 elements for k = s = 2):
/// tconv-tile-and-vectorize gives such ops blocks along several contiguous
/// loops (w x kw) and tconv-collapse-vector-transfers writes each as whole
/// rows (in 2 x 8 blocks, unet3d's i32 result had taken 1.7 -> 3.4 ms).
bool isCollapsedFusableResult(OpOperand *operand, bool phases) {
  Value source = getCollapsedSource(operand);
  if (!source)
    return false;
  if (auto transpose = source.getDefiningOp<linalg::TransposeOp>())
    return source.hasOneUse() && movesInnermostRows(transpose);
  if (source.getDefiningOp<linalg::LinalgOp>())
    return isSingleUseConvolutionResult(source);
  return phases && source.hasOneUse() && getPhaseChain(source).has_value();
}

/// Whether `operand` collapses a transpose that has no other use and
/// `operand`'s owner narrows the elements it reads (a requantization reading
/// the GEMM lowering's depth-to-space): expanded, the narrowing op reads the
/// transpose itself and moves before it (NarrowBeforeTranspose), so that
/// the transposes move narrow elements and the narrowing op is computed on
/// the convolution's register tiles. Fused with the transpose instead, it
/// would read the wide elements transposed, after a pass of their own.
bool isCollapsedNarrowedTranspose(OpOperand *operand) {
  Value source = getCollapsedSource(operand);
  if (!source || !narrowsElements(cast<linalg::LinalgOp>(operand->getOwner())))
    return false;
  auto transpose = source.getDefiningOp<linalg::TransposeOp>();
  return transpose && transpose->hasOneUse();
}

/// A narrowing op reading the expanded result of a convolution or of its
/// epilogue, which it cannot be collapsed back to (so as to fuse with it
/// and run on the convolution's register tiles) because another operand
/// reads only some dims of an expanded group, gets that operand broadcast
/// along the group's other dims, and is collapsed:
///
///   G(expand(y : 4096x256 -> 4096x8x32), s : 32)   becomes
///   expand(G'(y, collapse(broadcast(s : 32 -> 8x32))))
///
/// (the GEMM lowering's per-channel requantization of a channels-first
/// result: the scales of 32 channels, 8 taps apart, as the bias is). The
/// broadcast operand is small: it reads no expanded dim that it did not
/// read in part. Both steps in one: apart, the broadcast would fuse back.
struct BroadcastToCollapse : OpRewritePattern<linalg::GenericOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::GenericOp consumer,
                                PatternRewriter &rewriter) const override {
    if (!isRecomputableElementwise(consumer) || !narrowsElements(consumer))
      return rewriter.notifyMatchFailure(consumer, "not a narrowing op");
    OpOperand *fusable = nullptr;
    for (OpOperand *operand : consumer.getDpsInputOperands())
      if (consumer.getMatchingIndexingMap(operand).isIdentity() &&
          isExpandedFusableResult(operand))
        fusable = operand;
    if (!fusable)
      return rewriter.notifyMatchFailure(consumer, "reads no expanded result");
    auto expand = fusable->get().getDefiningOp<tensor::ExpandShapeOp>();
    SmallVector<ReassociationIndices> groups = expand.getReassociationIndices();
    ArrayRef<int64_t> shape = expand.getResultType().getShape();

    // Per input that needs it: the dims it reads once broadcast.
    SmallVector<AffineMap> maps = consumer.getIndexingMapsArray();
    SmallVector<std::pair<OpOperand *, SmallVector<int64_t>>> broadcasts;
    for (OpOperand *operand : consumer.getDpsInputOperands()) {
      if (operand == fusable)
        continue;
      // Dims in increasing order: a linalg.broadcast adds the others.
      AffineMap map = consumer.getMatchingIndexingMap(operand);
      SmallVector<int64_t> dims;
      for (AffineExpr expr : map.getResults()) {
        auto dim = dyn_cast<AffineDimExpr>(expr);
        if (!dim || (!dims.empty() && dim.getPosition() <= dims.back()))
          return rewriter.notifyMatchFailure(consumer, "operand map");
        dims.push_back(dim.getPosition());
      }
      SmallVector<int64_t> added;
      auto isRead = [&](int64_t d) { return llvm::is_contained(dims, d); };
      for (const ReassociationIndices &group : groups)
        if (llvm::any_of(group, isRead))
          llvm::append_range(added,
                             llvm::make_filter_range(
                                 group, [&](int64_t d) { return !isRead(d); }));
      if (added.empty())
        continue;
      llvm::append_range(dims, added);
      llvm::sort(dims);
      if (llvm::any_of(
              dims, [&](int64_t d) { return ShapedType::isDynamic(shape[d]); }))
        return rewriter.notifyMatchFailure(consumer, "dynamic group");
      SmallVector<AffineExpr> results;
      for (int64_t dim : dims)
        results.push_back(rewriter.getAffineDimExpr(dim));
      maps[operand->getOperandNumber()] =
          AffineMap::get(map.getNumDims(), 0, results, getContext());
      broadcasts.push_back({operand, std::move(dims)});
    }
    if (broadcasts.empty())
      return rewriter.notifyMatchFailure(consumer, "collapses as it is");
    if (!linalg::areDimSequencesPreserved(maps, groups))
      return rewriter.notifyMatchFailure(consumer, "does not collapse");

    Location loc = consumer.getLoc();
    rewriter.setInsertionPoint(consumer);
    for (auto &broadcastOperand : broadcasts) {
      OpOperand *operand = broadcastOperand.first;
      ArrayRef<int64_t> dims = broadcastOperand.second;
      AffineMap map = consumer.getMatchingIndexingMap(operand);
      SmallVector<int64_t> broadcastShape, addedPositions;
      for (auto [position, dim] : llvm::enumerate(dims)) {
        broadcastShape.push_back(shape[dim]);
        if (!map.isFunctionOfDim(dim))
          addedPositions.push_back(position);
      }
      Value empty = tensor::EmptyOp::create(
          rewriter, loc, broadcastShape, getElementTypeOrSelf(operand->get()));
      Value broadcast =
          linalg::BroadcastOp::create(rewriter, loc, operand->get(), empty,
                                      addedPositions)
              ->getResult(0);
      rewriter.modifyOpInPlace(consumer, [&] { operand->set(broadcast); });
    }
    rewriter.modifyOpInPlace(consumer, [&] {
      consumer.setIndexingMapsAttr(rewriter.getAffineMapArrayAttr(maps));
    });
    FailureOr<linalg::CollapseResult> collapsed =
        linalg::collapseOpIterationDims(consumer, groups, rewriter);
    // Its preconditions were checked above; were it to fail, the consumer
    // would still be correct, its operands broadcast.
    if (succeeded(collapsed))
      rewriter.replaceOp(consumer, collapsed->results);
    return success();
  }
};

struct FuseElementwise : tconv::impl::FuseElementwiseBase<FuseElementwise> {
  using FuseElementwiseBase::FuseElementwiseBase;

  void runOnOperation() override {
    // Chains that narrow their elements move before the transposes they
    // read first; fused with the transposes, they would read their results.
    RewritePatternSet narrowing(&getContext());
    narrowing.add<FuseElementwiseProducer>(&getContext(),
                                           /*fuseTransposes=*/false);
    narrowing.add<NarrowBeforeTranspose, BroadcastToCollapse>(&getContext());
    linalg::populateFoldReshapeOpsByCollapsingPatterns(narrowing,
                                                       isExpandedFusableResult);
    linalg::populateFoldReshapeOpsByExpansionPatterns(
        narrowing, isCollapsedNarrowedTranspose);
    // Expanded, the narrowing op reads reshapes of reshapes.
    tensor::ExpandShapeOp::getCanonicalizationPatterns(narrowing,
                                                       &getContext());
    tensor::CollapseShapeOp::getCanonicalizationPatterns(narrowing,
                                                         &getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(narrowing))))
      return signalPassFailure();

    RewritePatternSet patterns(&getContext());
    patterns.add<FuseElementwiseProducer>(&getContext(),
                                          /*fuseTransposes=*/true);
    if (distributeOverPhases)
      patterns.add<ComputeOnChunkedView, DistributeOverPhases>(&getContext());
    linalg::populateFoldReshapeOpsByCollapsingPatterns(patterns,
                                                       isExpandedFusableResult);
    linalg::populateFoldReshapeOpsByExpansionPatterns(
        patterns, [&](OpOperand *operand) {
          return isCollapsedFusableResult(operand, distributeOverPhases);
        });
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
