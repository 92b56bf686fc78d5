// RUN: tconv-opt %s --convert-tosa-to-tconv --split-input-file | FileCheck %s

// NHWC input, OHWI weight and bias go to tconv unchanged; zero out_pad is
// zero padding and the zero-point constants disappear with the op.
// CHECK-LABEL: func.func @stride2
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x4x3xf32>, %[[W:.*]]: tensor<5x3x3x3xf32>, %[[B:.*]]: tensor<5xf32>)
// CHECK-NOT: tosa.
// CHECK: %[[Y:.*]] = tconv.conv_transpose %[[X]], %[[W]], %[[B]]
// CHECK-SAME: layout = #tconv.layout<channels_last>
// CHECK-SAME: output_padding = array<i64: 0, 0>
// CHECK-SAME: padding = array<i64: 0, 0, 0, 0>
// CHECK-SAME: strides = array<i64: 2, 2>
// CHECK-SAME: -> tensor<1x9x9x5xf32>
// CHECK-NEXT: return %[[Y]]
func.func @stride2(%x: tensor<1x4x4x3xf32>, %w: tensor<5x3x3x3xf32>, %b: tensor<5xf32>) -> tensor<1x9x9x5xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %y = tosa.transpose_conv2d %x, %w, %b, %zp, %zp {acc_type = f32, out_pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>} : (tensor<1x4x4x3xf32>, tensor<5x3x3x3xf32>, tensor<5xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x9x9x5xf32>
  return %y : tensor<1x9x9x5xf32>
}

// -----

// Negative out_pad crops: it is tconv's padding (begins, then ends).
// CHECK-LABEL: func.func @crop
// CHECK: tconv.conv_transpose
// CHECK-SAME: output_padding = array<i64: 0, 0>
// CHECK-SAME: padding = array<i64: 1, 0, 2, 1>
// CHECK-SAME: strides = array<i64: 2, 3>
// CHECK-SAME: -> tensor<2x6x11x4xf32>
func.func @crop(%x: tensor<2x4x4x3xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<4xf32>) -> tensor<2x6x11x4xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %y = tosa.transpose_conv2d %x, %w, %b, %zp, %zp {acc_type = f32, out_pad = array<i64: -1, -2, 0, -1>, stride = array<i64: 2, 3>} : (tensor<2x4x4x3xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<2x6x11x4xf32>
  return %y : tensor<2x6x11x4xf32>
}

// -----

// Positive out_pad at the end below the stride is tconv's output_padding.
// CHECK-LABEL: func.func @grow_end_below_stride
// CHECK: tconv.conv_transpose
// CHECK-SAME: output_padding = array<i64: 1, 2>
// CHECK-SAME: padding = array<i64: 1, 0, 0, 0>
// CHECK-SAME: -> tensor<1x7x13x2xf32>
// CHECK-NOT: insert_slice
func.func @grow_end_below_stride(%x: tensor<1x3x3x1xf32>, %w: tensor<2x3x3x1xf32>, %b: tensor<2xf32>) -> tensor<1x7x13x2xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %y = tosa.transpose_conv2d %x, %w, %b, %zp, %zp {acc_type = f32, out_pad = array<i64: -1, 1, 0, 2>, stride = array<i64: 2, 4>} : (tensor<1x3x3x1xf32>, tensor<2x3x3x1xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x7x13x2xf32>
  return %y : tensor<1x7x13x2xf32>
}

// -----

// Other positive out_pad: rows only the bias reaches, around tconv's result.
// CHECK-LABEL: func.func @grow
// CHECK-SAME: %[[B:[a-z0-9]+]]: tensor<2xf32>)
// CHECK: %[[Y:.*]] = tconv.conv_transpose
// CHECK-SAME: output_padding = array<i64: 0, 0>
// CHECK-SAME: padding = array<i64: 0, 0, 0, 0>
// CHECK-SAME: -> tensor<1x7x7x2xf32>
// CHECK: %[[E:.*]] = tensor.empty() : tensor<1x12x8x2xf32>
// CHECK: %[[INIT:.*]] = linalg.broadcast ins(%[[B]] : tensor<2xf32>) outs(%[[E]] : tensor<1x12x8x2xf32>) dimensions = [0, 1, 2]
// CHECK: %[[R:.*]] = tensor.insert_slice %[[Y]] into %[[INIT]][0, 2, 1, 0] [1, 7, 7, 2] [1, 1, 1, 1]
// CHECK: return %[[R]]
func.func @grow(%x: tensor<1x3x3x1xf32>, %w: tensor<2x3x3x1xf32>, %b: tensor<2xf32>) -> tensor<1x12x8x2xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %y = tosa.transpose_conv2d %x, %w, %b, %zp, %zp {acc_type = f32, out_pad = array<i64: 2, 3, 1, 0>, stride = array<i64: 2, 2>} : (tensor<1x3x3x1xf32>, tensor<2x3x3x1xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x12x8x2xf32>
  return %y : tensor<1x12x8x2xf32>
}

// -----

