// Execution tests: a tconv.conv_transpose followed by an importer's chain of
// elementwise linalg.generic ops (per-channel batch norm y * s + t, LeakyReLU
// with slope 0.2, a residual add of an argument, a ReLU6 clamp, tanh), as the
// pipeline lowers it with each algorithm, computes what the scatter reference
// followed by the same steps computes (in double,
// Inputs/epilogue_chain_reference.py; compare_npy.py's normwise tolerance
// 1e-5: max|out - expected| / max|expected|).
// Output sizes: O = (I - 1) * s - pb - pe + dil * (k - 1) + op + 1.

// The canonical chain bn -> leaky -> add; I=5 k=4 s=2 p=1/1: O=10.
// RUN: %python %S/Inputs/write_npy.py --seed 41 %t.can.x.npy=2x4x5x5 %t.can.w.npy=4x6x4x4 %t.can.b.npy=6 %t.can.s.npy=6 %t.can.t.npy=6 %t.can.r.npy=2x6x10x10
// RUN: %python %S/Inputs/epilogue_chain_reference.py canonical %t.can
// RUN: tconv-run %s --entry=canonical --inputs=%t.can.x.npy,%t.can.w.npy,%t.can.b.npy,%t.can.s.npy,%t.can.t.npy,%t.can.r.npy --output=%t.can.out.npy
// RUN: %python %S/Inputs/compare_npy.py %t.can.out.npy %t.can.expected.npy | FileCheck %s
// RUN: tconv-run %s --entry=canonical --inputs=%t.can.x.npy,%t.can.w.npy,%t.can.b.npy,%t.can.s.npy,%t.can.t.npy,%t.can.r.npy --output=%t.can.out.npy --pipeline-options="algorithm=zero-insertion"
// RUN: %python %S/Inputs/compare_npy.py %t.can.out.npy %t.can.expected.npy | FileCheck %s
// RUN: tconv-run %s --entry=canonical --inputs=%t.can.x.npy,%t.can.w.npy,%t.can.b.npy,%t.can.s.npy,%t.can.t.npy,%t.can.r.npy --output=%t.can.out.npy --pipeline-options="algorithm=phase"
// RUN: %python %S/Inputs/compare_npy.py %t.can.out.npy %t.can.expected.npy | FileCheck %s
// RUN: tconv-run %s --entry=canonical --inputs=%t.can.x.npy,%t.can.w.npy,%t.can.b.npy,%t.can.s.npy,%t.can.t.npy,%t.can.r.npy --output=%t.can.out.npy --pipeline-options="algorithm=subpixel"
// RUN: %python %S/Inputs/compare_npy.py %t.can.out.npy %t.can.expected.npy | FileCheck %s
// RUN: tconv-run %s --entry=canonical --inputs=%t.can.x.npy,%t.can.w.npy,%t.can.b.npy,%t.can.s.npy,%t.can.t.npy,%t.can.r.npy --output=%t.can.out.npy --target-cpu=haswell
// RUN: %python %S/Inputs/compare_npy.py %t.can.out.npy %t.can.expected.npy | FileCheck %s
// RUN: tconv-run %s --entry=canonical --inputs=%t.can.x.npy,%t.can.w.npy,%t.can.b.npy,%t.can.s.npy,%t.can.t.npy,%t.can.r.npy --output=%t.can.out.npy --pipeline-options="channels-last-compute=false"
// RUN: %python %S/Inputs/compare_npy.py %t.can.out.npy %t.can.expected.npy | FileCheck %s

// Channels last, dynamic batch, no bias: leaky -> add; I=4 k=3 s=2 p=1/1 op=1: O=8.
// RUN: %python %S/Inputs/write_npy.py --seed 42 %t.cl.x.npy=3x4x4x5 %t.cl.w.npy=7x3x3x5 %t.cl.r.npy=3x8x8x7
// RUN: %python %S/Inputs/epilogue_chain_reference.py cl_dynamic %t.cl
// RUN: tconv-run %s --entry=cl_dynamic --inputs=%t.cl.x.npy,%t.cl.w.npy,%t.cl.r.npy --output=%t.cl.out.npy
// RUN: %python %S/Inputs/compare_npy.py %t.cl.out.npy %t.cl.expected.npy | FileCheck %s
// Sub-pixel: the pixel shuffle writes the cropped result in parts (O = 8
// is a multiple of s), the chain computed on each; on two threads too.
// RUN: tconv-run %s --entry=cl_dynamic --inputs=%t.cl.x.npy,%t.cl.w.npy,%t.cl.r.npy --output=%t.cl.out.npy --pipeline-options="algorithm=subpixel"
// RUN: %python %S/Inputs/compare_npy.py %t.cl.out.npy %t.cl.expected.npy | FileCheck %s
// RUN: tconv-run %s --entry=cl_dynamic --inputs=%t.cl.x.npy,%t.cl.w.npy,%t.cl.r.npy --output=%t.cl.out.npy --pipeline-options="algorithm=subpixel threads=2"
// RUN: %python %S/Inputs/compare_npy.py %t.cl.out.npy %t.cl.expected.npy | FileCheck %s

// Groups 2, 12 channels, 12x13 output: bn -> add -> relu6. Scales of up to 8
// make the clamp's upper bound bite. H: I=6 p=1/0: 12; W: I=7 p=1/1: 13.
// RUN: %python %S/Inputs/write_npy.py --seed 43 %t.g.x.npy=1x4x6x7 %t.g.w.npy=4x6x3x3 %t.g.b.npy=12 %t.g.s.npy=12:4,-3,5,2.5,-6,3,7,-2,1.5,6,-4,8 %t.g.t.npy=12 %t.g.r.npy=1x12x12x13
// RUN: %python %S/Inputs/epilogue_chain_reference.py groups_odd %t.g
// RUN: tconv-run %s --entry=groups_odd --inputs=%t.g.x.npy,%t.g.w.npy,%t.g.b.npy,%t.g.s.npy,%t.g.t.npy,%t.g.r.npy --output=%t.g.out.npy
// RUN: %python %S/Inputs/compare_npy.py %t.g.out.npy %t.g.expected.npy | FileCheck %s
// RUN: tconv-run %s --entry=groups_odd --inputs=%t.g.x.npy,%t.g.w.npy,%t.g.b.npy,%t.g.s.npy,%t.g.t.npy,%t.g.r.npy --output=%t.g.out.npy --target-cpu=haswell
// RUN: %python %S/Inputs/compare_npy.py %t.g.out.npy %t.g.expected.npy | FileCheck %s

