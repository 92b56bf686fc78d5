// Execution tests: a per-channel scale and shift after a conv_transpose (an
// inference batch norm, a bias add, a scale), folded into its weights and
// bias by tconv-fold-channel-affine in the pipeline where the scale is
// fixed (a weight marked tconv.pack, as whole models mark their parameter
// blob) and else (here: 60 weights, 100 results) computed by the register
// tiles' epilogue, computes what
// the scatter reference followed by y * s + t computes (in double,
// Inputs/channel_affine_reference.py; normwise tolerance 1e-5).

// RUN: %python %S/Inputs/write_npy.py --seed 31 %t.bn.x.npy=2x4x5x5 %t.bn.w.npy=4x3x4x4 %t.bn.b.npy=6 %t.bn.s.npy=6 %t.bn.t.npy=6
// RUN: %python %S/Inputs/channel_affine_reference.py bn_groups %t.bn
// RUN: tconv-run %s --entry=bn_groups --inputs=%t.bn.x.npy,%t.bn.w.npy,%t.bn.b.npy,%t.bn.s.npy,%t.bn.t.npy --output=%t.bn.out.npy
// RUN: %python %S/Inputs/compare_npy.py %t.bn.out.npy %t.bn.expected.npy | FileCheck %s
// RUN: tconv-run %s --entry=bn_groups --inputs=%t.bn.x.npy,%t.bn.w.npy,%t.bn.b.npy,%t.bn.s.npy,%t.bn.t.npy --output=%t.bn.out.npy --target-cpu=haswell
// RUN: %python %S/Inputs/compare_npy.py %t.bn.out.npy %t.bn.expected.npy | FileCheck %s

// RUN: %python %S/Inputs/write_npy.py --seed 32 %t.cl.x.npy=3x4x4x5 %t.cl.w.npy=7x3x3x5 %t.cl.t.npy=7
// RUN: %python %S/Inputs/channel_affine_reference.py shift_cl %t.cl
// RUN: tconv-run %s --entry=shift_cl --inputs=%t.cl.x.npy,%t.cl.w.npy,%t.cl.t.npy --output=%t.cl.out.npy
// RUN: %python %S/Inputs/compare_npy.py %t.cl.out.npy %t.cl.expected.npy | FileCheck %s

// RUN: %python %S/Inputs/write_npy.py --seed 33 %t.1d.x.npy=1x3x9 %t.1d.w.npy=3x4x5 %t.1d.s.npy=4
// RUN: %python %S/Inputs/channel_affine_reference.py scale_1d %t.1d
// RUN: tconv-run %s --entry=scale_1d --inputs=%t.1d.x.npy,%t.1d.w.npy,%t.1d.s.npy --output=%t.1d.out.npy
// RUN: %python %S/Inputs/compare_npy.py %t.1d.out.npy %t.1d.expected.npy | FileCheck %s

// The pipeline folds the fixed scale and the shift: the conv_transpose's
// result is the function's. It leaves the scale given at the call, and the
// shift with it.
// RUN: tconv-opt %s --tconv-to-llvm="vectorize=false" --mlir-print-ir-after=tconv-fold-channel-affine 2>&1 | FileCheck %s --check-prefix=FOLDED
// CHECK: compare: {{.*}} PASS
// FOLDED-LABEL: func.func @bn_groups
// FOLDED: %[[Y:.*]] = tconv.conv_transpose {{.*}} -> tensor<2x6x10x10xf32>
// FOLDED-NEXT: return %[[Y]]
// FOLDED-LABEL: func.func @scale_1d
// FOLDED: tconv.conv_transpose
// FOLDED: linalg.generic
// FOLDED: arith.mulf

#map = affine_map<(n, c, h, w) -> (n, c, h, w)>
#ch = affine_map<(n, c, h, w) -> (c)>
#cl = affine_map<(n, h, w, c) -> (c)>
#map3 = affine_map<(n, c, w) -> (n, c, w)>
#ch3 = affine_map<(n, c, w) -> (c)>

func.func @bn_groups(%x: tensor<2x4x5x5xf32>, %w: tensor<4x3x4x4xf32>, %b: tensor<6xf32>,
                     %s: tensor<6xf32> {tconv.pack}, %t: tensor<6xf32>) -> tensor<2x6x10x10xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>, groups = 2 : i64}
      : (tensor<2x4x5x5xf32>, tensor<4x3x4x4xf32>, tensor<6xf32>) -> tensor<2x6x10x10xf32>
  %e = tensor.empty() : tensor<2x6x10x10xf32>
  %z = linalg.generic {indexing_maps = [#map, #ch, #ch, #map], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%y, %s, %t : tensor<2x6x10x10xf32>, tensor<6xf32>, tensor<6xf32>) outs(%e : tensor<2x6x10x10xf32>) {
  ^bb0(%v: f32, %sc: f32, %sh: f32, %o: f32):
    %m = arith.mulf %v, %sc : f32
    %a = arith.addf %m, %sh : f32
    linalg.yield %a : f32
  } -> tensor<2x6x10x10xf32>
  return %z : tensor<2x6x10x10xf32>
}

func.func @shift_cl(%x: tensor<?x4x4x5xf32>, %w: tensor<7x3x3x5xf32>, %t: tensor<7xf32>) -> tensor<?x8x8x7xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 0, 0>, layout = #tconv.layout<channels_last>}
      : (tensor<?x4x4x5xf32>, tensor<7x3x3x5xf32>) -> tensor<?x8x8x7xf32>
  %c0 = arith.constant 0 : index
  %n = tensor.dim %y, %c0 : tensor<?x8x8x7xf32>
  %e = tensor.empty(%n) : tensor<?x8x8x7xf32>
  %z = linalg.generic {indexing_maps = [#map, #cl, #map], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%y, %t : tensor<?x8x8x7xf32>, tensor<7xf32>) outs(%e : tensor<?x8x8x7xf32>) {
  ^bb0(%v: f32, %sh: f32, %o: f32):
    %a = arith.addf %v, %sh : f32
    linalg.yield %a : f32
  } -> tensor<?x8x8x7xf32>
  return %z : tensor<?x8x8x7xf32>
}

func.func @scale_1d(%x: tensor<1x3x9xf32>, %w: tensor<3x4x5xf32>, %s: tensor<4xf32>) -> tensor<1x4x25xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 3>, padding = array<i64: 2, 2>}
      : (tensor<1x3x9xf32>, tensor<3x4x5xf32>) -> tensor<1x4x25xf32>
  %e = tensor.empty() : tensor<1x4x25xf32>
  %z = linalg.generic {indexing_maps = [#map3, #ch3, #map3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%y, %s : tensor<1x4x25xf32>, tensor<4xf32>) outs(%e : tensor<1x4x25xf32>) {
  ^bb0(%v: f32, %sc: f32, %o: f32):
    %m = arith.mulf %sc, %v : f32
    linalg.yield %m : f32
  } -> tensor<1x4x25xf32>
  return %z : tensor<1x4x25xf32>
}
