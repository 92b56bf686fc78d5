//===- TConvOps.cpp - tconv operations ------------------------------------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// Verification of tconv.conv_transpose happens in its result type inference:
// the inferred type is the one valid result type, so every rule of the
// semantics is checked once, before the type is built, with a diagnostic that
// names the attribute and its values.
//
//===----------------------------------------------------------------------===//

#include "tconv/Dialect/TConv/IR/TConvOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/Support/CheckedArithmetic.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::tconv;

#include "tconv/Dialect/TConv/IR/TConvEnums.cpp.inc"

//===----------------------------------------------------------------------===//
// Attribute defaults
//===----------------------------------------------------------------------===//

/// Fills in the defaults of the optional per-dimension attributes. Assumes
/// that present arrays have the lengths the verifier demands.
static SmallVector<SpatialParams, 3>
collectSpatialParams(unsigned numSpatialDims,
                     std::optional<ArrayRef<int64_t>> strides,
                     std::optional<ArrayRef<int64_t>> padding,
                     std::optional<ArrayRef<int64_t>> outputPadding,
                     std::optional<ArrayRef<int64_t>> dilations) {
  SmallVector<SpatialParams, 3> params(numSpatialDims);
  for (unsigned i = 0; i < numSpatialDims; ++i) {
    if (strides)
      params[i].stride = (*strides)[i];
    if (dilations)
      params[i].dilation = (*dilations)[i];
    if (padding) {
      params[i].padBegin = (*padding)[i];
      params[i].padEnd = (*padding)[numSpatialDims + i];
    }
    if (outputPadding)
      params[i].outputPadding = (*outputPadding)[i];
  }
  return params;
}

SmallVector<SpatialParams, 3> ConvTransposeOp::getSpatialParams() {
  return collectSpatialParams(getNumSpatialDims(), getStrides(), getPadding(),
                              getOutputPadding(), getDilations());
}

/// Index of the first spatial dim of the weight in `layout`.
static unsigned getWeightSpatialBegin(Layout layout) {
  return layout == Layout::channels_last ? 1 : 2;
}

SmallVector<int64_t, 3> ConvTransposeOp::getKernelSizes() {
  ArrayRef<int64_t> shape = getWeight().getType().getShape();
  unsigned begin = getWeightSpatialBegin(getLayout());
  return SmallVector<int64_t, 3>(shape.slice(begin, getNumSpatialDims()));
}

std::optional<ConvTransposeProblem>
ConvTransposeOp::getProblem(int64_t batch, ArrayRef<int64_t> inputSizes) {
  RankedTensorType inputType = getInput().getType();
  RankedTensorType weightType = getWeight().getType();
  RankedTensorType resultType = getType();
  if (!weightType.hasStaticShape())
    return std::nullopt;
  ConvTransposeProblem problem;
  problem.channelsLast = isChannelsLast();
  problem.groups = getGroups();
  unsigned channelDim = problem.channelsLast ? inputType.getRank() - 1 : 1;
  unsigned outChannelDim = problem.channelsLast ? resultType.getRank() - 1 : 1;
  problem.inChannels = inputType.getDimSize(channelDim);
  problem.outChannels = resultType.getDimSize(outChannelDim);
  if (ShapedType::isDynamic(problem.inChannels) ||
      ShapedType::isDynamic(problem.outChannels))
    return std::nullopt;
  problem.batch = batch;
  problem.inputSize.assign(inputSizes.begin(), inputSizes.end());
  problem.kernelSize = getKernelSizes();
  problem.params = getSpatialParams();
  return problem;
}

//===----------------------------------------------------------------------===//
// Type inference and verification
//===----------------------------------------------------------------------===//

namespace {
/// Renders an int64 array as "[a, b, c]" for diagnostics.
std::string formatArray(ArrayRef<int64_t> values) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << '[';
  llvm::interleaveComma(values, os);
  os << ']';
  return text;
}

/// Checks one optional per-dimension attribute: its length, and that every
/// value is >= `minValue`.
LogicalResult checkArrayAttr(std::optional<Location> loc, StringRef name,
                             std::optional<ArrayRef<int64_t>> values,
                             size_t expectedSize, StringRef sizeText,
                             int64_t minValue) {
  if (!values)
    return success();
  if (values->size() != expectedSize)
    return emitOptionalError(loc, "'", name, "' must have ", expectedSize,
                             expectedSize == 1 ? " value (" : " values (",
                             sizeText, "), got ", values->size(), ": ",
                             formatArray(*values));
  for (int64_t v : *values)
    if (v < minValue)
      return emitOptionalError(loc, "'", name, "' values must be >= ", minValue,
                               ", got ", formatArray(*values));
  return success();
}

