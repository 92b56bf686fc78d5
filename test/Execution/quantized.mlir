// Quantized tconv.conv_transpose (i8/ui8 input, i8 weight, i32 bias and
// result, zero points) run by tconv-run: --check compares every op with the
// exact integer reference (lib/Reference convTransposeInt, the scatter
// definition in int64, written independently of the lowering) value for
// value. Random data covers the whole 8-bit ranges; the zero points include
// the extremes. Each case runs with every algorithm that applies to it.
// Output sizes: O = (I - 1) * s - pb - pe + dil * (k - 1) + op + 1.

// RUN: tconv-run %s --entry=u8_1d --check | FileCheck %s --check-prefix=PASS
// RUN: tconv-run %s --entry=u8_1d --check --pipeline-options="algorithm=zero-insertion" | FileCheck %s --check-prefix=PASS
// RUN: tconv-run %s --entry=u8_1d --check --pipeline-options="algorithm=phase" | FileCheck %s --check-prefix=PASS
// RUN: tconv-run %s --entry=u8_1d --check --pipeline-options="algorithm=subpixel" | FileCheck %s --check-prefix=PASS
// PASS-NOT: FAIL
// PASS: check conv_transpose #0 {{.*}}: 0 of {{[0-9]+}} values differ (bit-exact) PASS
// @u8_1d: stride 3, padding 2/1, output_padding 2, ui8 with zx = 128.
//   I=9 k=4 s=3 p=2/1 dil=1 op=2: (9-1)*3-2-1+1*(4-1)+2+1 = 27
//   N=2 Cin=4 Cout=3 G=1 channels_first
func.func @u8_1d(%x: tensor<2x4x9xui8>, %w: tensor<4x3x4xi8>, %b: tensor<3xi32>) -> tensor<2x3x27xi32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 3>, padding = array<i64: 2, 1>, output_padding = array<i64: 2>,
                                        input_zero_point = 128 : i32, weight_zero_point = -3 : i32}
       : (tensor<2x4x9xui8>, tensor<4x3x4xi8>, tensor<3xi32>) -> tensor<2x3x27xi32>
  return %y : tensor<2x3x27xi32>
}

// RUN: tconv-run %s --entry=i8_2d_nhwc --check | FileCheck %s --check-prefix=PASS
// RUN: tconv-run %s --entry=i8_2d_nhwc --check --pipeline-options="algorithm=zero-insertion" | FileCheck %s --check-prefix=PASS
// RUN: tconv-run %s --entry=i8_2d_nhwc --check --pipeline-options="algorithm=phase" | FileCheck %s --check-prefix=PASS
// @i8_2d_nhwc: channels_last, groups, dilation, asymmetric padding and
// output padding, i8 at the extreme zero points zx = -128, zw = 127.
//   dim 0: I=5 k=3 s=2 p=1/0 dil=2 op=1: (5-1)*2-1-0+2*(3-1)+1+1 = 13
//   dim 1: I=6 k=2 s=1 p=0/2 dil=3 op=2: (6-1)*1-0-2+3*(2-1)+2+1 = 9
//   N=1 Cin=4 Cout=6 G=2 channels_last
func.func @i8_2d_nhwc(%x: tensor<1x5x6x4xi8>, %w: tensor<6x3x2x2xi8>, %b: tensor<6xi32>) -> tensor<1x13x9x6xi32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 1>, dilations = array<i64: 2, 3>,
                                        padding = array<i64: 1, 0, 0, 2>, output_padding = array<i64: 1, 2>,
                                        groups = 2 : i64, layout = #tconv.layout<channels_last>,
                                        input_zero_point = -128 : i32, weight_zero_point = 127 : i32}
       : (tensor<1x5x6x4xi8>, tensor<6x3x2x2xi8>, tensor<6xi32>) -> tensor<1x13x9x6xi32>
  return %y : tensor<1x13x9x6xi32>
}

// RUN: tconv-run %s --entry=u8_3d --check | FileCheck %s --check-prefix=PASS
// RUN: tconv-run %s --entry=u8_3d --check --pipeline-options="algorithm=zero-insertion" | FileCheck %s --check-prefix=PASS
// @u8_3d: no bias, ui8 at zx = 255, weight at zw = -128.
//   dim 0: I=3 k=2 s=2 p=0/1 dil=1 op=0: (3-1)*2-0-1+1*(2-1)+0+1 = 5
//   dim 1: I=3 k=3 s=1 p=1/0 dil=1 op=0: (3-1)*1-1-0+1*(3-1)+0+1 = 4
//   dim 2: I=3 k=2 s=2 p=0/0 dil=1 op=0: (3-1)*2-0-0+1*(2-1)+0+1 = 6
//   N=1 Cin=2 Cout=4 G=1 channels_first
func.func @u8_3d(%x: tensor<1x2x3x3x3xui8>, %w: tensor<2x4x2x3x2xi8>) -> tensor<1x4x5x4x6xi32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 1, 2>, padding = array<i64: 0, 1, 0, 1, 0, 0>,
                                    input_zero_point = 255 : i32, weight_zero_point = -128 : i32}
       : (tensor<1x2x3x3x3xui8>, tensor<2x4x2x3x2xi8>) -> tensor<1x4x5x4x6xi32>
  return %y : tensor<1x4x5x4x6xi32>
}

