//===- TileSelection.cpp - Tile sizes from the target model ---------------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//

#include "tconv/Codegen/TileSelection.h"
#include "tconv/Dialect/TConv/IR/TConvDialect.h"

#include "mlir/IR/BuiltinTypeInterfaces.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Location.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/bit.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/MathExtras.h"

#include <algorithm>

using namespace mlir;
using namespace mlir::tconv;

int64_t tconv::getDividingTileSize(int64_t size, int64_t limit) {
  if (ShapedType::isDynamic(size))
    return 1;
  for (int64_t tile = std::min(size, limit); tile > 1; --tile)
    if (size % tile == 0)
      return tile;
  return 1;
}

int64_t tconv::getChannelTileSize(int64_t size, int64_t limit, int64_t lanes) {
  if (ShapedType::isDynamic(size))
    return 1;
  for (int64_t tile = std::min(size, limit); tile >= lanes; --tile)
    if (size % tile == 0 && tile % lanes == 0 &&
        llvm::isPowerOf2_64(tile / lanes))
      return tile;
  return getDividingTileSize(size, std::min(limit, lanes));
}

namespace {
/// The modelled cost of a register tile over a whole op.
struct TileCost {
  double cycles = 0;
  double loads = 0;
};
} // namespace

/// Cycles and loads of one reduction step of a tile of `pixels` x `vectors`:
/// bound by the FMA units, the latency of each accumulator's chain, the
/// load units and the issue width (FMAs and loads together).
/// One reduction step (the input channels one instruction sums) of an i8
/// dot-product tile (tconv-lower-int8-dot-products): per accumulator, the
/// dot product (VPMADDWD: and the add after it); per weight vector, the
/// shuffles interleaving its rows (VPMADDWD: also widening them to i16) and
/// VPDPBUSD's compensation, a dot product carried by the loop; per pixel,
/// its input broadcast (VPMADDWD: of i16 pairs that
/// tconv-prepare-dot-product-operands widened, a load that still takes a
/// shuffle pipe on Zen 3: without it, the model chose 8 x 8 tiles, 1.2x slower
/// than 6 x 16 on unet2) and its top bits flipped (VPDPBUSD). These are vector
/// integer operations that issue on the same pipes as the dot products (and
/// FMAs) on x86, so all count at that rate: counting the dot products alone,
/// the model chose 28 x 16 tiles for a 64-wide layer, which ran 1.4x slower
/// than 12 x 32 on Zen 5.
static TileCost getDotProductStepCost(const TargetModel &target,
                                      Int8DotProduct dotProduct, int64_t pixels,
                                      int64_t vectors) {
  int64_t group = getInt8DotProductGroup(dotProduct);
  double perAccumulator = 1, perWeightVector = double(group - 1), perPixel = 1;
  switch (dotProduct) {
  case Int8DotProduct::PairsOfI16:
    perAccumulator = 2;
    perWeightVector += 2;
    break;
  case Int8DotProduct::QuadsOfU8S8:
    perWeightVector += 1;
    break;
  case Int8DotProduct::QuadsOfU8S7:
    // VPMADDUBSW, VPMADDWD by ones and the add, per accumulator.
    perAccumulator = 3;
    perWeightVector += 1;
    break;
  case Int8DotProduct::QuadsOfS8S8:
    // Its input is a replicating load (LD1R), counted with the loads.
    perPixel = 0;
    break;
  case Int8DotProduct::None:
    llvm_unreachable("not a dot-product tile");
  }
  double vectorOps = perAccumulator * double(pixels * vectors) +
                     perWeightVector * double(vectors) +
                     perPixel * double(pixels);
  double loads = double(pixels + group * vectors);
  double cycles = std::max(
      {vectorOps / target.fmasPerCycle, double(target.fmaLatency),
       loads / target.loadsPerCycle, (vectorOps + loads) / target.issueWidth});
  return {cycles, loads};
}

static TileCost getStepCost(const TargetModel &target, int64_t pixels,
                            int64_t vectors, int64_t lanes, bool depthwise,
                            Int8DotProduct dotProduct) {
  if (dotProduct != Int8DotProduct::None)
    return getDotProductStepCost(target, dotProduct, pixels, vectors);
  // By-element FMAs take each pixel's input from a lane: one load feeds a
  // vector's worth of reduction steps.
  double inputs = depthwise             ? double(pixels * vectors)
                  : target.fmaByElement ? double(pixels) / double(lanes)
                                        : double(pixels);
  double loads = inputs + double(vectors);
  double fmas = double(pixels * vectors);
  double cycles = std::max(
      {fmas / target.fmasPerCycle, double(target.fmaLatency),
       loads / target.loadsPerCycle, (fmas + loads) / target.issueWidth});
  return {cycles, loads};
}

