// Execution tests of the sub-pixel lowering's pixel shuffle straight into a
// cropped channels-last result: where every output size is a multiple of
// the stride, each dim's crop cuts every block at the same residue, and the
// shuffle writes the result in parts (two per cropped dim) instead of a
// shuffled copy the crop slices. Mixed dims (cropped and not, different
// strides), a dynamic batch, f16, and quantized ones. Each function is
// JIT-run by tconv-run; --check recomputes the op with the reference
// implementation (the scatter definition in double, or in int64 for the
// quantized ones, compared bit-exactly) and prints PASS/FAIL per op.
// Output sizes: O = (I - 1) * s - pb - pe + dil * (k - 1) + op + 1.

// RUN: %python %S/Inputs/write_npy.py --seed 51 %t.dyn.x.npy=3x5x6x5 %t.dyn.w.npy=7x4x4x5 %t.dyn.b.npy=7
// RUN: tconv-run %s --entry=cl_2d_dynamic --inputs=%t.dyn.x.npy,%t.dyn.w.npy,%t.dyn.b.npy --check --pipeline-options="algorithm=subpixel" | FileCheck %s --check-prefix=PASS
// RUN: tconv-run %s --entry=cl_2d_dynamic --inputs=%t.dyn.x.npy,%t.dyn.w.npy,%t.dyn.b.npy --check --pipeline-options="algorithm=subpixel threads=2" | FileCheck %s --check-prefix=PASS
// RUN: tconv-run %s --entry=cl_2d_dynamic --inputs=%t.dyn.x.npy,%t.dyn.w.npy,%t.dyn.b.npy --check --pipeline-options="algorithm=subpixel" --target-cpu=haswell | FileCheck %s --check-prefix=PASS
// PASS-NOT: FAIL
// PASS: check conv_transpose #0 {{.*}} PASS
// @cl_2d_dynamic: a batch of 3, both dims cropped at residue 1 (4 parts).
//   dim 0: I=5 k=4 s=2 p=1/1: (5-1)*2-1-1+(4-1)+1 = 10
//   dim 1: I=6 k=4 s=2 p=1/1: (6-1)*2-1-1+(4-1)+1 = 12
//   N=? Cin=5 Cout=7 G=1 channels_last f32
func.func @cl_2d_dynamic(%x: tensor<?x5x6x5xf32>, %w: tensor<7x4x4x5xf32>, %b: tensor<7xf32>) -> tensor<?x10x12x7xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>,
                                        layout = #tconv.layout<channels_last>}
       : (tensor<?x5x6x5xf32>, tensor<7x4x4x5xf32>, tensor<7xf32>) -> tensor<?x10x12x7xf32>
  return %y : tensor<?x10x12x7xf32>
}

// RUN: tconv-run %s --entry=cl_3d_mixed --check | FileCheck %s --check-prefix=PASS
// RUN: tconv-run %s --entry=cl_3d_mixed --check --pipeline-options="algorithm=subpixel" | FileCheck %s --check-prefix=PASS
// RUN: tconv-run %s --entry=cl_3d_mixed --check --pipeline-options="algorithm=subpixel threads=2" | FileCheck %s --check-prefix=PASS
// @cl_3d_mixed: no crop in dim 0 (k = s), stride 4 cropped at residue 2
// in dim 1, stride 2 cropped at residue 1 with output padding in dim 2
// (2 x 2 parts), no bias.
//   dim 0: I=3 k=2 s=2 p=0/0: (3-1)*2+(2-1)+1 = 6
//   dim 1: I=3 k=8 s=4 p=2/2: (3-1)*4-2-2+(8-1)+1 = 12
//   dim 2: I=4 k=3 s=2 p=1/1 op=1: (4-1)*2-1-1+(3-1)+1+1 = 8
//   N=2 Cin=3 Cout=6 G=1 channels_last f32
func.func @cl_3d_mixed(%x: tensor<2x3x3x4x3xf32>, %w: tensor<6x2x8x3x3xf32>) -> tensor<2x6x12x8x6xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 4, 2>, padding = array<i64: 0, 2, 1, 0, 2, 1>,
                                    output_padding = array<i64: 0, 0, 1>, layout = #tconv.layout<channels_last>}
       : (tensor<2x3x3x4x3xf32>, tensor<6x2x8x3x3xf32>) -> tensor<2x6x12x8x6xf32>
  return %y : tensor<2x6x12x8x6xf32>
}

