// RUN: tconv-opt %s --convert-tconv-to-linalg="algorithm=zero-insertion channels-last-compute=false" --split-input-file | FileCheck %s

// DCGAN-like 2-D layer: zeros inserted by a strided insert_slice at offset
// dil*(k-1) - pb = 2, weight (Cin, Cout, kh, kw) transposed into
// (Cout, Cin, kh, kw) then flipped, bias broadcast into the accumulator.
// CHECK-DAG: #[[FLIP:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, -d2 + 3, -d3 + 3)>
// CHECK-DAG: #[[BIAS:.*]] = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-LABEL: func.func @stride2_nchw
// CHECK-SAME: (%[[X:.*]]: tensor<2x8x4x4xf32>, %[[W:.*]]: tensor<8x6x4x4xf32>, %[[B:.*]]: tensor<6xf32>)
// CHECK: %[[ZEROS:.*]] = linalg.fill {{.*}} -> tensor<2x8x11x11xf32>
// CHECK: %[[UP:.*]] = tensor.insert_slice %[[X]] into %[[ZEROS]][0, 0, 2, 2] [2, 8, 4, 4] [1, 1, 2, 2]
// CHECK: %[[INIT:.*]] = linalg.generic {indexing_maps = [#[[BIAS]], {{.*}}]} ins(%[[B]] : tensor<6xf32>)
// CHECK: %[[WT:.*]] = linalg.transpose ins(%[[W]] : tensor<8x6x4x4xf32>) outs({{.*}} : tensor<6x8x4x4xf32>) permutation = [1, 0, 2, 3]
// CHECK: %[[FW:.*]] = linalg.generic {indexing_maps = [#[[FLIP]], {{.*}}]} ins(%[[WT]] : tensor<6x8x4x4xf32>) outs({{.*}} : tensor<6x8x4x4xf32>)
// CHECK: %[[Y:.*]] = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%[[UP]], %[[FW]] : {{.*}}) outs(%[[INIT]] : tensor<2x6x8x8xf32>)
// CHECK: return %[[Y]]
func.func @stride2_nchw(%x: tensor<2x8x4x4xf32>, %w: tensor<8x6x4x4xf32>, %b: tensor<6xf32>) -> tensor<2x6x8x8xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>} : (tensor<2x8x4x4xf32>, tensor<8x6x4x4xf32>, tensor<6xf32>) -> tensor<2x6x8x8xf32>
  return %y : tensor<2x6x8x8xf32>
}

// -----

// Padding larger than dil*(k-1) crops in H (first input row dropped by an
// extract_slice) while W pads; output_padding widens the end.
// CHECK-LABEL: func.func @mixed_crop_and_pad
// CHECK: %[[ZEROS:.*]] = linalg.fill {{.*}} -> tensor<1x2x9x17xf32>
// CHECK: %[[KEPT:.*]] = tensor.extract_slice %{{.*}}[0, 0, 1, 0] [1, 2, 4, 5] [1, 1, 1, 1] : tensor<1x2x5x5xf32> to tensor<1x2x4x5xf32>
// CHECK: tensor.insert_slice %[[KEPT]] into %[[ZEROS]][0, 0, 1, 2] [1, 2, 4, 5] [1, 1, 2, 3]
// CHECK: linalg.conv_2d_nchw_fchw
// CHECK-SAME: -> tensor<1x3x7x15xf32>
func.func @mixed_crop_and_pad(%x: tensor<1x2x5x5xf32>, %w: tensor<2x3x3x3xf32>) -> tensor<1x3x7x15xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 3>, padding = array<i64: 3, 0, 2, 0>, output_padding = array<i64: 1, 0>} : (tensor<1x2x5x5xf32>, tensor<2x3x3x3xf32>) -> tensor<1x3x7x15xf32>
  return %y : tensor<1x3x7x15xf32>
}

// -----

