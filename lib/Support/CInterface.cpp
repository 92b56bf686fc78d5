//===- CInterface.cpp - Plain C entry points for compiled modules ---------===//
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

#include "tconv/Support/CInterface.h"
#include "tconv/Dialect/TConv/IR/TConvOps.h"
#include "tconv/Dialect/TConv/Utils/Geometry.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/SymbolTable.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/CheckedArithmetic.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::tconv;

//===----------------------------------------------------------------------===//
// Collecting the C view
//===----------------------------------------------------------------------===//

namespace {

/// Symbols the wrapper itself needs or that the tool reserves; an exported
/// function of one of these names would clash at link time.
bool isReservedName(StringRef name) {
  static const llvm::StringSet<> reserved = {
      // C keywords (C11).
      "auto", "break", "case", "char", "const", "continue", "default", "do",
      "double", "else", "enum", "extern", "float", "for", "goto", "if",
      "inline", "int", "long", "register", "restrict", "return", "short",
      "signed", "sizeof", "static", "struct", "switch", "typedef", "union",
      "unsigned", "void", "volatile", "while", "_Bool", "_Complex",
      "_Imaginary", "_Alignas", "_Alignof", "_Atomic", "_Generic", "_Noreturn",
      "_Static_assert", "_Thread_local",
      // What the generated code calls.
      "malloc", "free", "memcpy", "memmove", "memset", "aligned_alloc",
      // The entry point of the program linking the object.
      "main"};
  return reserved.contains(name) || name.starts_with("__tconv_") ||
         name.starts_with("_mlir_");
}

bool isCIdentifier(StringRef name) {
  if (name.empty() || llvm::isDigit(name.front()))
    return false;
  return llvm::all_of(name,
                      [](char c) { return llvm::isAlnum(c) || c == '_'; });
}

bool isSupportedElementType(Type type) {
  return isa<Float32Type, Float16Type, BFloat16Type>(type);
}

/// Dim labels of a conv_transpose operand: spatial names per rank.
SmallVector<std::string> getSpatialLabels(unsigned numSpatialDims,
                                          StringRef prefix, bool lower) {
  static const char *const names[3][3] = {
      {"L", "", ""}, {"H", "W", ""}, {"D", "H", "W"}};
  SmallVector<std::string> labels;
  for (unsigned i = 0; i < numSpatialDims; ++i) {
    std::string name = numSpatialDims <= 3 ? names[numSpatialDims - 1][i]
                                           : "S" + std::to_string(i);
    if (lower)
      name = llvm::StringRef(name).lower();
    labels.push_back((prefix + name).str());
  }
  return labels;
}

/// "conv_transpose weight (Cin, Cout/G, kh, kw), channels_first" and the
/// like: the operand's role and the op's layout.
std::string describeRole(ConvTransposeOp op, StringRef role) {
  unsigned d = op.getNumSpatialDims();
  bool last = op.isChannelsLast();
  SmallVector<std::string> dims;
  if (role == "input" || role == "output") {
    bool out = role == "output";
    SmallVector<std::string> spatial =
        getSpatialLabels(d, out ? "O" : "", false);
    dims = assembleActivationShape<std::string>("N", out ? "Cout" : "Cin",
                                                spatial, last);
  } else if (role == "weight") {
    SmallVector<std::string> kernel = getSpatialLabels(d, "k", true);
    if (d == 1)
      kernel = {"k"};
    if (last) {
      dims.push_back("Cout");
      dims.append(kernel.begin(), kernel.end());
      dims.push_back("Cin/G");
    } else {
      dims = {"Cin", "Cout/G"};
      dims.append(kernel.begin(), kernel.end());
    }
  } else {
    dims = {"Cout"};
  }
  std::string text;
  llvm::raw_string_ostream os(text);
  os << "conv_transpose " << role << " (" << llvm::join(dims, ", ") << ")";
  if (role != "bias")
    os << ", " << (last ? "channels_last" : "channels_first");
  if (op.getGroups() != 1)
    os << ", groups=" << op.getGroups();
  return text;
}

/// Wraps a C expression in parentheses unless it is a single token.
std::string parenthesize(const std::string &expr) {
  if (expr.find(' ') == std::string::npos)
    return expr;
  return "(" + expr + ")";
}

/// A C expression for dim `d` of `value` in terms of the function's
/// parameters, or "" when it cannot be derived statically.
std::string getDimExpr(Value value, unsigned d, Block *entry,
                       ArrayRef<CTensorParam> args) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (!type || d >= type.getRank())
    return "";
  if (!type.isDynamicDim(d))
    return std::to_string(type.getDimSize(d));
  if (auto arg = dyn_cast<BlockArgument>(value))
    return arg.getOwner() == entry ? args[arg.getArgNumber()].dimExprs[d] : "";
  auto conv = value.getDefiningOp<ConvTransposeOp>();
  if (!conv)
    return "";
  // Batch and spatial dims sit at the same positions in input and result.
  if (d == 0)
    return getDimExpr(conv.getInput(), 0, entry, args);
  unsigned spatialBegin = conv.isChannelsLast() ? 1 : 2;
  if (d < spatialBegin || d - spatialBegin >= conv.getNumSpatialDims())
    return "";
  unsigned i = d - spatialBegin;
  int64_t k = conv.getKernelSizes()[i];
  std::string in = getDimExpr(conv.getInput(), d, entry, args);
  if (ShapedType::isDynamic(k) || in.empty())
    return "";
  // O = (I - 1) * s - pb - pe + dil * (k - 1) + op + 1 = s * I + c.
  SpatialParams p = conv.getSpatialParams()[i];
  std::optional<int64_t> extent = getDilatedKernelExtent(k, p.dilation);
  std::optional<int64_t> c;
  if (extent)
    c = llvm::checkedAdd<int64_t>(*extent, p.outputPadding + 1);
  for (int64_t sub : {p.stride, p.padBegin, p.padEnd})
    if (c)
      c = llvm::checkedSub<int64_t>(*c, sub);
  if (!c)
    return "";
  std::string expr =
      p.stride == 1 ? in : std::to_string(p.stride) + " * " + parenthesize(in);
  if (*c > 0)
    expr += " + " + std::to_string(*c);
  else if (*c < 0)
    expr += " - " + std::to_string(-static_cast<uint64_t>(*c));
  return expr;
}

