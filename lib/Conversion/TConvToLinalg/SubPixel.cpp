//===- SubPixel.cpp - conv_transpose as one convolution + pixel shuffle ---===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// The sub-pixel lowering: with o + pb = m * s + r, every kernel tap kk lands
// on one (block offset u, residue r) with kk * dil = u * s + r. So all the
// phases together are ONE stride-1 convolution over blocks m whose output
// channels are (residues..., Cout), with the kernel scattered into
// W'[u..., Cin, r..., Cout] (zeros where no tap fits), followed by a pixel
// shuffle: (N, M..., R..., C) -> (N, M1, R1, ..., C) -> flatten -> crop.
// When k == s (U-Net) the convolution has a 1x1 kernel: a plain GEMM.
//
// Unlike the unrolled phase lowering its IR does not grow with the number
// of phases (FCN-32s has 1024), and the convolution has s^d times more
// output channels to vectorize over. It multiplies the scattered zeros of
// W' only when k * dil is not a multiple of s. Needs groups == 1, static
// spatial sizes and the channels-last compute layout.
//
//===----------------------------------------------------------------------===//

#include "Common.h"
#include "tconv/Conversion/TConvToLinalg/TConvToLinalg.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/Support/CheckedArithmetic.h"

using namespace mlir;
using namespace mlir::tconv;
using namespace mlir::tconv::lowering;

namespace {

/// W'[u..., Cin, r..., Cout] = w[kk...] where kk * dil = (U - 1 - u) * s + r
/// in every dim (the unified taps flipped for a correlation), else 0; w is
/// `info.weight`.
Value createSubPixelWeight(OpBuilder &b, Location loc,
                           const ConvTransposeInfo &info,
                           ArrayRef<SubPixelGeometry> geometry) {
  unsigned d = info.numSpatialDims;
  SmallVector<int64_t> shape;
  for (const SubPixelGeometry &g : geometry)
    shape.push_back(g.numTaps);
  shape.push_back(info.inChannels);
  for (const SpatialParams &p : info.params)
    shape.push_back(p.stride);
  shape.push_back(info.outChannels);

  Value weight = info.weight;
  Type elementType = info.elementType;
  Value empty = tensor::EmptyOp::create(b, loc, shape, elementType);
  unsigned rank = shape.size();
  SmallVector<AffineMap> maps = {b.getMultiDimIdentityMap(rank)};
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{empty.getType()}, ValueRange{}, ValueRange{empty}, maps,
      iterators, [&](OpBuilder &nb, Location nl, ValueRange) {
        auto index = [&](int64_t v) {
          return arith::ConstantIndexOp::create(nb, nl, v).getResult();
        };
        Value zeroIndex = index(0);
        Value valid = arith::ConstantIntOp::create(nb, nl, 1, 1);
        SmallVector<Value> taps;
        for (unsigned i = 0; i < d; ++i) {
          const SpatialParams &p = info.params[i];
          Value u = linalg::IndexOp::create(nb, nl, i);
          Value r = linalg::IndexOp::create(nb, nl, d + 1 + i);
          // (U - 1 - u) * s + r = kk * dil
          Value flipped =
              arith::SubIOp::create(nb, nl, index(geometry[i].numTaps - 1), u);
          Value scaled = arith::AddIOp::create(
              nb, nl, arith::MulIOp::create(nb, nl, flipped, index(p.stride)),
              r);
          Value tap = arith::DivUIOp::create(nb, nl, scaled, index(p.dilation));
          Value inKernel =
              arith::CmpIOp::create(nb, nl, arith::CmpIPredicate::ult, tap,
                                    index(info.kernelSizes[i]));
          valid = arith::AndIOp::create(nb, nl, valid, inKernel);
          if (p.dilation != 1) {
            Value rem =
                arith::RemUIOp::create(nb, nl, scaled, index(p.dilation));
            Value exact = arith::CmpIOp::create(
                nb, nl, arith::CmpIPredicate::eq, rem, zeroIndex);
            valid = arith::AndIOp::create(nb, nl, valid, exact);
          }
          taps.push_back(tap);
        }
        // Read in bounds even where no tap fits; the select drops it.
        for (Value &tap : taps)
          tap = arith::SelectOp::create(nb, nl, valid, tap, zeroIndex);
        Value ic = linalg::IndexOp::create(nb, nl, d);
        Value oc = linalg::IndexOp::create(nb, nl, 2 * d + 1);
        SmallVector<Value> source;
        if (info.opChannelsLast) {
          source.push_back(oc); // (Cout, k..., Cin)
          llvm::append_range(source, taps);
          source.push_back(ic);
        } else {
          source = {ic, oc}; // (Cin, Cout, k...)
          llvm::append_range(source, taps);
        }
        Value value = tensor::ExtractOp::create(nb, nl, weight, source);
        Value zero =
            arith::ConstantOp::create(nb, nl, info.getWeightPaddingValue(nb));
        linalg::YieldOp::create(
            nb, nl,
            arith::SelectOp::create(nb, nl, valid, value, zero).getResult());
      });
  // (u..., Cin, r..., Cout) -> (u..., Cin, F)
  SmallVector<ReassociationIndices> reassociation;
  for (unsigned i = 0; i <= d; ++i)
    reassociation.push_back({i});
  ReassociationIndices channels;
  for (unsigned i = d + 1; i < rank; ++i)
    channels.push_back(i);
  reassociation.push_back(channels);
  return tensor::CollapseShapeOp::create(b, loc, generic.getResult(0),
                                         reassociation);
}

