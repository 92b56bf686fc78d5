// The i8 inputs of VPMADDWD convolutions (Haswell, Skylake-SP) become i16
// once, above the padding and slices between their producer and the
// convolutions; VNNI (Cascade Lake) and SDOT (Neoverse N1) take bytes as
// they are. Every dot product gets whole groups of input channels (pairs,
// quads), padded with zeros.
// RUN: tconv-opt %s --tconv-prepare-dot-product-operands="target-cpu=haswell" | FileCheck %s
// RUN: tconv-opt %s --tconv-prepare-dot-product-operands="target-cpu=skylake-avx512" | FileCheck %s
// RUN: tconv-opt %s --tconv-prepare-dot-product-operands="target-cpu=cascadelake" | FileCheck %s --check-prefix=BYTES
// RUN: tconv-opt %s --tconv-prepare-dot-product-operands="target-triple=aarch64-linux-gnu target-cpu=neoverse-n1" | FileCheck %s --check-prefix=BYTES
// RUN: tconv-opt %s --tconv-prepare-dot-product-operands="target-triple=aarch64-linux-gnu target-cpu=cortex-a53" | FileCheck %s --check-prefix=NONE
// RUN: not tconv-opt %s --tconv-prepare-dot-product-operands="target-cpu=no-such-cpu" 2>&1 | FileCheck %s --check-prefix=CPU
// CPU: error: tconv-prepare-dot-product-operands: unknown target CPU 'no-such-cpu'

// BYTES-NOT: i16
// NONE-NOT: i16
// NONE-NOT: tensor.pad %arg
// NONE-NOT: tensor<1x6x4xi8>

#identity = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>

// Two phases reading slices of the input padded with its zero point (-3):
// one extension, of the flipped input, in the producer's pass over it
// (once the fusion merges them); the padding widened with it.
// CHECK-LABEL: func.func @phases
// CHECK-SAME: (%[[X:.*]]: tensor<1x8x8x16xi8>, %[[W0:.*]]: tensor<2x2x16x8xi8>, %[[W1:.*]]: tensor<2x2x16x8xi8>)
// CHECK-DAG: %[[ZP16:.*]] = arith.constant -3 : i16
// CHECK: %[[FLIPPED:.*]] = linalg.generic {{.*}} ins(%[[X]] : tensor<1x8x8x16xi8>)
// CHECK: %[[WIDE:.*]] = linalg.generic {{.*}} ins(%[[FLIPPED]] : tensor<1x8x8x16xi8>) outs(%{{.*}} : tensor<1x8x8x16xi16>)
// CHECK: arith.extsi %{{.*}} : i8 to i16
// CHECK: %[[PADDED:.*]] = tensor.pad %[[WIDE]] low[0, 1, 1, 0] high[0, 1, 1, 0]
// CHECK: tensor.yield %[[ZP16]] : i16
// CHECK: } : tensor<1x8x8x16xi16> to tensor<1x10x10x16xi16>
// CHECK-NOT: tensor.pad
// CHECK: %[[S0:.*]] = tensor.extract_slice %[[PADDED]][0, 1, 1, 0] [1, 9, 9, 16] [1, 1, 1, 1] : tensor<1x10x10x16xi16> to tensor<1x9x9x16xi16>
// CHECK: linalg.conv_2d_nhwc_hwcf {{.*}} ins(%[[S0]], %[[W0]] : tensor<1x9x9x16xi16>, tensor<2x2x16x8xi8>)
// CHECK: %[[S1:.*]] = tensor.extract_slice %[[PADDED]][0, 0, 0, 0] [1, 9, 9, 16] [1, 1, 1, 1] : tensor<1x10x10x16xi16> to tensor<1x9x9x16xi16>
// CHECK: linalg.conv_2d_nhwc_hwcf {{.*}} ins(%[[S1]], %[[W1]] : tensor<1x9x9x16xi16>, tensor<2x2x16x8xi8>)
// CHECK-NOT: tensor<1x9x9x16xi8>
func.func @phases(%x: tensor<1x8x8x16xi8>, %w0: tensor<2x2x16x8xi8>, %w1: tensor<2x2x16x8xi8>) -> (tensor<1x8x8x8xi32>, tensor<1x8x8x8xi32>) {
  %zp = arith.constant -3 : i8
  %top = arith.constant -128 : i8
  %zero = arith.constant 0 : i32
  %e = tensor.empty() : tensor<1x8x8x16xi8>
  %flipped = linalg.generic {indexing_maps = [#identity, #identity], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%x : tensor<1x8x8x16xi8>) outs(%e : tensor<1x8x8x16xi8>) {
  ^bb0(%in: i8, %out: i8):
    %v = arith.xori %in, %top : i8
    linalg.yield %v : i8
  } -> tensor<1x8x8x16xi8>
  %padded = tensor.pad %flipped low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%a: index, %b: index, %c: index, %d: index):
    tensor.yield %zp : i8
  } : tensor<1x8x8x16xi8> to tensor<1x10x10x16xi8>
  %init = tensor.empty() : tensor<1x8x8x8xi32>
  %acc = linalg.fill ins(%zero : i32) outs(%init : tensor<1x8x8x8xi32>) -> tensor<1x8x8x8xi32>
  %s0 = tensor.extract_slice %padded[0, 1, 1, 0] [1, 9, 9, 16] [1, 1, 1, 1] : tensor<1x10x10x16xi8> to tensor<1x9x9x16xi8>
  %y0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%s0, %w0 : tensor<1x9x9x16xi8>, tensor<2x2x16x8xi8>) outs(%acc : tensor<1x8x8x8xi32>) -> tensor<1x8x8x8xi32>
  %s1 = tensor.extract_slice %padded[0, 0, 0, 0] [1, 9, 9, 16] [1, 1, 1, 1] : tensor<1x10x10x16xi8> to tensor<1x9x9x16xi8>
  %y1 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%s1, %w1 : tensor<1x9x9x16xi8>, tensor<2x2x16x8xi8>) outs(%acc : tensor<1x8x8x8xi32>) -> tensor<1x8x8x8xi32>
  return %y0, %y1 : tensor<1x8x8x8xi32>, tensor<1x8x8x8xi32>
}