// 1-D, MelGAN-like: leaky -> add -> tanh; I=10 k=8 s=4 p=2/2: O=40.
// RUN: %python %S/Inputs/write_npy.py --seed 44 %t.1d.x.npy=1x8x10 %t.1d.w.npy=8x4x8 %t.1d.b.npy=4 %t.1d.r.npy=1x4x40
// RUN: %python %S/Inputs/epilogue_chain_reference.py melgan_1d %t.1d
// RUN: tconv-run %s --entry=melgan_1d --inputs=%t.1d.x.npy,%t.1d.w.npy,%t.1d.b.npy,%t.1d.r.npy --output=%t.1d.out.npy
// RUN: %python %S/Inputs/compare_npy.py %t.1d.out.npy %t.1d.expected.npy | FileCheck %s

// 3-D: add; I=3 k=3 s=2 p=1/1: O=5.
// RUN: %python %S/Inputs/write_npy.py --seed 45 %t.3d.x.npy=1x2x3x3x3 %t.3d.w.npy=2x3x3x3x3 %t.3d.b.npy=3 %t.3d.r.npy=1x3x5x5x5
// RUN: %python %S/Inputs/epilogue_chain_reference.py small_3d %t.3d
// RUN: tconv-run %s --entry=small_3d --inputs=%t.3d.x.npy,%t.3d.w.npy,%t.3d.b.npy,%t.3d.r.npy --output=%t.3d.out.npy
// RUN: %python %S/Inputs/compare_npy.py %t.3d.out.npy %t.3d.expected.npy | FileCheck %s

// Stride == kernel (no overlap), with algorithm=gemm and the default:
// bn -> leaky -> add; 4x6 -> 8x12.
// RUN: %python %S/Inputs/write_npy.py --seed 46 %t.nov.x.npy=2x5x4x6 %t.nov.w.npy=5x8x2x2 %t.nov.b.npy=8 %t.nov.s.npy=8 %t.nov.t.npy=8 %t.nov.r.npy=2x8x8x12
// RUN: %python %S/Inputs/epilogue_chain_reference.py non_overlapping %t.nov
// RUN: tconv-run %s --entry=non_overlapping --inputs=%t.nov.x.npy,%t.nov.w.npy,%t.nov.b.npy,%t.nov.s.npy,%t.nov.t.npy,%t.nov.r.npy --output=%t.nov.out.npy --pipeline-options="algorithm=gemm"
// RUN: %python %S/Inputs/compare_npy.py %t.nov.out.npy %t.nov.expected.npy | FileCheck %s
// RUN: tconv-run %s --entry=non_overlapping --inputs=%t.nov.x.npy,%t.nov.w.npy,%t.nov.b.npy,%t.nov.s.npy,%t.nov.t.npy,%t.nov.r.npy --output=%t.nov.out.npy
// RUN: %python %S/Inputs/compare_npy.py %t.nov.out.npy %t.nov.expected.npy | FileCheck %s

// Channels first, FCN-style k 32, s 16, p 8: the sub-pixel pixel shuffle
// writes the cropped channels-first result in parts (rows of 8 residues:
// on an AVX2 target; with 16 lanes a channels-last shuffle and the
// transpose back), the chain computed on each; bn -> leaky -> add; 2x2 -> 32x32.
// RUN: %python %S/Inputs/write_npy.py --seed 47 %t.fcn.x.npy=1x3x2x2 %t.fcn.w.npy=3x4x32x32 %t.fcn.b.npy=4 %t.fcn.s.npy=4 %t.fcn.t.npy=4 %t.fcn.r.npy=1x4x32x32
// RUN: %python %S/Inputs/epilogue_chain_reference.py fcn_cf %t.fcn
// RUN: tconv-run %s --entry=fcn_cf --inputs=%t.fcn.x.npy,%t.fcn.w.npy,%t.fcn.b.npy,%t.fcn.s.npy,%t.fcn.t.npy,%t.fcn.r.npy --output=%t.fcn.out.npy --target-cpu=haswell
// RUN: %python %S/Inputs/compare_npy.py %t.fcn.out.npy %t.fcn.expected.npy | FileCheck %s
// RUN: tconv-run %s --entry=fcn_cf --inputs=%t.fcn.x.npy,%t.fcn.w.npy,%t.fcn.b.npy,%t.fcn.s.npy,%t.fcn.t.npy,%t.fcn.r.npy --output=%t.fcn.out.npy
// RUN: %python %S/Inputs/compare_npy.py %t.fcn.out.npy %t.fcn.expected.npy | FileCheck %s

