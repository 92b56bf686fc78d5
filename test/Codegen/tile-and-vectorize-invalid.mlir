// RUN: not tconv-opt %s --tconv-tile-and-vectorize="register-tile-width=-1" 2>&1 | FileCheck %s
// RUN: not tconv-opt %s --tconv-tile-and-vectorize="register-tile-channels=-8" 2>&1 | FileCheck %s
// RUN: not tconv-opt %s --tconv-tile-and-vectorize="row-tile=0" 2>&1 | FileCheck %s
// RUN: not tconv-opt %s --tconv-tile-and-vectorize="cache-tile-input-channels=-1" 2>&1 | FileCheck %s
// CHECK: error: tconv-tile-and-vectorize: tile sizes must be >= 0 (0: from the target model), row-tile >= 1

// The target is checked before anything is tiled.
// RUN: not tconv-opt %s --tconv-tile-and-vectorize="target-cpu=no-such-cpu" 2>&1 | FileCheck %s --check-prefix=CPU
// RUN: not tconv-opt %s --tconv-tile-and-vectorize="target-cpu=haswell target-features=avx2" 2>&1 | FileCheck %s --check-prefix=SIGN
// RUN: not tconv-opt %s --tconv-tile-and-vectorize="target-cpu=haswell target-features=+no-such-feature" 2>&1 | FileCheck %s --check-prefix=FEATURE
// CPU: error: tconv-tile-and-vectorize: unknown target CPU 'no-such-cpu'
// SIGN: error: tconv-tile-and-vectorize: target feature 'avx2' must start with '+' or '-'
// FEATURE: error: tconv-tile-and-vectorize: unknown target feature 'no-such-feature'
func.func @f() {
  return
}
