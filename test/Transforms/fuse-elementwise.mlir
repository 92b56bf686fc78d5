// RUN: tconv-opt %s --tconv-fuse-elementwise=distribute-over-phases=false --split-input-file | FileCheck %s --check-prefixes=CHECK,WHOLE
// RUN: tconv-opt %s --tconv-fuse-elementwise --split-input-file | FileCheck %s --check-prefixes=CHECK,PHASES

#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#channel = affine_map<(d0, d1, d2, d3) -> (d1)>

// Back to channels-first, a per-channel PReLU-like op, to channels-last
// again: one generic from NHWC to NHWC, its maps the identity.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[C:.*]] = affine_map<(d0, d1, d2, d3) -> (d3)>
// CHECK-LABEL: func.func @round_trip
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x4x8xf32>, %[[S:.*]]: tensor<8xf32>)
// CHECK-NOT: linalg.transpose
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[C]], #[[ID]]]
// CHECK-SAME: ins(%[[X]], %[[S]] : tensor<1x4x4x8xf32>, tensor<8xf32>) outs(%{{.*}} : tensor<1x4x4x8xf32>)
// CHECK: arith.mulf
// CHECK-NOT: linalg.transpose
// CHECK: return %[[R]]
func.func @round_trip(%x: tensor<1x4x4x8xf32>, %s: tensor<8xf32>) -> tensor<1x4x4x8xf32> {
  %e1 = tensor.empty() : tensor<1x8x4x4xf32>
  %t1 = linalg.transpose ins(%x : tensor<1x4x4x8xf32>) outs(%e1 : tensor<1x8x4x4xf32>) permutation = [0, 3, 1, 2]
  %g = linalg.generic {indexing_maps = [#id, #channel, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
       ins(%t1, %s : tensor<1x8x4x4xf32>, tensor<8xf32>) outs(%e1 : tensor<1x8x4x4xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %m = arith.mulf %a, %b : f32
    linalg.yield %m : f32
  } -> tensor<1x8x4x4xf32>
  %e2 = tensor.empty() : tensor<1x4x4x8xf32>
  %t2 = linalg.transpose ins(%g : tensor<1x8x4x4xf32>) outs(%e2 : tensor<1x4x4x8xf32>) permutation = [0, 2, 3, 1]
  return %t2 : tensor<1x4x4x8xf32>
}

// -----

#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>

// The activation has a second use: the transposes stay, nothing is
// computed twice.
// CHECK-LABEL: func.func @shared
// CHECK: linalg.generic
// CHECK: arith.maximumf
// CHECK: linalg.transpose
// CHECK-NOT: arith.maximumf
// CHECK: return
func.func @shared(%x: tensor<1x8x4x4xf32>) -> (tensor<1x4x4x8xf32>, tensor<1x8x4x4xf32>) {
  %zero = arith.constant 0.0 : f32
  %e1 = tensor.empty() : tensor<1x8x4x4xf32>
  %g = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
       ins(%x : tensor<1x8x4x4xf32>) outs(%e1 : tensor<1x8x4x4xf32>) {
  ^bb0(%a: f32, %o: f32):
    %m = arith.maximumf %a, %zero : f32
    linalg.yield %m : f32
  } -> tensor<1x8x4x4xf32>
  %e2 = tensor.empty() : tensor<1x4x4x8xf32>
  %t = linalg.transpose ins(%g : tensor<1x8x4x4xf32>) outs(%e2 : tensor<1x4x4x8xf32>) permutation = [0, 2, 3, 1]
  return %t, %g : tensor<1x4x4x8xf32>, tensor<1x8x4x4xf32>
}

// -----

#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>

// Elementwise ops that do not transpose fuse too: one pass.
// CHECK-LABEL: func.func @no_transpose
// CHECK: linalg.generic
// CHECK: arith.maximumf
// CHECK: arith.mulf
// CHECK-NOT: linalg.generic
// CHECK: return
func.func @no_transpose(%x: tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x8x4x4xf32>
  %g = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
       ins(%x : tensor<1x8x4x4xf32>) outs(%e : tensor<1x8x4x4xf32>) {
  ^bb0(%a: f32, %o: f32):
    %m = arith.maximumf %a, %zero : f32
    linalg.yield %m : f32
  } -> tensor<1x8x4x4xf32>
  %h = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
       ins(%g : tensor<1x8x4x4xf32>) outs(%e : tensor<1x8x4x4xf32>) {
  ^bb0(%a: f32, %o: f32):
    %m = arith.mulf %a, %a : f32
    linalg.yield %m : f32
  } -> tensor<1x8x4x4xf32>
  return %h : tensor<1x8x4x4xf32>
}

// -----

#id3 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#id4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>

// The conversion's transpose back to channels-first, over collapsed pixels,
// and an activation and a residual add on the expanded result: the
// consumers are collapsed, and all three fuse into one generic.
// CHECK-LABEL: func.func @collapsed_transpose
// CHECK-SAME: (%[[X:.*]]: tensor<1x16x8xf32>, %[[R:.*]]: tensor<1x8x4x4xf32>)
// CHECK: %[[RC:.*]] = tensor.collapse_shape %[[R]] {{\[}}[0], [1], [2, 3]]
// CHECK: %[[G:.*]] = linalg.generic
// CHECK-SAME: ins(%[[X]], %[[RC]] : tensor<1x16x8xf32>, tensor<1x8x16xf32>)
// CHECK: arith.maximumf
// CHECK: arith.addf
// CHECK: %[[E:.*]] = tensor.expand_shape %[[G]]
// CHECK-NOT: linalg
// CHECK: return %[[E]]
func.func @collapsed_transpose(%x: tensor<1x16x8xf32>, %r: tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32> {
  %zero = arith.constant 0.0 : f32
  %e1 = tensor.empty() : tensor<1x8x16xf32>
  %t = linalg.transpose ins(%x : tensor<1x16x8xf32>) outs(%e1 : tensor<1x8x16xf32>) permutation = [0, 2, 1]
  %y = tensor.expand_shape %t [[0], [1], [2, 3]] output_shape [1, 8, 4, 4] : tensor<1x8x16xf32> into tensor<1x8x4x4xf32>
  %e = tensor.empty() : tensor<1x8x4x4xf32>
  %a = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
       ins(%y : tensor<1x8x4x4xf32>) outs(%e : tensor<1x8x4x4xf32>) {
  ^bb0(%v: f32, %o: f32):
    %m = arith.maximumf %v, %zero : f32
    linalg.yield %m : f32
  } -> tensor<1x8x4x4xf32>
  %s = linalg.generic {indexing_maps = [#id4, #id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
       ins(%a, %r : tensor<1x8x4x4xf32>, tensor<1x8x4x4xf32>) outs(%e : tensor<1x8x4x4xf32>) {
  ^bb0(%v: f32, %w: f32, %o: f32):
    %m = arith.addf %v, %w : f32
    linalg.yield %m : f32
  } -> tensor<1x8x4x4xf32>
  return %s : tensor<1x8x4x4xf32>
}

// -----

#nchw = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>

// The same, after a convolution: the consumer is expanded to the
// convolution's shape instead, so that it can be computed on the
// convolution's register tiles; it reads the convolution's result
// directly, transposing.
// CHECK-LABEL: func.func @after_convolution
// CHECK: %[[C:.*]] = linalg.conv_2d_nhwc_hwcf
// CHECK-NOT: tensor.collapse_shape %[[C]]
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[C]], %{{.*}} : tensor<1x4x4x8xf32>, tensor<1x8x4x4xf32>)
// CHECK: arith.maximumf
// CHECK: arith.addf
// CHECK-NOT: linalg.generic
// CHECK: return
func.func @after_convolution(%x: tensor<1x6x6x3xf32>, %w: tensor<3x3x3x8xf32>, %r: tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32> {
  %zero = arith.constant 0.0 : f32
  %e0 = tensor.empty() : tensor<1x4x4x8xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e0 : tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32>
  %c = linalg.conv_2d_nhwc_hwcf ins(%x, %w : tensor<1x6x6x3xf32>, tensor<3x3x3x8xf32>) outs(%f : tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32>
  %cc = tensor.collapse_shape %c [[0], [1, 2], [3]] : tensor<1x4x4x8xf32> into tensor<1x16x8xf32>
  %e1 = tensor.empty() : tensor<1x8x16xf32>
  %t = linalg.transpose ins(%cc : tensor<1x16x8xf32>) outs(%e1 : tensor<1x8x16xf32>) permutation = [0, 2, 1]
  %y = tensor.expand_shape %t [[0], [1], [2, 3]] output_shape [1, 8, 4, 4] : tensor<1x8x16xf32> into tensor<1x8x4x4xf32>
  %e = tensor.empty() : tensor<1x8x4x4xf32>
  %a = linalg.generic {indexing_maps = [#nchw, #nchw], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
       ins(%y : tensor<1x8x4x4xf32>) outs(%e : tensor<1x8x4x4xf32>) {
  ^bb0(%v: f32, %o: f32):
    %m = arith.maximumf %v, %zero : f32
    linalg.yield %m : f32
  } -> tensor<1x8x4x4xf32>
  %s = linalg.generic {indexing_maps = [#nchw, #nchw, #nchw], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
       ins(%a, %r : tensor<1x8x4x4xf32>, tensor<1x8x4x4xf32>) outs(%e : tensor<1x8x4x4xf32>) {
  ^bb0(%v: f32, %u: f32, %o: f32):
    %m = arith.addf %v, %u : f32
    linalg.yield %m : f32
  } -> tensor<1x8x4x4xf32>
  return %s : tensor<1x8x4x4xf32>
}

// -----

#pixels = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#bias = affine_map<(d0, d1, d2, d3) -> (d3)>

// A convolution over collapsed pixels (the sub-pixel algorithm's GEMM) whose
// result is expanded back to rows: its consumer (the bias, repeated for
// each residue) is collapsed to the convolution's shape, reading its result
// directly, so that it can be computed on its register tiles.
// CHECK-LABEL: func.func @expanded_convolution
// CHECK: %[[C:.*]] = linalg.conv_1d_nwc_wcf
// CHECK: %[[A:.*]] = linalg.generic
// CHECK-SAME: ins(%[[C]], %{{.*}} : tensor<1x16x8xf32>, tensor<8xf32>)
// CHECK: arith.addf
// CHECK: tensor.expand_shape %[[A]] {{.*}} into tensor<1x4x4x8xf32>
func.func @expanded_convolution(%x: tensor<1x16x3xf32>, %w: tensor<1x3x8xf32>, %b: tensor<8xf32>) -> tensor<1x4x4x8xf32> {
  %zero = arith.constant 0.0 : f32
  %e0 = tensor.empty() : tensor<1x16x8xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e0 : tensor<1x16x8xf32>) -> tensor<1x16x8xf32>
  %c = linalg.conv_1d_nwc_wcf ins(%x, %w : tensor<1x16x3xf32>, tensor<1x3x8xf32>) outs(%f : tensor<1x16x8xf32>) -> tensor<1x16x8xf32>
  %y = tensor.expand_shape %c [[0], [1, 2], [3]] output_shape [1, 4, 4, 8] : tensor<1x16x8xf32> into tensor<1x4x4x8xf32>
  %e = tensor.empty() : tensor<1x4x4x8xf32>
  %a = linalg.generic {indexing_maps = [#pixels, #bias, #pixels], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
       ins(%y, %b : tensor<1x4x4x8xf32>, tensor<8xf32>) outs(%e : tensor<1x4x4x8xf32>) {
  ^bb0(%v: f32, %u: f32, %o: f32):
    %s = arith.addf %v, %u : f32
    linalg.yield %s : f32
  } -> tensor<1x4x4x8xf32>
  return %a : tensor<1x4x4x8xf32>
}

// -----

#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>

// The phases of a 1-D stride-2 transposed convolution (as rows of a 2-D
// image): two convolutions write the even and the odd output columns of
// the bias. With distribute-over-phases=false the op after them runs once
// on the whole result; by default the residual add is computed phase by
// phase, on each convolution's result; as the phases cover the output,
// nothing runs on the whole of it, and the second phase starts from the
// bias, not from the first phase's insert.
// WHOLE-LABEL: func.func @phases
// WHOLE-COUNT-1: linalg.generic
// WHOLE-NOT: linalg.generic
// PHASES-LABEL: func.func @phases
// PHASES-SAME: (%[[X:.*]]: tensor<1x1x5x3xf32>, %[[W0:.*]]: tensor<1x2x3x8xf32>, %[[W1:.*]]: tensor<1x2x3x8xf32>, %[[B:.*]]: tensor<1x1x8x8xf32>, %[[R:.*]]: tensor<1x1x8x8xf32>)
// PHASES-DAG: %[[INIT0:.*]] = tensor.extract_slice %[[B]][0, 0, 0, 0] [1, 1, 4, 8] [1, 1, 2, 1]
// PHASES-DAG: %[[INIT1:.*]] = tensor.extract_slice %[[B]][0, 0, 1, 0] [1, 1, 4, 8] [1, 1, 2, 1]
// PHASES-DAG: %[[C0:.*]] = linalg.conv_2d_nhwc_hwcf {{.*}} outs(%[[INIT0]]
// PHASES-DAG: %[[C1:.*]] = linalg.conv_2d_nhwc_hwcf {{.*}} outs(%[[INIT1]]
// PHASES-DAG: %[[R0:.*]] = tensor.extract_slice %[[R]][0, 0, 0, 0] [1, 1, 4, 8] [1, 1, 2, 1]
// PHASES-DAG: %[[R1:.*]] = tensor.extract_slice %[[R]][0, 0, 1, 0] [1, 1, 4, 8] [1, 1, 2, 1]
// PHASES-DAG: %[[G0:.*]] = linalg.generic {{.*}} ins(%[[C0]], %[[R0]] :
// PHASES-DAG: %[[G1:.*]] = linalg.generic {{.*}} ins(%[[C1]], %[[R1]] :
// PHASES-DAG: %[[I0:.*]] = tensor.insert_slice %[[G0]] into %{{.*}}[0, 0, 0, 0] [1, 1, 4, 8] [1, 1, 2, 1]
// PHASES-DAG: %[[I1:.*]] = tensor.insert_slice %[[G1]] into %[[I0]][0, 0, 1, 0] [1, 1, 4, 8] [1, 1, 2, 1]
// PHASES: return %[[I1]]
func.func @phases(%x: tensor<1x1x5x3xf32>, %w0: tensor<1x2x3x8xf32>, %w1: tensor<1x2x3x8xf32>,
                  %b: tensor<1x1x8x8xf32>, %r: tensor<1x1x8x8xf32>) -> tensor<1x1x8x8xf32> {
  %i0 = tensor.extract_slice %b[0, 0, 0, 0] [1, 1, 4, 8] [1, 1, 2, 1] : tensor<1x1x8x8xf32> to tensor<1x1x4x8xf32>
  %c0 = linalg.conv_2d_nhwc_hwcf ins(%x, %w0 : tensor<1x1x5x3xf32>, tensor<1x2x3x8xf32>) outs(%i0 : tensor<1x1x4x8xf32>) -> tensor<1x1x4x8xf32>
  %y0 = tensor.insert_slice %c0 into %b[0, 0, 0, 0] [1, 1, 4, 8] [1, 1, 2, 1] : tensor<1x1x4x8xf32> into tensor<1x1x8x8xf32>
  %i1 = tensor.extract_slice %y0[0, 0, 1, 0] [1, 1, 4, 8] [1, 1, 2, 1] : tensor<1x1x8x8xf32> to tensor<1x1x4x8xf32>
  %c1 = linalg.conv_2d_nhwc_hwcf ins(%x, %w1 : tensor<1x1x5x3xf32>, tensor<1x2x3x8xf32>) outs(%i1 : tensor<1x1x4x8xf32>) -> tensor<1x1x4x8xf32>
  %y1 = tensor.insert_slice %c1 into %y0[0, 0, 1, 0] [1, 1, 4, 8] [1, 1, 2, 1] : tensor<1x1x4x8xf32> into tensor<1x1x8x8xf32>
  %e = tensor.empty() : tensor<1x1x8x8xf32>
  %z = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
       ins(%y1, %r : tensor<1x1x8x8xf32>, tensor<1x1x8x8xf32>) outs(%e : tensor<1x1x8x8xf32>) {
  ^bb0(%v: f32, %u: f32, %o: f32):
    %s = arith.addf %v, %u : f32
    linalg.yield %s : f32
  } -> tensor<1x1x8x8xf32>
  return %z : tensor<1x1x8x8xf32>
}

// -----

#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#nhwc_to_nchw = affine_map<(d0, d1, d2, d3) -> (d0, d2, d3, d1)>

// An op that reads the phases transposed (back to channels-first) stays
// whole: per phase, it would store transposed, strided tiles.
// CHECK-LABEL: func.func @phases_transposed
// CHECK-COUNT-1: linalg.generic
// CHECK-NOT: linalg.generic
func.func @phases_transposed(%x: tensor<1x1x5x3xf32>, %w0: tensor<1x2x3x8xf32>, %w1: tensor<1x2x3x8xf32>,
                             %b: tensor<1x1x8x8xf32>, %r: tensor<1x8x1x8xf32>) -> tensor<1x8x1x8xf32> {
  %i0 = tensor.extract_slice %b[0, 0, 0, 0] [1, 1, 4, 8] [1, 1, 2, 1] : tensor<1x1x8x8xf32> to tensor<1x1x4x8xf32>
  %c0 = linalg.conv_2d_nhwc_hwcf ins(%x, %w0 : tensor<1x1x5x3xf32>, tensor<1x2x3x8xf32>) outs(%i0 : tensor<1x1x4x8xf32>) -> tensor<1x1x4x8xf32>
  %y0 = tensor.insert_slice %c0 into %b[0, 0, 0, 0] [1, 1, 4, 8] [1, 1, 2, 1] : tensor<1x1x4x8xf32> into tensor<1x1x8x8xf32>
  %i1 = tensor.extract_slice %y0[0, 0, 1, 0] [1, 1, 4, 8] [1, 1, 2, 1] : tensor<1x1x8x8xf32> to tensor<1x1x4x8xf32>
  %c1 = linalg.conv_2d_nhwc_hwcf ins(%x, %w1 : tensor<1x1x5x3xf32>, tensor<1x2x3x8xf32>) outs(%i1 : tensor<1x1x4x8xf32>) -> tensor<1x1x4x8xf32>
  %y1 = tensor.insert_slice %c1 into %y0[0, 0, 1, 0] [1, 1, 4, 8] [1, 1, 2, 1] : tensor<1x1x4x8xf32> into tensor<1x1x8x8xf32>
  %e = tensor.empty() : tensor<1x8x1x8xf32>
  %z = linalg.generic {indexing_maps = [#nhwc_to_nchw, #id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
       ins(%y1, %r : tensor<1x1x8x8xf32>, tensor<1x8x1x8xf32>) outs(%e : tensor<1x8x1x8xf32>) {
  ^bb0(%v: f32, %u: f32, %o: f32):
    %s = arith.addf %v, %u : f32
    linalg.yield %s : f32
  } -> tensor<1x8x1x8xf32>
  return %z : tensor<1x8x1x8xf32>
}

// -----

#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#bias = affine_map<(d0, d1, d2, d3) -> (d3)>

// Phases as the lowering writes them with a bias: each convolution
// accumulates from zeros and an epilogue adds the bias into its slice of
// an empty result. The op after them (a requantization to i8 here) fuses
// with each phase's epilogue: the i32 result is never whole.
// WHOLE-LABEL: func.func @phase_epilogues
// WHOLE: tensor.insert_slice
// WHOLE: tensor.insert_slice
// WHOLE: linalg.generic {{.*}} outs(%{{.*}} : tensor<1x1x8x8xi8>)
// PHASES-LABEL: func.func @phase_epilogues
// PHASES-SAME: (%[[X:.*]]: tensor<1x1x5x3xi32>, %[[W0:.*]]: tensor<1x2x3x8xi32>, %[[W1:.*]]: tensor<1x2x3x8xi32>, %[[BIAS:.*]]: tensor<8xi32>)
// PHASES-NOT: tensor<1x1x8x8xi32>
// PHASES-DAG: %[[C0:.*]] = linalg.conv_2d_nhwc_hwcf {{.*}}ins(%[[X]], %[[W0]] :
// PHASES-DAG: %[[C1:.*]] = linalg.conv_2d_nhwc_hwcf {{.*}}ins(%[[X]], %[[W1]] :
// PHASES-DAG: %[[G0:.*]] = linalg.generic {{.*}} ins(%[[C0]], %[[BIAS]] : {{.*}}) outs(%{{.*}} : tensor<1x1x4x8xi8>)
// PHASES-DAG: %[[G1:.*]] = linalg.generic {{.*}} ins(%[[C1]], %[[BIAS]] : {{.*}}) outs(%{{.*}} : tensor<1x1x4x8xi8>)
// PHASES-DAG: %[[I0:.*]] = tensor.insert_slice %[[G0]] into %{{.*}}[0, 0, 0, 0] [1, 1, 4, 8] [1, 1, 2, 1]
// PHASES-DAG: %[[I1:.*]] = tensor.insert_slice %[[G1]] into %[[I0]][0, 0, 1, 0] [1, 1, 4, 8] [1, 1, 2, 1]
// PHASES: return %[[I1]]
func.func @phase_epilogues(%x: tensor<1x1x5x3xi32>, %w0: tensor<1x2x3x8xi32>, %w1: tensor<1x2x3x8xi32>,
                           %bias: tensor<8xi32>) -> tensor<1x1x8x8xi8> {
  %zero = arith.constant 0 : i32
  %e4 = tensor.empty() : tensor<1x1x4x8xi32>
  %z4 = linalg.fill ins(%zero : i32) outs(%e4 : tensor<1x1x4x8xi32>) -> tensor<1x1x4x8xi32>
  %eb = tensor.empty() : tensor<1x1x8x8xi32>
  %c0 = linalg.conv_2d_nhwc_hwcf ins(%x, %w0 : tensor<1x1x5x3xi32>, tensor<1x2x3x8xi32>) outs(%z4 : tensor<1x1x4x8xi32>) -> tensor<1x1x4x8xi32>
  %i0 = tensor.extract_slice %eb[0, 0, 0, 0] [1, 1, 4, 8] [1, 1, 2, 1] : tensor<1x1x8x8xi32> to tensor<1x1x4x8xi32>
  %b0 = linalg.generic {indexing_maps = [#id, #bias, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
       ins(%c0, %bias : tensor<1x1x4x8xi32>, tensor<8xi32>) outs(%i0 : tensor<1x1x4x8xi32>) {
  ^bb0(%v: i32, %u: i32, %o: i32):
    %s = arith.addi %v, %u : i32
    linalg.yield %s : i32
  } -> tensor<1x1x4x8xi32>
  %y0 = tensor.insert_slice %b0 into %eb[0, 0, 0, 0] [1, 1, 4, 8] [1, 1, 2, 1] : tensor<1x1x4x8xi32> into tensor<1x1x8x8xi32>
  %c1 = linalg.conv_2d_nhwc_hwcf ins(%x, %w1 : tensor<1x1x5x3xi32>, tensor<1x2x3x8xi32>) outs(%z4 : tensor<1x1x4x8xi32>) -> tensor<1x1x4x8xi32>
  %i1 = tensor.extract_slice %y0[0, 0, 1, 0] [1, 1, 4, 8] [1, 1, 2, 1] : tensor<1x1x8x8xi32> to tensor<1x1x4x8xi32>
  %b1 = linalg.generic {indexing_maps = [#id, #bias, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
       ins(%c1, %bias : tensor<1x1x4x8xi32>, tensor<8xi32>) outs(%i1 : tensor<1x1x4x8xi32>) {
  ^bb0(%v: i32, %u: i32, %o: i32):
    %s = arith.addi %v, %u : i32
    linalg.yield %s : i32
  } -> tensor<1x1x4x8xi32>
  %y1 = tensor.insert_slice %b1 into %y0[0, 0, 1, 0] [1, 1, 4, 8] [1, 1, 2, 1] : tensor<1x1x4x8xi32> into tensor<1x1x8x8xi32>
  %e = tensor.empty() : tensor<1x1x8x8xi8>
  %z = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
       ins(%y1 : tensor<1x1x8x8xi32>) outs(%e : tensor<1x1x8x8xi8>) {
  ^bb0(%v: i32, %o: i8):
    %s = arith.shrsi %v, %zero : i32
    %t = arith.trunci %s : i32 to i8
    linalg.yield %t : i8
  } -> tensor<1x1x8x8xi8>
  return %z : tensor<1x1x8x8xi8>
}

// -----

#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>

// Phases that leave columns to the bias alone (a stride larger than the
// kernel): the op also runs on the whole bias, under the phases.
// WHOLE-LABEL: func.func @uncovered
// WHOLE-COUNT-1: linalg.generic
// WHOLE-NOT: linalg.generic
// PHASES-LABEL: func.func @uncovered
// PHASES-SAME: (%[[X:.*]]: tensor<1x1x4x3xf32>, %[[W:.*]]: tensor<1x1x3x8xf32>, %[[B:.*]]: tensor<1x1x12x8xf32>)
// PHASES: %[[INIT:.*]] = tensor.extract_slice %[[B]][0, 0, 0, 0] [1, 1, 4, 8] [1, 1, 3, 1]
// PHASES: %[[C:.*]] = linalg.conv_2d_nhwc_hwcf {{.*}} outs(%[[INIT]]
// PHASES: %[[ALL:.*]] = linalg.generic {{.*}} ins(%[[B]] :
// PHASES: %[[PHASE:.*]] = linalg.generic {{.*}} ins(%[[C]] :
// PHASES: %[[I:.*]] = tensor.insert_slice %[[PHASE]] into %[[ALL]][0, 0, 0, 0] [1, 1, 4, 8] [1, 1, 3, 1]
// PHASES: return %[[I]]
func.func @uncovered(%x: tensor<1x1x4x3xf32>, %w: tensor<1x1x3x8xf32>, %b: tensor<1x1x12x8xf32>) -> tensor<1x1x12x8xf32> {
  %zero = arith.constant 0.0 : f32
  %i = tensor.extract_slice %b[0, 0, 0, 0] [1, 1, 4, 8] [1, 1, 3, 1] : tensor<1x1x12x8xf32> to tensor<1x1x4x8xf32>
  %c = linalg.conv_2d_nhwc_hwcf ins(%x, %w : tensor<1x1x4x3xf32>, tensor<1x1x3x8xf32>) outs(%i : tensor<1x1x4x8xf32>) -> tensor<1x1x4x8xf32>
  %y = tensor.insert_slice %c into %b[0, 0, 0, 0] [1, 1, 4, 8] [1, 1, 3, 1] : tensor<1x1x4x8xf32> into tensor<1x1x12x8xf32>
  %e = tensor.empty() : tensor<1x1x12x8xf32>
  %z = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
       ins(%y : tensor<1x1x12x8xf32>) outs(%e : tensor<1x1x12x8xf32>) {
  ^bb0(%v: f32, %o: f32):
    %m = arith.maximumf %v, %zero : f32
    linalg.yield %m : f32
  } -> tensor<1x1x12x8xf32>
  return %z : tensor<1x1x12x8xf32>
}

// -----

#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#bias = affine_map<(d0, d1, d2, d3) -> (d3)>

// The base is a bias broadcast: with distribute-over-phases each phase's
// convolution starts from a broadcast of its own, on its shape, which
// tiling fuses into its tiles; no whole-size base is left.
// WHOLE-LABEL: func.func @phases_from_bias
// WHOLE-COUNT-2: linalg.generic
// WHOLE-NOT: linalg.generic
// PHASES-LABEL: func.func @phases_from_bias
// PHASES-SAME: (%[[X:.*]]: tensor<1x1x5x3xf32>, %[[W0:.*]]: tensor<1x2x3x8xf32>, %[[W1:.*]]: tensor<1x2x3x8xf32>, %[[BIAS:.*]]: tensor<8xf32>)
// PHASES-NOT: outs(%{{.*}} : tensor<1x1x8x8xf32>)
// PHASES-DAG: %[[E0:.*]] = tensor.empty() : tensor<1x1x4x8xf32>
// PHASES-DAG: %[[B0:.*]] = linalg.generic {{.*}} ins(%[[BIAS]] : tensor<8xf32>) outs(%[[E0]] : tensor<1x1x4x8xf32>)
// PHASES-DAG: %[[C0:.*]] = linalg.conv_2d_nhwc_hwcf {{.*}}ins(%[[X]], %[[W0]] : {{.*}}) outs(%[[B0]] :
// PHASES-DAG: %[[B1:.*]] = linalg.generic {{.*}} ins(%[[BIAS]] : tensor<8xf32>) outs(%{{.*}} : tensor<1x1x4x8xf32>)
// PHASES-DAG: %[[C1:.*]] = linalg.conv_2d_nhwc_hwcf {{.*}}ins(%[[X]], %[[W1]] : {{.*}}) outs(%[[B1]] :
// PHASES-DAG: linalg.generic {{.*}} ins(%[[C0]] :
// PHASES-DAG: linalg.generic {{.*}} ins(%[[C1]] :
// PHASES: return
func.func @phases_from_bias(%x: tensor<1x1x5x3xf32>, %w0: tensor<1x2x3x8xf32>, %w1: tensor<1x2x3x8xf32>,
                            %bias: tensor<8xf32>) -> tensor<1x1x8x8xf32> {
  %zero = arith.constant 0.0 : f32
  %eb = tensor.empty() : tensor<1x1x8x8xf32>
  %b = linalg.generic {indexing_maps = [#bias, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
       ins(%bias : tensor<8xf32>) outs(%eb : tensor<1x1x8x8xf32>) {
  ^bb0(%v: f32, %o: f32):
    linalg.yield %v : f32
  } -> tensor<1x1x8x8xf32>
  %i0 = tensor.extract_slice %b[0, 0, 0, 0] [1, 1, 4, 8] [1, 1, 2, 1] : tensor<1x1x8x8xf32> to tensor<1x1x4x8xf32>
  %c0 = linalg.conv_2d_nhwc_hwcf ins(%x, %w0 : tensor<1x1x5x3xf32>, tensor<1x2x3x8xf32>) outs(%i0 : tensor<1x1x4x8xf32>) -> tensor<1x1x4x8xf32>
  %y0 = tensor.insert_slice %c0 into %b[0, 0, 0, 0] [1, 1, 4, 8] [1, 1, 2, 1] : tensor<1x1x4x8xf32> into tensor<1x1x8x8xf32>
  %i1 = tensor.extract_slice %y0[0, 0, 1, 0] [1, 1, 4, 8] [1, 1, 2, 1] : tensor<1x1x8x8xf32> to tensor<1x1x4x8xf32>
  %c1 = linalg.conv_2d_nhwc_hwcf ins(%x, %w1 : tensor<1x1x5x3xf32>, tensor<1x2x3x8xf32>) outs(%i1 : tensor<1x1x4x8xf32>) -> tensor<1x1x4x8xf32>
  %y1 = tensor.insert_slice %c1 into %y0[0, 0, 1, 0] [1, 1, 4, 8] [1, 1, 2, 1] : tensor<1x1x4x8xf32> into tensor<1x1x8x8xf32>
  %e = tensor.empty() : tensor<1x1x8x8xf32>
  %z = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
       ins(%y1 : tensor<1x1x8x8xf32>) outs(%e : tensor<1x1x8x8xf32>) {
  ^bb0(%v: f32, %o: f32):
    %m = arith.maximumf %v, %zero : f32
    linalg.yield %m : f32
  } -> tensor<1x1x8x8xf32>
  return %z : tensor<1x1x8x8xf32>
}

// -----

#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#channel = affine_map<(d0, d1, d2, d3) -> (d1)>

// A chain that narrows the elements of a transpose's result (i32 scaled
// and shifted per channel, then requantized to i8) runs before the
// transpose, in its source's order: the transpose moves i8.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[C:.*]] = affine_map<(d0, d1, d2, d3) -> (d3)>
// CHECK-LABEL: func.func @narrow_before_transpose
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x4x8xi32>, %[[S:.*]]: tensor<8xf32>, %[[B:.*]]: tensor<8xf32>)
// CHECK: %[[N:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[C]], #[[C]], #[[ID]]]
// CHECK-SAME: ins(%[[X]], %[[S]], %[[B]] : tensor<1x4x4x8xi32>, tensor<8xf32>, tensor<8xf32>) outs(%{{.*}} : tensor<1x4x4x8xi8>)
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK: arith.fptosi
// CHECK: %[[T:.*]] = linalg.transpose ins(%[[N]] : tensor<1x4x4x8xi8>) outs(%{{.*}} : tensor<1x8x4x4xi8>) permutation = [0, 3, 1, 2]
// CHECK: return %[[T]]
func.func @narrow_before_transpose(%x: tensor<1x4x4x8xi32>, %s: tensor<8xf32>, %b: tensor<8xf32>) -> tensor<1x8x4x4xi8> {
  %e1 = tensor.empty() : tensor<1x8x4x4xi32>
  %t = linalg.transpose ins(%x : tensor<1x4x4x8xi32>) outs(%e1 : tensor<1x8x4x4xi32>) permutation = [0, 3, 1, 2]
  %e2 = tensor.empty() : tensor<1x8x4x4xf32>
  %f = linalg.generic {indexing_maps = [#id, #channel, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
       ins(%t, %s : tensor<1x8x4x4xi32>, tensor<8xf32>) outs(%e2 : tensor<1x8x4x4xf32>) {
  ^bb0(%a: i32, %m: f32, %o: f32):
    %v = arith.sitofp %a : i32 to f32
    %w = arith.mulf %v, %m : f32
    linalg.yield %w : f32
  } -> tensor<1x8x4x4xf32>
  %e3 = tensor.empty() : tensor<1x8x4x4xi8>
  %q = linalg.generic {indexing_maps = [#id, #channel, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
       ins(%f, %b : tensor<1x8x4x4xf32>, tensor<8xf32>) outs(%e3 : tensor<1x8x4x4xi8>) {
  ^bb0(%v: f32, %c: f32, %o: i8):
    %w = arith.addf %v, %c : f32
    %i = arith.fptosi %w : f32 to i8
    linalg.yield %i : i8
  } -> tensor<1x8x4x4xi8>
  return %q : tensor<1x8x4x4xi8>
}

// -----

#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>

// A narrowing op that also reads a whole tensor in the transposed order
// stays after the transpose (fused with it): moved, it would read that
// tensor transposed.
// CHECK-LABEL: func.func @narrow_with_residual
// CHECK-NOT: linalg.transpose
// CHECK: linalg.generic
// CHECK-SAME: ins(%{{.*}}, %{{.*}} : tensor<1x4x4x8xi32>, tensor<1x8x4x4xi8>) outs(%{{.*}} : tensor<1x8x4x4xi8>)
// CHECK-NOT: linalg.transpose
func.func @narrow_with_residual(%x: tensor<1x4x4x8xi32>, %r: tensor<1x8x4x4xi8>) -> tensor<1x8x4x4xi8> {
  %e1 = tensor.empty() : tensor<1x8x4x4xi32>
  %t = linalg.transpose ins(%x : tensor<1x4x4x8xi32>) outs(%e1 : tensor<1x8x4x4xi32>) permutation = [0, 3, 1, 2]
  %e2 = tensor.empty() : tensor<1x8x4x4xi8>
  %q = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
       ins(%t, %r : tensor<1x8x4x4xi32>, tensor<1x8x4x4xi8>) outs(%e2 : tensor<1x8x4x4xi8>) {
  ^bb0(%a: i32, %b: i8, %o: i8):
    %n = arith.trunci %a : i32 to i8
    %s = arith.addi %n, %b : i8
    linalg.yield %s : i8
  } -> tensor<1x8x4x4xi8>
  return %q : tensor<1x8x4x4xi8>
}

// -----

#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#channel = affine_map<(d0, d1, d2, d3) -> (d1)>

// The phases of a channels-first layer computed channels-last, the
// transpose back and a requantization to i8: each phase's tiles are
// requantized (the i8 op becomes their epilogue), and the transpose moves
// the i8 result. Each phase's op writes its slice of the phases written
// before it (not of the empty result, which bufferization would then copy).
// WHOLE-LABEL: func.func @requantized_phases
// WHOLE: linalg.generic {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x1x8x8xi32>, tensor<8xf32>) outs(%{{.*}} : tensor<1x1x8x8xi8>)
// WHOLE: linalg.transpose ins(%{{.*}} : tensor<1x1x8x8xi8>)
// PHASES-LABEL: func.func @requantized_phases
// PHASES-NOT: tensor<1x8x1x8xi32>
// PHASES: %[[C0:.*]] = linalg.conv_2d_nhwc_hwcf
// PHASES: %[[C1:.*]] = linalg.conv_2d_nhwc_hwcf
// PHASES: %[[Q0:.*]] = linalg.generic {{.*}} ins(%[[C0]], %{{.*}} : tensor<1x1x4x8xi32>, tensor<8xf32>) outs(%{{.*}} : tensor<1x1x4x8xi8>)
// PHASES: %[[Y0:.*]] = tensor.insert_slice %[[Q0]] into %{{.*}}[0, 0, 0, 0] [1, 1, 4, 8] [1, 1, 2, 1] : tensor<1x1x4x8xi8> into tensor<1x1x8x8xi8>
// PHASES: %[[O1:.*]] = tensor.extract_slice %[[Y0]][0, 0, 1, 0] [1, 1, 4, 8] [1, 1, 2, 1]
// PHASES: %[[Q1:.*]] = linalg.generic {{.*}} ins(%[[C1]], %{{.*}} : tensor<1x1x4x8xi32>, tensor<8xf32>) outs(%[[O1]] : tensor<1x1x4x8xi8>)
// PHASES: %[[Y1:.*]] = tensor.insert_slice %[[Q1]] into %[[Y0]][0, 0, 1, 0]
// PHASES: %[[T:.*]] = linalg.transpose ins(%[[Y1]] : tensor<1x1x8x8xi8>) outs(%{{.*}} : tensor<1x8x1x8xi8>) permutation = [0, 3, 1, 2]
// PHASES-NOT: tensor<1x8x1x8xi32>
// PHASES: return %[[T]]
func.func @requantized_phases(%x: tensor<1x1x5x3xi32>, %w0: tensor<1x2x3x8xi32>, %w1: tensor<1x2x3x8xi32>,
                              %s: tensor<8xf32>) -> tensor<1x8x1x8xi8> {
  %zero = arith.constant 0 : i32
  %eb = tensor.empty() : tensor<1x1x8x8xi32>
  %b = linalg.fill ins(%zero : i32) outs(%eb : tensor<1x1x8x8xi32>) -> tensor<1x1x8x8xi32>
  %i0 = tensor.extract_slice %b[0, 0, 0, 0] [1, 1, 4, 8] [1, 1, 2, 1] : tensor<1x1x8x8xi32> to tensor<1x1x4x8xi32>
  %c0 = linalg.conv_2d_nhwc_hwcf ins(%x, %w0 : tensor<1x1x5x3xi32>, tensor<1x2x3x8xi32>) outs(%i0 : tensor<1x1x4x8xi32>) -> tensor<1x1x4x8xi32>
  %y0 = tensor.insert_slice %c0 into %eb[0, 0, 0, 0] [1, 1, 4, 8] [1, 1, 2, 1] : tensor<1x1x4x8xi32> into tensor<1x1x8x8xi32>
  %i1 = tensor.extract_slice %b[0, 0, 1, 0] [1, 1, 4, 8] [1, 1, 2, 1] : tensor<1x1x8x8xi32> to tensor<1x1x4x8xi32>
  %c1 = linalg.conv_2d_nhwc_hwcf ins(%x, %w1 : tensor<1x1x5x3xi32>, tensor<1x2x3x8xi32>) outs(%i1 : tensor<1x1x4x8xi32>) -> tensor<1x1x4x8xi32>
  %y1 = tensor.insert_slice %c1 into %y0[0, 0, 1, 0] [1, 1, 4, 8] [1, 1, 2, 1] : tensor<1x1x4x8xi32> into tensor<1x1x8x8xi32>
  %e1 = tensor.empty() : tensor<1x8x1x8xi32>
  %t = linalg.transpose ins(%y1 : tensor<1x1x8x8xi32>) outs(%e1 : tensor<1x8x1x8xi32>) permutation = [0, 3, 1, 2]
  %e2 = tensor.empty() : tensor<1x8x1x8xi8>
  %q = linalg.generic {indexing_maps = [#id, #channel, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
       ins(%t, %s : tensor<1x8x1x8xi32>, tensor<8xf32>) outs(%e2 : tensor<1x8x1x8xi8>) {
  ^bb0(%a: i32, %m: f32, %o: i8):
    %v = arith.sitofp %a : i32 to f32
    %w = arith.mulf %v, %m : f32
    %i = arith.fptosi %w : f32 to i8
    linalg.yield %i : i8
  } -> tensor<1x8x1x8xi8>
  return %q : tensor<1x8x1x8xi8>
}

// -----

#cl = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>

// The sub-pixel algorithm's pixel shuffle (expand, transpose, collapse) and
// a residual add after it: the add is expanded to the transpose's shape and
// fuses with it, one pass over the result that reads the convolution's
// blocks transposing.
// CHECK-LABEL: func.func @pixel_shuffle
// CHECK-SAME: (%[[X:.*]]: tensor<1x16x4xf32>, %[[W:.*]]: tensor<1x4x32xf32>, %[[R:.*]]: tensor<1x8x8x8xf32>)
// CHECK: %[[C:.*]] = linalg.conv_1d_nwc_wcf
// CHECK: %[[B:.*]] = tensor.expand_shape %[[C]] {{\[}}[0], [1, 2], [3, 4, 5]] output_shape [1, 4, 4, 2, 2, 8]
// CHECK: %[[RE:.*]] = tensor.expand_shape %[[R]] {{\[}}[0], [1, 2], [3, 4], [5]] output_shape [1, 4, 2, 4, 2, 8]
// CHECK: %[[G:.*]] = linalg.generic
// CHECK-SAME: ins(%[[B]], %[[RE]] : tensor<1x4x4x2x2x8xf32>, tensor<1x4x2x4x2x8xf32>)
// CHECK: arith.addf
// CHECK: %[[Y:.*]] = tensor.collapse_shape %[[G]]
// CHECK-NOT: linalg
// CHECK: return %[[Y]]
func.func @pixel_shuffle(%x: tensor<1x16x4xf32>, %w: tensor<1x4x32xf32>, %r: tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32> {
  %zero = arith.constant 0.0 : f32
  %ec = tensor.empty() : tensor<1x16x32xf32>
  %init = linalg.fill ins(%zero : f32) outs(%ec : tensor<1x16x32xf32>) -> tensor<1x16x32xf32>
  %c = linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
       ins(%x, %w : tensor<1x16x4xf32>, tensor<1x4x32xf32>) outs(%init : tensor<1x16x32xf32>) -> tensor<1x16x32xf32>
  %blocks = tensor.expand_shape %c [[0], [1, 2], [3, 4, 5]] output_shape [1, 4, 4, 2, 2, 8] : tensor<1x16x32xf32> into tensor<1x4x4x2x2x8xf32>
  %et = tensor.empty() : tensor<1x4x2x4x2x8xf32>
  %t = linalg.transpose ins(%blocks : tensor<1x4x4x2x2x8xf32>) outs(%et : tensor<1x4x2x4x2x8xf32>) permutation = [0, 1, 3, 2, 4, 5]
  %y = tensor.collapse_shape %t [[0], [1, 2], [3, 4], [5]] : tensor<1x4x2x4x2x8xf32> into tensor<1x8x8x8xf32>
  %e = tensor.empty() : tensor<1x8x8x8xf32>
  %s = linalg.generic {indexing_maps = [#cl, #cl, #cl], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
       ins(%y, %r : tensor<1x8x8x8xf32>, tensor<1x8x8x8xf32>) outs(%e : tensor<1x8x8x8xf32>) {
  ^bb0(%v: f32, %u: f32, %o: f32):
    %m = arith.addf %v, %u : f32
    linalg.yield %m : f32
  } -> tensor<1x8x8x8xf32>
  return %s : tensor<1x8x8x8xf32>
}

// A channels-first result: the pixel shuffle then the transpose back to
// channels-first, one op (one pass over the result) on the shuffle's
// expanded shape, whose innermost dim is the sub-pixel offset
// (tconv-tile-and-vectorize writes it in blocks of w x kw).
// CHECK-LABEL: func.func @pixel_shuffle_channels_first
// CHECK: %[[C:.*]] = linalg.conv_1d_nwc_wcf
// CHECK: %[[B:.*]] = tensor.expand_shape %[[C]] {{\[}}[0], [1, 2], [3, 4, 5]] output_shape [1, 4, 4, 2, 2, 8]
// CHECK: %[[E:.*]] = tensor.empty() : tensor<1x8x64xf32>
// CHECK: %[[EE:.*]] = tensor.expand_shape %[[E]] {{\[}}[0], [1], [2, 3, 4, 5]] output_shape [1, 8, 4, 2, 4, 2]
// CHECK: %[[G:.*]] = linalg.generic
// CHECK-SAME: ins(%[[B]] : tensor<1x4x4x2x2x8xf32>) outs(%[[EE]] : tensor<1x8x4x2x4x2xf32>)
// CHECK-NOT: linalg.transpose
// CHECK: %[[Y:.*]] = tensor.collapse_shape %[[G]] {{\[}}[0], [1], [2, 3, 4, 5]]
// CHECK: return %[[Y]]
func.func @pixel_shuffle_channels_first(%x: tensor<1x16x4xf32>, %w: tensor<1x4x32xf32>) -> tensor<1x8x64xf32> {
  %zero = arith.constant 0.0 : f32
  %ec = tensor.empty() : tensor<1x16x32xf32>
  %init = linalg.fill ins(%zero : f32) outs(%ec : tensor<1x16x32xf32>) -> tensor<1x16x32xf32>
  %c = linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
       ins(%x, %w : tensor<1x16x4xf32>, tensor<1x4x32xf32>) outs(%init : tensor<1x16x32xf32>) -> tensor<1x16x32xf32>
  %blocks = tensor.expand_shape %c [[0], [1, 2], [3, 4, 5]] output_shape [1, 4, 4, 2, 2, 8] : tensor<1x16x32xf32> into tensor<1x4x4x2x2x8xf32>
  %et = tensor.empty() : tensor<1x4x2x4x2x8xf32>
  %t = linalg.transpose ins(%blocks : tensor<1x4x4x2x2x8xf32>) outs(%et : tensor<1x4x2x4x2x8xf32>) permutation = [0, 1, 3, 2, 4, 5]
  %y = tensor.collapse_shape %t [[0], [1, 2, 3, 4], [5]] : tensor<1x4x2x4x2x8xf32> into tensor<1x64x8xf32>
  %e = tensor.empty() : tensor<1x8x64xf32>
  %s = linalg.transpose ins(%y : tensor<1x64x8xf32>) outs(%e : tensor<1x8x64xf32>) permutation = [0, 2, 1]
  return %s : tensor<1x8x64xf32>
}

// -----

#flat = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#tap = affine_map<(d0, d1, d2) -> (d2)>
#channel = affine_map<(d0, d1, d2) -> (d1)>

// The GEMM lowering's channels-first result, requantized per channel: the
// requantization moves before both transposes (the depth-to-space one read
// through a collapse) and fuses with the bias, on the convolution's shape,
// its scales broadcast along the taps as the bias is; the transposes, one
// op, move i8.
// CHECK-DAG: #[[FLAT:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[TAP:.*]] = affine_map<(d0, d1, d2) -> (d2)>
// CHECK-LABEL: func.func @requantized_depth_to_space
// CHECK-SAME: (%{{.*}}: tensor<1x16x4xi32>, %{{.*}}: tensor<1x4x32xi32>, %[[B:.*]]: tensor<32xi32>, %[[S:.*]]: tensor<8xf32>)
// CHECK: %[[C:.*]] = linalg.conv_1d_nwc_wcf
// CHECK: %[[SB:.*]] = linalg.broadcast ins(%[[S]] : tensor<8xf32>) outs(%{{.*}} : tensor<2x2x8xf32>) dimensions = [0, 1]
// CHECK: %[[SC:.*]] = tensor.collapse_shape %[[SB]] {{\[}}[0, 1, 2]] : tensor<2x2x8xf32> into tensor<32xf32>
// CHECK: %[[Q:.*]] = linalg.generic {indexing_maps = [#[[FLAT]], #[[TAP]], #[[TAP]], #[[FLAT]]]
// CHECK-SAME: ins(%[[C]], %[[B]], %[[SC]] : tensor<1x16x32xi32>, tensor<32xi32>, tensor<32xf32>) outs(%{{.*}} : tensor<1x16x32xi8>)
// CHECK: arith.addi
// CHECK: arith.fptosi
// CHECK: %[[QB:.*]] = tensor.expand_shape %[[Q]] {{\[}}[0], [1, 2], [3, 4, 5]] output_shape [1, 4, 4, 2, 2, 8]
// CHECK: %[[T:.*]] = linalg.generic
// CHECK-SAME: ins(%[[QB]] : tensor<1x4x4x2x2x8xi8>) outs(%{{.*}} : tensor<1x8x4x2x4x2xi8>)
// CHECK-NEXT: ^bb0(%[[IN:.*]]: i8, %{{.*}}: i8):
// CHECK-NEXT: linalg.yield %[[IN]]
// CHECK-NOT: linalg.transpose
// CHECK: %[[Y:.*]] = tensor.collapse_shape %[[T]]
// CHECK: return %[[Y]]
func.func @requantized_depth_to_space(%x: tensor<1x16x4xi32>, %w: tensor<1x4x32xi32>, %b: tensor<32xi32>, %s: tensor<8xf32>) -> tensor<1x8x64xi8> {
  %zero = arith.constant 0 : i32
  %ec = tensor.empty() : tensor<1x16x32xi32>
  %init = linalg.fill ins(%zero : i32) outs(%ec : tensor<1x16x32xi32>) -> tensor<1x16x32xi32>
  %c = linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
       ins(%x, %w : tensor<1x16x4xi32>, tensor<1x4x32xi32>) outs(%init : tensor<1x16x32xi32>) -> tensor<1x16x32xi32>
  %biased = linalg.generic {indexing_maps = [#flat, #tap, #flat], iterator_types = ["parallel", "parallel", "parallel"]}
       ins(%c, %b : tensor<1x16x32xi32>, tensor<32xi32>) outs(%ec : tensor<1x16x32xi32>) {
  ^bb0(%a: i32, %v: i32, %o: i32):
    %r = arith.addi %a, %v : i32
    linalg.yield %r : i32
  } -> tensor<1x16x32xi32>
  %blocks = tensor.expand_shape %biased [[0], [1, 2], [3, 4, 5]] output_shape [1, 4, 4, 2, 2, 8] : tensor<1x16x32xi32> into tensor<1x4x4x2x2x8xi32>
  %et = tensor.empty() : tensor<1x4x2x4x2x8xi32>
  %t = linalg.transpose ins(%blocks : tensor<1x4x4x2x2x8xi32>) outs(%et : tensor<1x4x2x4x2x8xi32>) permutation = [0, 1, 3, 2, 4, 5]
  %y = tensor.collapse_shape %t [[0], [1, 2, 3, 4], [5]] : tensor<1x4x2x4x2x8xi32> into tensor<1x64x8xi32>
  %e = tensor.empty() : tensor<1x8x64xi32>
  %cf = linalg.transpose ins(%y : tensor<1x64x8xi32>) outs(%e : tensor<1x8x64xi32>) permutation = [0, 2, 1]
  %eq = tensor.empty() : tensor<1x8x64xi8>
  %q = linalg.generic {indexing_maps = [#flat, #channel, #flat], iterator_types = ["parallel", "parallel", "parallel"]}
       ins(%cf, %s : tensor<1x8x64xi32>, tensor<8xf32>) outs(%eq : tensor<1x8x64xi8>) {
  ^bb0(%a: i32, %m: f32, %o: i8):
    %v = arith.sitofp %a : i32 to f32
    %p = arith.mulf %v, %m : f32
    %i = arith.fptosi %p : f32 to i8
    linalg.yield %i : i8
  } -> tensor<1x8x64xi8>
  return %q : tensor<1x8x64xi8>
}

// -----

#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>

// The sub-pixel pixel shuffle into a cropped result (convert-tconv-to-linalg,
// W cropped at residue 1): two transposes of blocks (N, M_h, M_w, r_h, r_w,
// C) into the result viewed as (N, a_h, b_h, a_w, b_w, C). By default the
// residual add is computed part by part, each fused with its transpose:
// one pass over the result, nothing on the whole of it.
// WHOLE-LABEL: func.func @shuffle_parts
// WHOLE-COUNT-2: linalg.transpose
// WHOLE: linalg.generic
// PHASES-LABEL: func.func @shuffle_parts
// PHASES-SAME: (%[[Y:.*]]: tensor<1x2x3x2x2x4xf32>, %[[R:.*]]: tensor<1x4x4x4xf32>)
// PHASES-NOT: linalg.transpose
// PHASES-DAG: %[[Y0:.*]] = tensor.extract_slice %[[Y]][0, 0, 0, 0, 1, 0] [1, 2, 2, 2, 1, 4]
// PHASES-DAG: %[[Y1:.*]] = tensor.extract_slice %[[Y]][0, 0, 1, 0, 0, 0] [1, 2, 2, 2, 1, 4]
// PHASES-DAG: %[[RE:.*]] = tensor.expand_shape %[[R]] {{\[\[}}0], [1, 2], [3, 4], [5]]
// PHASES-DAG: %[[R0:.*]] = tensor.extract_slice %[[RE]][0, 0, 0, 0, 0, 0] [1, 2, 2, 2, 1, 4]
// PHASES-DAG: %[[R1:.*]] = tensor.extract_slice %[[RE]][0, 0, 0, 0, 1, 0] [1, 2, 2, 2, 1, 4]
// PHASES-DAG: %[[G0:.*]] = linalg.generic {indexing_maps = [#[[$SHUFFLE:.*]], #{{.*}}, #{{.*}}], {{.*}} ins(%[[Y0]], %[[R0]] :
// PHASES-DAG: %[[G1:.*]] = linalg.generic {indexing_maps = [#[[$SHUFFLE]], #{{.*}}, #{{.*}}], {{.*}} ins(%[[Y1]], %[[R1]] :
// PHASES-DAG: %[[I0:.*]] = tensor.insert_slice %[[G0]] into %{{.*}}[0, 0, 0, 0, 0, 0] [1, 2, 2, 2, 1, 4]
// PHASES-DAG: %[[I1:.*]] = tensor.insert_slice %[[G1]] into %[[I0]][0, 0, 0, 0, 1, 0] [1, 2, 2, 2, 1, 4]
// PHASES: %[[C:.*]] = tensor.collapse_shape %[[I1]] {{\[\[}}0], [1, 2], [3, 4], [5]]
// PHASES: return %[[C]]
func.func @shuffle_parts(%y: tensor<1x2x3x2x2x4xf32>, %r: tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32> {
  %e = tensor.empty() : tensor<1x2x2x2x2x4xf32>
  %s0 = tensor.extract_slice %y[0, 0, 0, 0, 1, 0] [1, 2, 2, 2, 1, 4] [1, 1, 1, 1, 1, 1] : tensor<1x2x3x2x2x4xf32> to tensor<1x2x2x2x1x4xf32>
  %d0 = tensor.extract_slice %e[0, 0, 0, 0, 0, 0] [1, 2, 2, 2, 1, 4] [1, 1, 1, 1, 1, 1] : tensor<1x2x2x2x2x4xf32> to tensor<1x2x2x2x1x4xf32>
  %t0 = linalg.transpose ins(%s0 : tensor<1x2x2x2x1x4xf32>) outs(%d0 : tensor<1x2x2x2x1x4xf32>) permutation = [0, 1, 3, 2, 4, 5]
  %i0 = tensor.insert_slice %t0 into %e[0, 0, 0, 0, 0, 0] [1, 2, 2, 2, 1, 4] [1, 1, 1, 1, 1, 1] : tensor<1x2x2x2x1x4xf32> into tensor<1x2x2x2x2x4xf32>
  %s1 = tensor.extract_slice %y[0, 0, 1, 0, 0, 0] [1, 2, 2, 2, 1, 4] [1, 1, 1, 1, 1, 1] : tensor<1x2x3x2x2x4xf32> to tensor<1x2x2x2x1x4xf32>
  %d1 = tensor.extract_slice %i0[0, 0, 0, 0, 1, 0] [1, 2, 2, 2, 1, 4] [1, 1, 1, 1, 1, 1] : tensor<1x2x2x2x2x4xf32> to tensor<1x2x2x2x1x4xf32>
  %t1 = linalg.transpose ins(%s1 : tensor<1x2x2x2x1x4xf32>) outs(%d1 : tensor<1x2x2x2x1x4xf32>) permutation = [0, 1, 3, 2, 4, 5]
  %i1 = tensor.insert_slice %t1 into %i0[0, 0, 0, 0, 1, 0] [1, 2, 2, 2, 1, 4] [1, 1, 1, 1, 1, 1] : tensor<1x2x2x2x1x4xf32> into tensor<1x2x2x2x2x4xf32>
  %c = tensor.collapse_shape %i1 [[0], [1, 2], [3, 4], [5]] : tensor<1x2x2x2x2x4xf32> into tensor<1x4x4x4xf32>
  %o = tensor.empty() : tensor<1x4x4x4xf32>
  %z = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
       ins(%c, %r : tensor<1x4x4x4xf32>, tensor<1x4x4x4xf32>) outs(%o : tensor<1x4x4x4xf32>) {
  ^bb0(%v: f32, %u: f32, %out: f32):
    %s = arith.addf %v, %u : f32
    linalg.yield %s : f32
  } -> tensor<1x4x4x4xf32>
  return %z : tensor<1x4x4x4xf32>
}

// -----

// A chain after a channels-last sub-pixel result written in 64-byte chunks
// (its parts inserted into a view (N, a1, b1, a2, chunks, chunk), collapsed
// and expanded to (N, H, W, C)) is computed on the view: the residual
// reshaped to it, the per-channel scale repeated over a block's chunks
// (channel (16 q + l) mod 8), and then by part, fused with each part's
// shuffle. Left whole without the distribution.
// CHECK-LABEL: func.func @chunked_view
// PHASES-SAME: (%[[A0:.*]]: tensor<1x2x2x1x2x16xf32>, %[[A1:.*]]: tensor<1x2x2x1x2x16xf32>, %[[S:.*]]: tensor<8xf32>, %[[R:.*]]: tensor<1x4x8x8xf32>)
// PHASES: %[[REP:.*]] = tensor.generate
// PHASES: %[[CH:.*]] = arith.remui %{{.*}}, %c8
// PHASES: tensor.extract %[[S]][%[[CH]]]
// PHASES: } : tensor<2x16xf32>
// PHASES: %[[RF:.*]] = tensor.collapse_shape %[[R]] {{\[\[}}0], [1], [2, 3]] : tensor<1x4x8x8xf32> into tensor<1x4x64xf32>
// PHASES: %[[RV:.*]] = tensor.expand_shape %[[RF]] {{\[\[}}0], [1, 2], [3, 4, 5]] output_shape [1, 2, 2, 2, 2, 16]
// PHASES: %[[R0:.*]] = tensor.extract_slice %[[RV]][0, 0, 0, 0, 0, 0] [1, 2, 1, 2, 2, 16]
// PHASES: %[[P0:.*]] = linalg.generic {{.*}} ins(%[[A0]], %[[REP]], %[[R0]] : {{.*}}) outs(%{{.*}} : tensor<1x2x1x2x2x16xf32>)
// PHASES: %[[V0:.*]] = tensor.insert_slice %[[P0]] into %{{.*}}[0, 0, 0, 0, 0, 0] [1, 2, 1, 2, 2, 16]
// PHASES: %[[R1:.*]] = tensor.extract_slice %[[RV]][0, 0, 1, 0, 0, 0] [1, 2, 1, 2, 2, 16]
// PHASES: %[[P1:.*]] = linalg.generic {{.*}} ins(%[[A1]], %[[REP]], %[[R1]] : {{.*}}) outs(%{{.*}} : tensor<1x2x1x2x2x16xf32>)
// PHASES: %[[V1:.*]] = tensor.insert_slice %[[P1]] into %[[V0]][0, 0, 1, 0, 0, 0] [1, 2, 1, 2, 2, 16]
// PHASES: %[[F:.*]] = tensor.collapse_shape %[[V1]] {{\[\[}}0], [1, 2], [3, 4, 5]]
// PHASES: %[[Z:.*]] = tensor.expand_shape %[[F]] {{\[\[}}0], [1], [2, 3]] output_shape [1, 4, 8, 8]
// PHASES: return %[[Z]]
// WHOLE: linalg.generic {{.*}} ins(%{{.*}}, %{{.*}}, %{{.*}} : tensor<1x4x8x8xf32>, tensor<8xf32>, tensor<1x4x8x8xf32>)
// WHOLE-NOT: tensor.generate
#nhwc = affine_map<(n, h, w, c) -> (n, h, w, c)>
#nhwc_c = affine_map<(n, h, w, c) -> (c)>
func.func @chunked_view(%a0: tensor<1x2x2x1x2x16xf32>, %a1: tensor<1x2x2x1x2x16xf32>,
                        %s: tensor<8xf32>, %r: tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32> {
  %view = tensor.empty() : tensor<1x2x2x2x2x16xf32>
  %d0 = tensor.extract_slice %view[0, 0, 0, 0, 0, 0] [1, 2, 1, 2, 2, 16] [1, 1, 1, 1, 1, 1] : tensor<1x2x2x2x2x16xf32> to tensor<1x2x1x2x2x16xf32>
  %t0 = linalg.transpose ins(%a0 : tensor<1x2x2x1x2x16xf32>) outs(%d0 : tensor<1x2x1x2x2x16xf32>) permutation = [0, 1, 3, 2, 4, 5]
  %v0 = tensor.insert_slice %t0 into %view[0, 0, 0, 0, 0, 0] [1, 2, 1, 2, 2, 16] [1, 1, 1, 1, 1, 1] : tensor<1x2x1x2x2x16xf32> into tensor<1x2x2x2x2x16xf32>
  %d1 = tensor.extract_slice %v0[0, 0, 1, 0, 0, 0] [1, 2, 1, 2, 2, 16] [1, 1, 1, 1, 1, 1] : tensor<1x2x2x2x2x16xf32> to tensor<1x2x1x2x2x16xf32>
  %t1 = linalg.transpose ins(%a1 : tensor<1x2x2x1x2x16xf32>) outs(%d1 : tensor<1x2x1x2x2x16xf32>) permutation = [0, 1, 3, 2, 4, 5]
  %v1 = tensor.insert_slice %t1 into %v0[0, 0, 1, 0, 0, 0] [1, 2, 1, 2, 2, 16] [1, 1, 1, 1, 1, 1] : tensor<1x2x1x2x2x16xf32> into tensor<1x2x2x2x2x16xf32>
  %flat = tensor.collapse_shape %v1 [[0], [1, 2], [3, 4, 5]] : tensor<1x2x2x2x2x16xf32> into tensor<1x4x64xf32>
  %y = tensor.expand_shape %flat [[0], [1], [2, 3]] output_shape [1, 4, 8, 8] : tensor<1x4x64xf32> into tensor<1x4x8x8xf32>
  %e = tensor.empty() : tensor<1x4x8x8xf32>
  %z = linalg.generic {indexing_maps = [#nhwc, #nhwc_c, #nhwc, #nhwc], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%y, %s, %r : tensor<1x4x8x8xf32>, tensor<8xf32>, tensor<1x4x8x8xf32>) outs(%e : tensor<1x4x8x8xf32>) {
  ^bb0(%v: f32, %sc: f32, %u: f32, %o: f32):
    %m = arith.mulf %v, %sc : f32
    %a = arith.addf %m, %u : f32
    linalg.yield %a : f32
  } -> tensor<1x4x8x8xf32>
  return %z : tensor<1x4x8x8xf32>
}
