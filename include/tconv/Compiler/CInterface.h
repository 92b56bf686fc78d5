//===- CInterface.h - Plain C entry points for compiled modules -*- C++ -*-===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// Gives every public function of a tconv module a plain C entry point with
// the function's own name:
//
//   void NAME([int64_t dyn_dim, ...,] const T *arg0, ..., T *result0, ...);
//
// (parameters named after their conv_transpose role where they have one).
//
// - one leading int64_t per dynamic dim of the arguments (argument order,
//   then dim order);
// - each argument as a pointer to a dense row-major buffer (never written);
// - each result as a caller-allocated dense row-major output buffer;
// - T is `float` for f32 and `uint16_t` (the raw bits) for f16 and bf16.
//
// The work is split around the shared tconv-to-llvm pipeline so that any
// tool that emits code can reuse it (lowerWithCInterface in Compiler.h runs
// the steps in order):
//
//   collectCFunctions      (func/tensor level: signatures, header info)
//   prepareCInterface      (rename each function to an internal name and
//                           mark its arguments read-only for bufferization,
//                           and its weights for packing if asked)
//   -- buildTConvToLLVMPipeline, to linalg --
//   addPackingCFunctions   (NAME_pack and NAME_packed, or NAME_pack and a
//                           packed NAME, where the weights were packed)
//   -- buildTConvToLLVMPipeline, the rest --
//   recordScratchSizes     (each function's scratch size, caller-owned or
//                           static)
//   buildCInterfaceWrappers (LLVM dialect: the exported wrappers; every
//                           other definition becomes internal)
//   printCHeader           (the matching C header)
//
// lib/Compiler has one source file per job: CInterfaceSignatures.cpp (the
// first three), CInterfaceWrappers.cpp and CInterfaceHeader.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_COMPILER_CINTERFACE_H
#define TCONV_COMPILER_CINTERFACE_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/Support/LLVM.h"
#include "llvm/ADT/STLExtras.h"

#include <optional>
#include <string>
#include <vector>

