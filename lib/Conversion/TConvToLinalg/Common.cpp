//===- Common.cpp - Pieces shared by the conv_transpose lowerings ---------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//

#include "Common.h"

#include "tconv/Utils/Builders.h"
#include "tconv/Utils/ConstantFolding.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/IndexingUtils.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"

#include "llvm/Support/CheckedArithmetic.h"

using namespace mlir;
using namespace mlir::tconv;
using namespace mlir::tconv::lowering;

bool lowering::isComputedAlongRows(ConvTransposeOp op) {
  if (op.isChannelsLast())
    return false;
  RankedTensorType inputType = op.getInput().getType();
  RankedTensorType resultType = op.getType();
  int64_t groups = op.getGroups();
  SmallVector<SpatialParams, 3> params = op.getSpatialParams();
  if (params.empty() || groups < 2 || params.back().dilation != 1 ||
      inputType.isDynamicDim(inputType.getRank() - 1) ||
      resultType.isDynamicDim(resultType.getRank() - 1) ||
      inputType.getDimSize(1) != groups || resultType.getDimSize(1) != groups)
    return false;
  // The rows with zeros inserted (insertZerosAlongRows) have a size (the
  // verifier rejects empty spatial dims).
  const SpatialParams &row = params.back();
  std::optional<int64_t> stretched =
      llvm::checkedMul(inputType.getShape().back() - 1, row.stride);
  if (stretched)
    stretched = llvm::checkedAdd(*stretched, 1 + row.outputPadding);
  return stretched.has_value();
}

FailureOr<ConvTransposeInfo> lowering::getConvTransposeInfo(
    ConvTransposeOp op, bool channelsLastCompute,
    llvm::function_ref<void(const Twine &)> reportFailure) {
  RankedTensorType inputType = op.getInput().getType();
  RankedTensorType resultType = op.getType();
  if (!op.getWeight().getType().hasStaticShape()) {
    reportFailure("the weight shape must be static");
    return failure();
  }
  ConvTransposeInfo info;
  info.numSpatialDims = op.getNumSpatialDims();
  info.opChannelsLast = op.isChannelsLast();
  bool alongRows = isComputedAlongRows(op);
  info.channelsLast =
      info.opChannelsLast || (channelsLastCompute && !alongRows);
  info.groups = op.getGroups();
  info.inChannels = inputType.getDimSize(info.getOpChannelDim());
  info.outChannels = resultType.getDimSize(info.getOpChannelDim());
  if (ShapedType::isDynamic(info.inChannels) ||
      ShapedType::isDynamic(info.outChannels)) {
    reportFailure("the channel dims must be static");
    return failure();
  }
  info.kernelSizes = op.getKernelSizes();
  info.params = op.getSpatialParams();
  info.resultElementType = resultType.getElementType();
  info.elementType = op.isQuantized() ? IntegerType::get(op.getContext(), 8)
                                      : inputType.getElementType();
  info.accumulatorType = info.elementType;
  if (isa<Float16Type, BFloat16Type>(info.elementType))
    info.accumulatorType = Float32Type::get(op.getContext());
  if (op.isQuantized()) {
    info.accumulatorType = info.resultElementType;
    info.inputZeroPoint = op.getInputZeroPointValue();
    if (inputType.getElementType().isUnsignedInteger())
      info.inputZeroPoint -= 128;
    info.weightZeroPoint = op.getWeightZeroPointValue();
  }
  info.weight = op.getWeight();
  SpatialParams &row = info.params.back();
  if (alongRows && row.stride > 1) {
    info.rowStride = row.stride;
    info.rowOutputPadding = row.outputPadding;
    row.stride = 1;
    row.outputPadding = 0;
  }
  return info;
}

TypedAttr ConvTransposeInfo::getInputPaddingValue(Builder &b) const {
  if (isQuantized())
    return b.getIntegerAttr(elementType, inputZeroPoint);
  return cast<TypedAttr>(b.getZeroAttr(elementType));
}

TypedAttr ConvTransposeInfo::getWeightPaddingValue(Builder &b) const {
  if (isQuantized())
    return b.getIntegerAttr(elementType, weightZeroPoint);
  return cast<TypedAttr>(b.getZeroAttr(elementType));
}

