//===- Jit.h - Compiling tconv modules for the JIT --------------*- C++ -*-===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// What tconv-run runs: a copy of the module reduced to the functions called,
// lowered with the shared tconv-to-llvm pipeline, optimized with tconv-aot's
// O3 (lib/Compiler) and compiled by MLIR's ExecutionEngine.
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_RUNTIME_JIT_H
#define TCONV_RUNTIME_JIT_H

#include "tconv/Target/TargetModel.h"

#include "mlir/ExecutionEngine/ExecutionEngine.h"

#include "llvm/ExecutionEngine/SectionMemoryManager.h"

namespace mlir {
class ModuleOp;
namespace func {
class FuncOp;
} // namespace func

namespace tconv {
struct TargetCommandLine;

namespace runtime {

/// A section memory mapper for ExecutionEngine (RuntimeDyld) that places
/// every section of the engine (code, constants, data) in one reserved
/// range of `reservedBytes` addresses, so that the small code model's
/// 32-bit RIP-relative references between them always fit. LLVM's default
/// mapper keeps each kind of section near its own kind only: in an ASan
/// build a kernel's data landed over 2 GiB from its code, and RuntimeDyld
/// (built without assertions) truncated the relocation, so the kernel wrote
/// to an unmapped address. The default range, 2 GiB, is the most the small
/// code model reaches (any two of its addresses are less than 2^31 apart),
/// and addresses only: pages are committed as sections take them.
/// Allocation fails once the range is used up. Must outlive the engine.
std::unique_ptr<llvm::SectionMemoryManager::MemoryMapper>
createNearSectionsMapper(size_t reservedBytes = size_t(2) << 30);

/// A module compiled for the JIT and the memory its sections live in.
struct JitModule {
  // Declared first: destroyed after the engine.
  std::unique_ptr<llvm::SectionMemoryManager::MemoryMapper> memory;
  std::unique_ptr<ExecutionEngine> engine;
};

/// Compiles `entries` of `module`, with their C interfaces, and what they
/// call for `target`'s CPU (schedules, O3 cost model and code). `module`
/// itself is left as it is; `name` names it in errors.
FailureOr<JitModule> compileForJit(ModuleOp module,
                                   ArrayRef<func::FuncOp> entries,
                                   StringRef pipelineOptions, StringRef name,
                                   const TargetCommandLine &target,
                                   ErrorReporter reportError);

} // namespace runtime
} // namespace tconv
} // namespace mlir

#endif // TCONV_RUNTIME_JIT_H