/// Everything inference needs, independent of Adaptor vs op.
struct ConvTransposeOperands {
  Type inputType, weightType, biasType; // biasType may be null
  std::optional<ArrayRef<int64_t>> strides, padding, outputPadding, dilations;
  IntegerAttr groups; // null means the default, 1
  Layout layout;
  // null means absent (0)
  IntegerAttr inputZeroPoint, weightZeroPoint;
};

/// Checks that the zero point of `operand` ("input" or "weight"), if
/// present, lies in the range of its `elementType` (i8 or ui8).
LogicalResult checkZeroPoint(std::optional<Location> loc, StringRef operand,
                             IntegerAttr zeroPoint, Type elementType) {
  if (!zeroPoint)
    return success();
  int64_t value = zeroPoint.getInt();
  bool isUnsigned = elementType.isUnsignedInteger();
  int64_t low = isUnsigned ? 0 : -128, high = isUnsigned ? 255 : 127;
  if (value < low || value > high)
    return emitOptionalError(
        loc, "'", operand, "_zero_point' must be in [", low, ", ", high,
        "] for ", isUnsigned ? "a ui8 " : "an i8 ", operand, ", got ", value);
  return success();
}

/// The result element type: the operands' float type, or i32 for a
/// quantized op (i8 or ui8 input, i8 weight), whose zero points are checked
/// here. The bias type is checked with its shape.
FailureOr<Type> inferResultElementType(std::optional<Location> loc,
                                       const ConvTransposeOperands &ops) {
  Type inputElement = cast<ShapedType>(ops.inputType).getElementType();
  Type weightElement = cast<ShapedType>(ops.weightType).getElementType();
  if (isa<FloatType>(inputElement)) {
    if (weightElement != inputElement)
      return emitOptionalError(
          loc, "weight element type ", weightElement,
          " differs from input element type ", inputElement,
          isa<IntegerType>(weightElement)
              ? " (a quantized op has an i8 or ui8 input and an i8 weight)"
              : "");
    for (auto [name, attr] : {std::pair{"input_zero_point", ops.inputZeroPoint},
                              {"weight_zero_point", ops.weightZeroPoint}})
      if (attr)
        return emitOptionalError(loc, "'", name,
                                 "' is only allowed on a quantized op (i8 or "
                                 "ui8 input), got input element type ",
                                 inputElement);
    return inputElement;
  }
  if (!inputElement.isSignlessInteger(8) && !inputElement.isUnsignedInteger(8))
    return emitOptionalError(loc,
                             "input element type must be f32, f16, bf16, i8 "
                             "or ui8, got ",
                             inputElement);
  if (!weightElement.isSignlessInteger(8))
    return emitOptionalError(
        loc, "a quantized op (input element type ", inputElement,
        ") needs an i8 weight, got weight element type ", weightElement);
  if (failed(checkZeroPoint(loc, "input", ops.inputZeroPoint, inputElement)) ||
      failed(checkZeroPoint(loc, "weight", ops.weightZeroPoint, weightElement)))
    return failure();
  return Type(IntegerType::get(inputElement.getContext(), 32));
}
} // namespace

