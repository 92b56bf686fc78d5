// RUN: tconv-opt %s --split-input-file --allow-unregistered-dialect --tconv-group-static-allocations | FileCheck %s

// Two static temporaries become views into one 64-byte aligned scratch
// buffer: 10 floats (40 bytes) and then, at the next multiple of 64, 3x5
// halves (30 bytes). The buffer is the function's static one when its flag
// was free, else a heap buffer; the flag is released before returning.
// The function's attribute records the buffer's size.
// CHECK: memref.global "private" @__tconv_scratch_two_temporaries : memref<94xi8> = dense<0> {alignment = 64 : i64}
// CHECK: memref.global "private" @__tconv_scratch_busy_two_temporaries : memref<1xi32> = dense<0>
// CHECK-LABEL: func.func @two_temporaries
// CHECK-SAME: tconv.static_scratch_bytes = 94 : i64
// CHECK-DAG: %[[ZERO:.*]] = arith.constant 0 : i32
// CHECK-DAG: %[[ONE:.*]] = arith.constant 1 : i32
// CHECK: %[[FLAG:.*]] = memref.get_global @__tconv_scratch_busy_two_temporaries
// CHECK: %[[OLD:.*]] = memref.atomic_rmw assign %[[ONE]], %[[FLAG]]
// CHECK: %[[CLAIMED:.*]] = arith.cmpi eq, %[[OLD]], %[[ZERO]]
// CHECK: %[[SCRATCH:.*]] = scf.if %[[CLAIMED]] -> (memref<94xi8>) {
// CHECK:   memref.get_global @__tconv_scratch_two_temporaries
// CHECK: } else {
// CHECK:   memref.alloc() {alignment = 64 : i64} : memref<94xi8>
// CHECK: }
// CHECK: memref.view %[[SCRATCH]][%{{.*}}][] : memref<94xi8> to memref<10xf32>
// CHECK: %[[C64:.*]] = arith.constant 64 : index
// CHECK: memref.view %[[SCRATCH]][%[[C64]]][] : memref<94xi8> to memref<3x5xf16>
// CHECK: scf.if %[[CLAIMED]] {
// CHECK:   memref.atomic_rmw assign %[[ZERO]], %[[FLAG]]
// CHECK: }
// CHECK-NEXT: return
func.func @two_temporaries(%x: f32, %h: f16) -> (f32, f16) {
  %c0 = arith.constant 0 : index
  %a = memref.alloc() : memref<10xf32>
  %b = memref.alloc() : memref<3x5xf16>
  memref.store %x, %a[%c0] : memref<10xf32>
  memref.store %h, %b[%c0, %c0] : memref<3x5xf16>
  %r = memref.load %a[%c0] : memref<10xf32>
  %s = memref.load %b[%c0, %c0] : memref<3x5xf16>
  return %r, %s : f32, f16
}

// -----

// Live ranges: %a (first to last use, through its view %av and the loop
// using it) ends before %b's first use, so %b takes %a's bytes although
// both were allocated at the top; %c is live with %b and goes after it. The
// largest (%b, 32 floats) is placed first: %b at 0, %c at 128, %a at 0.
// CHECK: memref.global "private" @__tconv_scratch_live_ranges : memref<192xi8>
// CHECK-LABEL: func.func @live_ranges
// CHECK: arith.constant 1 : index
// CHECK-NEXT: %[[A:.*]] = arith.constant 0 : index
// CHECK-NEXT: memref.view %{{.*}}[%[[A]]][] : memref<192xi8> to memref<16xf32>
// CHECK-NEXT: %[[B:.*]] = arith.constant 0 : index
// CHECK-NEXT: memref.view %{{.*}}[%[[B]]][] : memref<192xi8> to memref<32xf32>
// CHECK-NEXT: %[[C:.*]] = arith.constant 128 : index
// CHECK-NEXT: memref.view %{{.*}}[%[[C]]][] : memref<192xi8> to memref<16xf32>
func.func @live_ranges(%n: index, %x: f32) -> f32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %a = memref.alloc() : memref<16xf32>
  %b = memref.alloc() : memref<32xf32>
  %c = memref.alloc() : memref<16xf32>
  %av = memref.subview %a[0] [8] [1] : memref<16xf32> to memref<8xf32, strided<[1]>>
  memref.store %x, %a[%c0] : memref<16xf32>
  scf.for %i = %c0 to %n step %c1 {
    "test.use"(%av) : (memref<8xf32, strided<[1]>>) -> ()
  }
  memref.store %x, %b[%c0] : memref<32xf32>
  memref.store %x, %c[%c0] : memref<16xf32>
  %r = memref.load %b[%c0] : memref<32xf32>
  %s = memref.load %c[%c0] : memref<16xf32>
  %t = arith.addf %r, %s : f32
  return %t : f32
}

// -----

