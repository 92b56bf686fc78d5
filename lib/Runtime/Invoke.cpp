//===- Invoke.cpp - Calling JIT'ed functions on host tensors --------------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//

#include "tconv/Runtime/Invoke.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/ExecutionEngine/CRunnerUtils.h"
#include "mlir/ExecutionEngine/ExecutionEngine.h"

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <set>
#include <utility>
#include <variant>

using namespace mlir;
using namespace mlir::tconv;
using namespace mlir::tconv::runtime;

LogicalResult runtime::checkSignature(func::FuncOp func,
                                      ErrorReporter reportError) {
  auto check = [&](Type type, StringRef what, unsigned i) -> LogicalResult {
    auto tensor = dyn_cast<RankedTensorType>(type);
    if (!tensor || !isSupportedElementType(tensor.getElementType())) {
      reportError("@" + func.getName() + " " + what + " " + llvm::Twine(i) +
                  " must be a ranked tensor of f32, f16, bf16, i8, ui8 or "
                  "i32");
      return failure();
    }
    return success();
  };
  for (auto [i, type] : llvm::enumerate(func.getArgumentTypes())) {
    if (failed(check(type, "argument", i)))
      return failure();
    if (cast<RankedTensorType>(type).getRank() > kMaxArgumentRank) {
      reportError("@" + func.getName() + " argument " + llvm::Twine(i) +
                  " has more than " + llvm::Twine(kMaxArgumentRank) +
                  " dims, which tconv-run does not pass");
      return failure();
    }
  }
  for (auto [i, type] : llvm::enumerate(func.getResultTypes()))
    if (failed(check(type, "result", i)))
      return failure();
  if (!func.getBody().hasOneBlock()) {
    reportError("@" + func.getName() + " must have a single block");
    return failure();
  }
  return success();
}

namespace {

/// The descriptor of an argument of any rank up to kMaxArgumentRank. The C
/// interface takes descriptors by opaque pointer, so one element type (the
/// bytes) serves all; sizes, strides and offset count elements.
template <size_t... Ranks>
std::variant<StridedMemRefType<uint8_t, Ranks>...>
    makeDescriptorVariant(std::index_sequence<Ranks...>);
using ArgumentDescriptor = decltype(makeDescriptorVariant(
    std::make_index_sequence<kMaxArgumentRank + 1>()));

/// The descriptor of `tensor`, of rank `Rank`: dense, row-major.
template <size_t Rank> ArgumentDescriptor describeOfRank(HostTensor &tensor) {
  StridedMemRefType<uint8_t, Rank> descriptor;
  descriptor.basePtr = descriptor.data = tensor.bytes.data();
  descriptor.offset = 0;
  if constexpr (Rank > 0) {
    int64_t stride = 1;
    for (int d = Rank - 1; d >= 0; --d) {
      descriptor.sizes[d] = tensor.shape[d];
      descriptor.strides[d] = stride;
      stride *= tensor.shape[d];
    }
  }
  return descriptor;
}

template <size_t... Ranks>
ArgumentDescriptor describe(HostTensor &tensor, std::index_sequence<Ranks...>) {
  static constexpr ArgumentDescriptor (*byRank[])(HostTensor &) = {
      &describeOfRank<Ranks>...};
  return byRank[tensor.shape.size()](tensor);
}

/// Copies the memref `result` (of elements T) into `tensor` and returns the
/// buffer it was allocated in.
template <typename T>
void *copyResult(const ::UnrankedMemRefType<T> &result, HostTensor &tensor) {
  DynamicMemRefType<T> memref(result);
  tensor.shape.assign(memref.sizes, memref.sizes + memref.rank);
  tensor.bytes.resize(tensor.getNumElements() * sizeof(T));
  // The iterator visits one element even of an empty memref.
  if (tensor.bytes.empty())
    return memref.basePtr;
  // The results are usually dense: one copy instead of an element-wise
  // walk (seconds per call on a 16 MB result).
  int64_t denseStride = 1;
  bool dense = true;
  for (int64_t dim = memref.rank - 1; dim >= 0; --dim) {
    dense &= memref.sizes[dim] == 1 || memref.strides[dim] == denseStride;
    denseStride *= memref.sizes[dim];
  }
  if (dense) {
    std::memcpy(tensor.bytes.data(), memref.data + memref.offset,
                tensor.bytes.size());
    return memref.basePtr;
  }
  uint8_t *out = tensor.bytes.data();
  for (const T &element : memref) {
    std::memcpy(out, &element, sizeof(T));
    out += sizeof(T);
  }
  return memref.basePtr;
}

} // namespace

FailureOr<SmallVector<HostTensor>>
runtime::invoke(ExecutionEngine &engine, func::FuncOp func,
                MutableArrayRef<HostTensor> arguments,
                ErrorReporter reportError, double *seconds) {
  SmallVector<ArgumentDescriptor> descriptors;
  for (HostTensor &argument : arguments)
    descriptors.push_back(
        describe(argument, std::make_index_sequence<kMaxArgumentRank + 1>()));
  // The results come back in one struct of descriptors of their ranks, each
  // field 8 bytes wide: {allocated, aligned, offset, sizes..., strides...}.
  size_t resultWords = 0;
  for (Type type : func.getResultTypes())
    resultWords += 3 + 2 * cast<RankedTensorType>(type).getRank();
  std::vector<int64_t> resultStorage(resultWords);
  SmallVector<void *> descriptorPtrs;
  for (ArgumentDescriptor &descriptor : descriptors)
    descriptorPtrs.push_back(
        std::visit([](auto &d) -> void * { return &d; }, descriptor));
  void *resultPtr = resultStorage.data();
  SmallVector<void *> args;
  if (resultWords)
    args.push_back(&resultPtr);
  for (void *&ptr : descriptorPtrs)
    args.push_back(&ptr);
  auto start = std::chrono::steady_clock::now();
  if (llvm::Error error =
          engine.invokePacked(("_mlir_ciface_" + func.getName()).str(), args)) {
    reportError("JIT invocation failed: " + llvm::toString(std::move(error)));
    return failure();
  }
  if (seconds)
    *seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();

  // A result may be an argument's buffer (returned as is); the others were
  // allocated by the call, some of them maybe more than once.
  std::set<void *> ownedByCaller, toFree;
  for (HostTensor &argument : arguments)
    ownedByCaller.insert(argument.bytes.data());
  SmallVector<HostTensor> results;
  int64_t *word = resultStorage.data();
  for (Type type : func.getResultTypes()) {
    auto tensorType = cast<RankedTensorType>(type);
    HostTensor result{tensorType.getElementType(), {}, {}};
    int64_t rank = tensorType.getRank();
    // The bytes are copied as they are, by element width.
    void *allocated;
    switch (tensorType.getElementTypeBitWidth()) {
    case 8:
      allocated = copyResult(::UnrankedMemRefType<uint8_t>{rank, word}, result);
      break;
    case 16:
      allocated =
          copyResult(::UnrankedMemRefType<uint16_t>{rank, word}, result);
      break;
    default:
      allocated =
          copyResult(::UnrankedMemRefType<uint32_t>{rank, word}, result);
      break;
    }
    if (!ownedByCaller.count(allocated))
      toFree.insert(allocated);
    results.push_back(std::move(result));
    word += 3 + 2 * rank;
  }
  for (void *ptr : toFree)
    std::free(ptr);
  return results;
}
