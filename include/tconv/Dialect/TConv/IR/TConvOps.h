//===- TConvOps.h - tconv operations ----------------------------*- C++ -*-===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_DIALECT_TCONV_IR_TCONVOPS_H
#define TCONV_DIALECT_TCONV_IR_TCONVOPS_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "tconv/Dialect/TConv/IR/TConvDialect.h"
#include "tconv/Dialect/TConv/Utils/Geometry.h"

#include "tconv/Dialect/TConv/IR/TConvEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "tconv/Dialect/TConv/IR/TConvAttrs.h.inc"

#define GET_OP_CLASSES
#include "tconv/Dialect/TConv/IR/TConvOps.h.inc"

#endif // TCONV_DIALECT_TCONV_IR_TCONVOPS_H
