//===- Compiler.cpp - Ahead-of-time compilation of tconv modules ----------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//

#include "tconv/Compiler/Compiler.h"
#include "BFloatAcrossBlocks.h"
#include "tconv/Pipelines/Pipelines.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Target/LLVMIR/Export.h"

#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/DynamicLibrary.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"

using namespace mlir;
using namespace mlir::tconv;

LogicalResult
tconv::lowerWithCInterface(ModuleOp module, std::vector<CFunction> &functions,
                           StringRef pipelineOptions,
                           const llvm::TargetMachine &machine, StringRef name,
                           ErrorReporter reportError, WeightPacking packing,
                           bool callerScratch) {
  bool packWeights = packing != WeightPacking::None;
  if (packWeights && llvm::none_of(functions, [](const CFunction &fn) {
        return fn.hasWeightArgs();
      })) {
    reportError("nothing to pack in " + name +
                ": no exported function takes a conv_transpose weight "
                "argument (one used as nothing else)");
    return failure();
  }
  auto addPacking = [&](ModuleOp lowered) {
    return addPackingCFunctions(lowered, functions, packing);
  };
  std::string options = pipelineOptions.str();
  if (callerScratch)
    options += " caller-scratch=true";
  if (failed(prepareCInterface(module, functions, packing)) ||
      failed(lowerTConvToLLVM(
          module, options, name, reportError, &machine,
          packWeights ? function_ref<LogicalResult(ModuleOp)>(addPacking)
                      : nullptr)))
    return failure();
  if (failed(recordScratchSizes(module, functions, callerScratch)) ||
      failed(buildCInterfaceWrappers(module, functions)) ||
      failed(verify(module))) {
    reportError("building the C interface of " + name + " failed");
    return failure();
  }
  return success();
}

void tconv::optimizeLLVMModule(llvm::Module &module,
                               llvm::TargetMachine &machine) {
  llvm::LoopAnalysisManager lam;
  llvm::FunctionAnalysisManager fam;
  llvm::CGSCCAnalysisManager cgam;
  llvm::ModuleAnalysisManager mam;
  // Loop load elimination forwards stores to loads of later iterations;
  // the tile loops have none left to forward (the MLIR pipeline keeps
  // accumulators in registers), and its dependence analysis took 1 s of
  // SCEV work on the unrolled tiles of a 4-group layer, half its compile
  // time, for an unchanged module.
  llvm::PassInstrumentationCallbacks instrumentation;
  instrumentation.registerShouldRunOptionalPassCallback(
      [](StringRef pass, llvm::Any) {
        return pass != "LoopLoadEliminationPass";
      });
  llvm::PassBuilder builder(&machine, llvm::PipelineTuningOptions(),
                            std::nullopt, &instrumentation);
  builder.registerModuleAnalyses(mam);
  builder.registerCGSCCAnalyses(cgam);
  builder.registerFunctionAnalyses(fam);
  builder.registerLoopAnalyses(lam);
  builder.crossRegisterProxies(lam, fam, cgam, mam);
  builder.buildPerModuleDefaultPipeline(llvm::OptimizationLevel::O3)
      .run(module, mam);
  // Last, so that no later pass moves bf16 values across blocks again.
  carryBFloatAcrossBlocksAsIntegers(module);
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
  optimizeLLVMModule(*llvmModule, machine);

  llvm::raw_svector_ostream os(out);
  if (kind == EmitKind::LLVMIR) {
    llvmModule->print(os, nullptr);
    return success();
  }
  // Assembly is for people and tests: with the comments that mark loops,
  // spills and reloads.
  machine.Options.MCOptions.AsmVerbose = kind == EmitKind::Assembly;
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