// Stride 1 with padding dil*(k-1): nothing to insert or pad; no bias means a
// zero-filled accumulator.
// CHECK-LABEL: func.func @stride1_full_padding
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x6xf32>
// CHECK-NOT: tensor.insert_slice
// CHECK: %[[INIT:.*]] = linalg.fill
// CHECK: linalg.conv_1d_ncw_fcw {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>} ins(%[[X]], %{{.*}} : tensor<1x4x6xf32>, tensor<2x4x3xf32>) outs(%[[INIT]] : tensor<1x2x4xf32>)
func.func @stride1_full_padding(%x: tensor<1x4x6xf32>, %w: tensor<4x2x3xf32>) -> tensor<1x2x4xf32> {
  %y = tconv.conv_transpose %x, %w {padding = array<i64: 2, 2>} : (tensor<1x4x6xf32>, tensor<4x2x3xf32>) -> tensor<1x2x4xf32>
  return %y : tensor<1x2x4xf32>
}

// -----

// A constant weight is flipped at compile time.
// CHECK-LABEL: func.func @constant_weight
// CHECK: %[[FW:.*]] = arith.constant dense<{{\[\[\[}}3.000000e+00, 2.000000e+00, 1.000000e+00]]]> : tensor<1x1x3xf32>
// CHECK-NOT: linalg.generic
// CHECK: linalg.conv_1d_ncw_fcw {{.*}} ins(%{{.*}}, %[[FW]] :
func.func @constant_weight(%x: tensor<1x1x3xf32>) -> tensor<1x1x5xf32> {
  %w = arith.constant dense<[[[1.0, 2.0, 3.0]]]> : tensor<1x1x3xf32>
  %y = tconv.conv_transpose %x, %w : (tensor<1x1x3xf32>, tensor<1x1x3xf32>) -> tensor<1x1x5xf32>
  return %y : tensor<1x1x5xf32>
}

// -----

// channels_last: the OHWI weight is transposed and flipped into HWCF for
// linalg.conv_2d_nhwc_hwcf; dynamic spatial sizes are computed as
// O = 2 * I - 1 and the padded size as O + 2.
// CHECK-DAG: #[[OUT:.*]] = affine_map<()[s0] -> (s0 * 2 - 1)>
// CHECK-DAG: #[[PADDED:.*]] = affine_map<()[s0] -> (s0 * 2 + 1)>
// CHECK-DAG: #[[FLIP:.*]] = affine_map<(d0, d1, d2, d3) -> (-d0 + 2, -d1 + 2, d2, d3)>
// CHECK-LABEL: func.func @channels_last_dynamic_spatial
// CHECK: %[[H:.*]] = tensor.dim %{{.*}}, %c1
// CHECK: affine.apply #[[OUT]]()[%[[H]]]
// CHECK: affine.apply #[[PADDED]]()[%[[H]]]
// CHECK: tensor.insert_slice {{.*}}[0, 1, 1, 0] [2, %{{.*}}, %{{.*}}, 3] [1, 2, 2, 1] : tensor<2x?x?x3xf32> into tensor<2x?x?x3xf32>
// CHECK: %[[WT:.*]] = linalg.transpose ins(%{{.*}} : tensor<5x3x3x3xf32>) outs(%{{.*}} : tensor<3x3x3x5xf32>) permutation = [1, 2, 3, 0]
// CHECK: linalg.generic {indexing_maps = [#[[FLIP]], {{.*}}]} ins(%[[WT]] : tensor<3x3x3x5xf32>) outs(%{{.*}} : tensor<3x3x3x5xf32>)
// CHECK: linalg.conv_2d_nhwc_hwcf {{.*}} -> tensor<2x?x?x5xf32>
func.func @channels_last_dynamic_spatial(%x: tensor<2x?x?x3xf32>, %w: tensor<5x3x3x3xf32>) -> tensor<2x?x?x5xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>, layout = #tconv.layout<channels_last>} : (tensor<2x?x?x3xf32>, tensor<5x3x3x3xf32>) -> tensor<2x?x?x5xf32>
  return %y : tensor<2x?x?x5xf32>
}

// -----

