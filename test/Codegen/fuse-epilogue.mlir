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

// -----

#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>

// A result of 8 Haswell L2s (2 MiB) that the function only returns: the
// epilogue's tile loops are marked for tconv-stream-stores, which stores
// their lines past the caches. Unfused, the epilogue is not a tile's.
// CHECK-LABEL: func.func @streamed_epilogue
// CHECK: scf.for %{{.*}} = %c0 to %c32 step %c16
// CHECK: vector.contract
// CHECK: arith.addf {{.*}} : vector<1x1x5x16xf32>
// CHECK: } {tconv.nontemporal_stores}
// UNFUSED-LABEL: func.func @streamed_epilogue
// UNFUSED-NOT: nontemporal
// UNFUSED: return
func.func @streamed_epilogue(%x: tensor<1x130x130x8xf32>, %w: tensor<3x3x8x32xf32>, %r: tensor<1x128x128x32xf32>) -> tensor<1x128x128x32xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x128x128x32xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x128x128x32xf32>) -> tensor<1x128x128x32xf32>
  %c = linalg.conv_2d_nhwc_hwcf ins(%x, %w : tensor<1x130x130x8xf32>, tensor<3x3x8x32xf32>) outs(%f : tensor<1x128x128x32xf32>) -> tensor<1x128x128x32xf32>
  %s = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
       ins(%c, %r : tensor<1x128x128x32xf32>, tensor<1x128x128x32xf32>) outs(%e : tensor<1x128x128x32xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %m = arith.addf %a, %b : f32
    linalg.yield %m : f32
  } -> tensor<1x128x128x32xf32>
  return %s : tensor<1x128x128x32xf32>
}

// -----

#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>

// The same result read again by the function stays in cache.
// CHECK-LABEL: func.func @read_epilogue
// CHECK-NOT: nontemporal
// CHECK: return
func.func @read_epilogue(%x: tensor<1x130x130x8xf32>, %w: tensor<3x3x8x32xf32>, %r: tensor<1x128x128x32xf32>) -> tensor<1x128x128x32xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x128x128x32xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x128x128x32xf32>) -> tensor<1x128x128x32xf32>
  %c = linalg.conv_2d_nhwc_hwcf ins(%x, %w : tensor<1x130x130x8xf32>, tensor<3x3x8x32xf32>) outs(%f : tensor<1x128x128x32xf32>) -> tensor<1x128x128x32xf32>
  %s = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
       ins(%c, %r : tensor<1x128x128x32xf32>, tensor<1x128x128x32xf32>) outs(%e : tensor<1x128x128x32xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %m = arith.addf %a, %b : f32
    linalg.yield %m : f32
  } -> tensor<1x128x128x32xf32>
  %t = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
       ins(%s : tensor<1x128x128x32xf32>) outs(%e : tensor<1x128x128x32xf32>) {
  ^bb0(%a: f32, %o: f32):
    %m = arith.mulf %a, %a : f32
    linalg.yield %m : f32
  } -> tensor<1x128x128x32xf32>
  return %t : tensor<1x128x128x32xf32>
}

// -----

#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>

// A phase (every other row) of a 2 MiB result, computed in blocks of 16
// filters, each block's epilogue writing into the phase that the loop over
// blocks carries: the whole result counts, and it is streamed.
// CHECK-LABEL: func.func @phase_blocks
// CHECK: scf.for %{{.*}} = %c0 to %c32 step %c16
// CHECK: vector.contract
// CHECK: } {tconv.nontemporal_stores}
func.func @phase_blocks(%x: tensor<1x64x128x8xf32>, %w: tensor<1x1x8x32xf32>, %r: tensor<1x128x128x32xf32>) -> tensor<1x128x128x32xf32> {
  %c0 = arith.constant 0 : index
  %c16 = arith.constant 16 : index
  %c32 = arith.constant 32 : index
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x128x128x32xf32>
  %phase = tensor.extract_slice %e[0, 0, 0, 0] [1, 64, 128, 32] [1, 2, 1, 1] : tensor<1x128x128x32xf32> to tensor<1x64x128x32xf32>
  %acc = tensor.empty() : tensor<1x64x128x16xf32>
  %blocks = scf.for %i = %c0 to %c32 step %c16 iter_args(%out = %phase) -> (tensor<1x64x128x32xf32>) {
    %f = linalg.fill ins(%zero : f32) outs(%acc : tensor<1x64x128x16xf32>) -> tensor<1x64x128x16xf32>
    %wb = tensor.extract_slice %w[0, 0, 0, %i] [1, 1, 8, 16] [1, 1, 1, 1] : tensor<1x1x8x32xf32> to tensor<1x1x8x16xf32>
    %c = linalg.conv_2d_nhwc_hwcf ins(%x, %wb : tensor<1x64x128x8xf32>, tensor<1x1x8x16xf32>) outs(%f : tensor<1x64x128x16xf32>) -> tensor<1x64x128x16xf32>
    %rb = tensor.extract_slice %r[0, 0, 0, %i] [1, 64, 128, 16] [1, 2, 1, 1] : tensor<1x128x128x32xf32> to tensor<1x64x128x16xf32>
    %ob = tensor.extract_slice %out[0, 0, 0, %i] [1, 64, 128, 16] [1, 1, 1, 1] : tensor<1x64x128x32xf32> to tensor<1x64x128x16xf32>
    %s = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
         ins(%c, %rb : tensor<1x64x128x16xf32>, tensor<1x64x128x16xf32>) outs(%ob : tensor<1x64x128x16xf32>) {
    ^bb0(%a: f32, %b: f32, %o: f32):
      %m = arith.addf %a, %b : f32
      linalg.yield %m : f32
    } -> tensor<1x64x128x16xf32>
    %in = tensor.insert_slice %s into %out[0, 0, 0, %i] [1, 64, 128, 16] [1, 1, 1, 1] : tensor<1x64x128x16xf32> into tensor<1x64x128x32xf32>
    scf.yield %in : tensor<1x64x128x32xf32>
  }
  %y = tensor.insert_slice %blocks into %e[0, 0, 0, 0] [1, 64, 128, 32] [1, 2, 1, 1] : tensor<1x64x128x32xf32> into tensor<1x128x128x32xf32>
  return %y : tensor<1x128x128x32xf32>
}

// -----

#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>

// A result of 1 MiB is not streamed.
// CHECK-LABEL: func.func @small_epilogue
// CHECK-NOT: nontemporal
// CHECK: return
func.func @small_epilogue(%x: tensor<1x128x128x8xf32>, %w: tensor<1x1x8x16xf32>, %r: tensor<1x128x128x16xf32>) -> tensor<1x128x128x16xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x128x128x16xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x128x128x16xf32>) -> tensor<1x128x128x16xf32>
  %c = linalg.conv_2d_nhwc_hwcf ins(%x, %w : tensor<1x128x128x8xf32>, tensor<1x1x8x16xf32>) outs(%f : tensor<1x128x128x16xf32>) -> tensor<1x128x128x16xf32>
  %s = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
       ins(%c, %r : tensor<1x128x128x16xf32>, tensor<1x128x128x16xf32>) outs(%e : tensor<1x128x128x16xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %m = arith.addf %a, %b : f32
    linalg.yield %m : f32
  } -> tensor<1x128x128x16xf32>
  return %s : tensor<1x128x128x16xf32>
}
