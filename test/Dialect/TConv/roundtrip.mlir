// RUN: tconv-opt %s | tconv-opt | FileCheck %s
// RUN: tconv-opt %s --mlir-print-op-generic | tconv-opt | FileCheck %s

// Round trip of tconv.conv_transpose through the custom and the generic form.
// Every result type is computed by hand with
//   O = (I - 1) * s - pb - pe + dil * (k - 1) + op + 1.
// The custom printer lists the attributes alphabetically and elides
// `groups = 1` and `layout = #tconv.layout<channels_first>` (the defaults).

// 1-D: I = 10, k = 3, s = 2, p = 1/1: 9*2 - 2 + 2 + 1 = 19.
// CHECK-LABEL: func.func @conv1d(
// CHECK: %{{.*}} = tconv.conv_transpose %arg0, %arg1, %arg2 {padding = array<i64: 1, 1>, strides = array<i64: 2>} : (tensor<2x4x10xf32>, tensor<4x6x3xf32>, tensor<6xf32>) -> tensor<2x6x19xf32>
func.func @conv1d(%x: tensor<2x4x10xf32>, %w: tensor<4x6x3xf32>, %b: tensor<6xf32>) -> tensor<2x6x19xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2>, padding = array<i64: 1, 1>}
       : (tensor<2x4x10xf32>, tensor<4x6x3xf32>, tensor<6xf32>) -> tensor<2x6x19xf32>
  return %y : tensor<2x6x19xf32>
}

// 2-D: H: I = 5, k = 3, s = 1, p = 0/0: 4 + 2 + 1 = 7.
//      W: I = 7, k = 3, s = 2, p = 1/1: 12 - 2 + 2 + 1 = 13.
// CHECK-LABEL: func.func @conv2d(
// CHECK: tconv.conv_transpose %arg0, %arg1, %arg2 {padding = array<i64: 0, 1, 0, 1>, strides = array<i64: 1, 2>} : (tensor<1x3x5x7xf32>, tensor<3x8x3x3xf32>, tensor<8xf32>) -> tensor<1x8x7x13xf32>
func.func @conv2d(%x: tensor<1x3x5x7xf32>, %w: tensor<3x8x3x3xf32>, %b: tensor<8xf32>) -> tensor<1x8x7x13xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 1, 2>, padding = array<i64: 0, 1, 0, 1>}
       : (tensor<1x3x5x7xf32>, tensor<3x8x3x3xf32>, tensor<8xf32>) -> tensor<1x8x7x13xf32>
  return %y : tensor<1x8x7x13xf32>
}

// 3-D: I = 4, k = 2, s = 2 everywhere: 6 + 1 + 1 = 8.
// CHECK-LABEL: func.func @conv3d(
// CHECK: tconv.conv_transpose %arg0, %arg1, %arg2 {strides = array<i64: 2, 2, 2>} : (tensor<1x2x4x4x4xf32>, tensor<2x3x2x2x2xf32>, tensor<3xf32>) -> tensor<1x3x8x8x8xf32>
func.func @conv3d(%x: tensor<1x2x4x4x4xf32>, %w: tensor<2x3x2x2x2xf32>, %b: tensor<3xf32>) -> tensor<1x3x8x8x8xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2, 2>}
       : (tensor<1x2x4x4x4xf32>, tensor<2x3x2x2x2xf32>, tensor<3xf32>) -> tensor<1x3x8x8x8xf32>
  return %y : tensor<1x3x8x8x8xf32>
}

// 3-D with anisotropic parameters:
//   D: I = 3, k = 3, s = 1, p = 1/0, dil = 1: 2 - 1 + 2 + 1 = 4
//   H: I = 4, k = 2, s = 2, p = 0/1, op = 1:  6 - 1 + 1 + 1 + 1 = 8
//   W: I = 5, k = 3, s = 3, p = 2/2, dil = 2: 12 - 4 + 4 + 1 = 13
// CHECK-LABEL: func.func @conv3d_mixed(
// CHECK: tconv.conv_transpose %arg0, %arg1 {dilations = array<i64: 1, 1, 2>, output_padding = array<i64: 0, 1, 0>, padding = array<i64: 1, 0, 2, 0, 1, 2>, strides = array<i64: 1, 2, 3>} : (tensor<2x4x3x4x5xf32>, tensor<4x2x3x2x3xf32>) -> tensor<2x2x4x8x13xf32>
func.func @conv3d_mixed(%x: tensor<2x4x3x4x5xf32>, %w: tensor<4x2x3x2x3xf32>) -> tensor<2x2x4x8x13xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 1, 2, 3>, padding = array<i64: 1, 0, 2, 0, 1, 2>,
                                    output_padding = array<i64: 0, 1, 0>, dilations = array<i64: 1, 1, 2>}
       : (tensor<2x4x3x4x5xf32>, tensor<4x2x3x2x3xf32>) -> tensor<2x2x4x8x13xf32>
  return %y : tensor<2x2x4x8x13xf32>
}

