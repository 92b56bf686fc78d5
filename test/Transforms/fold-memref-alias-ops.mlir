// RUN: tconv-opt %s --split-input-file --tconv-fold-memref-alias-ops | FileCheck %s
// RUN: mlir-opt %s --split-input-file --fold-memref-alias-ops | FileCheck %s --check-prefix=UPSTREAM

// The UPSTREAM prefix is the canary of the tag
// UPSTREAM(LLVM 22, llvm/llvm-project#177016): upstream's pass still folds
// the first case unsoundly. When it fails, upstream fixed it: remove the
// workaround at the tag (tconv-fold-memref-alias-ops may then give way to
// upstream's).

// The read of a phase convolution's input once its unit channel dim was
// moved by reshapes (random configuration 405 of seed 18988404): the six
// elements run along the expanded dim 2, which shares its group with dim 3.
// Upstream reads them along the source's unit dim 1 instead, across batch
// rows; the view stays.
// CHECK-LABEL: func.func @vector_dim_inside_group
// CHECK: %[[VIEW:.*]] = memref.expand_shape
// CHECK: vector.transfer_read %[[VIEW]]
// UPSTREAM-LABEL: func.func @vector_dim_inside_group
// UPSTREAM: vector.transfer_read %arg0[%arg1, %c0, %c1], %{{.*}} {in_bounds = [true, true, true]} : memref<3x1x8xf32>, vector<1x6x1xf32>
func.func @vector_dim_inside_group(%source: memref<3x1x8xf32>, %n: index) -> vector<1x6x1xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %pad = arith.constant 0.0 : f32
  %view = memref.expand_shape %source [[0], [1], [2, 3]] output_shape [3, 1, 8, 1] : memref<3x1x8xf32> into memref<3x1x8x1xf32>
  %v = vector.transfer_read %view[%n, %c0, %c1, %c0], %pad {in_bounds = [true, true, true], permutation_map = affine_map<(d0, d1, d2, d3) -> (d1, d2, d3)>} : memref<3x1x8x1xf32>, vector<1x6x1xf32>
  return %v : vector<1x6x1xf32>
}

// -----

// Through a subview, as the vectorized convolution reads it: the subview
// folds, the expand_shape stays.
// CHECK-LABEL: func.func @vector_dim_inside_group_subview
// CHECK: %[[VIEW:.*]] = memref.expand_shape
// CHECK-NOT: memref.subview
// CHECK: vector.transfer_read %[[VIEW]][%arg1, %c0, %c1, %c0]
// CHECK-SAME: memref<3x1x8x1xf32>, vector<6x1xf32>
func.func @vector_dim_inside_group_subview(%source: memref<3x1x8xf32>, %n: index) -> vector<6x1xf32> {
  %c0 = arith.constant 0 : index
  %pad = arith.constant 0.0 : f32
  %view = memref.expand_shape %source [[0], [1], [2, 3]] output_shape [3, 1, 8, 1] : memref<3x1x8xf32> into memref<3x1x8x1xf32>
  %sub = memref.subview %view[%n, 0, 1, 0] [1, 1, 6, 1] [1, 1, 1, 1] : memref<3x1x8x1xf32> to memref<6x1xf32, strided<[1, 1], offset: ?>>
  %v = vector.transfer_read %sub[%c0, %c0], %pad {in_bounds = [true, true]} : memref<6x1xf32, strided<[1, 1], offset: ?>>, vector<6x1xf32>
  return %v : vector<6x1xf32>
}

// -----

