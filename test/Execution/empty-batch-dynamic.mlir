// A dynamic batch of 0 runs and gives an empty (0, 2, 9) result, with and
// without --check (the reference accepts an empty batch, as PyTorch does).

// RUN: %python %S/Inputs/write_npy.py %t.x.npy=0x3x4 %t.w.npy=3x2x3
// Works without --check:
// RUN: tconv-run %s --entry=dyn_batch0 --inputs=%t.x.npy,%t.w.npy --output=%t.y.npy
// RUN: %python %S/Inputs/npy_info.py %t.y.npy | FileCheck %s
// Aborts with --check:
// RUN: tconv-run %s --entry=dyn_batch0 --inputs=%t.x.npy,%t.w.npy --check --output=%t.y2.npy
// RUN: %python %S/Inputs/npy_info.py %t.y2.npy | FileCheck %s
// CHECK: descr='<f4' fortran_order=False shape=(0, 2, 9) size=OK

// O = (4-1)*2+2+1 = 9
func.func @dyn_batch0(%x: tensor<?x3x4xf32>, %w: tensor<3x2x3xf32>) -> tensor<?x2x9xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2>}
       : (tensor<?x3x4xf32>, tensor<3x2x3xf32>) -> tensor<?x2x9xf32>
  return %y : tensor<?x2x9xf32>
}
