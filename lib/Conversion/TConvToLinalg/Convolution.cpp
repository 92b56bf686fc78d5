//===- Convolution.cpp - Stride-1 convolutions of the lowerings -----------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// Every algorithm ends in stride-1 convolutions over (part of) the flipped
// kernel; this file picks the upstream op for each layout and grouping.
//
//===----------------------------------------------------------------------===//

#include "Common.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::tconv;
using namespace mlir::tconv::lowering;

namespace {

/// A named linalg convolution with unit strides and the given dilations.
template <typename ConvOp>
Value createNamedConvolution(OpBuilder &b, Location loc, Value input,
                             Value weight, Value init,
                             ArrayRef<int64_t> dilations) {
  auto attrType = RankedTensorType::get(
      {static_cast<int64_t>(dilations.size())}, b.getI64Type());
  SmallVector<int64_t> unitStrides(dilations.size(), 1);
  auto conv = ConvOp::create(b, loc, TypeRange{init.getType()},
                             ValueRange{input, weight}, ValueRange{init},
                             DenseIntElementsAttr::get(attrType, unitStrides),
                             DenseIntElementsAttr::get(attrType, dilations));
  return conv->getResult(0);
}

/// A grouped stride-1 convolution as linalg.generic, on channel dims split
/// into (G, C/G): channels-first input (N, G, Cig, P...), weight
/// (G, Cog, Cig, k...), output (N, G, Cog, O...); channels-last input
/// (N, P..., G, Cig), weight (G, Cog, k..., Cig), output (N, O..., G, Cog).
Value createGroupedGenericConvolution(OpBuilder &b, Location loc,
                                      const ConvTransposeInfo &info,
                                      Value input, Value weight, Value init,
                                      ArrayRef<int64_t> dilations) {
  unsigned d = info.numSpatialDims;
  // Loops: n, g, oc, o_0..o_{d-1} (parallel), ic, t_0..t_{d-1} (reduction).
  unsigned numLoops = 4 + 2 * d;
  auto dim = [&](unsigned i) { return b.getAffineDimExpr(i); };
  AffineExpr n = dim(0), g = dim(1), oc = dim(2), ic = dim(3 + d);
  SmallVector<AffineExpr> outputSpatial, inputSpatial, taps;
  for (unsigned i = 0; i < d; ++i) {
    AffineExpr o = dim(3 + i), t = dim(4 + d + i);
    outputSpatial.push_back(o);
    inputSpatial.push_back(o + t * dilations[i]);
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
Value createUngroupedConvolution(OpBuilder &b, Location loc, ConvTransposeOp op,
                                 const ConvTransposeInfo &info, Value input,
                                 Value init, ArrayRef<TapSelection> taps,
                                 ArrayRef<int64_t> dilations,
                                 Value destination) {
  using W = WeightDim;
  unsigned d = info.numSpatialDims;
  if (!info.channelsLast) {
    Value weight = createFlippedWeight(
        b, loc, op, info,
        makeWeightLayout({{W::OutChannel}, {W::InChannel}}, d, {}), taps);
    switch (d) {
    case 1:
      return createNamedConvolution<linalg::Conv1DNcwFcwOp>(
          b, loc, input, weight, init, dilations);
    case 2:
      return createNamedConvolution<linalg::Conv2DNchwFchwOp>(
          b, loc, input, weight, init, dilations);
    default:
      return createNamedConvolution<linalg::Conv3DNcdhwFcdhwOp>(
          b, loc, input, weight, init, dilations);
    }
  }
  // (k..., C, F): HWCF rather than FHWC in 2-D, which upstream decomposes
  // and vectorizes.
  Value weight = createFlippedWeight(
      b, loc, op, info,
      makeWeightLayout({}, d, {{W::InChannel}, {W::OutChannel}}), taps);
  return createChannelsLastConvolution(b, loc, input, weight, init, dilations,
                                       destination);
}

/// Depthwise (one input and one output channel per group):
/// linalg.depthwise_conv_{1,2,3}d_*.
Value createDepthwiseConvolution(OpBuilder &b, Location loc, ConvTransposeOp op,
                                 const ConvTransposeInfo &info, Value input,
                                 Value init, ArrayRef<TapSelection> taps,
                                 ArrayRef<int64_t> dilations) {
  using W = WeightDim;
  unsigned d = info.numSpatialDims;
  SmallVector<WeightDim> layout = info.channelsLast
                                      ? makeWeightLayout({}, d, {{W::Group}})
                                      : makeWeightLayout({{W::Group}}, d, {});
  Value weight = createFlippedWeight(b, loc, op, info, layout, taps);
  if (info.channelsLast) {
    switch (d) {
    case 1:
      return createNamedConvolution<linalg::DepthwiseConv1DNwcWcOp>(
          b, loc, input, weight, init, dilations);
    case 2:
      return createNamedConvolution<linalg::DepthwiseConv2DNhwcHwcOp>(
          b, loc, input, weight, init, dilations);
    default:
      return createNamedConvolution<linalg::DepthwiseConv3DNdhwcDhwcOp>(
          b, loc, input, weight, init, dilations);
    }
  }
  switch (d) {
  case 1:
    return createNamedConvolution<linalg::DepthwiseConv1DNcwCwOp>(
        b, loc, input, weight, init, dilations);
  case 2:
    return createNamedConvolution<linalg::DepthwiseConv2DNchwChwOp>(
        b, loc, input, weight, init, dilations);
  default:
    return createNamedConvolution<linalg::DepthwiseConv3DNcdhwCdhwOp>(
        b, loc, input, weight, init, dilations);
  }
}

/// General groups: split the channel dims into (G, C/G) and convolve with
/// linalg.conv_2d_ngchw_gfchw / conv_2d_nhwgc_gfhwc in 2-D, linalg.generic
/// otherwise.
Value createGroupedConvolution(OpBuilder &b, Location loc, ConvTransposeOp op,
                               const ConvTransposeInfo &info, Value input,
                               Value init, ArrayRef<TapSelection> taps,
                               ArrayRef<int64_t> dilations) {
  using W = WeightDim;
  unsigned d = info.numSpatialDims;
  SmallVector<WeightDim> layout =
      info.channelsLast
          ? makeWeightLayout({{W::Group}, {W::OutChannel}}, d, {{W::InChannel}})
          : makeWeightLayout({{W::Group}, {W::OutChannel}, {W::InChannel}}, d,
                             {});
  Value weight = createFlippedWeight(b, loc, op, info, layout, taps);
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
    result = createGroupedGenericConvolution(b, loc, info, groupedInput, weight,
                                             groupedInit, dilations);
  return tensor::CollapseShapeOp::create(b, loc, init.getType(), result,
                                         getChannelSplitReassociation(info));
}

/// Up to this many groups, a channels-last grouped convolution runs as one
/// ungrouped convolution per group: each gets the codegen's tiles and
/// vectorization, which upstream's grouped named ops and linalg.generic do
/// not (4 groups of 32 channels: 20x slower than oneDNN). Beyond, the
/// unrolled convolutions cost compile time and the channels per group are
/// few anyway.
constexpr int64_t kMaxGroupsToSplit = 8;

bool isDepthwise(const ConvTransposeInfo &info) {
  return info.getInChannelsPerGroup() == 1 &&
         info.getOutChannelsPerGroup() == 1;
}

/// Whether a grouped convolution can run as one convolution per group.
bool canSplitGroups(const ConvTransposeInfo &info) {
  return info.groups > 1 && !isDepthwise(info) && info.channelsLast &&
         info.groups <= kMaxGroupsToSplit;
}

/// `size` channels of a channels-last activation from `offset` on.
tensor::ExtractSliceOp sliceChannels(OpBuilder &b, Location loc, Value value,
                                     int64_t offset, int64_t size) {
  auto type = cast<RankedTensorType>(value.getType());
  unsigned rank = type.getRank();
  SmallVector<OpFoldResult> offsets(rank, b.getIndexAttr(0));
  SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(b, loc, value);
  SmallVector<OpFoldResult> strides(rank, b.getIndexAttr(1));
  offsets.back() = b.getIndexAttr(offset);
  sizes.back() = b.getIndexAttr(size);
  return tensor::ExtractSliceOp::create(b, loc, value, offsets, sizes, strides);
}

/// A grouped channels-last convolution as one ungrouped convolution per
/// group on channel slices, with the weight in (G, k..., Cig, Cog).
Value createPerGroupConvolutions(OpBuilder &b, Location loc, ConvTransposeOp op,
                                 const ConvTransposeInfo &info, Value input,
                                 Value init, ArrayRef<TapSelection> taps,
                                 ArrayRef<int64_t> dilations) {
  using W = WeightDim;
  unsigned d = info.numSpatialDims;
  Value weight = createFlippedWeight(
      b, loc, op, info,
      makeWeightLayout({{W::Group}}, d, {{W::InChannel}, {W::OutChannel}}),
      taps);
  auto weightType = cast<RankedTensorType>(weight.getType());
  auto groupWeightType = RankedTensorType::get(
      weightType.getShape().drop_front(), weightType.getElementType());
  int64_t inPerGroup = info.getInChannelsPerGroup();
  int64_t outPerGroup = info.getOutChannelsPerGroup();
  Value result = init;
  for (int64_t g = 0; g < info.groups; ++g) {
    SmallVector<int64_t> weightOffsets(weightType.getRank(), 0);
    SmallVector<int64_t> weightSizes(weightType.getShape());
    weightOffsets.front() = g;
    weightSizes.front() = 1;
    SmallVector<int64_t> unitStrides(weightType.getRank(), 1);
    Value groupWeight = tensor::ExtractSliceOp::create(
        b, loc, groupWeightType, weight, ValueRange{}, ValueRange{},
        ValueRange{}, weightOffsets, weightSizes, unitStrides);
    Value groupInput = sliceChannels(b, loc, input, g * inPerGroup, inPerGroup);
    tensor::ExtractSliceOp groupInit =
        sliceChannels(b, loc, result, g * outPerGroup, outPerGroup);
    Value groupResult = createChannelsLastConvolution(
        b, loc, groupInput, groupWeight, groupInit, dilations);
    result = tensor::InsertSliceOp::create(
        b, loc, groupResult, result, groupInit.getMixedOffsets(),
        groupInit.getMixedSizes(), groupInit.getMixedStrides());
  }
  return result;
}

} // namespace

/// A 1x1 convolution in 2-D or 3-D as a 1-D one over the flattened pixels:
/// the codegen vectorizes 1-D (and decomposed 2-D) convolutions only.
static Value createFlattenedPointwiseConvolution(OpBuilder &b, Location loc,
                                                 Value input, Value weight,
                                                 Value init) {
  unsigned rank = cast<RankedTensorType>(input.getType()).getRank();
  ReassociationIndices pixels;
  for (unsigned i = 1; i + 1 < rank; ++i)
    pixels.push_back(i);
  SmallVector<ReassociationIndices> activation = {{0}, pixels, {rank - 1}};
  ReassociationIndices taps;
  for (unsigned i = 0; i + 2 < rank; ++i)
    taps.push_back(i);
  SmallVector<ReassociationIndices> kernel = {taps, {rank - 2}, {rank - 1}};
  Value flatInput = tensor::CollapseShapeOp::create(b, loc, input, activation);
  Value flatWeight = tensor::CollapseShapeOp::create(b, loc, weight, kernel);
  Value flatInit = tensor::CollapseShapeOp::create(b, loc, init, activation);
  Value flat = createNamedConvolution<linalg::Conv1DNwcWcfOp>(
      b, loc, flatInput, flatWeight, flatInit, {1});
  return tensor::ExpandShapeOp::create(b, loc, init.getType(), flat, activation,
                                       tensor::getMixedSizes(b, loc, init));
}

/// Whether collapsing the pixels of channels-last `value` gives a view: it
/// is not a slice, or a unit-stride slice that keeps every dim inside the
/// outermost pixel dim whole. Else bufferization copies it in (and, for an
/// init, out again), as for the phases' strided output slices.
static bool isCollapsibleWithoutCopy(Value value) {
  auto slice = value.getDefiningOp<tensor::ExtractSliceOp>();
  if (!slice)
    return true;
  ArrayRef<int64_t> sourceShape = slice.getSourceType().getShape();
  for (auto [dim, offset, size, stride] :
       llvm::enumerate(slice.getStaticOffsets(), slice.getStaticSizes(),
                       slice.getStaticStrides())) {
    if (dim == 0)
      continue; // the batch is not collapsed
    if (stride != 1)
      return false;
    if (dim >= 2 && (offset != 0 || size != sourceShape[dim]))
      return false;
  }
  return slice.getSourceType().getRank() == slice.getType().getRank();
}

Value lowering::createChannelsLastConvolution(OpBuilder &b, Location loc,
                                              Value input, Value weight,
                                              Value init,
                                              ArrayRef<int64_t> dilations,
                                              Value destination) {
  ArrayRef<int64_t> kernel =
      cast<RankedTensorType>(weight.getType()).getShape().drop_back(2);
  // 3-D convolutions are flattened even at the price of copies: the
  // codegen does not vectorize conv_3d. 2-D ones vectorize after
  // decomposition to rows and need no flattening to avoid the copies.
  bool pointwise = llvm::all_of(kernel, [](int64_t k) { return k == 1; });
  // Expanding the flat pixels back into more than one dynamic dim crashes
  // upstream's --expand-strided-metadata (LLVM 22): such ops stay unflattened.
  // UPSTREAM(LLVM 22, llvm/llvm-project#186830); canary:
  // test/Upstream/expand-strided-metadata-dynamic-group.mlir.
  ArrayRef<int64_t> pixels = cast<RankedTensorType>(init.getType())
                                 .getShape()
                                 .drop_front()
                                 .drop_back();
  if (llvm::count_if(pixels, ShapedType::isDynamic) > 1)
    pointwise = false;
  bool copyFree = isCollapsibleWithoutCopy(input) &&
                  isCollapsibleWithoutCopy(init) &&
                  (!destination || isCollapsibleWithoutCopy(destination));
  if (pointwise &&
      (dilations.size() == 3 || (dilations.size() == 2 && copyFree)))
    return createFlattenedPointwiseConvolution(b, loc, input, weight, init);
  switch (dilations.size()) {
  case 1:
    return createNamedConvolution<linalg::Conv1DNwcWcfOp>(b, loc, input, weight,
                                                          init, dilations);
  case 2:
    return createNamedConvolution<linalg::Conv2DNhwcHwcfOp>(
        b, loc, input, weight, init, dilations);
  default:
    return createNamedConvolution<linalg::Conv3DNdhwcDhwcfOp>(
        b, loc, input, weight, init, dilations);
  }
}

Value lowering::createStrideOneConvolution(OpBuilder &b, Location loc,
                                           ConvTransposeOp op,
                                           const ConvTransposeInfo &info,
                                           Value input, Value init,
                                           ArrayRef<TapSelection> taps,
                                           ArrayRef<int64_t> dilations,
                                           int64_t count, Value destination) {
  if (info.hasZeroPoints()) {
    using W = WeightDim;
    Value weight = createFlippedWeight(
        b, loc, op, info,
        makeWeightLayout({{W::Group}, {W::OutChannel}, {W::InChannel}},
                         info.numSpatialDims, {}),
        taps);
    Value weightSums = sumWeightPerOutputChannel(b, loc, weight, {0, 1});
    SmallVector<int64_t> tapCounts = llvm::map_to_vector(
        taps, [](const TapSelection &t) { return t.count; });
    init = subtractZeroPointTerms(b, loc, info, input, weightSums, tapCounts,
                                  dilations, init);
  }
  if (info.groups == 1)
    return createUngroupedConvolution(b, loc, op, info, input, init, taps,
                                      dilations, destination);
  if (isDepthwise(info))
    return createDepthwiseConvolution(b, loc, op, info, input, init, taps,
                                      dilations);
  if (canSplitGroups(info) && count * info.groups <= kMaxUnrolledConvolutions)
    return createPerGroupConvolutions(b, loc, op, info, input, init, taps,
                                      dilations);
  return createGroupedConvolution(b, loc, op, info, input, init, taps,
                                  dilations);
}

int64_t lowering::getGroupSplitFactor(const ConvTransposeInfo &info) {
  return canSplitGroups(info) ? info.groups : 1;
}
