//===- Jit.cpp - Compiling tconv modules for the JIT ----------------------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//

#include "tconv/Runtime/Jit.h"
#include "tconv/Compiler/Compiler.h"
#include "tconv/Pipelines/Pipelines.h"
#include "tconv/Target/TargetCommandLine.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Transforms/Passes.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Target/TargetMachine.h"

using namespace mlir;
using namespace mlir::tconv;

FailureOr<std::unique_ptr<ExecutionEngine>>
runtime::compileForJit(ModuleOp module, ArrayRef<func::FuncOp> entries,
                       StringRef pipelineOptions, StringRef name,
                       const TargetCommandLine &target,
                       ErrorReporter reportError) {
  // Lower a copy: the original keeps the ops and signatures that checking
  // and result decoding need. Only what is called is compiled (a test
  // module holds many entries): every other function becomes private and
  // symbol-dce drops it unless a kept one calls it.
  OwningOpRef<ModuleOp> lowered = module.clone();
  for (auto func : lowered->getOps<func::FuncOp>()) {
    bool called = llvm::any_of(entries, [&](func::FuncOp entry) {
      return entry.getName() == func.getName();
    });
    if (called)
      func->setAttr("llvm.emit_c_interface",
                    UnitAttr::get(module.getContext()));
    else
      func.setPrivate();
  }
  PassManager dropUnused(module.getContext());
  dropUnused.addPass(createSymbolDCEPass());
  if (failed(dropUnused.run(*lowered)))
    return failure();
  // The host or --target-cpu: schedules are computed for it, O3 uses its
  // cost model, as tconv-aot optimizes (without a target machine LLVM's
  // vectorizers see no vector registers), and the JIT generates code for it.
  FailureOr<std::unique_ptr<llvm::TargetMachine>> machine =
      target.createTargetMachine(reportError);
  if (failed(machine))
    return failure();
  if (!isHostArchitecture(**machine)) {
    reportError("cannot run code for " + (*machine)->getTargetTriple().str() +
                " on this host: compile it with tconv-aot");
    return failure();
  }
  // Code using features the host lacks would stop on an illegal
  // instruction.
  SmallVector<std::string> missing = getFeaturesMissingOnHost(**machine);
  if (!missing.empty()) {
    reportError("cannot run code for '" + (*machine)->getTargetCPU().str() +
                "' on this host: it lacks " + llvm::join(missing, ", ") +
                "; compile it with tconv-aot");
    return failure();
  }
  // The JIT calls the functions with the module's own signatures.
  std::unique_ptr<TConvToLLVMPipelineOptions> parsed =
      parseTConvToLLVMPipelineOptions(pipelineOptions, reportError);
  if (!parsed)
    return failure();
  if (parsed->callerScratch) {
    reportError("caller-scratch changes the functions' signatures: it is "
                "for tconv-aot (--scratch=caller)");
    return failure();
  }
  if (failed(lowerTConvToLLVM(*lowered, pipelineOptions, name, reportError,
                              machine->get())))
    return failure();
  // Threaded kernels (threads > 1) call the OpenMP runtime.
  if (failed(loadOpenMPRuntime(reportError)))
    return failure();
  auto optimize = [&](llvm::Module *llvmModule) {
    optimizeLLVMModule(*llvmModule, **machine);
    return llvm::Error::success();
  };
  ExecutionEngineOptions engineOptions;
  engineOptions.transformer = optimize; // a function_ref
  engineOptions.jitCodeGenOptLevel = llvm::CodeGenOptLevel::Aggressive;
  FailureOr<std::unique_ptr<llvm::TargetMachine>> jitMachine =
      target.createTargetMachine(reportError);
  if (failed(jitMachine))
    return failure();
  llvm::Expected<std::unique_ptr<ExecutionEngine>> engine =
      ExecutionEngine::create(*lowered, engineOptions, std::move(*jitMachine));
  if (!engine) {
    reportError("JIT compilation failed: " +
                llvm::toString(engine.takeError()));
    return failure();
  }
  return std::move(*engine);
}
