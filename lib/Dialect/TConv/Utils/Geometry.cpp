//===- Geometry.cpp - Size arithmetic of transposed convolution -----------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//

#include "tconv/Dialect/TConv/Utils/Geometry.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/CheckedArithmetic.h"

#include <algorithm>
#include <cassert>
#include <numeric>

using namespace mlir::tconv;
using llvm::checkedAdd;
using llvm::checkedMul;
using llvm::checkedSub;

int64_t mlir::tconv::floorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && a < 0) ? q - 1 : q;
}

int64_t mlir::tconv::floorMod(int64_t a, int64_t b) {
  return a - floorDiv(a, b) * b;
}

int64_t mlir::tconv::ceilDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && a > 0) ? q + 1 : q;
}

std::optional<int64_t> mlir::tconv::getDilatedKernelExtent(int64_t kernelSize,
                                                           int64_t dilation) {
  std::optional<int64_t> taps = checkedSub<int64_t>(kernelSize, 1);
  if (!taps)
    return std::nullopt;
  return checkedMul<int64_t>(dilation, *taps);
}

std::optional<int64_t> mlir::tconv::getOutputSize(int64_t inputSize,
                                                  int64_t kernelSize,
                                                  const SpatialParams &p) {
  std::optional<int64_t> size = checkedSub<int64_t>(inputSize, 1);
  if (size)
    size = checkedMul<int64_t>(*size, p.stride);
  if (size)
    size = checkedSub<int64_t>(*size, p.padBegin);
  if (size)
    size = checkedSub<int64_t>(*size, p.padEnd);
  std::optional<int64_t> extent =
      getDilatedKernelExtent(kernelSize, p.dilation);
  if (size && extent)
    size = checkedAdd<int64_t>(*size, *extent);
  else
    return std::nullopt;
  if (size)
    size = checkedAdd<int64_t>(*size, p.outputPadding);
  if (size)
    size = checkedAdd<int64_t>(*size, 1);
  return size;
}

std::optional<ClassicPadding>
mlir::tconv::getClassicPadding(int64_t kernelSize, const SpatialParams &p) {
  std::optional<int64_t> extent =
      getDilatedKernelExtent(kernelSize, p.dilation);
  if (!extent)
    return std::nullopt;
  std::optional<int64_t> begin = checkedSub<int64_t>(*extent, p.padBegin);
  std::optional<int64_t> end = checkedSub<int64_t>(*extent, p.padEnd);
  if (end)
    end = checkedAdd<int64_t>(*end, p.outputPadding);
  if (!begin || !end)
    return std::nullopt;
  return ClassicPadding{*begin, *end};
}

ZeroInsertionPlacement
mlir::tconv::getZeroInsertionPlacement(const SpatialParams &p,
                                       ClassicPadding padding) {
  ZeroInsertionPlacement placement;
  // Input element i lands at padding.begin + i * stride; the padded tensor
  // ends padding.end positions after the last input element.
  placement.firstInput =
      padding.begin >= 0 ? 0 : ceilDiv(-padding.begin, p.stride);
  placement.offset = padding.begin + placement.firstInput * p.stride;
  placement.droppedAtEnd =
      std::max<int64_t>(0, -floorDiv(padding.end, p.stride));
  return placement;
}

llvm::SmallVector<PhaseGeometry, 4>
mlir::tconv::getPhases(int64_t kernelSize, const SpatialParams &p,
                       int64_t outputSize) {
  int64_t s = p.stride, dil = p.dilation;
  int64_t g = std::gcd(s, dil);
  // Only the residues of the first min(s, O) outputs have outputs: a stride
  // far beyond the output size (valid for a one-pixel input) must not cost
  // a loop over every residue.
  llvm::SmallVector<int64_t, 4> residues;
  int64_t padResidue = floorMod(p.padBegin, s);
  for (int64_t o = 0, e = std::min(s, outputSize); o < e; ++o)
    residues.push_back(o < s - padResidue ? padResidue + o
                                          : o - (s - padResidue));
  llvm::sort(residues);
  llvm::SmallVector<PhaseGeometry, 4> phases;
  for (int64_t r : residues) {
    PhaseGeometry phase;
    phase.residue = r;
    phase.firstOutput = floorMod(r - p.padBegin, s);
    phase.numOutputs = phase.firstOutput < outputSize
                           ? ceilDiv(outputSize - phase.firstOutput, s)
                           : 0;
    // kk * dil = r (mod s) repeats every s / g taps; find the first.
    phase.tapStep = s / g;
    phase.dilation = dil / g;
    phase.firstTap = kernelSize;
    for (int64_t kk = 0; kk < std::min(kernelSize, s); ++kk) {
      if (floorMod(kk * dil, s) == r) {
        phase.firstTap = kk;
        break;
      }
    }
    phase.numTaps = phase.firstTap < kernelSize
                        ? (kernelSize - 1 - phase.firstTap) / phase.tapStep + 1
                        : 0;
    // o + pb = r + (q + j) * s and kk * dil = r + m * s give the input
    // index i = q + j - m; the flipped sub-kernel starts at the last tap.
    int64_t q = (phase.firstOutput + p.padBegin - r) / s;
    int64_t firstTapShift = (phase.firstTap * dil - r) / s;
    phase.inputBegin = q - firstTapShift - (phase.numTaps - 1) * phase.dilation;
    phases.push_back(phase);
  }
  return phases;
}

