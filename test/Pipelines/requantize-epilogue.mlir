// Requantization is an elementwise epilogue like the others: a tosa.rescale
// of a quantized conv_transpose's i32 result (TOSA's i32 -> i8 step, here
// per channel with DOUBLE_ROUND and an output zero point) becomes, through
// upstream's tosa-to-linalg and tosa-to-arith, a linalg.generic that
// tconv-tile-and-vectorize computes on each register tile: the i32 tile
// stays in a tile-sized buffer, the 64-bit scaling runs on the accumulators
// and only i8 values reach the output. (test/Execution/Tosa/
// tosa-quantized-vs-upstream.mlir checks the numbers.)
// The input zero point's term (-zx * sum w per channel) joins the bias in
// the accumulators' start values, also computed per tile.
// The phase lowering computes it phase by phase (tconv-fuse-elementwise's
// distribute-over-phases): each phase's tiles are requantized and stored
// as i8 into their strided slice; no whole i32 result exists.
// RUN: tconv-opt %s --tconv-to-llvm="algorithm=zero-insertion target-cpu=haswell" --mlir-print-ir-after=tconv-tile-and-vectorize -o /dev/null 2>&1 | FileCheck %s
// RUN: tconv-opt %s --tconv-to-llvm="algorithm=phase target-cpu=haswell" --mlir-print-ir-after=tconv-tile-and-vectorize -o /dev/null 2>&1 | FileCheck %s --check-prefix=PHASE
// Each phase requantizes into its slice of the i8 result in place: no phase
// result is copied after bufferization (each was, when the phases' ops
// wrote slices of the empty result rather than of the phases before them).
// RUN: tconv-opt %s --tconv-to-llvm="algorithm=phase target-cpu=haswell" --mlir-print-ir-after=tconv-memref-copy-to-linalg -o /dev/null 2>&1 | FileCheck %s --check-prefix=INPLACE
// With --tconv-to-llvm's distribute-over-phases=0, the phases write a whole
// i32 result and the requantization reads it in a pass of its own.
// RUN: tconv-opt %s --tconv-to-llvm="algorithm=phase target-cpu=haswell distribute-over-phases=0" --mlir-print-ir-after=tconv-tile-and-vectorize -o /dev/null 2>&1 | FileCheck %s --check-prefix=WHOLE

// CHECK-LABEL: func.func @requantized
// CHECK-NOT: -> (tensor<1x14x14x16xi32>)
// CHECK: scf.for {{.*}} -> (tensor<1x14x{{[0-9]+}}x16xi8>)
// CHECK: vector.contract {{.*}} into vector<1x[[W:[0-9]+]]x16xi32>
// CHECK: arith.muli {{.*}} : vector<{{.*}}xi64>
// CHECK: arith.shrsi {{.*}} : vector<{{.*}}xi64>
// CHECK: vector.transfer_write {{.*}} : vector<1x1x[[W]]x16xi8>, tensor<1x1x[[W]]x16xi8>
// CHECK-NOT: -> (tensor<1x14x14x16xi32>)
// CHECK: return
func.func @requantized(%x: tensor<1x7x7x32xi8>, %w: tensor<16x2x2x32xi8>, %b: tensor<16xi32>) -> tensor<1x14x14x16xi8> {
  %acc = tconv.conv_transpose %x, %w, %b {layout = #tconv.layout<channels_last>, strides = array<i64: 2, 2>, input_zero_point = -5 : i32} : (tensor<1x7x7x32xi8>, tensor<16x2x2x32xi8>, tensor<16xi32>) -> tensor<1x14x14x16xi32>
  %m = "tosa.const"() <{values = dense<1518500250> : tensor<16xi32>}> : () -> tensor<16xi32>
  %s = "tosa.const"() <{values = dense<40> : tensor<16xi8>}> : () -> tensor<16xi8>
  %inzp = "tosa.const"() <{values = dense<0> : tensor<1xi32>}> : () -> tensor<1xi32>
  %outzp = "tosa.const"() <{values = dense<3> : tensor<1xi8>}> : () -> tensor<1xi8>
  %y = tosa.rescale %acc, %m, %s, %inzp, %outzp {scale32 = true, rounding_mode = DOUBLE_ROUND, per_channel = true, input_unsigned = false, output_unsigned = false} : (tensor<1x14x14x16xi32>, tensor<16xi32>, tensor<16xi8>, tensor<1xi32>, tensor<1xi8>) -> tensor<1x14x14x16xi8>
  return %y : tensor<1x14x14x16xi8>
}

// (Copies of the per-channel start values, 64 bytes, and of the padded
// input are no phase result's.)
// INPLACE-LABEL: func.func @requantized_phases
// INPLACE: memref.alloc() {{.*}} : memref<1x14x14x16xi8>
// INPLACE-NOT: linalg.copy {{.*}}x16xi8
// INPLACE: return
// WHOLE-LABEL: func.func @requantized_phases
// WHOLE: tensor.insert_slice {{.*}} [1, 2, 2, 1] : tensor<1x7x7x16xi32> into tensor<1x14x14x16xi32>
// WHOLE: scf.for {{.*}} -> (tensor<1x14x14x16xi8>)
// PHASE-LABEL: func.func @requantized_phases
// PHASE-NOT: tensor<1x14x14x16xi32>
// PHASE: vector.contract
// PHASE: arith.muli {{.*}} : vector<1x1x{{[0-9]+}}x16xi64>
// PHASE: vector.transfer_write {{.*}} : vector<1x1x{{[0-9]+}}x16xi8>, tensor<1x1x{{[0-9]+}}x16xi8>
// PHASE: tensor.insert_slice {{.*}} [1, 2, 2, 1] : tensor<1x7x7x16xi8> into tensor<1x14x14x16xi8>
// PHASE-NOT: tensor<1x14x14x16xi32>
// PHASE: return
func.func @requantized_phases(%x: tensor<1x7x7x32xi8>, %w: tensor<16x3x3x32xi8>, %b: tensor<16xi32>) -> tensor<1x14x14x16xi8> {
  %acc = tconv.conv_transpose %x, %w, %b {layout = #tconv.layout<channels_last>, strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>, output_padding = array<i64: 1, 1>, input_zero_point = -5 : i32} : (tensor<1x7x7x32xi8>, tensor<16x3x3x32xi8>, tensor<16xi32>) -> tensor<1x14x14x16xi32>
  %m = "tosa.const"() <{values = dense<1518500250> : tensor<16xi32>}> : () -> tensor<16xi32>
  %s = "tosa.const"() <{values = dense<40> : tensor<16xi8>}> : () -> tensor<16xi8>
  %inzp = "tosa.const"() <{values = dense<0> : tensor<1xi32>}> : () -> tensor<1xi32>
  %outzp = "tosa.const"() <{values = dense<3> : tensor<1xi8>}> : () -> tensor<1xi8>
  %y = tosa.rescale %acc, %m, %s, %inzp, %outzp {scale32 = true, rounding_mode = DOUBLE_ROUND, per_channel = true, input_unsigned = false, output_unsigned = false} : (tensor<1x14x14x16xi32>, tensor<16xi32>, tensor<16xi8>, tensor<1xi32>, tensor<1xi8>) -> tensor<1x14x14x16xi8>
  return %y : tensor<1x14x14x16xi8>
}
