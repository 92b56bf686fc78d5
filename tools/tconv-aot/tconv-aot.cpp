//===- tconv-aot.cpp - Compile a tconv module to a C-callable object ------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// Ahead-of-time compiler: lowers a module with the shared tconv-to-llvm
// pipeline, gives every public function a plain C entry point of its own
// name (lib/Support/CInterface), optimizes at O3 for the host CPU (or
// --target-cpu/--target-features) and writes an object file, assembly, LLVM
// IR or the LLVM-dialect MLIR, plus an optional C header. The object needs
// only libc (malloc, free, memcpy, memset) and libm.
//
//===----------------------------------------------------------------------===//

#include "tconv/Dialect/TConv/IR/TConvDialect.h"
#include "tconv/Pipelines/Pipelines.h"
#include "tconv/Support/CInterface.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Target/LLVMIR/Export.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Verifier.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Target/TargetOptions.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/SubtargetFeature.h"

using namespace mlir;
using namespace mlir::tconv;

namespace cl = llvm::cl;

static cl::OptionCategory aotCategory("tconv-aot options");

static cl::opt<std::string> pipelineOptions(
    "pipeline-options",
    cl::desc("Options of the tconv-to-llvm pipeline, as in tconv-opt "
             "--tconv-to-llvm=\"...\", e.g. \"vectorize=false\" or "
             "\"register-tile-width=4 register-tile-channels=16\""),
    cl::value_desc("OPTIONS"), cl::cat(aotCategory));
static cl::opt<std::string> inputFilename(cl::Positional,
                                          cl::desc("<input .mlir file>"),
                                          cl::Required, cl::cat(aotCategory));
static cl::opt<std::string> outputFilename("o",
                                           cl::desc("Output file ('-' for "
                                                    "stdout)"),
                                           cl::value_desc("FILE"), cl::Required,
                                           cl::cat(aotCategory));
static cl::opt<std::string>
    headerFilename("header",
                   cl::desc("Also write a C header declaring the exported "
                            "functions"),
                   cl::value_desc("FILE.h"), cl::cat(aotCategory));
static cl::opt<std::string>
    targetCPU("target-cpu",
              cl::desc("Target CPU (default: the host CPU, also 'native')"),
              cl::value_desc("CPU"), cl::cat(aotCategory));
static cl::opt<std::string> targetFeatures(
    "target-features",
    cl::desc("Target features, e.g. +avx512f,-avx512vl (default: the host "
             "CPU's features for the host CPU, else the CPU's own)"),
    cl::value_desc("+f1,-f2,..."), cl::cat(aotCategory));
static cl::opt<std::string>
    emitKind("emit",
             cl::desc("What to write: obj (default), asm, llvm (optimized "
                      "LLVM IR) or mlir (LLVM-dialect MLIR after the "
                      "pipeline, with the C wrappers)"),
             cl::value_desc("obj|asm|llvm|mlir"), cl::init("obj"),
             cl::cat(aotCategory));