SubPixelGeometry mlir::tconv::getSubPixelGeometry(int64_t kernelSize,
                                                  const SpatialParams &p,
                                                  int64_t outputSize) {
  SubPixelGeometry g;
  std::optional<int64_t> numTaps = getSubPixelTapCount(kernelSize, p);
  assert(numTaps && "callers check getSubPixelTapCount first");
  g.numTaps = *numTaps;
  g.firstBlock = floorDiv(p.padBegin, p.stride);
  g.numBlocks =
      floorDiv(outputSize - 1 + p.padBegin, p.stride) - g.firstBlock + 1;
  // Y[m] = sum_t in[m - (U - 1) + t] * W'[U - 1 - t] as a correlation.
  g.inputBegin = g.firstBlock - (g.numTaps - 1);
  g.inputEnd = g.firstBlock + g.numBlocks - 1;
  g.outputOffset = p.padBegin - g.firstBlock * p.stride;
  return g;
}

std::optional<int64_t>
mlir::tconv::getSubPixelTapCount(int64_t kernelSize, const SpatialParams &p) {
  std::optional<int64_t> extent =
      getDilatedKernelExtent(kernelSize, p.dilation);
  if (!extent)
    return std::nullopt;
  return checkedAdd<int64_t>(floorDiv(*extent, p.stride), 1);
}

std::optional<int64_t>
mlir::tconv::getCheckedProduct(llvm::ArrayRef<int64_t> values) {
  int64_t product = 1;
  for (int64_t v : values) {
    std::optional<int64_t> next = checkedMul<int64_t>(product, v);
    if (!next)
      return std::nullopt;
    product = *next;
  }
  return product;
}

std::optional<llvm::SmallVector<int64_t, 3>>
ConvTransposeProblem::getOutputSizes() const {
  llvm::SmallVector<int64_t, 3> sizes;
  for (unsigned i = 0, e = getNumSpatialDims(); i < e; ++i) {
    std::optional<int64_t> size =
        getOutputSize(inputSize[i], kernelSize[i], params[i]);
    if (!size || *size < 1)
      return std::nullopt;
    sizes.push_back(*size);
  }
  return sizes;
}

std::optional<int64_t> ConvTransposeProblem::getUsefulMacs() const {
  llvm::SmallVector<int64_t> factors = {batch, inChannels,
                                        groups ? outChannels / groups : 0};
  factors.append(inputSize.begin(), inputSize.end());
  factors.append(kernelSize.begin(), kernelSize.end());
  return getCheckedProduct(factors);
}

llvm::SmallVector<int64_t> ConvTransposeProblem::getInputShape() const {
  return assembleActivationShape<int64_t>(batch, inChannels, inputSize,
                                          channelsLast);
}

llvm::SmallVector<int64_t> ConvTransposeProblem::getWeightShape() const {
  llvm::SmallVector<int64_t> shape;
  if (channelsLast) {
    // (Cout, k..., Cin/G)
    shape.push_back(outChannels);
    shape.append(kernelSize.begin(), kernelSize.end());
    shape.push_back(inChannels / groups);
  } else {
    // (Cin, Cout/G, k...)
    shape = {inChannels, outChannels / groups};
    shape.append(kernelSize.begin(), kernelSize.end());
  }
  return shape;
}

std::optional<llvm::SmallVector<int64_t>>
ConvTransposeProblem::getOutputShape() const {
  std::optional<llvm::SmallVector<int64_t, 3>> sizes = getOutputSizes();
  if (!sizes)
    return std::nullopt;
  return assembleActivationShape<int64_t>(batch, outChannels, *sizes,
                                          channelsLast);
}
