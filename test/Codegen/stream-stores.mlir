// RUN: tconv-opt %s --tconv-stream-stores="target-triple=x86_64-linux-gnu target-cpu=skylake-avx512" --split-input-file | FileCheck %s
// Other targets only lose the markers.
// RUN: tconv-opt %s --tconv-stream-stores="target-triple=aarch64-linux-gnu" --split-input-file | FileCheck %s --check-prefix=NEON
// NEON-NOT: scf.if
// NEON-NOT: vector.store
// NEON-NOT: nontemporal

// Whole 64-byte lines at offsets that are multiples of 64 bytes (the row
// stride, 1 KB, times anything; 16 floats per step along the row, through
// an affine map here): the loop is versioned on the buffer's alignment and
// stores non-temporally where it is aligned, then fences them, and as it
// did elsewhere; the markers are gone.
// CHECK-LABEL: func.func @lines
// CHECK-SAME: (%[[V:.*]]: vector<16xf32>, %[[OUT:.*]]: memref<64x256xf32>)
// CHECK: %[[POINTER:.*]] = memref.extract_aligned_pointer_as_index %[[OUT]]
// CHECK: %[[MISALIGNED:.*]] = arith.andi %[[POINTER]], %c63
// CHECK: %[[ALIGNED:.*]] = arith.cmpi eq, %[[MISALIGNED]], %c0
// CHECK: scf.if %[[ALIGNED]] {
// CHECK: scf.for
// CHECK: scf.for
// CHECK: vector.store %[[V]], %[[OUT]][%{{.*}}, %{{.*}}] {alignment = 64 : i64, nontemporal = true}
// CHECK: llvm.call_intrinsic "llvm.x86.sse.sfence"()
// CHECK: } else {
// CHECK: scf.for
// CHECK: scf.for
// CHECK: vector.transfer_write %[[V]], %[[OUT]]
// CHECK-NOT: tconv.nontemporal_stores
func.func @lines(%v: vector<16xf32>, %out: memref<64x256xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %c64 = arith.constant 64 : index
  scf.for %i = %c0 to %c64 step %c1 {
    scf.for %k = %c0 to %c16 step %c1 {
      %j = affine.apply affine_map<(d0) -> (d0 * 16)>(%k)
      vector.transfer_write %v, %out[%i, %j] {in_bounds = [true]} : vector<16xf32>, memref<64x256xf32>
    } {tconv.nontemporal_stores}
  } {tconv.nontemporal_stores}
  return
}

// -----

// Half lines (AVX2's vectors) at offsets that are multiples of 32 bytes:
// aligned to 32.
// CHECK-LABEL: func.func @half_lines
// CHECK: scf.if
// CHECK: vector.store {{.*}} {alignment = 32 : i64, nontemporal = true} : memref<64x256xf32>, vector<8xf32>
func.func @half_lines(%h: vector<8xf32>, %out: memref<64x256xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %c64 = arith.constant 64 : index
  %c256 = arith.constant 256 : index
  scf.for %i = %c0 to %c64 step %c1 {
    scf.for %j = %c0 to %c256 step %c8 {
      vector.transfer_write %h, %out[%i, %j] {in_bounds = [true]} : vector<8xf32>, memref<64x256xf32>
    }
  } {tconv.nontemporal_stores}
  return
}

// -----

// A register tile's row of several lines (64 channels, four lines) into a
// phase of a stride-2 result (every other pixel, from pixel 1): aligned to
// a line, as LLVM splits it.
// CHECK-LABEL: func.func @tile_rows
// CHECK: scf.if
// CHECK: vector.store {{.*}} {alignment = 64 : i64, nontemporal = true} : memref<128x64xf32, strided<[256, 1], offset: 64>>, vector<64xf32>
func.func @tile_rows(%v: vector<64xf32>, %out: memref<128x64xf32, strided<[256, 1], offset: 64>>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c128 = arith.constant 128 : index
  scf.for %i = %c0 to %c128 step %c1 {
    vector.transfer_write %v, %out[%i, %c0] {in_bounds = [true]} : vector<64xf32>, memref<128x64xf32, strided<[256, 1], offset: 64>>
  } {tconv.nontemporal_stores}
  return
}

