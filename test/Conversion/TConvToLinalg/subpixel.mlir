// RUN: tconv-opt %s --convert-tconv-to-linalg="algorithm=subpixel" --canonicalize --split-input-file | FileCheck %s

// 1-D, k 6, s 3, padding 1/1, output_padding 1 (O = 26): two unified taps
// per residue, blocks m in [0, 9): the input is padded by one row on both
// sides, the kernel scattered into (taps, Cin, residues, Cout) = 2x4x3x3,
// one convolution with 3 x 3 output channels from zeros, the bias repeated
// for each residue added to its result (an epilogue the codegen computes on
// its register tiles), then the pixel shuffle (a reshape in 1-D) and a crop
// at offset pb - 0 * s = 1.
// CHECK-LABEL: func.func @one_dim
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x8xf32>, %[[W:.*]]: tensor<4x3x6xf32>, %[[B:.*]]: tensor<3xf32>)
// CHECK: %[[XT:.*]] = linalg.transpose ins(%[[X]] : tensor<1x4x8xf32>)
// CHECK: %[[P:.*]] = tensor.pad %[[XT]] low[0, 1, 0] high[0, 1, 0]
// CHECK: %[[SW:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<2x4x3x3xf32>)
// CHECK: tensor.extract %[[W]]
// CHECK: %[[FW:.*]] = tensor.collapse_shape %[[SW]] {{\[\[}}0], [1], [2, 3]] : tensor<2x4x3x3xf32> into tensor<2x4x9xf32>
// CHECK: %[[FI:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<1x9x9xf32>)
// CHECK: %[[Y:.*]] = linalg.conv_1d_nwc_wcf {{.*}} ins(%[[P]], %[[FW]] : tensor<1x10x4xf32>, tensor<2x4x9xf32>) outs(%[[FI]] : tensor<1x9x9xf32>)
// CHECK: %[[RB:.*]] = linalg.generic {{.*}} ins(%[[B]] : tensor<3xf32>) outs(%{{.*}} : tensor<3x3xf32>)
// CHECK: %[[FB:.*]] = tensor.collapse_shape %[[RB]] {{\[\[}}0, 1]] : tensor<3x3xf32> into tensor<9xf32>
// CHECK: %[[YB:.*]] = linalg.generic {{.*}} ins(%[[Y]], %[[FB]] : tensor<1x9x9xf32>, tensor<9xf32>)
// CHECK: arith.addf
// CHECK: %[[E:.*]] = tensor.expand_shape %[[YB]] {{.*}} into tensor<1x9x3x3xf32>
// CHECK: %[[FLAT:.*]] = tensor.collapse_shape %[[E]] {{\[\[}}0], [1, 2], [3]] : tensor<1x9x3x3xf32> into tensor<1x27x3xf32>
// CHECK: %[[CROP:.*]] = tensor.extract_slice %[[FLAT]][0, 1, 0] [1, 26, 3] [1, 1, 1]
// CHECK: linalg.transpose ins(%[[CROP]] : tensor<1x26x3xf32>) outs(%{{.*}} : tensor<1x3x26xf32>)
func.func @one_dim(%x: tensor<1x4x8xf32>, %w: tensor<4x3x6xf32>, %b: tensor<3xf32>) -> tensor<1x3x26xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 3>, padding = array<i64: 1, 1>, output_padding = array<i64: 1>} : (tensor<1x4x8xf32>, tensor<4x3x6xf32>, tensor<3xf32>) -> tensor<1x3x26xf32>
  return %y : tensor<1x3x26xf32>
}

// -----