// Groups: Cin = 8, G = 4, Cout/G = 3 -> Cout = 12; I = 6, k = 3: 5 + 2 + 1 = 8.
// CHECK-LABEL: func.func @groups(
// CHECK: tconv.conv_transpose %arg0, %arg1, %arg2 {groups = 4 : i64} : (tensor<2x8x6x6xf32>, tensor<8x3x3x3xf32>, tensor<12xf32>) -> tensor<2x12x8x8xf32>
func.func @groups(%x: tensor<2x8x6x6xf32>, %w: tensor<8x3x3x3xf32>, %b: tensor<12xf32>) -> tensor<2x12x8x8xf32> {
  %y = tconv.conv_transpose %x, %w, %b {groups = 4 : i64}
       : (tensor<2x8x6x6xf32>, tensor<8x3x3x3xf32>, tensor<12xf32>) -> tensor<2x12x8x8xf32>
  return %y : tensor<2x12x8x8xf32>
}

// Depthwise: G = Cin = Cout = 16; I = 8, k = 4, s = 2, p = 1/1: 14 - 2 + 3 + 1 = 16.
// CHECK-LABEL: func.func @depthwise(
// CHECK: tconv.conv_transpose %arg0, %arg1, %arg2 {groups = 16 : i64, padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x16x8x8xf32>, tensor<16x1x4x4xf32>, tensor<16xf32>) -> tensor<1x16x16x16xf32>
func.func @depthwise(%x: tensor<1x16x8x8xf32>, %w: tensor<16x1x4x4xf32>, %b: tensor<16xf32>) -> tensor<1x16x16x16xf32> {
  %y = tconv.conv_transpose %x, %w, %b {groups = 16 : i64, strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>}
       : (tensor<1x16x8x8xf32>, tensor<16x1x4x4xf32>, tensor<16xf32>) -> tensor<1x16x16x16xf32>
  return %y : tensor<1x16x16x16xf32>
}

