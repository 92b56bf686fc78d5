//===- BFloatAcrossBlocks.h - bf16 values cross blocks as i16 --*- C++ -*-===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_LIB_COMPILER_BFLOATACROSSBLOCKS_H
#define TCONV_LIB_COMPILER_BFLOATACROSSBLOCKS_H

namespace llvm {
class Module;
} // namespace llvm

namespace mlir::tconv {

/// Makes every bf16 value (scalar or vector) of `module` that lives in more
/// than one block (a phi, or a value used in another block) cross blocks as
/// its bits (i16), between bitcasts: the same values, but no compiler-rt
/// call where LLVM 22's x86 backend would carry them as f32.
void carryBFloatAcrossBlocksAsIntegers(llvm::Module &module);

} // namespace mlir::tconv

#endif // TCONV_LIB_COMPILER_BFLOATACROSSBLOCKS_H
