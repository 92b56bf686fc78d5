//===- CInterfaceSignatures.cpp - The C view of a module's functions ------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// Decides what tconv-aot exports and in which C form: which functions, their
// C parameter types and names, the names that would clash at link time, the
// arguments --pack-weights packs, and the packing pair the pipeline adds.
// Works at the func/tensor level, before and during lowering; the wrappers
// (CInterfaceWrappers.cpp) and the header (CInterfaceHeader.cpp) only read
// what it records in CFunction.
//
//===----------------------------------------------------------------------===//

#include "tconv/Compiler/CInterface.h"
#include "tconv/Dialect/TConv/IR/TConvOps.h"
#include "tconv/Dialect/TConv/Utils/Geometry.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/DestinationStyleOpInterface.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/CheckedArithmetic.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::tconv;

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
  if (auto integer = dyn_cast<IntegerType>(type))
    return (integer.getWidth() == 8 && !integer.isSigned()) ||
           (integer.getWidth() == 32 && integer.isSignless());
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
  Operation *def = value.getDefiningOp();
  // Elementwise work, convolutions and the like: the result is the init.
  if (auto dps = dyn_cast_if_present<DestinationStyleOpInterface>(def))
    return getDimExpr(dps.getTiedOpOperand(cast<OpResult>(value))->get(), d,
                      entry, args);
  if (auto empty = dyn_cast_if_present<tensor::EmptyOp>(def)) {
    auto dim = empty.getDynamicSize(d).getDefiningOp<tensor::DimOp>();
    std::optional<int64_t> index = dim ? dim.getConstantIndex() : std::nullopt;
    return index ? getDimExpr(dim.getSource(), *index, entry, args) : "";
  }
  auto conv = dyn_cast_if_present<ConvTransposeOp>(def);
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
           << " must be a ranked tensor of f32, f16, bf16, i8, ui8 or "
              "i32 to have a C interface, got "
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
    bool marked = func.getArgAttr(arg.getArgNumber(),
                                  TConvDialect::kPackAttrName) != nullptr;
    if (base.empty())
      base = marked ? "params" : "arg" + std::to_string(arg.getArgNumber());
    // A producer that knows an argument holds parameters (an importer's
    // weight blob) marks it; weights of conv_transpose ops are found here.
    param.weightOnly =
        marked ||
        (!arg.use_empty() && llvm::all_of(arg.getUses(), [](OpOperand &use) {
          auto conv = dyn_cast<ConvTransposeOp>(use.getOwner());
          return conv && use.getOperandNumber() ==
                             conv.getWeightMutable().getOperandNumber();
        }));
    baseNames.push_back(base);
    fn.args.push_back(std::move(param));
  }
  // A function's one data argument is its input, whatever reads it: the
  // others are weights or parameter blobs.
  SmallVector<unsigned> unnamed;
  for (auto [i, param] : llvm::enumerate(fn.args))
    if (param.roles.empty() && !param.weightOnly)
      unnamed.push_back(i);
  if (unnamed.size() == 1 && !llvm::is_contained(baseNames, "input"))
    baseNames[unnamed.front()] = "input";
  Operation *terminator = func.getBody().hasOneBlock()
                              ? func.getBody().front().getTerminator()
                              : nullptr;
  for (auto [i, type] : llvm::enumerate(func.getResultTypes())) {
    CTensorParam param;
    param.type = cast<RankedTensorType>(type);
    // A function's one result is its output, whatever computes it.
    std::string base = func.getNumResults() == 1 ? std::string("output")
                                                 : "result" + std::to_string(i);
    if (auto ret = dyn_cast_if_present<func::ReturnOp>(terminator)) {
      if (auto conv = ret.getOperand(i).getDefiningOp<ConvTransposeOp>()) {
        base = "output";
        addRole(param, describeRole(conv, "output"));
      }
    }
    baseNames.push_back(base);
    fn.results.push_back(std::move(param));
  }

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
  // The wrapper gives each out-param its shape: a dynamic dim must be one
  // of the leading parameters.
  fn.resultsAsOutParams =
      !fn.results.empty() &&
      llvm::all_of(fn.results, [&](const CTensorParam &result) {
        return llvm::all_of(llvm::seq<int64_t>(result.type.getRank()),
                            [&](int64_t d) {
                              return !result.type.isDynamicDim(d) ||
                                     fn.findDynamicDim(result.dimExprs[d]);
                            });
      });
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
                                       WeightPacking packing) {
  SymbolTable symbols(module);
  bool packWeights = packing != WeightPacking::None;
  if (packWeights) {
    llvm::StringSet<> exported;
    for (const CFunction &fn : functions)
      exported.insert(fn.name);
    // The header's size macros would replace these names, and `layer` and
    // `Layer` would define one macro twice.
    llvm::StringMap<StringRef> macros;
    for (const CFunction &fn : functions) {
      if (!fn.hasWeightArgs())
        continue;
      SmallVector<StringRef, 2> suffixes = {TConvDialect::kPackFunctionSuffix};
      if (packing == WeightPacking::AddPacked)
        suffixes.push_back(TConvDialect::kPackedFunctionSuffix);
      for (StringRef suffix : suffixes)
        if (exported.contains(fn.name + suffix.str()))
          return emitError(module.getLoc())
                 << "exported function @" << fn.name << suffix
                 << " clashes with the weight packing of @" << fn.name;
      std::string macro = getPackedElementsMacro(fn.name);
      if (exported.contains(macro))
        return emitError(module.getLoc())
               << "exported function @" << macro
               << " clashes with the packed size macro of @" << fn.name;
      auto [it, inserted] = macros.try_emplace(macro, fn.name);
      if (!inserted)
        return emitError(module.getLoc())
               << "@" << it->second << " and @" << fn.name
               << " would share the packed size macro " << macro;
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
                                          std::vector<CFunction> &functions,
                                          WeightPacking packing) {
  SymbolTable symbols(module);
  bool packedOnly = packing == WeightPacking::PackedOnly;
  // Each function followed by its packing pair, or (PackedOnly) replaced by
  // it.
  std::vector<CFunction> all;
  for (CFunction &fn : functions) {
    std::string packSuffix = TConvDialect::kPackFunctionSuffix.str();
    std::string packedSuffix = TConvDialect::kPackedFunctionSuffix.str();
    auto packFunc = symbols.lookup<func::FuncOp>(fn.implName + packSuffix);
    if (!packFunc || !packedOnly)
      all.push_back(fn);
    if (!packFunc)
      continue;
    if (packedOnly) {
      // Nothing exports the unpacked form any more: do not lower it.
      auto unpacked = symbols.lookup<func::FuncOp>(fn.implName);
      if (unpacked && SymbolTable::symbolKnownUseEmpty(unpacked, module))
        symbols.erase(unpacked);
    }
    CFunction pack, packed = fn;
    pack.name = fn.name + packSuffix;
    pack.packsWeightsOf = fn.name;
    if (!packedOnly)
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
    // NAME calls NAME_packed, and the caller of a function would have to
    // size a dynamic out-param: NAME_packed returns such results.
    if (!packedOnly && fn.resultsAsOutParams &&
        llvm::any_of(fn.results, [](const CTensorParam &result) {
          return !result.type.hasStaticShape();
        })) {
      packed.resultsAsOutParams = false;
      symbols.lookup<func::FuncOp>(packed.implName).setPublic();
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
