//===- ConvsToChannelsLast.cpp - Channels-first convs computed NHWC -------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// The codegen turns channels-last convolutions into register-blocked FMAs
// but channels-first ones only through vector transposes (about 9x slower,
// see docs/architecture.md). Whole models imported from PyTorch or ONNX are
// channels-first throughout, so each of their `linalg.conv_1d_ncw_fcw` and
// `linalg.conv_2d_nchw_fchw` ops is rewritten here into its channels-last form
// between transposes: the input (its zero padding moved after the transpose, so
// that the transpose can write into the padded tensor), the filter ((F, C,
// k...) to (k..., C, F): parameters, which weight packing moves out of the
// call) and the init, and the result back. tconv-fuse-elementwise then removes
// the transposes between two convolutions.
//
//===----------------------------------------------------------------------===//

#include "tconv/Transforms/Passes.h"
#include "tconv/Utils/Builders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/IndexingUtils.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::tconv {
#define GEN_PASS_DEF_CONVSTOCHANNELSLAST
#include "tconv/Transforms/Passes.h.inc"
} // namespace mlir::tconv

using namespace mlir;
using mlir::tconv::createTranspose;
using mlir::tconv::getActivationPermutation;

namespace {

/// The input in (N, S..., C): a zero `tensor.pad` of the spatial dims is
/// applied after the transpose instead of before.
Value getChannelsLastInput(OpBuilder &b, Location loc, Value input) {
  int64_t rank = cast<RankedTensorType>(input.getType()).getRank();
  SmallVector<int64_t> permutation =
      getActivationPermutation(rank, /*toChannelsLast=*/true);
  auto pad = input.getDefiningOp<tensor::PadOp>();
  Value padValue = pad ? pad.getConstantPaddingValue() : Value();
  if (!padValue || !matchPattern(padValue, m_AnyZeroFloat()) ||
      pad.getNofold() ||
      llvm::any_of(
          llvm::concat<const int64_t>(pad.getStaticLow().take_front(2),
                                      pad.getStaticHigh().take_front(2)),
          [](int64_t size) { return size != 0; }))
    return createTranspose(b, loc, input, permutation);
  Value source = createTranspose(b, loc, pad.getSource(), permutation);
  SmallVector<OpFoldResult> low =
      applyPermutation(pad.getMixedLowPad(), permutation);
  SmallVector<OpFoldResult> high =
      applyPermutation(pad.getMixedHighPad(), permutation);
  return tensor::PadOp::create(
      b, loc,
      RankedTensorType::get(
          applyPermutation(pad.getResultType().getShape(), permutation),
          pad.getResultType().getElementType()),
      source, low, high, padValue);
}

/// Rewrites the channels-first convolution `SourceOp` as the channels-last
/// `TargetOp` of the same strides and dilations.
template <typename SourceOp, typename TargetOp>
struct ConvToChannelsLast : OpRewritePattern<SourceOp> {
  using OpRewritePattern<SourceOp>::OpRewritePattern;

  LogicalResult matchAndRewrite(SourceOp op,
                                PatternRewriter &rewriter) const override {
    if (!op.hasPureTensorSemantics())
      return rewriter.notifyMatchFailure(op, "not on tensors");
    Location loc = op.getLoc();
    Value input = op.getDpsInputOperand(0)->get();
    Value filter = op.getDpsInputOperand(1)->get();
    Value init = op.getDpsInitOperand(0)->get();
    int64_t rank = cast<RankedTensorType>(init.getType()).getRank();
    SmallVector<int64_t> permutation =
        getActivationPermutation(rank, /*toChannelsLast=*/true);
    // (F, C, k...) -> (k..., C, F).
    SmallVector<int64_t> filterPermutation =
        llvm::to_vector(llvm::seq<int64_t>(2, rank));
    filterPermutation.append({1, 0});

    Value channelsLastInit = createTranspose(rewriter, loc, init, permutation);
    auto conv = TargetOp::create(
        rewriter, loc, TypeRange{channelsLastInit.getType()},
        ValueRange{getChannelsLastInput(rewriter, loc, input),
                   createTranspose(rewriter, loc, filter, filterPermutation)},
        ValueRange{channelsLastInit}, op.getStrides(), op.getDilations());
    rewriter.replaceOp(
        op, createTranspose(
                rewriter, loc, conv->getResult(0),
                getActivationPermutation(rank, /*toChannelsLast=*/false)));
    return success();
  }
};

struct ConvsToChannelsLast
    : tconv::impl::ConvsToChannelsLastBase<ConvsToChannelsLast> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<
        ConvToChannelsLast<linalg::Conv1DNcwFcwOp, linalg::Conv1DNwcWcfOp>,
        ConvToChannelsLast<linalg::Conv2DNchwFchwOp, linalg::Conv2DNhwcHwcfOp>>(
        &getContext());
    // One application per op: no pattern produces what another matches.
    GreedyRewriteConfig config;
    config.setStrictness(GreedyRewriteStrictness::ExistingOps);
    if (failed(
            applyPatternsGreedily(getOperation(), std::move(patterns), config)))
      signalPassFailure();
  }
};

} // namespace