// U-Net's k == s == 2: one unified tap, so the convolution has a 1x1 kernel:
// a GEMM over Cin with 2 x 2 x Cout outputs, run as a 1-D convolution over
// the flattened pixels. The shuffle interleaves (M, r) pairs in both dims by
// a transpose.
// CHECK-LABEL: func.func @unet_gemm
// CHECK-NOT: tensor.pad
// CHECK: linalg.conv_1d_nwc_wcf {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x16x16xf32>, tensor<1x16x24xf32>) outs(%{{.*}} : tensor<1x16x24xf32>)
// CHECK: tensor.expand_shape {{.*}} : tensor<1x16x24xf32> into tensor<1x4x4x2x2x6xf32>
// CHECK: linalg.transpose ins(%{{.*}} : tensor<1x4x4x2x2x6xf32>) outs(%{{.*}} : tensor<1x4x2x4x2x6xf32>) permutation = [0, 1, 3, 2, 4, 5]
// CHECK: tensor.collapse_shape {{.*}} {{\[\[}}0], [1, 2], [3, 4], [5]] : tensor<1x4x2x4x2x6xf32> into tensor<1x8x8x6xf32>
func.func @unet_gemm(%x: tensor<1x4x4x16xf32>, %w: tensor<6x2x2x16xf32>) -> tensor<1x8x8x6xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 2>, layout = #tconv.layout<channels_last>} : (tensor<1x4x4x16xf32>, tensor<6x2x2x16xf32>) -> tensor<1x8x8x6xf32>
  return %y : tensor<1x8x8x6xf32>
}

// -----

// 2-D channels-last, k 4, s 2, padding 1 (O = 8, a multiple of s): the
// crop (offset 1) cuts every block at residue 1, so the pixel shuffle
// writes the result itself, viewed as (N, 4, 2, 4, 2, C), in 2 x 2 parts:
// result residue b = 0 is block m = a, residue 1 of the (5 x 5) blocks,
// b = 1 is block a + 1, residue 0. No crop of a shuffled copy.
// CHECK-LABEL: func.func @cropped_into_result
// CHECK: %[[Y:.*]] = tensor.expand_shape %{{.*}} : tensor<1x5x5x12xf32> into tensor<1x5x5x2x2x3xf32>
// CHECK: %[[E:.*]] = tensor.empty() : tensor<1x4x2x4x2x3xf32>
// CHECK: %[[D0:.*]] = tensor.extract_slice %[[E]][0, 0, 0, 0, 0, 0] [1, 4, 1, 4, 1, 3] [1, 1, 1, 1, 1, 1]
// CHECK: %[[S0:.*]] = tensor.extract_slice %[[Y]][0, 0, 0, 1, 1, 0] [1, 4, 4, 1, 1, 3] [1, 1, 1, 1, 1, 1]
// CHECK: %[[T0:.*]] = linalg.transpose ins(%[[S0]] : tensor<1x4x4x1x1x3xf32>) outs(%[[D0]] : tensor<1x4x1x4x1x3xf32>) permutation = [0, 1, 3, 2, 4, 5]
// CHECK: %[[R0:.*]] = tensor.insert_slice %[[T0]] into %[[E]][0, 0, 0, 0, 0, 0] [1, 4, 1, 4, 1, 3]
// CHECK: tensor.extract_slice %[[Y]][0, 0, 1, 1, 0, 0] [1, 4, 4, 1, 1, 3]
// CHECK: %[[R1:.*]] = tensor.insert_slice %{{.*}} into %[[R0]][0, 0, 0, 0, 1, 0] [1, 4, 1, 4, 1, 3]
// CHECK: tensor.extract_slice %[[Y]][0, 1, 0, 0, 1, 0] [1, 4, 4, 1, 1, 3]
// CHECK: %[[R2:.*]] = tensor.insert_slice %{{.*}} into %[[R1]][0, 0, 1, 0, 0, 0] [1, 4, 1, 4, 1, 3]
// CHECK: tensor.extract_slice %[[Y]][0, 1, 1, 0, 0, 0] [1, 4, 4, 1, 1, 3]
// CHECK: %[[R3:.*]] = tensor.insert_slice %{{.*}} into %[[R2]][0, 0, 1, 0, 1, 0] [1, 4, 1, 4, 1, 3]
// CHECK: %[[R:.*]] = tensor.collapse_shape %[[R3]] {{\[\[}}0], [1, 2], [3, 4], [5]] : tensor<1x4x2x4x2x3xf32> into tensor<1x8x8x3xf32>
// CHECK-NOT: tensor.extract_slice
// CHECK: return %[[R]]
func.func @cropped_into_result(%x: tensor<1x4x4x8xf32>, %w: tensor<3x4x4x8xf32>) -> tensor<1x8x8x3xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>, layout = #tconv.layout<channels_last>} : (tensor<1x4x4x8xf32>, tensor<3x4x4x8xf32>) -> tensor<1x8x8x3xf32>
  return %y : tensor<1x8x8x3xf32>
}

