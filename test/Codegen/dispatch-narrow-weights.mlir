// Quantized transposed convolutions whose weights fit 7 bits take VPMADDUBSW
// on targets without VNNI (Haswell: ymm; Skylake-SP: zmm): constant weights
// are checked at compile time, others when the function runs, in an scf.if
// whose branches compute the op marked tconv.narrow_weights or as it was.
// Targets with VNNI or SDOT, or without a narrow-weight instruction, are
// left alone; so are float ops. Running the pass again changes nothing.
// RUN: tconv-opt %s --tconv-dispatch-narrow-weights="target-cpu=haswell" | FileCheck %s
// RUN: tconv-opt %s --tconv-dispatch-narrow-weights="target-cpu=skylake-avx512" | FileCheck %s
// RUN: tconv-opt %s --tconv-dispatch-narrow-weights="target-cpu=haswell" --tconv-dispatch-narrow-weights="target-cpu=haswell" | FileCheck %s
// RUN: tconv-opt %s --tconv-dispatch-narrow-weights="target-cpu=cascadelake" | FileCheck %s --check-prefix=NONE
// RUN: tconv-opt %s --tconv-dispatch-narrow-weights="target-triple=aarch64-linux-gnu target-cpu=neoverse-n1" | FileCheck %s --check-prefix=NONE

// NONE-NOT: scf.if
// NONE-NOT: tconv.narrow_weights

#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>

// The check ORs every weight plus 64 into a constant (rank 1, for the weight
// packing); its sign bit is clear iff all lie in [-64, 63]. The scaling
// consumer and its destination move into both branches.
// CHECK-LABEL: func.func @argument(
// CHECK-SAME:    %[[X:.*]]: tensor<1x8x4x4xi8>, %[[W:.*]]: tensor<8x16x2x2xi8>, %[[S:.*]]: tensor<1x16x8x8xf32>)
// CHECK-DAG:     %[[ZERO:.*]] = arith.constant 0 : i8
// CHECK-DAG:     %[[SHIFT:.*]] = arith.constant 64 : i8
// CHECK-DAG:     %[[INIT:.*]] = arith.constant dense<0> : tensor<1xi8>
// CHECK:         %[[BITS:.*]] = linalg.generic {{.*}}iterator_types = ["reduction", "reduction", "reduction", "reduction"]} ins(%[[W]] : tensor<8x16x2x2xi8>) outs(%[[INIT]] : tensor<1xi8>)
// CHECK:           %[[SHIFTED:.*]] = arith.addi %{{.*}}, %[[SHIFT]] : i8
// CHECK:           arith.ori %{{.*}}, %[[SHIFTED]] : i8
// CHECK:         %[[WORD:.*]] = tensor.extract %[[BITS]]
// CHECK:         %[[FITS:.*]] = arith.cmpi sge, %[[WORD]], %[[ZERO]] : i8
// CHECK:         %[[DEST:.*]] = tensor.empty() : tensor<1x16x8x8xf32>
// CHECK:         %[[R:.*]] = scf.if %[[FITS]] -> (tensor<1x16x8x8xf32>) {
// CHECK:           %[[N:.*]] = tconv.conv_transpose %[[X]], %[[W]] {strides = array<i64: 2, 2>, tconv.narrow_weights}
// CHECK:           %[[NS:.*]] = linalg.generic {{.*}} ins(%[[N]], %[[S]] : {{.*}}) outs(%[[DEST]] : tensor<1x16x8x8xf32>)
// CHECK:           scf.yield %[[NS]]
// CHECK:         } else {
// CHECK:           %[[F:.*]] = tconv.conv_transpose %[[X]], %[[W]] {strides = array<i64: 2, 2>}
// CHECK:           %[[FS:.*]] = linalg.generic {{.*}} ins(%[[F]], %[[S]] : {{.*}}) outs(%[[DEST]] : tensor<1x16x8x8xf32>)
// CHECK:           scf.yield %[[FS]]
// CHECK:         }
// CHECK-NOT:     scf.if
// CHECK:         return %[[R]]
func.func @argument(%x: tensor<1x8x4x4xi8>, %w: tensor<8x16x2x2xi8>, %s: tensor<1x16x8x8xf32>) -> tensor<1x16x8x8xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 2>} : (tensor<1x8x4x4xi8>, tensor<8x16x2x2xi8>) -> tensor<1x16x8x8xi32>
  %e = tensor.empty() : tensor<1x16x8x8xf32>
  %f = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%y, %s : tensor<1x16x8x8xi32>, tensor<1x16x8x8xf32>) outs(%e : tensor<1x16x8x8xf32>) {
  ^bb0(%a: i32, %b: f32, %o: f32):
    %c = arith.sitofp %a : i32 to f32
    %m = arith.mulf %c, %b : f32
    linalg.yield %m : f32
  } -> tensor<1x16x8x8xf32>
  return %f : tensor<1x16x8x8xf32>
}

