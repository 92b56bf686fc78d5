// Tiles come from the target model (TileSelection.h), so every RUN line
// names its target: AVX-512 (32 zmm registers of 16 floats) and AVX2 (16 ymm
// of 8). Explicit sizes replace the model's.
// RUN: tconv-opt %s --tconv-tile-and-vectorize="target-cpu=skylake-avx512" --canonicalize --cse --split-input-file | FileCheck %s
// RUN: tconv-opt %s --tconv-tile-and-vectorize="target-cpu=haswell" --canonicalize --cse --split-input-file | FileCheck %s --check-prefix=AVX2
// Other CPUs of each tier: Sapphire Rapids tiles as Skylake-AVX512 does;
// Zen 3's FMAs take 4 cycles, not Haswell's 5, so 8 accumulators cover its
// two pipes and awkward sizes split differently (ZNVER3 below).
// RUN: tconv-opt %s --tconv-tile-and-vectorize="target-cpu=sapphirerapids" --canonicalize --cse --split-input-file | FileCheck %s
// RUN: tconv-opt %s --tconv-tile-and-vectorize="target-cpu=znver3" --canonicalize --cse --split-input-file | FileCheck %s --check-prefix=ZNVER3
// AArch64 (Neoverse N1: 32 NEON registers of 4 floats, FMLA by element):
// the register tile also steps through 4 input channels, one vector of a
// pixel's inputs, loaded once per 4 reduction steps (NEON below). Cortex-A76
// (LLVM models it as Cortex-A57; the target model corrects its FMLA to 4
// cycles at 2 per cycle) and Cortex-A55 (dual issue) tile as N1 does; Apple
// M1's four FMA pipes need 16 accumulators, so it widens the channel tiles
// where N1 takes fewer loads (M1 at @neon_cores).
// RUN: tconv-opt %s --tconv-tile-and-vectorize="target-triple=aarch64-linux-gnu target-cpu=neoverse-n1" --canonicalize --cse --split-input-file | FileCheck %s --check-prefix=NEON
// RUN: tconv-opt %s --tconv-tile-and-vectorize="target-triple=aarch64-linux-gnu target-cpu=cortex-a76" --canonicalize --cse --split-input-file | FileCheck %s --check-prefix=NEON
// RUN: tconv-opt %s --tconv-tile-and-vectorize="target-triple=aarch64-linux-gnu target-cpu=cortex-a55" --canonicalize --cse --split-input-file | FileCheck %s --check-prefix=NEON
// RUN: tconv-opt %s --tconv-tile-and-vectorize="target-triple=aarch64-linux-gnu target-cpu=apple-m1" --canonicalize --cse --split-input-file | FileCheck %s --check-prefix=M1
// RUN: tconv-opt %s --tconv-tile-and-vectorize="target-cpu=haswell register-tile-width=4 register-tile-channels=16" --canonicalize --split-input-file | FileCheck %s --check-prefix=SMALL
// RUN: tconv-opt %s --tconv-tile-and-vectorize="target-cpu=haswell cache-tiles=false" --canonicalize --cse --split-input-file | FileCheck %s --check-prefix=NOCACHE

