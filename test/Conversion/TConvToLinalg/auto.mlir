// RUN: tconv-opt %s --convert-tconv-to-linalg --split-input-file | FileCheck %s

// The cost model of algorithm=auto (its rules: the header of
// lib/Conversion/TConvToLinalg/Selection.cpp), one case per rule.

// k a multiple of s, groups 1, static: the sub-pixel convolution.
// CHECK-LABEL: func.func @subpixel_when_no_waste
// CHECK-COUNT-1: linalg.conv_2d_nhwc_hwcf
// CHECK-NOT: linalg.conv
func.func @subpixel_when_no_waste(%x: tensor<2x4x4x8xf32>, %w: tensor<6x4x4x8xf32>) -> tensor<2x8x8x6xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>, layout = #tconv.layout<channels_last>} : (tensor<2x4x4x8xf32>, tensor<6x4x4x8xf32>) -> tensor<2x8x8x6xf32>
  return %y : tensor<2x8x8x6xf32>
}

// -----

// Dilation 2 with stride 2 and k 3: the sub-pixel form would multiply zero
// taps for half its outputs (waste 2 > 1.5): phases instead.
// CHECK-LABEL: func.func @phases_when_subpixel_wastes
// CHECK: linalg.conv_1d_nwc_wcf
// CHECK-NOT: linalg.conv
// CHECK: tensor.insert_slice {{.*}} [1, 2, 1]
func.func @phases_when_subpixel_wastes(%x: tensor<1x4x3xf32>, %w: tensor<2x3x3xf32>) -> tensor<1x12x2xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2>, dilations = array<i64: 2>, output_padding = array<i64: 1>, layout = #tconv.layout<channels_last>} : (tensor<1x4x3xf32>, tensor<2x3x3xf32>) -> tensor<1x12x2xf32>
  return %y : tensor<1x12x2xf32>
}

// -----

// Groups > 1: phases (each a convolution per group).
// CHECK-LABEL: func.func @phases_when_grouped
// CHECK-COUNT-4: linalg.conv_2d_nhwc_hwcf
// CHECK-NOT: linalg.conv
func.func @phases_when_grouped(%x: tensor<1x4x1x4xf32>, %w: tensor<6x2x1x2xf32>) -> tensor<1x8x1x6xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 1>, groups = 2 : i64, layout = #tconv.layout<channels_last>} : (tensor<1x4x1x4xf32>, tensor<6x2x1x2xf32>) -> tensor<1x8x1x6xf32>
  return %y : tensor<1x8x1x6xf32>
}

// -----

// Unit strides: zero insertion inserts nothing (one padded convolution).
// CHECK-LABEL: func.func @zero_insertion_when_unit_strides
// CHECK: tensor.insert_slice {{.*}} [1, 1, 1]
// CHECK: linalg.conv_1d_nwc_wcf
func.func @zero_insertion_when_unit_strides(%x: tensor<1x4x3xf32>, %w: tensor<2x3x3xf32>) -> tensor<1x6x2xf32> {
  %y = tconv.conv_transpose %x, %w {layout = #tconv.layout<channels_last>} : (tensor<1x4x3xf32>, tensor<2x3x3xf32>) -> tensor<1x6x2xf32>
  return %y : tensor<1x6x2xf32>
}

// -----

// Grouped with 5 x 5 x 5 = 125 phases, more than 16 convolutions: zero
// insertion (a convolution per group).
// CHECK-LABEL: func.func @zero_insertion_when_too_many_phases
// CHECK: tensor.insert_slice {{.*}} [1, 5, 5, 5, 1]
// CHECK-COUNT-2: linalg.conv_3d_ndhwc_dhwcf
// CHECK-NOT: linalg.conv
func.func @zero_insertion_when_too_many_phases(%x: tensor<1x2x2x2x4xf32>, %w: tensor<4x2x2x2x2xf32>) -> tensor<1x7x7x7x4xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 5, 5, 5>, groups = 2 : i64, layout = #tconv.layout<channels_last>} : (tensor<1x2x2x2x4xf32>, tensor<4x2x2x2x2xf32>) -> tensor<1x7x7x7x4xf32>
  return %y : tensor<1x7x7x7x4xf32>
}