// RUN: tconv-run %s --entry=cl_fcn --check | FileCheck %s --check-prefix=PASS
// RUN: tconv-run %s --entry=cl_fcn --check --target-cpu=haswell | FileCheck %s --check-prefix=PASS
// @cl_fcn: FCN-style score upsampling (k = 2s, p = s/2), 21 classes.
//   both dims: I=4 k=16 s=8 p=4/4: (4-1)*8-4-4+(16-1)+1 = 32
//   N=1 Cin=21 Cout=21 G=1 channels_last f32
func.func @cl_fcn(%x: tensor<1x4x4x21xf32>, %w: tensor<21x16x16x21xf32>, %b: tensor<21xf32>) -> tensor<1x32x32x21xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 8, 8>, padding = array<i64: 4, 4, 4, 4>,
                                        layout = #tconv.layout<channels_last>}
       : (tensor<1x4x4x21xf32>, tensor<21x16x16x21xf32>, tensor<21xf32>) -> tensor<1x32x32x21xf32>
  return %y : tensor<1x32x32x21xf32>
}

// RUN: tconv-run %s --entry=cl_f16 --check --pipeline-options="algorithm=subpixel" | FileCheck %s --check-prefix=PASS
// @cl_f16: f16 data, f32 accumulators, the parts in f32 and the result
// converted after them.
//   both dims: I=4 k=4 s=2 p=1/1: 8
//   N=1 Cin=8 Cout=16 G=1 channels_last f16
func.func @cl_f16(%x: tensor<1x4x4x8xf16>, %w: tensor<16x4x4x8xf16>, %b: tensor<16xf16>) -> tensor<1x8x8x16xf16> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>,
                                        layout = #tconv.layout<channels_last>}
       : (tensor<1x4x4x8xf16>, tensor<16x4x4x8xf16>, tensor<16xf16>) -> tensor<1x8x8x16xf16>
  return %y : tensor<1x8x8x16xf16>
}

// RUN: tconv-run %s --entry=cl_u8 --check --pipeline-options="algorithm=subpixel" | FileCheck %s --check-prefix=EXACT
// RUN: tconv-run %s --entry=cl_u8 --check --pipeline-options="algorithm=subpixel" --target-cpu=haswell | FileCheck %s --check-prefix=EXACT
// EXACT-NOT: FAIL
// EXACT: check conv_transpose #0 {{.*}}: 0 of {{[0-9]+}} values differ (bit-exact) PASS
// @cl_u8: quantized, zero points at the extremes; the parts move i32.
//   dim 0: I=3 k=4 s=2 p=1/1: 6
//   dim 1: I=5 k=6 s=3 p=1/2: (5-1)*3-1-2+(6-1)+1 = 15
//   N=2 Cin=4 Cout=5 G=1 channels_last ui8 x i8 -> i32
func.func @cl_u8(%x: tensor<2x3x5x4xui8>, %w: tensor<5x4x6x4xi8>, %b: tensor<5xi32>) -> tensor<2x6x15x5xi32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 3>, padding = array<i64: 1, 1, 1, 2>,
                                        layout = #tconv.layout<channels_last>,
                                        input_zero_point = 255 : i32, weight_zero_point = -128 : i32}
       : (tensor<2x3x5x4xui8>, tensor<5x4x6x4xi8>, tensor<5xi32>) -> tensor<2x6x15x5xi32>
  return %y : tensor<2x6x15x5xi32>
}

// Channels-last parts whose rows (residues x channels) are whole 64-byte
// chunks: each part is a convolution of its own whose register tiles store
// the chunks (getChannelsLastChunk); no temporary. cl_f16 above (1 residue
// x 16 channels) is one too.

