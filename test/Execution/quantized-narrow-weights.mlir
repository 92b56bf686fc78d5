// Quantized layers whose weights lie in [-64, 63] on targets without VNNI:
// tconv-dispatch-narrow-weights checks the weights when the function runs
// and takes VPMADDUBSW's branch for them (pairs of u8 x s8 products summed
// in i16 lanes, exact for such weights), VPMADDWD's otherwise. tconv-run
// --check compares each op with the exact integer reference (lib/Reference
// convTransposeInt, int64), value for value. The weights come from
// Inputs/write_npy.py (uniform in [-64, 63]: the narrow branch); the
// quantized tests with tconv-run's own random weights (the whole i8 range)
// take the other branch.
// Output sizes: O = (I - 1) * s - pb - pe + dil * (k - 1) + op + 1.

// RUN: %python %S/Inputs/write_npy.py --seed 1 --dtype uint8,int8,int32 %t.u8_nhwc.x.npy=2x6x6x8 %t.u8_nhwc.w.npy=32x4x4x8:-64..63 %t.u8_nhwc.b.npy=32
// RUN: %if host-avx2 %{ tconv-run %s --entry=u8_nhwc --inputs=%t.u8_nhwc.x.npy,%t.u8_nhwc.w.npy,%t.u8_nhwc.b.npy --check --target-cpu=haswell | FileCheck %s --check-prefix=PASS %}
// RUN: %if host-avx2 %{ tconv-run %s --entry=u8_nhwc --inputs=%t.u8_nhwc.x.npy,%t.u8_nhwc.w.npy,%t.u8_nhwc.b.npy --check --target-cpu=haswell --pipeline-options="algorithm=subpixel" | FileCheck %s --check-prefix=PASS %}
// RUN: %if host-avx2 %{ tconv-run %s --entry=u8_nhwc --inputs=%t.u8_nhwc.x.npy,%t.u8_nhwc.w.npy,%t.u8_nhwc.b.npy --check --target-cpu=haswell --pipeline-options="algorithm=zero-insertion" | FileCheck %s --check-prefix=PASS %}
// RUN: %if host-avx512bw %{ tconv-run %s --entry=u8_nhwc --inputs=%t.u8_nhwc.x.npy,%t.u8_nhwc.w.npy,%t.u8_nhwc.b.npy --check --target-cpu=skylake-avx512 | FileCheck %s --check-prefix=PASS %}

// RUN: %python %S/Inputs/write_npy.py --seed 2 --dtype int8,int8,int32 %t.i8_nchw.x.npy=1x12x5x7 %t.i8_nchw.w.npy=12x16x3x3:-64..63 %t.i8_nchw.b.npy=16
// RUN: %if host-avx2 %{ tconv-run %s --entry=i8_nchw --inputs=%t.i8_nchw.x.npy,%t.i8_nchw.w.npy,%t.i8_nchw.b.npy --check --target-cpu=haswell | FileCheck %s --check-prefix=PASS %}
// RUN: %if host-avx2 %{ tconv-run %s --entry=i8_nchw --inputs=%t.i8_nchw.x.npy,%t.i8_nchw.w.npy,%t.i8_nchw.b.npy --check --target-cpu=haswell --pipeline-options="algorithm=subpixel" | FileCheck %s --check-prefix=PASS %}
// RUN: %if host-avx512bw %{ tconv-run %s --entry=i8_nchw --inputs=%t.i8_nchw.x.npy,%t.i8_nchw.w.npy,%t.i8_nchw.b.npy --check --target-cpu=skylake-avx512 | FileCheck %s --check-prefix=PASS %}

// RUN: %python %S/Inputs/write_npy.py --seed 3 --dtype uint8,int8 %t.u8_groups.x.npy=1x5x5x16 %t.u8_groups.w.npy=32x3x3x8:-64..63
// RUN: %if host-avx2 %{ tconv-run %s --entry=u8_groups --inputs=%t.u8_groups.x.npy,%t.u8_groups.w.npy --check --target-cpu=haswell | FileCheck %s --check-prefix=PASS %}

// RUN: %python %S/Inputs/write_npy.py --seed 4 --dtype uint8,int8,int32 %t.u8_odd.x.npy=1x21x4x3 %t.u8_odd.w.npy=21x8x4x4:-64..63 %t.u8_odd.b.npy=8
// RUN: %if host-avx2 %{ tconv-run %s --entry=u8_odd_channels --inputs=%t.u8_odd.x.npy,%t.u8_odd.w.npy,%t.u8_odd.b.npy --check --target-cpu=haswell | FileCheck %s --check-prefix=PASS %}

