// Quantized layers through the C interface: i8/ui8 input (int8_t/uint8_t),
// i8 weight (int8_t), i32 bias and result (int32_t), with zero points. The
// driver checks every value bit-exactly against its own integer reference
// (the scatter definition in int64, wrapped to int32), on data over the full
// 8-bit ranges with extremes, and an output prefilled with a sentinel.
// Output sizes: O = (I - 1) * s - pb - pe + dil * (k - 1) + op + 1.

// RUN: tconv-aot %s -o %t.o --header=%t.h
// RUN: FileCheck %s --check-prefix=HEADER < %t.h
// HEADER: - T is float for f32 and uint16_t, the raw bits, for f16 (IEEE binary16)
// HEADER-NEXT: and bf16 (bfloat16); int8_t, uint8_t and int32_t for i8, ui8 and i32.
// HEADER: /* q_i8
// HEADER-NEXT: input:  2x9x7x5 i8; conv_transpose input (N, Cin, H, W), channels_first
// HEADER-NEXT: weight: 9x20x3x4 i8; conv_transpose weight (Cin, Cout/G, kh, kw), channels_first
// HEADER-NEXT: bias:   20 i32; conv_transpose bias (Cout)
// HEADER-NEXT: output: 2x20x13x9 i32; conv_transpose output (N, Cout, OH, OW), channels_first
// HEADER: void q_i8(const int8_t *input, const int8_t *weight, const int32_t *bias, int32_t *output);
// HEADER: /* q_u8_nhwc
// HEADER-NEXT: input:  2x5x6x6 ui8;
// HEADER-NEXT: weight: 10x3x2x3 i8;
// HEADER-NEXT: bias:   10 i32;
// HEADER-NEXT: output: 2x12x19x10 i32;
// HEADER: void q_u8_nhwc(const uint8_t *input, const int8_t *weight, const int32_t *bias, int32_t *output);
// HEADER: /* q_u8_dyn
// HEADER-NEXT: input:  ?x4x4x6 ui8 (dim 0 = input_dim0);
// HEADER-NEXT: weight: 4x3x3x3 i8;
// HEADER-NEXT: output: ?x3x8x8 i32 (dim 0 = input_dim0);
// HEADER: void q_u8_dyn(int64_t input_dim0, const uint8_t *input, const int8_t *weight, int32_t *output);

// (a) @q_i8: i8, channels_first, stride 2, padding, bias, zx = -128, zw = 127.
//   OH = (7-1)*2 - 1 - 1 + 1*(3-1) + 0 + 1 = 13
//   OW = (5-1)*2 - 2 - 1 + 1*(4-1) + 0 + 1 = 9
// RUN: %cc -std=c99 -Wall -Wextra -Werror -pedantic -O1 -include %t.h \
// RUN:   -DFUNC=q_i8 -DN=2 -DCIN=9 -DCOUT=20 -DH=7 -DW=5 -DKH=3 -DKW=4 \
// RUN:   -DSH=2 -DSW=2 -DPBH=1 -DPBW=2 -DPEH=1 -DPEW=1 -DHAS_BIAS=1 \
// RUN:   -DZX=-128 -DZW=127 %S/Inputs/driver_int8.c %t.o -o %t.i8.exe
// RUN: %run %t.i8.exe | FileCheck %s --check-prefix=I8
// I8: batch 2: output 2x20x13x9, 0 of 4680 values differ (0 unwritten) PASS

func.func @q_i8(%x: tensor<2x9x7x5xi8>, %w: tensor<9x20x3x4xi8>,
                %b: tensor<20xi32>) -> tensor<2x20x13x9xi32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>,
         padding = array<i64: 1, 2, 1, 1>,
         input_zero_point = -128 : i32, weight_zero_point = 127 : i32}
       : (tensor<2x9x7x5xi8>, tensor<9x20x3x4xi8>, tensor<20xi32>)
      -> tensor<2x20x13x9xi32>
  return %y : tensor<2x20x13x9xi32>
}

