//===- Compiler.h - Ahead-of-time compilation of tconv modules --*- C++ -*-===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// The steps from a tconv module to native code that tconv-aot performs and
// tconv-bench repeats in process, so that the benchmark times exactly the
// code tconv-aot writes: a host (or given) target machine, the tconv-to-llvm
// pipeline with plain C entry points, and LLVM O3 plus code emission.
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_COMPILER_COMPILER_H
#define TCONV_COMPILER_COMPILER_H

#include "tconv/Support/CInterface.h"

#include "mlir/Support/LLVM.h"

#include <memory>
#include <optional>

namespace llvm {
class TargetMachine;
} // namespace llvm

namespace mlir {
class ModuleOp;
namespace tconv {

using ErrorReporter = function_ref<void(const Twine &)>;

/// A target machine for the host triple. An empty `cpu` or "native" means
/// the host CPU with the host's features unless `features` are given; an
/// explicit CPU gets its own features plus `features`. Unknown CPUs and
/// features are reported, not silently ignored.
FailureOr<std::unique_ptr<llvm::TargetMachine>>
createTargetMachine(StringRef cpu, std::optional<StringRef> features,
                    ErrorReporter reportError);

/// Lowers `module` in place to the LLVM dialect with the tconv-to-llvm
/// pipeline (`pipelineOptions` in its textual form) and gives each of
/// `functions` its plain C entry point. With `packWeights`, each function
/// with conv_transpose weight arguments also gets NAME_pack and NAME_packed
/// (tconv-outline-weight-packing), appended to `functions`.
LogicalResult lowerWithCInterface(ModuleOp module,
                                  std::vector<CFunction> &functions,
                                  StringRef pipelineOptions, StringRef name,
                                  ErrorReporter reportError,
                                  bool packWeights = false);

enum class EmitKind { Object, Assembly, LLVMIR };

/// Translates an LLVM-dialect `module` to LLVM IR, optimizes it at O3 for
/// `machine` and appends it to `out` as `kind`.
LogicalResult emitNativeCode(ModuleOp module, llvm::TargetMachine &machine,
                             EmitKind kind, SmallVectorImpl<char> &out,
                             StringRef name, ErrorReporter reportError);

/// Makes the OpenMP runtime (LLVM's libomp, found at configure time)
/// visible to code loaded into this process, as threaded kernels
/// (`threads` > 1) need it. Idempotent.
LogicalResult loadOpenMPRuntime(ErrorReporter reportError);

} // namespace tconv
} // namespace mlir

#endif // TCONV_COMPILER_COMPILER_H
