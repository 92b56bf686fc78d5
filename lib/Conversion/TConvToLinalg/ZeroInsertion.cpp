//===- ZeroInsertion.cpp - conv_transpose by zero insertion ---------------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// The classic lowering of algorithm.md: insert s - 1 zeros between input
// elements, pad (or crop) by dil * (k - 1) - pb at the begin and
// dil * (k - 1) - pe + op at the end, flip the kernel, and run a stride-1
// convolution with the op's dilation. Both steps on the input are one strided
// tensor.insert_slice into a zero tensor of the final padded size, so nothing
// larger than that tensor is materialised.
//
//===----------------------------------------------------------------------===//

#include "Common.h"
#include "tconv/Conversion/TConvToLinalg/TConvToLinalg.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace mlir::tconv;
using namespace mlir::tconv::lowering;

namespace {

/// The padded, zero-inserted `input` (in the compute layout) of the classic
/// lowering.
Value createZeroInsertedInput(OpBuilder &b, Location loc, Value input,
                              const ConvTransposeInfo &info,
                              ArrayRef<OpFoldResult> outputSpatialSizes) {
  unsigned rank = info.numSpatialDims + 2;
  OpFoldResult one = b.getIndexAttr(1);
  OpFoldResult zero = b.getIndexAttr(0);
  SmallVector<OpFoldResult> paddedSizes, sliceOffsets, sliceSizes,
      insertOffsets, insertStrides;
  bool needsSlice = false, isIdentity = true, isEmpty = false;
  AffineExpr d0 = b.getAffineDimExpr(0);
  for (unsigned i = 0; i < info.numSpatialDims; ++i) {
    const SpatialParams &p = info.params[i];
    int64_t extent = *getDilatedKernelExtent(info.kernelSizes[i], p.dilation);
    ClassicPadding padding = *getClassicPadding(info.kernelSizes[i], p);
    ZeroInsertionPlacement placement = getZeroInsertionPlacement(p, padding);
    OpFoldResult inputSize =
        tensor::getMixedSize(b, loc, input, info.getSpatialBegin() + i);
    paddedSizes.push_back(affine::makeComposedFoldedAffineApply(
        b, loc, d0 + extent, {outputSpatialSizes[i]}));
    int64_t removed = placement.firstInput + placement.droppedAtEnd;
    OpFoldResult kept = affine::makeComposedFoldedAffineMax(
        b, loc, AffineMap::get(1, 0, {d0 - removed, b.getAffineConstantExpr(0)},
                               b.getContext()),
        {inputSize});
    if (std::optional<int64_t> keptConst = getConstantIntValue(kept))
      isEmpty |= *keptConst == 0;
    needsSlice |= removed != 0;
    isIdentity &= p.stride == 1 && padding.begin == 0 && padding.end == 0;
    sliceOffsets.push_back(b.getIndexAttr(placement.firstInput));
    sliceSizes.push_back(kept);
    insertOffsets.push_back(b.getIndexAttr(placement.offset));
    insertStrides.push_back(b.getIndexAttr(p.stride));
  }
  if (isIdentity)
    return input;

  OpFoldResult batch = tensor::getMixedSize(b, loc, input, 0);
  // insert_slice rejects offsets into an empty dim: nothing to insert anyway.
  if (std::optional<int64_t> batchConst = getConstantIntValue(batch))
    isEmpty |= *batchConst == 0;
  OpFoldResult channels = b.getIndexAttr(info.inChannels);
  auto activation = [&](OpFoldResult n, OpFoldResult c,
                        ArrayRef<OpFoldResult> spatial) {
    return assembleActivationShape<OpFoldResult>(n, c, spatial,
                                                 info.channelsLast);
  };
  Value empty = tensor::EmptyOp::create(
      b, loc, activation(batch, channels, paddedSizes), info.elementType);
  Value zeroValue =
      arith::ConstantOp::create(b, loc, b.getZeroAttr(info.elementType));
  Value zeros = linalg::FillOp::create(b, loc, zeroValue, empty).getResult(0);
  if (isEmpty)
    return zeros;

  SmallVector<OpFoldResult> unitStrides(rank, one);
  SmallVector<OpFoldResult> sizes = activation(batch, channels, sliceSizes);
  if (needsSlice)
    input = tensor::ExtractSliceOp::create(
        b, loc, input, activation(zero, zero, sliceOffsets), sizes,
        unitStrides);
  return tensor::InsertSliceOp::create(
      b, loc, input, zeros, activation(zero, zero, insertOffsets), sizes,
      activation(one, one, insertStrides));
}

/// A named linalg convolution with unit strides and the given dilations.
template <typename ConvOp>
Value createNamedConvolution(OpBuilder &b, Location loc, Value input,
                             Value weight, Value init,
                             ArrayRef<int64_t> dilations) {
  auto attrType = RankedTensorType::get(
      {static_cast<int64_t>(dilations.size())}, b.getI64Type());
  SmallVector<int64_t> unitStrides(dilations.size(), 1);
  auto conv = ConvOp::create(
      b, loc, TypeRange{init.getType()}, ValueRange{input, weight},
      ValueRange{init}, DenseIntElementsAttr::get(attrType, unitStrides),
      DenseIntElementsAttr::get(attrType, dilations));
  return conv->getResult(0);
}

/// A grouped stride-1 convolution as linalg.generic, on channel dims split
/// into (G, C/G): channels-first input (N, G, Cig, P...), weight
/// (G, Cog, Cig, k...), output (N, G, Cog, O...); channels-last input
/// (N, P..., G, Cig), weight (G, Cog, k..., Cig), output (N, O..., G, Cog).
Value createGroupedGenericConvolution(OpBuilder &b, Location loc,
                                      const ConvTransposeInfo &info,
                                      Value input, Value weight, Value init) {
  unsigned d = info.numSpatialDims;
  // Loops: n, g, oc, o_0..o_{d-1} (parallel), ic, t_0..t_{d-1} (reduction).
  unsigned numLoops = 4 + 2 * d;
  auto dim = [&](unsigned i) { return b.getAffineDimExpr(i); };
  AffineExpr n = dim(0), g = dim(1), oc = dim(2), ic = dim(3 + d);
  SmallVector<AffineExpr> outputSpatial, inputSpatial, taps;
  for (unsigned i = 0; i < d; ++i) {
    AffineExpr o = dim(3 + i), t = dim(4 + d + i);
    outputSpatial.push_back(o);
    inputSpatial.push_back(o + t * info.params[i].dilation);
    taps.push_back(t);
  }
  SmallVector<AffineExpr> inputIndex = {n}, weightIndex = {g, oc},
                          outputIndex = {n};
  if (info.channelsLast) {
    llvm::append_range(inputIndex, inputSpatial);
    inputIndex.append({g, ic});
    llvm::append_range(weightIndex, taps);
    weightIndex.push_back(ic);
    llvm::append_range(outputIndex, outputSpatial);
    outputIndex.append({g, oc});
  } else {
    inputIndex.append({g, ic});
    llvm::append_range(inputIndex, inputSpatial);
    weightIndex.push_back(ic);
    llvm::append_range(weightIndex, taps);
    outputIndex.append({g, oc});
    llvm::append_range(outputIndex, outputSpatial);
  }
  MLIRContext *ctx = b.getContext();
  SmallVector<AffineMap> maps = {AffineMap::get(numLoops, 0, inputIndex, ctx),
                                 AffineMap::get(numLoops, 0, weightIndex, ctx),
                                 AffineMap::get(numLoops, 0, outputIndex, ctx)};
  SmallVector<utils::IteratorType> iterators(3 + d,
                                             utils::IteratorType::parallel);
  iterators.append(1 + d, utils::IteratorType::reduction);
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{init.getType()}, ValueRange{input, weight},
      ValueRange{init}, maps, iterators, buildMultiplyAccumulateBody);
  return generic.getResult(0);
}