/// Vector registers a tile of `pixels` x `vectors` needs: accumulators,
/// weights and inputs.
static int64_t getRegisterCount(const TargetModel &target, int64_t pixels,
                                int64_t vectors, bool depthwise,
                                Int8DotProduct dotProduct) {
  int64_t accumulators = pixels * vectors;
  if (dotProduct != Int8DotProduct::None) {
    // VPDPBUSD: two per weight vector (the weight and a compensation, or
    // rows being interleaved where the compensation is hoisted), the input
    // broadcast, the top bits, the two shuffle masks interleaving the
    // weights and two more rows. Without the masks and rows (four
    // registers), the model chose 13 x 32 on a 64-channel layer, which spilled
    // in its inner loop: sr_op1 ran at 5.7 ms on Zen 5, 4.2 ms with 11 x 32 (12
    // x 32 still spills with the compensation hoisted).
    if (dotProduct == Int8DotProduct::QuadsOfU8S8)
      return accumulators + 2 * vectors + 6;
    // VPMADDUBSW: VPDPBUSD's, the ones VPMADDWD sums pairs with and a vector
    // of products. Counting only what a tile with hoisted weights holds
    // (accumulators + vectors + 4), the model chose 5 x 2 tiles for unet2 for
    // Haswell, whose remainder tiles, which interleave the weights and
    // carry the compensations, spilled; 6 x 1 tiles ran as fast.
    if (dotProduct == Int8DotProduct::QuadsOfU8S7)
      return accumulators + 2 * vectors + 8;
    // The weights, the input and one more (a product or a mask).
    return accumulators + vectors + 2;
  }
  int64_t inputs = depthwise ? accumulators : target.fmaByElement ? pixels : 1;
  return accumulators + vectors + inputs;
}

/// Cycles per reduction step for the weights of a tile of `channels` output
/// channels to reach L1 from the cache level holding what those channels read
/// over the whole reduction (`weights`), which each of their pixel tiles reads
/// again: none if that fills at most half of L1, L2's rate if at most half of
/// L2, else L3's.
static double getWeightStreamCycles(const TargetModel &target,
                                    const ReductionWeights &weights,
                                    int64_t channels,
                                    Int8DotProduct dotProduct) {
  if (weights.elements <= 0 || weights.bits == 0)
    return 0;
  double elementBytes = double(weights.bits) / 8;
  double tileBytes = double(weights.elements) * double(channels) * elementBytes;
  if (tileBytes <= double(target.l1DataBytes) / 2)
    return 0;
  int64_t stepInputChannels = getInt8DotProductGroup(dotProduct);
  double stepBytes = double(channels * stepInputChannels) * elementBytes;
  return tileBytes <= double(target.l2Bytes) / 2
             ? stepBytes / target.l2BytesPerCycle
             : stepBytes / target.l3BytesPerCycle;
}

namespace {
/// The fastest register tile and its modelled cycles per reduction step over
/// the whole op (every pixel and channel tile).
struct TileChoice {
  RegisterTile tile;
  double cycles;
};
} // namespace

static TileChoice chooseTile(const TargetModel &target, int64_t width,
                             int64_t outputChannels, unsigned accumulatorBits,
                             bool depthwise, Int8DotProduct dotProduct,
                             ReductionWeights weights) {
  int64_t lanes = target.getLanes(accumulatorBits);
  int64_t registers = target.vectorRegisters;
  bool dynamicWidth = ShapedType::isDynamic(width);
  RegisterTile best{1, 1};
  int64_t bestRemainder = 0;
  TileCost bestCost;
  double bestRate = -1;
  for (int64_t vectors = 1; vectors < registers; ++vectors) {
    int64_t channels =
        getChannelTileSize(outputChannels, vectors * lanes, lanes);
    int64_t usedVectors = llvm::divideCeil(channels, lanes);
    // Larger budgets only repeat the tile of a smaller one.
    if (usedVectors < vectors)
      continue;
    double streamCycles =
        getWeightStreamCycles(target, weights, channels, dotProduct);
    for (int64_t pixels = 1;
         getRegisterCount(target, pixels, vectors, depthwise, dotProduct) <=
         registers;
         ++pixels) {
      if (!dynamicWidth && pixels > width)
        break;
      // Over the whole op: full tiles, a remainder tile, all channel tiles.
      // Dynamic sizes count as one full tile.
      int64_t fullTiles = dynamicWidth ? 1 : width / pixels;
      int64_t remainder = dynamicWidth ? 0 : width % pixels;
      int64_t channelTiles =
          ShapedType::isDynamic(outputChannels) ? 1 : outputChannels / channels;
      TileCost step = getStepCost(target, pixels, usedVectors, lanes, depthwise,
                                  dotProduct);
      TileCost cost{std::max(step.cycles, streamCycles) * fullTiles,
                    step.loads * fullTiles};
      if (remainder) {
        TileCost rest = getStepCost(target, remainder, usedVectors, lanes,
                                    depthwise, dotProduct);
        cost.cycles += std::max(rest.cycles, streamCycles);
        cost.loads += rest.loads;
      }
      cost.cycles *= channelTiles;
      cost.loads *= channelTiles;
      double useful = double(fullTiles * pixels + remainder) *
                      double(channels * channelTiles);
      double rate = useful / cost.cycles;
      constexpr double kTolerance = 1e-9;
      bool faster = rate > bestRate * (1 + kTolerance);
      bool asFast = !faster && rate >= bestRate * (1 - kTolerance);
      bool fewerLoads = cost.loads < bestCost.loads * (1 - kTolerance);
      bool asManyLoads =
          !fewerLoads && cost.loads <= bestCost.loads * (1 + kTolerance);
      // Then no remainder (one op, not two), then the widest.
      bool better = std::make_pair(remainder == 0, pixels) >
                    std::make_pair(bestRemainder == 0, best.pixels);
      if (faster || (asFast && fewerLoads) ||
          (asFast && asManyLoads && better)) {
        best = {pixels, channels};
        bestRemainder = remainder;
        bestCost = cost;
        bestRate = rate;
      }
    }
  }
  return {best, bestCost.cycles};
}

