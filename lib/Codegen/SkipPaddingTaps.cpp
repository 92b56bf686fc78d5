//===- SkipPaddingTaps.cpp - Multiply no padded zero ----------------------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// The phases of a padded transposed convolution (and the convolutions of the
// sub-pixel and zero-insertion lowerings) read an input padded with zeros:
// their first or last output rows take some of their taps from the padding.
// A DCGAN layer's 4 x 4 phases spend an eighth of their multiplies on those
// zeros, which the scatter definition never multiplies. This pass splits such
// a convolution along its output image dims into parts whose rows reach data
// through the same taps, each a convolution over those taps only (a slice of
// the filter and of the input). Along the innermost dim, which the register
// tiles run along, only into border columns one pixel wide, whose tiles then
// run down the column (getPixelLoop); wider border parts would make narrow
// tiles. The elementwise epilogue that tconv-tile-and-vectorize fuses into
// the convolution's tiles is split with it, each part of it reading its part
// of the convolution.
//
//===----------------------------------------------------------------------===//

#include "tconv/Codegen/Passes.h"
#include "tconv/Codegen/TileSelection.h"
#include "tconv/Codegen/Tiling.h"
#include "tconv/Target/TargetModel.h"

#include "mlir/Analysis/FlatLinearValueConstraints.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/TilingInterface.h"

namespace mlir::tconv {
#define GEN_PASS_DEF_SKIPPADDINGTAPS
#include "tconv/Codegen/Passes.h.inc"
} // namespace mlir::tconv

using namespace mlir;
using namespace mlir::tconv;