// Depthwise in channels_last: weight (Cout = 8, k, k, Cin/G = 1).
// I = 5, k = 3, s = 2: 8 + 2 + 1 = 11.
// CHECK-LABEL: func.func @depthwise_channels_last(
// CHECK: tconv.conv_transpose %arg0, %arg1 {groups = 8 : i64, layout = #tconv.layout<channels_last>, strides = array<i64: 2, 2>} : (tensor<1x5x5x8xf32>, tensor<8x3x3x1xf32>) -> tensor<1x11x11x8xf32>
func.func @depthwise_channels_last(%x: tensor<1x5x5x8xf32>, %w: tensor<8x3x3x1xf32>) -> tensor<1x11x11x8xf32> {
  %y = tconv.conv_transpose %x, %w {groups = 8 : i64, layout = #tconv.layout<channels_last>, strides = array<i64: 2, 2>}
       : (tensor<1x5x5x8xf32>, tensor<8x3x3x1xf32>) -> tensor<1x11x11x8xf32>
  return %y : tensor<1x11x11x8xf32>
}

// channels_last: input (N, H, W, Cin = 6), weight (Cout = 4, kh, kw, Cin/G = 3),
// G = 2; I = 8, k = 3, s = 2: 14 + 2 + 1 = 17.
// CHECK-LABEL: func.func @channels_last(
// CHECK: tconv.conv_transpose %arg0, %arg1, %arg2 {groups = 2 : i64, layout = #tconv.layout<channels_last>, strides = array<i64: 2, 2>} : (tensor<1x8x8x6xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x17x17x4xf32>
func.func @channels_last(%x: tensor<1x8x8x6xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<4xf32>) -> tensor<1x17x17x4xf32> {
  %y = tconv.conv_transpose %x, %w, %b {layout = #tconv.layout<channels_last>, groups = 2 : i64, strides = array<i64: 2, 2>}
       : (tensor<1x8x8x6xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x17x17x4xf32>
  return %y : tensor<1x17x17x4xf32>
}

// channels_last 1-D and 3-D.
//   1-D: I = 8, k = 4, s = 2, p = 1/2: 14 - 3 + 3 + 1 = 15.
//   3-D: I = 2/3/4, k = 2/2/1, s = 2/1/3: 2+1+1 = 4, 2+1+1 = 4, 9+0+1 = 10.
// CHECK-LABEL: func.func @channels_last_1d_3d(
// CHECK: tconv.conv_transpose %arg0, %arg1 {layout = #tconv.layout<channels_last>, padding = array<i64: 1, 2>, strides = array<i64: 2>} : (tensor<3x8x5xf32>, tensor<7x4x5xf32>) -> tensor<3x15x7xf32>
// CHECK: tconv.conv_transpose %arg2, %arg3 {layout = #tconv.layout<channels_last>, strides = array<i64: 2, 1, 3>} : (tensor<1x2x3x4x2xf32>, tensor<5x2x2x1x2xf32>) -> tensor<1x4x4x10x5xf32>
func.func @channels_last_1d_3d(%x1: tensor<3x8x5xf32>, %w1: tensor<7x4x5xf32>,
                               %x3: tensor<1x2x3x4x2xf32>, %w3: tensor<5x2x2x1x2xf32>)
    -> (tensor<3x15x7xf32>, tensor<1x4x4x10x5xf32>) {
  %y1 = tconv.conv_transpose %x1, %w1 {layout = #tconv.layout<channels_last>, strides = array<i64: 2>, padding = array<i64: 1, 2>}
        : (tensor<3x8x5xf32>, tensor<7x4x5xf32>) -> tensor<3x15x7xf32>
  %y3 = tconv.conv_transpose %x3, %w3 {layout = #tconv.layout<channels_last>, strides = array<i64: 2, 1, 3>}
        : (tensor<1x2x3x4x2xf32>, tensor<5x2x2x1x2xf32>) -> tensor<1x4x4x10x5xf32>
  return %y1, %y3 : tensor<3x15x7xf32>, tensor<1x4x4x10x5xf32>
}

// Dynamic batch: I = 5, k = 3: 4 + 2 + 1 = 7; N stays `?`.
// CHECK-LABEL: func.func @dynamic_batch(
// CHECK: tconv.conv_transpose %arg0, %arg1, %arg2 : (tensor<?x4x5x5xf32>, tensor<4x2x3x3xf32>, tensor<2xf32>) -> tensor<?x2x7x7xf32>
func.func @dynamic_batch(%x: tensor<?x4x5x5xf32>, %w: tensor<4x2x3x3xf32>, %b: tensor<2xf32>) -> tensor<?x2x7x7xf32> {
  %y = tconv.conv_transpose %x, %w, %b
       : (tensor<?x4x5x5xf32>, tensor<4x2x3x3xf32>, tensor<2xf32>) -> tensor<?x2x7x7xf32>
  return %y : tensor<?x2x7x7xf32>
}

// Dynamic batch in channels_last (f16): I = 8, k = 3, s = 2: 14 + 2 + 1 = 17.
// CHECK-LABEL: func.func @dynamic_batch_channels_last(
// CHECK: tconv.conv_transpose %arg0, %arg1 {layout = #tconv.layout<channels_last>, strides = array<i64: 2>} : (tensor<?x8x4xf16>, tensor<6x3x4xf16>) -> tensor<?x17x6xf16>
func.func @dynamic_batch_channels_last(%x: tensor<?x8x4xf16>, %w: tensor<6x3x4xf16>) -> tensor<?x17x6xf16> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2>, layout = #tconv.layout<channels_last>}
       : (tensor<?x8x4xf16>, tensor<6x3x4xf16>) -> tensor<?x17x6xf16>
  return %y : tensor<?x17x6xf16>
}

// Dynamic spatial dims: a dynamic input size or a dynamic kernel size makes
// that output size dynamic; the other dims stay static.
//   W (first op): I = 5, k = 3, s = 2: 8 + 2 + 1 = 11.
//   H (second op): I = 4, k = 3, s = 2: 6 + 2 + 1 = 9.
// CHECK-LABEL: func.func @dynamic_spatial(
// CHECK: tconv.conv_transpose %arg0, %arg1 {strides = array<i64: 2, 2>} : (tensor<1x4x?x5xf32>, tensor<4x2x3x3xf32>) -> tensor<1x2x?x11xf32>
// CHECK: tconv.conv_transpose %arg2, %arg3 {strides = array<i64: 2, 2>} : (tensor<1x4x4x4xf32>, tensor<4x2x3x?xf32>) -> tensor<1x2x9x?xf32>
// CHECK: tconv.conv_transpose %arg4, %arg5 {layout = #tconv.layout<channels_last>} : (tensor<?x?x?x3xf32>, tensor<6x2x2x3xf32>) -> tensor<?x?x?x6xf32>
func.func @dynamic_spatial(%x: tensor<1x4x?x5xf32>, %w: tensor<4x2x3x3xf32>,
                           %x2: tensor<1x4x4x4xf32>, %w2: tensor<4x2x3x?xf32>,
                           %x3: tensor<?x?x?x3xf32>, %w3: tensor<6x2x2x3xf32>)
    -> (tensor<1x2x?x11xf32>, tensor<1x2x9x?xf32>, tensor<?x?x?x6xf32>) {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 2>}
       : (tensor<1x4x?x5xf32>, tensor<4x2x3x3xf32>) -> tensor<1x2x?x11xf32>
  %y2 = tconv.conv_transpose %x2, %w2 {strides = array<i64: 2, 2>}
       : (tensor<1x4x4x4xf32>, tensor<4x2x3x?xf32>) -> tensor<1x2x9x?xf32>
  %y3 = tconv.conv_transpose %x3, %w3 {layout = #tconv.layout<channels_last>}
       : (tensor<?x?x?x3xf32>, tensor<6x2x2x3xf32>) -> tensor<?x?x?x6xf32>
  return %y, %y2, %y3 : tensor<1x2x?x11xf32>, tensor<1x2x9x?xf32>, tensor<?x?x?x6xf32>
}

// Dynamic channels: a dynamic Cin is fine; a dynamic Cout/G (weight dim 1)
// makes Cout dynamic. I = 5, k = 3: 4 + 2 + 1 = 7.
// CHECK-LABEL: func.func @dynamic_channels(
// CHECK: tconv.conv_transpose %arg0, %arg1 : (tensor<1x?x5xf32>, tensor<?x2x3xf32>) -> tensor<1x2x7xf32>
// CHECK: tconv.conv_transpose %arg2, %arg3, %arg4 : (tensor<1x4x5xf32>, tensor<4x?x3xf32>, tensor<?xf32>) -> tensor<1x?x7xf32>
func.func @dynamic_channels(%x: tensor<1x?x5xf32>, %w: tensor<?x2x3xf32>,
                            %x2: tensor<1x4x5xf32>, %w2: tensor<4x?x3xf32>, %b2: tensor<?xf32>)
    -> (tensor<1x2x7xf32>, tensor<1x?x7xf32>) {
  %y = tconv.conv_transpose %x, %w : (tensor<1x?x5xf32>, tensor<?x2x3xf32>) -> tensor<1x2x7xf32>
  %y2 = tconv.conv_transpose %x2, %w2, %b2
       : (tensor<1x4x5xf32>, tensor<4x?x3xf32>, tensor<?xf32>) -> tensor<1x?x7xf32>
  return %y, %y2 : tensor<1x2x7xf32>, tensor<1x?x7xf32>
}

// No bias: I = 6, k = 2, s = 2: 10 + 1 + 1 = 12.
// CHECK-LABEL: func.func @no_bias(
// CHECK: tconv.conv_transpose %arg0, %arg1 {strides = array<i64: 2, 2>} : (tensor<1x4x6x6xf32>, tensor<4x4x2x2xf32>) -> tensor<1x4x12x12xf32>
func.func @no_bias(%x: tensor<1x4x6x6xf32>, %w: tensor<4x4x2x2xf32>) -> tensor<1x4x12x12xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 2>}
       : (tensor<1x4x6x6xf32>, tensor<4x4x2x2xf32>) -> tensor<1x4x12x12xf32>
  return %y : tensor<1x4x12x12xf32>
}

// f16: I = 4, k = 3: 3 + 2 + 1 = 6.
// CHECK-LABEL: func.func @f16(
// CHECK: tconv.conv_transpose %arg0, %arg1, %arg2 : (tensor<1x2x4xf16>, tensor<2x2x3xf16>, tensor<2xf16>) -> tensor<1x2x6xf16>
func.func @f16(%x: tensor<1x2x4xf16>, %w: tensor<2x2x3xf16>, %b: tensor<2xf16>) -> tensor<1x2x6xf16> {
  %y = tconv.conv_transpose %x, %w, %b : (tensor<1x2x4xf16>, tensor<2x2x3xf16>, tensor<2xf16>) -> tensor<1x2x6xf16>
  return %y : tensor<1x2x6xf16>
}

// bf16: I = 4, k = 2, s = 2: 6 + 1 + 1 = 8.
// CHECK-LABEL: func.func @bf16(
// CHECK: tconv.conv_transpose %arg0, %arg1, %arg2 {strides = array<i64: 2, 2>} : (tensor<1x2x4x4xbf16>, tensor<2x4x2x2xbf16>, tensor<4xbf16>) -> tensor<1x4x8x8xbf16>
func.func @bf16(%x: tensor<1x2x4x4xbf16>, %w: tensor<2x4x2x2xbf16>, %b: tensor<4xbf16>) -> tensor<1x4x8x8xbf16> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>}
       : (tensor<1x2x4x4xbf16>, tensor<2x4x2x2xbf16>, tensor<4xbf16>) -> tensor<1x4x8x8xbf16>
  return %y : tensor<1x4x8x8xbf16>
}