// RUN: tconv-run %s --entry=i8_depthwise_1d --check | FileCheck %s --check-prefix=PASS
// @i8_depthwise_1d: one channel per group.
//   I=6 k=3 s=2 p=0/0 dil=1 op=0: (6-1)*2+1*(3-1)+1 = 13
//   N=1 Cin=4 Cout=4 G=4 channels_first
func.func @i8_depthwise_1d(%x: tensor<1x4x6xi8>, %w: tensor<4x1x3xi8>, %b: tensor<4xi32>) -> tensor<1x4x13xi32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2>, groups = 4 : i64,
                                        input_zero_point = 5 : i32, weight_zero_point = -1 : i32}
       : (tensor<1x4x6xi8>, tensor<4x1x3xi8>, tensor<4xi32>) -> tensor<1x4x13xi32>
  return %y : tensor<1x4x13xi32>
}

// RUN: tconv-run %s --entry=u8_depthwise_rows --check | FileCheck %s --check-prefix=PASS
// @u8_depthwise_rows: computed along the image rows, the zeros inserted into
// them taking the input zero point.
//   dim 0: I=4 k=3 s=2 p=1/1 dil=1 op=0: (4-1)*2-1-1+1*(3-1)+1 = 7
//   dim 1: I=9 k=4 s=2 p=1/1 dil=1 op=1: (9-1)*2-1-1+1*(4-1)+1+1 = 19
//   N=2 Cin=3 Cout=3 G=3 channels_first
func.func @u8_depthwise_rows(%x: tensor<2x3x4x9xui8>, %w: tensor<3x1x3x4xi8>, %b: tensor<3xi32>) -> tensor<2x3x7x19xi32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>,
                                        output_padding = array<i64: 0, 1>, groups = 3 : i64,
                                        input_zero_point = 200 : i32, weight_zero_point = -3 : i32}
       : (tensor<2x3x4x9xui8>, tensor<3x1x3x4xi8>, tensor<3xi32>) -> tensor<2x3x7x19xi32>
  return %y : tensor<2x3x7x19xi32>
}

// RUN: tconv-run %s --entry=constant_weight --check | FileCheck %s --check-prefix=PASS
// @constant_weight: the widened weight is folded at compile time.
//   I=2 k=2 s=2 in both dims: (2-1)*2+1*(2-1)+1 = 4
//   N=1 Cin=1 Cout=2 G=1 channels_first
func.func @constant_weight(%x: tensor<1x1x2x2xi8>) -> tensor<1x2x4x4xi32> {
  %w = arith.constant dense<[[[[1, -2], [3, 4]], [[-128, 127], [0, 5]]]]> : tensor<1x2x2x2xi8>
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 2>, input_zero_point = -1 : i32, weight_zero_point = 3 : i32}
       : (tensor<1x1x2x2xi8>, tensor<1x2x2x2xi8>) -> tensor<1x2x4x4xi32>
  return %y : tensor<1x2x4x4xi32>
}

// RUN: tconv-run %s --entry=u8_gemm --check --pipeline-options="algorithm=gemm" | FileCheck %s --check-prefix=PASS
// RUN: tconv-run %s --entry=u8_gemm --check --pipeline-options="algorithm=gemm threads=2" | FileCheck %s --check-prefix=PASS
// RUN: tconv-run %s --entry=u8_gemm --check --pipeline-options="algorithm=zero-insertion threads=2" | FileCheck %s --check-prefix=PASS
// @u8_gemm: k == s, stamps do not overlap (U-Net's up-convolution), on 2
// threads too.
//   I=5 k=2 s=2 in both dims: (5-1)*2+1*(2-1)+1 = 10
//   N=2 Cin=8 Cout=16 G=1 channels_first
func.func @u8_gemm(%x: tensor<2x8x5x5xui8>, %w: tensor<8x16x2x2xi8>, %b: tensor<16xi32>) -> tensor<2x16x10x10xi32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, input_zero_point = 200 : i32, weight_zero_point = -100 : i32}
       : (tensor<2x8x5x5xui8>, tensor<8x16x2x2xi8>, tensor<16xi32>) -> tensor<2x16x10x10xi32>
  return %y : tensor<2x16x10x10xi32>
}