// -----

// Nothing known to be aligned to its size: steps of 8 floats along the row
// for 16-float vectors, rows of 100 floats (400 bytes), a quarter of a
// line, a line and a half, a mask, a buffer made in the loop.
// The markers go, the stores stay.
// CHECK-LABEL: func.func @not_lines
// CHECK-NOT: scf.if
// CHECK-NOT: vector.store
// CHECK-NOT: tconv.nontemporal_stores
// CHECK: return
func.func @not_lines(%v: vector<16xf32>, %q: vector<4xf32>, %m: vector<16xi1>,
                     %l: vector<24xf32>, %a: memref<64x256xf32>,
                     %b: memref<64x100xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %c16 = arith.constant 16 : index
  %c64 = arith.constant 64 : index
  scf.for %i = %c0 to %c64 step %c1 {
    scf.for %j = %c0 to %c64 step %c8 {
      vector.transfer_write %v, %a[%i, %j] {in_bounds = [true]} : vector<16xf32>, memref<64x256xf32>
    } {tconv.nontemporal_stores}
    vector.transfer_write %v, %b[%i, %c0] {in_bounds = [true]} : vector<16xf32>, memref<64x100xf32>
    vector.transfer_write %q, %a[%i, %c0] {in_bounds = [true]} : vector<4xf32>, memref<64x256xf32>
    vector.transfer_write %l, %a[%i, %c0] {in_bounds = [true]} : vector<24xf32>, memref<64x256xf32>
    vector.transfer_write %v, %a[%i, %c16], %m {in_bounds = [true]} : vector<16xf32>, memref<64x256xf32>
    %local = memref.alloc() : memref<16xf32>
    vector.transfer_write %v, %local[%c0] {in_bounds = [true]} : vector<16xf32>, memref<16xf32>
  } {tconv.nontemporal_stores}
  return
}

// -----

// An unmarked loop is left alone.
// CHECK-LABEL: func.func @unmarked
// CHECK-NOT: scf.if
// CHECK: vector.transfer_write
func.func @unmarked(%v: vector<16xf32>, %out: memref<64x256xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  scf.for %i = %c0 to %c64 step %c1 {
    vector.transfer_write %v, %out[%i, %c0] {in_bounds = [true]} : vector<16xf32>, memref<64x256xf32>
  }
  return
}

// -----

// A half line whose other half is stored neither by the loop body (a
// register tile of two vectors) nor by the next iteration (a loop along the
// line) is left cached: its line would stay open while other lines are
// written (a tile of one vector of channels among several).
// CHECK-LABEL: func.func @half_lines_apart
// CHECK-NOT: nontemporal
// CHECK: return
func.func @half_lines_apart(%h: vector<8xf32>, %out: memref<64x256xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %c64 = arith.constant 64 : index
  %c256 = arith.constant 256 : index
  scf.for %i = %c0 to %c64 step %c1 {
    scf.for %j = %c0 to %c256 step %c16 {
      vector.transfer_write %h, %out[%i, %j] {in_bounds = [true]} : vector<8xf32>, memref<64x256xf32>
    }
  } {tconv.nontemporal_stores}
  return
}

// -----

// Both halves of each line in one iteration (a tile of 16 channels): both
// streamed.
// CHECK-LABEL: func.func @half_line_pairs
// CHECK: scf.if
// CHECK-COUNT-2: vector.store {{.*}} {alignment = 32 : i64, nontemporal = true} : memref<64x256xf32>, vector<8xf32>
func.func @half_line_pairs(%h: vector<8xf32>, %out: memref<64x256xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %c64 = arith.constant 64 : index
  %c256 = arith.constant 256 : index
  scf.for %i = %c0 to %c64 step %c1 {
    scf.for %j = %c0 to %c256 step %c16 {
      %k = affine.apply affine_map<(d0) -> (d0 + 8)>(%j)
      vector.transfer_write %h, %out[%i, %j] {in_bounds = [true]} : vector<8xf32>, memref<64x256xf32>
      vector.transfer_write %h, %out[%i, %k] {in_bounds = [true]} : vector<8xf32>, memref<64x256xf32>
    }
  } {tconv.nontemporal_stores}
  return
}
