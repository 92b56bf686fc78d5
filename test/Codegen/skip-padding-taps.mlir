// Convolutions whose first or last output rows take taps from zero padding
// split into parts of rows that take the same taps from data, each over
// those taps only; the epilogue split with them. The innermost image dim
// (the register tiles') only into border columns one pixel wide.
// Whether a split pays is the target model's call (getModelledCycles): the
// RUN lines name their targets.
// RUN: tconv-opt %s --tconv-skip-padding-taps="target-cpu=skylake-avx512" --split-input-file | FileCheck %s
// RUN: tconv-opt %s --tconv-skip-padding-taps="target-cpu=haswell" --split-input-file | FileCheck %s --check-prefix=HASWELL
// RUN: tconv-opt %s --tconv-skip-padding-taps="target-triple=aarch64-linux-gnu target-cpu=neoverse-n1" --split-input-file | FileCheck %s --check-prefix=NEON
// RUN: not tconv-opt %s --tconv-skip-padding-taps="target-cpu=nonsense" --split-input-file 2>&1 | FileCheck %s --check-prefix=INVALID
// INVALID: error: tconv-skip-padding-taps: unknown target CPU 'nonsense'

// A phase of a stride-2, padding-1 layer: output row j reads padded rows j
// and j + 1, and padded row 0 is padding, so row 0 reads data through tap
// 1 only (an eighth of the multiplies). Its bias epilogue reads each part.
// CHECK-LABEL: func.func @top_border
// CHECK-SAME: (%{{.*}}: tensor<1x4x5x8xf32>, %[[W:.*]]: tensor<2x2x8x16xf32>, %[[B:.*]]: tensor<16xf32>)
// CHECK-DAG: %[[ZERO:.*]] = arith.constant 0.0
// CHECK-DAG: %[[IN:.*]] = tensor.extract_slice %{{.*}}[0, 0, 0, 0] [1, 5, 5, 8]
// CHECK-DAG: %[[OUT:.*]] = tensor.empty() : tensor<1x4x4x16xf32>
// CHECK: %[[DEST0:.*]] = tensor.extract_slice %[[OUT]][0, 0, 0, 0] [1, 1, 4, 16]
// CHECK: %[[ACC0:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.*}} : tensor<1x1x4x16xf32>)
// CHECK: %[[IN0:.*]] = tensor.extract_slice %[[IN]][0, 1, 0, 0] [1, 1, 5, 8]
// CHECK: %[[W0:.*]] = tensor.extract_slice %[[W]][1, 0, 0, 0] [1, 2, 8, 16]
// CHECK: %[[C0:.*]] = linalg.conv_2d_nhwc_hwcf {{.*}} ins(%[[IN0]], %[[W0]] : tensor<1x1x5x8xf32>, tensor<1x2x8x16xf32>) outs(%[[ACC0]] : tensor<1x1x4x16xf32>)
// CHECK: %[[E0:.*]] = linalg.generic {{.*}} ins(%[[C0]], %{{.*}} : tensor<1x1x4x16xf32>, tensor<16xf32>) outs(%[[DEST0]] : tensor<1x1x4x16xf32>)
// CHECK: %[[R0:.*]] = tensor.insert_slice %[[E0]] into %[[OUT]][0, 0, 0, 0] [1, 1, 4, 16]
// CHECK: %[[DEST1:.*]] = tensor.extract_slice %[[R0]][0, 1, 0, 0] [1, 3, 4, 16]
// CHECK: %[[ACC1:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.*}} : tensor<1x3x4x16xf32>)
// CHECK: %[[IN1:.*]] = tensor.extract_slice %[[IN]][0, 1, 0, 0] [1, 4, 5, 8]
// CHECK: %[[C1:.*]] = linalg.conv_2d_nhwc_hwcf {{.*}} ins(%[[IN1]], %[[W]] : tensor<1x4x5x8xf32>, tensor<2x2x8x16xf32>) outs(%[[ACC1]] : tensor<1x3x4x16xf32>)
// CHECK: %[[E1:.*]] = linalg.generic {{.*}} ins(%[[C1]], %{{.*}} : tensor<1x3x4x16xf32>, tensor<16xf32>) outs(%[[DEST1]] : tensor<1x3x4x16xf32>)
// CHECK: %[[R1:.*]] = tensor.insert_slice %[[E1]] into %[[R0]][0, 1, 0, 0] [1, 3, 4, 16]
// CHECK-NOT: linalg.conv_2d_nhwc_hwcf
// CHECK: return %[[R1]]
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#ch = affine_map<(d0, d1, d2, d3) -> (d3)>
func.func @top_border(%x: tensor<1x4x5x8xf32>, %w: tensor<2x2x8x16xf32>, %b: tensor<16xf32>) -> tensor<1x4x4x16xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x6x5x8xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<1x6x5x8xf32>) -> tensor<1x6x5x8xf32>
  %p = tensor.insert_slice %x into %z[0, 1, 0, 0] [1, 4, 5, 8] [1, 1, 1, 1] : tensor<1x4x5x8xf32> into tensor<1x6x5x8xf32>
  %in = tensor.extract_slice %p[0, 0, 0, 0] [1, 5, 5, 8] [1, 1, 1, 1] : tensor<1x6x5x8xf32> to tensor<1x5x5x8xf32>
  %oe = tensor.empty() : tensor<1x4x4x16xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%oe : tensor<1x4x4x16xf32>) -> tensor<1x4x4x16xf32>
  %c = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%in, %w : tensor<1x5x5x8xf32>, tensor<2x2x8x16xf32>) outs(%acc : tensor<1x4x4x16xf32>) -> tensor<1x4x4x16xf32>
  %r = linalg.generic {indexing_maps = [#id, #ch, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%c, %b : tensor<1x4x4x16xf32>, tensor<16xf32>) outs(%oe : tensor<1x4x4x16xf32>) {
  ^bb0(%a: f32, %bias: f32, %o: f32):
    %s = arith.addf %a, %bias : f32
    linalg.yield %s : f32
  } -> tensor<1x4x4x16xf32>
  return %r : tensor<1x4x4x16xf32>
}

