//===- tconv-fuzz.cpp - libFuzzer target for the tconv lowering -----------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// Feeds each input as MLIR source through parsing and verification, then
// --convert-tconv-to-linalg with every algorithm, then the whole
// --tconv-to-llvm pipeline with options derived from a hash of the input.
// Diagnostics and failures are expected; crashes, sanitizer reports and
// hangs are bugs. So are passes that succeed but leave invalid IR: the
// verifier runs after every pass and aborts with the pass's name.
//
// Input the tools reject before parsing, because it crashes MLIR 22's own
// parser (tconv/Support/ParserCrashes.h), is skipped as they skip it.
//
// Two filters keep the work on tconv and the run time bounded:
// - only builtin, func, arith, tensor and tconv may appear, checked on the
//   text before parsing and on the ops after it, so the fuzzer does not
//   wander into the parsers and verifiers of the ~50 other upstream dialects
//   the tool registry loads. Those have crashes of their own: MLIR 22's
//   linalg.transpose parser dereferences a null attribute on
//   `permutation = [p, 0]` (mlir-opt crashes too; docs/fuzzing.md;
//   UPSTREAM(LLVM 22, unreported), canary:
//   test/Upstream/linalg-transpose-permutation.mlir);
// - every static shaped type (tensor, memref, vector; also inside
//   attributes and function types) holds at most kMaxElements elements, so
//   constant folding (e.g. of transposed constant weights) stays small.
//
//===----------------------------------------------------------------------===//

#include "tconv/Conversion/Passes.h"
#include "tconv/Pipelines/Pipelines.h"
#include "tconv/Support/ParserCrashes.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassInstrumentation.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/xxhash.h"

#include <cstdint>
#include <iterator>
#include <string>

using namespace mlir;
using namespace mlir::tconv;

/// Elements of the largest static shaped type an input may use.
static constexpr int64_t kMaxElements = 1 << 16;

static const LoweringAlgorithm kAlgorithms[] = {
    LoweringAlgorithm::ZeroInsertion, LoweringAlgorithm::Phase,
    LoweringAlgorithm::SubPixel, LoweringAlgorithm::Gemm,
    LoweringAlgorithm::Auto};

/// Whether `type` and the types nested in it are small enough.
static bool isSmallType(Type type) {
  return !type.walk([](ShapedType shaped) {
                if (!shaped.hasRank())
                  return WalkResult::advance();
                int64_t elements = 1;
                for (int64_t size : shaped.getShape()) {
                  if (ShapedType::isDynamic(size))
                    continue;
                  if (size > kMaxElements ||
                      (elements *= std::max<int64_t>(size, 1)) > kMaxElements)
                    return WalkResult::interrupt();
                }
                return WalkResult::advance();
              })
              .wasInterrupted();
}

/// The dialects whose ops, types and attributes inputs may use.
static bool isFuzzedDialect(StringRef name) {
  return llvm::is_contained({"builtin", "func", "arith", "tensor", "tconv"},
                            name);
}

/// Whether every dialect prefix in `source` (of `dialect.op`, `"dialect.op"`,
/// `#dialect.attr`, `!dialect.type`) is of a fuzzed dialect. The parser
/// loads and runs any registered dialect it meets, so this must hold before
/// parsing (see the file comment). Conservative: any identifier followed by
/// '.' counts unless it is part of a value, block or symbol name or a
/// number, and escapes, which could spell any name in a string, are out.
static bool namesOnlyFuzzedDialects(StringRef source) {
  if (source.contains('\\'))
    return false;
  auto isIdentifierChar = [](char c) {
    return llvm::isAlnum(c) || c == '_' || c == '$';
  };
  for (size_t i = 0, e = source.size(); i < e;) {
    if (!llvm::isAlpha(source[i]) && source[i] != '_') {
      ++i;
      continue;
    }
    size_t end = i;
    while (end < e && isIdentifierChar(source[end]))
      ++end;
    char previous = i ? source[i - 1] : ' ';
    bool qualified =
        !isIdentifierChar(previous) && !StringRef("%@^.").contains(previous);
    if (qualified && end < e && source[end] == '.' &&
        !isFuzzedDialect(source.slice(i, end)))
      return false;
    i = end;
  }
  return true;
}

