// RUN: tconv-opt %s --tconv-prefetch-epilogue-reads --split-input-file | FileCheck %s
// RUN: tconv-opt %s --tconv-prefetch-epilogue-reads=distance=0 --split-input-file | FileCheck %s --check-prefix=NONE

// NONE-NOT: memref.prefetch

// A loop over register tiles of 4 pixels: the reduction carries the
// accumulators, the epilogue adds a residual %r and stores into %out. The
// residual's read of the tile two iterations later (pixel min(i + 8, 12))
// is prefetched at the start of the iteration, its address computed by a
// clone of the iteration's index arithmetic; the bias (the same in every
// iteration), the output (written in the loop) and the reduction's own
// reads are not.
// CHECK-LABEL: func.func @epilogue
// CHECK-SAME: (%[[X:.*]]: memref<16x8xf32>, %[[R:.*]]: memref<32x4xf32>, %[[B:.*]]: memref<4xf32>, %[[OUT:.*]]: memref<32x4xf32>)
// CHECK: scf.for %[[I:.*]] = %c0 to %c16 step %c4 {
// CHECK-NEXT: %[[C8:.*]] = arith.constant 8 : index
// CHECK-NEXT: %[[NEXT:.*]] = arith.addi %[[I]], %[[C8]] : index
// CHECK-NEXT: %[[C12:.*]] = arith.constant 12 : index
// CHECK-NEXT: %[[AHEAD:.*]] = arith.minsi %[[NEXT]], %[[C12]] : index
// CHECK-NEXT: %[[ROW:.*]] = affine.apply #{{.*}}(%[[AHEAD]])
// CHECK-NEXT: memref.prefetch %[[R]][%[[ROW]], %c0], read, locality<3>, data : memref<32x4xf32>
// CHECK-NOT: memref.prefetch
// CHECK: scf.for {{.*}} iter_args
// CHECK-NOT: memref.prefetch
// CHECK: vector.transfer_read %[[R]]
// CHECK-NOT: memref.prefetch
// CHECK: return
#pixel = affine_map<(d0) -> (d0 * 2 + 1)>
func.func @epilogue(%x: memref<16x8xf32>, %r: memref<32x4xf32>, %b: memref<4xf32>, %out: memref<32x4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c8 = arith.constant 8 : index
  %c16 = arith.constant 16 : index
  %pad = arith.constant 0.0 : f32
  %zero = arith.constant dense<0.0> : vector<4xf32>
  scf.for %i = %c0 to %c16 step %c4 {
    %acc = scf.for %k = %c0 to %c8 step %c1 iter_args(%a = %zero) -> (vector<4xf32>) {
      %v = vector.transfer_read %x[%i, %k], %pad {in_bounds = [true]} : memref<16x8xf32>, vector<4xf32>
      %s = arith.addf %a, %v : vector<4xf32>
      scf.yield %s : vector<4xf32>
    }
    %bias = vector.transfer_read %b[%c0], %pad {in_bounds = [true]} : memref<4xf32>, vector<4xf32>
    %row = affine.apply #pixel(%i)
    %res = vector.transfer_read %r[%row, %c0], %pad {in_bounds = [true]} : memref<32x4xf32>, vector<4xf32>
    %old = vector.transfer_read %out[%row, %c0], %pad {in_bounds = [true]} : memref<32x4xf32>, vector<4xf32>
    %s0 = arith.addf %acc, %bias : vector<4xf32>
    %s1 = arith.addf %s0, %res : vector<4xf32>
    %s2 = arith.addf %s1, %old : vector<4xf32>
    vector.transfer_write %s2, %out[%row, %c0] {in_bounds = [true]} : vector<4xf32>, memref<32x4xf32>
  }
  return
}

// -----

