//===- Compiler.h - Ahead-of-time compilation of tconv modules --*- C++ -*-===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// The steps from a tconv module to native code that tconv-aot performs and
// tconv-bench repeats in process, so that the benchmark times exactly the
// code tconv-aot writes: a host (or given) target machine, the tconv-to-llvm
// pipeline with plain C entry points, and LLVM O3 plus code emission. The
// O3 is also tconv-run's, so that the JIT runs the same code.
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_COMPILER_COMPILER_H
#define TCONV_COMPILER_COMPILER_H

#include "tconv/Compiler/CInterface.h"
#include "tconv/Target/TargetModel.h"

#include "mlir/Support/LLVM.h"

namespace llvm {
class Module;
class TargetMachine;
} // namespace llvm

namespace mlir {
class ModuleOp;
namespace tconv {

/// Lowers `module` in place to the LLVM dialect with the tconv-to-llvm
/// pipeline (`pipelineOptions` in its textual form), its schedules computed
/// for `machine`, and gives each of
/// `functions` its plain C entry point. Unless `packing` is None, each
/// function with weight arguments gets NAME_pack, and NAME_packed or a
/// packed NAME (tconv-outline-weight-packing, see WeightPacking), updated in
/// `functions`. With
/// `callerScratch`, every function takes its static temporaries in a
/// buffer of the caller's, `scratchBytes` of them (the pipeline's
/// caller-scratch).
LogicalResult lowerWithCInterface(ModuleOp module,
                                  std::vector<CFunction> &functions,
                                  StringRef pipelineOptions,
                                  const llvm::TargetMachine &machine,
                                  StringRef name, ErrorReporter reportError,
                                  WeightPacking packing = WeightPacking::None,
                                  bool callerScratch = false);

/// LLVM's O3 pipeline on `module`, with `machine`'s cost model (the
/// vectorizers need it), then bf16 values moved as i16 where LLVM 22 would
/// call compiler-rt (BFloatAcrossBlocks.cpp): what emitNativeCode runs and
/// tconv-run's JIT too.
void optimizeLLVMModule(llvm::Module &module, llvm::TargetMachine &machine);

enum class EmitKind { Object, Assembly, LLVMIR };

/// Translates an LLVM-dialect `module` to LLVM IR, optimizes it at O3 for
/// `machine` and appends it to `out` as `kind`.
LogicalResult emitNativeCode(ModuleOp module, llvm::TargetMachine &machine,
                             EmitKind kind, SmallVectorImpl<char> &out,
                             StringRef name, ErrorReporter reportError);

/// Makes the OpenMP runtime (LLVM's libomp, found at configure time)
/// visible to code loaded into this process, as threaded kernels
/// (`threads` > 1) need it. Idempotent. Tools link it too (CMake target
/// TConvOpenMPRuntime) so that it is loaded at start-up, not by this call.
LogicalResult loadOpenMPRuntime(ErrorReporter reportError);

} // namespace tconv
} // namespace mlir

#endif // TCONV_COMPILER_COMPILER_H
