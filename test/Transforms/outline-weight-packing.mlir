// RUN: tconv-opt %s --split-input-file --tconv-outline-weight-packing | FileCheck %s

// The transpose and the flip of %w move to @F_pack, which returns both
// flattened, each padded to 64 bytes (16 floats), and is optimized for size
// (it runs once). @F_packed views them in its flat argument, in %w's place;
// @F, without the mark, calls both.
// CHECK-LABEL: func.func @F(
// CHECK-SAME: %[[X0:[^:]*]]: tensor<5x3xf32>, %[[W:[^:]*]]: tensor<3x3xf32> {bufferization.writable = false}, %[[B0:[^:]*]]: tensor<3xf32>)
// CHECK-NEXT: %[[PACKED:.*]] = call @F_pack(%[[W]]) : (tensor<3x3xf32>) -> tensor<32xf32>
// CHECK-NEXT: %[[R:.*]]:2 = call @F_packed(%[[X0]], %[[PACKED]], %[[B0]])
// CHECK-NEXT: return %[[R]]#0, %[[R]]#1

// CHECK-LABEL: func.func @F_pack(
// CHECK-SAME: %[[PW:[^:]*]]: tensor<3x3xf32> {bufferization.writable = false}) -> tensor<32xf32> attributes {passthrough = ["optsize"], tconv.runs_once}
// CHECK: %[[T:.*]] = linalg.transpose ins(%[[PW]]
// CHECK: %[[FLIP:.*]] = linalg.generic {{.*}} ins(%[[T]]
// CHECK: %[[T1:.*]] = tensor.collapse_shape %[[T]] {{\[}}[0, 1]] : tensor<3x3xf32> into tensor<9xf32>
// CHECK: %[[ZERO:.*]] = arith.constant 0.0
// CHECK: %[[T2:.*]] = tensor.pad %[[T1]] low[0] high[7]
// CHECK: tensor.yield %[[ZERO]]
// CHECK: %[[F1:.*]] = tensor.collapse_shape %[[FLIP]]
// CHECK: %[[F2:.*]] = tensor.pad %[[F1]] low[0] high[7]
// CHECK: %[[FLAT:.*]] = tensor.concat dim(0) %[[T2]], %[[F2]] : (tensor<16xf32>, tensor<16xf32>) -> tensor<32xf32>
// CHECK: return %[[FLAT]]

