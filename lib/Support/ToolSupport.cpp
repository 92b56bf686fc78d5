//===- ToolSupport.cpp - What the tools share
//------------------------------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//

#include "tconv/Support/ToolSupport.h"
#include "tconv/Support/ParserCrashes.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/WithColor.h"

using namespace mlir;
using namespace mlir::tconv;

/// One per process, as each process is one tool.
static std::string toolName = "tconv";

void tconv::setToolName(StringRef name) { toolName = name.str(); }

void tconv::initTool(int argc, char **argv, StringRef name, StringRef overview,
                     ArrayRef<const llvm::cl::OptionCategory *> categories) {
  setToolName(name);
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  registerPassManagerCLOptions();
  registerMLIRContextCLOptions();
  registerAsmPrinterCLOptions();
  llvm::cl::HideUnrelatedOptions(categories);
  llvm::cl::ParseCommandLineOptions(argc, argv, overview);
}

LogicalResult tconv::emitToolError(const Twine &message) {
  llvm::WithColor::error(llvm::errs(), toolName) << message << "\n";
  return failure();
}

void tconv::reportToolError(const Twine &message) {
  (void)emitToolError(message);
}

std::unique_ptr<llvm::MemoryBuffer> tconv::openToolInput(StringRef filename) {
  std::string errorMessage;
  std::unique_ptr<llvm::MemoryBuffer> file =
      openInputFile(filename, &errorMessage);
  if (!file)
    (void)emitToolError(errorMessage);
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

OwningOpRef<ModuleOp> tconv::parseToolInput(StringRef filename,
                                            llvm::SourceMgr &sourceMgr,
                                            MLIRContext *context) {
  std::unique_ptr<llvm::MemoryBuffer> file = openToolInput(filename);
  if (!file)
    return nullptr;
  return parseToolInput(std::move(file), sourceMgr, context);
}

LogicalResult
tconv::writeToolOutput(StringRef path,
                       llvm::function_ref<void(llvm::raw_ostream &)> write) {
  if (llvm::Error error = llvm::writeToOutput(path, [&](llvm::raw_ostream &os) {
        write(os);
        return llvm::Error::success();
      }))
    return emitToolError(path + ": " + llvm::toString(std::move(error)));
  return success();
}
