//===- Check.h - tconv-run --check: every convolution of a call -*- C++ -*-===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// --check compares every tconv.conv_transpose of a function with the
// reference (lib/Reference), intermediate ones too: a clone of the function
// (the "probe") also returns the operands and result of each op, and each
// op is recomputed from its probed operands.
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_RUNTIME_CHECK_H
#define TCONV_RUNTIME_CHECK_H

#include "tconv/Dialect/TConv/IR/TConvOps.h"
#include "tconv/Runtime/HostTensor.h"

#include <optional>

namespace llvm {
class raw_ostream;
} // namespace llvm

namespace mlir::tconv::runtime {

/// The operands and result of one conv_transpose, as positions among the
/// probe function's results.
struct ProbedConv {
  ConvTransposeOp op;
  unsigned input, weight, result;
  std::optional<unsigned> bias;
};

/// Adds a clone of `entry` beside it, ENTRY__tconv_probe, that also returns
/// the operands and result of every conv_transpose in it, which `convs`
/// receives in walk order.
func::FuncOp createProbe(func::FuncOp entry,
                         SmallVectorImpl<ProbedConv> &convs);

/// Compares each of `convs` with the reference computed from the probed
/// `values` and prints a line per op to `os`; fails if a float op is over
/// `tolerance` (by default, the reference's default for its element type)
/// or a quantized op's result differs from the exact one in any value.
LogicalResult checkConvs(ArrayRef<ProbedConv> convs,
                         ArrayRef<HostTensor> values,
                         std::optional<double> tolerance, llvm::raw_ostream &os,
                         ErrorReporter reportError);

} // namespace mlir::tconv::runtime

#endif // TCONV_RUNTIME_CHECK_H
