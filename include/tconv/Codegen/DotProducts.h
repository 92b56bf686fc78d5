//===- DotProducts.h - Target dot-product instructions ----------*- C++ -*-===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// The calls of the targets' integer dot-product instructions that more than
// one Codegen pass emits.
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_CODEGEN_DOTPRODUCTS_H
#define TCONV_CODEGEN_DOTPRODUCTS_H

#include "mlir/IR/Builders.h"

namespace mlir::tconv {

/// x86 VPMADDWD on `inputs` and `weights` (vector<2L x i16>, L = 8 for
/// AVX2's ymm, 16 for AVX-512BW's zmm): lane i of the vector<L x i32>
/// result is inputs[2i] * weights[2i] + inputs[2i + 1] * weights[2i + 1].
Value createPairwiseI16DotProduct(OpBuilder &builder, Location loc,
                                  Value inputs, Value weights);

} // namespace mlir::tconv

#endif // TCONV_CODEGEN_DOTPRODUCTS_H