static FailureOr<RankedTensorType>
inferResultType(std::optional<Location> loc, const ConvTransposeOperands &ops) {
  auto inputType = dyn_cast<RankedTensorType>(ops.inputType);
  auto weightType = dyn_cast<RankedTensorType>(ops.weightType);
  if (!inputType || !weightType)
    return emitOptionalError(loc, "input and weight must be ranked tensors");
  int64_t rank = inputType.getRank();
  if (rank < 3 || rank > 5)
    return emitOptionalError(
        loc,
        "input must have rank 3, 4 or 5 (batch, channels and 1 to 3 "
        "spatial dims), got rank ",
        rank);
  unsigned numSpatial = rank - 2;
  if (weightType.getRank() != rank)
    return emitOptionalError(loc, "weight must have rank ", rank,
                             " like the input, got rank ",
                             weightType.getRank());
  FailureOr<Type> elementType = inferResultElementType(loc, ops);
  if (failed(elementType))
    return failure();

  // Attributes on their own.
  if (failed(checkArrayAttr(loc, "strides", ops.strides, numSpatial,
                            "one per spatial dim", 1)) ||
      failed(checkArrayAttr(loc, "dilations", ops.dilations, numSpatial,
                            "one per spatial dim", 1)) ||
      failed(checkArrayAttr(loc, "padding", ops.padding, 2 * numSpatial,
                            "all begins, then all ends", 0)) ||
      failed(checkArrayAttr(loc, "output_padding", ops.outputPadding,
                            numSpatial, "one per spatial dim", 0)))
    return failure();
  int64_t groups = ops.groups ? ops.groups.getInt() : 1;
  if (groups < 1)
    return emitOptionalError(loc, "'groups' must be >= 1, got ", groups);
  SmallVector<SpatialParams, 3> params = collectSpatialParams(
      numSpatial, ops.strides, ops.padding, ops.outputPadding, ops.dilations);
  for (auto [i, p] : llvm::enumerate(params)) {
    if (p.outputPadding >= std::max(p.stride, p.dilation))
      return emitOptionalError(
          loc,
          "'output_padding' must be smaller than max(stride, dilation) "
          "in every spatial dim, got ",
          p.outputPadding, " >= max(", p.stride, ", ", p.dilation,
          ") in spatial dim ", i);
  }

  // Channels and groups.
  bool channelsLast = ops.layout == Layout::channels_last;
  ArrayRef<int64_t> inShape = inputType.getShape();
  ArrayRef<int64_t> wShape = weightType.getShape();
  unsigned inChannelDim = channelsLast ? rank - 1 : 1;
  unsigned inSpatialBegin = channelsLast ? 1 : 2;
  unsigned wSpatialBegin = getWeightSpatialBegin(ops.layout);
  for (auto [i, size] : llvm::enumerate(wShape))
    if (!ShapedType::isDynamic(size) && size < 1)
      return emitOptionalError(loc, "weight dims must be >= 1, got dim ", i,
                               " = ", size);
  int64_t inChannels = inShape[inChannelDim];
  if (!ShapedType::isDynamic(inChannels) && inChannels < 1)
    return emitOptionalError(loc, "input channels (dim ", inChannelDim,
                             ") must be >= 1, got ", inChannels);
  for (unsigned i = 0; i < numSpatial; ++i) {
    int64_t size = inShape[inSpatialBegin + i];
    if (!ShapedType::isDynamic(size) && size < 1)
      return emitOptionalError(loc, "input spatial dim ", i,
                               " must be >= 1, got ", size);
  }
  // With a dynamic input channel dim, a channels_first weight still fixes
  // Cin.
  int64_t knownInChannels = inChannels;
  if (ShapedType::isDynamic(knownInChannels) && !channelsLast)
    knownInChannels = wShape[0];
  if (!ShapedType::isDynamic(knownInChannels) && knownInChannels % groups != 0)
    return emitOptionalError(loc, "'groups' (", groups,
                             ") must divide the input channels (",
                             knownInChannels, ")");
  int64_t outChannels = ShapedType::kDynamic;
  if (channelsLast) {
    // weight (Cout, k..., Cin/G)
    int64_t perGroupIn = wShape[rank - 1];
    if (!ShapedType::isDynamic(inChannels) &&
        !ShapedType::isDynamic(perGroupIn) && perGroupIn != inChannels / groups)
      return emitOptionalError(
          loc, "weight dim ", rank - 1, " (Cin/groups) must be ",
          inChannels / groups, " (input channels ", inChannels, " / groups ",
          groups, ") for the channels_last layout, got ", perGroupIn);
    outChannels = wShape[0];
    if (!ShapedType::isDynamic(outChannels) && outChannels % groups != 0)
      return emitOptionalError(loc, "'groups' (", groups,
                               ") must divide the output channels (weight "
                               "dim 0 = ",
                               outChannels, ")");
  } else {
    // weight (Cin, Cout/G, k...)
    if (!ShapedType::isDynamic(inChannels) &&
        !ShapedType::isDynamic(wShape[0]) && wShape[0] != inChannels)
      return emitOptionalError(
          loc, "weight dim 0 (Cin) must equal the input channels (", inChannels,
          ") for the channels_first layout, got ", wShape[0]);
    if (!ShapedType::isDynamic(wShape[1])) {
      std::optional<int64_t> product =
          llvm::checkedMul<int64_t>(wShape[1], groups);
      if (!product)
        return emitOptionalError(loc,
                                 "output channels (weight dim 1 = ", wShape[1],
                                 " times groups ", groups, ") overflow int64");
      outChannels = *product;
    }
  }

  if (ops.biasType) {
    auto biasType = dyn_cast<RankedTensorType>(ops.biasType);
    if (!biasType || biasType.getRank() != 1)
      return emitOptionalError(loc,
                               "bias must be a 1-D tensor of Cout "
                               "elements, got ",
                               ops.biasType);
    if (biasType.getElementType() != *elementType) {
      if (*elementType != inputType.getElementType())
        return emitOptionalError(loc,
                                 "a quantized op needs an i32 bias, got bias "
                                 "element type ",
                                 biasType.getElementType());
      return emitOptionalError(
          loc, "bias element type ", biasType.getElementType(),
          " differs from input element type ", *elementType);
    }
    int64_t biasSize = biasType.getDimSize(0);
    if (!ShapedType::isDynamic(biasSize) &&
        !ShapedType::isDynamic(outChannels) && biasSize != outChannels)
      return emitOptionalError(loc, "bias must have Cout = ", outChannels,
                               " elements, got ", biasSize);
    // A static bias fixes Cout when the weight does not.
    if (ShapedType::isDynamic(outChannels) &&
        !ShapedType::isDynamic(biasSize)) {
      if (biasSize % groups != 0)
        return emitOptionalError(loc, "'groups' (", groups,
                                 ") must divide the output channels (bias "
                                 "size ",
                                 biasSize, ")");
      outChannels = biasSize;
    }
  }

  // Spatial sizes.
  SmallVector<int64_t, 3> outSpatial;
  for (unsigned i = 0; i < numSpatial; ++i) {
    int64_t kernel = wShape[wSpatialBegin + i];
    int64_t input = inShape[inSpatialBegin + i];
    if (ShapedType::isDynamic(kernel)) {
      outSpatial.push_back(ShapedType::kDynamic);
      continue;
    }
    if (!getClassicPadding(kernel, params[i]))
      return emitOptionalError(loc,
                               "size arithmetic overflows int64 in "
                               "spatial dim ",
                               i, " (kernel ", kernel, ", dilation ",
                               params[i].dilation, ")");
    if (ShapedType::isDynamic(input)) {
      outSpatial.push_back(ShapedType::kDynamic);
      continue;
    }
    std::optional<int64_t> size = getOutputSize(input, kernel, params[i]);
    if (!size)
      return emitOptionalError(loc, "output size in spatial dim ", i,
                               " overflows int64 (input ", input, ", kernel ",
                               kernel, ", stride ", params[i].stride, ")");
    if (*size < 1)
      return emitOptionalError(
          loc, "output size in spatial dim ", i, " is ", *size,
          ", must be >= 1: (I - 1) * stride - pad_begin - pad_end + "
          "dilation * (k - 1) + output_padding + 1 with I = ",
          input, ", stride = ", params[i].stride,
          ", padding = ", params[i].padBegin, "/", params[i].padEnd,
          ", dilation = ", params[i].dilation, ", k = ", kernel,
          ", output_padding = ", params[i].outputPadding);
    outSpatial.push_back(*size);
  }

  SmallVector<int64_t> resultShape = {inShape[0]};
  if (!channelsLast)
    resultShape.push_back(outChannels);
  resultShape.append(outSpatial.begin(), outSpatial.end());
  if (channelsLast)
    resultShape.push_back(outChannels);
  return RankedTensorType::get(resultShape, *elementType);
}

