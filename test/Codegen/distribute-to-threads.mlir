// RUN: tconv-opt %s --split-input-file --tconv-distribute-to-threads="threads=2 min-iterations=1" | FileCheck %s

// A convolution splits its batch when the thread count divides it.
// CHECK-LABEL: func.func @batch
// CHECK: scf.forall (%{{.*}}) = (0) to (4) step (2)
// CHECK: linalg.conv_2d_nhwc_hwcf ins({{.*}} : tensor<2x10x10x8xf32>, tensor<3x3x8x16xf32>) outs({{.*}} : tensor<2x8x8x16xf32>)
// CHECK: scf.forall.in_parallel
func.func @batch(%x: tensor<4x10x10x8xf32>, %w: tensor<3x3x8x16xf32>, %acc: tensor<4x8x8x16xf32>) -> tensor<4x8x8x16xf32> {
  %0 = linalg.conv_2d_nhwc_hwcf ins(%x, %w : tensor<4x10x10x8xf32>, tensor<3x3x8x16xf32>) outs(%acc : tensor<4x8x8x16xf32>) -> tensor<4x8x8x16xf32>
  return %0 : tensor<4x8x8x16xf32>
}

// -----

// Batch 1: the outermost output image dim (rows) is split.
// CHECK-LABEL: func.func @rows
// CHECK: scf.forall (%{{.*}}) = (0) to (8) step (4)
// CHECK: linalg.conv_2d_nhwc_hwcf {{.*}} outs({{.*}} : tensor<1x4x7x16xf32>)
func.func @rows(%x: tensor<1x10x9x8xf32>, %w: tensor<3x3x8x16xf32>, %acc: tensor<1x8x7x16xf32>) -> tensor<1x8x7x16xf32> {
  %0 = linalg.conv_2d_nhwc_hwcf ins(%x, %w : tensor<1x10x9x8xf32>, tensor<3x3x8x16xf32>) outs(%acc : tensor<1x8x7x16xf32>) -> tensor<1x8x7x16xf32>
  return %0 : tensor<1x8x7x16xf32>
}

// -----

// Odd batch and image sizes: the output channels are split.
// CHECK-LABEL: func.func @channels
// CHECK: scf.forall (%{{.*}}) = (0) to (16) step (8)
// CHECK: linalg.conv_2d_nhwc_hwcf {{.*}} outs({{.*}} : tensor<1x7x7x8xf32>)
func.func @channels(%x: tensor<1x9x9x8xf32>, %w: tensor<3x3x8x16xf32>, %acc: tensor<1x7x7x16xf32>) -> tensor<1x7x7x16xf32> {
  %0 = linalg.conv_2d_nhwc_hwcf ins(%x, %w : tensor<1x9x9x8xf32>, tensor<3x3x8x16xf32>) outs(%acc : tensor<1x7x7x16xf32>) -> tensor<1x7x7x16xf32>
  return %0 : tensor<1x7x7x16xf32>
}

// -----

// Nothing the thread count divides: the op stays serial.
// CHECK-LABEL: func.func @indivisible
// CHECK-NOT: scf.forall
// CHECK: linalg.conv_2d_nhwc_hwcf
func.func @indivisible(%x: tensor<1x9x9x8xf32>, %w: tensor<3x3x8x15xf32>, %acc: tensor<1x7x7x15xf32>) -> tensor<1x7x7x15xf32> {
  %0 = linalg.conv_2d_nhwc_hwcf ins(%x, %w : tensor<1x9x9x8xf32>, tensor<3x3x8x15xf32>) outs(%acc : tensor<1x7x7x15xf32>) -> tensor<1x7x7x15xf32>
  return %0 : tensor<1x7x7x15xf32>
}

// -----

// Other ops split their outermost parallel loop; a reduction is never split.
// CHECK-LABEL: func.func @transpose
// CHECK: scf.forall (%{{.*}}) = (0) to (6) step (3)
// CHECK: linalg.transpose ins({{.*}} : tensor<3x4x5xf32>)
func.func @transpose(%x: tensor<6x4x5xf32>, %init: tensor<6x5x4xf32>) -> tensor<6x5x4xf32> {
  %0 = linalg.transpose ins(%x : tensor<6x4x5xf32>) outs(%init : tensor<6x5x4xf32>) permutation = [0, 2, 1]
  return %0 : tensor<6x5x4xf32>
}

// -----

// CHECK-LABEL: func.func @reduction
// CHECK-NOT: scf.forall
func.func @reduction(%x: tensor<7x6xf32>, %init: tensor<7xf32>) -> tensor<7xf32> {
  %0 = linalg.reduce ins(%x : tensor<7x6xf32>) outs(%init : tensor<7xf32>) dimensions = [1]
    (%a: f32, %b: f32) {
      %s = arith.addf %a, %b : f32
      linalg.yield %s : f32
    }
  return %0 : tensor<7xf32>
}

// -----