// An NHWC convolution 16 pixels wide with 64 output channels. On AVX-512, 4
// zmm of channels (all 64, so the cache-tile loops fold away) by 6 pixels,
// 24 accumulators; the width is split at 12 and the last 4 pixels get a tile
// of their own. On AVX2, cache tiles of 16 output channels (2 ymm) outermost,
// then register tiles of 6 pixels x 16 channels (12 of the 16 ymm registers)
// and again a 4-pixel remainder; unit steps over the output row, kernel taps
// and input channels; the 2-D convolution is decomposed to 1-D and
// vectorized into one contraction per input channel.
// CHECK-LABEL: func.func @conv_nhwc_hwcf
// CHECK: scf.for %{{.*}} = %c0 to %c8 step %c1
// CHECK: scf.for %{{.*}} = %c0 to %c12 step %c6
// CHECK-NOT: linalg.conv
// CHECK: vector.contract {{.*}} : vector<1x6x1xf32>, vector<1x64xf32> into vector<1x6x64xf32>
// CHECK: vector.contract {{.*}} : vector<1x4x1xf32>, vector<1x64xf32> into vector<1x4x64xf32>
// AVX2-LABEL: func.func @conv_nhwc_hwcf
// AVX2: scf.for %{{.*}} = %c0 to %c64 step %c16
// AVX2: scf.for %{{.*}} = %c0 to %c8 step %c1
// AVX2: scf.for %{{.*}} = %c0 to %c12 step %c6
// AVX2: scf.for %{{.*}} = %c0 to %c4 step %c1
// AVX2: scf.for %{{.*}} = %c0 to %c4 step %c1
// AVX2: scf.for %{{.*}} = %c0 to %c8 step %c1
// AVX2: vector.contract {{.*}} : vector<1x6x1xf32>, vector<1x16xf32> into vector<1x6x16xf32>
// AVX2: vector.contract {{.*}} : vector<1x4x1xf32>, vector<1x16xf32> into vector<1x4x16xf32>
// NEON-LABEL: func.func @conv_nhwc_hwcf
// NEON: scf.for %{{.*}} = %c0 to %c64 step %c8
// NEON: scf.for %{{.*}} = %c0 to %c16 step %c8
// NEON: vector.contract {{.*}} : vector<1x8x4xf32>, vector<4x8xf32> into vector<1x8x8xf32>
// NOCACHE-LABEL: func.func @conv_nhwc_hwcf
// NOCACHE: scf.for %{{.*}} = %c0 to %c8 step %c1
// NOCACHE: scf.for %{{.*}} = %c0 to %c12 step %c6
// NOCACHE: scf.for %{{.*}} = %c0 to %c64 step %c16
// NOCACHE: vector.contract {{.*}} into vector<1x6x16xf32>
// SMALL-LABEL: func.func @conv_nhwc_hwcf
// SMALL: vector.contract {{.*}} : vector<1x4x1xf32>, vector<1x16xf32> into vector<1x4x16xf32>
func.func @conv_nhwc_hwcf(%x: tensor<1x11x19x8xf32>, %w: tensor<4x4x8x64xf32>, %o: tensor<1x8x16x64xf32>) -> tensor<1x8x16x64xf32> {
  %r = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %w : tensor<1x11x19x8xf32>, tensor<4x4x8x64xf32>) outs(%o : tensor<1x8x16x64xf32>) -> tensor<1x8x16x64xf32>
  return %r : tensor<1x8x16x64xf32>
}

// -----

// 24 channels are one and a half vectors on AVX-512, so tiles of 12 (one
// register each), and 3 ymm vectors on AVX2, so tiles of 8 (LLVM assembles
// vectors of other than a power-of-two number of registers lane by lane).
// NCHW convolutions vectorize too (through transposes).
// CHECK-LABEL: func.func @conv_nchw_fchw
// CHECK-NOT: linalg.conv
// CHECK: vector.contract {{.*}} into vector<1x6x12xf32>
// AVX2-LABEL: func.func @conv_nchw_fchw
// AVX2: vector.contract {{.*}} into vector<1x6x8xf32>
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

// A one-element operand read at the constant index 0 (a scalar slope as
// the importers write it) slices to itself: the op is tiled into rows like
// any elementwise op, not vectorized whole (one vector of every element,
// which LLVM then unrolls).
// CHECK-LABEL: func.func @scalar_broadcast
// CHECK: scf.for %{{.*}} = %c0 to %c56 step %c1
// CHECK: scf.for %{{.*}} = %c0 to %c32 step %c1
// CHECK: vector.transfer_read %{{.*}}[%c0], {{.*}} : tensor<1xf32>, vector<1x1x1x32xf32>
// CHECK: arith.mulf {{.*}} : vector<1x1x1x32xf32>
func.func @scalar_broadcast(%x: tensor<1x56x32x32xf32>, %s: tensor<1xf32>) -> tensor<1x56x32x32xf32> {
  %e = tensor.empty() : tensor<1x56x32x32xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (0)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%x, %s : tensor<1x56x32x32xf32>, tensor<1xf32>) outs(%e : tensor<1x56x32x32xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %m = arith.mulf %a, %b : f32
    linalg.yield %m : f32
  } -> tensor<1x56x32x32xf32>
  return %y : tensor<1x56x32x32xf32>
}

// -----