// Asymmetric padding [pb_h, pb_w, pe_h, pe_w] = [0, 1, 2, 0];
// I = 6, k = 3, s = 2: H: 10 - 0 - 2 + 2 + 1 = 11, W: 10 - 1 - 0 + 2 + 1 = 12.
// CHECK-LABEL: func.func @asymmetric_padding(
// CHECK: tconv.conv_transpose %arg0, %arg1 {padding = array<i64: 0, 1, 2, 0>, strides = array<i64: 2, 2>} : (tensor<1x1x6x6xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x11x12xf32>
func.func @asymmetric_padding(%x: tensor<1x1x6x6xf32>, %w: tensor<1x1x3x3xf32>) -> tensor<1x1x11x12xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 2>, padding = array<i64: 0, 1, 2, 0>}
       : (tensor<1x1x6x6xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x11x12xf32>
  return %y : tensor<1x1x11x12xf32>
}

// Output padding (op < stride): I = 4, k = 3, s = 2/3, p = 1/1, op = 1/2:
// H: 6 - 2 + 2 + 1 + 1 = 8, W: 9 - 2 + 2 + 2 + 1 = 12.
// CHECK-LABEL: func.func @output_padding(
// CHECK: tconv.conv_transpose %arg0, %arg1 {output_padding = array<i64: 1, 2>, padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 3>} : (tensor<1x2x4x4xf32>, tensor<2x2x3x3xf32>) -> tensor<1x2x8x12xf32>
func.func @output_padding(%x: tensor<1x2x4x4xf32>, %w: tensor<2x2x3x3xf32>) -> tensor<1x2x8x12xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 3>, padding = array<i64: 1, 1, 1, 1>, output_padding = array<i64: 1, 2>}
       : (tensor<1x2x4x4xf32>, tensor<2x2x3x3xf32>) -> tensor<1x2x8x12xf32>
  return %y : tensor<1x2x8x12xf32>
}

