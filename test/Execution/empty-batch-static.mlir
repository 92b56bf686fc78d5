// A static batch of 0 lowers (the zero insertion is skipped: there is
// nothing to insert) and gives an empty (0, 2, 9) result.

// RUN: tconv-run %s --entry=static_batch0 --output=%t.y.npy
// RUN: %python %S/Inputs/npy_info.py %t.y.npy | FileCheck %s
// CHECK: descr='<f4' fortran_order=False shape=(0, 2, 9) size=OK

// O = (4-1)*2+2+1 = 9
func.func @static_batch0(%x: tensor<0x3x4xf32>, %w: tensor<3x2x3xf32>) -> tensor<0x2x9xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2>}
       : (tensor<0x3x4xf32>, tensor<3x2x3xf32>) -> tensor<0x2x9xf32>
  return %y : tensor<0x2x9xf32>
}
