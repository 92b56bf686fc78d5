//===- Pipelines.h - tconv pass pipelines -----------------------*- C++ -*-===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// The one definition of the pipeline from tconv to the LLVM dialect. tconv-opt
// registers it as --tconv-to-llvm; tconv-run (and later tconv-aot) call the
// builder directly, so every tool compiles the same way.
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_PIPELINES_PIPELINES_H
#define TCONV_PIPELINES_PIPELINES_H

#include "tconv/Codegen/Passes.h"
#include "tconv/Conversion/Passes.h"
#include "tconv/Transforms/Passes.h"

#include "mlir/Pass/PassOptions.h"

namespace llvm {
class TargetMachine;
} // namespace llvm

namespace mlir {
class DialectRegistry;
class ModuleOp;
class OpPassManager;
namespace tconv {

/// The options of --tconv-to-llvm. Most are options of one of its passes and
/// take that pass's default (Passes.td is their one definition; the
/// descriptions there say more); `vectorize` and `deallocate` choose stages.
struct TConvToLLVMPipelineOptions
    : public PassPipelineOptions<TConvToLLVMPipelineOptions> {
  PassOptions::Option<LoweringAlgorithm> algorithm{
      *this, "algorithm",
      llvm::cl::desc("Lowering algorithm of tconv.conv_transpose "
                     "(convert-tconv-to-linalg)"),
      llvm::cl::init(ConvertTConvToLinalgOptions().algorithm),
      getLoweringAlgorithmValues()};
  PassOptions::Option<bool> channelsLastCompute{
      *this, "channels-last-compute",
      llvm::cl::desc("Compute channels-first ops in the channels-last layout "
                     "(convert-tconv-to-linalg, "
                     "tconv-convs-to-channels-last)"),
      llvm::cl::init(ConvertTConvToLinalgOptions().channelsLastCompute)};
  PassOptions::Option<bool> distributeOverPhases{
      *this, "distribute-over-phases",
      llvm::cl::desc("Compute the elementwise ops after a transposed "
                     "convolution's phases on each phase's register tiles "
                     "(tconv-fuse-elementwise)"),
      llvm::cl::init(FuseElementwiseOptions().distributeOverPhases)};
  PassOptions::Option<bool> vectorize{
      *this, "vectorize",
      llvm::cl::desc("Tile for registers and vectorize (off: scalar loops)"),
      llvm::cl::init(true)};
  PassOptions::Option<std::string> targetTriple{
      *this, "target-triple",
      llvm::cl::desc("Target triple, e.g. aarch64-linux-gnu (default: the "
                     "host's; tconv-aot sets it from its --target-triple)"),
      llvm::cl::init(TileAndVectorizeOptions().targetTriple)};
  PassOptions::Option<std::string> targetCpu{
      *this, "target-cpu",
      llvm::cl::desc("Target CPU the schedules are computed for, as LLVM "
                     "names it (default: the host's, generic for another "
                     "architecture; tconv-aot sets it from its --target-cpu)"),
      llvm::cl::init(TileAndVectorizeOptions().targetCpu)};
  PassOptions::Option<std::string> targetFeatures{
      *this, "target-features",
      llvm::cl::desc("Target features, e.g. +avx2,-avx512f (default: the "
                     "CPU's own, or the host's for the host CPU)"),
      llvm::cl::init(TileAndVectorizeOptions().targetFeatures)};
  PassOptions::Option<int64_t> registerTileWidth{
      *this, "register-tile-width",
      llvm::cl::desc("Output pixels per convolution register tile "
                     "(tconv-tile-and-vectorize; 0: the target model's)"),
      llvm::cl::init(TileAndVectorizeOptions().registerTileWidth)};
  PassOptions::Option<int64_t> registerTileChannels{
      *this, "register-tile-channels",
      llvm::cl::desc("Output channels per convolution register tile "
                     "(tconv-tile-and-vectorize; 0: the target model's)"),
      llvm::cl::init(TileAndVectorizeOptions().registerTileChannels)};
  PassOptions::Option<int64_t> cacheTileInputChannels{
      *this, "cache-tile-input-channels",
      llvm::cl::desc("Input channels per convolution cache tile "
                     "(tconv-tile-and-vectorize; 0: the target model's)"),
      llvm::cl::init(TileAndVectorizeOptions().cacheTileInputChannels)};
  PassOptions::Option<bool> blockConvFilters{
      *this, "block-conv-filters",
      llvm::cl::desc("Store each register tile's weights in one contiguous "
                     "block (tconv-block-conv-filters; with vectorize)"),
      llvm::cl::init(true)};
  PassOptions::Option<bool> skipPaddingTaps{
      *this, "skip-padding-taps",
      llvm::cl::desc("Split convolutions so that no part multiplies zero "
                     "padding (tconv-skip-padding-taps; with vectorize)"),
      llvm::cl::init(true)};
  PassOptions::Option<unsigned> prefetchDistance{
      *this, "prefetch-distance",
      llvm::cl::desc("Register tiles ahead to prefetch what the tiles' "
                     "epilogues read (tconv-prefetch-epilogue-reads; with "
                     "vectorize; 0: no prefetch)"),
      llvm::cl::init(PrefetchEpilogueReadsOptions().distance)};
  PassOptions::Option<int64_t> threads{
      *this, "threads",
      llvm::cl::desc("Threads per op (tconv-distribute-to-threads, OpenMP: "
                     "the code then needs an OpenMP runtime such as libomp). "
                     "1: serial code"),
      llvm::cl::init(DistributeToThreadsOptions().threads)};
  PassOptions::Option<bool> deallocate{
      *this, "deallocate",
      llvm::cl::desc("Free intermediate buffers (ownership-based buffer "
                     "deallocation)"),
      llvm::cl::init(true)};
  PassOptions::Option<int64_t> maxStaticBytes{
      *this, "max-static-bytes",
      llvm::cl::desc("Largest static scratch buffer of a function, in bytes; "
                     "temporaries that do not fit come from the heap on "
                     "every call (tconv-group-static-allocations)"),
      llvm::cl::init(GroupStaticAllocationsOptions().maxStaticBytes)};
  PassOptions::Option<bool> callerScratch{
      *this, "caller-scratch",
      llvm::cl::desc("Static temporaries in a buffer each function takes as "
                     "its last argument (tconv-group-static-allocations; "
                     "tconv-aot --scratch=caller sets it)"),
      llvm::cl::init(false)};
};

/// tconv (and any linalg/tensor/arith IR) -> linalg -> register tiles and
/// vectors -> bufferized loops -> LLVM dialect.
void buildTConvToLLVMPipeline(OpPassManager &pm,
                              const TConvToLLVMPipelineOptions &options);

/// Registers --tconv-to-llvm.
void registerTConvPipelines();

/// Parses `options`, written as for --tconv-to-llvm="..." (tconv-run's and
/// tconv-aot's --pipeline-options). On failure `reportError` gets the reason
/// and the result is null.
std::unique_ptr<TConvToLLVMPipelineOptions> parseTConvToLLVMPipelineOptions(
    llvm::StringRef options,
    llvm::function_ref<void(const llvm::Twine &)> reportError);

/// Lowers `module` in place with the pipeline configured by `options`, written
/// as for --tconv-to-llvm="..." (plus the pass manager's command-line
/// options). On failure `reportError` gets the reason; `name` (the input file)
/// names the module in it. `onLinalg`, when given, runs between the lowering
/// to linalg on tensors (with tconv-outline-weight-packing) and the rest; its
/// failure stops the lowering (it reports its own errors). `machine`, when
/// given, is the target the code is generated for: the schedules are
/// computed for it, and `options` must not name another.
LogicalResult lowerTConvToLLVM(
    ModuleOp module, llvm::StringRef options, llvm::StringRef name,
    llvm::function_ref<void(const llvm::Twine &)> reportError,
    const llvm::TargetMachine *machine,
    llvm::function_ref<LogicalResult(ModuleOp)> onLinalg = nullptr);

/// The dialects, extensions and LLVM IR translations a tool needs to parse,
/// lower and translate tconv modules.
void registerTConvToolDialects(DialectRegistry &registry);

/// The --pipeline-options flag of the tools that compile through
/// --tconv-to-llvm (tconv-run, tconv-aot), in the tool's `category`.
struct PipelineOptionsCommandLine {
  explicit PipelineOptionsCommandLine(llvm::cl::OptionCategory &category);

  llvm::cl::opt<std::string> options;
};

} // namespace tconv
} // namespace mlir

#endif // TCONV_PIPELINES_PIPELINES_H
