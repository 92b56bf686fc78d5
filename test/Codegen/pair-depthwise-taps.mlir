// RUN: tconv-opt %s --tconv-pair-depthwise-taps="target-cpu=skylake-avx512" --split-input-file | FileCheck %s
// RUN: tconv-opt %s --tconv-pair-depthwise-taps="target-cpu=haswell" --split-input-file | FileCheck %s --check-prefix=YMM
// RUN: tconv-opt %s --tconv-pair-depthwise-taps="target-triple=aarch64-linux-gnu target-cpu=neoverse-n1" --split-input-file | FileCheck %s --check-prefix=NONE

// A depthwise row's loop over 4 taps: pairs of taps into the even and odd
// columns of the accumulator (split before the loop, interleaved after it),
// even columns from the row read at kw, odd ones from kw + 1, each
// VPMADDWD operand's bytes read on their own, (w[kw], w[kw + 1]) one
// 2-byte read repeated in every pair of i16 lanes.
// CHECK-LABEL: func.func @taps
// CHECK-SAME: (%[[X:.*]]: memref<1x8x67xi8>, %[[W:.*]]: memref<8x4xi8>, %[[C:.*]]: index, %[[ACC:.*]]: vector<64xi32>)
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG: %[[C1:.*]] = arith.constant 1 : index
// CHECK-DAG: %[[C2:.*]] = arith.constant 2 : index
// CHECK-DAG: %[[C4:.*]] = arith.constant 4 : index
// CHECK-DAG: %[[C32:.*]] = arith.constant 32 : index
// CHECK: %[[EI:.*]] = vector.shuffle %[[ACC]], %[[ACC]] [0, 2, 4, {{.*}}, 62] : vector<64xi32>, vector<64xi32>
// CHECK: %[[OI:.*]] = vector.shuffle %[[ACC]], %[[ACC]] [1, 3, 5, {{.*}}, 63] : vector<64xi32>, vector<64xi32>
// CHECK: %[[P:.*]]:2 = scf.for %[[K:.*]] = %[[C0]] to %[[C4]] step %[[C2]] iter_args(%[[E:.*]] = %[[EI]], %[[O:.*]] = %[[OI]]) -> (vector<32xi32>, vector<32xi32>)
// CHECK: %[[K1:.*]] = arith.addi %[[K]], %[[C1]]
// CHECK: %[[WW:.*]] = vector.transfer_read %[[W]][%[[C]], %[[K]]]{{.*}} : memref<8x4xi8>, vector<2xi8>
// CHECK: %[[W16:.*]] = arith.extsi %[[WW]] : vector<2xi8> to vector<2xi16>
// CHECK: %[[WB:.*]] = vector.broadcast %[[W16]] : vector<2xi16> to vector<16x2xi16>
// CHECK: %[[WP:.*]] = vector.shape_cast %[[WB]] : vector<16x2xi16> to vector<32xi16>
// CHECK: %[[R0:.*]] = vector.transfer_read %[[X]][%[[C0]], %[[C]], %[[K]]]{{.*}} : memref<1x8x67xi8>, vector<32xi8>
// CHECK: %[[X0:.*]] = arith.extsi %[[R0]] : vector<32xi8> to vector<32xi16>
// CHECK: llvm.call_intrinsic "llvm.x86.avx512.pmaddw.d.512"(%[[X0]], %[[WP]]) : (vector<32xi16>, vector<32xi16>) -> vector<16xi32>
// CHECK: %[[K32:.*]] = arith.addi %[[K]], %[[C32]]
// CHECK: vector.transfer_read %[[X]][%[[C0]], %[[C]], %[[K32]]]{{.*}} : memref<1x8x67xi8>, vector<32xi8>
// CHECK: llvm.call_intrinsic "llvm.x86.avx512.pmaddw.d.512"
// CHECK: %[[E1:.*]] = arith.addi %[[E]], %{{.*}} : vector<32xi32>
// CHECK: vector.transfer_read %[[X]][%[[C0]], %[[C]], %[[K1]]]{{.*}} : memref<1x8x67xi8>, vector<32xi8>
// CHECK-COUNT-2: llvm.call_intrinsic "llvm.x86.avx512.pmaddw.d.512"
// CHECK: %[[O1:.*]] = arith.addi %[[O]], %{{.*}} : vector<32xi32>
// CHECK: scf.yield %[[E1]], %[[O1]]
// CHECK: %[[Y:.*]] = vector.shuffle %[[P]]#0, %[[P]]#1 [0, 32, 1, 33, 2, 34,
// CHECK: return %[[Y]]
// YMM-LABEL: func.func @taps
// YMM-COUNT-8: llvm.call_intrinsic "llvm.x86.avx2.pmadd.wd"({{.*}}) : (vector<16xi16>, vector<16xi16>) -> vector<8xi32>
// YMM-NOT: vector.outerproduct
// NONE-LABEL: func.func @taps
// NONE-NOT: llvm.call_intrinsic
// NONE: vector.outerproduct
func.func @taps(%x: memref<1x8x67xi8>, %w: memref<8x4xi8>, %c: index, %acc: vector<64xi32>) -> vector<64xi32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %pad = arith.constant 0 : i8
  %r = scf.for %k = %c0 to %c4 step %c1 iter_args(%a = %acc) -> (vector<64xi32>) {
    %row = vector.transfer_read %x[%c0, %c, %k], %pad {in_bounds = [true]} : memref<1x8x67xi8>, vector<64xi8>
    %rowi = arith.extsi %row : vector<64xi8> to vector<64xi32>
    %wt = vector.transfer_read %w[%c, %k], %pad {in_bounds = [true]} : memref<8x4xi8>, vector<1xi8>
    %wti = arith.extsi %wt : vector<1xi8> to vector<1xi32>
    %ws = vector.extract %wti[0] : i32 from vector<1xi32>
    %p = vector.outerproduct %rowi, %ws, %a {kind = #vector.kind<add>} : vector<64xi32>, i32
    scf.yield %p : vector<64xi32>
  }
  return %r : vector<64xi32>
}

