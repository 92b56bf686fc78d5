// RUN: tconv-opt %s --convert-tconv-to-linalg="algorithm=phase" --split-input-file | FileCheck %s

// Stride 2, k 4, padding 1 in 2-D: four phases, each a stride-1 convolution
// of a window of the input with a 2x2 sub-kernel, written into every other
// output row and column. The input is padded once, by one row/column on
// each side (the union of the phases' windows), and each phase reads its
// 5x5 window out of it. Phase (0, 0) covers outputs 1, 3, 5, 7 with taps 2
// and 0 (flipped), selected from the weight transposed to HWCF. The phases
// cover the whole result, so each accumulates from zeros and adds the bias
// into its slice of an empty result (tconv-tile-and-vectorize computes both
// in the register tiles): no result-sized bias is written and read back.
// CHECK-DAG: #[[TAPS00:.*]] = affine_map<(d0, d1, d2, d3) -> (d0 * -2 + 2, d1 * -2 + 2, d2, d3)>
// CHECK-DAG: #[[TAPS11:.*]] = affine_map<(d0, d1, d2, d3) -> (d0 * -2 + 3, d1 * -2 + 3, d2, d3)>
// CHECK-DAG: #[[CHANNEL:.*]] = affine_map<(d0, d1, d2, d3) -> (d3)>
// CHECK-LABEL: func.func @four_phases
// CHECK-SAME: (%[[X:.*]]: tensor<2x4x4x8xf32>, %[[W:.*]]: tensor<6x4x4x8xf32>, %[[B:.*]]: tensor<6xf32>)
// CHECK: %[[RESULT:.*]] = tensor.empty() : tensor<2x8x8x6xf32>
// CHECK: %[[PAD:.*]] = tensor.pad %[[X]] low[0, 1, 1, 0] high[0, 1, 1, 0]
// CHECK: %[[P00:.*]] = tensor.extract_slice %[[PAD]][0, 1, 1, 0] [2, 5, 5, 8] [1, 1, 1, 1]
// CHECK: %[[OUT00:.*]] = tensor.extract_slice %[[RESULT]][0, 1, 1, 0] [2, 4, 4, 6] [1, 2, 2, 1]
// CHECK: %[[ZEROS:.*]] = linalg.fill {{.*}} -> tensor<2x4x4x6xf32>
// CHECK: %[[WT:.*]] = linalg.transpose ins(%[[W]] : tensor<6x4x4x8xf32>) outs(%{{.*}} : tensor<4x4x8x6xf32>) permutation = [1, 2, 3, 0]
// CHECK: %[[W00:.*]] = linalg.generic {indexing_maps = [#[[TAPS00]], {{.*}}]} ins(%[[WT]] : tensor<4x4x8x6xf32>) outs(%{{.*}} : tensor<2x2x8x6xf32>)
// CHECK: %[[C00:.*]] = linalg.conv_2d_nhwc_hwcf {{.*}} ins(%[[P00]], %[[W00]] : tensor<2x5x5x8xf32>, tensor<2x2x8x6xf32>) outs(%[[ZEROS]] : tensor<2x4x4x6xf32>)
// CHECK: %[[B00:.*]] = linalg.generic {indexing_maps = [#{{.*}}, #[[CHANNEL]], #{{.*}}]{{.*}} ins(%[[C00]], %[[B]] : tensor<2x4x4x6xf32>, tensor<6xf32>) outs(%[[OUT00]] : tensor<2x4x4x6xf32>)
// CHECK: arith.addf
// CHECK: tensor.insert_slice %[[B00]] into %[[RESULT]][0, 1, 1, 0] [2, 4, 4, 6] [1, 2, 2, 1]
// CHECK-COUNT-2: linalg.conv_2d_nhwc_hwcf
// CHECK: tensor.extract_slice %[[PAD]][0, 0, 0, 0] [2, 5, 5, 8] [1, 1, 1, 1]
// CHECK: linalg.generic {indexing_maps = [#[[TAPS11]], {{.*}}]}
// CHECK: linalg.conv_2d_nhwc_hwcf
// CHECK: tensor.insert_slice {{.*}}[0, 0, 0, 0] [2, 4, 4, 6] [1, 2, 2, 1]
// CHECK-NOT: linalg.conv
// CHECK-NOT: tensor.pad
func.func @four_phases(%x: tensor<2x4x4x8xf32>, %w: tensor<6x4x4x8xf32>, %b: tensor<6xf32>) -> tensor<2x8x8x6xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>, layout = #tconv.layout<channels_last>} : (tensor<2x4x4x8xf32>, tensor<6x4x4x8xf32>, tensor<6xf32>) -> tensor<2x8x8x6xf32>
  return %y : tensor<2x8x8x6xf32>
}