/// Appends `text` unless present.
void addRole(CTensorParam &param, std::string text) {
  if (!llvm::is_contained(param.roles, text))
    param.roles.push_back(std::move(text));
}

/// The leading int64_t parameters of `fn`: one per dynamic argument dim.
void setDynamicDims(CFunction &fn) {
  fn.dynamicDims.clear();
  fn.dynamicDimNames.clear();
  for (auto [a, param] : llvm::enumerate(fn.args)) {
    for (auto [d, size] : llvm::enumerate(param.type.getShape())) {
      if (!ShapedType::isDynamic(size))
        continue;
      fn.dynamicDims.push_back(
          {static_cast<unsigned>(a), static_cast<unsigned>(d)});
      fn.dynamicDimNames.push_back(param.dimExprs[d]);
    }
  }
}

LogicalResult checkTensorType(func::FuncOp func, Type type, StringRef what,
                              unsigned index) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor || !isSupportedElementType(tensor.getElementType()))
    return emitError(func.getLoc())
           << what << " " << index << " of @" << func.getName()
           << " must be a ranked tensor of f32, f16 or bf16 "
              "to have a C interface, got "
           << type;
  // Byte sizes of static dims are folded into the wrapper as int64_t.
  SmallVector<int64_t> staticDims;
  for (int64_t dim : tensor.getShape())
    if (!ShapedType::isDynamic(dim))
      staticDims.push_back(dim);
  staticDims.push_back(tensor.getElementTypeBitWidth() / 8);
  if (!getCheckedProduct(staticDims))
    return emitError(func.getLoc())
           << what << " " << index << " of @" << func.getName()
           << " is too large: " << type;
  return success();
}

