// RUN: tconv-opt %s --convert-tconv-to-linalg="channels-last-compute=false" | FileCheck %s

// Zero points of 0 subtract nothing; grouped ops multiply-accumulate in i32
// (muli, addi) in their linalg.generic (3-D, channels-first: no named op).
// CHECK-LABEL: func.func @groups_no_zero_points
// CHECK-NOT: arith.subi
// CHECK: linalg.generic
// CHECK: arith.muli %{{.*}}, %{{.*}} : i32
// CHECK-NEXT: arith.addi %{{.*}}, %{{.*}} : i32
// CHECK-NOT: arith.mulf
func.func @groups_no_zero_points(%x: tensor<1x4x3x3x3xi8>, %w: tensor<4x1x2x2x2xi8>) -> tensor<1x2x4x4x4xi32> {
  %y = tconv.conv_transpose %x, %w {groups = 2 : i64}
       : (tensor<1x4x3x3x3xi8>, tensor<4x1x2x2x2xi8>) -> tensor<1x2x4x4x4xi32>
  return %y : tensor<1x2x4x4x4xi32>
}
