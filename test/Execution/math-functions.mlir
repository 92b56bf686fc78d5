// Execution tests: the math functions of activations (tconv-lower-math's
// polynomial approximations) and roundeven (requantization's rounding,
// exact) against Python's math in double, on a sweep
// of [-20, 20], range boundaries and f32 extremes (Inputs/math_functions.py
// runs every function and states the tolerances). Vectorized, scalar
// (vectorize=false) and for AVX2.

// RUN: %python %S/Inputs/math_functions.py %t tconv-run %s | FileCheck %s
// RUN: %python %S/Inputs/math_functions.py %t tconv-run %s --pipeline-options=vectorize=false | FileCheck %s
// RUN: %python %S/Inputs/math_functions.py %t tconv-run %s --target-cpu=haswell | FileCheck %s
// CHECK-NOT: FAIL
// CHECK: tanh: 4096 values, {{.*}} PASS
// CHECK: erf: {{.*}} PASS
// CHECK: exp: {{.*}} PASS
// CHECK: log: {{.*}} PASS
// CHECK: sigmoid: {{.*}} PASS
// CHECK: gelu: {{.*}} PASS
// CHECK: silu: {{.*}} PASS
// CHECK: tanh_f16: {{.*}} PASS
// CHECK: roundeven: {{.*}} PASS

#map = affine_map<(d0) -> (d0)>

func.func @tanh(%x: tensor<4096xf32>) -> tensor<4096xf32> {
  %e = tensor.empty() : tensor<4096xf32>
  %y = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel"]}
      ins(%x : tensor<4096xf32>) outs(%e : tensor<4096xf32>) {
  ^bb0(%a: f32, %out: f32):
    %r = math.tanh %a : f32
    linalg.yield %r : f32
  } -> tensor<4096xf32>
  return %y : tensor<4096xf32>
}

func.func @erf(%x: tensor<4096xf32>) -> tensor<4096xf32> {
  %e = tensor.empty() : tensor<4096xf32>
  %y = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel"]}
      ins(%x : tensor<4096xf32>) outs(%e : tensor<4096xf32>) {
  ^bb0(%a: f32, %out: f32):
    %r = math.erf %a : f32
    linalg.yield %r : f32
  } -> tensor<4096xf32>
  return %y : tensor<4096xf32>
}

func.func @exp(%x: tensor<4096xf32>) -> tensor<4096xf32> {
  %e = tensor.empty() : tensor<4096xf32>
  %c80 = arith.constant 80.0 : f32
  %y = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel"]}
      ins(%x : tensor<4096xf32>) outs(%e : tensor<4096xf32>) {
  ^bb0(%a: f32, %out: f32):
    %m = arith.minimumf %a, %c80 : f32
    %r = math.exp %m : f32
    linalg.yield %r : f32
  } -> tensor<4096xf32>
  return %y : tensor<4096xf32>
}

func.func @log(%x: tensor<4096xf32>) -> tensor<4096xf32> {
  %e = tensor.empty() : tensor<4096xf32>
  %half = arith.constant 0.5 : f32
  %y = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel"]}
      ins(%x : tensor<4096xf32>) outs(%e : tensor<4096xf32>) {
  ^bb0(%a: f32, %out: f32):
    %abs = math.absf %a : f32
    %p = arith.addf %abs, %half : f32
    %r = math.log %p : f32
    linalg.yield %r : f32
  } -> tensor<4096xf32>
  return %y : tensor<4096xf32>
}

// 1 / (1 + exp(-x)), as the importers write it.
func.func @sigmoid(%x: tensor<4096xf32>) -> tensor<4096xf32> {
  %e = tensor.empty() : tensor<4096xf32>
  %one = arith.constant 1.0 : f32
  %y = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel"]}
      ins(%x : tensor<4096xf32>) outs(%e : tensor<4096xf32>) {
  ^bb0(%a: f32, %out: f32):
    %n = arith.negf %a : f32
    %ex = math.exp %n : f32
    %d = arith.addf %ex, %one : f32
    %r = arith.divf %one, %d : f32
    linalg.yield %r : f32
  } -> tensor<4096xf32>
  return %y : tensor<4096xf32>
}

// 0.5 x (1 + erf(x / sqrt(2))).
func.func @gelu(%x: tensor<4096xf32>) -> tensor<4096xf32> {
  %e = tensor.empty() : tensor<4096xf32>
  %one = arith.constant 1.0 : f32
  %half = arith.constant 0.5 : f32
  %rsqrt2 = arith.constant 0.707106781186547524 : f32
  %y = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel"]}
      ins(%x : tensor<4096xf32>) outs(%e : tensor<4096xf32>) {
  ^bb0(%a: f32, %out: f32):
    %s = arith.mulf %a, %rsqrt2 : f32
    %erf = math.erf %s : f32
    %p = arith.addf %erf, %one : f32
    %h = arith.mulf %a, %half : f32
    %r = arith.mulf %h, %p : f32
    linalg.yield %r : f32
  } -> tensor<4096xf32>
  return %y : tensor<4096xf32>
}

// x * sigmoid(x).
func.func @silu(%x: tensor<4096xf32>) -> tensor<4096xf32> {
  %e = tensor.empty() : tensor<4096xf32>
  %one = arith.constant 1.0 : f32
  %y = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel"]}
      ins(%x : tensor<4096xf32>) outs(%e : tensor<4096xf32>) {
  ^bb0(%a: f32, %out: f32):
    %n = arith.negf %a : f32
    %ex = math.exp %n : f32
    %d = arith.addf %ex, %one : f32
    %r = arith.divf %a, %d : f32
    linalg.yield %r : f32
  } -> tensor<4096xf32>
  return %y : tensor<4096xf32>
}

// tanh on f16 (computed in f32 by the lowering).
func.func @tanh_f16(%x: tensor<4096xf32>) -> tensor<4096xf32> {
  %e = tensor.empty() : tensor<4096xf32>
  %y = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel"]}
      ins(%x : tensor<4096xf32>) outs(%e : tensor<4096xf32>) {
  ^bb0(%a: f32, %out: f32):
    %h = arith.truncf %a : f32 to f16
    %t = math.tanh %h : f16
    %r = arith.extf %t : f16 to f32
    linalg.yield %r : f32
  } -> tensor<4096xf32>
  return %y : tensor<4096xf32>
}

func.func @roundeven(%x: tensor<4096xf32>) -> tensor<4096xf32> {
  %e = tensor.empty() : tensor<4096xf32>
  %y = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel"]}
      ins(%x : tensor<4096xf32>) outs(%e : tensor<4096xf32>) {
  ^bb0(%a: f32, %out: f32):
    %r = math.roundeven %a : f32
    linalg.yield %r : f32
  } -> tensor<4096xf32>
  return %y : tensor<4096xf32>
}
