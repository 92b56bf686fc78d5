// Kernels are reentrant: the static scratch buffer of a function
// (--tconv-group-static-allocations) is claimed by one call at a time and
// the others allocate their own. Four threads call the same kernel 200
// times each on their own data, each call checked against the driver's
// scatter reference in double. (With the flag ignored, so that every call
// uses the static buffer, this fails.)

// RUN: tconv-aot %s -o %t.o --header=%t.h
// RUN: %cc -std=c11 -O1 -include %t.h -DTHREADS=4 -DCALLS=200 \
// RUN:   -DFUNC=layer -DN=2 -DCIN=16 -DCOUT=32 -DH=8 -DW=8 -DKH=4 -DKW=4 \
// RUN:   -DSH=2 -DSW=2 -DPBH=1 -DPBW=1 -DPEH=1 -DPEW=1 -DHAS_BIAS=1 \
// RUN:   %S/Inputs/driver.c %t.o -lm -lpthread -o %t.exe
// RUN: %run %t.exe | FileCheck %s
// CHECK-COUNT-4: batch 2: output 2x32x16x16, max rel error {{.*}} PASS
// CHECK-NOT: FAIL

func.func @layer(%x: tensor<2x16x8x8xf32>, %w: tensor<16x32x4x4xf32>,
                 %b: tensor<32xf32>) -> tensor<2x32x16x16xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>,
         padding = array<i64: 1, 1, 1, 1>}
       : (tensor<2x16x8x8xf32>, tensor<16x32x4x4xf32>, tensor<32xf32>)
      -> tensor<2x32x16x16xf32>
  return %y : tensor<2x32x16x16xf32>
}
