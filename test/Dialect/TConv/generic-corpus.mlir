// RUN: tconv-opt %s --mlir-print-op-generic | FileCheck %s
// RUN: tconv-opt %s --verify-roundtrip

// A corpus of valid tconv.conv_transpose ops in the generic form, with
// varied parameters, layouts, element types and dynamic dims. The printed
// generic form lists the properties alphabetically and keeps exactly the
// attributes that were given (also explicit defaults). Each result size is
// O = (I - 1) * s - pb - pe + dil * (k - 1) + op + 1 (noted per case).

// c01_1d_plain: (5-1)*1-0-0+1*(3-1)+0+1=7
// CHECK-LABEL: sym_name = "c01_1d_plain"
// CHECK: "tconv.conv_transpose"(%{{.*}}, %{{.*}}, %{{.*}}) : (tensor<1x2x5xf32>, tensor<2x3x3xf32>, tensor<3xf32>) -> tensor<1x3x7xf32>
func.func @c01_1d_plain(%x: tensor<1x2x5xf32>, %w: tensor<2x3x3xf32>, %b: tensor<3xf32>) -> tensor<1x3x7xf32> {
  %y = "tconv.conv_transpose"(%x, %w, %b)
       : (tensor<1x2x5xf32>, tensor<2x3x3xf32>, tensor<3xf32>) -> tensor<1x3x7xf32>
  return %y : tensor<1x3x7xf32>
}

// c02_1d_stride: (16-1)*2-1-1+1*(4-1)+0+1=32
// CHECK-LABEL: sym_name = "c02_1d_stride"
// CHECK: "tconv.conv_transpose"(%{{.*}}, %{{.*}}, %{{.*}}) <{padding = array<i64: 1, 1>, strides = array<i64: 2>}> : (tensor<4x8x16xf32>, tensor<8x4x4xf32>, tensor<4xf32>) -> tensor<4x4x32xf32>
func.func @c02_1d_stride(%x: tensor<4x8x16xf32>, %w: tensor<8x4x4xf32>, %b: tensor<4xf32>) -> tensor<4x4x32xf32> {
  %y = "tconv.conv_transpose"(%x, %w, %b) <{strides = array<i64: 2>, padding = array<i64: 1, 1>}>
       : (tensor<4x8x16xf32>, tensor<8x4x4xf32>, tensor<4xf32>) -> tensor<4x4x32xf32>
  return %y : tensor<4x4x32xf32>
}

// c03_1d_dil_op: (7-1)*1-0-0+3*(3-1)+2+1=15
// CHECK-LABEL: sym_name = "c03_1d_dil_op"
// CHECK: "tconv.conv_transpose"(%{{.*}}, %{{.*}}) <{dilations = array<i64: 3>, output_padding = array<i64: 2>}> : (tensor<2x3x7xf16>, tensor<3x5x3xf16>) -> tensor<2x5x15xf16>
func.func @c03_1d_dil_op(%x: tensor<2x3x7xf16>, %w: tensor<3x5x3xf16>) -> tensor<2x5x15xf16> {
  %y = "tconv.conv_transpose"(%x, %w) <{dilations = array<i64: 3>, output_padding = array<i64: 2>}>
       : (tensor<2x3x7xf16>, tensor<3x5x3xf16>) -> tensor<2x5x15xf16>
  return %y : tensor<2x5x15xf16>
}

