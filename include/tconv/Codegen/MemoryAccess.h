//===- MemoryAccess.h - Which memory ops may touch --------------*- C++ -*-===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// A conservative view of bufferized code's memory for the Codegen passes
// that move or add accesses (tconv-lower-int8-dot-products' hoisted weight
// copies, tconv-prefetch-epilogue-reads): memrefs are traced through views
// and scf.if to function arguments (which the C interface keeps from
// overlapping), allocations and globals.
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_CODEGEN_MEMORYACCESS_H
#define TCONV_CODEGEN_MEMORYACCESS_H

#include "mlir/IR/Operation.h"

namespace mlir::tconv {

/// Whether two memrefs may share memory.
bool mayAlias(Value a, Value b);

/// Whether anything in `scope` other than `ignored` (which may be null) may
/// write or free memory that one of `reads` is in.
bool mayWriteTo(Operation *scope, Operation *ignored, ArrayRef<Value> reads);

} // namespace mlir::tconv

#endif // TCONV_CODEGEN_MEMORYACCESS_H
