// The contraction of a quantized convolution's register tile (i8 operands
// sign-extended, the input channels the target's instruction sums per lane)
// becomes that instruction: VPDPBUSD (four channels) at 512 bits on Cascade
// Lake (AVX512-VNNI) and 256 on Alder Lake (AVX-VNNI), VPMADDWD (two) at
// 256 bits on Haswell and 512 on Skylake-SP (AVX-512BW), SDOT (four) on
// Neoverse N1; nothing on a plain ARMv8.0 core.
// RUN: tconv-opt %s --tconv-lower-int8-dot-products="target-cpu=cascadelake" | FileCheck %s --check-prefix=ZMM
// RUN: tconv-opt %s --tconv-lower-int8-dot-products="target-cpu=alderlake" | FileCheck %s --check-prefix=YMM
// RUN: tconv-opt %s --tconv-lower-int8-dot-products="target-cpu=haswell" | FileCheck %s --check-prefix=PAIRS
// RUN: tconv-opt %s --tconv-lower-int8-dot-products="target-cpu=skylake-avx512" | FileCheck %s --check-prefix=PAIRS512
// RUN: tconv-opt %s --tconv-lower-int8-dot-products="target-triple=aarch64-linux-gnu target-cpu=neoverse-n1" | FileCheck %s --check-prefix=SDOT
// RUN: tconv-opt %s --tconv-lower-int8-dot-products="target-triple=aarch64-linux-gnu" | FileCheck %s --check-prefix=NONE

#lhs = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>
#rhs = affine_map<(d0, d1, d2, d3) -> (d3, d2)>
#acc = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>

