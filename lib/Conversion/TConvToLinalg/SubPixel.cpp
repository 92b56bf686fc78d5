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
// A channels-first result written in rows of 4 residues or more
// (FCN-32s: 16 of its 32) is not computed channels-last and transposed:
// each part of the crop is a convolution of its own with output channels
// (Cout, r...), whose register tiles store result rows themselves.
//
//===----------------------------------------------------------------------===//

#include "Common.h"
#include "tconv/Conversion/TConvToLinalg/TConvToLinalg.h"
#include "tconv/Utils/Builders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/Support/CheckedArithmetic.h"

using namespace mlir;
using namespace mlir::tconv;
using namespace mlir::tconv::lowering;

namespace {

/// Reassociation merging the trailing d + 1 dims of a rank 2d + 2 tensor,
/// its residues and output channels in either order, into one channel dim:
/// an accumulator (N, M..., r..., C) or (N, M..., C, r...), a weight
/// (u..., Cin, r..., C) or (u..., Cin, C, r...).
SmallVector<ReassociationIndices> getResidueChannelReassociation(unsigned d) {
  SmallVector<ReassociationIndices> reassociation;
  for (unsigned i = 0; i <= d; ++i)
    reassociation.push_back({i});
  reassociation.push_back(
      llvm::to_vector(llvm::seq<int64_t>(d + 1, 2 * d + 2)));
  return reassociation;
}

/// W'[u..., Cin, r..., Cout] = w[kk...] where kk * dil = (U - 1 - u) * s + r
/// in every dim (the unified taps flipped for a correlation), else 0; w is
/// `info.weight`. With `channelsFirst`, W'[u..., Cin, Cout, r...].
Value createSubPixelWeight(OpBuilder &b, Location loc,
                           const ConvTransposeInfo &info,
                           ArrayRef<SubPixelGeometry> geometry,
                           bool channelsFirst) {
  unsigned d = info.numSpatialDims;
  SmallVector<int64_t> shape;
  for (const SubPixelGeometry &g : geometry)
    shape.push_back(g.numTaps);
  shape.push_back(info.inChannels);
  if (channelsFirst)
    shape.push_back(info.outChannels);
  for (const SpatialParams &p : info.params)
    shape.push_back(p.stride);
  if (!channelsFirst)
    shape.push_back(info.outChannels);
  // Where the residues and the output channel are among W''s dims.
  unsigned residueBegin = channelsFirst ? d + 2 : d + 1;
  unsigned outChannelDim = channelsFirst ? d + 1 : 2 * d + 1;

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
          Value r = linalg::IndexOp::create(nb, nl, residueBegin + i);
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
        Value oc = linalg::IndexOp::create(nb, nl, outChannelDim);
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
  return generic.getResult(0);
}

/// A sub-pixel weight (u..., Cin, channels...) as (u..., Cin, F): its output
/// channels and residues merged into the convolution's output channels.
Value collapseSubPixelWeight(OpBuilder &b, Location loc, Value weight,
                             unsigned numSpatialDims) {
  return tensor::CollapseShapeOp::create(
      b, loc, weight, getResidueChannelReassociation(numSpatialDims));
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

/// The permutation from a part's blocks (N, M..., C, r...) to a view
/// (N, C, a1, b1, ...) of a channels-first result: the residues stay
/// innermost.
SmallVector<int64_t> getChannelsFirstPartPermutation(unsigned d) {
  SmallVector<int64_t> permutation(2 * d + 2);
  permutation[0] = 0;
  permutation[1] = d + 1;
  for (unsigned i = 0; i < d; ++i) {
    permutation[getBlockDim(i, /*channelsLast=*/false)] = 1 + i;
    permutation[getBlockDim(i, /*channelsLast=*/false) + 1] = d + 2 + i;
  }
  return permutation;
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

/// The fewest residues of the last dim a channels-first result can be
/// written in rows of, a part's convolution each (see
/// convolveIntoResult); with fewer, the channels-last shuffle
/// and one transpose back. On Zen 5 (AVX-512 and Haswell code), against
/// that: rows of 4 to 16 made layers and their fused chains faster (FCN-16s
/// natively 28.7 -> 3.5 ms: its 46 MB of temporaries had gone to fresh
/// pages on every call); rows of 2 made the chain of a 32-channel layer
/// (k 8, s 4) 1.25x slower, its residual read 2 elements at a time.
constexpr int64_t kMinChannelsFirstRow = 4;

/// Whether the pixel shuffle can write the result itself rather than a
/// shuffled tensor the crop then copies (a pass over the result: 22 MB on
/// FCN-32s): where every output size is a multiple of the stride, the crop
/// cuts every block of the result at the same residue. Only where a crop
/// remains (else the shuffle is the result already, or fuses with the
/// transpose back to channels-first), in 2-D and 3-D (in 1-D the shuffle is
/// a reshape: the crop is the one copy either way). A channels-first result
/// is written in the op's layout, each part in rows of its residues of the
/// last dim, at least kMinChannelsFirstRow.
bool canShuffleIntoResult(const ConvTransposeInfo &info,
                          ArrayRef<SubPixelGeometry> geometry,
                          ArrayRef<OpFoldResult> outputSizes) {
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
    if ((off == 0 ? s : std::min(off, s - off)) < kMinChannelsFirstRow)
      return false;
  }
  return cropped;
}

/// The result of a pixel shuffle into the cropped result
/// (canShuffleIntoResult), in parts: with o = a * s + b and off the crop,
/// o + off = m * s + r takes block m = a and residue r = b + off for
/// b < s - off, and m = a + 1, r = b + off - s for the other b. So each
/// combination of these two parts over the dims maps a block of the
/// sub-pixel convolution's result to a block of the op's result, viewed as
/// (N, O1 / s1, s1, ..., C) or (N, C, O1 / s1, s1, ...).
class CroppedShuffle {
public:
  /// One part of a dim: blocks from `block` on, residues [residue, residue +
  /// size), written to result residues [offset, offset + size).
  struct Part {
    int64_t block, residue, size, offset;
  };

  /// With a `chunk` (channels-last only), the view's last residue and
  /// channel dims are (s_d * C / chunk, chunk) instead: rows of the result
  /// in chunks (getChannelsLastChunk).
  CroppedShuffle(OpBuilder &b, const ConvTransposeInfo &info,
                 ArrayRef<SubPixelGeometry> geometry,
                 ArrayRef<OpFoldResult> outputSizes, OpFoldResult batch,
                 int64_t chunk = 0)
      : b(b), d(info.numSpatialDims), channelsLast(info.opChannelsLast),
        outChannels(info.outChannels), chunk(chunk),
        outputSizes(outputSizes.begin(), outputSizes.end()) {
    assert((chunk == 0 || channelsLast) && "chunks of a channels-last view");
    unsigned rank = 2 * d + 2;
    viewShape.resize(rank);
    viewShape[0] = batch;
    viewShape[getChannelDim()] = b.getIndexAttr(chunk ? chunk : outChannels);
    for (auto [i, g, p, size] :
         llvm::enumerate(geometry, info.params, outputSizes)) {
      int64_t s = p.stride, off = g.outputOffset;
      parts.push_back({{0, off, s - off, 0}});
      if (off != 0)
        parts.back().push_back({1, 0, off, s - off});
      viewShape[getBlockDim(i, channelsLast)] =
          b.getIndexAttr(*getConstantIntValue(size) / s);
      viewShape[getBlockDim(i, channelsLast) + 1] =
          b.getIndexAttr(getResidueUnits(i, s));
    }
  }

  /// Calls `writePart(parts, destination)` for every combination of parts
  /// (one per dim) with the block of the result view it covers; the tensor
  /// it returns is inserted there. Returns the result, the view collapsed.
  Value build(Location loc, Type elementType,
              function_ref<Value(ArrayRef<Part>, Value)> writePart) {
    unsigned rank = 2 * d + 2;
    Value result = tensor::EmptyOp::create(b, loc, viewShape, elementType);
    OpFoldResult zero = b.getIndexAttr(0);
    SmallVector<OpFoldResult> unitStrides(rank, b.getIndexAttr(1));
    SmallVector<unsigned> choice(d, 0);
    do {
      SmallVector<Part, 3> chosen;
      SmallVector<OpFoldResult> offsets(rank, zero), sizes = viewShape;
      for (unsigned i = 0; i < d; ++i) {
        chosen.push_back(parts[i][choice[i]]);
        offsets[getBlockDim(i, channelsLast) + 1] =
            b.getIndexAttr(getResidueUnits(i, chosen.back().offset));
        sizes[getBlockDim(i, channelsLast) + 1] =
            b.getIndexAttr(getResidueUnits(i, chosen.back().size));
      }
      Value destination = tensor::ExtractSliceOp::create(
          b, loc, result, offsets, sizes, unitStrides);
      result =
          tensor::InsertSliceOp::create(b, loc, writePart(chosen, destination),
                                        result, offsets, sizes, unitStrides);
    } while (advanceCombination(choice,
                                [&](unsigned i) { return parts[i].size(); }));
    if (!chunk)
      return tensor::CollapseShapeOp::create(
          b, loc, result, getBlockResidueReassociation(d, channelsLast));
    // (N, a1, b1, ..., a_d, chunks, chunk) -> (N, O1, ..., O_d * C) ->
    // (N, O1, ..., O_d, C).
    SmallVector<ReassociationIndices> rows = {{0}};
    for (unsigned i = 0; i + 1 < d; ++i)
      rows.push_back({getBlockDim(i, /*channelsLast=*/true),
                      getBlockDim(i, /*channelsLast=*/true) + 1});
    rows.push_back({2 * d - 1, 2 * d, 2 * d + 1});
    Value collapsed = tensor::CollapseShapeOp::create(b, loc, result, rows);
    SmallVector<ReassociationIndices> channels;
    for (unsigned i = 0; i < d; ++i)
      channels.push_back({i});
    channels.push_back({d, d + 1});
    SmallVector<OpFoldResult> shape = {viewShape[0]};
    llvm::append_range(shape, outputSizes);
    shape.push_back(b.getIndexAttr(outChannels));
    SmallVector<int64_t> staticShape;
    SmallVector<Value> dynamicShape;
    dispatchIndexOpFoldResults(shape, dynamicShape, staticShape);
    return tensor::ExpandShapeOp::create(
        b, loc,
        RankedTensorType::get(
            staticShape,
            cast<RankedTensorType>(collapsed.getType()).getElementType()),
        collapsed, channels, shape);
  }

  /// The number of blocks of dim `i` every part covers.
  OpFoldResult getBlocks(unsigned i) const {
    return viewShape[getBlockDim(i, channelsLast)];
  }

private:
  unsigned getChannelDim() const { return channelsLast ? 2 * d + 1 : 1; }

  /// `residues` residues of dim `i` in the units of the view's residue dim:
  /// chunks for the last dim of a chunked view.
  int64_t getResidueUnits(unsigned i, int64_t residues) const {
    return chunk && i + 1 == d ? residues * outChannels / chunk : residues;
  }

  OpBuilder &b;
  unsigned d;
  bool channelsLast;
  int64_t outChannels, chunk;
  SmallVector<OpFoldResult> outputSizes;
  SmallVector<SmallVector<Part, 2>, 3> parts;
  SmallVector<OpFoldResult> viewShape;
};

/// The pixel shuffle of `expanded` (N, M..., r..., C) into the cropped
/// result (canShuffleIntoResult) in the op's layout: a transpose per
/// combination of parts.
Value shuffleIntoResult(OpBuilder &b, Location loc,
                        const ConvTransposeInfo &info,
                        ArrayRef<SubPixelGeometry> geometry,
                        ArrayRef<OpFoldResult> outputSizes, OpFoldResult batch,
                        Value expanded) {
  unsigned d = info.numSpatialDims, rank = 2 * d + 2;
  CroppedShuffle shuffle(b, info, geometry, outputSizes, batch);
  SmallVector<OpFoldResult> unitStrides(rank, b.getIndexAttr(1));
  return shuffle.build(
      loc, info.accumulatorType,
      [&](ArrayRef<CroppedShuffle::Part> parts, Value destination) -> Value {
        // The block of `expanded` this combination of parts covers.
        SmallVector<OpFoldResult> offsets(rank, b.getIndexAttr(0));
        SmallVector<OpFoldResult> sizes =
            tensor::getMixedSizes(b, loc, expanded);
        for (auto [i, part] : llvm::enumerate(parts)) {
          offsets[1 + i] = b.getIndexAttr(part.block);
          sizes[1 + i] = shuffle.getBlocks(i);
          offsets[1 + d + i] = b.getIndexAttr(part.residue);
          sizes[1 + d + i] = b.getIndexAttr(part.size);
        }
        Value source = tensor::ExtractSliceOp::create(b, loc, expanded, offsets,
                                                      sizes, unitStrides);
        return linalg::TransposeOp::create(
                   b, loc, source, destination,
                   getShufflePermutation(d, info.opChannelsLast))
            ->getResult(0);
      });
}

/// The permutation from a part's blocks (N, M..., chunks, r_1..r_{d-1},
/// chunk) to a chunked view (N, a1, b1, ..., a_d, chunks, chunk) of a
/// channels-last result (getChannelsLastChunk).
SmallVector<int64_t> getChunkedPartPermutation(unsigned d) {
  SmallVector<int64_t> permutation(2 * d + 2);
  permutation[0] = 0;
  for (unsigned i = 0; i + 1 < d; ++i) {
    permutation[getBlockDim(i, /*channelsLast=*/true)] = 1 + i;
    permutation[getBlockDim(i, /*channelsLast=*/true) + 1] = d + 2 + i;
  }
  permutation[2 * d - 1] = d;
  permutation[2 * d] = d + 1;
  permutation[2 * d + 1] = 2 * d + 1;
  return permutation;
}

/// A part's residues of the channels-last sub-pixel weight `weight`
/// (u..., Cin, r'..., C) as (u..., Cin, F), F ordered (chunks, r'_1...,
/// r'_{d-1}, chunk): the rows (r'_d, C) of the result split into
/// `chunk`-element pieces, outermost (getChannelsLastChunk).
Value chunkPartWeight(OpBuilder &b, Location loc, Value weight, unsigned d,
                      int64_t chunk) {
  auto type = cast<RankedTensorType>(weight.getType());
  ArrayRef<int64_t> shape = type.getShape();
  unsigned rank = shape.size(); // 2d + 2
  // (u..., Cin, r'..., C) -> (u..., Cin, r'_1..r'_{d-1}, r'_d * C).
  SmallVector<ReassociationIndices> rows;
  for (unsigned i = 0; i + 2 < rank; ++i)
    rows.push_back({i});
  rows.push_back({rank - 2, rank - 1});
  Value merged = tensor::CollapseShapeOp::create(b, loc, weight, rows);
  // -> (u..., Cin, r'_1..r'_{d-1}, chunks, chunk).
  int64_t row = shape[rank - 2] * shape[rank - 1];
  SmallVector<int64_t> chunkedShape(shape.begin(), shape.end() - 2);
  chunkedShape.append({row / chunk, chunk});
  Value chunked = tensor::ExpandShapeOp::create(
      b, loc, RankedTensorType::get(chunkedShape, type.getElementType()),
      merged, rows);
  // -> (u..., Cin, chunks, r'_1..r'_{d-1}, chunk).
  SmallVector<int64_t> permutation;
  for (unsigned i = 0; i <= d; ++i)
    permutation.push_back(i);
  permutation.push_back(rank - 2);
  for (unsigned i = d + 1; i + 2 < rank; ++i)
    permutation.push_back(i);
  permutation.push_back(rank - 1);
  SmallVector<int64_t> transposedShape = llvm::map_to_vector(
      permutation, [&](int64_t p) { return chunkedShape[p]; });
  Value empty =
      tensor::EmptyOp::create(b, loc, transposedShape, type.getElementType());
  Value transposed =
      linalg::TransposeOp::create(b, loc, chunked, empty, permutation)
          ->getResult(0);
  return collapseSubPixelWeight(b, loc, transposed, d);
}

/// One part (`parts`, one per dim) of convolveIntoResult: the convolution
/// over the part's `blocks` of `input` (with the taps' halo) with its
/// residues of `weight`, then its pixel shuffle into `destination`, adding
/// the bias. Channels-first, `weight` is (u..., Cin, C, r...) and the
/// convolution's output channels (C, r'...); channels-last with a `chunk`,
/// `weight` is (u..., Cin, r..., C) and they are (chunks, r'_1...,
/// r'_{d-1}, chunk) (chunkPartWeight), and `chunkedBias` the bias of the
/// chunks of a whole row of the last dim (the op's, when it has one).
Value convolvePart(OpBuilder &b, Location loc, ConvTransposeOp op,
                   const ConvTransposeInfo &info,
                   ArrayRef<CroppedShuffle::Part> parts,
                   ArrayRef<int64_t> blocks, ArrayRef<int64_t> tapCounts,
                   OpFoldResult batch, Value input, Value weight,
                   Value destination, int64_t chunk, Value chunkedBias) {
  unsigned d = info.numSpatialDims;
  auto weightType = cast<RankedTensorType>(weight.getType());
  SmallVector<OpFoldResult> inputOffsets(d + 2, b.getIndexAttr(0));
  SmallVector<OpFoldResult> inputSizes = tensor::getMixedSizes(b, loc, input);
  SmallVector<OpFoldResult> weightOffsets(weightType.getRank(),
                                          b.getIndexAttr(0));
  SmallVector<OpFoldResult> weightSizes =
      getAsIndexOpFoldResult(b.getContext(), weightType.getShape());
  unsigned residueBegin = chunk ? d + 1 : d + 2;
  // The convolution's result (N, M..., F) and its F expanded.
  SmallVector<OpFoldResult> resultShape = {batch};
  SmallVector<OpFoldResult> expandedShape = {batch};
  int64_t channels = info.outChannels;
  for (auto [i, part] : llvm::enumerate(parts)) {
    inputOffsets[1 + i] = b.getIndexAttr(part.block);
    inputSizes[1 + i] = b.getIndexAttr(blocks[i] + tapCounts[i] - 1);
    weightOffsets[residueBegin + i] = b.getIndexAttr(part.residue);
    weightSizes[residueBegin + i] = b.getIndexAttr(part.size);
    resultShape.push_back(b.getIndexAttr(blocks[i]));
    expandedShape.push_back(b.getIndexAttr(blocks[i]));
    channels *= part.size;
  }
  resultShape.push_back(b.getIndexAttr(channels));
  int64_t rowElements = parts.back().size * info.outChannels;
  if (chunk) {
    expandedShape.push_back(b.getIndexAttr(rowElements / chunk));
    for (const CroppedShuffle::Part &part : parts.drop_back())
      expandedShape.push_back(b.getIndexAttr(part.size));
    expandedShape.push_back(b.getIndexAttr(chunk));
  } else {
    expandedShape.push_back(b.getIndexAttr(info.outChannels));
    for (const CroppedShuffle::Part &part : parts)
      expandedShape.push_back(b.getIndexAttr(part.size));
  }

  Value partInput = tensor::ExtractSliceOp::create(
      b, loc, input, inputOffsets, inputSizes,
      SmallVector<OpFoldResult>(d + 2, b.getIndexAttr(1)));
  Value partWeight = tensor::ExtractSliceOp::create(
      b, loc, weight, weightOffsets, weightSizes,
      SmallVector<OpFoldResult>(weightType.getRank(), b.getIndexAttr(1)));
  partWeight = chunk ? chunkPartWeight(b, loc, partWeight, d, chunk)
                     : collapseSubPixelWeight(b, loc, partWeight, d);
  // From zeros (minus the zero-point terms): the shuffle adds the bias.
  Value init = createZeroAccumulator(b, loc, info, resultShape);
  SmallVector<int64_t> unitDilations(d, 1);
  if (info.hasZeroPoints())
    init = subtractZeroPointTerms(
        b, loc, info, partInput,
        sumWeightPerOutputChannel(b, loc, partWeight, {d + 1}), tapCounts,
        unitDilations, init);
  Value result = createChannelsLastConvolution(b, loc, partInput, partWeight,
                                               init, unitDilations);

  SmallVector<int64_t> staticShape;
  SmallVector<Value> dynamicShape;
  dispatchIndexOpFoldResults(expandedShape, dynamicShape, staticShape);
  Value expanded = tensor::ExpandShapeOp::create(
      b, loc, RankedTensorType::get(staticShape, info.accumulatorType), result,
      getResidueChannelReassociation(d), expandedShape);

  SmallVector<int64_t> permutation =
      chunk ? getChunkedPartPermutation(d) : getChannelsFirstPartPermutation(d);
  if (!op.getBias())
    return linalg::TransposeOp::create(b, loc, expanded, destination,
                                       permutation)
        ->getResult(0);
  unsigned rank = permutation.size();
  Value bias = op.getBias();
  AffineMap biasMap = AffineMap::get(rank, 0, b.getAffineDimExpr(1));
  if (chunk) {
    // The part's chunks start a row (a multiple of C): the first of the
    // whole row's.
    bias = tensor::ExtractSliceOp::create(
        b, loc, chunkedBias,
        ArrayRef<OpFoldResult>{b.getIndexAttr(0), b.getIndexAttr(0)},
        ArrayRef<OpFoldResult>{b.getIndexAttr(rowElements / chunk),
                               b.getIndexAttr(chunk)},
        ArrayRef<OpFoldResult>{b.getIndexAttr(1), b.getIndexAttr(1)});
    biasMap = AffineMap::get(
        rank, 0, {b.getAffineDimExpr(rank - 2), b.getAffineDimExpr(rank - 1)},
        b.getContext());
  }
  SmallVector<AffineMap> maps = {
      inversePermutation(
          AffineMap::getPermutationMap(permutation, b.getContext())),
      biasMap, b.getMultiDimIdentityMap(rank)};
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  return linalg::GenericOp::create(
             b, loc, TypeRange{destination.getType()},
             ValueRange{expanded, bias}, ValueRange{destination}, maps,
             iterators,
             [&](OpBuilder &nb, Location nl, ValueRange args) {
               linalg::YieldOp::create(nb, nl,
                                       addBiasValue(nb, nl, args[0], args[1],
                                                    info.accumulatorType));
             })
      .getResult(0);
}

/// The chunk a channels-last result can be written in by the parts of
/// its crop, a convolution each (convolveIntoResult), if any: a 64-byte
/// line of accumulator elements (a vector or two of a register tile's
/// channels on every target), where each part's residues of the last dim
/// times the output channels (a run of a result row, contiguous) are whole
/// chunks. The convolution's output channels then run over the chunks of
/// those runs (chunkPartWeight), so that each vector of a register tile is
/// a piece of a chunk the tile stores. Otherwise the channels-last shuffle
/// into the result is a pass over a temporary the size of the blocks
/// (FCN-32s: 25 MB, its 21 channels copied as 16 + 4 + 1; 5.9 -> 3.4 ms on
/// Zen 5 in chunks).
std::optional<int64_t>
getChannelsLastChunk(const ConvTransposeInfo &info,
                     ArrayRef<SubPixelGeometry> geometry) {
  constexpr int64_t kLineBytes = 64;
  int64_t elementBytes = info.accumulatorType.getIntOrFloatBitWidth() / 8;
  if (info.needsLayoutChange() || !info.opChannelsLast || elementBytes == 0 ||
      kLineBytes % elementBytes != 0)
    return std::nullopt;
  int64_t chunk = kLineBytes / elementBytes;
  int64_t s = info.params.back().stride, off = geometry.back().outputOffset;
  for (int64_t residues : {s - off, off})
    if (residues != 0 && (residues * info.outChannels) % chunk != 0)
      return std::nullopt;
  return chunk;
}

/// A result written by the parts of its crop (canShuffleIntoResult): each
/// combination of crop parts is a convolution of its own over its blocks of
/// `input` with the part's residues of `weight` (createSubPixelWeight in
/// the compute layout), whose output channels are ordered so that a vector
/// of its accumulators is a run of a result row or several: channels-first
/// (C, r'...) (16 lanes, rows of 8: two), channels-last in `chunk`s
/// (getChannelsLastChunk). Its pixel shuffle, which also adds the bias,
/// then moves whole vectors: the codegen computes it on the convolution's
/// register tiles as their epilogue, and the result is written once, by
/// the tiles (FCN-32s had a 25 MB temporary and a pass transposing it).
Value convolveIntoResult(OpBuilder &b, Location loc, ConvTransposeOp op,
                         const ConvTransposeInfo &info,
                         ArrayRef<SubPixelGeometry> geometry,
                         ArrayRef<OpFoldResult> outputSizes, OpFoldResult batch,
                         Value input, Value weight, int64_t chunk) {
  CroppedShuffle shuffle(b, info, geometry, outputSizes, batch, chunk);
  // Each element's bias in a row of chunks of the last dim (s_d residues x
  // C), once for all parts.
  Value chunkedBias;
  if (chunk && op.getBias())
    chunkedBias = createRepeatedChannels(
        b, loc, op.getBias(),
        {info.params.back().stride * info.outChannels / chunk, chunk});
  SmallVector<int64_t> blocks, tapCounts;
  for (auto [i, g] : llvm::enumerate(geometry)) {
    blocks.push_back(*getConstantIntValue(shuffle.getBlocks(i)));
    tapCounts.push_back(g.numTaps);
  }
  return shuffle.build(
      loc, info.accumulatorType,
      [&](ArrayRef<CroppedShuffle::Part> parts, Value destination) {
        return convolvePart(b, loc, op, info, parts, blocks, tapCounts, batch,
                            input, weight, destination, chunk, chunkedBias);
      });
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
    OpFoldResult batch = tensor::getMixedSize(rewriter, loc, op.getInput(), 0);
    bool intoResult = canShuffleIntoResult(info, geometry, outputSizes);
    std::optional<int64_t> chunk =
        intoResult ? getChannelsLastChunk(info, geometry) : std::nullopt;
    if (intoResult && (info.needsLayoutChange() || chunk))
      return Lowered(
          convolveIntoResult(rewriter, loc, op, info, geometry, outputSizes,
                             batch, input,
                             createSubPixelWeight(rewriter, loc, info, geometry,
                                                  /*channelsFirst=*/!chunk),
                             chunk.value_or(0)),
          /*inOpLayout=*/true);
    Value weight = collapseSubPixelWeight(
        rewriter, loc,
        createSubPixelWeight(rewriter, loc, info, geometry,
                             /*channelsFirst=*/false),
        d);

    // Accumulator (N, M..., r..., C), as (N, M..., F).
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
    if (intoResult)
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