// (b) @q_u8_nhwc: ui8, channels_last, groups 2, dilation 2, output_padding,
// asymmetric padding, bias, zx = 255, zw = -128 (weight (Cout, kh, kw, Cin/G)).
//   OH = (5-1)*2 - 2 - 0 + 2*(3-1) + 1 + 1 = 12
//   OW = (6-1)*3 - 0 - 1 + 2*(2-1) + 2 + 1 = 19
// RUN: %cc -std=c99 -Wall -Wextra -Werror -pedantic -O1 -include %t.h \
// RUN:   -DFUNC=q_u8_nhwc -DN=2 -DCIN=6 -DCOUT=10 -DG=2 -DH=5 -DW=6 -DKH=3 \
// RUN:   -DKW=2 -DSH=2 -DSW=3 -DPBH=2 -DPBW=0 -DPEH=0 -DPEW=1 -DOPH=1 \
// RUN:   -DOPW=2 -DDH=2 -DDW=2 -DCHANNELS_LAST=1 -DHAS_BIAS=1 \
// RUN:   -DUNSIGNED_INPUT=1 -DZX=255 -DZW=-128 \
// RUN:   %S/Inputs/driver_int8.c %t.o -o %t.u8-nhwc.exe
// RUN: %run %t.u8-nhwc.exe | FileCheck %s --check-prefix=U8-NHWC
// U8-NHWC: batch 2: output 2x12x19x10, 0 of 4560 values differ (0 unwritten) PASS

func.func @q_u8_nhwc(%x: tensor<2x5x6x6xui8>, %w: tensor<10x3x2x3xi8>,
                     %b: tensor<10xi32>) -> tensor<2x12x19x10xi32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 3>,
         dilations = array<i64: 2, 2>, padding = array<i64: 2, 0, 0, 1>,
         output_padding = array<i64: 1, 2>, groups = 2 : i64,
         layout = #tconv.layout<channels_last>,
         input_zero_point = 255 : i32, weight_zero_point = -128 : i32}
       : (tensor<2x5x6x6xui8>, tensor<10x3x2x3xi8>, tensor<10xi32>)
      -> tensor<2x12x19x10xi32>
  return %y : tensor<2x12x19x10xi32>
}

// (c) @q_u8_dyn: a dynamic batch (the leading int64_t), ui8, zx = 128,
// zw = 0, no bias; one driver run calls it with batches 3, 1 and 2.
//   OH = (4-1)*2 - 1 - 1 + 1*(3-1) + 1 + 1 = 8
//   OW = (6-1)*1 - 0 - 0 + 1*(3-1) + 0 + 1 = 8
// RUN: %cc -std=c99 -Wall -Wextra -Werror -pedantic -O1 -include %t.h \
// RUN:   -DFUNC=q_u8_dyn -DBATCHES=3,1,2 -DCIN=4 -DCOUT=3 -DH=4 -DW=6 \
// RUN:   -DKH=3 -DKW=3 -DSH=2 -DSW=1 -DPBH=1 -DPBW=0 -DPEH=1 -DPEW=0 \
// RUN:   -DOPH=1 -DUNSIGNED_INPUT=1 -DZX=128 -DZW=0 \
// RUN:   %S/Inputs/driver_int8.c %t.o -o %t.u8-dyn.exe
// RUN: %run %t.u8-dyn.exe | FileCheck %s --check-prefix=U8-DYN
// U8-DYN: batch 3: output 3x3x8x8, 0 of 576 values differ (0 unwritten) PASS
// U8-DYN: batch 1: output 1x3x8x8, 0 of 192 values differ (0 unwritten) PASS
// U8-DYN: batch 2: output 2x3x8x8, 0 of 384 values differ (0 unwritten) PASS

func.func @q_u8_dyn(%x: tensor<?x4x4x6xui8>, %w: tensor<4x3x3x3xi8>)
    -> tensor<?x3x8x8xi32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 1>,
         padding = array<i64: 1, 0, 1, 0>, output_padding = array<i64: 1, 0>,
         input_zero_point = 128 : i32, weight_zero_point = 0 : i32}
       : (tensor<?x4x4x6xui8>, tensor<4x3x3x3xi8>) -> tensor<?x3x8x8xi32>
  return %y : tensor<?x3x8x8xi32>
}

// (d) (a) compiled for haswell, the AVX2 tier (as random-configs.test, on
// any x86-64 host with AVX2); not in the cross suite, whose objects are
// for its own triple.
// RUN: %if !cross-target %{ tconv-aot %s --target-cpu=haswell \
// RUN:   -o %t.haswell.o --header=%t.haswell.h %}
// RUN: %if !cross-target %{ %cc -std=c99 -Wall -Wextra -Werror -pedantic \
// RUN:   -O1 -include %t.haswell.h -DFUNC=q_i8 -DN=2 -DCIN=9 -DCOUT=20 -DH=7 \
// RUN:   -DW=5 -DKH=3 -DKW=4 -DSH=2 -DSW=2 -DPBH=1 -DPBW=2 -DPEH=1 -DPEW=1 \
// RUN:   -DHAS_BIAS=1 -DZX=-128 -DZW=127 %S/Inputs/driver_int8.c \
// RUN:   %t.haswell.o -o %t.i8-haswell.exe %}
// RUN: %if !cross-target %{ %run %t.i8-haswell.exe | FileCheck %s \
// RUN:   --check-prefix=I8 %}

