// Filter blocks are the register tile's output channels, which come from the
// target model, so every RUN line names its target. On AVX2 (haswell) the
// 16-pixel, 64-channel convolution below gets tiles of 16 channels: 4 blocks.
// On AVX-512 (skylake-avx512) its tile holds all 64 channels and the filter
// stays as it is.
// RUN: tconv-opt %s --tconv-block-conv-filters="target-cpu=haswell" --split-input-file | FileCheck %s
// RUN: tconv-opt %s --tconv-block-conv-filters="target-cpu=skylake-avx512" --split-input-file | FileCheck %s --check-prefix=AVX512
// An explicit register tile sets the block size.
// RUN: tconv-opt %s --tconv-block-conv-filters="target-cpu=skylake-avx512 register-tile-channels=32" --split-input-file | FileCheck %s --check-prefix=EXPLICIT
// RUN: tconv-opt %s --tconv-block-conv-filters="target-cpu=haswell register-tile-channels=8" --split-input-file | FileCheck %s --check-prefix=BLOCK8
// With threads that divide the blocks, the blocks are the parallel loop: an
// scf.forall (2 threads, 4 blocks); 3 threads do not divide them.
// RUN: tconv-opt %s --tconv-block-conv-filters="target-cpu=haswell threads=2" --split-input-file | FileCheck %s --check-prefix=THREADS
// RUN: tconv-opt %s --tconv-block-conv-filters="target-cpu=haswell threads=3" --split-input-file | FileCheck %s --check-prefix=THREADS3

// CHECK-LABEL: func.func @conv_2d
// CHECK-SAME: (%[[X:.*]]: tensor<1x11x19x8xf32>, %[[W:.*]]: tensor<4x4x8x64xf32>, %[[O:.*]]: tensor<1x8x16x64xf32>)
// CHECK: %[[SPLIT:.*]] = tensor.expand_shape %[[W]] {{\[}}[0], [1], [2], [3, 4]] output_shape [4, 4, 8, 4, 16] : tensor<4x4x8x64xf32> into tensor<4x4x8x4x16xf32>
// CHECK: %[[INIT:.*]] = tensor.empty() : tensor<4x4x4x8x16xf32>
// CHECK: %[[BLOCKED:.*]] = linalg.transpose ins(%[[SPLIT]] : tensor<4x4x8x4x16xf32>) outs(%[[INIT]] : tensor<4x4x4x8x16xf32>) permutation = [3, 0, 1, 2, 4]
// CHECK: %[[R:.*]] = scf.for %[[B:.*]] = %c0 to %c4 step %c1 iter_args(%[[ACC:.*]] = %[[O]])
// CHECK:   %[[WB:.*]] = tensor.extract_slice %[[BLOCKED]][%[[B]], 0, 0, 0, 0] [1, 4, 4, 8, 16] [1, 1, 1, 1, 1] : tensor<4x4x4x8x16xf32> to tensor<4x4x8x16xf32>
// CHECK:   %[[F:.*]] = affine.apply #{{.*}}(%[[B]])
// CHECK:   %[[OB:.*]] = tensor.extract_slice %[[ACC]][0, 0, 0, %[[F]]] [1, 8, 16, 16] [1, 1, 1, 1]
// CHECK:   %[[C:.*]] = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%[[X]], %[[WB]] : tensor<1x11x19x8xf32>, tensor<4x4x8x16xf32>) outs(%[[OB]] : tensor<1x8x16x16xf32>)
// CHECK:   %[[U:.*]] = tensor.insert_slice %[[C]] into %[[ACC]][0, 0, 0, %[[F]]] [1, 8, 16, 16] [1, 1, 1, 1]
// CHECK:   scf.yield %[[U]]
// CHECK: return %[[R]]
// THREADS-LABEL: func.func @conv_2d
// THREADS: %[[BLOCKED:.*]] = linalg.transpose
// THREADS: scf.forall (%[[B:.*]]) in (4) shared_outs(%[[ACC:.*]] = %{{.*}})
// THREADS:   %[[WB:.*]] = tensor.extract_slice %[[BLOCKED]][%[[B]], 0, 0, 0, 0] [1, 4, 4, 8, 16]
// THREADS:   %[[F:.*]] = affine.apply #{{.*}}(%[[B]])
// THREADS:   %[[OB:.*]] = tensor.extract_slice %[[ACC]][0, 0, 0, %[[F]]] [1, 8, 16, 16]
// THREADS:   %[[C:.*]] = linalg.conv_2d_nhwc_hwcf {{.*}} ins(%{{.*}}, %[[WB]] : {{.*}}) outs(%[[OB]] : tensor<1x8x16x16xf32>)
// THREADS:   scf.forall.in_parallel
// THREADS-NEXT: tensor.parallel_insert_slice %[[C]] into %[[ACC]][0, 0, 0, %[[F]]] [1, 8, 16, 16]
// THREADS3-LABEL: func.func @conv_2d
// THREADS3-NOT: scf.forall
// THREADS3: scf.for
// AVX512-LABEL: func.func @conv_2d
// AVX512-NOT: scf.for
// AVX512: linalg.conv_2d_nhwc_hwcf {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x11x19x8xf32>, tensor<4x4x8x64xf32>)
// EXPLICIT-LABEL: func.func @conv_2d
// EXPLICIT: linalg.transpose {{.*}} outs(%{{.*}} : tensor<2x4x4x8x32xf32>)
// EXPLICIT: scf.for %{{.*}} = %c0 to %c2 step %c1
// EXPLICIT: linalg.conv_2d_nhwc_hwcf {{.*}} : tensor<1x11x19x8xf32>, tensor<4x4x8x32xf32>) outs(%{{.*}} : tensor<1x8x16x32xf32>)
func.func @conv_2d(%x: tensor<1x11x19x8xf32>, %w: tensor<4x4x8x64xf32>, %o: tensor<1x8x16x64xf32>) -> tensor<1x8x16x64xf32> {
  %r = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %w : tensor<1x11x19x8xf32>, tensor<4x4x8x64xf32>) outs(%o : tensor<1x8x16x64xf32>) -> tensor<1x8x16x64xf32>
  return %r : tensor<1x8x16x64xf32>
}

