//===- Check.h - tconv-run --check: every checked op of a call --*- C++ -*-===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// --check compares every tconv.conv_transpose of a function, and every
// tosa.rescale (the requantization of quantized results), with the
// reference (lib/Reference), intermediate ones too: a clone of the function
// (the "probe") also returns the operands and result of each op, and each
// op is recomputed from its probed operands.
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_RUNTIME_CHECK_H
#define TCONV_RUNTIME_CHECK_H

#include "tconv/Dialect/TConv/IR/TConvOps.h"
#include "tconv/Runtime/HostTensor.h"

#include "mlir/Dialect/Tosa/IR/TosaOps.h"

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

/// The input and result of one tosa.rescale, and its parameters when they
/// are constants (else it is reported unchecked).
struct ProbedRescale {
  tosa::RescaleOp op;
  unsigned input, result;
  std::optional<reference::RescaleParams> params;
};

struct ProbedOps {
  SmallVector<ProbedConv> convs;
  SmallVector<ProbedRescale> rescales;
};

/// Adds a clone of `entry` beside it, ENTRY__tconv_probe, that also returns
/// the operands and result of every conv_transpose and of every tosa.rescale
/// between integer types tconv-run reads, which `probed` receives in walk
/// order.
func::FuncOp createProbe(func::FuncOp entry, ProbedOps &probed);

/// Compares each probed op with the reference computed from the probed
/// `values` and prints a line per op to `os`; fails if a float op is over
/// `tolerance` (by default, the reference's default for its element type)
/// or an integer op's result differs from the exact one in any value.
LogicalResult checkProbedOps(const ProbedOps &probed,
                             ArrayRef<HostTensor> values,
                             std::optional<double> tolerance,
                             llvm::raw_ostream &os, ErrorReporter reportError);

} // namespace mlir::tconv::runtime

#endif // TCONV_RUNTIME_CHECK_H
