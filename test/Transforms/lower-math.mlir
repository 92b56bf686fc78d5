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

// Rounding stays for LLVM's intrinsics: upstream's expansion through
// x + 0.5 rounds 0.49999997 to 1 (test/Execution/math-functions.mlir).
// CHECK-LABEL: func.func @rounding
// CHECK: math.roundeven %{{.*}} : vector<8xf32>
// CHECK: math.round %{{.*}} : f64
func.func @rounding(%a: vector<8xf32>, %b: f64) -> (vector<8xf32>, f64) {
  %e = math.roundeven %a : vector<8xf32>
  %r = math.round %b : f64
  return %e, %r : vector<8xf32>, f64
}
