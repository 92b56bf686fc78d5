//===- StreamingStores.h - Results written past the caches -----*- C++ -*-===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// The contract between tconv-tile-and-vectorize, which knows which ops write
// a large result once (a transpose to channels-first, a convolution's fused
// epilogue) and marks their tile loops, and tconv-stream-stores, which turns
// the marked loops' stores of whole cache lines into non-temporal ones once
// the loops are bufferized and unrolled to 1-D vectors.
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_CODEGEN_STREAMINGSTORES_H
#define TCONV_CODEGEN_STREAMINGSTORES_H

#include "llvm/ADT/StringRef.h"

namespace mlir::tconv {

/// Unit attribute on the `scf.for` loops of a tile loop nest whose stores
/// write a result that is not read again before it leaves the caches (on
/// each loop: canonicalization folds loops that run once).
inline constexpr llvm::StringLiteral kNonTemporalStoresAttrName =
    "tconv.nontemporal_stores";

} // namespace mlir::tconv

#endif // TCONV_CODEGEN_STREAMINGSTORES_H
