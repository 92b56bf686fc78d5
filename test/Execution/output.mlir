// tconv-run --output: the first result is written as .npy (float32 for f32
// and bf16 results, float16 for f16). Inputs/npy_info.py parses the file by
// hand (numpy is not needed): magic, version, header alignment, descr,
// fortran_order, shape and data size.

// RUN: tconv-run %s --entry=out_f32 --output=%t.f32.npy
// RUN: %python %S/Inputs/npy_info.py %t.f32.npy | FileCheck %s --check-prefix=F32
// F32: magic=ok version=1.0 descr='<f4' fortran_order=False shape=(2, 6, 19) size=OK
// O = (10-1)*2-1-1+2+1 = 19
func.func @out_f32(%x: tensor<2x4x10xf32>, %w: tensor<4x6x3xf32>, %b: tensor<6xf32>) -> tensor<2x6x19xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2>, padding = array<i64: 1, 1>}
       : (tensor<2x4x10xf32>, tensor<4x6x3xf32>, tensor<6xf32>) -> tensor<2x6x19xf32>
  return %y : tensor<2x6x19xf32>
}

// RUN: tconv-run %s --entry=out_f16_cl --check --output=%t.f16.npy | FileCheck %s --check-prefix=F16_EXEC
// F16_EXEC: check conv_transpose #0 {{.*}} PASS
// RUN: %python %S/Inputs/npy_info.py %t.f16.npy | FileCheck %s --check-prefix=F16
// F16: magic=ok version=1.0 descr='<f2' fortran_order=False shape=(1, 9, 11, 4) size=OK
// H: (4-1)*2-0-0+2+1+0 = 9; W: (5-1)*2-1-0+2+1+1 = 11
func.func @out_f16_cl(%x: tensor<1x4x5x6xf16>, %w: tensor<4x3x3x3xf16>) -> tensor<1x9x11x4xf16> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 2>, padding = array<i64: 0, 1, 0, 0>,
                                    output_padding = array<i64: 0, 1>, groups = 2 : i64,
                                    layout = #tconv.layout<channels_last>}
       : (tensor<1x4x5x6xf16>, tensor<4x3x3x3xf16>) -> tensor<1x9x11x4xf16>
  return %y : tensor<1x9x11x4xf16>
}

// RUN: tconv-run %s --entry=out_bf16_3d --output=%t.bf16.npy
// RUN: %python %S/Inputs/npy_info.py %t.bf16.npy | FileCheck %s --check-prefix=BF16
// BF16: magic=ok version=1.0 descr='<f4' fortran_order=False shape=(1, 3, 4, 6, 5) size=OK
//   D: I=2 k=2 s=2:         (2-1)*2-0-0+1+0+1 = 4
//   H: I=3 k=3 s=2 p=1/0:   (3-1)*2-1-0+2+0+1 = 6
//   W: I=4 k=2 s=1:         (4-1)*1-0-0+1+0+1 = 5
func.func @out_bf16_3d(%x: tensor<1x2x2x3x4xbf16>, %w: tensor<2x3x2x3x2xbf16>, %b: tensor<3xbf16>) -> tensor<1x3x4x6x5xbf16> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2, 1>, padding = array<i64: 0, 1, 0, 0, 0, 0>}
       : (tensor<1x2x2x3x4xbf16>, tensor<2x3x2x3x2xbf16>, tensor<3xbf16>) -> tensor<1x3x4x6x5xbf16>
  return %y : tensor<1x3x4x6x5xbf16>
}

// Known values, independent of the reference implementation: all-ones input
// (Cin = 2), weight and bias; I = 3, k = 3, s = 2, p = 1/0, op = 1:
// O = (3-1)*2-1-0+2+1+1 = 7. The full (uncropped) output position of tap kk
// of input i is 2*i+kk, hit counts over 0..6: 1 1 2 1 2 1 1; dropping 1 at
// the begin and adding 1 row of output padding (no stamp reaches it) gives
// counts 1 2 1 2 1 1 0, so out = 2*count + 1 = 3 5 3 5 3 3 1.
// RUN: %python %S/Inputs/write_npy.py %t.ones.x.npy=1x2x3:ones %t.ones.w.npy=2x1x3:ones %t.ones.b.npy=1:ones
// RUN: tconv-run %s --entry=out_known --inputs=%t.ones.x.npy,%t.ones.w.npy,%t.ones.b.npy --check --output=%t.known.npy | FileCheck %s --check-prefix=KNOWN_EXEC
// KNOWN_EXEC: check conv_transpose #0 {{.*}} PASS
// RUN: %python %S/Inputs/npy_info.py %t.known.npy --values | FileCheck %s --check-prefix=KNOWN
// KNOWN: descr='<f4' fortran_order=False shape=(1, 1, 7) size=OK
// KNOWN-NEXT: values: 3 5 3 5 3 3 1{{$}}
func.func @out_known(%x: tensor<1x2x3xf32>, %w: tensor<2x1x3xf32>, %b: tensor<1xf32>) -> tensor<1x1x7xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2>, padding = array<i64: 1, 0>,
                                        output_padding = array<i64: 1>}
       : (tensor<1x2x3xf32>, tensor<2x1x3xf32>, tensor<1xf32>) -> tensor<1x1x7xf32>
  return %y : tensor<1x1x7xf32>
}

// Known values with channels_last, groups and an iota weight: N = 1, I = 2,
// Cin = 2, G = 2, Cout = 2 (Cout/G = 1), k = 2, s = 3, input all ones, no bias.
// Weight (Cout, k, Cin/G) = iota: channel 0 taps (0, 1), channel 1 taps (2, 3).
// O = (2-1)*3+1+1 = 5; the stamps at 0..1 and 3..4 do not overlap and
// position 2 is not reached: out[o][c] = 0 1 | 2 3 | 0 0 | 0 1 | 2 3 per (o, c).
// RUN: %python %S/Inputs/write_npy.py %t.cl.x.npy=1x2x2:ones %t.cl.w.npy=2x2x1:iota
// RUN: tconv-run %s --entry=out_known_cl --inputs=%t.cl.x.npy,%t.cl.w.npy --output=%t.known_cl.npy
// RUN: %python %S/Inputs/npy_info.py %t.known_cl.npy --values | FileCheck %s --check-prefix=KNOWN_CL
// KNOWN_CL: shape=(1, 5, 2) size=OK
// KNOWN_CL-NEXT: values: 0 2 1 3 0 0 0 2 1 3{{$}}
func.func @out_known_cl(%x: tensor<1x2x2xf32>, %w: tensor<2x2x1xf32>) -> tensor<1x5x2xf32> {
  %y = "tconv.conv_transpose"(%x, %w) <{strides = array<i64: 3>, groups = 2 : i64,
                                        layout = #tconv.layout<channels_last>}>
       : (tensor<1x2x2xf32>, tensor<2x2x1xf32>) -> tensor<1x5x2xf32>
  return %y : tensor<1x5x2xf32>
}
