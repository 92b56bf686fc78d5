//===- Pipelines.cpp - tconv pass pipelines -------------------------------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//

#include "tconv/Pipelines/Pipelines.h"
#include "tconv/Codegen/Passes.h"
#include "tconv/Conversion/Passes.h"
#include "tconv/Target/TargetModel.h"
#include "tconv/Transforms/Passes.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Conversion/TosaToLinalg/TosaToLinalg.h"
#include "mlir/Conversion/VectorToSCF/VectorToSCF.h"
#include "mlir/Dialect/Arith/Transforms/Passes.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Dialect/SCF/Transforms/Passes.h"
#include "mlir/Dialect/Vector/Transforms/Passes.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"
#include "tconv/Dialect/TConv/IR/TConvDialect.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/OpenMP/OpenMPToLLVMIRTranslation.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Target/TargetMachine.h"

using namespace mlir;
using namespace mlir::tconv;

/// The target options of every pass that reads the target model.
template <typename PassOptions>
static void setTargetOptions(PassOptions &pass,
                             const TConvToLLVMPipelineOptions &options) {
  pass.targetTriple = options.targetTriple;
  pass.targetCpu = options.targetCpu;
  pass.targetFeatures = options.targetFeatures;
}

/// The target and register tile options the schedule passes share.
template <typename ScheduleOptions>
static void setScheduleOptions(ScheduleOptions &schedule,
                               const TConvToLLVMPipelineOptions &options) {
  setTargetOptions(schedule, options);
  schedule.registerTileWidth = options.registerTileWidth;
  schedule.registerTileChannels = options.registerTileChannels;
}

/// The first part of the pipeline: tconv to linalg on tensors, weight
/// packing split off.
static void buildTConvToLinalgStage(OpPassManager &pm,
                                    const TConvToLLVMPipelineOptions &options) {
  // TOSA modules run as they are: transposed convolutions become tconv ops
  // (our lowerings), every other TOSA op upstream's linalg, tensor and arith.
  // No-ops without TOSA.
  // Without TOSA's validation: the ops' verifiers hold, and its level and
  // extension checks (default: none attached) would reject valid modules,
  // e.g. a DOUBLE_ROUND rescale. tosa.rescale becomes tosa.apply_scale,
  // which tosa-to-arith lowers only when asked to.
  pm.addPass(createConvertTosaToTConv());
  tosa::addTosaToLinalgPasses(pm, TosaToLinalgOptions(),
                              TosaToLinalgNamedOptions(),
                              /*validationOptions=*/std::nullopt);
  pm.addPass(createTosaToTensorPass());
  TosaToArithPassOptions tosaToArith;
  tosaToArith.includeApplyRescale = true;
  pm.addPass(createTosaToArithPass(tosaToArith));
  // Batch norms and scales after a conv_transpose go into its weights.
  pm.addPass(createFoldChannelAffine());
  // Quantized ops whose weights fit 7 bits get faster dot products where
  // the target has them for such weights only.
  if (options.vectorize) {
    DispatchNarrowWeightsOptions dispatch;
    setTargetOptions(dispatch, options);
    pm.addPass(createDispatchNarrowWeights(dispatch));
  }
  ConvertTConvToLinalgOptions lowering;
  lowering.algorithm = options.algorithm;
  lowering.channelsLastCompute = options.channelsLastCompute;
  setTargetOptions(lowering, options);
  pm.addPass(createConvertTConvToLinalg(lowering));
  // The model's other convolutions channels-last too.
  if (options.channelsLastCompute) {
    pm.addPass(createConvsToChannelsLast());
    pm.addPass(createCanonicalizerPass());
  }
  // Quantized convolutions' channels padded to the dot products' groups and
  // VPMADDWD's inputs widened once, before the fusion merges the extension
  // into the input's producer.
  if (options.vectorize) {
    PrepareDotProductOperandsOptions preparation;
    setTargetOptions(preparation, options);
    pm.addPass(createPrepareDotProductOperands(preparation));
  }
  // Activations, residual adds and the transposes between channels-first
  // and channels-last fused into one op after each convolution.
  FuseElementwiseOptions fusion;
  fusion.distributeOverPhases = options.distributeOverPhases;
  pm.addPass(createFuseElementwise(fusion));
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  // Phases and their transpose to channels-first computed a block of rows
  // at a time, before the filter blocking, which blocks the fused
  // convolutions' filters once, outside the loop.
  if (options.vectorize) {
    TransposeInRowBlocksOptions rowBlocks;
    setTargetOptions(rowBlocks, options);
    rowBlocks.threads = std::max<int64_t>(options.threads, 1);
    pm.addPass(createTransposeInRowBlocks(rowBlocks));
    pm.addPass(createCanonicalizerPass());
    pm.addPass(createCSEPass());
  }
  // Before the weight packing, which then stores the blocks.
  if (options.vectorize && options.blockConvFilters) {
    BlockConvFiltersOptions blocking;
    setScheduleOptions(blocking, options);
    blocking.threads = std::max<int64_t>(options.threads, 1);
    pm.addPass(createBlockConvFilters(blocking));
  }
  // After CSE, which merges the per-phase weight transposes; a no-op unless
  // arguments are marked (tconv-aot --pack-weights).
  pm.addPass(createOutlineWeightPacking());
}

