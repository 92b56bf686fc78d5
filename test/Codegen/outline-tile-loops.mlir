// RUN: tconv-opt %s --tconv-outline-tile-loops --split-input-file | FileCheck %s

// Each loop nest that computes register tiles (here vector.fma, as a
// depthwise tile does) becomes a private function, called where it was,
// neither inlined. The values it uses become arguments, the constants it
// uses are cloned into it, and the vectors it uses are computed in it (the
// broadcasts: vectors are not passed). The other loop nest (a layout
// change) and what is not a loop (the allocation) stay.
// CHECK-LABEL: func.func private @two_nests_nest0
// CHECK-SAME: (%[[SCALAR:.*]]: f32, %[[IN:.*]]: memref<16xf32>, %[[TMP:.*]]: memref<16xf32>)
// CHECK-SAME: attributes {no_inline}
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG: %[[C4:.*]] = arith.constant 4 : index
// CHECK-DAG: %[[C16:.*]] = arith.constant 16 : index
// CHECK-DAG: %[[ONE:.*]] = arith.constant dense<1.000000e+00> : vector<4xf32>
// CHECK-DAG: %[[SCALE:.*]] = vector.broadcast %[[SCALAR]] : f32 to vector<4xf32>
// CHECK: scf.for %[[I:.*]] = %[[C0]] to %[[C16]] step %[[C4]] {
// CHECK: %[[V:.*]] = vector.load %[[IN]][%[[I]]]
// CHECK: %[[F:.*]] = vector.fma %[[V]], %[[SCALE]], %[[ONE]]
// CHECK: vector.store %[[F]], %[[TMP]][%[[I]]]
// CHECK: return
// CHECK-LABEL: func.func private @two_nests_nest1
// CHECK-SAME: (%{{.*}}: f32, %{{.*}}: memref<16xf32>, %{{.*}}: memref<16xf32>) attributes {no_inline}
// CHECK: vector.broadcast %{{.*}} : f32 to vector<1xf32>
// CHECK: scf.forall
// CHECK-LABEL: func.func @two_nests
// CHECK-SAME: (%[[A:.*]]: memref<16xf32>, %[[B:.*]]: memref<16xf32>, %[[S:.*]]: f32)
// CHECK: %[[ALLOC:.*]] = memref.alloc()
// CHECK-NOT: vector.broadcast
// CHECK: scf.for
// CHECK: memref.load
// CHECK: }
// CHECK-NEXT: call @two_nests_nest0(%[[S]], %[[A]], %[[ALLOC]]) {no_inline}
// CHECK-NEXT: call @two_nests_nest1(%[[S]], %[[ALLOC]], %[[B]]) {no_inline}
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

// -----