// -----

// The same with k 3 (O = 7, not a multiple of s): the crop cuts the last
// block short, so the shuffle writes a (N, 5, 2, 5, 2, C) tensor the crop
// slices.
// CHECK-LABEL: func.func @cropped_odd_size
// CHECK: linalg.transpose ins(%{{.*}} : tensor<1x4x4x2x2x3xf32>) outs(%{{.*}} : tensor<1x4x2x4x2x3xf32>)
// CHECK: %[[F:.*]] = tensor.collapse_shape %{{.*}} : tensor<1x4x2x4x2x3xf32> into tensor<1x8x8x3xf32>
// CHECK: tensor.extract_slice %[[F]][0, 1, 1, 0] [1, 7, 7, 3] [1, 1, 1, 1]
func.func @cropped_odd_size(%x: tensor<1x4x4x8xf32>, %w: tensor<3x3x3x8xf32>) -> tensor<1x7x7x3xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>, layout = #tconv.layout<channels_last>} : (tensor<1x4x4x8xf32>, tensor<3x3x3x8xf32>) -> tensor<1x7x7x3xf32>
  return %y : tensor<1x7x7x3xf32>
}

// -----

// Channels-last, k 32, s 16, padding 8 (O = 32), 6 channels: each part's
// rows (8 residues x 6 channels = 48 elements) are 3 chunks of a 64-byte
// line, so the parts write the result themselves, viewed as (N, 2, 16, 2,
// 6 chunks, 16): each a convolution over its blocks with output channels
// (chunks, r1', chunk) = 3 x 8 x 16 (its residues of the weight, scattered
// once into (taps, Cin, r, C) = 2x2x2x16x16x6, rows of (r2', C) cut into
// chunks), then a transpose of whole chunks that adds the bias (repeated
// once over the chunks of a whole row, 16 residues x 6 channels: element
// (q, l) has channel (16 q + l) mod 6; each part reads its first 3). The
// view collapses and expands to the result; no channels-last temporary.
// The same for any target (a chunk is a line).
// CHECK-DAG: #[[$READ:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d3, d4, d2, d5)>
// CHECK-DAG: #[[$BIAS:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d4, d5)>
// CHECK-LABEL: func.func @cropped_in_chunks
// CHECK: %[[XP:.*]] = tensor.pad %{{.*}} low[0, 1, 1, 0] high[0, 1, 1, 0]
// CHECK: %[[W:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<2x2x2x16x16x6xf32>)
// CHECK: %[[BIAS:.*]] = tensor.generate
// CHECK: arith.remui %{{.*}}, %c6
// CHECK: } : tensor<6x16xf32>
// CHECK: %[[E:.*]] = tensor.empty() : tensor<1x2x16x2x6x16xf32>
// CHECK: %[[D0:.*]] = tensor.extract_slice %[[E]][0, 0, 0, 0, 0, 0] [1, 2, 8, 2, 3, 16] [1, 1, 1, 1, 1, 1]
// CHECK: %[[X0:.*]] = tensor.extract_slice %[[XP]][0, 0, 0, 0] [1, 3, 3, 2] [1, 1, 1, 1]
// CHECK: %[[W0:.*]] = tensor.extract_slice %[[W]][0, 0, 0, 8, 8, 0] [2, 2, 2, 8, 8, 6] [1, 1, 1, 1, 1, 1]
// CHECK: %[[ROW0:.*]] = tensor.collapse_shape %[[W0]] {{\[\[}}0], [1], [2], [3], [4, 5]] : tensor<2x2x2x8x8x6xf32> into tensor<2x2x2x8x48xf32>
// CHECK: %[[CH0:.*]] = tensor.expand_shape %[[ROW0]] {{.*}} into tensor<2x2x2x8x3x16xf32>
// CHECK: %[[WT0:.*]] = linalg.transpose ins(%[[CH0]] : tensor<2x2x2x8x3x16xf32>) outs(%{{.*}} : tensor<2x2x2x3x8x16xf32>) permutation = [0, 1, 2, 4, 3, 5]
// CHECK: %[[F0:.*]] = tensor.collapse_shape %[[WT0]] {{\[\[}}0], [1], [2], [3, 4, 5]] : tensor<2x2x2x3x8x16xf32> into tensor<2x2x2x384xf32>
// CHECK: %[[C0:.*]] = linalg.conv_2d_nhwc_hwcf {{.*}} ins(%[[X0]], %[[F0]] : {{.*}}) outs(%{{.*}} : tensor<1x2x2x384xf32>)
// CHECK: %[[Y0:.*]] = tensor.expand_shape %[[C0]] {{.*}} into tensor<1x2x2x3x8x16xf32>
// CHECK: %[[B0:.*]] = tensor.extract_slice %[[BIAS]][0, 0] [3, 16] [1, 1] : tensor<6x16xf32> to tensor<3x16xf32>
// CHECK: %[[P0:.*]] = linalg.generic {indexing_maps = [#[[$READ]], #[[$BIAS]], #{{.*}}], {{.*}} ins(%[[Y0]], %[[B0]] : tensor<1x2x2x3x8x16xf32>, tensor<3x16xf32>) outs(%[[D0]] : tensor<1x2x8x2x3x16xf32>)
// CHECK: %[[R0:.*]] = tensor.insert_slice %[[P0]] into %[[E]][0, 0, 0, 0, 0, 0] [1, 2, 8, 2, 3, 16]
// CHECK: tensor.extract_slice %[[XP]][0, 0, 1, 0] [1, 3, 3, 2]
// CHECK: tensor.extract_slice %[[W]][0, 0, 0, 8, 0, 0] [2, 2, 2, 8, 8, 6]
// CHECK: %[[R1:.*]] = tensor.insert_slice %{{.*}} into %[[R0]][0, 0, 0, 0, 3, 0] [1, 2, 8, 2, 3, 16]
// CHECK: tensor.extract_slice %[[XP]][0, 1, 0, 0] [1, 3, 3, 2]
// CHECK: %[[R2:.*]] = tensor.insert_slice %{{.*}} into %[[R1]][0, 0, 8, 0, 0, 0] [1, 2, 8, 2, 3, 16]
// CHECK: tensor.extract_slice %[[XP]][0, 1, 1, 0] [1, 3, 3, 2]
// CHECK: %[[R3:.*]] = tensor.insert_slice %{{.*}} into %[[R2]][0, 0, 8, 0, 3, 0] [1, 2, 8, 2, 3, 16]
// CHECK: %[[FLAT:.*]] = tensor.collapse_shape %[[R3]] {{\[\[}}0], [1, 2], [3, 4, 5]] : tensor<1x2x16x2x6x16xf32> into tensor<1x32x192xf32>
// CHECK: %[[R:.*]] = tensor.expand_shape %[[FLAT]] {{\[\[}}0], [1], [2, 3]] output_shape [1, 32, 32, 6] : tensor<1x32x192xf32> into tensor<1x32x32x6xf32>
// CHECK-NOT: linalg.transpose
// CHECK: return %[[R]]
func.func @cropped_in_chunks(%x: tensor<1x2x2x2xf32>, %w: tensor<6x32x32x2xf32>, %b: tensor<6xf32>) -> tensor<1x32x32x6xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 16, 16>, padding = array<i64: 8, 8, 8, 8>, layout = #tconv.layout<channels_last>} : (tensor<1x2x2x2xf32>, tensor<6x32x32x2xf32>, tensor<6xf32>) -> tensor<1x32x32x6xf32>
  return %y : tensor<1x32x32x6xf32>
}

