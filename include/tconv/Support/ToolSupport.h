//===- ToolSupport.h - Reading the input of the tools -----------*- C++ -*-===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// The preamble tconv-opt, tconv-run and tconv-aot share: open the input file,
// reject the constructs that crash MLIR 22's parser (ParserCrashes.h), parse.
// Errors are printed as the tools always printed them: "TOOL: error: ..."
// for a file that cannot be read, "FILE:LINE:COL: error: ..." in the text.
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_SUPPORT_TOOLSUPPORT_H
#define TCONV_SUPPORT_TOOLSUPPORT_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

#include <memory>

namespace llvm {
class MemoryBuffer;
class SourceMgr;
} // namespace llvm

namespace mlir::tconv {

/// Prints "TOOL: error: MESSAGE" as the tools report their own errors, and
/// fails.
LogicalResult emitToolError(StringRef toolName, const Twine &message);

/// The contents of `filename` ('-': stdin), or null after printing
/// "TOOL: error: ..." when it cannot be read.
std::unique_ptr<llvm::MemoryBuffer> openToolInput(StringRef filename,
                                                  StringRef toolName);

/// Parses `file`, unless findParserCrash finds a construct in it (reported at
/// its location). `file` joins `sourceMgr`, through which the caller's
/// SourceMgrDiagnosticHandler shows the source line of this and every later
/// diagnostic about the module. Null on failure, the errors printed.
OwningOpRef<ModuleOp> parseToolInput(std::unique_ptr<llvm::MemoryBuffer> file,
                                     llvm::SourceMgr &sourceMgr,
                                     MLIRContext *context);

} // namespace mlir::tconv

#endif // TCONV_SUPPORT_TOOLSUPPORT_H