SmallVector<OpFoldResult>
lowering::getOutputSpatialSizes(OpBuilder &b, Location loc, ConvTransposeOp op,
                                const ConvTransposeInfo &info) {
  SmallVector<OpFoldResult> sizes;
  RankedTensorType resultType = op.getType();
  for (unsigned i = 0; i < info.numSpatialDims; ++i) {
    unsigned dim = info.getOpSpatialBegin() + i;
    if (!resultType.isDynamicDim(dim)) {
      sizes.push_back(b.getIndexAttr(resultType.getDimSize(dim)));
      continue;
    }
    // O = (I - 1) * s + c1 = I * s + (c1 - s), where c1 = O(I = 1). The
    // verifier has checked that c1 does not overflow.
    const SpatialParams &p = info.params[i];
    int64_t sizeForOne = *getOutputSize(1, info.kernelSizes[i], p);
    AffineExpr input = b.getAffineDimExpr(0);
    OpFoldResult inputSize = tensor::getMixedSize(b, loc, op.getInput(), dim);
    sizes.push_back(affine::makeComposedFoldedAffineApply(
        b, loc, input * p.stride + (sizeForOne - p.stride), {inputSize}));
  }
  return sizes;
}

/// The source weight index, as affine expressions of the rearranged weight's
/// dims, for the logical (group, out channel, in channel, taps) indices.
static SmallVector<AffineExpr>
getSourceWeightIndices(MLIRContext *ctx, const ConvTransposeInfo &info,
                       ArrayRef<WeightDim> layout,
                       ArrayRef<TapSelection> taps) {
  AffineExpr zero = getAffineConstantExpr(0, ctx);
  AffineExpr group = zero, outChannel = zero, inChannel = zero;
  SmallVector<AffineExpr, 3> tapIndices(info.numSpatialDims, zero);
  for (auto [pos, dim] : llvm::enumerate(layout)) {
    AffineExpr expr = getAffineDimExpr(pos, ctx);
    switch (dim.kind) {
    case WeightDim::Group:
      group = expr;
      break;
    case WeightDim::OutChannel:
      outChannel = expr;
      break;
    case WeightDim::InChannel:
      inChannel = expr;
      break;
    case WeightDim::Tap: {
      const TapSelection &selection = taps[dim.spatialDim];
      tapIndices[dim.spatialDim] = selection.last - selection.step * expr;
      break;
    }
    }
  }
  SmallVector<AffineExpr> indices;
  if (info.opChannelsLast) {
    // (Cout, k..., Cin/G)
    indices.push_back(group * info.getOutChannelsPerGroup() + outChannel);
    indices.append(tapIndices.begin(), tapIndices.end());
    indices.push_back(inChannel);
  } else {
    // (Cin, Cout/G, k...)
    indices.push_back(group * info.getInChannelsPerGroup() + inChannel);
    indices.push_back(outChannel);
    indices.append(tapIndices.begin(), tapIndices.end());
  }
  return indices;
}

/// For an ungrouped weight whose target `layout` names every dim once (no
/// group dim), the permutation of the op's weight dims into the layout's
/// order; std::nullopt otherwise or when it is the identity.
static std::optional<SmallVector<int64_t>>
getWeightPermutation(const ConvTransposeInfo &info,
                     ArrayRef<WeightDim> layout) {
  unsigned rank = info.numSpatialDims + 2;
  if (info.groups != 1 || layout.size() != rank)
    return std::nullopt;
  SmallVector<int64_t> permutation;
  for (WeightDim dim : layout) {
    switch (dim.kind) {
    case WeightDim::Group:
      return std::nullopt;
    case WeightDim::OutChannel: // (Cout, k..., Cin) or (Cin, Cout, k...)
      permutation.push_back(info.opChannelsLast ? 0 : 1);
      break;
    case WeightDim::InChannel:
      permutation.push_back(info.opChannelsLast ? rank - 1 : 0);
      break;
    case WeightDim::Tap:
      permutation.push_back((info.opChannelsLast ? 1 : 2) + dim.spatialDim);
      break;
    }
  }
  if (llvm::equal(permutation, llvm::seq<int64_t>(0, rank)))
    return std::nullopt;
  return permutation;
}

