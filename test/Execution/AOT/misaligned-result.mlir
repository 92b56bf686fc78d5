// A channels-first result of 2 MB, 8 L2s of Haswell's: for Haswell its
// transpose back stores non-temporally (tconv-stream-stores), which x86
// can only do at aligned addresses, in a version of the loop that runs
// where the result buffer is 64-byte aligned. The caller's buffer here is
// 4 bytes past a malloc'd one, so the plain version must run (a
// non-temporal store there would fault) and the result be right, checked
// against the driver's scatter reference in double; and at malloc's own
// alignment, whichever version runs.

// REQUIRES: cc, host-avx2
// RUN: tconv-aot %s -o %t.o --header=%t.h --target-cpu=haswell
// RUN: tconv-aot %s -o - --emit=asm --target-cpu=haswell | FileCheck %s --check-prefix=ASM
// ASM: vmovntps %ymm
// RUN: %cc -std=c99 -O1 -include %t.h -DOUTPUT_OFFSET=1 \
// RUN:   -DFUNC=layer -DN=1 -DCIN=16 -DCOUT=32 -DH=64 -DW=64 -DKH=4 -DKW=4 \
// RUN:   -DSH=2 -DSW=2 -DPBH=1 -DPBW=1 -DPEH=1 -DPEW=1 -DHAS_BIAS=1 \
// RUN:   %S/Inputs/driver.c %t.o -lm -o %t.misaligned.exe
// RUN: %run %t.misaligned.exe | FileCheck %s
// RUN: %cc -std=c99 -O1 -include %t.h \
// RUN:   -DFUNC=layer -DN=1 -DCIN=16 -DCOUT=32 -DH=64 -DW=64 -DKH=4 -DKW=4 \
// RUN:   -DSH=2 -DSW=2 -DPBH=1 -DPBW=1 -DPEH=1 -DPEW=1 -DHAS_BIAS=1 \
// RUN:   %S/Inputs/driver.c %t.o -lm -o %t.exe
// RUN: %run %t.exe | FileCheck %s
// CHECK: batch 1: output 1x32x128x128, {{.*}} PASS

// I=64 k=4 s=2 p=1/1: (64-1)*2-1-1+(4-1)+1 = 128; 32 x 128 x 128 f32.
func.func @layer(%x: tensor<1x16x64x64xf32>, %w: tensor<16x32x4x4xf32>, %b: tensor<32xf32>) -> tensor<1x32x128x128xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>}
       : (tensor<1x16x64x64xf32>, tensor<16x32x4x4xf32>, tensor<32xf32>) -> tensor<1x32x128x128xf32>
  return %y : tensor<1x32x128x128xf32>
}
