//===- ZeroInsertion.cpp - conv_transpose by zero insertion ---------------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// The classic lowering of docs/algorithm.md: insert s - 1 zeros between
// input elements, pad (or crop) by dil * (k - 1) - pb at the begin and
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
        b, loc,
        AffineMap::get(1, 0, {d0 - removed, b.getAffineConstantExpr(0)},
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
      arith::ConstantOp::create(b, loc, info.getInputPaddingValue(b));
  Value zeros = linalg::FillOp::create(b, loc, zeroValue, empty).getResult(0);
  if (isEmpty)
    return zeros;

  SmallVector<OpFoldResult> unitStrides(rank, one);
  SmallVector<OpFoldResult> sizes = activation(batch, channels, sliceSizes);
  if (needsSlice)
    input = tensor::ExtractSliceOp::create(b, loc, input,
                                           activation(zero, zero, sliceOffsets),
                                           sizes, unitStrides);
  return tensor::InsertSliceOp::create(
      b, loc, input, zeros, activation(zero, zero, insertOffsets), sizes,
      activation(one, one, insertStrides));
}

struct LowerConvTransposeByZeroInsertion : public ConvTransposeLoweringPattern {
  LowerConvTransposeByZeroInsertion(MLIRContext *ctx,
                                    const ConvertTConvToLinalgOptions &options,
                                    const TargetModel &target)
      : ConvTransposeLoweringPattern(ctx, options, target,
                                     LoweringAlgorithm::ZeroInsertion) {}

protected:
  Lowered lower(ConvTransposeOp op, const ConvTransposeInfo &info, Value input,
                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    SmallVector<OpFoldResult> outputSpatialSizes =
        getOutputSpatialSizes(rewriter, loc, op, info);
    input =
        createZeroInsertedInput(rewriter, loc, input, info, outputSpatialSizes);
    SmallVector<OpFoldResult> outputShape =
        assembleActivationShape<OpFoldResult>(
            tensor::getMixedSize(rewriter, loc, op.getInput(), 0),
            rewriter.getIndexAttr(info.outChannels), outputSpatialSizes,
            info.channelsLast);
    Value init = createAccumulatorInit(rewriter, loc, op, info, outputShape);

    SmallVector<int64_t> dilations;
    for (const SpatialParams &p : info.params)
      dilations.push_back(p.dilation);
    return createStrideOneConvolution(rewriter, loc, op, info, input, init,
                                      getFlippedKernel(info), dilations,
                                      /*count=*/1);
  }
};

} // namespace

void mlir::tconv::lowering::addZeroInsertionPattern(
    RewritePatternSet &patterns, const ConvertTConvToLinalgOptions &options,
    const TargetModel &target) {
  patterns.add<LowerConvTransposeByZeroInsertion>(patterns.getContext(),
                                                  options, target);
}
