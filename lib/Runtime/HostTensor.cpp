//===- HostTensor.cpp - Arguments and results of JIT'ed functions ---------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//

#include "tconv/Runtime/HostTensor.h"
#include "tconv/Support/Npy.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinTypes.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <cstring>

using namespace mlir;
using namespace mlir::tconv;
using namespace mlir::tconv::runtime;

int64_t HostTensor::getNumElements() const {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

HostTensor HostTensor::fromFloats(Type elementType, ArrayRef<int64_t> shape,
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

/// The .npy dtype of an integer element type (i8, ui8 or i32).
static std::optional<npy::DType> getIntegerDType(Type elementType) {
  if (elementType.isSignlessInteger(8))
    return npy::DType::I8;
  if (elementType.isUnsignedInteger(8))
    return npy::DType::U8;
  if (elementType.isSignlessInteger(32))
    return npy::DType::I32;
  return std::nullopt;
}

/// The range of random integers of `dtype`: all of int8 and uint8 (zero
/// points and data at the extremes), and for int32 (biases) sums of a few
/// products of bytes, so that results fit in i32.
static std::pair<int32_t, int32_t> getRandomRange(npy::DType dtype) {
  if (dtype == npy::DType::I8)
    return {-128, 127};
  if (dtype == npy::DType::U8)
    return {0, 255};
  return {-(1 << 16), 1 << 16};
}

bool runtime::isSupportedElementType(Type elementType) {
  return isa<Float32Type, Float16Type, BFloat16Type>(elementType) ||
         getIntegerDType(elementType);
}

HostTensor HostTensor::fromIntegers(Type elementType, ArrayRef<int64_t> shape,
                                    ArrayRef<int32_t> values) {
  npy::Array array =
      npy::makeIntegerArray(shape, *getIntegerDType(elementType), values);
  return HostTensor{elementType, SmallVector<int64_t>(shape),
                    std::move(array.bytes)};
}

std::vector<int32_t> HostTensor::toIntegers() const {
  npy::Array array{shape, *getIntegerDType(elementType), bytes};
  return npy::toInt32(array);
}

std::vector<double> HostTensor::toDoubles() const {
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

reference::ElementType runtime::getReferenceType(Type elementType) {
  if (elementType.isF16())
    return reference::ElementType::F16;
  if (elementType.isBF16())
    return reference::ElementType::BF16;
  return reference::ElementType::F32;
}

/// The .npy file `path` as argument `i`, of type `type`.
static FailureOr<HostTensor> readArgument(unsigned i, RankedTensorType type,
                                          StringRef path,
                                          ErrorReporter reportError) {
  llvm::Expected<npy::Array> array = npy::readNpy(path);
  if (!array) {
    reportError(llvm::toString(array.takeError()));
    return failure();
  }
  std::optional<npy::DType> integerDType =
      getIntegerDType(type.getElementType());
  npy::DType expectedDType = integerDType.value_or(npy::DType::F32);
  if (array->dtype != expectedDType) {
    std::string elementType;
    llvm::raw_string_ostream os(elementType);
    os << type.getElementType();
    reportError(path + ": expected " + npy::getName(expectedDType) +
                " data ('" + npy::getDescr(expectedDType) + "') for argument " +
                llvm::Twine(i) + " of element type " + elementType + ", got '" +
                npy::getDescr(array->dtype) + "'");
    return failure();
  }
  bool shapeMatches = array->shape.size() == (size_t)type.getRank();
  for (unsigned d = 0; shapeMatches && d < array->shape.size(); ++d)
    shapeMatches =
        type.isDynamicDim(d) || type.getDimSize(d) == array->shape[d];
  if (!shapeMatches) {
    std::string shape =
        "(" +
        llvm::join(llvm::map_range(array->shape,
                                   [](int64_t d) { return std::to_string(d); }),
                   ", ") +
        ")";
    std::string expected;
    llvm::raw_string_ostream os(expected);
    os << type;
    reportError(path + ": shape " + shape + " does not match argument " +
                llvm::Twine(i) + " of type " + expected);
    return failure();
  }
  if (integerDType)
    return HostTensor{type.getElementType(), array->shape,
                      std::move(array->bytes)};
  return HostTensor::fromFloats(type.getElementType(), array->shape,
                                npy::toFloat32(*array));
}

FailureOr<SmallVector<HostTensor>>
runtime::loadArguments(func::FuncOp func, ArrayRef<std::string> files,
                       uint64_t seed, ErrorReporter reportError) {
  ArrayRef<Type> argTypes = func.getArgumentTypes();
  if (!files.empty() && files.size() != argTypes.size()) {
    reportError("@" + func.getName() + " takes " +
                llvm::Twine(argTypes.size()) + " arguments but --inputs " +
                "gives " + llvm::Twine(files.size()) + " files");
    return failure();
  }
  SmallVector<HostTensor> arguments;
  for (auto [i, type] : llvm::enumerate(argTypes)) {
    auto tensorType = cast<RankedTensorType>(type);
    if (!files.empty()) {
      FailureOr<HostTensor> argument =
          readArgument(i, tensorType, files[i], reportError);
      if (failed(argument))
        return failure();
      arguments.push_back(std::move(*argument));
      continue;
    }
    if (!tensorType.hasStaticShape()) {
      reportError("argument " + llvm::Twine(i) + " of @" + func.getName() +
                  " has dynamic dims: give its data with --inputs");
      return failure();
    }
    Type elementType = tensorType.getElementType();
    if (std::optional<npy::DType> dtype = getIntegerDType(elementType)) {
      std::vector<int32_t> values(tensorType.getNumElements());
      auto [low, high] = getRandomRange(*dtype);
      reference::fillRandomIntegers(values, seed + i, low, high);
      arguments.push_back(
          HostTensor::fromIntegers(elementType, tensorType.getShape(), values));
      continue;
    }
    std::vector<float> values(tensorType.getNumElements());
    reference::fillRandom(values, seed + i);
    arguments.push_back(
        HostTensor::fromFloats(elementType, tensorType.getShape(), values));
  }
  return arguments;
}

LogicalResult runtime::writeNpy(StringRef path, const HostTensor &tensor,
                                ErrorReporter reportError) {
  npy::Array array;
  if (std::optional<npy::DType> dtype = getIntegerDType(tensor.elementType)) {
    array.dtype = *dtype;
    array.shape = tensor.shape;
    array.bytes = tensor.bytes;
  } else if (tensor.elementType.isF16()) {
    array.dtype = npy::DType::F16;
    array.shape = tensor.shape;
    array.bytes = tensor.bytes;
  } else {
    std::vector<double> values = tensor.toDoubles();
    std::vector<float> floats(values.begin(), values.end());
    array = npy::makeFloat32Array(tensor.shape, floats);
  }
  if (llvm::Error error = npy::writeNpy(path, array)) {
    reportError(llvm::toString(std::move(error)));
    return failure();
  }
  return success();
}