FailureOr<CFunction> collectCFunction(func::FuncOp func) {
  StringRef name = func.getName();
  if (!isCIdentifier(name))
    return emitError(func.getLoc())
           << "public function @" << name
           << " has no C interface: its name is not a C "
              "identifier (make it private or rename it)";
  if (isReservedName(name))
    return emitError(func.getLoc())
           << "public function @" << name
           << " has no C interface: the name is reserved";
  for (auto [i, type] : llvm::enumerate(func.getArgumentTypes()))
    if (failed(checkTensorType(func, type, "argument", i)))
      return failure();
  for (auto [i, type] : llvm::enumerate(func.getResultTypes()))
    if (failed(checkTensorType(func, type, "result", i)))
      return failure();

  CFunction fn;
  fn.name = name.str();
  fn.implName = ("__tconv_" + name).str();
  Block *entry = &func.getBody().front();

  // Roles first: they decide the parameter names.
  SmallVector<std::string> baseNames;
  for (BlockArgument arg : func.getArguments()) {
    CTensorParam param;
    param.type = cast<RankedTensorType>(arg.getType());
    std::string base;
    for (OpOperand &use : arg.getUses()) {
      auto conv = dyn_cast<ConvTransposeOp>(use.getOwner());
      if (!conv)
        continue;
      StringRef role = arg == conv.getInput()    ? "input"
                       : arg == conv.getWeight() ? "weight"
                                                 : "bias";
      if (base.empty())
        base = role.str();
      addRole(param, describeRole(conv, role));
    }
    if (base.empty())
      base = "arg" + std::to_string(arg.getArgNumber());
    param.weightOnly =
        !arg.use_empty() && llvm::all_of(arg.getUses(), [](OpOperand &use) {
          auto conv = dyn_cast<ConvTransposeOp>(use.getOwner());
          return conv && use.getOperandNumber() ==
                             conv.getWeightMutable().getOperandNumber();
        });
    baseNames.push_back(base);
    fn.args.push_back(std::move(param));
  }
  Operation *terminator = func.getBody().hasOneBlock()
                              ? func.getBody().front().getTerminator()
                              : nullptr;
  for (auto [i, type] : llvm::enumerate(func.getResultTypes())) {
    CTensorParam param;
    param.type = cast<RankedTensorType>(type);
    std::string base = "result" + std::to_string(i);
    if (auto ret = dyn_cast_if_present<func::ReturnOp>(terminator)) {
      if (auto conv = ret.getOperand(i).getDefiningOp<ConvTransposeOp>()) {
        base = "output";
        addRole(param, describeRole(conv, "output"));
      }
    }
    baseNames.push_back(base);
    fn.results.push_back(std::move(param));
  }

  fn.resultsAsOutParams = !fn.results.empty() &&
                          llvm::all_of(fn.results, [](const CTensorParam &p) {
                            return p.type.hasStaticShape();
                          });

  // Names shared by several parameters get their occurrence index.
  llvm::StringMap<unsigned> counts, seen;
  for (const std::string &base : baseNames)
    ++counts[base];
  for (auto [i, base] : llvm::enumerate(baseNames)) {
    std::string name = base;
    if (counts[base] > 1)
      name += std::to_string(seen[base]++);
    CTensorParam &param =
        i < fn.args.size() ? fn.args[i] : fn.results[i - fn.args.size()];
    param.name = name;
  }

  for (CTensorParam &param : fn.args)
    for (auto [d, size] : llvm::enumerate(param.type.getShape()))
      param.dimExprs.push_back(ShapedType::isDynamic(size)
                                   ? param.name + "_dim" + std::to_string(d)
                                   : std::to_string(size));
  setDynamicDims(fn);
  for (auto [r, param] : llvm::enumerate(fn.results)) {
    auto ret = dyn_cast_if_present<func::ReturnOp>(terminator);
    for (unsigned d = 0, e = param.type.getRank(); d < e; ++d)
      param.dimExprs.push_back(
          ret ? getDimExpr(ret.getOperand(r), d, entry, fn.args)
              : (param.type.isDynamicDim(d)
                     ? ""
                     : std::to_string(param.type.getDimSize(d))));
  }
  return fn;
}

} // namespace

FailureOr<std::vector<CFunction>> tconv::collectCFunctions(ModuleOp module) {
  std::vector<CFunction> functions;
  for (auto func : module.getOps<func::FuncOp>()) {
    if (!func.isPublic() || func.isExternal())
      continue;
    FailureOr<CFunction> fn = collectCFunction(func);
    if (failed(fn))
      return failure();
    functions.push_back(std::move(*fn));
  }
  if (functions.empty())
    return emitError(module.getLoc(),
                     "no public function with a body: nothing to export");
  return functions;
}

