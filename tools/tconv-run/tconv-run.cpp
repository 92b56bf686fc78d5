//===- tconv-run.cpp - JIT-run a tconv module on .npy data ----------------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// Lowers a module with the shared tconv-to-llvm pipeline, JIT-compiles it with
// the MLIR ExecutionEngine and runs one function on inputs read from .npy
// files (or seeded random data). --check recomputes every
// tconv.conv_transpose of the function with the reference library: a clone of
// the function that also returns each op's operands and result ("probe") is
// compiled beside it, so intermediate values are checked too.
//
//===----------------------------------------------------------------------===//

#include "tconv/Compiler/Compiler.h"
#include "tconv/Dialect/TConv/IR/TConvDialect.h"
#include "tconv/Dialect/TConv/IR/TConvOps.h"
#include "tconv/Pipelines/Pipelines.h"
#include "tconv/Reference/Reference.h"
#include "tconv/Support/HostMemory.h"
#include "tconv/Support/Npy.h"
#include "tconv/Support/ParserCrashes.h"
#include "tconv/Target/TargetCommandLine.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/ExecutionEngine/OptUtils.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/Target/TargetMachine.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/WithColor.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <set>

using namespace mlir;
using namespace mlir::tconv;

namespace cl = llvm::cl;

static cl::OptionCategory runCategory("tconv-run options");

static cl::opt<std::string> pipelineOptions(
    "pipeline-options",
    cl::desc("Options of the tconv-to-llvm pipeline, as in tconv-opt "
             "--tconv-to-llvm=\"...\", e.g. \"vectorize=false\" or "
             "\"register-tile-width=4 register-tile-channels=16\""),
    cl::value_desc("OPTIONS"), cl::cat(runCategory));
static cl::opt<std::string> inputFilename(cl::Positional,
                                          cl::desc("<input .mlir file>"),
                                          cl::Required, cl::cat(runCategory));
static cl::opt<std::string> entryName("entry",
                                      cl::desc("Name of the function to run"),
                                      cl::Required, cl::value_desc("NAME"),
                                      cl::cat(runCategory));
static cl::list<std::string>
    inputFiles("inputs",
               cl::desc("Comma-separated .npy files (float32, C order), one "
                        "per function argument; random data when absent"),
               cl::CommaSeparated, cl::value_desc("a.npy,b.npy,..."),
               cl::cat(runCategory));
static cl::opt<std::string>
    outputFilename("output",
                   cl::desc("Write the first result as .npy (float32 for "
                            "f32 and bf16 results, float16 for f16)"),
                   cl::value_desc("FILE"), cl::cat(runCategory));
static TargetCommandLine target(
    runCategory, "CPU to compile for, one this host runs (default: the host "
                 "CPU), e.g. haswell for the AVX2 code path on an AVX-512 "
                 "host");
static cl::opt<bool>
    check("check",
          cl::desc("Compare every tconv.conv_transpose of the function with "
                   "the reference implementation; exit 1 over tolerance"),
          cl::cat(runCategory));
static cl::opt<double>
    tolerance("tolerance",
              cl::desc("Largest accepted normwise relative error for --check "
                       "(default: 1e-4 for f32, 1e-3 for f16, 8e-3 for bf16)"),
              cl::init(-1.0), cl::cat(runCategory));
static cl::opt<uint64_t> seed("seed", cl::desc("Seed of the random inputs"),
                              cl::init(1), cl::cat(runCategory));
static cl::opt<unsigned>
    repeat("repeat",
           cl::desc("Run N times and print the median time and useful "
                    "GFLOP/s"),
           cl::init(0), cl::value_desc("N"), cl::cat(runCategory));

namespace {

/// Prints "error: <message>" and returns failure.
LogicalResult emitToolError(const llvm::Twine &message) {
  llvm::WithColor::error(llvm::errs(), "tconv-run") << message << "\n";
  return failure();
}

/// A dense row-major tensor in one of the element types the tool handles.
struct HostTensor {
  Type elementType;
  SmallVector<int64_t> shape;
  std::vector<uint8_t> bytes;

  int64_t getNumElements() const {
    int64_t n = 1;
    for (int64_t d : shape)
      n *= d;
    return n;
  }

