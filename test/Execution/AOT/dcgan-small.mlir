// A DCGAN-like generator layer (kernel 4, stride 2, padding 1, bias; 2-D,
// channels_first) compiled ahead of time by tconv-aot, linked with a C
// driver and checked against the driver's own scatter reference in double.
// The driver force-includes the generated header, so it also checks that the
// header declares what the object defines.

// RUN: tconv-aot %s -o %t.o --header=%t.h
// RUN: %cc -std=c99 -Wall -Wextra -Werror -pedantic -O1 -include %t.h \
// RUN:   -DFUNC=layer -DN=2 -DCIN=8 -DCOUT=4 -DH=5 -DW=5 -DKH=4 -DKW=4 \
// RUN:   -DSH=2 -DSW=2 -DPBH=1 -DPBW=1 -DPEH=1 -DPEW=1 -DHAS_BIAS=1 \
// RUN:   %S/Inputs/driver.c %t.o -lm -o %t.exe
// RUN: %run %t.exe | FileCheck %s
// RUN: %host_cc -x c++ -Wall -Wextra -Werror -fsyntax-only %t.h
// With --pack-weights, the header's size macro is valid C and C++ as well.
// RUN: tconv-aot %s -o %t.packed.o --header=%t.packed.h --pack-weights
// RUN: %host_cc -x c -std=c99 -Wall -Wextra -Werror -pedantic -fsyntax-only %t.packed.h
// RUN: %host_cc -x c++ -Wall -Wextra -Werror -fsyntax-only %t.packed.h
// CHECK: batch 2: output 2x4x10x10, max rel error {{.*}} PASS

func.func @layer(%x: tensor<2x8x5x5xf32>, %w: tensor<8x4x4x4xf32>,
                 %b: tensor<4xf32>) -> tensor<2x4x10x10xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>,
         padding = array<i64: 1, 1, 1, 1>}
       : (tensor<2x8x5x5xf32>, tensor<8x4x4x4xf32>, tensor<4xf32>)
      -> tensor<2x4x10x10xf32>
  return %y : tensor<2x4x10x10xf32>
}
