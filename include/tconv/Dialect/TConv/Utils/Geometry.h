//===- Geometry.h - Size arithmetic of transposed convolution ---*- C++ -*-===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// The one place that knows the sizes of a transposed convolution: output
// sizes, the padding of the classic zero-insertion lowering, and the useful
// work. The verifier, every lowering, the reference implementation and the
// FLOP counters call these functions; nothing else re-derives them.
//
// Everything here is overflow-checked: attribute values come straight from
// user IR and may be absurd, so every function that can overflow returns
// std::nullopt instead of wrapping.
//
// This header depends on LLVM's ADT/Support only, so that the reference
// library and tools can use it without MLIR.
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_DIALECT_TCONV_UTILS_GEOMETRY_H
#define TCONV_DIALECT_TCONV_UTILS_GEOMETRY_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"

#include <cstdint>
#include <optional>

namespace mlir::tconv {

/// The parameters of one spatial dimension, as in docs/algorithm.md.
struct SpatialParams {
  int64_t stride = 1;
  int64_t dilation = 1;
  int64_t padBegin = 0;
  int64_t padEnd = 0;
  int64_t outputPadding = 0;
};

/// Output size of one spatial dimension:
///   O = (I - 1) * s - pb - pe + dil * (k - 1) + op + 1.
/// Returns std::nullopt when any intermediate overflows int64_t. The result
/// may be < 1; callers decide whether that is an error.
std::optional<int64_t> getOutputSize(int64_t inputSize, int64_t kernelSize,
                                     const SpatialParams &params);

/// The span of the dilated kernel minus one, dil * (k - 1).
std::optional<int64_t> getDilatedKernelExtent(int64_t kernelSize,
                                              int64_t dilation);

/// Padding of the zero-inserted input in the classic lowering:
///   begin = dil * (k - 1) - pb,  end = dil * (k - 1) - pe + op.
/// A negative amount means "crop".
struct ClassicPadding {
  int64_t begin;
  int64_t end;
};
std::optional<ClassicPadding> getClassicPadding(int64_t kernelSize,
                                                const SpatialParams &params);

/// Where the input lands in the padded, zero-inserted tensor of the classic
/// lowering (size O + dil * (k - 1)). Input elements [firstInput,
/// I - droppedAtEnd) are kept; element firstInput lands at `offset`, the
/// next ones every `stride`. Elements outside were cropped away by negative
/// padding. `keptCount(I)` may be <= 0 when everything is cropped.
struct ZeroInsertionPlacement {
  int64_t firstInput;
  int64_t droppedAtEnd;
  int64_t offset;
  int64_t keptCount(int64_t inputSize) const {
    return inputSize - firstInput - droppedAtEnd;
  }
};
ZeroInsertionPlacement getZeroInsertionPlacement(const SpatialParams &params,
                                                 ClassicPadding padding);

/// One phase (sub-pixel residue) of one spatial dim. The output positions
/// o = firstOutput + j * stride, j < numOutputs, all have the same residue
/// (o + pb) mod stride and receive exactly the taps
/// kk = firstTap + t * tapStep, t < numTaps (those with
/// kk * dil = residue mod stride). They form a stride-1 convolution of the
/// original input with dilation `dilation` (dil / gcd(stride, dil)):
///
///   out[firstOutput + j * stride] +=
///       sum_t in[inputBegin + j + t * dilation] * w[lastTap - t * tapStep]
///
/// where lastTap = firstTap + (numTaps - 1) * tapStep, i.e. the sub-kernel
/// flipped. Input indices outside [0, I) read zeros. A phase with no taps
/// gets only the bias; one with no outputs does not exist in the output.
struct PhaseGeometry {
  int64_t residue;
  int64_t firstOutput;
  int64_t numOutputs;
  int64_t firstTap;
  int64_t tapStep;
  int64_t numTaps;
  int64_t dilation;
  int64_t inputBegin;