// -----

// A constant filter is blocked at compile time: element (b, k, c, i) of the
// blocked constant is (k, c, b * 8 + i) of the filter (2 blocks of 8), here
// k * 16 + b * 8 + i.
// BLOCK8-LABEL: func.func @constant_1d
// BLOCK8-NOT: linalg.transpose
// BLOCK8: %[[BLOCKED:.*]] = arith.constant dense<{{\[\[\[}}[0.000000e+00, 1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00, 5.000000e+00, 6.000000e+00, 7.000000e+00]], {{\[}}[1.600000e+01, 1.700000e+01, 1.800000e+01, 1.900000e+01, 2.000000e+01, 2.100000e+01, 2.200000e+01, 2.300000e+01]]], {{\[\[}}[8.000000e+00, 9.000000e+00, 1.000000e+01, 1.100000e+01, 1.200000e+01, 1.300000e+01, 1.400000e+01, 1.500000e+01]], {{\[}}[2.400000e+01, 2.500000e+01, 2.600000e+01, 2.700000e+01, 2.800000e+01, 2.900000e+01, 3.000000e+01, 3.100000e+01]]]]> : tensor<2x2x1x8xf32>
// BLOCK8: scf.for
// BLOCK8: tensor.extract_slice %[[BLOCKED]]
// BLOCK8: linalg.conv_1d_nwc_wcf {{.*}} tensor<2x1x8xf32>
func.func @constant_1d(%x: tensor<2x41x1xf32>, %o: tensor<2x40x16xf32>) -> tensor<2x40x16xf32> {
  %w = arith.constant dense<[[[0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0, 15.0]], [[16.0, 17.0, 18.0, 19.0, 20.0, 21.0, 22.0, 23.0, 24.0, 25.0, 26.0, 27.0, 28.0, 29.0, 30.0, 31.0]]]> : tensor<2x1x16xf32>
  %r = linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>} ins(%x, %w : tensor<2x41x1xf32>, tensor<2x1x16xf32>) outs(%o : tensor<2x40x16xf32>) -> tensor<2x40x16xf32>
  return %r : tensor<2x40x16xf32>
}

// -----

// A dynamic batch: the result blocks keep its size.
// CHECK-LABEL: func.func @dynamic_batch
// CHECK: scf.for
// CHECK: %[[N:.*]] = tensor.dim
// CHECK: tensor.extract_slice {{.*}} [%[[N]], 8, 16, 16] [1, 1, 1, 1] : tensor<?x8x16x64xf32> to tensor<?x8x16x16xf32>
// CHECK: linalg.conv_2d_nhwc_hwcf {{.*}} outs(%{{.*}} : tensor<?x8x16x16xf32>)
func.func @dynamic_batch(%x: tensor<?x11x19x8xf32>, %w: tensor<4x4x8x64xf32>, %o: tensor<?x8x16x64xf32>) -> tensor<?x8x16x64xf32> {
  %r = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %w : tensor<?x11x19x8xf32>, tensor<4x4x8x64xf32>) outs(%o : tensor<?x8x16x64xf32>) -> tensor<?x8x16x64xf32>
  return %r : tensor<?x8x16x64xf32>
}