// A residual read through a view of it made in the iteration (as the
// transfers' lowering leaves them): the view is cloned for the iteration
// ahead. A loop that computes no accumulators (a plain copy) is left alone.
// CHECK-LABEL: func.func @view
// CHECK: scf.for %[[I:.*]] = %c0 to %c16 step %c4 {
// CHECK: %[[AHEAD:.*]] = arith.minsi
// CHECK-NEXT: %[[V:.*]] = memref.subview %{{.*}}[%[[AHEAD]], 0] [4, 4] [1, 1]
// CHECK-NEXT: memref.prefetch %[[V]][%c1, %c0]
// CHECK: }
// CHECK-NOT: memref.prefetch
// CHECK: return
func.func @view(%x: memref<16x8xf32>, %r: memref<16x4xf32>, %out: memref<16x4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c8 = arith.constant 8 : index
  %c16 = arith.constant 16 : index
  %pad = arith.constant 0.0 : f32
  %zero = arith.constant dense<0.0> : vector<4xf32>
  scf.for %i = %c0 to %c16 step %c4 {
    %acc = scf.for %k = %c0 to %c8 step %c1 iter_args(%a = %zero) -> (vector<4xf32>) {
      %v = vector.transfer_read %x[%i, %k], %pad {in_bounds = [true]} : memref<16x8xf32>, vector<4xf32>
      %s = arith.addf %a, %v : vector<4xf32>
      scf.yield %s : vector<4xf32>
    }
    %tile = memref.subview %r[%i, 0] [4, 4] [1, 1] : memref<16x4xf32> to memref<4x4xf32, strided<[4, 1], offset: ?>>
    %res = vector.transfer_read %tile[%c1, %c0], %pad {in_bounds = [true]} : memref<4x4xf32, strided<[4, 1], offset: ?>>, vector<4xf32>
    %s = arith.addf %acc, %res : vector<4xf32>
    vector.transfer_write %s, %out[%i, %c0] {in_bounds = [true]} : vector<4xf32>, memref<16x4xf32>
  }
  scf.for %i = %c0 to %c16 step %c1 {
    %v = vector.transfer_read %r[%i, %c0], %pad {in_bounds = [true]} : memref<16x4xf32>, vector<4xf32>
    vector.transfer_write %v, %out[%i, %c0] {in_bounds = [true]} : vector<4xf32>, memref<16x4xf32>
  }
  return
}

// -----

// A row of two tiles (as the register tiles split a width of 8): two tiles
// ahead is past the row's end, so the reads of the same tile of the next
// row are prefetched (rows, each at least 2 tiles, advanced by one; the
// last row clamped). The row's own index arithmetic, outside the tile
// loop, is cloned into it.
// CHECK-LABEL: func.func @rows
// CHECK-SAME: (%{{.*}}: memref<4x16x8xf32>, %[[R:.*]]: memref<8x16x4xf32>
// CHECK: scf.for %[[H:.*]] = %c0 to %c4 step %c1 {
// CHECK: scf.for %[[I:.*]] = %c0 to %c8 step %c4 {
// CHECK-NEXT: %[[C1:.*]] = arith.constant 1 : index
// CHECK-NEXT: %[[NEXT:.*]] = arith.addi %[[H]], %[[C1]] : index
// CHECK-NEXT: %[[C3:.*]] = arith.constant 3 : index
// CHECK-NEXT: %[[AHEAD:.*]] = arith.minsi %[[NEXT]], %[[C3]] : index
// CHECK-NEXT: %[[ROW:.*]] = affine.apply #{{.*}}(%[[AHEAD]])
// CHECK-NEXT: memref.prefetch %[[R]][%[[ROW]], %[[I]], %c0], read, locality<3>, data : memref<8x16x4xf32>
// CHECK-NOT: memref.prefetch
// CHECK: return
#pixel = affine_map<(d0) -> (d0 * 2 + 1)>
func.func @rows(%x: memref<4x16x8xf32>, %r: memref<8x16x4xf32>, %out: memref<4x16x4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c8 = arith.constant 8 : index
  %pad = arith.constant 0.0 : f32
  %zero = arith.constant dense<0.0> : vector<4xf32>
  scf.for %h = %c0 to %c4 step %c1 {
    %row = affine.apply #pixel(%h)
    scf.for %i = %c0 to %c8 step %c4 {
      %acc = scf.for %k = %c0 to %c8 step %c1 iter_args(%a = %zero) -> (vector<4xf32>) {
        %v = vector.transfer_read %x[%h, %i, %k], %pad {in_bounds = [true]} : memref<4x16x8xf32>, vector<4xf32>
        %s = arith.addf %a, %v : vector<4xf32>
        scf.yield %s : vector<4xf32>
      }
      %res = vector.transfer_read %r[%row, %i, %c0], %pad {in_bounds = [true]} : memref<8x16x4xf32>, vector<4xf32>
      %s1 = arith.addf %acc, %res : vector<4xf32>
      vector.transfer_write %s1, %out[%h, %i, %c0] {in_bounds = [true]} : vector<4xf32>, memref<4x16x4xf32>
    }
  }
  return
}

// -----

