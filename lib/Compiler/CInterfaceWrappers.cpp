//===- CInterfaceWrappers.cpp - Exported LLVM-dialect C entry points ------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// The exported wrapper calls the lowered function directly in MLIR's default
// memref calling convention (allocated, aligned, offset, sizes..., strides...
// per argument; one descriptor struct, a struct of them, or nothing as the
// result) rather than its `_mlir_ciface_` form: the same documented ABI
// without the stack round trip, and no extra symbol to hide.
//
//===----------------------------------------------------------------------===//

#include "tconv/Compiler/CInterface.h"
#include "tconv/Dialect/TConv/IR/TConvDialect.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/Builders.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace mlir;
using namespace mlir::tconv;

namespace {

/// An i64 SSA value and its value when known at compile time; products of
/// constants are folded so static shapes give readable IR.
struct I64 {
  Value value;
  std::optional<int64_t> constant;
};

class WrapperBuilder {
public:
  WrapperBuilder(OpBuilder &b, Location loc)
      : b(b), loc(loc), i64Type(b.getI64Type()),
        ptrType(LLVM::LLVMPointerType::get(b.getContext())) {}

  /// One constant op per value and wrapper, created at its first use (all
  /// uses are in the single block, after it).
  I64 constant(int64_t v) {
    Value &value = constants[v];
    if (!value)
      value = LLVM::ConstantOp::create(b, loc, i64Type, b.getI64IntegerAttr(v));
    return {value, v};
  }

  /// Starts a new wrapper.
  void reset(Location newLoc) {
    loc = newLoc;
    constants.clear();
  }

  /// Static products were checked not to overflow in collectCFunctions.
  I64 mul(const I64 &lhs, const I64 &rhs) {
    if (lhs.constant && rhs.constant)
      return constant(*lhs.constant * *rhs.constant);
    if (lhs.constant == 1)
      return rhs;
    if (rhs.constant == 1)
      return lhs;
    return {LLVM::MulOp::create(b, loc, lhs.value, rhs.value), std::nullopt};
  }

  I64 add(const I64 &lhs, const I64 &rhs) {
    if (lhs.constant && rhs.constant)
      return constant(*lhs.constant + *rhs.constant);
    return {LLVM::AddOp::create(b, loc, lhs.value, rhs.value), std::nullopt};
  }

  /// The size of `fn`'s scratch buffer, given the leading dims (its first
  /// arguments).
  I64 scratchSize(const CFunction &fn, ValueRange dims) {
    if (!fn.scratchDim)
      return constant(*fn.scratchBytes);
    I64 perDim = mul(constant(fn.scratchBytesPerDim),
                     I64{dims[*fn.scratchDim], std::nullopt});
    return *fn.scratchBytes ? add(constant(*fn.scratchBytes), perDim) : perDim;
  }

  Value extract(Value aggregate, ArrayRef<int64_t> position) {
    return LLVM::ExtractValueOp::create(b, loc, aggregate, position);
  }

  /// The memref descriptor type of a ranked memref of rank `rank`.
  Type getDescriptorType(int64_t rank) {
    SmallVector<Type> fields = {ptrType, ptrType, i64Type};
    if (rank > 0) {
      auto array = LLVM::LLVMArrayType::get(i64Type, rank);
      fields.append({array, array});
    }
    return LLVM::LLVMStructType::getLiteral(b.getContext(), fields);
  }