// -----

// Padded along the width too: of the rows that reach data through both row
// taps, the first column reaches it through one column tap. For
// Skylake-AVX512 it is split off (its register tiles run down the column;
// the other three columns still fill 3 x 4 zmm tiles); the top row is not
// split by columns (its column part would be a single pixel). Haswell's
// 4 x 2 ymm tiles would be left 3 pixels wide, 6 accumulators for 10 FMAs
// in flight: no columns there. Nor on AArch64, whose tiles read a vector of
// input channels per pixel, contiguous along rows only.
// HASWELL-LABEL: func.func @border_column
// HASWELL-COUNT-2: linalg.conv_2d_nhwc_hwcf
// HASWELL-NOT: linalg.conv_2d_nhwc_hwcf
// NEON-LABEL: func.func @border_column
// NEON-COUNT-2: linalg.conv_2d_nhwc_hwcf
// NEON-NOT: linalg.conv_2d_nhwc_hwcf
// CHECK-LABEL: func.func @border_column
// CHECK-SAME: (%{{.*}}: tensor<1x4x4x8xf32>, %[[W:.*]]: tensor<2x2x8x64xf32>, %[[B:.*]]: tensor<64xf32>)
// CHECK: %[[W0:.*]] = tensor.extract_slice %[[W]][1, 0, 0, 0] [1, 2, 8, 64]
// CHECK: linalg.conv_2d_nhwc_hwcf {{.*}} ins(%{{.*}}, %[[W0]] : tensor<1x1x5x8xf32>, tensor<1x2x8x64xf32>) outs(%{{.*}} : tensor<1x1x4x64xf32>)
// CHECK: %[[ROWS:.*]] = tensor.extract_slice %{{.*}}[0, 1, 0, 0] [1, 4, 5, 8]
// CHECK: %[[COLUMN_IN:.*]] = tensor.extract_slice %[[ROWS]][0, 0, 1, 0] [1, 4, 1, 8]
// CHECK: %[[W1:.*]] = tensor.extract_slice %[[W]][0, 1, 0, 0] [2, 1, 8, 64]
// CHECK: %[[COLUMN:.*]] = linalg.conv_2d_nhwc_hwcf {{.*}} ins(%[[COLUMN_IN]], %[[W1]] : tensor<1x4x1x8xf32>, tensor<2x1x8x64xf32>) outs(%{{.*}} : tensor<1x3x1x64xf32>)
// CHECK: linalg.generic {{.*}} ins(%[[COLUMN]], %{{.*}} : tensor<1x3x1x64xf32>, tensor<64xf32>)
// CHECK: %[[REST_IN:.*]] = tensor.extract_slice %[[ROWS]][0, 0, 1, 0] [1, 4, 4, 8]
// CHECK: %[[REST:.*]] = linalg.conv_2d_nhwc_hwcf {{.*}} ins(%[[REST_IN]], %[[W]] : tensor<1x4x4x8xf32>, tensor<2x2x8x64xf32>) outs(%{{.*}} : tensor<1x3x3x64xf32>)
// CHECK: linalg.generic {{.*}} ins(%[[REST]], %{{.*}} : tensor<1x3x3x64xf32>, tensor<64xf32>)
// CHECK-NOT: linalg.conv_2d_nhwc_hwcf
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#ch = affine_map<(d0, d1, d2, d3) -> (d3)>
func.func @border_column(%x: tensor<1x4x4x8xf32>, %w: tensor<2x2x8x64xf32>, %b: tensor<64xf32>) -> tensor<1x4x4x64xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x6x6x8xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<1x6x6x8xf32>) -> tensor<1x6x6x8xf32>
  %p = tensor.insert_slice %x into %z[0, 1, 1, 0] [1, 4, 4, 8] [1, 1, 1, 1] : tensor<1x4x4x8xf32> into tensor<1x6x6x8xf32>
  %in = tensor.extract_slice %p[0, 0, 0, 0] [1, 5, 5, 8] [1, 1, 1, 1] : tensor<1x6x6x8xf32> to tensor<1x5x5x8xf32>
  %oe = tensor.empty() : tensor<1x4x4x64xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%oe : tensor<1x4x4x64xf32>) -> tensor<1x4x4x64xf32>
  %c = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%in, %w : tensor<1x5x5x8xf32>, tensor<2x2x8x64xf32>) outs(%acc : tensor<1x4x4x64xf32>) -> tensor<1x4x4x64xf32>
  %r = linalg.generic {indexing_maps = [#id, #ch, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%c, %b : tensor<1x4x4x64xf32>, tensor<64xf32>) outs(%oe : tensor<1x4x4x64xf32>) {
  ^bb0(%a: f32, %bias: f32, %o: f32):
    %s = arith.addf %a, %bias : f32
    linalg.yield %s : f32
  } -> tensor<1x4x4x64xf32>
  return %r : tensor<1x4x4x64xf32>
}


