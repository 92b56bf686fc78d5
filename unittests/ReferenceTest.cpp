//===- ReferenceTest.cpp - Tests of the oracle and of Geometry ------------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// The oracle is what every other test trusts, so it is checked here against
// numbers worked out by hand (in the comments, never with the code under
// test), against an independently written gather formulation, and across
// layouts. The size helpers in Geometry.h are checked alongside.
//
//===----------------------------------------------------------------------===//

#include "tconv/Reference/Reference.h"
#include "tconv/Dialect/TConv/Utils/Geometry.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

using namespace mlir::tconv;
using namespace mlir::tconv::reference;

namespace {

constexpr int64_t kMax = std::numeric_limits<int64_t>::max();

/// A channels-first problem with the given spatial sizes and parameters.
ConvTransposeProblem makeProblem(llvm::ArrayRef<int64_t> inputSize,
                                 llvm::ArrayRef<int64_t> kernelSize,
                                 llvm::ArrayRef<SpatialParams> params,
                                 int64_t cin = 1, int64_t cout = 1,
                                 int64_t groups = 1, int64_t batch = 1) {
  ConvTransposeProblem p;
  p.batch = batch;
  p.inChannels = cin;
  p.outChannels = cout;
  p.groups = groups;
  p.inputSize.assign(inputSize.begin(), inputSize.end());
  p.kernelSize.assign(kernelSize.begin(), kernelSize.end());
  p.params.assign(params.begin(), params.end());
  return p;
}

SpatialParams sp(int64_t stride = 1, int64_t dilation = 1, int64_t padBegin = 0,
                 int64_t padEnd = 0, int64_t outputPadding = 0) {
  return {stride, dilation, padBegin, padEnd, outputPadding};
}

void expectOutput(const ConvTransposeProblem &p, llvm::ArrayRef<double> in,
                  llvm::ArrayRef<double> w, llvm::ArrayRef<double> bias,
                  llvm::ArrayRef<double> expected) {
  std::vector<double> got = convTranspose(p, in, w, bias);
  ASSERT_EQ(got.size(), expected.size());
  for (size_t i = 0; i < got.size(); ++i)
    EXPECT_EQ(got[i], expected[i]) << "at flat index " << i;
}

/// Braced lists would be ambiguous between the f64 and f32 overloads.
ErrorStats compareD(const std::vector<double> &expected,
                    const std::vector<double> &actual) {
  return compareResults(expected, actual);
}

std::vector<double> toDouble(llvm::ArrayRef<float> v) {
  return std::vector<double>(v.begin(), v.end());
}

//===----------------------------------------------------------------------===//
// Hand-checked cases
//===----------------------------------------------------------------------===//

TEST(ReferenceConvTranspose, Textbook2x2Input3x3Kernel) {
  // O = (2-1)*1 + (3-1) + 1 = 4 per dim. Each input pixel stamps x*K at
  // offset (ih, iw); with K = 1..9:
  //   1*K at (0,0), 2*K at (0,1), 3*K at (1,0), 4*K at (1,1)
  // row 0: 1 | 2+2 | 3+4 | 6                      -> 1  4  7  6
  // row 1: 4+3 | 5+8+6+4 | 6+10+9+8 | 12+12       -> 7 23 33 24
  // row 2: 7+12 | 8+14+15+16 | 9+16+18+20 | 18+24 -> 19 53 63 42
  // row 3: 21 | 24+28 | 27+32 | 36                -> 21 52 59 36
  // (Total 450 = sum(in) * sum(K) = 10 * 45.)
  ConvTransposeProblem p = makeProblem({2, 2}, {3, 3}, {sp(), sp()});
  expectOutput(p, {1, 2, 3, 4}, {1, 2, 3, 4, 5, 6, 7, 8, 9}, {},
               {1, 4, 7, 6, 7, 23, 33, 24, 19, 53, 63, 42, 21, 52, 59, 36});

  // All-ones kernel: each output is the sum of the inputs whose 3x3 stamp
  // covers it.
  // row 0: 1 | 1+2 | 1+2 | 2         -> 1 3 3 2
  // row 1: 1+3 | 1+2+3+4 | 10 | 2+4  -> 4 10 10 6
  // row 2: same as row 1             -> 4 10 10 6
  // row 3: 3 | 3+4 | 3+4 | 4         -> 3 7 7 4
  expectOutput(p, {1, 2, 3, 4}, std::vector<double>(9, 1.0), {},
               {1, 3, 3, 2, 4, 10, 10, 6, 4, 10, 10, 6, 3, 7, 7, 4});
}

TEST(ReferenceConvTranspose, FloatOverloadMatchesDouble) {
  ConvTransposeProblem p = makeProblem({2, 2}, {3, 3}, {sp(), sp()});
  std::vector<float> in = {1, 2, 3, 4};
  std::vector<float> w = {1, 2, 3, 4, 5, 6, 7, 8, 9};
  std::vector<float> bias = {0.5f};
  std::vector<double> got =
      convTranspose(p, llvm::ArrayRef<float>(in), llvm::ArrayRef<float>(w),
                    llvm::ArrayRef<float>(bias));
  // The textbook result above plus the bias 0.5.
  std::vector<double> expected = {1,  4,  7,  6,  7,  23, 33, 24,
                                  19, 53, 63, 42, 21, 52, 59, 36};
  ASSERT_EQ(got.size(), expected.size());
  for (size_t i = 0; i < got.size(); ++i)
    EXPECT_EQ(got[i], expected[i] + 0.5);
}

TEST(ReferenceConvTranspose, Stride2OneDim) {
  // I = 3, k = 3, s = 2: O = 2*2 + 2 + 1 = 7. Input i stamps at 2i.
  // batch 0, in = [1 2 3], w = [1 10 100]:
  //   1*w at 0..2:   1  10 100
  //   2*w at 2..4:          2  20 200
  //   3*w at 4..6:                  3  30 300
  //   sum:           1  10 102 20 203 30 300
  // batch 1, in = [-1 0 3]:
  //   -w at 0..2 and 3*w at 4..6: -1 -10 -100 0 3 30 300
  ConvTransposeProblem p =
      makeProblem({3}, {3}, {sp(2)}, /*cin=*/1, /*cout=*/1, /*groups=*/1,
                  /*batch=*/2);
  expectOutput(p, {1, 2, 3, -1, 0, 3}, {1, 10, 100}, {},
               {1, 10, 102, 20, 203, 30, 300, -1, -10, -100, 0, 3, 30, 300});
}

TEST(ReferenceConvTranspose, PaddingCrops) {
  // The stride-2 case above, full output 1 10 102 20 203 30 300, with
  // pb = pe = 1: O = 4 - 2 + 2 + 1 = 5, the full output without its first
  // and last element.
  expectOutput(makeProblem({3}, {3}, {sp(2, 1, 1, 1)}), {1, 2, 3}, {1, 10, 100},
               {}, {10, 102, 20, 203, 30});

  // Textbook 2-D case with padding 1: O = 1 - 2 + 2 + 1 = 2, the centre
  // of the 4x4 result: 23 33 / 53 63.
  expectOutput(makeProblem({2, 2}, {3, 3}, {sp(1, 1, 1, 1), sp(1, 1, 1, 1)}),
               {1, 2, 3, 4}, {1, 2, 3, 4, 5, 6, 7, 8, 9}, {}, {23, 33, 53, 63});

  // Padding beyond the kernel extent: I = 3, k = 1, s = 2, pb = pe = 1:
  // O = 4 - 2 + 0 + 1 = 3. Input i lands at 2i - 1: -1 (dropped), 1, 3
  // (dropped, >= O). in = [1 2 3], w = [2] -> 0 4 0.
  expectOutput(makeProblem({3}, {1}, {sp(2, 1, 1, 1)}), {1, 2, 3}, {2}, {},
               {0, 4, 0});
}

TEST(ReferenceConvTranspose, OutputPaddingRowHoldsOnlyBias) {
  // 2-D, in = [[1 2] [3 4]], 2x2 kernel of ones, stride 2, bias 10,
  // output padding 1 on H only.
  // O_h = 2 + 1 + 1 + 1 = 5, O_w = 2 + 1 + 1 = 4. k == s: each input
  // pixel fills its own 2x2 block; row 4 is reached by no stamp.
  //   row 0: 1 1 2 2 (+10) -> 11 11 12 12
  //   row 1:                  11 11 12 12
  //   row 2: 3 3 4 4 (+10) -> 13 13 14 14
  //   row 3:                  13 13 14 14
  //   row 4: bias only     -> 10 10 10 10
  ConvTransposeProblem p =
      makeProblem({2, 2}, {2, 2}, {sp(2, 1, 0, 0, 1), sp(2)});
  expectOutput(p, {1, 2, 3, 4}, {1, 1, 1, 1}, {10},
               {11, 11, 12, 12, 11, 11, 12, 12, 13, 13,
                14, 14, 13, 13, 14, 14, 10, 10, 10, 10});

  // 1-D, in = [1 2], w = [3], s = 2, op = 1, bias 0.5: O = 2 + 0 + 1 + 1 = 4.
  // Stamps 3 at 0 and 6 at 2; positions 1 and 3 hold only the bias.
  expectOutput(makeProblem({2}, {1}, {sp(2, 1, 0, 0, 1)}), {1, 2}, {3}, {0.5},
               {3.5, 0.5, 6.5, 0.5});
}

TEST(ReferenceConvTranspose, Dilation) {
  // I = 2, k = 2, s = 1, dil = 3: O = 1 + 3 + 1 = 5. Input i stamps at
  // i and i + 3. in = [1 2], w = [1 10]:
  //   1 at 0, 10 at 3; 2 at 1, 20 at 4 -> 1 2 0 10 20 (2 unreached).
  expectOutput(makeProblem({2}, {2}, {sp(1, 3)}), {1, 2}, {1, 10}, {},
               {1, 2, 0, 10, 20});

  // Same with s = 2: O = 2 + 3 + 1 = 6. Input i stamps at 2i and 2i + 3:
  //   1 at 0, 10 at 3; 2 at 2, 20 at 5 -> 1 0 2 10 0 20.
  expectOutput(makeProblem({2}, {2}, {sp(2, 3)}), {1, 2}, {1, 10}, {},
               {1, 0, 2, 10, 0, 20});
}

TEST(ReferenceConvTranspose, TwoGroups) {
  // Cin = 2, Cout = 4, G = 2: Cig = 1, Cog = 2; weight (Cin, Cog, k).
  // I = 2, k = 2, s = 1: O = 3. Input i stamps at i, i + 1.
  // in ch0 = [1 2], ch1 = [3 4].
  // w[0][0] = [1 2], w[0][1] = [3 4], w[1][0] = [5 6], w[1][1] = [7 8].
  // Group 0 (in ch0 -> out ch0, ch1):
  //   out0 = [1*1, 1*2 + 2*1, 2*2] = [1 4 4]
  //   out1 = [1*3, 1*4 + 2*3, 2*4] = [3 10 8]
  // Group 1 (in ch1 -> out ch2, ch3):
  //   out2 = [3*5, 3*6 + 4*5, 4*6] = [15 38 24]
  //   out3 = [3*7, 3*8 + 4*7, 4*8] = [21 52 32]
  // Bias 1000 * (c + 1) per output channel.
  ConvTransposeProblem p = makeProblem({2}, {2}, {sp()}, 2, 4, 2);
  expectOutput(
      p, {1, 2, 3, 4}, {1, 2, 3, 4, 5, 6, 7, 8}, {1000, 2000, 3000, 4000},
      {1001, 1004, 1004, 2003, 2010, 2008, 3015, 3038, 3024, 4021, 4052, 4032});
}

TEST(ReferenceConvTranspose, Depthwise) {
  // Cin = Cout = G = 2, weight (2, 1, k). I = 3, k = 2, s = 2:
  // O = 4 + 1 + 1 = 6; k == s so stamps do not overlap.
  // ch0: in [1 2 3], w [1 -1] -> 1 -1 2 -2 3 -3
  // ch1: in [4 5 6], w [2 3]  -> 8 12 10 15 12 18
  ConvTransposeProblem p = makeProblem({3}, {2}, {sp(2)}, 2, 2, 2);
  expectOutput(p, {1, 2, 3, 4, 5, 6}, {1, -1, 2, 3}, {},
               {1, -1, 2, -2, 3, -3, 8, 12, 10, 15, 12, 18});
}

TEST(ReferenceConvTranspose, ThreeDims) {
  // in[d][h][w] = 1 + 4d + 2h + w over 2x2x2, kernel 1x1x2 = [1 10],
  // strides (2, 2, 1): O = (3, 3, 3). Only od, oh in {0, 2} are reached;
  // along W each (d, h) row [a b] gives [a, 10a + b, 10b]:
  //   (0,0): [1 2] -> 1 12 20    at flat 0..2   (od=0, oh=0)
  //   (0,1): [3 4] -> 3 34 40    at flat 6..8   (od=0, oh=2)
  //   (1,0): [5 6] -> 5 56 60    at flat 18..20 (od=2, oh=0)
  //   (1,1): [7 8] -> 7 78 80    at flat 24..26 (od=2, oh=2)
  ConvTransposeProblem p =
      makeProblem({2, 2, 2}, {1, 1, 2}, {sp(2), sp(2), sp(1)});
  std::vector<double> expected(27, 0.0);
  double rows[4][3] = {{1, 12, 20}, {3, 34, 40}, {5, 56, 60}, {7, 78, 80}};
  size_t starts[4] = {0, 6, 18, 24};
  for (int r = 0; r < 4; ++r)
    for (int j = 0; j < 3; ++j)
      expected[starts[r] + j] = rows[r][j];
  expectOutput(p, {1, 2, 3, 4, 5, 6, 7, 8}, {1, 10}, {}, expected);

  // All ones, 2x2x2 input and kernel, stride 1: O = 3x3x3 and each output
  // counts the overlapping stamps, the product of per-dim counts [1 2 1]:
  // corners 1, edge midpoints 2, face centres 4, the centre 8.
  ConvTransposeProblem ones =
      makeProblem({2, 2, 2}, {2, 2, 2}, {sp(), sp(), sp()});
  std::vector<double> counts;
  const double perDim[3] = {1, 2, 1};
  for (int a = 0; a < 3; ++a)
    for (int b = 0; b < 3; ++b)
      for (int c = 0; c < 3; ++c)
        counts.push_back(perDim[a] * perDim[b] * perDim[c]);
  EXPECT_EQ(counts[13], 8.0);
  expectOutput(ones, std::vector<double>(8, 1.0), std::vector<double>(8, 1.0),
               {}, counts);
}

TEST(ReferenceConvTranspose, AsymmetricPadding) {
  // Full stride-2 output 1 10 102 20 203 30 300 (see Stride2OneDim).
  // pb = 2, pe = 0: O = 4 - 2 + 2 + 1 = 5, drop two at the begin.
  expectOutput(makeProblem({3}, {3}, {sp(2, 1, 2, 0)}), {1, 2, 3}, {1, 10, 100},
               {}, {102, 20, 203, 30, 300});
  // pb = 0, pe = 3: O = 4 - 3 + 2 + 1 = 4, drop three at the end.
  expectOutput(makeProblem({3}, {3}, {sp(2, 1, 0, 3)}), {1, 2, 3}, {1, 10, 100},
               {}, {1, 10, 102, 20});
  // Textbook 2-D (full 4x4 in Textbook2x2Input3x3Kernel) with H: pb 1,
  // pe 0 and W: pb 0, pe 2 -> rows 1..3, columns 0..1:
  //   7 23 / 19 53 / 21 52
  expectOutput(makeProblem({2, 2}, {3, 3}, {sp(1, 1, 1, 0), sp(1, 1, 0, 2)}),
               {1, 2, 3, 4}, {1, 2, 3, 4, 5, 6, 7, 8, 9}, {},
               {7, 23, 19, 53, 21, 52});
}

TEST(ReferenceConvTranspose, ChannelsLastWeightConvention) {
  // Channels-last 1-D, I = 2, Cin = Cout = 2, k = 1 (a pointwise product).
  // Input (N, I, Cin): pos0 = (1, 2), pos1 = (3, 4).
  // Weight (Cout, k, Cin): w[0] = (1, 10), w[1] = (100, 1000).
  // out[pos][co] = sum_ci in[pos][ci] * w[co][ci]:
  //   pos0: co0 = 1 + 20 = 21,  co1 = 100 + 2000 = 2100
  //   pos1: co0 = 3 + 40 = 43,  co1 = 300 + 4000 = 4300
  ConvTransposeProblem p = makeProblem({2}, {1}, {sp()}, 2, 2);
  p.channelsLast = true;
  expectOutput(p, {1, 2, 3, 4}, {1, 10, 100, 1000}, {}, {21, 2100, 43, 4300});
}

//===----------------------------------------------------------------------===//
// Cross-checks
//===----------------------------------------------------------------------===//

TEST(ReferenceConvTranspose, ChannelsLastEqualsChannelsFirst) {
  // N = 2, Cin = 4, Cout = 6, G = 2, I = 3x4, k = 3x2, with stride,
  // dilation, asymmetric padding and output padding all in play.
  const int64_t n = 2, cin = 4, cout = 6, g = 2, cig = cin / g, cog = cout / g;
  const int64_t ih = 3, iw = 4, kh = 3, kw = 2;
  ConvTransposeProblem cf =
      makeProblem({ih, iw}, {kh, kw}, {sp(2, 1, 1, 0, 1), sp(1, 2, 0, 1, 1)},
                  cin, cout, g, n);
  ConvTransposeProblem cl = cf;
  cl.channelsLast = true;
  std::optional<llvm::SmallVector<int64_t, 3>> outSizes = cf.getOutputSizes();
  ASSERT_TRUE(outSizes);
  const int64_t oh = (*outSizes)[0], ow = (*outSizes)[1];
  // O_h = 2*2 - 1 - 0 + 2 + 1 + 1 = 7, O_w = 3 - 0 - 1 + 2 + 1 + 1 = 6.
  EXPECT_EQ(oh, 7);
  EXPECT_EQ(ow, 6);

  std::vector<float> inF(n * cin * ih * iw), wF(cin * cog * kh * kw),
      biasF(cout);
  fillRandom(inF, 1);
  fillRandom(wF, 2);
  fillRandom(biasF, 3);
  std::vector<double> inCF = toDouble(inF), wCF = toDouble(wF),
                      bias = toDouble(biasF);

  // (N, C, H, W) -> (N, H, W, C).
  std::vector<double> inCL(inCF.size());
  for (int64_t b = 0; b < n; ++b)
    for (int64_t c = 0; c < cin; ++c)
      for (int64_t y = 0; y < ih; ++y)
        for (int64_t x = 0; x < iw; ++x)
          inCL[((b * ih + y) * iw + x) * cin + c] =
              inCF[((b * cin + c) * ih + y) * iw + x];
  // (Cin, Cog, kh, kw) -> (Cout, kh, kw, Cig):
  //   wCL[grp*Cog + oc][y][x][ic] = wCF[grp*Cig + ic][oc][y][x].
  std::vector<double> wCL(wCF.size());
  for (int64_t grp = 0; grp < g; ++grp)
    for (int64_t ic = 0; ic < cig; ++ic)
      for (int64_t oc = 0; oc < cog; ++oc)
        for (int64_t y = 0; y < kh; ++y)
          for (int64_t x = 0; x < kw; ++x)
            wCL[(((grp * cog + oc) * kh + y) * kw + x) * cig + ic] =
                wCF[(((grp * cig + ic) * cog + oc) * kh + y) * kw + x];

  std::vector<double> outCF = convTranspose(cf, inCF, wCF, bias);
  std::vector<double> outCL = convTranspose(cl, inCL, wCL, bias);
  ASSERT_EQ(outCF.size(), static_cast<size_t>(n * cout * oh * ow));
  ASSERT_EQ(outCL.size(), outCF.size());
  // Compare through the explicit transposition (N, H, W, C) -> (N, C, H, W).
  // Both sum the same products in the same order, so equality is exact.
  for (int64_t b = 0; b < n; ++b)
    for (int64_t c = 0; c < cout; ++c)
      for (int64_t y = 0; y < oh; ++y)
        for (int64_t x = 0; x < ow; ++x)
          EXPECT_EQ(outCL[((b * oh + y) * ow + x) * cout + c],
                    outCF[((b * cout + c) * oh + y) * ow + x])
              << "n=" << b << " c=" << c << " y=" << y << " x=" << x;
}

/// The gather form, written independently for the test: each output
/// position collects the taps kk with o + pb - kk*dil = i*s for an in-range
/// input i. Channels-first only, spatial dims padded to 3.
std::vector<double> gatherConvTranspose(const ConvTransposeProblem &p,
                                        llvm::ArrayRef<double> in,
                                        llvm::ArrayRef<double> w,
                                        llvm::ArrayRef<double> bias) {
  int64_t I[3] = {1, 1, 1}, K[3] = {1, 1, 1}, O[3] = {1, 1, 1};
  SpatialParams P[3];
  for (unsigned d = 0; d < p.getNumSpatialDims(); ++d) {
    I[d] = p.inputSize[d];
    K[d] = p.kernelSize[d];
    P[d] = p.params[d];
    O[d] = (I[d] - 1) * P[d].stride - P[d].padBegin - P[d].padEnd +
           P[d].dilation * (K[d] - 1) + P[d].outputPadding + 1;
  }
  const int64_t cig = p.inChannels / p.groups, cog = p.outChannels / p.groups;
  std::vector<double> out;
  for (int64_t b = 0; b < p.batch; ++b)
    for (int64_t co = 0; co < p.outChannels; ++co)
      for (int64_t o0 = 0; o0 < O[0]; ++o0)
        for (int64_t o1 = 0; o1 < O[1]; ++o1)
          for (int64_t o2 = 0; o2 < O[2]; ++o2) {
            int64_t o[3] = {o0, o1, o2};
            double acc = bias.empty() ? 0.0 : bias[co];
            int64_t grp = co / cog, oc = co % cog;
            for (int64_t ic = 0; ic < cig; ++ic)
              for (int64_t k0 = 0; k0 < K[0]; ++k0)
                for (int64_t k1 = 0; k1 < K[1]; ++k1)
                  for (int64_t k2 = 0; k2 < K[2]; ++k2) {
                    int64_t k[3] = {k0, k1, k2}, i[3];
                    bool hit = true;
                    for (int d = 0; d < 3 && hit; ++d) {
                      int64_t num = o[d] + P[d].padBegin - k[d] * P[d].dilation;
                      hit = num >= 0 && num % P[d].stride == 0 &&
                            num / P[d].stride < I[d];
                      i[d] = hit ? num / P[d].stride : 0;
                    }
                    if (!hit)
                      continue;
                    int64_t c = grp * cig + ic;
                    acc +=
                        in[(((b * p.inChannels + c) * I[0] + i[0]) * I[1] +
                            i[1]) *
                               I[2] +
                           i[2]] *
                        w[((((c * cog + oc) * K[0] + k0) * K[1] + k1) * K[2] +
                           k2)];
                  }
            out.push_back(acc);
          }
  return out;
}

TEST(ReferenceConvTranspose, MatchesIndependentGatherForm) {
  struct Case {
    std::vector<int64_t> in, k;
    std::vector<SpatialParams> params;
    int64_t cin, cout, groups, batch;
  };
  std::vector<Case> cases = {
      {{5}, {3}, {sp(3, 2, 2, 1, 2)}, 2, 3, 1, 2},
      {{4}, {4}, {sp(2, 1, 0, 5, 1)}, 4, 4, 4, 1},
      {{3, 4}, {3, 2}, {sp(2, 1, 1, 0, 1), sp(1, 2, 0, 1, 1)}, 4, 6, 2, 2},
      {{4, 3}, {2, 2}, {sp(2), sp(3, 1, 1, 2, 2)}, 3, 3, 3, 1},
      {{2, 3, 2},
       {2, 1, 3},
       {sp(2, 1, 1, 1, 1), sp(1), sp(3, 2, 2, 0, 1)},
       2,
       4,
       2,
       1},
  };
  uint64_t seed = 100;
  for (const Case &c : cases) {
    ConvTransposeProblem p =
        makeProblem(c.in, c.k, c.params, c.cin, c.cout, c.groups, c.batch);
    int64_t inElems = *getCheckedProduct(p.getInputShape());
    int64_t wElems = *getCheckedProduct(p.getWeightShape());
    std::vector<float> inF(inElems), wF(wElems), bF(c.cout);
    fillRandom(inF, seed++);
    fillRandom(wF, seed++);
    fillRandom(bF, seed++);
    std::vector<double> in = toDouble(inF), w = toDouble(wF), b = toDouble(bF);
    std::vector<double> want = gatherConvTranspose(p, in, w, b);
    std::vector<double> got = convTranspose(p, in, w, b);
    ASSERT_EQ(got.size(), want.size());
    ErrorStats stats = compareResults(want, got);
    EXPECT_FALSE(stats.hasNonFinite);
    // Only the summation order differs.
    EXPECT_LT(stats.maxAbsError, 1e-12) << "case with seed " << seed - 3;
  }
}

TEST(ReferenceConvTransposeDeathTest, WrongBufferSizeIsFatal) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  ConvTransposeProblem p = makeProblem({2}, {2}, {sp()});
  std::vector<double> in = {1, 2, 3}, w = {1, 1};
  EXPECT_DEATH(convTranspose(p, in, w, {}), "input buffer has 3 elements");
}