// Channels last, FCN-style (k = 2s, p = s/2), 6 channels: the sub-pixel
// convolution's parts write the cropped result in 64-byte chunks of its
// rows (8 residues x 6 channels = 3 chunks, each several runs of the
// channels), the chain, its per-channel batch norm repeated over the
// chunks, computed on each; bn -> leaky -> add; 2x2 -> 32x32. Then a
// dynamic batch without a bias: leaky -> add.
// RUN: %python %S/Inputs/write_npy.py --seed 52 %t.fcl.x.npy=1x2x2x3 %t.fcl.w.npy=6x32x32x3 %t.fcl.b.npy=6 %t.fcl.s.npy=6 %t.fcl.t.npy=6 %t.fcl.r.npy=1x32x32x6
// RUN: %python %S/Inputs/epilogue_chain_reference.py fcn_cl %t.fcl
// RUN: tconv-run %s --entry=fcn_cl --inputs=%t.fcl.x.npy,%t.fcl.w.npy,%t.fcl.b.npy,%t.fcl.s.npy,%t.fcl.t.npy,%t.fcl.r.npy --output=%t.fcl.out.npy
// RUN: %python %S/Inputs/compare_npy.py %t.fcl.out.npy %t.fcl.expected.npy | FileCheck %s
// RUN: tconv-run %s --entry=fcn_cl --inputs=%t.fcl.x.npy,%t.fcl.w.npy,%t.fcl.b.npy,%t.fcl.s.npy,%t.fcl.t.npy,%t.fcl.r.npy --output=%t.fcl.out.npy --target-cpu=haswell
// RUN: %python %S/Inputs/compare_npy.py %t.fcl.out.npy %t.fcl.expected.npy | FileCheck %s
// RUN: tconv-run %s --entry=fcn_cl --inputs=%t.fcl.x.npy,%t.fcl.w.npy,%t.fcl.b.npy,%t.fcl.s.npy,%t.fcl.t.npy,%t.fcl.r.npy --output=%t.fcl.out.npy --pipeline-options="threads=2"
// RUN: %python %S/Inputs/compare_npy.py %t.fcl.out.npy %t.fcl.expected.npy | FileCheck %s
// RUN: %python %S/Inputs/write_npy.py --seed 53 %t.fcd.x.npy=2x2x2x3 %t.fcd.w.npy=6x32x32x3 %t.fcd.r.npy=2x32x32x6
// RUN: %python %S/Inputs/epilogue_chain_reference.py fcn_cl_dynamic %t.fcd
// RUN: tconv-run %s --entry=fcn_cl_dynamic --inputs=%t.fcd.x.npy,%t.fcd.w.npy,%t.fcd.r.npy --output=%t.fcd.out.npy
// RUN: %python %S/Inputs/compare_npy.py %t.fcd.out.npy %t.fcd.expected.npy | FileCheck %s

// 3-D channels last, stride == kernel (sub-pixel by default: the chain
// fuses with its pixel shuffle): bn -> leaky -> add; 3x4x5 -> 6x8x10, 40
// channels (two full ymm tiles and a remainder of 8).
// RUN: %python %S/Inputs/write_npy.py --seed 48 %t.u3.x.npy=2x3x4x5x6 %t.u3.w.npy=40x2x2x2x6 %t.u3.b.npy=40 %t.u3.s.npy=40 %t.u3.t.npy=40 %t.u3.r.npy=2x6x8x10x40
// RUN: %python %S/Inputs/epilogue_chain_reference.py unet3d_cl %t.u3
// RUN: tconv-run %s --entry=unet3d_cl --inputs=%t.u3.x.npy,%t.u3.w.npy,%t.u3.b.npy,%t.u3.s.npy,%t.u3.t.npy,%t.u3.r.npy --output=%t.u3.out.npy
// RUN: %python %S/Inputs/compare_npy.py %t.u3.out.npy %t.u3.expected.npy | FileCheck %s
// RUN: tconv-run %s --entry=unet3d_cl --inputs=%t.u3.x.npy,%t.u3.w.npy,%t.u3.b.npy,%t.u3.s.npy,%t.u3.t.npy,%t.u3.r.npy --output=%t.u3.out.npy --pipeline-options="algorithm=phase"
// RUN: %python %S/Inputs/compare_npy.py %t.u3.out.npy %t.u3.expected.npy | FileCheck %s

// 3-D channels first, stride == kernel: the chain computed on the blocks of
// the transpose back to channels first, on merged rows of 8 x 2 elements
// (AVX-512) and of 4 x 2 (AVX2); 4x3x4x8 -> 16x6x8x16.
// RUN: %python %S/Inputs/write_npy.py --seed 49 %t.u3f.x.npy=1x4x3x4x8 %t.u3f.w.npy=4x16x2x2x2 %t.u3f.b.npy=16 %t.u3f.s.npy=16 %t.u3f.t.npy=16 %t.u3f.r.npy=1x16x6x8x16
// RUN: %python %S/Inputs/epilogue_chain_reference.py unet3d_cf %t.u3f
// RUN: tconv-run %s --entry=unet3d_cf --inputs=%t.u3f.x.npy,%t.u3f.w.npy,%t.u3f.b.npy,%t.u3f.s.npy,%t.u3f.t.npy,%t.u3f.r.npy --output=%t.u3f.out.npy --target-cpu=x86-64-v4
// RUN: %python %S/Inputs/compare_npy.py %t.u3f.out.npy %t.u3f.expected.npy | FileCheck %s
// RUN: tconv-run %s --entry=unet3d_cf --inputs=%t.u3f.x.npy,%t.u3f.w.npy,%t.u3f.b.npy,%t.u3f.s.npy,%t.u3f.t.npy,%t.u3f.r.npy --output=%t.u3f.out.npy --target-cpu=haswell
// RUN: %python %S/Inputs/compare_npy.py %t.u3f.out.npy %t.u3f.expected.npy | FileCheck %s