/// Reassociation merging the trailing (r..., C) dims of a
/// (N, M..., r..., C) tensor into one channel dim.
SmallVector<ReassociationIndices> getResidueChannelReassociation(unsigned d) {
  SmallVector<ReassociationIndices> reassociation;
  for (unsigned i = 0; i <= d; ++i)
    reassociation.push_back({i});
  ReassociationIndices channels;
  for (unsigned i = d + 1; i < 2 * d + 2; ++i)
    channels.push_back(i);
  reassociation.push_back(channels);
  return reassociation;
}

/// The dim of block index a_i in the (N, a1, b1, ..., C) or
/// (N, C, a1, b1, ...) view of a result (its residue b_i follows it).
unsigned getBlockDim(unsigned i, bool channelsLast) {
  return (channelsLast ? 1 : 2) + 2 * i;
}

/// Reassociation merging each (block, residue) pair of such a view into one
/// image dim.
SmallVector<ReassociationIndices>
getBlockResidueReassociation(unsigned d, bool channelsLast) {
  SmallVector<ReassociationIndices> reassociation = {{0}};
  if (!channelsLast)
    reassociation.push_back({1});
  for (unsigned i = 0; i < d; ++i)
    reassociation.push_back(
        {getBlockDim(i, channelsLast), getBlockDim(i, channelsLast) + 1});
  if (channelsLast)
    reassociation.push_back({2 * d + 1});
  return reassociation;
}

/// The pixel shuffle's permutation from blocks (N, M..., r..., C) to such a
/// view.
SmallVector<int64_t> getShufflePermutation(unsigned d, bool channelsLast) {
  unsigned rank = 2 * d + 2;
  SmallVector<int64_t> permutation(rank);
  permutation[0] = 0;
  permutation[channelsLast ? rank - 1 : 1] = rank - 1;
  for (unsigned i = 0; i < d; ++i) {
    permutation[getBlockDim(i, channelsLast)] = 1 + i;
    permutation[getBlockDim(i, channelsLast) + 1] = 1 + d + i;
  }
  return permutation;
}

/// Whether the pixel shuffle can write the result itself rather than a
/// shuffled tensor the crop then copies (a pass over the result: 22 MB on
/// FCN-32s): where every output size is a multiple of the stride, the crop
/// cuts every block of the result at the same residue. Only where a crop
/// remains (else the shuffle is the result already, or fuses with the
/// transpose back to channels-first), in 2-D and 3-D (in 1-D the shuffle is
/// a reshape: the crop is the one copy either way). A channels-first result
/// is written in the op's layout, each part in rows of its residues of the
/// last dim: where a row would be shorter than a vector of `lanes`, the
/// channels-last shuffle and one transpose back write whole rows instead.
bool canShuffleIntoResult(const ConvTransposeInfo &info,
                          ArrayRef<SubPixelGeometry> geometry,
                          ArrayRef<OpFoldResult> outputSizes, int64_t lanes) {
  if (info.numSpatialDims < 2)
    return false;
  bool cropped = false;
  for (auto [g, p, size] :
       llvm::zip_equal(geometry, info.params, outputSizes)) {
    if (*getConstantIntValue(size) % p.stride != 0)
      return false;
    cropped |= g.outputOffset != 0;
  }
  if (info.needsLayoutChange()) {
    int64_t s = info.params.back().stride, off = geometry.back().outputOffset;
    if ((off == 0 ? s : std::min(off, s - off)) < lanes)
      return false;
  }
  return cropped;
}