// Channel tiles are vectors: the largest divisor that fills a power-of-two
// number of registers (48 channels: 16), else the largest one that fits a
// register (21 channels: 7, not one <21 x float>). On AVX2 the 8 pixels of
// the 16-channel tile are two tiles of 4 (8 x 2 ymm accumulators would not
// fit beside the weights); 7 channels take one register, so 8 pixels fit.
// CHECK-LABEL: func.func @channel_tiles
// CHECK: vector.contract {{.*}} into vector<1x8x16xf32>
// CHECK: vector.contract {{.*}} into vector<1x8x7xf32>
// AVX2-LABEL: func.func @channel_tiles
// AVX2: vector.contract {{.*}} into vector<1x4x16xf32>
// AVX2: vector.contract {{.*}} into vector<1x8x7xf32>
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

// -----

// Awkward sizes get full tiles plus remainders, never a divisor of 1: the
// model weighs the remainder's cost. On AVX2 (two 5-cycle FMA pipes on Haswell:
// 10 accumulators in flight): 13 pixels x 12 channels is one 13-pixel tile
// per 6-channel vector; 15 pixels x 3 channels (one vector) is 9 + 6
// pixels, each at least at the latency bound; 7 pixels x 48 channels is
// 5 + 2 pixels of 2 ymm; 15 x 21 is 9 + 6 pixels of 7. AVX-512 (4-cycle
// FMAs, 32 registers): whole widths.
// CHECK-LABEL: func.func @odd_sizes
// CHECK: vector.contract {{.*}} into vector<1x13x12xf32>
// CHECK: vector.contract {{.*}} into vector<1x15x3xf32>
// CHECK: vector.contract {{.*}} into vector<1x7x16xf32>
// CHECK: vector.contract {{.*}} into vector<1x15x7xf32>
// AVX2-LABEL: func.func @odd_sizes
// AVX2: vector.contract {{.*}} into vector<1x13x6xf32>
// AVX2: vector.contract {{.*}} into vector<1x9x3xf32>
// AVX2: vector.contract {{.*}} into vector<1x6x3xf32>
// AVX2: vector.contract {{.*}} into vector<1x5x16xf32>
// AVX2: vector.contract {{.*}} into vector<1x2x16xf32>
// AVX2: vector.contract {{.*}} into vector<1x9x7xf32>
// AVX2: vector.contract {{.*}} into vector<1x6x7xf32>
// Zen 3: 15 pixels are 8 + 7, 7 pixels of 2 ymm 4 + 3.
// ZNVER3-LABEL: func.func @odd_sizes
// ZNVER3: vector.contract {{.*}} into vector<1x13x6xf32>
// ZNVER3: vector.contract {{.*}} into vector<1x8x3xf32>
// ZNVER3: vector.contract {{.*}} into vector<1x7x3xf32>
// ZNVER3: vector.contract {{.*}} into vector<1x4x16xf32>
// ZNVER3: vector.contract {{.*}} into vector<1x3x16xf32>
// ZNVER3: vector.contract {{.*}} into vector<1x8x7xf32>
// ZNVER3: vector.contract {{.*}} into vector<1x7x7xf32>
func.func @odd_sizes(%x13: tensor<1x15x8xf32>, %w12: tensor<3x8x12xf32>, %o13: tensor<1x13x12xf32>,
               %x15: tensor<1x17x8xf32>, %w3: tensor<3x8x3xf32>, %o15: tensor<1x15x3xf32>,
               %x7: tensor<1x9x8xf32>, %w48: tensor<3x8x48xf32>, %o7: tensor<1x7x48xf32>,
               %w21: tensor<3x8x21xf32>, %o21: tensor<1x15x21xf32>)
    -> (tensor<1x13x12xf32>, tensor<1x15x3xf32>, tensor<1x7x48xf32>, tensor<1x15x21xf32>) {
  %a = linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>} ins(%x13, %w12 : tensor<1x15x8xf32>, tensor<3x8x12xf32>) outs(%o13 : tensor<1x13x12xf32>) -> tensor<1x13x12xf32>
  %b = linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>} ins(%x15, %w3 : tensor<1x17x8xf32>, tensor<3x8x3xf32>) outs(%o15 : tensor<1x15x3xf32>) -> tensor<1x15x3xf32>
  %c = linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>} ins(%x7, %w48 : tensor<1x9x8xf32>, tensor<3x8x48xf32>) outs(%o7 : tensor<1x7x48xf32>) -> tensor<1x7x48xf32>
  %d = linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>} ins(%x15, %w21 : tensor<1x17x8xf32>, tensor<3x8x21xf32>) outs(%o21 : tensor<1x15x21xf32>) -> tensor<1x15x21xf32>
  return %a, %b, %c, %d : tensor<1x13x12xf32>, tensor<1x15x3xf32>, tensor<1x7x48xf32>, tensor<1x15x21xf32>
}

