// RUN: tconv-opt %s --split-input-file --verify-diagnostics --tconv-group-static-allocations

// Bad limits: a static buffer beyond 2 GiB would not link.
// RUN: not tconv-opt %s --split-input-file --tconv-group-static-allocations="max-static-bytes=-1" 2>&1 | FileCheck %s --check-prefix=LIMIT
// RUN: not tconv-opt %s --split-input-file --tconv-group-static-allocations="max-static-bytes=2147483648" 2>&1 | FileCheck %s --check-prefix=LIMIT
// RUN: not tconv-opt %s --split-input-file --tconv-to-llvm="max-static-bytes=-1" 2>&1 | FileCheck %s --check-prefix=LIMIT
// LIMIT: error: tconv-group-static-allocations: max-static-bytes must be between 0 and 2147483647, got

// A buffer the lowered code cannot address (sizes and offsets in bytes are
// 64-bit index values): 2^63 bytes, one more than the largest index.
func.func @too_large(%x: f32) {
  // expected-error @+1 {{a temporary buffer of type 'memref<2305843009213693952xf32>' is larger than the 9223372036854775807 bytes the target can address}}
  %a = memref.alloc() : memref<2305843009213693952xf32>
  %c0 = arith.constant 0 : index
  memref.store %x, %a[%c0] : memref<2305843009213693952xf32>
  return
}

// -----

// Whose element count overflows too, anywhere in the function.
func.func @nested(%x: f32, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  scf.for %i = %c0 to %n step %c1 {
    // expected-error @+1 {{a temporary buffer of type 'memref<4294967296x4294967296xf32>' is larger than the 9223372036854775807 bytes the target can address}}
    %a = memref.alloca() : memref<4294967296x4294967296xf32>
    memref.store %x, %a[%c0, %c0] : memref<4294967296x4294967296xf32>
  }
  return
}

// -----

// The limit follows the width of index: 2^31 - 1 bytes with 32 bits.
module attributes {dlti.dl_spec = #dlti.dl_spec<index = 32 : i64>} {
  func.func @index32(%x: f32) {
    // expected-error @+1 {{a temporary buffer of type 'memref<536870912xf32>' is larger than the 2147483647 bytes the target can address}}
    %a = memref.alloc() : memref<536870912xf32>
    %c0 = arith.constant 0 : index
    memref.store %x, %a[%c0] : memref<536870912xf32>
    return
  }
}

// -----

// Each temporary can be addressed, but not both, live at once, in one heap
// buffer.
// expected-error @+1 {{the temporaries of @together take more than the 9223372036854775807 bytes the target can address}}
func.func @together(%x: f32) -> f32 {
  %a = memref.alloc() : memref<1152921504606846976xf32>
  %b = memref.alloc() : memref<1152921504606846976xf32>
  %c0 = arith.constant 0 : index
  memref.store %x, %a[%c0] : memref<1152921504606846976xf32>
  memref.store %x, %b[%c0] : memref<1152921504606846976xf32>
  %r = memref.load %a[%c0] : memref<1152921504606846976xf32>
  return %r : f32
}
