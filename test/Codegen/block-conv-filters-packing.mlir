// RUN: tconv-opt %s --tconv-block-conv-filters="target-cpu=haswell" --tconv-outline-weight-packing | FileCheck %s

// The blocks depend on the weights alone, so the weight packing stores them:
// @F_pack computes the blocked filter (16-channel blocks on AVX2), and
// @F_packed's loop reads each block from the packed argument, rearranging
// nothing per call.
// CHECK-LABEL: func.func @F_pack(
// CHECK: tensor.expand_shape {{.*}} : tensor<4x4x8x64xf32> into tensor<4x4x8x4x16xf32>
// CHECK: linalg.transpose {{.*}} permutation = [3, 0, 1, 2, 4]
// CHECK: return
// CHECK-LABEL: func.func @F_packed(
// CHECK-NOT: linalg.transpose
// CHECK: scf.for
// CHECK: linalg.conv_2d_nhwc_hwcf {{.*}} tensor<4x4x8x16xf32>) outs(%{{.*}} : tensor<1x8x16x16xf32>)
func.func @F(%x: tensor<1x11x19x8xf32>, %w: tensor<4x4x8x64xf32> {tconv.pack, bufferization.writable = false}, %o: tensor<1x8x16x64xf32>) -> tensor<1x8x16x64xf32> {
  %r = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %w : tensor<1x11x19x8xf32>, tensor<4x4x8x64xf32>) outs(%o : tensor<1x8x16x64xf32>) -> tensor<1x8x16x64xf32>
  return %r : tensor<1x8x16x64xf32>
}