namespace {

enum class EmitKind { Obj, Asm, LLVM, MLIR };

/// Prints "error: <message>" and returns failure.
LogicalResult emitToolError(const llvm::Twine &message) {
  llvm::WithColor::error(llvm::errs(), "tconv-aot") << message << "\n";
  return failure();
}

/// Checks a comma-separated feature list against the target's features.
LogicalResult checkFeatures(const llvm::MCSubtargetInfo &sti,
                            StringRef features) {
  SmallVector<StringRef> list;
  features.split(list, ',', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  for (StringRef feature : list) {
    feature = feature.trim();
    if (!feature.consume_front("+") && !feature.consume_front("-"))
      return emitToolError("target feature '" + feature +
                           "' must start with '+' or '-'");
    if (!llvm::any_of(sti.getAllProcessorFeatures(),
                      [&](const llvm::SubtargetFeatureKV &kv) {
                        return feature == kv.Key;
                      }))
      return emitToolError("unknown target feature '" + feature + "'");
  }
  return success();
}

/// The host target machine, with --target-cpu/--target-features applied.
FailureOr<std::unique_ptr<llvm::TargetMachine>> createTargetMachine() {
  llvm::Triple triple(llvm::sys::getProcessTriple());
  std::string error;
  const llvm::Target *target =
      llvm::TargetRegistry::lookupTarget(triple, error);
  if (!target) {
    (void)emitToolError("no target for " + triple.str() + ": " + error);
    return failure();
  }
  bool hostCPU = targetCPU.empty() || targetCPU == "native";
  std::string cpu = hostCPU ? llvm::sys::getHostCPUName().str() : targetCPU;
  // Built without a CPU so that an unknown name is reported once, by us.
  std::unique_ptr<llvm::MCSubtargetInfo> sti(
      target->createMCSubtargetInfo(triple, "", ""));
  if (!sti || !sti->isCPUStringValid(cpu)) {
    (void)emitToolError("unknown target CPU '" + cpu + "' for " + triple.str());
    return failure();
  }
  std::string features;
  if (targetFeatures.getNumOccurrences()) {
    if (failed(checkFeatures(*sti, targetFeatures)))
      return failure();
    features = targetFeatures;
  } else if (hostCPU) {
    llvm::SubtargetFeatures hostFeatures;
    for (const auto &feature : llvm::sys::getHostCPUFeatures())
      hostFeatures.AddFeature(feature.first(), feature.second);
    features = hostFeatures.getString();
  }
  std::unique_ptr<llvm::TargetMachine> machine(target->createTargetMachine(
      triple, cpu, features, llvm::TargetOptions(), llvm::Reloc::PIC_,
      std::nullopt, llvm::CodeGenOptLevel::Aggressive));
  if (!machine) {
    (void)emitToolError("cannot create a target machine for " + triple.str());
    return failure();
  }
  return machine;
}

/// O3 with the target's cost model (vectorization needs it).
void optimize(llvm::Module &module, llvm::TargetMachine &machine) {
  llvm::LoopAnalysisManager lam;
  llvm::FunctionAnalysisManager fam;
  llvm::CGSCCAnalysisManager cgam;
  llvm::ModuleAnalysisManager mam;
  llvm::PassBuilder builder(&machine);
  builder.registerModuleAnalyses(mam);
  builder.registerCGSCCAnalyses(cgam);
  builder.registerFunctionAnalyses(fam);
  builder.registerLoopAnalyses(lam);
  builder.crossRegisterProxies(lam, fam, cgam, mam);
  builder.buildPerModuleDefaultPipeline(llvm::OptimizationLevel::O3)
      .run(module, mam);
}

/// Lowers `module` (in place) to the LLVM dialect with C wrappers.
LogicalResult lowerToLLVMDialect(ModuleOp module,
                                 ArrayRef<CFunction> functions) {
  if (failed(prepareCInterface(module, functions)))
    return failure();
  if (failed(lowerTConvToLLVM(
          module, pipelineOptions, inputFilename,
          [](const llvm::Twine &message) { (void)emitToolError(message); })))
    return failure();
  if (failed(buildCInterfaceWrappers(module, functions)) ||
      failed(verify(module)))
    return emitToolError("building the C interface of " + inputFilename +
                         " failed");
  return success();
}

/// Translates, optimizes and emits `module` as `kind` into `out`.
LogicalResult emitLLVM(ModuleOp module, llvm::TargetMachine &machine,
                       EmitKind kind, SmallVectorImpl<char> &out) {
  llvm::LLVMContext llvmContext;
  std::unique_ptr<llvm::Module> llvmModule =
      translateModuleToLLVMIR(module, llvmContext, inputFilename);
  if (!llvmModule)
    return emitToolError("translating " + inputFilename + " to LLVM IR failed");
  llvmModule->setDataLayout(machine.createDataLayout());
  llvmModule->setTargetTriple(machine.getTargetTriple());
  // Recorded per function so that the .ll keeps the target when compiled
  // later by another tool.
  for (llvm::Function &function : *llvmModule) {
    if (function.isDeclaration())
      continue;
    function.addFnAttr("target-cpu", machine.getTargetCPU());
    if (!machine.getTargetFeatureString().empty())
      function.addFnAttr("target-features", machine.getTargetFeatureString());
  }
  std::string verifierMessage;
  llvm::raw_string_ostream verifierStream(verifierMessage);
  if (llvm::verifyModule(*llvmModule, &verifierStream))
    return emitToolError("invalid LLVM IR: " + verifierMessage);
  optimize(*llvmModule, machine);

  llvm::raw_svector_ostream os(out);
  if (kind == EmitKind::LLVM) {
    llvmModule->print(os, nullptr);
    return success();
  }
  llvm::legacy::PassManager codegen;
  if (machine.addPassesToEmitFile(codegen, os, nullptr,
                                  kind == EmitKind::Obj
                                      ? llvm::CodeGenFileType::ObjectFile
                                      : llvm::CodeGenFileType::AssemblyFile))
    return emitToolError("the target cannot emit this file type");
  codegen.run(*llvmModule);
  return success();
}

/// Writes each (path, contents) through a temporary file renamed into place;
/// on failure no new output is left behind.
LogicalResult
writeOutputs(ArrayRef<std::pair<std::string, std::string>> outputs) {
  SmallVector<StringRef> written;
  for (const auto &[path, contents] : outputs) {
    llvm::Error error = llvm::writeToOutput(path, [&](llvm::raw_ostream &os) {
      os << contents;
      return llvm::Error::success();
    });
    if (error) {
      for (StringRef done : written)
        if (done != "-")
          (void)llvm::sys::fs::remove(done);
      return emitToolError(path + ": " + llvm::toString(std::move(error)));
    }
    written.push_back(path);
  }
  return success();
}

LogicalResult compile(MLIRContext &context) {
  std::optional<EmitKind> kind =
      llvm::StringSwitch<std::optional<EmitKind>>(emitKind)
          .Case("obj", EmitKind::Obj)
          .Case("asm", EmitKind::Asm)
          .Case("llvm", EmitKind::LLVM)
          .Case("mlir", EmitKind::MLIR)
          .Default(std::nullopt);
  if (!kind)
    return emitToolError("unknown --emit value '" + emitKind +
                         "' (expected obj, asm, llvm or mlir)");
  if (!headerFilename.empty() && headerFilename == outputFilename)
    return emitToolError("--header and -o name the same file");
  FailureOr<std::unique_ptr<llvm::TargetMachine>> machine =
      createTargetMachine();
  if (failed(machine))
    return failure();

  std::string errorMessage;
  std::unique_ptr<llvm::MemoryBuffer> file =
      openInputFile(inputFilename, &errorMessage);
  if (!file)
    return emitToolError(errorMessage);
  llvm::SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(std::move(file), llvm::SMLoc());
  SourceMgrDiagnosticHandler diagHandler(sourceMgr, &context);
  OwningOpRef<ModuleOp> module = parseSourceFile<ModuleOp>(sourceMgr, &context);
  if (!module)
    return emitToolError("cannot parse " + inputFilename);

  FailureOr<std::vector<CFunction>> functions = collectCFunctions(*module);
  if (failed(functions))
    return emitToolError("no C interface for " + inputFilename);
  SmallVector<std::pair<std::string, std::string>> outputs;
  if (!headerFilename.empty()) {
    std::string header;
    llvm::raw_string_ostream os(header);
    printCHeader(os, *functions, getHeaderGuard(headerFilename),
                 llvm::sys::path::filename(inputFilename));
    outputs.push_back({headerFilename, std::move(header)});
  }

  if (failed(lowerToLLVMDialect(*module, *functions)))
    return failure();
  SmallString<0> code;
  if (*kind == EmitKind::MLIR) {
    llvm::raw_svector_ostream os(code);
    module->print(os);
  } else if (failed(emitLLVM(*module, **machine, *kind, code))) {
    return failure();
  }
  // The main output last: it is what build systems check for.
  outputs.push_back({outputFilename, code.str().str()});
  return writeOutputs(outputs);
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  registerPassManagerCLOptions();
  registerMLIRContextCLOptions();
  registerAsmPrinterCLOptions();
  cl::ParseCommandLineOptions(
      argc, argv,
      "tconv-aot: compile a tconv module to an object with C entry points\n");

  DialectRegistry registry;
  registerTConvToolDialects(registry);
  MLIRContext context(registry);
  return failed(compile(context)) ? 1 : 0;
}
