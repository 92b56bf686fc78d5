//===- Tiling.h - Tiling a linalg op in place -------------------*- C++ -*-===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// The one step tconv-tile-and-vectorize and tconv-distribute-to-threads both
// take: tile a linalg op through its TilingInterface and put the loops in its
// place.
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_CODEGEN_TILING_H
#define TCONV_CODEGEN_TILING_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"

namespace mlir::tconv {

/// Tiles `op` as `options` say, right where it is, and replaces it with the
/// loops. On failure the IR is unchanged.
FailureOr<scf::SCFTilingResult>
tileAndReplace(RewriterBase &rewriter, linalg::LinalgOp op,
               const scf::SCFTilingOptions &options);

} // namespace mlir::tconv

#endif // TCONV_CODEGEN_TILING_H
