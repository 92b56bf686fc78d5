// RUN: tconv-opt %s --tconv-fold-channel-affine --split-input-file | FileCheck %s
// The numbers: test/Execution/fold-channel-affine.mlir.

#map = affine_map<(n, c, h, w) -> (n, c, h, w)>
#ch = affine_map<(n, c, h, w) -> (c)>
// An inference batch norm after a channels-first conv_transpose with bias,
// its scale a weight (marked tconv.pack: the same on every call).
// CHECK-LABEL: func.func @batch_norm
// CHECK-SAME: (%[[X:.*]]: tensor<1x8x4x4xf32>, %[[W:.*]]: tensor<8x6x4x4xf32>, %[[B:.*]]: tensor<6xf32>, %[[S:.*]]: tensor<6xf32> {tconv.pack}, %[[T:.*]]: tensor<6xf32>)
// CHECK: %[[W2:.*]] = linalg.generic {{.*}} ins(%[[W]], %[[S]] : tensor<8x6x4x4xf32>, tensor<6xf32>)
// CHECK: arith.mulf
// CHECK: %[[B2:.*]] = linalg.generic {{.*}} ins(%[[B]], %[[S]], %[[T]] : tensor<6xf32>, tensor<6xf32>, tensor<6xf32>)
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK: %[[Y:.*]] = tconv.conv_transpose %[[X]], %[[W2]], %[[B2]] {padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}
// CHECK-NOT: linalg.generic
// CHECK: return %[[Y]]
func.func @batch_norm(%x: tensor<1x8x4x4xf32>, %w: tensor<8x6x4x4xf32>, %b: tensor<6xf32>,
                      %s: tensor<6xf32> {tconv.pack}, %t: tensor<6xf32>) -> tensor<1x6x8x8xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>}
      : (tensor<1x8x4x4xf32>, tensor<8x6x4x4xf32>, tensor<6xf32>) -> tensor<1x6x8x8xf32>
  %e = tensor.empty() : tensor<1x6x8x8xf32>
  %z = linalg.generic {indexing_maps = [#map, #ch, #ch, #map], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%y, %s, %t : tensor<1x6x8x8xf32>, tensor<6xf32>, tensor<6xf32>) outs(%e : tensor<1x6x8x8xf32>) {
  ^bb0(%v: f32, %sc: f32, %sh: f32, %o: f32):
    %m = arith.mulf %sc, %v : f32
    %a = arith.addf %sh, %m : f32
    linalg.yield %a : f32
  } -> tensor<1x6x8x8xf32>
  return %z : tensor<1x6x8x8xf32>
}

// -----

#map = affine_map<(n, c, h) -> (n, c, h)>
#ch = affine_map<(n, c, h) -> (c)>
// Groups: the weight (Cin, Cout/G, k) is scaled per group, through a
// (G, Cin/G, Cout/G, k) view and a (G, Cout/G) view of the scale. No bias,
// no shift: none after folding either.
// CHECK-LABEL: func.func @groups_scale_only
// CHECK: %[[WV:.*]] = tensor.expand_shape %{{.*}} {{\[\[}}0, 1], [2], [3]] output_shape [2, 2, 3, 5] : tensor<4x3x5xf32> into tensor<2x2x3x5xf32>
// CHECK: %[[SV:.*]] = tensor.expand_shape %{{.*}} {{\[\[}}0, 1]] output_shape [2, 3] : tensor<6xf32> into tensor<2x3xf32>
// CHECK: %[[G:.*]] = linalg.generic {indexing_maps = [#[[ID:.*]], #[[GS:.*]], #[[ID]]]{{.*}} ins(%[[WV]], %[[SV]]
// CHECK: %[[W2:.*]] = tensor.collapse_shape %[[G]] {{\[\[}}0, 1], [2], [3]]
// CHECK: tconv.conv_transpose %{{.*}}, %[[W2]] {groups = 2 : i64, strides = array<i64: 2>}
// CHECK-SAME: (tensor<1x4x5xf32>, tensor<4x3x5xf32>) -> tensor<1x6x13xf32>
func.func @groups_scale_only(%x: tensor<1x4x5xf32>, %w: tensor<4x3x5xf32>, %s: tensor<6xf32> {tconv.pack}) -> tensor<1x6x13xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2>, groups = 2 : i64}
      : (tensor<1x4x5xf32>, tensor<4x3x5xf32>) -> tensor<1x6x13xf32>
  %e = tensor.empty() : tensor<1x6x13xf32>
  %z = linalg.generic {indexing_maps = [#map, #ch, #map], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%y, %s : tensor<1x6x13xf32>, tensor<6xf32>) outs(%e : tensor<1x6x13xf32>) {
  ^bb0(%v: f32, %sc: f32, %o: f32):
    %m = arith.mulf %v, %sc : f32
    linalg.yield %m : f32
  } -> tensor<1x6x13xf32>
  return %z : tensor<1x6x13xf32>
}

