// RUN: tconv-opt %s --convert-tconv-to-linalg="algorithm=zero-insertion channels-last-compute=false" --split-input-file | FileCheck %s
// RUN: tconv-opt %s --convert-tconv-to-linalg="algorithm=phase" --split-input-file | FileCheck %s --check-prefix=PHASE
// RUN: tconv-opt %s --convert-tconv-to-linalg="algorithm=subpixel" --split-input-file | FileCheck %s --check-prefix=SUBPIXEL

// Quantized ops: the convolutions multiply raw i8 values into i32
// accumulators; zero points never enter the inner loop. Padding and
// inserted elements take the input zero point as their value (and the
// sub-pixel weight's empty taps the weight zero point), so that every
// convolution sees a full window, and its accumulator starts from
// bias - zx * sum(w) - zw * (sum over the window of x - K * zx), with K
// taps times the input channels of a group (the standard expansion of
// sum (x - zx)(w - zw)). A ui8 input is shifted to i8 first (x ^ 0x80, the
// zero point minus 128).

// i8 channels-first by zero insertion: the input stays i8; the zeros
// inserted are the zero point -5; the weight sums come from the flipped
// weight (4 output channels), the input sums over channels and then over
// the 3 taps; K * zx * zw = (2 * 3) * -5 * 3 = -90.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[BIAS:.*]] = affine_map<(d0, d1, d2) -> (d1)>
// CHECK-DAG: #[[GROUP:.*]] = affine_map<(d0, d1, d2) -> (d0, d1 floordiv 4, d2)>
// CHECK-DAG: #[[WINDOW:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d2, d1 + d3)>
// CHECK-LABEL: func.func @i8_nchw
// CHECK-SAME: (%[[X:.*]]: tensor<1x2x3xi8>, %[[W:.*]]: tensor<2x4x3xi8>, %[[B:.*]]: tensor<4xi32>)
// CHECK: %[[ZX:.*]] = arith.constant -5 : i8
// CHECK: %[[FILLED:.*]] = linalg.fill ins(%[[ZX]] : i8) outs(%{{.*}} : tensor<1x2x9xi8>)
// CHECK: %[[UP:.*]] = tensor.insert_slice %[[X]] into %[[FILLED]][0, 0, 2] [1, 2, 3] [1, 1, 2] : tensor<1x2x3xi8> into tensor<1x2x9xi8>
// CHECK: %[[BIASED:.*]] = linalg.generic {indexing_maps = [#[[BIAS]], #[[ID]]], {{.*}}} ins(%[[B]] : tensor<4xi32>) outs(%{{.*}} : tensor<1x4x7xi32>)
// CHECK: %[[WSUM:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction", "reduction"]} ins(%{{.*}} : tensor<1x4x2x3xi8>) outs(%{{.*}} : tensor<1x4xi32>)
// CHECK: %[[WSUMS:.*]] = tensor.collapse_shape %[[WSUM]] {{.*}} into tensor<4xi32>
// CHECK: %[[GROUPED:.*]] = tensor.expand_shape %[[UP]]
// CHECK: %[[CSUM:.*]] = linalg.generic {{.*}} ins(%[[GROUPED]] : tensor<1x1x2x9xi8>) outs(%{{.*}} : tensor<1x1x9xi32>)
// CHECK: %[[TAPS:.*]] = tensor.empty() : tensor<3xi8>
// CHECK: %[[XSUM:.*]] = linalg.generic {indexing_maps = [#[[WINDOW]], {{.*}}], {{.*}}} ins(%[[CSUM]], %[[TAPS]] : tensor<1x1x9xi32>, tensor<3xi8>) outs(%{{.*}} : tensor<1x1x7xi32>)
// CHECK: %[[INIT:.*]] = linalg.generic {indexing_maps = [#[[BIAS]], #[[GROUP]], #[[ID]], #[[ID]]], {{.*}}} ins(%[[WSUMS]], %[[XSUM]], %[[BIASED]] : tensor<4xi32>, tensor<1x1x7xi32>, tensor<1x4x7xi32>) outs(%{{.*}} : tensor<1x4x7xi32>)
// CHECK-NEXT: ^bb0(%[[WS:.*]]: i32, %[[XS:.*]]: i32, %[[ACC:.*]]: i32, %{{.*}}: i32):
// CHECK-NEXT: %[[CZX:.*]] = arith.constant -5 : i32
// CHECK-NEXT: %[[T1:.*]] = arith.muli %[[WS]], %[[CZX]] : i32
// CHECK-NEXT: %[[A1:.*]] = arith.subi %[[ACC]], %[[T1]] : i32
// CHECK-NEXT: %[[CZW:.*]] = arith.constant 3 : i32
// CHECK-NEXT: %[[T2:.*]] = arith.muli %[[XS]], %[[CZW]] : i32
// CHECK-NEXT: %[[A2:.*]] = arith.subi %[[A1]], %[[T2]] : i32
// CHECK-NEXT: %[[KZZ:.*]] = arith.constant -90 : i32
// CHECK-NEXT: %[[A3:.*]] = arith.addi %[[A2]], %[[KZZ]] : i32
// CHECK-NEXT: linalg.yield %[[A3]] : i32
// CHECK: %[[FW:.*]] = linalg.generic {{.*}} ins(%{{.*}} : tensor<4x2x3xi8>) outs(%{{.*}} : tensor<4x2x3xi8>)
// CHECK: %[[Y:.*]] = linalg.conv_1d_ncw_fcw {{.*}} ins(%[[UP]], %[[FW]] : tensor<1x2x9xi8>, tensor<4x2x3xi8>) outs(%[[INIT]] : tensor<1x4x7xi32>)
// CHECK-NEXT: return %[[Y]] : tensor<1x4x7xi32>

