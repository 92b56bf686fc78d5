// --help lists each tool's own options, in categories, and the target
// options (lib/Target/TargetCommandLine), not the options of LLVM's backends
// nor hidden ones; those still work.

// RUN: tconv-run --help | FileCheck %s --check-prefix=JIT --implicit-check-not=amdgpu --implicit-check-not=x86- --implicit-check-not=print-default-tolerances
// RUN: tconv-aot --help | FileCheck %s --check-prefix=AOT --implicit-check-not=amdgpu --implicit-check-not=x86-
// RUN: tconv-bench --help | FileCheck %s --check-prefix=BENCH --implicit-check-not=amdgpu --implicit-check-not=x86-
// RUN: tconv-run --help-hidden | FileCheck %s --check-prefix=HIDDEN
// RUN: tconv-aot %s --emit=asm --x86-asm-syntax=intel -o - | FileCheck %s --check-prefix=INTEL

// JIT-LABEL: Checking and timing:
// JIT: --check
// JIT: --tolerance=<number> - {{.*}}(default: 0.0001 for f32, 0.001 for f16, 0.008 for bf16)
// JIT-LABEL: Compilation:
// JIT: --pipeline-options=<OPTIONS>
// JIT-LABEL: Input and output:
// JIT: --entry=<NAME>
// JIT: --inputs=
// JIT-LABEL: Target options:
// JIT: --target-cpu=<CPU>
// JIT: --target-features=

// AOT-LABEL: Compilation:
// AOT: --pack-weights
// AOT-LABEL: Input and output:
// AOT: --emit=
// AOT: -o <FILE>
// AOT-LABEL: Target options:
// AOT: --target-cpu=<CPU>

// BENCH-LABEL: Suite:
// BENCH: --suite=<FILE>
// BENCH-LABEL: Target options:
// BENCH: --target-cpu=<CPU>
// BENCH-LABEL: tconv's kernels:
// BENCH: --algorithms=

// HIDDEN: --print-default-tolerances
// INTEL: {{word|dword|qword}} ptr [

func.func @layer(%x: tensor<1x8x4x4xf32>, %w: tensor<8x8x4x4xf32>)
    -> tensor<1x8x8x8xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 2>,
         padding = array<i64: 1, 1, 1, 1>}
       : (tensor<1x8x4x4xf32>, tensor<8x8x4x4xf32>) -> tensor<1x8x8x8xf32>
  return %y : tensor<1x8x8x8xf32>
}
