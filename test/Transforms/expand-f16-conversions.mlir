// RUN: tconv-opt %s --split-input-file --tconv-expand-f16-conversions | FileCheck %s

// f16 -> f32: the bits, widened; sign, magnitude and exponent; the normal,
// zero/subnormal and infinity/NaN results, selected by the exponent.
// CHECK-LABEL: func.func @extend
// CHECK-SAME: (%[[H:.*]]: f16) -> f32
// CHECK-DAG: %[[ZERO:.*]] = arith.constant 0 : i32
// CHECK-DAG: %[[QNAN:.*]] = arith.constant 2143289344 : i32
// CHECK-DAG: %[[INF:.*]] = arith.constant 2139095040 : i32
// CHECK-DAG: %[[MINUS_2_M14:.*]] = arith.constant -6.10351563E-5 : f32
// CHECK-DAG: %[[BIAS_113:.*]] = arith.constant 947912704 : i32
// CHECK-DAG: %[[BIAS_112:.*]] = arith.constant 939524096 : i32
// CHECK-DAG: %[[C13:.*]] = arith.constant 13 : i32
// CHECK-DAG: %[[EXP_MASK:.*]] = arith.constant 31744 : i32
// CHECK-DAG: %[[ABS_MASK:.*]] = arith.constant 32767 : i32
// CHECK-DAG: %[[C16:.*]] = arith.constant 16 : i32
// CHECK-DAG: %[[SIGN_MASK:.*]] = arith.constant 32768 : i32
// CHECK: %[[BITS16:.*]] = arith.bitcast %[[H]] : f16 to i16
// CHECK-NEXT: %[[BITS:.*]] = arith.extui %[[BITS16]] : i16 to i32
// CHECK-NEXT: %[[SIGN_BIT:.*]] = arith.andi %[[BITS]], %[[SIGN_MASK]] : i32
// CHECK-NEXT: %[[SIGN:.*]] = arith.shli %[[SIGN_BIT]], %[[C16]] : i32
// CHECK-NEXT: %[[ABS:.*]] = arith.andi %[[BITS]], %[[ABS_MASK]] : i32
// CHECK-NEXT: %[[EXP:.*]] = arith.andi %[[BITS]], %[[EXP_MASK]] : i32
// CHECK-NEXT: %[[SHIFTED:.*]] = arith.shli %[[ABS]], %[[C13]] : i32
// CHECK-NEXT: %[[NORMAL:.*]] = arith.addi %[[SHIFTED]], %[[BIAS_112]] : i32
// CHECK-NEXT: %[[SUB_BITS:.*]] = arith.addi %[[SHIFTED]], %[[BIAS_113]] : i32
// CHECK-NEXT: %[[SUB_F:.*]] = arith.bitcast %[[SUB_BITS]] : i32 to f32
// CHECK-NEXT: %[[SUB_DIFF:.*]] = arith.addf %[[SUB_F]], %[[MINUS_2_M14]] : f32
// CHECK-NEXT: %[[SUBNORMAL:.*]] = arith.bitcast %[[SUB_DIFF]] : f32 to i32
// CHECK-NEXT: %[[IS_NAN:.*]] = arith.cmpi ugt, %[[ABS]], %[[EXP_MASK]] : i32
// CHECK-NEXT: %[[SPECIAL_EXP:.*]] = arith.select %[[IS_NAN]], %[[QNAN]], %[[INF]] : i32
// CHECK-NEXT: %[[SPECIAL:.*]] = arith.ori %[[SHIFTED]], %[[SPECIAL_EXP]] : i32
// CHECK-NEXT: %[[IS_SUB:.*]] = arith.cmpi eq, %[[EXP]], %[[ZERO]] : i32
// CHECK-NEXT: %[[IS_SPECIAL:.*]] = arith.cmpi eq, %[[EXP]], %[[EXP_MASK]] : i32
// CHECK-NEXT: %[[NOT_SUB:.*]] = arith.select %[[IS_SPECIAL]], %[[SPECIAL]], %[[NORMAL]] : i32
// CHECK-NEXT: %[[MAGNITUDE:.*]] = arith.select %[[IS_SUB]], %[[SUBNORMAL]], %[[NOT_SUB]] : i32
// CHECK-NEXT: %[[RESULT:.*]] = arith.ori %[[SIGN]], %[[MAGNITUDE]] : i32
// CHECK-NEXT: %[[F:.*]] = arith.bitcast %[[RESULT]] : i32 to f32
// CHECK-NEXT: return %[[F]] : f32
func.func @extend(%h: f16) -> f32 {
  %f = arith.extf %h : f16 to f32
  return %f : f32
}

