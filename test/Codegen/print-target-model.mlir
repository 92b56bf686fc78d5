// The figures the schedules are computed from, read off LLVM's description
// of each CPU (scheduling model, TargetTransformInfo, features): the same for
// a CPU whatever the host.
// RUN: tconv-opt %s --tconv-print-target-model="target-cpu=haswell" -o /dev/null | FileCheck %s --check-prefix=HASWELL
// RUN: tconv-opt %s --tconv-print-target-model="target-cpu=skylake-avx512" -o /dev/null | FileCheck %s --check-prefix=SKX
// RUN: tconv-opt %s --tconv-print-target-model="target-cpu=znver3" -o /dev/null | FileCheck %s --check-prefix=ZNVER3
// RUN: tconv-opt %s --tconv-print-target-model="target-triple=aarch64-linux-gnu target-cpu=neoverse-n1" -o /dev/null | FileCheck %s --check-prefix=N1
// RUN: tconv-opt %s --tconv-print-target-model="target-triple=aarch64-linux-gnu" -o /dev/null | FileCheck %s --check-prefix=A64
// RUN: tconv-opt %s --tconv-print-target-model="target-triple=aarch64-linux-gnu target-cpu=cortex-a76" -o /dev/null | FileCheck %s --check-prefix=A76
// RUN: tconv-opt %s --tconv-print-target-model="target-triple=aarch64-linux-gnu target-cpu=cortex-a55" -o /dev/null | FileCheck %s --check-prefix=A55
// RUN: tconv-opt %s --tconv-print-target-model="target-triple=aarch64-linux-gnu target-cpu=apple-m1" -o /dev/null | FileCheck %s --check-prefix=M1
// RUN: not tconv-opt %s --tconv-print-target-model="target-triple=aarch64-linux-gnu target-cpu=haswell" -o /dev/null 2>&1 | FileCheck %s --check-prefix=BAD-A64
// RUN: tconv-opt %s --tconv-print-target-model="target-cpu=sapphirerapids" -o /dev/null | FileCheck %s --check-prefix=SPR
// RUN: tconv-opt %s --tconv-print-target-model="target-cpu=skylake-avx512 target-features=-avx512f" -o /dev/null | FileCheck %s --check-prefix=CAPPED
// RUN: tconv-opt %s --tconv-print-target-model="target-cpu=cascadelake" -o /dev/null | FileCheck %s --check-prefix=CLX
// RUN: tconv-opt %s --tconv-print-target-model="target-cpu=alderlake" -o /dev/null | FileCheck %s --check-prefix=ADL
// RUN: tconv-opt %s --tconv-print-target-model="target-cpu=znver5" -o /dev/null | FileCheck %s --check-prefix=ZNVER5
// RUN: tconv-opt %s --tconv-print-target-model="target-cpu=znver5 target-features=-avx512f" -o /dev/null | FileCheck %s --check-prefix=ZNVER5-AVX2
// CLX: vector-bits: 512
// CLX: int8-dot-product: vpdpbusd, 512 bits{{$}}
// A depthwise layer's taps are not a quad of one lane: VPMADDWD's pairs on
// VNNI CPUs too (tconv-pair-depthwise-taps); none without VPMADDWD.
// CLX: depthwise-int8-dot-product: vpmaddwd
// ADL: vector-bits: 256
// ADL: int8-dot-product: vpdpbusd, 256 bits{{$}}
// RUN: not tconv-opt %s --tconv-print-target-model="target-cpu=no-such-cpu" -o /dev/null 2>&1 | FileCheck %s --check-prefix=BAD
// HASWELL: cpu: haswell
// HASWELL-NEXT: vector-bits: 256
// HASWELL-NEXT: vector-registers: 16
// HASWELL-NEXT: fma-latency: 5
// HASWELL-NEXT: fmas-per-cycle: 2.00
// HASWELL-NEXT: loads-per-cycle: 2.00
// HASWELL-NEXT: issue-width: 4
// HASWELL: l2-bytes-per-cycle: 32.00
// HASWELL-NEXT: l3-bytes-per-cycle: 16.00
// HASWELL: fma-by-element: no
// HASWELL-NEXT: f16-conversions: native
// HASWELL-NEXT: int8-dot-product: vpmaddwd, 256 bits; weights in [-64, 63]: vpmaddubsw
// HASWELL-NEXT: fma-memory-operands: yes
// HASWELL-NEXT: depthwise-int8-dot-product: vpmaddwd
// SKX: cpu: skylake-avx512
// SKX-NEXT: vector-bits: 512
// SKX-NEXT: vector-registers: 32
// SKX-NEXT: fma-latency: 4
// SKX-NEXT: fmas-per-cycle: 2.00
// X86's TargetTransformInfo gives every CPU 32 KiB of L1D and 256 KiB of L2;
// the model's table has each core's.
// SKX: l1d-bytes: 32768
// SKX-NEXT: l2-bytes: 1048576
// Skylake-SP has no VNNI (VPMADDWD on zmm, AVX-512BW); Cascade Lake adds
// AVX512-VNNI, Alder Lake AVX-VNNI (256 bits).
// SKX: int8-dot-product: vpmaddwd, 512 bits; weights in [-64, 63]: vpmaddubsw
// ZNVER3: cpu: znver3
// ZNVER3-NEXT: vector-bits: 256
// ZNVER3-NEXT: vector-registers: 16
// ZNVER3-NEXT: fma-latency: 4
// ZNVER3-NEXT: fmas-per-cycle: 2.00
// ZNVER3: l1d-bytes: 32768
// ZNVER3-NEXT: l2-bytes: 524288
// ZNVER3: int8-dot-product: vpmaddwd, 256 bits; weights in [-64, 63]: vpmaddubsw
// LLVM models Zen 5 with Zen 4's scheduling model (one zmm FMA a cycle, on
// both 256-bit pipes); Zen 5 has two 512-bit FMA pipes. Capped to 256 bits,
// LLVM's ymm figures stay.
// ZNVER5: cpu: znver5
// ZNVER5-NEXT: vector-bits: 512
// ZNVER5-NEXT: vector-registers: 32
// ZNVER5-NEXT: fma-latency: 4
// ZNVER5-NEXT: fmas-per-cycle: 2.00
// ZNVER5: l1d-bytes: 49152
// ZNVER5-NEXT: l2-bytes: 1048576
// Bandwidths: the defaults, but for Zen 5's measured ones (the table).
// ZNVER5-NEXT: l2-bytes-per-cycle: 44.00
// ZNVER5-NEXT: l3-bytes-per-cycle: 24.00
// ZNVER5: int8-dot-product: vpdpbusd, 512 bits{{$}}
// ZNVER5-AVX2: vector-bits: 256
// ZNVER5-AVX2: l1d-bytes: 49152
// LLVM's Sapphire Rapids model issues one zmm FMA per cycle; its Xeon cores
// have two 512-bit FMA units (the model's table).
// SPR: cpu: sapphirerapids
// SPR-NEXT: vector-bits: 512
// SPR-NEXT: vector-registers: 32
// SPR-NEXT: fma-latency: 4
// SPR-NEXT: fmas-per-cycle: 2.00
// SPR: l1d-bytes: 49152
// SPR-NEXT: l2-bytes: 2097152
// SPR: f16-conversions: native
// SPR-NEXT: int8-dot-product: vpdpbusd, 512 bits{{$}}
// NEON: 32 registers of 128 bits, f16 conversions in hardware.
// N1: triple: aarch64-unknown-linux-gnu
// N1-NEXT: cpu: neoverse-n1
// N1-NEXT: vector-bits: 128
// N1-NEXT: vector-registers: 32
// N1-NEXT: fma-latency: 4
// N1-NEXT: fmas-per-cycle: 2.00
// N1-NEXT: loads-per-cycle: 2.00
// N1-NEXT: issue-width: 3
// N1-NEXT: l1d-bytes: 65536
// N1-NEXT: l2-bytes: 1048576
// N1-NEXT: l2-bytes-per-cycle: 32.00
// N1-NEXT: l3-bytes-per-cycle: 16.00
// N1-NEXT: fma-by-element: yes
// N1-NEXT: f16-conversions: native
// N1-NEXT: int8-dot-product: sdot, 128 bits
// N1-NEXT: fma-memory-operands: no
// AArch64 cores with figures of their own (TargetModel.cpp's table): LLVM
// models Cortex-A76 as Cortex-A57 (FMLA 10 cycles, 1 per cycle) and Apple's
// cores as Cyclone (8 cycles, 2 per cycle); the model has the real ones.
// A76: cpu: cortex-a76
// A76: fma-latency: 4
// A76-NEXT: fmas-per-cycle: 2.00
// A76: l1d-bytes: 65536
// A76-NEXT: l2-bytes: 524288
// A55: cpu: cortex-a55
// A55: issue-width: 2
// A55-NEXT: l1d-bytes: 32768
// A55-NEXT: l2-bytes: 131072
// M1: cpu: apple-m1
// M1: fma-latency: 4
// M1-NEXT: fmas-per-cycle: 4.00
// M1: l1d-bytes: 131072
// Another architecture's CPU defaults to its generic one, never the host's.
// A64: cpu: generic
// A64-NEXT: vector-bits: 128
// ARMv8.0 has no SDOT (the dot-product extension is optional from v8.2).
// A64: int8-dot-product: none
// BAD-A64: error: tconv-print-target-model: unknown target CPU 'haswell' for aarch64-unknown-linux-gnu
// CAPPED: vector-bits: 256
// CAPPED-NEXT: vector-registers: 16
// CAPPED: int8-dot-product: vpmaddwd, 256 bits; weights in [-64, 63]: vpmaddubsw
// BAD: error: tconv-print-target-model: unknown target CPU 'no-such-cpu'
module {
}
// N1: depthwise-int8-dot-product: none