// RUN: %python %S/Inputs/write_npy.py --seed 54 %t.ch.x.npy=2x3x4x5 %t.ch.w.npy=8x8x8x5 %t.ch.b.npy=8
// RUN: tconv-run %s --entry=cl_chunks --inputs=%t.ch.x.npy,%t.ch.w.npy,%t.ch.b.npy --check | FileCheck %s --check-prefix=PASS
// RUN: tconv-run %s --entry=cl_chunks --inputs=%t.ch.x.npy,%t.ch.w.npy,%t.ch.b.npy --check --pipeline-options="threads=2" | FileCheck %s --check-prefix=PASS
// RUN: tconv-run %s --entry=cl_chunks --inputs=%t.ch.x.npy,%t.ch.w.npy,%t.ch.b.npy --check --target-cpu=haswell | FileCheck %s --check-prefix=PASS
// @cl_chunks: rows of 2 residues x 8 channels (one chunk), a dynamic batch.
//   dim 0: I=3 k=8 s=4 p=2/2: (3-1)*4-2-2+(8-1)+1 = 12
//   dim 1: I=4 k=8 s=4 p=2/2: (4-1)*4-2-2+(8-1)+1 = 16
//   N=? Cin=5 Cout=8 G=1 channels_last f32
func.func @cl_chunks(%x: tensor<?x3x4x5xf32>, %w: tensor<8x8x8x5xf32>, %b: tensor<8xf32>) -> tensor<?x12x16x8xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 4, 4>, padding = array<i64: 2, 2, 2, 2>,
                                        layout = #tconv.layout<channels_last>}
       : (tensor<?x3x4x5xf32>, tensor<8x8x8x5xf32>, tensor<8xf32>) -> tensor<?x12x16x8xf32>
  return %y : tensor<?x12x16x8xf32>
}

// RUN: tconv-run %s --entry=cl_chunks_fcn32 --check | FileCheck %s --check-prefix=PASS
// RUN: tconv-run %s --entry=cl_chunks_fcn32 --check --target-cpu=haswell | FileCheck %s --check-prefix=PASS
// @cl_chunks_fcn32: FCN-32s' geometry and 21 classes: rows of 16 residues
// x 21 channels, 21 chunks that cut across the channels.
//   both dims: I=2 k=64 s=32 p=16/16: 64
//   N=1 Cin=3 Cout=21 G=1 channels_last f32
func.func @cl_chunks_fcn32(%x: tensor<1x2x2x3xf32>, %w: tensor<21x64x64x3xf32>, %b: tensor<21xf32>) -> tensor<1x64x64x21xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 32, 32>, padding = array<i64: 16, 16, 16, 16>,
                                        layout = #tconv.layout<channels_last>}
       : (tensor<1x2x2x3xf32>, tensor<21x64x64x3xf32>, tensor<21xf32>) -> tensor<1x64x64x21xf32>
  return %y : tensor<1x64x64x21xf32>
}

// RUN: tconv-run %s --entry=cl_chunks_3d --check | FileCheck %s --check-prefix=PASS
// RUN: tconv-run %s --entry=cl_chunks_3d --check --target-cpu=haswell | FileCheck %s --check-prefix=PASS
// @cl_chunks_3d: every dim cropped at residue 1 of 2 (8 parts), 16
// channels, no bias.
//   all dims: I=3 k=4 s=2 p=1/1: 6
//   N=1 Cin=4 Cout=16 G=1 channels_last f32
func.func @cl_chunks_3d(%x: tensor<1x3x3x3x4xf32>, %w: tensor<16x4x4x4x4xf32>) -> tensor<1x6x6x6x16xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 2, 2>, padding = array<i64: 1, 1, 1, 1, 1, 1>,
                                    layout = #tconv.layout<channels_last>}
       : (tensor<1x3x3x3x4xf32>, tensor<16x4x4x4x4xf32>) -> tensor<1x6x6x6x16xf32>
  return %y : tensor<1x6x6x6x16xf32>
}

// RUN: tconv-run %s --entry=cl_chunks_u8 --check --pipeline-options="algorithm=subpixel" | FileCheck %s --check-prefix=EXACT
// RUN: tconv-run %s --entry=cl_chunks_u8 --check --pipeline-options="algorithm=subpixel" --target-cpu=haswell | FileCheck %s --check-prefix=EXACT
// @cl_chunks_u8: quantized, chunks of 16 i32 (rows of 2 residues x 8
// channels), zero points at the extremes.
//   both dims: I=3 k=8 s=4 p=2/2: 12
//   N=2 Cin=4 Cout=8 G=1 channels_last ui8 x i8 -> i32
func.func @cl_chunks_u8(%x: tensor<2x3x3x4xui8>, %w: tensor<8x8x8x4xi8>, %b: tensor<8xi32>) -> tensor<2x12x12x8xi32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 4, 4>, padding = array<i64: 2, 2, 2, 2>,
                                        layout = #tconv.layout<channels_last>,
                                        input_zero_point = 255 : i32, weight_zero_point = -128 : i32}
       : (tensor<2x3x3x4xui8>, tensor<8x8x8x4xi8>, tensor<8xi32>) -> tensor<2x12x12x8xi32>
  return %y : tensor<2x12x12x8xi32>
}

