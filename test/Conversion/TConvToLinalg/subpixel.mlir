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
