// VPDPBUSD takes its inputs as u8 (x ^ 0x80). Where the tiles read them from
// a temporary that the function only writes with vector stores and reads
// for such tiles, the stores flip the bytes and the tiles broadcast them
// as they are (no VPXORQ per pixel and step beside the dot products);
// anywhere else the tile flips what it broadcasts. Other instructions
// take the inputs as they are.
// RUN: tconv-opt %s --tconv-lower-int8-dot-products="target-cpu=cascadelake" | FileCheck %s
// RUN: tconv-opt %s --tconv-lower-int8-dot-products="target-cpu=haswell" | FileCheck %s --check-prefix=PAIRS

#lhs = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>
#rhs = affine_map<(d0, d1, d2, d3) -> (d3, d2)>
#acc = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>

// CHECK-LABEL: func.func @stored_flipped
// CHECK-SAME: (%[[IN:.*]]: vector<1x2x4xi8>,
// CHECK: %[[TOP:.*]] = arith.constant dense<-128> : vector<1x2x4xi8>
// CHECK: %[[FLIPPED:.*]] = arith.xori %[[IN]], %[[TOP]] : vector<1x2x4xi8>
// CHECK: vector.transfer_write %[[FLIPPED]], %[[BUF:[a-z0-9_]+]][
// CHECK: %[[X:.*]] = vector.transfer_read %[[BUF]]
// CHECK-NOT: arith.xori
// CHECK: llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.512"
// CHECK-NOT: arith.xori
// CHECK: return
// PAIRS-LABEL: func.func @stored_flipped
// PAIRS-NOT: arith.xori
// PAIRS: return
func.func @stored_flipped(%in: vector<1x2x4xi8>, %w: vector<4x16xi8>, %acc: vector<1x2x16xi32>) -> vector<1x2x16xi32> {
  %c0 = arith.constant 0 : index
  %i0 = arith.constant 0 : i8
  %buf = memref.alloc() : memref<1x2x4xi8>
  vector.transfer_write %in, %buf[%c0, %c0, %c0] {in_bounds = [true, true, true]} : vector<1x2x4xi8>, memref<1x2x4xi8>
  %xv = vector.transfer_read %buf[%c0, %c0, %c0], %i0 {in_bounds = [true, true, true]} : memref<1x2x4xi8>, vector<1x2x4xi8>
  %xe = arith.extsi %xv : vector<1x2x4xi8> to vector<1x2x4xi32>
  %we = arith.extsi %w : vector<4x16xi8> to vector<4x16xi32>
  %r = vector.contract {indexing_maps = [#lhs, #rhs, #acc], iterator_types = ["parallel", "parallel", "parallel", "reduction"], kind = #vector.kind<add>}
       %xe, %we, %acc : vector<1x2x4xi32>, vector<4x16xi32> into vector<1x2x16xi32>
  memref.dealloc %buf : memref<1x2x4xi8>
  return %r : vector<1x2x16xi32>
}

// The same temporary also read for something else: its bytes stay.
// CHECK-LABEL: func.func @read_elsewhere
// CHECK: vector.transfer_write %{{.*}}, %[[BUF:[a-z0-9_]+]][
// CHECK-NOT: arith.xori
// CHECK: vector.transfer_read %[[BUF]]
// CHECK: arith.xori
// CHECK: llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.512"
func.func @read_elsewhere(%in: vector<1x2x4xi8>, %w: vector<4x16xi8>, %acc: vector<1x2x16xi32>) -> (vector<1x2x16xi32>, vector<1x2x4xi8>) {
  %c0 = arith.constant 0 : index
  %i0 = arith.constant 0 : i8
  %buf = memref.alloc() : memref<1x2x4xi8>
  vector.transfer_write %in, %buf[%c0, %c0, %c0] {in_bounds = [true, true, true]} : vector<1x2x4xi8>, memref<1x2x4xi8>
  %xv = vector.transfer_read %buf[%c0, %c0, %c0], %i0 {in_bounds = [true, true, true]} : memref<1x2x4xi8>, vector<1x2x4xi8>
  %xe = arith.extsi %xv : vector<1x2x4xi8> to vector<1x2x4xi32>
  %we = arith.extsi %w : vector<4x16xi8> to vector<4x16xi32>
  %r = vector.contract {indexing_maps = [#lhs, #rhs, #acc], iterator_types = ["parallel", "parallel", "parallel", "reduction"], kind = #vector.kind<add>}
       %xe, %we, %acc : vector<1x2x4xi32>, vector<4x16xi32> into vector<1x2x16xi32>
  %row = vector.transfer_read %buf[%c0, %c0, %c0], %i0 {in_bounds = [true, true, true]} : memref<1x2x4xi8>, vector<1x2x4xi8>
  return %r, %row : vector<1x2x16xi32>, vector<1x2x4xi8>
}

// Bytes also written as another type (through a view): the tile flips.
// CHECK-LABEL: func.func @retyped
// CHECK: vector.transfer_write %{{.*}} : vector<2xi32>
// CHECK: arith.xori
// CHECK: llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.512"
func.func @retyped(%in: vector<1x2x4xi8>, %words: vector<2xi32>, %w: vector<4x16xi8>, %acc: vector<1x2x16xi32>) -> vector<1x2x16xi32> {
  %c0 = arith.constant 0 : index
  %i0 = arith.constant 0 : i8
  %buf = memref.alloc() : memref<1x2x4xi8>
  %flat = memref.collapse_shape %buf [[0, 1, 2]] : memref<1x2x4xi8> into memref<8xi8>
  %as_words = memref.view %flat[%c0][] : memref<8xi8> to memref<2xi32>
  vector.transfer_write %in, %buf[%c0, %c0, %c0] {in_bounds = [true, true, true]} : vector<1x2x4xi8>, memref<1x2x4xi8>
  vector.transfer_write %words, %as_words[%c0] {in_bounds = [true]} : vector<2xi32>, memref<2xi32>
  %xv = vector.transfer_read %buf[%c0, %c0, %c0], %i0 {in_bounds = [true, true, true]} : memref<1x2x4xi8>, vector<1x2x4xi8>
  %xe = arith.extsi %xv : vector<1x2x4xi8> to vector<1x2x4xi32>
  %we = arith.extsi %w : vector<4x16xi8> to vector<4x16xi32>
  %r = vector.contract {indexing_maps = [#lhs, #rhs, #acc], iterator_types = ["parallel", "parallel", "parallel", "reduction"], kind = #vector.kind<add>}
       %xe, %we, %acc : vector<1x2x4xi32>, vector<4x16xi32> into vector<1x2x16xi32>
  return %r : vector<1x2x16xi32>
}

// A read that may pad lanes (with an unflipped value): the tile flips.
// CHECK-LABEL: func.func @padded_read
// CHECK: vector.transfer_write %{{.*}}, %[[BUF:[a-z0-9_]+]][
// CHECK-NOT: arith.xori
// CHECK: vector.transfer_read %[[BUF]]
// CHECK: arith.xori
// CHECK: llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.512"
func.func @padded_read(%in: vector<1x2x4xi8>, %w: vector<4x16xi8>, %acc: vector<1x2x16xi32>, %i: index) -> vector<1x2x16xi32> {
  %c0 = arith.constant 0 : index
  %i0 = arith.constant 0 : i8
  %buf = memref.alloc() : memref<1x2x4xi8>
  vector.transfer_write %in, %buf[%c0, %c0, %c0] {in_bounds = [true, true, true]} : vector<1x2x4xi8>, memref<1x2x4xi8>
  %xv = vector.transfer_read %buf[%c0, %i, %c0], %i0 {in_bounds = [true, false, true]} : memref<1x2x4xi8>, vector<1x2x4xi8>
  %xe = arith.extsi %xv : vector<1x2x4xi8> to vector<1x2x4xi32>
  %we = arith.extsi %w : vector<4x16xi8> to vector<4x16xi32>
  %r = vector.contract {indexing_maps = [#lhs, #rhs, #acc], iterator_types = ["parallel", "parallel", "parallel", "reduction"], kind = #vector.kind<add>}
       %xe, %we, %acc : vector<1x2x4xi32>, vector<4x16xi32> into vector<1x2x16xi32>
  return %r : vector<1x2x16xi32>
}

// Inputs in an argument (the caller's bytes) or in a view of one, written
// or not: the caller may read those bytes, so the tile flips them. A view
// of the caller-owned scratch (the last argument of a function with
// tconv.scratch_bytes) is a temporary like any other.
// CHECK-LABEL: func.func @argument
// CHECK: arith.xori
// CHECK: llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.512"
// CHECK-LABEL: func.func @view_of_argument
// CHECK: vector.transfer_write %arg0
// CHECK: arith.xori
// CHECK: llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.512"
// CHECK-LABEL: func.func @caller_scratch
// CHECK: %[[FLIPPED:.*]] = arith.xori %arg0
// CHECK: vector.transfer_write %[[FLIPPED]]
// CHECK-NOT: arith.xori
// CHECK: return
func.func @argument(%x: memref<1x2x4xi8>, %w: vector<4x16xi8>, %acc: vector<1x2x16xi32>) -> vector<1x2x16xi32> {
  %c0 = arith.constant 0 : index
  %i0 = arith.constant 0 : i8
  %xv = vector.transfer_read %x[%c0, %c0, %c0], %i0 {in_bounds = [true, true, true]} : memref<1x2x4xi8>, vector<1x2x4xi8>
  %xe = arith.extsi %xv : vector<1x2x4xi8> to vector<1x2x4xi32>
  %we = arith.extsi %w : vector<4x16xi8> to vector<4x16xi32>
  %r = vector.contract {indexing_maps = [#lhs, #rhs, #acc], iterator_types = ["parallel", "parallel", "parallel", "reduction"], kind = #vector.kind<add>}
       %xe, %we, %acc : vector<1x2x4xi32>, vector<4x16xi32> into vector<1x2x16xi32>
  return %r : vector<1x2x16xi32>
}
func.func @view_of_argument(%in: vector<1x2x4xi8>, %w: vector<4x16xi8>, %acc: vector<1x2x16xi32>, %bytes: memref<64xi8>) -> vector<1x2x16xi32> {
  %c0 = arith.constant 0 : index
  %i0 = arith.constant 0 : i8
  %x = memref.view %bytes[%c0][] : memref<64xi8> to memref<1x2x4xi8>
  vector.transfer_write %in, %x[%c0, %c0, %c0] {in_bounds = [true, true, true]} : vector<1x2x4xi8>, memref<1x2x4xi8>
  %xv = vector.transfer_read %x[%c0, %c0, %c0], %i0 {in_bounds = [true, true, true]} : memref<1x2x4xi8>, vector<1x2x4xi8>
  %xe = arith.extsi %xv : vector<1x2x4xi8> to vector<1x2x4xi32>
  %we = arith.extsi %w : vector<4x16xi8> to vector<4x16xi32>
  %r = vector.contract {indexing_maps = [#lhs, #rhs, #acc], iterator_types = ["parallel", "parallel", "parallel", "reduction"], kind = #vector.kind<add>}
       %xe, %we, %acc : vector<1x2x4xi32>, vector<4x16xi32> into vector<1x2x16xi32>
  return %r : vector<1x2x16xi32>
}
func.func @caller_scratch(%in: vector<1x2x4xi8>, %w: vector<4x16xi8>, %acc: vector<1x2x16xi32>, %scratch: memref<64xi8>) -> vector<1x2x16xi32> attributes {tconv.scratch_bytes = 64 : i64} {
  %c0 = arith.constant 0 : index
  %i0 = arith.constant 0 : i8
  %x = memref.view %scratch[%c0][] : memref<64xi8> to memref<1x2x4xi8>
  vector.transfer_write %in, %x[%c0, %c0, %c0] {in_bounds = [true, true, true]} : vector<1x2x4xi8>, memref<1x2x4xi8>
  %xv = vector.transfer_read %x[%c0, %c0, %c0], %i0 {in_bounds = [true, true, true]} : memref<1x2x4xi8>, vector<1x2x4xi8>
  %xe = arith.extsi %xv : vector<1x2x4xi8> to vector<1x2x4xi32>
  %we = arith.extsi %w : vector<4x16xi8> to vector<4x16xi32>
  %r = vector.contract {indexing_maps = [#lhs, #rhs, #acc], iterator_types = ["parallel", "parallel", "parallel", "reduction"], kind = #vector.kind<add>}
       %xe, %we, %acc : vector<1x2x4xi32>, vector<4x16xi32> into vector<1x2x16xi32>
  return %r : vector<1x2x16xi32>
}
