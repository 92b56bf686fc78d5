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

namespace mlir {
class ModuleOp;
namespace func {
class FuncOp;
} // namespace func

namespace tconv {
struct TargetCommandLine;

namespace runtime {

/// Compiles `entries` of `module`, with their C interfaces, and what they
/// call for `target`'s CPU (schedules, O3 cost model and code). `module`
/// itself is left as it is; `name` names it in errors.
FailureOr<std::unique_ptr<ExecutionEngine>>
compileForJit(ModuleOp module, ArrayRef<func::FuncOp> entries,
              StringRef pipelineOptions, StringRef name,
              const TargetCommandLine &target, ErrorReporter reportError);

} // namespace runtime
} // namespace tconv
} // namespace mlir

#endif // TCONV_RUNTIME_JIT_H
