// RUN: tconv-opt %s --convert-tconv-to-linalg="algorithm=phase" | FileCheck %s --check-prefix=PHASE
// RUN: tconv-opt %s --convert-tconv-to-linalg="algorithm=zero-insertion" | FileCheck %s
// RUN: tconv-opt %s --convert-tconv-to-linalg="algorithm=subpixel" | FileCheck %s
// RUN: tconv-opt %s --convert-tconv-to-linalg="algorithm=zero-insertion channels-last-compute=false" | FileCheck %s

// tconv.narrow_weights (tconv-dispatch-narrow-weights) goes to every
// convolution the lowering makes (one per phase), and to nothing else.
// PHASE-LABEL: func.func @narrow
// PHASE-COUNT-4: linalg.conv_2d_nhwc_hwcf {{.*}}tconv.narrow_weights
// PHASE-NOT: tconv.narrow_weights
// CHECK-LABEL: func.func @narrow
// CHECK-NOT: tconv.conv_transpose
// CHECK: linalg.{{conv|generic}}{{.*}}tconv.narrow_weights
// CHECK-NOT: linalg.transpose {{.*}}tconv.narrow_weights
// CHECK: return
func.func @narrow(%x: tensor<1x8x4x4xi8>, %w: tensor<8x16x4x4xi8>, %b: tensor<16xi32>) -> tensor<1x16x8x8xi32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>,
                                        input_zero_point = 3 : i32, tconv.narrow_weights}
       : (tensor<1x8x4x4xi8>, tensor<8x16x4x4xi8>, tensor<16xi32>) -> tensor<1x16x8x8xi32>
  return %y : tensor<1x16x8x8xi32>
}

// Unmarked: nothing marked.
// CHECK-LABEL: func.func @unmarked
// CHECK-NOT: tconv.narrow_weights
// PHASE-LABEL: func.func @unmarked
// PHASE-NOT: tconv.narrow_weights
// CHECK: return
func.func @unmarked(%x: tensor<1x8x4x4xi8>, %w: tensor<8x16x4x4xi8>) -> tensor<1x16x8x8xi32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>}
       : (tensor<1x8x4x4xi8>, tensor<8x16x4x4xi8>) -> tensor<1x16x8x8xi32>
  return %y : tensor<1x16x8x8xi32>
}