LogicalResult tconv::prepareCInterface(ModuleOp module,
                                       ArrayRef<CFunction> functions,
                                       bool packWeights) {
  SymbolTable symbols(module);
  if (packWeights) {
    llvm::StringSet<> exported;
    for (const CFunction &fn : functions)
      exported.insert(fn.name);
    for (const CFunction &fn : functions) {
      if (!fn.hasWeightArgs())
        continue;
      for (StringRef suffix : {TConvDialect::kPackFunctionSuffix,
                               TConvDialect::kPackedFunctionSuffix})
        if (exported.contains(fn.name + suffix.str()))
          return emitError(module.getLoc())
                 << "exported function @" << fn.name << suffix
                 << " clashes with the weight packing of @" << fn.name;
    }
  }
  auto notWritable = BoolAttr::get(module.getContext(), false);
  for (const CFunction &fn : functions) {
    auto func = symbols.lookup<func::FuncOp>(fn.name);
    if (!func)
      return emitError(module.getLoc()) << "no function @" << fn.name;
    if (Operation *clash = symbols.lookup(fn.implName))
      return emitError(clash->getLoc())
             << "symbol @" << fn.implName << " is reserved for the lowered @"
             << fn.name;
    if (failed(symbols.rename(func, fn.implName)))
      return emitError(func.getLoc()) << "cannot rename @" << fn.name;
    for (unsigned i = 0, e = func.getNumArguments(); i < e; ++i) {
      func.setArgAttr(i, bufferization::BufferizationDialect::kWritableAttrName,
                      notWritable);
      if (packWeights && fn.args[i].weightOnly)
        func.setArgAttr(i, TConvDialect::kPackAttrName,
                        UnitAttr::get(module.getContext()));
    }
    // The pipeline turns the results of private functions into out-params
    // (buffer-results-to-out-params): the static buffer holding each result
    // becomes the caller's.
    if (fn.resultsAsOutParams)
      func.setPrivate();
  }
  return success();
}

LogicalResult tconv::addPackingCFunctions(ModuleOp module,
                                          std::vector<CFunction> &functions) {
  SymbolTable symbols(module);
  // Each function followed by its packing pair.
  std::vector<CFunction> all;
  for (CFunction &fn : functions) {
    all.push_back(fn);
    std::string packSuffix = TConvDialect::kPackFunctionSuffix.str();
    std::string packedSuffix = TConvDialect::kPackedFunctionSuffix.str();
    auto packFunc = symbols.lookup<func::FuncOp>(fn.implName + packSuffix);
    if (!packFunc)
      continue;
    CFunction pack, packed = fn;
    pack.name = fn.name + packSuffix;
    packed.name = fn.name + packedSuffix;
    pack.implName = fn.implName + packSuffix;
    packed.implName = fn.implName + packedSuffix;

    CTensorParam packedParam;
    packedParam.name = "packed";
    packedParam.type = cast<RankedTensorType>(packFunc.getResultTypes()[0]);
    packedParam.dimExprs.push_back(
        std::to_string(packedParam.type.getDimSize(0)));
    packedParam.roles.push_back("the weights of " + fn.name + ", packed by " +
                                pack.name + " for " + packed.name);
    // The packed tensor takes the place of the first weight.
    packed.args.clear();
    for (const CTensorParam &arg : fn.args) {
      if (!arg.weightOnly) {
        packed.args.push_back(arg);
        continue;
      }
      if (pack.args.empty())
        packed.args.push_back(packedParam);
      pack.args.push_back(arg);
    }
    pack.results.push_back(packedParam);
    pack.resultsAsOutParams = fn.resultsAsOutParams;
    setDynamicDims(pack);
    setDynamicDims(packed);
    all.push_back(std::move(pack));
    all.push_back(std::move(packed));
  }
  functions = std::move(all);
  return success();
}

//===----------------------------------------------------------------------===//
// LLVM-dialect wrappers
//===----------------------------------------------------------------------===//

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
    for (int64_t d = 0; d < rank; ++d)
      sizes.push_back(
          param.type.isDynamicDim(d)
              ? I64{dynamicDims.lookup({*argIndex, d}), std::nullopt}
              : wb.constant(param.type.getDimSize(d)));
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
    Value source =
        LLVM::GEPOp::create(b, loc, wb.ptrType, param.type.getElementType(),
                            aligned, ValueRange{offset});
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

} // namespace

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
    params.append(fn.args.size() + fn.results.size(), wb.ptrType);
    wb.reset(impl.getLoc());
    auto wrapper = LLVM::LLVMFuncOp::create(
        b, wb.loc, fn.name,
        LLVM::LLVMFunctionType::get(LLVM::LLVMVoidType::get(context), params));
    buildWrapperBody(wb, fn, wrapper, impl, freeFunc);
    exported.insert(wrapper);
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