namespace mlir::tconv {

/// What tconv-aot --pack-weights exports for a function NAME whose weights
/// it packs (functions without weights are exported as they are).
enum class WeightPacking {
  /// NAME alone, taking its weights.
  None,
  /// NAME, plus NAME_pack, which computes everything that depends on the
  /// weights alone into a `packed` buffer, and NAME_packed, which is NAME
  /// taking that buffer in place of its weights.
  AddPacked,
  /// NAME_pack, and NAME taking the packed buffer in place of its weights:
  /// a deployed model's interface, where the unpacked form is never called.
  PackedOnly,
};

/// One tensor parameter (argument or result) of an exported function.
struct CTensorParam {
  /// C parameter name: the conv_transpose role (`input`, `weight`, `bias`,
  /// `output`) when the value feeds or is one directly, else `params` for a
  /// marked argument, `input` for the one argument that is no weight, argN,
  /// and `output` for a function's one result, resultN.
  std::string name;
  RankedTensorType type;
  /// A C expression per dim: the size for a static dim, the int64_t
  /// parameter for a dynamic argument dim, an expression of those for a
  /// dynamic result dim when it can be derived, else empty.
  SmallVector<std::string> dimExprs;
  /// What the value is to the conv_transpose ops it feeds or comes from.
  SmallVector<std::string> roles;
  /// An argument used only as the weight of conv_transpose ops, or marked
  /// `tconv.pack` in the input (named `params` then, unless it has a
  /// conv_transpose role): what --pack-weights packs.
  bool weightOnly = false;
};

/// The C view of one public function.
struct CFunction {
  /// Exported symbol, the function's own name.
  std::string name;
  /// Internal name of the lowered function the wrapper calls.
  std::string implName;
  SmallVector<CTensorParam> args;
  SmallVector<CTensorParam> results;
  /// The leading int64_t parameters: (argument, dim) and name of each.
  SmallVector<std::pair<unsigned, unsigned>> dynamicDims;
  SmallVector<std::string> dynamicDimNames;
  /// The leading parameter named `name`, if any.
  std::optional<unsigned> findDynamicDim(StringRef name) const {
    const auto *it = llvm::find(dynamicDimNames, name);
    if (it == dynamicDimNames.end())
      return std::nullopt;
    return it - dynamicDimNames.begin();
  }
  /// Whether an argument is `weightOnly`: what --pack-weights packs.
  bool hasWeightArgs() const {
    return llvm::any_of(args,
                        [](const CTensorParam &arg) { return arg.weightOnly; });
  }
  /// Every result dim is static or a leading parameter: the lowered
  /// function writes the results into the caller's buffers (memref
  /// out-params) instead of returning buffers the wrapper copies and frees.
  bool resultsAsOutParams = false;
  /// For NAME_pack: NAME, whose weights it packs into its one result; the
  /// header defines that result's element count (getPackedElementsMacro).
  std::string packsWeightsOf;
  /// With caller-owned scratch (tconv-aot --scratch=caller): the size in
  /// bytes of the `void *scratch` buffer the function takes last, which
  /// NAME_scratch_size() returns; plus, where temporaries are sized by a
  /// dynamic dim (a batch), `scratchBytesPerDim` times the leading
  /// parameter `dynamicDims[*scratchDim]`.
  std::optional<int64_t> scratchBytes;
  int64_t scratchBytesPerDim = 0;
  std::optional<unsigned> scratchDim;
  /// Otherwise: the size in bytes of the function's static scratch buffer,
  /// where it has one (the header documents it).
  std::optional<int64_t> staticScratchBytes;
};

/// Describes every public func.func with a body at the top level of
/// `module`. Fails with an error diagnostic when a signature has no C form
/// (non-tensor or non-f32/f16/bf16 types, names that are not C identifiers)
/// or when there is nothing to export.
FailureOr<std::vector<CFunction>> collectCFunctions(ModuleOp module);

/// Renames each function to its `implName` (updating calls) and marks its
/// arguments `bufferization.writable = false` so the buffers behind the
/// `const T *` arguments are never written. Unless `packing` is None, also
/// marks the `weightOnly` arguments `tconv.pack` for
/// tconv-outline-weight-packing, after checking that no exported function
/// has the name of a function the packing adds or of a packed size macro,
/// and that no two macros coincide.
LogicalResult prepareCInterface(ModuleOp module, ArrayRef<CFunction> functions,
                                WeightPacking packing = WeightPacking::None);

/// After tconv-outline-weight-packing, for each of `functions` whose weights
/// it packed: with AddPacked, appends the C view of
///
///   void NAME_pack(const T *weight..., T *packed);
///   void NAME_packed(<NAME's parameters, `packed` for its weights>);
///
/// right after NAME. With PackedOnly, NAME is replaced by NAME_pack and a
/// NAME that calls the lowered NAME_packed; the lowered unpacked function
/// is erased unless another function calls it.
LogicalResult addPackingCFunctions(ModuleOp module,
                                   std::vector<CFunction> &functions,
                                   WeightPacking packing);

/// On the LLVM-dialect module produced by the pipeline: records in each of
/// `functions` the scratch size of its lowered function, with
/// `callerScratch` its caller-owned one (the tconv.scratch_bytes attribute,
/// required), else its static buffer's where it has one
/// (tconv.static_scratch_bytes).
LogicalResult recordScratchSizes(ModuleOp module,
                                 std::vector<CFunction> &functions,
                                 bool callerScratch);

/// On the LLVM-dialect module produced by the pipeline: adds one exported
/// `llvm.func @NAME` per function that wraps the bare pointers in memref
/// descriptors, calls the lowered function, copies each result into the
/// caller's buffer and frees the returned allocations; then gives every
/// other definition internal linkage. A function with `scratchBytes` takes
/// the buffer as its last parameter and gets `size_t NAME_scratch_size()`,
/// which takes the function's leading dims where it has any.
LogicalResult buildCInterfaceWrappers(ModuleOp module,
                                      ArrayRef<CFunction> functions);

/// Prints a C header declaring `functions`, guarded by `guard`; `source`
/// names the input in the banner.
void printCHeader(raw_ostream &os, ArrayRef<CFunction> functions,
                  StringRef guard, StringRef source);

/// The macro the header defines to the number of elements (not bytes) of
/// the `packed` buffer of NAME_pack and NAME_packed: NAME in upper case,
/// e.g. "layer" -> "LAYER_PACKED_ELEMENTS".
std::string getPackedElementsMacro(StringRef name);

/// An include guard derived from a header file name, e.g. "dcgan3.h" ->
/// "TCONV_AOT_DCGAN3_H".
std::string getHeaderGuard(StringRef headerPath);

} // namespace mlir::tconv

#endif // TCONV_COMPILER_CINTERFACE_H