// -----

// 12 pixels, 32 channels: 12 accumulators cover N1's two 4-cycle FMA pipes
// (6 pixels x 8 channels, the fewest loads); M1 needs 16 (4 x 16).
// NEON-LABEL: func.func @neon_cores
// NEON: vector.contract {{.*}} : vector<1x6x4xf32>, vector<4x8xf32> into vector<1x6x8xf32>
// M1-LABEL: func.func @neon_cores
// M1: vector.contract {{.*}} : vector<1x4x4xf32>, vector<4x16xf32> into vector<1x4x16xf32>
func.func @neon_cores(%x: tensor<1x14x16xf32>, %f: tensor<3x16x32xf32>, %o: tensor<1x12x32xf32>) -> tensor<1x12x32xf32> {
  %y = linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>} ins(%x, %f : tensor<1x14x16xf32>, tensor<3x16x32xf32>) outs(%o : tensor<1x12x32xf32>) -> tensor<1x12x32xf32>
  return %y : tensor<1x12x32xf32>
}

// -----

// A transpose of 32-bit integers (a quantized layer's i32 result going back
// to channels-first) is read and written in blocks of 16 x 16 (8 x 8 on
// AVX2), transposed in registers, like f32; f16 too, in square blocks
// (moved as i16 by tconv-lower-vector-transposes), but a block that is not
// square (3 x 16 here: the X86 backend cannot promote such shuffles of
// 16-bit floats) leaves it in rows.
// CHECK-LABEL: func.func @transpose_blocks
// CHECK: vector.transfer_read {{.*}} permutation_map = {{.*}} : tensor<16x16xi32>, vector<16x16xi32>
// CHECK: vector.transfer_read {{.*}} permutation_map = {{.*}} : tensor<16x16xf16>, vector<16x16xf16>
// CHECK: vector.transfer_read {{.*}} permutation_map = {{.*}} : tensor<64x1xf16>, vector<1x64xf16>
// AVX2-LABEL: func.func @transpose_blocks
// AVX2: vector.transfer_read {{.*}} permutation_map = {{.*}} : tensor<8x8xi32>, vector<8x8xi32>
// AVX2: vector.transfer_read {{.*}} permutation_map = {{.*}} : tensor<8x8xf16>, vector<8x8xf16>
func.func @transpose_blocks(%x: tensor<64x32xi32>, %h: tensor<64x32xf16>, %r: tensor<64x3xf16>) -> (tensor<32x64xi32>, tensor<32x64xf16>, tensor<3x64xf16>) {
  %e = tensor.empty() : tensor<32x64xi32>
  %t = linalg.transpose ins(%x : tensor<64x32xi32>) outs(%e : tensor<32x64xi32>) permutation = [1, 0]
  %eh = tensor.empty() : tensor<32x64xf16>
  %th = linalg.transpose ins(%h : tensor<64x32xf16>) outs(%eh : tensor<32x64xf16>) permutation = [1, 0]
  %er = tensor.empty() : tensor<3x64xf16>
  %tr = linalg.transpose ins(%r : tensor<64x3xf16>) outs(%er : tensor<3x64xf16>) permutation = [1, 0]
  return %t, %th, %tr : tensor<32x64xi32>, tensor<32x64xf16>, tensor<3x64xf16>
}

// -----

// A channels-last result going back to channels-first: the blocks (8
// channels by 16 pixels on AVX2, where the 4 MB result is streamed: a
// cache line per row) run in the order of the channels-last source, rows
// outermost,
// and the channel blocks as far out as the source inside them fits half of
// L2 (128 KiB on Haswell): here inside each row (64 KB), whose pixel
// blocks each channel block then writes in one run per plane, reading the
// row from cache, not memory.
// AVX2-LABEL: func.func @transpose_block_order
// AVX2: scf.for %{{.*}} = %c0 to %c64 step %c1
// AVX2: scf.for %{{.*}} = %c0 to %c32 step %c8
// AVX2: scf.for %{{.*}} = %c0 to %c512 step %c16
// AVX2: vector.transfer_read {{.*}} permutation_map = {{.*}} : tensor<1x1x16x8xi32>, vector<1x8x1x16xi32>
func.func @transpose_block_order(%x: tensor<1x64x512x32xi32>) -> tensor<1x32x64x512xi32> {
  %e = tensor.empty() : tensor<1x32x64x512xi32>
  %t = linalg.transpose ins(%x : tensor<1x64x512x32xi32>) outs(%e : tensor<1x32x64x512xi32>) permutation = [0, 3, 1, 2]
  return %t : tensor<1x32x64x512xi32>
}