  int64_t getLastTap() const { return firstTap + (numTaps - 1) * tapStep; }
  /// The last input index the phase reads (may be >= I: zeros).
  int64_t getInputEnd() const {
    return inputBegin + numOutputs - 1 + (numTaps - 1) * dilation;
  }
};

/// The phases of one spatial dim with output size `outputSize` (the op's
/// verified output size) that have outputs, min(stride, outputSize) of
/// them, in residue order.
llvm::SmallVector<PhaseGeometry, 4>
getPhases(int64_t kernelSize, const SpatialParams &params, int64_t outputSize);

/// The sub-pixel form of one spatial dim: write o + pb = m * stride + r
/// (block m, residue r). Every tap kk lands on exactly one (u, r) with
/// kk * dil = u * stride + r, so
///
///   Y[m, r] = sum_{u < numTaps} in[m - u] * W'[u, r],  W'[u, r] = w[kk]
///
/// (zero where no tap fits) is ONE stride-1 convolution with stride
/// residues as extra output channels; out[o] = Y[flat o + outputOffset]
/// over the blocks m in [firstBlock, firstBlock + numBlocks) flattened with
/// the residues (a pixel shuffle). The convolution reads input rows
/// [inputBegin, inputEnd] (zeros outside [0, I)). numTaps is
/// getSubPixelTapCount, which callers check first (it can overflow).
struct SubPixelGeometry {
  int64_t numTaps;
  int64_t firstBlock;
  int64_t numBlocks;
  int64_t inputBegin;
  int64_t inputEnd;
  int64_t outputOffset;
};
SubPixelGeometry getSubPixelGeometry(int64_t kernelSize,
                                     const SpatialParams &params,
                                     int64_t outputSize);

/// The taps U of the sub-pixel convolution in one spatial dim (the block
/// offsets u its taps land on): U = floor(dil * (k - 1) / s) + 1.
/// std::nullopt when dil * (k - 1), or U with s == 1, overflows int64_t.
std::optional<int64_t> getSubPixelTapCount(int64_t kernelSize,
                                           const SpatialParams &params);

/// Floor and ceiling division for a positive divisor.
int64_t floorDiv(int64_t a, int64_t b);
int64_t ceilDiv(int64_t a, int64_t b);
/// a mod b in [0, b) for a positive divisor.
int64_t floorMod(int64_t a, int64_t b);

/// The complete, static description of one transposed convolution: enough
/// for the reference implementation, FLOP counting and test generators.
struct ConvTransposeProblem {
  int64_t batch = 1;
  int64_t inChannels = 1;
  int64_t outChannels = 1;
  int64_t groups = 1;
  bool channelsLast = false;
  llvm::SmallVector<int64_t, 3> inputSize;  // I_i
  llvm::SmallVector<int64_t, 3> kernelSize; // k_i
  llvm::SmallVector<SpatialParams, 3> params;

  unsigned getNumSpatialDims() const { return inputSize.size(); }
  /// Output sizes O_i; std::nullopt on overflow or any O_i < 1.
  std::optional<llvm::SmallVector<int64_t, 3>> getOutputSizes() const;
  /// Useful multiply-accumulates:
  ///   N * Cin * prod(I_i) * (Cout / G) * prod(k_i); std::nullopt on overflow.
  std::optional<int64_t> getUsefulMacs() const;

  /// Full tensor shapes in the problem's layout.
  llvm::SmallVector<int64_t> getInputShape() const;
  llvm::SmallVector<int64_t> getWeightShape() const;
  /// std::nullopt when the output sizes are invalid.
  std::optional<llvm::SmallVector<int64_t>> getOutputShape() const;
};

/// Assembles an activation shape, (N, C, spatial...) for channels-first or
/// (N, spatial..., C) for channels-last, from sizes of any kind (int64_t,
/// mlir::OpFoldResult, ...).
template <typename T>
llvm::SmallVector<T> assembleActivationShape(T batch, T channels,
                                             llvm::ArrayRef<T> spatial,
                                             bool channelsLast) {
  llvm::SmallVector<T> shape = {batch};
  if (!channelsLast)
    shape.push_back(channels);
  shape.append(spatial.begin(), spatial.end());
  if (channelsLast)
    shape.push_back(channels);
  return shape;
}

/// Product of `values`; std::nullopt on overflow.
std::optional<int64_t> getCheckedProduct(llvm::ArrayRef<int64_t> values);

} // namespace mlir::tconv

#endif // TCONV_DIALECT_TCONV_UTILS_GEOMETRY_H