/// Weight layouts of the convolutions below, as logical dims.
SmallVector<WeightDim> makeWeightLayout(ArrayRef<WeightDim> before,
                                        unsigned numTaps,
                                        ArrayRef<WeightDim> after) {
  SmallVector<WeightDim> layout(before);
  for (unsigned i = 0; i < numTaps; ++i)
    layout.push_back(WeightDim::tap(i));
  llvm::append_range(layout, after);
  return layout;
}

/// Ungrouped: linalg.conv_{1,2,3}d_* in the op's layout.
Value createUngroupedConvolution(OpBuilder &b, Location loc,
                                 ConvTransposeOp op,
                                 const ConvTransposeInfo &info, Value input,
                                 Value init, ArrayRef<int64_t> dilations) {
  using W = WeightDim;
  unsigned d = info.numSpatialDims;
  if (!info.channelsLast) {
    Value weight = createFlippedWeight(
        b, loc, op, info, makeWeightLayout({{W::OutChannel}, {W::InChannel}}, d, {}));
    switch (d) {
    case 1:
      return createNamedConvolution<linalg::Conv1DNcwFcwOp>(b, loc, input, weight, init, dilations);
    case 2:
      return createNamedConvolution<linalg::Conv2DNchwFchwOp>(b, loc, input, weight, init, dilations);
    default:
      return createNamedConvolution<linalg::Conv3DNcdhwFcdhwOp>(b, loc, input, weight, init, dilations);
    }
  }
  switch (d) {
  case 1: {
    Value weight = createFlippedWeight(
        b, loc, op, info, makeWeightLayout({}, d, {{W::InChannel}, {W::OutChannel}}));
    return createNamedConvolution<linalg::Conv1DNwcWcfOp>(b, loc, input, weight, init, dilations);
  }
  case 2: {
    // HWCF rather than FHWC: upstream decomposes and vectorizes it.
    Value weight = createFlippedWeight(
        b, loc, op, info, makeWeightLayout({}, d, {{W::InChannel}, {W::OutChannel}}));
    return createNamedConvolution<linalg::Conv2DNhwcHwcfOp>(b, loc, input, weight, init, dilations);
  }
  default: {
    Value weight = createFlippedWeight(
        b, loc, op, info, makeWeightLayout({}, d, {{W::InChannel}, {W::OutChannel}}));
    return createNamedConvolution<linalg::Conv3DNdhwcDhwcfOp>(b, loc, input, weight, init, dilations);
  }
  }
}

