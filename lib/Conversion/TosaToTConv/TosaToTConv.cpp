//===- TosaToTConv.cpp - The --convert-tosa-to-tconv pass -----------------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// tosa.transpose_conv2d is tconv.conv_transpose in the channels_last layout:
// TOSA's OHWI weight is exactly tconv's channels_last weight (Cout, k..., Cin)
// and both stamp without flipping the kernel,
//
//   TOSA:  oy = iy * stride + out_pad_top + ky
//   tconv: oy = iy * stride - pad_begin   + ky,
//
// so out_pad is minus tconv's padding. tconv's padding only crops, though:
// positive out_pad amounts (rows no stamp reaches, holding just the bias)
// become output_padding when they fit (end side, below the stride) and
// otherwise an insert_slice of the result into the broadcast bias.
//
// The i8 form (i8 x i8, i32 bias and result) carries its zero points over
// as tconv's input_zero_point / weight_zero_point: both define the result
// as the exact sum of (x - input_zp)(w - weight_zp) plus the bias.
//
//===----------------------------------------------------------------------===//

#include "tconv/Conversion/Passes.h"
#include "tconv/Dialect/TConv/IR/TConvOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/Transforms/WalkPatternRewriteDriver.h"

#include "llvm/ADT/SetVector.h"
#include "llvm/Support/FormatVariadic.h"

namespace mlir::tconv {
#define GEN_PASS_DEF_CONVERTTOSATOTCONV
#include "tconv/Conversion/Passes.h.inc"
} // namespace mlir::tconv

using namespace mlir;
using namespace mlir::tconv;