// -----

// The other phase, through a zero tensor.pad: the last row reads padding
// through tap 1. Without an epilogue, the parts write their rows of the
// init in place.
// HASWELL-LABEL: func.func @bottom_border_no_epilogue
// NEON-LABEL: func.func @bottom_border_no_epilogue
// CHECK-LABEL: func.func @bottom_border_no_epilogue
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x5x8xf32>, %[[W:.*]]: tensor<2x2x8x16xf32>, %[[INIT:.*]]: tensor<1x4x4x16xf32>)
// CHECK: %[[PAD:.*]] = tensor.pad %[[X]]
// CHECK: %[[IN:.*]] = tensor.extract_slice %[[PAD]][0, 1, 0, 0] [1, 5, 5, 8]
// CHECK: %[[DEST0:.*]] = tensor.extract_slice %[[INIT]][0, 0, 0, 0] [1, 3, 4, 16]
// CHECK: %[[IN0:.*]] = tensor.extract_slice %[[IN]][0, 0, 0, 0] [1, 4, 5, 8]
// CHECK: %[[C0:.*]] = linalg.conv_2d_nhwc_hwcf {{.*}} ins(%[[IN0]], %[[W]] : tensor<1x4x5x8xf32>, tensor<2x2x8x16xf32>) outs(%[[DEST0]] : tensor<1x3x4x16xf32>)
// CHECK: %[[R0:.*]] = tensor.insert_slice %[[C0]] into %[[INIT]][0, 0, 0, 0] [1, 3, 4, 16]
// CHECK: %[[DEST1:.*]] = tensor.extract_slice %[[R0]][0, 3, 0, 0] [1, 1, 4, 16]
// CHECK: %[[IN1:.*]] = tensor.extract_slice %[[IN]][0, 3, 0, 0] [1, 1, 5, 8]
// CHECK: %[[W1:.*]] = tensor.extract_slice %[[W]][0, 0, 0, 0] [1, 2, 8, 16]
// CHECK: %[[C1:.*]] = linalg.conv_2d_nhwc_hwcf {{.*}} ins(%[[IN1]], %[[W1]] : tensor<1x1x5x8xf32>, tensor<1x2x8x16xf32>) outs(%[[DEST1]] : tensor<1x1x4x16xf32>)
// CHECK: %[[R1:.*]] = tensor.insert_slice %[[C1]] into %[[R0]][0, 3, 0, 0] [1, 1, 4, 16]
// CHECK: return %[[R1]]
func.func @bottom_border_no_epilogue(%x: tensor<1x4x5x8xf32>, %w: tensor<2x2x8x16xf32>, %init: tensor<1x4x4x16xf32>) -> tensor<1x4x4x16xf32> {
  %zero = arith.constant 0.0 : f32
  %p = tensor.pad %x low[0, 1, 0, 0] high[0, 1, 0, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<1x4x5x8xf32> to tensor<1x6x5x8xf32>
  %in = tensor.extract_slice %p[0, 1, 0, 0] [1, 5, 5, 8] [1, 1, 1, 1] : tensor<1x6x5x8xf32> to tensor<1x5x5x8xf32>
  %c = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%in, %w : tensor<1x5x5x8xf32>, tensor<2x2x8x16xf32>) outs(%init : tensor<1x4x4x16xf32>) -> tensor<1x4x4x16xf32>
  return %c : tensor<1x4x4x16xf32>
}

