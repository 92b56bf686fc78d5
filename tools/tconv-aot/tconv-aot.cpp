//===- tconv-aot.cpp - Compile a tconv module to a C-callable object ------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// Ahead-of-time compiler: lowers a module with the shared tconv-to-llvm
// pipeline, gives every public function a plain C entry point of its own
// name (tconv/Compiler/CInterface.h), optimizes at O3 for the host CPU (or
// --target-cpu/--target-features) and writes an object file, assembly, LLVM
// IR or the LLVM-dialect MLIR, plus an optional C header. The object needs
// only libc (malloc, free, memcpy, memset) and libm.
//
//===----------------------------------------------------------------------===//

#include "tconv/Compiler/CInterface.h"
#include "tconv/Compiler/Compiler.h"
#include "tconv/Pipelines/Pipelines.h"
#include "tconv/Support/ToolSupport.h"
#include "tconv/Target/TargetCommandLine.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"

#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Target/TargetMachine.h"

using namespace mlir;
using namespace mlir::tconv;

namespace cl = llvm::cl;

static cl::OptionCategory ioCategory("Input and output",
                                     "The module and the files written.");
static cl::OptionCategory compileCategory(
    "Compilation",
    "How the module is lowered and exported (see also the target options).");

static cl::opt<std::string> inputFilename(cl::Positional,
                                          cl::desc("<input .mlir file>"),
                                          cl::Required, cl::cat(ioCategory));
static cl::opt<std::string> outputFilename("o",
                                           cl::desc("Output file ('-' for "
                                                    "stdout)"),
                                           cl::value_desc("FILE"), cl::Required,
                                           cl::cat(ioCategory));
static cl::opt<std::string>
    headerFilename("header",
                   cl::desc("Also write a C header declaring the exported "
                            "functions"),
                   cl::value_desc("FILE.h"), cl::cat(ioCategory));
static cl::opt<std::string>
    emitKind("emit",
             cl::desc("What to write: obj (default), asm, llvm (optimized "
                      "LLVM IR) or mlir (LLVM-dialect MLIR after the "
                      "pipeline, with the C wrappers)"),
             cl::value_desc("obj|asm|llvm|mlir"), cl::init("obj"),
             cl::cat(ioCategory));

static PipelineOptionsCommandLine pipelineOptions(compileCategory);
static cl::opt<WeightPacking> packWeights(
    "pack-weights",
    cl::desc("For each function NAME with conv_transpose weight arguments or "
             "arguments marked {tconv.pack} (e.g. a weight blob), export "
             "NAME_pack, which computes everything that depends on them "
             "alone once, into a buffer of its own, and a form of NAME that "
             "reads them from that buffer (see the header)"),
    cl::ValueOptional, cl::init(WeightPacking::None),
    cl::values(clEnumValN(WeightPacking::AddPacked, "",
                          "NAME, NAME_pack and NAME_packed (the default "
                          "with no value)"),
               clEnumValN(WeightPacking::AddPacked, "also",
                          "NAME, NAME_pack and NAME_packed"),
               clEnumValN(WeightPacking::PackedOnly, "only",
                          "NAME_pack, and NAME taking the packed buffer in "
                          "place of its weights")),
    cl::cat(compileCategory));
static cl::opt<std::string> scratchKind(
    "scratch",
    cl::desc("Where temporaries live: static (default: those of static "
             "size in a buffer per function in the object, up to the "
             "pipeline's max-static-bytes, the rest malloc'd per call) or "
             "caller (one buffer the caller passes last, "
             "NAME_scratch_size([dims...]) bytes for NAME's leading dims, "
             "shared by liveness; a dynamic batch's temporaries too)"),
    cl::value_desc("static|caller"), cl::init("static"),
    cl::cat(compileCategory));
static TargetCommandLine target("Target CPU (default: the host CPU, also "
                                "'native')");

namespace {

/// Writes each (path, contents) through a temporary file renamed into place;
/// on failure no new output is left behind.
LogicalResult
writeOutputs(ArrayRef<std::pair<std::string, std::string>> outputs) {
  SmallVector<StringRef> written;
  for (const auto &output : outputs) {
    StringRef path = output.first;
    if (failed(writeToolOutput(
            path, [&](llvm::raw_ostream &os) { os << output.second; }))) {
      for (StringRef done : written)
        if (done != "-")
          (void)llvm::sys::fs::remove(done);
      return failure();
    }
    written.push_back(path);
  }
  return success();
}

LogicalResult compile(MLIRContext &context) {
  // std::nullopt stands for --emit=mlir, which stops before LLVM IR.
  std::optional<std::optional<EmitKind>> kind =
      llvm::StringSwitch<std::optional<std::optional<EmitKind>>>(emitKind)
          .Case("obj", EmitKind::Object)
          .Case("asm", EmitKind::Assembly)
          .Case("llvm", EmitKind::LLVMIR)
          .Case("mlir", std::optional<EmitKind>())
          .Default(std::nullopt);
  if (!kind)
    return emitToolError("unknown --emit value '" + emitKind +
                         "' (expected obj, asm, llvm or mlir)");
  if (scratchKind != "static" && scratchKind != "caller")
    return emitToolError("unknown --scratch value '" + scratchKind +
                         "' (expected static or caller)");
  if (!headerFilename.empty() && headerFilename == outputFilename)
    return emitToolError("--header and -o name the same file");
  FailureOr<std::unique_ptr<llvm::TargetMachine>> machine =
      target.createTargetMachine(reportToolError);
  if (failed(machine))
    return failure();

  llvm::SourceMgr sourceMgr;
  SourceMgrDiagnosticHandler diagHandler(sourceMgr, &context);
  OwningOpRef<ModuleOp> module =
      parseToolInput(inputFilename, sourceMgr, &context);
  if (!module)
    return emitToolError("cannot parse " + inputFilename);

  FailureOr<std::vector<CFunction>> functions = collectCFunctions(*module);
  if (failed(functions))
    return emitToolError("no C interface for " + inputFilename);
  if (failed(lowerWithCInterface(*module, *functions, pipelineOptions.options,
                                 **machine, inputFilename, reportToolError,
                                 packWeights, scratchKind == "caller")))
    return failure();
  SmallVector<std::pair<std::string, std::string>> outputs;
  if (!headerFilename.empty()) {
    std::string header;
    llvm::raw_string_ostream os(header);
    printCHeader(os, *functions, getHeaderGuard(headerFilename),
                 llvm::sys::path::filename(inputFilename));
    outputs.push_back({headerFilename, std::move(header)});
  }
  SmallString<0> code;
  if (!*kind) {
    llvm::raw_svector_ostream os(code);
    module->print(os);
  } else if (failed(emitNativeCode(*module, **machine, **kind, code,
                                   inputFilename, reportToolError))) {
    return failure();
  }
  // The main output last: it is what build systems check for.
  outputs.push_back({outputFilename, code.str().str()});
  return writeOutputs(outputs);
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  initTool(argc, argv, "tconv-aot",
           "tconv-aot: compile a tconv module to an object with C entry "
           "points\n",
           {&ioCategory, &compileCategory, &getTargetCategory()});

  DialectRegistry registry;
  registerTConvToolDialects(registry);
  MLIRContext context(registry);
  return failed(compile(context)) ? 1 : 0;
}
