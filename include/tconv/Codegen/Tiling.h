//===- Tiling.h - Tiling a linalg op in place -------------------*- C++ -*-===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// The steps tconv-tile-and-vectorize, tconv-block-conv-filters and
// tconv-distribute-to-threads share: tile a linalg op through its
// TilingInterface and put the loops in its place; tile a convolution's
// elementwise consumer (its epilogue) with the convolution's tiles, so that
// the epilogue runs on each tile of the result before it is stored.
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

/// The elementwise op that reads the result of convolution `conv` and is
/// its only user (directly, or through a tensor.expand_shape that is the
/// result's only user), if it can be computed tile by tile with it: all its
/// loops parallel, every operand read through a projected permutation, the
/// convolution's result through a permutation. Null otherwise.
linalg::LinalgOp getFusableEpilogue(linalg::LinalgOp conv);

/// The loop of `epilogue` (of `conv`, or a part of it that linalg::splitOp
/// made) that runs along loop `convLoop` of `conv`'s result, if any.
std::optional<unsigned> getEpilogueLoop(linalg::LinalgOp conv,
                                        linalg::LinalgOp epilogue,
                                        unsigned convLoop);

/// Tiles `epilogue` (see getFusableEpilogue, or a part of it that
/// linalg::splitOp made) along the loops that write the
/// result tiles `convTiles` of `conv` (tile sizes of `conv`'s loops, 0: not
/// tiled; its reductions must be 0), and fuses `conv` and the producer of its
/// init (a fill or a bias broadcast) into the loops; nothing else is fused.
/// Through a reshape, a tile must be whole inner dims of a split dim and a
/// divisor of the next (each tile a contiguous range of the result); fails
/// otherwise, the IR unchanged.
/// Replaces `epilogue` with the loops, and erases `conv` and the init's
/// producer unless they have other users.
///
/// The loops over output channel tiles come outermost (each tile's weights
/// stay in cache for all pixels), except, where there are at most
/// `inside.maxTiles` of them, those of a channel dim whose tiles are next
/// to each other in the epilogue's result (the dim just outside its
/// innermost, untiled one: the chunks of a channels-last sub-pixel part's
/// rows): that loop runs inside the outermost image loop (tiled by 1),
/// so that each row of the result is written, and its residual read, in
/// runs of whole chunks rather than one chunk per pass over the result.
/// Where the epilogue reads a tensor in its result's layout (a residual),
/// the innermost image loop also goes outside it, in blocks of the
/// smallest divisor of its range of at least `inside.pixels` (the register
/// tile's; untiled where that is the whole range): each tile's rows of the
/// residual are then streams a row's chunks long.
struct ChannelsInsideRows {
  int64_t maxTiles = 0;
  int64_t pixels = 0;
};
FailureOr<scf::SCFTileAndFuseResult> tileEpilogueAndFuseConvolution(
    RewriterBase &rewriter, linalg::LinalgOp epilogue, linalg::LinalgOp conv,
    ArrayRef<int64_t> convTiles, scf::SCFTilingOptions::LoopType loopType,
    const ChannelsInsideRows &inside = {});

/// A transposing op's input and the loops along which it reads and writes
/// contiguously (innermost first).
struct TransposedInput {
  OpOperand *input;
  SmallVector<unsigned> readLoops, writeLoops;
};

/// The first input of `op` (all loops parallel, one init written through a
/// permutation) read through a permutation whose innermost dim is not the
/// output's, with the loops of that read and of the write, innermost first;
/// std::nullopt for other ops.
std::optional<TransposedInput> getTransposedInput(linalg::LinalgOp op);

} // namespace mlir::tconv

#endif // TCONV_CODEGEN_TILING_H