//===----------------------------------------------------------------------===//
// Exact integer reference
//===----------------------------------------------------------------------===//

void expectIntOutput(const ConvTransposeProblem &p,
                     const std::vector<int32_t> &in,
                     const std::vector<int32_t> &w,
                     const std::vector<int32_t> &bias, int32_t inputZeroPoint,
                     int32_t weightZeroPoint,
                     const std::vector<int64_t> &expected) {
  IntegerResult got =
      convTransposeInt(p, in, w, bias, inputZeroPoint, weightZeroPoint);
  EXPECT_EQ(got.values, expected);
  EXPECT_FALSE(got.firstUndefined.has_value());
}

TEST(ReferenceConvTransposeInt, OneDimByHand) {
  // I = 3, k = 3, s = 2, pb = 1, pe = 0, op = 1:
  // O = 2*2 - 1 - 0 + 2 + 1 + 1 = 7.
  // x = [5 -3 127], zx = 2 -> [3 -5 125]; w = [1 -2 4], zw = -1 -> [2 -1 5].
  // Input i stamps (x-zx)*(w-zw) at 2i + kk - 1 (full positions 2i + kk):
  //   full pos:  0   1   2   3   4    5    6   7
  //   i = 0:     6  -3  15
  //   i = 1:           -10   5  -25
  //   i = 2:                    250 -125  625
  //   sum:       6  -3   5   5  225 -125  625  (7: nothing, output padding)
  // pb = 1 drops full position 0; output o is full position o + 1, so
  // o = 6 is full position 7, which only the bias reaches. Bias 1000:
  //   1000 + [-3 5 5 225 -125 625 0].
  ConvTransposeProblem p = makeProblem({3}, {3}, {sp(2, 1, 1, 0, 1)});
  expectIntOutput(p, {5, -3, 127}, {1, -2, 4}, {1000}, 2, -1,
                  {997, 1005, 1005, 1225, 875, 1625, 1000});
}

