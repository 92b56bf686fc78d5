// RUN: tconv-opt %s --split-input-file --allow-unregistered-dialect --tconv-group-static-allocations="caller-scratch" --verify-diagnostics | FileCheck %s

// caller-scratch: no global, no heap buffer. Each function takes its static
// temporaries in a trailing memref<N x i8> argument and records N; a call
// passes a temporary of the caller's, itself in the caller's scratch
// buffer. @callee: two temporaries live at once, 64 + 4 bytes. @caller: its
// own 256-byte temporary, dead before the call, shares bytes with the
// callee's 68-byte buffer.
// CHECK-NOT: memref.global
// CHECK-LABEL: func.func @callee
// CHECK-SAME: (%{{.*}}: f32, %[[S:.*]]: memref<68xi8>) -> f32 attributes {tconv.scratch_bytes = 68 : i64}
// CHECK: memref.view %[[S]][%{{.*}}][] : memref<68xi8> to memref<16xf32>
// CHECK: memref.view %[[S]][%{{.*}}][] : memref<68xi8> to memref<1xf32>
// CHECK-NOT: memref.alloc
// CHECK-LABEL: func.func @caller
// CHECK-SAME: (%{{.*}}: f32, %[[S:.*]]: memref<256xi8>) -> f32 attributes {tconv.scratch_bytes = 256 : i64}
// CHECK: memref.view %[[S]][%{{.*}}][] : memref<256xi8> to memref<64xf32>
// CHECK: %[[T:.*]] = memref.view %[[S]][%{{.*}}][] : memref<256xi8> to memref<68xi8>
// CHECK: call @callee(%{{.*}}, %[[T]]) : (f32, memref<68xi8>) -> f32
// CHECK-NOT: memref.alloc
func.func @callee(%x: f32) -> f32 {
  %c0 = arith.constant 0 : index
  %a = memref.alloc() : memref<16xf32>
  %b = memref.alloc() : memref<1xf32>
  memref.store %x, %a[%c0] : memref<16xf32>
  memref.store %x, %b[%c0] : memref<1xf32>
  %r = memref.load %a[%c0] : memref<16xf32>
  %s = memref.load %b[%c0] : memref<1xf32>
  %t = arith.addf %r, %s : f32
  return %t : f32
}

func.func @caller(%x: f32) -> f32 {
  %c0 = arith.constant 0 : index
  %a = memref.alloc() : memref<64xf32>
  memref.store %x, %a[%c0] : memref<64xf32>
  %r = memref.load %a[%c0] : memref<64xf32>
  %y = func.call @callee(%r) : (f32) -> f32
  return %y : f32
}

// -----

// Without temporaries the buffer has no bytes; dynamic ones stay.
// CHECK-LABEL: func.func @none
// CHECK-SAME: (%{{.*}}: index, %{{.*}}: memref<0xi8>) attributes {tconv.scratch_bytes = 0 : i64}
// CHECK: memref.alloc(%{{.*}}) : memref<?xf32>
func.func @none(%n: index) {
  %dyn = memref.alloc(%n) : memref<?xf32>
  "test.use"(%dyn) : (memref<?xf32>) -> ()
  return
}

// -----

// expected-error @+1 {{caller-scratch: @recursive is recursive}}
func.func @recursive(%x: f32) -> f32 {
  %y = func.call @recursive(%x) : (f32) -> f32
  return %y : f32
}

// -----

