//===- TConvDialect.cpp - tconv dialect -----------------------------------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//

#include "tconv/Dialect/TConv/IR/TConvDialect.h"
#include "tconv/Dialect/TConv/IR/TConvOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::tconv;

#include "tconv/Dialect/TConv/IR/TConvOpsDialect.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "tconv/Dialect/TConv/IR/TConvAttrs.cpp.inc"

void TConvDialect::initialize() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "tconv/Dialect/TConv/IR/TConvAttrs.cpp.inc"
      >();
  addOperations<
#define GET_OP_LIST
#include "tconv/Dialect/TConv/IR/TConvOps.cpp.inc"
      >();
}

LogicalResult TConvDialect::verifyRegionArgAttribute(Operation *op,
                                                     unsigned regionIndex,
                                                     unsigned argIndex,
                                                     NamedAttribute attribute) {
  if (attribute.getName() != kPackAttrName)
    return op->emitError() << "unknown tconv argument attribute '"
                           << attribute.getName().getValue() << "'";
  if (!isa<UnitAttr>(attribute.getValue()))
    return op->emitError() << "'" << kPackAttrName
                           << "' must be a unit attribute";
  if (!isa<FunctionOpInterface>(op) || regionIndex != 0)
    return op->emitError() << "'" << kPackAttrName
                           << "' marks arguments of functions only";
  return success();
}