/// Depthwise (one input and one output channel per group):
/// linalg.depthwise_conv_{1,2,3}d_*.
Value createDepthwiseConvolution(OpBuilder &b, Location loc,
                                 ConvTransposeOp op,
                                 const ConvTransposeInfo &info, Value input,
                                 Value init, ArrayRef<int64_t> dilations) {
  using W = WeightDim;
  unsigned d = info.numSpatialDims;
  SmallVector<WeightDim> layout =
      info.channelsLast ? makeWeightLayout({}, d, {{W::Group}})
                        : makeWeightLayout({{W::Group}}, d, {});
  Value weight = createFlippedWeight(b, loc, op, info, layout);
  if (info.channelsLast) {
    switch (d) {
    case 1:
      return createNamedConvolution<linalg::DepthwiseConv1DNwcWcOp>(b, loc, input, weight, init, dilations);
    case 2:
      return createNamedConvolution<linalg::DepthwiseConv2DNhwcHwcOp>(b, loc, input, weight, init, dilations);
    default:
      return createNamedConvolution<linalg::DepthwiseConv3DNdhwcDhwcOp>(b, loc, input, weight, init, dilations);
    }
  }
  switch (d) {
  case 1:
    return createNamedConvolution<linalg::DepthwiseConv1DNcwCwOp>(b, loc, input, weight, init, dilations);
  case 2:
    return createNamedConvolution<linalg::DepthwiseConv2DNchwChwOp>(b, loc, input, weight, init, dilations);
  default:
    return createNamedConvolution<linalg::DepthwiseConv3DNcdhwCdhwOp>(b, loc, input, weight, init, dilations);
  }
}

