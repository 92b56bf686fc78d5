// The vector width comes from the target model: each RUN line names its CPU.
// RUN: tconv-opt %s --tconv-collapse-vector-transfers="target-cpu=skylake-avx512" --split-input-file | FileCheck %s
// RUN: tconv-opt %s --tconv-collapse-vector-transfers="target-cpu=haswell" --split-input-file | FileCheck %s --check-prefix=AVX2

// A channels-first pixel shuffle's block: each of 16 channels gets 8 x 2
// contiguous elements, one 16-element row of the collapsed memref.
// CHECK-LABEL: func.func @pixel_shuffle_rows
// CHECK-SAME: (%[[V:.*]]: vector<8x2x16xi32>, %[[M:.*]]: memref<32x16x2xi32>, %[[C:.*]]: index, %[[W:.*]]: index)
// CHECK: %[[T:.*]] = vector.transpose %[[V]], [2, 0, 1]
// CHECK: %[[ROWS:.*]] = vector.shape_cast %[[T]] : vector<16x8x2xi32> to vector<16x16xi32>
// CHECK: %[[FLAT:.*]] = memref.collapse_shape %[[M]] {{\[}}[0], [1, 2]] : memref<32x16x2xi32> into memref<32x32xi32>
// CHECK: %[[ROW:.*]] = affine.apply #{{.*}}()[%[[W]]]
// CHECK: vector.transfer_write %[[ROWS]], %[[FLAT]][%[[C]], %[[ROW]]] {in_bounds = [true, true]} : vector<16x16xi32>, memref<32x32xi32>
// With 256-bit registers a merged row (16 x i32) would not fit one: as is.
// AVX2-LABEL: func.func @pixel_shuffle_rows
// AVX2-NOT: memref.collapse_shape
// AVX2: vector.transfer_write %{{.*}} : vector<16x8x2xi32>, memref<32x16x2xi32>
func.func @pixel_shuffle_rows(%v: vector<8x2x16xi32>, %m: memref<32x16x2xi32>, %c: index, %w: index) {
  %c0 = arith.constant 0 : index
  %t = vector.transpose %v, [2, 0, 1] : vector<8x2x16xi32> to vector<16x8x2xi32>
  vector.transfer_write %t, %m[%c, %w, %c0] {in_bounds = [true, true, true]} : vector<16x8x2xi32>, memref<32x16x2xi32>
  return
}

// -----