// -----

// Filters whose output channels are not last (channels-first, grouped) and
// depthwise convolutions stay as they are, as do channel counts that one
// register tile covers.
// CHECK-LABEL: func.func @unchanged
// CHECK-NOT: scf.for
// CHECK-NOT: linalg.transpose
// CHECK: linalg.conv_2d_nchw_fchw
// CHECK: linalg.depthwise_conv_2d_nhwc_hwc
// CHECK: linalg.conv_2d_nhwc_hwcf
func.func @unchanged(%x: tensor<1x8x11x19xf32>, %w: tensor<64x8x4x4xf32>, %o: tensor<1x64x8x16xf32>,
                     %dx: tensor<1x11x19x64xf32>, %dw: tensor<4x4x64xf32>, %do: tensor<1x8x16x64xf32>,
                     %sx: tensor<1x11x19x8xf32>, %sw: tensor<4x4x8x8xf32>, %so: tensor<1x8x16x8xf32>)
    -> (tensor<1x64x8x16xf32>, tensor<1x8x16x64xf32>, tensor<1x8x16x8xf32>) {
  %r = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %w : tensor<1x8x11x19xf32>, tensor<64x8x4x4xf32>) outs(%o : tensor<1x64x8x16xf32>) -> tensor<1x64x8x16xf32>
  %d = linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%dx, %dw : tensor<1x11x19x64xf32>, tensor<4x4x64xf32>) outs(%do : tensor<1x8x16x64xf32>) -> tensor<1x8x16x64xf32>
  %s = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%sx, %sw : tensor<1x11x19x8xf32>, tensor<4x4x8x8xf32>) outs(%so : tensor<1x8x16x8xf32>) -> tensor<1x8x16x8xf32>
  return %r, %d, %s : tensor<1x64x8x16xf32>, tensor<1x8x16x64xf32>, tensor<1x8x16x8xf32>
}

// -----

// 9 output channels would be register tiles of 3 on AVX2 (3 of 8 lanes):
// the filter and the result are padded with zeros to 16 channels (9 of 16
// lanes), one register tile of 2 ymm here, and the 9 channels sliced out of
// the result.
// On AVX-512, 9 channels in a register of 16 lanes are as good as padding
// them, and the op stays.
// CHECK-LABEL: func.func @padded
// CHECK-SAME: (%[[X:.*]]: tensor<1x10x10x56xf32>, %[[W:.*]]: tensor<3x3x56x9xf32>, %[[O:.*]]: tensor<1x8x8x9xf32>)
// CHECK: %[[ZERO:.*]] = arith.constant 0.0
// CHECK: %[[PW:.*]] = tensor.pad %[[W]] low[0, 0, 0, 0] high[0, 0, 0, 7]
// CHECK: tensor.yield %[[ZERO]]
// CHECK: %[[PO:.*]] = tensor.pad %[[O]] low[0, 0, 0, 0] high[0, 0, 0, 7]
// CHECK: %[[R:.*]] = linalg.conv_2d_nhwc_hwcf {{.*}} ins(%[[X]], %[[PW]] : tensor<1x10x10x56xf32>, tensor<3x3x56x16xf32>) outs(%[[PO]] : tensor<1x8x8x16xf32>)
// CHECK: %[[S:.*]] = tensor.extract_slice %[[R]][0, 0, 0, 0] [1, 8, 8, 9] [1, 1, 1, 1] : tensor<1x8x8x16xf32> to tensor<1x8x8x9xf32>
// CHECK: return %[[S]]
// AVX512-LABEL: func.func @padded
// AVX512-NOT: tensor.pad
// AVX512: linalg.conv_2d_nhwc_hwcf {{.*}} outs(%{{.*}} : tensor<1x8x8x9xf32>)
func.func @padded(%x: tensor<1x10x10x56xf32>, %w: tensor<3x3x56x9xf32>, %o: tensor<1x8x8x9xf32>) -> tensor<1x8x8x9xf32> {
  %r = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %w : tensor<1x10x10x56xf32>, tensor<3x3x56x9xf32>) outs(%o : tensor<1x8x8x9xf32>) -> tensor<1x8x8x9xf32>
  return %r : tensor<1x8x8x9xf32>
}

// -----