  OpBuilder &b;
  Location loc;
  Type i64Type, ptrType;
  llvm::DenseMap<int64_t, Value> constants;
};

/// The type of the lowered function in the default memref calling
/// convention, to check the pipeline produced what the wrapper expects.
LLVM::LLVMFunctionType getExpectedImplType(WrapperBuilder &wb,
                                           const CFunction &fn) {
  SmallVector<Type> params;
  for (const CTensorParam &arg : fn.args) {
    params.append({wb.ptrType, wb.ptrType, wb.i64Type});
    params.append(2 * arg.type.getRank(), wb.i64Type);
  }
  SmallVector<Type> results;
  for (const CTensorParam &result : fn.results) {
    if (fn.resultsAsOutParams) {
      params.append({wb.ptrType, wb.ptrType, wb.i64Type});
      params.append(2 * result.type.getRank(), wb.i64Type);
    } else {
      results.push_back(wb.getDescriptorType(result.type.getRank()));
    }
  }
  // The scratch buffer, a memref<N x i8>, comes after the out-params.
  if (fn.scratchBytes)
    params.append({wb.ptrType, wb.ptrType, wb.i64Type, wb.i64Type, wb.i64Type});
  Type resultType = LLVM::LLVMVoidType::get(wb.b.getContext());
  if (results.size() == 1)
    resultType = results.front();
  else if (results.size() > 1)
    resultType = LLVM::LLVMStructType::getLiteral(wb.b.getContext(), results);
  return LLVM::LLVMFunctionType::get(resultType, params);
}

void buildWrapperBody(WrapperBuilder &wb, const CFunction &fn,
                      LLVM::LLVMFuncOp wrapper, LLVM::LLVMFuncOp impl,
                      LLVM::LLVMFuncOp freeFunc) {
  OpBuilder &b = wb.b;
  Location loc = wb.loc;
  Block *entry = wrapper.addEntryBlock(b);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(entry);

  llvm::DenseMap<std::pair<unsigned, unsigned>, Value> dynamicDims;
  for (auto [i, dim] : llvm::enumerate(fn.dynamicDims))
    dynamicDims[dim] = entry->getArgument(i);
  unsigned firstArg = fn.dynamicDims.size();
  unsigned firstResult = firstArg + fn.args.size();

  // Dense row-major descriptors over the caller's buffers.
  SmallVector<Value> callArgs, argPtrs;
  I64 zero = wb.constant(0);
  auto appendDescriptor = [&](Value ptr, const CTensorParam &param,
                              std::optional<unsigned> argIndex) {
    int64_t rank = param.type.getRank();
    SmallVector<I64> sizes, strides(rank);
    for (int64_t d = 0; d < rank; ++d) {
      if (!param.type.isDynamicDim(d)) {
        sizes.push_back(wb.constant(param.type.getDimSize(d)));
        continue;
      }
      // A result's dynamic dim is a leading parameter (resultsAsOutParams).
      Value size =
          argIndex ? dynamicDims.lookup({*argIndex, d})
                   : entry->getArgument(*fn.findDynamicDim(param.dimExprs[d]));
      sizes.push_back({size, std::nullopt});
    }
    I64 stride = wb.constant(1);
    for (int64_t d = rank - 1; d >= 0; --d) {
      strides[d] = stride;
      if (d > 0)
        stride = wb.mul(stride, sizes[d]);
    }
    callArgs.append({ptr, ptr, zero.value});
    for (const I64 &size : sizes)
      callArgs.push_back(size.value);
    for (const I64 &s : strides)
      callArgs.push_back(s.value);
  };
  for (auto [a, param] : llvm::enumerate(fn.args)) {
    Value ptr = entry->getArgument(firstArg + a);
    argPtrs.push_back(ptr);
    appendDescriptor(ptr, param, a);
  }
  if (fn.resultsAsOutParams) {
    // The lowered function writes straight into the caller's buffers.
    for (auto [r, param] : llvm::enumerate(fn.results))
      appendDescriptor(entry->getArgument(firstResult + r), param,
                       std::nullopt);
  }
  if (fn.scratchBytes) {
    Value scratch = entry->getArguments().back();
    callArgs.append({scratch, scratch, zero.value,
                     wb.scratchSize(fn, entry->getArguments()).value,
                     wb.constant(1).value});
  }
  if (fn.resultsAsOutParams) {
    LLVM::CallOp::create(b, loc, impl, callArgs);
    LLVM::ReturnOp::create(b, loc, ValueRange{});
    return;
  }
  auto call = LLVM::CallOp::create(b, loc, impl, callArgs);

  // Copy each result out; free the returned buffers afterwards since
  // results may share one.
  SmallVector<Value> allocated;
  for (auto [r, param] : llvm::enumerate(fn.results)) {
    Value desc = fn.results.size() == 1
                     ? call.getResult()
                     : wb.extract(call.getResult(), {(int64_t)r});
    allocated.push_back(wb.extract(desc, {0}));
    Value aligned = wb.extract(desc, {1});
    Value offset = wb.extract(desc, {2});
    I64 bytes = wb.constant(param.type.getElementTypeBitWidth() / 8);
    for (int64_t d = 0, e = param.type.getRank(); d < e; ++d)
      bytes = wb.mul(bytes, param.type.isDynamicDim(d)
                                ? I64{wb.extract(desc, {3, d}), std::nullopt}
                                : wb.constant(param.type.getDimSize(d)));
    // LLVM's types are signless: ui8 elements are i8 bytes.
    Type elementType = param.type.getElementType();
    if (auto integer = dyn_cast<IntegerType>(elementType))
      elementType = b.getIntegerType(integer.getWidth());
    Value source = LLVM::GEPOp::create(b, loc, wb.ptrType, elementType, aligned,
                                       ValueRange{offset});
    LLVM::MemcpyOp::create(b, loc, entry->getArgument(firstResult + r), source,
                           bytes.value, /*isVolatile=*/false);
  }
  // A returned buffer that is an argument or an earlier result is not ours
  // to free; free(NULL) is a no-op.
  Value null = LLVM::ZeroOp::create(b, loc, wb.ptrType);
  for (auto [r, alloc] : llvm::enumerate(allocated)) {
    SmallVector<Value> notOwned(argPtrs);
    notOwned.append(allocated.begin(), allocated.begin() + r);
    Value shared;
    for (Value other : notOwned) {
      Value same =
          LLVM::ICmpOp::create(b, loc, LLVM::ICmpPredicate::eq, alloc, other);
      shared = shared ? LLVM::OrOp::create(b, loc, shared, same) : same;
    }
    Value toFree =
        shared ? LLVM::SelectOp::create(b, loc, shared, null, alloc) : alloc;
    LLVM::CallOp::create(b, loc, freeFunc, ValueRange{toFree});
  }
  LLVM::ReturnOp::create(b, loc, ValueRange{});
}

/// `size_t NAME_scratch_size([int64_t dim, ...])` (an i64: LP64 targets),
/// returning the size of the buffer NAME takes; it takes NAME's leading
/// dims.
LogicalResult
buildScratchSizeFunction(WrapperBuilder &wb, const CFunction &fn,
                         ModuleOp module,
                         llvm::SmallPtrSetImpl<Operation *> &exported) {
  std::string name = fn.name + TConvDialect::kScratchSizeFunctionSuffix.str();
  if (Operation *clash = module.lookupSymbol(name))
    return emitError(clash->getLoc())
           << "symbol @" << name << " clashes with the scratch size of @"
           << fn.name;
  OpBuilder &b = wb.b;
  SmallVector<Type> params(fn.dynamicDims.size(), wb.i64Type);
  auto func = LLVM::LLVMFuncOp::create(
      b, wb.loc, name, LLVM::LLVMFunctionType::get(wb.i64Type, params));
  OpBuilder::InsertionGuard guard(b);
  Block *entry = func.addEntryBlock(b);
  b.setInsertionPointToStart(entry);
  wb.reset(wb.loc);
  LLVM::ReturnOp::create(b, wb.loc,
                         wb.scratchSize(fn, entry->getArguments()).value);
  exported.insert(func);
  return success();
}

} // namespace

