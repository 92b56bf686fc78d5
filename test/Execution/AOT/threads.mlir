// Threaded objects (threads=N: scf.forall -> OpenMP) call the OpenMP runtime
// (LLVM's libomp, feature `omp`), linked into the driver; checked against
// the driver's scatter reference in double. On the host and, in the cross
// suite, for AArch64 under qemu (Debian's arm64 libomp, which
// scripts/install-deps.sh --cross unpacks). @layer splits its batch;
// @blocks has 64 output channels in several register tiles, so its threads
// split the filter's blocks (tconv-block-conv-filters; on AArch64 at
// least, whose register tiles have at most 16 channels: checked below).

// REQUIRES: omp
// RUN: tconv-aot %s -o %t.threads.o --header=%t.h --pipeline-options="threads=2"
// RUN: llvm-nm --undefined-only %t.threads.o | FileCheck %s --check-prefix=OMP
// RUN: %cc -std=c99 -O1 -include %t.h \
// RUN:   -DFUNC=layer -DN=2 -DCIN=8 -DCOUT=4 -DH=5 -DW=5 -DKH=4 -DKW=4 \
// RUN:   -DSH=2 -DSW=2 -DPBH=1 -DPBW=1 -DPEH=1 -DPEW=1 -DHAS_BIAS=1 \
// RUN:   %S/Inputs/driver.c %t.threads.o -lm %libomp -o %t.threads.exe
// RUN: %run %t.threads.exe | FileCheck %s
// RUN: %cc -std=c99 -O1 -include %t.h \
// RUN:   -DFUNC=blocks -DN=2 -DCIN=12 -DCOUT=64 -DH=6 -DW=6 -DKH=4 -DKW=4 \
// RUN:   -DSH=2 -DSW=2 -DPBH=1 -DPBW=1 -DPEH=1 -DPEW=1 -DHAS_BIAS=1 \
// RUN:   %S/Inputs/driver.c %t.threads.o -lm %libomp -o %t.blocks.exe
// RUN: %run %t.blocks.exe | FileCheck %s --check-prefix=BLOCKS
// RUN: tconv-opt %s --tconv-to-llvm="threads=2 target-triple=aarch64-linux-gnu target-cpu=neoverse-n1" --mlir-print-ir-after=tconv-block-conv-filters 2>&1 \
// RUN:   | FileCheck %s --check-prefix=FORALL
// OMP: __kmpc_fork_call
// CHECK: batch 2: output 2x4x10x10, max rel error {{.*}} PASS
// BLOCKS: batch 2: output 2x64x12x12, max rel error {{.*}} PASS
// FORALL-LABEL: func.func @blocks
// FORALL: scf.forall

func.func @layer(%x: tensor<2x8x5x5xf32>, %w: tensor<8x4x4x4xf32>,
                 %b: tensor<4xf32>) -> tensor<2x4x10x10xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>,
         padding = array<i64: 1, 1, 1, 1>}
       : (tensor<2x8x5x5xf32>, tensor<8x4x4x4xf32>, tensor<4xf32>)
      -> tensor<2x4x10x10xf32>
  return %y : tensor<2x4x10x10xf32>
}

func.func @blocks(%x: tensor<2x12x6x6xf32>, %w: tensor<12x64x4x4xf32>,
                  %b: tensor<64xf32>) -> tensor<2x64x12x12xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>,
         padding = array<i64: 1, 1, 1, 1>}
       : (tensor<2x12x6x6xf32>, tensor<12x64x4x4xf32>, tensor<64xf32>)
      -> tensor<2x64x12x12xf32>
  return %y : tensor<2x64x12x12xf32>
}