namespace {

/// One spatial dim of TOSA's out_pad in tconv's terms.
struct DimPadding {
  SpatialParams params;
  /// Rows added before / after tconv's output, holding only the bias.
  int64_t growBegin = 0;
  int64_t growEnd = 0;
};

DimPadding mapOutPad(int64_t before, int64_t after, int64_t stride) {
  DimPadding dim;
  dim.params.stride = stride;
  dim.params.padBegin = std::max<int64_t>(0, -before);
  dim.params.padEnd = std::max<int64_t>(0, -after);
  dim.growBegin = std::max<int64_t>(0, before);
  dim.growEnd = std::max<int64_t>(0, after);
  // tconv's output_padding appends rows at the end, like a positive
  // out_pad_bottom, but only fewer than the stride (dilation is 1 in TOSA).
  if (dim.growEnd > 0 && dim.growEnd < stride) {
    dim.params.outputPadding = dim.growEnd;
    dim.growEnd = 0;
  }
  return dim;
}

SmallVector<DimPadding, 2> mapOutPad(tosa::TransposeConv2DOp op) {
  ArrayRef<int64_t> outPad = op.getOutPad();
  ArrayRef<int64_t> stride = op.getStride();
  return {mapOutPad(outPad[0], outPad[1], stride[0]),
          mapOutPad(outPad[2], outPad[3], stride[1])};
}

bool isSupportedFloat(Type type) {
  return isa<Float32Type, Float16Type, BFloat16Type>(type);
}

/// TOSA's zero point as tconv's attribute: absent when zero.
IntegerAttr getZeroPointAttr(Builder &b, int64_t zeroPoint) {
  return zeroPoint ? b.getI32IntegerAttr(zeroPoint) : IntegerAttr();
}

/// `value + amount` for an index size.
OpFoldResult addToSize(OpBuilder &b, Location loc, OpFoldResult value,
                       int64_t amount) {
  if (amount == 0)
    return value;
  if (std::optional<int64_t> constant = getConstantIntValue(value))
    return b.getIndexAttr(*constant + amount);
  return arith::AddIOp::create(b, loc,
                               getValueOrCreateConstantIndexOp(b, loc, value),
                               arith::ConstantIndexOp::create(b, loc, amount))
      .getResult();
}

struct TransposeConv2DToTConv
    : public OpRewritePattern<tosa::TransposeConv2DOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(tosa::TransposeConv2DOp op,
                                PatternRewriter &rewriter) const override {
    if (std::optional<std::string> reason = getTosaToTConvFailureReason(op))
      return rewriter.notifyMatchFailure(op, *reason);
    Location loc = op.getLoc();
    auto weightType = cast<RankedTensorType>(op.getWeight().getType());
    auto resultType = cast<RankedTensorType>(op.getType());
    Type elementType = resultType.getElementType();
    int64_t outChannels = weightType.getDimSize(0);

    // TOSA's bias may be one value for every channel; tconv's has Cout.
    Value bias = op.getBias();
    if (cast<RankedTensorType>(bias.getType()).getDimSize(0) != outChannels) {
      Value scalar = tensor::ExtractOp::create(
          rewriter, loc, bias,
          ValueRange{arith::ConstantIndexOp::create(rewriter, loc, 0)});
      Value empty =
          tensor::EmptyOp::create(rewriter, loc, {outChannels}, elementType);
      bias = linalg::FillOp::create(rewriter, loc, scalar, empty).getResult(0);
    }

    SmallVector<DimPadding, 2> dims = mapOutPad(op);
    SmallVector<int64_t> strides, padding(4), outputPadding;
    for (auto [i, dim] : llvm::enumerate(dims)) {
      strides.push_back(dim.params.stride);
      padding[i] = dim.params.padBegin;
      padding[2 + i] = dim.params.padEnd;
      outputPadding.push_back(dim.params.outputPadding);
    }
    // Checked constant by getTosaToTConvFailureReason.
    int64_t inputZp = *op.getInputZeroPoint();
    int64_t weightZp = *op.getWeightZeroPoint();
    Value result = ConvTransposeOp::create(
        rewriter, loc, op.getInput(), op.getWeight(), bias,
        rewriter.getDenseI64ArrayAttr(strides),
        rewriter.getDenseI64ArrayAttr(padding),
        rewriter.getDenseI64ArrayAttr(outputPadding),
        /*dilations=*/nullptr, rewriter.getI64IntegerAttr(1),
        LayoutAttr::get(getContext(), Layout::channels_last),
        getZeroPointAttr(rewriter, inputZp),
        getZeroPointAttr(rewriter, weightZp));

    if (llvm::any_of(dims, [](const DimPadding &dim) {
          return dim.growBegin > 0 || dim.growEnd > 0;
        })) {
      SmallVector<OpFoldResult> convSizes =
          tensor::getMixedSizes(rewriter, loc, result);
      SmallVector<OpFoldResult> sizes = convSizes;
      SmallVector<OpFoldResult> offsets(4, rewriter.getIndexAttr(0));
      SmallVector<OpFoldResult> unitStrides(4, rewriter.getIndexAttr(1));
      for (auto [i, dim] : llvm::enumerate(dims)) {
        offsets[1 + i] = rewriter.getIndexAttr(dim.growBegin);
        sizes[1 + i] = addToSize(rewriter, loc, convSizes[1 + i],
                                 dim.growBegin + dim.growEnd);
      }
      Value empty = tensor::EmptyOp::create(rewriter, loc, sizes, elementType);
      Value init = linalg::BroadcastOp::create(rewriter, loc, bias, empty,
                                               ArrayRef<int64_t>{0, 1, 2})
                       ->getResult(0);
      result = tensor::InsertSliceOp::create(rewriter, loc, result, init,
                                             offsets, convSizes, unitStrides);
    }
    if (result.getType() != resultType)
      result = tensor::CastOp::create(rewriter, loc, resultType, result);
    // The zero-point constants have no other use in a typical module; drop
    // them so that no TOSA op is left for the rest of the pipeline.
    llvm::SmallSetVector<Operation *, 2> zeroPoints;
    for (Value zp : {op.getInputZp(), op.getWeightZp()})
      if (Operation *def = zp.getDefiningOp())
        zeroPoints.insert(def);
    rewriter.replaceOp(op, result);
    for (Operation *def : zeroPoints)
      if (def->use_empty() && isPure(def))
        rewriter.eraseOp(def);
    return success();
  }
};