// A weight flip (t -> k - 1 - t: no projected permutation) is split by hand
// along a loop its maps use as a bare dim (here the input channels): each
// operand is sliced along the dims that loop indexes, the maps stay.
// CHECK-LABEL: func.func @flip
// CHECK: scf.forall (%[[I:.*]]) = (0) to (8) step (4) shared_outs(%[[OUT:.*]] = %{{.*}}) -> (tensor<2x2x8x6xf32>)
// CHECK: %[[W:.*]] = tensor.extract_slice %{{.*}}[0, 0, %[[I]], 0] [4, 4, 4, 6] [1, 1, 1, 1] : tensor<4x4x8x6xf32> to tensor<4x4x4x6xf32>
// CHECK: %[[O:.*]] = tensor.extract_slice %[[OUT]][0, 0, %[[I]], 0] [2, 2, 4, 6] [1, 1, 1, 1]
// CHECK: %[[F:.*]] = linalg.generic {indexing_maps = [#[[$FLIP:.*]], #{{.*}}]{{.*}} ins(%[[W]] : tensor<4x4x4x6xf32>) outs(%[[O]] : tensor<2x2x4x6xf32>)
// CHECK: scf.forall.in_parallel
// CHECK: tensor.parallel_insert_slice %[[F]] into %[[OUT]][0, 0, %[[I]], 0] [2, 2, 4, 6] [1, 1, 1, 1]
func.func @flip(%w: tensor<4x4x8x6xf32>) -> tensor<2x2x8x6xf32> {
  %e = tensor.empty() : tensor<2x2x8x6xf32>
  %f = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0 * -2 + 2, d1 * -2 + 3, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%w : tensor<4x4x8x6xf32>) outs(%e : tensor<2x2x8x6xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<2x2x8x6xf32>
  return %f : tensor<2x2x8x6xf32>
}

// -----

// A flip whose every parallel loop appears flipped stays whole.
// CHECK-LABEL: func.func @flip_only
// CHECK-NOT: scf.forall
// CHECK: linalg.generic
func.func @flip_only(%w: tensor<4x4xf32>) -> tensor<4x4xf32> {
  %e = tensor.empty() : tensor<4x4xf32>
  %f = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (-d0 + 3, -d1 + 3)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%w : tensor<4x4xf32>) outs(%e : tensor<4x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<4x4xf32>
  return %f : tensor<4x4xf32>
}

// -----

// A convolution's epilogue (here a bias) and the fill of its init go into
// the convolution's chunks: one forall, which tconv-tile-and-vectorize
// fuses into register tiles (split apart, three foralls and a pass over the
// result; a depthwise layer ran 3x slower on two threads than on one).
// A channels-first depthwise convolution splits its channels: each thread
// whole planes, and the bias of its channels.
// CHECK-LABEL: func.func @epilogue
// CHECK: scf.forall (%{{.*}}) = (0) to (8) step (4)
// CHECK-NOT: scf.forall
// CHECK: linalg.fill {{.*}} -> tensor<1x4x8x6xf32>
// CHECK-NEXT: linalg.depthwise_conv_2d_nchw_chw {{.*}} -> tensor<1x4x8x6xf32>
// CHECK: linalg.generic {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x4x8x6xf32>, tensor<4xf32>)
// CHECK: scf.forall.in_parallel
// CHECK-NOT: scf.forall
// CHECK: return
func.func @epilogue(%x: tensor<1x8x10x8xf32>, %w: tensor<8x3x3xf32>, %b: tensor<8xf32>) -> tensor<1x8x8x6xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x8x8x6xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<1x8x8x6xf32>) -> tensor<1x8x8x6xf32>
  %conv = linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %w : tensor<1x8x10x8xf32>, tensor<8x3x3xf32>) outs(%acc : tensor<1x8x8x6xf32>) -> tensor<1x8x8x6xf32>
  %out = tensor.empty() : tensor<1x8x8x6xf32>
  %biased = linalg.generic {indexing_maps = [affine_map<(n, c, h, w) -> (n, c, h, w)>, affine_map<(n, c, h, w) -> (c)>, affine_map<(n, c, h, w) -> (n, c, h, w)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%conv, %b : tensor<1x8x8x6xf32>, tensor<8xf32>) outs(%out : tensor<1x8x8x6xf32>) {
  ^bb0(%in: f32, %bias: f32, %o: f32):
    %s = arith.addf %in, %bias : f32
    linalg.yield %s : f32
  } -> tensor<1x8x8x6xf32>
  return %biased : tensor<1x8x8x6xf32>
}

// -----

// Channels-last, the channels are the register tiles' vectors: the rows
// split.
// CHECK-LABEL: func.func @depthwise_channels_last
// CHECK: scf.forall (%{{.*}}) = (0) to (8) step (4)
// CHECK: linalg.depthwise_conv_2d_nhwc_hwc {{.*}} -> tensor<1x4x6x8xf32>
func.func @depthwise_channels_last(%x: tensor<1x10x8x8xf32>, %w: tensor<3x3x8xf32>, %acc: tensor<1x8x6x8xf32>) -> tensor<1x8x6x8xf32> {
  %conv = linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %w : tensor<1x10x8x8xf32>, tensor<3x3x8xf32>) outs(%acc : tensor<1x8x6x8xf32>) -> tensor<1x8x6x8xf32>
  return %conv : tensor<1x8x6x8xf32>
}