// A read of 32 floats spans two cache lines: both are prefetched. A loop
// nest of two tiles in all gets none.
// CHECK-LABEL: func.func @lines
// CHECK: %[[AHEAD:.*]] = arith.minsi
// CHECK-NEXT: memref.prefetch %[[R:.*]][%[[AHEAD]], %c0]
// CHECK-NEXT: %[[C16:.*]] = arith.constant 16 : index
// CHECK-NEXT: %[[SECOND:.*]] = arith.addi %c0, %[[C16]] : index
// CHECK-NEXT: memref.prefetch %[[R]][%[[AHEAD]], %[[SECOND]]]
// CHECK-NOT: memref.prefetch
// CHECK: return
func.func @lines(%x: memref<16x8xf32>, %r: memref<16x32xf32>, %out: memref<16x32xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c8 = arith.constant 8 : index
  %c16 = arith.constant 16 : index
  %pad = arith.constant 0.0 : f32
  %zero = arith.constant dense<0.0> : vector<32xf32>
  scf.for %i = %c0 to %c16 step %c1 {
    %acc = scf.for %k = %c0 to %c8 step %c1 iter_args(%a = %zero) -> (vector<32xf32>) {
      %v = vector.transfer_read %x[%i, %k], %pad : memref<16x8xf32>, vector<32xf32>
      %s = arith.addf %a, %v : vector<32xf32>
      scf.yield %s : vector<32xf32>
    }
    %res = vector.transfer_read %r[%i, %c0], %pad {in_bounds = [true]} : memref<16x32xf32>, vector<32xf32>
    %s1 = arith.addf %acc, %res : vector<32xf32>
    vector.transfer_write %s1, %out[%i, %c0] {in_bounds = [true]} : vector<32xf32>, memref<16x32xf32>
  }
  scf.for %h = %c0 to %c1 step %c1 {
    scf.for %i = %c0 to %c2 step %c1 {
      %acc = scf.for %k = %c0 to %c8 step %c1 iter_args(%a = %zero) -> (vector<32xf32>) {
        %v = vector.transfer_read %x[%i, %k], %pad : memref<16x8xf32>, vector<32xf32>
        %s = arith.addf %a, %v : vector<32xf32>
        scf.yield %s : vector<32xf32>
      }
      %res = vector.transfer_read %r[%i, %h], %pad {in_bounds = [true]} : memref<16x32xf32>, vector<32xf32>
      %s1 = arith.addf %acc, %res : vector<32xf32>
      vector.transfer_write %s1, %out[%i, %c0] {in_bounds = [true]} : vector<32xf32>, memref<16x32xf32>
    }
  }
  return
}

// -----