//===----------------------------------------------------------------------===//
// Header
//===----------------------------------------------------------------------===//

namespace {

StringRef getCElementType(Type type) {
  return type.isF32() ? "float" : "uint16_t";
}

StringRef getElementTypeName(Type type) {
  return type.isF32() ? "f32" : type.isF16() ? "f16" : "bf16";
}

void printParamComment(raw_ostream &os, const CTensorParam &param,
                       size_t nameWidth) {
  os << " *   " << param.name << ":"
     << std::string(nameWidth - param.name.size() + 1, ' ');
  SmallVector<std::string> dims, dynamicNotes;
  for (auto [d, size] : llvm::enumerate(param.type.getShape())) {
    if (!ShapedType::isDynamic(size)) {
      dims.push_back(std::to_string(size));
      continue;
    }
    dims.push_back("?");
    const std::string &expr = param.dimExprs[d];
    dynamicNotes.push_back("dim " + std::to_string(d) + " = " +
                           (expr.empty() ? "known at run time only" : expr));
  }
  os << (dims.empty() ? "scalar" : llvm::join(dims, "x")) << " "
     << getElementTypeName(param.type.getElementType());
  if (!dynamicNotes.empty())
    os << " (" << llvm::join(dynamicNotes, ", ") << ")";
  for (const std::string &role : param.roles)
    os << "; " << role;
  os << "\n";
}

} // namespace

void tconv::printCHeader(raw_ostream &os, ArrayRef<CFunction> functions,
                         StringRef guard, StringRef source) {
  os << "/* Generated by tconv-aot from " << source << ". Do not edit.\n"
     << " *\n"
     << " * One C function per public function of the module:\n"
     << " *   void NAME([int64_t dim, ...,] const T *arg, ..., T *result, "
        "...);\n"
     << " * - one leading int64_t per dynamic ('?') argument dim, in "
        "argument order;\n"
     << " * - arguments: dense row-major buffers, only read;\n"
     << " * - results: dense row-major buffers allocated by the caller and "
        "filled\n"
     << " *   (they must not overlap the arguments);\n"
     << " * - T is float for f32 and uint16_t, the raw bits, for f16 (IEEE "
        "binary16)\n"
     << " *   and bf16 (bfloat16).\n"
     << " * Temporaries live in a static scratch buffer per function (up to\n"
        " * the pipeline's max-static-bytes, 8 MiB by default), or come from\n"
        " * malloc/free on every call: beyond that size, and while another\n"
        " * thread runs the same function; the functions are reentrant.\n"
     << " */\n"
     << "#ifndef " << guard << "\n"
     << "#define " << guard << "\n\n"
     << "#include <stdint.h>\n\n"
     << "#ifdef __cplusplus\n"
     << "extern \"C\" {\n"
     << "#endif\n";

  for (const CFunction &fn : functions) {
    size_t nameWidth = 0;
    for (const CTensorParam &param :
         llvm::concat<const CTensorParam>(fn.args, fn.results))
      nameWidth = std::max(nameWidth, param.name.size());
    os << "\n/* " << fn.name << "\n";
    for (const CTensorParam &param : fn.args)
      printParamComment(os, param, nameWidth);
    for (const CTensorParam &param : fn.results)
      printParamComment(os, param, nameWidth);
    os << " */\n";

    SmallVector<std::string> params;
    for (const std::string &name : fn.dynamicDimNames)
      params.push_back("int64_t " + name);
    for (const CTensorParam &param : fn.args)
      params.push_back(("const " +
                        getCElementType(param.type.getElementType()) + " *" +
                        param.name)
                           .str());
    for (const CTensorParam &param : fn.results)
      params.push_back(
          (getCElementType(param.type.getElementType()) + " *" + param.name)
              .str());
    os << "void " << fn.name << "("
       << (params.empty() ? "void" : llvm::join(params, ", ")) << ");\n";
  }

  os << "\n#ifdef __cplusplus\n"
     << "}\n"
     << "#endif\n\n"
     << "#endif /* " << guard << " */\n";
}

std::string tconv::getHeaderGuard(StringRef headerPath) {
  std::string guard = "TCONV_AOT_";
  for (char c : llvm::sys::path::filename(headerPath))
    guard += llvm::isAlnum(c) ? llvm::toUpper(c) : '_';
  return guard;
}
