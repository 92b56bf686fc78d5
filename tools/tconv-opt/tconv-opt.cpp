//===- tconv-opt.cpp - tconv optimizer driver -----------------------------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// mlir-opt with the tconv dialect, its passes and pipelines added to every
// upstream dialect, pass and extension.
//
//===----------------------------------------------------------------------===//

#include "tconv/Codegen/Passes.h"
#include "tconv/Conversion/Passes.h"
#include "tconv/Dialect/TConv/IR/TConvDialect.h"
#include "tconv/Pipelines/Pipelines.h"
#include "tconv/Transforms/Passes.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::registerAllPasses();
  mlir::tconv::registerTConvCodegenPasses();
  mlir::tconv::registerTConvConversionPasses();
  mlir::tconv::registerTConvTransformsPasses();
  mlir::tconv::registerTConvPipelines();

  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  registry.insert<mlir::tconv::TConvDialect>();
  return mlir::asMainReturnCode(mlir::MlirOptMain(
      argc, argv, "tconv optimizer driver: MLIR passes plus tconv\n",
      registry));
}
