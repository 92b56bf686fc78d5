// Quantized depthwise layers whose rows are wide enough for whole VPMADDWD
// operands (32 output columns on zmm, 16 on ymm): tconv-pair-depthwise-taps
// sums each row's taps two at a time, into even and odd columns, on every
// AVX2 or AVX-512BW target (VNNI ones too). tconv-run --check compares each
// op with the exact integer reference (lib/Reference convTransposeInt, int64)
// value for value, over random data in the whole 8-bit ranges.
//
// The rewrite applies for AVX-512 (with and without VNNI) and AVX2, not for
// AArch64 (no VPMADDWD: i32 multiplies as before).
// RUN: tconv-opt %s --tconv-to-llvm="target-cpu=cascadelake" --mlir-print-ir-after=tconv-pair-depthwise-taps -o /dev/null 2>&1 | FileCheck %s --check-prefix=ZMM
// RUN: tconv-opt %s --tconv-to-llvm="target-cpu=haswell" --mlir-print-ir-after=tconv-pair-depthwise-taps -o /dev/null 2>&1 | FileCheck %s --check-prefix=YMM
// RUN: tconv-opt %s --tconv-to-llvm="target-triple=aarch64-linux-gnu target-cpu=neoverse-n1" --mlir-print-ir-after=tconv-pair-depthwise-taps -o /dev/null 2>&1 | FileCheck %s --check-prefix=A64
// ZMM-LABEL: func.func @u8_rows
// ZMM: scf.for {{.*}} step %c2{{.*}} -> (vector<16xi32>, vector<16xi32>)
// ZMM: llvm.call_intrinsic "llvm.x86.avx512.pmaddw.d.512"
// ZMM: vector.shuffle
// ZMM-LABEL: func.func @i8_1d
// ZMM: llvm.call_intrinsic "llvm.x86.avx512.pmaddw.d.512"
// ZMM-NOT: vector.outerproduct
// YMM-LABEL: func.func @u8_rows
// YMM: llvm.call_intrinsic "llvm.x86.avx2.pmadd.wd"
// YMM-LABEL: func.func @i8_1d
// YMM: llvm.call_intrinsic "llvm.x86.avx2.pmadd.wd"
// A64-NOT: pmadd
// A64: vector.outerproduct
// A64-NOT: pmadd

// RUN: tconv-run %s --entry=u8_rows --check | FileCheck %s --check-prefix=PASS
// RUN: %if host-avx2 %{ tconv-run %s --entry=u8_rows --check --target-cpu=haswell | FileCheck %s --check-prefix=PASS %}
// RUN: %if host-avx512bw %{ tconv-run %s --entry=u8_rows --check --target-cpu=skylake-avx512 | FileCheck %s --check-prefix=PASS %}
// RUN: %if host-avx512-vnni %{ tconv-run %s --entry=u8_rows --check --target-cpu=cascadelake | FileCheck %s --check-prefix=PASS %}
// @u8_rows: row phases, the columns' zeros inserted (4 taps per row).
//   dim 0: I=8 k=4 s=2 p=1/1: (8-1)*2-1-1+(4-1)+1 = 16
//   dim 1: I=16 k=4 s=2 p=1/1: (16-1)*2-1-1+(4-1)+1 = 32
//   N=1 Cin=8 Cout=8 G=8 channels_first
func.func @u8_rows(%x: tensor<1x8x8x16xui8>, %w: tensor<8x1x4x4xi8>, %b: tensor<8xi32>) -> tensor<1x8x16x32xi32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>, groups = 8 : i64,
                                        input_zero_point = 200 : i32, weight_zero_point = -3 : i32}
       : (tensor<1x8x8x16xui8>, tensor<8x1x4x4xi8>, tensor<8xi32>) -> tensor<1x8x16x32xi32>
  return %y : tensor<1x8x16x32xi32>
}

// RUN: tconv-run %s --entry=i8_1d --check | FileCheck %s --check-prefix=PASS
// RUN: %if host-avx2 %{ tconv-run %s --entry=i8_1d --check --target-cpu=haswell | FileCheck %s --check-prefix=PASS %}
// RUN: %if host-avx512bw %{ tconv-run %s --entry=i8_1d --check --target-cpu=skylake-avx512 | FileCheck %s --check-prefix=PASS %}
// @i8_1d: zero points at the extremes of i8.
//   I=32 k=2 s=2 p=0/0: (32-1)*2+(2-1)+1 = 64
//   N=2 Cin=4 Cout=4 G=4 channels_first
func.func @i8_1d(%x: tensor<2x4x32xi8>, %w: tensor<4x1x2xi8>) -> tensor<2x4x64xi32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2>, groups = 4 : i64,
                                    input_zero_point = -128 : i32, weight_zero_point = 127 : i32}
       : (tensor<2x4x32xi8>, tensor<4x1x2xi8>) -> tensor<2x4x64xi32>
  return %y : tensor<2x4x64xi32>
}

// PASS: (bit-exact) PASS