// -----

// The loop over kernel rows around it carries the two halves too: the
// accumulator is split once before it and interleaved once after it.
// CHECK-LABEL: func.func @rows
// CHECK-SAME: %[[ACC:[^:]*]]: vector<64xi32>
// CHECK: %[[EI:.*]] = vector.shuffle %[[ACC]], %[[ACC]] [0, 2,
// CHECK: %[[OI:.*]] = vector.shuffle %[[ACC]], %[[ACC]] [1, 3,
// CHECK: %[[R:.*]]:3 = scf.for {{.*}} iter_args(%{{.*}} = %[[ACC]], %[[E:.*]] = %[[EI]], %[[O:.*]] = %[[OI]])
// CHECK-NOT: vector.shuffle
// CHECK: %[[T:.*]]:2 = scf.for {{.*}} iter_args(%{{.*}} = %[[E]], %{{.*}} = %[[O]])
// CHECK: scf.yield %{{.*}}, %[[T]]#0, %[[T]]#1
// CHECK: %[[Y:.*]] = vector.shuffle %[[R]]#1, %[[R]]#2 [0, 32, 1, 33,
// CHECK: return %[[Y]]
func.func @rows(%x: memref<2x8x67xi8>, %w: memref<8x2x4xi8>, %c: index, %acc: vector<64xi32>) -> vector<64xi32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c4 = arith.constant 4 : index
  %pad = arith.constant 0 : i8
  %s = scf.for %h = %c0 to %c2 step %c1 iter_args(%b = %acc) -> (vector<64xi32>) {
    %r = scf.for %k = %c0 to %c4 step %c1 iter_args(%a = %b) -> (vector<64xi32>) {
      %row = vector.transfer_read %x[%h, %c, %k], %pad {in_bounds = [true]} : memref<2x8x67xi8>, vector<64xi8>
      %rowi = arith.extsi %row : vector<64xi8> to vector<64xi32>
      %wt = vector.transfer_read %w[%c, %h, %k], %pad {in_bounds = [true]} : memref<8x2x4xi8>, vector<1xi8>
      %wti = arith.extsi %wt : vector<1xi8> to vector<1xi32>
      %ws = vector.extract %wti[0] : i32 from vector<1xi32>
      %p = vector.outerproduct %rowi, %ws, %a {kind = #vector.kind<add>} : vector<64xi32>, i32
      scf.yield %p : vector<64xi32>
    }
    scf.yield %r : vector<64xi32>
  }
  return %s : vector<64xi32>
}