Value lowering::shiftUnsignedToSigned(OpBuilder &b, Location loc, Value value) {
  auto type = cast<RankedTensorType>(value.getType());
  Type i8 = b.getI8Type();
  auto signedType = type.clone(i8);
  // x - 128 in i8 is x with its top bit flipped.
  APInt topBit = APInt::getSignMask(8);
  DenseElementsAttr constant;
  if (matchPattern(value, m_Constant(&constant)))
    return arith::ConstantOp::create(
        b, loc,
        constant.mapValues(i8, [&](const APInt &v) { return v ^ topBit; }));

  unsigned rank = type.getRank();
  Value empty =
      tensor::EmptyOp::create(b, loc, tensor::getMixedSizes(b, loc, value), i8);
  SmallVector<AffineMap> maps(2, b.getMultiDimIdentityMap(rank));
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{signedType}, ValueRange{value}, ValueRange{empty}, maps,
      iterators, [&](OpBuilder &nb, Location nl, ValueRange args) {
        // arith takes signless integers only; ui8 and i8 are the same bits.
        Value element = SignCastOp::create(nb, nl, i8, args[0]);
        Value shifted = arith::XOrIOp::create(
            nb, nl, element,
            arith::ConstantOp::create(nb, nl, nb.getIntegerAttr(i8, topBit)));
        linalg::YieldOp::create(nb, nl, shifted);
      });
  return generic.getResult(0);
}

/// A linalg.generic summing `inputs[0]` into a zero-filled i32 tensor of
/// `outputSizes` through `maps` (inputs, output) over `iterators`; more
/// inputs only give loop extents (a window's shape).
static Value createIntegerSum(OpBuilder &b, Location loc, ValueRange inputs,
                              ArrayRef<OpFoldResult> outputSizes,
                              ArrayRef<AffineMap> maps,
                              ArrayRef<utils::IteratorType> iterators) {
  Type i32 = b.getI32Type();
  Value empty = tensor::EmptyOp::create(b, loc, outputSizes, i32);
  Value zero = arith::ConstantOp::create(b, loc, b.getI32IntegerAttr(0));
  Value zeros = linalg::FillOp::create(b, loc, zero, empty).getResult(0);
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{zeros.getType()}, inputs, ValueRange{zeros}, maps,
      iterators, [&](OpBuilder &nb, Location nl, ValueRange args) {
        Value element = args.front();
        if (element.getType() != i32)
          element = arith::ExtSIOp::create(nb, nl, i32, element);
        Value sum = arith::AddIOp::create(nb, nl, args.back(), element);
        linalg::YieldOp::create(nb, nl, sum);
      });
  return generic.getResult(0);
}

Value lowering::sumWeightPerOutputChannel(OpBuilder &b, Location loc,
                                          Value weight,
                                          ArrayRef<unsigned> keptDims) {
  auto type = cast<RankedTensorType>(weight.getType());
  unsigned rank = type.getRank();
  SmallVector<int64_t> keptShape;
  for (unsigned dim : keptDims)
    keptShape.push_back(type.getDimSize(dim));
  auto flatType = RankedTensorType::get({ShapedType::getNumElements(keptShape)},
                                        b.getI32Type());

  DenseElementsAttr constant;
  if (matchPattern(weight, m_Constant(&constant))) {
    // Folded here: the sums of a constant weight are constants too.
    SmallVector<int64_t> strides = computeStrides(type.getShape());
    SmallVector<int64_t> keptStrides = computeStrides(keptShape);
    SmallVector<APInt> sums(flatType.getNumElements(), APInt(32, 0));
    for (auto [linear, value] : llvm::enumerate(constant.getValues<APInt>())) {
      SmallVector<int64_t> index = delinearize(linear, strides);
      int64_t flat = 0;
      for (auto [i, dim] : llvm::enumerate(keptDims))
        flat += index[dim] * keptStrides[i];
      sums[flat] += value.sext(32);
    }
    return arith::ConstantOp::create(b, loc,
                                     DenseElementsAttr::get(flatType, sums));
  }

  SmallVector<AffineExpr> kept;
  SmallVector<utils::IteratorType> iterators;
  for (unsigned dim = 0; dim < rank; ++dim) {
    bool isKept = llvm::is_contained(keptDims, dim);
    iterators.push_back(isKept ? utils::IteratorType::parallel
                               : utils::IteratorType::reduction);
  }
  for (unsigned dim : keptDims)
    kept.push_back(b.getAffineDimExpr(dim));
  SmallVector<AffineMap> maps = {b.getMultiDimIdentityMap(rank),
                                 AffineMap::get(rank, 0, kept, b.getContext())};
  SmallVector<OpFoldResult> keptSizes =
      getAsIndexOpFoldResult(b.getContext(), keptShape);
  Value sums = createIntegerSum(b, loc, {weight}, keptSizes, maps, iterators);
  if (keptDims.size() == 1)
    return sums;
  ReassociationIndices all = llvm::to_vector(
      llvm::seq<int64_t>(0, static_cast<int64_t>(keptDims.size())));
  return tensor::CollapseShapeOp::create(
      b, loc, flatType, sums, SmallVector<ReassociationIndices>{all});
}