// A channels-last sub-pixel part writing its rows in chunks: output
// channels (chunks, r1', chunk) = 3 x 8 x 16, whose epilogue stores each
// block of 128 (one chunk of every r1' row) next to the block of the next
// chunk. The loop over the chunks runs inside the loop over the image rows
// (tiled by 1): each row's runs of chunks are written, and a residual
// read, together, not one chunk per pass over the result. (The 3 blocks'
// 12 KB of weights cycle through L2 for each row.)
// AVX512-LABEL: func.func @chunks_inside_rows
// AVX512: scf.for %[[ROW:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%{{.*}} = %{{.*}}) -> (tensor<1x2x8x2x3x16xf32>)
// AVX512: scf.for %[[CHUNK:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args
// AVX512: linalg.conv_2d_nhwc_hwcf {{.*}} outs(%{{.*}} : tensor<1x1x2x128xf32>)
// AVX512: linalg.generic {{.*}} outs(%{{.*}} : tensor<1x1x8x2x1x16xf32>)
#read = affine_map<(n, a1, b1, a2, q, l) -> (n, a1, a2, q, b1, l)>
#write = affine_map<(n, a1, b1, a2, q, l) -> (n, a1, b1, a2, q, l)>
func.func @chunks_inside_rows(%x: tensor<1x3x3x2xf32>, %w: tensor<2x2x2x384xf32>, %d: tensor<1x2x8x2x3x16xf32>) -> tensor<1x2x8x2x3x16xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x2x2x384xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<1x2x2x384xf32>) -> tensor<1x2x2x384xf32>
  %c = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %w : tensor<1x3x3x2xf32>, tensor<2x2x2x384xf32>) outs(%z : tensor<1x2x2x384xf32>) -> tensor<1x2x2x384xf32>
  %y = tensor.expand_shape %c [[0], [1], [2], [3, 4, 5]] output_shape [1, 2, 2, 3, 8, 16] : tensor<1x2x2x384xf32> into tensor<1x2x2x3x8x16xf32>
  %r = linalg.generic {indexing_maps = [#read, #write], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "parallel"]}
      ins(%y : tensor<1x2x2x3x8x16xf32>) outs(%d : tensor<1x2x8x2x3x16xf32>) {
  ^bb0(%v: f32, %o: f32):
    linalg.yield %v : f32
  } -> tensor<1x2x8x2x3x16xf32>
  return %r : tensor<1x2x8x2x3x16xf32>
}

// -----

// The same with a residual read in the result's layout: the pixels too go
// outside the chunks, in blocks of the smallest divisor of the 16-pixel
// rows at least the register tile's pixels, so that each tile's rows of
// the residual are read as streams a row's chunks long.
// Here the blocks are 64 channels (4 of the 8 rows of residues): their
// loop stays outside, the loop over the image rows, the pixels in blocks
// of 8 and the chunks inside it.
// AVX512-LABEL: func.func @chunks_inside_pixels
// AVX512: scf.for %{{.*}} = %{{.*}} to %c8 step %c4 iter_args
// AVX512: scf.for %{{.*}} = %{{.*}} to %c2 step %c1 iter_args
// AVX512: scf.for %{{.*}} = %{{.*}} to %c16 step %c8{{.*}} iter_args
// AVX512: scf.for %{{.*}} = %{{.*}} to %c3 step %c1{{.*}} iter_args
// AVX512: linalg.conv_2d_nhwc_hwcf {{.*}} outs(%{{.*}} : tensor<1x1x8x64xf32>)
#read2 = affine_map<(n, a1, b1, a2, q, l) -> (n, a1, a2, q, b1, l)>
#write2 = affine_map<(n, a1, b1, a2, q, l) -> (n, a1, b1, a2, q, l)>
func.func @chunks_inside_pixels(%x: tensor<1x3x17x2xf32>, %w: tensor<2x2x2x384xf32>, %r: tensor<1x2x8x16x3x16xf32>, %d: tensor<1x2x8x16x3x16xf32>) -> tensor<1x2x8x16x3x16xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x2x16x384xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<1x2x16x384xf32>) -> tensor<1x2x16x384xf32>
  %c = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %w : tensor<1x3x17x2xf32>, tensor<2x2x2x384xf32>) outs(%z : tensor<1x2x16x384xf32>) -> tensor<1x2x16x384xf32>
  %y = tensor.expand_shape %c [[0], [1], [2], [3, 4, 5]] output_shape [1, 2, 16, 3, 8, 16] : tensor<1x2x16x384xf32> into tensor<1x2x16x3x8x16xf32>
  %s = linalg.generic {indexing_maps = [#read2, #write2, #write2], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "parallel"]}
      ins(%y, %r : tensor<1x2x16x3x8x16xf32>, tensor<1x2x8x16x3x16xf32>) outs(%d : tensor<1x2x8x16x3x16xf32>) {
  ^bb0(%v: f32, %u: f32, %o: f32):
    %a = arith.addf %v, %u : f32
    linalg.yield %a : f32
  } -> tensor<1x2x8x16x3x16xf32>
  return %s : tensor<1x2x8x16x3x16xf32>
}
