//===- tconv-bench.cpp - tconv's kernels against oneDNN on a layer suite --===//
//
// Part of the tconv project (benchmark, not a test).
//
//===----------------------------------------------------------------------===//
//
// For every layer of a suite (bench/suite.json by default) this tool builds
// the tconv.conv_transpose, compiles it once per lowering algorithm exactly
// as tconv-aot does (same pipeline, C entry point, O3 object for the host),
// loads each object into the process, and times the kernels and oneDNN's
// deconvolution alternately on the same random data. It prints a table of
// milliseconds, useful GFLOP/s, percent of the machine's fp32 peak, speedup
// against oneDNN and the error against the reference library (the scatter
// definition in double), and can write JSON, CSV and an SVG chart.
//
//===----------------------------------------------------------------------===//

#ifdef TCONV_HAVE_ONEDNN
#include "OneDnn.h"
#endif
#include "Peak.h"

#include "tconv/Compiler/Compiler.h"
#include "tconv/Dialect/TConv/IR/TConvOps.h"
#include "tconv/Pipelines/Pipelines.h"
#include "tconv/Reference/Reference.h"
#include "tconv/Support/CInterface.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Pass/PassManager.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/ExecutionEngine/Orc/ExecutionUtils.h"
#include "llvm/ExecutionEngine/Orc/LLJIT.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/DynamicLibrary.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Target/TargetMachine.h"

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <new>

using namespace mlir;
using namespace mlir::tconv;

namespace cl = llvm::cl;

static cl::OptionCategory benchCategory("tconv-bench options");

static cl::opt<std::string> suitePath("suite", cl::desc("Layer suite (JSON)"),
                                      cl::value_desc("FILE"),
                                      cl::init(TCONV_DEFAULT_SUITE),
                                      cl::cat(benchCategory));
static cl::list<std::string>
    layerNames("layers", cl::desc("Only these layers (default: all)"),
               cl::CommaSeparated, cl::value_desc("NAME,..."),
               cl::cat(benchCategory));
static cl::list<std::string> algorithms(
    "algorithms",
    cl::desc("tconv lowering algorithms to run, each a value of the "
             "pipeline's algorithm option (default: auto,zero-insertion,"
             "phase,subpixel,gemm)"),
    cl::CommaSeparated, cl::value_desc("NAME,..."), cl::cat(benchCategory));
static cl::opt<std::string> extraPipelineOptions(
    "pipeline-options",
    cl::desc("More tconv-to-llvm options for every algorithm, e.g. "
             "\"register-tile-width=4\""),
    cl::value_desc("OPTIONS"), cl::cat(benchCategory));
static cl::opt<unsigned>
    threads("num-threads",
            cl::desc("Threads for oneDNN and for tconv's kernels (tconv's "
                     "through the pipeline's threads option)"),
            cl::init(1), cl::cat(benchCategory));
static cl::opt<double> budget("budget",
                              cl::desc("Seconds of timed calls per "
                                       "implementation and layer"),
                              cl::init(1.0), cl::cat(benchCategory));
static cl::opt<unsigned> minRuns("min-runs",
                                 cl::desc("Timed calls per implementation, "
                                          "at least"),
                                 cl::init(5), cl::cat(benchCategory));
static cl::opt<double> maxCallSeconds(
    "max-call-seconds",
    cl::desc("An implementation whose first call takes longer is timed by "
             "that one call"),
    cl::init(5.0), cl::cat(benchCategory));
static cl::opt<double> maxWaste(
    "max-waste",
    cl::desc("Skip zero insertion where it multiplies more than this many "
             "times the useful MACs (it runs minutes on FCN-32s)"),
    cl::init(64.0), cl::cat(benchCategory));
static cl::opt<double>
    peakOption("peak-gflops",
               cl::desc("The machine's fp32 peak per thread count used "
                        "(default: measured with an FMA loop)"),
               cl::init(0.0), cl::cat(benchCategory));
static cl::opt<bool> useOneDnn("onednn",
                               cl::desc("Compare with oneDNN when available"),
                               cl::init(true), cl::cat(benchCategory));
static cl::opt<bool>
    checkResults("check",
                 cl::desc("Compare every result with the reference library"),
                 cl::init(true), cl::cat(benchCategory));
static cl::opt<double> tolerance("tolerance",
                                 cl::desc("Largest normwise relative error "
                                          "that passes"),
                                 cl::init(1e-4), cl::cat(benchCategory));
static cl::opt<std::string> weightsOption(
    "weights",
    cl::desc("How tconv's kernels get their weights (oneDNN's are reordered "
             "to its preferred format once, before timing): 'packed' "
             "(default), rearranged once by the kernel's NAME_pack function "
             "(tconv-aot --pack-weights) before timing; 'argument', as they "
             "are, rearranged in every timed call; 'constant', a constant of "
             "the module, rearranged at compile time"),
    cl::value_desc("packed|argument|constant"), cl::init("packed"),
    cl::cat(benchCategory));
static cl::opt<uint64_t> seed("seed", cl::desc("Seed of the random data"),
                              cl::init(1), cl::cat(benchCategory));