// -----

#map = affine_map<(n, h, w, c) -> (n, h, w, c)>
// Channels last, a shift alone given as a constant in the body: the bias
// becomes b + 0.5; the weight is unchanged. The dynamic batch's tensor.dim
// reads the folded op.
// CHECK-LABEL: func.func @channels_last_constant_shift
// CHECK-SAME: %[[W:[a-z0-9]+]]: tensor<6x3x3x4xf32>
// CHECK: %[[C:.*]] = arith.constant 5.000000e-01 : f32
// CHECK: %[[B2:.*]] = linalg.generic
// CHECK: arith.addf %{{.*}}, %[[C]] : f32
// CHECK: %[[Y:.*]] = tconv.conv_transpose %{{.*}}, %[[W]], %[[B2]]
// CHECK-NOT: linalg.generic
// CHECK: return %[[Y]]
func.func @channels_last_constant_shift(%x: tensor<?x5x5x4xf32>, %w: tensor<6x3x3x4xf32>, %b: tensor<6xf32>) -> tensor<?x11x11x6xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, layout = #tconv.layout<channels_last>}
      : (tensor<?x5x5x4xf32>, tensor<6x3x3x4xf32>, tensor<6xf32>) -> tensor<?x11x11x6xf32>
  %c0 = arith.constant 0 : index
  %n = tensor.dim %y, %c0 : tensor<?x11x11x6xf32>
  %e = tensor.empty(%n) : tensor<?x11x11x6xf32>
  %z = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%y : tensor<?x11x11x6xf32>) outs(%e : tensor<?x11x11x6xf32>) {
  ^bb0(%v: f32, %o: f32):
    %half = arith.constant 0.5 : f32
    %a = arith.addf %v, %half : f32
    linalg.yield %a : f32
  } -> tensor<?x11x11x6xf32>
  return %z : tensor<?x11x11x6xf32>
}

// -----

