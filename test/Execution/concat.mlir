// Execution tests: U-Net skip concatenations, a tensor.concat along the
// channel axis of transposed convolutions' results (after elementwise
// linalg.generic steps) and skip arguments, whose computed inputs the
// pipeline writes directly into their slices of the result
// (tconv-concat-into-slices), computes what the scatter reference followed by
// the same steps and the concatenation computes (in double,
// Inputs/epilogue_chain_reference.py; compare_npy.py's normwise tolerance
// 1e-5: max|out - expected| / max|expected|).
// Output sizes: O = (I - 1) * s - pb - pe + dil * (k - 1) + op + 1.

// pix2pix's decoder: leaky -> concat(skip, y), the skip of 4 channels and y
// of 6; I=5 k=4 s=2 p=1/1: O=10.
// RUN: %python %S/Inputs/write_npy.py --seed 51 %t.p2p.x.npy=2x4x5x5 %t.p2p.w.npy=4x6x4x4 %t.p2p.b.npy=6 %t.p2p.k.npy=2x4x10x10
// RUN: %python %S/Inputs/epilogue_chain_reference.py cat_pix2pix %t.p2p
// RUN: tconv-run %s --entry=cat_pix2pix --inputs=%t.p2p.x.npy,%t.p2p.w.npy,%t.p2p.b.npy,%t.p2p.k.npy --output=%t.p2p.out.npy
// RUN: %python %S/Inputs/compare_npy.py %t.p2p.out.npy %t.p2p.expected.npy | FileCheck %s
// RUN: tconv-run %s --entry=cat_pix2pix --inputs=%t.p2p.x.npy,%t.p2p.w.npy,%t.p2p.b.npy,%t.p2p.k.npy --output=%t.p2p.out.npy --pipeline-options="algorithm=zero-insertion"
// RUN: %python %S/Inputs/compare_npy.py %t.p2p.out.npy %t.p2p.expected.npy | FileCheck %s
// RUN: tconv-run %s --entry=cat_pix2pix --inputs=%t.p2p.x.npy,%t.p2p.w.npy,%t.p2p.b.npy,%t.p2p.k.npy --output=%t.p2p.out.npy --pipeline-options="algorithm=phase"
// RUN: %python %S/Inputs/compare_npy.py %t.p2p.out.npy %t.p2p.expected.npy | FileCheck %s
// RUN: tconv-run %s --entry=cat_pix2pix --inputs=%t.p2p.x.npy,%t.p2p.w.npy,%t.p2p.b.npy,%t.p2p.k.npy --output=%t.p2p.out.npy --pipeline-options="algorithm=subpixel"
// RUN: %python %S/Inputs/compare_npy.py %t.p2p.out.npy %t.p2p.expected.npy | FileCheck %s
// RUN: tconv-run %s --entry=cat_pix2pix --inputs=%t.p2p.x.npy,%t.p2p.w.npy,%t.p2p.b.npy,%t.p2p.k.npy --output=%t.p2p.out.npy --target-cpu=haswell
// RUN: %python %S/Inputs/compare_npy.py %t.p2p.out.npy %t.p2p.expected.npy | FileCheck %s
// RUN: tconv-run %s --entry=cat_pix2pix --inputs=%t.p2p.x.npy,%t.p2p.w.npy,%t.p2p.b.npy,%t.p2p.k.npy --output=%t.p2p.out.npy --pipeline-options="channels-last-compute=false"
// RUN: %python %S/Inputs/compare_npy.py %t.p2p.out.npy %t.p2p.expected.npy | FileCheck %s

// The computed input first: bn -> concat(y, skip); I=6 k=3 s=2 p=1/1 op=1:
// O=12.
// RUN: %python %S/Inputs/write_npy.py --seed 52 %t.bn.x.npy=1x4x6x6 %t.bn.w.npy=4x5x3x3 %t.bn.b.npy=5 %t.bn.s.npy=5 %t.bn.t.npy=5 %t.bn.k.npy=1x3x12x12
// RUN: %python %S/Inputs/epilogue_chain_reference.py cat_bn %t.bn
// RUN: tconv-run %s --entry=cat_bn --inputs=%t.bn.x.npy,%t.bn.w.npy,%t.bn.b.npy,%t.bn.s.npy,%t.bn.t.npy,%t.bn.k.npy --output=%t.bn.out.npy
// RUN: %python %S/Inputs/compare_npy.py %t.bn.out.npy %t.bn.expected.npy | FileCheck %s

// Channels last, dynamic batch (3 at run time), no bias: concat(y, skip)
// along the last dim; I=4 k=3 s=2 p=1/1 op=1: O=8.
// RUN: %python %S/Inputs/write_npy.py --seed 53 %t.cl.x.npy=3x4x4x5 %t.cl.w.npy=7x3x3x5 %t.cl.k.npy=3x8x8x3
// RUN: %python %S/Inputs/epilogue_chain_reference.py cat_cl_dynamic %t.cl
// RUN: tconv-run %s --entry=cat_cl_dynamic --inputs=%t.cl.x.npy,%t.cl.w.npy,%t.cl.k.npy --output=%t.cl.out.npy
// RUN: %python %S/Inputs/compare_npy.py %t.cl.out.npy %t.cl.expected.npy | FileCheck %s