// -----

// Padding of ones is data; a 1/128 share of skipped multiplies (64 rows,
// one of them one tap short) is not worth the parts; border columns two
// pixels wide (a dilation of 2: both first columns reach data through the
// second tap only) are left to the tiles.
// So is a split into more than five parts along a dim (zero insertion with
// seven taps: six border rows on each side, each reading another share).
// CHECK-LABEL: func.func @left_whole
// CHECK-COUNT-4: linalg.conv_2d_nhwc_hwcf
// CHECK-NOT: linalg.conv_2d_nhwc_hwcf
func.func @left_whole(%x: tensor<1x4x4x8xf32>, %y: tensor<1x64x5x8xf32>, %v: tensor<1x5x4x8xf32>, %w: tensor<2x2x8x16xf32>, %init: tensor<1x4x4x16xf32>, %init64: tensor<1x64x4x16xf32>, %u: tensor<1x8x4x8xf32>, %w7: tensor<7x1x8x16xf32>, %init14: tensor<1x14x4x16xf32>) -> (tensor<1x4x4x16xf32>, tensor<1x64x4x16xf32>, tensor<1x4x4x16xf32>, tensor<1x14x4x16xf32>) {
  %one = arith.constant 1.0 : f32
  %zero = arith.constant 0.0 : f32
  %ones = tensor.pad %x low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %one : f32
  } : tensor<1x4x4x8xf32> to tensor<1x6x6x8xf32>
  %in = tensor.extract_slice %ones[0, 0, 0, 0] [1, 5, 5, 8] [1, 1, 1, 1] : tensor<1x6x6x8xf32> to tensor<1x5x5x8xf32>
  %c = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%in, %w : tensor<1x5x5x8xf32>, tensor<2x2x8x16xf32>) outs(%init : tensor<1x4x4x16xf32>) -> tensor<1x4x4x16xf32>
  %tall = tensor.pad %y low[0, 1, 0, 0] high[0, 1, 0, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<1x64x5x8xf32> to tensor<1x66x5x8xf32>
  %in64 = tensor.extract_slice %tall[0, 0, 0, 0] [1, 65, 5, 8] [1, 1, 1, 1] : tensor<1x66x5x8xf32> to tensor<1x65x5x8xf32>
  %c64 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%in64, %w : tensor<1x65x5x8xf32>, tensor<2x2x8x16xf32>) outs(%init64 : tensor<1x64x4x16xf32>) -> tensor<1x64x4x16xf32>
  %wide = tensor.pad %v low[0, 0, 2, 0] high[0, 0, 0, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<1x5x4x8xf32> to tensor<1x5x6x8xf32>
  %cw = linalg.conv_2d_nhwc_hwcf {dilations = dense<[1, 2]> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%wide, %w : tensor<1x5x6x8xf32>, tensor<2x2x8x16xf32>) outs(%init : tensor<1x4x4x16xf32>) -> tensor<1x4x4x16xf32>
  %deep = tensor.pad %u low[0, 6, 0, 0] high[0, 6, 0, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<1x8x4x8xf32> to tensor<1x20x4x8xf32>
  %c7 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%deep, %w7 : tensor<1x20x4x8xf32>, tensor<7x1x8x16xf32>) outs(%init14 : tensor<1x14x4x16xf32>) -> tensor<1x14x4x16xf32>
  return %c, %c64, %cw, %c7 : tensor<1x4x4x16xf32>, tensor<1x64x4x16xf32>, tensor<1x4x4x16xf32>, tensor<1x14x4x16xf32>
}