LogicalResult tconv::recordScratchSizes(ModuleOp module,
                                        std::vector<CFunction> &functions,
                                        bool callerScratch) {
  for (CFunction &fn : functions) {
    auto impl = module.lookupSymbol<LLVM::LLVMFuncOp>(fn.implName);
    if (!callerScratch) {
      if (auto bytes = impl ? impl->getAttrOfType<IntegerAttr>(
                                  TConvDialect::kStaticScratchBytesAttrName)
                            : IntegerAttr())
        fn.staticScratchBytes = bytes.getInt();
      continue;
    }
    auto bytes = impl ? impl->getAttrOfType<IntegerAttr>(
                            TConvDialect::kScratchBytesAttrName)
                      : IntegerAttr();
    if (!bytes)
      return emitError(module.getLoc()) << "lowered function @" << fn.implName
                                        << " has no caller-owned scratch size";
    fn.scratchBytes = bytes.getInt();
    auto perDim = impl->getAttrOfType<IntegerAttr>(
        TConvDialect::kScratchBytesPerDimAttrName);
    auto dim = impl->getAttrOfType<DenseI64ArrayAttr>(
        TConvDialect::kScratchDimAttrName);
    if (!perDim && !dim)
      continue;
    // The dim is one of the wrapper's leading parameters.
    const auto *param =
        dim && dim.size() == 2
            ? llvm::find(fn.dynamicDims,
                         std::pair<unsigned, unsigned>(dim[0], dim[1]))
            : fn.dynamicDims.end();
    if (!perDim || param == fn.dynamicDims.end())
      return emitError(impl.getLoc())
             << "lowered function @" << fn.implName
             << " sizes its scratch by a dim that is not a dynamic dim of its "
                "arguments";
    fn.scratchBytesPerDim = perDim.getInt();
    fn.scratchDim = param - fn.dynamicDims.begin();
  }
  return success();
}