/// General groups: split the channel dims into (G, C/G) and convolve with
/// linalg.conv_2d_ngchw_gfchw / conv_2d_nhwgc_gfhwc in 2-D, linalg.generic
/// otherwise.
Value createGroupedConvolution(OpBuilder &b, Location loc, ConvTransposeOp op,
                               const ConvTransposeInfo &info, Value input,
                               Value init, ArrayRef<int64_t> dilations) {
  using W = WeightDim;
  unsigned d = info.numSpatialDims;
  SmallVector<WeightDim> layout =
      info.channelsLast
          ? makeWeightLayout({{W::Group}, {W::OutChannel}}, d, {{W::InChannel}})
          : makeWeightLayout({{W::Group}, {W::OutChannel}, {W::InChannel}}, d,
                             {});
  Value weight = createFlippedWeight(b, loc, op, info, layout);
  Value groupedInput = expandChannelsToGroups(b, loc, input, info);
  Value groupedInit = expandChannelsToGroups(b, loc, init, info);
  Value result;
  if (d == 2 && info.channelsLast)
    result = createNamedConvolution<linalg::Conv2DNhwgcGfhwcOp>(
        b, loc, groupedInput, weight, groupedInit, dilations);
  else if (d == 2)
    result = createNamedConvolution<linalg::Conv2DNgchwGfchwOp>(
        b, loc, groupedInput, weight, groupedInit, dilations);
  else
    result = createGroupedGenericConvolution(b, loc, info, groupedInput,
                                             weight, groupedInit);
  return tensor::CollapseShapeOp::create(b, loc, init.getType(), result,
                                         getChannelSplitReassociation(info));
}

struct LowerConvTransposeByZeroInsertion
    : public OpRewritePattern<ConvTransposeOp> {
  LowerConvTransposeByZeroInsertion(MLIRContext *ctx, bool channelsLastCompute)
      : OpRewritePattern(ctx), channelsLastCompute(channelsLastCompute) {}

  LogicalResult matchAndRewrite(ConvTransposeOp op,
                                PatternRewriter &rewriter) const override {
    FailureOr<ConvTransposeInfo> info = getConvTransposeInfo(
        op, channelsLastCompute, [&](const Twine &reason) {
          (void)rewriter.notifyMatchFailure(op, reason);
        });
    if (failed(info))
      return failure();
    Location loc = op.getLoc();
    SmallVector<OpFoldResult> outputSpatialSizes =
        getOutputSpatialSizes(rewriter, loc, op, *info);
    Value input = op.getInput();
    if (info->needsLayoutChange())
      input = transposeActivation(rewriter, loc, input, info->channelsLast);
    input = createZeroInsertedInput(rewriter, loc, input, *info,
                                    outputSpatialSizes);
    SmallVector<OpFoldResult> outputShape =
        assembleActivationShape<OpFoldResult>(
            tensor::getMixedSize(rewriter, loc, op.getInput(), 0),
            rewriter.getIndexAttr(info->outChannels), outputSpatialSizes,
            info->channelsLast);
    Value init = createAccumulatorInit(rewriter, loc, op, *info, outputShape);

    SmallVector<int64_t> dilations;
    for (const SpatialParams &p : info->params)
      dilations.push_back(p.dilation);
    Value result;
    if (info->groups == 1)
      result = createUngroupedConvolution(rewriter, loc, op, *info, input,
                                          init, dilations);
    else if (info->getInChannelsPerGroup() == 1 &&
             info->getOutChannelsPerGroup() == 1)
      result = createDepthwiseConvolution(rewriter, loc, op, *info, input,
                                          init, dilations);
    else
      result = createGroupedConvolution(rewriter, loc, op, *info, input, init,
                                        dilations);
    result = castToElementType(rewriter, loc, result, *info);
    if (info->needsLayoutChange())
      result = transposeActivation(rewriter, loc, result, info->opChannelsLast);
    rewriter.replaceOp(op, result);
    return success();
  }

private:
  bool channelsLastCompute;
};

} // namespace

void mlir::tconv::populateTConvZeroInsertionPatterns(
    RewritePatternSet &patterns, bool channelsLastCompute) {
  patterns.add<LowerConvTransposeByZeroInsertion>(patterns.getContext(),
                                                  channelsLastCompute);
}
