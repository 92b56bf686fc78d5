// Execution tests of tconv-transpose-in-row-blocks: channels-first layers
// lowered by phases whose channels-last result is larger than the target's
// L2 (Haswell's model: 256 KB) and whose weights take at most a quarter of
// it, computed and transposed back to channels first two rows (the stride)
// at a time; layers lowered to one GEMM over the flat pixels (@flat_*), an
// input row (2-D) or plane (3-D) at a time. The ROWS lines check that the pass applies; the numbers are
// checked against the scatter reference in double: chains by
// Inputs/epilogue_chain_reference.py (compare_npy.py's normwise tolerance
// 1e-5), single ops by tconv-run --check (u8 bit-exact, in int64). Natively
// (the host's L2 decides) and on two threads (a chunk of blocks each) the
// results must be the same.
// Output sizes: O = (I - 1) * s - pb - pe + dil * (k - 1) + op + 1.

// RUN: tconv-opt %s --tconv-to-llvm="target-cpu=haswell" --mlir-print-ir-after=tconv-transpose-in-row-blocks -o /dev/null 2>&1 | FileCheck %s --check-prefix=ROWS
// RUN: tconv-opt %s --tconv-to-llvm="target-cpu=haswell algorithm=phase" --mlir-print-ir-after=tconv-transpose-in-row-blocks -o /dev/null 2>&1 | FileCheck %s --check-prefix=ROWS3D
// RUN: tconv-opt %s --tconv-to-llvm="target-cpu=haswell threads=2" --mlir-print-ir-after=tconv-transpose-in-row-blocks -o /dev/null 2>&1 | FileCheck %s --check-prefix=THREADS