// Grouped 1-D with f16 and dynamic batch: channels split into (G, C/G), the
// weight regrouped (g*Cig + ic, oc, k-1-t) -> (G, Cog, Cig, k) before the
// flip, a linalg.generic accumulating in f32, then collapsed and truncated.
// CHECK-DAG: #[[REGROUP:.*]] = affine_map<(d0, d1, d2, d3) -> (d0 * 2 + d2, d1, -d3 + 1)>
// CHECK-DAG: #[[IN:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d4, d3 + d5)>
// CHECK-LABEL: func.func @grouped_1d_f16
// CHECK: linalg.generic {{.*}} ins(%{{.*}} : tensor<6xf16>) outs(%{{.*}} : tensor<?x6x10xf32>)
// CHECK: arith.extf
// CHECK: linalg.generic {indexing_maps = [#[[REGROUP]], {{.*}}]} ins(%{{.*}} : tensor<4x3x2xf16>) outs(%{{.*}} : tensor<2x3x2x2xf16>)
// CHECK: tensor.expand_shape {{.*}} {{\[\[}}0], [1, 2], [3]] {{.*}} : tensor<?x4x11xf16> into tensor<?x2x2x11xf16>
// CHECK: tensor.expand_shape {{.*}} : tensor<?x6x10xf32> into tensor<?x2x3x10xf32>
// CHECK: linalg.generic {indexing_maps = [#[[IN]], {{.*}}], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]}
// CHECK: arith.mulf {{.*}} : f32
// CHECK: tensor.collapse_shape {{.*}} : tensor<?x2x3x10xf32> into tensor<?x6x10xf32>
// CHECK: arith.truncf {{.*}} : f32 to f16
// CHECK: return {{.*}} : tensor<?x6x10xf16>
func.func @grouped_1d_f16(%x: tensor<?x4x5xf16>, %w: tensor<4x3x2xf16>, %b: tensor<6xf16>) -> tensor<?x6x10xf16> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2>, groups = 2 : i64} : (tensor<?x4x5xf16>, tensor<4x3x2xf16>, tensor<6xf16>) -> tensor<?x6x10xf16>
  return %y : tensor<?x6x10xf16>
}

// -----

// Grouped 2-D channels-first uses the named grouped convolution. In
// channels-last, up to 8 groups run as one ungrouped convolution per group
// on channel slices, the weight in (G, kh, kw, Cig, Cog); more groups use the
// named grouped convolution.
// CHECK-LABEL: func.func @grouped_2d
// CHECK: linalg.conv_2d_ngchw_gfchw {{.*}} -> tensor<1x2x3x9x9xf32>
// CHECK-LABEL: func.func @grouped_2d_channels_last
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x4x4xf32>
// CHECK: %[[UP:.*]] = tensor.insert_slice %[[X]]
// CHECK: %[[INIT:.*]] = linalg.fill {{.*}} -> tensor<1x9x9x6xf32>
// CHECK: %[[W:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<2x3x3x2x3xf32>)
// CHECK: %[[W0:.*]] = tensor.extract_slice %[[W]][0, 0, 0, 0, 0] [1, 3, 3, 2, 3] [1, 1, 1, 1, 1] : tensor<2x3x3x2x3xf32> to tensor<3x3x2x3xf32>
// CHECK: %[[X0:.*]] = tensor.extract_slice %[[UP]][0, 0, 0, 0] [1, 11, 11, 2] [1, 1, 1, 1]
// CHECK: %[[I0:.*]] = tensor.extract_slice %[[INIT]][0, 0, 0, 0] [1, 9, 9, 3] [1, 1, 1, 1]
// CHECK: %[[C0:.*]] = linalg.conv_2d_nhwc_hwcf {{.*}} ins(%[[X0]], %[[W0]] : {{.*}}) outs(%[[I0]] : tensor<1x9x9x3xf32>)
// CHECK: %[[Y0:.*]] = tensor.insert_slice %[[C0]] into %[[INIT]][0, 0, 0, 0] [1, 9, 9, 3] [1, 1, 1, 1]
// CHECK: %[[W1:.*]] = tensor.extract_slice %[[W]][1, 0, 0, 0, 0] [1, 3, 3, 2, 3]
// CHECK: %[[X1:.*]] = tensor.extract_slice %[[UP]][0, 0, 0, 2] [1, 11, 11, 2]
// CHECK: %[[I1:.*]] = tensor.extract_slice %[[Y0]][0, 0, 0, 3] [1, 9, 9, 3]
// CHECK: %[[C1:.*]] = linalg.conv_2d_nhwc_hwcf {{.*}} ins(%[[X1]], %[[W1]] : {{.*}}) outs(%[[I1]] : tensor<1x9x9x3xf32>)
// CHECK: %[[Y1:.*]] = tensor.insert_slice %[[C1]] into %[[Y0]][0, 0, 0, 3] [1, 9, 9, 3]
// CHECK: return %[[Y1]]
// CHECK-LABEL: func.func @nine_groups_channels_last
// CHECK-NOT: linalg.conv_2d_nhwc_hwcf
// CHECK: linalg.conv_2d_nhwgc_gfhwc {{.*}} -> tensor<1x5x5x9x2xf32>
func.func @grouped_2d(%x: tensor<1x4x4x4xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x6x9x9xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 2>, groups = 2 : i64} : (tensor<1x4x4x4xf32>, tensor<4x3x3x3xf32>) -> tensor<1x6x9x9xf32>
  return %y : tensor<1x6x9x9xf32>
}
func.func @grouped_2d_channels_last(%x: tensor<1x4x4x4xf32>, %w: tensor<6x3x3x2xf32>) -> tensor<1x9x9x6xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 2>, groups = 2 : i64, layout = #tconv.layout<channels_last>} : (tensor<1x4x4x4xf32>, tensor<6x3x3x2xf32>) -> tensor<1x9x9x6xf32>
  return %y : tensor<1x9x9x6xf32>
}
func.func @nine_groups_channels_last(%x: tensor<1x2x2x18xf32>, %w: tensor<18x3x3x2xf32>) -> tensor<1x5x5x18xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 2>, groups = 9 : i64, layout = #tconv.layout<channels_last>} : (tensor<1x2x2x18xf32>, tensor<18x3x3x2xf32>) -> tensor<1x5x5x18xf32>
  return %y : tensor<1x5x5x18xf32>
}