LogicalResult ConvTransposeOp::inferReturnTypes(
    MLIRContext *, std::optional<Location> location, Adaptor adaptor,
    SmallVectorImpl<Type> &inferredReturnTypes) {
  ConvTransposeOperands operands;
  operands.inputType = adaptor.getInput().getType();
  operands.weightType = adaptor.getWeight().getType();
  if (Value bias = adaptor.getBias())
    operands.biasType = bias.getType();
  operands.strides = adaptor.getStrides();
  operands.padding = adaptor.getPadding();
  operands.outputPadding = adaptor.getOutputPadding();
  operands.dilations = adaptor.getDilations();
  operands.groups = adaptor.getGroupsAttr();
  operands.layout = adaptor.getLayout();
  operands.inputZeroPoint = adaptor.getInputZeroPointAttr();
  operands.weightZeroPoint = adaptor.getWeightZeroPointAttr();
  FailureOr<RankedTensorType> type = inferResultType(location, operands);
  if (failed(type))
    return failure();
  inferredReturnTypes.push_back(*type);
  return success();
}

//===----------------------------------------------------------------------===//
// SignCastOp
//===----------------------------------------------------------------------===//

LogicalResult SignCastOp::verify() {
  auto sourceType = cast<IntegerType>(getElementTypeOrSelf(getSource()));
  auto resultType = cast<IntegerType>(getElementTypeOrSelf(getResult()));
  if (sourceType.getWidth() != resultType.getWidth())
    return emitOpError("changes the integer width from ")
           << sourceType.getWidth() << " to " << resultType.getWidth()
           << " bits; it only reinterprets the sign";
  return success();
}

OpFoldResult SignCastOp::fold(FoldAdaptor) {
  if (getSource().getType() == getType())
    return getSource();
  // A cast back to the original type.
  if (auto producer = getSource().getDefiningOp<SignCastOp>())
    if (producer.getSource().getType() == getType())
      return producer.getSource();
  return {};
}

#define GET_OP_CLASSES
#include "tconv/Dialect/TConv/IR/TConvOps.cpp.inc"