// Temporaries sized by a dim of an argument (a dynamic batch) live after the
// static ones (64 bytes), at offsets that scale with it: the caller's
// buffer is 64 + 136 bytes per sample (all three live at once, largest
// first: 16 bytes per sample at 0, 12 at 64, 8 at 128). Sizes are followed
// through memref.dim of allocs, collapse_shape and expand_shape. Left
// alone: a size that is not a dim (%twice), and a dim of another argument
// than the first one found.
// CHECK-LABEL: func.func @batch
// CHECK-SAME: (%[[X:.*]]: memref<?x1x3xf32>, %{{.*}}: memref<?xf32>, %[[S:.*]]: memref<?xi8>) attributes {tconv.scratch_bytes = 64 : i64, tconv.scratch_bytes_per_dim = 136 : i64, tconv.scratch_dim = array<i64: 0, 0>}
// CHECK: %[[N:.*]] = memref.dim %[[X]], %c0
// CHECK: memref.view %[[S]][%{{.*}}][] : memref<?xi8> to memref<16xf32>
// CHECK: %[[A_PER:.*]] = arith.muli %[[N]], %c64
// CHECK: %[[A_AT:.*]] = arith.addi %c64{{.*}}, %[[A_PER]]
// CHECK: memref.view %[[S]][%[[A_AT]]][%{{.*}}] : memref<?xi8> to memref<?x1x3xf32>
// CHECK: %[[B_PER:.*]] = arith.muli %[[N]], %c0
// CHECK: %[[B_AT:.*]] = arith.addi %c64{{.*}}, %[[B_PER]]
// CHECK: memref.view %[[S]][%[[B_AT]]][%{{.*}}] : memref<?xi8> to memref<?x4xf32>
// CHECK: %[[D_PER:.*]] = arith.muli %[[N]], %c128
// CHECK: %[[D_AT:.*]] = arith.addi %c64{{.*}}, %[[D_PER]]
// CHECK: memref.view %[[S]][%[[D_AT]]][%{{.*}}] : memref<?xi8> to memref<?x2xf32>
// CHECK: memref.alloc(%{{.*}}) : memref<?xf32>
// CHECK: memref.alloc(%{{.*}}) : memref<?xf32>
func.func @batch(%x: memref<?x1x3xf32>, %y: memref<?xf32>) {
  %c0 = arith.constant 0 : index
  %c2 = arith.constant 2 : index
  %n = memref.dim %x, %c0 : memref<?x1x3xf32>
  %static = memref.alloc() : memref<16xf32>
  %a = memref.alloc(%n) : memref<?x1x3xf32>
  %collapsed = memref.collapse_shape %a [[0, 1], [2]] : memref<?x1x3xf32> into memref<?x3xf32>
  %m = memref.dim %collapsed, %c0 : memref<?x3xf32>
  %b = memref.alloc(%m) : memref<?x4xf32>
  %expanded = memref.expand_shape %b [[0], [1, 2]] output_shape [%m, 2, 2] : memref<?x4xf32> into memref<?x2x2xf32>
  %k = memref.dim %expanded, %c0 : memref<?x2x2xf32>
  %d = memref.alloc(%k) : memref<?x2xf32>
  %twice = arith.muli %n, %c2 : index
  %product = memref.alloc(%twice) : memref<?xf32>
  %l = memref.dim %y, %c0 : memref<?xf32>
  %other = memref.alloc(%l) : memref<?xf32>
  "test.use"(%static, %a, %b, %d, %product, %other) : (memref<16xf32>, memref<?x1x3xf32>, memref<?x4xf32>, memref<?x2xf32>, memref<?xf32>, memref<?xf32>) -> ()
  return
}

// -----

// A callee's buffer is sized statically at its call sites: its temporaries
// sized by a batch share one heap buffer per call instead.
// CHECK-LABEL: func.func @batched_callee
// CHECK-SAME: (%[[X:.*]]: memref<?xf32>, %{{.*}}: memref<0xi8>) attributes {tconv.scratch_bytes = 0 : i64} {
// CHECK: %[[N:.*]] = memref.dim %[[X]], %c0
// CHECK: %[[BYTES:.*]] = arith.muli %[[N]], %c8
// CHECK: %[[HEAP:.*]] = memref.alloc(%[[BYTES]]) {alignment = 64 : i64} : memref<?xi8>
// CHECK: memref.view %[[HEAP]][%{{.*}}][%{{.*}}] : memref<?xi8> to memref<?x2xf32>
// CHECK-LABEL: func.func @batched_caller
// CHECK-SAME: (%{{.*}}: memref<?xf32>, %{{.*}}: memref<0xi8>) attributes {tconv.scratch_bytes = 0 : i64} {
func.func @batched_callee(%x: memref<?xf32>) {
  %c0 = arith.constant 0 : index
  %n = memref.dim %x, %c0 : memref<?xf32>
  %a = memref.alloc(%n) : memref<?x2xf32>
  "test.use"(%a) : (memref<?x2xf32>) -> ()
  return
}

func.func @batched_caller(%x: memref<?xf32>) {
  func.call @batched_callee(%x) : (memref<?xf32>) -> ()
  return
}
