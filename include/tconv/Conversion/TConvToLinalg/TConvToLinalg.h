//===- TConvToLinalg.h - tconv to linalg lowering ---------------*- C++ -*-===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_CONVERSION_TCONVTOLINALG_TCONVTOLINALG_H
#define TCONV_CONVERSION_TCONVTOLINALG_TCONVTOLINALG_H

namespace mlir {
class RewritePatternSet;
namespace tconv {

/// Patterns lowering tconv.conv_transpose by zero insertion, padding, kernel
/// flip and a stride-1 linalg convolution. With `channelsLastCompute`,
/// channels-first ops are computed channels-last between two transposes
/// (the layout the codegen vectorizes best).
void populateTConvZeroInsertionPatterns(RewritePatternSet &patterns,
                                        bool channelsLastCompute);

} // namespace tconv
} // namespace mlir

#endif // TCONV_CONVERSION_TCONVTOLINALG_TCONVTOLINALG_H