// c04_1d_cl: (8-1)*2-0-0+1*(3-1)+0+1=17
// CHECK-LABEL: sym_name = "c04_1d_cl"
// CHECK: "tconv.conv_transpose"(%{{.*}}, %{{.*}}) <{layout = #tconv.layout<channels_last>, strides = array<i64: 2>}> : (tensor<1x8x4xf16>, tensor<6x3x4xf16>) -> tensor<1x17x6xf16>
func.func @c04_1d_cl(%x: tensor<1x8x4xf16>, %w: tensor<6x3x4xf16>) -> tensor<1x17x6xf16> {
  %y = "tconv.conv_transpose"(%x, %w) <{strides = array<i64: 2>, layout = #tconv.layout<channels_last>}>
       : (tensor<1x8x4xf16>, tensor<6x3x4xf16>) -> tensor<1x17x6xf16>
  return %y : tensor<1x17x6xf16>
}

// c05_1d_groups: (9-1)*3-2-1+1*(5-1)+0+1=26
// CHECK-LABEL: sym_name = "c05_1d_groups"
// CHECK: "tconv.conv_transpose"(%{{.*}}, %{{.*}}, %{{.*}}) <{groups = 3 : i64, padding = array<i64: 2, 1>, strides = array<i64: 3>}> : (tensor<2x6x9xf32>, tensor<6x3x5xf32>, tensor<9xf32>) -> tensor<2x9x26xf32>
func.func @c05_1d_groups(%x: tensor<2x6x9xf32>, %w: tensor<6x3x5xf32>, %b: tensor<9xf32>) -> tensor<2x9x26xf32> {
  %y = "tconv.conv_transpose"(%x, %w, %b) <{groups = 3 : i64, strides = array<i64: 3>, padding = array<i64: 2, 1>}>
       : (tensor<2x6x9xf32>, tensor<6x3x5xf32>, tensor<9xf32>) -> tensor<2x9x26xf32>
  return %y : tensor<2x9x26xf32>
}

// c06_1d_vocoder: (100-1)*8-4-4+1*(16-1)+0+1=800
// CHECK-LABEL: sym_name = "c06_1d_vocoder"
// CHECK: "tconv.conv_transpose"(%{{.*}}, %{{.*}}, %{{.*}}) <{padding = array<i64: 4, 4>, strides = array<i64: 8>}> : (tensor<1x512x100xf32>, tensor<512x256x16xf32>, tensor<256xf32>) -> tensor<1x256x800xf32>
func.func @c06_1d_vocoder(%x: tensor<1x512x100xf32>, %w: tensor<512x256x16xf32>, %b: tensor<256xf32>) -> tensor<1x256x800xf32> {
  %y = "tconv.conv_transpose"(%x, %w, %b) <{strides = array<i64: 8>, padding = array<i64: 4, 4>}>
       : (tensor<1x512x100xf32>, tensor<512x256x16xf32>, tensor<256xf32>) -> tensor<1x256x800xf32>
  return %y : tensor<1x256x800xf32>
}

// c07_2d_plain: (4-1)*1-0-0+1*(3-1)+0+1=6; (4-1)*1-0-0+1*(3-1)+0+1=6
// CHECK-LABEL: sym_name = "c07_2d_plain"
// CHECK: "tconv.conv_transpose"(%{{.*}}, %{{.*}}) : (tensor<1x3x4x4xf32>, tensor<3x2x3x3xf32>) -> tensor<1x2x6x6xf32>
func.func @c07_2d_plain(%x: tensor<1x3x4x4xf32>, %w: tensor<3x2x3x3xf32>) -> tensor<1x2x6x6xf32> {
  %y = "tconv.conv_transpose"(%x, %w)
       : (tensor<1x3x4x4xf32>, tensor<3x2x3x3xf32>) -> tensor<1x2x6x6xf32>
  return %y : tensor<1x2x6x6xf32>
}

// c08_2d_unet: (32-1)*2-0-0+1*(2-1)+0+1=64; (32-1)*2-0-0+1*(2-1)+0+1=64
// CHECK-LABEL: sym_name = "c08_2d_unet"
// CHECK: "tconv.conv_transpose"(%{{.*}}, %{{.*}}, %{{.*}}) <{strides = array<i64: 2, 2>}> : (tensor<2x64x32x32xf32>, tensor<64x32x2x2xf32>, tensor<32xf32>) -> tensor<2x32x64x64xf32>
func.func @c08_2d_unet(%x: tensor<2x64x32x32xf32>, %w: tensor<64x32x2x2xf32>, %b: tensor<32xf32>) -> tensor<2x32x64x64xf32> {
  %y = "tconv.conv_transpose"(%x, %w, %b) <{strides = array<i64: 2, 2>}>
       : (tensor<2x64x32x32xf32>, tensor<64x32x2x2xf32>, tensor<32xf32>) -> tensor<2x32x64x64xf32>
  return %y : tensor<2x32x64x64xf32>
}

// c09_2d_all: (5-1)*2-1-2+1*(3-1)+1+1=9; (6-1)*3-0-1+2*(4-1)+2+1=23
// CHECK-LABEL: sym_name = "c09_2d_all"
// CHECK: "tconv.conv_transpose"(%{{.*}}, %{{.*}}, %{{.*}}) <{dilations = array<i64: 1, 2>, groups = 2 : i64, output_padding = array<i64: 1, 2>, padding = array<i64: 1, 0, 2, 1>, strides = array<i64: 2, 3>}> : (tensor<1x4x5x6xf32>, tensor<4x3x3x4xf32>, tensor<6xf32>) -> tensor<1x6x9x23xf32>
func.func @c09_2d_all(%x: tensor<1x4x5x6xf32>, %w: tensor<4x3x3x4xf32>, %b: tensor<6xf32>) -> tensor<1x6x9x23xf32> {
  %y = "tconv.conv_transpose"(%x, %w, %b) <{strides = array<i64: 2, 3>, padding = array<i64: 1, 0, 2, 1>, output_padding = array<i64: 1, 2>, dilations = array<i64: 1, 2>, groups = 2 : i64}>
       : (tensor<1x4x5x6xf32>, tensor<4x3x3x4xf32>, tensor<6xf32>) -> tensor<1x6x9x23xf32>
  return %y : tensor<1x6x9x23xf32>
}

// c10_2d_cl: (7-1)*2-1-1+1*(3-1)+0+1=13; (5-1)*1-1-1+1*(3-1)+0+1=5
// CHECK-LABEL: sym_name = "c10_2d_cl"
// CHECK: "tconv.conv_transpose"(%{{.*}}, %{{.*}}, %{{.*}}) <{groups = 2 : i64, layout = #tconv.layout<channels_last>, padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 1>}> : (tensor<3x7x5x6xbf16>, tensor<4x3x3x3xbf16>, tensor<4xbf16>) -> tensor<3x13x5x4xbf16>
func.func @c10_2d_cl(%x: tensor<3x7x5x6xbf16>, %w: tensor<4x3x3x3xbf16>, %b: tensor<4xbf16>) -> tensor<3x13x5x4xbf16> {
  %y = "tconv.conv_transpose"(%x, %w, %b) <{layout = #tconv.layout<channels_last>, groups = 2 : i64, strides = array<i64: 2, 1>, padding = array<i64: 1, 1, 1, 1>}>
       : (tensor<3x7x5x6xbf16>, tensor<4x3x3x3xbf16>, tensor<4xbf16>) -> tensor<3x13x5x4xbf16>
  return %y : tensor<3x13x5x4xbf16>
}

// c11_2d_depthwise: (8-1)*2-1-1+1*(3-1)+1+1=16; (8-1)*2-1-1+1*(3-1)+1+1=16
// CHECK-LABEL: sym_name = "c11_2d_depthwise"
// CHECK: "tconv.conv_transpose"(%{{.*}}, %{{.*}}, %{{.*}}) <{groups = 32 : i64, output_padding = array<i64: 1, 1>, padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}> : (tensor<1x32x8x8xf16>, tensor<32x1x3x3xf16>, tensor<32xf16>) -> tensor<1x32x16x16xf16>
func.func @c11_2d_depthwise(%x: tensor<1x32x8x8xf16>, %w: tensor<32x1x3x3xf16>, %b: tensor<32xf16>) -> tensor<1x32x16x16xf16> {
  %y = "tconv.conv_transpose"(%x, %w, %b) <{groups = 32 : i64, strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>, output_padding = array<i64: 1, 1>}>
       : (tensor<1x32x8x8xf16>, tensor<32x1x3x3xf16>, tensor<32xf16>) -> tensor<1x32x16x16xf16>
  return %y : tensor<1x32x16x16xf16>
}

// c12_2d_depthwise_cl: (6-1)*2-1-1+1*(4-1)+0+1=12; (6-1)*2-1-1+1*(4-1)+0+1=12
// CHECK-LABEL: sym_name = "c12_2d_depthwise_cl"
// CHECK: "tconv.conv_transpose"(%{{.*}}, %{{.*}}) <{groups = 16 : i64, layout = #tconv.layout<channels_last>, padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}> : (tensor<1x6x6x16xf32>, tensor<16x4x4x1xf32>) -> tensor<1x12x12x16xf32>
func.func @c12_2d_depthwise_cl(%x: tensor<1x6x6x16xf32>, %w: tensor<16x4x4x1xf32>) -> tensor<1x12x12x16xf32> {
  %y = "tconv.conv_transpose"(%x, %w) <{layout = #tconv.layout<channels_last>, groups = 16 : i64, strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>}>
       : (tensor<1x6x6x16xf32>, tensor<16x4x4x1xf32>) -> tensor<1x12x12x16xf32>
  return %y : tensor<1x12x12x16xf32>
}

// c13_2d_dyn_batch: (8-1)*2-1-1+1*(4-1)+0+1=16; (8-1)*2-1-1+1*(4-1)+0+1=16
// CHECK-LABEL: sym_name = "c13_2d_dyn_batch"
// CHECK: "tconv.conv_transpose"(%{{.*}}, %{{.*}}, %{{.*}}) <{padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}> : (tensor<?x8x8x8xf32>, tensor<8x4x4x4xf32>, tensor<4xf32>) -> tensor<?x4x16x16xf32>
func.func @c13_2d_dyn_batch(%x: tensor<?x8x8x8xf32>, %w: tensor<8x4x4x4xf32>, %b: tensor<4xf32>) -> tensor<?x4x16x16xf32> {
  %y = "tconv.conv_transpose"(%x, %w, %b) <{strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>}>
       : (tensor<?x8x8x8xf32>, tensor<8x4x4x4xf32>, tensor<4xf32>) -> tensor<?x4x16x16xf32>
  return %y : tensor<?x4x16x16xf32>
}

// c14_2d_dyn_spatial: ?; (8-1)*2-0-0+1*(3-1)+0+1=17
// CHECK-LABEL: sym_name = "c14_2d_dyn_spatial"
// CHECK: "tconv.conv_transpose"(%{{.*}}, %{{.*}}) <{strides = array<i64: 2, 2>}> : (tensor<1x8x?x8xf32>, tensor<8x4x3x3xf32>) -> tensor<1x4x?x17xf32>
func.func @c14_2d_dyn_spatial(%x: tensor<1x8x?x8xf32>, %w: tensor<8x4x3x3xf32>) -> tensor<1x4x?x17xf32> {
  %y = "tconv.conv_transpose"(%x, %w) <{strides = array<i64: 2, 2>}>
       : (tensor<1x8x?x8xf32>, tensor<8x4x3x3xf32>) -> tensor<1x4x?x17xf32>
  return %y : tensor<1x4x?x17xf32>
}

// c15_2d_dyn_kernel: ?; (6-1)*1-0-0+1*(3-1)+0+1=8
// CHECK-LABEL: sym_name = "c15_2d_dyn_kernel"
// CHECK: "tconv.conv_transpose"(%{{.*}}, %{{.*}}) <{layout = #tconv.layout<channels_last>}> : (tensor<2x6x6x4xf32>, tensor<2x?x3x4xf32>) -> tensor<2x?x8x2xf32>
func.func @c15_2d_dyn_kernel(%x: tensor<2x6x6x4xf32>, %w: tensor<2x?x3x4xf32>) -> tensor<2x?x8x2xf32> {
  %y = "tconv.conv_transpose"(%x, %w) <{layout = #tconv.layout<channels_last>}>
       : (tensor<2x6x6x4xf32>, tensor<2x?x3x4xf32>) -> tensor<2x?x8x2xf32>
  return %y : tensor<2x?x8x2xf32>
}

// c16_2d_asym_pad: (6-1)*1-0-4+1*(5-1)+0+1=6; (6-1)*1-4-0+1*(5-1)+0+1=6
// CHECK-LABEL: sym_name = "c16_2d_asym_pad"
// CHECK: "tconv.conv_transpose"(%{{.*}}, %{{.*}}) <{padding = array<i64: 0, 4, 4, 0>}> : (tensor<1x1x6x6xf32>, tensor<1x1x5x5xf32>) -> tensor<1x1x6x6xf32>
func.func @c16_2d_asym_pad(%x: tensor<1x1x6x6xf32>, %w: tensor<1x1x5x5xf32>) -> tensor<1x1x6x6xf32> {
  %y = "tconv.conv_transpose"(%x, %w) <{padding = array<i64: 0, 4, 4, 0>}>
       : (tensor<1x1x6x6xf32>, tensor<1x1x5x5xf32>) -> tensor<1x1x6x6xf32>
  return %y : tensor<1x1x6x6xf32>
}

// c17_2d_op_lt_dil: (3-1)*1-0-0+4*(2-1)+3+1=10; (3-1)*1-0-0+2*(2-1)+1+1=6
// CHECK-LABEL: sym_name = "c17_2d_op_lt_dil"
// CHECK: "tconv.conv_transpose"(%{{.*}}, %{{.*}}) <{dilations = array<i64: 4, 2>, output_padding = array<i64: 3, 1>}> : (tensor<1x2x3x3xbf16>, tensor<2x2x2x2xbf16>) -> tensor<1x2x10x6xbf16>
func.func @c17_2d_op_lt_dil(%x: tensor<1x2x3x3xbf16>, %w: tensor<2x2x2x2xbf16>) -> tensor<1x2x10x6xbf16> {
  %y = "tconv.conv_transpose"(%x, %w) <{dilations = array<i64: 4, 2>, output_padding = array<i64: 3, 1>}>
       : (tensor<1x2x3x3xbf16>, tensor<2x2x2x2xbf16>) -> tensor<1x2x10x6xbf16>
  return %y : tensor<1x2x10x6xbf16>
}

// c18_2d_k1_s4: (2-1)*4-0-0+1*(1-1)+3+1=8; (3-1)*4-0-0+1*(1-1)+0+1=9
// CHECK-LABEL: sym_name = "c18_2d_k1_s4"
// CHECK: "tconv.conv_transpose"(%{{.*}}, %{{.*}}, %{{.*}}) <{output_padding = array<i64: 3, 0>, strides = array<i64: 4, 4>}> : (tensor<1x3x2x3xf32>, tensor<3x3x1x1xf32>, tensor<3xf32>) -> tensor<1x3x8x9xf32>
func.func @c18_2d_k1_s4(%x: tensor<1x3x2x3xf32>, %w: tensor<3x3x1x1xf32>, %b: tensor<3xf32>) -> tensor<1x3x8x9xf32> {
  %y = "tconv.conv_transpose"(%x, %w, %b) <{strides = array<i64: 4, 4>, output_padding = array<i64: 3, 0>}>
       : (tensor<1x3x2x3xf32>, tensor<3x3x1x1xf32>, tensor<3xf32>) -> tensor<1x3x8x9xf32>
  return %y : tensor<1x3x8x9xf32>
}

// c19_2d_sr: (32-1)*3-4-4+1*(9-1)+2+1=96; (32-1)*3-4-4+1*(9-1)+2+1=96
// CHECK-LABEL: sym_name = "c19_2d_sr"
// CHECK: "tconv.conv_transpose"(%{{.*}}, %{{.*}}, %{{.*}}) <{layout = #tconv.layout<channels_last>, output_padding = array<i64: 2, 2>, padding = array<i64: 4, 4, 4, 4>, strides = array<i64: 3, 3>}> : (tensor<1x32x32x64xf32>, tensor<3x9x9x64xf32>, tensor<3xf32>) -> tensor<1x96x96x3xf32>
func.func @c19_2d_sr(%x: tensor<1x32x32x64xf32>, %w: tensor<3x9x9x64xf32>, %b: tensor<3xf32>) -> tensor<1x96x96x3xf32> {
  %y = "tconv.conv_transpose"(%x, %w, %b) <{layout = #tconv.layout<channels_last>, strides = array<i64: 3, 3>, padding = array<i64: 4, 4, 4, 4>, output_padding = array<i64: 2, 2>}>
       : (tensor<1x32x32x64xf32>, tensor<3x9x9x64xf32>, tensor<3xf32>) -> tensor<1x96x96x3xf32>
  return %y : tensor<1x96x96x3xf32>
}

// c20_3d_plain: (3-1)*1-0-0+1*(3-1)+0+1=5; (3-1)*1-0-0+1*(3-1)+0+1=5; (3-1)*1-0-0+1*(3-1)+0+1=5
// CHECK-LABEL: sym_name = "c20_3d_plain"
// CHECK: "tconv.conv_transpose"(%{{.*}}, %{{.*}}) : (tensor<1x2x3x3x3xf32>, tensor<2x2x3x3x3xf32>) -> tensor<1x2x5x5x5xf32>
func.func @c20_3d_plain(%x: tensor<1x2x3x3x3xf32>, %w: tensor<2x2x3x3x3xf32>) -> tensor<1x2x5x5x5xf32> {
  %y = "tconv.conv_transpose"(%x, %w)
       : (tensor<1x2x3x3x3xf32>, tensor<2x2x3x3x3xf32>) -> tensor<1x2x5x5x5xf32>
  return %y : tensor<1x2x5x5x5xf32>
}

// c21_3d_stride: (4-1)*2-1-1+1*(4-1)+0+1=8; (4-1)*2-1-1+1*(4-1)+0+1=8; (4-1)*2-1-1+1*(4-1)+0+1=8
// CHECK-LABEL: sym_name = "c21_3d_stride"
// CHECK: "tconv.conv_transpose"(%{{.*}}, %{{.*}}, %{{.*}}) <{padding = array<i64: 1, 1, 1, 1, 1, 1>, strides = array<i64: 2, 2, 2>}> : (tensor<2x8x4x4x4xf16>, tensor<8x4x4x4x4xf16>, tensor<4xf16>) -> tensor<2x4x8x8x8xf16>
func.func @c21_3d_stride(%x: tensor<2x8x4x4x4xf16>, %w: tensor<8x4x4x4x4xf16>, %b: tensor<4xf16>) -> tensor<2x4x8x8x8xf16> {
  %y = "tconv.conv_transpose"(%x, %w, %b) <{strides = array<i64: 2, 2, 2>, padding = array<i64: 1, 1, 1, 1, 1, 1>}>
       : (tensor<2x8x4x4x4xf16>, tensor<8x4x4x4x4xf16>, tensor<4xf16>) -> tensor<2x4x8x8x8xf16>
  return %y : tensor<2x4x8x8x8xf16>
}

// c22_3d_mixed: (2-1)*1-0-1+2*(2-1)+1+1=4; (3-1)*2-1-0+1*(3-1)+1+1=7; (4-1)*3-0-0+1*(1-1)+2+1=12
// CHECK-LABEL: sym_name = "c22_3d_mixed"
// CHECK: "tconv.conv_transpose"(%{{.*}}, %{{.*}}, %{{.*}}) <{dilations = array<i64: 2, 1, 1>, groups = 2 : i64, output_padding = array<i64: 1, 1, 2>, padding = array<i64: 0, 1, 0, 1, 0, 0>, strides = array<i64: 1, 2, 3>}> : (tensor<1x4x2x3x4xf32>, tensor<4x3x2x3x1xf32>, tensor<6xf32>) -> tensor<1x6x4x7x12xf32>
func.func @c22_3d_mixed(%x: tensor<1x4x2x3x4xf32>, %w: tensor<4x3x2x3x1xf32>, %b: tensor<6xf32>) -> tensor<1x6x4x7x12xf32> {
  %y = "tconv.conv_transpose"(%x, %w, %b) <{groups = 2 : i64, strides = array<i64: 1, 2, 3>, padding = array<i64: 0, 1, 0, 1, 0, 0>, dilations = array<i64: 2, 1, 1>, output_padding = array<i64: 1, 1, 2>}>
       : (tensor<1x4x2x3x4xf32>, tensor<4x3x2x3x1xf32>, tensor<6xf32>) -> tensor<1x6x4x7x12xf32>
  return %y : tensor<1x6x4x7x12xf32>
}

// c23_3d_cl: (4-1)*2-0-0+1*(2-1)+0+1=8; (4-1)*2-0-0+1*(2-1)+0+1=8; (4-1)*2-0-0+1*(2-1)+0+1=8
// CHECK-LABEL: sym_name = "c23_3d_cl"
// CHECK: "tconv.conv_transpose"(%{{.*}}, %{{.*}}, %{{.*}}) <{groups = 3 : i64, layout = #tconv.layout<channels_last>, strides = array<i64: 2, 2, 2>}> : (tensor<1x4x4x4x6xbf16>, tensor<9x2x2x2x2xbf16>, tensor<9xbf16>) -> tensor<1x8x8x8x9xbf16>
func.func @c23_3d_cl(%x: tensor<1x4x4x4x6xbf16>, %w: tensor<9x2x2x2x2xbf16>, %b: tensor<9xbf16>) -> tensor<1x8x8x8x9xbf16> {
  %y = "tconv.conv_transpose"(%x, %w, %b) <{layout = #tconv.layout<channels_last>, groups = 3 : i64, strides = array<i64: 2, 2, 2>}>
       : (tensor<1x4x4x4x6xbf16>, tensor<9x2x2x2x2xbf16>, tensor<9xbf16>) -> tensor<1x8x8x8x9xbf16>
  return %y : tensor<1x8x8x8x9xbf16>
}

// c24_3d_dyn: ?; (4-1)*2-1-1+1*(3-1)+1+1=8; ?
// CHECK-LABEL: sym_name = "c24_3d_dyn"
// CHECK: "tconv.conv_transpose"(%{{.*}}, %{{.*}}) <{layout = #tconv.layout<channels_last>, output_padding = array<i64: 1, 1, 1>, padding = array<i64: 1, 1, 1, 1, 1, 1>, strides = array<i64: 2, 2, 2>}> : (tensor<?x?x4x?x4xf32>, tensor<2x3x3x3x4xf32>) -> tensor<?x?x8x?x2xf32>
func.func @c24_3d_dyn(%x: tensor<?x?x4x?x4xf32>, %w: tensor<2x3x3x3x4xf32>) -> tensor<?x?x8x?x2xf32> {
  %y = "tconv.conv_transpose"(%x, %w) <{layout = #tconv.layout<channels_last>, strides = array<i64: 2, 2, 2>, padding = array<i64: 1, 1, 1, 1, 1, 1>, output_padding = array<i64: 1, 1, 1>}>
       : (tensor<?x?x4x?x4xf32>, tensor<2x3x3x3x4xf32>) -> tensor<?x?x8x?x2xf32>
  return %y : tensor<?x?x8x?x2xf32>
}

// c25_cf_explicit: (4-1)*1-0-0+1*(2-1)+0+1=5
// CHECK-LABEL: sym_name = "c25_cf_explicit"
// CHECK: "tconv.conv_transpose"(%{{.*}}, %{{.*}}, %{{.*}}) <{dilations = array<i64: 1>, groups = 1 : i64, layout = #tconv.layout<channels_first>, output_padding = array<i64: 0>, padding = array<i64: 0, 0>, strides = array<i64: 1>}> : (tensor<1x2x4xf32>, tensor<2x2x2xf32>, tensor<2xf32>) -> tensor<1x2x5xf32>
func.func @c25_cf_explicit(%x: tensor<1x2x4xf32>, %w: tensor<2x2x2xf32>, %b: tensor<2xf32>) -> tensor<1x2x5xf32> {
  %y = "tconv.conv_transpose"(%x, %w, %b) <{layout = #tconv.layout<channels_first>, groups = 1 : i64, strides = array<i64: 1>, dilations = array<i64: 1>, padding = array<i64: 0, 0>, output_padding = array<i64: 0>}>
       : (tensor<1x2x4xf32>, tensor<2x2x2xf32>, tensor<2xf32>) -> tensor<1x2x5xf32>
  return %y : tensor<1x2x5xf32>
}

// c26_dyn_cin: (5-1)*1-0-0+1*(3-1)+0+1=7
// CHECK-LABEL: sym_name = "c26_dyn_cin"
// CHECK: "tconv.conv_transpose"(%{{.*}}, %{{.*}}, %{{.*}}) <{groups = 2 : i64}> : (tensor<1x?x5xf32>, tensor<?x2x3xf32>, tensor<4xf32>) -> tensor<1x4x7xf32>
func.func @c26_dyn_cin(%x: tensor<1x?x5xf32>, %w: tensor<?x2x3xf32>, %b: tensor<4xf32>) -> tensor<1x4x7xf32> {
  %y = "tconv.conv_transpose"(%x, %w, %b) <{groups = 2 : i64}>
       : (tensor<1x?x5xf32>, tensor<?x2x3xf32>, tensor<4xf32>) -> tensor<1x4x7xf32>
  return %y : tensor<1x4x7xf32>
}

// c27_crop_to_one: (2-1)*1-2-1+1*(3-1)+0+1=1
// CHECK-LABEL: sym_name = "c27_crop_to_one"
// CHECK: "tconv.conv_transpose"(%{{.*}}, %{{.*}}) <{padding = array<i64: 2, 1>}> : (tensor<1x1x2xf32>, tensor<1x1x3xf32>) -> tensor<1x1x1xf32>
func.func @c27_crop_to_one(%x: tensor<1x1x2xf32>, %w: tensor<1x1x3xf32>) -> tensor<1x1x1xf32> {
  %y = "tconv.conv_transpose"(%x, %w) <{padding = array<i64: 2, 1>}>
       : (tensor<1x1x2xf32>, tensor<1x1x3xf32>) -> tensor<1x1x1xf32>
  return %y : tensor<1x1x1xf32>
}