Value lowering::subtractZeroPointTerms(OpBuilder &b, Location loc,
                                       const ConvTransposeInfo &info,
                                       Value input, Value weightSums,
                                       ArrayRef<int64_t> tapCounts,
                                       ArrayRef<int64_t> dilations,
                                       Value init) {
  int32_t zx = info.inputZeroPoint, zw = info.weightZeroPoint;
  if (!info.hasZeroPoints())
    return init;
  MLIRContext *ctx = b.getContext();
  auto initType = cast<RankedTensorType>(init.getType());
  unsigned rank = initType.getRank(), d = rank - 2;
  unsigned channelDim = info.channelsLast ? rank - 1 : 1;
  int64_t outChannels = initType.getDimSize(channelDim);
  int64_t inChannels =
      cast<RankedTensorType>(input.getType()).getDimSize(channelDim);
  int64_t inPerGroup = inChannels / info.groups;
  int64_t outPerGroup = outChannels / info.groups;
  auto dim = [&](unsigned i) { return b.getAffineDimExpr(i); };
  auto activation = [&](AffineExpr n, AffineExpr c,
                        ArrayRef<AffineExpr> spatial) {
    return assembleActivationShape<AffineExpr>(n, c, spatial,
                                               info.channelsLast);
  };
  SmallVector<utils::IteratorType> parallel(rank,
                                            utils::IteratorType::parallel);

  // Window sums of the input over each group's channels and the taps:
  // channel sums first, (N, P..., G), then sums over the taps, (N, O..., G).
  Value windowSums;
  if (zw != 0) {
    SmallVector<AffineExpr> pixels, outputs, taps;
    for (unsigned i = 0; i < d; ++i)
      pixels.push_back(dim(1 + i));
    // Loops (n, p..., g, c) over the input with channels split into (G,
    // C/G).
    SmallVector<utils::IteratorType> iterators(parallel);
    iterators.push_back(utils::IteratorType::reduction);
    AffineExpr g = dim(d + 1), c = dim(d + 2);
    SmallVector<AffineExpr> groupedInput = activation(dim(0), g, pixels);
    groupedInput.insert(groupedInput.begin() + channelDim + 1, c);
    SmallVector<AffineMap> maps = {
        AffineMap::get(d + 3, 0, groupedInput, ctx),
        AffineMap::get(d + 3, 0, activation(dim(0), g, pixels), ctx)};
    SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(b, loc, input);
    sizes[channelDim] = b.getIndexAttr(info.groups);
    Value channelSums =
        createIntegerSum(b, loc, {expandChannelsToGroups(b, loc, input, info)},
                         sizes, maps, iterators);
    // Loops (n, o..., g, t...); the tap loops' extents come from a
    // shape-only window operand, as in linalg's pooling ops.
    SmallVector<AffineExpr> windowPixels;
    for (unsigned i = 0; i < d; ++i) {
      outputs.push_back(dim(1 + i));
      windowPixels.push_back(dim(1 + i) + dim(d + 2 + i) * dilations[i]);
      taps.push_back(dim(d + 2 + i));
    }
    iterators.assign(parallel.begin(), parallel.end());
    iterators.append(d, utils::IteratorType::reduction);
    maps = {
        AffineMap::get(2 * d + 2, 0, activation(dim(0), g, windowPixels), ctx),
        AffineMap::get(2 * d + 2, 0, taps, ctx),
        AffineMap::get(2 * d + 2, 0, activation(dim(0), g, outputs), ctx)};
    sizes = tensor::getMixedSizes(b, loc, init);
    sizes[channelDim] = b.getIndexAttr(info.groups);
    Value window = tensor::EmptyOp::create(b, loc, tapCounts, b.getI8Type());
    windowSums =
        createIntegerSum(b, loc, {channelSums, window}, sizes, maps, iterators);
  }

  // init - zx * sum w - zw * sum x + zw * K * zx, in i32 (exact mod 2^32,
  // as the accumulation itself).
  int64_t taps = inPerGroup;
  for (int64_t count : tapCounts)
    taps *= count;
  int32_t constantTerm = static_cast<int32_t>(static_cast<uint32_t>(zw) *
                                              static_cast<uint32_t>(taps) *
                                              static_cast<uint32_t>(zx));
  SmallVector<Value> inputs = {weightSums};
  SmallVector<AffineMap> maps = {AffineMap::get(rank, 0, dim(channelDim))};
  if (windowSums) {
    SmallVector<AffineExpr> indices;
    for (unsigned i = 0; i < rank; ++i)
      indices.push_back(i == channelDim ? dim(i).floorDiv(outPerGroup)
                                        : dim(i));
    inputs.push_back(windowSums);
    maps.push_back(AffineMap::get(rank, 0, indices, ctx));
  }
  // `init` is read, not updated in place: as an input, its producer (the
  // bias broadcast) fuses into this op, and the convolution's register tiles
  // can start from the result instead of a whole-size buffer.
  inputs.push_back(init);
  maps.push_back(b.getMultiDimIdentityMap(rank));
  maps.push_back(b.getMultiDimIdentityMap(rank));
  Value empty = tensor::EmptyOp::create(
      b, loc, tensor::getMixedSizes(b, loc, init), initType.getElementType());
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{initType}, inputs, ValueRange{empty}, maps, parallel,
      [&](OpBuilder &nb, Location nl, ValueRange args) {
        auto constant = [&](int32_t v) {
          return arith::ConstantOp::create(nb, nl, nb.getI32IntegerAttr(v));
        };
        Value acc = args[inputs.size() - 1];
        if (zx != 0)
          acc = arith::SubIOp::create(
              nb, nl, acc,
              arith::MulIOp::create(nb, nl, args[0], constant(zx)));
        if (zw != 0) {
          acc = arith::SubIOp::create(
              nb, nl, acc,
              arith::MulIOp::create(nb, nl, args[1], constant(zw)));
          if (constantTerm != 0)
            acc = arith::AddIOp::create(nb, nl, acc, constant(constantTerm));
        }
        linalg::YieldOp::create(nb, nl, acc);
      });
  return generic.getResult(0);
}