// RUN: tconv-run %s --entry=cf_wide --check --target-cpu=haswell | FileCheck %s --check-prefix=PASS
// RUN: tconv-run %s --entry=cf_wide --check --target-cpu=haswell --pipeline-options="threads=2" | FileCheck %s --check-prefix=PASS
// RUN: tconv-run %s --entry=cf_wide --check | FileCheck %s --check-prefix=PASS
// @cf_wide: channels-first with rows of 8 residues per part: the parts
// write the channels-first result in rows of 8 (a vector of 8 f32 lanes,
// half of one of 16).
//   dim 0: I=3 k=32 s=16 p=8/8: (3-1)*16-8-8+(32-1)+1 = 48
//   dim 1: I=2 k=32 s=16 p=8/8: 32
//   N=2 Cin=3 Cout=5 G=1 channels_first f32
func.func @cf_wide(%x: tensor<2x3x3x2xf32>, %w: tensor<3x5x32x32xf32>, %b: tensor<5xf32>) -> tensor<2x5x48x32xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 16, 16>, padding = array<i64: 8, 8, 8, 8>}
       : (tensor<2x3x3x2xf32>, tensor<3x5x32x32xf32>, tensor<5xf32>) -> tensor<2x5x48x32xf32>
  return %y : tensor<2x5x48x32xf32>
}

// The parts of a channels-first result written in rows of residues are
// convolutions of their own, their output channels ordered (C, r...) so
// that their register tiles store the result rows themselves (the shuffle
// fused into the tiles: no channels-last temporary).

// RUN: %python %S/Inputs/write_npy.py --seed 52 %t.r16.x.npy=2x3x2x2 %t.r16.w.npy=3x5x64x64 %t.r16.b.npy=5
// RUN: tconv-run %s --entry=cf_rows16 --inputs=%t.r16.x.npy,%t.r16.w.npy,%t.r16.b.npy --check | FileCheck %s --check-prefix=PASS
// RUN: tconv-run %s --entry=cf_rows16 --inputs=%t.r16.x.npy,%t.r16.w.npy,%t.r16.b.npy --check --pipeline-options="threads=2" | FileCheck %s --check-prefix=PASS
// RUN: tconv-run %s --entry=cf_rows16 --inputs=%t.r16.x.npy,%t.r16.w.npy,%t.r16.b.npy --check --target-cpu=haswell | FileCheck %s --check-prefix=PASS
// RUN: %if host-avx512f %{ tconv-run %s --entry=cf_rows16 --inputs=%t.r16.x.npy,%t.r16.w.npy,%t.r16.b.npy --check --target-cpu=skylake-avx512 | FileCheck %s --check-prefix=PASS %}
// @cf_rows16: FCN-32s' geometry (k = 2s, p = s/2), a dynamic batch of 2.
//   both dims: I=2 k=64 s=32 p=16/16: (2-1)*32-16-16+(64-1)+1 = 64
//   N=? Cin=3 Cout=5 G=1 channels_first f32
func.func @cf_rows16(%x: tensor<?x3x2x2xf32>, %w: tensor<3x5x64x64xf32>, %b: tensor<5xf32>) -> tensor<?x5x64x64xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 32, 32>, padding = array<i64: 16, 16, 16, 16>}
       : (tensor<?x3x2x2xf32>, tensor<3x5x64x64xf32>, tensor<5xf32>) -> tensor<?x5x64x64xf32>
  return %y : tensor<?x5x64x64xf32>
}

// RUN: tconv-run %s --entry=cf_rows_nobias --check | FileCheck %s --check-prefix=PASS
// RUN: tconv-run %s --entry=cf_rows_nobias --check --target-cpu=haswell | FileCheck %s --check-prefix=PASS
// @cf_rows_nobias: no bias (the shuffle is a plain transpose), rows of 16
// in the last dim only, and a first dim cropped at residue 1 of 2.
//   dim 0: I=3 k=4 s=2 p=1/1: (3-1)*2-1-1+(4-1)+1 = 6
//   dim 1: I=2 k=64 s=32 p=16/16: 64
//   N=1 Cin=4 Cout=3 G=1 channels_first f32
func.func @cf_rows_nobias(%x: tensor<1x4x3x2xf32>, %w: tensor<4x3x4x64xf32>) -> tensor<1x3x6x64xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 32>, padding = array<i64: 1, 16, 1, 16>}
       : (tensor<1x4x3x2xf32>, tensor<4x3x4x64xf32>) -> tensor<1x3x6x64xf32>
  return %y : tensor<1x3x6x64xf32>
}

