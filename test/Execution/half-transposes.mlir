// Regression (random configuration 41 of seed 20261126): the f16/bf16
// transposes of channels-first ops stay in rows; 2-D register transposes of
// bf16 vectors crashed the X86 backend ("Do not know how to soft promote
// this operator's operand"). Checked against the reference.
// RUN: tconv-run %s --entry=bf16_3d --check --pipeline-options=algorithm=zero-insertion | FileCheck %s
// RUN: tconv-run %s --entry=f16_2d --check | FileCheck %s
// CHECK: check conv_transpose #0 {{.*}} PASS
func.func @bf16_3d(%x: tensor<2x9x1x5x5xbf16>, %w: tensor<9x3x4x3x5xbf16>, %b: tensor<9xbf16>) -> tensor<2x9x1x7x17xbf16> {
  %y = "tconv.conv_transpose"(%x, %w, %b) <{groups = 3 : i64, padding = array<i64: 5, 8, 7, 5, 8, 2>, output_padding = array<i64: 1, 0, 1>, dilations = array<i64: 3, 3, 2>, layout = #tconv.layout<channels_first>, strides = array<i64: 2, 4, 4>}>
       : (tensor<2x9x1x5x5xbf16>, tensor<9x3x4x3x5xbf16>, tensor<9xbf16>) -> tensor<2x9x1x7x17xbf16>
  return %y : tensor<2x9x1x7x17xbf16>
}
func.func @f16_2d(%x: tensor<1x32x16x16xf16>, %w: tensor<32x16x4x4xf16>, %b: tensor<16xf16>) -> tensor<1x16x32x32xf16> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>} : (tensor<1x32x16x16xf16>, tensor<32x16x4x4xf16>, tensor<16xf16>) -> tensor<1x16x32x32xf16>
  return %y : tensor<1x16x32x32xf16>
}