// -----

// Channels-first, k 32, s 16, padding 8 (O = 32): each part writes the
// channels-first result itself, viewed as (N, C, 2, 16, 2, 16), in rows of
// 8 residues. Each part is a convolution of its own over its blocks of the
// input (offset 0 or 1 in each dim), with its residues of the weight,
// scattered once into (taps, Cin, C, residues) = 2x2x2x3x16x16, as output
// channels (C, r1', r2') = 3 x 8 x 8: its result, reshaped, goes to the
// result by a transpose that keeps the residues innermost (a copy of rows,
// which the codegen fuses into the convolution's tiles); no channels-last
// temporary. The same for any target (rows of 8 fill half an AVX-512
// vector, a whole AVX2 one).
// RUN: tconv-opt %s --convert-tconv-to-linalg="algorithm=subpixel target-cpu=haswell" --canonicalize --split-input-file | FileCheck %s --check-prefix=ROWS
// RUN: tconv-opt %s --convert-tconv-to-linalg="algorithm=subpixel target-cpu=skylake-avx512" --canonicalize --split-input-file | FileCheck %s --check-prefix=ROWS
// ROWS-LABEL: func.func @cropped_channels_first
// ROWS: %[[XT:.*]] = linalg.transpose
// ROWS: %[[XP:.*]] = tensor.pad %[[XT]] low[0, 1, 1, 0] high[0, 1, 1, 0]
// ROWS: %[[W:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<2x2x2x3x16x16xf32>)
// ROWS: %[[E:.*]] = tensor.empty() : tensor<1x3x2x16x2x16xf32>
// ROWS: %[[D0:.*]] = tensor.extract_slice %[[E]][0, 0, 0, 0, 0, 0] [1, 3, 2, 8, 2, 8] [1, 1, 1, 1, 1, 1]
// ROWS: %[[X0:.*]] = tensor.extract_slice %[[XP]][0, 0, 0, 0] [1, 3, 3, 2] [1, 1, 1, 1]
// ROWS: %[[W0:.*]] = tensor.extract_slice %[[W]][0, 0, 0, 0, 8, 8] [2, 2, 2, 3, 8, 8] [1, 1, 1, 1, 1, 1]
// ROWS: %[[F0:.*]] = tensor.collapse_shape %[[W0]] {{\[\[}}0], [1], [2], [3, 4, 5]] : tensor<2x2x2x3x8x8xf32> into tensor<2x2x2x192xf32>
// ROWS: %[[Z0:.*]] = linalg.fill {{.*}} -> tensor<1x2x2x192xf32>
// ROWS: %[[C0:.*]] = linalg.conv_2d_nhwc_hwcf {{.*}} ins(%[[X0]], %[[F0]] : {{.*}}) outs(%[[Z0]] : tensor<1x2x2x192xf32>)
// ROWS: %[[Y0:.*]] = tensor.expand_shape %[[C0]] {{.*}} into tensor<1x2x2x3x8x8xf32>
// ROWS: %[[T0:.*]] = linalg.transpose ins(%[[Y0]] : tensor<1x2x2x3x8x8xf32>) outs(%[[D0]] : tensor<1x3x2x8x2x8xf32>) permutation = [0, 3, 1, 4, 2, 5]
// ROWS: %[[R0:.*]] = tensor.insert_slice %[[T0]] into %[[E]][0, 0, 0, 0, 0, 0] [1, 3, 2, 8, 2, 8]
// ROWS: tensor.extract_slice %[[XP]][0, 0, 1, 0] [1, 3, 3, 2]
// ROWS: tensor.extract_slice %[[W]][0, 0, 0, 0, 8, 0] [2, 2, 2, 3, 8, 8]
// ROWS: %[[R1:.*]] = tensor.insert_slice %{{.*}} into %[[R0]][0, 0, 0, 0, 0, 8] [1, 3, 2, 8, 2, 8]
// ROWS: tensor.extract_slice %[[XP]][0, 1, 0, 0] [1, 3, 3, 2]
// ROWS: tensor.extract_slice %[[W]][0, 0, 0, 0, 0, 8] [2, 2, 2, 3, 8, 8]
// ROWS: %[[R2:.*]] = tensor.insert_slice %{{.*}} into %[[R1]][0, 0, 0, 8, 0, 0] [1, 3, 2, 8, 2, 8]
// ROWS: tensor.extract_slice %[[XP]][0, 1, 1, 0] [1, 3, 3, 2]
// ROWS: tensor.extract_slice %[[W]][0, 0, 0, 0, 0, 0] [2, 2, 2, 3, 8, 8]
// ROWS: %[[R3:.*]] = tensor.insert_slice %{{.*}} into %[[R2]][0, 0, 0, 8, 0, 8] [1, 3, 2, 8, 2, 8]
// ROWS: %[[R:.*]] = tensor.collapse_shape %[[R3]] {{\[\[}}0], [1], [2, 3], [4, 5]] : tensor<1x3x2x16x2x16xf32> into tensor<1x3x32x32xf32>
// ROWS-NOT: linalg.transpose
// ROWS: return %[[R]]
func.func @cropped_channels_first(%x: tensor<1x2x2x2xf32>, %w: tensor<2x3x32x32xf32>) -> tensor<1x3x32x32xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 16, 16>, padding = array<i64: 8, 8, 8, 8>} : (tensor<1x2x2x2xf32>, tensor<2x3x32x32xf32>) -> tensor<1x3x32x32xf32>
  return %y : tensor<1x3x32x32xf32>
}