SmallVector<TapSelection, 3>
lowering::getFlippedKernel(const ConvTransposeInfo &info) {
  return llvm::map_to_vector<3>(
      info.kernelSizes, [](int64_t k) { return TapSelection{k - 1, 1, k}; });
}

Value lowering::createFlippedWeight(OpBuilder &b, Location loc,
                                    ConvTransposeOp op,
                                    const ConvTransposeInfo &info,
                                    ArrayRef<WeightDim> layout,
                                    ArrayRef<TapSelection> taps) {
  SmallVector<int64_t> targetShape;
  for (WeightDim dim : layout) {
    switch (dim.kind) {
    case WeightDim::Group:
      targetShape.push_back(info.groups);
      break;
    case WeightDim::OutChannel:
      targetShape.push_back(info.getOutChannelsPerGroup());
      break;
    case WeightDim::InChannel:
      targetShape.push_back(info.getInChannelsPerGroup());
      break;
    case WeightDim::Tap:
      targetShape.push_back(taps[dim.spatialDim].count);
      break;
    }
  }
  auto targetType = RankedTensorType::get(targetShape, info.elementType);
  AffineMap sourceIndexMap =
      AffineMap::get(layout.size(), 0,
                     getSourceWeightIndices(b.getContext(), info, layout, taps),
                     b.getContext());

  DenseElementsAttr constantWeight;
  if (matchPattern(info.weight, m_Constant(&constantWeight)))
    return arith::ConstantOp::create(
        b, loc, gatherElements(constantWeight, targetType, sourceIndexMap));

  // Ungrouped weights are first transposed whole into the target's order
  // of dims (a permutation, which the codegen moves in register blocks), so
  // that flipping and selecting taps copies contiguous rows of channels; in
  // one step those reads were gathers, a fifth of a DCGAN layer's time.
  // Phases transposing the same weight share the transpose (CSE).
  Value source = info.weight;
  std::optional<SmallVector<int64_t>> permutation =
      getWeightPermutation(info, layout);
  if (permutation) {
    auto sourceType = cast<RankedTensorType>(source.getType());
    SmallVector<int64_t> permutedShape;
    for (int64_t dim : *permutation)
      permutedShape.push_back(sourceType.getDimSize(dim));
    Value permutedInit =
        tensor::EmptyOp::create(b, loc, permutedShape, info.elementType);
    source =
        linalg::TransposeOp::create(b, loc, source, permutedInit, *permutation)
            .getResult()
            .front();
    SmallVector<AffineExpr> indices;
    for (auto [pos, dim] : llvm::enumerate(layout)) {
      AffineExpr expr = b.getAffineDimExpr(pos);
      if (dim.kind == WeightDim::Tap) {
        const TapSelection &selection = taps[dim.spatialDim];
        expr = selection.last - selection.step * expr;
      }
      indices.push_back(expr);
    }
    sourceIndexMap = AffineMap::get(layout.size(), 0, indices, b.getContext());
  }

  Value empty = tensor::EmptyOp::create(b, loc, targetShape, info.elementType);
  SmallVector<AffineMap> maps = {sourceIndexMap,
                                 b.getMultiDimIdentityMap(targetShape.size())};
  SmallVector<utils::IteratorType> iterators(targetShape.size(),
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{targetType}, ValueRange{source}, ValueRange{empty},
      maps, iterators,
      [](OpBuilder &nested, Location nestedLoc, ValueRange args) {
        linalg::YieldOp::create(nested, nestedLoc, args[0]);
      });
  return generic.getResult(0);
}

