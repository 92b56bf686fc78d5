//===- TileSelection.h - Tile sizes from the target model -------*- C++ -*-===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// The schedule's numbers, computed from a TargetModel: how many output
// pixels and output channels a convolution's register tile holds, and how
// many input channels a cache tile streams. tconv-tile-and-vectorize applies
// them; they live apart so that unit tests can ask for any target and shape.
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_CODEGEN_TILESELECTION_H
#define TCONV_CODEGEN_TILESELECTION_H

#include "tconv/Target/TargetModel.h"

#include "mlir/Dialect/Linalg/IR/LinalgInterfaces.h"

#include <cstdint>
#include <optional>

namespace mlir::tconv {

/// The largest divisor of `size` that is at most `limit`, so that tiles are
/// static and the vectorizer needs no masks; 1 for dynamic sizes.
int64_t getDividingTileSize(int64_t size, int64_t limit);

/// Channel tiles become the vectors: the largest dividing tile of at most
/// `limit` channels that fills a power-of-two number of `lanes`-wide
/// registers, else the largest one that fits a single register. LLVM widens
/// other vector sizes to the next power of two and assembles them lane by
/// lane: 21 channels as one <21 x float> ran 4.5x slower than as three tiles
/// of 7, and 3-register tiles spilled in the inner loop. 1 for dynamic
/// sizes.
int64_t getChannelTileSize(int64_t size, int64_t limit, int64_t lanes);

/// A convolution's register tile: `pixels` output pixels along its pixel
/// loop (getPixelLoop) times `channels` output channels.
struct RegisterTile {
  int64_t pixels;
  int64_t channels;
};

/// The weights each output channel of a convolution reads over its whole
/// reduction (input channels times taps): `elements` of `bits` bits each
/// (0 elements: unknown, a dynamic size).
struct ReductionWeights {
  int64_t elements = 0;
  unsigned bits = 0;
};

/// The register tile of a convolution whose innermost output image dim has
/// `width` pixels and which has `outputChannels` output channels (either may
/// be dynamic), accumulating in `accumulatorBits`-bit elements. A
/// `depthwise` convolution multiplies each accumulator by an input vector of
/// its own instead of one broadcast input per pixel.
///
/// Candidates are the shapes of P pixels x V channel vectors whose P * V
/// accumulators, V weight vectors and inputs (one broadcast, or P with FMAs
/// by element, TargetModel::fmaByElement; P * V vectors when depthwise) fit the
/// vector registers (no spills). Each is scored by the cycles its tiles take
/// over the op's width and channels, one reduction step of a tile costing the
/// largest of: its FMAs at the FMA issue rate, the FMA latency (each
/// accumulator is updated once per step), its loads (weights and inputs) at
/// the load rate, and its weights at the rate of the cache level holding what
/// its channels read over the whole reduction (`weights`): L1 if that fills
/// at most half of it, else L2 (TargetModel::l2BytesPerCycle) if it fills
/// at most half of L2, else L3 (l3BytesPerCycle). The pixel tiles of one
/// channel tile read the same weights, each from there: on Zen 5, the 2 x 2
/// taps x 1024 input channels of pix2pix's phases put 4 x 64 tiles' 1 MiB in
/// L3 and 8 x 32 ones' 512 KiB in L2, 1.2x faster. A width that the tile
/// does not divide pays for a remainder tile of its own (the pass splits the
/// op there), a channel tile that does not fill its vectors pays for the
/// empty lanes. The fastest shape wins; among equally fast ones, the one with
/// the fewest loads, then one that divides the width, then the widest. An i8
/// dot-product tile (`dotProduct` not none) counts VPDPBUSD's compensations
/// among the registers, and the shuffles and widenings that prepare its
/// operands with its dot products, at the FMA rate.
RegisterTile
chooseRegisterTile(const TargetModel &target, int64_t width,
                   int64_t outputChannels, unsigned accumulatorBits,
                   bool depthwise,
                   Int8DotProduct dotProduct = Int8DotProduct::None,
                   ReductionWeights weights = {});

/// The dot-product instruction computing convolution `op` on `target`, none
/// if it takes none: the target's (TargetModel::int8DotProduct) for i8 by i8,
/// or i16 inputs (widened by tconv-prepare-dot-product-operands) by i8 on one
/// with VPMADDWD; its narrow-weight one for i8 by i8 where `op` is marked
/// `tconv.narrow_weights` (tconv-dispatch-narrow-weights). The register tile
/// then steps over the input channels one instruction sums, which
/// tconv-lower-int8-dot-products turns into that instruction.
Int8DotProduct getInt8DotProduct(const TargetModel &target,
                                 linalg::LinalgOp op);

inline bool isInt8DotProductConvolution(const TargetModel &target,
                                        linalg::LinalgOp op) {
  return getInt8DotProduct(target, op) != Int8DotProduct::None;
}

/// Whether convolution `op` (with `dims` its convolution dims) is depthwise
/// with its result channels-first (the innermost dim of its result is its
/// innermost image dim): it is vectorized along its image rows, one channel
/// per register tile, each tap an unaligned load of a row and a broadcast
/// weight (the vectors of a channels-last tile would gather every element).
bool isRowVectorizedDepthwise(linalg::LinalgOp op,
                              const linalg::ConvolutionDimensions &dims);

/// The output image loop a register tile of convolution `op` (with `dims` its
/// convolution dims, at least one output image loop) runs along: the
/// innermost, unless that is one pixel wide and an outer one is not (a
/// column of a convolution's border that tconv-skip-padding-taps split off):
/// then the innermost of those. Its taps step by one like every other
/// loop's, so the decomposed tile is still a 1-D convolution, along it.
/// Always the innermost for a row-vectorized depthwise convolution, whose
/// tiles are rows (isRowVectorizedDepthwise).
unsigned getPixelLoop(linalg::LinalgOp op,
                      const linalg::ConvolutionDimensions &dims);
/// getPixelLoop with loop ranges `ranges` in place of `op`'s own.
unsigned getPixelLoop(linalg::LinalgOp op,
                      const linalg::ConvolutionDimensions &dims,
                      ArrayRef<int64_t> ranges);

/// The register tile of the convolution `op` (with `dims` its convolution
/// dims): chooseRegisterTile's for its pixel loop (getPixelLoop; one
/// pixel when dynamic) and its output (or depthwise) channels (for a
/// row-vectorized depthwise one: a power of two of whole vectors of a row,
/// as many as the registers hold besides a weight (and, without FMA memory
/// operands, an input each), and one channel), with
/// `width` and `channels` in its place where they are positive (explicit
/// tile options). tconv-block-conv-filters and tconv-tile-and-vectorize both
/// ask here, so that a filter's blocks are the register tile's channels.
/// `paddedChannels`, when given, replaces the op's output channel count (the
/// count tconv-block-conv-filters pads it to).
RegisterTile selectRegisterTile(const TargetModel &target, linalg::LinalgOp op,
                                const linalg::ConvolutionDimensions &dims,
                                int64_t width, int64_t channels,
                                std::optional<int64_t> paddedChannels = {});

/// The cycles the target model expects convolution `op` (with `dims` its
/// convolution dims) to take with loop ranges `ranges` in place of its own
/// (a part of it): the best register tile's modelled cycles per reduction
/// step over its pixel loop and channels (chooseRegisterTile), times every
/// other loop's range. Comparable between parts of one convolution, not a
/// prediction of time.
double getModelledCycles(const TargetModel &target, linalg::LinalgOp op,
                         const linalg::ConvolutionDimensions &dims,
                         ArrayRef<int64_t> ranges);

/// The output channel count a channels-last convolution of `channels` output
/// channels is padded to (with zero weights), so that its channel tiles are
/// whole `lanes`-wide vectors: the next multiple of `lanes` where that
/// uses a larger share of the vector lanes than the dividing tiles of
/// getChannelTileSize do (9 channels on AVX2: 9 of 16 lanes in two padded
/// vectors, against 3 of 8 in tiles of 3), else `channels`.
int64_t getPaddedChannelCount(int64_t channels, int64_t lanes);

/// Input channels per cache tile of a convolution whose register tile has
/// `outputChannelTile` output channels: the largest divisor of
/// `inputChannels` whose block of weights (per kernel tap) fills at most half
/// of the L1 data cache, so that it stays there while every pixel streams
/// past it. 1 for dynamic sizes.
int64_t chooseCacheTileInputChannels(const TargetModel &target,
                                     int64_t inputChannels,
                                     int64_t outputChannelTile,
                                     unsigned weightBits);

} // namespace mlir::tconv

#endif // TCONV_CODEGEN_TILESELECTION_H
