//===- PrepareDotProductOperands.cpp - Operands for i8 dot products -------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// A quantized convolution's register tile steps over the input channels
// that one dot-product instruction sums per lane (tconv-lower-int8-dot-
// products), two or four; with a count they do not divide (an RGB input,
// FCN's 21 classes) it stays on i32 multiplies. The input and the weights
// are padded with zero channels instead, which changes no product.
//
// VPMADDWD multiplies pairs of i16. A register tile of i8 inputs widens
// every pixel's pair of inputs for each weight vector it meets: a broadcast
// from a general-purpose register and a sign extension, two shuffles per
// pixel and reduction step, on the two shuffle pipes that Zen 3 also
// spends on the weights (llvm-mca: unet2's inner loop 18 cycles, 11 with
// i16 inputs, whose pairs are broadcast loads). Widened once, before the
// convolution, each input costs one extension in the pass that produces it
// (the sign flip of a u8 input, the transpose to channels-last), where
// tconv-fuse-elementwise merges it, and twice the bytes in memory. The
// extension is moved above the slices and the zero-point padding between
// the producer and the convolutions, so that the phases of one transposed
// convolution share one widened input.
//
//===----------------------------------------------------------------------===//

#include "tconv/Codegen/Passes.h"
#include "tconv/Codegen/TileSelection.h"
#include "tconv/Target/TargetModel.h"
#include "tconv/Utils/Builders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StructuredOpsUtils.h"
#include "mlir/IR/Dominance.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/CSE.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::tconv {
#define GEN_PASS_DEF_PREPAREDOTPRODUCTOPERANDS
#include "tconv/Codegen/Passes.h.inc"
} // namespace mlir::tconv

using namespace mlir;
using namespace mlir::tconv;

namespace {

/// `value` (an i8 tensor) sign-extended to i16 right after its definition,
/// so that every user of `value` can share it; an existing extension is
/// reused (it was created at the same place).
Value getWidened(RewriterBase &rewriter, Value value) {
  auto type = cast<RankedTensorType>(value.getType());
  auto widenedType = type.clone(rewriter.getI16Type());
  for (Operation *user : value.getUsers())
    if (auto extension = dyn_cast<arith::ExtSIOp>(user))
      if (extension.getType() == widenedType)
        return extension;
  OpBuilder::InsertionGuard guard(rewriter);
  rewriter.setInsertionPointAfterValue(value);
  return arith::ExtSIOp::create(rewriter, value.getLoc(), widenedType, value);
}

/// A convolution that the target's dot products compute gets input channels
/// in whole groups, and for VPMADDWD an i16 input.
struct PrepareConvolutionOperands
    : public OpInterfaceRewritePattern<linalg::LinalgOp> {
  PrepareConvolutionOperands(MLIRContext *ctx, const TargetModel &target)
      : OpInterfaceRewritePattern(ctx), target(target) {}

  LogicalResult matchAndRewrite(linalg::LinalgOp op,
                                PatternRewriter &rewriter) const override {
    Int8DotProduct dotProduct = getInt8DotProduct(target, op);
    if (!op.hasPureTensorSemantics() || dotProduct == Int8DotProduct::None)
      return failure();
    OpOperand *input = op.getDpsInputOperand(0);
    if (!getElementTypeOrSelf(input->get().getType()).isInteger(8))
      return failure();
    FailureOr<linalg::ConvolutionDimensions> dims =
        linalg::inferConvolutionDims(op);
    if (failed(dims) || dims->inputChannel.size() != 1 ||
        dims->outputChannel.size() != 1 || !dims->depth.empty())
      return failure();
    unsigned channelLoop = dims->inputChannel.front();
    int64_t channels = op.getStaticLoopRanges()[channelLoop];
    auto regionBuilder = op.getRegionBuilder();
    if (ShapedType::isDynamic(channels) || !regionBuilder)
      return failure();
    bool widen = dotProduct == Int8DotProduct::PairsOfI16;
    int64_t padding =
        llvm::alignTo(channels, getInt8DotProductGroup(dotProduct)) - channels;
    if (!widen && padding == 0)
      return failure();
    // The dims of the input and the filter that the channel loop indexes.
    OpOperand *filter = op.getDpsInputOperand(1);
    AffineExpr channel = getAffineDimExpr(channelLoop, op.getContext());
    std::optional<unsigned> inputDim =
        op.getMatchingIndexingMap(input).getResultPosition(channel);
    std::optional<unsigned> filterDim =
        op.getMatchingIndexingMap(filter).getResultPosition(channel);
    if (!inputDim || !filterDim)
      return failure();

    SmallVector<Value> operands(op->getOperands());
    Value &inputValue = operands[input->getOperandNumber()];
    Value &filterValue = operands[filter->getOperandNumber()];
    if (widen)
      inputValue = getWidened(rewriter, inputValue);
    // Zero channels of weights (and inputs): no product, and no zero-point
    // term (those sum the weights), changes.
    if (padding != 0) {
      inputValue = createZeroPadAtEnd(rewriter, op.getLoc(), inputValue,
                                      *inputDim, padding);
      filterValue = createZeroPadAtEnd(rewriter, op.getLoc(), filterValue,
                                       *filterDim, padding);
    }
    // A named op's body casts its block arguments: built anew for i16.
    Operation *prepared =
        cloneWithoutRegions(rewriter, op, op->getResultTypes(), operands);
    SmallVector<Type> argTypes = llvm::map_to_vector(
        operands, [](Value value) { return getElementTypeOrSelf(value); });
    SmallVector<Location> argLocs(operands.size(), op.getLoc());
    OpBuilder::InsertionGuard guard(rewriter);
    Block *body =
        rewriter.createBlock(&prepared->getRegion(0), {}, argTypes, argLocs);
    ImplicitLocOpBuilder builder(op.getLoc(), rewriter);
    builder.setInsertionPointToStart(body);
    regionBuilder(builder, *body, prepared->getAttrs(),
                  [&] { return prepared->emitError(); });
    rewriter.replaceOp(op, prepared->getResults());
    return success();
  }

  const TargetModel &target;
};

/// extsi(extract_slice(x)) -> extract_slice(extsi(x)): the phases' slices of
/// one input share its extension.
struct WidenBeforeSlice : public OpRewritePattern<arith::ExtSIOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(arith::ExtSIOp op,
                                PatternRewriter &rewriter) const override {
    auto slice = op.getIn().getDefiningOp<tensor::ExtractSliceOp>();
    if (!slice || !isa<RankedTensorType>(op.getType()))
      return failure();
    Value widened = getWidened(rewriter, slice.getSource());
    rewriter.replaceOpWithNewOp<tensor::ExtractSliceOp>(
        op, cast<RankedTensorType>(op.getType()), widened,
        slice.getMixedOffsets(), slice.getMixedSizes(),
        slice.getMixedStrides());
    return success();
  }
};