// @row_blocks: bn -> leaky -> add after a 16 -> 16 channel layer, batch 2;
// 819 KB channels-last, 9 KB of weights.
//   I=40 k=3 s=2 p=1/1 op=1: (40-1)*2-1-1+(3-1)+1+1 = 80
// RUN: %python %S/Inputs/write_npy.py --seed 61 %t.rb.x.npy=2x16x40x40 %t.rb.w.npy=16x16x3x3 %t.rb.b.npy=16 %t.rb.s.npy=16 %t.rb.t.npy=16 %t.rb.r.npy=2x16x80x80
// RUN: %python %S/Inputs/epilogue_chain_reference.py row_blocks %t.rb
// RUN: tconv-run %s --entry=row_blocks --inputs=%t.rb.x.npy,%t.rb.w.npy,%t.rb.b.npy,%t.rb.s.npy,%t.rb.t.npy,%t.rb.r.npy --output=%t.rb.out.npy --target-cpu=haswell
// RUN: %python %S/Inputs/compare_npy.py %t.rb.out.npy %t.rb.expected.npy | FileCheck %s
// RUN: tconv-run %s --entry=row_blocks --inputs=%t.rb.x.npy,%t.rb.w.npy,%t.rb.b.npy,%t.rb.s.npy,%t.rb.t.npy,%t.rb.r.npy --output=%t.rb.out.npy
// RUN: %python %S/Inputs/compare_npy.py %t.rb.out.npy %t.rb.expected.npy | FileCheck %s
// RUN: tconv-run %s --entry=row_blocks --inputs=%t.rb.x.npy,%t.rb.w.npy,%t.rb.b.npy,%t.rb.s.npy,%t.rb.t.npy,%t.rb.r.npy --output=%t.rb.out.npy --target-cpu=haswell --pipeline-options="threads=2"
// RUN: %python %S/Inputs/compare_npy.py %t.rb.out.npy %t.rb.expected.npy | FileCheck %s
// CHECK: PASS
// The four phases' rows of each block, their convolutions fused, into the
// block the loop carries, then its transpose with the chain.
// ROWS-LABEL: func.func @row_blocks
// ROWS-NOT: linalg.conv_2d_nhwc_hwcf
// ROWS: scf.for %{{.*}} = %c0 to %c80 step %c2 iter_args(%{{.*}} = %{{.*}}, %[[BLOCK:.*]] = %{{.*}}) -> (tensor<2x16x80x80xf32>, tensor<2x2x80x16xf32>)
// ROWS-COUNT-4: linalg.conv_2d_nhwc_hwcf {{.*}} -> tensor<2x1x40x16xf32>
// ROWS: tensor.insert_slice %{{.*}} into %{{.*}}[0, 0, 0, 0] [2, 1, 40, 16] [1, 2, 2, 1] : tensor<2x1x40x16xf32> into tensor<2x2x80x16xf32>
// ROWS: linalg.generic {{.*}} ins(%{{.*}}, %{{.*}} : tensor<2x2x80x16xf32>, tensor<2x16x2x80xf32>) outs(%{{.*}} : tensor<2x16x2x80xf32>)
// On two threads, rows 0-39 and 40-79.
// THREADS-LABEL: func.func @row_blocks
// THREADS: scf.forall (%{{.*}}) = (0) to (80) step (40)
// THREADS: scf.for %{{.*}} = %c0 to %c40 step %c2
// THREADS-COUNT-4: linalg.conv_2d_nhwc_hwcf {{.*}} -> tensor<2x1x40x16xf32>
#map = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#ch = affine_map<(d0, d1, d2, d3) -> (d1)>
func.func @row_blocks(%x: tensor<2x16x40x40xf32>, %w: tensor<16x16x3x3xf32>, %b: tensor<16xf32>,
                      %s: tensor<16xf32>, %t: tensor<16xf32>, %r: tensor<2x16x80x80xf32>) -> tensor<2x16x80x80xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>,
                                        output_padding = array<i64: 1, 1>}
      : (tensor<2x16x40x40xf32>, tensor<16x16x3x3xf32>, tensor<16xf32>) -> tensor<2x16x80x80xf32>
  %e0 = tensor.empty() : tensor<2x16x80x80xf32>
  %bn = linalg.generic {indexing_maps = [#map, #ch, #ch, #map], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%y, %s, %t : tensor<2x16x80x80xf32>, tensor<16xf32>, tensor<16xf32>) outs(%e0 : tensor<2x16x80x80xf32>) {
  ^bb0(%v: f32, %sc: f32, %sh: f32, %o: f32):
    %m = arith.mulf %v, %sc : f32
    %a = arith.addf %m, %sh : f32
    linalg.yield %a : f32
  } -> tensor<2x16x80x80xf32>
  %e1 = tensor.empty() : tensor<2x16x80x80xf32>
  %lk = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%bn : tensor<2x16x80x80xf32>) outs(%e1 : tensor<2x16x80x80xf32>) {
  ^bb0(%v: f32, %o: f32):
    %zero = arith.constant 0.0 : f32
    %slope = arith.constant 0.2 : f32
    %p = arith.cmpf ogt, %v, %zero : f32
    %m = arith.mulf %v, %slope : f32
    %l = arith.select %p, %v, %m : f32
    linalg.yield %l : f32
  } -> tensor<2x16x80x80xf32>
  %e2 = tensor.empty() : tensor<2x16x80x80xf32>
  %z = linalg.generic {indexing_maps = [#map, #map, #map], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%lk, %r : tensor<2x16x80x80xf32>, tensor<2x16x80x80xf32>) outs(%e2 : tensor<2x16x80x80xf32>) {
  ^bb0(%v: f32, %u: f32, %o: f32):
    %a = arith.addf %v, %u : f32
    linalg.yield %a : f32
  } -> tensor<2x16x80x80xf32>
  return %z : tensor<2x16x80x80xf32>
}

