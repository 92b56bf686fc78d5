//===- TileSelectionTest.cpp - Tiles and target models --------------------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//

#include "tconv/Codegen/TileSelection.h"
#include "tconv/Target/TargetModel.h"

#include "mlir/IR/BuiltinTypeInterfaces.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/MathExtras.h"

#include <gtest/gtest.h>

#include <string>

using namespace mlir;
using namespace mlir::tconv;

namespace {

TargetModel makeModel(unsigned vectorBits, unsigned registers) {
  TargetModel model;
  model.vectorBits = vectorBits;
  model.vectorRegisters = registers;
  return model;
}

/// Registers a tile of a convolution occupies (TileSelection.h's budget).
int64_t countRegisters(RegisterTile tile, int64_t lanes, bool depthwise) {
  int64_t vectors = llvm::divideCeil(tile.channels, lanes);
  int64_t accumulators = tile.pixels * vectors;
  return accumulators + vectors + (depthwise ? accumulators : 1);
}

TEST(TileSelection, TilesFitTheRegistersAndDivideTheChannels) {
  for (TargetModel target :
       {makeModel(256, 16), makeModel(512, 32), makeModel(128, 32)}) {
    int64_t lanes = target.getLanes(32);
    for (bool depthwise : {false, true}) {
      for (int64_t width = 1; width <= 40; ++width) {
        for (int64_t channels = 1; channels <= 300; channels += 7) {
          RegisterTile tile =
              chooseRegisterTile(target, width, channels, 32, depthwise);
          SCOPED_TRACE(llvm::Twine(target.vectorBits)
                           .concat(" bits, width ")
                           .concat(llvm::Twine(width))
                           .concat(", channels ")
                           .concat(llvm::Twine(channels))
                           .str());
          EXPECT_GE(tile.pixels, 1);
          EXPECT_LE(tile.pixels, width);
          EXPECT_EQ(channels % tile.channels, 0);
          EXPECT_LE(countRegisters(tile, lanes, depthwise),
                    int64_t(target.vectorRegisters));
          // Whole registers come in powers of two; else one register.
          if (tile.channels > lanes) {
            EXPECT_EQ(tile.channels % lanes, 0);
            EXPECT_TRUE(llvm::isPowerOf2_64(tile.channels / lanes));
          }
        }
      }
    }
  }
}

TEST(TileSelection, AwkwardWidthsGetFullTiles) {
  TargetModel avx2 = makeModel(256, 16);
  for (int64_t width : {7, 13, 15})
    for (int64_t channels : {3, 12, 21, 48})
      EXPECT_GE(chooseRegisterTile(avx2, width, channels, 32, false).pixels,
                std::min<int64_t>(width, 4))
          << "width " << width << ", channels " << channels;
}

TEST(TileSelection, EnoughAccumulatorsToHideTheLatency) {
  // Two 4-cycle FMA pipes: a tile of the suite's large layers keeps at
  // least 8 accumulators in flight, and fits 16 or 32 registers.
  TargetModel avx2 = makeModel(256, 16);
  TargetModel avx512 = makeModel(512, 32);
  for (int64_t width : {8, 16, 28, 56, 64}) {
    RegisterTile tile = chooseRegisterTile(avx2, width, 128, 32, false);
    EXPECT_GE(tile.pixels * tile.channels / 8, 8) << "width " << width;
    tile = chooseRegisterTile(avx512, width, 128, 32, false);
    EXPECT_GE(tile.pixels * tile.channels / 16, 8) << "width " << width;
  }
}

TEST(TileSelection, ChosenShapes) {
  // AVX2, 16 pixels x 128 channels: 6 x 2 ymm (12 accumulators), and the
  // 4-pixel remainder; 8 pixels: 4 x 2 ymm, no remainder.
  TargetModel avx2 = makeModel(256, 16);
  RegisterTile tile = chooseRegisterTile(avx2, 16, 128, 32, false);
  EXPECT_EQ(tile.pixels, 6);
  EXPECT_EQ(tile.channels, 16);
  tile = chooseRegisterTile(avx2, 8, 128, 32, false);
  EXPECT_EQ(tile.pixels, 4);
  EXPECT_EQ(tile.channels, 16);
  // Few channels: more pixels instead.
  tile = chooseRegisterTile(avx2, 64, 3, 32, false);
  EXPECT_EQ(tile.channels, 3);
  EXPECT_GE(tile.pixels, 8);
  // AVX-512, 8 pixels x 128 channels: 4 x 4 zmm.
  tile = chooseRegisterTile(makeModel(512, 32), 8, 128, 32, false);
  EXPECT_EQ(tile.pixels, 4);
  EXPECT_EQ(tile.channels, 64);
}

TEST(TileSelection, WeightsStreamFromTheirCacheLevel) {
  // AVX-512 with a 1 MiB L2 reading 32 bytes a cycle from it and 16 from
  // L3, 8 pixels x 512 channels. Over 2 x 2 taps x 1024 input channels, a
  // 4 x 64 tile's weights (1 MiB) stream from L3 at 256 bytes a step, twice
  // the FMAs' 8 cycles; 8 x 32 ones (512 KiB) stay in L2.
  TargetModel avx512 = makeModel(512, 32);
  avx512.l2Bytes = 1024 * 1024;
  RegisterTile tile =
      chooseRegisterTile(avx512, 8, 512, 32, false, Int8DotProduct::None,
                         ReductionWeights{4096, 32});
  EXPECT_EQ(tile.pixels, 8);
  EXPECT_EQ(tile.channels, 32);
  // 256 KiB for 64 channels over 1024 elements: from L2, in time.
  tile = chooseRegisterTile(avx512, 8, 512, 32, false, Int8DotProduct::None,
                            ReductionWeights{1024, 32});
  EXPECT_EQ(tile.pixels, 4);
  EXPECT_EQ(tile.channels, 64);
  // Unknown (dynamic) reductions cost nothing extra.
  tile = chooseRegisterTile(avx512, 8, 512, 32, false, Int8DotProduct::None,
                            ReductionWeights{0, 32});
  EXPECT_EQ(tile.channels, 64);
}

TEST(TileSelection, DynamicSizes) {
  TargetModel avx2 = makeModel(256, 16);
  RegisterTile tile =
      chooseRegisterTile(avx2, ShapedType::kDynamic, 64, 32, false);
  EXPECT_GE(tile.pixels, 1);
  EXPECT_EQ(
      chooseRegisterTile(avx2, 8, ShapedType::kDynamic, 32, false).channels, 1);
  EXPECT_EQ(getChannelTileSize(ShapedType::kDynamic, 16, 8), 1);
  EXPECT_EQ(getDividingTileSize(ShapedType::kDynamic, 16), 1);
}

TEST(TileSelection, CacheTilesKeepHalfOfL1) {
  TargetModel target = makeModel(512, 32);
  // 32 KiB L1: 16 KiB of 32 f32 channels is 128 input channels.
  EXPECT_EQ(chooseCacheTileInputChannels(target, 256, 32, 32), 128);
  EXPECT_EQ(chooseCacheTileInputChannels(target, 256, 64, 32), 64);
  EXPECT_EQ(chooseCacheTileInputChannels(target, 96, 64, 32), 48);
}

// Explicit triples: the figures of a CPU do not depend on the host.
constexpr const char *kX86 = "x86_64-linux-gnu";
constexpr const char *kAArch64 = "aarch64-linux-gnu";

TEST(TargetModel, FromLLVM) {
  std::string error;
  auto report = [&](const llvm::Twine &message) { error = message.str(); };
  FailureOr<TargetModel> haswell = getTargetModel(kX86, "haswell", "", report);
  ASSERT_TRUE(succeeded(haswell)) << error;
  EXPECT_EQ(haswell->vectorBits, 256u);
  EXPECT_EQ(haswell->vectorRegisters, 16u);
  EXPECT_EQ(haswell->fmaLatency, 5u); // Haswell's scheduling model
  EXPECT_TRUE(haswell->hasF16Conversions);

  FailureOr<TargetModel> skylake =
      getTargetModel(kX86, "skylake-avx512", "", report);
  ASSERT_TRUE(succeeded(skylake)) << error;
  EXPECT_EQ(skylake->vectorBits, 512u);
  EXPECT_EQ(skylake->vectorRegisters, 32u);
  EXPECT_EQ(skylake->fmaLatency, 4u);
  EXPECT_EQ(skylake->fmasPerCycle, 2);

  // Features change the model: no AVX-512 on a Skylake server part.
  FailureOr<TargetModel> capped =
      getTargetModel(kX86, "skylake-avx512", "-avx512f", report);
  ASSERT_TRUE(succeeded(capped)) << error;
  EXPECT_EQ(capped->vectorBits, 256u);
  EXPECT_EQ(capped->vectorRegisters, 16u);

  FailureOr<TargetModel> generic = getTargetModel(kX86, "x86-64", "", report);
  ASSERT_TRUE(succeeded(generic)) << error;
  EXPECT_EQ(generic->vectorBits, 128u);
  EXPECT_FALSE(generic->hasF16Conversions);

  EXPECT_TRUE(failed(getTargetModel(kX86, "no-such-cpu", "", report)));
  EXPECT_NE(error.find("unknown target CPU 'no-such-cpu'"), std::string::npos);
}

TEST(TargetModel, AArch64) {
  std::string error;
  auto report = [&](const llvm::Twine &message) { error = message.str(); };
  // NEON: 32 registers of 128 bits; f16 conversions are instructions.
  FailureOr<TargetModel> n1 =
      getTargetModel(kAArch64, "neoverse-n1", "", report);
  ASSERT_TRUE(succeeded(n1)) << error;
  EXPECT_EQ(n1->triple, "aarch64-unknown-linux-gnu"); // normalized
  EXPECT_EQ(n1->vectorBits, 128u);
  EXPECT_EQ(n1->vectorRegisters, 32u);
  EXPECT_TRUE(n1->hasF16Conversions);
  // FMLA by element reads its input from a register per pixel: the tile
  // counts them, so that it fits.
  EXPECT_TRUE(n1->fmaByElement);
  RegisterTile tile = chooseRegisterTile(*n1, 16, 64, 32, false);
  int64_t vectors = tile.channels / 4;
  EXPECT_LE(tile.pixels * vectors + vectors + tile.pixels, 32);

  // Without a CPU, the architecture's generic one (never the host's).
  FailureOr<TargetModel> generic = getTargetModel(kAArch64, "", "", report);
  ASSERT_TRUE(succeeded(generic)) << error;
  EXPECT_EQ(generic->cpu, "generic");

  EXPECT_TRUE(failed(getTargetModel(kAArch64, "haswell", "", report)));
  EXPECT_NE(error.find("unknown target CPU 'haswell' for aarch64"),
            std::string::npos);
  // 'native' is the host's CPU, which no host of tconv's has for RISC-V.
  EXPECT_TRUE(
      failed(getTargetModel("riscv64-linux-gnu", "native", "", report)));
  EXPECT_NE(error.find("target CPU 'native' is the host's"), std::string::npos);
  EXPECT_TRUE(failed(getTargetModel("no-such-arch-linux", "", "", report)));
  EXPECT_NE(error.find("unknown target triple 'no-such-arch-linux'"),
            std::string::npos);
}

} // namespace
