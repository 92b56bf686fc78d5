// RUN: not tconv-opt %s --tconv-distribute-to-threads="threads=0" 2>&1 | FileCheck %s
// RUN: not tconv-opt %s --tconv-to-llvm="threads=-2" 2>&1 | FileCheck %s
// CHECK: error: tconv-distribute-to-threads: threads must be >= 1 and min-iterations >= 0
func.func @f() {
  return
}
