//===- TConvToLinalg.h - tconv to linalg lowering ---------------*- C++ -*-===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_CONVERSION_TCONVTOLINALG_TCONVTOLINALG_H
#define TCONV_CONVERSION_TCONVTOLINALG_TCONVTOLINALG_H

#include "mlir/IR/PatternMatch.h"

namespace mlir {
namespace tconv {

/// The lowering algorithms of tconv.conv_transpose.
enum class LoweringAlgorithm {
  /// Zero insertion, padding, flip, one stride-1 convolution (any shape).
  ZeroInsertion,
  /// One stride-1 convolution per phase, no inserted zeros (static spatial
  /// sizes).
  Phase,
  /// The phase decomposition where it applies, zero insertion otherwise.
  Auto,
};

/// Patterns lowering tconv.conv_transpose by zero insertion, padding, kernel
/// flip and a stride-1 linalg convolution. With `channelsLastCompute`,
/// channels-first ops are computed channels-last between two transposes
/// (the layout the codegen vectorizes best).
void populateTConvZeroInsertionPatterns(RewritePatternSet &patterns,
                                        bool channelsLastCompute);

/// Patterns lowering tconv.conv_transpose by phase (sub-pixel)
/// decomposition: one stride-1 convolution of the original input per output
/// residue class, interleaved by strided insert_slices.
void populateTConvPhasePatterns(RewritePatternSet &patterns,
                                bool channelsLastCompute,
                                PatternBenefit benefit = 1);

} // namespace tconv
} // namespace mlir

#endif // TCONV_CONVERSION_TCONVTOLINALG_TCONVTOLINALG_H