// Two phases of 2 and 1 taps: each convolution has its own weight sums and
// window sums, hence its own K * zx * zw (2 * 2 * -5 * 3 = -60, then -30).
// PHASE-LABEL: func.func @i8_nchw
// PHASE: arith.constant -60 : i32
// PHASE: linalg.conv_1d_nwc_wcf {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x{{[0-9]+}}x2xi8>, tensor<2x2x4xi8>) {{.*}} -> tensor<1x{{[0-9]+}}x4xi32>
// PHASE: arith.constant -30 : i32
// PHASE: linalg.conv_1d_nwc_wcf {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x{{[0-9]+}}x2xi8>, tensor<1x2x4xi8>) {{.*}} -> tensor<1x{{[0-9]+}}x4xi32>
// PHASE-NOT: arith.addf
// The sub-pixel weight's taps outside the kernel hold the weight zero
// point, so that they add nothing either; one convolution of 2 taps.
// SUBPIXEL-LABEL: func.func @i8_nchw
// SUBPIXEL: %[[ZW:.*]] = arith.constant 3 : i8
// SUBPIXEL-NEXT: arith.select %{{.*}}, %{{.*}}, %[[ZW]] : i8
// SUBPIXEL: arith.constant -60 : i32
// SUBPIXEL: linalg.conv_1d_nwc_wcf {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x5x2xi8>, tensor<2x2x8xi8>) {{.*}} -> tensor<1x4x8xi32>
// SUBPIXEL-NOT: arith.addf
func.func @i8_nchw(%x: tensor<1x2x3xi8>, %w: tensor<2x4x3xi8>, %b: tensor<4xi32>) -> tensor<1x4x7xi32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2>, input_zero_point = -5 : i32, weight_zero_point = 3 : i32}
       : (tensor<1x2x3xi8>, tensor<2x4x3xi8>, tensor<4xi32>) -> tensor<1x4x7xi32>
  return %y : tensor<1x4x7xi32>
}

// -----

// ui8 channels-last with a dynamic batch and a constant weight: arith takes
// signless integers, so the ui8 element is reinterpreted as i8 and its top bit
// flipped; the zero point 255 becomes 127, the padding value. The weight
// sums of the constant are folded (-128 + 127 = -1), its flip too;
// K * zx * zw = 2 * 127 * -128 = -32512. No bias: zeros.
// CHECK-LABEL: func.func @u8_nwc_const
// CHECK-SAME: (%[[X:.*]]: tensor<?x3x1xui8>)
// CHECK: %[[XS:.*]] = linalg.generic {{.*}} ins(%[[X]] : tensor<?x3x1xui8>) outs(%{{.*}} : tensor<?x3x1xi8>)
// CHECK-NEXT: ^bb0(%[[XE:.*]]: ui8, %{{.*}}: i8):
// CHECK-NEXT: %[[XB:.*]] = tconv.sign_cast %[[XE]] : ui8 to i8
// CHECK-NEXT: %[[TOP:.*]] = arith.constant -128 : i8
// CHECK-NEXT: %[[XF:.*]] = arith.xori %[[XB]], %[[TOP]] : i8
// CHECK-NEXT: linalg.yield %[[XF]] : i8
// CHECK: %[[ZX:.*]] = arith.constant 127 : i8
// CHECK: %[[PADDED:.*]] = linalg.fill ins(%[[ZX]] : i8) outs(%{{.*}} : tensor<?x5x1xi8>)
// CHECK: %[[UP:.*]] = tensor.insert_slice %[[XS]] into %[[PADDED]]
// CHECK: %[[ZERO:.*]] = arith.constant 0 : i32
// CHECK: linalg.fill ins(%[[ZERO]] : i32) outs(%{{.*}} : tensor<?x4x1xi32>)
// CHECK: %[[WSUMS:.*]] = arith.constant dense<-1> : tensor<1xi32>
// CHECK: %[[INIT:.*]] = linalg.generic {{.*}} ins(%[[WSUMS]], %{{.*}}, %{{.*}} : tensor<1xi32>, tensor<?x4x1xi32>, tensor<?x4x1xi32>)
// CHECK: arith.constant -32512 : i32
// CHECK: %[[FW:.*]] = arith.constant dense<{{\[}}{{\[}}[127]], {{\[}}[-128]]]> : tensor<2x1x1xi8>
// CHECK: linalg.conv_1d_nwc_wcf {{.*}} ins(%[[UP]], %[[FW]] : tensor<?x5x1xi8>, tensor<2x1x1xi8>) outs(%[[INIT]] : tensor<?x4x1xi32>)

// Phases need static spatial sizes, not a static batch.
// PHASE-LABEL: func.func @u8_nwc_const
// PHASE: arith.xori
// PHASE: linalg.conv_1d_nwc_wcf {{.*}} -> tensor<?x4x1xi32>
func.func @u8_nwc_const(%x: tensor<?x3x1xui8>) -> tensor<?x4x1xi32> {
  %w = arith.constant dense<[[[-128], [127]]]> : tensor<1x2x1xi8>
  %y = tconv.conv_transpose %x, %w {input_zero_point = 255 : i32, weight_zero_point = -128 : i32, layout = #tconv.layout<channels_last>}
       : (tensor<?x3x1xui8>, tensor<1x2x1xi8>) -> tensor<?x4x1xi32>
  return %y : tensor<?x4x1xi32>
}
