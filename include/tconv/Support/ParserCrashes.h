//===- ParserCrashes.h - Input that crashes MLIR's parser -------*- C++ -*-===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// The tools must answer malformed input with an error, but a few inputs
// crash the parser of the MLIR release we build against before any tconv
// code runs. The tools (and the fuzzer) look for them in the source text
// first and reject them with an error at their location.
//
// Depends on LLVM Support only, as the rest of TConvSupport.
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_SUPPORT_PARSERCRASHES_H
#define TCONV_SUPPORT_PARSERCRASHES_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/LogicalResult.h"

#include <cstddef>
#include <optional>

namespace llvm {
class MemoryBuffer;
} // namespace llvm

namespace mlir::tconv {

/// A construct of the source text that crashes MLIR's parser.
struct ParserCrash {
  /// Offset of the construct in the text.
  size_t offset;
  /// What the construct is and why it is rejected.
  llvm::StringRef message;
};

/// The first construct of `source` (MLIR assembly) that crashes MLIR 22's
/// parser, outside comments and string literals, if any: a dense array of
/// `index` elements (`array<index: 1, 2>`), which the parser accepts and
/// then dereferences a null float type on (fixed after LLVM 22).
/// UPSTREAM(LLVM 22, llvm/llvm-project#179045); canary:
/// test/Upstream/dense-array-index.mlir.
std::optional<ParserCrash> findParserCrash(llvm::StringRef source);

/// Prints an error (file:line:col, as MLIR's diagnostics) for the first
/// construct of `source` that findParserCrash finds, and fails then.
llvm::LogicalResult rejectParserCrashes(const llvm::MemoryBuffer &source);

} // namespace mlir::tconv

#endif // TCONV_SUPPORT_PARSERCRASHES_H
