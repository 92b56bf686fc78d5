// Temporaries beyond max-static-bytes (--tconv-group-static-allocations)
// share one heap buffer, allocated and freed on every call, and the results
// stay right. This layer's temporaries take about 120 KB: with a 16 KiB
// limit the padded input stays static and the rest comes from the heap; with
// 0 everything does. Checked against the driver's scatter reference in
// double (AOT, also with four threads calling at once) and against the
// reference library (tconv-run --check, which under the sanitizers also
// reports a heap buffer that is not freed).

// RUN: tconv-aot %s -o %t.split.o --header=%t.h --pipeline-options="max-static-bytes=16384"
// RUN: tconv-aot %s -o - --emit=llvm --pipeline-options="max-static-bytes=16384" | FileCheck %s --check-prefix=SPLIT-IR
// The static buffer (with its heap stand-in while another call holds it)
// and the heap buffer, each freed.
// SPLIT-IR: @__tconv_scratch___tconv_layer = private global [{{[0-9]+}} x i8] zeroinitializer
// SPLIT-IR-COUNT-2: call {{.*}}@malloc(
// SPLIT-IR-NOT: call {{.*}}@malloc(
// SPLIT-IR-COUNT-2: call void @free(
// SPLIT-IR-NOT: call void @free(
// RUN: %cc -std=c99 -O1 -include %t.h \
// RUN:   -DFUNC=layer -DN=2 -DCIN=16 -DCOUT=32 -DH=8 -DW=8 -DKH=4 -DKW=4 \
// RUN:   -DSH=2 -DSW=2 -DPBH=1 -DPBW=1 -DPEH=1 -DPEW=1 -DHAS_BIAS=1 \
// RUN:   %S/Inputs/driver.c %t.split.o -lm -o %t.split.exe
// RUN: %run %t.split.exe | FileCheck %s
// RUN: %cc -std=c11 -O1 -include %t.h -DTHREADS=4 -DCALLS=50 \
// RUN:   -DFUNC=layer -DN=2 -DCIN=16 -DCOUT=32 -DH=8 -DW=8 -DKH=4 -DKW=4 \
// RUN:   -DSH=2 -DSW=2 -DPBH=1 -DPBW=1 -DPEH=1 -DPEW=1 -DHAS_BIAS=1 \
// RUN:   %S/Inputs/driver.c %t.split.o -lm -lpthread -o %t.threads.exe
// RUN: %run %t.threads.exe | FileCheck %s --check-prefix=THREADS

// RUN: tconv-aot %s -o %t.heap.o --pipeline-options="max-static-bytes=0"
// RUN: tconv-aot %s -o - --emit=llvm --pipeline-options="max-static-bytes=0" | FileCheck %s --check-prefix=HEAP-IR
// HEAP-IR-NOT: __tconv_scratch
// HEAP-IR: call {{.*}}@malloc(
// HEAP-IR-NOT: call {{.*}}@malloc(
// HEAP-IR: call void @free(
// HEAP-IR-NOT: call void @free(
// RUN: %cc -std=c99 -O1 -include %t.h \
// RUN:   -DFUNC=layer -DN=2 -DCIN=16 -DCOUT=32 -DH=8 -DW=8 -DKH=4 -DKW=4 \
// RUN:   -DSH=2 -DSW=2 -DPBH=1 -DPBW=1 -DPEH=1 -DPEW=1 -DHAS_BIAS=1 \
// RUN:   %S/Inputs/driver.c %t.heap.o -lm -o %t.heap.exe
// RUN: %run %t.heap.exe | FileCheck %s

// CHECK: batch 2: output 2x32x16x16, max rel error {{.*}} PASS
// THREADS-COUNT-4: batch 2: output 2x32x16x16, max rel error {{.*}} PASS
// THREADS-NOT: FAIL

// RUN: tconv-run %s --entry=layer --check --pipeline-options="max-static-bytes=16384" | FileCheck %s --check-prefix=JIT
// RUN: tconv-run %s --entry=layer --check --pipeline-options="max-static-bytes=0" | FileCheck %s --check-prefix=JIT
// JIT: check conv_transpose #0 {{.*}} PASS

func.func @layer(%x: tensor<2x16x8x8xf32>, %w: tensor<16x32x4x4xf32>,
                 %b: tensor<32xf32>) -> tensor<2x32x16x16xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>,
         padding = array<i64: 1, 1, 1, 1>}
       : (tensor<2x16x8x8xf32>, tensor<16x32x4x4xf32>, tensor<32xf32>)
      -> tensor<2x32x16x16xf32>
  return %y : tensor<2x32x16x16xf32>
}