TEST(ReferenceConvTransposeInt, ExtremeZeroPoints) {
  // k = 1, s = 1: out[i] = (x[i] - zx) * (w - zw).
  ConvTransposeProblem p = makeProblem({2}, {1}, {sp()});
  // u8 at zx = 255: [0 255] -> [-255 0]; w = -128 at zw = 127 -> -255.
  expectIntOutput(p, {0, 255}, {-128}, {}, 255, 127, {65025, 0});
  // i8 at zx = -128: [127 -128] -> [255 0]; w = 127 at zw = -128 -> 255.
  expectIntOutput(p, {127, -128}, {127}, {}, -128, -128, {65025, 0});
  // i8 at zx = 127: [-128 127] -> [-255 0]; w = 127 at zw = -128 -> 255.
  expectIntOutput(p, {-128, 127}, {127}, {-7}, 127, -128, {-65032, -7});
}

TEST(ReferenceConvTransposeInt, TwoGroupsShiftedByZeroPoints) {
  // ReferenceConvTranspose.TwoGroups with every input stored +10 (zx = 10)
  // and every weight stored -5 (zw = -5): the same result.
  ConvTransposeProblem p = makeProblem({2}, {2}, {sp()}, 2, 4, 2);
  expectIntOutput(
      p, {11, 12, 13, 14}, {-4, -3, -2, -1, 0, 1, 2, 3},
      {1000, 2000, 3000, 4000}, 10, -5,
      {1001, 1004, 1004, 2003, 2010, 2008, 3015, 3038, 3024, 4021, 4052, 4032});
}

