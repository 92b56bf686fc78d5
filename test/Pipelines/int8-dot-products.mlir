// Quantized convolutions whose register tiles step over four input
// channels compute their products with VPDPBUSD when compiled for a CPU
// that has it (test/Execution/quantized-dot-products.mlir runs them), on
// any host: none of them multiplies i32 vectors (VPMULLD).
// RUN: tconv-opt %S/../Execution/quantized-dot-products.mlir --tconv-to-llvm="target-cpu=cascadelake" | FileCheck %s --check-prefix=DOT
// RUN: tconv-opt %S/../Execution/quantized-dot-products.mlir --tconv-to-llvm="target-cpu=alderlake" | FileCheck %s --check-prefix=YMM
// RUN: tconv-opt %S/../Execution/quantized-dot-products.mlir --tconv-to-llvm="target-cpu=haswell" | FileCheck %s --check-prefix=NONE
// DOT-LABEL: llvm.func @u8_nhwc
// DOT: llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.512"
// DOT-LABEL: llvm.func @i8_nchw
// DOT: llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.512"
// DOT-LABEL: llvm.func @u8_groups
// DOT: llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.512"
// DOT-LABEL: llvm.func @i8_1d
// DOT: llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.512"
// YMM-LABEL: llvm.func @u8_nhwc
// YMM: llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.256"
// NONE-NOT: vpdpbusd