// The edges, with inputs of 255 and every weight -64 (narrow: each pair of
// products is -32640, an i16) or -65 (not: -33150 would saturate to -32768,
// so only VPMADDWD's branch is exact).
// RUN: %python %S/Inputs/write_npy.py --dtype uint8,int8,int8 %t.edge.x.npy=1x4x4x16:255 %t.edge64.w.npy=16x2x2x16:-64 %t.edge65.w.npy=16x2x2x16:-65
// RUN: %if host-avx2 %{ tconv-run %s --entry=edge --inputs=%t.edge.x.npy,%t.edge64.w.npy --check --target-cpu=haswell | FileCheck %s --check-prefix=PASS %}
// RUN: %if host-avx2 %{ tconv-run %s --entry=edge --inputs=%t.edge.x.npy,%t.edge65.w.npy --check --target-cpu=haswell | FileCheck %s --check-prefix=PASS %}
// RUN: %if host-avx512bw %{ tconv-run %s --entry=edge --inputs=%t.edge.x.npy,%t.edge65.w.npy --check --target-cpu=skylake-avx512 | FileCheck %s --check-prefix=PASS %}
// PASS-NOT: FAIL
// PASS: check conv_transpose #0 {{.*}}: 0 of {{[0-9]+}} values differ (bit-exact) PASS

// @u8_nhwc: DCGAN-like, channels-last, ui8 at zx = 131, zw = -7.
//   I=6 k=4 s=2 p=1/1: (6-1)*2-2+3+1 = 12
func.func @u8_nhwc(%x: tensor<2x6x6x8xui8>, %w: tensor<32x4x4x8xi8>, %b: tensor<32xi32>) -> tensor<2x12x12x32xi32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>,
                                        layout = #tconv.layout<channels_last>,
                                        input_zero_point = 131 : i32, weight_zero_point = -7 : i32}
       : (tensor<2x6x6x8xui8>, tensor<32x4x4x8xi8>, tensor<32xi32>) -> tensor<2x12x12x32xi32>
  return %y : tensor<2x12x12x32xi32>
}

// @i8_nchw: channels-first, i8 at the extreme zero points zx = -128 and
// (for narrow weights, which the zero point pads) zw = -64, asymmetric
// padding, output padding.
//   dim 0: I=5 k=3 s=2 p=1/0 op=1: (5-1)*2-1-0+2+1+1 = 11
//   dim 1: I=7 k=3 s=2 p=0/1 op=0: (7-1)*2-0-1+2+0+1 = 14
func.func @i8_nchw(%x: tensor<1x12x5x7xi8>, %w: tensor<12x16x3x3xi8>, %b: tensor<16xi32>) -> tensor<1x16x11x14xi32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 0, 0, 1>,
                                        output_padding = array<i64: 1, 0>,
                                        input_zero_point = -128 : i32, weight_zero_point = -64 : i32}
       : (tensor<1x12x5x7xi8>, tensor<12x16x3x3xi8>, tensor<16xi32>) -> tensor<1x16x11x14xi32>
  return %y : tensor<1x16x11x14xi32>
}

// @u8_groups: two groups, dilation 2, zx = 255, no bias.
//   I=5 k=3 s=2 p=1/1 dil=2: (5-1)*2-2+2*2+1 = 11
func.func @u8_groups(%x: tensor<1x5x5x16xui8>, %w: tensor<32x3x3x8xi8>) -> tensor<1x11x11x32xi32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>,
                                    dilations = array<i64: 2, 2>, groups = 2 : i64,
                                    layout = #tconv.layout<channels_last>,
                                    input_zero_point = 255 : i32, weight_zero_point = 0 : i32}
       : (tensor<1x5x5x16xui8>, tensor<32x3x3x8xi8>) -> tensor<1x11x11x32xi32>
  return %y : tensor<1x11x11x32xi32>
}

// @u8_odd_channels: 21 input channels, padded to 24 for VPMADDUBSW's quads
// (22 for VPMADDWD's pairs), zx = 77, zw = 3.
//   dim 0: I=4 k=4 s=2 p=1/1: (4-1)*2-2+3+1 = 8
//   dim 1: I=3 k=4 s=2 p=0/0: (3-1)*2-0+3+1 = 8
func.func @u8_odd_channels(%x: tensor<1x21x4x3xui8>, %w: tensor<21x8x4x4xi8>, %b: tensor<8xi32>) -> tensor<1x8x8x8xi32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 0, 1, 0>,
                                        input_zero_point = 77 : i32, weight_zero_point = 3 : i32}
       : (tensor<1x21x4x3xui8>, tensor<21x8x4x4xi8>, tensor<8xi32>) -> tensor<1x8x8x8xi32>
  return %y : tensor<1x8x8x8xi32>
}

// @edge: k = s = 2 (each output one tap), zero points 0.
func.func @edge(%x: tensor<1x4x4x16xui8>, %w: tensor<16x2x2x16xi8>) -> tensor<1x8x8x16xi32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 2>,
                                    layout = #tconv.layout<channels_last>}
       : (tensor<1x4x4x16xui8>, tensor<16x2x2x16xi8>) -> tensor<1x8x8x16xi32>
  return %y : tensor<1x8x8x16xi32>
}