/// Whether the lowering should see `module`: ops of fuzzed dialects (also
/// those named without their dialect) and small types only.
static bool isInScope(ModuleOp module) {
  auto isSmall = [](Type type) { return isSmallType(type); };
  return !module
              ->walk([&](Operation *op) {
                if (!isFuzzedDialect(op->getName().getDialectNamespace()) ||
                    !llvm::all_of(op->getResultTypes(), isSmall))
                  return WalkResult::interrupt();
                for (Region &region : op->getRegions())
                  for (Block &block : region)
                    if (!llvm::all_of(block.getArgumentTypes(), isSmall))
                      return WalkResult::interrupt();
                if (op->getAttrDictionary()
                        .walk([](Type type) {
                          return isSmallType(type) ? WalkResult::advance()
                                                   : WalkResult::interrupt();
                        })
                        .wasInterrupted())
                  return WalkResult::interrupt();
                return WalkResult::advance();
              })
              .wasInterrupted();
}

namespace {
/// Aborts when a pass succeeds but leaves IR that does not verify (the pass
/// manager would report that as an ordinary failure).
struct VerifyAfterEachPass : public PassInstrumentation {
  void runAfterPass(Pass *pass, Operation *op) override {
    if (failed(verify(op)))
      llvm::report_fatal_error(llvm::Twine("tconv-fuzz: '") +
                               pass->getArgument() +
                               "' succeeded but produced invalid IR");
  }
};
} // namespace

/// Runs `pm` on `module` with the verifier of VerifyAfterEachPass.
static void runChecked(PassManager &pm, ModuleOp module) {
  pm.enableVerifier(false);
  pm.addInstrumentation(std::make_unique<VerifyAfterEachPass>());
  (void)pm.run(module);
}

static MLIRContext &getContext() {
  static MLIRContext *context = [] {
    DialectRegistry registry;
    registerTConvToolDialects(registry);
    auto *context = new MLIRContext(registry);
    // Deterministic runs, and the machine's cores stay with libFuzzer.
    context->disableMultithreading();
    return context;
  }();
  return *context;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  MLIRContext &context = getContext();
  ScopedDiagnosticHandler swallow(&context,
                                  [](Diagnostic &) { return success(); });
  // The lexer expects a terminating NUL after the buffer, as files read by
  // the tools have; libFuzzer's bytes end without one.
  std::string source(reinterpret_cast<const char *>(data), size);
  if (findParserCrash(source) || !namesOnlyFuzzedDialects(source))
    return 0;
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(source, &context);
  if (!module || !isInScope(*module))
    return 0;

  // A stable hash, so that a crashing input reproduces with its options.
  uint64_t hash = llvm::xxh3_64bits(source);
  for (LoweringAlgorithm algorithm : kAlgorithms) {
    OwningOpRef<ModuleOp> clone = module->clone();
    ConvertTConvToLinalgOptions options;
    options.algorithm = algorithm;
    options.channelsLastCompute = hash & 1;
    PassManager pm(&context);
    pm.addPass(createConvertTConvToLinalg(options));
    runChecked(pm, *clone);
  }

  TConvToLLVMPipelineOptions options;
  options.algorithm = kAlgorithms[(hash >> 1) % std::size(kAlgorithms)];
  options.channelsLastCompute = (hash >> 4) & 1;
  options.vectorize = (hash >> 5) & 1;
  options.deallocate = (hash >> 6) & 1;
  options.threads = (hash >> 7) & 1 ? 2 : 1;
  PassManager pm(&context);
  buildTConvToLLVMPipeline(pm, options);
  runChecked(pm, *module);
  return 0;
}
