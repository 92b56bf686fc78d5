// RUN: tconv-opt %s --tconv-tile-and-vectorize | FileCheck %s
// RUN: tconv-opt %s --tconv-to-llvm="algorithm=zero-insertion" | FileCheck %s --check-prefix=LLVM

// An op with an empty batch has nothing to tile: it stays as it is. Found by
// tconv-fuzz: the output width 9 (not a multiple of the register tile 8)
// made the pass split the convolution, and upstream's splitOp crashed
// (SEGV) on the empty iteration space.

// CHECK-LABEL: func.func @empty_batch
// CHECK-NOT: scf.for
// CHECK-NOT: vector.
// CHECK: linalg.conv_1d_nwc_wcf
// CHECK-SAME: -> tensor<0x9x2xf32>
// LLVM-LABEL: llvm.func @empty_batch
func.func @empty_batch(%x: tensor<0x11x3xf32>, %w: tensor<3x3x2xf32>, %init: tensor<0x9x2xf32>) -> tensor<0x9x2xf32> {
  %y = linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>} ins(%x, %w : tensor<0x11x3xf32>, tensor<3x3x2xf32>) outs(%init : tensor<0x9x2xf32>) -> tensor<0x9x2xf32>
  return %y : tensor<0x9x2xf32>
}

// The op as the fuzzer found it: zero insertion leaves the 9-wide
// convolution of an empty batch.
// LLVM-LABEL: llvm.func @zero_insertion_empty_batch
func.func @zero_insertion_empty_batch(%x: tensor<0x4x3xf32>, %w: tensor<2x3x3xf32>) -> tensor<0x9x2xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2>, layout = #tconv.layout<channels_last>} : (tensor<0x4x3xf32>, tensor<2x3x3xf32>) -> tensor<0x9x2xf32>
  return %y : tensor<0x9x2xf32>
}
