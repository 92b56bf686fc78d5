// RUN: tconv-opt %s --split-input-file --allow-unregistered-dialect --tconv-group-static-allocations | FileCheck %s

// Two static temporaries become views into one 64-byte aligned buffer:
// 10 floats (40 bytes, rounded up to 64) and then 3x5 halves (30 bytes).
// CHECK-LABEL: func.func @two_temporaries
// CHECK: %[[ARENA:.*]] = memref.alloc() {alignment = 64 : i64} : memref<128xi8>
// CHECK: %[[A:.*]] = memref.view %[[ARENA]][%c0{{.*}}][] : memref<128xi8> to memref<10xf32>
// CHECK: %[[B:.*]] = memref.view %[[ARENA]][%c64{{.*}}][] : memref<128xi8> to memref<3x5xf16>
// CHECK-NOT: memref.alloc
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

// Left alone: dynamic shapes, returned buffers, buffers in nested regions,
// and a lone temporary (nothing to group).
// CHECK-LABEL: func.func @left_alone
// CHECK: memref.alloc(%{{.*}}) : memref<?xf32>
// CHECK: memref.alloc() : memref<4xf32>
// CHECK: memref.alloc() : memref<8xf32>
// CHECK: scf.for
// CHECK:   memref.alloc() : memref<2xf32>
// CHECK-NOT: memref.view
func.func @left_alone(%n: index) -> memref<4xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %dyn = memref.alloc(%n) : memref<?xf32>
  %ret = memref.alloc() : memref<4xf32>
  %lone = memref.alloc() : memref<8xf32>
  scf.for %i = %c0 to %n step %c1 {
    %inner = memref.alloc() : memref<2xf32>
    "test.use"(%inner) : (memref<2xf32>) -> ()
  }
  "test.use"(%dyn, %lone) : (memref<?xf32>, memref<8xf32>) -> ()
  return %ret : memref<4xf32>
}
