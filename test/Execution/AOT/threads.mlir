// dcgan-small.mlir's layer with threads=2: the object calls the OpenMP
// runtime (LLVM's libomp), linked into the driver; checked against the
// driver's scatter reference in double. Host only: there is no libomp for
// the cross targets.

// UNSUPPORTED: cross-target
// RUN: tconv-aot %s -o %t.threads.o --header=%t.h --pipeline-options="threads=2"
// RUN: llvm-nm --undefined-only %t.threads.o | FileCheck %s --check-prefix=OMP
// RUN: %cc -std=c99 -O1 -include %t.h \
// RUN:   -DFUNC=layer -DN=2 -DCIN=8 -DCOUT=4 -DH=5 -DW=5 -DKH=4 -DKW=4 \
// RUN:   -DSH=2 -DSW=2 -DPBH=1 -DPBW=1 -DPEH=1 -DPEW=1 -DHAS_BIAS=1 \
// RUN:   %S/Inputs/driver.c %t.threads.o -lm %libomp -o %t.threads.exe
// RUN: %run %t.threads.exe | FileCheck %s
// OMP: __kmpc_fork_call
// CHECK: batch 2: output 2x4x10x10, max rel error {{.*}} PASS

func.func @layer(%x: tensor<2x8x5x5xf32>, %w: tensor<8x4x4x4xf32>,
                 %b: tensor<4xf32>) -> tensor<2x4x10x10xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>,
         padding = array<i64: 1, 1, 1, 1>}
       : (tensor<2x8x5x5xf32>, tensor<8x4x4x4xf32>, tensor<4xf32>)
      -> tensor<2x4x10x10xf32>
  return %y : tensor<2x4x10x10xf32>
}