// -----

// f32 -> f16: rounded normal, subnormal through the f32 sum with 0.5, NaN,
// infinity, selected by the magnitude.
// CHECK-LABEL: func.func @truncate
// CHECK-SAME: (%[[F:.*]]: f32) -> f16
// CHECK-DAG: %[[INF16:.*]] = arith.constant 31744 : i32
// CHECK-DAG: %[[MIN_NORMAL:.*]] = arith.constant 947912704 : i32
// CHECK-DAG: %[[OVERFLOW:.*]] = arith.constant 1199570944 : i32
// CHECK-DAG: %[[INF32:.*]] = arith.constant 2139095040 : i32
// CHECK-DAG: %[[QNAN16:.*]] = arith.constant 32256 : i32
// CHECK-DAG: %[[MANT_MASK:.*]] = arith.constant 1023 : i32
// CHECK-DAG: %[[HALF_BITS:.*]] = arith.constant 1056964608 : i32
// CHECK-DAG: %[[HALF:.*]] = arith.constant 5.000000e-01 : f32
// CHECK-DAG: %[[ROUND:.*]] = arith.constant 4095 : i32
// CHECK-DAG: %[[BIAS_112:.*]] = arith.constant 939524096 : i32
// CHECK-DAG: %[[ONE:.*]] = arith.constant 1 : i32
// CHECK-DAG: %[[C13:.*]] = arith.constant 13 : i32
// CHECK-DAG: %[[ABS_MASK:.*]] = arith.constant 2147483647 : i32
// CHECK-DAG: %[[SIGN_MASK:.*]] = arith.constant 32768 : i32
// CHECK-DAG: %[[C16:.*]] = arith.constant 16 : i32
// CHECK: %[[BITS:.*]] = arith.bitcast %[[F]] : f32 to i32
// CHECK-NEXT: %[[HIGH:.*]] = arith.shrui %[[BITS]], %[[C16]] : i32
// CHECK-NEXT: %[[SIGN:.*]] = arith.andi %[[HIGH]], %[[SIGN_MASK]] : i32
// CHECK-NEXT: %[[ABS:.*]] = arith.andi %[[BITS]], %[[ABS_MASK]] : i32
// CHECK-NEXT: %[[KEPT:.*]] = arith.shrui %[[ABS]], %[[C13]] : i32
// CHECK-NEXT: %[[ODD:.*]] = arith.andi %[[KEPT]], %[[ONE]] : i32
// CHECK-NEXT: %[[REBIASED:.*]] = arith.subi %[[ABS]], %[[BIAS_112]] : i32
// CHECK-NEXT: %[[BIASED:.*]] = arith.addi %[[REBIASED]], %[[ROUND]] : i32
// CHECK-NEXT: %[[ROUNDED:.*]] = arith.addi %[[BIASED]], %[[ODD]] : i32
// CHECK-NEXT: %[[NORMAL:.*]] = arith.shrui %[[ROUNDED]], %[[C13]] : i32
// CHECK-NEXT: %[[ABS_F:.*]] = arith.bitcast %[[ABS]] : i32 to f32
// CHECK-NEXT: %[[SUM:.*]] = arith.addf %[[ABS_F]], %[[HALF]] : f32
// CHECK-NEXT: %[[SUM_BITS:.*]] = arith.bitcast %[[SUM]] : f32 to i32
// CHECK-NEXT: %[[SUBNORMAL:.*]] = arith.subi %[[SUM_BITS]], %[[HALF_BITS]] : i32
// CHECK-NEXT: %[[PAYLOAD:.*]] = arith.andi %[[KEPT]], %[[MANT_MASK]] : i32
// CHECK-NEXT: %[[NAN:.*]] = arith.ori %[[PAYLOAD]], %[[QNAN16]] : i32
// CHECK-NEXT: %[[IS_NAN:.*]] = arith.cmpi ugt, %[[ABS]], %[[INF32]] : i32
// CHECK-NEXT: %[[IS_INF:.*]] = arith.cmpi uge, %[[ABS]], %[[OVERFLOW]] : i32
// CHECK-NEXT: %[[IS_SUB:.*]] = arith.cmpi ult, %[[ABS]], %[[MIN_NORMAL]] : i32
// CHECK-NEXT: %[[FINITE:.*]] = arith.select %[[IS_SUB]], %[[SUBNORMAL]], %[[NORMAL]] : i32
// CHECK-NEXT: %[[NOT_NAN:.*]] = arith.select %[[IS_INF]], %[[INF16]], %[[FINITE]] : i32
// CHECK-NEXT: %[[MAGNITUDE:.*]] = arith.select %[[IS_NAN]], %[[NAN]], %[[NOT_NAN]] : i32
// CHECK-NEXT: %[[RESULT:.*]] = arith.ori %[[SIGN]], %[[MAGNITUDE]] : i32
// CHECK-NEXT: %[[RESULT16:.*]] = arith.trunci %[[RESULT]] : i32 to i16
// CHECK-NEXT: %[[H:.*]] = arith.bitcast %[[RESULT16]] : i16 to f16
// CHECK-NEXT: return %[[H]] : f16
func.func @truncate(%f: f32) -> f16 {
  %h = arith.truncf %f : f32 to f16
  return %h : f16
}

