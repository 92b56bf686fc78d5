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

#include "LayerData.h"
#include "Suite.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

#include "llvm/ExecutionEngine/Orc/LLJIT.h"

namespace llvm {
class TargetMachine;
} // namespace llvm

namespace mlir::tconv::bench {

/// How the weights reach tconv's kernels (--weights).
enum class WeightMode { Argument, Packed, Constant };

/// `kernel`, taking the weights or (WeightMode::Packed) the buffer that
/// `kernel_pack` fills from them in place of `weight`. The
/// C interface's pointers are to float for f32, and to uint8_t, int8_t,
/// int32_t and int32_t for int8: to the calling convention, all alike.
using KernelFunction = void (*)(const void *input, const void *weight,
                                const void *bias, void *output);
/// The kernel of a module built with a constant weight.
using ConstantWeightKernelFunction = void (*)(const void *input,
                                              const void *bias, void *output);

struct CompiledKernel {
  std::unique_ptr<llvm::orc::LLJIT> jit;
  /// A KernelFunction, or a ConstantWeightKernelFunction.
  void *function = nullptr;
  /// With WeightMode::Packed: the weights `kernel_pack` packed.
  Bytes packedWeight;
  double compileSeconds = 0;
};

/// `func.func @kernel(%input, %weight, %bias) -> tensor` around one
/// conv_transpose of `problem` in `type` (int8: ui8 input, i8 weight, i32
/// bias and result, the kInt8 zero points), in its layout; with
/// `constantWeight` (the weight's bytes), `@kernel(%input, %bias)` and the
/// weight an arith.constant.
OwningOpRef<ModuleOp> buildLayerModule(MLIRContext &context,
                                       const ConvTransposeProblem &problem,
                                       DataType type,
                                       ArrayRef<char> constantWeight = {});

/// Writes each of `layers` as DIR/LAYER.mlir, the module built for it in
/// `type`, with a comment naming the suite it comes from.
LogicalResult writeLayerModules(MLIRContext &context, ArrayRef<Layer> layers,
                                DataType type, StringRef dir,
                                StringRef suitePath);

/// Compiles `layer` in `data`'s type with `pipelineOptions` to an object and
/// loads it; with WeightMode::Packed also packs `data`'s weight, with
/// WeightMode::Constant makes it a constant. On failure, `error` holds the
/// compiler's diagnostics.
FailureOr<CompiledKernel>
compileKernel(MLIRContext &context, llvm::TargetMachine &machine,
              const Layer &layer, const LayerData &data, WeightMode weightMode,
              StringRef pipelineOptions, std::string &error);

} // namespace mlir::tconv::bench

#endif // TCONV_TOOLS_TCONV_BENCH_KERNEL_H