// The conv_transpose's result used twice (the chain and a second result):
// the chain (two_uses, first result) and the conv_transpose's own result
// (two_uses_y, the same function with the results swapped) are both right.
// The second reference run overwrites the first's expected output.
// RUN: %python %S/Inputs/write_npy.py --seed 47 %t.two.x.npy=2x4x5x5 %t.two.w.npy=4x6x4x4 %t.two.b.npy=6 %t.two.s.npy=6 %t.two.t.npy=6 %t.two.r.npy=2x6x10x10
// RUN: %python %S/Inputs/epilogue_chain_reference.py two_uses %t.two
// RUN: tconv-run %s --entry=two_uses --inputs=%t.two.x.npy,%t.two.w.npy,%t.two.b.npy,%t.two.s.npy,%t.two.t.npy,%t.two.r.npy --output=%t.two.out.npy
// RUN: %python %S/Inputs/compare_npy.py %t.two.out.npy %t.two.expected.npy | FileCheck %s
// RUN: %python %S/Inputs/epilogue_chain_reference.py two_uses_y %t.two
// RUN: tconv-run %s --entry=two_uses_y --inputs=%t.two.x.npy,%t.two.w.npy,%t.two.b.npy,%t.two.s.npy,%t.two.t.npy,%t.two.r.npy --output=%t.two.out.npy
// RUN: %python %S/Inputs/compare_npy.py %t.two.out.npy %t.two.expected.npy | FileCheck %s

// CHECK: compare: {{.*}} PASS

#map = affine_map<(n, c, h, w) -> (n, c, h, w)>
#ch = affine_map<(n, c, h, w) -> (c)>
#chl = affine_map<(n, h, w, c) -> (c)>
#map3 = affine_map<(n, c, w) -> (n, c, w)>
#map5 = affine_map<(n, c, d, h, w) -> (n, c, d, h, w)>
#ch5cf = affine_map<(n, c, d, h, w) -> (c)>

func.func @canonical(%x: tensor<2x4x5x5xf32>, %w: tensor<4x6x4x4xf32>, %b: tensor<6xf32>,
                     %s: tensor<6xf32>, %t: tensor<6xf32>, %r: tensor<2x6x10x10xf32>) -> tensor<2x6x10x10xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>}
      : (tensor<2x4x5x5xf32>, tensor<4x6x4x4xf32>, tensor<6xf32>) -> tensor<2x6x10x10xf32>
  %e0 = tensor.empty() : tensor<2x6x10x10xf32>
  %bn = linalg.generic {indexing_maps = [#map, #ch, #ch, #map], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%y, %s, %t : tensor<2x6x10x10xf32>, tensor<6xf32>, tensor<6xf32>) outs(%e0 : tensor<2x6x10x10xf32>) {
  ^bb0(%v: f32, %sc: f32, %sh: f32, %o: f32):
    %m = arith.mulf %v, %sc : f32
    %a = arith.addf %m, %sh : f32
    linalg.yield %a : f32
  } -> tensor<2x6x10x10xf32>
  %e1 = tensor.empty() : tensor<2x6x10x10xf32>
  %lk = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%bn : tensor<2x6x10x10xf32>) outs(%e1 : tensor<2x6x10x10xf32>) {
  ^bb0(%v: f32, %o: f32):
    %zero = arith.constant 0.0 : f32
    %slope = arith.constant 0.2 : f32
    %p = arith.cmpf ogt, %v, %zero : f32
    %m = arith.mulf %v, %slope : f32
    %l = arith.select %p, %v, %m : f32
    linalg.yield %l : f32
  } -> tensor<2x6x10x10xf32>
  %e2 = tensor.empty() : tensor<2x6x10x10xf32>
  %z = linalg.generic {indexing_maps = [#map, #map, #map], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%lk, %r : tensor<2x6x10x10xf32>, tensor<2x6x10x10xf32>) outs(%e2 : tensor<2x6x10x10xf32>) {
  ^bb0(%v: f32, %u: f32, %o: f32):
    %a = arith.addf %v, %u : f32
    linalg.yield %a : f32
  } -> tensor<2x6x10x10xf32>
  return %z : tensor<2x6x10x10xf32>
}

// The slope a constant outside the body, as some importers write it.
func.func @cl_dynamic(%x: tensor<?x4x4x5xf32>, %w: tensor<7x3x3x5xf32>, %r: tensor<?x8x8x7xf32>) -> tensor<?x8x8x7xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>,
                                    output_padding = array<i64: 1, 1>, layout = #tconv.layout<channels_last>}
      : (tensor<?x4x4x5xf32>, tensor<7x3x3x5xf32>) -> tensor<?x8x8x7xf32>
  %c0 = arith.constant 0 : index
  %zero = arith.constant 0.0 : f32
  %slope = arith.constant 0.2 : f32
  %n0 = tensor.dim %y, %c0 : tensor<?x8x8x7xf32>
  %e0 = tensor.empty(%n0) : tensor<?x8x8x7xf32>
  %lk = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%y : tensor<?x8x8x7xf32>) outs(%e0 : tensor<?x8x8x7xf32>) {
  ^bb0(%v: f32, %o: f32):
    %p = arith.cmpf ogt, %v, %zero : f32
    %m = arith.mulf %v, %slope : f32
    %l = arith.select %p, %v, %m : f32
    linalg.yield %l : f32
  } -> tensor<?x8x8x7xf32>
  %n1 = tensor.dim %lk, %c0 : tensor<?x8x8x7xf32>
  %e1 = tensor.empty(%n1) : tensor<?x8x8x7xf32>
  %z = linalg.generic {indexing_maps = [#map, #map, #map], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%lk, %r : tensor<?x8x8x7xf32>, tensor<?x8x8x7xf32>) outs(%e1 : tensor<?x8x8x7xf32>) {
  ^bb0(%v: f32, %u: f32, %o: f32):
    %a = arith.addf %v, %u : f32
    linalg.yield %a : f32
  } -> tensor<?x8x8x7xf32>
  return %z : tensor<?x8x8x7xf32>
}

