// RUN: not tconv-opt %s --tconv-block-conv-filters="register-tile-width=-1" 2>&1 | FileCheck %s
// RUN: not tconv-opt %s --tconv-block-conv-filters="register-tile-channels=-8" 2>&1 | FileCheck %s
// CHECK: error: tconv-block-conv-filters: tile sizes must be >= 0 (0: from the target model)
// RUN: not tconv-opt %s --tconv-block-conv-filters="threads=0" 2>&1 | FileCheck %s --check-prefix=THREADS
// THREADS: error: tconv-block-conv-filters: threads must be >= 1
// RUN: not tconv-opt %s --tconv-block-conv-filters="target-cpu=no-such-cpu" 2>&1 | FileCheck %s --check-prefix=CPU
// CPU: error: tconv-block-conv-filters: unknown target CPU 'no-such-cpu'
func.func @f() {
  return
}