// A dynamic batch carries through the grown output.
// CHECK-LABEL: func.func @grow_dynamic_batch
// CHECK: %[[Y:.*]] = tconv.conv_transpose {{.*}} -> tensor<?x4x4x2xf32>
// CHECK: %[[N:.*]] = tensor.dim %[[Y]], %{{.*}} : tensor<?x4x4x2xf32>
// CHECK: tensor.empty(%[[N]]) : tensor<?x5x4x2xf32>
// CHECK: tensor.insert_slice %[[Y]] into %{{.*}}[0, 1, 0, 0] [%[[N]], 4, 4, 2] [1, 1, 1, 1]
func.func @grow_dynamic_batch(%x: tensor<?x2x2x1xf32>, %w: tensor<2x3x3x1xf32>, %b: tensor<2xf32>) -> tensor<?x5x4x2xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %y = tosa.transpose_conv2d %x, %w, %b, %zp, %zp {acc_type = f32, out_pad = array<i64: 1, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<?x2x2x1xf32>, tensor<2x3x3x1xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x5x4x2xf32>
  return %y : tensor<?x5x4x2xf32>
}

// -----

// A bias of one value is filled into all output channels.
// CHECK-LABEL: func.func @scalar_bias
// CHECK-SAME: %[[B:[a-z0-9]+]]: tensor<1xf32>)
// CHECK: %[[V:.*]] = tensor.extract %[[B]][%{{.*}}] : tensor<1xf32>
// CHECK: %[[F:.*]] = linalg.fill ins(%[[V]] : f32) outs(%{{.*}} : tensor<6xf32>)
// CHECK: tconv.conv_transpose %{{.*}}, %{{.*}}, %[[F]]
func.func @scalar_bias(%x: tensor<1x2x2x3xf32>, %w: tensor<6x2x2x3xf32>, %b: tensor<1xf32>) -> tensor<1x4x4x6xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %y = tosa.transpose_conv2d %x, %w, %b, %zp, %zp {acc_type = f32, out_pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>} : (tensor<1x2x2x3xf32>, tensor<6x2x2x3xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x6xf32>
  return %y : tensor<1x4x4x6xf32>
}

// -----

// f16 (tconv accumulates in f32 whatever acc_type says); a dynamic spatial
// size gives a cast back to TOSA's result type; other TOSA ops stay.
// CHECK-LABEL: func.func @f16_dynamic
// CHECK: %[[Y:.*]] = tconv.conv_transpose {{.*}} : (tensor<1x?x4x2xf16>, tensor<2x2x2x2xf16>, tensor<2xf16>) -> tensor<1x?x8x2xf16>
// CHECK: %[[C:.*]] = tensor.cast %[[Y]] : tensor<1x?x8x2xf16> to tensor<1x6x8x2xf16>
// CHECK: tosa.add %[[C]], %[[C]]
func.func @f16_dynamic(%x: tensor<1x?x4x2xf16>, %w: tensor<2x2x2x2xf16>, %b: tensor<2xf16>) -> tensor<1x6x8x2xf16> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf16>}> : () -> tensor<1xf16>
  %y = tosa.transpose_conv2d %x, %w, %b, %zp, %zp {acc_type = f16, out_pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>} : (tensor<1x?x4x2xf16>, tensor<2x2x2x2xf16>, tensor<2xf16>, tensor<1xf16>, tensor<1xf16>) -> tensor<1x6x8x2xf16>
  %z = tosa.add %y, %y : (tensor<1x6x8x2xf16>, tensor<1x6x8x2xf16>) -> tensor<1x6x8x2xf16>
  return %z : tensor<1x6x8x2xf16>
}

// -----

// i8: the zero points become tconv's attributes (the zero weight zero point
// none); the i32 bias and result stay, a grown border holds the bias.
// CHECK-LABEL: func.func @int8
// CHECK-NOT: tosa.const
// CHECK: %[[Y:.*]] = tconv.conv_transpose
// CHECK-SAME: input_zero_point = -128 : i32
// CHECK-NOT: weight_zero_point
// CHECK-SAME: : (tensor<1x4x4x3xi8>, tensor<5x3x3x3xi8>, tensor<5xi32>) -> tensor<1x9x9x5xi32>
// CHECK: tensor.insert_slice %[[Y]] into {{.*}} : tensor<1x9x9x5xi32> into tensor<1x10x9x5xi32>
func.func @int8(%x: tensor<1x4x4x3xi8>, %w: tensor<5x3x3x3xi8>, %b: tensor<5xi32>) -> tensor<1x10x9x5xi32> {
  %xzp = "tosa.const"() <{values = dense<-128> : tensor<1xi8>}> : () -> tensor<1xi8>
  %wzp = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %y = tosa.transpose_conv2d %x, %w, %b, %xzp, %wzp {acc_type = i32, out_pad = array<i64: 1, 0, 0, 0>, stride = array<i64: 2, 2>} : (tensor<1x4x4x3xi8>, tensor<5x3x3x3xi8>, tensor<5xi32>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x10x9x5xi32>
  return %y : tensor<1x10x9x5xi32>
}

// -----

// CHECK-LABEL: func.func @int8_weight_zero_point
// CHECK: tconv.conv_transpose
// CHECK-SAME: weight_zero_point = 127 : i32
// CHECK-SAME: -> tensor<1x9x9x5xi32>
func.func @int8_weight_zero_point(%x: tensor<1x4x4x3xi8>, %w: tensor<5x3x3x3xi8>, %b: tensor<5xi32>) -> tensor<1x9x9x5xi32> {
  %xzp = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %wzp = "tosa.const"() <{values = dense<127> : tensor<1xi8>}> : () -> tensor<1xi8>
  %y = tosa.transpose_conv2d %x, %w, %b, %xzp, %wzp {acc_type = i32, out_pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>} : (tensor<1x4x4x3xi8>, tensor<5x3x3x3xi8>, tensor<5xi32>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x9x9x5xi32>
  return %y : tensor<1x9x9x5xi32>
}
