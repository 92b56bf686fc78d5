//===- Target.cpp - The CPU tconv-bench compiles and measures for ---------===//
//
// Part of the tconv project (benchmark, not a test).
//
//===----------------------------------------------------------------------===//

#include "Target.h"
#include "Support.h"

#include "tconv/Target/TargetModel.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
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
  const llvm::MCSubtargetInfo &subtarget = *machine.getMCSubtargetInfo();
  // The kernels run here: the host must have each feature of the target
  // that compiled code uses without intrinsics, the vector ISAs and the bit
  // manipulation LLVM selects for scalar code. System instructions that a
  // hypervisor hides (invpcid, rdseed, pku, ...) do not matter.
  const StringRef codegenFeaturePrefixes[] = {
      "sse", "ssse", "avx", "fma", "f16c", "bmi", "lzcnt", "popcnt", "movbe"};
  llvm::StringMap<bool> hostFeatures = llvm::sys::getHostCPUFeatures();
  SmallVector<StringRef> missing;
  for (const llvm::SubtargetFeatureKV &feature :
       subtarget.getAllProcessorFeatures()) {
    StringRef name = feature.Key;
    auto host = hostFeatures.find(name);
    if (subtarget.getFeatureBits().test(feature.Value) &&
        host != hostFeatures.end() && !host->second &&
        llvm::any_of(codegenFeaturePrefixes, [&](StringRef prefix) {
          return name.starts_with(prefix);
        }))
      missing.push_back(name);
  }
  if (!missing.empty())
    return emitToolError("this host cannot run kernels for '" +
                         target.targetCpu + "': it lacks " +
                         llvm::join(missing, ", "));
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
