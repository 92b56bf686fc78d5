//===- Passes.h - tconv codegen passes --------------------------*- C++ -*-===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_CODEGEN_PASSES_H
#define TCONV_CODEGEN_PASSES_H

#include "mlir/Pass/Pass.h"

namespace mlir::tconv {

#define GEN_PASS_DECL
#define GEN_PASS_REGISTRATION
#include "tconv/Codegen/Passes.h.inc"

} // namespace mlir::tconv

#endif // TCONV_CODEGEN_PASSES_H
