// With dynamic spatial dims the verifier cannot see that a runtime input size
// gives an output size < 1 (here k = 3, s = 2, padding 3/3: I = 1 -> O = -3,
// I = 0 -> O = -5); tconv-run checks the runtime sizes before running and
// reports an error instead of crashing.

// RUN: %python %S/Inputs/write_npy.py %t.i1.npy=1x3x1 %t.i0.npy=1x3x0 %t.w.npy=3x2x3
// RUN: not tconv-run %s --entry=dyn_negative_output --inputs=%t.i1.npy,%t.w.npy 2>&1 | FileCheck %s
// RUN: not tconv-run %s --entry=dyn_negative_output --inputs=%t.i1.npy,%t.w.npy --check 2>&1 | FileCheck %s
// RUN: not tconv-run %s --entry=dyn_negative_output --inputs=%t.i0.npy,%t.w.npy 2>&1 | FileCheck %s
// CHECK-NOT: PLEASE submit a bug report
// CHECK: error: input of runtime shape {{1x3x[01]}} gives an output size < 1
// CHECK-NOT: PLEASE submit a bug report
func.func @dyn_negative_output(%x: tensor<1x3x?xf32>, %w: tensor<3x2x3xf32>) -> tensor<1x2x?xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2>, padding = array<i64: 3, 3>}
       : (tensor<1x3x?xf32>, tensor<3x2x3xf32>) -> tensor<1x2x?xf32>
  return %y : tensor<1x2x?xf32>
}
