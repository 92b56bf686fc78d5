//===- TransposeShuffles.h - Transposes as shuffle networks -----*- C++ -*-===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// Which block transposes tconv-lower-vector-transposes turns into networks
// of two-input shuffles, so that tconv-tile-and-vectorize gives those
// element types (16-bit floats, whose other transposes the X86 backend
// cannot lower) only blocks that become such networks.
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_CODEGEN_TRANSPOSESHUFFLES_H
#define TCONV_CODEGEN_TRANSPOSESHUFFLES_H

#include <cstdint>

namespace mlir::tconv {

/// Whether the transpose of a block into `rows` rows of `columns` elements
/// (from `columns` vectors of `rows`) is a shuffle network of
/// tconv-lower-vector-transposes: a square whose side is a power of two, or
/// several such squares of at least 2 x 2 whose rows are joined (`columns` a
/// power-of-two multiple of `rows`).
bool isShuffleNetworkBlock(int64_t rows, int64_t columns);

} // namespace mlir::tconv

#endif // TCONV_CODEGEN_TRANSPOSESHUFFLES_H
