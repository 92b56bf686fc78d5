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
// overlapping), allocations and globals. The arguments of the functions
// tconv-outline-tile-loops creates may be views of one buffer: after it,
// the answers are hints (what to prefetch), not proofs.
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_CODEGEN_MEMORYACCESS_H
#define TCONV_CODEGEN_MEMORYACCESS_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/Operation.h"

namespace mlir::tconv {

/// Whether two memrefs may share memory.
bool mayAlias(Value a, Value b);

/// Whether anything in `scope` other than `ignored` (which may be null) may
/// write or free memory that one of `reads` is in.
bool mayWriteTo(Operation *scope, Operation *ignored, ArrayRef<Value> reads);

/// Creates x86's fence for non-temporal stores (SFENCE), which orders the
/// thread's earlier stores before its later ones and writes nothing.
void createStoreFence(OpBuilder &builder, Location loc);

/// Whether `op` is a fence `createStoreFence` created.
bool isStoreFence(Operation *op);

} // namespace mlir::tconv

#endif // TCONV_CODEGEN_MEMORYACCESS_H