  static HostTensor fromFloats(Type elementType, ArrayRef<int64_t> shape,
                               ArrayRef<float> values) {
    HostTensor t{elementType, SmallVector<int64_t>(shape), {}};
    if (elementType.isF32()) {
      // Not memcpy: both pointers are null for an empty tensor (batch 0),
      // which memcpy does not allow even for 0 bytes.
      auto *begin = reinterpret_cast<const uint8_t *>(values.data());
      t.bytes.assign(begin, begin + values.size() * sizeof(float));
      return t;
    }
    t.bytes.resize(values.size() * sizeof(uint16_t));
    auto *out = reinterpret_cast<uint16_t *>(t.bytes.data());
    for (auto [i, v] : llvm::enumerate(values))
      out[i] = elementType.isF16() ? npy::floatToHalf(v) : npy::floatToBf16(v);
    return t;
  }

  std::vector<double> toDoubles() const {
    std::vector<double> values(getNumElements());
    for (size_t i = 0; i < values.size(); ++i) {
      if (elementType.isF32()) {
        float v;
        std::memcpy(&v, bytes.data() + i * sizeof(float), sizeof(float));
        values[i] = v;
        continue;
      }
      uint16_t bits;
      std::memcpy(&bits, bytes.data() + i * sizeof(uint16_t), sizeof(bits));
      values[i] =
          elementType.isF16() ? npy::halfToFloat(bits) : npy::bf16ToFloat(bits);
    }
    return values;
  }
};

/// The operands and result of one conv_transpose, as positions among the
/// probe function's results.
struct ProbedConv {
  ConvTransposeOp op;
  unsigned input, weight, result;
  std::optional<unsigned> bias;
};

/// Checks that every argument and result of `func` is a ranked tensor of a
/// supported float type.
LogicalResult checkSignature(func::FuncOp func) {
  auto check = [&](Type type, StringRef what, unsigned i) -> LogicalResult {
    auto tensor = dyn_cast<RankedTensorType>(type);
    if (!tensor ||
        !isa<Float32Type, Float16Type, BFloat16Type>(tensor.getElementType()))
      return emitToolError("@" + func.getName() + " " + what + " " +
                           llvm::Twine(i) +
                           " must be a ranked tensor of f32, f16 or bf16");
    return success();
  };
  for (auto [i, type] : llvm::enumerate(func.getArgumentTypes()))
    if (failed(check(type, "argument", i)))
      return failure();
  for (auto [i, type] : llvm::enumerate(func.getResultTypes()))
    if (failed(check(type, "result", i)))
      return failure();
  if (!func.getBody().hasOneBlock())
    return emitToolError("@" + func.getName() + " must have a single block");
  return success();
}

/// Adds a private-to-the-tool clone of `entry` that additionally returns the
/// operands and result of every conv_transpose in it.
func::FuncOp createProbe(func::FuncOp entry,
                         SmallVectorImpl<ProbedConv> &convs) {
  OpBuilder builder(entry);
  auto probe = cast<func::FuncOp>(builder.clone(*entry));
  probe.setName((entry.getName() + "__tconv_probe").str());
  auto ret = cast<func::ReturnOp>(probe.getBody().front().getTerminator());
  SmallVector<Value> results(ret.getOperands());
  auto add = [&](Value v) {
    results.push_back(v);
    return results.size() - 1;
  };
  probe.walk([&](ConvTransposeOp op) {
    ProbedConv conv{op, 0, 0, 0, std::nullopt};
    conv.input = add(op.getInput());
    conv.weight = add(op.getWeight());
    if (op.getBias())
      conv.bias = add(op.getBias());
    conv.result = add(op.getResult());
    convs.push_back(conv);
  });
  ret->setOperands(results);
  probe.setFunctionType(FunctionType::get(entry.getContext(),
                                          entry.getArgumentTypes(),
                                          ValueRange(results).getTypes()));
  return probe;
}

/// Reads or makes the function's arguments.
FailureOr<SmallVector<HostTensor>> loadInputs(func::FuncOp func) {
  SmallVector<HostTensor> inputs;
  ArrayRef<Type> argTypes = func.getArgumentTypes();
  if (!inputFiles.empty() && inputFiles.size() != argTypes.size()) {
    (void)emitToolError("@" + func.getName() + " takes " +
                        llvm::Twine(argTypes.size()) +
                        " arguments but --inputs " + "gives " +
                        llvm::Twine(inputFiles.size()) + " files");
    return failure();
  }
  for (auto [i, type] : llvm::enumerate(argTypes)) {
    auto tensorType = cast<RankedTensorType>(type);
    if (inputFiles.empty()) {
      if (!tensorType.hasStaticShape()) {
        (void)emitToolError("argument " + llvm::Twine(i) + " of @" +
                            func.getName() +
                            " has dynamic dims: give its data with --inputs");
        return failure();
      }
      std::vector<float> values(tensorType.getNumElements());
      reference::fillRandom(values, seed + i);
      inputs.push_back(HostTensor::fromFloats(tensorType.getElementType(),
                                              tensorType.getShape(), values));
      continue;
    }
    StringRef path = inputFiles[i];
    llvm::Expected<npy::Array> array = npy::readNpy(path);
    if (!array) {
      (void)emitToolError(llvm::toString(array.takeError()));
      return failure();
    }
    if (array->dtype != npy::DType::F32) {
      (void)emitToolError(path + ": expected float32 data ('<f4'), got '" +
                          npy::getDescr(array->dtype) + "'");
      return failure();
    }
    bool shapeMatches = array->shape.size() == (size_t)tensorType.getRank();
    for (unsigned d = 0; shapeMatches && d < array->shape.size(); ++d)
      shapeMatches = tensorType.isDynamicDim(d) ||
                     tensorType.getDimSize(d) == array->shape[d];
    if (!shapeMatches) {
      std::string shape = "(" +
                          llvm::join(llvm::map_range(array->shape,
                                                     [](int64_t d) {
                                                       return std::to_string(d);
                                                     }),
                                     ", ") +
                          ")";
      std::string expected;
      llvm::raw_string_ostream os(expected);
      os << tensorType;
      (void)emitToolError(path + ": shape " + shape +
                          " does not match argument " + llvm::Twine(i) +
                          " of type " + expected);
      return failure();
    }
    inputs.push_back(HostTensor::fromFloats(
        tensorType.getElementType(), array->shape, npy::toFloat32(*array)));
  }
  return inputs;
}

/// Memref descriptor fields {allocated, aligned, offset, sizes, strides} of a
/// dense row-major buffer, as the C interface of the lowered function expects.
SmallVector<int64_t> makeDescriptor(HostTensor &tensor) {
  SmallVector<int64_t> desc;
  auto ptr = reinterpret_cast<int64_t>(tensor.bytes.data());
  desc.append({ptr, ptr, 0});
  desc.append(tensor.shape.begin(), tensor.shape.end());
  SmallVector<int64_t> strides(tensor.shape.size(), 1);
  for (int d = (int)tensor.shape.size() - 2; d >= 0; --d)
    strides[d] = strides[d + 1] * tensor.shape[d + 1];
  desc.append(strides.begin(), strides.end());
  return desc;
}

/// Runs `name` on `inputs` and returns its results, copied out of the JIT's
/// buffers (which are then freed).
/// Calls `func` on `inputs` and copies its results out; with `seconds`,
/// also returns the time of the call alone (not of the copies).
FailureOr<SmallVector<HostTensor>> invoke(ExecutionEngine &engine,
                                          func::FuncOp func,
                                          SmallVector<HostTensor> &inputs,
                                          double *seconds = nullptr) {
  SmallVector<SmallVector<int64_t>> descriptors;
  for (HostTensor &input : inputs)
    descriptors.push_back(makeDescriptor(input));
  size_t resultWords = 0;
  for (Type type : func.getResultTypes())
    resultWords += 3 + 2 * cast<RankedTensorType>(type).getRank();
  std::vector<int64_t> resultStorage(resultWords);
  SmallVector<void *> descriptorPtrs;
  for (auto &desc : descriptors)
    descriptorPtrs.push_back(desc.data());
  void *resultPtr = resultStorage.data();
  SmallVector<void *> args;
  if (resultWords)
    args.push_back(&resultPtr);
  for (void *&ptr : descriptorPtrs)
    args.push_back(&ptr);
  auto start = std::chrono::steady_clock::now();
  if (llvm::Error error =
          engine.invokePacked(("_mlir_ciface_" + func.getName()).str(), args)) {
    (void)emitToolError("JIT invocation failed: " +
                        llvm::toString(std::move(error)));
    return failure();
  }
  if (seconds)
    *seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();

  SmallVector<HostTensor> results;
  std::set<int64_t> ownedByCaller;
  for (auto &desc : descriptors)
    ownedByCaller.insert(desc[0]);
  std::set<int64_t> toFree;
  const int64_t *word = resultStorage.data();
  for (Type type : func.getResultTypes()) {
    auto tensorType = cast<RankedTensorType>(type);
    int64_t rank = tensorType.getRank();
    int64_t allocated = word[0];
    auto *aligned = reinterpret_cast<const uint8_t *>(word[1]);
    int64_t offset = word[2];
    ArrayRef<int64_t> sizes(word + 3, rank), strides(word + 3 + rank, rank);
    HostTensor result{
        tensorType.getElementType(), SmallVector<int64_t>(sizes), {}};
    size_t elementSize =
        tensorType.getElementType().getIntOrFloatBitWidth() / 8;
    int64_t count = result.getNumElements();
    result.bytes.resize(count * elementSize);
    SmallVector<int64_t> index(rank, 0);
    for (int64_t linear = 0; linear < count; ++linear) {
      int64_t position = offset;
      for (int64_t d = 0; d < rank; ++d)
        position += index[d] * strides[d];
      std::memcpy(result.bytes.data() + linear * elementSize,
                  aligned + position * elementSize, elementSize);
      for (int64_t d = rank - 1; d >= 0; --d) {
        if (++index[d] < sizes[d])
          break;
        index[d] = 0;
      }
    }
    if (!ownedByCaller.count(allocated))
      toFree.insert(allocated);
    results.push_back(std::move(result));
    word += 3 + 2 * rank;
  }
  for (int64_t ptr : toFree)
    std::free(reinterpret_cast<void *>(ptr));
  return results;
}

/// The op's problem with the runtime shape of its input.
std::optional<ConvTransposeProblem>
getRuntimeProblem(ConvTransposeOp op, ArrayRef<int64_t> inputShape) {
  unsigned begin = op.isChannelsLast() ? 1 : 2;
  return op.getProblem(inputShape[0],
                       inputShape.slice(begin, op.getNumSpatialDims()));
}

/// The problems of the conv_transpose ops of `func` (in walk order) for these
/// inputs, where an op's input shape is known before running: a function
/// argument or another conv_transpose's result; std::nullopt for the others.
/// Fails with a diagnostic when the runtime sizes give an output size < 1,
/// which the verifier can only reject for static shapes.
FailureOr<SmallVector<std::optional<ConvTransposeProblem>, 2>>
getRuntimeProblems(func::FuncOp func, ArrayRef<HostTensor> inputs) {
  DenseMap<Value, SmallVector<int64_t>> shapes;
  for (auto [arg, input] : llvm::zip_equal(func.getArguments(), inputs))
    shapes[arg] = input.shape;
  SmallVector<std::optional<ConvTransposeProblem>, 2> problems;
  WalkResult walk = func.walk([&](ConvTransposeOp op) {
    auto known = shapes.find(op.getInput());
    std::optional<ConvTransposeProblem> problem =
        known == shapes.end() ? std::nullopt
                              : getRuntimeProblem(op, known->second);
    problems.push_back(problem);
    if (!problem)
      return WalkResult::advance();
    std::optional<SmallVector<int64_t>> outputShape = problem->getOutputShape();
    if (!outputShape) {
      std::string shape = llvm::join(
          llvm::map_range(known->second,
                          [](int64_t d) { return std::to_string(d); }),
          "x");
      op.emitError("input of runtime shape ")
          << shape << " gives an output size < 1 (or one that overflows)";
      return WalkResult::interrupt();
    }
    shapes[op.getResult()] = *outputShape;
    return WalkResult::advance();
  });
  if (walk.wasInterrupted())
    return failure();
  return problems;
}

/// Useful FLOPs of all the problems, if all are known.
std::optional<int64_t>
getUsefulFlops(ArrayRef<std::optional<ConvTransposeProblem>> problems) {
  int64_t flops = 0;
  for (const std::optional<ConvTransposeProblem> &problem : problems) {
    std::optional<int64_t> macs =
        problem ? problem->getUsefulMacs() : std::nullopt;
    if (!macs)
      return std::nullopt;
    flops += 2 * *macs;
  }
  return flops;
}

/// The default --check tolerance. f16/bf16 results are accumulated in f32
/// and rounded once: the rounding costs at most half an ulp of the largest
/// output, 2^-11 (f16) or 2^-8 (bf16) relative to it, and the bounds double
/// that. Accumulating in f16 itself exceeds them on long reductions (see
/// test/Execution/half-accumulation.mlir). f32 results allow for the many
/// roundings of long f32 sums.
double getDefaultTolerance(Type elementType) {
  if (elementType.isF16())
    return 1e-3;
  if (elementType.isBF16())
    return 8e-3;
  return 1e-4;
}

LogicalResult checkConvs(ArrayRef<ProbedConv> convs,
                         ArrayRef<HostTensor> values) {
  bool allPassed = true;
  for (auto [i, conv] : llvm::enumerate(convs)) {
    const HostTensor &input = values[conv.input];
    std::optional<ConvTransposeProblem> problem =
        getRuntimeProblem(conv.op, input.shape);
    if (!problem)
      return emitToolError("--check needs static weight and channel dims");
    std::vector<double> bias;
    if (conv.bias)
      bias = values[*conv.bias].toDoubles();
    std::vector<double> expected = reference::convTranspose(
        *problem, input.toDoubles(), values[conv.weight].toDoubles(), bias);
    reference::ErrorStats stats =
        reference::compareResults(expected, values[conv.result].toDoubles());
    double limit = tolerance;
    if (limit < 0)
      limit = getDefaultTolerance(values[conv.result].elementType);
    bool passed = !stats.hasNonFinite && stats.maxRelError <= limit;
    allPassed &= passed;
    std::string loc;
    llvm::raw_string_ostream os(loc);
    os << ConvTransposeOp(conv.op).getLoc();
    llvm::outs() << "check conv_transpose #" << i << " " << loc
                 << ": max abs error "
                 << llvm::format("%.3e", stats.maxAbsError)
                 << ", max rel error "
                 << llvm::format("%.3e", stats.maxRelError) << " (tolerance "
                 << llvm::format("%.1e", limit) << ") "
                 << (passed ? "PASS" : "FAIL") << "\n";
  }
  if (!allPassed)
    return emitToolError("--check failed: results differ from the reference");
  return success();
}

LogicalResult writeOutput(const HostTensor &result) {
  npy::Array array;
  array.shape = result.shape;
  if (result.elementType.isF16()) {
    array.dtype = npy::DType::F16;
    array.bytes = result.bytes;
  } else {
    std::vector<double> values = result.toDoubles();
    std::vector<float> floats(values.begin(), values.end());
    array = npy::makeFloat32Array(result.shape, floats);
  }
  if (llvm::Error error = npy::writeNpy(outputFilename, array))
    return emitToolError(llvm::toString(std::move(error)));
  return success();
}

LogicalResult run(MLIRContext &context) {
  std::string errorMessage;
  std::unique_ptr<llvm::MemoryBuffer> file =
      openInputFile(inputFilename, &errorMessage);
  if (!file)
    return emitToolError(errorMessage);
  if (failed(rejectParserCrashes(*file)))
    return failure();
  llvm::SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(std::move(file), llvm::SMLoc());
  SourceMgrDiagnosticHandler diagHandler(sourceMgr, &context);
  OwningOpRef<ModuleOp> module = parseSourceFile<ModuleOp>(sourceMgr, &context);
  if (!module)
    return failure();

  auto entry = module->lookupSymbol<func::FuncOp>(entryName);
  if (!entry || entry.isExternal())
    return emitToolError("no function named '" + entryName +
                         "' with a body in " + inputFilename);
  if (failed(checkSignature(entry)))
    return failure();
  FailureOr<SmallVector<HostTensor>> inputs = loadInputs(entry);
  if (failed(inputs))
    return failure();

  FailureOr<SmallVector<std::optional<ConvTransposeProblem>, 2>> problems =
      getRuntimeProblems(entry, *inputs);
  if (failed(problems))
    return failure();

  SmallVector<ProbedConv> convs;
  func::FuncOp probe = check ? createProbe(entry, convs) : nullptr;
  entry->setAttr("llvm.emit_c_interface", UnitAttr::get(&context));
  if (probe)
    probe->setAttr("llvm.emit_c_interface", UnitAttr::get(&context));

  // Lower a copy: the original keeps the ops and signatures that checking
  // and result decoding need. Only what this run calls is compiled (a test
  // module holds many entries): every other function becomes private and
  // symbol-dce drops it unless a kept one calls it.
  OwningOpRef<ModuleOp> lowered = module->clone();
  for (auto func : lowered->getOps<func::FuncOp>())
    if (func.getName() != entry.getName() &&
        (!probe || func.getName() != probe.getName()))
      func.setPrivate();
  PassManager dropUnused(&context);
  dropUnused.addPass(createSymbolDCEPass());
  if (failed(dropUnused.run(*lowered)))
    return failure();
  auto reportError = [](const llvm::Twine &message) {
    (void)emitToolError(message);
  };
  // The host or --target-cpu: schedules are computed for it, O3 uses its
  // cost model, as tconv-aot optimizes (without a target machine LLVM's
  // vectorizers see no vector registers), and the JIT generates code for it.
  FailureOr<std::unique_ptr<llvm::TargetMachine>> machine =
      target.createTargetMachine(reportError);
  if (failed(machine) ||
      failed(lowerTConvToLLVM(*lowered, pipelineOptions, inputFilename,
                              reportError, machine->get())))
    return failure();
  // Threaded kernels (threads > 1) call the OpenMP runtime.
  if (failed(loadOpenMPRuntime(reportError)))
    return failure();
  ExecutionEngineOptions engineOptions;
  auto transformer = makeOptimizingTransformer(3, 0, machine->get());
  engineOptions.transformer = transformer;
  engineOptions.jitCodeGenOptLevel = llvm::CodeGenOptLevel::Aggressive;
  FailureOr<std::unique_ptr<llvm::TargetMachine>> jitMachine =
      target.createTargetMachine(reportError);
  if (failed(jitMachine))
    return failure();
  llvm::Expected<std::unique_ptr<ExecutionEngine>> engine =
      ExecutionEngine::create(*lowered, engineOptions, std::move(*jitMachine));
  if (!engine)
    return emitToolError("JIT compilation failed: " +
                         llvm::toString(engine.takeError()));

  FailureOr<SmallVector<HostTensor>> results = invoke(**engine, entry, *inputs);
  if (failed(results))
    return failure();
  if (!outputFilename.empty()) {
    if (results->empty())
      return emitToolError("@" + entry.getName() + " has no result to write");
    if (failed(writeOutput(results->front())))
      return failure();
  }

  if (repeat > 0) {
    // The JIT-compiled function returns a newly allocated result.
    retainFreedMemory();
    std::vector<double> seconds;
    for (unsigned i = 0; i < repeat; ++i) {
      // The kernel alone: copying a large result out element by element
      // took longer than computing it (fcn32: 331 ms against 25 ms).
      double callSeconds = 0;
      if (failed(invoke(**engine, entry, *inputs, &callSeconds)))
        return failure();
      seconds.push_back(callSeconds);
    }
    std::sort(seconds.begin(), seconds.end());
    double median = seconds[seconds.size() / 2];
    llvm::outs() << "time: median " << llvm::format("%.3f", median * 1e3)
                 << " ms over " << repeat << " runs";
    if (std::optional<int64_t> flops = getUsefulFlops(*problems))
      llvm::outs() << ", " << llvm::format("%.2f", *flops / median * 1e-9)
                   << " useful GFLOP/s";
    llvm::outs() << "\n";
  }

  if (check) {
    FailureOr<SmallVector<HostTensor>> values =
        invoke(**engine, probe, *inputs);
    if (failed(values) || failed(checkConvs(convs, *values)))
      return failure();
  }
  return success();
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  registerPassManagerCLOptions();
  registerMLIRContextCLOptions();
  cl::ParseCommandLineOptions(
      argc, argv,
      "tconv-run: JIT-run a function of a tconv module on .npy inputs\n");

  DialectRegistry registry;
  registerTConvToolDialects(registry);
  MLIRContext context(registry);
  return failed(run(context)) ? 1 : 0;
}