/// The pixel shuffle of `expanded` (N, M..., r..., C) into the cropped
/// result (canShuffleIntoResult) in the op's layout, viewed as
/// (N, O1 / s1, s1, ..., C) or (N, C, O1 / s1, s1, ...): with o = a * s + b
/// and off the crop, o + off = m * s + r takes block m = a and residue
/// r = b + off for b < s - off, and m = a + 1, r = b + off - s for the other
/// b. So each combination of these two parts over the dims is a transpose
/// of a block of `expanded` into a block of the result.
Value shuffleIntoResult(OpBuilder &b, Location loc,
                        const ConvTransposeInfo &info,
                        ArrayRef<SubPixelGeometry> geometry,
                        ArrayRef<OpFoldResult> outputSizes, OpFoldResult batch,
                        Value expanded) {
  unsigned d = info.numSpatialDims, rank = 2 * d + 2;
  // Where the (a_i, b_i) pair of each dim and the channels sit in the
  // result.
  bool channelsLast = info.opChannelsLast;
  unsigned channelDim = channelsLast ? rank - 1 : 1;
  auto blockDim = [&](unsigned i) { return getBlockDim(i, channelsLast); };

  // One part per dim without a crop, two with.
  struct Part {
    int64_t block, residue, size, offset;
  };
  SmallVector<SmallVector<Part, 2>, 3> parts;
  SmallVector<OpFoldResult> resultShape(rank);
  resultShape[0] = batch;
  resultShape[channelDim] = b.getIndexAttr(info.outChannels);
  for (auto [i, g, p, size] :
       llvm::enumerate(geometry, info.params, outputSizes)) {
    int64_t s = p.stride, off = g.outputOffset;
    parts.push_back({{0, off, s - off, 0}});
    if (off != 0)
      parts.back().push_back({1, 0, off, s - off});
    resultShape[blockDim(i)] = b.getIndexAttr(*getConstantIntValue(size) / s);
    resultShape[blockDim(i) + 1] = b.getIndexAttr(s);
  }
  Value result =
      tensor::EmptyOp::create(b, loc, resultShape, info.accumulatorType);

  OpFoldResult zero = b.getIndexAttr(0);
  SmallVector<OpFoldResult> unitStrides(rank, b.getIndexAttr(1));
  SmallVector<unsigned> choice(d, 0);
  do {
    // The block of `expanded` and of the result this combination of parts
    // covers.
    SmallVector<OpFoldResult> sourceOffsets(rank, zero), sourceSizes(rank);
    SmallVector<OpFoldResult> resultOffsets(rank, zero), resultSizes(rank);
    sourceSizes.front() = resultSizes.front() = batch;
    sourceSizes.back() = resultSizes[channelDim] = resultShape[channelDim];
    for (unsigned i = 0; i < d; ++i) {
      const Part &part = parts[i][choice[i]];
      OpFoldResult blocks = resultShape[blockDim(i)];
      sourceOffsets[1 + i] = b.getIndexAttr(part.block);
      sourceSizes[1 + i] = blocks;
      sourceOffsets[1 + d + i] = b.getIndexAttr(part.residue);
      sourceSizes[1 + d + i] = b.getIndexAttr(part.size);
      resultSizes[blockDim(i)] = blocks;
      resultOffsets[blockDim(i) + 1] = b.getIndexAttr(part.offset);
      resultSizes[blockDim(i) + 1] = b.getIndexAttr(part.size);
    }
    Value source = tensor::ExtractSliceOp::create(
        b, loc, expanded, sourceOffsets, sourceSizes, unitStrides);
    Value destination = tensor::ExtractSliceOp::create(
        b, loc, result, resultOffsets, resultSizes, unitStrides);
    Value shuffled =
        linalg::TransposeOp::create(b, loc, source, destination,
                                    getShufflePermutation(d, channelsLast))
            ->getResult(0);
    result = tensor::InsertSliceOp::create(
        b, loc, shuffled, result, resultOffsets, resultSizes, unitStrides);
  } while (
      advanceCombination(choice, [&](unsigned i) { return parts[i].size(); }));

  return tensor::CollapseShapeOp::create(
      b, loc, result, getBlockResidueReassociation(d, channelsLast));
}

