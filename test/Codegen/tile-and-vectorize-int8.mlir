// Quantized (i8 x i8 -> i32) convolutions: the register tile steps over
// the input channels of the target's i8 dot product
// (tconv-lower-int8-dot-products): four for VPDPBUSD (Cascade Lake:
// AVX512-VNNI; Alder Lake: AVX-VNNI on 256 bits), two for VPMADDWD
// (Skylake-SP's zmm, Haswell's ymm), and its shape comes from the
// dot-product cost (TileSelection.cpp).
// RUN: tconv-opt %s --tconv-tile-and-vectorize="target-cpu=cascadelake" --canonicalize --cse | FileCheck %s --check-prefix=VNNI
// RUN: tconv-opt %s --tconv-tile-and-vectorize="target-cpu=alderlake" --canonicalize --cse | FileCheck %s --check-prefix=AVXVNNI
// RUN: tconv-opt %s --tconv-tile-and-vectorize="target-cpu=skylake-avx512" --canonicalize --cse | FileCheck %s --check-prefix=SKX
// RUN: tconv-opt %s --tconv-tile-and-vectorize="target-cpu=haswell" --canonicalize --cse | FileCheck %s --check-prefix=HASWELL

// 64 pixels wide, 64 output channels. Per step the dot products, the
// weights' shuffles and the inputs' bit flips all issue at Cascade Lake's
// one zmm operation per cycle; VPDPBUSD's registers are the accumulators,
// two per vector of channels (weights, compensation) and six more (input,
// top bits, shuffle masks and rows). Two vectors of channels by 11 pixels
// (five times, and a remainder of 9) do the most products for them. On
// Alder Lake's 16 ymm registers, 8 pixels by one vector.
// VPMADDWD needs no compensation registers: 14 x 2 zmm on Skylake-SP (and
// 8), 6 x 2 ymm on Haswell (and 4), all 16 registers.
// VNNI-LABEL: func.func @conv_nwc_i8
// VNNI: scf.for %{{.*}} = %c0 to %c32 step %c4
// VNNI: vector.contract {{.*}} : vector<1x11x4xi32>, vector<4x32xi32> into vector<1x11x32xi32>
// VNNI: scf.for %{{.*}} = %c0 to %c32 step %c4
// VNNI: vector.contract {{.*}} : vector<1x9x4xi32>, vector<4x32xi32> into vector<1x9x32xi32>
// AVXVNNI-LABEL: func.func @conv_nwc_i8
// AVXVNNI: scf.for %{{.*}} = %c0 to %c32 step %c4
// AVXVNNI: vector.contract {{.*}} : vector<1x8x4xi32>, vector<4x8xi32> into vector<1x8x8xi32>
// AVXVNNI-NOT: vector.contract
// SKX-LABEL: func.func @conv_nwc_i8
// SKX: scf.for %{{.*}} = %c0 to %c32 step %c2
// SKX: vector.contract {{.*}} : vector<1x14x2xi32>, vector<2x32xi32> into vector<1x14x32xi32>
// SKX: scf.for %{{.*}} = %c0 to %c32 step %c2
// SKX: vector.contract {{.*}} : vector<1x8x2xi32>, vector<2x32xi32> into vector<1x8x32xi32>
// HASWELL-LABEL: func.func @conv_nwc_i8
// HASWELL: scf.for %{{.*}} = %c0 to %c32 step %c2
// HASWELL: vector.contract {{.*}} : vector<1x6x2xi32>, vector<2x16xi32> into vector<1x6x16xi32>
// HASWELL: vector.contract {{.*}} : vector<1x4x2xi32>, vector<2x16xi32> into vector<1x4x16xi32>
func.func @conv_nwc_i8(%x: tensor<1x65x32xi8>, %w: tensor<2x32x64xi8>, %o: tensor<1x64x64xi32>) -> tensor<1x64x64xi32> {
  %y = linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
         ins(%x, %w : tensor<1x65x32xi8>, tensor<2x32x64xi8>) outs(%o : tensor<1x64x64xi32>) -> tensor<1x64x64xi32>
  return %y : tensor<1x64x64xi32>
}

// Weights in [-64, 63] (tconv.narrow_weights): VPMADDUBSW's quads on
// Haswell (6 x 1 ymm: VPDPBUSD's registers and two more, the ones and a
// vector of products) and Skylake-SP (10 x 2 zmm); the mark goes to the
// contractions, through the decomposition of a 2-D convolution into 1-D
// ones, for tconv-lower-int8-dot-products. Cascade Lake's VPDPBUSD
// computes it as any other.
// HASWELL-LABEL: func.func @conv_nhwc_i8_narrow
// HASWELL: scf.for %{{.*}} = %c0 to %c32 step %c4
// HASWELL: vector.contract {{.*}} {tconv.narrow_weights} : vector<1x6x4xi32>, vector<4x8xi32> into vector<1x6x8xi32>
// HASWELL: scf.for %{{.*}} = %c0 to %c32 step %c4
// HASWELL: vector.contract {{.*}} {tconv.narrow_weights} : vector<1x4x4xi32>, vector<4x8xi32> into vector<1x4x8xi32>
// SKX-LABEL: func.func @conv_nhwc_i8_narrow
// SKX: scf.for %{{.*}} = %c0 to %c32 step %c4
// SKX: vector.contract {{.*}} {tconv.narrow_weights} : vector<1x10x4xi32>, vector<4x32xi32> into vector<1x10x32xi32>
// VNNI-LABEL: func.func @conv_nhwc_i8_narrow
// AVXVNNI-LABEL: func.func @conv_nhwc_i8_narrow
// VNNI: vector.contract {{.*}} : vector<1x11x4xi32>, vector<4x32xi32> into vector<1x11x32xi32>
func.func @conv_nhwc_i8_narrow(%x: tensor<1x9x65x32xi8>, %w: tensor<1x2x32x64xi8>, %o: tensor<1x8x64x64xi32>) -> tensor<1x8x64x64xi32> {
  %y = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>, tconv.narrow_weights}
         ins(%x, %w : tensor<1x9x65x32xi8>, tensor<1x2x32x64xi8>) outs(%o : tensor<1x8x64x64xi32>) -> tensor<1x8x64x64xi32>
  return %y : tensor<1x8x64x64xi32>
}
