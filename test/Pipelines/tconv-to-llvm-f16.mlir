// The pipeline expands f16 <-> f32 conversions into integer code
// (tconv-expand-f16-conversions) exactly for targets without conversion
// instructions, where LLVM would call __extendhfsf2 and __truncsfhf2: the
// x86-64 baseline and generic have no F16C; haswell has it, sapphirerapids
// also AVX512-FP16, and target-features add or remove it.
// RUN: tconv-opt %s --tconv-to-llvm="target-cpu=x86-64" | FileCheck %s --check-prefix=EXPANDED --implicit-check-not=llvm.fpext --implicit-check-not=llvm.fptrunc
// RUN: tconv-opt %s --tconv-to-llvm="target-cpu=generic" | FileCheck %s --check-prefix=EXPANDED --implicit-check-not=llvm.fpext --implicit-check-not=llvm.fptrunc
// RUN: tconv-opt %s --tconv-to-llvm="target-cpu=haswell target-features=-f16c" | FileCheck %s --check-prefix=EXPANDED --implicit-check-not=llvm.fpext --implicit-check-not=llvm.fptrunc
// RUN: tconv-opt %s --tconv-to-llvm="target-cpu=haswell" | FileCheck %s --check-prefix=NATIVE
// RUN: tconv-opt %s --tconv-to-llvm="target-cpu=sapphirerapids" | FileCheck %s --check-prefix=NATIVE
// RUN: tconv-opt %s --tconv-to-llvm="target-cpu=x86-64 target-features=+f16c" | FileCheck %s --check-prefix=NATIVE

// EXPANDED-LABEL: llvm.func @half
// EXPANDED-DAG: llvm.bitcast %{{.*}} : vector<{{[0-9]+}}xf16> to vector<{{[0-9]+}}xi16>
// EXPANDED-DAG: llvm.bitcast %{{.*}} : vector<{{[0-9]+}}xi16> to vector<{{[0-9]+}}xf16>
// NATIVE-LABEL: llvm.func @half
// NATIVE: llvm.fpext %{{.*}} : vector<16xf16> to vector<16xf32>
// NATIVE: llvm.fptrunc %{{.*}} : vector<4xf32> to vector<4xf16>
func.func @half(%x: tensor<1x4x5x5xf16>, %w: tensor<4x4x4x4xf16>, %b: tensor<4xf16>) -> tensor<1x4x10x10xf16> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>}
       : (tensor<1x4x5x5xf16>, tensor<4x4x4x4xf16>, tensor<4xf16>) -> tensor<1x4x10x10xf16>
  return %y : tensor<1x4x10x10xf16>
}