TEST(ReferenceConvTransposeInt, ChannelsLastWeightConvention) {
  // Channels-last 1-D, I = 2, Cin = Cout = 2, k = 1, zx = 1, zw = 0:
  // out[pos][co] = sum_ci (in[pos][ci] - 1) * w[co][ci], weight (Cout, k,
  // Cin): w[0] = (1, 2), w[1] = (3, 4); in pos0 = (2, 3) -> (1, 2),
  // pos1 = (4, 5) -> (3, 4).
  //   pos0: co0 = 1*1 + 2*2 = 5,   co1 = 1*3 + 2*4 = 11
  //   pos1: co0 = 3*1 + 4*2 = 11,  co1 = 3*3 + 4*4 = 25
  ConvTransposeProblem p = makeProblem({2}, {1}, {sp()}, 2, 2);
  p.channelsLast = true;
  expectIntOutput(p, {2, 3, 4, 5}, {1, 2, 3, 4}, {}, 1, 0, {5, 11, 11, 25});
}

TEST(ReferenceConvTransposeInt, ReportsValuesOutsideInt32) {
  ConvTransposeProblem p = makeProblem({2}, {1}, {sp()});
  // INT32_MAX + 1 at index 1; INT32_MIN + 1 - 1 = INT32_MIN fits at 0.
  IntegerResult high = convTransposeInt(
      p, {0, 2}, {1}, {std::numeric_limits<int32_t>::max()}, 1, 0);
  EXPECT_EQ(high.values[1], int64_t(std::numeric_limits<int32_t>::max()) + 1);
  EXPECT_EQ(high.firstUndefined, std::optional<size_t>(1));
  IntegerResult low = convTransposeInt(
      p, {0, 1}, {1}, {std::numeric_limits<int32_t>::min() + 1}, 1, 0);
  EXPECT_EQ(low.values[0], std::numeric_limits<int32_t>::min());
  EXPECT_FALSE(low.firstUndefined.has_value());
  // Sums of products: 33026 channels of (-255) * (-255) = 2147515650.
  ConvTransposeProblem wide = makeProblem({1}, {1}, {sp()}, 33026, 1);
  IntegerResult sum =
      convTransposeInt(wide, std::vector<int32_t>(33026, 0),
                       std::vector<int32_t>(33026, -128), {}, 255, 127);
  EXPECT_EQ(sum.values, std::vector<int64_t>{2147515650});
  EXPECT_EQ(sum.firstUndefined, std::optional<size_t>(0));
}

