// A residual added to a transposed convolution's result is read by each
// phase's register tiles, every other pixel: the pipeline prefetches it a
// few tiles ahead (tconv-prefetch-epilogue-reads); prefetch-distance=0
// turns that off.
// RUN: tconv-opt %s --tconv-to-llvm="target-cpu=haswell" | FileCheck %s
// RUN: tconv-opt %s --tconv-to-llvm="target-cpu=haswell prefetch-distance=0" | FileCheck %s --check-prefix=OFF

// CHECK-LABEL: llvm.func @residual
// CHECK: "llvm.intr.prefetch"
// OFF-LABEL: llvm.func @residual
// OFF-NOT: "llvm.intr.prefetch"
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
func.func @residual(%x: tensor<1x32x32x16xf32>, %w: tensor<16x3x3x16xf32>, %b: tensor<16xf32>, %r: tensor<1x64x64x16xf32>) -> tensor<1x64x64x16xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>, output_padding = array<i64: 1, 1>, layout = #tconv.layout<channels_last>}
      : (tensor<1x32x32x16xf32>, tensor<16x3x3x16xf32>, tensor<16xf32>) -> tensor<1x64x64x16xf32>
  %e = tensor.empty() : tensor<1x64x64x16xf32>
  %z = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%y, %r : tensor<1x64x64x16xf32>, tensor<1x64x64x16xf32>) outs(%e : tensor<1x64x64x16xf32>) {
  ^bb0(%a: f32, %c: f32, %o: f32):
    %s = arith.addf %a, %c : f32
    linalg.yield %s : f32
  } -> tensor<1x64x64x16xf32>
  return %z : tensor<1x64x64x16xf32>
}
