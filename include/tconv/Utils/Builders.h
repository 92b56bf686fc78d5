//===- Builders.h - Small IR builders shared by passes ----------*- C++ -*-===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// IR (and its layout permutations) the conversion and the transforms build
// alike.
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_UTILS_BUILDERS_H
#define TCONV_UTILS_BUILDERS_H

#include "mlir/IR/Builders.h"

namespace mlir::tconv {

/// The permutation of an activation's dims from (N, C, S...) to
/// (N, S..., C), or back.
SmallVector<int64_t> getActivationPermutation(int64_t rank,
                                              bool toChannelsLast);

/// A `linalg.transpose` of the tensor `value` by `permutation` into a new
/// `tensor.empty` (dynamic sizes read off `value`).
Value createTranspose(OpBuilder &b, Location loc, Value value,
                      ArrayRef<int64_t> permutation);

/// The tensor `value` with `padding` zeros appended to dim `dim` (a
/// `tensor.pad`).
Value createZeroPadAtEnd(OpBuilder &b, Location loc, Value value, unsigned dim,
                         int64_t padding);

/// The 1-D tensor `channels` (C elements) repeated over a block of `shape`
/// (static, C dividing its size): element i of the block (row-major) is
/// channels[i mod C], a per-channel parameter of a channels-last result
/// viewed in chunks that do not follow its channels. A `tensor.generate`,
/// which the elementwise fusions leave alone: fused into an op that
/// broadcasts it, its extracts would gather per element.
Value createRepeatedChannels(OpBuilder &b, Location loc, Value channels,
                             ArrayRef<int64_t> shape);

/// Whether `value` is defined before `op`, so that ops built before `op` may
/// use it (or `op` may move after it): in an enclosing block, or earlier in
/// `op`'s block.
bool isDefinedBefore(Value value, Operation *op);

} // namespace mlir::tconv

#endif // TCONV_UTILS_BUILDERS_H