// -----

// With a residual added (read in the output's layout), rows of whole lines
// of the source (16 f32 channels: 64 bytes), 8 blocks of them per source
// row: the channel blocks go outermost, so that the residual's planes are
// read, and the result's written, in runs of whole planes. On AVX2 (rows of
// 8 f32, half lines) the order stays the source's, the channel blocks
// inside each row.
// CHECK-LABEL: func.func @transpose_residual_block_order
// CHECK: scf.for %{{.*}} = %c0 to %c128 step %c16
// CHECK: scf.for %{{.*}} = %c0 to %c64 step %c1
// CHECK: scf.for %{{.*}} = %c0 to %c64 step %c16
// CHECK: vector.transfer_read {{.*}} permutation_map = {{.*}} : tensor<1x1x16x16xf32>, vector<1x16x1x16xf32>
// AVX2-LABEL: func.func @transpose_residual_block_order
// AVX2: scf.for %{{.*}} = %c0 to %c64 step %c1
// AVX2: scf.for %{{.*}} = %c0 to %c128 step %c8
// AVX2: scf.for %{{.*}} = %c0 to %c64 step %c16
#cl = affine_map<(d0, d1, d2, d3) -> (d0, d2, d3, d1)>
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
func.func @transpose_residual_block_order(%x: tensor<1x64x64x128xf32>, %r: tensor<1x128x64x64xf32>) -> tensor<1x128x64x64xf32> {
  %e = tensor.empty() : tensor<1x128x64x64xf32>
  %t = linalg.generic {indexing_maps = [#cl, #id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%x, %r : tensor<1x64x64x128xf32>, tensor<1x128x64x64xf32>) outs(%e : tensor<1x128x64x64xf32>) {
  ^bb0(%v: f32, %res: f32, %o: f32):
    %sum = arith.addf %v, %res : f32
    linalg.yield %sum : f32
  } -> tensor<1x128x64x64xf32>
  return %t : tensor<1x128x64x64xf32>
}

// -----

// 3-D: the source of one depth (16 x 16 pixels, 32 KB) fits, all 64 of them
// do not: the channel blocks run inside each depth, outside its rows.
// CHECK-LABEL: func.func @transpose_block_order_3d
// CHECK: scf.for %{{.*}} = %c0 to %c64 step %c1
// CHECK: scf.for %{{.*}} = %c0 to %c32 step %c16
// CHECK: scf.for %{{.*}} = %c0 to %c16 step %c1
// CHECK: vector.transfer_read {{.*}} : tensor<1x1x1x16x16xi32>, vector<1x16x1x1x16xi32>
// CHECK-NOT: nontemporal
// AVX2-LABEL: func.func @transpose_block_order_3d
// AVX2: scf.for %{{.*}} = %c0 to %c64 step %c1
// AVX2: scf.for %{{.*}} = %c0 to %c32 step %c8
// AVX2: scf.for %{{.*}} = %c0 to %c16 step %c1
// AVX2: vector.transfer_read {{.*}} : tensor<1x1x1x16x8xi32>, vector<1x8x1x1x16xi32>
func.func @transpose_block_order_3d(%x: tensor<1x64x16x16x32xi32>) -> tensor<1x32x64x16x16xi32> {
  %e = tensor.empty() : tensor<1x32x64x16x16xi32>
  %t = linalg.transpose ins(%x : tensor<1x64x16x16x32xi32>) outs(%e : tensor<1x32x64x16x16xi32>) permutation = [0, 4, 1, 2, 3]
  return %t : tensor<1x32x64x16x16xi32>
}

// -----

// A transposed result of at least 8 L2s (16 MB here; Haswell's L2 is
// 256 KiB, Skylake-AVX512's 1 MiB, Sapphire Rapids' 2 MiB) is not read
// again before it leaves the caches: its tile loops are marked for
// tconv-stream-stores, which stores it past them (x86 only), where the
// function only returns it. A smaller one (@transpose_block_order_3d,
// 2 MB) is not marked on Skylake-AVX512. Its blocks' rows are whole cache
// lines, stored one after the other: for AVX2, 8 channels by 16 pixels
// (an 8 x 8 block stored half lines, which Emerald Rapids took 4x longer
// to combine).
// CHECK-LABEL: func.func @streamed_transpose
// CHECK: vector.transfer_read {{.*}} : tensor<1x1x16x16xi32>, vector<1x16x1x16xi32>
// CHECK: tconv.nontemporal_stores
// AVX2-LABEL: func.func @streamed_transpose
// AVX2: vector.transfer_read {{.*}} : tensor<1x1x16x8xi32>, vector<1x8x1x16xi32>
// AVX2: tconv.nontemporal_stores
// NEON-LABEL: func.func @streamed_transpose
// NEON-NOT: nontemporal
func.func @streamed_transpose(%x: tensor<1x256x256x64xi32>) -> tensor<1x64x256x256xi32> {
  %e = tensor.empty() : tensor<1x64x256x256xi32>
  %t = linalg.transpose ins(%x : tensor<1x256x256x64xi32>) outs(%e : tensor<1x64x256x256xi32>) permutation = [0, 3, 1, 2]
  return %t : tensor<1x64x256x256xi32>
}

// -----

// 8 MiB is enough on any target: Sapphire Rapids' 8 L2s would be 16 MiB.
// CHECK-LABEL: func.func @streamed_8mib
// CHECK: scf.for
// CHECK: tconv.nontemporal_stores
func.func @streamed_8mib(%x: tensor<1x128x128x128xi32>) -> tensor<1x128x128x128xi32> {
  %e = tensor.empty() : tensor<1x128x128x128xi32>
  %t = linalg.transpose ins(%x : tensor<1x128x128x128xi32>) outs(%e : tensor<1x128x128x128xi32>) permutation = [0, 3, 1, 2]
  return %t : tensor<1x128x128x128xi32>
}

// -----

// The same transpose read by the function (a layer's input going
// channels-last) is not: its result is wanted in cache.
// CHECK-LABEL: func.func @read_transpose
// CHECK-NOT: nontemporal
// CHECK: return
// AVX2-LABEL: func.func @read_transpose
// AVX2-NOT: nontemporal
// AVX2: return
func.func @read_transpose(%x: tensor<1x256x256x64xi32>) -> tensor<1x64x256x256xi32> {
  %e = tensor.empty() : tensor<1x64x256x256xi32>
  %t = linalg.transpose ins(%x : tensor<1x256x256x64xi32>) outs(%e : tensor<1x64x256x256xi32>) permutation = [0, 3, 1, 2]
  %n = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%t : tensor<1x64x256x256xi32>) outs(%e : tensor<1x64x256x256xi32>) {
  ^bb0(%in: i32, %out: i32):
    %s = arith.subi %out, %in : i32
    linalg.yield %s : i32
  } -> tensor<1x64x256x256xi32>
  return %n : tensor<1x64x256x256xi32>
}