namespace {

/// The indices [begin, end) along one dim of a tensor outside which it is
/// known to hold zeros (begin >= end: zeros throughout).
struct Extent {
  int64_t begin, end;
  bool isEmpty() const { return begin >= end; }
};

/// The smallest extent holding both.
Extent getHull(Extent a, Extent b) {
  if (a.isEmpty())
    return b;
  if (b.isEmpty())
    return a;
  return {std::min(a.begin, b.begin), std::max(a.end, b.end)};
}

bool isZero(Value value) {
  return matchPattern(value, m_AnyZeroFloat()) || matchPattern(value, m_Zero());
}

/// How many producers getDataExtent looks through.
constexpr unsigned kMaxProducers = 16;

std::optional<Extent> getDataExtent(Value value, unsigned dim, unsigned depth);

/// getDataExtent, or the whole dim where that is unknown but static.
std::optional<Extent> getDataExtentOrWhole(Value value, unsigned dim,
                                           unsigned depth) {
  if (std::optional<Extent> extent = getDataExtent(value, dim, depth))
    return extent;
  auto type = cast<RankedTensorType>(value.getType());
  if (type.isDynamicDim(dim))
    return std::nullopt;
  return Extent{0, type.getDimSize(dim)};
}

/// Where along `dim` `value` may hold nonzero elements, from the ops that
/// build a padded input: fills and constants of zero, slices inserted into
/// them, slices of those, zero pads. std::nullopt where nothing is known.
std::optional<Extent> getDataExtent(Value value, unsigned dim,
                                    unsigned depth = 0) {
  auto type = cast<RankedTensorType>(value.getType());
  if (type.isDynamicDim(dim) || depth > kMaxProducers)
    return std::nullopt;
  if (isZero(value))
    return Extent{0, 0};
  Operation *producer = value.getDefiningOp();
  if (auto fill = dyn_cast_or_null<linalg::FillOp>(producer))
    return isZero(fill.value()) ? std::optional(Extent{0, 0}) : std::nullopt;
  // The offset of a slice along `dim`, where static with a unit stride and
  // no dim dropped.
  auto getOffset = [&](OffsetSizeAndStrideOpInterface slice,
                       RankedTensorType sliceType) -> std::optional<int64_t> {
    if (sliceType.getRank() != type.getRank() ||
        !isConstantIntValue(slice.getMixedStrides()[dim], 1))
      return std::nullopt;
    return getConstantIntValue(slice.getMixedOffsets()[dim]);
  };
  if (auto insert = dyn_cast_or_null<tensor::InsertSliceOp>(producer)) {
    std::optional<int64_t> offset = getOffset(insert, insert.getSourceType());
    std::optional<Extent> source =
        getDataExtentOrWhole(insert.getSource(), dim, depth + 1);
    std::optional<Extent> dest =
        getDataExtent(insert.getDest(), dim, depth + 1);
    if (!offset || !source || !dest)
      return std::nullopt;
    if (!source->isEmpty())
      source = Extent{source->begin + *offset, source->end + *offset};
    return getHull(*dest, *source);
  }
  if (auto extract = dyn_cast_or_null<tensor::ExtractSliceOp>(producer)) {
    std::optional<int64_t> offset = getOffset(extract, extract.getSourceType());
    std::optional<Extent> source =
        getDataExtent(extract.getSource(), dim, depth + 1);
    if (!offset || !source)
      return std::nullopt;
    int64_t size = type.getDimSize(dim);
    return Extent{std::clamp<int64_t>(source->begin - *offset, 0, size),
                  std::clamp<int64_t>(source->end - *offset, 0, size)};
  }
  if (auto pad = dyn_cast_or_null<tensor::PadOp>(producer)) {
    Value padding = pad.getConstantPaddingValue();
    std::optional<int64_t> low = getConstantIntValue(pad.getMixedLowPad()[dim]);
    std::optional<Extent> source =
        getDataExtentOrWhole(pad.getSource(), dim, depth + 1);
    if (!padding || !isZero(padding) || !low || !source)
      return std::nullopt;
    if (source->isEmpty())
      return source;
    return Extent{source->begin + *low, source->end + *low};
  }
  return std::nullopt;
}

/// Output rows [begin, end) of a convolution that read data through taps
/// [firstTap, endTap) of one filter loop, and padding through the others.
struct RowPart {
  int64_t begin, end, firstTap, endTap;
};

/// A convolution's split along one output image loop into parts of rows
/// that take the same taps from data.
struct RowSplit {
  unsigned outputLoop, tapLoop;
  /// The dims of the input, the filter and the init that the loops index.
  unsigned inputDim, filterDim, initDim;
  /// The input index is offset + stride * row + dilation * tap.
  int64_t offset, stride, dilation;
  /// The taps of the filter loop.
  int64_t taps;
  SmallVector<RowPart> parts;
};

/// The share of a convolution's multiplies by padding below which it stays
/// whole: each part costs a loop nest of its own, the code of its tiles and,
/// with an epilogue reading another tensor, a pass of its own over it. At
/// 1/32 (16-pixel phases), DCGAN's layer 4 and FCN-32s ran 2-3% faster, but
/// FCN-32s' residual chain 1.15x -> 1.3-1.6x the bare layer: its sub-pixel
/// result and residual (22 MB each) were read in three passes, not one.
constexpr int64_t kMinSkippedShareDenominator = 16;

/// The most parts along one dim: a phase has one or two border parts per
/// side; zero insertion of a large kernel has a border row per tap, each
/// part another copy of the tiles' code to compile.
constexpr size_t kMaxParts = 5;

/// The split of `conv` along output image loop `outputLoop`, where some of
/// its rows read padding through some taps and the skipped multiplies are
/// worth a split; std::nullopt otherwise.
std::optional<RowSplit> getRowSplit(linalg::LinalgOp conv,
                                    const linalg::ConvolutionDimensions &dims,
                                    unsigned outputLoop) {
  OpOperand *input = conv.getDpsInputOperand(0);
  OpOperand *filter = conv.getDpsInputOperand(1);
  OpOperand *init = conv.getDpsInitOperand(0);
  AffineMap inputMap = conv.getMatchingIndexingMap(input);
  MLIRContext *ctx = conv.getContext();
  RowSplit split;
  split.outputLoop = outputLoop;
  // The input dim indexed by the output loop and one filter loop only.
  std::optional<unsigned> inputDim;
  for (auto [dim, expr] : llvm::enumerate(inputMap.getResults())) {
    if (!expr.isFunctionOfDim(outputLoop))
      continue;
    if (inputDim)
      return std::nullopt;
    inputDim = dim;
  }
  if (!inputDim)
    return std::nullopt;
  AffineExpr inputExpr = inputMap.getResult(*inputDim);
  std::optional<unsigned> tapLoop;
  for (unsigned loop = 0, e = conv.getNumLoops(); loop < e; ++loop) {
    if (loop == outputLoop || !inputExpr.isFunctionOfDim(loop))
      continue;
    if (tapLoop || !llvm::is_contained(dims.filterLoop, loop))
      return std::nullopt;
    tapLoop = loop;
  }
  if (!tapLoop)
    return std::nullopt;
  split.tapLoop = *tapLoop;
  split.inputDim = *inputDim;
  std::optional<unsigned> filterDim =
      conv.getMatchingIndexingMap(filter).getResultPosition(
          getAffineDimExpr(*tapLoop, ctx));
  std::optional<unsigned> initDim =
      conv.getMatchingIndexingMap(init).getResultPosition(
          getAffineDimExpr(outputLoop, ctx));
  if (!filterDim || !initDim)
    return std::nullopt;
  split.filterDim = *filterDim;
  split.initDim = *initDim;

  SmallVector<int64_t> ranges = conv.getStaticLoopRanges();
  int64_t rows = ranges[outputLoop], taps = ranges[*tapLoop];
  if (ShapedType::isDynamic(rows) || ShapedType::isDynamic(taps))
    return std::nullopt;
  // Linear in the row and the tap (no div or mod: flattening adds no local
  // variables), as the parts' slices assume.
  SmallVector<int64_t> coefficients;
  if (failed(getFlattenedAffineExpr(inputExpr, conv.getNumLoops(),
                                    /*numSymbols=*/0, &coefficients)) ||
      coefficients.size() != conv.getNumLoops() + 1)
    return std::nullopt;
  split.taps = taps;
  split.offset = coefficients.back();
  split.stride = coefficients[outputLoop];
  split.dilation = coefficients[*tapLoop];
  if (split.stride <= 0 || split.dilation <= 0)
    return std::nullopt;

  std::optional<Extent> data = getDataExtent(input->get(), *inputDim);
  if (!data)
    return std::nullopt;
  int64_t skipped = 0;
  for (int64_t row = 0; row < rows; ++row) {
    RowPart part{row, row + 1, taps, taps};
    for (int64_t tap = 0; tap < taps; ++tap) {
      int64_t index = split.offset + split.stride * row + split.dilation * tap;
      bool reachesData = index >= data->begin && index < data->end;
      if (reachesData && part.firstTap == taps)
        part.firstTap = tap;
      if (!reachesData && part.firstTap != taps && part.endTap == taps)
        part.endTap = tap;
    }
    // A row of padding only would be a part without taps.
    if (part.firstTap == taps)
      return std::nullopt;
    skipped += taps - (part.endTap - part.firstTap);
    RowPart *last = split.parts.empty() ? nullptr : &split.parts.back();
    if (last && last->firstTap == part.firstTap && last->endTap == part.endTap)
      last->end = part.end;
    else
      split.parts.push_back(part);
  }
  if (skipped * kMinSkippedShareDenominator < rows * taps ||
      split.parts.size() > kMaxParts)
    return std::nullopt;
  return split;
}

/// Whether every part of `split` that skips taps is one row wide, and `conv`
/// has another output image loop (`dims`) to run its register tiles along:
/// the only split of the innermost image loop worth its tiles. Not where
/// the tiles' FMAs take their inputs by element (AArch64): a tile reads a
/// vector of input channels per pixel, contiguous along a row, which down a
/// column are partial vectors in separate rows (FCN's 21 channels, 3 per
/// step, spilled in the inner loop on Neoverse N1).
bool splitsOffColumns(const TargetModel &target, linalg::LinalgOp conv,
                      const linalg::ConvolutionDimensions &dims,
                      const RowSplit &split) {
  if (target.fmaByElement)
    return false;
  SmallVector<int64_t> ranges = conv.getStaticLoopRanges();
  bool hasColumns = llvm::any_of(dims.outputImage, [&](unsigned loop) {
    return loop != split.outputLoop && ranges[loop] != 1;
  });
  return hasColumns && llvm::all_of(split.parts, [&](const RowPart &part) {
           return part.end - part.begin == 1 ||
                  part.endTap - part.firstTap == split.taps;
         });
}

/// The offsets, sizes and strides of the slice of `value` along `dim` to
/// [offset, offset + size).
struct SliceAlong {
  SmallVector<OpFoldResult> offsets, sizes, strides;

