// A grouped channels_last layer with unequal strides, paddings and
// dilations and an output_padding, no bias, compiled by tconv-aot and
// checked by the C driver's scatter reference (weight (Cout, kh, kw, Cin/G)).
// OH = (4-1)*2 - 1 - 0 + 1*(3-1) + 1 + 1 = 9
// OW = (5-1)*1 - 0 - 1 + 2*(2-1) + 0 + 1 = 6

// RUN: tconv-aot %s -o %t.o --header=%t.h
// RUN: %cc -std=c99 -Wall -Wextra -Werror -pedantic -O1 -include %t.h \
// RUN:   -DFUNC=grouped -DN=2 -DCIN=6 -DCOUT=4 -DG=2 -DH=4 -DW=5 -DKH=3 \
// RUN:   -DKW=2 -DSH=2 -DSW=1 -DPBH=1 -DPBW=0 -DPEH=0 -DPEW=1 -DOPH=1 \
// RUN:   -DOPW=0 -DDH=1 -DDW=2 -DCHANNELS_LAST=1 \
// RUN:   %S/Inputs/driver.c %t.o -lm -o %t.exe
// RUN: %run %t.exe | FileCheck %s
// CHECK: batch 2: output 2x9x6x4, max rel error {{.*}} PASS

func.func @grouped(%x: tensor<2x4x5x6xf32>, %w: tensor<4x3x2x3xf32>)
    -> tensor<2x9x6x4xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 1>,
         padding = array<i64: 1, 0, 0, 1>, output_padding = array<i64: 1, 0>,
         dilations = array<i64: 1, 2>, groups = 2 : i64,
         layout = #tconv.layout<channels_last>}
       : (tensor<2x4x5x6xf32>, tensor<4x3x2x3xf32>) -> tensor<2x9x6x4xf32>
  return %y : tensor<2x9x6x4xf32>
}
