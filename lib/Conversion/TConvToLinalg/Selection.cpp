//===- Selection.cpp - Choosing the lowering algorithm --------------------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// The cost model of algorithm=auto, in one place:
// - all strides 1: zero insertion inserts nothing; it is a plain convolution
//   and handles dynamic sizes;
// - else, with static spatial sizes, the unrolled phases when there are few
//   (at most kMaxPhasesPreferred) and each has enough output channels to
//   fill a register tile (kMinPhaseChannels): measured fastest on DCGAN and
//   U-Net layers (no shuffle pass, no scattered weight);
// - else, with groups == 1, the sub-pixel convolution when the zero taps it
//   adds (k not a multiple of s) cost at most kMaxSubPixelWaste times the
//   useful work: one large convolution with s^d times more channels (fastest
//   on the vocoder, RGB-output and FCN layers), and IR that does not grow
//   with the number of phases;
// - else the unrolled phases, when they make at most kMaxUnrolledConvolutions
//   convolutions (phases times the groups split into convolutions of their
//   own): the IR and compile time grow with their number (3-D, strides 4:
//   64 phases took 22 s to compile, and 150 s with 3 groups split);
// - else the sub-pixel convolution whatever its waste (at most about
//   prod(s / k) where k < s, less than zero insertion's prod(s));
// - else zero insertion.
//
//===----------------------------------------------------------------------===//

#include "Common.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/CheckedArithmetic.h"

#include <limits>

using namespace mlir;
using namespace mlir::tconv;
using namespace mlir::tconv::lowering;

static constexpr int64_t kMaxPhasesPreferred = 4;
static constexpr int64_t kMinPhaseChannels = 32;
static constexpr double kMaxSubPixelWaste = 1.5;

/// Multiplications of the sub-pixel convolution per useful one:
/// prod(U_i * s_i / k_i), U_i = floor((k_i - 1) * dil_i / s_i) + 1.
static double getSubPixelWaste(const ConvTransposeInfo &info) {
  double waste = 1;
  for (auto [k, p] : llvm::zip_equal(info.kernelSizes, info.params)) {
    int64_t taps = floorDiv((k - 1) * p.dilation, p.stride) + 1;
    waste *= double(taps) * double(p.stride) / double(k);
  }
  return waste;
}

/// algorithm=gemm: stamps must not overlap, so that every phase is a 1x1
/// convolution (a matrix multiplication); then sub-pixel runs them as one
/// (groups 1, k == s everywhere), else the phases run one by one.
static FailureOr<LoweringAlgorithm>
selectGemm(ConvTransposeOp op, const ConvTransposeInfo &info,
           llvm::function_ref<void(const Twine &)> reportFailure) {
  bool kernelIsStride = true;
  for (auto [k, p] : llvm::zip_equal(info.kernelSizes, info.params)) {
    kernelIsStride &= k == p.stride && p.dilation == 1;
    if ((k != p.stride || p.dilation != 1) && k != 1) {
      reportFailure("algorithm=gemm needs stamps that do not overlap: "
                    "kernel == stride with dilation 1, or kernel 1, in every "
                    "dim (got kernel " +
                    Twine(k) + ", stride " + Twine(p.stride) + ", dilation " +
                    Twine(p.dilation) + ")");
      return failure();
    }
  }
  if (failed(checkPhaseDecomposable(op, info, reportFailure)))
    return failure();
  auto ignore = [](const Twine &) {};
  if (kernelIsStride && succeeded(checkSubPixelApplicable(op, info, ignore)))
    return LoweringAlgorithm::SubPixel;
  return LoweringAlgorithm::Phase;
}

FailureOr<LoweringAlgorithm> mlir::tconv::selectLoweringAlgorithm(
    ConvTransposeOp op, const ConvertTConvToLinalgOptions &options,
    llvm::function_ref<void(const Twine &)> reportFailure) {
  FailureOr<ConvTransposeInfo> info =
      getConvTransposeInfo(op, options.channelsLastCompute, reportFailure);
  if (failed(info))
    return failure();
  switch (options.algorithm) {
  case LoweringAlgorithm::ZeroInsertion:
    return LoweringAlgorithm::ZeroInsertion;
  case LoweringAlgorithm::Phase:
    if (failed(checkPhaseDecomposable(op, *info, reportFailure)))
      return failure();
    return LoweringAlgorithm::Phase;
  case LoweringAlgorithm::SubPixel:
    if (failed(checkSubPixelApplicable(op, *info, reportFailure)))
      return failure();
    return LoweringAlgorithm::SubPixel;
  case LoweringAlgorithm::Gemm:
    return selectGemm(op, *info, reportFailure);
  case LoweringAlgorithm::Auto:
    break;
  }

  auto ignore = [](const Twine &) {};
  bool unitStrides = llvm::all_of(
      info->params, [](const SpatialParams &p) { return p.stride == 1; });
  if (unitStrides || failed(checkPhaseDecomposable(op, *info, ignore)))
    return LoweringAlgorithm::ZeroInsertion;
  // Huge strides mean many phases, not an int64 overflow.
  int64_t phases =
      getCheckedProduct(
          llvm::map_to_vector(info->params,
                              [](const SpatialParams &p) { return p.stride; }))
          .value_or(std::numeric_limits<int64_t>::max());
  int64_t convolutions =
      llvm::checkedMul(phases, getGroupSplitFactor(*info))
          .value_or(std::numeric_limits<int64_t>::max());
  if (phases <= kMaxPhasesPreferred &&
      info->getOutChannelsPerGroup() >= kMinPhaseChannels &&
      convolutions <= kMaxUnrolledConvolutions)
    return LoweringAlgorithm::Phase;
  bool subPixel = succeeded(checkSubPixelApplicable(op, *info, ignore));
  if (subPixel && getSubPixelWaste(*info) <= kMaxSubPixelWaste)
    return LoweringAlgorithm::SubPixel;
  if (convolutions <= kMaxUnrolledConvolutions)
    return LoweringAlgorithm::Phase;
  return subPixel ? LoweringAlgorithm::SubPixel
                  : LoweringAlgorithm::ZeroInsertion;
}

LogicalResult
ConvTransposeLoweringPattern::matchAndRewrite(ConvTransposeOp op,
                                              PatternRewriter &rewriter) const {
  auto report = [&](const Twine &reason) {
    (void)rewriter.notifyMatchFailure(op, reason);
  };
  FailureOr<LoweringAlgorithm> selected =
      selectLoweringAlgorithm(op, options, report);
  if (failed(selected) || *selected != algorithm)
    return failure();
  // Selection checked applicability: the info exists.
  ConvTransposeInfo info =
      *getConvTransposeInfo(op, options.channelsLastCompute, report);
  Location loc = op.getLoc();
  Value input = op.getInput();
  if (info.needsLayoutChange())
    input = transposeActivation(rewriter, loc, input, info.channelsLast);
  Value result = lower(op, info, input, rewriter);
  result = castToElementType(rewriter, loc, result, info);
  if (info.needsLayoutChange())
    result = transposeActivation(rewriter, loc, result, info.opChannelsLast);
  rewriter.replaceOp(op, result);
  return success();
}

void mlir::tconv::populateTConvToLinalgPatterns(
    RewritePatternSet &patterns, const ConvertTConvToLinalgOptions &options) {
  addZeroInsertionPattern(patterns, options);
  addPhasePattern(patterns, options);
  addSubPixelPattern(patterns, options);
}