#map = affine_map<(n, c, h) -> (n, c, h)>
#sp = affine_map<(n, c, h) -> (h)>
// Not folded: a factor that varies along a spatial dim, a non-affine body,
// a conv_transpose result with another use.
// CHECK-LABEL: func.func @not_folded
// CHECK-COUNT-3: linalg.generic
func.func @not_folded(%x: tensor<1x4x5xf32>, %w: tensor<4x2x3xf32>, %r: tensor<11xf32>)
    -> (tensor<1x2x11xf32>, tensor<1x2x11xf32>, tensor<1x2x11xf32>, tensor<1x2x11xf32>) {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2>} : (tensor<1x4x5xf32>, tensor<4x2x3xf32>) -> tensor<1x2x11xf32>
  %e = tensor.empty() : tensor<1x2x11xf32>
  %a = linalg.generic {indexing_maps = [#map, #sp, #map], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%y, %r : tensor<1x2x11xf32>, tensor<11xf32>) outs(%e : tensor<1x2x11xf32>) {
  ^bb0(%v: f32, %f: f32, %o: f32):
    %m = arith.mulf %v, %f : f32
    linalg.yield %m : f32
  } -> tensor<1x2x11xf32>
  %y2 = tconv.conv_transpose %x, %w {strides = array<i64: 2>} : (tensor<1x4x5xf32>, tensor<4x2x3xf32>) -> tensor<1x2x11xf32>
  %b = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%y2 : tensor<1x2x11xf32>) outs(%e : tensor<1x2x11xf32>) {
  ^bb0(%v: f32, %o: f32):
    %m = arith.mulf %v, %v : f32
    linalg.yield %m : f32
  } -> tensor<1x2x11xf32>
  %y3 = tconv.conv_transpose %x, %w {strides = array<i64: 2>} : (tensor<1x4x5xf32>, tensor<4x2x3xf32>) -> tensor<1x2x11xf32>
  %c = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%y3 : tensor<1x2x11xf32>) outs(%e : tensor<1x2x11xf32>) {
  ^bb0(%v: f32, %o: f32):
    %two = arith.constant 2.0 : f32
    %m = arith.mulf %v, %two : f32
    linalg.yield %m : f32
  } -> tensor<1x2x11xf32>
  return %a, %b, %c, %y3 : tensor<1x2x11xf32>, tensor<1x2x11xf32>, tensor<1x2x11xf32>, tensor<1x2x11xf32>
}

// -----

#map = affine_map<(n, c, h) -> (n, c, h)>
#ch = affine_map<(n, c, h) -> (c)>
// A scale given at the call is not folded: every weight would be scaled
// (and rearranged again) on every call, where the epilogue scales the
// result for next to nothing (24 weights, 22 results). Nor is a scale
// computed from one.
// CHECK-LABEL: func.func @runtime_scale
// CHECK: tconv.conv_transpose
// CHECK: linalg.generic
// CHECK: arith.mulf
// CHECK-LABEL: func.func @computed_runtime_scale
// CHECK: tconv.conv_transpose
// CHECK: linalg.generic
// CHECK: arith.mulf
func.func @runtime_scale(%x: tensor<1x4x5xf32>, %w: tensor<4x2x3xf32> {tconv.pack}, %s: tensor<2xf32>) -> tensor<1x2x11xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2>} : (tensor<1x4x5xf32>, tensor<4x2x3xf32>) -> tensor<1x2x11xf32>
  %e = tensor.empty() : tensor<1x2x11xf32>
  %z = linalg.generic {indexing_maps = [#map, #ch, #map], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%y, %s : tensor<1x2x11xf32>, tensor<2xf32>) outs(%e : tensor<1x2x11xf32>) {
  ^bb0(%v: f32, %sc: f32, %o: f32):
    %m = arith.mulf %v, %sc : f32
    linalg.yield %m : f32
  } -> tensor<1x2x11xf32>
  return %z : tensor<1x2x11xf32>
}

func.func @computed_runtime_scale(%x: tensor<1x4x5xf32>, %w: tensor<4x2x3xf32>, %p: tensor<4xf32> {tconv.pack}, %q: tensor<2xf32>) -> tensor<1x2x11xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2>} : (tensor<1x4x5xf32>, tensor<4x2x3xf32>) -> tensor<1x2x11xf32>
  %slice = tensor.extract_slice %p[0] [2] [1] : tensor<4xf32> to tensor<2xf32>
  %es = tensor.empty() : tensor<2xf32>
  %s = linalg.add ins(%slice, %q : tensor<2xf32>, tensor<2xf32>) outs(%es : tensor<2xf32>) -> tensor<2xf32>
  %e = tensor.empty() : tensor<1x2x11xf32>
  %z = linalg.generic {indexing_maps = [#map, #ch, #map], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%y, %s : tensor<1x2x11xf32>, tensor<2xf32>) outs(%e : tensor<1x2x11xf32>) {
  ^bb0(%v: f32, %sc: f32, %o: f32):
    %m = arith.mulf %v, %sc : f32
    linalg.yield %m : f32
  } -> tensor<1x2x11xf32>
  return %z : tensor<1x2x11xf32>
}

