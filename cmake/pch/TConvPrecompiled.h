//===- TConvPrecompiled.h - Headers precompiled for tconv -------*- C++ -*-===//
//
// The LLVM and MLIR headers that most tconv sources include, precompiled once
// per build (cmake/TConvPrecompiledHeaders.cmake) and reused by every library
// and tool: parsing them took about three quarters of each source's compile
// time. Installed headers only, so the precompiled header is rebuilt only when
// the compiler flags change, never for an edit of tconv.
//
//===----------------------------------------------------------------------===//

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"
