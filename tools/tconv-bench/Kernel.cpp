//===- Kernel.cpp - tconv's kernels for tconv-bench -----------------------===//
//
// Part of the tconv project (benchmark, not a test).
//
//===----------------------------------------------------------------------===//

#include "Kernel.h"

#include "tconv/Compiler/CInterface.h"
#include "tconv/Compiler/Compiler.h"
#include "tconv/Dialect/TConv/IR/TConvOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"

#include "llvm/ExecutionEngine/Orc/ExecutionUtils.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"

#include <chrono>

using namespace mlir;
using namespace mlir::tconv;
using namespace mlir::tconv::bench;

/// `kernel_pack`.
using PackFunction = void (*)(const void *weight, void *packed);

/// The linalg.generic of getRequantizationMultipliers' formula on the s32
/// `accumulators`, as the importers write a QuantizeLinear.
static Value buildRequantization(OpBuilder &builder, Location loc,
                                 Value accumulators,
                                 RankedTensorType outputType,
                                 ArrayRef<float> multipliers,
                                 bool channelsLast) {
  auto multiplierType = RankedTensorType::get(
      {static_cast<int64_t>(multipliers.size())}, builder.getF32Type());
  Value multiplierTensor = arith::ConstantOp::create(
      builder, loc, DenseElementsAttr::get(multiplierType, multipliers));
  int64_t rank = outputType.getRank();
  MLIRContext *context = builder.getContext();
  AffineMap identity = builder.getMultiDimIdentityMap(rank);
  AffineMap channel = AffineMap::get(
      rank, 0, getAffineDimExpr(channelsLast ? rank - 1 : 1, context));
  Value init = tensor::EmptyOp::create(builder, loc, outputType.getShape(),
                                       outputType.getElementType());
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      builder, loc, outputType, ValueRange{accumulators, multiplierTensor},
      init, ArrayRef<AffineMap>{identity, channel, identity}, iterators,
      [&](OpBuilder &b, Location loc, ValueRange args) {
        Type f32 = b.getF32Type();
        auto constant = [&](float value) {
          return arith::ConstantOp::create(b, loc, b.getF32FloatAttr(value))
              .getResult();
        };
        Value scaled = arith::MulFOp::create(
            b, loc, arith::SIToFPOp::create(b, loc, f32, args[0]), args[1]);
        Value low = arith::MaximumFOp::create(b, loc, scaled, constant(0));
        Value clamped = arith::MinimumFOp::create(b, loc, low, constant(255));
        Value rounded = math::RoundEvenOp::create(b, loc, clamped);
        Value integer =
            arith::FPToSIOp::create(b, loc, b.getI32Type(), rounded);
        Value byte = arith::TruncIOp::create(b, loc, b.getI8Type(), integer);
        linalg::YieldOp::create(
            b, loc,
            SignCastOp::create(b, loc, outputType.getElementType(), byte)
                .getResult());
      });
  return generic.getResult(0);
}

OwningOpRef<ModuleOp>
bench::buildLayerModule(MLIRContext &context,
                        const ConvTransposeProblem &problem, DataType type,
                        ArrayRef<char> constantWeight) {
  OpBuilder builder(&context);
  Location loc = builder.getUnknownLoc();
  OwningOpRef<ModuleOp> module = ModuleOp::create(loc);
  builder.setInsertionPointToEnd(module->getBody());
  bool int8 = isInt8(type);
  Type f32 = builder.getF32Type();
  Type u8 = builder.getIntegerType(8, /*isSigned=*/false);
  Type inputElement = int8 ? u8 : f32;
  Type weightElement = int8 ? builder.getI8Type() : f32;
  Type accumulatorElement = int8 ? builder.getI32Type() : f32;
  auto inputType = RankedTensorType::get(problem.getInputShape(), inputElement);
  auto weightType =
      RankedTensorType::get(problem.getWeightShape(), weightElement);
  auto biasType =
      RankedTensorType::get({problem.outChannels}, accumulatorElement);
  auto accumulatorType =
      RankedTensorType::get(*problem.getOutputShape(), accumulatorElement);
  RankedTensorType outputType =
      type == DataType::Int8U8 ? accumulatorType.clone(u8) : accumulatorType;
  SmallVector<Type> argumentTypes = {inputType, weightType, biasType};
  if (!constantWeight.empty())
    argumentTypes.erase(argumentTypes.begin() + 1);
  auto function =
      func::FuncOp::create(builder, loc, "kernel",
                           builder.getFunctionType(argumentTypes, outputType));
  Block *body = function.addEntryBlock();
  builder.setInsertionPointToEnd(body);
  Value input = body->getArgument(0), bias = body->getArguments().back();
  Value weight =
      constantWeight.empty()
          ? body->getArgument(1)
          : arith::ConstantOp::create(
                builder, loc,
                DenseElementsAttr::getFromRawBuffer(weightType, constantWeight))
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
      builder, loc, accumulatorType, input, weight, bias,
      builder.getDenseI64ArrayAttr(strides),
      builder.getDenseI64ArrayAttr(padding),
      builder.getDenseI64ArrayAttr(outputPadding),
      builder.getDenseI64ArrayAttr(dilations),
      builder.getI64IntegerAttr(problem.groups),
      LayoutAttr::get(&context, problem.channelsLast ? Layout::channels_last
                                                     : Layout::channels_first),
      int8 ? builder.getI32IntegerAttr(kInt8InputZeroPoint) : IntegerAttr(),
      int8 ? builder.getI32IntegerAttr(kInt8WeightZeroPoint) : IntegerAttr());
  if (type == DataType::Int8U8)
    result = buildRequantization(builder, loc, result, outputType,
                                 getRequantizationMultipliers(problem),
                                 problem.channelsLast);
  func::ReturnOp::create(builder, loc, result);
  return module;
}

