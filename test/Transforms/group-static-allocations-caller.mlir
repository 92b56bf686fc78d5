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