// Two transposed convolutions around the skip: concat(leaky(y1), skip,
// leaky(y2)); y1: I=5 k=4 s=2 p=1/1: O=10, y2: I=10 k=3 s=1 p=1/1: O=10.
// Also with channels-last-compute=false, where both epilogues write a plain
// tensor.empty of their own shape.
// RUN: %python %S/Inputs/write_npy.py --seed 54 %t.two.x.npy=2x4x5x5 %t.two.w.npy=4x6x4x4 %t.two.b.npy=6 %t.two.x2.npy=2x5x10x10 %t.two.w2.npy=5x4x3x3 %t.two.b2.npy=4 %t.two.k.npy=2x3x10x10
// RUN: %python %S/Inputs/epilogue_chain_reference.py cat_two_convs %t.two
// RUN: tconv-run %s --entry=cat_two_convs --inputs=%t.two.x.npy,%t.two.w.npy,%t.two.b.npy,%t.two.x2.npy,%t.two.w2.npy,%t.two.b2.npy,%t.two.k.npy --output=%t.two.out.npy
// RUN: %python %S/Inputs/compare_npy.py %t.two.out.npy %t.two.expected.npy | FileCheck %s
// RUN: tconv-run %s --entry=cat_two_convs --inputs=%t.two.x.npy,%t.two.w.npy,%t.two.b.npy,%t.two.x2.npy,%t.two.w2.npy,%t.two.b2.npy,%t.two.k.npy --output=%t.two.out.npy --pipeline-options="algorithm=zero-insertion"
// RUN: %python %S/Inputs/compare_npy.py %t.two.out.npy %t.two.expected.npy | FileCheck %s
// RUN: tconv-run %s --entry=cat_two_convs --inputs=%t.two.x.npy,%t.two.w.npy,%t.two.b.npy,%t.two.x2.npy,%t.two.w2.npy,%t.two.b2.npy,%t.two.k.npy --output=%t.two.out.npy --pipeline-options="channels-last-compute=false"
// RUN: %python %S/Inputs/compare_npy.py %t.two.out.npy %t.two.expected.npy | FileCheck %s

// 1-D, MelGAN-like: leaky -> concat(y, skip); I=10 k=8 s=4 p=2/2: O=40.
// RUN: %python %S/Inputs/write_npy.py --seed 55 %t.1d.x.npy=1x8x10 %t.1d.w.npy=8x4x8 %t.1d.b.npy=4 %t.1d.k.npy=1x2x40
// RUN: %python %S/Inputs/epilogue_chain_reference.py cat_1d %t.1d
// RUN: tconv-run %s --entry=cat_1d --inputs=%t.1d.x.npy,%t.1d.w.npy,%t.1d.b.npy,%t.1d.k.npy --output=%t.1d.out.npy
// RUN: %python %S/Inputs/compare_npy.py %t.1d.out.npy %t.1d.expected.npy | FileCheck %s

// CHECK: compare: {{.*}} PASS

#map = affine_map<(n, c, h, w) -> (n, c, h, w)>
#ch = affine_map<(n, c, h, w) -> (c)>
#map3 = affine_map<(n, c, w) -> (n, c, w)>

func.func @cat_pix2pix(%x: tensor<2x4x5x5xf32>, %w: tensor<4x6x4x4xf32>, %b: tensor<6xf32>,
                       %skip: tensor<2x4x10x10xf32>) -> tensor<2x10x10x10xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>}
      : (tensor<2x4x5x5xf32>, tensor<4x6x4x4xf32>, tensor<6xf32>) -> tensor<2x6x10x10xf32>
  %e0 = tensor.empty() : tensor<2x6x10x10xf32>
  %lk = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%y : tensor<2x6x10x10xf32>) outs(%e0 : tensor<2x6x10x10xf32>) {
  ^bb0(%v: f32, %o: f32):
    %zero = arith.constant 0.0 : f32
    %slope = arith.constant 0.2 : f32
    %p = arith.cmpf ogt, %v, %zero : f32
    %m = arith.mulf %v, %slope : f32
    %l = arith.select %p, %v, %m : f32
    linalg.yield %l : f32
  } -> tensor<2x6x10x10xf32>
  %z = tensor.concat dim(1) %skip, %lk
      : (tensor<2x4x10x10xf32>, tensor<2x6x10x10xf32>) -> tensor<2x10x10x10xf32>
  return %z : tensor<2x10x10x10xf32>
}

