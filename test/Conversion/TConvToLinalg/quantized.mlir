// RUN: tconv-opt %s --convert-tconv-to-linalg="algorithm=zero-insertion channels-last-compute=false" --split-input-file | FileCheck %s
// RUN: tconv-opt %s --convert-tconv-to-linalg="algorithm=phase" --split-input-file | FileCheck %s --check-prefix=PHASE
// RUN: tconv-opt %s --convert-tconv-to-linalg="algorithm=subpixel" --split-input-file | FileCheck %s --check-prefix=SUBPIXEL

// Quantized ops: input and weight are widened to i32 with their zero points
// subtracted before anything else, so that padding and zero insertion insert
// 0 and every algorithm runs on i32 as it runs on f32: bias-initialised i32
// accumulator, i32 convolution, no final cast.

// i8 channels-first by zero insertion: the input is widened (extsi, minus
// -5), the weight too (minus 3) before its transpose and flip; zeros are
// inserted into an i32 tensor.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[BIAS:.*]] = affine_map<(d0, d1, d2) -> (d1)>
// CHECK-DAG: #[[FLIP:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, -d2 + 2)>
// CHECK-LABEL: func.func @i8_nchw
// CHECK-SAME: (%[[X:.*]]: tensor<1x2x3xi8>, %[[W:.*]]: tensor<2x4x3xi8>, %[[B:.*]]: tensor<4xi32>)
// CHECK: %[[XI:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[ID]]], {{.*}}} ins(%[[X]] : tensor<1x2x3xi8>) outs(%{{.*}} : tensor<1x2x3xi32>)
// CHECK-NEXT: ^bb0(%[[XE:.*]]: i8, %{{.*}}: i32):
// CHECK-NEXT: %[[XW:.*]] = arith.extsi %[[XE]] : i8 to i32
// CHECK-NEXT: %[[XZ:.*]] = arith.constant -5 : i32
// CHECK-NEXT: %[[XS:.*]] = arith.subi %[[XW]], %[[XZ]] : i32
// CHECK-NEXT: linalg.yield %[[XS]] : i32
// CHECK: %[[WI:.*]] = linalg.generic {{.*}} ins(%[[W]] : tensor<2x4x3xi8>) outs(%{{.*}} : tensor<2x4x3xi32>)
// CHECK: arith.extsi %{{.*}} : i8 to i32
// CHECK-NEXT: %[[WZ:.*]] = arith.constant 3 : i32
// CHECK-NEXT: arith.subi %{{.*}}, %[[WZ]] : i32
// CHECK: %[[ZERO:.*]] = arith.constant 0 : i32
// CHECK: %[[ZEROS:.*]] = linalg.fill ins(%[[ZERO]] : i32) outs(%{{.*}} : tensor<1x2x9xi32>)
// CHECK: %[[UP:.*]] = tensor.insert_slice %[[XI]] into %[[ZEROS]][0, 0, 2] [1, 2, 3] [1, 1, 2] : tensor<1x2x3xi32> into tensor<1x2x9xi32>
// CHECK: %[[INIT:.*]] = linalg.generic {indexing_maps = [#[[BIAS]], #[[ID]]], {{.*}}} ins(%[[B]] : tensor<4xi32>) outs(%{{.*}} : tensor<1x4x7xi32>)
// CHECK: %[[WT:.*]] = linalg.transpose ins(%[[WI]] : tensor<2x4x3xi32>)
// CHECK: %[[FW:.*]] = linalg.generic {indexing_maps = [#[[FLIP]], #[[ID]]], {{.*}}} ins(%[[WT]] : tensor<4x2x3xi32>)
// CHECK: %[[Y:.*]] = linalg.conv_1d_ncw_fcw {{.*}} ins(%[[UP]], %[[FW]] : tensor<1x2x9xi32>, tensor<4x2x3xi32>) outs(%[[INIT]] : tensor<1x4x7xi32>)
// CHECK-NEXT: return %[[Y]] : tensor<1x4x7xi32>

// PHASE-LABEL: func.func @i8_nchw
// PHASE-COUNT-2: linalg.conv_1d_nwc_wcf {{.*}} -> tensor<1x{{[0-9]+}}x4xi32>
// PHASE-NOT: arith.addf
// SUBPIXEL-LABEL: func.func @i8_nchw
// SUBPIXEL: linalg.conv_1d_nwc_wcf {{.*}} -> tensor<1x4x8xi32>
// SUBPIXEL-NOT: arith.addf
func.func @i8_nchw(%x: tensor<1x2x3xi8>, %w: tensor<2x4x3xi8>, %b: tensor<4xi32>) -> tensor<1x4x7xi32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2>, input_zero_point = -5 : i32, weight_zero_point = 3 : i32}
       : (tensor<1x2x3xi8>, tensor<2x4x3xi8>, tensor<4xi32>) -> tensor<1x4x7xi32>
  return %y : tensor<1x4x7xi32>
}

// -----

// ui8 channels-last with a dynamic batch and a constant weight: arith takes
// signless integers, so the ui8 element is cast to i8 and zero-extended;
// the weight constant is widened and flipped at compile time
// ([-128, 127] - (-128) = [0, 255], flipped [255, 0]); no bias: zeros.
// CHECK-LABEL: func.func @u8_nwc_const
// CHECK-SAME: (%[[X:.*]]: tensor<?x3x1xui8>)
// CHECK: linalg.generic {{.*}} ins(%[[X]] : tensor<?x3x1xui8>) outs(%{{.*}} : tensor<?x3x1xi32>)
// CHECK-NEXT: ^bb0(%[[XE:.*]]: ui8, %{{.*}}: i32):
// CHECK-NEXT: %[[XB:.*]] = builtin.unrealized_conversion_cast %[[XE]] : ui8 to i8
// CHECK-NEXT: %[[XW:.*]] = arith.extui %[[XB]] : i8 to i32
// CHECK-NEXT: %[[XZ:.*]] = arith.constant 255 : i32
// CHECK-NEXT: arith.subi %[[XW]], %[[XZ]] : i32
// CHECK: linalg.fill ins(%{{.*}} : i32) outs(%{{.*}} : tensor<?x4x1xi32>)
// CHECK: %[[FW:.*]] = arith.constant dense<{{\[}}{{\[}}[255]], {{\[}}[0]]]> : tensor<2x1x1xi32>
// CHECK: linalg.conv_1d_nwc_wcf {{.*}} ins(%{{.*}}, %[[FW]] : tensor<?x5x1xi32>, tensor<2x1x1xi32>)

// Phases need static spatial sizes, not a static batch.
// PHASE-LABEL: func.func @u8_nwc_const
// PHASE: arith.extui
// PHASE: linalg.conv_1d_nwc_wcf {{.*}} -> tensor<?x4x1xi32>
func.func @u8_nwc_const(%x: tensor<?x3x1xui8>) -> tensor<?x4x1xi32> {
  %w = arith.constant dense<[[[-128], [127]]]> : tensor<1x2x1xi8>
  %y = tconv.conv_transpose %x, %w {input_zero_point = 255 : i32, weight_zero_point = -128 : i32, layout = #tconv.layout<channels_last>}
       : (tensor<?x3x1xui8>, tensor<1x2x1xi8>) -> tensor<?x4x1xi32>
  return %y : tensor<?x4x1xi32>
}
