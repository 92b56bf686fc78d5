// RUN: tconv-opt %s --split-input-file --tconv-hoist-vector-transfers | FileCheck %s

// A register tile's accumulator: read before the reduction loop, carried
// through it in a register, written once after it.
// CHECK-LABEL: func.func @accumulator
// CHECK-SAME: (%[[ACC:.*]]: memref<4x8xf32>, %[[IN:.*]]: memref<16x8xf32>)
// CHECK: %[[INIT:.*]] = vector.transfer_read %[[ACC]][%c0, %c0], %cst {in_bounds = [true]} : memref<4x8xf32>, vector<8xf32>
// CHECK-NEXT: %[[SUM:.*]] = scf.for %[[K:.*]] = %c0 to %c16 step %c1 iter_args(%[[A:.*]] = %[[INIT]]) -> (vector<8xf32>) {
// CHECK-NEXT: %[[X:.*]] = vector.transfer_read %[[IN]][%[[K]], %c0]
// CHECK-NEXT: %[[S:.*]] = arith.addf %[[A]], %[[X]] : vector<8xf32>
// CHECK-NEXT: scf.yield %[[S]] : vector<8xf32>
// CHECK-NEXT: {{^ *}}}
// CHECK-NEXT: vector.transfer_write %[[SUM]], %[[ACC]][%c0, %c0] {in_bounds = [true]} : vector<8xf32>, memref<4x8xf32>
// CHECK-NEXT: return
func.func @accumulator(%acc: memref<4x8xf32>, %in: memref<16x8xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %pad = arith.constant 0.0 : f32
  scf.for %k = %c0 to %c16 step %c1 {
    %a = vector.transfer_read %acc[%c0, %c0], %pad {in_bounds = [true]} : memref<4x8xf32>, vector<8xf32>
    %x = vector.transfer_read %in[%k, %c0], %pad {in_bounds = [true]} : memref<16x8xf32>, vector<8xf32>
    %s = arith.addf %a, %x : vector<8xf32>
    vector.transfer_write %s, %acc[%c0, %c0] {in_bounds = [true]} : vector<8xf32>, memref<4x8xf32>
  }
  return
}

// -----

// Out of every loop the indices do not depend on (two reduction loops).
// CHECK-LABEL: func.func @nested_loops
// CHECK-SAME: (%[[ACC:.*]]: memref<8xf32>, %[[IN:.*]]: memref<4x16x8xf32>)
// CHECK: %[[INIT:.*]] = vector.transfer_read %[[ACC]][%c0]
// CHECK-NEXT: %[[OUTER:.*]] = scf.for %[[I:.*]] = %c0 to %c4 step %c1 iter_args(%[[A:.*]] = %[[INIT]]) -> (vector<8xf32>) {
// CHECK-NEXT: %[[INNER:.*]] = scf.for %[[K:.*]] = %c0 to %c16 step %c1 iter_args(%[[B:.*]] = %[[A]]) -> (vector<8xf32>) {
// CHECK-NEXT: %[[X:.*]] = vector.transfer_read %[[IN]][%[[I]], %[[K]], %c0]
// CHECK-NEXT: %[[S:.*]] = arith.addf %[[B]], %[[X]]
// CHECK-NEXT: scf.yield %[[S]]
// CHECK-NEXT: {{^ *}}}
// CHECK-NEXT: scf.yield %[[INNER]]
// CHECK-NEXT: {{^ *}}}
// CHECK-NEXT: vector.transfer_write %[[OUTER]], %[[ACC]][%c0]
// CHECK-NEXT: return
func.func @nested_loops(%acc: memref<8xf32>, %in: memref<4x16x8xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c16 = arith.constant 16 : index
  %pad = arith.constant 0.0 : f32
  scf.for %i = %c0 to %c4 step %c1 {
    scf.for %k = %c0 to %c16 step %c1 {
      %a = vector.transfer_read %acc[%c0], %pad {in_bounds = [true]} : memref<8xf32>, vector<8xf32>
      %x = vector.transfer_read %in[%i, %k, %c0], %pad {in_bounds = [true]} : memref<4x16x8xf32>, vector<8xf32>
      %s = arith.addf %a, %x : vector<8xf32>
      vector.transfer_write %s, %acc[%c0] {in_bounds = [true]} : vector<8xf32>, memref<8xf32>
    }
  }
  return
}

// -----

