// Square power-of-two transposes become log2(n) rounds of shuffles, and
// more rows than that side (a power-of-two multiple) such squares whose
// rows are joined; the result is checked against the transpose element by
// element in test/Execution (channels-first layers) and here by the masks.
// RUN: tconv-opt %s --tconv-lower-vector-transposes --split-input-file | FileCheck %s

// 4 x 4: first the halves swap (rows 0 and 2, 1 and 3), then single
// elements (rows 0 and 1, 2 and 3).
// CHECK-LABEL: func.func @square
// CHECK-SAME: (%[[V:.*]]: vector<4x4xi32>)
// CHECK-DAG: %[[R0:.*]] = vector.extract %[[V]][0]
// CHECK-DAG: %[[R1:.*]] = vector.extract %[[V]][1]
// CHECK-DAG: %[[R2:.*]] = vector.extract %[[V]][2]
// CHECK-DAG: %[[R3:.*]] = vector.extract %[[V]][3]
// CHECK: %[[H0:.*]] = vector.shuffle %[[R0]], %[[R2]] [0, 1, 4, 5]
// CHECK: %[[H2:.*]] = vector.shuffle %[[R0]], %[[R2]] [2, 3, 6, 7]
// CHECK: %[[H1:.*]] = vector.shuffle %[[R1]], %[[R3]] [0, 1, 4, 5]
// CHECK: %[[H3:.*]] = vector.shuffle %[[R1]], %[[R3]] [2, 3, 6, 7]
// CHECK: %[[T0:.*]] = vector.shuffle %[[H0]], %[[H1]] [0, 4, 2, 6]
// CHECK: %[[T1:.*]] = vector.shuffle %[[H0]], %[[H1]] [1, 5, 3, 7]
// CHECK: %[[T2:.*]] = vector.shuffle %[[H2]], %[[H3]] [0, 4, 2, 6]
// CHECK: %[[T3:.*]] = vector.shuffle %[[H2]], %[[H3]] [1, 5, 3, 7]
// CHECK: %[[I0:.*]] = vector.insert %[[T0]], %{{.*}} [0]
// CHECK: %[[I1:.*]] = vector.insert %[[T1]], %[[I0]] [1]
// CHECK: %[[I2:.*]] = vector.insert %[[T2]], %[[I1]] [2]
// CHECK: %[[I3:.*]] = vector.insert %[[T3]], %[[I2]] [3]
// CHECK: return %[[I3]]
// CHECK-NOT: vector.transpose
func.func @square(%v: vector<4x4xi32>) -> vector<4x4xi32> {
  %t = vector.transpose %v, [1, 0] : vector<4x4xi32> to vector<4x4xi32>
  return %t : vector<4x4xi32>
}

// -----

// Unit dims around the square (a channels-last block going back to
// channels-first) do not move data: the same network on the 8 rows.
// CHECK-LABEL: func.func @unit_dims
// CHECK-COUNT-8: vector.extract %{{.*}} : vector<8xi8> from vector<1x1x8x8xi8>
// CHECK: vector.shuffle {{.*}} [0, 1, 2, 3, 8, 9, 10, 11]
// CHECK-NEXT: vector.shuffle {{.*}} [4, 5, 6, 7, 12, 13, 14, 15]
// CHECK: vector.shuffle {{.*}} [0, 1, 2, 3, 8, 9, 10, 11]
// CHECK-NEXT: vector.shuffle {{.*}} [4, 5, 6, 7, 12, 13, 14, 15]
// CHECK: vector.shuffle {{.*}} [0, 1, 2, 3, 8, 9, 10, 11]
// CHECK-NEXT: vector.shuffle {{.*}} [4, 5, 6, 7, 12, 13, 14, 15]
// CHECK: vector.shuffle {{.*}} [0, 1, 2, 3, 8, 9, 10, 11]
// CHECK-NEXT: vector.shuffle {{.*}} [4, 5, 6, 7, 12, 13, 14, 15]
// CHECK: vector.shuffle {{.*}} [0, 1, 8, 9, 4, 5, 12, 13]
// CHECK-NEXT: vector.shuffle {{.*}} [2, 3, 10, 11, 6, 7, 14, 15]
// CHECK: vector.shuffle {{.*}} [0, 1, 8, 9, 4, 5, 12, 13]
// CHECK-NEXT: vector.shuffle {{.*}} [2, 3, 10, 11, 6, 7, 14, 15]
// CHECK: vector.shuffle {{.*}} [0, 1, 8, 9, 4, 5, 12, 13]
// CHECK-NEXT: vector.shuffle {{.*}} [2, 3, 10, 11, 6, 7, 14, 15]
// CHECK: vector.shuffle {{.*}} [0, 1, 8, 9, 4, 5, 12, 13]
// CHECK-NEXT: vector.shuffle {{.*}} [2, 3, 10, 11, 6, 7, 14, 15]
// CHECK: vector.shuffle {{.*}} [0, 8, 2, 10, 4, 12, 6, 14]
// CHECK-NEXT: vector.shuffle {{.*}} [1, 9, 3, 11, 5, 13, 7, 15]
// CHECK: vector.shuffle {{.*}} [0, 8, 2, 10, 4, 12, 6, 14]
// CHECK-NEXT: vector.shuffle {{.*}} [1, 9, 3, 11, 5, 13, 7, 15]
// CHECK: vector.shuffle {{.*}} [0, 8, 2, 10, 4, 12, 6, 14]
// CHECK-NEXT: vector.shuffle {{.*}} [1, 9, 3, 11, 5, 13, 7, 15]
// CHECK: vector.shuffle {{.*}} [0, 8, 2, 10, 4, 12, 6, 14]
// CHECK-NEXT: vector.shuffle {{.*}} [1, 9, 3, 11, 5, 13, 7, 15]
// CHECK: vector.shape_cast %{{.*}} : vector<8x8xi8> to vector<1x8x1x8xi8>
// CHECK-NOT: vector.transpose
func.func @unit_dims(%v: vector<1x1x8x8xi8>) -> vector<1x8x1x8xi8> {
  %t = vector.transpose %v, [0, 3, 1, 2] : vector<1x1x8x8xi8> to vector<1x8x1x8xi8>
  return %t : vector<1x8x1x8xi8>
}