// A result read twice stays outside: its readers would compute it twice.
// CHECK-LABEL: func.func @read_twice(
// CHECK:         %[[R:.*]] = scf.if %{{.*}} -> (tensor<1x16x8x8xi32>) {
// CHECK:           tconv.conv_transpose {{.*}}tconv.narrow_weights
// CHECK-NOT:       arith.addi
// CHECK:         } else {
// CHECK:         arith.addi %[[R]], %[[R]]
func.func @read_twice(%x: tensor<1x8x4x4xi8>, %w: tensor<8x16x2x2xi8>) -> tensor<1x16x8x8xi32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 2>} : (tensor<1x8x4x4xi8>, tensor<8x16x2x2xi8>) -> tensor<1x16x8x8xi32>
  %z = arith.addi %y, %y : tensor<1x16x8x8xi32>
  return %z : tensor<1x16x8x8xi32>
}

// Constant weights are checked here: -64 and 63 fit, 64 does not.
// CHECK-LABEL: func.func @constant_narrow(
// CHECK-NOT:     scf.if
// CHECK:         tconv.conv_transpose {{.*}}tconv.narrow_weights
func.func @constant_narrow(%x: tensor<1x2x4x4xi8>) -> tensor<1x2x8x8xi32> {
  %w = arith.constant dense<[[[[-64, 63], [0, 1]], [[2, 3], [4, 5]]], [[[6, 7], [8, 9]], [[10, 11], [12, 13]]]]> : tensor<2x2x2x2xi8>
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 2>} : (tensor<1x2x4x4xi8>, tensor<2x2x2x2xi8>) -> tensor<1x2x8x8xi32>
  return %y : tensor<1x2x8x8xi32>
}

// CHECK-LABEL: func.func @constant_wide(
// CHECK-NOT:     scf.if
// CHECK-NOT:     tconv.narrow_weights
// CHECK:         return
func.func @constant_wide(%x: tensor<1x2x4x4xi8>) -> tensor<1x2x8x8xi32> {
  %w = arith.constant dense<[[[[-64, 64], [0, 1]], [[2, 3], [4, 5]]], [[[6, 7], [8, 9]], [[10, 11], [12, 13]]]]> : tensor<2x2x2x2xi8>
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 2>} : (tensor<1x2x4x4xi8>, tensor<2x2x2x2xi8>) -> tensor<1x2x8x8xi32>
  return %y : tensor<1x2x8x8xi32>
}

// CHECK-LABEL: func.func @float(
// CHECK-NOT:     scf.if
// CHECK:         return
func.func @float(%x: tensor<1x8x4x4xf32>, %w: tensor<8x16x2x2xf32>) -> tensor<1x16x8x8xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 2>} : (tensor<1x8x4x4xf32>, tensor<8x16x2x2xf32>) -> tensor<1x16x8x8xf32>
  return %y : tensor<1x16x8x8xf32>
}

// The lowering pads weights with their zero point: one outside the range
// leaves the op as it is.
// CHECK-LABEL: func.func @wide_zero_point(
// CHECK-NOT:     scf.if
// CHECK-NOT:     tconv.narrow_weights
// CHECK:         return
func.func @wide_zero_point(%x: tensor<1x8x4x4xi8>, %w: tensor<8x16x2x2xi8>) -> tensor<1x16x8x8xi32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 2>, weight_zero_point = 64 : i32} : (tensor<1x8x4x4xi8>, tensor<8x16x2x2xi8>) -> tensor<1x16x8x8xi32>
  return %y : tensor<1x16x8x8xi32>
}

// CHECK-LABEL: func.func @narrow_zero_point(
// CHECK:         scf.if
// CHECK:           tconv.conv_transpose {{.*}}tconv.narrow_weights{{.*}}weight_zero_point = -64
func.func @narrow_zero_point(%x: tensor<1x8x4x4xi8>, %w: tensor<8x16x2x2xi8>) -> tensor<1x16x8x8xi32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 2>, weight_zero_point = -64 : i32} : (tensor<1x8x4x4xi8>, tensor<8x16x2x2xi8>) -> tensor<1x16x8x8xi32>
  return %y : tensor<1x16x8x8xi32>
}
