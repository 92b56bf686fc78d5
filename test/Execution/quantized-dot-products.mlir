// Quantized layers whose register tiles run on dot-product instructions
// (tconv-lower-int8-dot-products): input channels in multiples of four,
// output channels filling whole vectors. tconv-run --check compares each op
// with the exact integer reference (lib/Reference convTransposeInt, int64),
// value for value, on random data over the whole 8-bit ranges.
// Output sizes: O = (I - 1) * s - pb - pe + dil * (k - 1) + op + 1.

// VPDPBUSD where the host has AVX512-VNNI (512 bits, natively), and on 256
// bits (AVX-VNNI) where it has that:
// RUN: %if host-avx512-vnni %{ tconv-run %s --entry=u8_nhwc --check | FileCheck %s --check-prefix=PASS %}
// RUN: %if host-avx512-vnni %{ tconv-run %s --entry=u8_nhwc --check --pipeline-options="algorithm=zero-insertion" | FileCheck %s --check-prefix=PASS %}
// RUN: %if host-avx512-vnni %{ tconv-run %s --entry=u8_nhwc --check --pipeline-options="algorithm=subpixel" | FileCheck %s --check-prefix=PASS %}
// RUN: %if host-avx512-vnni %{ tconv-run %s --entry=i8_nchw --check | FileCheck %s --check-prefix=PASS %}
// RUN: %if host-avx512-vnni %{ tconv-run %s --entry=i8_nchw --check --pipeline-options="algorithm=zero-insertion" | FileCheck %s --check-prefix=PASS %}
// RUN: %if host-avx512-vnni %{ tconv-run %s --entry=u8_groups --check | FileCheck %s --check-prefix=PASS %}
// RUN: %if host-avx512-vnni %{ tconv-run %s --entry=i8_1d --check | FileCheck %s --check-prefix=PASS %}
// RUN: %if host-avx512-vnni %{ tconv-run %s --entry=u8_odd_channels --check | FileCheck %s --check-prefix=PASS %}
// RUN: %if host-avx-vnni %{ tconv-run %s --entry=u8_nhwc --check --target-features=-avx512f | FileCheck %s --check-prefix=PASS %}
// RUN: %if host-avx-vnni %{ tconv-run %s --entry=i8_nchw --check --target-features=-avx512f | FileCheck %s --check-prefix=PASS %}
// VPMADDWD: on ymm as Haswell and Zen 3 run it (any AVX2 host), on zmm as
// Skylake-SP does (AVX-512BW hosts). Zen 3's code leaves out SSE4A, which
// Intel hosts lack (the kernels never use it), so that it runs on every host.
// RUN: %if host-avx2 %{ tconv-run %s --entry=u8_nhwc --check --target-cpu=haswell | FileCheck %s --check-prefix=PASS %}
// RUN: %if host-avx2 %{ tconv-run %s --entry=u8_nhwc --check --target-cpu=haswell --pipeline-options="algorithm=subpixel" | FileCheck %s --check-prefix=PASS %}
// RUN: %if host-avx2 %{ tconv-run %s --entry=i8_nchw --check --target-cpu=haswell --pipeline-options="algorithm=zero-insertion" | FileCheck %s --check-prefix=PASS %}
// RUN: %if host-avx2 %{ tconv-run %s --entry=u8_groups --check --target-cpu=znver3 --target-features=-sse4a | FileCheck %s --check-prefix=PASS %}
// RUN: %if host-avx2 %{ tconv-run %s --entry=i8_1d --check --target-cpu=haswell | FileCheck %s --check-prefix=PASS %}
// RUN: %if host-avx2 %{ tconv-run %s --entry=u8_odd_channels --check --target-cpu=haswell | FileCheck %s --check-prefix=PASS %}
// RUN: %if host-avx2 %{ tconv-run %s --entry=u8_odd_channels --check --target-cpu=haswell --pipeline-options="algorithm=subpixel" | FileCheck %s --check-prefix=PASS %}
// RUN: %if host-avx512bw %{ tconv-run %s --entry=u8_nhwc --check --target-cpu=skylake-avx512 | FileCheck %s --check-prefix=PASS %}
// RUN: %if host-avx512bw %{ tconv-run %s --entry=i8_nchw --check --target-cpu=skylake-avx512 | FileCheck %s --check-prefix=PASS %}
// PASS-NOT: FAIL
// PASS: check conv_transpose #0 {{.*}}: 0 of {{[0-9]+}} values differ (bit-exact) PASS