// -----

// 16-bit floats move as i16 (the X86 backend cannot promote bf16 shuffles).
// CHECK-LABEL: func.func @bfloat
// CHECK-COUNT-4: vector.bitcast %{{.*}} : vector<4xbf16> to vector<4xi16>
// CHECK-COUNT-8: vector.shuffle {{.*}} : vector<4xi16>, vector<4xi16>
// CHECK-COUNT-4: vector.bitcast %{{.*}} : vector<4xi16> to vector<4xbf16>
// CHECK-NOT: vector.transpose
func.func @bfloat(%v: vector<4x4xbf16>) -> vector<4x4xbf16> {
  %t = vector.transpose %v, [1, 0] : vector<4x4xbf16> to vector<4x4xbf16>
  return %t : vector<4x4xbf16>
}

// -----

// Eight rows of four (a streamed result's block, whose rows are written a
// cache line at a time): the two 4 x 4 squares' networks, then row i of
// the result joins the squares' rows i.
// CHECK-LABEL: func.func @rectangle
// CHECK-SAME: (%[[V:.*]]: vector<8x4xi32>)
// CHECK-COUNT-8: vector.extract %[[V]]
// CHECK: %[[A0:.*]] = vector.shuffle {{.*}} [0, 4, 2, 6] : vector<4xi32>, vector<4xi32>
// CHECK: %[[A1:.*]] = vector.shuffle {{.*}} [1, 5, 3, 7] : vector<4xi32>, vector<4xi32>
// CHECK: %[[A2:.*]] = vector.shuffle {{.*}} [0, 4, 2, 6] : vector<4xi32>, vector<4xi32>
// CHECK: %[[A3:.*]] = vector.shuffle {{.*}} [1, 5, 3, 7] : vector<4xi32>, vector<4xi32>
// CHECK: %[[B0:.*]] = vector.shuffle {{.*}} [0, 4, 2, 6] : vector<4xi32>, vector<4xi32>
// CHECK: %[[B1:.*]] = vector.shuffle {{.*}} [1, 5, 3, 7] : vector<4xi32>, vector<4xi32>
// CHECK: %[[B2:.*]] = vector.shuffle {{.*}} [0, 4, 2, 6] : vector<4xi32>, vector<4xi32>
// CHECK: %[[B3:.*]] = vector.shuffle {{.*}} [1, 5, 3, 7] : vector<4xi32>, vector<4xi32>
// CHECK: %[[J0:.*]] = vector.shuffle %[[A0]], %[[B0]] [0, 1, 2, 3, 4, 5, 6, 7]
// CHECK: %[[J1:.*]] = vector.shuffle %[[A1]], %[[B1]] [0, 1, 2, 3, 4, 5, 6, 7]
// CHECK: %[[J2:.*]] = vector.shuffle %[[A2]], %[[B2]] [0, 1, 2, 3, 4, 5, 6, 7]
// CHECK: %[[J3:.*]] = vector.shuffle %[[A3]], %[[B3]] [0, 1, 2, 3, 4, 5, 6, 7]
// CHECK: %[[I0:.*]] = vector.insert %[[J0]], %{{.*}} [0] : vector<8xi32> into vector<4x8xi32>
// CHECK: %[[I1:.*]] = vector.insert %[[J1]], %[[I0]] [1]
// CHECK: %[[I2:.*]] = vector.insert %[[J2]], %[[I1]] [2]
// CHECK: %[[I3:.*]] = vector.insert %[[J3]], %[[I2]] [3]
// CHECK: return %[[I3]]
// CHECK-NOT: vector.transpose
func.func @rectangle(%v: vector<8x4xi32>) -> vector<4x8xi32> {
  %t = vector.transpose %v, [1, 0] : vector<8x4xi32> to vector<4x8xi32>
  return %t : vector<4x8xi32>
}

