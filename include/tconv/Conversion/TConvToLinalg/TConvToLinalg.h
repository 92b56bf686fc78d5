//===- TConvToLinalg.h - tconv to linalg lowering ---------------*- C++ -*-===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// Lowering tconv.conv_transpose to linalg on tensors. Every algorithm is a
// pattern that fires only on the ops selectLoweringAlgorithm assigns to it,
// so one pattern set serves a forced algorithm and the automatic choice.
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_CONVERSION_TCONVTOLINALG_TCONVTOLINALG_H
#define TCONV_CONVERSION_TCONVTOLINALG_TCONVTOLINALG_H

#include "tconv/Target/TargetModel.h"

#include "mlir/IR/PatternMatch.h"

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/CommandLine.h"

namespace mlir {
namespace tconv {
class ConvTransposeOp;

/// The lowering algorithms of tconv.conv_transpose.
enum class LoweringAlgorithm {
  /// Zero insertion, padding, flip, one stride-1 convolution (any shape).
  ZeroInsertion,
  /// One stride-1 convolution per phase, no inserted zeros (static spatial
  /// sizes).
  Phase,
  /// One stride-1 convolution with the phases as output channels and a pixel
  /// shuffle; a GEMM when k == s (groups == 1, static spatial sizes).
  SubPixel,
  /// Where stamps do not overlap (kernel == stride with dilation 1, or a
  /// 1x1 kernel, in every dim): 1x1 convolutions, i.e. matrix
  /// multiplications, plus a pixel shuffle (sub-pixel, groups 1) or strided
  /// writes (phases).
  Gemm,
  /// Chosen per op by the cost model of selectLoweringAlgorithm.
  Auto,
};

/// The values of every `algorithm` option (the pass's and the pipeline's).
inline llvm::cl::ValuesClass getLoweringAlgorithmValues() {
  return llvm::cl::values(
      clEnumValN(LoweringAlgorithm::ZeroInsertion, "zero-insertion",
                 "zero insertion, pad, flip, conv"),
      clEnumValN(LoweringAlgorithm::Phase, "phase",
                 "one convolution per phase (static spatial sizes)"),
      clEnumValN(LoweringAlgorithm::SubPixel, "subpixel",
                 "one convolution + pixel shuffle (groups 1, static "
                 "spatial sizes)"),
      clEnumValN(LoweringAlgorithm::Gemm, "gemm",
                 "matrix multiplications where stamps do not overlap"),
      clEnumValN(LoweringAlgorithm::Auto, "auto",
                 "chosen per op by the cost model"));
}

/// The options of --convert-tconv-to-linalg (generated from
/// Conversion/Passes.td, their one definition; tconv/Conversion/Passes.h
/// declares them): the algorithm, and whether channels-first ops are
/// computed channels-last between two transposes.
struct ConvertTConvToLinalgOptions;

/// The algorithm that lowers `op` under `options`: the forced one, or for
/// Auto the cheapest applicable one. Fails, telling `reportFailure` why, when
/// no algorithm (or not the forced one) can lower `op`.
FailureOr<LoweringAlgorithm>
selectLoweringAlgorithm(ConvTransposeOp op,
                        const ConvertTConvToLinalgOptions &options,
                        const TargetModel &target,
                        llvm::function_ref<void(const Twine &)> reportFailure);

/// Patterns lowering tconv.conv_transpose with the algorithm
/// selectLoweringAlgorithm picks for each op.
void populateTConvToLinalgPatterns(RewritePatternSet &patterns,
                                   const ConvertTConvToLinalgOptions &options,
                                   const TargetModel &target);

} // namespace tconv
} // namespace mlir

#endif // TCONV_CONVERSION_TCONVTOLINALG_TCONVTOLINALG_H