// A loop-invariant read of memory the loop does not write is hoisted alone.
// CHECK-LABEL: func.func @invariant_read
// CHECK-SAME: (%[[W:.*]]: memref<8xf32>, %[[IN:.*]]: memref<16x8xf32>, %[[OUT:.*]]: memref<16x8xf32>)
// CHECK: %[[WV:.*]] = vector.transfer_read %[[W]][%c0]
// CHECK-NEXT: scf.for %[[K:.*]] = %c0 to %c16 step %c1 {
// CHECK-NEXT: %[[X:.*]] = vector.transfer_read %[[IN]][%[[K]], %c0]
// CHECK-NEXT: %[[P:.*]] = arith.mulf %[[WV]], %[[X]]
// CHECK-NEXT: vector.transfer_write %[[P]], %[[OUT]][%[[K]], %c0]
// CHECK-NEXT: {{^ *}}}
// CHECK-NEXT: return
func.func @invariant_read(%w: memref<8xf32>, %in: memref<16x8xf32>, %out: memref<16x8xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %pad = arith.constant 0.0 : f32
  scf.for %k = %c0 to %c16 step %c1 {
    %a = vector.transfer_read %w[%c0], %pad {in_bounds = [true]} : memref<8xf32>, vector<8xf32>
    %x = vector.transfer_read %in[%k, %c0], %pad {in_bounds = [true]} : memref<16x8xf32>, vector<8xf32>
    %s = arith.mulf %a, %x : vector<8xf32>
    vector.transfer_write %s, %out[%k, %c0] {in_bounds = [true]} : vector<8xf32>, memref<16x8xf32>
  }
  return
}

// -----

// Another write to the same memref that provably touches other elements
// (row 1, the pair is on row 0) does not stop the hoisting; it stays.
// CHECK-LABEL: func.func @disjoint_write
// CHECK-SAME: (%[[ACC:.*]]: memref<4x8xf32>, %[[IN:.*]]: memref<16x8xf32>)
// CHECK: %[[INIT:.*]] = vector.transfer_read %[[ACC]][%c0, %c0]
// CHECK-NEXT: %[[SUM:.*]] = scf.for %[[K:.*]] = %c0 to %c16 step %c1 iter_args(%[[A:.*]] = %[[INIT]]) -> (vector<8xf32>) {
// CHECK-NEXT: %[[X:.*]] = vector.transfer_read %[[IN]][%[[K]], %c0]
// CHECK-NEXT: %[[S:.*]] = arith.addf %[[A]], %[[X]]
// CHECK-NEXT: vector.transfer_write %[[X]], %[[ACC]][%c1, %c0]
// CHECK-NEXT: scf.yield %[[S]]
// CHECK-NEXT: {{^ *}}}
// CHECK-NEXT: vector.transfer_write %[[SUM]], %[[ACC]][%c0, %c0]
// CHECK-NEXT: return
func.func @disjoint_write(%acc: memref<4x8xf32>, %in: memref<16x8xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %pad = arith.constant 0.0 : f32
  scf.for %k = %c0 to %c16 step %c1 {
    %a = vector.transfer_read %acc[%c0, %c0], %pad {in_bounds = [true]} : memref<4x8xf32>, vector<8xf32>
    %x = vector.transfer_read %in[%k, %c0], %pad {in_bounds = [true]} : memref<16x8xf32>, vector<8xf32>
    %s = arith.addf %a, %x : vector<8xf32>
    vector.transfer_write %s, %acc[%c0, %c0] {in_bounds = [true]} : vector<8xf32>, memref<4x8xf32>
    vector.transfer_write %x, %acc[%c1, %c0] {in_bounds = [true]} : vector<8xf32>, memref<4x8xf32>
  }
  return
}

// -----

// Left alone: the indices depend on the loop.
// CHECK-LABEL: func.func @variant_indices
// CHECK-SAME: (%[[ACC:.*]]: memref<16x8xf32>, %[[IN:.*]]: memref<16x8xf32>)
// CHECK-NOT: vector.transfer_read
// CHECK: scf.for %[[K:.*]] = %c0 to %c16 step %c1 {
// CHECK-NEXT: %[[A:.*]] = vector.transfer_read %[[ACC]][%[[K]], %c0]
// CHECK-NEXT: %[[X:.*]] = vector.transfer_read %[[IN]][%[[K]], %c0]
// CHECK-NEXT: %[[S:.*]] = arith.addf %[[A]], %[[X]]
// CHECK-NEXT: vector.transfer_write %[[S]], %[[ACC]][%[[K]], %c0]
// CHECK-NEXT: {{^ *}}}
// CHECK-NEXT: return
func.func @variant_indices(%acc: memref<16x8xf32>, %in: memref<16x8xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %pad = arith.constant 0.0 : f32
  scf.for %k = %c0 to %c16 step %c1 {
    %a = vector.transfer_read %acc[%k, %c0], %pad {in_bounds = [true]} : memref<16x8xf32>, vector<8xf32>
    %x = vector.transfer_read %in[%k, %c0], %pad {in_bounds = [true]} : memref<16x8xf32>, vector<8xf32>
    %s = arith.addf %a, %x : vector<8xf32>
    vector.transfer_write %s, %acc[%k, %c0] {in_bounds = [true]} : vector<8xf32>, memref<16x8xf32>
  }
  return
}