static cl::opt<std::string> jsonPath("json",
                                     cl::desc("Also write the results as "
                                              "JSON"),
                                     cl::value_desc("FILE"),
                                     cl::cat(benchCategory));
static cl::opt<std::string> csvPath("csv",
                                    cl::desc("Also write the results as CSV"),
                                    cl::value_desc("FILE"),
                                    cl::cat(benchCategory));
static cl::opt<std::string> modulesDir(
    "write-modules",
    cl::desc("Write each layer's tconv module to DIR/LAYER.mlir (for "
             "tconv-run, tconv-aot, perf) and exit"),
    cl::value_desc("DIR"), cl::cat(benchCategory));
static cl::opt<std::string> plotPath("plot",
                                     cl::desc("Draw GFLOP/s per layer, "
                                              "against oneDNN and the peak"),
                                     cl::value_desc("FILE.svg"),
                                     cl::cat(benchCategory));

namespace {

/// How the weights reach tconv's kernels (--weights).
enum class WeightMode { Argument, Packed, Constant };
WeightMode weightMode = WeightMode::Packed;

/// Buffers start on a cache line, as oneDNN's own and a framework's tensors
/// do: a vector load that straddles two lines costs two, which made tconv's
/// packed weights in plain vector memory 20% slower on dcgan2.
template <typename T> struct CacheLineAllocator {
  using value_type = T;
  CacheLineAllocator() = default;
  template <typename U> CacheLineAllocator(const CacheLineAllocator<U> &) {}
  T *allocate(size_t n) {
    return static_cast<T *>(
        ::operator new(n * sizeof(T), std::align_val_t(kCacheLineBytes)));
  }
  void deallocate(T *p, size_t) {
    ::operator delete(p, std::align_val_t(kCacheLineBytes));
  }
  bool operator==(const CacheLineAllocator &) const { return true; }
  bool operator!=(const CacheLineAllocator &) const { return false; }
  static constexpr size_t kCacheLineBytes = 64;
};
using Buffer = std::vector<float, CacheLineAllocator<float>>;

using Clock = std::chrono::steady_clock;

LogicalResult emitToolError(const Twine &message) {
  llvm::WithColor::error(llvm::errs(), "tconv-bench") << message << "\n";
  return failure();
}

void reportToolError(const Twine &message) { (void)emitToolError(message); }

//===----------------------------------------------------------------------===//
// The suite
//===----------------------------------------------------------------------===//

struct Layer {
  std::string name;
  std::string source;
  ConvTransposeProblem problem;
  double usefulFlops = 0;
  int64_t outputCount = 0;
};

/// A suite value is one integer for every spatial dim or a list of them.
LogicalResult readPerDim(const llvm::json::Object &object, StringRef key,
                         int64_t defaultValue, unsigned rank,
                         SmallVectorImpl<int64_t> &values, const Twine &where) {
  values.assign(rank, defaultValue);
  const llvm::json::Value *value = object.get(key);
  if (!value)
    return success();
  if (std::optional<int64_t> scalar = value->getAsInteger()) {
    values.assign(rank, *scalar);
    return success();
  }
  const llvm::json::Array *array = value->getAsArray();
  if (!array || array->size() != rank)
    return emitToolError(where + ": '" + key + "' must be an integer or " +
                         Twine(rank) + " integers");
  for (auto [i, element] : llvm::enumerate(*array)) {
    std::optional<int64_t> integer = element.getAsInteger();
    if (!integer)
      return emitToolError(where + ": '" + key + "' must hold integers");
    values[i] = *integer;
  }
  return success();
}

FailureOr<Layer> readLayer(const llvm::json::Value &value, size_t index) {
  std::string where = suitePath + ": layer " + std::to_string(index);
  const llvm::json::Object *object = value.getAsObject();
  if (!object)
    return emitToolError(where + " is not an object");
  Layer layer;
  if (std::optional<StringRef> name = object->getString("name"))
    layer.name = name->str();
  else
    return emitToolError(where + " has no \"name\"");
  where = suitePath + ": layer " + layer.name;
  if (std::optional<StringRef> source = object->getString("source"))
    layer.source = source->str();
  const llvm::json::Array *spatial = object->getArray("spatial");
  if (!spatial || spatial->empty() || spatial->size() > 3)
    return emitToolError(where + ": \"spatial\" must list 1 to 3 sizes");
  ConvTransposeProblem &problem = layer.problem;
  for (const llvm::json::Value &size : *spatial) {
    std::optional<int64_t> integer = size.getAsInteger();
    if (!integer)
      return emitToolError(where + ": \"spatial\" must hold integers");
    problem.inputSize.push_back(*integer);
  }
  unsigned rank = problem.inputSize.size();
  auto readScalar = [&](StringRef key, int64_t &field,
                        std::optional<int64_t> defaultValue) {
    if (std::optional<int64_t> integer = object->getInteger(key)) {
      field = *integer;
      return success();
    }
    if (defaultValue && !object->get(key)) {
      field = *defaultValue;
      return success();
    }
    return emitToolError(where + ": \"" + key + "\" must be an integer");
  };
  SmallVector<int64_t> kernel, stride, padding, outputPadding, dilation;
  if (failed(readScalar("N", problem.batch, std::nullopt)) ||
      failed(readScalar("Cin", problem.inChannels, std::nullopt)) ||
      failed(readScalar("Cout", problem.outChannels, std::nullopt)) ||
      failed(readScalar("groups", problem.groups, 1)) ||
      failed(readPerDim(*object, "kernel", -1, rank, kernel, where)) ||
      failed(readPerDim(*object, "stride", 1, rank, stride, where)) ||
      failed(readPerDim(*object, "padding", 0, rank, padding, where)) ||
      failed(readPerDim(*object, "output_padding", 0, rank, outputPadding,
                        where)) ||
      failed(readPerDim(*object, "dilation", 1, rank, dilation, where)))
    return failure();
  problem.kernelSize.assign(kernel);
  for (unsigned d = 0; d < rank; ++d)
    problem.params.push_back(
        {stride[d], dilation[d], padding[d], padding[d], outputPadding[d]});
  std::optional<SmallVector<int64_t>> outputShape = problem.getOutputShape();
  std::optional<int64_t> macs = problem.getUsefulMacs();
  if (problem.batch < 1 || problem.inChannels < 1 || problem.outChannels < 1 ||
      problem.groups < 1 || problem.inChannels % problem.groups ||
      problem.outChannels % problem.groups ||
      llvm::any_of(kernel, [](int64_t k) { return k < 1; }) || !outputShape ||
      !macs)
    return emitToolError(where + " is not a valid transposed convolution");
  layer.usefulFlops = 2.0 * *macs;
  layer.outputCount = 1;
  for (int64_t size : *outputShape)
    layer.outputCount *= size;
  return layer;
}

FailureOr<std::vector<Layer>> readSuite() {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> file =
      llvm::MemoryBuffer::getFile(suitePath);
  if (!file)
    return emitToolError("cannot read " + suitePath + ": " +
                         file.getError().message());
  llvm::Expected<llvm::json::Value> json =
      llvm::json::parse((*file)->getBuffer());
  if (!json)
    return emitToolError(suitePath + ": " + llvm::toString(json.takeError()));
  const llvm::json::Object *root = json->getAsObject();
  const llvm::json::Array *array = root ? root->getArray("layers") : nullptr;
  if (!array)
    return emitToolError(suitePath + " has no \"layers\" array");
  std::vector<Layer> layers;
  for (auto [index, value] : llvm::enumerate(*array)) {
    FailureOr<Layer> layer = readLayer(value, index);
    if (failed(layer))
      return failure();
    if (layerNames.empty() || llvm::is_contained(layerNames, layer->name))
      layers.push_back(std::move(*layer));
  }
  for (const std::string &name : layerNames)
    if (llvm::none_of(layers, [&](const Layer &l) { return l.name == name; }))
      return emitToolError("no layer '" + name + "' in " + suitePath);
  return layers;
}

//===----------------------------------------------------------------------===//
// tconv kernels, compiled as tconv-aot compiles them and loaded in process
//===----------------------------------------------------------------------===//

/// `kernel`, and `kernel_packed` with the packed weights for `weight`.
using KernelFunction = void (*)(const float *input, const float *weight,
                                const float *bias, float *output);
/// The kernel of a module built with a constant weight.
using ConstantWeightKernelFunction = void (*)(const float *input,
                                              const float *bias, float *output);
/// `kernel_pack`.
using PackFunction = void (*)(const float *weight, float *packed);

struct CompiledKernel {
  std::unique_ptr<llvm::orc::LLJIT> jit;
  /// A KernelFunction, or a ConstantWeightKernelFunction.
  void *function = nullptr;
  /// With WeightMode::Packed: the weights `kernel_pack` packed.
  Buffer packedWeight;
  double compileSeconds = 0;
};

/// `func.func @kernel(%input, %weight, %bias) -> tensor` around one
/// channels-first f32 conv_transpose of `problem`; with `constantWeight`,
/// `@kernel(%input, %bias)` and the weight an arith.constant.
OwningOpRef<ModuleOp> buildLayerModule(MLIRContext &context,
                                       const ConvTransposeProblem &problem,
                                       ArrayRef<float> constantWeight = {}) {
  OpBuilder builder(&context);
  Location loc = builder.getUnknownLoc();
  OwningOpRef<ModuleOp> module = ModuleOp::create(loc);
  builder.setInsertionPointToEnd(module->getBody());
  Type f32 = builder.getF32Type();
  auto inputType = RankedTensorType::get(problem.getInputShape(), f32);
  auto weightType = RankedTensorType::get(problem.getWeightShape(), f32);
  auto biasType = RankedTensorType::get({problem.outChannels}, f32);
  auto outputType = RankedTensorType::get(*problem.getOutputShape(), f32);
  SmallVector<Type> argumentTypes = {inputType, weightType, biasType};
  if (!constantWeight.empty())
    argumentTypes.erase(argumentTypes.begin() + 1);
  auto function =
      func::FuncOp::create(builder, loc, "kernel",
                           builder.getFunctionType(argumentTypes, outputType));
  Block *body = function.addEntryBlock();
  builder.setInsertionPointToEnd(body);
  Value input = body->getArgument(0), bias = body->getArguments().back();
  Value weight = constantWeight.empty()
                     ? body->getArgument(1)
                     : arith::ConstantOp::create(
                           builder, loc,
                           DenseElementsAttr::get(weightType, constantWeight))
                           .getResult();
  SmallVector<int64_t> strides, padding, outputPadding, dilations;
  for (const SpatialParams &params : problem.params) {
    strides.push_back(params.stride);
    padding.push_back(params.padBegin);
    outputPadding.push_back(params.outputPadding);
    dilations.push_back(params.dilation);
  }
  for (const SpatialParams &params : problem.params)
    padding.push_back(params.padEnd);
  Value result = ConvTransposeOp::create(
      builder, loc, outputType, input, weight, bias,
      builder.getDenseI64ArrayAttr(strides),
      builder.getDenseI64ArrayAttr(padding),
      builder.getDenseI64ArrayAttr(outputPadding),
      builder.getDenseI64ArrayAttr(dilations),
      builder.getI64IntegerAttr(problem.groups),
      LayoutAttr::get(&context, Layout::channels_first));
  func::ReturnOp::create(builder, loc, result);
  return module;
}

/// Compiles `layer` with `pipelineOptions` to an object and loads it. On
/// failure, `error` holds the compiler's diagnostics.
FailureOr<CompiledKernel>
compileKernel(MLIRContext &context, llvm::TargetMachine &machine,
              const Layer &layer, ArrayRef<float> weight,
              StringRef pipelineOptions, std::string &error) {
  bool packWeights = weightMode == WeightMode::Packed;
  llvm::raw_string_ostream errorStream(error);
  ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diagnostic) {
    if (diagnostic.getSeverity() == DiagnosticSeverity::Error)
      errorStream << diagnostic.str() << "; ";
    return success();
  });
  auto reportError = [&](const Twine &message) { errorStream << message; };

  auto start = Clock::now();
  OwningOpRef<ModuleOp> module = buildLayerModule(
      context, layer.problem,
      weightMode == WeightMode::Constant ? weight : ArrayRef<float>());
  if (failed(verify(*module)))
    return failure();
  FailureOr<std::vector<CFunction>> functions = collectCFunctions(*module);
  if (failed(functions))
    return failure();
  SmallString<0> object;
  if (failed(lowerWithCInterface(*module, *functions, pipelineOptions,
                                 machine, layer.name, reportError,
                                 packWeights)) ||
      failed(emitNativeCode(*module, machine, EmitKind::Object, object,
                            layer.name, reportError)))
    return failure();
  CompiledKernel kernel;
  kernel.compileSeconds =
      std::chrono::duration<double>(Clock::now() - start).count();

  auto jit = llvm::orc::LLJITBuilder().create();
  if (!jit) {
    reportError(llvm::toString(jit.takeError()));
    return failure();
  }
  kernel.jit = std::move(*jit);
  // The object needs libc (malloc, free, memcpy, memset), libm and, for
  // threaded kernels, the OpenMP runtime: all resolved in this process.
  auto processSymbols =
      llvm::orc::DynamicLibrarySearchGenerator::GetForCurrentProcess(
          kernel.jit->getDataLayout().getGlobalPrefix());
  if (!processSymbols) {
    reportError(llvm::toString(processSymbols.takeError()));
    return failure();
  }
  kernel.jit->getMainJITDylib().addGenerator(std::move(*processSymbols));
  if (llvm::Error err = kernel.jit->addObjectFile(
          llvm::MemoryBuffer::getMemBufferCopy(object.str(), layer.name))) {
    reportError(llvm::toString(std::move(err)));
    return failure();
  }
  auto lookup = [&](StringRef name) -> void * {
    auto symbol = kernel.jit->lookup(name);
    if (symbol)
      return symbol->toPtr<void *>();
    reportError(llvm::toString(symbol.takeError()));
    return nullptr;
  };
  kernel.function = lookup(packWeights ? "kernel_packed" : "kernel");
  if (!kernel.function)
    return failure();
  if (packWeights) {
    auto pack = reinterpret_cast<PackFunction>(lookup("kernel_pack"));
    auto packInterface = llvm::find_if(*functions, [](const CFunction &fn) {
      return fn.name == "kernel_pack";
    });
    if (!pack || packInterface == functions->end())
      return failure();
    kernel.packedWeight.resize(packInterface->results[0].type.getNumElements());
    pack(weight.data(), kernel.packedWeight.data());
  }
  return kernel;
}