// RUN: tconv-run %s --entry=cf_rows_f16 --check | FileCheck %s --check-prefix=PASS
// RUN: tconv-run %s --entry=cf_rows_f16 --check --target-cpu=haswell | FileCheck %s --check-prefix=PASS
// @cf_rows_f16: f16 data, f32 accumulators; the parts' shuffles add the
// bias in f32, the result is converted after them.
//   both dims: I=2 k=64 s=32 p=16/16: 64
//   N=1 Cin=2 Cout=3 G=1 channels_first f16
func.func @cf_rows_f16(%x: tensor<1x2x2x2xf16>, %w: tensor<2x3x64x64xf16>, %b: tensor<3xf16>) -> tensor<1x3x64x64xf16> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 32, 32>, padding = array<i64: 16, 16, 16, 16>}
       : (tensor<1x2x2x2xf16>, tensor<2x3x64x64xf16>, tensor<3xf16>) -> tensor<1x3x64x64xf16>
  return %y : tensor<1x3x64x64xf16>
}

// RUN: tconv-run %s --entry=cf_rows_u8 --check | FileCheck %s --check-prefix=EXACT
// RUN: tconv-run %s --entry=cf_rows_u8 --check --target-cpu=haswell | FileCheck %s --check-prefix=EXACT
// RUN: %if host-avx512f %{ tconv-run %s --entry=cf_rows_u8 --check --target-cpu=skylake-avx512 | FileCheck %s --check-prefix=EXACT %}
// @cf_rows_u8: quantized, zero points at the extremes: each part's
// convolution subtracts its own zero-point terms (its input blocks and
// its weights' residues), the shuffle adds the i32 bias.
//   both dims: I=3 k=64 s=32 p=16/16: (3-1)*32-16-16+(64-1)+1 = 96
//   N=1 Cin=5 Cout=2 G=1 channels_first ui8 x i8 -> i32
func.func @cf_rows_u8(%x: tensor<1x5x3x3xui8>, %w: tensor<5x2x64x64xi8>, %b: tensor<2xi32>) -> tensor<1x2x96x96xi32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 32, 32>, padding = array<i64: 16, 16, 16, 16>,
                                        input_zero_point = 255 : i32, weight_zero_point = -128 : i32}
       : (tensor<1x5x3x3xui8>, tensor<5x2x64x64xi8>, tensor<2xi32>) -> tensor<1x2x96x96xi32>
  return %y : tensor<1x2x96x96xi32>
}

// RUN: tconv-run %s --entry=cf_rows_3d --check | FileCheck %s --check-prefix=PASS
// RUN: tconv-run %s --entry=cf_rows_3d --check --target-cpu=haswell | FileCheck %s --check-prefix=PASS
// RUN: tconv-run %s --entry=cf_rows_3d --check --target-cpu=haswell --pipeline-options="threads=2" | FileCheck %s --check-prefix=PASS
// @cf_rows_3d: 3-D, no crop in dim 0 (k = s), cropped at residue 1 in
// dim 1, rows of 8 in dim 2: 1 x 2 x 2 parts.
//   dim 0: I=2 k=2 s=2 p=0/0: (2-1)*2+(2-1)+1 = 4
//   dim 1: I=3 k=4 s=2 p=1/1: 6
//   dim 2: I=2 k=32 s=16 p=8/8: 32
//   N=1 Cin=3 Cout=4 G=1 channels_first f32
func.func @cf_rows_3d(%x: tensor<1x3x2x3x2xf32>, %w: tensor<3x4x2x4x32xf32>, %b: tensor<4xf32>) -> tensor<1x4x4x6x32xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2, 16>, padding = array<i64: 0, 1, 8, 0, 1, 8>}
       : (tensor<1x3x2x3x2xf32>, tensor<3x4x2x4x32xf32>, tensor<4xf32>) -> tensor<1x4x4x6x32xf32>
  return %y : tensor<1x4x4x6x32xf32>
}