// -----

// Channels-first, k 8, s 4, padding 2: the parts would write rows of 2
// residues (fewer than kMinChannelsFirstRow = 4): one convolution, the
// channels-last shuffle, the crop and one transpose back instead.
// CHECK-LABEL: func.func @short_rows_channels_first
// CHECK: linalg.conv_2d_nhwc_hwcf {{.*}} outs(%{{.*}} : tensor<1x4x4x48xf32>)
// CHECK-NOT: linalg.conv
// CHECK: %[[Y:.*]] = tensor.expand_shape %{{.*}} into tensor<1x4x4x4x4x3xf32>
// CHECK: linalg.transpose ins(%[[Y]] : tensor<1x4x4x4x4x3xf32>) outs(%{{.*}} : tensor<1x4x4x4x4x3xf32>) permutation = [0, 1, 3, 2, 4, 5]
// CHECK: tensor.extract_slice %{{.*}}[0, 2, 2, 0] [1, 12, 12, 3]
// CHECK: linalg.transpose ins(%{{.*}} : tensor<1x144x3xf32>) outs(%{{.*}} : tensor<1x3x144xf32>) permutation = [0, 2, 1]
func.func @short_rows_channels_first(%x: tensor<1x2x3x3xf32>, %w: tensor<2x3x8x8xf32>) -> tensor<1x3x12x12xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 4, 4>, padding = array<i64: 2, 2, 2, 2>} : (tensor<1x2x3x3xf32>, tensor<2x3x8x8xf32>) -> tensor<1x3x12x12xf32>
  return %y : tensor<1x3x12x12xf32>
}