func.func @fcn_cl(%x: tensor<1x2x2x3xf32>, %w: tensor<6x32x32x3xf32>, %b: tensor<6xf32>,
                  %s: tensor<6xf32>, %t: tensor<6xf32>, %r: tensor<1x32x32x6xf32>) -> tensor<1x32x32x6xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 16, 16>, padding = array<i64: 8, 8, 8, 8>,
                                        layout = #tconv.layout<channels_last>}
      : (tensor<1x2x2x3xf32>, tensor<6x32x32x3xf32>, tensor<6xf32>) -> tensor<1x32x32x6xf32>
  %e0 = tensor.empty() : tensor<1x32x32x6xf32>
  %bn = linalg.generic {indexing_maps = [#map, #chl, #chl, #map], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%y, %s, %t : tensor<1x32x32x6xf32>, tensor<6xf32>, tensor<6xf32>) outs(%e0 : tensor<1x32x32x6xf32>) {
  ^bb0(%v: f32, %sc: f32, %sh: f32, %o: f32):
    %m = arith.mulf %v, %sc : f32
    %a = arith.addf %m, %sh : f32
    linalg.yield %a : f32
  } -> tensor<1x32x32x6xf32>
  %e1 = tensor.empty() : tensor<1x32x32x6xf32>
  %lk = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%bn : tensor<1x32x32x6xf32>) outs(%e1 : tensor<1x32x32x6xf32>) {
  ^bb0(%v: f32, %o: f32):
    %zero = arith.constant 0.0 : f32
    %slope = arith.constant 0.2 : f32
    %p = arith.cmpf ogt, %v, %zero : f32
    %m = arith.mulf %v, %slope : f32
    %l = arith.select %p, %v, %m : f32
    linalg.yield %l : f32
  } -> tensor<1x32x32x6xf32>
  %e2 = tensor.empty() : tensor<1x32x32x6xf32>
  %z = linalg.generic {indexing_maps = [#map, #map, #map], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%lk, %r : tensor<1x32x32x6xf32>, tensor<1x32x32x6xf32>) outs(%e2 : tensor<1x32x32x6xf32>) {
  ^bb0(%v: f32, %u: f32, %o: f32):
    %a = arith.addf %v, %u : f32
    linalg.yield %a : f32
  } -> tensor<1x32x32x6xf32>
  return %z : tensor<1x32x32x6xf32>
}

func.func @fcn_cl_dynamic(%x: tensor<?x2x2x3xf32>, %w: tensor<6x32x32x3xf32>, %r: tensor<?x32x32x6xf32>) -> tensor<?x32x32x6xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 16, 16>, padding = array<i64: 8, 8, 8, 8>,
                                    layout = #tconv.layout<channels_last>}
      : (tensor<?x2x2x3xf32>, tensor<6x32x32x3xf32>) -> tensor<?x32x32x6xf32>
  %c0 = arith.constant 0 : index
  %zero = arith.constant 0.0 : f32
  %slope = arith.constant 0.2 : f32
  %n0 = tensor.dim %y, %c0 : tensor<?x32x32x6xf32>
  %e0 = tensor.empty(%n0) : tensor<?x32x32x6xf32>
  %lk = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%y : tensor<?x32x32x6xf32>) outs(%e0 : tensor<?x32x32x6xf32>) {
  ^bb0(%v: f32, %o: f32):
    %p = arith.cmpf ogt, %v, %zero : f32
    %m = arith.mulf %v, %slope : f32
    %l = arith.select %p, %v, %m : f32
    linalg.yield %l : f32
  } -> tensor<?x32x32x6xf32>
  %e1 = tensor.empty(%n0) : tensor<?x32x32x6xf32>
  %z = linalg.generic {indexing_maps = [#map, #map, #map], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%lk, %r : tensor<?x32x32x6xf32>, tensor<?x32x32x6xf32>) outs(%e1 : tensor<?x32x32x6xf32>) {
  ^bb0(%v: f32, %u: f32, %o: f32):
    %a = arith.addf %v, %u : f32
    linalg.yield %a : f32
  } -> tensor<?x32x32x6xf32>
  return %z : tensor<?x32x32x6xf32>
}

func.func @groups_odd(%x: tensor<1x4x6x7xf32>, %w: tensor<4x6x3x3xf32>, %b: tensor<12xf32>,
                      %s: tensor<12xf32>, %t: tensor<12xf32>, %r: tensor<1x12x12x13xf32>) -> tensor<1x12x12x13xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 0, 1>, groups = 2 : i64}
      : (tensor<1x4x6x7xf32>, tensor<4x6x3x3xf32>, tensor<12xf32>) -> tensor<1x12x12x13xf32>
  %e0 = tensor.empty() : tensor<1x12x12x13xf32>
  %bn = linalg.generic {indexing_maps = [#map, #ch, #ch, #map], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%y, %s, %t : tensor<1x12x12x13xf32>, tensor<12xf32>, tensor<12xf32>) outs(%e0 : tensor<1x12x12x13xf32>) {
  ^bb0(%v: f32, %sc: f32, %sh: f32, %o: f32):
    %m = arith.mulf %v, %sc : f32
    %a = arith.addf %m, %sh : f32
    linalg.yield %a : f32
  } -> tensor<1x12x12x13xf32>
  %e1 = tensor.empty() : tensor<1x12x12x13xf32>
  %ad = linalg.generic {indexing_maps = [#map, #map, #map], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%bn, %r : tensor<1x12x12x13xf32>, tensor<1x12x12x13xf32>) outs(%e1 : tensor<1x12x12x13xf32>) {
  ^bb0(%v: f32, %u: f32, %o: f32):
    %a = arith.addf %v, %u : f32
    linalg.yield %a : f32
  } -> tensor<1x12x12x13xf32>
  %e2 = tensor.empty() : tensor<1x12x12x13xf32>
  %z = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%ad : tensor<1x12x12x13xf32>) outs(%e2 : tensor<1x12x12x13xf32>) {
  ^bb0(%v: f32, %o: f32):
    %lo = arith.constant 0.0 : f32
    %hi = arith.constant 6.0 : f32
    %c = arith.maximumf %v, %lo : f32
    %d = arith.minimumf %c, %hi : f32
    linalg.yield %d : f32
  } -> tensor<1x12x12x13xf32>
  return %z : tensor<1x12x12x13xf32>
}