// A dynamic batch, from .npy files (uint8 input, int8 weight, int32 bias)
// with 3 and 1 images; the int32 result is written and its shape checked.
// RUN: %python %S/Inputs/write_npy.py --seed 1 --dtype uint8 %t.dyn.x3.npy=3x3x4x4 %t.dyn.x1.npy=1x3x4x4
// RUN: %python %S/Inputs/write_npy.py --seed 2 --dtype int8 %t.dyn.w.npy=3x2x3x3
// RUN: %python %S/Inputs/write_npy.py --seed 3 --dtype int32 %t.dyn.b.npy=2
// RUN: tconv-run %s --entry=dyn_batch --inputs=%t.dyn.x3.npy,%t.dyn.w.npy,%t.dyn.b.npy --check --output=%t.dyn.y3.npy | FileCheck %s --check-prefix=PASS
// RUN: %python %S/Inputs/npy_info.py %t.dyn.y3.npy | FileCheck %s --check-prefix=DYN3
// DYN3: descr='<i4' fortran_order=False shape=(3, 2, 8, 8) size=OK
// RUN: tconv-run %s --entry=dyn_batch --inputs=%t.dyn.x1.npy,%t.dyn.w.npy,%t.dyn.b.npy --check --output=%t.dyn.y1.npy | FileCheck %s --check-prefix=PASS
// RUN: %python %S/Inputs/npy_info.py %t.dyn.y1.npy | FileCheck %s --check-prefix=DYN1
// DYN1: descr='<i4' fortran_order=False shape=(1, 2, 8, 8) size=OK
// @dyn_batch
//   I=4 k=3 s=2 p=1/1 dil=1 op=1: (4-1)*2-1-1+1*(3-1)+1+1 = 8 in both dims
//   N=? Cin=3 Cout=2 G=1 channels_first
func.func @dyn_batch(%x: tensor<?x3x4x4xui8>, %w: tensor<3x2x3x3xi8>, %b: tensor<2xi32>) -> tensor<?x2x8x8xi32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>, output_padding = array<i64: 1, 1>,
                                        input_zero_point = 3 : i32, weight_zero_point = -7 : i32}
       : (tensor<?x3x4x4xui8>, tensor<3x2x3x3xi8>, tensor<2xi32>) -> tensor<?x2x8x8xi32>
  return %y : tensor<?x2x8x8xi32>
}

// The 1-D case computed by hand in unittests/ReferenceTest.cpp
// (ReferenceConvTransposeInt.OneDimByHand): x = [5 -3 127], zx = 2;
// w = [1 -2 4], zw = -1; bias 1000; I=3 k=3 s=2 p=1/0 op=1: O = 7.
// RUN: %python %S/Inputs/write_npy.py --dtype int8 %t.hand.x.npy=1x1x3:5,-3,127 %t.hand.w.npy=1x1x3:1,-2,4
// RUN: %python %S/Inputs/write_npy.py --dtype int32 %t.hand.b.npy=1:1000
// RUN: tconv-run %s --entry=by_hand --inputs=%t.hand.x.npy,%t.hand.w.npy,%t.hand.b.npy --check --output=%t.hand.y.npy | FileCheck %s --check-prefix=PASS
// RUN: %python %S/Inputs/npy_info.py --values %t.hand.y.npy | FileCheck %s --check-prefix=HAND
// HAND: shape=(1, 1, 7)
// HAND: values: 997 1005 1005 1225 875 1625 1000
func.func @by_hand(%x: tensor<1x1x3xi8>, %w: tensor<1x1x3xi8>, %b: tensor<1xi32>) -> tensor<1x1x7xi32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2>, padding = array<i64: 1, 0>, output_padding = array<i64: 1>,
                                        input_zero_point = 2 : i32, weight_zero_point = -1 : i32}
       : (tensor<1x1x3xi8>, tensor<1x1x3xi8>, tensor<1xi32>) -> tensor<1x1x7xi32>
  return %y : tensor<1x1x7xi32>
}

// An exact result outside i32 has no valid result: 33026 input channels of
// (0 - 255) * (-128 - 127) = 65025 sum to 2147515650 > 2^31 - 1. --check
// says so and fails.
// RUN: %python %S/Inputs/write_npy.py --dtype uint8 %t.big.x.npy=1x33026x1:0
// RUN: %python %S/Inputs/write_npy.py --dtype int8 %t.big.w.npy=33026x1x1:-128
// RUN: not tconv-run %s --entry=outside_i32 --inputs=%t.big.x.npy,%t.big.w.npy --check 2>&1 | FileCheck %s --check-prefix=OUTSIDE
// OUTSIDE: error: --check: the exact result of conv_transpose #0 is 2147515650 at index 0, outside i32: the op has no result for this data
func.func @outside_i32(%x: tensor<1x33026x1xui8>, %w: tensor<33026x1x1xi8>) -> tensor<1x1x1xi32> {
  %y = tconv.conv_transpose %x, %w {input_zero_point = 255 : i32, weight_zero_point = 127 : i32}
       : (tensor<1x33026x1xui8>, tensor<33026x1x1xi8>) -> tensor<1x1x1xi32>
  return %y : tensor<1x1x1xi32>
}
