//===- ToolSupport.cpp - Reading the input of the tools -------------------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//

#include "tconv/Support/ToolSupport.h"
#include "tconv/Support/ParserCrashes.h"

#include "mlir/Parser/Parser.h"
#include "mlir/Support/FileUtilities.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/WithColor.h"

using namespace mlir;
using namespace mlir::tconv;

LogicalResult tconv::emitToolError(StringRef toolName, const Twine &message) {
  llvm::WithColor::error(llvm::errs(), toolName) << message << "\n";
  return failure();
}

std::unique_ptr<llvm::MemoryBuffer> tconv::openToolInput(StringRef filename,
                                                         StringRef toolName) {
  std::string errorMessage;
  std::unique_ptr<llvm::MemoryBuffer> file =
      openInputFile(filename, &errorMessage);
  if (!file)
    (void)emitToolError(toolName, errorMessage);
  return file;
}

OwningOpRef<ModuleOp>
tconv::parseToolInput(std::unique_ptr<llvm::MemoryBuffer> file,
                      llvm::SourceMgr &sourceMgr, MLIRContext *context) {
  if (failed(rejectParserCrashes(*file)))
    return nullptr;
  sourceMgr.AddNewSourceBuffer(std::move(file), llvm::SMLoc());
  return parseSourceFile<ModuleOp>(sourceMgr, context);
}