LogicalResult bench::writeLayerModules(MLIRContext &context,
                                       ArrayRef<Layer> layers, DataType type,
                                       StringRef dir, StringRef suitePath) {
  if (std::error_code error = llvm::sys::fs::create_directories(dir))
    return emitToolError("cannot create " + dir + ": " + error.message());
  for (const Layer &layer : layers) {
    OwningOpRef<ModuleOp> module =
        buildLayerModule(context, layer.problem, type);
    if (failed(writeToolOutput((dir + "/" + layer.name + ".mlir").str(),
                               [&](llvm::raw_ostream &os) {
                                 os << "// " << layer.name << " ("
                                    << layer.source << ") from " << suitePath
                                    << "\n";
                                 module->print(os);
                               })))
      return failure();
  }
  return success();
}

FailureOr<CompiledKernel>
bench::compileKernel(MLIRContext &context, llvm::TargetMachine &machine,
                     const Layer &layer, const LayerData &data,
                     WeightMode weightMode, StringRef pipelineOptions,
                     std::string &error) {
  bool packWeights = weightMode == WeightMode::Packed;
  llvm::raw_string_ostream errorStream(error);
  ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diagnostic) {
    if (diagnostic.getSeverity() == DiagnosticSeverity::Error)
      errorStream << diagnostic.str() << "; ";
    return success();
  });
  auto reportError = [&](const Twine &message) { errorStream << message; };

  auto start = std::chrono::steady_clock::now();
  OwningOpRef<ModuleOp> module = buildLayerModule(
      context, layer.problem, data.type,
      weightMode == WeightMode::Constant ? ArrayRef<char>(data.weight)
                                         : ArrayRef<char>());
  if (failed(verify(*module)))
    return failure();
  FailureOr<std::vector<CFunction>> functions = collectCFunctions(*module);
  if (failed(functions))
    return failure();
  SmallString<0> object;
  if (failed(lowerWithCInterface(*module, *functions, pipelineOptions, machine,
                                 layer.name, reportError,
                                 packWeights ? WeightPacking::PackedOnly
                                             : WeightPacking::None)) ||
      failed(emitNativeCode(*module, machine, EmitKind::Object, object,
                            layer.name, reportError)))
    return failure();
  CompiledKernel kernel;
  kernel.compileSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();

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
  kernel.function = lookup("kernel");
  if (!kernel.function)
    return failure();
  if (packWeights) {
    auto pack = reinterpret_cast<PackFunction>(lookup("kernel_pack"));
    auto packInterface = llvm::find_if(*functions, [](const CFunction &fn) {
      return fn.name == "kernel_pack";
    });
    if (!pack || packInterface == functions->end())
      return failure();
    RankedTensorType packedType = packInterface->results[0].type;
    kernel.packedWeight.resize(packedType.getNumElements() *
                               packedType.getElementTypeBitWidth() / 8);
    pack(data.weight.data(), kernel.packedWeight.data());
  }
  return kernel;
}
