//===- DotProducts.cpp - Target dot-product instructions ------------------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//

#include "tconv/Codegen/DotProducts.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"

#include <cassert>

using namespace mlir;

Value tconv::createPairwiseI16DotProduct(OpBuilder &builder, Location loc,
                                         Value inputs, Value weights) {
  int64_t lanes = cast<VectorType>(inputs.getType()).getNumElements() / 2;
  assert((lanes == 8 || lanes == 16) && "VPMADDWD is on ymm or zmm");
  StringRef name =
      lanes == 16 ? "llvm.x86.avx512.pmaddw.d.512" : "llvm.x86.avx2.pmadd.wd";
  auto wordsType = VectorType::get({lanes}, builder.getI32Type());
  return LLVM::CallIntrinsicOp::create(builder, loc, wordsType,
                                       builder.getStringAttr(name),
                                       ValueRange{inputs, weights})
      .getResult(0);
}