// A loop over blocks that computes a block's tiles (two tile loops of two
// tiles each) and then passes over the block (a nest of 2 x 2 iterations
// with no accumulators, as the transpose of a block of phase rows is):
// the pass's reads of the residual %r in this block are prefetched while
// the tiles are computed, spread over them: tile t (0 to 3, counted across
// both tile loops) prefetches the pass's iteration t, its induction
// variables decoded from t. The pass's own reads are not prefetched; nor
// are its reads of the block (written in the loop). A second version of
// the pass (as tconv-stream-stores leaves a streaming one and its
// fallback) reads the same residual: it adds no prefetches. The store
// fence writes nothing (it does not stop the prefetching).
// CHECK-DAG: #[[TILE_INDEX:map[0-9]*]] = affine_map<(d0) -> (d0 floordiv 2)>
// CHECK-DAG: #[[FIRST_MAP:map[0-9]*]] = affine_map<(d0) -> (d0)>
// CHECK-DAG: #[[SECOND_MAP:map[0-9]*]] = affine_map<(d0) -> (d0 + 2)>
// CHECK-LABEL: func.func @block_pass
// CHECK-SAME: (%{{.*}}: memref<4x8xf32>, %[[R:.*]]: memref<4x2x8xf32>, %{{.*}}: memref<4x2x8xf32>, %{{.*}}: i1)
// CHECK: scf.for %[[B:.*]] = %c0 to %c4 step %c1 {
// CHECK: scf.for %[[T:.*]] = %c0 to %c4 step %c2 {
// CHECK-NEXT: %[[INDEX:.*]] = affine.apply #[[TILE_INDEX]](%[[T]])
// CHECK-NEXT: %[[TILE:.*]] = affine.linearize_index disjoint [%[[INDEX]]] by (2) : index
// CHECK-NEXT: %[[FIRST:.*]] = affine.apply #[[FIRST_MAP]](%[[TILE]])
// CHECK: scf.for %[[K:.*]] = %{{.*}} to %{{.*}} step %{{.*}} {
// CHECK-NEXT: %[[N:.*]] = arith.addi %[[FIRST]], %[[K]] : index
// CHECK-NEXT: %[[C4:.*]] = arith.constant 4 : index
// CHECK-NEXT: %[[IN:.*]] = arith.cmpi ult, %[[N]], %[[C4]]
// CHECK-NEXT: scf.if %[[IN]] {
// CHECK-NEXT: %[[IVS:.*]]:2 = affine.delinearize_index %[[N]] into (2, 2) : index, index
// CHECK-NEXT: %[[C:.*]] = affine.apply #{{.*}}(%[[IVS]]#0)
// CHECK-NEXT: %[[J:.*]] = affine.apply #{{.*}}(%[[IVS]]#1)
// CHECK-NEXT: memref.prefetch %[[R]][%[[B]], %[[C]], %[[J]]], read, locality<3>, data
// CHECK-NOT: memref.prefetch
// CHECK: scf.for {{.*}} iter_args
// CHECK: scf.for %[[T2:.*]] = %c0 to %c4 step %c2 {
// CHECK-NEXT: %[[INDEX2:.*]] = affine.apply #[[TILE_INDEX]](%[[T2]])
// CHECK-NEXT: %[[TILE2:.*]] = affine.linearize_index disjoint [%[[INDEX2]]] by (2) : index
// CHECK-NEXT: affine.apply #[[SECOND_MAP]](%[[TILE2]])
// CHECK: memref.prefetch %[[R]]
// CHECK-NOT: memref.prefetch
// CHECK: scf.for {{.*}} iter_args
// CHECK-NOT: memref.prefetch
// CHECK: llvm.call_intrinsic "llvm.x86.sse.sfence"
// CHECK-NOT: memref.prefetch
// CHECK: return
func.func @block_pass(%x: memref<4x8xf32>, %r: memref<4x2x8xf32>, %out: memref<4x2x8xf32>, %aligned: i1) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c4 = arith.constant 4 : index
  %c8 = arith.constant 8 : index
  %pad = arith.constant 0.0 : f32
  %zero = arith.constant dense<0.0> : vector<4xf32>
  %block = memref.alloc() : memref<2x8xf32>
  scf.for %b = %c0 to %c4 step %c1 {
    scf.for %t = %c0 to %c4 step %c2 {
      %acc = scf.for %k = %c0 to %c8 step %c1 iter_args(%a = %zero) -> (vector<4xf32>) {
        %v = vector.transfer_read %x[%t, %k], %pad {in_bounds = [true]} : memref<4x8xf32>, vector<4xf32>
        %s = arith.addf %a, %v : vector<4xf32>
        scf.yield %s : vector<4xf32>
      }
      vector.transfer_write %acc, %block[%c0, %t] {in_bounds = [true]} : vector<4xf32>, memref<2x8xf32>
    }
    scf.for %t = %c0 to %c4 step %c2 {
      %acc = scf.for %k = %c0 to %c8 step %c1 iter_args(%a = %zero) -> (vector<4xf32>) {
        %v = vector.transfer_read %x[%t, %k], %pad {in_bounds = [true]} : memref<4x8xf32>, vector<4xf32>
        %s = arith.addf %a, %v : vector<4xf32>
        scf.yield %s : vector<4xf32>
      }
      vector.transfer_write %acc, %block[%c1, %t] {in_bounds = [true]} : vector<4xf32>, memref<2x8xf32>
    }
    scf.if %aligned {
      scf.for %c = %c0 to %c2 step %c1 {
        scf.for %j = %c0 to %c8 step %c4 {
          %v = vector.transfer_read %block[%c, %j], %pad {in_bounds = [true]} : memref<2x8xf32>, vector<4xf32>
          %res = vector.transfer_read %r[%b, %c, %j], %pad {in_bounds = [true]} : memref<4x2x8xf32>, vector<4xf32>
          %s = arith.addf %v, %res : vector<4xf32>
          vector.transfer_write %s, %out[%b, %c, %j] {in_bounds = [true]} : vector<4xf32>, memref<4x2x8xf32>
        }
      }
      llvm.call_intrinsic "llvm.x86.sse.sfence"() : () -> ()
    } else {
      scf.for %c = %c0 to %c2 step %c1 {
        scf.for %j = %c0 to %c8 step %c4 {
          %v = vector.transfer_read %block[%c, %j], %pad {in_bounds = [true]} : memref<2x8xf32>, vector<4xf32>
          %res = vector.transfer_read %r[%b, %c, %j], %pad {in_bounds = [true]} : memref<4x2x8xf32>, vector<4xf32>
          %s = arith.addf %v, %res : vector<4xf32>
          vector.transfer_write %s, %out[%b, %c, %j] {in_bounds = [true]} : vector<4xf32>, memref<4x2x8xf32>
        }
      }
    }
  }
  return
}

