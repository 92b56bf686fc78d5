//===- TargetModel.cpp - What codegen needs to know of a CPU -------------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//

#include "tconv/Target/TargetModel.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Location.h"

#include "llvm/Analysis/TargetTransformInfo.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/MCInstrInfo.h"
#include "llvm/MC/MCSchedule.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Target/TargetOptions.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/SubtargetFeature.h"

#include <mutex>

using namespace mlir;
using namespace mlir::tconv;

void TargetModel::print(llvm::raw_ostream &os) const {
  os << "triple: " << triple << "\n"
     << "cpu: " << cpu << "\n"
     << "vector-bits: " << vectorBits << "\n"
     << "vector-registers: " << vectorRegisters << "\n"
     << "fma-latency: " << fmaLatency << "\n"
     << llvm::formatv("fmas-per-cycle: {0}\n", fmasPerCycle)
     << llvm::formatv("loads-per-cycle: {0}\n", loadsPerCycle)
     << "issue-width: " << issueWidth << "\n"
     << "l1d-bytes: " << l1DataBytes << "\n"
     << "l2-bytes: " << l2Bytes << "\n"
     << llvm::formatv("l2-bytes-per-cycle: {0}\n", l2BytesPerCycle)
     << llvm::formatv("l3-bytes-per-cycle: {0}\n", l3BytesPerCycle)
     << "fma-by-element: " << (fmaByElement ? "yes" : "no") << "\n"
     << "f16-conversions: " << (hasF16Conversions ? "native" : "library")
     << "\n"
     << "int8-dot-product: " << getName(int8DotProduct);
  if (int8DotProduct != Int8DotProduct::None)
    os << ", " << int8DotProductBits << " bits";
  if (narrowWeightInt8DotProduct != Int8DotProduct::None)
    os << "; weights in [-64, 63]: " << getName(narrowWeightInt8DotProduct);
  os << "\n"
     << "fma-memory-operands: " << (fmaMemoryOperands ? "yes" : "no") << "\n"
     << "depthwise-int8-dot-product: " << getName(depthwiseInt8DotProduct)
     << "\n";
}

StringRef tconv::getName(Int8DotProduct kind) {
  switch (kind) {
  case Int8DotProduct::None:
    return "none";
  case Int8DotProduct::PairsOfI16:
    return "vpmaddwd";
  case Int8DotProduct::QuadsOfU8S8:
    return "vpdpbusd";
  case Int8DotProduct::QuadsOfS8S8:
    return "sdot";
  case Int8DotProduct::QuadsOfU8S7:
    return "vpmaddubsw";
  }
  llvm_unreachable("unknown Int8DotProduct");
}

int64_t tconv::getInt8DotProductGroup(Int8DotProduct kind) {
  switch (kind) {
  case Int8DotProduct::None:
    return 1;
  case Int8DotProduct::PairsOfI16:
    return 2;
  case Int8DotProduct::QuadsOfU8S8:
  case Int8DotProduct::QuadsOfS8S8:
  case Int8DotProduct::QuadsOfU8S7:
    return 4;
  }
  llvm_unreachable("unknown Int8DotProduct");
}

bool tconv::takesUnsignedInputs(Int8DotProduct kind) {
  return kind == Int8DotProduct::QuadsOfU8S8 ||
         kind == Int8DotProduct::QuadsOfU8S7;
}