// -----

// Stride 3 with a 2-tap kernel: residue 2 has no taps, so those outputs keep
// the bias; the other two phases are 1-tap convolutions, accumulating
// into their slices of the bias.
// CHECK-LABEL: func.func @phase_without_taps
// CHECK-NOT: linalg.fill
// CHECK-COUNT-2: linalg.conv_1d_nwc_wcf {{.*}} outs(%{{.*}} : tensor<1x4x2xf32>)
// CHECK-NOT: linalg.conv
func.func @phase_without_taps(%x: tensor<1x4x3xf32>, %w: tensor<2x2x3xf32>, %b: tensor<2xf32>) -> tensor<1x11x2xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 3>, layout = #tconv.layout<channels_last>} : (tensor<1x4x3xf32>, tensor<2x2x3xf32>, tensor<2xf32>) -> tensor<1x11x2xf32>
  return %y : tensor<1x11x2xf32>
}

// -----

// Dilation 2 with stride 2: all taps land on even residues; the odd phase
// gets only the bias and the even one is a convolution with dilation 1
// (dil / gcd(s, dil)).
// CHECK-LABEL: func.func @dilation_sharing_stride
// CHECK: linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>
// CHECK-NOT: linalg.conv
func.func @dilation_sharing_stride(%x: tensor<1x4x3xf32>, %w: tensor<2x3x3xf32>) -> tensor<1x12x2xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2>, dilations = array<i64: 2>, output_padding = array<i64: 1>, layout = #tconv.layout<channels_last>} : (tensor<1x4x3xf32>, tensor<2x3x3xf32>) -> tensor<1x12x2xf32>
  return %y : tensor<1x12x2xf32>
}


// -----

// Channels-last groups are split into convolutions of their own while the
// phases times the groups stay within 16: 2 phases of 2 groups.
// CHECK-LABEL: func.func @groups_split
// CHECK-COUNT-4: linalg.conv_1d_nwc_wcf {{.*}} outs(%{{.*}} : tensor<1x4x3xf32>)
// CHECK-NOT: linalg.conv
func.func @groups_split(%x: tensor<1x4x4xf32>, %w: tensor<6x2x2xf32>) -> tensor<1x8x6xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2>, groups = 2 : i64, layout = #tconv.layout<channels_last>} : (tensor<1x4x4xf32>, tensor<6x2x2xf32>) -> tensor<1x8x6xf32>
  return %y : tensor<1x8x6xf32>
}

// -----

// 9 phases of 2 groups would be 18 convolutions: each phase stays one
// grouped convolution (a 3-D layer with 64 phases of 3 groups took 150 s to
// compile with the groups split).
// CHECK-LABEL: func.func @groups_not_split
// CHECK-COUNT-9: linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]
// CHECK-NOT: linalg.conv
// CHECK-NOT: "reduction"
func.func @groups_not_split(%x: tensor<1x4x4xf32>, %w: tensor<6x9x2xf32>) -> tensor<1x36x6xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 9>, groups = 2 : i64, layout = #tconv.layout<channels_last>} : (tensor<1x4x4xf32>, tensor<6x9x2xf32>) -> tensor<1x36x6xf32>
  return %y : tensor<1x36x6xf32>
}

// -----

// k == s with a bias: every phase is a 1x1 convolution whose result goes
// through the bias epilogue to a strided slice of the result, so it stays
// 2-D, not flattened into a 1-D convolution whose tiles could not be
// stored there: the bias epilogue, and any op fused with it, run on the
// convolution's register tiles.
// CHECK-LABEL: func.func @pointwise_phases_with_bias
// CHECK-NOT: tensor.collapse_shape
// CHECK-COUNT-4: linalg.conv_2d_nhwc_hwcf {{.*}} outs(%{{.*}} : tensor<1x4x4x6xf32>)
// CHECK-NOT: tensor.collapse_shape
func.func @pointwise_phases_with_bias(%x: tensor<1x4x4x8xf32>, %w: tensor<6x2x2x8xf32>, %b: tensor<6xf32>) -> tensor<1x8x8x6xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, layout = #tconv.layout<channels_last>} : (tensor<1x4x4x8xf32>, tensor<6x2x2x8xf32>, tensor<6xf32>) -> tensor<1x8x8x6xf32>
  return %y : tensor<1x8x8x6xf32>
}
