//===- TosaToTConv.h - TOSA to tconv conversion -----------------*- C++ -*-===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// Imports tosa.transpose_conv2d as tconv.conv_transpose (channels_last), so
// that TOSA pipelines (TFLite, torch-mlir's TOSA path) get tconv's lowering.
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_CONVERSION_TOSATOTCONV_TOSATOTCONV_H
#define TCONV_CONVERSION_TOSATOTCONV_TOSATOTCONV_H

#include "mlir/IR/PatternMatch.h"

#include <optional>
#include <string>

namespace mlir {
namespace tosa {
class TransposeConv2DOp;
} // namespace tosa

namespace tconv {

/// Why `op` cannot become a tconv.conv_transpose (quantized or non-float
/// types, non-zero zero points, a bias that is neither (OC) nor (1), an
/// output size < 1), or std::nullopt when it can.
std::optional<std::string>
getTosaToTConvFailureReason(tosa::TransposeConv2DOp op);

/// Patterns rewriting every supported tosa.transpose_conv2d into a
/// tconv.conv_transpose (plus a broadcast of the bias and an insert_slice when
/// TOSA's out_pad grows the output beyond what tconv's padding expresses).
void populateTosaToTConvPatterns(RewritePatternSet &patterns);

} // namespace tconv
} // namespace mlir

#endif // TCONV_CONVERSION_TOSATOTCONV_TOSATOTCONV_H