// A dynamic batch, the input a function argument: widened by an op of its
// own, of the argument's shape.
// CHECK-LABEL: func.func @dynamic_batch
// CHECK-SAME: (%[[X:.*]]: tensor<?x6x16xi8>, %[[W:.*]]: tensor<3x16x8xi8>, %[[INIT:.*]]: tensor<?x4x8xi32>)
// CHECK: %[[WIDE:.*]] = linalg.generic {{.*}} ins(%[[X]] : tensor<?x6x16xi8>) outs(%{{.*}} : tensor<?x6x16xi16>)
// CHECK: linalg.conv_1d_nwc_wcf {{.*}} ins(%[[WIDE]], %[[W]] : tensor<?x6x16xi16>, tensor<3x16x8xi8>)
func.func @dynamic_batch(%x: tensor<?x6x16xi8>, %w: tensor<3x16x8xi8>, %init: tensor<?x4x8xi32>) -> tensor<?x4x8xi32> {
  %y = linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
      ins(%x, %w : tensor<?x6x16xi8>, tensor<3x16x8xi8>) outs(%init : tensor<?x4x8xi32>) -> tensor<?x4x8xi32>
  return %y : tensor<?x4x8xi32>
}

// An input channel count the group does not divide (an RGB layer, FCN's 21
// classes) is padded with zeros in both the input and the weights: to
// pairs for VPMADDWD, to quads for VPDPBUSD and SDOT.
// CHECK-LABEL: func.func @odd_channels
// CHECK-SAME: (%[[X:.*]]: tensor<1x6x3xi8>, %[[W:.*]]: tensor<3x3x8xi8>, %[[INIT:.*]]: tensor<1x4x8xi32>)
// CHECK-DAG: %[[ZERO8:.*]] = arith.constant 0 : i8
// CHECK-DAG: %[[ZERO16:.*]] = arith.constant 0 : i16
// CHECK: %[[WIDE:.*]] = linalg.generic {{.*}} ins(%[[X]] : tensor<1x6x3xi8>) outs(%{{.*}} : tensor<1x6x3xi16>)
// CHECK: %[[XP:.*]] = tensor.pad %[[WIDE]] low[0, 0, 0] high[0, 0, 1]
// CHECK: tensor.yield %[[ZERO16]] : i16
// CHECK: %[[WP:.*]] = tensor.pad %[[W]] low[0, 0, 0] high[0, 1, 0]
// CHECK: tensor.yield %[[ZERO8]] : i8
// CHECK: linalg.conv_1d_nwc_wcf {{.*}} ins(%[[XP]], %[[WP]] : tensor<1x6x4xi16>, tensor<3x4x8xi8>) outs(%[[INIT]] : tensor<1x4x8xi32>)
// BYTES-LABEL: func.func @odd_channels
// BYTES-SAME: (%[[X:.*]]: tensor<1x6x3xi8>, %[[W:.*]]: tensor<3x3x8xi8>, %[[INIT:.*]]: tensor<1x4x8xi32>)
// BYTES: %[[XP:.*]] = tensor.pad %[[X]] low[0, 0, 0] high[0, 0, 1]
// BYTES: %[[WP:.*]] = tensor.pad %[[W]] low[0, 0, 0] high[0, 1, 0]
// BYTES: linalg.conv_1d_nwc_wcf {{.*}} ins(%[[XP]], %[[WP]] : tensor<1x6x4xi8>, tensor<3x4x8xi8>) outs(%[[INIT]] : tensor<1x4x8xi32>)
func.func @odd_channels(%x: tensor<1x6x3xi8>, %w: tensor<3x3x8xi8>, %init: tensor<1x4x8xi32>) -> tensor<1x4x8xi32> {
  %y = linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
      ins(%x, %w : tensor<1x6x3xi8>, tensor<3x3x8xi8>) outs(%init : tensor<1x4x8xi32>) -> tensor<1x4x8xi32>
  return %y : tensor<1x4x8xi32>
}