TEST(ReferenceConvTransposeIntDeathTest, NonByteValuesAreFatal) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  ConvTransposeProblem p = makeProblem({1}, {1}, {sp()});
  EXPECT_DEATH(convTransposeInt(p, {256}, {1}, {}, 0, 0),
               "input values and zero point must be 8-bit");
  EXPECT_DEATH(convTransposeInt(p, {1}, {1}, {}, 0, -129),
               "weight values and zero point must be 8-bit");
}

//===----------------------------------------------------------------------===//
// rescale (TOSA RESCALE)
//===----------------------------------------------------------------------===//

/// Per-tensor 32-bit parameters: i32 in, i8 out.
RescaleParams rescaleParams(int32_t multiplier, int32_t shift) {
  RescaleParams params;
  params.multipliers = {multiplier};
  params.shifts = {shift};
  return params;
}

TEST(ReferenceRescale, SingleRoundIsHalfUpThenSaturates) {
  // x 0.5: 3 -> 1.5 -> 2, -3 -> -1.5 -> -1, 5 -> 3; 300 -> 150 and -300 ->
  // -150 saturate to i8.
  IntegerResult got =
      rescale(rescaleParams(1 << 30, 31), {3, -3, 5, 300, -300});
  EXPECT_EQ(got.values, (std::vector<int64_t>{2, -1, 3, 127, -128}));
  EXPECT_FALSE(got.firstUndefined.has_value());
}

TEST(ReferenceRescale, DoubleRoundRoundsAtBit31First) {
  // x 2^-10. 511 * 2^-10 is below one half, but DOUBLE_ROUND first rounds
  // 511 * 2^-1 = 255.5 to 256 (bit 31), then 256 * 2^-9 = 0.5 up to 1;
  // -512 * 2^-10 = -0.5 rounds up to 0 once, away from zero twice.
  RescaleParams params = rescaleParams(1 << 30, 40);
  std::vector<int64_t> input = {511, -511, 512, -512, -513};
  EXPECT_EQ(rescale(params, input).values,
            (std::vector<int64_t>{0, 0, 1, 0, -1}));
  params.doubleRound = true;
  EXPECT_EQ(rescale(params, input).values,
            (std::vector<int64_t>{1, 0, 1, -1, -1}));
  // Below a shift of 32 it is SINGLE_ROUND.
  params.shifts = {31};
  EXPECT_EQ(rescale(params, {3, -3}).values, (std::vector<int64_t>{2, -1}));
}

TEST(ReferenceRescale, UnsignedValuesAndZeroPoints) {
  // u8 in with zero point 128 (stored -1 is 255), x 1, u8 out with zero
  // point 128: 255 -> 127 -> 255, 0 -> -128 -> 0, 100 -> -28 -> 100.
  RescaleParams params = rescaleParams(1 << 30, 30);
  params.inputBits = 8;
  params.inputUnsigned = true;
  params.inputZeroPoint = 128;
  params.outputUnsigned = true;
  params.outputZeroPoint = -128;
  EXPECT_EQ(rescale(params, {-1, 0, 100}).values,
            (std::vector<int64_t>{255, 0, 100}));
  // Signed out: 127 + zero point 10 saturates at 127.
  params.outputUnsigned = false;
  params.outputZeroPoint = 10;
  EXPECT_EQ(rescale(params, {-1, 0}).values, (std::vector<int64_t>{127, -118}));
}