/// Extends a float or (signed) integer `value` to `type` when it is
/// narrower.
static Value extendTo(OpBuilder &b, Location loc, Value value, Type type) {
  if (value.getType() == type)
    return value;
  if (isa<IntegerType>(type))
    return arith::ExtSIOp::create(b, loc, type, value);
  return arith::ExtFOp::create(b, loc, type, value);
}

/// The map from a rank-`rank` accumulator's loops to the bias: its channel
/// dim, last in channels-last shapes of any rank (the sub-pixel lowering's
/// (N, blocks..., residues..., C) too).
static AffineMap getBiasMap(OpBuilder &b, const ConvTransposeInfo &info,
                            unsigned rank) {
  unsigned channelDim = info.channelsLast ? rank - 1 : 1;
  return AffineMap::get(rank, 0, b.getAffineDimExpr(channelDim));
}

Value lowering::createZeroAccumulator(OpBuilder &b, Location loc,
                                      const ConvTransposeInfo &info,
                                      ArrayRef<OpFoldResult> shape) {
  Value empty = tensor::EmptyOp::create(b, loc, shape, info.accumulatorType);
  Value zero =
      arith::ConstantOp::create(b, loc, b.getZeroAttr(info.accumulatorType));
  return linalg::FillOp::create(b, loc, zero, empty).getResult(0);
}

Value lowering::createAccumulatorInit(OpBuilder &b, Location loc,
                                      ConvTransposeOp op,
                                      const ConvTransposeInfo &info,
                                      ArrayRef<OpFoldResult> outputShape) {
  Value bias = op.getBias();
  if (!bias)
    return createZeroAccumulator(b, loc, info, outputShape);
  Value empty =
      tensor::EmptyOp::create(b, loc, outputShape, info.accumulatorType);
  unsigned rank = outputShape.size();
  SmallVector<AffineMap> maps = {getBiasMap(b, info, rank),
                                 b.getMultiDimIdentityMap(rank)};
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  Type accumulatorType = info.accumulatorType;
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{empty.getType()}, ValueRange{bias}, ValueRange{empty},
      maps, iterators,
      [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
        linalg::YieldOp::create(
            nested, nestedLoc,
            extendTo(nested, nestedLoc, args[0], accumulatorType));
      });
  return generic.getResult(0);
}

Value lowering::addBias(OpBuilder &b, Location loc, ConvTransposeOp op,
                        const ConvTransposeInfo &info, Value accumulator,
                        Value destination, Value bias) {
  auto type = cast<RankedTensorType>(accumulator.getType());
  unsigned rank = type.getRank();
  AffineMap identity = b.getMultiDimIdentityMap(rank);
  SmallVector<AffineMap> maps = {identity, getBiasMap(b, info, rank), identity};
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  Type accumulatorType = info.accumulatorType;
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{type},
      ValueRange{accumulator, bias ? bias : op.getBias()},
      ValueRange{destination}, maps, iterators,
      [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
        linalg::YieldOp::create(
            nested, nestedLoc,
            addBiasValue(nested, nestedLoc, args[0], args[1], accumulatorType));
      });
  return generic.getResult(0);
}

Value lowering::addBiasValue(OpBuilder &b, Location loc, Value accumulator,
                             Value bias, Type accumulatorType) {
  bias = extendTo(b, loc, bias, accumulatorType);
  if (isa<IntegerType>(accumulatorType))
    return arith::AddIOp::create(b, loc, accumulator, bias);
  return arith::AddFOp::create(b, loc, accumulator, bias);
}