// -----

// Packed weights: a flat buffer indexed by affine.linearize_index, the tap
// innermost, plus an offset: the next tap is the next byte.
// CHECK-LABEL: func.func @packed
// YMM-LABEL: func.func @packed
// CHECK: %[[L:.*]] = affine.linearize_index [%{{.*}}, %[[K:.*]]] by (8, 4)
// CHECK: %[[O:.*]] = affine.apply #{{.*}}()[%[[L]]]
// CHECK: vector.transfer_read %{{.*}}[%[[O]]]{{.*}} : memref<64xi8>, vector<2xi8>
// CHECK: llvm.call_intrinsic "llvm.x86.avx512.pmaddw.d.512"
// CHECK-NOT: vector.outerproduct
func.func @packed(%x: memref<1x8x67xi8>, %w: memref<64xi8>, %c: index, %acc: vector<64xi32>) -> vector<64xi32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %pad = arith.constant 0 : i8
  %r = scf.for %k = %c0 to %c4 step %c1 iter_args(%a = %acc) -> (vector<64xi32>) {
    %row = vector.transfer_read %x[%c0, %c, %k], %pad {in_bounds = [true]} : memref<1x8x67xi8>, vector<64xi8>
    %rowi = arith.extsi %row : vector<64xi8> to vector<64xi32>
    %l = affine.linearize_index [%c, %k] by (8, 4) : index
    %o = affine.apply affine_map<()[s0] -> (s0 + 32)>()[%l]
    %wt = vector.transfer_read %w[%o], %pad {in_bounds = [true]} : memref<64xi8>, vector<1xi8>
    %wti = arith.extsi %wt : vector<1xi8> to vector<1xi32>
    %ws = vector.extract %wti[0] : i32 from vector<1xi32>
    %p = vector.outerproduct %rowi, %ws, %a {kind = #vector.kind<add>} : vector<64xi32>, i32
    scf.yield %p : vector<64xi32>
  }
  return %r : vector<64xi32>
}

// -----

// Left alone: an odd number of taps; weights two apart per tap (the next
// tap's is not the next byte); a row not a whole number of VPMADDWD
// operands (48 columns on zmm); f32.
// CHECK-LABEL: func.func @odd_taps
// CHECK-NOT: llvm.call_intrinsic
// CHECK: vector.outerproduct
func.func @odd_taps(%x: memref<1x8x67xi8>, %w: memref<8x4xi8>, %c: index, %acc: vector<64xi32>) -> vector<64xi32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %pad = arith.constant 0 : i8
  %r = scf.for %k = %c0 to %c3 step %c1 iter_args(%a = %acc) -> (vector<64xi32>) {
    %row = vector.transfer_read %x[%c0, %c, %k], %pad {in_bounds = [true]} : memref<1x8x67xi8>, vector<64xi8>
    %rowi = arith.extsi %row : vector<64xi8> to vector<64xi32>
    %wt = vector.transfer_read %w[%c, %k], %pad {in_bounds = [true]} : memref<8x4xi8>, vector<1xi8>
    %wti = arith.extsi %wt : vector<1xi8> to vector<1xi32>
    %ws = vector.extract %wti[0] : i32 from vector<1xi32>
    %p = vector.outerproduct %rowi, %ws, %a {kind = #vector.kind<add>} : vector<64xi32>, i32
    scf.yield %p : vector<64xi32>
  }
  return %r : vector<64xi32>
}

