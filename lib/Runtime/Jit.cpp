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
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/Memory.h"
#include "llvm/Support/Process.h"
#include "llvm/Target/TargetMachine.h"

#include <sys/mman.h>

using namespace mlir;
using namespace mlir::tconv;

namespace {
using llvm::sys::Memory;
using llvm::sys::MemoryBlock;

/// See createNearSectionsMapper: hands out pages of one reserved range in
/// order. Nothing is reused: an engine's sections live as long as it does,
/// and the whole range is unmapped with the mapper.
class NearSectionsMapper final
    : public llvm::SectionMemoryManager::MemoryMapper {
public:
  explicit NearSectionsMapper(size_t reservedBytes)
      : reservedBytes(reservedBytes) {}
  ~NearSectionsMapper() override {
    if (base)
      ::munmap(base, reservedBytes);
  }

  MemoryBlock
  allocateMappedMemory(llvm::SectionMemoryManager::AllocationPurpose,
                       size_t numBytes, const MemoryBlock *, unsigned flags,
                       std::error_code &ec) override {
    // Addresses only: no memory is committed until a block is made
    // accessible.
    if (!base) {
      void *reserved = ::mmap(nullptr, reservedBytes, PROT_NONE,
                              MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                              /*fd=*/-1, /*offset=*/0);
      if (reserved == MAP_FAILED) {
        ec = std::error_code(errno, std::generic_category());
        return MemoryBlock();
      }
      base = static_cast<char *>(reserved);
    }
    size_t bytes =
        llvm::alignTo(numBytes, llvm::sys::Process::getPageSizeEstimate());
    if (bytes > reservedBytes - used) {
      ec = std::make_error_code(std::errc::not_enough_memory);
      return MemoryBlock();
    }
    MemoryBlock block(base + used, bytes);
    ec = Memory::protectMappedMemory(block, flags);
    if (ec)
      return MemoryBlock();
    used += bytes;
    return block;
  }

  std::error_code protectMappedMemory(const MemoryBlock &block,
                                      unsigned flags) override {
    return Memory::protectMappedMemory(block, flags);
  }

  std::error_code releaseMappedMemory(MemoryBlock &block) override {
    block = MemoryBlock();
    return std::error_code();
  }

private:
  size_t reservedBytes;
  char *base = nullptr;
  size_t used = 0;
};
} // namespace

std::unique_ptr<llvm::SectionMemoryManager::MemoryMapper>
runtime::createNearSectionsMapper(size_t reservedBytes) {
  return std::make_unique<NearSectionsMapper>(reservedBytes);
}

FailureOr<runtime::JitModule>
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
  JitModule compiled;
  compiled.memory = createNearSectionsMapper();
  ExecutionEngineOptions engineOptions;
  engineOptions.transformer = optimize; // a function_ref
  engineOptions.jitCodeGenOptLevel = llvm::CodeGenOptLevel::Aggressive;
  engineOptions.sectionMemoryMapper = compiled.memory.get();
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
  compiled.engine = std::move(*engine);
  return compiled;
}
