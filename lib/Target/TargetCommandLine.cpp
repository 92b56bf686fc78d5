//===- TargetCommandLine.cpp - The target options of the tools ------------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//

#include "tconv/Target/TargetCommandLine.h"

#include "llvm/Target/TargetMachine.h"

using namespace mlir;
using namespace mlir::tconv;

TargetCommandLine::TargetCommandLine(llvm::cl::OptionCategory &category,
                                     StringRef cpuDescription)
    : cpu("target-cpu", llvm::cl::desc(cpuDescription),
          llvm::cl::value_desc("CPU"), llvm::cl::cat(category)),
      features("target-features",
               llvm::cl::desc("Target features, e.g. +avx512f,-avx512vl "
                              "(default: the host CPU's features for the "
                              "host CPU, else the CPU's own)"),
               llvm::cl::value_desc("+f1,-f2,..."), llvm::cl::cat(category)) {}

std::optional<StringRef> TargetCommandLine::getFeatures() const {
  if (!features.getNumOccurrences())
    return std::nullopt;
  return StringRef(features);
}

FailureOr<std::unique_ptr<llvm::TargetMachine>>
TargetCommandLine::createTargetMachine(ErrorReporter reportError) const {
  return tconv::createTargetMachine(cpu, getFeatures(), reportError);
}
