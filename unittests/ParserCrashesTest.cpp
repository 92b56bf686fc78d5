//===- ParserCrashesTest.cpp - Tests of the parser crash scan -------------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//

#include "tconv/Support/ParserCrashes.h"

#include "gtest/gtest.h"

using mlir::tconv::findParserCrash;

namespace {

TEST(ParserCrashesTest, FindsIndexDenseArrays) {
  EXPECT_EQ(findParserCrash("{strides = array<index: 2, 2>}")->offset, 11u);
  EXPECT_EQ(findParserCrash("array<index>")->offset, 0u);
  EXPECT_EQ(findParserCrash("x = array < index : 1>")->offset, 4u);
  EXPECT_EQ(findParserCrash("[array<index:1>]")->offset, 1u);
}

TEST(ParserCrashesTest, IgnoresOtherArraysWordsCommentsAndStrings) {
  EXPECT_FALSE(findParserCrash("array<i64: 2, 2>"));
  EXPECT_FALSE(findParserCrash("array<indexed: 1>"));
  EXPECT_FALSE(findParserCrash("!llvm.array<index>"));
  EXPECT_FALSE(findParserCrash("myarray<index: 1>"));
  EXPECT_FALSE(findParserCrash("// array<index: 1>\nfunc.func @f()"));
  EXPECT_FALSE(findParserCrash("\"array<index: 1>\""));
  EXPECT_FALSE(findParserCrash("\"a \\\" array<index: 1>\""));
  EXPECT_FALSE(findParserCrash("array"));
  EXPECT_FALSE(findParserCrash(""));
  // After a comment or string, the scan goes on.
  EXPECT_EQ(findParserCrash("// x\narray<index: 1>")->offset, 5u);
  EXPECT_EQ(findParserCrash("\"s\" array<index: 1>")->offset, 4u);
}

} // namespace
