//===- TargetCommandLine.cpp - The target options of the tools ------------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//

#include "tconv/Target/TargetCommandLine.h"

#include "llvm/Target/TargetMachine.h"

using namespace mlir;
using namespace mlir::tconv;

llvm::cl::OptionCategory &tconv::getTargetCategory() {
  // Not a global: the tools' TargetCommandLine objects are globals too, and
  // may be constructed first.
  static llvm::cl::OptionCategory category(
      "Target options", "The CPU the code is compiled for and runs on.");
  return category;
}

TargetCommandLine::TargetCommandLine(StringRef cpuDescription)
    : triple("target-triple",
             llvm::cl::desc("Target triple, e.g. aarch64-linux-gnu "
                            "(default: the host's)"),
             llvm::cl::value_desc("TRIPLE"),
             llvm::cl::cat(getTargetCategory())),
      cpu("target-cpu", llvm::cl::desc(cpuDescription),
          llvm::cl::value_desc("CPU"), llvm::cl::cat(getTargetCategory())),
      features("target-features",
               llvm::cl::desc("Target features, e.g. +avx512f,-avx512vl "
                              "(default: the host CPU's features for the "
                              "host CPU, else the CPU's own)"),
               llvm::cl::value_desc("+f1,-f2,..."),
               llvm::cl::cat(getTargetCategory())) {}

std::optional<StringRef> TargetCommandLine::getFeatures() const {
  if (!features.getNumOccurrences())
    return std::nullopt;
  return StringRef(features);
}

FailureOr<std::unique_ptr<llvm::TargetMachine>>
TargetCommandLine::createTargetMachine(ErrorReporter reportError) const {
  return tconv::createTargetMachine(triple, cpu, getFeatures(), reportError);
}