// CHECK-LABEL: func.func @F_packed(
// CHECK-SAME: %[[X:[^:]*]]: tensor<5x3xf32>, %[[P:[^:]*]]: tensor<32xf32> {bufferization.writable = false}, %{{.*}}: tensor<3xf32>)
// CHECK: %[[S0:.*]] = tensor.extract_slice %[[P]][0] [9] [1]
// CHECK: %[[V0:.*]] = tensor.expand_shape %[[S0]] {{\[}}[0, 1]] output_shape [3, 3]
// CHECK: %[[S1:.*]] = tensor.extract_slice %[[P]][16] [9] [1]
// CHECK: %[[V1:.*]] = tensor.expand_shape %[[S1]]
// CHECK-NOT: linalg.transpose
// CHECK-NOT: linalg.generic
// CHECK: linalg.matmul ins(%[[X]], %[[V0]]
// CHECK: linalg.matmul ins(%[[X]], %[[V1]]
#id = affine_map<(d0, d1) -> (d0, d1)>
#flip = affine_map<(d0, d1) -> (2 - d0, d1)>
func.func @F(%x: tensor<5x3xf32>, %w: tensor<3x3xf32> {tconv.pack, bufferization.writable = false}, %b: tensor<3xf32>) -> (tensor<5x3xf32>, tensor<5x3xf32>) {
  %e = tensor.empty() : tensor<3x3xf32>
  %t = linalg.transpose ins(%w : tensor<3x3xf32>) outs(%e : tensor<3x3xf32>) permutation = [1, 0]
  %f = linalg.generic {indexing_maps = [#flip, #id], iterator_types = ["parallel", "parallel"]} ins(%t : tensor<3x3xf32>) outs(%e : tensor<3x3xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<3x3xf32>
  %z = arith.constant 0.0 : f32
  %o = tensor.empty() : tensor<5x3xf32>
  %fill = linalg.fill ins(%z : f32) outs(%o : tensor<5x3xf32>) -> tensor<5x3xf32>
  %m0 = linalg.matmul ins(%x, %t : tensor<5x3xf32>, tensor<3x3xf32>) outs(%fill : tensor<5x3xf32>) -> tensor<5x3xf32>
  %m1 = linalg.matmul ins(%x, %f : tensor<5x3xf32>, tensor<3x3xf32>) outs(%fill : tensor<5x3xf32>) -> tensor<5x3xf32>
  return %m0, %m1 : tensor<5x3xf32>, tensor<5x3xf32>
}

// -----

// A weight used as it is and an op that also reads the input: the weight
// itself is packed (the aligned size needs no padding), the op stays. Two
// marked arguments share one flat tensor, in the place of the first; f16
// pieces are aligned to 32 elements.
// CHECK-LABEL: func.func @G_pack(
// CHECK-SAME: %[[W0:[^:]*]]: tensor<4x8xf16>, %[[W1:[^:]*]]: tensor<2xf16>) -> tensor<64xf16>
// CHECK: %[[C0:.*]] = tensor.collapse_shape %[[W0]]
// CHECK: %[[P1:.*]] = tensor.pad %[[W1]] low[0] high[30]
// CHECK: tensor.concat dim(0) %[[C0]], %[[P1]]
// CHECK-LABEL: func.func @G_packed(
// CHECK-SAME: %[[X:[^:]*]]: tensor<4x8xf16>, %[[P:[^:]*]]: tensor<64xf16>) -> tensor<4x8xf16>
// CHECK: %[[S0:.*]] = tensor.extract_slice %[[P]][0] [32] [1]
// CHECK: %[[V0:.*]] = tensor.expand_shape %[[S0]]
// CHECK: %[[V1:.*]] = tensor.extract_slice %[[P]][32] [2] [1]
// CHECK: linalg.add ins(%[[X]], %[[V0]]
// CHECK: return
func.func @G(%x: tensor<4x8xf16>, %w0: tensor<4x8xf16> {tconv.pack}, %w1: tensor<2xf16> {tconv.pack}) -> tensor<4x8xf16> {
  %e = tensor.empty() : tensor<4x8xf16>
  %s = linalg.add ins(%x, %w0 : tensor<4x8xf16>, tensor<4x8xf16>) outs(%e : tensor<4x8xf16>) -> tensor<4x8xf16>
  %c0 = arith.constant 0 : index
  %v = tensor.extract %w1[%c0] : tensor<2xf16>
  %r = linalg.fill ins(%v : f16) outs(%s : tensor<4x8xf16>) -> tensor<4x8xf16>
  return %r : tensor<4x8xf16>
}

// -----

// Without marks nothing changes.
// CHECK-LABEL: func.func @unmarked
// CHECK-NOT: @unmarked_pack
func.func @unmarked(%w: tensor<4xf32>) -> tensor<4xf32> {
  return %w : tensor<4xf32>
}

// -----

// Nothing uses the weight (all of its contributions were cropped): the
// packed tensor is empty.
// CHECK-LABEL: func.func @unused_pack(
// CHECK: %[[E:.*]] = tensor.empty() : tensor<0xbf16>
// CHECK: return %[[E]]
// CHECK-LABEL: func.func @unused_packed(
// CHECK-SAME: tensor<0xbf16>
func.func @unused(%w: tensor<4xbf16> {tconv.pack}) {
  return
}

// -----

// A bias broadcast to the whole output stays in the call: in the packed
// tensor it would take the output's size. The bias itself is packed.
// CHECK-LABEL: func.func @broadcast_pack(
// CHECK-SAME: -> tensor<16xf32>
// CHECK-NOT: linalg.broadcast
// CHECK-LABEL: func.func @broadcast_packed(
// CHECK: %[[B:.*]] = tensor.extract_slice
// CHECK: linalg.broadcast ins(%[[B]] : tensor<4xf32>)
func.func @broadcast(%b: tensor<4xf32> {tconv.pack}) -> tensor<16x4xf32> {
  %e = tensor.empty() : tensor<16x4xf32>
  %y = linalg.broadcast ins(%b : tensor<4xf32>) outs(%e : tensor<16x4xf32>) dimensions = [0]
  return %y : tensor<16x4xf32>
}

// -----

// A grouped weight split into its groups iterates over more dims than the
// weight has ((group, channel) index one dim of it) but reads every
// element: it is no broadcast, and moves. A per-channel scale broadcast
// along a dim it does not read stays.
// CHECK-LABEL: func.func @groups_pack(
// CHECK-SAME: -> tensor<32xf32>
// CHECK: linalg.generic
// CHECK-SAME: ins(%{{.*}} : tensor<8x2xf32>) outs(%{{.*}} : tensor<2x4x2xf32>)
// CHECK-LABEL: func.func @groups_packed(
// CHECK-NOT: tensor<8x2xf32>
// CHECK: linalg.generic
// CHECK-SAME: ins(%{{.*}} : tensor<2xf32>) outs(%{{.*}} : tensor<3x2xf32>)
// CHECK: return
#split = affine_map<(g, c, f) -> (g * 4 + c, f)>
#grouped = affine_map<(g, c, f) -> (g, c, f)>
#row = affine_map<(p, f) -> (f)>
#pixel = affine_map<(p, f) -> (p, f)>
func.func @groups(%w: tensor<8x2xf32> {tconv.pack}, %s: tensor<2xf32> {tconv.pack}) -> (tensor<2x4x2xf32>, tensor<3x2xf32>) {
  %e = tensor.empty() : tensor<2x4x2xf32>
  %y = linalg.generic {indexing_maps = [#split, #grouped], iterator_types = ["parallel", "parallel", "parallel"]}
       ins(%w : tensor<8x2xf32>) outs(%e : tensor<2x4x2xf32>) {
  ^bb0(%v: f32, %o: f32):
    linalg.yield %v : f32
  } -> tensor<2x4x2xf32>
  %e2 = tensor.empty() : tensor<3x2xf32>
  %z = linalg.generic {indexing_maps = [#row, #pixel], iterator_types = ["parallel", "parallel"]}
       ins(%s : tensor<2xf32>) outs(%e2 : tensor<3x2xf32>) {
  ^bb0(%v: f32, %o: f32):
    linalg.yield %v : f32
  } -> tensor<3x2xf32>
  return %y, %z : tensor<2x4x2xf32>, tensor<3x2xf32>
}

// -----

// A computation in two ways on a check of the weights
// (tconv-dispatch-narrow-weights): what each branch computes from the
// weights alone is hoisted out of it and moves to @D_pack with the check;
// the two branches' equal transposes are one. What reads the input stays in
// its branch.
// CHECK-LABEL: func.func @D_pack(
// CHECK-SAME: %[[W:[^:]*]]: tensor<4x8xi8>) -> tensor<192xi8>
// CHECK: linalg.generic {{.*}} ins(%[[W]] : tensor<4x8xi8>) outs(%{{.*}} : tensor<1xi8>)
// CHECK: linalg.transpose ins(%[[W]] : tensor<4x8xi8>)
// CHECK-NOT: linalg.transpose
// CHECK: linalg.generic {{.*}} ins(%{{.*}} : tensor<8x4xi8>)
// CHECK-NOT: linalg.{{add|sub}}
// CHECK: return
// CHECK-LABEL: func.func @D_packed(
// CHECK-SAME: %[[X:[^:]*]]: tensor<8xi8>, %[[P:[^:]*]]: tensor<192xi8>)
// CHECK-NOT: linalg.transpose
// CHECK: scf.if
// CHECK: linalg.add ins(%[[X]]
// CHECK: } else {
// CHECK: linalg.sub ins(%[[X]]
func.func @D(%x: tensor<8xi8>, %w: tensor<4x8xi8> {tconv.pack}) -> (tensor<8x4xi8>, tensor<8xi8>) {
  %zero = arith.constant dense<0> : tensor<1xi8>
  %check = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (0)>],
                           iterator_types = ["reduction", "reduction"]}
      ins(%w : tensor<4x8xi8>) outs(%zero : tensor<1xi8>) {
  ^bb0(%in: i8, %out: i8):
    %o = arith.ori %in, %out : i8
    linalg.yield %o : i8
  } -> tensor<1xi8>
  %c0 = arith.constant 0 : index
  %word = tensor.extract %check[%c0] : tensor<1xi8>
  %c0_i8 = arith.constant 0 : i8
  %fits = arith.cmpi sge, %word, %c0_i8 : i8
  %r:2 = scf.if %fits -> (tensor<8x4xi8>, tensor<8xi8>) {
    %e = tensor.empty() : tensor<8x4xi8>
    %t = linalg.transpose ins(%w : tensor<4x8xi8>) outs(%e : tensor<8x4xi8>) permutation = [1, 0]
    %e1 = tensor.empty() : tensor<8xi8>
    %s = linalg.add ins(%x, %x : tensor<8xi8>, tensor<8xi8>) outs(%e1 : tensor<8xi8>) -> tensor<8xi8>
    scf.yield %t, %s : tensor<8x4xi8>, tensor<8xi8>
  } else {
    %e = tensor.empty() : tensor<8x4xi8>
    %t = linalg.transpose ins(%w : tensor<4x8xi8>) outs(%e : tensor<8x4xi8>) permutation = [1, 0]
    %n = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>],
                         iterator_types = ["parallel", "parallel"]}
        ins(%t : tensor<8x4xi8>) outs(%e : tensor<8x4xi8>) {
    ^bb0(%in: i8, %out: i8):
      %m = arith.subi %c0_i8, %in : i8
      linalg.yield %m : i8
    } -> tensor<8x4xi8>
    %e1 = tensor.empty() : tensor<8xi8>
    %s = linalg.sub ins(%x, %x : tensor<8xi8>, tensor<8xi8>) outs(%e1 : tensor<8xi8>) -> tensor<8xi8>
    scf.yield %n, %s : tensor<8x4xi8>, tensor<8xi8>
  }
  return %r#0, %r#1 : tensor<8x4xi8>, tensor<8xi8>
}
