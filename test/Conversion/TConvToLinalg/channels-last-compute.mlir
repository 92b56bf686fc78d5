// RUN: tconv-opt %s --convert-tconv-to-linalg="algorithm=zero-insertion" --split-input-file | FileCheck %s

// By default a channels_first op is computed channels-last: the input is
// transposed to NHWC, zeros are inserted there, the weight (Cin, Cout, kh, kw)
// is transposed whole into HWCF and then flipped (contiguous channel rows),
// the accumulator holds the bias along its last dim, and the NHWC result is
// transposed back over its pixels as one dim (64 = 4 x 16: whole 16 x 16
// register blocks, where the 8-pixel rows were not).
// CHECK-DAG: #[[FLIP:.*]] = affine_map<(d0, d1, d2, d3) -> (-d0 + 3, -d1 + 3, d2, d3)>
// CHECK-DAG: #[[BIAS:.*]] = affine_map<(d0, d1, d2, d3) -> (d3)>
// CHECK-LABEL: func.func @dcgan_like
// CHECK-SAME: (%[[X:.*]]: tensor<2x8x4x4xf32>, %[[W:.*]]: tensor<8x6x4x4xf32>, %[[B:.*]]: tensor<6xf32>)
// CHECK: %[[XT:.*]] = linalg.transpose ins(%[[X]] : tensor<2x8x4x4xf32>) outs(%{{.*}} : tensor<2x4x4x8xf32>) permutation = [0, 2, 3, 1]
// CHECK: %[[UP:.*]] = tensor.insert_slice %[[XT]] into %{{.*}}[0, 2, 2, 0] [2, 4, 4, 8] [1, 2, 2, 1] : tensor<2x4x4x8xf32> into tensor<2x11x11x8xf32>
// CHECK: %[[INIT:.*]] = linalg.generic {indexing_maps = [#[[BIAS]], {{.*}}]} ins(%[[B]] : tensor<6xf32>) outs(%{{.*}} : tensor<2x8x8x6xf32>)
// CHECK: %[[WT:.*]] = linalg.transpose ins(%[[W]] : tensor<8x6x4x4xf32>) outs(%{{.*}} : tensor<4x4x8x6xf32>) permutation = [2, 3, 0, 1]
// CHECK: %[[FW:.*]] = linalg.generic {indexing_maps = [#[[FLIP]], {{.*}}]} ins(%[[WT]] : tensor<4x4x8x6xf32>) outs(%{{.*}} : tensor<4x4x8x6xf32>)
// CHECK: %[[Y:.*]] = linalg.conv_2d_nhwc_hwcf {{.*}} ins(%[[UP]], %[[FW]] : {{.*}}) outs(%[[INIT]] : tensor<2x8x8x6xf32>)
// CHECK: %[[YP:.*]] = tensor.collapse_shape %[[Y]] {{\[}}[0], [1, 2], [3]] : tensor<2x8x8x6xf32> into tensor<2x64x6xf32>
// CHECK: %[[YT:.*]] = linalg.transpose ins(%[[YP]] : tensor<2x64x6xf32>) outs(%{{.*}} : tensor<2x6x64xf32>) permutation = [0, 2, 1]
// CHECK: %[[R:.*]] = tensor.expand_shape %[[YT]] {{\[}}[0], [1], [2, 3]] output_shape [2, 6, 8, 8] : tensor<2x6x64xf32> into tensor<2x6x8x8xf32>
// CHECK: return %[[R]]
func.func @dcgan_like(%x: tensor<2x8x4x4xf32>, %w: tensor<8x6x4x4xf32>, %b: tensor<6xf32>) -> tensor<2x6x8x8xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>} : (tensor<2x8x4x4xf32>, tensor<8x6x4x4xf32>, tensor<6xf32>) -> tensor<2x6x8x8xf32>
  return %y : tensor<2x6x8x8xf32>
}

// -----