// Narrow weights (tconv.narrow_weights) on Haswell and Skylake-SP: VPMADDUBSW
// takes bytes, in quads; the mark stays.
// CHECK-LABEL: func.func @narrow_weights
// CHECK-SAME: (%[[X:.*]]: tensor<1x6x3xi8>, %[[W:.*]]: tensor<3x3x8xi8>, %[[INIT:.*]]: tensor<1x4x8xi32>)
// CHECK-NOT: i16
// CHECK: %[[XP:.*]] = tensor.pad %[[X]] low[0, 0, 0] high[0, 0, 1]
// CHECK: %[[WP:.*]] = tensor.pad %[[W]] low[0, 0, 0] high[0, 1, 0]
// CHECK: linalg.conv_1d_nwc_wcf {{.*}}tconv.narrow_weights{{.*}} ins(%[[XP]], %[[WP]] : tensor<1x6x4xi8>, tensor<3x4x8xi8>) outs(%[[INIT]] : tensor<1x4x8xi32>)
// BYTES-LABEL: func.func @narrow_weights
// BYTES: linalg.conv_1d_nwc_wcf {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x6x4xi8>, tensor<3x4x8xi8>)
func.func @narrow_weights(%x: tensor<1x6x3xi8>, %w: tensor<3x3x8xi8>, %init: tensor<1x4x8xi32>) -> tensor<1x4x8xi32> {
  %y = linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>, tconv.narrow_weights}
      ins(%x, %w : tensor<1x6x3xi8>, tensor<3x3x8xi8>) outs(%init : tensor<1x4x8xi32>) -> tensor<1x4x8xi32>
  return %y : tensor<1x4x8xi32>
}

// Left as it is: f32.
// CHECK-LABEL: func.func @f32
// CHECK-NOT: linalg.generic
func.func @f32(%x: tensor<1x6x16xf32>, %w: tensor<3x16x8xf32>, %init: tensor<1x4x8xf32>) -> tensor<1x4x8xf32> {
  %y = linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
      ins(%x, %w : tensor<1x6x16xf32>, tensor<3x16x8xf32>) outs(%init : tensor<1x4x8xf32>) -> tensor<1x4x8xf32>
  return %y : tensor<1x4x8xf32>
}