// -----

#map = affine_map<(n, c, h) -> (n, c, h)>
#ch = affine_map<(n, c, h) -> (c)>
#id1 = affine_map<(c) -> (c)>
// A scale computed from a parameter blob alone (a slice of it, 1 / x as
// an importer could write it) is fixed: folded.
// CHECK-LABEL: func.func @blob_scale
// CHECK-SAME: %[[P:[a-z0-9]+]]: tensor<8xf32> {tconv.pack}
// CHECK: %[[SLICE:.*]] = tensor.extract_slice %[[P]][2] [2] [1]
// CHECK: %[[S:.*]] = linalg.generic {{.*}} ins(%[[SLICE]] : tensor<2xf32>)
// CHECK: %[[W2:.*]] = linalg.generic {{.*}} ins(%{{.*}}, %[[S]] : tensor<4x2x3xf32>, tensor<2xf32>)
// CHECK: %[[Y:.*]] = tconv.conv_transpose %{{.*}}, %[[W2]]
// CHECK-NOT: linalg.generic
// CHECK: return %[[Y]]
func.func @blob_scale(%x: tensor<1x4x5xf32>, %w: tensor<4x2x3xf32>, %p: tensor<8xf32> {tconv.pack}) -> tensor<1x2x11xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2>} : (tensor<1x4x5xf32>, tensor<4x2x3xf32>) -> tensor<1x2x11xf32>
  %slice = tensor.extract_slice %p[2] [2] [1] : tensor<8xf32> to tensor<2xf32>
  %es = tensor.empty() : tensor<2xf32>
  %s = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%slice : tensor<2xf32>) outs(%es : tensor<2xf32>) {
  ^bb0(%a: f32, %o: f32):
    %one = arith.constant 1.0 : f32
    %r = arith.divf %one, %a : f32
    linalg.yield %r : f32
  } -> tensor<2xf32>
  %e = tensor.empty() : tensor<1x2x11xf32>
  %z = linalg.generic {indexing_maps = [#map, #ch, #map], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%y, %s : tensor<1x2x11xf32>, tensor<2xf32>) outs(%e : tensor<1x2x11xf32>) {
  ^bb0(%v: f32, %sc: f32, %o: f32):
    %m = arith.mulf %v, %sc : f32
    linalg.yield %m : f32
  } -> tensor<1x2x11xf32>
  return %z : tensor<1x2x11xf32>
}

// -----

#map = affine_map<(n, c, h) -> (n, c, h)>
#ch = affine_map<(n, c, h) -> (c)>
// A scale given at the call, for 24 weights and 3074 results (more than
// 64 each): scaling the weights on every call costs less than the
// epilogue would. Folded.
// CHECK-LABEL: func.func @runtime_scale_few_weights
// CHECK: linalg.generic {{.*}} ins(%{{.*}}, %{{.*}} : tensor<4x2x3xf32>, tensor<2xf32>)
// CHECK: %[[Y:.*]] = tconv.conv_transpose
// CHECK-NOT: linalg.generic
// CHECK: return %[[Y]]
func.func @runtime_scale_few_weights(%x: tensor<1x4x768xf32>, %w: tensor<4x2x3xf32>, %s: tensor<2xf32>) -> tensor<1x2x1537xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2>} : (tensor<1x4x768xf32>, tensor<4x2x3xf32>) -> tensor<1x2x1537xf32>
  %e = tensor.empty() : tensor<1x2x1537xf32>
  %z = linalg.generic {indexing_maps = [#map, #ch, #map], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%y, %s : tensor<1x2x1537xf32>, tensor<2xf32>) outs(%e : tensor<1x2x1537xf32>) {
  ^bb0(%v: f32, %sc: f32, %o: f32):
    %m = arith.mulf %v, %sc : f32
    linalg.yield %m : f32
  } -> tensor<1x2x1537xf32>
  return %z : tensor<1x2x1537xf32>
}