func.func @cat_bn(%x: tensor<1x4x6x6xf32>, %w: tensor<4x5x3x3xf32>, %b: tensor<5xf32>,
                  %s: tensor<5xf32>, %t: tensor<5xf32>, %skip: tensor<1x3x12x12xf32>) -> tensor<1x8x12x12xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>,
                                        output_padding = array<i64: 1, 1>}
      : (tensor<1x4x6x6xf32>, tensor<4x5x3x3xf32>, tensor<5xf32>) -> tensor<1x5x12x12xf32>
  %e0 = tensor.empty() : tensor<1x5x12x12xf32>
  %bn = linalg.generic {indexing_maps = [#map, #ch, #ch, #map], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%y, %s, %t : tensor<1x5x12x12xf32>, tensor<5xf32>, tensor<5xf32>) outs(%e0 : tensor<1x5x12x12xf32>) {
  ^bb0(%v: f32, %sc: f32, %sh: f32, %o: f32):
    %m = arith.mulf %v, %sc : f32
    %a = arith.addf %m, %sh : f32
    linalg.yield %a : f32
  } -> tensor<1x5x12x12xf32>
  %z = tensor.concat dim(1) %bn, %skip
      : (tensor<1x5x12x12xf32>, tensor<1x3x12x12xf32>) -> tensor<1x8x12x12xf32>
  return %z : tensor<1x8x12x12xf32>
}

func.func @cat_cl_dynamic(%x: tensor<?x4x4x5xf32>, %w: tensor<7x3x3x5xf32>,
                          %skip: tensor<?x8x8x3xf32>) -> tensor<?x8x8x10xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>,
                                    output_padding = array<i64: 1, 1>, layout = #tconv.layout<channels_last>}
      : (tensor<?x4x4x5xf32>, tensor<7x3x3x5xf32>) -> tensor<?x8x8x7xf32>
  %z = tensor.concat dim(3) %y, %skip
      : (tensor<?x8x8x7xf32>, tensor<?x8x8x3xf32>) -> tensor<?x8x8x10xf32>
  return %z : tensor<?x8x8x10xf32>
}

func.func @cat_two_convs(%x: tensor<2x4x5x5xf32>, %w: tensor<4x6x4x4xf32>, %b: tensor<6xf32>,
                         %x2: tensor<2x5x10x10xf32>, %w2: tensor<5x4x3x3xf32>, %b2: tensor<4xf32>,
                         %skip: tensor<2x3x10x10xf32>) -> tensor<2x13x10x10xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>}
      : (tensor<2x4x5x5xf32>, tensor<4x6x4x4xf32>, tensor<6xf32>) -> tensor<2x6x10x10xf32>
  %e0 = tensor.empty() : tensor<2x6x10x10xf32>
  %lk = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%y : tensor<2x6x10x10xf32>) outs(%e0 : tensor<2x6x10x10xf32>) {
  ^bb0(%v: f32, %o: f32):
    %zero = arith.constant 0.0 : f32
    %slope = arith.constant 0.2 : f32
    %p = arith.cmpf ogt, %v, %zero : f32
    %m = arith.mulf %v, %slope : f32
    %l = arith.select %p, %v, %m : f32
    linalg.yield %l : f32
  } -> tensor<2x6x10x10xf32>
  %y2 = tconv.conv_transpose %x2, %w2, %b2 {strides = array<i64: 1, 1>, padding = array<i64: 1, 1, 1, 1>}
      : (tensor<2x5x10x10xf32>, tensor<5x4x3x3xf32>, tensor<4xf32>) -> tensor<2x4x10x10xf32>
  %e1 = tensor.empty() : tensor<2x4x10x10xf32>
  %lk2 = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%y2 : tensor<2x4x10x10xf32>) outs(%e1 : tensor<2x4x10x10xf32>) {
  ^bb0(%v: f32, %o: f32):
    %zero = arith.constant 0.0 : f32
    %slope = arith.constant 0.2 : f32
    %p = arith.cmpf ogt, %v, %zero : f32
    %m = arith.mulf %v, %slope : f32
    %l = arith.select %p, %v, %m : f32
    linalg.yield %l : f32
  } -> tensor<2x4x10x10xf32>
  %z = tensor.concat dim(1) %lk, %skip, %lk2
      : (tensor<2x6x10x10xf32>, tensor<2x3x10x10xf32>, tensor<2x4x10x10xf32>) -> tensor<2x13x10x10xf32>
  return %z : tensor<2x13x10x10xf32>
}

func.func @cat_1d(%x: tensor<1x8x10xf32>, %w: tensor<8x4x8xf32>, %b: tensor<4xf32>,
                  %skip: tensor<1x2x40xf32>) -> tensor<1x6x40xf32> {
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
  %z = tensor.concat dim(1) %lk, %skip
      : (tensor<1x4x40xf32>, tensor<1x2x40xf32>) -> tensor<1x6x40xf32>
  return %z : tensor<1x6x40xf32>
}