// -----

// Vectors, 1-D and n-D (as the vectorized kernels have them before
// arith-to-llvm): the same code on vectors of the same shape.
// CHECK-LABEL: func.func @vectors
// CHECK-NOT: arith.extf
// CHECK-NOT: arith.truncf
// CHECK: arith.bitcast %{{.*}} : vector<8xf16> to vector<8xi16>
// CHECK: arith.extui %{{.*}} : vector<8xi16> to vector<8xi32>
// CHECK: arith.addf %{{.*}}, %{{.*}} : vector<8xf32>
// CHECK: arith.select %{{.*}}, %{{.*}}, %{{.*}} : vector<8xi1>, vector<8xi32>
// CHECK: arith.bitcast %{{.*}} : vector<8xi32> to vector<8xf32>
// CHECK: arith.bitcast %{{.*}} : vector<1x6x1xf32> to vector<1x6x1xi32>
// CHECK: arith.addf %{{.*}}, %{{.*}} : vector<1x6x1xf32>
// CHECK: arith.cmpi ugt, %{{.*}}, %{{.*}} : vector<1x6x1xi32>
// CHECK: arith.trunci %{{.*}} : vector<1x6x1xi32> to vector<1x6x1xi16>
// CHECK: arith.bitcast %{{.*}} : vector<1x6x1xi16> to vector<1x6x1xf16>
// CHECK-NOT: arith.extf
// CHECK-NOT: arith.truncf
// CHECK: return
func.func @vectors(%h: vector<8xf16>, %f: vector<1x6x1xf32>)
    -> (vector<8xf32>, vector<1x6x1xf16>) {
  %0 = arith.extf %h : vector<8xf16> to vector<8xf32>
  %1 = arith.truncf %f : vector<1x6x1xf32> to vector<1x6x1xf16>
  return %0, %1 : vector<8xf32>, vector<1x6x1xf16>
}

// -----

// Left alone: other types (bf16 is arith-expand-ops' job; f16 <-> f64 is
// not emitted by the kernels and would need its own rounding), a rounding
// mode other than to-nearest-even, and tensors.
// CHECK-LABEL: func.func @untouched
// CHECK-NEXT: arith.extf %{{.*}} : bf16 to f32
// CHECK-NEXT: arith.extf %{{.*}} : f16 to f64
// CHECK-NEXT: arith.truncf %{{.*}} : f64 to f16
// CHECK-NEXT: arith.truncf %{{.*}} : f32 to bf16
// CHECK-NEXT: arith.truncf %{{.*}} to_nearest_away : f32 to f16
// CHECK-NEXT: arith.extf %{{.*}} : tensor<4xf16> to tensor<4xf32>
// CHECK-NEXT: return
func.func @untouched(%b: bf16, %h: f16, %d: f64, %f: f32, %t: tensor<4xf16>)
    -> (f32, f64, f16, bf16, f16, tensor<4xf32>) {
  %0 = arith.extf %b : bf16 to f32
  %1 = arith.extf %h : f16 to f64
  %2 = arith.truncf %d : f64 to f16
  %3 = arith.truncf %f : f32 to bf16
  %4 = arith.truncf %f to_nearest_away : f32 to f16
  %5 = arith.extf %t : tensor<4xf16> to tensor<4xf32>
  return %0, %1, %2, %3, %4, %5 : f32, f64, f16, bf16, f16, tensor<4xf32>
}