// -----

// A convolution that subtracts the input's zero point from each element
// multiplies the padding's zeros into products that are not zero.
// CHECK-LABEL: func.func @zero_point
// CHECK-COUNT-1: linalg.generic
// CHECK-NOT: linalg.generic
#in = affine_map<(n, oh, ow, f, kh, kw, c) -> (n, oh + kh, ow + kw, c)>
#flt = affine_map<(n, oh, ow, f, kh, kw, c) -> (kh, kw, c, f)>
#out = affine_map<(n, oh, ow, f, kh, kw, c) -> (n, oh, ow, f)>
func.func @zero_point(%x: tensor<1x4x4x8xi8>, %w: tensor<2x2x8x16xi8>, %init: tensor<1x4x4x16xi32>) -> tensor<1x4x4x16xi32> {
  %zero = arith.constant 0 : i8
  %zx = arith.constant 3 : i32
  %p = tensor.pad %x low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : i8
  } : tensor<1x4x4x8xi8> to tensor<1x6x6x8xi8>
  %in = tensor.extract_slice %p[0, 0, 0, 0] [1, 5, 5, 8] [1, 1, 1, 1] : tensor<1x6x6x8xi8> to tensor<1x5x5x8xi8>
  %c = linalg.generic {indexing_maps = [#in, #flt, #out], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]} ins(%in, %w : tensor<1x5x5x8xi8>, tensor<2x2x8x16xi8>) outs(%init : tensor<1x4x4x16xi32>) {
  ^bb0(%a: i8, %b: i8, %acc: i32):
    %a32 = arith.extsi %a : i8 to i32
    %centered = arith.subi %a32, %zx : i32
    %b32 = arith.extsi %b : i8 to i32
    %m = arith.muli %centered, %b32 : i32
    %s = arith.addi %acc, %m : i32
    linalg.yield %s : i32
  } -> tensor<1x4x4x16xi32>
  return %c : tensor<1x4x4x16xi32>
}

