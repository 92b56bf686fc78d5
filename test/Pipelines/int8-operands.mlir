// A quantized layer's u8 input is flipped to i8 and widened to i16 for
// VPMADDWD in one pass over it: tconv-prepare-dot-product-operands widens it
// above the phases' zero-point padding and slices, and the elementwise
// fusion merges the extension into the sign flip (channels-last) or the
// transpose to channels-last (channels-first). Every phase convolution reads
// a slice of the one padded i16 input.
// RUN: tconv-opt %s --convert-tconv-to-linalg="algorithm=phase" --tconv-prepare-dot-product-operands="target-cpu=haswell" --tconv-fuse-elementwise --canonicalize --cse | FileCheck %s

// CHECK-LABEL: func.func @channels_last
// CHECK-SAME: (%[[X:.*]]: tensor<1x6x6x16xui8>
// CHECK: %[[WIDE:.*]] = linalg.generic {{.*}} ins(%[[X]] : tensor<1x6x6x16xui8>) outs(%{{.*}} : tensor<1x6x6x16xi16>)
// CHECK: tconv.sign_cast
// CHECK: arith.xori
// CHECK: arith.extsi %{{.*}} : i8 to i16
// CHECK: %[[PADDED:.*]] = tensor.pad %[[WIDE]] low[0, 1, 1, 0] high[0, 1, 1, 0]
// CHECK-NOT: xi8>) outs(%{{.*}} : tensor<1x6x6x16xi16>)
// CHECK-COUNT-4: linalg.conv_2d_nhwc_hwcf {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x7x7x16xi16>, tensor<2x2x16x32xi8>)
// CHECK-NOT: linalg.conv_2d_nhwc_hwcf
func.func @channels_last(%x: tensor<1x6x6x16xui8>, %w: tensor<32x4x4x16xi8>, %b: tensor<32xi32>) -> tensor<1x12x12x32xi32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>,
                                        layout = #tconv.layout<channels_last>, input_zero_point = 128 : i32}
       : (tensor<1x6x6x16xui8>, tensor<32x4x4x16xi8>, tensor<32xi32>) -> tensor<1x12x12x32xi32>
  return %y : tensor<1x12x12x32xi32>
}

// CHECK-LABEL: func.func @channels_first
// CHECK-SAME: (%[[X:.*]]: tensor<1x16x6x6xi8>
// CHECK: %[[WIDE:.*]] = linalg.generic {{.*}} ins(%[[X]] : tensor<1x16x6x6xi8>) outs(%{{.*}} : tensor<1x6x6x16xi16>)
// CHECK: arith.extsi %{{.*}} : i8 to i16
// CHECK: %[[PADDED:.*]] = tensor.pad %[[WIDE]] low[0, 1, 1, 0] high[0, 1, 1, 0]
// CHECK-COUNT-4: linalg.conv_2d_nhwc_hwcf {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x7x7x16xi16>, tensor<2x2x16x32xi8>)
func.func @channels_first(%x: tensor<1x16x6x6xi8>, %w: tensor<16x32x4x4xi8>, %b: tensor<32xi32>) -> tensor<1x32x12x12xi32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>,
                                        input_zero_point = -5 : i32}
       : (tensor<1x16x6x6xi8>, tensor<16x32x4x4xi8>, tensor<32xi32>) -> tensor<1x32x12x12xi32>
  return %y : tensor<1x32x12x12xi32>
}