// @row_blocks_3d: leaky -> add, 3-D, no bias, by phases (the choice is
// sub-pixel): blocks of two depth planes.
// 384 KB channels-last, 12 KB of weights.
//   I=10 k=4 s=2 p=1/1: (10-1)*2-1-1+(4-1)+1 = 20
// RUN: %python %S/Inputs/write_npy.py --seed 62 %t.r3.x.npy=1x4x10x10x10 %t.r3.w.npy=4x12x4x4x4 %t.r3.r.npy=1x12x20x20x20
// RUN: %python %S/Inputs/epilogue_chain_reference.py row_blocks_3d %t.r3
// RUN: tconv-run %s --entry=row_blocks_3d --inputs=%t.r3.x.npy,%t.r3.w.npy,%t.r3.r.npy --output=%t.r3.out.npy --target-cpu=haswell --pipeline-options="algorithm=phase"
// RUN: %python %S/Inputs/compare_npy.py %t.r3.out.npy %t.r3.expected.npy | FileCheck %s
// RUN: tconv-run %s --entry=row_blocks_3d --inputs=%t.r3.x.npy,%t.r3.w.npy,%t.r3.r.npy --output=%t.r3.out.npy --pipeline-options="algorithm=phase"
// RUN: %python %S/Inputs/compare_npy.py %t.r3.out.npy %t.r3.expected.npy | FileCheck %s
// RUN: tconv-run %s --entry=row_blocks_3d --inputs=%t.r3.x.npy,%t.r3.w.npy,%t.r3.r.npy --output=%t.r3.out.npy --target-cpu=haswell --pipeline-options="algorithm=phase threads=2"
// RUN: %python %S/Inputs/compare_npy.py %t.r3.out.npy %t.r3.expected.npy | FileCheck %s
// ROWS3D-LABEL: func.func @row_blocks_3d
// ROWS3D-NOT: linalg.conv_3d_ndhwc_dhwcf
// ROWS3D: scf.for %{{.*}} = %c0 to %c20 step %c2 iter_args(%{{.*}} = %{{.*}}, %{{.*}} = %{{.*}}) -> (tensor<1x12x20x20x20xf32>, tensor<1x2x20x20x12xf32>)
// ROWS3D-COUNT-8: linalg.conv_3d_ndhwc_dhwcf {{.*}} -> tensor<1x1x10x10x12xf32>
// ROWS3D-NOT: linalg.conv_3d_ndhwc_dhwcf
#map3 = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>
func.func @row_blocks_3d(%x: tensor<1x4x10x10x10xf32>, %w: tensor<4x12x4x4x4xf32>,
                         %r: tensor<1x12x20x20x20xf32>) -> tensor<1x12x20x20x20xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 2, 2>, padding = array<i64: 1, 1, 1, 1, 1, 1>}
      : (tensor<1x4x10x10x10xf32>, tensor<4x12x4x4x4xf32>) -> tensor<1x12x20x20x20xf32>
  %e1 = tensor.empty() : tensor<1x12x20x20x20xf32>
  %lk = linalg.generic {indexing_maps = [#map3, #map3], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]}
      ins(%y : tensor<1x12x20x20x20xf32>) outs(%e1 : tensor<1x12x20x20x20xf32>) {
  ^bb0(%v: f32, %o: f32):
    %zero = arith.constant 0.0 : f32
    %slope = arith.constant 0.2 : f32
    %p = arith.cmpf ogt, %v, %zero : f32
    %m = arith.mulf %v, %slope : f32
    %l = arith.select %p, %v, %m : f32
    linalg.yield %l : f32
  } -> tensor<1x12x20x20x20xf32>
  %e2 = tensor.empty() : tensor<1x12x20x20x20xf32>
  %z = linalg.generic {indexing_maps = [#map3, #map3, #map3], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]}
      ins(%lk, %r : tensor<1x12x20x20x20xf32>, tensor<1x12x20x20x20xf32>) outs(%e2 : tensor<1x12x20x20x20xf32>) {
  ^bb0(%v: f32, %u: f32, %o: f32):
    %a = arith.addf %v, %u : f32
    linalg.yield %a : f32
  } -> tensor<1x12x20x20x20xf32>
  return %z : tensor<1x12x20x20x20xf32>
}

// @row_blocks_u8: the quantized op alone (u8 input with zero point 128, i8
// weights with zero point -3, i32 bias and result), bit-exact.
//   I=40 k=3 s=2 p=1/1 op=1: 80
// RUN: tconv-run %s --entry=row_blocks_u8 --check --target-cpu=haswell | FileCheck %s --check-prefix=PASS
// RUN: tconv-run %s --entry=row_blocks_u8 --check | FileCheck %s --check-prefix=PASS
// RUN: tconv-run %s --entry=row_blocks_u8 --check --target-cpu=haswell --pipeline-options="threads=2" | FileCheck %s --check-prefix=PASS
// PASS-NOT: FAIL
// PASS: check conv_transpose #0 {{.*}}: 0 of {{[0-9]+}} values differ (bit-exact) PASS
// For Haswell, in both branches of the check of its weights
// (tconv-dispatch-narrow-weights).
// ROWS-LABEL: func.func @row_blocks_u8
// ROWS-NOT: linalg.conv_2d_nhwc_hwcf
// ROWS: scf.for %{{.*}} = %c0{{[_0-9]*}} to %c80 step %c2 iter_args(%{{.*}} = %{{.*}}, %{{.*}} = %{{.*}}) -> (tensor<1x16x80x80xi32>, tensor<1x2x80x16xi32>)
// ROWS: } else {
// ROWS-NOT: linalg.conv_2d_nhwc_hwcf
// ROWS: scf.for %{{.*}} = %c0{{[_0-9]*}} to %c80 step %c2 iter_args(%{{.*}} = %{{.*}}, %{{.*}} = %{{.*}}) -> (tensor<1x16x80x80xi32>, tensor<1x2x80x16xi32>)
func.func @row_blocks_u8(%x: tensor<1x16x40x40xui8>, %w: tensor<16x16x3x3xi8>, %b: tensor<16xi32>) -> tensor<1x16x80x80xi32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>,
                                        output_padding = array<i64: 1, 1>,
                                        input_zero_point = 128 : i32, weight_zero_point = -3 : i32}
      : (tensor<1x16x40x40xui8>, tensor<16x16x3x3xi8>, tensor<16xi32>) -> tensor<1x16x80x80xi32>
  return %y : tensor<1x16x80x80xi32>
}

// @flat_3d: a 3-D layer whose taps do not overlap (k = s = 2), batch 2,
// lowered to one GEMM over the flat pixels (2 MB of them channels-last);
// its bias and a ReLU fused. Checked against the scatter reference.
//   I=16 k=2 s=2: 32
// RUN: tconv-run %s --entry=flat_3d --check --target-cpu=haswell | FileCheck %s --check-prefix=CLOSE
// RUN: tconv-run %s --entry=flat_3d --check | FileCheck %s --check-prefix=CLOSE
// RUN: tconv-run %s --entry=flat_3d --check --target-cpu=haswell --pipeline-options="threads=2" | FileCheck %s --check-prefix=CLOSE
// CLOSE-NOT: FAIL
// CLOSE: check conv_transpose #0 {{.*}} PASS
// Each input plane's 2 x 256 pixels (both images) computed in the loop,
// into the block it carries, then transposed.
// ROWS-LABEL: func.func @flat_3d
// ROWS: scf.for %{{.*}} = %{{.*}} to %c16 step %c1 iter_args(%{{.*}} = %{{.*}}, %{{.*}} = %{{.*}}) -> (tensor<2x8x16x2x16x2x16x2xf32>, tensor<2x256x64xf32>)
// ROWS: linalg.conv_1d_nwc_wcf {{.*}} -> tensor<2x256x64xf32>
// ROWS-NOT: linalg.conv_1d_nwc_wcf
// ROWS: return
func.func @flat_3d(%x: tensor<2x16x16x16x16xf32>, %w: tensor<16x8x2x2x2xf32>, %b: tensor<8xf32>) -> tensor<2x8x32x32x32xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2, 2>}
      : (tensor<2x16x16x16x16xf32>, tensor<16x8x2x2x2xf32>, tensor<8xf32>) -> tensor<2x8x32x32x32xf32>
  %e = tensor.empty() : tensor<2x8x32x32x32xf32>
  %r = linalg.generic {indexing_maps = [#map3, #map3], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]}
      ins(%y : tensor<2x8x32x32x32xf32>) outs(%e : tensor<2x8x32x32x32xf32>) {
  ^bb0(%v: f32, %o: f32):
    %zero = arith.constant 0.0 : f32
    %m = arith.maximumf %v, %zero : f32
    linalg.yield %m : f32
  } -> tensor<2x8x32x32x32xf32>
  return %r : tensor<2x8x32x32x32xf32>
}
