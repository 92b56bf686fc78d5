// RUN: tconv-opt %s --tconv-outline-tile-loops --split-input-file | FileCheck %s

// Each loop nest that computes register tiles (here vector.fma, as a
// depthwise tile does) becomes a private function, called where it was,
// neither inlined. The values it uses become arguments, the constants it
// uses are cloned into it. The other loop nest (a layout change) and what
// is not a loop (the allocation) stay.
// CHECK-LABEL: func.func private @two_nests_nest0
// CHECK-SAME: (%[[IN:.*]]: memref<16xf32>, %[[SCALE:.*]]: vector<4xf32>, %[[TMP:.*]]: memref<16xf32>)
// CHECK-SAME: attributes {no_inline}
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG: %[[C4:.*]] = arith.constant 4 : index
// CHECK-DAG: %[[C16:.*]] = arith.constant 16 : index
// CHECK-DAG: %[[ONE:.*]] = arith.constant dense<1.000000e+00> : vector<4xf32>
// CHECK: scf.for %[[I:.*]] = %[[C0]] to %[[C16]] step %[[C4]] {
// CHECK: %[[V:.*]] = vector.load %[[IN]][%[[I]]]
// CHECK: %[[F:.*]] = vector.fma %[[V]], %[[SCALE]], %[[ONE]]
// CHECK: vector.store %[[F]], %[[TMP]][%[[I]]]
// CHECK: return
// CHECK-LABEL: func.func private @two_nests_nest1
// CHECK-SAME: (%{{.*}}: memref<16xf32>, %{{.*}}: vector<1xf32>, %{{.*}}: memref<16xf32>) attributes {no_inline}
// CHECK: scf.forall
// CHECK-LABEL: func.func @two_nests
// CHECK-SAME: (%[[A:.*]]: memref<16xf32>, %[[B:.*]]: memref<16xf32>, %[[S:.*]]: f32)
// CHECK: %[[ALLOC:.*]] = memref.alloc()
// CHECK: %[[SPLAT:.*]] = vector.broadcast %[[S]] : f32 to vector<4xf32>
// CHECK: scf.for
// CHECK: memref.load
// CHECK: }
// CHECK-NEXT: call @two_nests_nest0(%[[A]], %[[SPLAT]], %[[ALLOC]]) {no_inline}
// CHECK-NEXT: call @two_nests_nest1(%[[ALLOC]], %{{.*}}, %[[B]]) {no_inline}
// CHECK-NEXT: memref.dealloc %[[ALLOC]]
// CHECK-NEXT: return
func.func @two_nests(%in: memref<16xf32>, %out: memref<16xf32>, %scale: f32) {
  %c0 = arith.constant 0 : index
  %c4 = arith.constant 4 : index
  %c16 = arith.constant 16 : index
  %one = arith.constant dense<1.0> : vector<4xf32>
  %tmp = memref.alloc() : memref<16xf32>
  %splat = vector.broadcast %scale : f32 to vector<4xf32>
  %other = vector.broadcast %scale : f32 to vector<1xf32>
  scf.for %i = %c0 to %c16 step %c4 {
    %v = memref.load %in[%i] : memref<16xf32>
    memref.store %v, %out[%i] : memref<16xf32>
  }
  scf.for %i = %c0 to %c16 step %c4 {
    %v = vector.load %in[%i] : memref<16xf32>, vector<4xf32>
    %f = vector.fma %v, %splat, %one : vector<4xf32>
    vector.store %f, %tmp[%i] : memref<16xf32>, vector<4xf32>
  }
  scf.forall (%i) in (16) {
    %v = vector.load %tmp[%i] : memref<16xf32>, vector<1xf32>
    %f = vector.fma %v, %other, %other : vector<1xf32>
    vector.store %f, %out[%i] : memref<16xf32>, vector<1xf32>
  }
  memref.dealloc %tmp : memref<16xf32>
  return
}

// -----

// A function that is one loop nest is its own function already.
// CHECK-LABEL: func.func @one_nest
// CHECK-NOT: call
// CHECK: scf.for
// CHECK: vector.fma
// CHECK-NOT: func.func
func.func @one_nest(%in: memref<16xf32>, %out: memref<16xf32>) {
  %c0 = arith.constant 0 : index
  %c4 = arith.constant 4 : index
  %c16 = arith.constant 16 : index
  scf.for %i = %c0 to %c16 step %c4 {
    %v = vector.load %in[%i] : memref<16xf32>, vector<4xf32>
    %f = vector.fma %v, %v, %v : vector<4xf32>
    vector.store %f, %out[%i] : memref<16xf32>, vector<4xf32>
  }
  return
}

// -----

// A name that is taken gets a suffix; a loop that returns a value stays
// in its function.
// CHECK: func.func private @taken_nest0()
// CHECK: func.func private @taken_nest0_0(%{{.*}}: memref<16xf32>, %{{.*}}: memref<16xf32>) attributes {no_inline}
// CHECK-LABEL: func.func @taken
// CHECK: call @taken_nest0_0
// CHECK: scf.for {{.*}} iter_args
// CHECK: vector.fma
func.func private @taken_nest0()

func.func @taken(%in: memref<16xf32>, %out: memref<16xf32>) -> vector<4xf32> {
  %c0 = arith.constant 0 : index
  %c4 = arith.constant 4 : index
  %c16 = arith.constant 16 : index
  %zero = arith.constant dense<0.0> : vector<4xf32>
  scf.for %i = %c0 to %c16 step %c4 {
    %v = vector.load %in[%i] : memref<16xf32>, vector<4xf32>
    %f = vector.fma %v, %v, %v : vector<4xf32>
    vector.store %f, %out[%i] : memref<16xf32>, vector<4xf32>
  }
  %sum = scf.for %i = %c0 to %c16 step %c4 iter_args(%acc = %zero) -> vector<4xf32> {
    %v = vector.load %out[%i] : memref<16xf32>, vector<4xf32>
    %f = vector.fma %v, %v, %acc : vector<4xf32>
    scf.yield %f : vector<4xf32>
  }
  return %sum : vector<4xf32>
}