  SliceAlong(OpBuilder &builder, Location loc, Value value, unsigned dim,
             int64_t offset, int64_t size)
      : offsets(cast<RankedTensorType>(value.getType()).getRank(),
                builder.getIndexAttr(0)),
        sizes(tensor::getMixedSizes(builder, loc, value)),
        strides(offsets.size(), builder.getIndexAttr(1)) {
    offsets[dim] = builder.getIndexAttr(offset);
    sizes[dim] = builder.getIndexAttr(size);
  }
};

/// `value` sliced along `dim` to [offset, offset + size) (itself if that is
/// all of it).
Value sliceAlong(OpBuilder &builder, Location loc, Value value, unsigned dim,
                 int64_t offset, int64_t size) {
  if (offset == 0 &&
      size == cast<RankedTensorType>(value.getType()).getDimSize(dim))
    return value;
  SliceAlong slice(builder, loc, value, dim, offset, size);
  return tensor::ExtractSliceOp::create(builder, loc, value, slice.offsets,
                                        slice.sizes, slice.strides);
}

/// `conv` computing the rows of `part` from its taps only, into `init`.
linalg::LinalgOp createPartConvolution(RewriterBase &rewriter,
                                       linalg::LinalgOp conv,
                                       const RowSplit &split,
                                       const RowPart &part, Value init) {
  Location loc = conv.getLoc();
  int64_t rows = part.end - part.begin, taps = part.endTap - part.firstTap;
  Value input = sliceAlong(
      rewriter, loc, conv.getDpsInputOperand(0)->get(), split.inputDim,
      split.stride * part.begin + split.dilation * part.firstTap,
      split.offset + split.stride * (rows - 1) + split.dilation * (taps - 1) +
          1);
  Value filter = sliceAlong(rewriter, loc, conv.getDpsInputOperand(1)->get(),
                            split.filterDim, part.firstTap, taps);
  Operation *clone = rewriter.clone(*conv);
  clone->setOperand(conv.getDpsInputOperand(0)->getOperandNumber(), input);
  clone->setOperand(conv.getDpsInputOperand(1)->getOperandNumber(), filter);
  clone->setOperand(conv.getDpsInitOperand(0)->getOperandNumber(), init);
  clone->getResult(0).setType(init.getType());
  return cast<linalg::LinalgOp>(clone);
}

/// The init of a part of `conv` with an epilogue, rows [begin, end): a fill
/// of its own where `conv`'s init is a fill (which the epilogue's tiles then
/// fuse, as they did the whole one), else a slice of the init.
Value createPartInit(RewriterBase &rewriter, linalg::LinalgOp conv,
                     const RowSplit &split, const RowPart &part) {
  Location loc = conv.getLoc();
  Value init = conv.getDpsInitOperand(0)->get();
  if (auto fill = init.getDefiningOp<linalg::FillOp>()) {
    Value destination =
        sliceAlong(rewriter, loc, fill.getOutputs()[0], split.initDim,
                   part.begin, part.end - part.begin);
    return linalg::FillOp::create(rewriter, loc, fill.value(), destination)
        .getResult(0);
  }
  return sliceAlong(rewriter, loc, init, split.initDim, part.begin,
                    part.end - part.begin);
}

/// Erases the slices and reshapes `value` was made of that nothing else
/// uses, from `value` up.
void eraseUnusedViews(RewriterBase &rewriter, Value value) {
  while (Operation *producer = value.getDefiningOp()) {
    if (!producer->use_empty() ||
        !isa<tensor::ExtractSliceOp, tensor::ExpandShapeOp>(producer))
      return;
    value = producer->getOperand(0);
    rewriter.eraseOp(producer);
  }
}

/// Replaces `conv` by its parts, each writing its rows of the init.
void splitConvolution(RewriterBase &rewriter, linalg::LinalgOp conv,
                      const RowSplit &split,
                      SmallVectorImpl<linalg::LinalgOp> &parts) {
  rewriter.setInsertionPoint(conv);
  Location loc = conv.getLoc();
  Value result = conv.getDpsInitOperand(0)->get();
  for (const RowPart &part : split.parts) {
    // A slice of the result so far: the parts write one buffer in place.
    SliceAlong slice(rewriter, loc, result, split.initDim, part.begin,
                     part.end - part.begin);
    Value init = tensor::ExtractSliceOp::create(
        rewriter, loc, result, slice.offsets, slice.sizes, slice.strides);
    linalg::LinalgOp partConv =
        createPartConvolution(rewriter, conv, split, part, init);
    parts.push_back(partConv);
    result = tensor::InsertSliceOp::create(
        rewriter, loc, partConv->getResult(0), result, slice.offsets,
        slice.sizes, slice.strides);
  }
  rewriter.replaceOp(conv, result);
}

/// Replaces `conv` and its fusable `epilogue` by their parts: the epilogue
/// split along its loop `epilogueLoop` (the rows), each part reading a part
/// of the convolution. Fails, the IR unchanged, where the epilogue reads
/// the convolution through anything but itself or a reshape that keeps the
/// rows' dim whole.
LogicalResult splitWithEpilogue(RewriterBase &rewriter, linalg::LinalgOp conv,
                                linalg::LinalgOp epilogue,
                                unsigned epilogueLoop, const RowSplit &split,
                                SmallVectorImpl<linalg::LinalgOp> &parts) {
  Value result = conv->getResult(0);
  auto reshape = dyn_cast<tensor::ExpandShapeOp>(*result.user_begin());
  Value source = reshape ? reshape.getResult() : result;
  OpOperand *read = nullptr;
  for (OpOperand *operand : epilogue.getDpsInputOperands())
    if (operand->get() == source)
      read = operand;
  if (!read)
    return failure();
  unsigned readIndex = read->getOperandNumber();

  // The epilogue's parts, rows in order.
  SmallVector<linalg::LinalgOp> epilogueParts;
  linalg::LinalgOp rest = epilogue;
  for (const RowPart &part : ArrayRef(split.parts).drop_back()) {
    rewriter.setInsertionPoint(rest);
    auto [first, second] = linalg::splitOp(
        rewriter, cast<TilingInterface>(rest.getOperation()), epilogueLoop,
        rewriter.getIndexAttr(part.end - part.begin));
    epilogueParts.push_back(cast<linalg::LinalgOp>(first.getOperation()));
    rest = cast<linalg::LinalgOp>(second.getOperation());
  }
  epilogueParts.push_back(rest);

  for (auto [part, partEpilogue] :
       llvm::zip_equal(split.parts, epilogueParts)) {
    linalg::LinalgOp epiloguePart = partEpilogue;
    rewriter.setInsertionPoint(epiloguePart);
    Value init = createPartInit(rewriter, conv, split, part);
    linalg::LinalgOp partConv =
        createPartConvolution(rewriter, conv, split, part, init);
    parts.push_back(partConv);
    Value partResult = partConv->getResult(0);
    Value oldRead = epiloguePart->getOperand(readIndex);
    if (reshape)
      partResult = tensor::ExpandShapeOp::create(
          rewriter, conv.getLoc(), oldRead.getType(), partResult,
          reshape.getReassociationIndices(),
          tensor::getMixedSizes(rewriter, conv.getLoc(), oldRead));
    // splitOp sliced the read along the same dim as the part's rows.
    assert(partResult.getType() == oldRead.getType() &&
           "a part of the epilogue reads its part of the convolution");
    rewriter.modifyOpInPlace(
        epiloguePart, [&] { epiloguePart->setOperand(readIndex, partResult); });
    eraseUnusedViews(rewriter, oldRead);
  }
  // The whole convolution and its fill, unless something else uses them.
  Value init = conv.getDpsInitOperand(0)->get();
  if (conv->use_empty())
    rewriter.eraseOp(conv);
  if (auto fill = init.getDefiningOp<linalg::FillOp>();
      fill && fill->use_empty())
    rewriter.eraseOp(fill);
  return success();
}

/// Whether the target model expects `conv`'s register tiles to take fewer
/// cycles over the parts of `split` than over the whole.
bool isFasterSplit(const TargetModel &target, linalg::LinalgOp conv,
                   const linalg::ConvolutionDimensions &dims,
                   const RowSplit &split) {
  SmallVector<int64_t> ranges = conv.getStaticLoopRanges();
  double parts = 0;
  for (const RowPart &part : split.parts) {
    SmallVector<int64_t> partRanges = ranges;
    partRanges[split.outputLoop] = part.end - part.begin;
    partRanges[split.tapLoop] = part.endTap - part.firstTap;
    parts += getModelledCycles(target, conv, dims, partRanges);
  }
  return parts < getModelledCycles(target, conv, dims, ranges);
}

struct SkipPaddingTapsPass
    : public tconv::impl::SkipPaddingTapsBase<SkipPaddingTapsPass> {
  using SkipPaddingTapsBase::SkipPaddingTapsBase;

  LogicalResult initialize(MLIRContext *ctx) override {
    return loadTargetModelForPass(ctx, getArgument(), targetTriple, targetCpu,
                                  targetFeatures, target);
  }

  void runOnOperation() override {
    IRRewriter rewriter(&getContext());
    SmallVector<linalg::LinalgOp> worklist;
    getOperation()->walk([&](linalg::LinalgOp op) {
      if (isCandidate(op))
        worklist.push_back(op);
    });
    // A part split along one dim may split again along the next (3-D).
    while (!worklist.empty()) {
      linalg::LinalgOp conv = worklist.pop_back_val();
      linalg::ConvolutionDimensions dims = *linalg::inferConvolutionDims(conv);
      if (dims.outputImage.size() < 2)
        continue;
      for (unsigned outputLoop : dims.outputImage) {
        std::optional<RowSplit> split = getRowSplit(conv, dims, outputLoop);
        if (!split ||
            (outputLoop == dims.outputImage.back() &&
             !splitsOffColumns(target, conv, dims, *split)) ||
            !isFasterSplit(target, conv, dims, *split))
          continue;
        SmallVector<linalg::LinalgOp> parts;
        if (linalg::LinalgOp epilogue = getFusableEpilogue(conv)) {
          std::optional<unsigned> epilogueLoop =
              getEpilogueLoop(conv, epilogue, outputLoop);
          if (!epilogueLoop ||
              failed(splitWithEpilogue(rewriter, conv, epilogue, *epilogueLoop,
                                       *split, parts)))
            continue;
        } else {
          splitConvolution(rewriter, conv, *split, parts);
        }
        worklist.append(parts.begin(), parts.end());
        break;
      }
    }
  }

  /// A convolution on static tensors whose body multiplies and adds, so
  /// that a zero input adds nothing (not a quantized named op, whose body
  /// subtracts zero points first).
  static bool isCandidate(linalg::LinalgOp op) {
    if (!op.hasPureTensorSemantics() || op.getNumDpsInputs() != 2 ||
        op.getNumDpsInits() != 1 || op->getNumResults() != 1 ||
        failed(linalg::inferConvolutionDims(op)))
      return false;
    return linalg::detail::isContractionBody(
        *op.getBlock(), [](Operation *multiply, Operation *add) {
          return (isa<arith::MulFOp>(multiply) && isa<arith::AddFOp>(add)) ||
                 (isa<arith::MulIOp>(multiply) && isa<arith::AddIOp>(add));
        });
  }

  TargetModel target;
};

} // namespace