// Left alone: dynamic shapes, returned buffers (directly, through a view
// or carried by a loop) and buffers in nested regions; the one remaining temporary gets the
// scratch buffer.
// CHECK: memref.global "private" @__tconv_scratch_left_alone : memref<32xi8>
// CHECK-LABEL: func.func @left_alone
// CHECK: memref.alloc(%{{.*}}) : memref<?xf32>
// CHECK: memref.alloc() : memref<4xf32>
// CHECK: memref.alloc() : memref<2x3xf32>
// CHECK: memref.alloc() : memref<5xf32>
// CHECK: memref.view %{{.*}} : memref<32xi8> to memref<8xf32>
// CHECK: scf.for
// CHECK:   memref.alloc() : memref<2xf32>
func.func @left_alone(%n: index) -> (memref<4xf32>, memref<6xf32>, memref<5xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %dyn = memref.alloc(%n) : memref<?xf32>
  %ret = memref.alloc() : memref<4xf32>
  %viewed = memref.alloc() : memref<2x3xf32>
  %flat = memref.collapse_shape %viewed [[0, 1]] : memref<2x3xf32> into memref<6xf32>
  %carried = memref.alloc() : memref<5xf32>
  %looped = scf.for %i = %c0 to %n step %c1 iter_args(%b = %carried) -> (memref<5xf32>) {
    scf.yield %b : memref<5xf32>
  }
  %lone = memref.alloc() : memref<8xf32>
  scf.for %i = %c0 to %n step %c1 {
    %inner = memref.alloc() : memref<2xf32>
    "test.use"(%inner) : (memref<2xf32>) -> ()
  }
  "test.use"(%dyn, %lone) : (memref<?xf32>, memref<8xf32>) -> ()
  return %ret, %flat, %looped : memref<4xf32>, memref<6xf32>, memref<5xf32>
}

// -----

// Temporaries sized by a dim of an argument (a dynamic batch) share one heap
// buffer per call, 8 + 4 bytes per sample (live at once), at offsets that
// scale with the batch; the static one keeps its static buffer.
// CHECK: memref.global "private" @__tconv_scratch_batch : memref<64xi8>
// CHECK-LABEL: func.func @batch
// CHECK-SAME: (%[[X:.*]]: memref<?x3xf32>) attributes {tconv.static_scratch_bytes = 64 : i64}
// CHECK: %[[N:.*]] = memref.dim %[[X]], %c0
// CHECK: %[[BYTES:.*]] = arith.muli %[[N]], %c68
// CHECK: %[[HEAP:.*]] = memref.alloc(%[[BYTES]]) {alignment = 64 : i64} : memref<?xi8>
// CHECK: memref.view %{{.*}} : memref<64xi8> to memref<16xf32>
// CHECK: %[[A_AT:.*]] = arith.muli %[[N]], %c0
// CHECK: memref.view %[[HEAP]][%{{.*}}][%{{.*}}] : memref<?xi8> to memref<?x2xf32>
// CHECK: %[[B_AT:.*]] = arith.muli %[[N]], %c64
// CHECK: memref.view %[[HEAP]][%{{.*}}][%{{.*}}] : memref<?xi8> to memref<?xf32>
// CHECK-NOT: memref.alloc
func.func @batch(%x: memref<?x3xf32>) {
  %c0 = arith.constant 0 : index
  %n = memref.dim %x, %c0 : memref<?x3xf32>
  %static = memref.alloc() : memref<16xf32>
  %a = memref.alloc(%n) : memref<?x2xf32>
  %b = memref.alloc(%n) : memref<?xf32>
  "test.use"(%static, %a, %b) : (memref<16xf32>, memref<?x2xf32>, memref<?xf32>) -> ()
  return
}

// -----

// No static temporary: nothing changes.
// CHECK-NOT: memref.global
// CHECK-LABEL: func.func @none
// CHECK-NOT: memref.view
func.func @none(%n: index) -> memref<?xf32> {
  %dyn = memref.alloc(%n) : memref<?xf32>
  return %dyn : memref<?xf32>
}

// -----

// A function that runs once (weight packing) keeps its temporaries in one
// heap buffer: a static one would stay resident after the call.
// CHECK-NOT: memref.global
// CHECK-LABEL: func.func @runs_once
// CHECK-NOT: tconv.static_scratch_bytes
// CHECK: %[[HEAP:.*]] = memref.alloc() {alignment = 64 : i64} : memref<94xi8>
// CHECK: memref.view %[[HEAP]]
// CHECK: memref.view %[[HEAP]]
// CHECK: return
func.func @runs_once(%x: f32, %h: f16) -> (f32, f16) attributes {tconv.runs_once} {
  %c0 = arith.constant 0 : index
  %a = memref.alloc() : memref<10xf32>
  %b = memref.alloc() : memref<3x5xf16>
  memref.store %x, %a[%c0] : memref<10xf32>
  memref.store %h, %b[%c0, %c0] : memref<3x5xf16>
  %r = memref.load %a[%c0] : memref<10xf32>
  %s = memref.load %b[%c0, %c0] : memref<3x5xf16>
  return %r, %s : f32, f16
}

// -----

// Temporaries of scf.if branches (tconv-dispatch-narrow-weights' two ways)
// are grouped too; those of different branches are never live together and
// share bytes. A loop's stays its own.
// CHECK-LABEL: func.func @branches
// CHECK-SAME: tconv.static_scratch_bytes = 64 : i64
// CHECK: %[[A:.*]] = memref.view %{{.*}}[%{{.*}}][] : memref<64xi8> to memref<16xf32>
// CHECK: %[[B:.*]] = memref.view %{{.*}}[%{{.*}}][] : memref<64xi8> to memref<8xf32>
// CHECK: scf.if %{{.*}} {
// CHECK-NEXT: "test.use"(%[[A]])
// CHECK-NEXT: } else {
// CHECK-NEXT: "test.use"(%[[B]])
// CHECK: scf.if %{{.*}} {
// CHECK-NEXT: scf.for
// CHECK-NEXT: memref.alloc() : memref<4xf32>
func.func @branches(%c: i1, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  scf.if %c {
    %a = memref.alloc() : memref<16xf32>
    "test.use"(%a) : (memref<16xf32>) -> ()
  } else {
    %b = memref.alloc() : memref<8xf32>
    "test.use"(%b) : (memref<8xf32>) -> ()
  }
  scf.if %c {
    scf.for %i = %c0 to %n step %c1 {
      %t = memref.alloc() : memref<4xf32>
      "test.use"(%t) : (memref<4xf32>) -> ()
    }
  }
  return
}
