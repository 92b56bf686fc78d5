// RUN: tconv-opt %s --split-input-file --allow-unregistered-dialect --tconv-group-static-allocations | FileCheck %s --check-prefix=ALL
// RUN: tconv-opt %s --split-input-file --allow-unregistered-dialect --tconv-group-static-allocations="max-static-bytes=4172" | FileCheck %s --check-prefix=ALL
// RUN: tconv-opt %s --split-input-file --allow-unregistered-dialect --tconv-group-static-allocations="max-static-bytes=4171" | FileCheck %s --check-prefix=BELOW
// RUN: tconv-opt %s --split-input-file --allow-unregistered-dialect --tconv-group-static-allocations="max-static-bytes=128" | FileCheck %s --check-prefix=SKIP
// RUN: tconv-opt %s --split-input-file --allow-unregistered-dialect --tconv-group-static-allocations="max-static-bytes=0" | FileCheck %s --check-prefix=HEAP

// max-static-bytes bounds the static scratch buffer. The temporaries, all
// live at once, take 64, 4096 and 12 bytes; placed largest first at 64-byte
// aligned offsets (4096 at 0, 64 at 4096, 12 at 4160): 4172 bytes in all.

// Up to the limit (the default of 8 MiB, or exactly 4172): all static, no
// heap buffer but the one of a concurrent call.
// ALL: memref.global "private" @__tconv_scratch_three : memref<4172xi8>
// ALL-LABEL: func.func @three
// ALL: %[[SCRATCH:.*]] = scf.if
// ALL: memref.view %[[SCRATCH]][%{{.*}}][] : memref<4172xi8> to memref<16xf32>
// ALL: memref.view %[[SCRATCH]][%{{.*}}][] : memref<4172xi8> to memref<1024xf32>
// ALL: memref.view %[[SCRATCH]][%{{.*}}][] : memref<4172xi8> to memref<3xf32>
// ALL-NOT: memref.alloc

// One byte less: the last temporary no longer fits and comes from the heap.
// BELOW: memref.global "private" @__tconv_scratch_three : memref<4160xi8>
// BELOW-LABEL: func.func @three
// BELOW: %[[SCRATCH:.*]] = scf.if
// BELOW: memref.view %[[SCRATCH]][%{{.*}}][] : memref<4160xi8> to memref<16xf32>
// BELOW: memref.view %[[SCRATCH]][%{{.*}}][] : memref<4160xi8> to memref<1024xf32>
// BELOW: %[[BLOCK:.*]] = memref.alloc() {alignment = 64 : i64} : memref<12xi8>
// BELOW: memref.view %[[BLOCK]][%{{.*}}][] : memref<12xi8> to memref<3xf32>

// Temporaries are placed largest first, each where it fits: the largest
// goes to the heap, the others fit in the static buffer.
// SKIP: memref.global "private" @__tconv_scratch_three : memref<76xi8>
// SKIP-LABEL: func.func @three
// SKIP: %[[SCRATCH:.*]] = scf.if
// SKIP: %[[C0:.*]] = arith.constant 0 : index
// SKIP: memref.view %[[SCRATCH]][%[[C0]]][] : memref<76xi8> to memref<16xf32>
// SKIP: %[[BLOCK:.*]] = memref.alloc() {alignment = 64 : i64} : memref<4096xi8>
// SKIP: memref.view %[[BLOCK]][%{{.*}}][] : memref<4096xi8> to memref<1024xf32>
// SKIP: %[[C64:.*]] = arith.constant 64 : index
// SKIP: memref.view %[[SCRATCH]][%[[C64]]][] : memref<76xi8> to memref<3xf32>

// 0: no static buffer; the temporaries share one heap buffer, allocated
// where the first was (buffer deallocation frees it).
// HEAP-NOT: memref.global
// HEAP-LABEL: func.func @three
// HEAP-NEXT: %[[BLOCK:.*]] = memref.alloc() {alignment = 64 : i64} : memref<4172xi8>
// HEAP: %[[C4096:.*]] = arith.constant 4096 : index
// HEAP: memref.view %[[BLOCK]][%[[C4096]]][] : memref<4172xi8> to memref<16xf32>
// HEAP: %[[C0:.*]] = arith.constant 0 : index
// HEAP: memref.view %[[BLOCK]][%[[C0]]][] : memref<4172xi8> to memref<1024xf32>
// HEAP: %[[C4160:.*]] = arith.constant 4160 : index
// HEAP: memref.view %[[BLOCK]][%[[C4160]]][] : memref<4172xi8> to memref<3xf32>
// HEAP-NOT: memref.alloc
func.func @three(%x: f32) -> f32 {
  %a = memref.alloc() : memref<16xf32>
  %b = memref.alloc() : memref<1024xf32>
  %c = memref.alloc() : memref<3xf32>
  %c0 = arith.constant 0 : index
  memref.store %x, %a[%c0] : memref<16xf32>
  memref.store %x, %b[%c0] : memref<1024xf32>
  memref.store %x, %c[%c0] : memref<3xf32>
  %r = memref.load %a[%c0] : memref<16xf32>
  %s = memref.load %b[%c0] : memref<1024xf32>
  %t = memref.load %c[%c0] : memref<3xf32>
  %u = arith.addf %r, %s : f32
  %v = arith.addf %u, %t : f32
  return %v : f32
}

// -----

// The largest f32 buffer the lowered code can address, 2^63 - 4 bytes
// (index is 64 bits wide), is a heap buffer under any limit.
// ALL-LABEL: func.func @largest
// ALL: memref.alloc() {alignment = 64 : i64} : memref<9223372036854775804xi8>
// BELOW-LABEL: func.func @largest
// SKIP-LABEL: func.func @largest
// HEAP-LABEL: func.func @largest
// HEAP: memref.alloc() {alignment = 64 : i64} : memref<9223372036854775804xi8>
func.func @largest(%x: f32) {
  %a = memref.alloc() : memref<2305843009213693951xf32>
  %c0 = arith.constant 0 : index
  memref.store %x, %a[%c0] : memref<2305843009213693951xf32>
  return
}

// -----

// Elements without a size in the data layout (memrefs) are left alone:
// neither grouped nor measured.
// ALL-LABEL: func.func @memrefs
// ALL-NEXT: memref.alloc() : memref<4xmemref<2xf32>>
// HEAP-LABEL: func.func @memrefs
// HEAP-NEXT: memref.alloc() : memref<4xmemref<2xf32>>
func.func @memrefs() {
  %a = memref.alloc() : memref<4xmemref<2xf32>>
  "test.use"(%a) : (memref<4xmemref<2xf32>>) -> ()
  return
}