/// extsi(pad(x, v)) -> pad(extsi(x), extsi(v)) for a padding value defined
/// outside the pad (the input's zero point).
struct WidenBeforePad : public OpRewritePattern<arith::ExtSIOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(arith::ExtSIOp op,
                                PatternRewriter &rewriter) const override {
    auto pad = op.getIn().getDefiningOp<tensor::PadOp>();
    if (!pad || !isa<RankedTensorType>(op.getType()))
      return failure();
    Value padding = pad.getConstantPaddingValue();
    if (!padding)
      return failure();
    Value widened = getWidened(rewriter, pad.getSource());
    Value widenedPadding = arith::ExtSIOp::create(
        rewriter, op.getLoc(), rewriter.getI16Type(), padding);
    rewriter.replaceOpWithNewOp<tensor::PadOp>(
        op, cast<RankedTensorType>(op.getType()), widened, pad.getMixedLowPad(),
        pad.getMixedHighPad(), widenedPadding, pad.getNofold());
    return success();
  }
};

struct PrepareDotProductOperandsPass
    : public tconv::impl::PrepareDotProductOperandsBase<
          PrepareDotProductOperandsPass> {
  using PrepareDotProductOperandsBase::PrepareDotProductOperandsBase;

  LogicalResult initialize(MLIRContext *ctx) override {
    return loadTargetModelForPass(ctx, getArgument(), targetTriple, targetCpu,
                                  targetFeatures, target);
  }

  void runOnOperation() override {
    if (target.int8DotProduct == Int8DotProduct::None)
      return;
    MLIRContext *ctx = &getContext();
    RewritePatternSet preparation(ctx);
    preparation.add<PrepareConvolutionOperands>(ctx, target);
    preparation.add<WidenBeforeSlice, WidenBeforePad>(ctx);
    if (failed(applyPatternsGreedily(getOperation(), std::move(preparation))))
      return signalPassFailure();
    // A pad or slice widened for one phase after another's took its
    // extension is widened twice.
    IRRewriter rewriter(ctx);
    eliminateCommonSubExpressions(rewriter, getAnalysis<DominanceInfo>(),
                                  getOperation());
    // The extensions, on tensors, as the linalg.generic ops that
    // tconv-fuse-elementwise merges into their producers.
    SmallVector<Operation *> extensions;
    getOperation()->walk([&](arith::ExtSIOp op) {
      if (isa<RankedTensorType>(op.getType()))
        extensions.push_back(op);
    });
    RewritePatternSet toLinalg(ctx);
    linalg::populateElementwiseToLinalgConversionPatterns(toLinalg);
    if (failed(applyOpPatternsGreedily(extensions, std::move(toLinalg))))
      signalPassFailure();
  }

  TargetModel target;
};

} // namespace
