//===- tconv-fuzz-options.cpp - libFuzzer target for pipeline options -----===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// Feeds each input as the string of tconv-run's and tconv-aot's
// --pipeline-options="..." to tconv::parseTConvToLLVMPipelineOptions, and
// builds the pipeline of the options it accepts with
// tconv::buildTConvToLLVMPipeline, without running it. Rejected options are a
// normal outcome (upstream's parser prints why to stderr). Bugs are crashes,
// sanitizer reports, hangs, and broken round trips, on which the target
// aborts:
// - accepted options, printed (as --tconv-to-llvm's options are in a printed
//   pipeline), must parse back to the same options;
// - the pipeline built from them, printed (as in crash reproducers and
//   --dump-pass-pipeline), must parse back to the same pipeline.
//
// `tconv-fuzz-options --print-defaults` prints the default options, which
// name every option, and exits: scripts/fuzz.sh makes a seed and dictionary
// entries of them, so that options added to the struct are fuzzed too.
//
//===----------------------------------------------------------------------===//

#include "tconv/Codegen/Passes.h"
#include "tconv/Conversion/Passes.h"
#include "tconv/Pipelines/Pipelines.h"
#include "tconv/Transforms/Passes.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <cstdlib>
#include <string>

using namespace mlir;
using namespace mlir::tconv;

static void check(bool condition, const llvm::Twine &what) {
  if (!condition)
    llvm::report_fatal_error("tconv-fuzz-options: " + what);
}

/// `options` as a --pipeline-options string: what PassOptions::print writes,
/// without its braces.
static std::string printOptions(const TConvToLLVMPipelineOptions &options) {
  std::string text;
  llvm::raw_string_ostream os(text);
  options.print(os);
  return StringRef(text).drop_front().drop_back().str();
}

static std::string printPipeline(const OpPassManager &pm) {
  std::string text;
  llvm::raw_string_ostream os(text);
  pm.printAsTextualPipeline(os);
  return text;
}

static void ignoreError(const llvm::Twine &) {}

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv) {
  // libFuzzer leaves arguments that start with "--" to the target.
  for (int i = 1; i < *argc; ++i) {
    if (StringRef((*argv)[i]) == "--print-defaults") {
      llvm::outs() << printOptions(TConvToLLVMPipelineOptions()) << '\n';
      llvm::outs().flush();
      std::exit(0);
    }
  }
  // Parsing a printed pipeline looks its passes up by name.
  registerAllPasses();
  registerTConvCodegenPasses();
  registerTConvConversionPasses();
  registerTConvTransformsPasses();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  StringRef input(reinterpret_cast<const char *>(data), size);
  std::unique_ptr<TConvToLLVMPipelineOptions> options =
      parseTConvToLLVMPipelineOptions(input, ignoreError);
  if (!options)
    return 0;

  std::string printed = printOptions(*options);
  std::unique_ptr<TConvToLLVMPipelineOptions> reparsed =
      parseTConvToLLVMPipelineOptions(printed, ignoreError);
  check(reparsed && printOptions(*reparsed) == printed,
        "the printed options '" + printed + "' do not parse back");

  OpPassManager pm(ModuleOp::getOperationName());
  buildTConvToLLVMPipeline(pm, *options);
  std::string pipeline = printPipeline(pm);
  std::string error;
  llvm::raw_string_ostream errorStream(error);
  FailureOr<OpPassManager> parsedPipeline =
      parsePassPipeline(pipeline, errorStream);
  check(succeeded(parsedPipeline) && printPipeline(*parsedPipeline) == pipeline,
        "the printed pipeline does not parse back: " + error + "\n" + pipeline);
  return 0;
}
