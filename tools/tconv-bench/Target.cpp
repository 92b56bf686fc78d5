//===- Target.cpp - The CPU tconv-bench compiles and measures for ---------===//
//
// Part of the tconv project (benchmark, not a test).
//
//===----------------------------------------------------------------------===//

#include "Target.h"
#include "Support.h"

#include "tconv/Target/TargetModel.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/Host.h"

using namespace mlir;
using namespace mlir::tconv;
using namespace mlir::tconv::bench;

/// The first "model name" of /proc/cpuinfo.
static std::string readCpuModel() {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> file =
      llvm::MemoryBuffer::getFileAsStream("/proc/cpuinfo");
  if (!file)
    return "unknown";
  SmallVector<StringRef> lines;
  (*file)->getBuffer().split(lines, '\n');
  for (StringRef line : lines) {
    auto [key, value] = line.split(':');
    if (key.trim() == "model name")
      return value.trim().str();
  }
  return "unknown";
}

FailureOr<TargetDescription>
bench::describeTarget(const llvm::TargetMachine &machine, StringRef features) {
  if (!isHostArchitecture(machine))
    return emitToolError("this host cannot run kernels for " +
                         machine.getTargetTriple().str());
  TargetDescription target;
  target.cpuModel = readCpuModel();
  target.hostCpu = llvm::sys::getHostCPUName().str();
  target.targetCpu = machine.getTargetCPU().str();
  target.targetFeatures = features.str();
  // The kernels run here.
  SmallVector<std::string> missing = getFeaturesMissingOnHost(machine);
  if (!missing.empty())
    return emitToolError("this host cannot run kernels for '" +
                         target.targetCpu + "': it lacks " +
                         llvm::join(missing, ", "));
  const llvm::MCSubtargetInfo &subtarget = *machine.getMCSubtargetInfo();
  if (subtarget.checkFeatures("+avx512f"))
    target.tier = IsaTier::AVX512;
  else if (subtarget.checkFeatures("+avx2,+fma"))
    target.tier = IsaTier::AVX2;
  else
    return emitToolError("the kernels for '" + target.targetCpu +
                         "' would use neither AVX-512 nor AVX2 with FMA, the "
                         "ISA tiers tconv-bench measures");
  return target;
}