// Output padding >= stride but < dilation is valid (op < max(s, dil)):
// I = 4, k = 3, s = 1, dil = 3, op = 2: 3 + 6 + 2 + 1 = 12.
// CHECK-LABEL: func.func @output_padding_below_dilation(
// CHECK: tconv.conv_transpose %arg0, %arg1 {dilations = array<i64: 3>, output_padding = array<i64: 2>} : (tensor<1x1x4xf32>, tensor<1x1x3xf32>) -> tensor<1x1x12xf32>
func.func @output_padding_below_dilation(%x: tensor<1x1x4xf32>, %w: tensor<1x1x3xf32>) -> tensor<1x1x12xf32> {
  %y = tconv.conv_transpose %x, %w {dilations = array<i64: 3>, output_padding = array<i64: 2>}
       : (tensor<1x1x4xf32>, tensor<1x1x3xf32>) -> tensor<1x1x12xf32>
  return %y : tensor<1x1x12xf32>
}

// Dilation: 1-D I = 5, k = 3, dil = 2: 4 + 4 + 1 = 9;
// 2-D H: I = 4, k = 3, s = 1, dil = 2: 3 + 4 + 1 = 8; W: I = 4, k = 2, s = 2, dil = 3: 6 + 3 + 1 = 10.
// CHECK-LABEL: func.func @dilation(
// CHECK: tconv.conv_transpose %arg0, %arg1 {dilations = array<i64: 2>} : (tensor<1x2x5xf32>, tensor<2x3x3xf32>) -> tensor<1x3x9xf32>
// CHECK: tconv.conv_transpose %arg2, %arg3 {dilations = array<i64: 2, 3>, strides = array<i64: 1, 2>} : (tensor<1x1x4x4xf32>, tensor<1x1x3x2xf32>) -> tensor<1x1x8x10xf32>
func.func @dilation(%x: tensor<1x2x5xf32>, %w: tensor<2x3x3xf32>,
                    %x2: tensor<1x1x4x4xf32>, %w2: tensor<1x1x3x2xf32>)
    -> (tensor<1x3x9xf32>, tensor<1x1x8x10xf32>) {
  %y = tconv.conv_transpose %x, %w {dilations = array<i64: 2>}
       : (tensor<1x2x5xf32>, tensor<2x3x3xf32>) -> tensor<1x3x9xf32>
  %y2 = tconv.conv_transpose %x2, %w2 {dilations = array<i64: 2, 3>, strides = array<i64: 1, 2>}
       : (tensor<1x1x4x4xf32>, tensor<1x1x3x2xf32>) -> tensor<1x1x8x10xf32>
  return %y, %y2 : tensor<1x3x9xf32>, tensor<1x1x8x10xf32>
}

