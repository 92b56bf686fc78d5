// Rule 2 of `auto` weighs the channels per phase in vectors of the target:
// 24 channels are 3 AVX2 vectors (phases) but less than 2 AVX-512 ones
// (sub-pixel: one convolution of 4 x 24 channels). k = 4, s = 2: the
// sub-pixel convolution wastes nothing, so rule 3 takes it when rule 2
// does not.

// RUN: tconv-opt %s --convert-tconv-to-linalg="target-cpu=haswell" | FileCheck %s --check-prefix=PHASE
// RUN: tconv-opt %s --convert-tconv-to-linalg="target-triple=aarch64-linux-gnu target-cpu=neoverse-n1" | FileCheck %s --check-prefix=PHASE
// RUN: tconv-opt %s --convert-tconv-to-linalg="target-cpu=skylake-avx512" | FileCheck %s --check-prefix=SUBPIXEL
// RUN: not tconv-opt %s --convert-tconv-to-linalg="target-cpu=no-such-cpu" 2>&1 | FileCheck %s --check-prefix=BADCPU

// PHASE-LABEL: func.func @channels_24
// PHASE-COUNT-4: linalg.conv_2d_nhwc_hwcf {{.*}} -> tensor<1x8x8x24xf32>
// PHASE-NOT: linalg.conv_2d

// SUBPIXEL-LABEL: func.func @channels_24
// SUBPIXEL: linalg.conv_2d_nhwc_hwcf {{.*}} -> tensor<1x9x9x96xf32>
// SUBPIXEL-NOT: linalg.conv_2d

// BADCPU: error: convert-tconv-to-linalg: {{.*}}no-such-cpu
func.func @channels_24(%x: tensor<1x8x8x16xf32>, %w: tensor<24x4x4x16xf32>) -> tensor<1x16x16x24xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>,
                                    layout = #tconv.layout<channels_last>}
      : (tensor<1x8x8x16xf32>, tensor<24x4x4x16xf32>) -> tensor<1x16x16x24xf32>
  return %y : tensor<1x16x16x24xf32>
}