// -----

// 3 x 3 = 9 phases, but each would be 3 convolutions (the groups are split),
// 27 > 16: zero insertion, whose IR does not grow with them.
// CHECK-LABEL: func.func @zero_insertion_when_split_groups_make_too_many
// CHECK: tensor.insert_slice {{.*}} [1, 3, 3, 1]
// CHECK-COUNT-3: linalg.conv_2d_nhwc_hwcf
// CHECK-NOT: linalg.conv
func.func @zero_insertion_when_split_groups_make_too_many(%x: tensor<1x2x2x6xf32>, %w: tensor<6x3x3x2xf32>) -> tensor<1x6x6x6xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 3, 3>, groups = 3 : i64, layout = #tconv.layout<channels_last>} : (tensor<1x2x2x6xf32>, tensor<6x3x3x2xf32>) -> tensor<1x6x6x6xf32>
  return %y : tensor<1x6x6x6xf32>
}

// -----

// 4 x 4 x 4 = 64 phases, too many; the sub-pixel form multiplies zero taps
// (waste 1.6 > 1.5 from k = 5 in the middle dim) but far fewer than zero
// insertion would (64x): one sub-pixel convolution.
// CHECK-LABEL: func.func @subpixel_when_too_many_phases
// CHECK-COUNT-1: linalg.conv_3d_ndhwc_dhwcf
// CHECK-NOT: linalg.conv
func.func @subpixel_when_too_many_phases(%x: tensor<1x4x2x3x6xf32>, %w: tensor<6x4x5x4x6xf32>) -> tensor<1x16x9x12x6xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 4, 4, 4>, layout = #tconv.layout<channels_last>} : (tensor<1x4x2x3x6xf32>, tensor<6x4x5x4x6xf32>) -> tensor<1x16x9x12x6xf32>
  return %y : tensor<1x16x9x12x6xf32>
}

// -----

// Dynamic spatial sizes: zero insertion.
// CHECK-LABEL: func.func @zero_insertion_when_dynamic
// CHECK: tensor.insert_slice {{.*}} [1, 2, 2, 1] : tensor<1x4x?x3xf32> into tensor<1x11x?x3xf32>
// CHECK: linalg.conv_2d_nhwc_hwcf
func.func @zero_insertion_when_dynamic(%x: tensor<1x4x?x3xf32>, %w: tensor<2x3x3x3xf32>) -> tensor<1x9x?x2xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 2>, layout = #tconv.layout<channels_last>} : (tensor<1x4x?x3xf32>, tensor<2x3x3x3xf32>) -> tensor<1x9x?x2xf32>
  return %y : tensor<1x9x?x2xf32>
}

// -----

// An empty static batch: zero insertion, which has nothing to insert; the
// empty convolution folds away, leaving the (empty) accumulator.
// CHECK-LABEL: func.func @zero_insertion_when_empty_batch
// CHECK-NOT: tensor.insert_slice
// CHECK: linalg.fill {{.*}} -> tensor<0x9x2xf32>
func.func @zero_insertion_when_empty_batch(%x: tensor<0x4x3xf32>, %w: tensor<2x3x3xf32>) -> tensor<0x9x2xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2>, layout = #tconv.layout<channels_last>} : (tensor<0x4x3xf32>, tensor<2x3x3xf32>) -> tensor<0x9x2xf32>
  return %y : tensor<0x9x2xf32>
}

// -----

// Few phases with many channels each: the unrolled phases (each a 1x1
// convolution here, k == s; 2-D, not flattened, as each writes a strided
// slice of the output).
// CHECK-LABEL: func.func @phases_when_few_and_wide
// CHECK-COUNT-4: linalg.conv_2d_nhwc_hwcf {{.*}} -> tensor<1x2x2x32xf32>
func.func @phases_when_few_and_wide(%x: tensor<1x2x2x8xf32>, %w: tensor<32x2x2x8xf32>) -> tensor<1x4x4x32xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 2>, layout = #tconv.layout<channels_last>} : (tensor<1x2x2x8xf32>, tensor<32x2x2x8xf32>) -> tensor<1x4x4x32xf32>
  return %y : tensor<1x4x4x32xf32>
}