struct ConvertTosaToTConvPass
    : public tconv::impl::ConvertTosaToTConvBase<ConvertTosaToTConvPass> {
  using ConvertTosaToTConvBase::ConvertTosaToTConvBase;

  void runOnOperation() override {
    bool failedStrict = false;
    getOperation()->walk([&](tosa::TransposeConv2DOp op) {
      std::optional<std::string> reason = getTosaToTConvFailureReason(op);
      if (!reason)
        return;
      if (strict) {
        op.emitOpError("cannot be converted to tconv: ") << *reason;
        failedStrict = true;
      } else {
        op.emitWarning("left to the upstream TOSA lowering: ") << *reason;
      }
    });
    if (failedStrict)
      return signalPassFailure();
    RewritePatternSet patterns(&getContext());
    populateTosaToTConvPatterns(patterns);
    // One rewrite per op and no folding: the rest of the module is the
    // user's and stays as it is.
    walkAndApplyPatterns(getOperation(), std::move(patterns));
  }
};

} // namespace

std::optional<std::string>
mlir::tconv::getTosaToTConvFailureReason(tosa::TransposeConv2DOp op) {
  auto inputType = cast<RankedTensorType>(op.getInput().getType());
  auto weightType = cast<RankedTensorType>(op.getWeight().getType());
  auto biasType = cast<RankedTensorType>(op.getBias().getType());
  auto resultType = cast<RankedTensorType>(op.getType());
  Type elementType = inputType.getElementType();
  FailureOr<int64_t> inputZp = op.getInputZeroPoint();
  FailureOr<int64_t> weightZp = op.getWeightZeroPoint();
  if (elementType.isInteger(8)) {
    Type i8 = elementType;
    Type i32 = IntegerType::get(op.getContext(), 32);
    if (weightType.getElementType() != i8 || biasType.getElementType() != i32 ||
        resultType.getElementType() != i32)
      return llvm::formatv("an i8 input needs an i8 weight and i32 bias and "
                           "result, got {0}, {1} and {2}",
                           weightType.getElementType(),
                           biasType.getElementType(),
                           resultType.getElementType())
          .str();
    if (failed(inputZp) || failed(weightZp))
      return std::string("input_zp and weight_zp must be constants");
  } else {
    if (!isSupportedFloat(elementType))
      return llvm::formatv("element type {0} is not f32, f16, bf16 or i8",
                           elementType)
          .str();
    for (Type type : {weightType.getElementType(), biasType.getElementType(),
                      resultType.getElementType()})
      if (type != elementType)
        return llvm::formatv("weight, bias and result must have the input's "
                             "element type {0}, got {1}",
                             elementType, type)
            .str();
    if (failed(inputZp) || failed(weightZp) || *inputZp != 0 || *weightZp != 0)
      return std::string("input_zp and weight_zp must be constant zeros");
  }
  int64_t outChannels = weightType.getDimSize(0);
  int64_t biasSize = biasType.getDimSize(0);
  if (ShapedType::isDynamic(outChannels))
    return std::string("the output channels (weight dim 0) must be static");
  if (ShapedType::isDynamic(biasSize) ||
      (biasSize != 1 && biasSize != outChannels))
    return llvm::formatv("the bias must have a static size of 1 or the "
                         "output channels ({0}), got {1}",
                         outChannels, biasType)
        .str();
  // Positive out_pad is added around tconv's output, which must not be empty.
  for (auto [i, dim] : llvm::enumerate(mapOutPad(op))) {
    int64_t inputSize = inputType.getDimSize(1 + i);
    int64_t kernelSize = weightType.getDimSize(1 + i);
    if (ShapedType::isDynamic(inputSize) || ShapedType::isDynamic(kernelSize))
      continue;
    std::optional<int64_t> size =
        getOutputSize(inputSize, kernelSize, dim.params);
    if (!size || *size < 1)
      return std::string("out_pad crops the whole output");
  }
  return std::nullopt;
}

void mlir::tconv::populateTosaToTConvPatterns(RewritePatternSet &patterns) {
  patterns.add<TransposeConv2DToTConv>(patterns.getContext());
}