// -----

// Two loops over tiles in one row, each with a residual to prefetch for
// the next row: the first loop's prefetches (which declare no effects) do
// not keep the second's from being added.
// CHECK-LABEL: func.func @two_tile_loops
// CHECK: scf.for %[[H:.*]] = %c0 to %c4 step %c1 {
// CHECK: scf.for
// CHECK: arith.minsi
// CHECK: memref.prefetch %[[R:.*]][
// CHECK: scf.for
// CHECK: arith.minsi
// CHECK: memref.prefetch %[[R]][
// CHECK: return
func.func @two_tile_loops(%x: memref<4x16x8xf32>, %r: memref<4x16x4xf32>, %out: memref<4x16x4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c8 = arith.constant 8 : index
  %c16 = arith.constant 16 : index
  %pad = arith.constant 0.0 : f32
  %zero = arith.constant dense<0.0> : vector<4xf32>
  scf.for %h = %c0 to %c4 step %c1 {
    scf.for %i = %c0 to %c8 step %c4 {
      %acc = scf.for %k = %c0 to %c8 step %c1 iter_args(%a = %zero) -> (vector<4xf32>) {
        %v = vector.transfer_read %x[%h, %i, %k], %pad {in_bounds = [true]} : memref<4x16x8xf32>, vector<4xf32>
        %s = arith.addf %a, %v : vector<4xf32>
        scf.yield %s : vector<4xf32>
      }
      %res = vector.transfer_read %r[%h, %i, %c0], %pad {in_bounds = [true]} : memref<4x16x4xf32>, vector<4xf32>
      %s1 = arith.addf %acc, %res : vector<4xf32>
      vector.transfer_write %s1, %out[%h, %i, %c0] {in_bounds = [true]} : vector<4xf32>, memref<4x16x4xf32>
    }
    scf.for %i = %c8 to %c16 step %c4 {
      %acc = scf.for %k = %c0 to %c8 step %c1 iter_args(%a = %zero) -> (vector<4xf32>) {
        %v = vector.transfer_read %x[%h, %i, %k], %pad {in_bounds = [true]} : memref<4x16x8xf32>, vector<4xf32>
        %s = arith.addf %a, %v : vector<4xf32>
        scf.yield %s : vector<4xf32>
      }
      %res = vector.transfer_read %r[%h, %i, %c0], %pad {in_bounds = [true]} : memref<4x16x4xf32>, vector<4xf32>
      %s1 = arith.addf %acc, %res : vector<4xf32>
      vector.transfer_write %s1, %out[%h, %i, %c0] {in_bounds = [true]} : vector<4xf32>, memref<4x16x4xf32>
    }
  }
  return
}

// -----

// One tile per block against 8 iterations of the pass: too few tiles to
// hide the pass's lines (more than 4 of its iterations each), none are
// prefetched.
// CHECK-LABEL: func.func @few_tiles
// CHECK-NOT: memref.prefetch
// CHECK: return
func.func @few_tiles(%x: memref<4x8xf32>, %r: memref<4x8x8xf32>, %out: memref<4x8x8xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c8 = arith.constant 8 : index
  %pad = arith.constant 0.0 : f32
  %zero = arith.constant dense<0.0> : vector<4xf32>
  %block = memref.alloc() : memref<8x8xf32>
  scf.for %b = %c0 to %c4 step %c1 {
    scf.for %t = %c0 to %c4 step %c4 {
      %acc = scf.for %k = %c0 to %c8 step %c1 iter_args(%a = %zero) -> (vector<4xf32>) {
        %v = vector.transfer_read %x[%t, %k], %pad {in_bounds = [true]} : memref<4x8xf32>, vector<4xf32>
        %s = arith.addf %a, %v : vector<4xf32>
        scf.yield %s : vector<4xf32>
      }
      vector.transfer_write %acc, %block[%c0, %t] {in_bounds = [true]} : vector<4xf32>, memref<8x8xf32>
    }
    scf.for %c = %c0 to %c8 step %c1 {
      %v = vector.transfer_read %block[%c, %c0], %pad {in_bounds = [true]} : memref<8x8xf32>, vector<8xf32>
      %res = vector.transfer_read %r[%b, %c, %c0], %pad {in_bounds = [true]} : memref<4x8x8xf32>, vector<8xf32>
      %s = arith.addf %v, %res : vector<8xf32>
      vector.transfer_write %s, %out[%b, %c, %c0] {in_bounds = [true]} : vector<8xf32>, memref<4x8x8xf32>
    }
  }
  return
}