// -----

// 21 channels back to channels-first: split into 16 channels, transposed
// in blocks of 16 x 16 (8 x 8 on AVX2), and the other 5 in blocks of 5 x 16
// (5 x 8); whole, the blocks were a divisor, 7.
// CHECK-LABEL: func.func @transpose_remainder
// CHECK: vector.transfer_read {{.*}} permutation_map = {{.*}} : tensor<1x16x16xf32>, vector<1x16x16xf32>
// CHECK: vector.transfer_read {{.*}} permutation_map = {{.*}} : tensor<1x16x5xf32>, vector<1x5x16xf32>
// AVX2-LABEL: func.func @transpose_remainder
// AVX2: vector.transfer_read {{.*}} permutation_map = {{.*}} : tensor<1x8x8xf32>, vector<1x8x8xf32>
// AVX2: vector.transfer_read {{.*}} permutation_map = {{.*}} : tensor<1x8x5xf32>, vector<1x5x8xf32>
func.func @transpose_remainder(%x: tensor<1x48x21xf32>) -> tensor<1x21x48xf32> {
  %e = tensor.empty() : tensor<1x21x48xf32>
  %t = linalg.transpose ins(%x : tensor<1x48x21xf32>) outs(%e : tensor<1x21x48xf32>) permutation = [0, 2, 1]
  return %t : tensor<1x21x48xf32>
}

