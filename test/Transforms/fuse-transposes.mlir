// RUN: tconv-opt %s --tconv-fuse-transposes --split-input-file | FileCheck %s

#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#channel = affine_map<(d0, d1, d2, d3) -> (d1)>

// Back to channels-first, a per-channel PReLU-like op, to channels-last
// again: one generic from NHWC to NHWC, its maps the identity.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[C:.*]] = affine_map<(d0, d1, d2, d3) -> (d3)>
// CHECK-LABEL: func.func @round_trip
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x4x8xf32>, %[[S:.*]]: tensor<8xf32>)
// CHECK-NOT: linalg.transpose
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[C]], #[[ID]]]
// CHECK-SAME: ins(%[[X]], %[[S]] : tensor<1x4x4x8xf32>, tensor<8xf32>) outs(%{{.*}} : tensor<1x4x4x8xf32>)
// CHECK: arith.mulf
// CHECK-NOT: linalg.transpose
// CHECK: return %[[R]]
func.func @round_trip(%x: tensor<1x4x4x8xf32>, %s: tensor<8xf32>) -> tensor<1x4x4x8xf32> {
  %e1 = tensor.empty() : tensor<1x8x4x4xf32>
  %t1 = linalg.transpose ins(%x : tensor<1x4x4x8xf32>) outs(%e1 : tensor<1x8x4x4xf32>) permutation = [0, 3, 1, 2]
  %g = linalg.generic {indexing_maps = [#id, #channel, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
       ins(%t1, %s : tensor<1x8x4x4xf32>, tensor<8xf32>) outs(%e1 : tensor<1x8x4x4xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %m = arith.mulf %a, %b : f32
    linalg.yield %m : f32
  } -> tensor<1x8x4x4xf32>
  %e2 = tensor.empty() : tensor<1x4x4x8xf32>
  %t2 = linalg.transpose ins(%g : tensor<1x8x4x4xf32>) outs(%e2 : tensor<1x4x4x8xf32>) permutation = [0, 2, 3, 1]
  return %t2 : tensor<1x4x4x8xf32>
}

// -----

#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>

// The activation has a second use: the transposes stay, nothing is
// computed twice.
// CHECK-LABEL: func.func @shared
// CHECK: linalg.generic
// CHECK: arith.maximumf
// CHECK: linalg.transpose
// CHECK-NOT: arith.maximumf
// CHECK: return
func.func @shared(%x: tensor<1x8x4x4xf32>) -> (tensor<1x4x4x8xf32>, tensor<1x8x4x4xf32>) {
  %zero = arith.constant 0.0 : f32
  %e1 = tensor.empty() : tensor<1x8x4x4xf32>
  %g = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
       ins(%x : tensor<1x8x4x4xf32>) outs(%e1 : tensor<1x8x4x4xf32>) {
  ^bb0(%a: f32, %o: f32):
    %m = arith.maximumf %a, %zero : f32
    linalg.yield %m : f32
  } -> tensor<1x8x4x4xf32>
  %e2 = tensor.empty() : tensor<1x4x4x8xf32>
  %t = linalg.transpose ins(%g : tensor<1x8x4x4xf32>) outs(%e2 : tensor<1x4x4x8xf32>) permutation = [0, 2, 3, 1]
  return %t, %g : tensor<1x4x4x8xf32>, tensor<1x8x4x4xf32>
}

// -----

#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>

// Elementwise ops that do not transpose are left to the rest of the
// pipeline.
// CHECK-LABEL: func.func @no_transpose
// CHECK-COUNT-2: linalg.generic
func.func @no_transpose(%x: tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x8x4x4xf32>
  %g = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
       ins(%x : tensor<1x8x4x4xf32>) outs(%e : tensor<1x8x4x4xf32>) {
  ^bb0(%a: f32, %o: f32):
    %m = arith.maximumf %a, %zero : f32
    linalg.yield %m : f32
  } -> tensor<1x8x4x4xf32>
  %h = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
       ins(%g : tensor<1x8x4x4xf32>) outs(%e : tensor<1x8x4x4xf32>) {
  ^bb0(%a: f32, %o: f32):
    %m = arith.mulf %a, %a : f32
    linalg.yield %m : f32
  } -> tensor<1x8x4x4xf32>
  return %h : tensor<1x8x4x4xf32>
}