// Dynamic dims survive both transposes; f16 is truncated before the
// transpose back.
// CHECK-LABEL: func.func @dynamic_f16_1d
// CHECK: linalg.transpose ins(%{{.*}} : tensor<?x3x?xf16>) outs(%{{.*}} : tensor<?x?x3xf16>) permutation = [0, 2, 1]
// CHECK: linalg.conv_1d_nwc_wcf
// CHECK: arith.truncf
// CHECK: linalg.transpose ins(%{{.*}} : tensor<?x?x5xf16>) outs(%{{.*}} : tensor<?x5x?xf16>) permutation = [0, 2, 1]
func.func @dynamic_f16_1d(%x: tensor<?x3x?xf16>, %w: tensor<3x5x2xf16>) -> tensor<?x5x?xf16> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2>} : (tensor<?x3x?xf16>, tensor<3x5x2xf16>) -> tensor<?x5x?xf16>
  return %y : tensor<?x5x?xf16>
}

// -----

// Channels-last ops need no activation transposes; only the weight (Cout,
// kh, kw, Cin) is transposed into HWCF.
// CHECK-LABEL: func.func @already_channels_last
// CHECK-NOT: linalg.transpose
// CHECK: linalg.transpose ins(%{{.*}} : tensor<6x3x3x8xf32>) outs(%{{.*}} : tensor<3x3x8x6xf32>) permutation = [1, 2, 3, 0]
// CHECK-NOT: linalg.transpose
// CHECK: linalg.conv_2d_nhwc_hwcf
// CHECK-NOT: linalg.transpose
// CHECK: return
func.func @already_channels_last(%x: tensor<1x4x4x8xf32>, %w: tensor<6x3x3x8xf32>) -> tensor<1x9x9x6xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 2>, layout = #tconv.layout<channels_last>} : (tensor<1x4x4x8xf32>, tensor<6x3x3x8xf32>) -> tensor<1x9x9x6xf32>
  return %y : tensor<1x9x9x6xf32>
}

// -----

// A result with a dynamic spatial dim is transposed back as it is (only
// static pixels are collapsed).
// CHECK-LABEL: func.func @dynamic_height_2d
// CHECK-NOT: tensor.collapse_shape
// CHECK: linalg.transpose ins(%{{.*}} : tensor<1x?x8x5xf32>) outs(%{{.*}} : tensor<1x5x?x8xf32>) permutation = [0, 3, 1, 2]
func.func @dynamic_height_2d(%x: tensor<1x3x?x4xf32>, %w: tensor<3x5x2x2xf32>) -> tensor<1x5x?x8xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 2>} : (tensor<1x3x?x4xf32>, tensor<3x5x2x2xf32>) -> tensor<1x5x?x8xf32>
  return %y : tensor<1x5x?x8xf32>
}

// -----

// One channel is in the same place in both layouts: the unit dim moves by
// two reshapes, dynamic dims and all, instead of a transpose.
// CHECK-LABEL: func.func @one_channel
// CHECK-SAME: (%[[X:.*]]: tensor<?x1x5x?xf32>
// CHECK-NOT: linalg.transpose ins(%[[X]]
// CHECK: %[[XP:.*]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1], [2], [3]] : tensor<?x1x5x?xf32> into tensor<?x5x?xf32>
// CHECK: tensor.expand_shape %[[XP]] {{\[}}[0], [1], [2, 3]] output_shape [%{{.*}}, 5, %{{.*}}, 1] : tensor<?x5x?xf32> into tensor<?x5x?x1xf32>
// CHECK: %[[YP:.*]] = tensor.collapse_shape %{{.*}} {{\[}}[0], [1], [2, 3]] : tensor<?x11x?x1xf32> into tensor<?x11x?xf32>
// CHECK: %[[Y:.*]] = tensor.expand_shape %[[YP]] {{\[}}[0, 1], [2], [3]] output_shape [%{{.*}}, 1, 11, %{{.*}}] : tensor<?x11x?xf32> into tensor<?x1x11x?xf32>
// CHECK-NEXT: return %[[Y]]
func.func @one_channel(%x: tensor<?x1x5x?xf32>, %w: tensor<1x1x3x3xf32>) -> tensor<?x1x11x?xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 2>} : (tensor<?x1x5x?xf32>, tensor<1x1x3x3xf32>) -> tensor<?x1x11x?xf32>
  return %y : tensor<?x1x11x?xf32>
}
