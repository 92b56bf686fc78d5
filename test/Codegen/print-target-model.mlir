// The figures the schedules are computed from, read off LLVM's description
// of each CPU (scheduling model, TargetTransformInfo, features): the same for
// a CPU whatever the host.
// RUN: tconv-opt %s --tconv-print-target-model="target-cpu=haswell" -o /dev/null | FileCheck %s --check-prefix=HASWELL
// RUN: tconv-opt %s --tconv-print-target-model="target-cpu=skylake-avx512" -o /dev/null | FileCheck %s --check-prefix=SKX
// RUN: tconv-opt %s --tconv-print-target-model="target-cpu=skylake-avx512 target-features=-avx512f" -o /dev/null | FileCheck %s --check-prefix=CAPPED
// RUN: not tconv-opt %s --tconv-print-target-model="target-cpu=no-such-cpu" -o /dev/null 2>&1 | FileCheck %s --check-prefix=BAD
// HASWELL: cpu: haswell
// HASWELL-NEXT: vector-bits: 256
// HASWELL-NEXT: vector-registers: 16
// HASWELL-NEXT: fma-latency: 5
// HASWELL-NEXT: fmas-per-cycle: 2.00
// HASWELL: f16-conversions: native
// SKX: cpu: skylake-avx512
// SKX-NEXT: vector-bits: 512
// SKX-NEXT: vector-registers: 32
// SKX-NEXT: fma-latency: 4
// SKX-NEXT: fmas-per-cycle: 2.00
// CAPPED: vector-bits: 256
// CAPPED-NEXT: vector-registers: 16
// BAD: error: tconv-print-target-model: unknown target CPU 'no-such-cpu'
module {
}