TEST(ReferenceRescale, PerChannelUsesTheInnermostDim) {
  RescaleParams params;
  params.multipliers = {1 << 30, 3 << 29};
  params.shifts = {30, 30};
  params.perChannel = true;
  EXPECT_EQ(rescale(params, {10, 10, -10, -10}).values,
            (std::vector<int64_t>{10, 15, -10, -15}));
}

TEST(ReferenceRescale, Scale16ToInt32) {
  RescaleParams params = rescaleParams(32767, 15);
  params.scale32 = false;
  params.outputBits = 32;
  EXPECT_EQ(rescale(params, {1, 100000, -100000}).values,
            (std::vector<int64_t>{1, 99997, -99997}));
  // Its result must fit in int32: from i48, 2^46 * 32767 >> 15 does not.
  params.inputBits = 48;
  EXPECT_EQ(rescale(params, {int64_t(1) << 46}).firstUndefined,
            std::optional<size_t>(0));
}

TEST(ReferenceRescale, ReportsValuesOutsideTheShiftsRange) {
  // apply_scale_32 requires -2^(shift-1) <= value < 2^(shift-1): with
  // shift 2, 2 and -3 have no defined result.
  IntegerResult got = rescale(rescaleParams(1, 2), {1, -2, 2, -3});
  EXPECT_EQ(got.firstUndefined, std::optional<size_t>(2));
}

TEST(ReferenceRescaleDeathTest, InvalidParametersAreFatal) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(rescale(rescaleParams(-1, 30), {1}), "multipliers must be in");
  EXPECT_DEATH(rescale(rescaleParams(1, 63), {1}), "shifts in \\[2, 62\\]");
  RescaleParams perChannel = rescaleParams(1, 30);
  perChannel.perChannel = true;
  perChannel.multipliers = {1, 1};
  perChannel.shifts = {30, 30};
  EXPECT_DEATH(rescale(perChannel, {1, 2, 3}), "one value per channel");
}

//===----------------------------------------------------------------------===//
// ErrorStats
//===----------------------------------------------------------------------===//

TEST(ReferenceErrorStats, Identical) {
  std::vector<double> a = {1, -3, 2};
  ErrorStats s = compareResults(a, a);
  EXPECT_EQ(s.count, 3u);
  EXPECT_EQ(s.maxAbsError, 0.0);
  EXPECT_EQ(s.maxRelError, 0.0);
  EXPECT_EQ(s.maxAbsExpected, 3.0);
  EXPECT_FALSE(s.hasNonFinite);
}

TEST(ReferenceErrorStats, NormwiseRelativeError) {
  // Errors 0.5, 0, 0.25 -> max 0.5 at index 0; max |expected| = 4;
  // relative = 0.5 / 4 = 0.125 (normwise, not |0.5 / 1|).
  ErrorStats s = compareD({1, -4, 2}, {1.5, -4, 2.25});
  EXPECT_EQ(s.maxAbsError, 0.5);
  EXPECT_EQ(s.maxAbsExpected, 4.0);
  EXPECT_EQ(s.maxRelError, 0.125);
  EXPECT_EQ(s.worstIndex, 0u);
  EXPECT_EQ(s.count, 3u);

  // Ties keep the first index: errors 0, 1, 1.
  EXPECT_EQ(compareD({0, 0, 0}, {0, 1, -1}).worstIndex, 1u);

  // float overload: error 2^-3 = 0.125 exactly at index 1, max |exp| = 2.
  std::vector<float> actual = {2.0f, 1.125f};
  ErrorStats f = compareResults({2, 1}, llvm::ArrayRef<float>(actual));
  EXPECT_EQ(f.maxAbsError, 0.125);
  EXPECT_EQ(f.maxRelError, 0.0625);
  EXPECT_EQ(f.worstIndex, 1u);
}

TEST(ReferenceErrorStats, ZeroExpectedUsesFloor) {
  // max |expected| = 0, so the denominator is 1e-30: 1e-31 / 1e-30 = 0.1.
  ErrorStats s = compareD({0, 0}, {0, 1e-31});
  EXPECT_EQ(s.maxAbsError, 1e-31);
  EXPECT_DOUBLE_EQ(s.maxRelError, 0.1);
  EXPECT_EQ(s.worstIndex, 1u);
}

TEST(ReferenceErrorStats, Empty) {
  ErrorStats s =
      compareResults(llvm::ArrayRef<double>(), llvm::ArrayRef<double>());
  EXPECT_EQ(s.count, 0u);
  EXPECT_EQ(s.maxAbsError, 0.0);
  EXPECT_EQ(s.maxRelError, 0.0);
  EXPECT_FALSE(s.hasNonFinite);
}

TEST(ReferenceErrorStats, NonFinite) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  // A NaN must not hide behind a larger finite error at another index.
  ErrorStats s = compareD({1, 2, 3}, {1, nan, 100});
  EXPECT_TRUE(s.hasNonFinite);
  EXPECT_TRUE(std::isinf(s.maxAbsError));
  EXPECT_TRUE(std::isinf(s.maxRelError));
  EXPECT_EQ(s.worstIndex, 1u);
  EXPECT_EQ(s.maxAbsExpected, 3.0);

  ErrorStats i = compareD({1, 2}, {-inf, 2});
  EXPECT_TRUE(i.hasNonFinite);
  EXPECT_TRUE(std::isinf(i.maxRelError));
  EXPECT_EQ(i.worstIndex, 0u);

  std::vector<float> f = {0.0f, std::numeric_limits<float>::quiet_NaN()};
  ErrorStats fs = compareResults({0, 0}, llvm::ArrayRef<float>(f));
  EXPECT_TRUE(fs.hasNonFinite);
  EXPECT_EQ(fs.worstIndex, 1u);
}

//===----------------------------------------------------------------------===//
// fillRandom
//===----------------------------------------------------------------------===//

