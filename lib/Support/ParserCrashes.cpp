//===- ParserCrashes.cpp - Input that crashes MLIR's parser ---------------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//

#include "tconv/Support/ParserCrashes.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SMLoc.h"
#include "llvm/Support/SourceMgr.h"

using namespace llvm;

namespace mlir::tconv {

/// Whether `c` continues a bare identifier or keyword of MLIR's lexer.
static bool isIdentifierChar(char c) {
  return isAlnum(c) || c == '_' || c == '$' || c == '.';
}

/// Whether `text` starts with the keyword `keyword`, not a longer word.
static bool startsWithKeyword(StringRef text, StringRef keyword) {
  return text.starts_with(keyword) && (text.size() == keyword.size() ||
                                       !isIdentifierChar(text[keyword.size()]));
}

std::optional<ParserCrash> findParserCrash(StringRef source) {
  for (size_t i = 0; i < source.size();) {
    StringRef rest = source.drop_front(i);
    if (rest.starts_with("//")) {
      i = source.find('\n', i);
      continue;
    }
    if (rest.front() == '"') {
      // Past the closing quote; a backslash escapes the next character.
      for (++i; i < source.size() && source[i] != '"'; ++i)
        if (source[i] == '\\')
          ++i;
      ++i;
      continue;
    }
    // UPSTREAM(LLVM 22, llvm/llvm-project#179045): dense arrays of index.
    bool wordStart = i == 0 || !isIdentifierChar(source[i - 1]);
    if (wordStart && startsWithKeyword(rest, "array")) {
      StringRef type = rest.drop_front(5).ltrim();
      if (type.consume_front("<") && startsWithKeyword(type.ltrim(), "index"))
        return ParserCrash{i, "dense arrays of 'index' elements are not "
                              "supported (they crash MLIR 22's parser); use "
                              "'i64' elements"};
    }
    ++i;
  }
  return std::nullopt;
}

LogicalResult rejectParserCrashes(const MemoryBuffer &source) {
  std::optional<ParserCrash> crash = findParserCrash(source.getBuffer());
  if (!crash)
    return success();
  SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(
      MemoryBuffer::getMemBuffer(source.getMemBufferRef(),
                                 /*RequiresNullTerminator=*/false),
      SMLoc());
  sourceMgr.PrintMessage(
      SMLoc::getFromPointer(source.getBufferStart() + crash->offset),
      SourceMgr::DK_Error, crash->message);
  return failure();
}

} // namespace mlir::tconv