// (e) @q_dot: i8, channels-last, eight input channels and 16 output
// channels, so its register tiles run on the target's dot products: on the
// host (VPDPBUSD or VPMADDWD), and in the cross suite compiled for
// Neoverse N1, whose SDOT qemu runs. Then (d)'s haswell object's VPMADDWD.
//   OH = (5-1)*2 - 1 - 1 + (3-1) + 1 + 1 = 10
//   OW = (6-1)*2 - 1 - 1 + (3-1) + 1 + 1 = 12
// RUN: %cc -std=c99 -Wall -Wextra -Werror -pedantic -O1 -include %t.h \
// RUN:   -DFUNC=q_dot -DN=2 -DCIN=8 -DCOUT=16 -DH=5 -DW=6 -DKH=3 -DKW=3 \
// RUN:   -DSH=2 -DSW=2 -DPBH=1 -DPBW=1 -DPEH=1 -DPEW=1 -DOPH=1 -DOPW=1 \
// RUN:   -DCHANNELS_LAST=1 -DHAS_BIAS=1 -DZX=-3 -DZW=5 \
// RUN:   %S/Inputs/driver_int8.c %t.o -o %t.dot.exe
// RUN: %run %t.dot.exe | FileCheck %s --check-prefix=DOT
// RUN: %if cross-target %{ tconv-aot %s --target-cpu=neoverse-n1 \
// RUN:   -o %t.n1.o --header=%t.n1.h %}
// RUN: %if cross-target %{ llvm-objdump -d %t.n1.o | FileCheck %s \
// RUN:   --check-prefix=SDOT %}
// RUN: %if cross-target %{ %cc -std=c99 -Wall -Wextra -Werror -pedantic \
// RUN:   -O1 -include %t.n1.h -DFUNC=q_dot -DN=2 -DCIN=8 -DCOUT=16 -DH=5 \
// RUN:   -DW=6 -DKH=3 -DKW=3 -DSH=2 -DSW=2 -DPBH=1 -DPBW=1 -DPEH=1 -DPEW=1 \
// RUN:   -DOPH=1 -DOPW=1 -DCHANNELS_LAST=1 -DHAS_BIAS=1 -DZX=-3 -DZW=5 \
// RUN:   %S/Inputs/driver_int8.c %t.n1.o -o %t.dot-n1.exe %}
// RUN: %if cross-target %{ %run %t.dot-n1.exe | FileCheck %s \
// RUN:   --check-prefix=DOT %}
// RUN: %if !cross-target %{ %cc -std=c99 -Wall -Wextra -Werror -pedantic \
// RUN:   -O1 -include %t.haswell.h -DFUNC=q_dot -DN=2 -DCIN=8 -DCOUT=16 \
// RUN:   -DH=5 -DW=6 -DKH=3 -DKW=3 -DSH=2 -DSW=2 -DPBH=1 -DPBW=1 -DPEH=1 \
// RUN:   -DPEW=1 -DOPH=1 -DOPW=1 -DCHANNELS_LAST=1 -DHAS_BIAS=1 -DZX=-3 \
// RUN:   -DZW=5 %S/Inputs/driver_int8.c %t.haswell.o -o %t.dot-haswell.exe %}
// RUN: %if !cross-target %{ %run %t.dot-haswell.exe | FileCheck %s \
// RUN:   --check-prefix=DOT %}
// DOT: batch 2: output 2x10x12x16, 0 of 3840 values differ (0 unwritten) PASS
// SDOT: sdot v{{[0-9]+}}.4s, v{{[0-9]+}}.16b, v{{[0-9]+}}.16b

func.func @q_dot(%x: tensor<2x5x6x8xi8>, %w: tensor<16x3x3x8xi8>,
                 %b: tensor<16xi32>) -> tensor<2x10x12x16xi32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>,
         padding = array<i64: 1, 1, 1, 1>, output_padding = array<i64: 1, 1>,
         layout = #tconv.layout<channels_last>,
         input_zero_point = -3 : i32, weight_zero_point = 5 : i32}
       : (tensor<2x5x6x8xi8>, tensor<16x3x3x8xi8>, tensor<16xi32>)
       -> tensor<2x10x12x16xi32>
  return %y : tensor<2x10x12x16xi32>
}