// -----

// Left alone: another write to the memref may touch the same elements (row
// %j may be row 0).
// CHECK-LABEL: func.func @overlapping_write
// CHECK-SAME: (%[[ACC:.*]]: memref<4x8xf32>, %[[IN:.*]]: memref<16x8xf32>, %[[J:.*]]: index)
// CHECK-NOT: vector.transfer_read
// CHECK: scf.for %[[K:.*]] = %c0 to %c16 step %c1 {
// CHECK-NEXT: %[[A:.*]] = vector.transfer_read %[[ACC]][%c0, %c0]
// CHECK-NEXT: %[[X:.*]] = vector.transfer_read %[[IN]][%[[K]], %c0]
// CHECK-NEXT: %[[S:.*]] = arith.addf %[[A]], %[[X]]
// CHECK-NEXT: vector.transfer_write %[[S]], %[[ACC]][%c0, %c0]
// CHECK-NEXT: vector.transfer_write %[[X]], %[[ACC]][%[[J]], %c0]
// CHECK-NEXT: {{^ *}}}
// CHECK-NEXT: return
func.func @overlapping_write(%acc: memref<4x8xf32>, %in: memref<16x8xf32>, %j: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %pad = arith.constant 0.0 : f32
  scf.for %k = %c0 to %c16 step %c1 {
    %a = vector.transfer_read %acc[%c0, %c0], %pad {in_bounds = [true]} : memref<4x8xf32>, vector<8xf32>
    %x = vector.transfer_read %in[%k, %c0], %pad {in_bounds = [true]} : memref<16x8xf32>, vector<8xf32>
    %s = arith.addf %a, %x : vector<8xf32>
    vector.transfer_write %s, %acc[%c0, %c0] {in_bounds = [true]} : vector<8xf32>, memref<4x8xf32>
    vector.transfer_write %x, %acc[%j, %c0] {in_bounds = [true]} : vector<8xf32>, memref<4x8xf32>
  }
  return
}

// -----

// Left alone: the loop also accesses the memref through a view (why the
// pipeline folds subviews into the transfers first).
// CHECK-LABEL: func.func @access_through_view
// CHECK-SAME: (%[[ACC:.*]]: memref<4x8xf32>, %[[IN:.*]]: memref<16x8xf32>)
// CHECK: %[[ROW:.*]] = memref.subview %[[ACC]]
// CHECK-NEXT: scf.for %[[K:.*]] = %c0 to %c16 step %c1 {
// CHECK-NEXT: %[[A:.*]] = vector.transfer_read %[[ACC]][%c0, %c0]
// CHECK-NEXT: %[[X:.*]] = vector.transfer_read %[[IN]][%[[K]], %c0]
// CHECK-NEXT: %[[S:.*]] = arith.addf %[[A]], %[[X]]
// CHECK-NEXT: vector.transfer_write %[[S]], %[[ACC]][%c0, %c0]
// CHECK-NEXT: %[[V:.*]] = memref.load %[[ROW]][%[[K]]]
// CHECK-NEXT: memref.store %[[V]], %[[ROW]][%c1]
// CHECK-NEXT: {{^ *}}}
// CHECK-NEXT: return
func.func @access_through_view(%acc: memref<4x8xf32>, %in: memref<16x8xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %pad = arith.constant 0.0 : f32
  %row = memref.subview %acc[0, 0] [1, 8] [1, 1] : memref<4x8xf32> to memref<8xf32, strided<[1]>>
  scf.for %k = %c0 to %c16 step %c1 {
    %a = vector.transfer_read %acc[%c0, %c0], %pad {in_bounds = [true]} : memref<4x8xf32>, vector<8xf32>
    %x = vector.transfer_read %in[%k, %c0], %pad {in_bounds = [true]} : memref<16x8xf32>, vector<8xf32>
    %s = arith.addf %a, %x : vector<8xf32>
    vector.transfer_write %s, %acc[%c0, %c0] {in_bounds = [true]} : vector<8xf32>, memref<4x8xf32>
    %v = memref.load %row[%k] : memref<8xf32, strided<[1]>>
    memref.store %v, %row[%c1] : memref<8xf32, strided<[1]>>
  }
  return
}