/// Checks a comma-separated feature list against the target's features.
static LogicalResult checkFeatures(const llvm::MCSubtargetInfo &sti,
                                   StringRef features,
                                   ErrorReporter reportError) {
  SmallVector<StringRef> list;
  features.split(list, ',', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  for (StringRef feature : list) {
    feature = feature.trim();
    if (!feature.consume_front("+") && !feature.consume_front("-")) {
      reportError("target feature '" + feature +
                  "' must start with '+' or '-'");
      return failure();
    }
    if (!llvm::any_of(sti.getAllProcessorFeatures(),
                      [&](const llvm::SubtargetFeatureKV &kv) {
                        return feature == kv.Key;
                      })) {
      reportError("unknown target feature '" + feature + "'");
      return failure();
    }
  }
  return success();
}

FailureOr<std::unique_ptr<llvm::TargetMachine>>
tconv::createTargetMachine(StringRef tripleName, StringRef cpuName,
                           std::optional<StringRef> requestedFeatures,
                           ErrorReporter reportError) {
  // Once per process, so that every tool (and tconv-opt's pipeline, which
  // builds a model in several passes) can ask for a model of any target.
  static std::once_flag initialized;
  std::call_once(initialized, [] {
    llvm::InitializeAllTargetInfos();
    llvm::InitializeAllTargets();
    llvm::InitializeAllTargetMCs();
    llvm::InitializeAllAsmPrinters();
  });
  llvm::Triple hostTriple(llvm::sys::getProcessTriple());
  llvm::Triple triple = tripleName.empty()
                            ? hostTriple
                            : llvm::Triple(llvm::Triple::normalize(tripleName));
  std::string error;
  const llvm::Target *target =
      llvm::TargetRegistry::lookupTarget(triple, error);
  if (!target) {
    reportError("unknown target triple '" + tripleName + "': " + error);
    return failure();
  }
  bool hostArch = triple.getArch() == hostTriple.getArch();
  if (!hostArch && cpuName == "native") {
    reportError("target CPU 'native' is the host's, which cannot run " +
                triple.str() + ": name a CPU of that target, or none");
    return failure();
  }
  bool hostCPU = hostArch && (cpuName.empty() || cpuName == "native");
  std::string cpu = hostCPU           ? llvm::sys::getHostCPUName().str()
                    : cpuName.empty() ? std::string("generic")
                                      : cpuName.str();
  // Built without a CPU so that an unknown name is reported once, by us.
  std::unique_ptr<llvm::MCSubtargetInfo> sti(
      target->createMCSubtargetInfo(triple, "", ""));
  if (!sti || !sti->isCPUStringValid(cpu)) {
    reportError("unknown target CPU '" + cpu + "' for " + triple.str());
    return failure();
  }
  std::string features;
  if (requestedFeatures) {
    if (failed(checkFeatures(*sti, *requestedFeatures, reportError)))
      return failure();
    features = requestedFeatures->str();
  } else if (hostCPU) {
    llvm::SubtargetFeatures hostFeatures;
    for (const auto &feature : llvm::sys::getHostCPUFeatures())
      hostFeatures.AddFeature(feature.first(), feature.second);
    features = hostFeatures.getString();
  }
  std::unique_ptr<llvm::TargetMachine> machine(target->createTargetMachine(
      triple, cpu, features, llvm::TargetOptions(), llvm::Reloc::PIC_,
      std::nullopt, llvm::CodeGenOptLevel::Aggressive));
  if (!machine) {
    reportError("cannot create a target machine for " + triple.str());
    return failure();
  }
  return machine;
}

/// The scheduling class of the instruction LLVM names `opcodeName`, if the
/// target has it and its CPU's scheduling model describes it.
static const llvm::MCSchedClassDesc *
findSchedClass(const llvm::TargetMachine &machine, StringRef opcodeName) {
  const llvm::MCInstrInfo *instrInfo = machine.getMCInstrInfo();
  const llvm::MCSchedModel &schedModel =
      machine.getMCSubtargetInfo()->getSchedModel();
  if (!instrInfo || !schedModel.hasInstrSchedModel())
    return nullptr;
  for (unsigned opcode = 0, e = instrInfo->getNumOpcodes(); opcode < e;
       ++opcode) {
    if (instrInfo->getName(opcode) != opcodeName)
      continue;
    const llvm::MCSchedClassDesc *desc =
        schedModel.getSchedClassDesc(instrInfo->get(opcode).getSchedClass());
    return desc && desc->isValid() && !desc->isVariant() ? desc : nullptr;
  }
  return nullptr;
}

/// The vector FMA instruction of `vectorBits` bits, by LLVM's name for it.
static StringRef getVectorFmaName(const llvm::Triple &triple,
                                  const llvm::MCSubtargetInfo &sti,
                                  unsigned vectorBits) {
  if (triple.isX86()) {
    if (vectorBits == 512)
      return "VFMADD231PSZr";
    if (!sti.checkFeatures("+fma"))
      return "";
    return vectorBits == 256 ? "VFMADD231PSYr" : "VFMADD231PSr";
  }
  if (triple.isAArch64())
    return "FMLAv4f32";
  return "";
}

namespace {
/// Figures of a core that LLVM lacks or models with a stand-in (0: LLVM's).
/// Cache sizes: AArch64's TargetTransformInfo has none, and X86's gives
/// every CPU 32 KiB of L1D and 256 KiB of L2.
struct CoreFigures {
  StringRef cpu;
  uint64_t l1DataBytes;
  uint64_t l2Bytes;
  /// The vector FMA's, at this width (0: LLVM's figures).
  unsigned fmaBits;
  unsigned fmaLatency;
  double fmasPerCycle;
  /// Bytes per cycle read from L2 and from L3 (0: the defaults).
  double l2BytesPerCycle = 0;
  double l3BytesPerCycle = 0;
};
} // namespace

/// Typical configurations, per core (from the vendors' reference manuals
/// and software optimization guides): L1D, the core's share of L2, and the
/// vector FMA at the model's width where LLVM's scheduling model is another
/// core's or a narrower one's:
/// - Zen 5 has Zen 4's model, whose zmm FMAs take both 256-bit pipes; Zen 5
///   has two 512-bit ones (tconv-bench measured 225 GFLOP/s on one EPYC
///   Zen 5 core: one zmm FMA a cycle would take 7 GHz);
/// - Sapphire Rapids' model issues one zmm FMA a cycle; the Xeon cores have
///   two 512-bit FMA units, as Skylake-SP's model has;
/// - Cortex-A76 and A78 use Cortex-A57's model (FMLA 10 cycles at 1 a cycle);
///   Apple's cores use Cyclone's (8 cycles at 2 a cycle);
/// - Zen 5 reads 64 bytes a cycle from L2 and 32 from L3 at best; one EPYC
///   Zen 5 core summed 512 KiB of floats at 45 bytes a cycle and 4-16 MiB
///   at 24-27 (a 4x64 register tile's weights, 32 bytes a cycle, then
///   wait for L3).
static constexpr CoreFigures kCores[] = {
    {"haswell", 32 * 1024, 256 * 1024, 0, 0, 0},
    {"broadwell", 32 * 1024, 256 * 1024, 0, 0, 0},
    {"skylake", 32 * 1024, 256 * 1024, 0, 0, 0},
    {"skylake-avx512", 32 * 1024, 1024 * 1024, 0, 0, 0},
    {"cascadelake", 32 * 1024, 1024 * 1024, 0, 0, 0},
    {"cooperlake", 32 * 1024, 1024 * 1024, 0, 0, 0},
    {"icelake-server", 48 * 1024, 1280 * 1024, 0, 0, 0},
    {"alderlake", 48 * 1024, 1280 * 1024, 0, 0, 0},
    {"sapphirerapids", 48 * 1024, 2048 * 1024, 512, 0, 2},
    {"emeraldrapids", 48 * 1024, 2048 * 1024, 512, 0, 2},
    {"graniterapids", 48 * 1024, 2048 * 1024, 512, 0, 2},
    {"znver1", 32 * 1024, 512 * 1024, 0, 0, 0},
    {"znver2", 32 * 1024, 512 * 1024, 0, 0, 0},
    {"znver3", 32 * 1024, 512 * 1024, 0, 0, 0},
    {"znver4", 32 * 1024, 1024 * 1024, 0, 0, 0},
    {"znver5", 48 * 1024, 1024 * 1024, 512, 0, 2, 44, 24},
    {"cortex-a55", 32 * 1024, 128 * 1024, 0, 0, 0},
    {"cortex-a76", 64 * 1024, 512 * 1024, 128, 4, 2},
    {"cortex-a78", 64 * 1024, 512 * 1024, 128, 4, 2},
    {"cortex-x1", 64 * 1024, 1024 * 1024, 0, 0, 0},
    {"neoverse-n1", 64 * 1024, 1024 * 1024, 0, 0, 0},
    {"neoverse-n2", 64 * 1024, 1024 * 1024, 0, 0, 0},
    {"neoverse-v1", 64 * 1024, 1024 * 1024, 0, 0, 0},
    {"apple-m1", 128 * 1024, 3 * 1024 * 1024, 128, 4, 4},
    {"apple-m2", 128 * 1024, 4 * 1024 * 1024, 128, 4, 4},
};

/// Applies kCores' figures for `model`'s CPU, if it has any; the FMA's only
/// at their width (not for a CPU capped below it, e.g. `-avx512f`).
static void applyCoreFigures(TargetModel &model) {
  for (const CoreFigures &core : kCores) {
    if (core.cpu != model.cpu)
      continue;
    model.l1DataBytes = core.l1DataBytes;
    model.l2Bytes = core.l2Bytes;
    if (core.l2BytesPerCycle > 0)
      model.l2BytesPerCycle = core.l2BytesPerCycle;
    if (core.l3BytesPerCycle > 0)
      model.l3BytesPerCycle = core.l3BytesPerCycle;
    if (core.fmaBits != model.vectorBits)
      continue;
    if (core.fmaLatency)
      model.fmaLatency = core.fmaLatency;
    if (core.fmasPerCycle > 0)
      model.fmasPerCycle = core.fmasPerCycle;
  }
}

TargetModel tconv::getTargetModel(const llvm::TargetMachine &machine) {
  const llvm::MCSubtargetInfo &sti = *machine.getMCSubtargetInfo();
  const llvm::Triple &triple = machine.getTargetTriple();
  TargetModel model;
  model.triple = triple.str();
  model.cpu = machine.getTargetCPU().str();
  model.features = machine.getTargetFeatureString().str();

  // TargetTransformInfo answers per function; an empty one carries the
  // machine's CPU and features.
  llvm::LLVMContext context;
  llvm::Module module("tconv-target-model", context);
  llvm::Function *function = llvm::Function::Create(
      llvm::FunctionType::get(llvm::Type::getVoidTy(context), false),
      llvm::GlobalValue::ExternalLinkage, "f", module);
  llvm::TargetTransformInfo tti = machine.getTargetTransformInfo(*function);
  model.vectorRegisters =
      tti.getNumberOfRegisters(tti.getRegisterClassForType(/*Vector=*/true));
  model.vectorBits =
      tti.getRegisterBitWidth(llvm::TargetTransformInfo::RGK_FixedWidthVector)
          .getFixedValue();
  // X86's TTI gives the width its loop vectorizer prefers: 256 bits on
  // AVX-512 CPUs tuned against zmm frequency drops. Explicit vector code
  // (ours) is still legalized to zmm registers there.
  if (triple.isX86() && sti.checkFeatures("+avx512f"))
    model.vectorBits = 512;
  if (model.vectorBits == 0 || model.vectorRegisters == 0) {
    model.vectorBits = 128;
    model.vectorRegisters = 16;
  }
  model.fmaByElement = triple.isAArch64();
  model.fmaMemoryOperands = triple.isX86();
  model.hasF16Conversions =
      triple.isAArch64() ||
      (triple.isX86() &&
       (sti.checkFeatures("+f16c") || sti.checkFeatures("+avx512fp16")));

  // i8 products at the vector width: VNNI where there is one, else
  // VPMADDWD (AVX2 for ymm, AVX-512BW for zmm); AArch64's SDOT on 128 bits.
  if (triple.isX86()) {
    bool vnni512 = sti.checkFeatures("+avx512vnni");
    bool is512 = model.vectorBits == 512, is256 = model.vectorBits == 256;
    // VPMADDWD: AVX-512BW's on zmm, AVX2's on ymm.
    bool pairwiseI16 = (is512 && sti.checkFeatures("+avx512bw")) ||
                       (is256 && sti.checkFeatures("+avx2"));
    if (pairwiseI16)
      model.depthwiseInt8DotProduct = Int8DotProduct::PairsOfI16;
    if ((is512 && vnni512) ||
        (is256 && (sti.checkFeatures("+avxvnni") ||
                   (vnni512 && sti.checkFeatures("+avx512vl")))))
      model.int8DotProduct = Int8DotProduct::QuadsOfU8S8;
    else if (pairwiseI16) {
      model.int8DotProduct = Int8DotProduct::PairsOfI16;
      // VPMADDUBSW is AVX2's (ymm) and AVX-512BW's (zmm), as VPMADDWD.
      model.narrowWeightInt8DotProduct = Int8DotProduct::QuadsOfU8S7;
    }
  } else if (triple.isAArch64() && model.vectorBits == 128 &&
             sti.checkFeatures("+dotprod")) {
    model.int8DotProduct = Int8DotProduct::QuadsOfS8S8;
  }
  if (model.int8DotProduct != Int8DotProduct::None)
    model.int8DotProductBits = model.vectorBits;

  StringRef fmaName = getVectorFmaName(triple, sti, model.vectorBits);
  if (const llvm::MCSchedClassDesc *fma =
          fmaName.empty() ? nullptr : findSchedClass(machine, fmaName)) {
    int latency = llvm::MCSchedModel::computeInstrLatency(sti, *fma);
    double reciprocal = llvm::MCSchedModel::getReciprocalThroughput(sti, *fma);
    if (latency > 0)
      model.fmaLatency = latency;
    if (reciprocal > 0)
      model.fmasPerCycle = 1 / reciprocal;
  }
  if (std::optional<unsigned> l1 =
          tti.getCacheSize(llvm::TargetTransformInfo::CacheLevel::L1D))
    model.l1DataBytes = *l1;
  if (std::optional<unsigned> l2 =
          tti.getCacheSize(llvm::TargetTransformInfo::CacheLevel::L2D))
    model.l2Bytes = *l2;
  if (unsigned issueWidth = sti.getSchedModel().IssueWidth)
    model.issueWidth = issueWidth;
  applyCoreFigures(model);
  return model;
}

bool tconv::isHostArchitecture(const llvm::TargetMachine &machine) {
  return machine.getTargetTriple().getArch() ==
         llvm::Triple(llvm::sys::getProcessTriple()).getArch();
}

SmallVector<std::string>
tconv::getFeaturesMissingOnHost(const llvm::TargetMachine &machine,
                                const llvm::StringMap<bool> &hostFeatures) {
  const StringRef codegenFeaturePrefixes[] = {
      "sse", "ssse", "avx", "fma", "f16c", "bmi", "lzcnt", "popcnt", "movbe"};
  const llvm::MCSubtargetInfo &subtarget = *machine.getMCSubtargetInfo();
  SmallVector<std::string> missing;
  for (const llvm::SubtargetFeatureKV &feature :
       subtarget.getAllProcessorFeatures()) {
    StringRef name = feature.Key;
    auto host = hostFeatures.find(name);
    if (subtarget.getFeatureBits().test(feature.Value) &&
        host != hostFeatures.end() && !host->second &&
        llvm::any_of(codegenFeaturePrefixes, [&](StringRef prefix) {
          return name.starts_with(prefix);
        }))
      missing.push_back(name.str());
  }
  return missing;
}

SmallVector<std::string>
tconv::getFeaturesMissingOnHost(const llvm::TargetMachine &machine) {
  return getFeaturesMissingOnHost(machine, llvm::sys::getHostCPUFeatures());
}

FailureOr<TargetModel> tconv::getTargetModel(StringRef triple, StringRef cpu,
                                             StringRef features,
                                             ErrorReporter reportError) {
  std::optional<StringRef> requested;
  if (!features.empty())
    requested = features;
  FailureOr<std::unique_ptr<llvm::TargetMachine>> machine =
      createTargetMachine(triple, cpu, requested, reportError);
  if (failed(machine))
    return failure();
  return getTargetModel(**machine);
}

FailureOr<TargetModel> tconv::getTargetModelForPass(MLIRContext *ctx,
                                                    StringRef passName,
                                                    StringRef triple,
                                                    StringRef cpu,
                                                    StringRef features) {
  return getTargetModel(triple, cpu, features, [&](const Twine &message) {
    emitError(UnknownLoc::get(ctx)) << passName << ": " << message;
  });
}

LogicalResult tconv::loadTargetModelForPass(MLIRContext *ctx,
                                            StringRef passName,
                                            StringRef triple, StringRef cpu,
                                            StringRef features,
                                            TargetModel &model) {
  FailureOr<TargetModel> loaded =
      getTargetModelForPass(ctx, passName, triple, cpu, features);
  if (failed(loaded))
    return failure();
  model = std::move(*loaded);
  return success();
}
