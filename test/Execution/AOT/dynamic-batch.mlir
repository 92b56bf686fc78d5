// A layer with a dynamic batch: the C function takes the batch as its
// leading int64_t. One driver run calls it with batches 3, 1 and 4.
// OH = OW = (5-1)*2 - 1 - 0 + 1*(3-1) + 1 + 1 = 11 (paddings 1/0 and 0/1)

// RUN: tconv-aot %s -o %t.o --header=%t.h
// RUN: FileCheck %s --check-prefix=HEADER < %t.h
// HEADER: void dyn_batch(int64_t input_dim0, const float *input, const float *weight, const float *bias, float *output);
// RUN: %cc -std=c99 -Wall -Wextra -Werror -pedantic -O1 -include %t.h \
// RUN:   -DFUNC=dyn_batch -DBATCHES=3,1,4 -DCIN=3 -DCOUT=4 -DH=5 -DW=5 \
// RUN:   -DKH=3 -DKW=3 -DSH=2 -DSW=2 -DPBH=1 -DPBW=0 -DPEH=0 -DPEW=1 \
// RUN:   -DOPH=1 -DOPW=1 -DHAS_BIAS=1 \
// RUN:   %S/Inputs/driver.c %t.o -lm -o %t.exe
// RUN: %run %t.exe | FileCheck %s
// CHECK: batch 3: output 3x4x11x11, max rel error {{.*}} PASS
// CHECK: batch 1: output 1x4x11x11, max rel error {{.*}} PASS
// CHECK: batch 4: output 4x4x11x11, max rel error {{.*}} PASS

func.func @dyn_batch(%x: tensor<?x3x5x5xf32>, %w: tensor<3x4x3x3xf32>,
                     %b: tensor<4xf32>) -> tensor<?x4x11x11xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>,
         padding = array<i64: 1, 0, 0, 1>, output_padding = array<i64: 1, 1>}
       : (tensor<?x3x5x5xf32>, tensor<3x4x3x3xf32>, tensor<4xf32>)
      -> tensor<?x4x11x11xf32>
  return %y : tensor<?x4x11x11xf32>
}
