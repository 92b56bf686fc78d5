// The register tile's weights stream from the cache level that holds the
// weights of its output channels over the whole reduction (TileSelection.h):
// a deep reduction (2x2 taps x 1024 input channels, pix2pix's phases) puts
// 4 x 64 tiles' 1 MiB beyond half of a 1 MiB L2, where 8 x 32 tiles' 512 KiB
// stay in it; 256 input channels fit either way, and the tile with fewer
// loads stays. Sapphire Rapids' 2 MiB L2 holds either; Haswell's ymm tiles
// read less per cycle than L3 gives.
// RUN: tconv-opt %s --tconv-tile-and-vectorize="target-cpu=znver5" --canonicalize --cse --split-input-file | FileCheck %s --check-prefix=ZNVER5
// RUN: tconv-opt %s --tconv-tile-and-vectorize="target-cpu=skylake-avx512" --canonicalize --cse --split-input-file | FileCheck %s --check-prefix=ZNVER5
// RUN: tconv-opt %s --tconv-tile-and-vectorize="target-cpu=sapphirerapids" --canonicalize --cse --split-input-file | FileCheck %s --check-prefix=SPR
// RUN: tconv-opt %s --tconv-tile-and-vectorize="target-cpu=haswell" --canonicalize --cse --split-input-file | FileCheck %s --check-prefix=AVX2

// ZNVER5-LABEL: func.func @deep
// ZNVER5: vector.contract {{.*}} : vector<1x8x1xf32>, vector<1x32xf32> into vector<1x8x32xf32>
// SPR-LABEL: func.func @deep
// SPR: vector.contract {{.*}} : vector<1x4x1xf32>, vector<1x64xf32> into vector<1x4x64xf32>
// AVX2-LABEL: func.func @deep
// AVX2: vector.contract {{.*}} : vector<1x4x1xf32>, vector<1x16xf32> into vector<1x4x16xf32>
func.func @deep(%x: tensor<1x9x9x1024xf32>, %w: tensor<2x2x1024x512xf32>, %init: tensor<1x8x8x512xf32>) -> tensor<1x8x8x512xf32> {
  %r = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
         ins(%x, %w : tensor<1x9x9x1024xf32>, tensor<2x2x1024x512xf32>) outs(%init : tensor<1x8x8x512xf32>) -> tensor<1x8x8x512xf32>
  return %r : tensor<1x8x8x512xf32>
}

// -----

// ZNVER5-LABEL: func.func @shallow
// ZNVER5: vector.contract {{.*}} : vector<1x4x1xf32>, vector<1x64xf32> into vector<1x4x64xf32>
// SPR-LABEL: func.func @shallow
// SPR: vector.contract {{.*}} : vector<1x4x1xf32>, vector<1x64xf32> into vector<1x4x64xf32>
// AVX2-LABEL: func.func @shallow
// AVX2: vector.contract {{.*}} : vector<1x4x1xf32>, vector<1x16xf32> into vector<1x4x16xf32>
func.func @shallow(%x: tensor<1x9x9x256xf32>, %w: tensor<2x2x256x512xf32>, %init: tensor<1x8x8x512xf32>) -> tensor<1x8x8x512xf32> {
  %r = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
         ins(%x, %w : tensor<1x9x9x256xf32>, tensor<2x2x256x512xf32>) outs(%init : tensor<1x8x8x512xf32>) -> tensor<1x8x8x512xf32>
  return %r : tensor<1x8x8x512xf32>
}