// RUN: tconv-run %s --entry=cl_blocks_bias --check --pipeline-options="algorithm=subpixel" | FileCheck %s --check-prefix=PASS
// RUN: tconv-run %s --entry=cl_blocks_bias --check --pipeline-options="algorithm=subpixel" --target-cpu=haswell | FileCheck %s --check-prefix=PASS
// @cl_blocks_bias: one sub-pixel convolution, its 24 output channels in
// filter blocks, each fused with the bias epilogue: each block must read
// its own slice of the scattered weight (fusing the epilogue must not move
// the slices of the weight's reshape, by which the blocks are found: with
// upstream's bubbling of every slice through reshapes, every block read
// the first).
//   dim 0: I=3 k=2 s=1 p=0/0: (3-1)+(2-1)+1 = 4
//   dim 1: I=2 k=27 s=24 p=8/19: (2-1)*24-8-19+(27-1)+1 = 24
//   N=2 Cin=3 Cout=1 G=1 channels_last f16
func.func @cl_blocks_bias(%x: tensor<2x3x2x3xf16>, %w: tensor<1x2x27x3xf16>, %b: tensor<1xf16>) -> tensor<2x4x24x1xf16> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 1, 24>, padding = array<i64: 0, 8, 0, 19>,
                                        layout = #tconv.layout<channels_last>}
       : (tensor<2x3x2x3xf16>, tensor<1x2x27x3xf16>, tensor<1xf16>) -> tensor<2x4x24x1xf16>
  return %y : tensor<2x4x24x1xf16>
}

// RUN: tconv-run %s --entry=cf_rows4 --check | FileCheck %s --check-prefix=PASS
// RUN: tconv-run %s --entry=cf_rows4 --check --target-cpu=haswell | FileCheck %s --check-prefix=PASS
// RUN: tconv-run %s --entry=cf_rows4 --check --pipeline-options="threads=2" | FileCheck %s --check-prefix=PASS
// @cf_rows4: FCN-8s' geometry, rows of 4 residues (4 to a vector of 16
// lanes, 2 to one of 8), 21 channels: a tile of the parts' output
// channels (21, 4, 4) takes whole rows of a few channels, the last tile
// fewer.
//   both dims: I=3 k=16 s=8 p=4/4: (3-1)*8-4-4+(16-1)+1 = 24
//   N=1 Cin=5 Cout=21 G=1 channels_first f32
func.func @cf_rows4(%x: tensor<1x5x3x3xf32>, %w: tensor<5x21x16x16xf32>, %b: tensor<21xf32>) -> tensor<1x21x24x24xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 8, 8>, padding = array<i64: 4, 4, 4, 4>}
       : (tensor<1x5x3x3xf32>, tensor<5x21x16x16xf32>, tensor<21xf32>) -> tensor<1x21x24x24xf32>
  return %y : tensor<1x21x24x24xf32>
}

// RUN: tconv-run %s --entry=cf_rows_bf16 --check --pipeline-options="algorithm=subpixel" | FileCheck %s --check-prefix=PASS
// RUN: tconv-run %s --entry=cf_rows_bf16 --check --pipeline-options="algorithm=subpixel" --target-cpu=haswell | FileCheck %s --check-prefix=PASS
// @cf_rows_bf16: bf16, parts of 6 residues, dilation in the first dim: a
// part copies rows of 9 bf16 weights, which LLVM 22 cannot store for CPUs
// with AVX512-BF16 (test/Upstream/bfloat-odd-vector-store.test): they move
// as i16.
//   dim 0: I=8 k=4 s=1 p=3/5 dil=2: (8-1)-3-5+2*(4-1)+1 = 6
//   dim 1: I=3 k=23 s=12 p=6/17: (3-1)*12-6-17+(23-1)+1 = 24
//   N=3 Cin=3 Cout=3 G=1 channels_first bf16
func.func @cf_rows_bf16(%x: tensor<3x3x8x3xbf16>, %w: tensor<3x3x4x23xbf16>, %b: tensor<3xbf16>) -> tensor<3x3x6x24xbf16> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 1, 12>, padding = array<i64: 3, 6, 5, 17>, dilations = array<i64: 2, 1>}
       : (tensor<3x3x8x3xbf16>, tensor<3x3x4x23xbf16>, tensor<3xbf16>) -> tensor<3x3x6x24xbf16>
  return %y : tensor<3x3x6x24xbf16>
}
