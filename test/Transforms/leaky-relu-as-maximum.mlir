// RUN: tconv-opt %s --tconv-leaky-relu-as-maximum --split-input-file | FileCheck %s

// x > 0 ? x : 0.2 x: the larger of x and 0.2 x.
// CHECK-LABEL: func.func @leaky
// CHECK-SAME: (%[[X:.*]]: f32)
// CHECK: %[[M:.*]] = arith.mulf %[[X]], %{{.*}} : f32
// CHECK: %[[G:.*]] = arith.cmpf ogt, %[[X]], %[[M]] : f32
// CHECK: %[[Y:.*]] = arith.select %[[G]], %[[X]], %[[M]] : f32
// CHECK-NOT: arith.cmpf
// CHECK: return %[[Y]]
func.func @leaky(%x: f32) -> f32 {
  %zero = arith.constant 0.0 : f32
  %slope = arith.constant 0.2 : f32
  %c = arith.cmpf ogt, %x, %zero : f32
  %m = arith.mulf %x, %slope : f32
  %y = arith.select %c, %x, %m : f32
  return %y : f32
}

// -----

// Vectors: the slope splat, the multiply written c * x, the compare
// reversed (0 <= x, unordered), -0.0 as the zero.
// CHECK-LABEL: func.func @vector
// CHECK-SAME: (%[[X:.*]]: vector<16xf32>)
// CHECK: %[[M:.*]] = arith.mulf %[[X]], %{{.*}} : vector<16xf32>
// CHECK: %[[G:.*]] = arith.cmpf ogt, %[[X]], %[[M]] : vector<16xf32>
// CHECK: arith.select %[[G]], %[[X]], %[[M]] : vector<16xi1>, vector<16xf32>
func.func @vector(%x: vector<16xf32>) -> vector<16xf32> {
  %zero = arith.constant dense<-0.0> : vector<16xf32>
  %slope = arith.constant dense<0.5> : vector<16xf32>
  %c = arith.cmpf ule, %zero, %x : vector<16xf32>
  %m = arith.mulf %slope, %x : vector<16xf32>
  %y = arith.select %c, %x, %m : vector<16xi1>, vector<16xf32>
  return %y : vector<16xf32>
}

// -----

// x < 0 ? c x : x, in bf16.
// CHECK-LABEL: func.func @negative_test
// CHECK-SAME: (%[[X:.*]]: bf16)
// CHECK: %[[M:.*]] = arith.mulf %[[X]], %{{.*}} : bf16
// CHECK: %[[G:.*]] = arith.cmpf ogt, %[[X]], %[[M]] : bf16
// CHECK: arith.select %[[G]], %[[X]], %[[M]] : bf16
func.func @negative_test(%x: bf16) -> bf16 {
  %zero = arith.constant 0.0 : bf16
  %slope = arith.constant 0.01 : bf16
  %c = arith.cmpf olt, %x, %zero : bf16
  %m = arith.mulf %x, %slope : bf16
  %y = arith.select %c, %m, %x : bf16
  return %y : bf16
}

// -----

// Left as they are: slopes 0 (+inf * 0 is NaN, not +inf), above 1,
// negative and not constant; a compare with something else than zero; the
// branches the wrong way round; an equality.
// CHECK-LABEL: func.func @not_leaky
// CHECK-COUNT-7: arith.cmpf {{o|u}}{{gt|lt|eq}}, %{{[a-z0-9_]+}}, %cst
// CHECK-NOT: arith.cmpf
func.func @not_leaky(%x: f32, %s: f32) -> (f32, f32, f32, f32, f32, f32, f32) {
  %zero = arith.constant 0.0 : f32
  %one = arith.constant 1.0 : f32
  %c0 = arith.constant 0.0 : f32
  %c2 = arith.constant 2.0 : f32
  %cn = arith.constant -0.5 : f32
  %ch = arith.constant 0.5 : f32
  %c = arith.cmpf ogt, %x, %zero : f32
  %m0 = arith.mulf %x, %c0 : f32
  %y0 = arith.select %c, %x, %m0 : f32
  %c_1 = arith.cmpf ogt, %x, %zero : f32
  %m2 = arith.mulf %x, %c2 : f32
  %y2 = arith.select %c_1, %x, %m2 : f32
  %c_2 = arith.cmpf ogt, %x, %zero : f32
  %mn = arith.mulf %x, %cn : f32
  %yn = arith.select %c_2, %x, %mn : f32
  %c_3 = arith.cmpf ogt, %x, %zero : f32
  %ms = arith.mulf %x, %s : f32
  %ys = arith.select %c_3, %x, %ms : f32
  %c_4 = arith.cmpf ogt, %x, %one : f32
  %mh = arith.mulf %x, %ch : f32
  %yo = arith.select %c_4, %x, %mh : f32
  %c_5 = arith.cmpf ogt, %x, %zero : f32
  %mw = arith.mulf %x, %ch : f32
  %yw = arith.select %c_5, %mw, %x : f32
  %c_6 = arith.cmpf oeq, %x, %zero : f32
  %me = arith.mulf %x, %ch : f32
  %ye = arith.select %c_6, %x, %me : f32
  return %y0, %y2, %yn, %ys, %yo, %yw, %ye : f32, f32, f32, f32, f32, f32, f32
}
