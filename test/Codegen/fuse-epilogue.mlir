// Epilogues on the register tile: a convolution's elementwise consumer (here
// the transpose back to channels-first, a LeakyReLU and a residual add, as
// tconv-fuse-elementwise leaves them: one generic) is computed on each
// register tile from the accumulators, and only it stores: one loop nest
// writes the output, nothing writes the convolution's result. Targets are
// named (the tiles come from the target model).
// RUN: tconv-opt %s --tconv-block-conv-filters="target-cpu=haswell" --tconv-tile-and-vectorize="target-cpu=haswell" --canonicalize --cse --loop-invariant-subset-hoisting --canonicalize --split-input-file | FileCheck %s
// RUN: tconv-opt %s --tconv-tile-and-vectorize="target-cpu=haswell fuse-epilogues=false" --canonicalize --split-input-file | FileCheck %s --check-prefix=UNFUSED

// The filter blocks of 16 channels (2 ymm) carry the epilogue too; in each,
// register tiles of 6 pixels (two, the loop to 12) and a 4-pixel remainder.
// Each tile: the bias, the reduction on the accumulators (loop-carried
// vectors), then the epilogue on them, transposed as it is stored, into the
// output: the only stores of the function besides the filter blocks'.
// CHECK-LABEL: func.func @conv_epilogue
// CHECK-NOT: linalg.
// CHECK: scf.for %{{.*}} = %c0 to %c32 step %c16
// CHECK: scf.for %{{.*}} = %c0 to %c12 step %c6
// CHECK: scf.for {{.*}} -> (vector<1x6x16xf32>)
// CHECK: vector.contract
// CHECK: %[[ACC:.*]] = vector.transfer_read {{.*}} : tensor<1x1x6x16xf32>, vector<1x1x6x16xf32>
// CHECK: %[[RES:.*]] = vector.transfer_read {{.*}} : tensor<1x16x1x6xf32>, vector<1x1x6x16xf32>
// CHECK: arith.cmpf ogt, %[[ACC]]
// CHECK: %[[SUM:.*]] = arith.addf %{{.*}}, %[[RES]] : vector<1x1x6x16xf32>
// CHECK: vector.transfer_write %[[SUM]], {{.*}}permutation_map = {{.*}} : vector<1x1x6x16xf32>, tensor<1x16x1x6xf32>
// CHECK: scf.for {{.*}} -> (vector<1x4x16xf32>)
// CHECK: vector.contract
// CHECK: arith.cmpf ogt
// CHECK: vector.transfer_write {{.*}} : vector<1x1x4x16xf32>, tensor<1x16x1x4xf32>
// CHECK-NOT: linalg.
// CHECK-NOT: scf.for
// CHECK: return
// Unfused, the convolution's result goes to memory, and a loop nest of
// its own reads it back for the epilogue.
// UNFUSED-LABEL: func.func @conv_epilogue
// UNFUSED: vector.contract
// UNFUSED: vector.transfer_write {{.*}} : vector<1x6x16xf32>
// UNFUSED: vector.transfer_write {{.*}} : vector<1x4x16xf32>
// UNFUSED: scf.for %{{.*}} = %c0 to %c32 step %c8
// UNFUSED: arith.cmpf ogt
// UNFUSED: vector.transfer_write {{.*}} : vector<1x8x1x8xf32>

#nchw = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#nhwc_to_nchw = affine_map<(d0, d1, d2, d3) -> (d0, d2, d3, d1)>
#bias = affine_map<(d0, d1, d2, d3) -> (d3)>

func.func @conv_epilogue(%x: tensor<1x3x18x8xf32>, %w: tensor<3x3x8x32xf32>, %b: tensor<32xf32>,
                         %r: tensor<1x32x1x16xf32>) -> tensor<1x32x1x16xf32> {
  %slope = arith.constant 0.2 : f32
  %zero = arith.constant 0.0 : f32
  %e0 = tensor.empty() : tensor<1x1x16x32xf32>
  %init = linalg.generic {indexing_maps = [#bias, #nchw], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
          ins(%b : tensor<32xf32>) outs(%e0 : tensor<1x1x16x32xf32>) {
  ^bb0(%v: f32, %o: f32):
    linalg.yield %v : f32
  } -> tensor<1x1x16x32xf32>
  %c = linalg.conv_2d_nhwc_hwcf ins(%x, %w : tensor<1x3x18x8xf32>, tensor<3x3x8x32xf32>) outs(%init : tensor<1x1x16x32xf32>) -> tensor<1x1x16x32xf32>
  %e = tensor.empty() : tensor<1x32x1x16xf32>
  %z = linalg.generic {indexing_maps = [#nhwc_to_nchw, #nchw, #nchw], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
       ins(%c, %r : tensor<1x1x16x32xf32>, tensor<1x32x1x16xf32>) outs(%e : tensor<1x32x1x16xf32>) {
  ^bb0(%v: f32, %u: f32, %o: f32):
    %m = arith.mulf %v, %slope : f32
    %p = arith.cmpf ogt, %v, %zero : f32
    %l = arith.select %p, %v, %m : f32
    %s = arith.addf %l, %u : f32
    linalg.yield %s : f32
  } -> tensor<1x32x1x16xf32>
  return %z : tensor<1x32x1x16xf32>
}

// -----

#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>

// A residual add of two convolutions (a MelGAN block and its shortcut):
// the add is the epilogue of the first; the second is computed whole
// before, and its tiles read.
// CHECK-LABEL: func.func @two_convolutions
// CHECK: vector.contract
// CHECK: vector.transfer_write {{.*}} : vector<1x4x8xf32>, tensor<1x4x8xf32>
// CHECK: vector.contract
// CHECK: arith.addf {{.*}} : vector<1x1x4x8xf32>
// CHECK: return
func.func @two_convolutions(%x: tensor<1x1x6x8xf32>, %w0: tensor<1x3x8x8xf32>, %w1: tensor<1x3x8x8xf32>) -> tensor<1x1x4x8xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x1x4x8xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x1x4x8xf32>) -> tensor<1x1x4x8xf32>
  %c0 = linalg.conv_2d_nhwc_hwcf ins(%x, %w0 : tensor<1x1x6x8xf32>, tensor<1x3x8x8xf32>) outs(%f : tensor<1x1x4x8xf32>) -> tensor<1x1x4x8xf32>
  %c1 = linalg.conv_2d_nhwc_hwcf ins(%x, %w1 : tensor<1x1x6x8xf32>, tensor<1x3x8x8xf32>) outs(%f : tensor<1x1x4x8xf32>) -> tensor<1x1x4x8xf32>
  %s = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
       ins(%c0, %c1 : tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>) outs(%e : tensor<1x1x4x8xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %m = arith.addf %a, %b : f32
    linalg.yield %m : f32
  } -> tensor<1x1x4x8xf32>
  return %s : tensor<1x1x4x8xf32>
}