// CHECK-LABEL: func.func @strided_weights
// CHECK-NOT: llvm.call_intrinsic
// CHECK: vector.outerproduct
func.func @strided_weights(%x: memref<1x8x67xi8>, %w: memref<8x8xi8>, %c: index, %acc: vector<64xi32>) -> vector<64xi32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %pad = arith.constant 0 : i8
  %r = scf.for %k = %c0 to %c4 step %c1 iter_args(%a = %acc) -> (vector<64xi32>) {
    %row = vector.transfer_read %x[%c0, %c, %k], %pad {in_bounds = [true]} : memref<1x8x67xi8>, vector<64xi8>
    %rowi = arith.extsi %row : vector<64xi8> to vector<64xi32>
    %k2 = affine.apply affine_map<(d0) -> (d0 * 2)>(%k)
    %wt = vector.transfer_read %w[%c, %k2], %pad {in_bounds = [true]} : memref<8x8xi8>, vector<1xi8>
    %wti = arith.extsi %wt : vector<1xi8> to vector<1xi32>
    %ws = vector.extract %wti[0] : i32 from vector<1xi32>
    %p = vector.outerproduct %rowi, %ws, %a {kind = #vector.kind<add>} : vector<64xi32>, i32
    scf.yield %p : vector<64xi32>
  }
  return %r : vector<64xi32>
}

// A weight whose other index moves with the tap too (the next tap's weight
// is not the next byte).
// CHECK-LABEL: func.func @diagonal_weights
// CHECK-NOT: llvm.call_intrinsic
// CHECK: vector.outerproduct
func.func @diagonal_weights(%x: memref<1x8x67xi8>, %w: memref<4x4xi8>, %c: index, %acc: vector<64xi32>) -> vector<64xi32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %pad = arith.constant 0 : i8
  %r = scf.for %k = %c0 to %c4 step %c1 iter_args(%a = %acc) -> (vector<64xi32>) {
    %row = vector.transfer_read %x[%c0, %c, %k], %pad {in_bounds = [true]} : memref<1x8x67xi8>, vector<64xi8>
    %rowi = arith.extsi %row : vector<64xi8> to vector<64xi32>
    %wt = vector.transfer_read %w[%k, %k], %pad {in_bounds = [true]} : memref<4x4xi8>, vector<1xi8>
    %wti = arith.extsi %wt : vector<1xi8> to vector<1xi32>
    %ws = vector.extract %wti[0] : i32 from vector<1xi32>
    %p = vector.outerproduct %rowi, %ws, %a {kind = #vector.kind<add>} : vector<64xi32>, i32
    scf.yield %p : vector<64xi32>
  }
  return %r : vector<64xi32>
}

// CHECK-LABEL: func.func @partial_operands
// CHECK-NOT: llvm.call_intrinsic
// CHECK: vector.outerproduct
func.func @partial_operands(%x: memref<1x8x67xi8>, %w: memref<8x4xi8>, %c: index, %acc: vector<48xi32>) -> vector<48xi32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %pad = arith.constant 0 : i8
  %r = scf.for %k = %c0 to %c4 step %c1 iter_args(%a = %acc) -> (vector<48xi32>) {
    %row = vector.transfer_read %x[%c0, %c, %k], %pad {in_bounds = [true]} : memref<1x8x67xi8>, vector<48xi8>
    %rowi = arith.extsi %row : vector<48xi8> to vector<48xi32>
    %wt = vector.transfer_read %w[%c, %k], %pad {in_bounds = [true]} : memref<8x4xi8>, vector<1xi8>
    %wti = arith.extsi %wt : vector<1xi8> to vector<1xi32>
    %ws = vector.extract %wti[0] : i32 from vector<1xi32>
    %p = vector.outerproduct %rowi, %ws, %a {kind = #vector.kind<add>} : vector<48xi32>, i32
    scf.yield %p : vector<48xi32>
  }
  return %r : vector<48xi32>
}

// CHECK-LABEL: func.func @f32
// CHECK-NOT: llvm.call_intrinsic
// CHECK: vector.outerproduct
func.func @f32(%x: memref<1x8x67xf32>, %w: memref<8x4xf32>, %c: index, %acc: vector<64xf32>) -> vector<64xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %pad = arith.constant 0.0 : f32
  %r = scf.for %k = %c0 to %c4 step %c1 iter_args(%a = %acc) -> (vector<64xf32>) {
    %row = vector.transfer_read %x[%c0, %c, %k], %pad {in_bounds = [true]} : memref<1x8x67xf32>, vector<64xf32>
    %ws = memref.load %w[%c, %k] : memref<8x4xf32>
    %p = vector.outerproduct %row, %ws, %a {kind = #vector.kind<add>} : vector<64xf32>, f32
    scf.yield %p : vector<64xf32>
  }
  return %r : vector<64xf32>
}
