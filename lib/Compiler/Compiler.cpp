//===- Compiler.cpp - Ahead-of-time compilation of tconv modules ----------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//

#include "tconv/Compiler/Compiler.h"
#include "tconv/Pipelines/Pipelines.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Target/LLVMIR/Export.h"

#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Verifier.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/DynamicLibrary.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Target/TargetOptions.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/SubtargetFeature.h"

using namespace mlir;
using namespace mlir::tconv;

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
tconv::createTargetMachine(StringRef cpuName,
                           std::optional<StringRef> requestedFeatures,
                           ErrorReporter reportError) {
  llvm::Triple triple(llvm::sys::getProcessTriple());
  std::string error;
  const llvm::Target *target =
      llvm::TargetRegistry::lookupTarget(triple, error);
  if (!target) {
    reportError("no target for " + triple.str() + ": " + error);
    return failure();
  }
  bool hostCPU = cpuName.empty() || cpuName == "native";
  std::string cpu = hostCPU ? llvm::sys::getHostCPUName().str() : cpuName.str();
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

LogicalResult
tconv::lowerWithCInterface(ModuleOp module, std::vector<CFunction> &functions,
                           StringRef pipelineOptions, StringRef name,
                           ErrorReporter reportError, bool packWeights) {
  if (packWeights && llvm::none_of(functions, [](const CFunction &fn) {
        return fn.hasWeightArgs();
      })) {
    reportError("nothing to pack in " + name +
                ": no exported function takes a conv_transpose weight "
                "argument (one used as nothing else)");
    return failure();
  }
  auto addPacking = [&](ModuleOp lowered) {
    return addPackingCFunctions(lowered, functions);
  };
  if (failed(prepareCInterface(module, functions, packWeights)) ||
      failed(lowerTConvToLLVM(
          module, pipelineOptions, name, reportError,
          packWeights ? function_ref<LogicalResult(ModuleOp)>(addPacking)
                      : nullptr)))
    return failure();
  if (failed(buildCInterfaceWrappers(module, functions)) ||
      failed(verify(module))) {
    reportError("building the C interface of " + name + " failed");
    return failure();
  }
  return success();
}

/// O3 with the target's cost model (vectorization needs it).
static void optimize(llvm::Module &module, llvm::TargetMachine &machine) {
  llvm::LoopAnalysisManager lam;
  llvm::FunctionAnalysisManager fam;
  llvm::CGSCCAnalysisManager cgam;
  llvm::ModuleAnalysisManager mam;
  llvm::PassBuilder builder(&machine);
  builder.registerModuleAnalyses(mam);
  builder.registerCGSCCAnalyses(cgam);
  builder.registerFunctionAnalyses(fam);
  builder.registerLoopAnalyses(lam);
  builder.crossRegisterProxies(lam, fam, cgam, mam);
  builder.buildPerModuleDefaultPipeline(llvm::OptimizationLevel::O3)
      .run(module, mam);
}

LogicalResult tconv::emitNativeCode(ModuleOp module,
                                    llvm::TargetMachine &machine, EmitKind kind,
                                    SmallVectorImpl<char> &out, StringRef name,
                                    ErrorReporter reportError) {
  llvm::LLVMContext llvmContext;
  std::unique_ptr<llvm::Module> llvmModule =
      translateModuleToLLVMIR(module, llvmContext, name);
  if (!llvmModule) {
    reportError("translating " + name + " to LLVM IR failed");
    return failure();
  }
  llvmModule->setDataLayout(machine.createDataLayout());
  llvmModule->setTargetTriple(machine.getTargetTriple());
  // Recorded per function so that the .ll keeps the target when compiled
  // later by another tool.
  for (llvm::Function &function : *llvmModule) {
    if (function.isDeclaration())
      continue;
    function.addFnAttr("target-cpu", machine.getTargetCPU());
    if (!machine.getTargetFeatureString().empty())
      function.addFnAttr("target-features", machine.getTargetFeatureString());
  }
  std::string verifierMessage;
  llvm::raw_string_ostream verifierStream(verifierMessage);
  if (llvm::verifyModule(*llvmModule, &verifierStream)) {
    reportError("invalid LLVM IR: " + verifierMessage);
    return failure();
  }
  optimize(*llvmModule, machine);

  llvm::raw_svector_ostream os(out);
  if (kind == EmitKind::LLVMIR) {
    llvmModule->print(os, nullptr);
    return success();
  }
  llvm::legacy::PassManager codegen;
  if (machine.addPassesToEmitFile(codegen, os, nullptr,
                                  kind == EmitKind::Object
                                      ? llvm::CodeGenFileType::ObjectFile
                                      : llvm::CodeGenFileType::AssemblyFile)) {
    reportError("the target cannot emit this file type");
    return failure();
  }
  codegen.run(*llvmModule);
  return success();
}

LogicalResult tconv::loadOpenMPRuntime(ErrorReporter reportError) {
  std::string error;
  if (llvm::sys::DynamicLibrary::LoadLibraryPermanently(TCONV_OPENMP_RUNTIME,
                                                        &error)) {
    reportError("cannot load the OpenMP runtime " TCONV_OPENMP_RUNTIME ": " +
                error);
    return failure();
  }
  return success();
}
