//===- Passes.h - tconv transform passes ------------------------*- C++ -*-===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_TRANSFORMS_PASSES_H
#define TCONV_TRANSFORMS_PASSES_H

#include "mlir/Pass/Pass.h"

namespace mlir::tconv {

#define GEN_PASS_DECL
#define GEN_PASS_REGISTRATION
#include "tconv/Transforms/Passes.h.inc"

} // namespace mlir::tconv

#endif // TCONV_TRANSFORMS_PASSES_H