// The pipeline's transposes are still transposing reads here.
// CHECK-LABEL: func.func @transposing_read
// CHECK: %[[T:.*]] = vector.transfer_read {{.*}} : memref<16x16x2xf32>, vector<2x8x2xf32>
// CHECK: %[[ROWS:.*]] = vector.shape_cast %[[T]] : vector<2x8x2xf32> to vector<2x16xf32>
// CHECK: vector.transfer_write %[[ROWS]], %{{.*}} : vector<2x16xf32>, memref<4x32xf32>
#kw_c_w = affine_map<(d0, d1, d2) -> (d2, d0, d1)>
func.func @transposing_read(%in: memref<16x16x2xf32>, %out: memref<4x16x2xf32>) {
  %c0 = arith.constant 0 : index
  %pad = arith.constant 0.0 : f32
  %t = vector.transfer_read %in[%c0, %c0, %c0], %pad {in_bounds = [true, true, true], permutation_map = #kw_c_w} : memref<16x16x2xf32>, vector<2x8x2xf32>
  vector.transfer_write %t, %out[%c0, %c0, %c0] {in_bounds = [true, true, true]} : vector<2x8x2xf32>, memref<4x16x2xf32>
  return
}

// -----

// Reads that go to transposes too. Rows merge while they are narrower than half a register:
// 2 x 2 x 2 f32 becomes 8 elements with 512-bit registers, 2 x 4 with
// 256-bit ones (4 elements fill half of one).
// CHECK-LABEL: func.func @read_cube
// CHECK: %[[ROWS:.*]] = memref.collapse_shape %{{.*}} {{\[}}[0], [1, 2]] : memref<2x2x2xf32> into memref<2x4xf32>
// CHECK: %[[FLAT:.*]] = memref.collapse_shape %[[ROWS]] {{\[}}[0, 1]] : memref<2x4xf32> into memref<8xf32>
// CHECK: %[[R:.*]] = vector.transfer_read %[[FLAT]][%{{.*}}], %{{.*}} {in_bounds = [true]} : memref<8xf32>, vector<8xf32>
// CHECK: %[[CUBE:.*]] = vector.shape_cast %[[R]] : vector<8xf32> to vector<2x2x2xf32>
// CHECK: vector.transpose %[[CUBE]], [2, 1, 0]
// AVX2-LABEL: func.func @read_cube
// AVX2: %[[FLAT:.*]] = memref.collapse_shape %{{.*}} {{\[}}[0], [1, 2]] : memref<2x2x2xf32> into memref<2x4xf32>
// AVX2: vector.transfer_read %[[FLAT]]{{.*}} : memref<2x4xf32>, vector<2x4xf32>
func.func @read_cube(%m: memref<2x2x2xf32>) -> vector<2x2x2xf32> {
  %c0 = arith.constant 0 : index
  %pad = arith.constant 0.0 : f32
  %r = vector.transfer_read %m[%c0, %c0, %c0], %pad {in_bounds = [true, true, true]} : memref<2x2x2xf32>, vector<2x2x2xf32>
  %t = vector.transpose %r, [2, 1, 0] : vector<2x2x2xf32> to vector<2x2x2xf32>
  return %t : vector<2x2x2xf32>
}

// -----

// An epilogue between the transpose and the write (LeakyReLU, then a
// residual of the result's layout added): computed on the merged rows, the
// residual read as 16 rows of 16 too.
// CHECK-LABEL: func.func @epilogue
// CHECK-SAME: (%[[V:.*]]: vector<8x2x16xf32>, %[[R:.*]]: memref<32x16x2xf32>, %[[M:.*]]: memref<32x16x2xf32>, %[[C:.*]]: index)
// CHECK-DAG: %[[ZERO:.*]] = arith.constant dense<0.000000e+00> : vector<16x16xf32>
// CHECK-DAG: %[[SLOPE:.*]] = arith.constant dense<2.000000e-01> : vector<16x16xf32>
// CHECK: %[[T:.*]] = vector.transpose %[[V]], [2, 0, 1]
// CHECK-NEXT: %[[ROWS:.*]] = vector.shape_cast %[[T]] : vector<16x8x2xf32> to vector<16x16xf32>
// CHECK-NEXT: %[[RFLAT:.*]] = memref.collapse_shape %[[R]] {{\[}}[0], [1, 2]] : memref<32x16x2xf32> into memref<32x32xf32>
// CHECK-NEXT: %[[RES:.*]] = vector.transfer_read %[[RFLAT]][%[[C]], %{{.*}}], %{{.*}} {in_bounds = [true, true]} : memref<32x32xf32>, vector<16x16xf32>
// CHECK-NEXT: %[[SCALED:.*]] = arith.mulf %[[ROWS]], %[[SLOPE]] : vector<16x16xf32>
// CHECK-NEXT: %[[POSITIVE:.*]] = arith.cmpf ogt, %[[ROWS]], %[[ZERO]] : vector<16x16xf32>
// CHECK: %[[LEAKY:.*]] = arith.select %[[POSITIVE]], %[[ROWS]], %[[SCALED]] : vector<16x16xi1>, vector<16x16xf32>
// CHECK: %[[SUM:.*]] = arith.addf %[[LEAKY]], %[[RES]] : vector<16x16xf32>
// CHECK: %[[FLAT:.*]] = memref.collapse_shape %[[M]] {{\[}}[0], [1, 2]] : memref<32x16x2xf32> into memref<32x32xf32>
// CHECK: vector.transfer_write %[[SUM]], %[[FLAT]][%[[C]], %{{.*}}] {in_bounds = [true, true]} : vector<16x16xf32>, memref<32x32xf32>
// CHECK-NOT: vector<16x8x2xf32>, memref
func.func @epilogue(%v: vector<8x2x16xf32>, %r: memref<32x16x2xf32>, %m: memref<32x16x2xf32>, %c: index) {
  %c0 = arith.constant 0 : index
  %pad = arith.constant 0.0 : f32
  %t = vector.transpose %v, [2, 0, 1] : vector<8x2x16xf32> to vector<16x8x2xf32>
  %res = vector.transfer_read %r[%c, %c0, %c0], %pad {in_bounds = [true, true, true]} : memref<32x16x2xf32>, vector<16x8x2xf32>
  %slope = arith.constant dense<0.2> : vector<16x8x2xf32>
  %scaled = arith.mulf %t, %slope : vector<16x8x2xf32>
  %zero = arith.constant dense<0.0> : vector<16x8x2xf32>
  %positive = arith.cmpf ogt, %t, %zero : vector<16x8x2xf32>
  %leaky = arith.select %positive, %t, %scaled : vector<16x8x2xi1>, vector<16x8x2xf32>
  %sum = arith.addf %leaky, %res : vector<16x8x2xf32>
  vector.transfer_write %sum, %m[%c, %c0, %c0] {in_bounds = [true, true, true]} : vector<16x8x2xf32>, memref<32x16x2xf32>
  return
}

// -----

// A batch norm before the LeakyReLU: its scale and shift, one per row
// (channel), read broadcast along the rows, are read broadcast along the
// merged rows; the normalized value, used three times in the expression,
// is computed once.
// CHECK-LABEL: func.func @batch_norm
// CHECK-SAME: (%[[V:.*]]: vector<8x2x16xf32>, %[[S:.*]]: memref<32xf32>, %[[SH:.*]]: memref<32xf32>, %[[M:.*]]: memref<32x16x2xf32>, %[[C:.*]]: index)
// CHECK: %[[SCALE:.*]] = vector.transfer_read %[[S]][%[[C]]], %{{.*}} {in_bounds = [true, true], permutation_map = #{{.*}}} : memref<32xf32>, vector<16x16xf32>
// CHECK: %[[SHIFT:.*]] = vector.transfer_read %[[SH]][%[[C]]], %{{.*}} {in_bounds = [true, true], permutation_map = #{{.*}}} : memref<32xf32>, vector<16x16xf32>
// CHECK: %[[ROWS:.*]] = vector.shape_cast %{{.*}} : vector<16x8x2xf32> to vector<16x16xf32>
// CHECK: %[[MUL:.*]] = arith.mulf %[[ROWS]], %[[SCALE]] : vector<16x16xf32>
// CHECK: %[[BN:.*]] = arith.addf %[[MUL]], %[[SHIFT]] : vector<16x16xf32>
// CHECK-NOT: arith.addf
// CHECK: arith.select %{{.*}}, %[[BN]], %{{.*}} : vector<16x16xi1>, vector<16x16xf32>
// CHECK: vector.transfer_write %{{.*}} : vector<16x16xf32>, memref<32x32xf32>
func.func @batch_norm(%v: vector<8x2x16xf32>, %s: memref<32xf32>, %sh: memref<32xf32>, %m: memref<32x16x2xf32>, %c: index) {
  %c0 = arith.constant 0 : index
  %pad = arith.constant 0.0 : f32
  %scale = vector.transfer_read %s[%c], %pad {in_bounds = [true, true, true], permutation_map = affine_map<(d0) -> (d0, 0, 0)>} : memref<32xf32>, vector<16x8x2xf32>
  %shift = vector.transfer_read %sh[%c], %pad {in_bounds = [true, true, true], permutation_map = affine_map<(d0) -> (d0, 0, 0)>} : memref<32xf32>, vector<16x8x2xf32>
  %t = vector.transpose %v, [2, 0, 1] : vector<8x2x16xf32> to vector<16x8x2xf32>
  %mul = arith.mulf %t, %scale : vector<16x8x2xf32>
  %bn = arith.addf %mul, %shift : vector<16x8x2xf32>
  %slope = arith.constant dense<0.2> : vector<16x8x2xf32>
  %scaled = arith.mulf %bn, %slope : vector<16x8x2xf32>
  %zero = arith.constant dense<0.0> : vector<16x8x2xf32>
  %positive = arith.cmpf ogt, %bn, %zero : vector<16x8x2xf32>
  %leaky = arith.select %positive, %bn, %scaled : vector<16x8x2xi1>, vector<16x8x2xf32>
  vector.transfer_write %leaky, %m[%c, %c0, %c0] {in_bounds = [true, true, true]} : vector<16x8x2xf32>, memref<32x16x2xf32>
  return
}

// -----

// An i32 block truncated to i8: the expression's merged rows must each fit
// a register too, its i32 ones included (16 x i32: AVX-512, not AVX2).
// CHECK-LABEL: func.func @narrowing
// CHECK: arith.trunci %{{.*}} : vector<16x16xi32> to vector<16x16xi8>
// CHECK: vector.transfer_write %{{.*}} : vector<16x16xi8>, memref<32x32xi8>
// AVX2-LABEL: func.func @narrowing
// AVX2-NOT: memref.collapse_shape
// AVX2: vector.transfer_write %{{.*}} : vector<16x8x2xi8>, memref<32x16x2xi8>
func.func @narrowing(%v: vector<8x2x16xi32>, %m: memref<32x16x2xi8>, %c: index) {
  %c0 = arith.constant 0 : index
  %t = vector.transpose %v, [2, 0, 1] : vector<8x2x16xi32> to vector<16x8x2xi32>
  %n = arith.trunci %t : vector<16x8x2xi32> to vector<16x8x2xi8>
  vector.transfer_write %n, %m[%c, %c0, %c0] {in_bounds = [true, true, true]} : vector<16x8x2xi8>, memref<32x16x2xi8>
  return
}

// -----

// Left alone: an epilogue without a transpose, and one whose intermediate
// value is used elsewhere too (it would be computed twice).
// CHECK-LABEL: func.func @epilogue_unchanged
// CHECK-NOT: memref.collapse_shape
// CHECK-NOT: vector<16x16xf32>
func.func @epilogue_unchanged(%v: vector<16x8x2xf32>, %u: vector<8x2x16xf32>, %r: memref<32x16x2xf32>, %m: memref<32x16x2xf32>, %c: index) -> vector<16x8x2xf32> {
  %c0 = arith.constant 0 : index
  %pad = arith.constant 0.0 : f32
  %res = vector.transfer_read %r[%c, %c0, %c0], %pad {in_bounds = [true, true, true]} : memref<32x16x2xf32>, vector<16x8x2xf32>
  %sum = arith.addf %v, %res : vector<16x8x2xf32>
  vector.transfer_write %sum, %m[%c, %c0, %c0] {in_bounds = [true, true, true]} : vector<16x8x2xf32>, memref<32x16x2xf32>
  %t = vector.transpose %u, [2, 0, 1] : vector<8x2x16xf32> to vector<16x8x2xf32>
  %twice = arith.addf %t, %t : vector<16x8x2xf32>
  vector.transfer_write %twice, %m[%c, %c0, %c0] {in_bounds = [true, true, true]} : vector<16x8x2xf32>, memref<32x16x2xf32>
  return %twice : vector<16x8x2xf32>
}

// -----

// Left alone: rows that are not whole (2 of 4 elements), rows that are not
// contiguous (a strided view), rows of half a register or more, transfers
// that may be out of bounds, tensors, and vectors no transpose moves: an
// int8 tile's input rows of 4 bytes, used one by one, would each be
// shuffled out of one 64-byte register.
// CHECK-LABEL: func.func @unchanged
// CHECK-NOT: memref.collapse_shape
// CHECK-NOT: vector.shape_cast
func.func @unchanged(%u: vector<2x4xf32>, %m: memref<8x4xf32>, %s: memref<8x2xf32, strided<[4, 1]>>, %x: vector<8x4xf32>, %n: memref<4x8xf32>, %t: tensor<8x2xf32>, %q: memref<16x4xi8>) -> (tensor<8x2xf32>, vector<4xi8>) {
  %c0 = arith.constant 0 : index
  %pad = arith.constant 0 : i8
  %v = vector.transpose %u, [1, 0] : vector<2x4xf32> to vector<4x2xf32>
  %w = vector.transpose %x, [1, 0] : vector<8x4xf32> to vector<4x8xf32>
  vector.transfer_write %v, %m[%c0, %c0] {in_bounds = [true, true]} : vector<4x2xf32>, memref<8x4xf32>
  vector.transfer_write %v, %s[%c0, %c0] {in_bounds = [true, true]} : vector<4x2xf32>, memref<8x2xf32, strided<[4, 1]>>
  vector.transfer_write %w, %n[%c0, %c0] {in_bounds = [true, true]} : vector<4x8xf32>, memref<4x8xf32>
  vector.transfer_write %v, %s[%c0, %c0] : vector<4x2xf32>, memref<8x2xf32, strided<[4, 1]>>
  %r = vector.transfer_write %v, %t[%c0, %c0] {in_bounds = [true, true]} : vector<4x2xf32>, tensor<8x2xf32>
  %rows = vector.transfer_read %q[%c0, %c0], %pad {in_bounds = [true, true]} : memref<16x4xi8>, vector<16x4xi8>
  %row = vector.extract %rows[3] : vector<4xi8> from vector<16x4xi8>
  return %r, %row : tensor<8x2xf32>, vector<4xi8>
}