//===----------------------------------------------------------------------===//
// Measurement
//===----------------------------------------------------------------------===//

/// One implementation of one layer: a tconv algorithm or oneDNN.
struct Candidate {
  std::string name;
  std::function<void()> call;
  /// Run after the timed calls, before the output is checked.
  std::function<void()> finish;
  Buffer output;
  /// Where its figures go in the layer's results.
  size_t resultIndex = 0;
  std::vector<double> samples;
  bool done = false;
};

struct Result {
  std::string layer;
  std::string implementation;
  /// Empty when measured; else why not (compile error, skipped).
  std::string note;
  double compileSeconds = 0;
  double milliseconds = 0;
  double gflops = 0;
  double percentOfPeak = 0;
  /// oneDNN's time over this one's; 0 without oneDNN.
  double speedupVsOneDnn = 0;
  /// Normwise relative error against the reference; -1 if not checked.
  double relativeError = -1;
  size_t runs = 0;
  bool passed = true;
};

double median(std::vector<double> values) {
  llvm::sort(values);
  size_t n = values.size();
  return n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

double timeCall(const std::function<void()> &call) {
  auto start = Clock::now();
  call();
  return std::chrono::duration<double>(Clock::now() - start).count();
}

/// Times the candidates alternately: a first (warm-up) call each, then
/// rounds of one call per candidate still short of `minRuns` calls and
/// `budget` seconds. A candidate whose first call exceeds
/// `maxCallSeconds` is timed by that call alone.
void measure(MutableArrayRef<Candidate> candidates) {
  for (Candidate &candidate : candidates) {
    double first = timeCall(candidate.call);
    if (first > maxCallSeconds) {
      candidate.samples.push_back(first);
      candidate.done = true;
    }
  }
  while (llvm::any_of(candidates, [](const Candidate &c) { return !c.done; }))
    for (Candidate &candidate : candidates) {
      if (candidate.done)
        continue;
      candidate.samples.push_back(timeCall(candidate.call));
      double total = 0;
      for (double sample : candidate.samples)
        total += sample;
      candidate.done = (candidate.samples.size() >= minRuns && total >= budget);
    }
  for (Candidate &candidate : candidates)
    if (candidate.finish)
      candidate.finish();
}

/// Zero insertion multiplies roughly prod(stride) times the useful MACs.
double getZeroInsertionWaste(const ConvTransposeProblem &problem) {
  double waste = 1;
  for (const SpatialParams &params : problem.params)
    waste *= params.stride;
  return waste;
}

std::string joinOptions(StringRef a, StringRef b) {
  if (a.empty() || b.empty())
    return (a + b).str();
  return (a + " " + b).str();
}

std::vector<Result> benchmarkLayer(MLIRContext &context,
                                   llvm::TargetMachine &machine,
                                   const Layer &layer,
                                   ArrayRef<std::string> algorithmNames,
                                   double peakGflops) {
  const ConvTransposeProblem &problem = layer.problem;
  auto getCount = [](ArrayRef<int64_t> shape) {
    int64_t count = 1;
    for (int64_t size : shape)
      count *= size;
    return count;
  };
  Buffer input(getCount(problem.getInputShape()));
  Buffer weight(getCount(problem.getWeightShape()));
  Buffer bias(problem.outChannels);
  reference::fillRandom(input, seed * 4 + 0);
  reference::fillRandom(weight, seed * 4 + 1);
  reference::fillRandom(bias, seed * 4 + 2);

  std::vector<Result> results;
  std::vector<Candidate> candidates;
  std::vector<CompiledKernel> kernels;
  auto addResult = [&](StringRef implementation) -> Result & {
    Result &result = results.emplace_back();
    result.layer = layer.name;
    result.implementation = implementation.str();
    return result;
  };
  // Measured implementations get a candidate too, linked to their result.
  auto addCandidate = [&](StringRef name) -> Candidate & {
    Candidate &candidate = candidates.emplace_back();
    candidate.name = name.str();
    candidate.resultIndex = results.size();
    addResult(name);
    // Random bytes, not stale heap memory, in every buffer.
    candidate.output.resize(layer.outputCount);
    reference::fillRandom(candidate.output, seed * 4 + 3);
    return candidate;
  };
  // Candidates are created before any pointer into them is taken.
  candidates.reserve(algorithmNames.size() + 1);
  kernels.reserve(algorithmNames.size());

  for (const std::string &algorithm : algorithmNames) {
    if (algorithm == "zero-insertion" &&
        getZeroInsertionWaste(problem) > maxWaste) {
      addResult(algorithm).note =
          llvm::formatv("skipped: {0:f0}x the useful work (--max-waste)",
                        getZeroInsertionWaste(problem));
      continue;
    }
    std::string options = joinOptions(
        "algorithm=" + algorithm,
        joinOptions(threads > 1 ? "threads=" + std::to_string(threads) : "",
                    extraPipelineOptions));
    std::string error;
    FailureOr<CompiledKernel> kernel =
        compileKernel(context, machine, layer, weight, options, error);
    if (failed(kernel)) {
      addResult(algorithm).note = "not compiled: " + error;
      continue;
    }
    Candidate &candidate = addCandidate(algorithm);
    results.back().compileSeconds = kernel->compileSeconds;
    void *function = kernel->function;
    kernels.push_back(std::move(*kernel));
    float *output = candidate.output.data();
    const float *kernelWeight = weightMode == WeightMode::Packed
                                    ? kernels.back().packedWeight.data()
                                    : weight.data();
    if (weightMode == WeightMode::Constant)
      candidate.call = [=, &input, &bias] {
        reinterpret_cast<ConstantWeightKernelFunction>(function)(
            input.data(), bias.data(), output);
      };
    else
      candidate.call = [=, &input, &bias] {
        reinterpret_cast<KernelFunction>(function)(input.data(), kernelWeight,
                                                   bias.data(), output);
      };
  }

#ifdef TCONV_HAVE_ONEDNN
  std::unique_ptr<bench::OneDnnDeconvolution> oneDnn;
  if (useOneDnn) {
    Candidate &candidate = addCandidate("oneDNN");
    std::string error;
    oneDnn = bench::OneDnnDeconvolution::create(problem, input.data(),
                                                weight.data(), bias.data(),
                                                candidate.output.data(), error);
    if (oneDnn) {
      llvm::errs() << layer.name << ": " << oneDnn->describe() << "\n";
      oneDnn->prepareInput();
      candidate.call = [&] { oneDnn->execute(); };
      candidate.finish = [&] { oneDnn->finishOutput(); };
    } else {
      candidates.pop_back();
      results.back().note = error;
    }
  }
#endif

  measure(candidates);

  std::vector<double> expected;
  if (checkResults)
    expected = reference::convTranspose(problem, input, weight, bias);
  double oneDnnSeconds = 0;
  for (const Candidate &candidate : candidates)
    if (candidate.name == "oneDNN")
      oneDnnSeconds = median(candidate.samples);
  for (const Candidate &candidate : candidates) {
    Result &result = results[candidate.resultIndex];
    double seconds = median(candidate.samples);
    result.runs = candidate.samples.size();
    result.milliseconds = seconds * 1e3;
    result.gflops = layer.usefulFlops / seconds * 1e-9;
    result.percentOfPeak = 100 * result.gflops / peakGflops;
    if (oneDnnSeconds > 0)
      result.speedupVsOneDnn = oneDnnSeconds / seconds;
    if (checkResults) {
      reference::ErrorStats stats =
          reference::compareResults(expected, candidate.output);
      result.relativeError = stats.maxRelError;
      result.passed = !stats.hasNonFinite && stats.maxRelError <= tolerance;
    }
  }
  return results;
}

//===----------------------------------------------------------------------===//
// Reports
//===----------------------------------------------------------------------===//

/// Geometric mean of `auto`'s speedups over oneDNN and the smallest one.
std::pair<double, double> summarizeSpeedups(ArrayRef<Result> results,
                                            StringRef implementation) {
  double logSum = 0, minimum = INFINITY;
  unsigned count = 0;
  for (const Result &result : results)
    if (result.implementation == implementation && result.speedupVsOneDnn > 0) {
      logSum += std::log(result.speedupVsOneDnn);
      minimum = std::min(minimum, result.speedupVsOneDnn);
      ++count;
    }
  return {count ? std::exp(logSum / count) : 0, count ? minimum : 0};
}

void printTable(llvm::raw_ostream &os, ArrayRef<Result> results) {
  os << llvm::formatv("{0,-10} {1,-15} {2,7} {3,10} {4,9} {5,7} {6,8} "
                      "{7,10} {8,6}  {9}\n",
                      "layer", "implementation", "comp s", "ms", "GFLOP/s",
                      "%peak", "vs oneDNN", "rel err", "runs", "status");
  for (const Result &r : results) {
    if (!r.note.empty()) {
      os << llvm::formatv("{0,-10} {1,-15} {2}\n", r.layer, r.implementation,
                          r.note);
      continue;
    }
    std::string speedup = r.speedupVsOneDnn > 0
                              ? llvm::formatv("{0:f2}x", r.speedupVsOneDnn)
                              : std::string("-");
    std::string error = r.relativeError >= 0
                            ? llvm::formatv("{0:e2}", r.relativeError).str()
                            : std::string("-");
    std::string compile = r.compileSeconds > 0
                              ? llvm::formatv("{0:f2}", r.compileSeconds).str()
                              : std::string("-");
    os << llvm::formatv("{0,-10} {1,-15} {2,7} {3,10:f3} {4,9:f2} {5,7:f1} "
                        "{6,8} {7,10} {8,6}  {9}\n",
                        r.layer, r.implementation, compile, r.milliseconds,
                        r.gflops, r.percentOfPeak, speedup, error, r.runs,
                        r.passed ? "PASS" : "FAIL");
  }
}

LogicalResult writeFile(StringRef path,
                        llvm::function_ref<void(llvm::raw_ostream &)> write) {
  if (llvm::Error error = llvm::writeToOutput(path, [&](llvm::raw_ostream &os) {
        write(os);
        return llvm::Error::success();
      }))
    return emitToolError(path + ": " + llvm::toString(std::move(error)));
  return success();
}

void writeJson(llvm::raw_ostream &os, ArrayRef<Result> results,
               double peakGflops, StringRef machineInfo) {
  llvm::json::OStream json(os, 2);
  json.object([&] {
    json.attribute("suite", suitePath);
    json.attribute("threads", static_cast<int64_t>(threads));
    json.attribute("peak_gflops", peakGflops);
    json.attribute("machine", machineInfo);
    json.attributeArray("results", [&] {
      for (const Result &r : results)
        json.object([&] {
          json.attribute("layer", r.layer);
          json.attribute("implementation", r.implementation);
          if (!r.note.empty()) {
            json.attribute("note", r.note);
            return;
          }
          json.attribute("compile_seconds", r.compileSeconds);
          json.attribute("ms", r.milliseconds);
          json.attribute("gflops", r.gflops);
          json.attribute("percent_of_peak", r.percentOfPeak);
          json.attribute("speedup_vs_onednn", r.speedupVsOneDnn);
          json.attribute("relative_error", r.relativeError);
          json.attribute("runs", static_cast<int64_t>(r.runs));
          json.attribute("passed", r.passed);
        });
    });
  });
  os << "\n";
}

void writeCsv(llvm::raw_ostream &os, ArrayRef<Result> results) {
  os << "layer,implementation,compile_s,ms,gflops,percent_of_peak,"
        "speedup_vs_onednn,relative_error,runs,status,note\n";
  for (const Result &r : results) {
    std::string note = r.note;
    llvm::erase(note, '"');
    os << llvm::formatv("{0},{1},{2},{3},{4},{5},{6},{7},{8},{9},\"{10}\"\n",
                        r.layer, r.implementation, r.compileSeconds,
                        r.milliseconds, r.gflops, r.percentOfPeak,
                        r.speedupVsOneDnn, r.relativeError, r.runs,
                        !r.note.empty() ? "n/a"
                        : r.passed      ? "PASS"
                                        : "FAIL",
                        note);
  }
}

/// Grouped bars of GFLOP/s per layer, one colour per implementation, with
/// the machine's peak as a dashed line.
void writePlot(llvm::raw_ostream &os, ArrayRef<Result> results,
               ArrayRef<std::string> layers, double peakGflops) {
  SmallVector<std::string> implementations;
  for (const Result &r : results)
    if (r.note.empty() &&
        !llvm::is_contained(implementations, r.implementation))
      implementations.push_back(r.implementation);
  const char *colors[] = {"#1f77b4", "#2ca02c", "#9467bd", "#8c564b",
                          "#e377c2", "#17becf", "#bcbd22"};
  const double barWidth = 12, gap = 18, left = 60, top = 40, height = 300;
  double groupWidth = barWidth * implementations.size() + gap;
  double width = left + groupWidth * layers.size() + 170;
  double scale = height / (peakGflops * 1.1);
  os << llvm::formatv("<svg xmlns=\"http://www.w3.org/2000/svg\" "
                      "width=\"{0}\" height=\"{1}\" font-family=\"sans-serif\" "
                      "font-size=\"11\">\n",
                      width, top + height + 80);
  os << llvm::formatv("<text x=\"{0}\" y=\"20\" font-size=\"14\">Useful "
                      "GFLOP/s per layer ({1} thread(s))</text>\n",
                      left, threads);
  double base = top + height;
  os << llvm::formatv("<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" "
                      "stroke=\"black\"/>\n",
                      left, base, width - 170);
  for (int tick = 0; tick <= 4; ++tick) {
    double value = peakGflops * 1.1 * tick / 4;
    double y = base - value * scale;
    os << llvm::formatv("<text x=\"{0}\" y=\"{1}\" text-anchor=\"end\">{2:f0}"
                        "</text>\n",
                        left - 6, y + 4, value);
  }
  double peakY = base - peakGflops * scale;
  os << llvm::formatv("<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" "
                      "stroke=\"red\" stroke-dasharray=\"6,4\"/>\n"
                      "<text x=\"{2}\" y=\"{3}\" fill=\"red\"> fp32 peak "
                      "{4:f0}</text>\n",
                      left, peakY, width - 170, peakY + 4, peakGflops);
  for (auto [l, layer] : llvm::enumerate(layers)) {
    double x0 = left + l * groupWidth + gap / 2;
    for (auto [i, implementation] : llvm::enumerate(implementations)) {
      auto it = llvm::find_if(results, [&](const Result &r) {
        return r.layer == layer && r.implementation == implementation &&
               r.note.empty();
      });
      if (it == results.end())
        continue;
      double h = std::min(it->gflops, peakGflops * 1.1) * scale;
      os << llvm::formatv("<rect x=\"{0}\" y=\"{1}\" width=\"{2}\" "
                          "height=\"{3}\" fill=\"{4}\"><title>{5} {6}: "
                          "{7:f1} GFLOP/s</title></rect>\n",
                          x0 + i * barWidth, base - h, barWidth - 1, h,
                          implementation == "oneDNN" ? "#ff7f0e"
                                                     : colors[i % 7],
                          layer, implementation, it->gflops);
    }
    os << llvm::formatv("<text x=\"{0}\" y=\"{1}\" text-anchor=\"end\" "
                        "transform=\"rotate(-40 {0} {1})\">{2}</text>\n",
                        x0 + groupWidth / 2, base + 14, layer);
  }
  for (auto [i, implementation] : llvm::enumerate(implementations)) {
    double y = top + 16 * i;
    os << llvm::formatv("<rect x=\"{0}\" y=\"{1}\" width=\"10\" height=\"10\" "
                        "fill=\"{2}\"/><text x=\"{3}\" y=\"{4}\">{5}</text>\n",
                        width - 160, y,
                        implementation == "oneDNN" ? "#ff7f0e" : colors[i % 7],
                        width - 145, y + 9, implementation);
  }
  os << "</svg>\n";
}

LogicalResult writeModules(MLIRContext &context, ArrayRef<Layer> layers) {
  if (std::error_code error = llvm::sys::fs::create_directories(modulesDir))
    return emitToolError("cannot create " + modulesDir + ": " +
                         error.message());
  for (const Layer &layer : layers) {
    OwningOpRef<ModuleOp> module = buildLayerModule(context, layer.problem);
    std::string path = (modulesDir + "/" + layer.name + ".mlir");
    if (failed(writeFile(path, [&](llvm::raw_ostream &os) {
          os << "// " << layer.name << " (" << layer.source << ") from "
             << suitePath << "\n";
          module->print(os);
        })))
      return failure();
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Driver
//===----------------------------------------------------------------------===//

LogicalResult run() {
  if (threads < 1 || minRuns < 1 || budget < 0)
    return emitToolError("--threads and --min-runs must be at least 1 and "
                         "--budget not negative");
  SmallVector<std::string> algorithmNames(algorithms.begin(), algorithms.end());
  if (algorithmNames.empty())
    algorithmNames = {"auto", "zero-insertion", "phase", "subpixel", "gemm"};
  for (const std::string &algorithm : algorithmNames)
    if (!TConvToLLVMPipelineOptions::createFromString("algorithm=" + algorithm))
      return emitToolError("unknown algorithm '" + algorithm + "'");
  std::optional<WeightMode> mode =
      llvm::StringSwitch<std::optional<WeightMode>>(weightsOption)
          .Case("packed", WeightMode::Packed)
          .Case("argument", WeightMode::Argument)
          .Case("constant", WeightMode::Constant)
          .Default(std::nullopt);
  if (!mode)
    return emitToolError("unknown --weights value '" + weightsOption +
                         "' (expected packed, argument or constant)");
  weightMode = *mode;
  FailureOr<std::vector<Layer>> layers = readSuite();
  if (failed(layers))
    return failure();
  DialectRegistry registry;
  registerTConvToolDialects(registry);
  MLIRContext context(registry);
  context.loadAllAvailableDialects();
  if (!modulesDir.empty())
    return writeModules(context, *layers);
  if (threads > 1 && failed(loadOpenMPRuntime(reportToolError)))
    return failure();

  FailureOr<std::unique_ptr<llvm::TargetMachine>> machine =
      createTargetMachine("", std::nullopt, reportToolError);
  if (failed(machine))
    return failure();

  std::string machineInfo =
      ((*machine)->getTargetCPU() + ", " + Twine(threads) + " thread(s)").str();
#ifdef TCONV_HAVE_ONEDNN
  if (useOneDnn) {
    std::string report;
    bench::setOneDnnThreads(threads);
    if (!bench::selfTestOneDnn(report))
      return emitToolError("oneDNN's setup does not match the reference:\n" +
                           report);
    machineInfo += ", " + bench::describeOneDnn();
  }
#else
  if (useOneDnn)
    llvm::errs() << "tconv-bench: built without oneDNN; no comparison\n";
#endif
  double peakGflops = peakOption;
  if (peakGflops <= 0)
    peakGflops = bench::measurePeakGflops(threads);
  llvm::errs() << llvm::formatv("tconv-bench: {0}; fp32 peak {1:f1} "
                                "GFLOP/s ({2})\n",
                                machineInfo, peakGflops,
                                peakOption > 0 ? "given" : "measured");

  std::vector<Result> results;
  SmallVector<std::string> names;
  for (auto [index, layer] : llvm::enumerate(*layers)) {
    std::vector<Result> layerResults =
        benchmarkLayer(context, **machine, layer, algorithmNames, peakGflops);
    std::string progress;
    for (const Result &r : layerResults)
      if (r.note.empty())
        progress +=
            llvm::formatv(" {0} {1:f3} ms;", r.implementation, r.milliseconds);
    llvm::errs() << llvm::formatv("[{0}/{1}] {2}:{3}\n", index + 1,
                                  layers->size(), layer.name, progress);
    llvm::append_range(results, layerResults);
    names.push_back(layer.name);
  }

  printTable(llvm::outs(), results);
  bool allPassed =
      llvm::all_of(results, [](const Result &r) { return r.passed; });
  for (const std::string &algorithm : algorithmNames) {
    auto [geomean, minimum] = summarizeSpeedups(results, algorithm);
    if (geomean > 0)
      llvm::outs() << llvm::formatv("{0}: geomean speedup vs oneDNN {1:f3}x, "
                                    "lowest {2:f3}x\n",
                                    algorithm, geomean, minimum);
  }
  if ((!jsonPath.empty() &&
       failed(writeFile(jsonPath,
                        [&](llvm::raw_ostream &os) {
                          writeJson(os, results, peakGflops, machineInfo);
                        }))) ||
      (!csvPath.empty() &&
       failed(writeFile(
           csvPath, [&](llvm::raw_ostream &os) { writeCsv(os, results); }))) ||
      (!plotPath.empty() &&
       failed(writeFile(plotPath, [&](llvm::raw_ostream &os) {
         writePlot(os, results, names, peakGflops);
       }))))
    return failure();
  if (!allPassed)
    return emitToolError("some results differ from the reference by more "
                         "than --tolerance");
  return success();
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  registerPassManagerCLOptions();
  cl::HideUnrelatedOptions(benchCategory);
  cl::ParseCommandLineOptions(
      argc, argv,
      "tconv-bench: tconv's kernels against oneDNN on a layer suite\n");
  return failed(run()) ? 1 : 0;
}