// -----

// A ui8 input's shift to i8 (tconv.sign_cast, then the top bit flipped)
// vectorizes with its transpose.
// CHECK-LABEL: func.func @unsigned_shift
// CHECK: %[[X:.*]] = vector.transfer_read {{.*}} permutation_map = {{.*}} : tensor<16x16xui8>, vector<16x16xui8>
// CHECK: %[[S:.*]] = tconv.sign_cast %[[X]] : vector<16x16xui8> to vector<16x16xi8>
// CHECK: arith.xori %[[S]], %{{.*}} : vector<16x16xi8>
// AVX2-LABEL: func.func @unsigned_shift
// AVX2: tconv.sign_cast %{{.*}} : vector<8x8xui8> to vector<8x8xi8>
func.func @unsigned_shift(%x: tensor<64x32xui8>) -> tensor<32x64xi8> {
  %e = tensor.empty() : tensor<32x64xi8>
  %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1, d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<64x32xui8>) outs(%e : tensor<32x64xi8>) {
  ^bb0(%in: ui8, %out: i8):
    %s = tconv.sign_cast %in : ui8 to i8
    %top = arith.constant -128 : i8
    %f = arith.xori %s, %top : i8
    linalg.yield %f : i8
  } -> tensor<32x64xi8>
  return %r : tensor<32x64xi8>
}

// -----

// A channels-first depthwise convolution is vectorized along its rows
// (isRowVectorizedDepthwise): one channel per tile, the channels outermost,
// a power of two of whole vectors of a row, as many as the registers hold
// besides a weight (and as many inputs on AArch64) and the row allows, then
// a remainder tile: 30 zmm, 12 in a row: 128 of 200 floats, then 72; 14
// ymm: three tiles of 64, then 8; 15 NEON q registers: 32, then 8. Each tap
// is a row times its broadcast weight (linalg.conv_1d vectorized).
// CHECK-LABEL: func.func @row_depthwise
// CHECK: scf.for %{{.*}} = %c0 to %c4 step %c1
// CHECK: scf.for %{{.*}} = %c0 to %c2 step %c1
// CHECK: vector.outerproduct %{{.*}}, %{{.*}}, %{{.*}} {kind = #vector.kind<add>} : vector<128xf32>, f32
// CHECK: vector.outerproduct %{{.*}}, %{{.*}}, %{{.*}} {kind = #vector.kind<add>} : vector<72xf32>, f32
// AVX2-LABEL: func.func @row_depthwise
// AVX2: scf.for %{{.*}} = %c0 to %c4 step %c1
// AVX2: scf.for %{{.*}} = %c0 to %c192 step %c64
// AVX2: vector.outerproduct %{{.*}}, %{{.*}}, %{{.*}} {kind = #vector.kind<add>} : vector<64xf32>, f32
// AVX2: vector.outerproduct %{{.*}}, %{{.*}}, %{{.*}} {kind = #vector.kind<add>} : vector<8xf32>, f32
// NEON-LABEL: func.func @row_depthwise
// NEON: vector.outerproduct %{{.*}}, %{{.*}}, %{{.*}} {kind = #vector.kind<add>} : vector<32xf32>, f32
func.func @row_depthwise(%x: tensor<1x4x3x203xf32>, %w: tensor<4x2x4xf32>, %o: tensor<1x4x2x200xf32>) -> tensor<1x4x2x200xf32> {
  %r = linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
       ins(%x, %w : tensor<1x4x3x203xf32>, tensor<4x2x4xf32>) outs(%o : tensor<1x4x2x200xf32>) -> tensor<1x4x2x200xf32>
  return %r : tensor<1x4x2x200xf32>
}

// -----