RegisterTile tconv::chooseRegisterTile(const TargetModel &target, int64_t width,
                                       int64_t outputChannels,
                                       unsigned accumulatorBits, bool depthwise,
                                       Int8DotProduct dotProduct,
                                       ReductionWeights weights) {
  return chooseTile(target, width, outputChannels, accumulatorBits, depthwise,
                    dotProduct, weights)
      .tile;
}

/// The element width a convolution accumulates in (its result's).
static unsigned getAccumulatorBits(linalg::LinalgOp op) {
  return getElementTypeOrSelf(op.getDpsInitOperand(0)->get().getType())
      .getIntOrFloatBitWidth();
}

bool tconv::isRowVectorizedDepthwise(
    linalg::LinalgOp op, const linalg::ConvolutionDimensions &dims) {
  if (!dims.outputChannel.empty() || dims.depth.empty() ||
      dims.outputImage.empty() || op.getNumDpsInits() != 1)
    return false;
  AffineMap outputMap = op.getMatchingIndexingMap(op.getDpsInitOperand(0));
  return outputMap.getNumResults() > 0 &&
         outputMap.getResults().back() ==
             getAffineDimExpr(dims.outputImage.back(), op->getContext());
}

/// The register tile of a row-vectorized depthwise convolution of rows of
/// `width` (isRowVectorizedDepthwise): whole vectors of a row, one channel.
static RegisterTile chooseRowTile(const TargetModel &target, int64_t width,
                                  unsigned accumulatorBits) {
  int64_t lanes = target.getLanes(accumulatorBits);
  // The accumulators and a tap's broadcast weight; its input row is an FMA
  // operand on x86, else a register per vector (LLVM loads all of a tap's
  // vectors before its FMAs: on Neoverse N1, 16 accumulators spilled).
  // A power of two of them (LLVM built 15-vector rows on AArch64 lane by
  // lane), a remainder tile for the rest of a row.
  int64_t free = int64_t(target.vectorRegisters) - 2;
  int64_t vectors = std::min<int64_t>(
      std::max<int64_t>(1, target.fmaMemoryOperands ? free : free / 2),
      width / lanes);
  if (vectors < 1)
    return {width, 1};
  return {int64_t(llvm::bit_floor(uint64_t(vectors))) * lanes, 1};
}

unsigned tconv::getPixelLoop(linalg::LinalgOp op,
                             const linalg::ConvolutionDimensions &dims) {
  return getPixelLoop(op, dims, op.getStaticLoopRanges());
}

unsigned tconv::getPixelLoop(linalg::LinalgOp op,
                             const linalg::ConvolutionDimensions &dims,
                             ArrayRef<int64_t> ranges) {
  unsigned innermost = dims.outputImage.back();
  if (ranges[innermost] != 1 || isRowVectorizedDepthwise(op, dims))
    return innermost;
  for (unsigned loop : llvm::reverse(dims.outputImage))
    if (ranges[loop] != 1)
      return loop;
  return innermost;
}

namespace {
/// What chooseTile takes of a convolution with loop ranges `ranges`.
struct TileProblem {
  int64_t width = 1, channels = 1;
  bool depthwise = false;
  ReductionWeights weights;
};
} // namespace

