// RUN: tconv-opt %s --tconv-tile-and-vectorize --canonicalize --cse --split-input-file | FileCheck %s
// RUN: tconv-opt %s --tconv-tile-and-vectorize="register-tile-width=4 register-tile-channels=16" --canonicalize --split-input-file | FileCheck %s --check-prefix=SMALL
// RUN: tconv-opt %s --tconv-tile-and-vectorize="cache-tile-input-channels=0" --canonicalize --cse --split-input-file | FileCheck %s --check-prefix=NOCACHE

// An NHWC convolution: cache tiles of 32 output channels (x all 8 input
// channels, so that loop folds away) outermost, then register tiles of
// 8 output pixels x 32 output channels with unit steps over the output row,
// kernel taps and input channels; the 2-D convolution is decomposed to 1-D
// and vectorized into one contraction per input channel.
// CHECK-LABEL: func.func @conv_nhwc_hwcf
// CHECK: scf.for %{{.*}} = %c0 to %c64 step %c32
// CHECK: scf.for %{{.*}} = %c0 to %c8 step %c1
// CHECK: scf.for %{{.*}} = %c0 to %c16 step %c8
// CHECK: scf.for %{{.*}} = %c0 to %c4 step %c1
// CHECK: scf.for %{{.*}} = %c0 to %c4 step %c1
// CHECK: scf.for %{{.*}} = %c0 to %c8 step %c1
// NOCACHE-LABEL: func.func @conv_nhwc_hwcf
// NOCACHE: scf.for %{{.*}} = %c0 to %c8 step %c1
// NOCACHE: scf.for %{{.*}} = %c0 to %c16 step %c8
// NOCACHE: scf.for %{{.*}} = %c0 to %c64 step %c32
// CHECK-NOT: linalg.conv
// CHECK: vector.contract {{.*}} : vector<1x8x1xf32>, vector<1x32xf32> into vector<1x8x32xf32>
// SMALL-LABEL: func.func @conv_nhwc_hwcf
// SMALL: vector.contract {{.*}} : vector<1x4x1xf32>, vector<1x16xf32> into vector<1x4x16xf32>
func.func @conv_nhwc_hwcf(%x: tensor<1x11x19x8xf32>, %w: tensor<4x4x8x64xf32>, %o: tensor<1x8x16x64xf32>) -> tensor<1x8x16x64xf32> {
  %r = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %w : tensor<1x11x19x8xf32>, tensor<4x4x8x64xf32>) outs(%o : tensor<1x8x16x64xf32>) -> tensor<1x8x16x64xf32>
  return %r : tensor<1x8x16x64xf32>
}

// -----

// Tiles divide the dims: 6 output pixels give a tile of 6, 24 channels one of
// 24. NCHW convolutions vectorize too (through transposes).
// CHECK-LABEL: func.func @conv_nchw_fchw
// CHECK-NOT: linalg.conv
// CHECK: vector.contract {{.*}} into vector<1x6x24xf32>
func.func @conv_nchw_fchw(%x: tensor<1x4x9x9xf32>, %w: tensor<24x4x4x4xf32>, %o: tensor<1x24x6x6xf32>) -> tensor<1x24x6x6xf32> {
  %r = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %w : tensor<1x4x9x9xf32>, tensor<24x4x4x4xf32>) outs(%o : tensor<1x24x6x6xf32>) -> tensor<1x24x6x6xf32>
  return %r : tensor<1x24x6x6xf32>
}

// -----

// Elementwise ops are tiled into rows of at most 64 elements and vectorized;
// the weight flip (a non-permutation map) is left whole.
// CHECK-LABEL: func.func @elementwise_and_flip
// CHECK: scf.for %{{.*}} = %c0 to %c4 step %c1
// CHECK: scf.for %{{.*}} = %c0 to %c128 step %c64
// CHECK: vector.transfer_read {{.*}} : tensor<64xf32>, vector<1x64xf32>
// CHECK: vector.transfer_write {{.*}} : vector<1x64xf32>, tensor<1x64xf32>
// CHECK: linalg.generic
// CHECK-SAME: ins(%{{.*}} : tensor<3x5xf32>)
func.func @elementwise_and_flip(%b: tensor<128xf32>, %w: tensor<3x5xf32>) -> (tensor<4x128xf32>, tensor<3x5xf32>) {
  %e = tensor.empty() : tensor<4x128xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%b : tensor<128xf32>) outs(%e : tensor<4x128xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<4x128xf32>
  %e2 = tensor.empty() : tensor<3x5xf32>
  %f = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, -d1 + 4)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%w : tensor<3x5xf32>) outs(%e2 : tensor<3x5xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<3x5xf32>
  return %r, %f : tensor<4x128xf32>, tensor<3x5xf32>
}

// -----

// Channel tiles are vectors: the largest divisor that fills whole 8-lane
// registers (48 channels: 24), else the largest one of at most 16 lanes
// (21 channels: 7, not one <21 x float>).
// CHECK-LABEL: func.func @channel_tiles
// CHECK: vector.contract {{.*}} into vector<1x8x24xf32>
// CHECK: vector.contract {{.*}} into vector<1x8x7xf32>
func.func @channel_tiles(%x: tensor<1x8x11x4xf32>, %w48: tensor<3x4x48xf32>, %o48: tensor<1x8x8x48xf32>, %w21: tensor<3x4x21xf32>, %o21: tensor<1x8x8x21xf32>) -> (tensor<1x8x8x48xf32>, tensor<1x8x8x21xf32>) {
  %x3 = tensor.extract_slice %x[0, 0, 0, 0] [1, 1, 11, 4] [1, 1, 1, 1] : tensor<1x8x11x4xf32> to tensor<1x11x4xf32>
  %o3 = tensor.extract_slice %o48[0, 0, 0, 0] [1, 1, 8, 48] [1, 1, 1, 1] : tensor<1x8x8x48xf32> to tensor<1x8x48xf32>
  %r48 = linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>} ins(%x3, %w48 : tensor<1x11x4xf32>, tensor<3x4x48xf32>) outs(%o3 : tensor<1x8x48xf32>) -> tensor<1x8x48xf32>
  %y48 = tensor.insert_slice %r48 into %o48[0, 0, 0, 0] [1, 1, 8, 48] [1, 1, 1, 1] : tensor<1x8x48xf32> into tensor<1x8x8x48xf32>
  %o2 = tensor.extract_slice %o21[0, 0, 0, 0] [1, 1, 8, 21] [1, 1, 1, 1] : tensor<1x8x8x21xf32> to tensor<1x8x21xf32>
  %r21 = linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>} ins(%x3, %w21 : tensor<1x11x4xf32>, tensor<3x4x21xf32>) outs(%o2 : tensor<1x8x21xf32>) -> tensor<1x8x21xf32>
  %y21 = tensor.insert_slice %r21 into %o21[0, 0, 0, 0] [1, 1, 8, 21] [1, 1, 1, 1] : tensor<1x8x21xf32> into tensor<1x8x8x21xf32>
  return %y48, %y21 : tensor<1x8x8x48xf32>, tensor<1x8x8x21xf32>
}
