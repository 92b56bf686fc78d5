// RUN: tconv-opt %s --convert-tconv-to-linalg --split-input-file | FileCheck %s
// RUN: tconv-opt %s --convert-tconv-to-linalg="channels-last-compute=false" --split-input-file | FileCheck %s

// A channels-first depthwise op is computed in its own layout, along its
// image rows, whatever the compute layout: no transposes. Its stride along
// the rows becomes zeros inserted into them (3 - 1 between two elements,
// then the output padding of 2: (35 - 1) * 3 + 1 + 2 = 105 per row), the
// phases split the rows by the stride of 2 only, each a depthwise
// convolution of stride 1 whose result rows are whole output rows (every
// other one of them).
// CHECK-LABEL: func.func @rows
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x5x35xf32>
// CHECK-NOT: linalg.transpose
// CHECK: %[[ZEROS:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<2x3x5x105xf32>)
// CHECK: %[[STRETCHED:.*]] = tensor.insert_slice %[[X]] into %[[ZEROS]][0, 0, 0, 0] [2, 3, 5, 35] [1, 1, 1, 3]
// CHECK: tensor.pad %[[STRETCHED]]
// CHECK-COUNT-2: linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
// CHECK-NOT: linalg.depthwise_conv_2d_nchw_chw
// CHECK-NOT: linalg.transpose
// CHECK: return
func.func @rows(%x: tensor<2x3x5x35xf32>, %w: tensor<3x1x3x5xf32>) -> tensor<2x3x11x106xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 3>, padding = array<i64: 1, 2, 0, 1>,
                                    output_padding = array<i64: 1, 2>, groups = 3 : i64}
       : (tensor<2x3x5x35xf32>, tensor<3x1x3x5xf32>) -> tensor<2x3x11x106xf32>
  return %y : tensor<2x3x11x106xf32>
}

// -----

// Quantized: the inserted elements take the input zero point (200 - 128 in
// the i8 domain of the shifted ui8 input), so that they add nothing.
// CHECK-LABEL: func.func @zero_point
// CHECK-NOT: linalg.transpose
// CHECK: %[[ZP:.*]] = arith.constant 72 : i8
// CHECK: linalg.fill ins(%[[ZP]] : i8) outs(%{{.*}} : tensor<1x3x4x17xi8>)
// CHECK: tensor.insert_slice %{{.*}} into %{{.*}}[0, 0, 0, 0] [1, 3, 4, 9] [1, 1, 1, 2]
// CHECK-NOT: linalg.transpose
// CHECK: return
func.func @zero_point(%x: tensor<1x3x4x9xui8>, %w: tensor<3x1x3x4xi8>) -> tensor<1x3x7x18xi32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>, groups = 3 : i64,
                                    input_zero_point = 200 : i32}
       : (tensor<1x3x4x9xui8>, tensor<3x1x3x4xi8>) -> tensor<1x3x7x18xi32>
  return %y : tensor<1x3x7x18xi32>
}

// -----

// A dilation along the rows: the row convolutions would not be of stride and
// dilation 1, so the op is computed channels-last as other ops are (the
// second RUN line computes it channels-first, phases along both dims).
// CHECK-LABEL: func.func @row_dilation
// CHECK-NOT: linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<1x3x4x
// CHECK: return
func.func @row_dilation(%x: tensor<1x3x4x4xf32>, %w: tensor<3x1x2x2xf32>) -> tensor<1x3x8x9xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 2>, dilations = array<i64: 1, 2>, groups = 3 : i64}
       : (tensor<1x3x4x4xf32>, tensor<3x1x2x2xf32>) -> tensor<1x3x8x9xf32>
  return %y : tensor<1x3x8x9xf32>
}