// @u8_nhwc: DCGAN-like, channels-last, ui8 at zx = 131, zw = -7.
//   I=6 k=4 s=2 p=1/1: (6-1)*2-2+3+1 = 12
//   N=2 Cin=8 Cout=32 G=1
func.func @u8_nhwc(%x: tensor<2x6x6x8xui8>, %w: tensor<32x4x4x8xi8>, %b: tensor<32xi32>) -> tensor<2x12x12x32xi32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>,
                                        layout = #tconv.layout<channels_last>,
                                        input_zero_point = 131 : i32, weight_zero_point = -7 : i32}
       : (tensor<2x6x6x8xui8>, tensor<32x4x4x8xi8>, tensor<32xi32>) -> tensor<2x12x12x32xi32>
  return %y : tensor<2x12x12x32xi32>
}

// @i8_nchw: channels-first (computed channels-last), i8 at the extreme
// zero points zx = -128, zw = 127, asymmetric padding, output padding.
//   dim 0: I=5 k=3 s=2 p=1/0 op=1: (5-1)*2-1-0+2+1+1 = 11
//   dim 1: I=7 k=3 s=2 p=0/1 op=0: (7-1)*2-0-1+2+0+1 = 14
//   N=1 Cin=12 Cout=16 G=1
func.func @i8_nchw(%x: tensor<1x12x5x7xi8>, %w: tensor<12x16x3x3xi8>, %b: tensor<16xi32>) -> tensor<1x16x11x14xi32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 0, 0, 1>,
                                        output_padding = array<i64: 1, 0>,
                                        input_zero_point = -128 : i32, weight_zero_point = 127 : i32}
       : (tensor<1x12x5x7xi8>, tensor<12x16x3x3xi8>, tensor<16xi32>) -> tensor<1x16x11x14xi32>
  return %y : tensor<1x16x11x14xi32>
}

// @u8_groups: two groups of 8 input and 16 output channels (one
// convolution per group), dilation 2, zx = 255, no bias.
//   I=5 k=3 s=2 p=1/1 dil=2: (5-1)*2-2+2*2+1 = 11
func.func @u8_groups(%x: tensor<1x5x5x16xui8>, %w: tensor<32x3x3x8xi8>) -> tensor<1x11x11x32xi32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>,
                                    dilations = array<i64: 2, 2>, groups = 2 : i64,
                                    layout = #tconv.layout<channels_last>,
                                    input_zero_point = 255 : i32, weight_zero_point = 0 : i32}
       : (tensor<1x5x5x16xui8>, tensor<32x3x3x8xi8>) -> tensor<1x11x11x32xi32>
  return %y : tensor<1x11x11x32xi32>
}

// @i8_1d: a vocoder-like 1-D layer, k=16 s=8 p=4, zx = 5, zw = 0.
//   I=9: (9-1)*8-8+15+1 = 72
func.func @i8_1d(%x: tensor<1x9x32xi8>, %w: tensor<16x16x32xi8>, %b: tensor<16xi32>) -> tensor<1x72x16xi32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 8>, padding = array<i64: 4, 4>,
                                        layout = #tconv.layout<channels_last>,
                                        input_zero_point = 5 : i32}
       : (tensor<1x9x32xi8>, tensor<16x16x32xi8>, tensor<16xi32>) -> tensor<1x72x16xi32>
  return %y : tensor<1x72x16xi32>
}

// @u8_odd_channels: 21 input channels (FCN's classes), padded to 22 for
// VPMADDWD's pairs and 24 for VPDPBUSD's quads, channels-first, zx = 77,
// zw = 3.
//   dim 0: I=4 k=4 s=2 p=1/1: (4-1)*2-2+3+1 = 8
//   dim 1: I=3 k=4 s=2 p=0/0: (3-1)*2-0+3+1 = 8
func.func @u8_odd_channels(%x: tensor<1x21x4x3xui8>, %w: tensor<21x8x4x4xi8>, %b: tensor<8xi32>) -> tensor<1x8x8x8xi32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 0, 1, 0>,
                                        input_zero_point = 77 : i32, weight_zero_point = 3 : i32}
       : (tensor<1x21x4x3xui8>, tensor<21x8x4x4xi8>, tensor<8xi32>) -> tensor<1x8x8x8xi32>
  return %y : tensor<1x8x8x8xi32>
}