// -----

// Depthwise (one channel per group) uses the depthwise convolutions, with the
// op's dilation.
// CHECK-LABEL: func.func @depthwise_2d
// CHECK: linalg.depthwise_conv_2d_nchw_chw {dilations = dense<2> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} {{.*}} : tensor<1x4x{{[0-9]+}}x{{[0-9]+}}xf32>, tensor<4x3x3xf32>
// CHECK-LABEL: func.func @depthwise_3d_channels_last
// CHECK: linalg.depthwise_conv_3d_ndhwc_dhwc {{.*}} tensor<2x2x2x4xf32>
func.func @depthwise_2d(%x: tensor<1x4x5x5xf32>, %w: tensor<4x1x3x3xf32>) -> tensor<1x4x13x13xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 2>, dilations = array<i64: 2, 2>, groups = 4 : i64} : (tensor<1x4x5x5xf32>, tensor<4x1x3x3xf32>) -> tensor<1x4x13x13xf32>
  return %y : tensor<1x4x13x13xf32>
}
func.func @depthwise_3d_channels_last(%x: tensor<1x3x3x3x4xf32>, %w: tensor<4x2x2x2x1xf32>) -> tensor<1x6x6x6x4xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 2, 2>, groups = 4 : i64, layout = #tconv.layout<channels_last>} : (tensor<1x3x3x3x4xf32>, tensor<4x2x2x2x1xf32>) -> tensor<1x6x6x6x4xf32>
  return %y : tensor<1x6x6x6x4xf32>
}

// -----

// 3-D, both layouts.
// CHECK-LABEL: func.func @conv3d
// CHECK: linalg.conv_3d_ncdhw_fcdhw
// CHECK-LABEL: func.func @conv3d_channels_last
// CHECK: linalg.conv_3d_ndhwc_dhwcf {{.*}} tensor<2x2x2x3x5xf32>
func.func @conv3d(%x: tensor<1x3x2x2x2xf32>, %w: tensor<3x5x2x2x2xf32>) -> tensor<1x5x4x4x4xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 2, 2>} : (tensor<1x3x2x2x2xf32>, tensor<3x5x2x2x2xf32>) -> tensor<1x5x4x4x4xf32>
  return %y : tensor<1x5x4x4x4xf32>
}
func.func @conv3d_channels_last(%x: tensor<1x2x2x2x3xf32>, %w: tensor<5x2x2x2x3xf32>) -> tensor<1x4x4x4x5xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 2, 2>, layout = #tconv.layout<channels_last>} : (tensor<1x2x2x2x3xf32>, tensor<5x2x2x2x3xf32>) -> tensor<1x4x4x4x5xf32>
  return %y : tensor<1x4x4x4x5xf32>
}