// All defaults (no attributes): I = 4, k = 3: 3 + 2 + 1 = 6.
// CHECK-LABEL: func.func @all_defaults(
// CHECK: tconv.conv_transpose %arg0, %arg1 : (tensor<1x3x4x4xf32>, tensor<3x5x3x3xf32>) -> tensor<1x5x6x6xf32>
func.func @all_defaults(%x: tensor<1x3x4x4xf32>, %w: tensor<3x5x3x3xf32>) -> tensor<1x5x6x6xf32> {
  %y = tconv.conv_transpose %x, %w : (tensor<1x3x4x4xf32>, tensor<3x5x3x3xf32>) -> tensor<1x5x6x6xf32>
  return %y : tensor<1x5x6x6xf32>
}

// Explicit default values of groups and layout are elided when printed; the
// explicit identity arrays are kept.
// CHECK-LABEL: func.func @explicit_defaults(
// CHECK: tconv.conv_transpose %arg0, %arg1 {dilations = array<i64: 1, 1>, output_padding = array<i64: 0, 0>, padding = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x3x4x4xf32>, tensor<3x5x3x3xf32>) -> tensor<1x5x6x6xf32>
func.func @explicit_defaults(%x: tensor<1x3x4x4xf32>, %w: tensor<3x5x3x3xf32>) -> tensor<1x5x6x6xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 1, 1>, padding = array<i64: 0, 0, 0, 0>,
                                    output_padding = array<i64: 0, 0>, dilations = array<i64: 1, 1>,
                                    groups = 1 : i64, layout = #tconv.layout<channels_first>}
       : (tensor<1x3x4x4xf32>, tensor<3x5x3x3xf32>) -> tensor<1x5x6x6xf32>
  return %y : tensor<1x5x6x6xf32>
}

