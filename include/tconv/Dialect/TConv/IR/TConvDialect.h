//===- TConvDialect.h - tconv dialect ---------------------------*- C++ -*-===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_DIALECT_TCONV_IR_TCONVDIALECT_H
#define TCONV_DIALECT_TCONV_IR_TCONVDIALECT_H

#include "mlir/IR/Dialect.h"

#include "tconv/Dialect/TConv/IR/TConvOpsDialect.h.inc"

#endif // TCONV_DIALECT_TCONV_IR_TCONVDIALECT_H
