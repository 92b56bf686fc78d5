//===- Passes.h - tconv conversion passes -----------------------*- C++ -*-===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_CONVERSION_PASSES_H
#define TCONV_CONVERSION_PASSES_H

#include "tconv/Conversion/TConvToLinalg/TConvToLinalg.h"
#include "tconv/Conversion/TosaToTConv/TosaToTConv.h"

#include "mlir/Pass/Pass.h"

namespace mlir::tconv {

#define GEN_PASS_DECL
#define GEN_PASS_REGISTRATION
#include "tconv/Conversion/Passes.h.inc"

} // namespace mlir::tconv

#endif // TCONV_CONVERSION_PASSES_H