// The generic form of the brief: I = 8, k = 4, s = 2, p = 1/1: 14 - 2 + 3 + 1 = 16.
// CHECK-LABEL: func.func @generic_example(
// CHECK: tconv.conv_transpose %arg0, %arg1, %arg2 {dilations = array<i64: 1, 1>, output_padding = array<i64: 0, 0>, padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<16x256x8x8xf32>, tensor<256x128x4x4xf32>, tensor<128xf32>) -> tensor<16x128x16x16xf32>
func.func @generic_example(%x: tensor<16x256x8x8xf32>, %w: tensor<256x128x4x4xf32>, %b: tensor<128xf32>) -> tensor<16x128x16x16xf32> {
  %y = "tconv.conv_transpose"(%x, %w, %b) <{strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>,
         output_padding = array<i64: 0, 0>, dilations = array<i64: 1, 1>, groups = 1 : i64,
         layout = #tconv.layout<channels_first>}>
       : (tensor<16x256x8x8xf32>, tensor<256x128x4x4xf32>, tensor<128xf32>) -> tensor<16x128x16x16xf32>
  return %y : tensor<16x128x16x16xf32>
}

// A DCGAN generator (64x64 images, nz = 100, ngf = 64), no bias:
//   z 1x1 -> 4x4:   I = 1, k = 4, s = 1, p = 0: 0 + 3 + 1 = 4
//   4 -> 8 -> 16 -> 32 -> 64: k = 4, s = 2, p = 1/1: (I - 1)*2 - 2 + 3 + 1 = 2*I.
// CHECK-LABEL: func.func @dcgan(
// CHECK: %[[L1:.*]] = tconv.conv_transpose %arg0, %arg1 : (tensor<?x100x1x1xf32>, tensor<100x512x4x4xf32>) -> tensor<?x512x4x4xf32>
// CHECK: %[[L2:.*]] = tconv.conv_transpose %[[L1]], %arg2 {padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<?x512x4x4xf32>, tensor<512x256x4x4xf32>) -> tensor<?x256x8x8xf32>
// CHECK: %[[L3:.*]] = tconv.conv_transpose %[[L2]], %arg3 {padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<?x256x8x8xf32>, tensor<256x128x4x4xf32>) -> tensor<?x128x16x16xf32>
// CHECK: %[[L4:.*]] = tconv.conv_transpose %[[L3]], %arg4 {padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<?x128x16x16xf32>, tensor<128x64x4x4xf32>) -> tensor<?x64x32x32xf32>
// CHECK: %[[L5:.*]] = tconv.conv_transpose %[[L4]], %arg5 {padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<?x64x32x32xf32>, tensor<64x3x4x4xf32>) -> tensor<?x3x64x64xf32>
// CHECK: return %[[L5]] : tensor<?x3x64x64xf32>
func.func @dcgan(%z: tensor<?x100x1x1xf32>, %w1: tensor<100x512x4x4xf32>, %w2: tensor<512x256x4x4xf32>,
                 %w3: tensor<256x128x4x4xf32>, %w4: tensor<128x64x4x4xf32>, %w5: tensor<64x3x4x4xf32>)
    -> tensor<?x3x64x64xf32> {
  %l1 = tconv.conv_transpose %z, %w1
        : (tensor<?x100x1x1xf32>, tensor<100x512x4x4xf32>) -> tensor<?x512x4x4xf32>
  %l2 = tconv.conv_transpose %l1, %w2 {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>}
        : (tensor<?x512x4x4xf32>, tensor<512x256x4x4xf32>) -> tensor<?x256x8x8xf32>
  %l3 = tconv.conv_transpose %l2, %w3 {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>}
        : (tensor<?x256x8x8xf32>, tensor<256x128x4x4xf32>) -> tensor<?x128x16x16xf32>
  %l4 = tconv.conv_transpose %l3, %w4 {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>}
        : (tensor<?x128x16x16xf32>, tensor<128x64x4x4xf32>) -> tensor<?x64x32x32xf32>
  %l5 = tconv.conv_transpose %l4, %w5 {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>}
        : (tensor<?x64x32x32xf32>, tensor<64x3x4x4xf32>) -> tensor<?x3x64x64xf32>
  return %l5 : tensor<?x3x64x64xf32>
}

// Size-1 extremes: I = 1, k = 1 gives O = 1 (no padding), and large strides
// do not matter for a single input element: I = 1, k = 2, s = 1000: 0 + 1 + 1 = 2.
// CHECK-LABEL: func.func @unit_sizes(
// CHECK: tconv.conv_transpose %arg0, %arg1 : (tensor<1x1x1xf32>, tensor<1x1x1xf32>) -> tensor<1x1x1xf32>
// CHECK: tconv.conv_transpose %arg2, %arg3 {strides = array<i64: 1000>} : (tensor<0x1x1xf32>, tensor<1x1x2xf32>) -> tensor<0x1x2xf32>
func.func @unit_sizes(%x: tensor<1x1x1xf32>, %w: tensor<1x1x1xf32>,
                      %x2: tensor<0x1x1xf32>, %w2: tensor<1x1x2xf32>)
    -> (tensor<1x1x1xf32>, tensor<0x1x2xf32>) {
  %y = tconv.conv_transpose %x, %w : (tensor<1x1x1xf32>, tensor<1x1x1xf32>) -> tensor<1x1x1xf32>
  %y2 = tconv.conv_transpose %x2, %w2 {strides = array<i64: 1000>}
        : (tensor<0x1x1xf32>, tensor<1x1x2xf32>) -> tensor<0x1x2xf32>
  return %y, %y2 : tensor<1x1x1xf32>, tensor<0x1x2xf32>
}

// The bias fixes Cout when the weight's output-channel dim is dynamic.
// CHECK-LABEL: func.func @cout_from_bias
// CHECK: -> tensor<1x4x4x6xf32>
func.func @cout_from_bias(%x: tensor<1x2x2x4xf32>, %w: tensor<?x3x3x2xf32>, %b: tensor<6xf32>) -> tensor<1x4x4x6xf32> {
  %y = tconv.conv_transpose %x, %w, %b {groups = 2 : i64, layout = #tconv.layout<channels_last>} : (tensor<1x2x2x4xf32>, tensor<?x3x3x2xf32>, tensor<6xf32>) -> tensor<1x4x4x6xf32>
  return %y : tensor<1x4x4x6xf32>
}

// Quantized: i8 input and weight with zero points at the ends of their
// ranges, i32 bias and result; I = 8, k = 3, s = 2: 14 + 2 + 1 = 17.
// CHECK-LABEL: func.func @quantized_i8(
// CHECK: tconv.conv_transpose %arg0, %arg1, %arg2 {input_zero_point = -128 : i32, strides = array<i64: 2>, weight_zero_point = 127 : i32} : (tensor<1x4x8xi8>, tensor<4x2x3xi8>, tensor<2xi32>) -> tensor<1x2x17xi32>
func.func @quantized_i8(%x: tensor<1x4x8xi8>, %w: tensor<4x2x3xi8>, %b: tensor<2xi32>) -> tensor<1x2x17xi32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2>, input_zero_point = -128 : i32, weight_zero_point = 127 : i32}
       : (tensor<1x4x8xi8>, tensor<4x2x3xi8>, tensor<2xi32>) -> tensor<1x2x17xi32>
  return %y : tensor<1x2x17xi32>
}

