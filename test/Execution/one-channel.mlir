// One input or one output channel, checked against the reference: one
// output channel (FSRCNN's last layer, sub-pixel), dynamic dims, 3-D, and a
// one-pixel-high input with phases. The unit channel dim moves between the
// layouts by reshapes; on the last case (random configuration 405 of seed
// 18988404) LLVM 22's fold-memref-alias-ops folded the reshape into the
// vectorized input read and read across batch rows, which
// --tconv-fold-memref-alias-ops leaves out.

// RUN: tconv-run %s --entry=one_output_channel --check | FileCheck %s
// RUN: tconv-run %s --entry=one_output_channel --check --pipeline-options=algorithm=phase | FileCheck %s
// RUN: tconv-run %s --entry=one_input_channel_3d --check | FileCheck %s
// RUN: tconv-run %s --entry=one_pixel_high --check | FileCheck %s
// RUN: tconv-run %s --entry=one_pixel_high --check --pipeline-options=algorithm=phase | FileCheck %s
// RUN: %python %S/Inputs/write_npy.py --seed 3 %t.x.npy=2x1x5x4 %t.w.npy=1x3x3x3
// RUN: tconv-run %s --entry=dynamic_one_input_channel --inputs=%t.x.npy,%t.w.npy --check | FileCheck %s
// CHECK-NOT: FAIL
// CHECK: check conv_transpose #0 {{.*}} PASS

func.func @one_output_channel(%x: tensor<2x6x7x5xf32>, %w: tensor<6x1x9x9xf32>, %b: tensor<1xf32>) -> tensor<2x1x21x15xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 3, 3>, padding = array<i64: 4, 4, 4, 4>, output_padding = array<i64: 2, 2>}
       : (tensor<2x6x7x5xf32>, tensor<6x1x9x9xf32>, tensor<1xf32>) -> tensor<2x1x21x15xf32>
  return %y : tensor<2x1x21x15xf32>
}

func.func @one_input_channel_3d(%x: tensor<1x1x3x4x5xf32>, %w: tensor<1x2x2x3x2xf32>) -> tensor<1x2x6x11x10xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 3, 2>, padding = array<i64: 0, 1, 0, 0, 0, 0>}
       : (tensor<1x1x3x4x5xf32>, tensor<1x2x2x3x2xf32>) -> tensor<1x2x6x11x10xf32>
  return %y : tensor<1x2x6x11x10xf32>
}

func.func @dynamic_one_input_channel(%x: tensor<?x1x5x?xf32>, %w: tensor<1x3x3x3xf32>) -> tensor<?x3x11x?xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 2>}
       : (tensor<?x1x5x?xf32>, tensor<1x3x3x3xf32>) -> tensor<?x3x11x?xf32>
  return %y : tensor<?x3x11x?xf32>
}

func.func @one_pixel_high(%x: tensor<3x1x1x8xf32>, %w: tensor<1x1x1x2xf32>, %b: tensor<1xf32>) -> tensor<3x1x1x19xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 3>, padding = array<i64: 0, 2, 0, 2>, dilations = array<i64: 2, 1>}
       : (tensor<3x1x1x8xf32>, tensor<1x1x1x2xf32>, tensor<1xf32>) -> tensor<3x1x1x19xf32>
  return %y : tensor<3x1x1x19xf32>
}
