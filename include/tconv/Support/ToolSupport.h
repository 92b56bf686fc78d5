//===- ToolSupport.h - What the tools share ---------------------*- C++ -*-===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// The preamble and the error reporting tconv-opt, tconv-run, tconv-aot and
// tconv-bench share: open the input file, reject the constructs that crash
// MLIR 22's parser (ParserCrashes.h), parse; write outputs. Errors are
// printed as the tools always printed them: "TOOL: error: ..." for the
// tool's own (a file that cannot be read or written, a bad flag),
// "FILE:LINE:COL: error: ..." in the text.
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_SUPPORT_TOOLSUPPORT_H
#define TCONV_SUPPORT_TOOLSUPPORT_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

#include "llvm/ADT/STLFunctionalExtras.h"

#include <memory>

namespace llvm {
namespace cl {
class OptionCategory;
} // namespace cl
class MemoryBuffer;
class SourceMgr;
class raw_ostream;
} // namespace llvm

namespace mlir::tconv {

/// Names the tool in its own error messages; each main sets it first
/// (initTool does).
void setToolName(StringRef name);

/// What the mains of the tools that compile for the host do first, after
/// llvm::InitLLVM: name the tool, initialize the native target, register
/// MLIR's pass manager, context and printer options, parse the command line
/// with `overview`, and show only `categories` in --help (the rest, LLVM's
/// backend options included, stay usable and under --help-hidden).
void initTool(int argc, char **argv, StringRef name, StringRef overview,
              ArrayRef<const llvm::cl::OptionCategory *> categories);

/// Prints "TOOL: error: MESSAGE" and fails.
LogicalResult emitToolError(const Twine &message);

/// emitToolError as the callback (ErrorReporter) the libraries take.
void reportToolError(const Twine &message);

/// The contents of `filename` ('-': stdin), or null after an error.
std::unique_ptr<llvm::MemoryBuffer> openToolInput(StringRef filename);

/// Parses `file`, unless findParserCrash finds a construct in it (reported at
/// its location). `file` joins `sourceMgr`, through which the caller's
/// SourceMgrDiagnosticHandler shows the source line of this and every later
/// diagnostic about the module. Null on failure, the errors printed.
OwningOpRef<ModuleOp> parseToolInput(std::unique_ptr<llvm::MemoryBuffer> file,
                                     llvm::SourceMgr &sourceMgr,
                                     MLIRContext *context);

/// openToolInput, then parseToolInput.
OwningOpRef<ModuleOp> parseToolInput(StringRef filename,
                                     llvm::SourceMgr &sourceMgr,
                                     MLIRContext *context);

/// Writes `path` ('-': stdout) with `write` through a temporary file renamed
/// into place, so that a failure leaves no partial file; reports failures.
LogicalResult
writeToolOutput(StringRef path,
                llvm::function_ref<void(llvm::raw_ostream &)> write);

} // namespace mlir::tconv

#endif // TCONV_SUPPORT_TOOLSUPPORT_H
