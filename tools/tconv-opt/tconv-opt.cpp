//===- tconv-opt.cpp - tconv optimizer driver -----------------------------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// mlir-opt with the tconv dialect, its passes and pipelines added to every
// upstream dialect, pass and extension. Input that crashes MLIR's parser
// (tconv/Support/ParserCrashes.h) is rejected with an error before parsing.
//
//===----------------------------------------------------------------------===//

#include "tconv/Codegen/Passes.h"
#include "tconv/Conversion/Passes.h"
#include "tconv/Dialect/TConv/IR/TConvDialect.h"
#include "tconv/Pipelines/Pipelines.h"
#include "tconv/Support/ParserCrashes.h"
#include "tconv/Support/ToolSupport.h"
#include "tconv/Transforms/Passes.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/ToolOutputFile.h"

using namespace mlir;

/// MlirOptMain for one input file (or stdin, read once): checked for parser
/// crashes, then parsed and processed as mlir-opt does; the output file is
/// kept only on success.
static LogicalResult runOpt(int argc, char **argv, StringRef inputFilename,
                            StringRef outputFilename,
                            DialectRegistry &registry) {
  MlirOptMainConfig config = MlirOptMainConfig::createFromCLOptions();
  // Listings read no input: upstream's driver prints them.
  if (config.shouldShowDialects() || config.shouldListPasses())
    return MlirOptMain(argc, argv, inputFilename, outputFilename, registry);

  std::unique_ptr<llvm::MemoryBuffer> file =
      tconv::openToolInput(inputFilename);
  if (!file || failed(tconv::rejectParserCrashes(*file)))
    return failure();

  std::string errorMessage;
  std::unique_ptr<llvm::ToolOutputFile> output =
      openOutputFile(outputFilename, &errorMessage);
  if (!output)
    return tconv::emitToolError(errorMessage);
  if (failed(MlirOptMain(output->os(), std::move(file), registry, config)))
    return failure();
  output->keep();
  return success();
}

int main(int argc, char **argv) {
  tconv::setToolName("tconv-opt");
  registerAllPasses();
  tconv::registerTConvCodegenPasses();
  tconv::registerTConvConversionPasses();
  tconv::registerTConvTransformsPasses();
  tconv::registerTConvPipelines();

  DialectRegistry registry;
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registry.insert<tconv::TConvDialect>();
  auto [inputFilename, outputFilename] = registerAndParseCLIOptions(
      argc, argv, "tconv optimizer driver: MLIR passes plus tconv\n", registry);
  return asMainReturnCode(
      runOpt(argc, argv, inputFilename, outputFilename, registry));
}