static TileProblem getTileProblem(linalg::LinalgOp op,
                                  const linalg::ConvolutionDimensions &dims,
                                  ArrayRef<int64_t> ranges) {
  TileProblem problem;
  if (!dims.outputImage.empty())
    problem.width = ranges[getPixelLoop(op, dims, ranges)];
  if (ShapedType::isDynamic(problem.width))
    problem.width = 1;
  if (!dims.outputChannel.empty())
    problem.channels = ranges[dims.outputChannel.front()];
  else if (!dims.depth.empty())
    problem.channels = ranges[dims.depth.front()];
  problem.depthwise = dims.outputChannel.empty() && !dims.depth.empty();
  // The weights of one output channel over the whole reduction: its input
  // channels and taps.
  problem.weights.elements = 1;
  for (unsigned loop :
       llvm::concat<const unsigned>(dims.inputChannel, dims.filterLoop))
    problem.weights.elements = ShapedType::isDynamic(ranges[loop])
                                   ? 0
                                   : problem.weights.elements * ranges[loop];
  problem.weights.bits =
      getElementTypeOrSelf(op.getDpsInputOperand(1)->get().getType())
          .getIntOrFloatBitWidth();
  return problem;
}

RegisterTile
tconv::selectRegisterTile(const TargetModel &target, linalg::LinalgOp op,
                          const linalg::ConvolutionDimensions &dims,
                          int64_t width, int64_t channels,
                          std::optional<int64_t> paddedChannels) {
  TileProblem problem = getTileProblem(op, dims, op.getStaticLoopRanges());
  if (paddedChannels)
    problem.channels = *paddedChannels;
  bool rows = isRowVectorizedDepthwise(op, dims);
  RegisterTile tile =
      rows ? chooseRowTile(target, problem.width, getAccumulatorBits(op))
           : chooseRegisterTile(target, problem.width, problem.channels,
                                getAccumulatorBits(op), problem.depthwise,
                                getInt8DotProduct(target, op), problem.weights);
  if (width > 0)
    tile.pixels = std::min(width, problem.width);
  // A row tile has one channel.
  if (channels > 0 && !rows)
    tile.channels = channels;
  return tile;
}

double tconv::getModelledCycles(const TargetModel &target, linalg::LinalgOp op,
                                const linalg::ConvolutionDimensions &dims,
                                ArrayRef<int64_t> ranges) {
  TileProblem problem = getTileProblem(op, dims, ranges);
  double cycles = chooseTile(target, problem.width, problem.channels,
                             getAccumulatorBits(op), problem.depthwise,
                             getInt8DotProduct(target, op), problem.weights)
                      .cycles;
  // Every loop the register tiles do not span repeats them.
  unsigned pixelLoop =
      dims.outputImage.empty() ? ranges.size() : getPixelLoop(op, dims, ranges);
  for (auto [loop, range] : llvm::enumerate(ranges))
    if (loop != pixelLoop && !llvm::is_contained(dims.outputChannel, loop) &&
        !llvm::is_contained(dims.depth, loop) && !ShapedType::isDynamic(range))
      cycles *= double(range);
  return cycles;
}

Int8DotProduct tconv::getInt8DotProduct(const TargetModel &target,
                                        linalg::LinalgOp op) {
  auto hasBits = [](OpOperand *operand, unsigned bits) {
    return getElementTypeOrSelf(operand->get().getType()).isInteger(bits);
  };
  if (target.int8DotProductBits == 0 || op.getNumDpsInputs() != 2 ||
      !hasBits(op.getDpsInputOperand(1), 8))
    return Int8DotProduct::None;
  OpOperand *input = op.getDpsInputOperand(0);
  if (hasBits(input, 8))
    return target.narrowWeightInt8DotProduct != Int8DotProduct::None &&
                   op->hasAttr(TConvDialect::kNarrowWeightsAttrName)
               ? target.narrowWeightInt8DotProduct
               : target.int8DotProduct;
  if (target.int8DotProduct == Int8DotProduct::PairsOfI16 && hasBits(input, 16))
    return target.int8DotProduct;
  return Int8DotProduct::None;
}

int64_t tconv::getPaddedChannelCount(int64_t channels, int64_t lanes) {
  if (ShapedType::isDynamic(channels) || channels % lanes == 0)
    return channels;
  int64_t padded = llvm::alignTo(channels, lanes);
  int64_t tile = getChannelTileSize(channels, channels, lanes);
  double tileShare = double(tile) / double(llvm::alignTo(tile, lanes));
  return double(channels) / double(padded) > tileShare ? padded : channels;
}

int64_t tconv::chooseCacheTileInputChannels(const TargetModel &target,
                                            int64_t inputChannels,
                                            int64_t outputChannelTile,
                                            unsigned weightBits) {
  int64_t blockBytes =
      std::max<int64_t>(1, outputChannelTile * std::max(1u, weightBits / 8));
  int64_t limit =
      std::max<int64_t>(1, int64_t(target.l1DataBytes / 2) / blockBytes);
  return getDividingTileSize(inputChannels, limit);
}