LogicalResult tconv::buildCInterfaceWrappers(ModuleOp module,
                                             ArrayRef<CFunction> functions) {
  MLIRContext *context = module.getContext();
  OpBuilder b(context);
  b.setInsertionPointToEnd(module.getBody());
  WrapperBuilder wb(b, module.getLoc());
  auto freeType = LLVM::LLVMFunctionType::get(LLVM::LLVMVoidType::get(context),
                                              {wb.ptrType});
  auto freeFunc = module.lookupSymbol<LLVM::LLVMFuncOp>("free");
  if (!freeFunc) {
    if (module.lookupSymbol("free"))
      return emitError(module.getLoc(), "symbol @free is not libc's free");
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(module.getBody());
    freeFunc = LLVM::LLVMFuncOp::create(b, module.getLoc(), "free", freeType);
  } else if (freeFunc.getFunctionType() != freeType || !freeFunc.isExternal()) {
    return emitError(freeFunc.getLoc(), "symbol @free is not libc's free");
  }

  llvm::SmallPtrSet<Operation *, 8> exported;
  for (const CFunction &fn : functions) {
    auto impl = module.lookupSymbol<LLVM::LLVMFuncOp>(fn.implName);
    if (!impl || impl.isExternal())
      return emitError(module.getLoc()) << "lowered function @" << fn.implName
                                        << " not found in the LLVM dialect";
    if (Operation *clash = module.lookupSymbol(fn.name))
      return emitError(clash->getLoc())
             << "symbol @" << fn.name << " clashes with the exported function";
    LLVM::LLVMFunctionType expected = getExpectedImplType(wb, fn);
    if (impl.getFunctionType() != expected)
      return emitError(impl.getLoc())
             << "lowered @" << fn.name << " has type " << impl.getFunctionType()
             << ", expected " << expected;

    SmallVector<Type> params(fn.dynamicDims.size(), wb.i64Type);
    params.append(fn.args.size() + fn.results.size() +
                      (fn.scratchBytes ? 1 : 0),
                  wb.ptrType);
    wb.reset(impl.getLoc());
    auto wrapper = LLVM::LLVMFuncOp::create(
        b, wb.loc, fn.name,
        LLVM::LLVMFunctionType::get(LLVM::LLVMVoidType::get(context), params));
    // LLVM inlines the implementation into the wrapper and optimizes it
    // there, under the wrapper's attributes (a packing function's optsize).
    wrapper.setPassthroughAttr(impl.getPassthroughAttr());
    buildWrapperBody(wb, fn, wrapper, impl, freeFunc);
    exported.insert(wrapper);
    if (fn.scratchBytes) {
      if (failed(buildScratchSizeFunction(wb, fn, module, exported)))
        return failure();
    }
  }

  // Only the wrappers are visible outside the object.
  auto isHidden = [](LLVM::Linkage linkage) {
    return linkage == LLVM::Linkage::Internal ||
           linkage == LLVM::Linkage::Private;
  };
  for (Operation &op : *module.getBody()) {
    if (auto func = dyn_cast<LLVM::LLVMFuncOp>(op)) {
      if (!func.isExternal() && !exported.contains(func) &&
          !isHidden(func.getLinkage()))
        func.setLinkage(LLVM::Linkage::Internal);
    } else if (auto global = dyn_cast<LLVM::GlobalOp>(op)) {
      bool defined =
          global.getValueOrNull() || !global.getInitializerRegion().empty();
      if (defined && !isHidden(global.getLinkage()))
        global.setLinkage(LLVM::Linkage::Internal);
    }
  }
  return success();
}