/// Whether the target of `options` converts between f16 and f32 with
/// instructions. A CPU or feature the model cannot be built for counts as
/// without them: the expansion is correct on every target, and
/// convert-tconv-to-linalg reports the bad name (the tools check the names
/// before lowering).
static bool hasNativeF16Conversions(const TConvToLLVMPipelineOptions &options) {
  FailureOr<TargetModel> model =
      getTargetModel(options.targetTriple, options.targetCpu,
                     options.targetFeatures, [](const Twine &) {});
  return succeeded(model) && model->hasF16Conversions;
}

/// The rest: register tiles and vectors, bufferization, loops, LLVM.
static void buildLinalgToLLVMStage(OpPassManager &pm,
                                   const TConvToLLVMPipelineOptions &options) {
  pm.addPass(createFusePadWithProducer());
  pm.addPass(createConcatIntoSlices());
  // Before the threads' split, whose loops hide how the input was padded.
  if (options.vectorize && options.skipPaddingTaps) {
    SkipPaddingTapsOptions skipping;
    setTargetOptions(skipping, options);
    pm.addPass(createSkipPaddingTaps(skipping));
  }
  // Also for threads < 1, which the pass reports.
  if (options.threads != 1) {
    DistributeToThreadsOptions distribute;
    distribute.threads = options.threads;
    pm.addPass(createDistributeToThreads(distribute));
  }
  if (options.vectorize) {
    TileAndVectorizeOptions tiling;
    setScheduleOptions(tiling, options);
    tiling.cacheTileInputChannels = options.cacheTileInputChannels;
    pm.addPass(createTileAndVectorize(tiling));
    pm.addPass(createCanonicalizerPass());
    pm.addPass(createCSEPass());
    // Accumulators become loop-carried vectors while still on tensors, where
    // views (subviews, reshapes) cannot block the hoisting.
    pm.addPass(createLoopInvariantSubsetHoistingPass());
    pm.addPass(createForwardVectorTransfers());
    pm.addPass(createCanonicalizerPass());
  }

  // Both ways of a dispatch on the weights' range compute into one buffer.
  pm.addPass(createHoistBranchDestinations());
  bufferization::OneShotBufferizePassOptions bufferizeOptions;
  bufferizeOptions.bufferizeFunctionBoundaries = true;
  bufferizeOptions.functionBoundaryTypeConversion =
      bufferization::LayoutMapOption::IdentityLayoutMap;
  pm.addPass(bufferization::createOneShotBufferizePass(bufferizeOptions));
  // Results of private functions (the C interface's lowered functions)
  // become out-params; a static buffer holding a result is the caller's.
  bufferization::BufferResultsToOutParamsPassOptions outParams;
  outParams.hoistStaticAllocs = true;
  pm.addPass(bufferization::createBufferResultsToOutParamsPass(outParams));
  // Folds the loops that carry a buffer through unchanged, so that a result
  // shows as the reshaped alloc it is.
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createForwardResultCopies());
  GroupStaticAllocationsOptions grouping;
  grouping.maxStaticBytes = options.maxStaticBytes;
  grouping.callerScratch = options.callerScratch;
  pm.addPass(createGroupStaticAllocations(grouping));
  if (options.deallocate)
    bufferization::buildBufferDeallocationPipeline(pm);
  // Deallocation may clone returned arguments; lower the clones.
  pm.addPass(createConvertBufferizationToMemRefPass());
  pm.addPass(createMemRefCopyToLinalg());
  if (options.vectorize) {
    // Folding subviews into the transfers and removing self-copies first
    // lets the hoisting see that accumulators are loop-invariant.
    // UPSTREAM(LLVM 22, llvm/llvm-project#177016): tconv's sound version
    // of upstream's fold-memref-alias-ops.
    pm.addPass(createFoldMemRefAliasOps());
    pm.addPass(createCSEPass());
    pm.addPass(createCanonicalizerPass());
    pm.addPass(createHoistVectorTransfers());
    pm.addPass(createCanonicalizerPass());
    PairDepthwiseTapsOptions pairing;
    setTargetOptions(pairing, options);
    pm.addPass(createPairDepthwiseTaps(pairing));
    LowerInt8DotProductsOptions dotProducts;
    setTargetOptions(dotProducts, options);
    pm.addPass(createLowerInt8DotProducts(dotProducts));
  }

  pm.addPass(createOutlineTileLoops());
  pm.addNestedPass<func::FuncOp>(createConvertLinalgToLoopsPass());
  pm.addPass(createLowerMath());
  pm.addPass(createLeakyReluAsMaximum());
  pm.addPass(createLowerSignCasts());
  if (options.threads > 1) {
    // One parallel loop per op: each thread runs one chunk.
    pm.addPass(createForallToParallelLoopPass());
    ConvertSCFToOpenMPPassOptions openMP;
    openMP.numThreads = options.threads;
    pm.addPass(createConvertSCFToOpenMPPass(openMP));
    // Inlines the memref.alloca_scope the conversion wraps each body in
    // (our bodies allocate nothing on the stack): the scope must stay a
    // single block, which lowering the loops inside it would break.
    pm.addPass(createCanonicalizerPass());
  }
  if (options.vectorize) {
    // Reductions that are not convolutions (a quantized op's zero-point
    // sums) vectorize to vector.multi_reduction, which the conversion to
    // LLVM does not lower.
    pm.addNestedPass<func::FuncOp>(
        vector::createLowerVectorMultiReductionPass());
    CollapseVectorTransfersOptions collapse;
    setTargetOptions(collapse, options);
    pm.addPass(createCollapseVectorTransfers(collapse));
    pm.addPass(createConvertVectorToSCFPass(
        VectorTransferToSCFOptions().enableFullUnroll()));
    pm.addPass(createLowerVectorTransposes());
    StreamStoresOptions streaming;
    setTargetOptions(streaming, options);
    pm.addPass(createStreamStores(streaming));
    tconv::PrefetchEpilogueReadsOptions prefetch;
    prefetch.distance = options.prefetchDistance;
    pm.addPass(createPrefetchEpilogueReads(prefetch));
  }
  pm.addPass(createLowerAffinePass());
  pm.addPass(createSCFToControlFlowPass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  ConvertVectorToLLVMPassOptions vectorToLLVM;
  vectorToLLVM.vectorContractLowering =
      vector::VectorContractLowering::OuterProduct;
  vectorToLLVM.vectorTransposeLowering =
      vector::VectorTransposeLowering::Shuffle16x16;
  pm.addPass(createConvertVectorToLLVMPass(vectorToLLVM));
  pm.addPass(createConvertMathToLLVMPass());
  // What neither the approximations nor LLVM's intrinsics cover.
  pm.addPass(createConvertMathToLibmPass());
  pm.addPass(createUBToLLVMConversionPass());
  // bf16 conversions as integer arithmetic: otherwise they become calls to
  // compiler-rt's __truncsfbf2, which GCC 12's libgcc lacks.
  arith::ArithExpandOpsPassOptions expandOptions;
  expandOptions.includeBf16 = true;
  pm.addPass(arith::createArithExpandOpsPass(expandOptions));
  // Likewise f16 conversions where the CPU has no instructions for them
  // (x86-64 without F16C): LLVM would call __extendhfsf2 and __truncsfhf2.
  if (!hasNativeF16Conversions(options))
    pm.addPass(createExpandF16Conversions());
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createConvertIndexToLLVMPass());
  pm.addPass(createConvertControlFlowToLLVMPass());
  pm.addPass(createConvertFuncToLLVMPass());
  if (options.threads > 1)
    pm.addPass(createConvertOpenMPToLLVMPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
}

