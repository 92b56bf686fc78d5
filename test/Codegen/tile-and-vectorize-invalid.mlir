// RUN: not tconv-opt %s --tconv-tile-and-vectorize="register-tile-width=0" 2>&1 | FileCheck %s
// RUN: not tconv-opt %s --tconv-tile-and-vectorize="row-tile=-3" 2>&1 | FileCheck %s
// RUN: not tconv-opt %s --tconv-tile-and-vectorize="cache-tile-input-channels=-1" 2>&1 | FileCheck %s
// CHECK: error: tconv-tile-and-vectorize: tile sizes must be >= 1 (cache tiles >= 0)
func.func @f() {
  return
}