// A vector read before the nest (a bias row, hoisted out of the loop) is
// read in the outlined function, the read's own vector operands too: an n-D
// vector argument is an LLVM array of vectors passed by value, which
// AArch64's instruction selection crashes on past eight of them.
// CHECK-LABEL: func.func private @hoisted_read_nest0
// CHECK-SAME: (%[[BIAS:.*]]: memref<3xf32>, %[[PAD:.*]]: f32, %[[X:.*]]: memref<1x14x3xf32>, %[[Y:.*]]: memref<1x14x3xf32>)
// CHECK: %[[ROW:.*]] = vector.transfer_read %[[BIAS]]
// CHECK: %[[HALF:.*]] = arith.mulf %[[ROW]], %{{.*}} : vector<1x14x3xf32>
// CHECK: scf.for
// CHECK: vector.fma %{{.*}}, %{{.*}}, %[[HALF]]
// CHECK-LABEL: func.func @hoisted_read
// CHECK-NOT: vector.transfer_read
// CHECK-NOT: arith.mulf
// CHECK: call @hoisted_read_nest0
#bias_row = affine_map<(d0) -> (0, 0, d0)>
func.func @hoisted_read(%x: memref<1x14x3xf32>, %y: memref<1x14x3xf32>, %bias: memref<3xf32>, %pad: f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %half = arith.constant dense<0.5> : vector<1x14x3xf32>
  scf.for %i = %c0 to %c3 step %c1 {
    %v = memref.load %x[%c0, %i, %c0] : memref<1x14x3xf32>
    memref.store %v, %y[%c0, %i, %c0] : memref<1x14x3xf32>
  }
  %row = vector.transfer_read %bias[%c0], %pad {in_bounds = [true, true, true], permutation_map = #bias_row} : memref<3xf32>, vector<1x14x3xf32>
  %scaled = arith.mulf %row, %half : vector<1x14x3xf32>
  scf.for %i = %c0 to %c3 step %c1 {
    %v = vector.transfer_read %x[%c0, %c0, %c0], %pad {in_bounds = [true, true, true]} : memref<1x14x3xf32>, vector<1x14x3xf32>
    %f = vector.fma %v, %v, %scaled : vector<1x14x3xf32>
    vector.transfer_write %f, %y[%c0, %c0, %c0] {in_bounds = [true, true, true]} : vector<1x14x3xf32>, memref<1x14x3xf32>
  }
  return
}

// -----

// Where memory is written between a vector's read and the nest, the read
// cannot move into it, and the nest stays in its function.
// CHECK-LABEL: func.func @written_between
// CHECK-NOT: call
// CHECK: vector.transfer_read %{{.*}}[%{{.*}}]
// CHECK: memref.store
// CHECK: scf.for
// CHECK: vector.fma
#bias_row_1 = affine_map<(d0) -> (0, 0, d0)>
func.func @written_between(%x: memref<1x14x3xf32>, %y: memref<1x14x3xf32>, %bias: memref<3xf32>, %pad: f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  scf.for %i = %c0 to %c3 step %c1 {
    %v = memref.load %x[%c0, %i, %c0] : memref<1x14x3xf32>
    memref.store %v, %y[%c0, %i, %c0] : memref<1x14x3xf32>
  }
  %row = vector.transfer_read %bias[%c0], %pad {in_bounds = [true, true, true], permutation_map = #bias_row_1} : memref<3xf32>, vector<1x14x3xf32>
  memref.store %pad, %bias[%c0] : memref<3xf32>
  scf.for %i = %c0 to %c3 step %c1 {
    %v = vector.transfer_read %x[%c0, %c0, %c0], %pad {in_bounds = [true, true, true]} : memref<1x14x3xf32>, vector<1x14x3xf32>
    %f = vector.fma %v, %v, %row : vector<1x14x3xf32>
    vector.transfer_write %f, %y[%c0, %c0, %c0] {in_bounds = [true, true, true]} : vector<1x14x3xf32>, memref<1x14x3xf32>
  }
  return
}

// -----

// A loop of row blocks (tconv-transpose-in-row-blocks): each block's
// register tiles, then its transpose. The tile nest inside is outlined,
// called in the loop, so that it is compiled apart from the transpose.
// CHECK-LABEL: func.func private @row_blocks_nest0
// CHECK-SAME: (%{{.*}}: memref<4x16xf32>, %{{.*}}: index, %{{.*}}: memref<16xf32>) attributes {no_inline}
// CHECK: vector.fma
// CHECK-LABEL: func.func @row_blocks
// CHECK: scf.for
// CHECK: scf.for %[[BLOCK:.*]] =
// CHECK-NEXT: call @row_blocks_nest0(%{{.*}}, %[[BLOCK]], %{{.*}}) {no_inline}
// CHECK-NEXT: scf.for
// CHECK: memref.load
// CHECK: memref.store
func.func @row_blocks(%in: memref<4x16xf32>, %out: memref<16x4xf32>, %other: memref<16xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c16 = arith.constant 16 : index
  %zero = arith.constant 0.0 : f32
  %block = memref.alloca() : memref<16xf32>
  scf.for %i = %c0 to %c16 step %c1 {
    memref.store %zero, %other[%i] : memref<16xf32>
  }
  scf.for %b = %c0 to %c4 step %c1 {
    scf.for %j = %c0 to %c16 step %c4 {
      %v = vector.load %in[%b, %j] : memref<4x16xf32>, vector<4xf32>
      %f = vector.fma %v, %v, %v : vector<4xf32>
      vector.store %f, %block[%j] : memref<16xf32>, vector<4xf32>
    }
    scf.for %j = %c0 to %c16 step %c1 {
      %x = memref.load %block[%j] : memref<16xf32>
      memref.store %x, %out[%j, %b] : memref<16x4xf32>
    }
  }
  return
}