// -----

// Four squares of 16-bit floats (a streamed f16 result for AVX2: rows of
// 32): joined in pairs, then pairs of pairs, moved as i16 throughout.
// CHECK-LABEL: func.func @four_squares
// CHECK-COUNT-8: vector.bitcast %{{.*}} : vector<2xf16> to vector<2xi16>
// CHECK-COUNT-8: vector.shuffle {{.*}} : vector<2xi16>, vector<2xi16>
// CHECK: %[[P0:.*]] = vector.shuffle %[[S0:.*]], %[[S1:.*]] [0, 1, 2, 3] : vector<2xi16>, vector<2xi16>
// CHECK: %[[P1:.*]] = vector.shuffle {{.*}} [0, 1, 2, 3] : vector<2xi16>, vector<2xi16>
// CHECK: %[[P2:.*]] = vector.shuffle {{.*}} [0, 1, 2, 3] : vector<2xi16>, vector<2xi16>
// CHECK: %[[P3:.*]] = vector.shuffle {{.*}} [0, 1, 2, 3] : vector<2xi16>, vector<2xi16>
// CHECK: vector.shuffle %[[P0]], %[[P2]] [0, 1, 2, 3, 4, 5, 6, 7] : vector<4xi16>, vector<4xi16>
// CHECK: vector.shuffle %[[P1]], %[[P3]] [0, 1, 2, 3, 4, 5, 6, 7] : vector<4xi16>, vector<4xi16>
// CHECK-COUNT-2: vector.bitcast %{{.*}} : vector<8xi16> to vector<8xf16>
// CHECK-NOT: vector.transpose
func.func @four_squares(%v: vector<8x2xf16>) -> vector<2x8xf16> {
  %t = vector.transpose %v, [1, 0] : vector<8x2xf16> to vector<2x8xf16>
  return %t : vector<2x8xf16>
}

// -----

// Other transposes are left to the conversion to LLVM: fewer rows than
// columns, squares of other sizes, more than two non-unit dims, scalable
// vectors.
// CHECK-LABEL: func.func @others
// CHECK-COUNT-4: vector.transpose
func.func @others(%a: vector<4x8xf32>, %b: vector<3x3xf32>, %c: vector<2x2x2xf32>, %d: vector<4x[4]xf32>) -> (vector<8x4xf32>, vector<3x3xf32>, vector<2x2x2xf32>, vector<[4]x4xf32>) {
  %ta = vector.transpose %a, [1, 0] : vector<4x8xf32> to vector<8x4xf32>
  %tb = vector.transpose %b, [1, 0] : vector<3x3xf32> to vector<3x3xf32>
  %tc = vector.transpose %c, [2, 1, 0] : vector<2x2x2xf32> to vector<2x2x2xf32>
  %td = vector.transpose %d, [1, 0] : vector<4x[4]xf32> to vector<[4]x4xf32>
  return %ta, %tb, %tc, %td : vector<8x4xf32>, vector<3x3xf32>, vector<2x2x2xf32>, vector<[4]x4xf32>
}

// -----

// Two groups of dims that each stay together and in order (unit dims
// aside), a channels-first pixel shuffle's block: the 16 x 16 transpose of
// the groups' sizes, between shape casts, then the square's network.
// The square's rows are read straight from the source (w, kw) by (c).
// CHECK-LABEL: func.func @two_groups
// CHECK-SAME: (%[[V:.*]]: vector<1x8x1x2x16xf32>)
// CHECK: vector.extract %[[V]][0, 0, 0, 0] : vector<16xf32> from vector<1x8x1x2x16xf32>
// CHECK-NEXT: vector.extract %[[V]][0, 0, 0, 1]
// CHECK-NEXT: vector.extract %[[V]][0, 1, 0, 0]
// CHECK-COUNT-64: vector.shuffle
// CHECK: vector.shape_cast %{{.*}} : vector<16x16xf32> to vector<1x16x1x8x2xf32>
// CHECK-NOT: vector.transpose
func.func @two_groups(%v: vector<1x8x1x2x16xf32>) -> vector<1x16x1x8x2xf32> {
  %t = vector.transpose %v, [0, 4, 2, 1, 3] : vector<1x8x1x2x16xf32> to vector<1x16x1x8x2xf32>
  return %t : vector<1x16x1x8x2xf32>
}

// -----

// Three groups (the two outer dims swap below the innermost one, which
// stays) remain a transpose.
// CHECK-LABEL: func.func @three_groups
// CHECK: vector.transpose %{{.*}}, [1, 0, 2]
func.func @three_groups(%v: vector<2x4x8xf32>) -> vector<4x2x8xf32> {
  %t = vector.transpose %v, [1, 0, 2] : vector<2x4x8xf32> to vector<4x2x8xf32>
  return %t : vector<4x2x8xf32>
}
