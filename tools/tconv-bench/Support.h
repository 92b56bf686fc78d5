//===- Support.h - What the parts of tconv-bench share ----------*- C++ -*-===//
//
// Part of the tconv project (benchmark, not a test).
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_TOOLS_TCONV_BENCH_SUPPORT_H
#define TCONV_TOOLS_TCONV_BENCH_SUPPORT_H

// The errors and output files of every tool: emitToolError, reportToolError,
// writeToolOutput.
#include "tconv/Support/ToolSupport.h"

#include "tconv/Support/AlignedVector.h"

#include "mlir/Support/LLVM.h"

namespace mlir::tconv::bench {

/// Buffers start on a cache line (tconv/Support/AlignedVector.h).
using Buffer = AlignedVector<float>;
/// A tensor of any element type (LayerData.h), read through typed pointers.
using Bytes = AlignedVector<char>;

} // namespace mlir::tconv::bench

#endif // TCONV_TOOLS_TCONV_BENCH_SUPPORT_H