// A plain i8 x i8 -> i32 convolution of the same input is split: the top
// row, the first column of the other rows, the rest.
// CHECK-LABEL: func.func @integer
// CHECK-COUNT-3: linalg.generic
// CHECK-NOT: linalg.generic
func.func @integer(%x: tensor<1x4x4x8xi8>, %w: tensor<2x2x8x16xi8>, %init: tensor<1x4x4x16xi32>) -> tensor<1x4x4x16xi32> {
  %zero = arith.constant 0 : i8
  %p = tensor.pad %x low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : i8
  } : tensor<1x4x4x8xi8> to tensor<1x6x6x8xi8>
  %in = tensor.extract_slice %p[0, 0, 0, 0] [1, 5, 5, 8] [1, 1, 1, 1] : tensor<1x6x6x8xi8> to tensor<1x5x5x8xi8>
  %c = linalg.generic {indexing_maps = [#in, #flt, #out], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]} ins(%in, %w : tensor<1x5x5x8xi8>, tensor<2x2x8x16xi8>) outs(%init : tensor<1x4x4x16xi32>) {
  ^bb0(%a: i8, %b: i8, %acc: i32):
    %a32 = arith.extsi %a : i8 to i32
    %b32 = arith.extsi %b : i8 to i32
    %m = arith.muli %a32, %b32 : i32
    %s = arith.addi %acc, %m : i32
    linalg.yield %s : i32
  } -> tensor<1x4x4x16xi32>
  return %c : tensor<1x4x4x16xi32>
}

// -----

// A 3-D phase padded along every dim: split along depth, then each part
// along height, then each part with more than one pixel left besides its
// columns by columns: 1x1x4 (one pixel deep and high: no columns split off),
// 1x3x1, 1x3x3, 3x1x1, 3x1x3, 3x3x1, 3x3x3. For Haswell no columns (see
// @border_column): 1x1x4, 1x3x4, 3x1x4, 3x3x4.
// HASWELL-LABEL: func.func @every_dim
// HASWELL-COUNT-4: linalg.conv_3d_ndhwc_dhwcf
// HASWELL-NOT: linalg.conv_3d_ndhwc_dhwcf
// CHECK-LABEL: func.func @every_dim
// CHECK-COUNT-7: linalg.conv_3d_ndhwc_dhwcf
// CHECK-NOT: linalg.conv_3d_ndhwc_dhwcf
func.func @every_dim(%x: tensor<1x4x4x4x8xf32>, %w: tensor<2x2x2x8x64xf32>, %init: tensor<1x4x4x4x64xf32>) -> tensor<1x4x4x4x64xf32> {
  %zero = arith.constant 0.0 : f32
  %p = tensor.pad %x low[0, 1, 1, 1, 0] high[0, 1, 1, 1, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index, %m: index):
    tensor.yield %zero : f32
  } : tensor<1x4x4x4x8xf32> to tensor<1x6x6x6x8xf32>
  %in = tensor.extract_slice %p[0, 0, 0, 0, 0] [1, 5, 5, 5, 8] [1, 1, 1, 1, 1] : tensor<1x6x6x6x8xf32> to tensor<1x5x5x5x8xf32>
  %c = linalg.conv_3d_ndhwc_dhwcf {dilations = dense<1> : tensor<3xi64>, strides = dense<1> : tensor<3xi64>} ins(%in, %w : tensor<1x5x5x5x8xf32>, tensor<2x2x2x8x64xf32>) outs(%init : tensor<1x4x4x4x64xf32>) -> tensor<1x4x4x4x64xf32>
  return %c : tensor<1x4x4x4x64xf32>
}