// Two pixels by 16 channels. The weight rows (c, f) are interleaved to
// (f, c) bytes once, their sums times 128 computed once (0x80 bytes dotted
// with them); each pixel's four inputs are broadcast, their top bits
// flipped in the vector (x + 128 as u8; flipped before the broadcast, the
// bytes took a trip through a general-purpose register), and dotted into
// its accumulator; then the sums are subtracted.
// ZMM-LABEL: func.func @tile
// ZMM-SAME: (%[[X:.*]]: vector<1x2x4xi8>, %[[W:.*]]: vector<4x16xi8>, %[[ACC:.*]]: vector<1x2x16xi32>)
// ZMM-DAG: %[[TOP:.*]] = arith.constant dense<-128> : vector<64xi8>
// ZMM-DAG: %[[ZERO:.*]] = arith.constant dense<0> : vector<16xi32>
// ZMM: %[[LOW:.*]] = vector.shuffle %{{.*}}, %{{.*}} [0, 16, 1, 17, {{.*}}] : vector<16xi8>, vector<16xi8>
// ZMM: %[[HIGH:.*]] = vector.shuffle %{{.*}}, %{{.*}} [0, 16, 1, 17, {{.*}}] : vector<16xi8>, vector<16xi8>
// ZMM: %[[WFC:.*]] = vector.shuffle %[[LOW]], %[[HIGH]] [0, 1, 32, 33, 2, 3, 34, 35, {{.*}}] : vector<32xi8>, vector<32xi8>
// ZMM: %[[COMP:.*]] = llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.512"(%[[ZERO]], %[[TOP]], %[[WFC]]) : (vector<16xi32>, vector<64xi8>, vector<64xi8>) -> vector<16xi32>
// ZMM: %[[X0:.*]] = vector.extract %[[X]][0, 0] : vector<4xi8> from vector<1x2x4xi8>
// ZMM: %[[WORD0:.*]] = vector.bitcast %[[X0]] : vector<4xi8> to vector<1xi32>
// ZMM: %[[SCALAR0:.*]] = vector.extract %[[WORD0]][0] : i32 from vector<1xi32>
// ZMM: %[[SPLAT0:.*]] = vector.broadcast %[[SCALAR0]] : i32 to vector<16xi32>
// ZMM: %[[BYTES0:.*]] = vector.bitcast %[[SPLAT0]] : vector<16xi32> to vector<64xi8>
// ZMM: %[[U0:.*]] = arith.xori %[[BYTES0]], %[[TOP]] : vector<64xi8>
// ZMM: %[[A0:.*]] = vector.extract %[[ACC]][0, 0] : vector<16xi32> from vector<1x2x16xi32>
// ZMM: %[[S0:.*]] = llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.512"(%[[A0]], %[[U0]], %[[WFC]])
// ZMM: vector.extract %[[X]][0, 1] : vector<4xi8> from vector<1x2x4xi8>
// ZMM: %[[S1:.*]] = llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.512"
// ZMM: arith.subi %[[S0]], %[[COMP]] : vector<16xi32>
// ZMM: arith.subi %[[S1]], %[[COMP]] : vector<16xi32>
// ZMM-NOT: vector.contract
// Two blocks of 8 channels per pixel on 256 bits.
// YMM-LABEL: func.func @tile
// YMM-COUNT-2: llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.256"({{.*}}) : (vector<8xi32>, vector<32xi8>, vector<32xi8>) -> vector<8xi32>
// YMM-COUNT-4: llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.256"
// YMM-LABEL: func.func @loop
// SDOT takes signed inputs: no flip, no compensation; four blocks of four
// channels per pixel.
// SDOT-LABEL: func.func @tile
// SDOT-NOT: arith.xori
// SDOT-COUNT-8: llvm.call_intrinsic "llvm.aarch64.neon.sdot.v4i32.v16i8"({{.*}}) : (vector<4xi32>, vector<16xi8>, vector<16xi8>) -> vector<4xi32>
// SDOT-NOT: arith.subi
// SDOT-NOT: vector.contract
// SDOT-LABEL: func.func @loop
// SDOT: scf.for {{.*}} -> (vector<1x2x16xi32>)
// SDOT-COUNT-8: llvm.call_intrinsic "llvm.aarch64.neon.sdot.v4i32.v16i8"
// SDOT-NOT: arith.subi
// Four channels are two VPMADDWD steps, which the tile would have taken,
// unless its weights are narrow (@narrow_tile).
// PAIRS-LABEL: func.func @tile
// PAIRS-NOT: llvm.call_intrinsic
// PAIRS: vector.contract
// NONE-LABEL: func.func @tile
// NONE-NOT: llvm.call_intrinsic
// NONE: vector.contract
func.func @tile(%x: vector<1x2x4xi8>, %w: vector<4x16xi8>, %acc: vector<1x2x16xi32>) -> vector<1x2x16xi32> {
  %xe = arith.extsi %x : vector<1x2x4xi8> to vector<1x2x4xi32>
  %we = arith.extsi %w : vector<4x16xi8> to vector<4x16xi32>
  %r = vector.contract {indexing_maps = [#lhs, #rhs, #acc], iterator_types = ["parallel", "parallel", "parallel", "reduction"], kind = #vector.kind<add>}
       %xe, %we, %acc : vector<1x2x4xi32>, vector<4x16xi32> into vector<1x2x16xi32>
  return %r : vector<1x2x16xi32>
}

// In a reduction loop that carries the accumulators (a register tile's),
// the compensations are carried too and subtracted once, after the loop.
// ZMM-LABEL: func.func @loop
// ZMM: %[[ZERO:.*]] = arith.constant dense<0> : vector<16xi32>
// ZMM: %[[LOOP:.*]]:2 = scf.for %{{.*}} = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[ACC:.*]] = %{{.*}}, %[[COMP:.*]] = %[[ZERO]]) -> (vector<1x2x16xi32>, vector<16xi32>)
// ZMM: %[[NEXT:.*]] = llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.512"(%[[COMP]], %{{.*}}, %{{.*}})
// ZMM-NOT: arith.subi
// ZMM: scf.yield %{{.*}}, %[[NEXT]] : vector<1x2x16xi32>, vector<16xi32>
// ZMM: %[[R0:.*]] = vector.extract %[[LOOP]]#0[0, 0]
// ZMM: arith.subi %[[R0]], %[[LOOP]]#1 : vector<16xi32>
// ZMM: %[[R1:.*]] = vector.extract %{{.*}}[0, 1]
// ZMM: arith.subi %[[R1]], %[[LOOP]]#1 : vector<16xi32>
func.func @loop(%x: vector<1x2x4xi8>, %w: vector<4x16xi8>, %init: vector<1x2x16xi32>, %n: index) -> vector<1x2x16xi32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %init) -> (vector<1x2x16xi32>) {
    %xe = arith.extsi %x : vector<1x2x4xi8> to vector<1x2x4xi32>
    %we = arith.extsi %w : vector<4x16xi8> to vector<4x16xi32>
    %next = vector.contract {indexing_maps = [#lhs, #rhs, #acc], iterator_types = ["parallel", "parallel", "parallel", "reduction"], kind = #vector.kind<add>}
            %xe, %we, %acc : vector<1x2x4xi32>, vector<4x16xi32> into vector<1x2x16xi32>
    scf.yield %next : vector<1x2x16xi32>
  }
  return %r : vector<1x2x16xi32>
}

// Not whole dot products (two input channels) or unsigned extensions: left
// to the generic lowering.
// ZMM-LABEL: func.func @two_channels
// ZMM-NOT: llvm.call_intrinsic
// ZMM: vector.contract
// Two channels are VPMADDWD's: the weight rows widened to i16 and
// interleaved to (f, c) pairs per block of 8 channels, each pixel's two
// inputs broadcast as one 16-bit word and widened (VPBROADCASTW and
// VPMOVSXBW), the products added to the accumulators.
// PAIRS-LABEL: func.func @two_channels
// PAIRS-SAME: (%[[X:.*]]: vector<1x2x2xi8>, %[[W:.*]]: vector<2x16xi8>, %[[ACC:.*]]: vector<1x2x16xi32>)
// PAIRS: %[[R0:.*]] = vector.extract %[[W]][0] : vector<16xi8> from vector<2x16xi8>
// PAIRS: %[[R1:.*]] = vector.extract %[[W]][1] : vector<16xi8> from vector<2x16xi8>
// PAIRS: %[[B0:.*]] = vector.extract_strided_slice %[[R0]] {offsets = [0], sizes = [8], strides = [1]}
// PAIRS: %[[E0:.*]] = arith.extsi %[[B0]] : vector<8xi8> to vector<8xi16>
// PAIRS: %[[B1:.*]] = vector.extract_strided_slice %[[R1]] {offsets = [0], sizes = [8], strides = [1]}
// PAIRS: %[[E1:.*]] = arith.extsi %[[B1]] : vector<8xi8> to vector<8xi16>
// PAIRS: %[[WFC:.*]] = vector.shuffle %[[E0]], %[[E1]] [0, 8, 1, 9, 2, 10, 3, 11, 4, 12, 5, 13, 6, 14, 7, 15] : vector<8xi16>, vector<8xi16>
// PAIRS: vector.shuffle {{.*}} : vector<8xi16>, vector<8xi16>
// PAIRS: %[[X0:.*]] = vector.extract %[[X]][0, 0] : vector<2xi8> from vector<1x2x2xi8>
// PAIRS: %[[WORD:.*]] = vector.bitcast %[[X0]] : vector<2xi8> to vector<1xi16>
// PAIRS: %[[SCALAR:.*]] = vector.extract %[[WORD]][0] : i16 from vector<1xi16>
// PAIRS: %[[SPLAT:.*]] = vector.broadcast %[[SCALAR]] : i16 to vector<8xi16>
// PAIRS: %[[BYTES:.*]] = vector.bitcast %[[SPLAT]] : vector<8xi16> to vector<16xi8>
// PAIRS: %[[XS:.*]] = arith.extsi %[[BYTES]] : vector<16xi8> to vector<16xi16>
// PAIRS: %[[P:.*]] = llvm.call_intrinsic "llvm.x86.avx2.pmadd.wd"(%[[XS]], %[[WFC]]) : (vector<16xi16>, vector<16xi16>) -> vector<8xi32>
// PAIRS: arith.addi %{{.*}}, %[[P]] : vector<8xi32>
// PAIRS-COUNT-3: llvm.call_intrinsic "llvm.x86.avx2.pmadd.wd"
// PAIRS-NOT: arith.subi
// PAIRS-NOT: vector.contract
// PAIRS512-LABEL: func.func @two_channels
// PAIRS512-COUNT-2: llvm.call_intrinsic "llvm.x86.avx512.pmaddw.d.512"({{.*}}) : (vector<32xi16>, vector<32xi16>) -> vector<16xi32>
// PAIRS512-NOT: vector.contract
func.func @two_channels(%x: vector<1x2x2xi8>, %w: vector<2x16xi8>, %acc: vector<1x2x16xi32>) -> vector<1x2x16xi32> {
  %xe = arith.extsi %x : vector<1x2x2xi8> to vector<1x2x2xi32>
  %we = arith.extsi %w : vector<2x16xi8> to vector<2x16xi32>
  %r = vector.contract {indexing_maps = [#lhs, #rhs, #acc], iterator_types = ["parallel", "parallel", "parallel", "reduction"], kind = #vector.kind<add>}
       %xe, %we, %acc : vector<1x2x2xi32>, vector<2x16xi32> into vector<1x2x16xi32>
  return %r : vector<1x2x16xi32>
}

// Inputs already widened to i16 (tconv-prepare-dot-product-operands): each pixel's
// pair is broadcast as one 32-bit word (a VPBROADCASTD load) and multiplied
// as it is. VPDPBUSD and SDOT take bytes: left to the generic lowering.
// ZMM-LABEL: func.func @widened_inputs
// ZMM-NOT: llvm.call_intrinsic
// ZMM: vector.contract
// PAIRS-LABEL: func.func @widened_inputs
// PAIRS-SAME: (%[[X:.*]]: vector<1x2x2xi16>, %[[W:.*]]: vector<2x16xi8>, %[[ACC:.*]]: vector<1x2x16xi32>)
// PAIRS-COUNT-2: vector.shuffle {{.*}} : vector<8xi16>, vector<8xi16>
// PAIRS: %[[X0:.*]] = vector.extract %[[X]][0, 0] : vector<2xi16> from vector<1x2x2xi16>
// PAIRS: %[[WORD:.*]] = vector.bitcast %[[X0]] : vector<2xi16> to vector<1xi32>
// PAIRS: %[[SCALAR:.*]] = vector.extract %[[WORD]][0] : i32 from vector<1xi32>
// PAIRS: %[[SPLAT:.*]] = vector.broadcast %[[SCALAR]] : i32 to vector<8xi32>
// PAIRS: %[[XS:.*]] = vector.bitcast %[[SPLAT]] : vector<8xi32> to vector<16xi16>
// PAIRS-NOT: arith.extsi
// PAIRS: llvm.call_intrinsic "llvm.x86.avx2.pmadd.wd"(%[[XS]], %{{.*}}) : (vector<16xi16>, vector<16xi16>) -> vector<8xi32>
// PAIRS-COUNT-3: llvm.call_intrinsic "llvm.x86.avx2.pmadd.wd"
// PAIRS-NOT: vector.contract
// PAIRS-LABEL: func.func @unsigned
// PAIRS512-LABEL: func.func @widened_inputs
// PAIRS512-COUNT-2: llvm.call_intrinsic "llvm.x86.avx512.pmaddw.d.512"({{.*}}) : (vector<32xi16>, vector<32xi16>) -> vector<16xi32>
// PAIRS512-NOT: vector.contract
// PAIRS512-LABEL: func.func @unsigned
// SDOT-LABEL: func.func @widened_inputs
// SDOT-NOT: llvm.call_intrinsic
// SDOT: vector.contract
func.func @widened_inputs(%x: vector<1x2x2xi16>, %w: vector<2x16xi8>, %acc: vector<1x2x16xi32>) -> vector<1x2x16xi32> {
  %xe = arith.extsi %x : vector<1x2x2xi16> to vector<1x2x2xi32>
  %we = arith.extsi %w : vector<2x16xi8> to vector<2x16xi32>
  %r = vector.contract {indexing_maps = [#lhs, #rhs, #acc], iterator_types = ["parallel", "parallel", "parallel", "reduction"], kind = #vector.kind<add>}
       %xe, %we, %acc : vector<1x2x2xi32>, vector<2x16xi32> into vector<1x2x16xi32>
  return %r : vector<1x2x16xi32>
}

// ZMM-LABEL: func.func @unsigned
// ZMM-NOT: llvm.call_intrinsic
// ZMM: vector.contract
func.func @unsigned(%x: vector<1x2x4xi8>, %w: vector<4x16xi8>, %acc: vector<1x2x16xi32>) -> vector<1x2x16xi32> {
  %xe = arith.extui %x : vector<1x2x4xi8> to vector<1x2x4xi32>
  %we = arith.extsi %w : vector<4x16xi8> to vector<4x16xi32>
  %r = vector.contract {indexing_maps = [#lhs, #rhs, #acc], iterator_types = ["parallel", "parallel", "parallel", "reduction"], kind = #vector.kind<add>}
       %xe, %we, %acc : vector<1x2x4xi32>, vector<4x16xi32> into vector<1x2x16xi32>
  return %r : vector<1x2x16xi32>
}

// Channels that do not fill the vectors (an RGB layer's 3, sub-pixel's 12)
// run on whole ones: the weight rows and each pixel's accumulators are
// padded with poison lanes (free in registers: the vector is a register
// either way), whose results are dropped again.
// ZMM-LABEL: func.func @twelve_channels
// ZMM-SAME: (%[[X:.*]]: vector<1x2x4xi8>, %[[W:.*]]: vector<4x12xi8>, %[[ACC:.*]]: vector<1x2x12xi32>)
// ZMM: %[[ROW:.*]] = vector.extract %[[W]][0] : vector<12xi8> from vector<4x12xi8>
// ZMM: vector.shuffle %[[ROW]], %[[ROW]] [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, -1, -1, -1, -1] : vector<12xi8>, vector<12xi8>
// ZMM: %[[A0:.*]] = vector.extract %[[ACC]][0, 0] : vector<12xi32> from vector<1x2x12xi32>
// ZMM: %[[PADDED:.*]] = vector.shuffle %[[A0]], %[[A0]] [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, -1, -1, -1, -1] : vector<12xi32>, vector<12xi32>
// ZMM: %[[S0:.*]] = llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.512"(%[[PADDED]], {{.*}}) : (vector<16xi32>, vector<64xi8>, vector<64xi8>) -> vector<16xi32>
// ZMM: vector.extract_strided_slice %{{.*}} {offsets = [0], sizes = [12], strides = [1]} : vector<16xi32> to vector<12xi32>
// ZMM-COUNT-1: llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.512"
// ZMM-NOT: vector.contract
// Eight-lane blocks on AVX-VNNI: two, the second half poison.
// YMM-LABEL: func.func @twelve_channels
// YMM-COUNT-6: llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.256"
// YMM-NOT: vector.contract
// Three whole blocks of four on SDOT.
// SDOT-LABEL: func.func @twelve_channels
// SDOT-NOT: -1
// SDOT-COUNT-6: llvm.call_intrinsic "llvm.aarch64.neon.sdot.v4i32.v16i8"
// SDOT-NOT: vector.contract
func.func @twelve_channels(%x: vector<1x2x4xi8>, %w: vector<4x12xi8>, %acc: vector<1x2x12xi32>) -> vector<1x2x12xi32> {
  %xe = arith.extsi %x : vector<1x2x4xi8> to vector<1x2x4xi32>
  %we = arith.extsi %w : vector<4x12xi8> to vector<4x12xi32>
  %r = vector.contract {indexing_maps = [#lhs, #rhs, #acc], iterator_types = ["parallel", "parallel", "parallel", "reduction"], kind = #vector.kind<add>}
       %xe, %we, %acc : vector<1x2x4xi32>, vector<4x12xi32> into vector<1x2x12xi32>
  return %r : vector<1x2x12xi32>
}

// A register tile's reduction (taps, then channels) inside a loop over
// pixels, its weights read from memory no loop writes (a function
// argument: the C interface's results do not overlap it): the
// compensations, 128 times the weights' sums, come from a copy of the
// reduction loops that reads the weights only, moved out of the loop over
// pixels, and are subtracted once after the tile's reduction.
// The weights' interleaved operands likewise: another copy of the loops
// writes each iteration's to a buffer (4 iterations of 64 bytes), which
// the tile's loop reads.
// ZMM-LABEL: func.func @hoisted
// ZMM-SAME: (%[[X:.*]]: memref<8x16x8xi8>, %[[W:.*]]: memref<2x8x16xi8>, %[[Y:.*]]: memref<8x2x16xi32>)
// ZMM: %[[BUF:.*]] = memref.alloc() {alignment = 64 : i64} : memref<256xi8>
// ZMM: %[[SUMS:.*]] = scf.for %[[T:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%{{.*}} = %{{.*}}) -> (vector<16xi32>)
// ZMM: scf.for %[[C:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args
// ZMM: vector.transfer_read %[[W]][%[[T]], %[[C]], %{{.*}}]
// ZMM-NOT: llvm.call_intrinsic
// ZMM: arith.muli
// ZMM: scf.for %[[T2:.*]] = %{{.*}} to %{{.*}} step
// ZMM: scf.for %[[C2:.*]] = %{{.*}} to %{{.*}} step
// ZMM: vector.transfer_read %[[W]][%[[T2]], %[[C2]], %{{.*}}]
// ZMM: vector.shuffle
// ZMM: vector.store %{{.*}}, %[[BUF]][%{{.*}}] : memref<256xi8>, vector<64xi8>
// ZMM: scf.for %[[P:.*]] =
// ZMM: %[[ACC:.*]] = scf.for
// ZMM: scf.for
// ZMM-NOT: vector.shuffle
// ZMM: %[[OPERAND:.*]] = vector.load %[[BUF]][%{{.*}}] : memref<256xi8>, vector<64xi8>
// ZMM-NOT: vector.shuffle
// ZMM-COUNT-2: llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.512"(%{{.*}}, %{{.*}}, %[[OPERAND]])
// ZMM-NOT: llvm.call_intrinsic
// ZMM: scf.yield
// ZMM: scf.yield
// ZMM: %[[A0:.*]] = vector.extract %[[ACC]][0, 0]
// ZMM: arith.subi %[[A0]], %[[SUMS]] : vector<16xi32>
// ZMM: arith.subi %{{.*}}, %[[SUMS]] : vector<16xi32>
// ZMM: vector.transfer_write
// ZMM: memref.dealloc %[[BUF]]
// ZMM-NEXT: return
// Where the loop over pixels writes the weights' memory, the compensations
// stay in the tile's reduction loop.
// ZMM-LABEL: func.func @weights_written
// ZMM: scf.for
// ZMM: scf.for {{.*}} -> (vector<1x2x16xi32>, vector<16xi32>)
func.func @hoisted(%x: memref<8x16x8xi8>, %w: memref<2x8x16xi8>, %y: memref<8x2x16xi32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c4 = arith.constant 4 : index
  %c8 = arith.constant 8 : index
  %i0 = arith.constant 0 : i8
  %zero = arith.constant dense<0> : vector<1x2x16xi32>
  scf.for %p = %c0 to %c8 step %c1 {
    %acc = scf.for %t = %c0 to %c2 step %c1 iter_args(%a = %zero) -> (vector<1x2x16xi32>) {
      %inner = scf.for %c = %c0 to %c8 step %c4 iter_args(%b = %a) -> (vector<1x2x16xi32>) {
        %xv = vector.transfer_read %x[%p, %t, %c], %i0 {in_bounds = [true, true]} : memref<8x16x8xi8>, vector<2x4xi8>
        %xs = vector.shape_cast %xv : vector<2x4xi8> to vector<1x2x4xi8>
        %wv = vector.transfer_read %w[%t, %c, %c0], %i0 {in_bounds = [true, true]} : memref<2x8x16xi8>, vector<4x16xi8>
        %xe = arith.extsi %xs : vector<1x2x4xi8> to vector<1x2x4xi32>
        %we = arith.extsi %wv : vector<4x16xi8> to vector<4x16xi32>
        %next = vector.contract {indexing_maps = [#lhs, #rhs, #acc], iterator_types = ["parallel", "parallel", "parallel", "reduction"], kind = #vector.kind<add>}
                %xe, %we, %b : vector<1x2x4xi32>, vector<4x16xi32> into vector<1x2x16xi32>
        scf.yield %next : vector<1x2x16xi32>
      }
      scf.yield %inner : vector<1x2x16xi32>
    }
    %r = vector.shape_cast %acc : vector<1x2x16xi32> to vector<2x16xi32>
    vector.transfer_write %r, %y[%p, %c0, %c0] {in_bounds = [true, true]} : vector<2x16xi32>, memref<8x2x16xi32>
  }
  return
}

func.func @weights_written(%x: memref<8x16x8xi8>, %w: memref<2x8x16xi8>, %y: memref<8x2x16xi32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c8 = arith.constant 8 : index
  %i0 = arith.constant 0 : i8
  %zero = arith.constant dense<0> : vector<1x2x16xi32>
  %ones = arith.constant dense<1> : vector<16xi8>
  scf.for %p = %c0 to %c8 step %c1 {
    vector.transfer_write %ones, %w[%c0, %p, %c0] {in_bounds = [true]} : vector<16xi8>, memref<2x8x16xi8>
    %acc = scf.for %c = %c0 to %c8 step %c4 iter_args(%b = %zero) -> (vector<1x2x16xi32>) {
      %xv = vector.transfer_read %x[%p, %c0, %c], %i0 {in_bounds = [true, true]} : memref<8x16x8xi8>, vector<2x4xi8>
      %xs = vector.shape_cast %xv : vector<2x4xi8> to vector<1x2x4xi8>
      %wv = vector.transfer_read %w[%c0, %c, %c0], %i0 {in_bounds = [true, true]} : memref<2x8x16xi8>, vector<4x16xi8>
      %xe = arith.extsi %xs : vector<1x2x4xi8> to vector<1x2x4xi32>
      %we = arith.extsi %wv : vector<4x16xi8> to vector<4x16xi32>
      %next = vector.contract {indexing_maps = [#lhs, #rhs, #acc], iterator_types = ["parallel", "parallel", "parallel", "reduction"], kind = #vector.kind<add>}
              %xe, %we, %b : vector<1x2x4xi32>, vector<4x16xi32> into vector<1x2x16xi32>
      scf.yield %next : vector<1x2x16xi32>
    }
    %r = vector.shape_cast %acc : vector<1x2x16xi32> to vector<2x16xi32>
    vector.transfer_write %r, %y[%p, %c0, %c0] {in_bounds = [true, true]} : vector<2x16xi32>, memref<8x2x16xi32>
  }
  return
}

// VPMADDWD's weights: interleaved and widened to i16 pairs once, by a copy
// of the reduction loop before the loop over pixels (4 iterations of two
// 8-lane blocks of 16 i16); the tile's loop loads them, no shuffle or
// extension left in it.
// PAIRS-LABEL: func.func @interleaved_once
// (Quads of channels: not a dot-product tile; YMM, ZMM and SDOT leave it.)
// YMM-LABEL: func.func @interleaved_once
// SDOT-LABEL: func.func @interleaved_once
// PAIRS: %[[BUF:.*]] = memref.alloc() {alignment = 64 : i64} : memref<128xi16>
// PAIRS: scf.for %[[C:.*]] = %{{.*}} to %{{.*}} step %[[C2:.*]] {
// PAIRS: vector.transfer_read %{{.*}}[%[[C]], %{{.*}}]{{.*}}vector<2x16xi8>
// PAIRS: %[[I:.*]] = arith.divui %[[C]], %[[C2]]
// PAIRS-COUNT-2: vector.shuffle {{.*}} [0, 8, 1, 9, 2, 10, 3, 11, 4, 12, 5, 13, 6, 14, 7, 15] : vector<8xi16>, vector<8xi16>
// PAIRS: %[[O:.*]] = arith.muli %[[I]], %{{.*}} : index
// PAIRS: vector.store %{{.*}}, %[[BUF]][%[[O]]] : memref<128xi16>, vector<16xi16>
// PAIRS: vector.store %{{.*}}, %[[BUF]][%{{.*}}] : memref<128xi16>, vector<16xi16>
// PAIRS: scf.for
// PAIRS: scf.for
// PAIRS-NOT: vector.shuffle
// PAIRS-NOT: arith.extsi
// PAIRS: vector.load %[[BUF]]
// PAIRS: vector.load %[[BUF]]
// PAIRS-NOT: vector.shuffle
// PAIRS-COUNT-2: llvm.call_intrinsic "llvm.x86.avx2.pmadd.wd"
// PAIRS-NOT: vector.shuffle
// PAIRS: scf.yield
// PAIRS: memref.dealloc %[[BUF]]
// PAIRS-NEXT: return
// With zmm (AVX-512BW without VNNI) the 16 channels are one block of 32 i16.
// PAIRS512-LABEL: func.func @interleaved_once
// PAIRS512: %[[BUF:.*]] = memref.alloc() {alignment = 64 : i64} : memref<128xi16>
// PAIRS512: scf.for
// PAIRS512: vector.shuffle {{.*}} : vector<16xi16>, vector<16xi16>
// PAIRS512: vector.store %{{.*}}, %[[BUF]][%{{.*}}] : memref<128xi16>, vector<32xi16>
// PAIRS512-NOT: vector.store
// PAIRS512: scf.for
// PAIRS512: scf.for
// PAIRS512-NOT: vector.shuffle
// PAIRS512: vector.load %[[BUF]][%{{.*}}] : memref<128xi16>, vector<32xi16>
// PAIRS512-NOT: vector.shuffle
// PAIRS512: llvm.call_intrinsic "llvm.x86.avx512.pmaddw.d.512"
// PAIRS512: memref.dealloc %[[BUF]]
// PAIRS512-NEXT: return
func.func @interleaved_once(%x: memref<8x8xi16>, %w: memref<8x16xi8>, %y: memref<8x16xi32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c8 = arith.constant 8 : index
  %i0 = arith.constant 0 : i8
  %h0 = arith.constant 0 : i16
  %zero = arith.constant dense<0> : vector<1x1x16xi32>
  scf.for %p = %c0 to %c8 step %c1 {
    %acc = scf.for %c = %c0 to %c8 step %c2 iter_args(%b = %zero) -> (vector<1x1x16xi32>) {
      %xr = vector.transfer_read %x[%p, %c], %h0 {in_bounds = [true]} : memref<8x8xi16>, vector<2xi16>
      %xv = vector.shape_cast %xr : vector<2xi16> to vector<1x1x2xi16>
      %wv = vector.transfer_read %w[%c, %c0], %i0 {in_bounds = [true, true]} : memref<8x16xi8>, vector<2x16xi8>
      %xe = arith.extsi %xv : vector<1x1x2xi16> to vector<1x1x2xi32>
      %we = arith.extsi %wv : vector<2x16xi8> to vector<2x16xi32>
      %next = vector.contract {indexing_maps = [#lhs, #rhs, #acc], iterator_types = ["parallel", "parallel", "parallel", "reduction"], kind = #vector.kind<add>}
              %xe, %we, %b : vector<1x1x2xi32>, vector<2x16xi32> into vector<1x1x16xi32>
      scf.yield %next : vector<1x1x16xi32>
    }
    %r = vector.shape_cast %acc : vector<1x1x16xi32> to vector<16xi32>
    vector.transfer_write %r, %y[%p, %c0] {in_bounds = [true]} : vector<16xi32>, memref<8x16xi32>
  }
  return
}

// A reduction of unknown length gets no buffer: its loop interleaves.
// PAIRS-LABEL: func.func @unknown_length
// PAIRS-NOT: memref.alloc
// PAIRS: scf.for
// PAIRS: scf.for
// PAIRS: vector.shuffle
// PAIRS: llvm.call_intrinsic "llvm.x86.avx2.pmadd.wd"
func.func @unknown_length(%x: memref<8x?xi16>, %w: memref<?x16xi8>, %y: memref<8x16xi32>, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c8 = arith.constant 8 : index
  %i0 = arith.constant 0 : i8
  %h0 = arith.constant 0 : i16
  %zero = arith.constant dense<0> : vector<1x1x16xi32>
  scf.for %p = %c0 to %c8 step %c1 {
    %acc = scf.for %c = %c0 to %n step %c2 iter_args(%b = %zero) -> (vector<1x1x16xi32>) {
      %xr = vector.transfer_read %x[%p, %c], %h0 {in_bounds = [true]} : memref<8x?xi16>, vector<2xi16>
      %xv = vector.shape_cast %xr : vector<2xi16> to vector<1x1x2xi16>
      %wv = vector.transfer_read %w[%c, %c0], %i0 {in_bounds = [true, true]} : memref<?x16xi8>, vector<2x16xi8>
      %xe = arith.extsi %xv : vector<1x1x2xi16> to vector<1x1x2xi32>
      %we = arith.extsi %wv : vector<2x16xi8> to vector<2x16xi32>
      %next = vector.contract {indexing_maps = [#lhs, #rhs, #acc], iterator_types = ["parallel", "parallel", "parallel", "reduction"], kind = #vector.kind<add>}
              %xe, %we, %b : vector<1x1x2xi32>, vector<2x16xi32> into vector<1x1x16xi32>
      scf.yield %next : vector<1x1x16xi32>
    }
    %r = vector.shape_cast %acc : vector<1x1x16xi32> to vector<16xi32>
    vector.transfer_write %r, %y[%p, %c0] {in_bounds = [true]} : vector<16xi32>, memref<8x16xi32>
  }
  return
}

// A tile of a convolution whose weights lie in [-64, 63]
// (tconv.narrow_weights, carried by tconv-tile-and-vectorize) sums quads on
// targets without VNNI too: VPMADDUBSW adds pairs of u8 x s8 products into
// i16 lanes, VPMADDWD by ones pairs of those into i32 lanes. Its inputs are
// flipped to u8 and compensated as VPDPBUSD's. With VNNI or SDOT the mark
// changes nothing; unmarked, a four-channel tile is left on Haswell (@tile).
// PAIRS-LABEL: func.func @narrow_tile
// PAIRS-SAME: (%[[X:.*]]: vector<1x2x4xi8>, %[[W:.*]]: vector<4x16xi8>, %[[ACC:.*]]: vector<1x2x16xi32>)
// PAIRS-DAG: %[[ONES:.*]] = arith.constant dense<1> : vector<16xi16>
// PAIRS-DAG: %[[TOP:.*]] = arith.constant dense<-128> : vector<32xi8>
// PAIRS: %[[WFC:.*]] = vector.shuffle %{{.*}}, %{{.*}} [0, 1, 16, 17, 2, 3, 18, 19, {{.*}}] : vector<16xi8>, vector<16xi8>
// PAIRS: %[[CP:.*]] = llvm.call_intrinsic "llvm.x86.avx2.pmadd.ub.sw"(%[[TOP]], %[[WFC]]) : (vector<32xi8>, vector<32xi8>) -> vector<16xi16>
// PAIRS: %[[COMP:.*]] = llvm.call_intrinsic "llvm.x86.avx2.pmadd.wd"(%[[CP]], %[[ONES]]) : (vector<16xi16>, vector<16xi16>) -> vector<8xi32>
// PAIRS: %[[X0:.*]] = vector.extract %[[X]][0, 0] : vector<4xi8> from vector<1x2x4xi8>
// PAIRS: %[[BYTES0:.*]] = vector.bitcast %{{.*}} : vector<8xi32> to vector<32xi8>
// PAIRS: %[[U0:.*]] = arith.xori %[[BYTES0]], %[[TOP]] : vector<32xi8>
// PAIRS: %[[A0:.*]] = vector.extract_strided_slice %{{.*}} {offsets = [0], sizes = [8], strides = [1]} : vector<16xi32> to vector<8xi32>
// PAIRS: %[[P0:.*]] = llvm.call_intrinsic "llvm.x86.avx2.pmadd.ub.sw"(%[[U0]], %[[WFC]]) : (vector<32xi8>, vector<32xi8>) -> vector<16xi16>
// PAIRS: %[[Q0:.*]] = llvm.call_intrinsic "llvm.x86.avx2.pmadd.wd"(%[[P0]], %[[ONES]]) : (vector<16xi16>, vector<16xi16>) -> vector<8xi32>
// PAIRS: %[[S0:.*]] = arith.addi %[[A0]], %[[Q0]] : vector<8xi32>
// PAIRS-COUNT-3: llvm.call_intrinsic "llvm.x86.avx2.pmadd.ub.sw"(%{{.*}}) : (vector<32xi8>, vector<32xi8>) -> vector<16xi16>
// PAIRS: arith.subi %[[S0]], %[[COMP]] : vector<8xi32>
// PAIRS-NOT: vector.contract
// PAIRS512-LABEL: func.func @narrow_tile
// PAIRS512: llvm.call_intrinsic "llvm.x86.avx512.pmaddubs.w.512"({{.*}}) : (vector<64xi8>, vector<64xi8>) -> vector<32xi16>
// PAIRS512: llvm.call_intrinsic "llvm.x86.avx512.pmaddw.d.512"({{.*}}) : (vector<32xi16>, vector<32xi16>) -> vector<16xi32>
// PAIRS512-COUNT-2: llvm.call_intrinsic "llvm.x86.avx512.pmaddubs.w.512"
// PAIRS512-NOT: vector.contract
// ZMM-LABEL: func.func @narrow_tile
// ZMM-NOT: pmaddubs
// ZMM-COUNT-3: llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.512"
// SDOT-LABEL: func.func @narrow_tile
// SDOT-COUNT-8: llvm.call_intrinsic "llvm.aarch64.neon.sdot.v4i32.v16i8"
// NONE-LABEL: func.func @narrow_tile
// NONE-NOT: llvm.call_intrinsic
// NONE: vector.contract
func.func @narrow_tile(%x: vector<1x2x4xi8>, %w: vector<4x16xi8>, %acc: vector<1x2x16xi32>) -> vector<1x2x16xi32> {
  %xe = arith.extsi %x : vector<1x2x4xi8> to vector<1x2x4xi32>
  %we = arith.extsi %w : vector<4x16xi8> to vector<4x16xi32>
  %r = vector.contract {indexing_maps = [#lhs, #rhs, #acc], iterator_types = ["parallel", "parallel", "parallel", "reduction"], kind = #vector.kind<add>, tconv.narrow_weights}
       %xe, %we, %acc : vector<1x2x4xi32>, vector<4x16xi32> into vector<1x2x16xi32>
  return %r : vector<1x2x16xi32>
}
