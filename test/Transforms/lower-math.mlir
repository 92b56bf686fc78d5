// RUN: tconv-opt --tconv-lower-math %s | FileCheck %s

// The functions become arithmetic (math.absf and math.floor, which LLVM has
// as intrinsics, remain); f16 goes through f32. The values are checked in
// test/Execution/math-functions.mlir.

// CHECK-LABEL: func.func @activations
// CHECK-NOT: math.tanh
// CHECK-NOT: math.erf
// CHECK-NOT: math.sinh
// CHECK-NOT: math.exp
// CHECK: arith.extf %{{.*}} : f16 to f32
// CHECK-NOT: math.tanh
// CHECK-NOT: math.erf
// CHECK-NOT: math.sinh
// CHECK-NOT: math.exp
// CHECK: arith.truncf %{{.*}} : f32 to f16
// CHECK-NOT: math.tanh
// CHECK-NOT: math.erf
// CHECK-NOT: math.sinh
// CHECK-NOT: math.exp
// CHECK: return
func.func @activations(%a: vector<1x8xf32>, %h: f16, %p: f32)
    -> (vector<1x8xf32>, f16, f32) {
  %t = math.tanh %a : vector<1x8xf32>
  %e = math.erf %h : f16
  %s = math.sinh %p : f32
  return %t, %e, %s : vector<1x8xf32>, f16, f32
}