func.func @melgan_1d(%x: tensor<1x8x10xf32>, %w: tensor<8x4x8xf32>, %b: tensor<4xf32>,
                     %r: tensor<1x4x40xf32>) -> tensor<1x4x40xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 4>, padding = array<i64: 2, 2>}
      : (tensor<1x8x10xf32>, tensor<8x4x8xf32>, tensor<4xf32>) -> tensor<1x4x40xf32>
  %e0 = tensor.empty() : tensor<1x4x40xf32>
  %lk = linalg.generic {indexing_maps = [#map3, #map3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%y : tensor<1x4x40xf32>) outs(%e0 : tensor<1x4x40xf32>) {
  ^bb0(%v: f32, %o: f32):
    %zero = arith.constant 0.0 : f32
    %slope = arith.constant 0.2 : f32
    %p = arith.cmpf ogt, %v, %zero : f32
    %m = arith.mulf %v, %slope : f32
    %l = arith.select %p, %v, %m : f32
    linalg.yield %l : f32
  } -> tensor<1x4x40xf32>
  %e1 = tensor.empty() : tensor<1x4x40xf32>
  %ad = linalg.generic {indexing_maps = [#map3, #map3, #map3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%lk, %r : tensor<1x4x40xf32>, tensor<1x4x40xf32>) outs(%e1 : tensor<1x4x40xf32>) {
  ^bb0(%v: f32, %u: f32, %o: f32):
    %a = arith.addf %v, %u : f32
    linalg.yield %a : f32
  } -> tensor<1x4x40xf32>
  %e2 = tensor.empty() : tensor<1x4x40xf32>
  %z = linalg.generic {indexing_maps = [#map3, #map3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%ad : tensor<1x4x40xf32>) outs(%e2 : tensor<1x4x40xf32>) {
  ^bb0(%v: f32, %o: f32):
    %th = math.tanh %v : f32
    linalg.yield %th : f32
  } -> tensor<1x4x40xf32>
  return %z : tensor<1x4x40xf32>
}

func.func @small_3d(%x: tensor<1x2x3x3x3xf32>, %w: tensor<2x3x3x3x3xf32>, %b: tensor<3xf32>,
                    %r: tensor<1x3x5x5x5xf32>) -> tensor<1x3x5x5x5xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2, 2>, padding = array<i64: 1, 1, 1, 1, 1, 1>}
      : (tensor<1x2x3x3x3xf32>, tensor<2x3x3x3x3xf32>, tensor<3xf32>) -> tensor<1x3x5x5x5xf32>
  %e0 = tensor.empty() : tensor<1x3x5x5x5xf32>
  %z = linalg.generic {indexing_maps = [#map5, #map5, #map5], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]}
      ins(%y, %r : tensor<1x3x5x5x5xf32>, tensor<1x3x5x5x5xf32>) outs(%e0 : tensor<1x3x5x5x5xf32>) {
  ^bb0(%v: f32, %u: f32, %o: f32):
    %a = arith.addf %v, %u : f32
    linalg.yield %a : f32
  } -> tensor<1x3x5x5x5xf32>
  return %z : tensor<1x3x5x5x5xf32>
}

#cl5 = affine_map<(n, d, h, w, c) -> (n, d, h, w, c)>
#ch5 = affine_map<(n, d, h, w, c) -> (c)>
func.func @unet3d_cl(%x: tensor<2x3x4x5x6xf32>, %w: tensor<40x2x2x2x6xf32>, %b: tensor<40xf32>,
                     %s: tensor<40xf32>, %t: tensor<40xf32>, %r: tensor<2x6x8x10x40xf32>) -> tensor<2x6x8x10x40xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2, 2>, layout = #tconv.layout<channels_last>}
      : (tensor<2x3x4x5x6xf32>, tensor<40x2x2x2x6xf32>, tensor<40xf32>) -> tensor<2x6x8x10x40xf32>
  %e0 = tensor.empty() : tensor<2x6x8x10x40xf32>
  %bn = linalg.generic {indexing_maps = [#cl5, #ch5, #ch5, #cl5], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]}
      ins(%y, %s, %t : tensor<2x6x8x10x40xf32>, tensor<40xf32>, tensor<40xf32>) outs(%e0 : tensor<2x6x8x10x40xf32>) {
  ^bb0(%v: f32, %sc: f32, %sh: f32, %o: f32):
    %m = arith.mulf %v, %sc : f32
    %a = arith.addf %m, %sh : f32
    linalg.yield %a : f32
  } -> tensor<2x6x8x10x40xf32>
  %e1 = tensor.empty() : tensor<2x6x8x10x40xf32>
  %lk = linalg.generic {indexing_maps = [#cl5, #cl5], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]}
      ins(%bn : tensor<2x6x8x10x40xf32>) outs(%e1 : tensor<2x6x8x10x40xf32>) {
  ^bb0(%v: f32, %o: f32):
    %zero = arith.constant 0.0 : f32
    %slope = arith.constant 0.2 : f32
    %p = arith.cmpf ogt, %v, %zero : f32
    %m = arith.mulf %v, %slope : f32
    %l = arith.select %p, %v, %m : f32
    linalg.yield %l : f32
  } -> tensor<2x6x8x10x40xf32>
  %e2 = tensor.empty() : tensor<2x6x8x10x40xf32>
  %z = linalg.generic {indexing_maps = [#cl5, #cl5, #cl5], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]}
      ins(%lk, %r : tensor<2x6x8x10x40xf32>, tensor<2x6x8x10x40xf32>) outs(%e2 : tensor<2x6x8x10x40xf32>) {
  ^bb0(%v: f32, %u: f32, %o: f32):
    %a = arith.addf %v, %u : f32
    linalg.yield %a : f32
  } -> tensor<2x6x8x10x40xf32>
  return %z : tensor<2x6x8x10x40xf32>
}

func.func @unet3d_cf(%x: tensor<1x4x3x4x8xf32>, %w: tensor<4x16x2x2x2xf32>, %b: tensor<16xf32>,
                     %s: tensor<16xf32>, %t: tensor<16xf32>, %r: tensor<1x16x6x8x16xf32>) -> tensor<1x16x6x8x16xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2, 2>}
      : (tensor<1x4x3x4x8xf32>, tensor<4x16x2x2x2xf32>, tensor<16xf32>) -> tensor<1x16x6x8x16xf32>
  %e0 = tensor.empty() : tensor<1x16x6x8x16xf32>
  %bn = linalg.generic {indexing_maps = [#map5, #ch5cf, #ch5cf, #map5], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]}
      ins(%y, %s, %t : tensor<1x16x6x8x16xf32>, tensor<16xf32>, tensor<16xf32>) outs(%e0 : tensor<1x16x6x8x16xf32>) {
  ^bb0(%v: f32, %sc: f32, %sh: f32, %o: f32):
    %m = arith.mulf %v, %sc : f32
    %a = arith.addf %m, %sh : f32
    linalg.yield %a : f32
  } -> tensor<1x16x6x8x16xf32>
  %e1 = tensor.empty() : tensor<1x16x6x8x16xf32>
  %lk = linalg.generic {indexing_maps = [#map5, #map5], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]}
      ins(%bn : tensor<1x16x6x8x16xf32>) outs(%e1 : tensor<1x16x6x8x16xf32>) {
  ^bb0(%v: f32, %o: f32):
    %zero = arith.constant 0.0 : f32
    %slope = arith.constant 0.2 : f32
    %p = arith.cmpf ogt, %v, %zero : f32
    %n = arith.mulf %v, %slope : f32
    %l = arith.select %p, %v, %n : f32
    linalg.yield %l : f32
  } -> tensor<1x16x6x8x16xf32>
  %e2 = tensor.empty() : tensor<1x16x6x8x16xf32>
  %z = linalg.generic {indexing_maps = [#map5, #map5, #map5], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]}
      ins(%lk, %r : tensor<1x16x6x8x16xf32>, tensor<1x16x6x8x16xf32>) outs(%e2 : tensor<1x16x6x8x16xf32>) {
  ^bb0(%v: f32, %q: f32, %o: f32):
    %a = arith.addf %v, %q : f32
    linalg.yield %a : f32
  } -> tensor<1x16x6x8x16xf32>
  return %z : tensor<1x16x6x8x16xf32>
}

func.func @non_overlapping(%x: tensor<2x5x4x6xf32>, %w: tensor<5x8x2x2xf32>, %b: tensor<8xf32>,
                           %s: tensor<8xf32>, %t: tensor<8xf32>, %r: tensor<2x8x8x12xf32>) -> tensor<2x8x8x12xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>}
      : (tensor<2x5x4x6xf32>, tensor<5x8x2x2xf32>, tensor<8xf32>) -> tensor<2x8x8x12xf32>
  %e0 = tensor.empty() : tensor<2x8x8x12xf32>
  %bn = linalg.generic {indexing_maps = [#map, #ch, #ch, #map], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%y, %s, %t : tensor<2x8x8x12xf32>, tensor<8xf32>, tensor<8xf32>) outs(%e0 : tensor<2x8x8x12xf32>) {
  ^bb0(%v: f32, %sc: f32, %sh: f32, %o: f32):
    %m = arith.mulf %v, %sc : f32
    %a = arith.addf %m, %sh : f32
    linalg.yield %a : f32
  } -> tensor<2x8x8x12xf32>
  %e1 = tensor.empty() : tensor<2x8x8x12xf32>
  %lk = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%bn : tensor<2x8x8x12xf32>) outs(%e1 : tensor<2x8x8x12xf32>) {
  ^bb0(%v: f32, %o: f32):
    %zero = arith.constant 0.0 : f32
    %slope = arith.constant 0.2 : f32
    %p = arith.cmpf ogt, %v, %zero : f32
    %m = arith.mulf %v, %slope : f32
    %l = arith.select %p, %v, %m : f32
    linalg.yield %l : f32
  } -> tensor<2x8x8x12xf32>
  %e2 = tensor.empty() : tensor<2x8x8x12xf32>
  %z = linalg.generic {indexing_maps = [#map, #map, #map], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%lk, %r : tensor<2x8x8x12xf32>, tensor<2x8x8x12xf32>) outs(%e2 : tensor<2x8x8x12xf32>) {
  ^bb0(%v: f32, %u: f32, %o: f32):
    %a = arith.addf %v, %u : f32
    linalg.yield %a : f32
  } -> tensor<2x8x8x12xf32>
  return %z : tensor<2x8x8x12xf32>
}

func.func @two_uses(%x: tensor<2x4x5x5xf32>, %w: tensor<4x6x4x4xf32>, %b: tensor<6xf32>,
                     %s: tensor<6xf32>, %t: tensor<6xf32>, %r: tensor<2x6x10x10xf32>)
    -> (tensor<2x6x10x10xf32>, tensor<2x6x10x10xf32>) {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>}
      : (tensor<2x4x5x5xf32>, tensor<4x6x4x4xf32>, tensor<6xf32>) -> tensor<2x6x10x10xf32>
  %e0 = tensor.empty() : tensor<2x6x10x10xf32>
  %bn = linalg.generic {indexing_maps = [#map, #ch, #ch, #map], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%y, %s, %t : tensor<2x6x10x10xf32>, tensor<6xf32>, tensor<6xf32>) outs(%e0 : tensor<2x6x10x10xf32>) {
  ^bb0(%v: f32, %sc: f32, %sh: f32, %o: f32):
    %m = arith.mulf %v, %sc : f32
    %a = arith.addf %m, %sh : f32
    linalg.yield %a : f32
  } -> tensor<2x6x10x10xf32>
  %e1 = tensor.empty() : tensor<2x6x10x10xf32>
  %lk = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%bn : tensor<2x6x10x10xf32>) outs(%e1 : tensor<2x6x10x10xf32>) {
  ^bb0(%v: f32, %o: f32):
    %zero = arith.constant 0.0 : f32
    %slope = arith.constant 0.2 : f32
    %p = arith.cmpf ogt, %v, %zero : f32
    %m = arith.mulf %v, %slope : f32
    %l = arith.select %p, %v, %m : f32
    linalg.yield %l : f32
  } -> tensor<2x6x10x10xf32>
  %e2 = tensor.empty() : tensor<2x6x10x10xf32>
  %z = linalg.generic {indexing_maps = [#map, #map, #map], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%lk, %r : tensor<2x6x10x10xf32>, tensor<2x6x10x10xf32>) outs(%e2 : tensor<2x6x10x10xf32>) {
  ^bb0(%v: f32, %u: f32, %o: f32):
    %a = arith.addf %v, %u : f32
    linalg.yield %a : f32
  } -> tensor<2x6x10x10xf32>
  return %z, %y : tensor<2x6x10x10xf32>, tensor<2x6x10x10xf32>
}

// two_uses with its results swapped.
func.func @two_uses_y(%x: tensor<2x4x5x5xf32>, %w: tensor<4x6x4x4xf32>, %b: tensor<6xf32>,
                       %s: tensor<6xf32>, %t: tensor<6xf32>, %r: tensor<2x6x10x10xf32>)
    -> (tensor<2x6x10x10xf32>, tensor<2x6x10x10xf32>) {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>}
      : (tensor<2x4x5x5xf32>, tensor<4x6x4x4xf32>, tensor<6xf32>) -> tensor<2x6x10x10xf32>
  %e0 = tensor.empty() : tensor<2x6x10x10xf32>
  %bn = linalg.generic {indexing_maps = [#map, #ch, #ch, #map], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%y, %s, %t : tensor<2x6x10x10xf32>, tensor<6xf32>, tensor<6xf32>) outs(%e0 : tensor<2x6x10x10xf32>) {
  ^bb0(%v: f32, %sc: f32, %sh: f32, %o: f32):
    %m = arith.mulf %v, %sc : f32
    %a = arith.addf %m, %sh : f32
    linalg.yield %a : f32
  } -> tensor<2x6x10x10xf32>
  %e1 = tensor.empty() : tensor<2x6x10x10xf32>
  %lk = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%bn : tensor<2x6x10x10xf32>) outs(%e1 : tensor<2x6x10x10xf32>) {
  ^bb0(%v: f32, %o: f32):
    %zero = arith.constant 0.0 : f32
    %slope = arith.constant 0.2 : f32
    %p = arith.cmpf ogt, %v, %zero : f32
    %m = arith.mulf %v, %slope : f32
    %l = arith.select %p, %v, %m : f32
    linalg.yield %l : f32
  } -> tensor<2x6x10x10xf32>
  %e2 = tensor.empty() : tensor<2x6x10x10xf32>
  %z = linalg.generic {indexing_maps = [#map, #map, #map], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%lk, %r : tensor<2x6x10x10xf32>, tensor<2x6x10x10xf32>) outs(%e2 : tensor<2x6x10x10xf32>) {
  ^bb0(%v: f32, %u: f32, %o: f32):
    %a = arith.addf %v, %u : f32
    linalg.yield %a : f32
  } -> tensor<2x6x10x10xf32>
  return %y, %z : tensor<2x6x10x10xf32>, tensor<2x6x10x10xf32>
}

func.func @fcn_cf(%x: tensor<1x3x2x2xf32>, %w: tensor<3x4x32x32xf32>, %b: tensor<4xf32>,
                  %s: tensor<4xf32>, %t: tensor<4xf32>, %r: tensor<1x4x32x32xf32>) -> tensor<1x4x32x32xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 16, 16>, padding = array<i64: 8, 8, 8, 8>}
      : (tensor<1x3x2x2xf32>, tensor<3x4x32x32xf32>, tensor<4xf32>) -> tensor<1x4x32x32xf32>
  %e0 = tensor.empty() : tensor<1x4x32x32xf32>
  %bn = linalg.generic {indexing_maps = [#map, #ch, #ch, #map], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%y, %s, %t : tensor<1x4x32x32xf32>, tensor<4xf32>, tensor<4xf32>) outs(%e0 : tensor<1x4x32x32xf32>) {
  ^bb0(%v: f32, %sc: f32, %sh: f32, %o: f32):
    %m = arith.mulf %v, %sc : f32
    %a = arith.addf %m, %sh : f32
    linalg.yield %a : f32
  } -> tensor<1x4x32x32xf32>
  %e1 = tensor.empty() : tensor<1x4x32x32xf32>
  %lk = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%bn : tensor<1x4x32x32xf32>) outs(%e1 : tensor<1x4x32x32xf32>) {
  ^bb0(%v: f32, %o: f32):
    %zero = arith.constant 0.0 : f32
    %slope = arith.constant 0.2 : f32
    %p = arith.cmpf ogt, %v, %zero : f32
    %m = arith.mulf %v, %slope : f32
    %l = arith.select %p, %v, %m : f32
    linalg.yield %l : f32
  } -> tensor<1x4x32x32xf32>
  %e2 = tensor.empty() : tensor<1x4x32x32xf32>
  %z = linalg.generic {indexing_maps = [#map, #map, #map], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%lk, %r : tensor<1x4x32x32xf32>, tensor<1x4x32x32xf32>) outs(%e2 : tensor<1x4x32x32xf32>) {
  ^bb0(%v: f32, %u: f32, %o: f32):
    %a = arith.addf %v, %u : f32
    linalg.yield %a : f32
  } -> tensor<1x4x32x32xf32>
  return %z : tensor<1x4x32x32xf32>
}