Value lowering::castToElementType(OpBuilder &b, Location loc, Value accumulator,
                                  const ConvTransposeInfo &info) {
  if (info.accumulatorType == info.resultElementType)
    return accumulator;
  auto accType = cast<RankedTensorType>(accumulator.getType());
  SmallVector<OpFoldResult> shape = tensor::getMixedSizes(b, loc, accumulator);
  Value empty = tensor::EmptyOp::create(b, loc, shape, info.resultElementType);
  unsigned rank = accType.getRank();
  SmallVector<AffineMap> maps(2, b.getMultiDimIdentityMap(rank));
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  Type elementType = info.resultElementType;
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{empty.getType()}, ValueRange{accumulator},
      ValueRange{empty}, maps, iterators,
      [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
        Value truncated =
            arith::TruncFOp::create(nested, nestedLoc, elementType, args[0]);
        linalg::YieldOp::create(nested, nestedLoc, truncated);
      });
  return generic.getResult(0);
}

Value lowering::transposeActivation(OpBuilder &b, Location loc, Value value,
                                    bool toChannelsLast) {
  auto type = cast<RankedTensorType>(value.getType());
  int64_t rank = type.getRank();
  SmallVector<int64_t> permutation =
      getActivationPermutation(rank, toChannelsLast);
  auto permutedType = RankedTensorType::get(
      applyPermutation(type.getShape(), permutation), type.getElementType());
  SmallVector<OpFoldResult> permutedSizes =
      applyPermutation(tensor::getMixedSizes(b, loc, value), permutation);

  // One channel sits in the same place in both layouts: moving its unit dim
  // is two reshapes, (N, 1, S...) -> (N, S...) -> (N, S..., 1) or back.
  if (type.getDimSize(toChannelsLast ? 1 : rank - 1) == 1) {
    SmallVector<ReassociationIndices> unitChannelFirst = {{0, 1}};
    SmallVector<ReassociationIndices> unitChannelLast;
    for (int64_t d = 2; d < rank; ++d)
      unitChannelFirst.push_back({d});
    for (int64_t d = 0; d + 2 < rank; ++d)
      unitChannelLast.push_back({d});
    unitChannelLast.push_back({rank - 2, rank - 1});
    Value pixels = tensor::CollapseShapeOp::create(
        b, loc, value, toChannelsLast ? unitChannelFirst : unitChannelLast);
    return tensor::ExpandShapeOp::create(
        b, loc, permutedType, pixels,
        toChannelsLast ? unitChannelLast : unitChannelFirst, permutedSizes);
  }

  // Back to channels-first (the result of a channels-first op), static
  // spatial dims are collapsed into one first: the codegen moves a
  // transpose in 16 x 16 register blocks along the two dims it swaps, and
  // the pixels of an image divide by 16 far more often than its rows do
  // (56-pixel rows gave 14-wide blocks, lowered to gathers and scatters: a
  // seventh of a U-Net layer's time). To channels-last (the input), dims
  // stay as they are, so that the transpose can write into the interior of
  // a padded input (--tconv-fuse-pad-with-producer), which a collapsed
  // transpose cannot.
  ArrayRef<int64_t> spatial = type.getShape().slice(1, rank - 2);
  if (toChannelsLast || spatial.size() < 2 ||
      ShapedType::isDynamicShape(spatial))
    return createTranspose(b, loc, value, permutation);
  ReassociationIndices pixels;
  for (int64_t d = 1; d + 1 < rank; ++d)
    pixels.push_back(d);
  Value collapsed = tensor::CollapseShapeOp::create(
      b, loc, value,
      SmallVector<ReassociationIndices>{{0}, pixels, {rank - 1}});
  Value transposed = createTranspose(b, loc, collapsed, {0, 2, 1});
  for (int64_t &d : pixels)
    ++d;
  return tensor::ExpandShapeOp::create(
      b, loc, permutedType, transposed,
      SmallVector<ReassociationIndices>{{0}, {1}, pixels}, permutedSizes);
}