// i8 rows times i8 weights into i32: both extended to i32 first (upstream's
// vectorization multiplies in the operands' type).
// CHECK-LABEL: func.func @row_depthwise_i8
// CHECK: arith.extsi %{{.*}} : vector<64xi8> to vector<64xi32>
// CHECK: arith.extsi %{{.*}} : vector<1xi8> to vector<1xi32>
// CHECK: vector.outerproduct %{{.*}}, %{{.*}}, %{{.*}} {kind = #vector.kind<add>} : vector<64xi32>, i32
func.func @row_depthwise_i8(%x: tensor<1x4x3x67xi8>, %w: tensor<4x2x4xi8>, %o: tensor<1x4x2x64xi32>) -> tensor<1x4x2x64xi32> {
  %r = linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
       ins(%x, %w : tensor<1x4x3x67xi8>, tensor<4x2x4xi8>) outs(%o : tensor<1x4x2x64xi32>) -> tensor<1x4x2x64xi32>
  return %r : tensor<1x4x2x64xi32>
}

// -----

// A channels-first pixel shuffle (the sub-pixel result (n, h, w, kh, kw, c)
// to (n, c, h, kh, w, kw)) is written along w and kw, contiguous in the
// result: its blocks take the sub-pixel offsets kw whole and as many w as
// fill a register with them, 16 channels x (8 x 2) (8 x (4 x 2) on AVX2),
// not 16 x 2 (tconv-collapse-vector-transfers then writes each channel's
// 8 x 2 as one vector).
// CHECK-LABEL: func.func @pixel_shuffle_block
// CHECK: vector.transfer_read {{.*}} permutation_map = {{.*}} : tensor<1x1x8x1x2x16xi32>, vector<1x16x1x1x8x2xi32>
// AVX2-LABEL: func.func @pixel_shuffle_block
// AVX2: vector.transfer_read {{.*}} permutation_map = {{.*}} : tensor<1x1x4x1x2x8xi32>, vector<1x8x1x1x4x2xi32>
func.func @pixel_shuffle_block(%x: tensor<1x4x8x2x2x32xi32>) -> tensor<1x32x4x2x8x2xi32> {
  %e = tensor.empty() : tensor<1x32x4x2x8x2xi32>
  %t = linalg.transpose ins(%x : tensor<1x4x8x2x2x32xi32>) outs(%e : tensor<1x32x4x2x8x2xi32>) permutation = [0, 5, 1, 3, 2, 4]
  return %t : tensor<1x32x4x2x8x2xi32>
}

// -----

// The same with a dynamic channel count: no block along the channels, so
// one loop per side as any transpose (the channels by one, kw whole), not a
// block along another loop (the batch).
// CHECK-LABEL: func.func @pixel_shuffle_dynamic_channels
// CHECK: vector.transfer_read {{.*}} : tensor<1x1x1x1x2x1xi32>, vector<1x1x1x1x1x2xi32>
// AVX2-LABEL: func.func @pixel_shuffle_dynamic_channels
// AVX2: vector.transfer_read {{.*}} : tensor<1x1x1x1x2x1xi32>, vector<1x1x1x1x1x2xi32>
func.func @pixel_shuffle_dynamic_channels(%x: tensor<4x4x8x2x2x?xi32>, %e: tensor<4x?x4x2x8x2xi32>) -> tensor<4x?x4x2x8x2xi32> {
  %t = linalg.transpose ins(%x : tensor<4x4x8x2x2x?xi32>) outs(%e : tensor<4x?x4x2x8x2xi32>) permutation = [0, 5, 1, 3, 2, 4]
  return %t : tensor<4x?x4x2x8x2xi32>
}

// -----

// A column one pixel wide (a border column that tconv-skip-padding-taps split
// off a phase): the register tile runs down it, all six pixels of the column
// (not one) by 32 channels; taps and input channels step by one.
// CHECK-LABEL: func.func @column
// CHECK: scf.for %{{.*}} = %c0 to %c2 step %c1
// CHECK: scf.for %{{.*}} = %c0 to %c64 step %c1
// CHECK-NOT: scf.for
// CHECK: vector.contract {{.*}} : vector<1x6x1xf32>, vector<1x32xf32> into vector<1x6x32xf32>
func.func @column(%x: tensor<1x7x1x64xf32>, %w: tensor<2x1x64x32xf32>, %init: tensor<1x6x1x32xf32>) -> tensor<1x6x1x32xf32> {
  %c = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %w : tensor<1x7x1x64xf32>, tensor<2x1x64x32xf32>) outs(%init : tensor<1x6x1x32xf32>) -> tensor<1x6x1x32xf32>
  return %c : tensor<1x6x1x32xf32>
}
