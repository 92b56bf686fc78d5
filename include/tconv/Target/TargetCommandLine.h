//===- TargetCommandLine.h - The target options of the tools ----*- C++ -*-===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// --target-cpu and --target-features, as tconv-aot, tconv-run and
// tconv-bench take them: one definition, so that the flags mean the same in
// every tool.
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_TARGET_TARGETCOMMANDLINE_H
#define TCONV_TARGET_TARGETCOMMANDLINE_H

#include "tconv/Target/TargetModel.h"

#include "llvm/Support/CommandLine.h"

namespace mlir::tconv {

/// The category of --target-cpu and --target-features, which the tools list
/// in --help beside their own.
llvm::cl::OptionCategory &getTargetCategory();

/// A tool's --target-cpu and --target-features; declare one as a static
/// object, as other command-line options are.
struct TargetCommandLine {
  /// `cpuDescription` says what the CPU is for in this tool.
  explicit TargetCommandLine(StringRef cpuDescription);

  /// createTargetMachine for the options given (the host's triple, CPU and
  /// features by default).
  FailureOr<std::unique_ptr<llvm::TargetMachine>>
  createTargetMachine(ErrorReporter reportError) const;

  /// --target-features if given.
  std::optional<StringRef> getFeatures() const;

  llvm::cl::opt<std::string> triple;
  llvm::cl::opt<std::string> cpu;
  llvm::cl::opt<std::string> features;
};

} // namespace mlir::tconv

#endif // TCONV_TARGET_TARGETCOMMANDLINE_H