Value lowering::sliceOrPadInput(OpBuilder &b, Location loc, Value input,
                                const ConvTransposeInfo &info,
                                ArrayRef<int64_t> begins,
                                ArrayRef<int64_t> ends) {
  auto type = cast<RankedTensorType>(input.getType());
  unsigned rank = type.getRank();
  SmallVector<OpFoldResult> offsets(rank, b.getIndexAttr(0));
  SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(b, loc, input);
  SmallVector<OpFoldResult> low(rank, b.getIndexAttr(0));
  SmallVector<OpFoldResult> high(rank, b.getIndexAttr(0));
  bool crops = false, pads = false, disjoint = false;
  SmallVector<int64_t> paddedShape(type.getShape());
  SmallVector<OpFoldResult> paddedSizes = sizes;
  for (unsigned i = 0; i < info.numSpatialDims; ++i) {
    unsigned dim = info.getSpatialBegin() + i;
    int64_t inputSize = type.getDimSize(dim);
    int64_t first = std::max<int64_t>(begins[i], 0);
    int64_t last = std::min<int64_t>(ends[i], inputSize - 1);
    crops |= first != 0 || last != inputSize - 1;
    pads |= begins[i] < 0 || ends[i] > inputSize - 1;
    offsets[dim] = b.getIndexAttr(first);
    sizes[dim] = b.getIndexAttr(last - first + 1);
    low[dim] = b.getIndexAttr(first - begins[i]);
    high[dim] = b.getIndexAttr(ends[i] - last);
    paddedShape[dim] = ends[i] - begins[i] + 1;
    paddedSizes[dim] = b.getIndexAttr(paddedShape[dim]);
    disjoint |= last < first;
  }
  Value zero = arith::ConstantOp::create(b, loc, info.getInputPaddingValue(b));
  if (disjoint) {
    // The range misses the input in some dim: all padding.
    Value empty =
        tensor::EmptyOp::create(b, loc, paddedSizes, info.elementType);
    return linalg::FillOp::create(b, loc, zero, empty).getResult(0);
  }
  if (crops)
    input = tensor::ExtractSliceOp::create(
        b, loc, input, offsets, sizes,
        SmallVector<OpFoldResult>(rank, b.getIndexAttr(1)));
  if (!pads)
    return input;
  return tensor::PadOp::create(b, loc, type.clone(paddedShape), input, low,
                               high, zero);
}

SmallVector<ReassociationIndices>
lowering::getChannelSplitReassociation(const ConvTransposeInfo &info) {
  SmallVector<ReassociationIndices> reassociation;
  unsigned rank = info.numSpatialDims + 2;
  unsigned channelDim = info.getChannelDim();
  for (unsigned dim = 0, expanded = 0; dim < rank; ++dim) {
    if (dim == channelDim) {
      reassociation.push_back({expanded, expanded + 1});
      expanded += 2;
    } else {
      reassociation.push_back({expanded++});
    }
  }
  return reassociation;
}

Value lowering::expandChannelsToGroups(OpBuilder &b, Location loc, Value value,
                                       const ConvTransposeInfo &info) {
  auto type = cast<RankedTensorType>(value.getType());
  unsigned channelDim = info.getChannelDim();
  int64_t channels = type.getDimSize(channelDim);
  SmallVector<int64_t> shape(type.getShape());
  shape[channelDim] = channels / info.groups;
  shape.insert(shape.begin() + channelDim, info.groups);
  SmallVector<OpFoldResult> mixedShape;
  for (auto [i, size] : llvm::enumerate(shape)) {
    if (!ShapedType::isDynamic(size)) {
      mixedShape.push_back(b.getIndexAttr(size));
      continue;
    }
    // Only non-channel dims are dynamic; they keep their position up to the
    // channel split.
    unsigned sourceDim = i < channelDim ? i : i - 1;
    mixedShape.push_back(tensor::getMixedSize(b, loc, value, sourceDim));
  }
  return tensor::ExpandShapeOp::create(b, loc, type.clone(shape), value,
                                       getChannelSplitReassociation(info),
                                       mixedShape);
}

void lowering::buildMultiplyAccumulateBody(OpBuilder &b, Location loc,
                                           ValueRange args) {
  Type accType = args[2].getType();
  Value lhs = extendTo(b, loc, args[0], accType);
  Value rhs = extendTo(b, loc, args[1], accType);
  Value sum;
  if (isa<IntegerType>(accType))
    sum = arith::AddIOp::create(b, loc, args[2],
                                arith::MulIOp::create(b, loc, lhs, rhs));
  else
    sum = arith::AddFOp::create(b, loc, args[2],
                                arith::MulFOp::create(b, loc, lhs, rhs));
  linalg::YieldOp::create(b, loc, sum);
}

bool lowering::advanceCombination(MutableArrayRef<unsigned> choice,
                                  llvm::function_ref<size_t(unsigned)> count) {
  for (int i = int(choice.size()) - 1; i >= 0; --i) {
    if (++choice[i] < count(i))
      return true;
    choice[i] = 0;
  }
  return false;
}
