// Several results through the C interface, one of them an argument returned
// as is: each is copied into its caller buffer and only the function's own
// allocations are freed (glibc's malloc aborts on a double or invalid
// free; MALLOC_PERTURB_ spoils freed memory).

// RUN: tconv-aot %s -o %t.o --header=%t.h
// RUN: %cc -std=c99 -Wall -Wextra -Werror -pedantic -O1 -include %t.h \
// RUN:   %S/Inputs/pair.c %t.o -lm -o %t.exe
// RUN: env MALLOC_PERTURB_=165 %run %t.exe | FileCheck %s
// CHECK-COUNT-3: max rel error {{.*}}, input result copied
// CHECK: PASS

func.func @pair(%x: tensor<1x2x3xf32>, %w1: tensor<2x2x2xf32>,
                %w2: tensor<2x3x2xf32>)
    -> (tensor<1x2x4xf32>, tensor<1x3x4xf32>, tensor<1x2x3xf32>) {
  %y1 = tconv.conv_transpose %x, %w1
        : (tensor<1x2x3xf32>, tensor<2x2x2xf32>) -> tensor<1x2x4xf32>
  %y2 = tconv.conv_transpose %x, %w2
        : (tensor<1x2x3xf32>, tensor<2x3x2xf32>) -> tensor<1x3x4xf32>
  return %y1, %y2, %x : tensor<1x2x4xf32>, tensor<1x3x4xf32>, tensor<1x2x3xf32>
}