// Quantized u8 (ui8) input, channels-last with groups and a dynamic batch,
// no bias, no weight zero point; H, W: I = 4, k = 2, s = 2: 6 + 1 + 1 = 8.
// CHECK-LABEL: func.func @quantized_u8(
// CHECK: tconv.conv_transpose %arg0, %arg1 {groups = 2 : i64, input_zero_point = 255 : i32, layout = #tconv.layout<channels_last>, strides = array<i64: 2, 2>} : (tensor<?x4x4x6xui8>, tensor<4x2x2x3xi8>) -> tensor<?x8x8x4xi32>
func.func @quantized_u8(%x: tensor<?x4x4x6xui8>, %w: tensor<4x2x2x3xi8>) -> tensor<?x8x8x4xi32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 2>, groups = 2 : i64, layout = #tconv.layout<channels_last>, input_zero_point = 255 : i32}
       : (tensor<?x4x4x6xui8>, tensor<4x2x2x3xi8>) -> tensor<?x8x8x4xi32>
  return %y : tensor<?x8x8x4xi32>
}

// Zero points of 0, the defaults, may be spelled out on a quantized op.
// CHECK-LABEL: func.func @quantized_zero_zero_points(
// CHECK: tconv.conv_transpose %arg0, %arg1 {input_zero_point = 0 : i32, weight_zero_point = 0 : i32} : (tensor<1x1x1x1x1xui8>, tensor<1x1x1x1x1xi8>) -> tensor<1x1x1x1x1xi32>
func.func @quantized_zero_zero_points(%x: tensor<1x1x1x1x1xui8>, %w: tensor<1x1x1x1x1xi8>) -> tensor<1x1x1x1x1xi32> {
  %y = tconv.conv_transpose %x, %w {input_zero_point = 0 : i32, weight_zero_point = 0 : i32}
       : (tensor<1x1x1x1x1xui8>, tensor<1x1x1x1x1xi8>) -> tensor<1x1x1x1x1xi32>
  return %y : tensor<1x1x1x1x1xi32>
}

// tconv.sign_cast on scalars, vectors and tensors.
// CHECK-LABEL: func.func @sign_casts(
// CHECK: tconv.sign_cast %{{.*}} : ui8 to i8
// CHECK: tconv.sign_cast %{{.*}} : vector<16xi8> to vector<16xui8>
// CHECK: tconv.sign_cast %{{.*}} : tensor<?x4xui32> to tensor<?x4xsi32>
func.func @sign_casts(%s: ui8, %v: vector<16xi8>, %t: tensor<?x4xui32>) -> (i8, vector<16xui8>, tensor<?x4xsi32>) {
  %a = tconv.sign_cast %s : ui8 to i8
  %b = tconv.sign_cast %v : vector<16xi8> to vector<16xui8>
  %c = tconv.sign_cast %t : tensor<?x4xui32> to tensor<?x4xsi32>
  return %a, %b, %c : i8, vector<16xui8>, tensor<?x4xsi32>
}
