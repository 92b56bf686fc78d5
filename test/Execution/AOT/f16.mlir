// An f16 layer through the C interface: buffers hold IEEE binary16 bits as
// uint16_t; the driver converts and checks with the f16 tolerance 1e-3 (see tconv-run --tolerance).

// RUN: tconv-aot %s -o %t.o --header=%t.h
// RUN: %cc -std=c99 -Wall -Wextra -Werror -pedantic -O1 -include %t.h \
// RUN:   -DFUNC=layer_f16 -DN=1 -DCIN=4 -DCOUT=4 -DH=5 -DW=5 -DKH=4 -DKW=4 \
// RUN:   -DSH=2 -DSW=2 -DPBH=1 -DPBW=1 -DPEH=1 -DPEW=1 -DHAS_BIAS=1 -DF16 \
// RUN:   -DTOLERANCE=1e-3 %S/Inputs/driver.c %t.o -lm -o %t.exe
// RUN: %run %t.exe | FileCheck %s
// CHECK: batch 1: output 1x4x10x10, max rel error {{.*}} PASS

func.func @layer_f16(%x: tensor<1x4x5x5xf16>, %w: tensor<4x4x4x4xf16>,
                     %b: tensor<4xf16>) -> tensor<1x4x10x10xf16> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>,
         padding = array<i64: 1, 1, 1, 1>}
       : (tensor<1x4x5x5xf16>, tensor<4x4x4x4xf16>, tensor<4xf16>)
      -> tensor<1x4x10x10xf16>
  return %y : tensor<1x4x10x10xf16>
}
