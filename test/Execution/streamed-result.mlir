// Results of 8 and 16 MB, at least 8 L2s on Skylake-AVX512 (1 MiB) and
// Zen 5: the transposes of channels-first ones back from the channels-last
// computation, and the register tiles of a channels-last one, store whole
// lines non-temporally (tconv-stream-stores) where the result buffer is
// 64-byte aligned, as tconv-run's are. --check
// recomputes each op with the reference (the scatter definition in double;
// in int64 for the quantized one, compared bit-exactly), natively and, on
// AVX-512 hosts, for Skylake-AVX512, and for Haswell, whose 32-byte
// vectors store half lines.

// RUN: tconv-run %s --entry=f32_nchw --check | FileCheck %s --check-prefix=PASS
// RUN: tconv-run %s --entry=u8_nchw --check | FileCheck %s --check-prefix=PASS
// RUN: tconv-run %s --entry=f32_nhwc --check | FileCheck %s --check-prefix=PASS
// Two threads: each streams its chunk of the result and fences it.
// RUN: tconv-run %s --entry=f32_nchw --check --pipeline-options="threads=2" | FileCheck %s --check-prefix=PASS
// RUN: tconv-run %s --entry=f32_nhwc --check --pipeline-options="threads=2" | FileCheck %s --check-prefix=PASS
// RUN: %if host-avx512f %{ tconv-run %s --entry=f32_nchw --check --target-cpu=skylake-avx512 | FileCheck %s --check-prefix=PASS %}
// RUN: %if host-avx512f %{ tconv-run %s --entry=u8_nchw --check --target-cpu=skylake-avx512 | FileCheck %s --check-prefix=PASS %}
// RUN: %if host-avx512f %{ tconv-run %s --entry=f32_nhwc --check --target-cpu=skylake-avx512 | FileCheck %s --check-prefix=PASS %}
// RUN: %if host-avx2 %{ tconv-run %s --entry=f32_nchw --check --target-cpu=haswell | FileCheck %s --check-prefix=PASS %}
// RUN: %if host-avx2 %{ tconv-run %s --entry=u8_nchw --check --target-cpu=haswell | FileCheck %s --check-prefix=PASS %}
// RUN: %if host-avx2 %{ tconv-run %s --entry=f32_nhwc --check --target-cpu=haswell | FileCheck %s --check-prefix=PASS %}
// PASS-NOT: FAIL
// PASS: check conv_transpose #0 {{.*}} PASS

// The streaming stores are there (objects for either CPU build on any
// host).
// RUN: tconv-aot %s --target-cpu=skylake-avx512 --emit=asm -o - | FileCheck %s --check-prefix=AVX512
// RUN: tconv-aot %s --target-cpu=haswell --emit=asm -o - | FileCheck %s --check-prefix=AVX2
// AVX512-DAG: vmovntps %zmm
// AVX512-DAG: vmovntdq %zmm
// AVX2-DAG: vmovntps %ymm
// AVX2-DAG: vmovntdq %ymm
// The channels-last result's stores, in its first register-tile nest.
// RUN: tconv-aot %s --target-cpu=skylake-avx512 --emit=asm -o - | FileCheck %s --check-prefix=AVX512-NHWC
// RUN: tconv-aot %s --target-cpu=haswell --emit=asm -o - | FileCheck %s --check-prefix=AVX2-NHWC
// AVX512-NHWC: __tconv_f32_nhwc_nest0:
// AVX512-NHWC-NOT: .Lfunc_end
// AVX512-NHWC: vmovntps %zmm
// AVX2-NHWC: __tconv_f32_nhwc_nest0:
// AVX2-NHWC-NOT: .Lfunc_end
// AVX2-NHWC: vmovntps %ymm
// And on two threads, in every phase: each thread's chunk of a phase
// counts the whole result, which the later phases only write over.
// RUN: tconv-aot %s --target-cpu=skylake-avx512 --pipeline-options="threads=2" --emit=asm -o - | FileCheck %s --check-prefix=THREADS
// THREADS: __tconv_f32_nhwc_nest0..omp_par:
// THREADS-NOT: .Lfunc_end
// THREADS: vmovntps %zmm
// THREADS: __tconv_f32_nhwc_nest1..omp_par:
// THREADS-NOT: .Lfunc_end
// THREADS: vmovntps %zmm
// THREADS: __tconv_f32_nhwc_nest2..omp_par:
// THREADS-NOT: .Lfunc_end
// THREADS: vmovntps %zmm
// THREADS: __tconv_f32_nhwc_nest3..omp_par:
// THREADS-NOT: .Lfunc_end
// THREADS: vmovntps %zmm

// I=128 k=4 s=2 p=1/1: (128-1)*2-1-1+(4-1)+1 = 256; 32 x 256 x 256 f32.
func.func @f32_nchw(%x: tensor<1x32x128x128xf32>, %w: tensor<32x32x4x4xf32>, %b: tensor<32xf32>) -> tensor<1x32x256x256xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>}
       : (tensor<1x32x128x128xf32>, tensor<32x32x4x4xf32>, tensor<32xf32>) -> tensor<1x32x256x256xf32>
  return %y : tensor<1x32x256x256xf32>
}

// Channels last, I=128 k=3 s=2 p=1/1 op=1: 32 x 256 x 256 f32 written by
// the phases' register tiles, the bias added as they store.
func.func @f32_nhwc(%x: tensor<1x128x128x32xf32>, %w: tensor<32x3x3x32xf32>, %b: tensor<32xf32>) -> tensor<1x256x256x32xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>,
                                        output_padding = array<i64: 1, 1>, layout = #tconv.layout<channels_last>}
       : (tensor<1x128x128x32xf32>, tensor<32x3x3x32xf32>, tensor<32xf32>) -> tensor<1x256x256x32xf32>
  return %y : tensor<1x256x256x32xf32>
}

// The suite's sr_op1, quantized: I=128 k=3 s=2 p=1/1 op=1:
// (128-1)*2-1-1+(3-1)+1+1 = 256; 64 x 256 x 256 i32.
func.func @u8_nchw(%x: tensor<1x64x128x128xui8>, %w: tensor<64x64x3x3xi8>, %b: tensor<64xi32>) -> tensor<1x64x256x256xi32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>,
                                        output_padding = array<i64: 1, 1>,
                                        input_zero_point = 128 : i32, weight_zero_point = -3 : i32}
       : (tensor<1x64x128x128xui8>, tensor<64x64x3x3xi8>, tensor<64xi32>) -> tensor<1x64x256x256xi32>
  return %y : tensor<1x64x256x256xi32>
}
