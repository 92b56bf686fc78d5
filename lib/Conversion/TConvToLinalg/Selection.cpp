//===- Selection.cpp - Choosing the lowering algorithm --------------------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// How each tconv.conv_transpose gets its lowering algorithm. This comment
// is the one full description of algorithm=auto's cost model; Passes.td,
// README.md and docs/architecture.md only summarize it and point here.
//
// A forced algorithm (zero-insertion, phase, subpixel) lowers every op it
// applies to and is an error, with the reason, on the others; gemm is
// described at selectGemm.
//
// algorithm=auto takes, per op, the first rule that matches, with prod(s)
// phases (huge strides saturate: many phases, not an int64 overflow):
// 1. zero insertion when every stride is 1 (it inserts nothing: a plain
//    convolution) or a spatial size of the input is dynamic (the other
//    algorithms need static ones);
// 2. the phases when there are at most kMaxPhasesPreferred (4), each has
//    at least kMinPhaseChannelVectors (2) vectors of the target's f32 lanes
//    in output channels per group (32 on AVX-512, 16 on AVX2, 8 on NEON:
//    enough to fill a register tile's channels), and they make at most
//    kMaxUnrolledConvolutions convolutions (as in rule 4): measured fastest
//    on DCGAN and U-Net layers (no pixel shuffle, no scattered weight);
// 3. the sub-pixel convolution when it applies (checkSubPixelApplicable:
//    groups == 1, the channels-last compute layout, a non-empty batch,
//    sizes within int64) and the zero taps it adds cost at most
//    kMaxSubPixelWaste (1.5) times the useful work: its multiplications
//    per useful one are prod(U_i * s_i / k_i) with U_i the sub-pixel taps
//    of dim i (getSubPixelTapCount), more than 1 where k is not a multiple
//    of s or with dilation. One large convolution with prod(s) times the
//    output channels (fastest on the vocoder, RGB-output and FCN layers),
//    whose IR does not grow with the number of phases;
// 4. the phases when they make at most kMaxUnrolledConvolutions (16,
//    Common.h) convolutions: the phases times getGroupSplitFactor (the
//    groups when the lowering splits them into convolutions of their own,
//    else 1). The IR and compile time grow with their number (3-D,
//    strides 4: 64 phases took 22 s to compile, and 150 s with 3 groups
//    split);
// 5. the sub-pixel convolution when it applies, whatever its waste (with
//    dilation 1 it is ceil(k/s) * s / k per dim, never above zero
//    insertion's waste of about s);
// 6. zero insertion.
//
//===----------------------------------------------------------------------===//

#include "Common.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/CheckedArithmetic.h"

#include <limits>

using namespace mlir;
using namespace mlir::tconv;
using namespace mlir::tconv::lowering;

/// Rule 2: at most this many phases ...
static constexpr int64_t kMaxPhasesPreferred = 4;
/// ... each with at least this many vectors of output channels per group.
static constexpr int64_t kMinPhaseChannelVectors = 2;
/// Rule 3: the most sub-pixel multiplications per useful one.
static constexpr double kMaxSubPixelWaste = 1.5;

/// Multiplications of the sub-pixel convolution per useful one:
/// prod(U_i * s_i / k_i), U_i = getSubPixelTapCount (infinite when it
/// overflows).
static double getSubPixelWaste(const ConvTransposeInfo &info) {
  double waste = 1;
  for (auto [k, p] : llvm::zip_equal(info.kernelSizes, info.params)) {
    std::optional<int64_t> taps = getSubPixelTapCount(k, p);
    if (!taps)
      return std::numeric_limits<double>::infinity();
    waste *= double(*taps) * double(p.stride) / double(k);
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
    const TargetModel &target,
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
  int64_t convolutions = llvm::checkedMul(phases, getGroupSplitFactor(*info))
                             .value_or(std::numeric_limits<int64_t>::max());
  if (phases <= kMaxPhasesPreferred &&
      info->getOutChannelsPerGroup() >=
          kMinPhaseChannelVectors * target.getLanes(32) &&
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

/// Sets the unit attribute `name` on the convolutions from `begin` to `end`
/// (excluded) in a block.
static void markConvolutions(Operation *begin, Operation *end, StringRef name) {
  for (Operation &op :
       llvm::make_range(begin->getIterator(), end->getIterator()))
    if (auto linalgOp = dyn_cast<linalg::LinalgOp>(op);
        linalgOp && linalg::isaConvolutionOpInterface(linalgOp))
      op.setAttr(name, UnitAttr::get(op.getContext()));
}

LogicalResult
ConvTransposeLoweringPattern::matchAndRewrite(ConvTransposeOp op,
                                              PatternRewriter &rewriter) const {
  auto report = [&](const Twine &reason) {
    (void)rewriter.notifyMatchFailure(op, reason);
  };
  FailureOr<LoweringAlgorithm> selected =
      selectLoweringAlgorithm(op, options, target, report);
  if (failed(selected) || *selected != algorithm)
    return failure();
  // Selection checked applicability: the info exists.
  ConvTransposeInfo info =
      *getConvTransposeInfo(op, options.channelsLastCompute, report);
  Location loc = op.getLoc();
  // The ops made here go between `previous` and `op`.
  Operation *previous = op->getPrevNode();
  Value input = op.getInput();
  if (info.needsLayoutChange())
    input = transposeActivation(rewriter, loc, input, info.channelsLast);
  if (cast<RankedTensorType>(input.getType())
          .getElementType()
          .isUnsignedInteger())
    input = shiftUnsignedToSigned(rewriter, loc, input);
  if (info.rowStride > 1)
    input = insertZerosAlongRows(rewriter, loc, input, info);
  Lowered lowered = lower(op, info, input, rewriter);
  Value result = castToElementType(rewriter, loc, lowered.result, info);
  if (info.needsLayoutChange() && !lowered.inOpLayout)
    result = transposeActivation(rewriter, loc, result, info.opChannelsLast);
  if (op->hasAttr(TConvDialect::kNarrowWeightsAttrName))
    markConvolutions(previous ? previous->getNextNode()
                              : &op->getBlock()->front(),
                     op, TConvDialect::kNarrowWeightsAttrName);
  rewriter.replaceOp(op, result);
  return success();
}

void mlir::tconv::populateTConvToLinalgPatterns(
    RewritePatternSet &patterns, const ConvertTConvToLinalgOptions &options,
    const TargetModel &target) {
  addZeroInsertionPattern(patterns, options, target);
  addPhasePattern(patterns, options, target);
  addSubPixelPattern(patterns, options, target);
}
