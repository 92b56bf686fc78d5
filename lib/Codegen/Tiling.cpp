//===- Tiling.cpp - Tiling a linalg op in place
//----------------------------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//

#include "tconv/Codegen/Tiling.h"

#include "mlir/Interfaces/TilingInterface.h"

using namespace mlir;

FailureOr<scf::SCFTilingResult>
tconv::tileAndReplace(RewriterBase &rewriter, linalg::LinalgOp op,
                      const scf::SCFTilingOptions &options) {
  rewriter.setInsertionPoint(op);
  FailureOr<scf::SCFTilingResult> tiled = scf::tileUsingSCF(
      rewriter, cast<TilingInterface>(op.getOperation()), options);
  if (succeeded(tiled))
    rewriter.replaceOp(op, tiled->replacements);
  return tiled;
}