void tconv::buildTConvToLLVMPipeline(
    OpPassManager &pm, const TConvToLLVMPipelineOptions &options) {
  buildTConvToLinalgStage(pm, options);
  buildLinalgToLLVMStage(pm, options);
}

void tconv::registerTConvPipelines() {
  PassPipelineRegistration<TConvToLLVMPipelineOptions>(
      "tconv-to-llvm",
      "Lower tconv (and TOSA, linalg on tensors) to the LLVM dialect: "
      "convert-tosa-to-tconv, tosa-to-linalg, convert-tconv-to-linalg, "
      "one-shot bufferization, loops, LLVM",
      buildTConvToLLVMPipeline);
}

std::unique_ptr<TConvToLLVMPipelineOptions>
tconv::parseTConvToLLVMPipelineOptions(
    StringRef options, function_ref<void(const Twine &)> reportError) {
  // Upstream's option parser skips "=value" when the name is empty once it
  // has trimmed whitespace and one pair of quotes or braces ("=phase",
  // "''=phase", "\t=phase"); a typo must not silently fall back to the
  // defaults. UPSTREAM(LLVM 22, unreported); canary:
  // test/Upstream/pass-options-empty-name.mlir.
  SmallVector<StringRef> words;
  options.split(words, ' ', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  if (llvm::any_of(words, [](StringRef word) {
        StringRef name = word.split('=').first;
        return word.contains('=') && name.trim(" \t\n\v\f\r'\"{}").empty();
      })) {
    reportError("invalid --pipeline-options '" + options +
                "': an option has no name");
    return nullptr;
  }
  std::unique_ptr<TConvToLLVMPipelineOptions> pipelineOptions =
      TConvToLLVMPipelineOptions::createFromString(options);
  if (!pipelineOptions) {
    reportError("invalid --pipeline-options '" + options + "'");
    return nullptr;
  }
  // LLVM names CPUs and features with these characters only; anything else
  // (upstream's parser takes unbalanced braces into a string value) is a
  // typo, reported here rather than as an unknown name later.
  auto isTargetName = [](StringRef name, StringRef punctuation) {
    return llvm::all_of(name, [&](char c) {
      return llvm::isAlnum(c) || punctuation.contains(c);
    });
  };
  if (!isTargetName(pipelineOptions->targetTriple, "_.-") ||
      !isTargetName(pipelineOptions->targetCpu, "_.-") ||
      !isTargetName(pipelineOptions->targetFeatures, "_.-+,")) {
    reportError("invalid --pipeline-options '" + options +
                "': target-triple, target-cpu and target-features take "
                "LLVM's names (letters, digits, '_', '.', '-'; features "
                "'+f1,-f2')");
    return nullptr;
  }
  return pipelineOptions;
}

LogicalResult
tconv::lowerTConvToLLVM(ModuleOp module, StringRef options, StringRef name,
                        function_ref<void(const Twine &)> reportError,
                        const llvm::TargetMachine *machine,
                        function_ref<LogicalResult(ModuleOp)> onLinalg) {
  std::unique_ptr<TConvToLLVMPipelineOptions> pipelineOptions =
      parseTConvToLLVMPipelineOptions(options, reportError);
  if (!pipelineOptions)
    return failure();
  if (machine) {
    if (pipelineOptions->targetTriple.hasValue() ||
        pipelineOptions->targetCpu.hasValue() ||
        pipelineOptions->targetFeatures.hasValue()) {
      reportError("--pipeline-options cannot name the target: use the "
                  "tool's --target-triple, --target-cpu and "
                  "--target-features");
      return failure();
    }
    pipelineOptions->targetTriple = machine->getTargetTriple().str();
    pipelineOptions->targetCpu = machine->getTargetCPU().str();
    pipelineOptions->targetFeatures = machine->getTargetFeatureString().str();
  }
  // One pass manager per stage, so that `onLinalg` sees the module between.
  PassManager toLinalg(module.getContext()), toLLVM(module.getContext());
  if (failed(applyPassManagerCLOptions(toLinalg)) ||
      failed(applyPassManagerCLOptions(toLLVM))) {
    reportError("invalid pass manager options");
    return failure();
  }
  buildTConvToLinalgStage(toLinalg, *pipelineOptions);
  buildLinalgToLLVMStage(toLLVM, *pipelineOptions);
  auto lowered = [&](PassManager &pm) {
    if (succeeded(pm.run(module)))
      return true;
    reportError("lowering " + name + " to LLVM failed");
    return false;
  };
  return success(lowered(toLinalg) &&
                 (!onLinalg || succeeded(onLinalg(module))) && lowered(toLLVM));
}

tconv::PipelineOptionsCommandLine::PipelineOptionsCommandLine(
    llvm::cl::OptionCategory &category)
    : options("pipeline-options",
              llvm::cl::desc("Options of the tconv-to-llvm pipeline, as in "
                             "tconv-opt --tconv-to-llvm=\"...\", e.g. "
                             "\"vectorize=false\" or \"register-tile-width=4 "
                             "register-tile-channels=16\""),
              llvm::cl::value_desc("OPTIONS"), llvm::cl::cat(category)) {}

void tconv::registerTConvToolDialects(DialectRegistry &registry) {
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registry.insert<TConvDialect>();
  registerBuiltinDialectTranslation(registry);
  registerLLVMDialectTranslation(registry);
  registerOpenMPDialectTranslation(registry);
}