// Each vector dim is the innermost of its group: the read folds.
// CHECK-LABEL: func.func @vector_dims_innermost
// CHECK-NOT: memref.expand_shape
// CHECK: %[[ROW:.*]] = affine.linearize_index
// CHECK: vector.transfer_read %arg0[%[[ROW]], %c0], %{{.*}} {in_bounds = [true, true]} : memref<4x6xf32>, vector<2x6xf32>
func.func @vector_dims_innermost(%source: memref<4x6xf32>, %i: index) -> vector<2x6xf32> {
  %c0 = arith.constant 0 : index
  %pad = arith.constant 0.0 : f32
  %view = memref.expand_shape %source [[0, 1], [2]] output_shape [2, 2, 6] : memref<4x6xf32> into memref<2x2x6xf32>
  %v = vector.transfer_read %view[%i, %c0, %c0], %pad {in_bounds = [true, true]} : memref<2x2x6xf32>, vector<2x6xf32>
  return %v : vector<2x6xf32>
}

// -----

// The same read, but possibly out of bounds along dim 1: past row 1 of a
// pair it pads, where the folded read would read the next pair's rows.
// CHECK-LABEL: func.func @out_of_bounds_in_group
// CHECK: %[[VIEW:.*]] = memref.expand_shape
// CHECK: vector.transfer_read %[[VIEW]]
func.func @out_of_bounds_in_group(%source: memref<4x6xf32>, %i: index, %j: index) -> vector<2x6xf32> {
  %c0 = arith.constant 0 : index
  %pad = arith.constant 0.0 : f32
  %view = memref.expand_shape %source [[0, 1], [2]] output_shape [2, 2, 6] : memref<4x6xf32> into memref<2x2x6xf32>
  %v = vector.transfer_read %view[%i, %j, %c0], %pad {in_bounds = [false, true]} : memref<2x2x6xf32>, vector<2x6xf32>
  return %v : vector<2x6xf32>
}

// -----

// Possibly out of bounds, but with only unit dims beside it in its group:
// folds.
// CHECK-LABEL: func.func @out_of_bounds_unit_group
// CHECK-NOT: memref.expand_shape
// CHECK: %[[COL:.*]] = affine.linearize_index [%c0, %arg2] by (1, 6)
// CHECK: vector.transfer_read %arg0[%arg1, %[[COL]]], %{{.*}} : memref<4x6xf32>, vector<6xf32>
func.func @out_of_bounds_unit_group(%source: memref<4x6xf32>, %i: index, %j: index) -> vector<6xf32> {
  %c0 = arith.constant 0 : index
  %pad = arith.constant 0.0 : f32
  %view = memref.expand_shape %source [[0], [1, 2]] output_shape [4, 1, 6] : memref<4x6xf32> into memref<4x1x6xf32>
  %v = vector.transfer_read %view[%i, %c0, %j], %pad : memref<4x1x6xf32>, vector<6xf32>
  return %v : vector<6xf32>
}

// -----

// vector.load reads the trailing dims as transfer_read does: the same
// unsound fold is left out.
// CHECK-LABEL: func.func @vector_load_inside_group
// CHECK: %[[VIEW:.*]] = memref.expand_shape
// CHECK: vector.load %[[VIEW]]
func.func @vector_load_inside_group(%source: memref<3x8xf32>, %n: index) -> vector<6x1xf32> {
  %c0 = arith.constant 0 : index
  %view = memref.expand_shape %source [[0], [1, 2]] output_shape [3, 8, 1] : memref<3x8xf32> into memref<3x8x1xf32>
  %v = vector.load %view[%n, %c0, %c0] : memref<3x8x1xf32>, vector<6x1xf32>
  return %v : vector<6x1xf32>
}

// -----

// Scalar loads and stores fold through any reshape.
// CHECK-LABEL: func.func @scalar
// CHECK-NOT: memref.expand_shape
// CHECK: memref.load %arg0
// CHECK: memref.store %{{.*}}, %arg0
func.func @scalar(%source: memref<3x8xf32>, %i: index, %j: index) {
  %view = memref.expand_shape %source [[0], [1, 2]] output_shape [3, 8, 1] : memref<3x8xf32> into memref<3x8x1xf32>
  %c0 = arith.constant 0 : index
  %x = memref.load %view[%i, %j, %c0] : memref<3x8x1xf32>
  memref.store %x, %view[%j, %i, %c0] : memref<3x8x1xf32>
  return
}