struct LowerConvTransposeBySubPixel : public ConvTransposeLoweringPattern {
  LowerConvTransposeBySubPixel(MLIRContext *ctx,
                               const ConvertTConvToLinalgOptions &options,
                               const TargetModel &target)
      : ConvTransposeLoweringPattern(ctx, options, target,
                                     LoweringAlgorithm::SubPixel) {}

protected:
  Lowered lower(ConvTransposeOp op, const ConvTransposeInfo &info, Value input,
                PatternRewriter &rewriter) const override {

    Location loc = op.getLoc();
    unsigned d = info.numSpatialDims;
    SmallVector<OpFoldResult> outputSizes =
        getOutputSpatialSizes(rewriter, loc, op, info);
    SmallVector<SubPixelGeometry, 3> geometry;
    SmallVector<int64_t> begins, ends;
    for (unsigned i = 0; i < d; ++i) {
      geometry.push_back(
          getSubPixelGeometry(info.kernelSizes[i], info.params[i],
                              *getConstantIntValue(outputSizes[i])));
      begins.push_back(geometry.back().inputBegin);
      ends.push_back(geometry.back().inputEnd);
    }

    input = sliceOrPadInput(rewriter, loc, input, info, begins, ends);
    Value weight = createSubPixelWeight(rewriter, loc, info, geometry);

    // Accumulator (N, M..., r..., C), as (N, M..., F).
    OpFoldResult batch = tensor::getMixedSize(rewriter, loc, op.getInput(), 0);
    SmallVector<OpFoldResult> blockShape = {batch};
    for (const SubPixelGeometry &g : geometry)
      blockShape.push_back(rewriter.getIndexAttr(g.numBlocks));
    for (const SpatialParams &p : info.params)
      blockShape.push_back(rewriter.getIndexAttr(p.stride));
    blockShape.push_back(rewriter.getIndexAttr(info.outChannels));
    // With a bias (and no zero points, whose terms start the accumulator),
    // the convolution starts from zeros and adds the bias, repeated for
    // every residue, as it stores its tiles: the bias broadcast over the
    // accumulator first cost a pass over it, and every tile reading it back
    // another (the codegen fuses an init into the tiles only with an
    // epilogue).
    SmallVector<ReassociationIndices> residueChannels =
        getResidueChannelReassociation(d);
    bool biasEpilogue = op.getBias() && !info.hasZeroPoints();
    Value init =
        biasEpilogue
            ? createZeroAccumulator(rewriter, loc, info, blockShape)
            : createAccumulatorInit(rewriter, loc, op, info, blockShape);
    init =
        tensor::CollapseShapeOp::create(rewriter, loc, init, residueChannels);

    SmallVector<int64_t> unitDilations(d, 1);
    if (info.hasZeroPoints()) {
      Value weightSums =
          sumWeightPerOutputChannel(rewriter, loc, weight, {d + 1});
      SmallVector<int64_t> tapCounts = llvm::map_to_vector(
          geometry, [](const SubPixelGeometry &g) { return g.numTaps; });
      init = subtractZeroPointTerms(rewriter, loc, info, input, weightSums,
                                    tapCounts, unitDilations, init);
    }
    Value blocks = createChannelsLastConvolution(rewriter, loc, input, weight,
                                                 init, unitDilations);
    if (biasEpilogue) {
      // The bias of every (r..., C) as F channels.
      SmallVector<OpFoldResult> residueShape(blockShape.begin() + d + 1,
                                             blockShape.end());
      Value repeatedBias =
          createAccumulatorInit(rewriter, loc, op, info, residueShape);
      ReassociationIndices all =
          llvm::to_vector(llvm::seq<int64_t>(0, residueShape.size()));
      repeatedBias = tensor::CollapseShapeOp::create(
          rewriter, loc, repeatedBias, ArrayRef<ReassociationIndices>{all});
      Value destination = tensor::EmptyOp::create(
          rewriter, loc, tensor::getMixedSizes(rewriter, loc, blocks),
          info.accumulatorType);
      blocks =
          addBias(rewriter, loc, op, info, blocks, destination, repeatedBias);
    }

    // Pixel shuffle: (N, M..., r..., C) -> (N, M1, r1, ..., C) -> flatten.
    auto blockType = RankedTensorType::get(
        llvm::map_to_vector(blockShape,
                            [](OpFoldResult size) {
                              std::optional<int64_t> c =
                                  getConstantIntValue(size);
                              return c ? *c : ShapedType::kDynamic;
                            }),
        info.accumulatorType);
    Value expanded = tensor::ExpandShapeOp::create(
        rewriter, loc, blockType, blocks, residueChannels, blockShape);
    if (canShuffleIntoResult(
            info, geometry, outputSizes,
            getTarget().getLanes(info.accumulatorType.getIntOrFloatBitWidth())))
      return Lowered(shuffleIntoResult(rewriter, loc, info, geometry,
                                       outputSizes, batch, expanded),
                     /*inOpLayout=*/true);
    SmallVector<int64_t> permutation =
        getShufflePermutation(d, /*channelsLast=*/true);
    SmallVector<OpFoldResult> shuffledShape = llvm::map_to_vector(
        permutation, [&](int64_t p) { return blockShape[p]; });
    Value shuffledInit = tensor::EmptyOp::create(rewriter, loc, shuffledShape,
                                                 info.accumulatorType);
    Value shuffled = linalg::TransposeOp::create(rewriter, loc, expanded,
                                                 shuffledInit, permutation)
                         ->getResult(0);
    Value flat = tensor::CollapseShapeOp::create(
        rewriter, loc, shuffled,
        getBlockResidueReassociation(d, /*channelsLast=*/true));

    SmallVector<OpFoldResult> offsets = {rewriter.getIndexAttr(0)};
    SmallVector<OpFoldResult> sizes = {batch};
    for (unsigned i = 0; i < d; ++i) {
      offsets.push_back(rewriter.getIndexAttr(geometry[i].outputOffset));
      sizes.push_back(outputSizes[i]);
    }
    offsets.push_back(rewriter.getIndexAttr(0));
    sizes.push_back(rewriter.getIndexAttr(info.outChannels));
    return Value(tensor::ExtractSliceOp::create(
        rewriter, loc, flat, offsets, sizes,
        SmallVector<OpFoldResult>(d + 2, rewriter.getIndexAttr(1))));
  }
};

} // namespace

