// Execution tests: two tconv.conv_transpose ops in one function. --check
// recomputes each op from the values that actually reached it, so both
// `check conv_transpose #0` and `#1` must be printed and PASS.
// Output sizes: O = (I - 1) * s - pb - pe + dil * (k - 1) + op + 1.

// RUN: tconv-run %s --entry=chain2d --check | FileCheck %s --check-prefix=CHAIN2D
// CHAIN2D-NOT: FAIL
// CHAIN2D: check conv_transpose #0 {{.*}} PASS
// CHAIN2D-NEXT: check conv_transpose #1 {{.*}} PASS
// CHAIN2D-NOT: check conv_transpose #2
// #0: I=4 k=4 s=2 p=1/1:          (4-1)*2-1-1+3+1 = 8
// #1: I=8 k=3 s=2 p=1/0 op=1:     (8-1)*2-1-0+2+1+1 = 17
func.func @chain2d(%x: tensor<1x4x4x4xf32>, %w1: tensor<4x3x4x4xf32>, %b1: tensor<3xf32>,
                   %w2: tensor<3x2x3x3xf32>, %b2: tensor<2xf32>) -> tensor<1x2x17x17xf32> {
  %y1 = tconv.conv_transpose %x, %w1, %b1 {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>}
        : (tensor<1x4x4x4xf32>, tensor<4x3x4x4xf32>, tensor<3xf32>) -> tensor<1x3x8x8xf32>
  %y2 = tconv.conv_transpose %y1, %w2, %b2 {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 0, 0>,
                                            output_padding = array<i64: 1, 1>}
        : (tensor<1x3x8x8xf32>, tensor<3x2x3x3xf32>, tensor<2xf32>) -> tensor<1x2x17x17xf32>
  return %y2 : tensor<1x2x17x17xf32>
}

// RUN: tconv-run %s --entry=chain_cl_groups --check | FileCheck %s --check-prefix=CHAIN_CL
// CHAIN_CL-NOT: FAIL
// CHAIN_CL: check conv_transpose #0 {{.*}} PASS
// CHAIN_CL-NEXT: check conv_transpose #1 {{.*}} PASS
// channels_last 1-D, groups 2 then depthwise (groups 6):
// #0: I=6 k=3 s=2 p=1/1:          (6-1)*2-1-1+2+1 = 11
// #1: I=11 k=4 s=2 p=1/2:         (11-1)*2-1-2+3+1 = 21
func.func @chain_cl_groups(%x: tensor<2x6x4xf32>, %w1: tensor<6x3x2xf32>, %b1: tensor<6xf32>,
                           %w2: tensor<6x4x1xf32>) -> tensor<2x21x6xf32> {
  %y1 = "tconv.conv_transpose"(%x, %w1, %b1) <{strides = array<i64: 2>, padding = array<i64: 1, 1>, groups = 2 : i64,
                                               layout = #tconv.layout<channels_last>}>
        : (tensor<2x6x4xf32>, tensor<6x3x2xf32>, tensor<6xf32>) -> tensor<2x11x6xf32>
  %y2 = "tconv.conv_transpose"(%y1, %w2) <{strides = array<i64: 2>, padding = array<i64: 1, 2>, groups = 6 : i64,
                                           layout = #tconv.layout<channels_last>}>
        : (tensor<2x11x6xf32>, tensor<6x4x1xf32>) -> tensor<2x21x6xf32>
  return %y2 : tensor<2x21x6xf32>
}

// RUN: tconv-run %s --entry=chain3d_two_results --check | FileCheck %s --check-prefix=CHAIN3D
// CHAIN3D-NOT: FAIL
// CHAIN3D: check conv_transpose #0 {{.*}} PASS
// CHAIN3D-NEXT: check conv_transpose #1 {{.*}} PASS
// Both results are returned.
// #0: I=3 k=2 s=2:                (3-1)*2+1+1 = 6
// #1: I=6 k=3 s=1 p=1/1 dil=1:    (6-1)-1-1+2+1 = 6
func.func @chain3d_two_results(%x: tensor<1x2x3x3x3xf32>, %w1: tensor<2x2x2x2x2xf32>, %b1: tensor<2xf32>,
                               %w2: tensor<2x1x3x3x3xf32>) -> (tensor<1x2x6x6x6xf32>, tensor<1x1x6x6x6xf32>) {
  %y1 = tconv.conv_transpose %x, %w1, %b1 {strides = array<i64: 2, 2, 2>}
        : (tensor<1x2x3x3x3xf32>, tensor<2x2x2x2x2xf32>, tensor<2xf32>) -> tensor<1x2x6x6x6xf32>
  %y2 = tconv.conv_transpose %y1, %w2 {padding = array<i64: 1, 1, 1, 1, 1, 1>}
        : (tensor<1x2x6x6x6xf32>, tensor<2x1x3x3x3xf32>) -> tensor<1x1x6x6x6xf32>
  return %y1, %y2 : tensor<1x2x6x6x6xf32>, tensor<1x1x6x6x6xf32>
}

// RUN: tconv-run %s --entry=chain_f16_dil --check | FileCheck %s --check-prefix=CHAIN_F16
// CHAIN_F16-NOT: FAIL
// CHAIN_F16: check conv_transpose #0 {{.*}} PASS
// CHAIN_F16-NEXT: check conv_transpose #1 {{.*}} PASS
// f16, dilation and crop:
// #0: H: I=4 k=3 s=2 dil=2 p=2/1 op=1: (4-1)*2-2-1+4+1+1 = 9;  W: I=5 k=2 s=1 dil=3 op=2: 4+3+2+1 = 10
// #1: H: I=9 k=2 s=3 p=3/3:            (9-1)*3-3-3+1+1 = 20;   W: I=10 k=3 s=2 p=4/5: 18-4-5+2+1 = 12
func.func @chain_f16_dil(%x: tensor<1x3x4x5xf16>, %w1: tensor<3x4x3x2xf16>, %b1: tensor<4xf16>,
                         %w2: tensor<4x2x2x3xf16>, %b2: tensor<2xf16>) -> tensor<1x2x20x12xf16> {
  %y1 = tconv.conv_transpose %x, %w1, %b1 {strides = array<i64: 2, 1>, dilations = array<i64: 2, 3>,
                                           padding = array<i64: 2, 0, 1, 0>, output_padding = array<i64: 1, 2>}
        : (tensor<1x3x4x5xf16>, tensor<3x4x3x2xf16>, tensor<4xf16>) -> tensor<1x4x9x10xf16>
  %y2 = tconv.conv_transpose %y1, %w2, %b2 {strides = array<i64: 3, 2>, padding = array<i64: 3, 4, 3, 5>}
        : (tensor<1x4x9x10xf16>, tensor<4x2x2x3xf16>, tensor<2xf16>) -> tensor<1x2x20x12xf16>
  return %y2 : tensor<1x2x20x12xf16>
}
