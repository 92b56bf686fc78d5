//===- Kernel.h - tconv's kernels for tconv-bench ---------------*- C++ -*-===//
//
// Part of the tconv project (benchmark, not a test).
//
//===----------------------------------------------------------------------===//
//
// A layer's module, compiled as tconv-aot compiles it (lib/Compiler: the
// tconv-to-llvm pipeline, the plain C entry point, an O3 object for a target
// machine) and loaded into the process with ORC.
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_TOOLS_TCONV_BENCH_KERNEL_H
#define TCONV_TOOLS_TCONV_BENCH_KERNEL_H

#include "Suite.h"
#include "Support.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

#include "llvm/ExecutionEngine/Orc/LLJIT.h"

namespace llvm {
class TargetMachine;
} // namespace llvm

namespace mlir::tconv::bench {

/// How the weights reach tconv's kernels (--weights).
enum class WeightMode { Argument, Packed, Constant };

/// `kernel`, and `kernel_packed` with the packed weights for `weight`.
using KernelFunction = void (*)(const float *input, const float *weight,
                                const float *bias, float *output);
/// The kernel of a module built with a constant weight.
using ConstantWeightKernelFunction = void (*)(const float *input,
                                              const float *bias, float *output);

struct CompiledKernel {
  std::unique_ptr<llvm::orc::LLJIT> jit;
  /// A KernelFunction, or a ConstantWeightKernelFunction.
  void *function = nullptr;
  /// With WeightMode::Packed: the weights `kernel_pack` packed.
  Buffer packedWeight;
  double compileSeconds = 0;
};

/// `func.func @kernel(%input, %weight, %bias) -> tensor` around one f32
/// conv_transpose of `problem`, in its layout; with `constantWeight`,
/// `@kernel(%input, %bias)` and the weight an arith.constant.
OwningOpRef<ModuleOp> buildLayerModule(MLIRContext &context,
                                       const ConvTransposeProblem &problem,
                                       ArrayRef<float> constantWeight = {});

/// Writes each of `layers` as DIR/LAYER.mlir, the module built for it, with
/// a comment naming the suite it comes from.
LogicalResult writeLayerModules(MLIRContext &context, ArrayRef<Layer> layers,
                                StringRef dir, StringRef suitePath);

/// Compiles `layer` with `pipelineOptions` to an object and loads it; with
/// WeightMode::Packed also packs `weight`. On failure, `error` holds the
/// compiler's diagnostics.
FailureOr<CompiledKernel>
compileKernel(MLIRContext &context, llvm::TargetMachine &machine,
              const Layer &layer, ArrayRef<float> weight, WeightMode weightMode,
              StringRef pipelineOptions, std::string &error);

} // namespace mlir::tconv::bench

#endif // TCONV_TOOLS_TCONV_BENCH_KERNEL_H