LogicalResult mlir::tconv::lowering::checkSubPixelApplicable(
    ConvTransposeOp op, const ConvTransposeInfo &info,
    llvm::function_ref<void(const Twine &)> reportFailure) {
  if (info.groups != 1) {
    reportFailure("the sub-pixel lowering needs groups == 1");
    return failure();
  }
  if (!info.channelsLast) {
    reportFailure("the sub-pixel lowering needs the channels-last compute "
                  "layout");
    return failure();
  }
  if (op.getInput().getType().getDimSize(0) == 0) {
    reportFailure("the sub-pixel lowering needs a non-empty batch");
    return failure();
  }
  if (failed(checkPhaseDecomposable(op, info, reportFailure)))
    return failure();
  // The residues join the channels (s... * Cout) and the blocks (M * s): a
  // stride far beyond the output size can make those dims overflow int64,
  // as can the taps of a huge dilation.
  ArrayRef<int64_t> resultShape = op.getType().getShape();
  SmallVector<int64_t> residueChannels;
  for (unsigned i = 0; i < info.numSpatialDims; ++i) {
    const SpatialParams &p = info.params[i];
    // dil * (k - 1) fits (the verifier checks it), but with stride 1 the
    // taps, one more, may not.
    if (!getSubPixelTapCount(info.kernelSizes[i], p)) {
      reportFailure("the sub-pixel taps overflow int64 in spatial dim " +
                    Twine(i));
      return failure();
    }
    SubPixelGeometry g = getSubPixelGeometry(
        info.kernelSizes[i], p, resultShape[info.getOpSpatialBegin() + i]);
    if (!llvm::checkedMul<int64_t>(g.numBlocks, p.stride)) {
      reportFailure("the sub-pixel blocks times the stride overflow int64 in "
                    "spatial dim " +
                    Twine(i));
      return failure();
    }
    residueChannels.push_back(p.stride);
  }
  residueChannels.push_back(info.outChannels);
  if (!getCheckedProduct(residueChannels)) {
    reportFailure("the sub-pixel channels (strides times Cout) overflow "
                  "int64");
    return failure();
  }
  return success();
}

void mlir::tconv::lowering::addSubPixelPattern(
    RewritePatternSet &patterns, const ConvertTConvToLinalgOptions &options,
    const TargetModel &target) {
  patterns.add<LowerConvTransposeBySubPixel>(patterns.getContext(), options,
                                             target);
}