TEST(ReferenceFillRandom, DeterministicAndInRange) {
  std::vector<float> a(4096), b(4096), c(4096);
  fillRandom(a, 42);
  fillRandom(b, 42);
  fillRandom(c, 43);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  double sum = 0;
  float lo = 1, hi = -1;
  for (float v : a) {
    EXPECT_GE(v, -1.0f);
    EXPECT_LT(v, 1.0f);
    // Every value is k * 2^-23 - 1 for an integer k.
    double k = (static_cast<double>(v) + 1.0) * 8388608.0;
    EXPECT_EQ(k, std::floor(k));
    sum += v;
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  // Uniform on [-1, 1): mean 0 with std 1/sqrt(3*4096) ~ 0.009.
  EXPECT_LT(std::fabs(sum / a.size()), 0.05);
  EXPECT_LT(lo, -0.99f);
  EXPECT_GT(hi, 0.99f);
}

TEST(ReferenceFillRandom, PinnedSplitMix64Sequence) {
  // splitmix64 from state 0 first yields 0xe220a8397b1dcdaf (the published
  // reference value). Its top 24 bits are 0xe220a8 = 14819496, so the first
  // value is 14819496 * 2^-23 - 1 = 6430888 / 8388608.
  std::vector<float> v(2);
  fillRandom(v, 0);
  EXPECT_EQ(v[0], static_cast<float>(6430888.0 / 8388608.0));
}

TEST(ReferenceFillRandom, IntegersPinnedAndInRange) {
  // The same first splitmix64 value, 0xe220a8397b1dcdaf, mod 256 = 0xaf = 175:
  // 175 - 128 = 47 in [-128, 127].
  std::vector<int32_t> v(1);
  fillRandomIntegers(v, 0, -128, 127);
  EXPECT_EQ(v[0], 47);
  // Every value of a small range turns up, and nothing outside it.
  std::vector<int32_t> bytes(4096);
  fillRandomIntegers(bytes, 5, 0, 255);
  std::vector<bool> seen(256, false);
  for (int32_t b : bytes) {
    ASSERT_GE(b, 0);
    ASSERT_LE(b, 255);
    seen[b] = true;
  }
  EXPECT_TRUE(llvm::all_of(seen, [](bool s) { return s; }));
  // The full int32 range does not overflow the range size.
  fillRandomIntegers(bytes, 6, std::numeric_limits<int32_t>::min(),
                     std::numeric_limits<int32_t>::max());
}

//===----------------------------------------------------------------------===//
// Geometry
//===----------------------------------------------------------------------===//

TEST(Geometry, OutputSize) {
  // (2-1)*1 + 2 + 1 = 4.
  EXPECT_EQ(getOutputSize(2, 3, sp()), 4);
  // PyTorch: (3-1)*2 - 2*1 + 1*(3-1) + 1 + 1 = 6.
  EXPECT_EQ(getOutputSize(3, 3, sp(2, 1, 1, 1, 1)), 6);
  // Dilation: 1 + 3*1 + 1 = 5.
  EXPECT_EQ(getOutputSize(2, 2, sp(1, 3)), 5);
  // Asymmetric: 4 - 2 - 0 + 2 + 1 = 5.
  EXPECT_EQ(getOutputSize(3, 3, sp(2, 1, 2, 0)), 5);
  // Results < 1 are returned, not rejected: 0 - 1 - 1 + 0 + 1 = -1.
  EXPECT_EQ(getOutputSize(1, 1, sp(1, 1, 1, 1)), -1);
}

TEST(Geometry, OutputSizeOverflow) {
  // (3-1) * INT64_MAX overflows.
  EXPECT_EQ(getOutputSize(3, 1, sp(kMax)), std::nullopt);
  // 1 * INT64_MAX + 0 + 1 overflows only in the final + 1.
  EXPECT_EQ(getOutputSize(2, 1, sp(kMax)), std::nullopt);
  // ... and a padding of 1 brings it back to exactly INT64_MAX.
  EXPECT_EQ(getOutputSize(2, 1, sp(kMax, 1, 1, 0)), kMax);
  // dil * (k - 1) overflows.
  EXPECT_EQ(getOutputSize(1, 3, sp(1, kMax)), std::nullopt);
  // 0 - INT64_MAX - INT64_MAX underflows.
  EXPECT_EQ(getOutputSize(1, 1, sp(1, 1, kMax, kMax)), std::nullopt);
  EXPECT_EQ(getDilatedKernelExtent(3, 2), 4);
  EXPECT_EQ(getDilatedKernelExtent(3, kMax), std::nullopt);

  // The problem-level helpers reject the same overflow and sizes < 1.
  ConvTransposeProblem big = makeProblem({3}, {1}, {sp(kMax)});
  EXPECT_EQ(big.getOutputSizes(), std::nullopt);
  EXPECT_EQ(big.getOutputShape(), std::nullopt);
  ConvTransposeProblem empty = makeProblem({1}, {1}, {sp(1, 1, 1, 0)});
  EXPECT_EQ(empty.getOutputSizes(), std::nullopt); // O = 0.
}

TEST(Geometry, ClassicPadding) {
  // k = 3, dil = 1, pb = pe = 1, op = 1: begin = 2 - 1 = 1, end = 2 - 1 + 1
  // = 2.
  std::optional<ClassicPadding> a = getClassicPadding(3, sp(2, 1, 1, 1, 1));
  ASSERT_TRUE(a);
  EXPECT_EQ(a->begin, 1);
  EXPECT_EQ(a->end, 2);
  // k = 3, dil = 2: extent 4; pb = 0, pe = 3, op = 1 -> begin 4, end 2.
  std::optional<ClassicPadding> b = getClassicPadding(3, sp(2, 2, 0, 3, 1));
  ASSERT_TRUE(b);
  EXPECT_EQ(b->begin, 4);
  EXPECT_EQ(b->end, 2);
  // k = 2, pb = 3, pe = 2: begin 1 - 3 = -2, end 1 - 2 = -1 (crops).
  std::optional<ClassicPadding> c = getClassicPadding(2, sp(2, 1, 3, 2));
  ASSERT_TRUE(c);
  EXPECT_EQ(c->begin, -2);
  EXPECT_EQ(c->end, -1);
  EXPECT_EQ(getClassicPadding(3, sp(1, kMax)), std::nullopt);
  EXPECT_EQ(
      getClassicPadding(1, sp(1, 1, 0, std::numeric_limits<int64_t>::min())),
      std::nullopt);
}

TEST(Geometry, ZeroInsertionPlacementCrops) {
  // s = 2, begin = -3, end = -1. Input i lands at -3 + 2i: -3, -1, 1, ...
  // so the first kept is i = 2, at offset 1. The padded tensor ends one
  // position before the last input's position, so one input is dropped.
  ZeroInsertionPlacement a = getZeroInsertionPlacement(sp(2), {-3, -1});
  EXPECT_EQ(a.firstInput, 2);
  EXPECT_EQ(a.offset, 1);
  EXPECT_EQ(a.droppedAtEnd, 1);
  EXPECT_EQ(a.keptCount(5), 2);
  // s = 2, begin = -4, end = -2: i = 2 lands at 0; the tensor ends two
  // positions early, which cuts only the last input (the one before it is
  // exactly at the new end).
  ZeroInsertionPlacement b = getZeroInsertionPlacement(sp(2), {-4, -2});
  EXPECT_EQ(b.firstInput, 2);
  EXPECT_EQ(b.offset, 0);
  EXPECT_EQ(b.droppedAtEnd, 1);
  // s = 3, begin = -1, end = -4: first kept i = 1 at 2; ceil(4/3) = 2 dropped.
  ZeroInsertionPlacement c = getZeroInsertionPlacement(sp(3), {-1, -4});
  EXPECT_EQ(c.firstInput, 1);
  EXPECT_EQ(c.offset, 2);
  EXPECT_EQ(c.droppedAtEnd, 2);
  EXPECT_EQ(c.keptCount(2), -1); // Everything cropped.
  // Non-negative padding keeps everything.
  ZeroInsertionPlacement d = getZeroInsertionPlacement(sp(2), {2, 3});
  EXPECT_EQ(d.firstInput, 0);
  EXPECT_EQ(d.offset, 2);
  EXPECT_EQ(d.droppedAtEnd, 0);
  EXPECT_EQ(d.keptCount(4), 4);
}

TEST(Geometry, ZeroInsertionPlacementBruteForce) {
  // Lay the padded, zero-inserted tensor out explicitly and find which
  // inputs survive; the closed form must agree.
  for (int64_t s = 1; s <= 4; ++s)
    for (int64_t begin = -7; begin <= 3; ++begin)
      for (int64_t end = -7; end <= 3; ++end)
        for (int64_t size = 1; size <= 5; ++size) {
          int64_t length = begin + (size - 1) * s + 1 + end;
          int64_t first = -1, last = -1;
          for (int64_t i = 0; i < size; ++i) {
            int64_t pos = begin + i * s;
            if (pos >= 0 && pos < length) {
              if (first < 0)
                first = i;
              last = i;
            }
          }
          ZeroInsertionPlacement pl =
              getZeroInsertionPlacement(sp(s), {begin, end});
          SCOPED_TRACE(testing::Message() << "s=" << s << " begin=" << begin
                                          << " end=" << end << " I=" << size);
          if (first < 0) {
            EXPECT_LE(pl.keptCount(size), 0);
            continue;
          }
          EXPECT_EQ(pl.firstInput, first);
          EXPECT_EQ(pl.offset, begin + first * s);
          EXPECT_EQ(pl.droppedAtEnd, size - 1 - last);
          EXPECT_EQ(pl.keptCount(size), last - first + 1);
        }
}

TEST(Geometry, SubPixelTapCount) {
  // U = floor(dil * (k - 1) / s) + 1.
  EXPECT_EQ(getSubPixelTapCount(4, sp(2)), 2);    // k == 2s: no zero tap
  EXPECT_EQ(getSubPixelTapCount(3, sp(2)), 2);    // 2 x 2 slots, 3 taps
  EXPECT_EQ(getSubPixelTapCount(2, sp(4)), 1);    // k < s
  EXPECT_EQ(getSubPixelTapCount(3, sp(2, 2)), 3); // dilation: 0, 2, 4
  EXPECT_EQ(getSubPixelTapCount(1, sp(kMax)), 1);
  // One more than the largest block offset floor(kk * dil / s) of a tap,
  // as getSubPixelGeometry has it.
  for (int64_t k = 1; k <= 6; ++k)
    for (int64_t s = 1; s <= 5; ++s)
      for (int64_t dil = 1; dil <= 4; ++dil) {
        int64_t taps = 0;
        for (int64_t kk = 0; kk < k; ++kk)
          taps = std::max(taps, kk * dil / s + 1);
        EXPECT_EQ(getSubPixelTapCount(k, sp(s, dil)), taps)
            << "k=" << k << " s=" << s << " dil=" << dil;
        EXPECT_EQ(getSubPixelGeometry(k, sp(s, dil), 8).numTaps, taps);
      }
  // dil * (k - 1) overflows; or it fits and the + 1 does not.
  EXPECT_EQ(getSubPixelTapCount(3, sp(2, kMax)), std::nullopt);
  EXPECT_EQ(getSubPixelTapCount(2, sp(1, kMax)), std::nullopt);
  EXPECT_EQ(getSubPixelTapCount(2, sp(2, kMax)), kMax / 2 + 1);
}

TEST(Geometry, FloorCeilDiv) {
  EXPECT_EQ(floorDiv(7, 2), 3);
  EXPECT_EQ(ceilDiv(7, 2), 4);
  EXPECT_EQ(floorDiv(-7, 2), -4);
  EXPECT_EQ(ceilDiv(-7, 2), -3);
  EXPECT_EQ(floorDiv(-6, 3), -2);
  EXPECT_EQ(ceilDiv(-6, 3), -2);
  EXPECT_EQ(floorDiv(-1, 5), -1);
  EXPECT_EQ(ceilDiv(-1, 5), 0);
  EXPECT_EQ(ceilDiv(1, 5), 1);
  EXPECT_EQ(floorDiv(0, 5), 0);
  EXPECT_EQ(ceilDiv(0, 5), 0);
  const int64_t kMin = std::numeric_limits<int64_t>::min();
  EXPECT_EQ(floorDiv(kMin, 2), kMin / 2);
  EXPECT_EQ(ceilDiv(kMax, 2), kMax / 2 + 1);
  EXPECT_EQ(floorDiv(kMin + 1, 2), kMin / 2);
}

TEST(Geometry, UsefulMacsAndShapes) {
  // N * Cin * prod(I) * (Cout / G) * prod(k) = 2 * 4 * 12 * 3 * 6 = 1728.
  ConvTransposeProblem p = makeProblem(
      {3, 4}, {3, 2}, {sp(2, 1, 1, 0, 1), sp(1, 2, 0, 1, 1)}, 4, 6, 2, 2);
  EXPECT_EQ(p.getUsefulMacs(), 1728);
  EXPECT_EQ(p.getInputShape(), (llvm::SmallVector<int64_t>{2, 4, 3, 4}));
  EXPECT_EQ(p.getWeightShape(), (llvm::SmallVector<int64_t>{4, 3, 3, 2}));
  EXPECT_EQ(p.getOutputShape(), (llvm::SmallVector<int64_t>{2, 6, 7, 6}));
  p.channelsLast = true;
  EXPECT_EQ(p.getInputShape(), (llvm::SmallVector<int64_t>{2, 3, 4, 4}));
  EXPECT_EQ(p.getWeightShape(), (llvm::SmallVector<int64_t>{6, 3, 2, 2}));
  EXPECT_EQ(p.getOutputShape(), (llvm::SmallVector<int64_t>{2, 7, 6, 6}));

  ConvTransposeProblem big = makeProblem({3}, {1}, {sp()}, 3, 1);
  big.batch = kMax / 2;
  EXPECT_EQ(big.getUsefulMacs(), std::nullopt);

  EXPECT_EQ(getCheckedProduct({}), 1);
  EXPECT_EQ(getCheckedProduct({3, 5, 7}), 105);
  EXPECT_EQ(getCheckedProduct({kMax, 2}), std::nullopt);
}

} // namespace

// An empty batch is valid and gives an empty output (as in PyTorch).
TEST(ReferenceTest, EmptyBatch) {
  ConvTransposeProblem p;
  p.batch = 0;
  p.inChannels = 2;
  p.outChannels = 3;
  p.inputSize = {4};
  p.kernelSize = {3};
  p.params = {SpatialParams{}};
  std::vector<double> weight(2 * 3 * 3, 1.0);
  std::vector<double> out =
      mlir::tconv::reference::convTranspose(p, {}, weight, {});
  EXPECT_TRUE(out.empty());
}
