//===- Common.h - Pieces shared by the conv_transpose lowerings -*- C++ -*-===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// Building blocks every lowering algorithm of tconv.conv_transpose needs:
// output sizes as IR values, the weight rearranged (and flipped) into the
// layout a convolution expects, the bias-initialised accumulator, and the
// final cast back to the op's element type.
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_LIB_CONVERSION_TCONVTOLINALG_COMMON_H
#define TCONV_LIB_CONVERSION_TCONVTOLINALG_COMMON_H

#include "tconv/Conversion/Passes.h"
#include "tconv/Dialect/TConv/IR/TConvOps.h"

#include "mlir/Dialect/Utils/ReshapeOpsUtils.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::tconv::lowering {

/// One dimension of a rearranged weight: which logical index it walks.
struct WeightDim {
  enum Kind { Group, OutChannel, InChannel, Tap } kind;
  unsigned spatialDim = 0; // for Tap
  static WeightDim tap(unsigned i) { return {Tap, i}; }
};

/// The quantities of `op` that every lowering needs, with defaults filled in.
struct ConvTransposeInfo {
  unsigned numSpatialDims;
  /// The op's layout, that of its input, weight and result.
  bool opChannelsLast;
  /// The layout the lowering computes activations in; channels-last even for
  /// a channels-first op when asked, with transposes at the boundaries.
  bool channelsLast;
  int64_t groups, inChannels, outChannels;
  SmallVector<int64_t, 3> kernelSizes;
  SmallVector<SpatialParams, 3> params;
  /// The element type activations and weights are computed in: the op's,
  /// or i8 for a quantized op (a ui8 input is shifted to i8 by the pattern
  /// frame, its zero point with it).
  Type elementType;
  /// f32 for f16/bf16 (the accumulation type), i32 for a quantized op, else
  /// the element type.
  Type accumulatorType;
  /// The op's result element type.
  Type resultElementType;
  /// The weight in `elementType` (the op's).
  Value weight;
  /// A quantized op's zero points, the input's in the i8 domain of
  /// `elementType`. Padding and inserted elements take the zero point as
  /// their value, so that they contribute nothing to (x - zx) * (w - zw);
  /// the convolutions multiply raw i8 values and
  /// subtractZeroPointTerms corrects their accumulators.
  int32_t inputZeroPoint = 0, weightZeroPoint = 0;
  /// For an op computed along rows (isComputedAlongRows) with a stride along
  /// its innermost dim: that stride and output padding. `params` then has
  /// stride 1 and no output padding there, the problem on the input with
  /// zeros inserted along its rows (insertZerosAlongRows), which the
  /// pattern frame builds.
  int64_t rowStride = 1, rowOutputPadding = 0;

  bool isQuantized() const { return isa<IntegerType>(elementType); }
  /// Whether the convolutions' accumulators need subtractZeroPointTerms.
  bool hasZeroPoints() const {
    return inputZeroPoint != 0 || weightZeroPoint != 0;
  }
  /// The value of input elements outside the input: 0, or the zero point.
  TypedAttr getInputPaddingValue(Builder &b) const;
  /// The value of weight taps outside the kernel: 0, or the zero point.
  TypedAttr getWeightPaddingValue(Builder &b) const;

  int64_t getInChannelsPerGroup() const { return inChannels / groups; }
  int64_t getOutChannelsPerGroup() const { return outChannels / groups; }
  /// Position of the first spatial dim / the channel dim of an activation
  /// tensor in the compute layout.
  unsigned getSpatialBegin() const { return channelsLast ? 1 : 2; }
  unsigned getChannelDim() const {
    return channelsLast ? numSpatialDims + 1 : 1;
  }
  /// The same in the op's own layout.
  unsigned getOpSpatialBegin() const { return opChannelsLast ? 1 : 2; }
  unsigned getOpChannelDim() const {
    return opChannelsLast ? numSpatialDims + 1 : 1;
  }
  bool needsLayoutChange() const { return opChannelsLast != channelsLast; }
};

/// Whether `op` is computed in its channels-first layout whatever the
/// compute layout: a depthwise op (one input and one output channel per
/// group, two groups or more) with dilation 1 along its innermost dim and
/// static sizes there. tconv-tile-and-vectorize vectorizes its convolutions
/// along the image rows, one channel at a time; channels-last, its result and
/// input would each take a transpose, which cost more than its few taps.
bool isComputedAlongRows(ConvTransposeOp op);

/// `input` (in the compute layout and element type) with info.rowStride - 1
/// zeros (the input zero point when quantized) between the elements of each
/// row and info.rowOutputPadding zeros after them: the input of the problem
/// of stride 1 along the rows that `info` describes.
Value insertZerosAlongRows(OpBuilder &b, Location loc, Value input,
                           const ConvTransposeInfo &info);

/// Collects the info, or fails, telling `reportFailure` why, when the op has
/// shapes the lowerings do not handle: a dynamic weight or channel dim.
/// With `channelsLastCompute`, activations are computed channels-last
/// (except for ops computed along rows).
FailureOr<ConvTransposeInfo>
getConvTransposeInfo(ConvTransposeOp op, bool channelsLastCompute,
                     llvm::function_ref<void(const Twine &)> reportFailure);

/// Fail, telling `reportFailure` why, when an algorithm cannot lower `op`:
/// the phase decomposition needs static spatial sizes, the sub-pixel one
/// also groups == 1 and the channels-last compute layout.
LogicalResult
checkPhaseDecomposable(ConvTransposeOp op, const ConvTransposeInfo &info,
                       llvm::function_ref<void(const Twine &)> reportFailure);
LogicalResult
checkSubPixelApplicable(ConvTransposeOp op, const ConvTransposeInfo &info,
                        llvm::function_ref<void(const Twine &)> reportFailure);

/// The pattern of each algorithm; each fires on the ops
/// selectLoweringAlgorithm assigns to it under `options`.
void addZeroInsertionPattern(RewritePatternSet &patterns,
                             const ConvertTConvToLinalgOptions &options,
                             const TargetModel &target);
void addPhasePattern(RewritePatternSet &patterns,
                     const ConvertTConvToLinalgOptions &options,
                     const TargetModel &target);
void addSubPixelPattern(RewritePatternSet &patterns,
                        const ConvertTConvToLinalgOptions &options,
                        const TargetModel &target);

/// The frame every algorithm's pattern shares: it fires on the ops
/// selectLoweringAlgorithm assigns to its algorithm, moves the input to the
/// compute layout, and the result of `lower` back to the op's element type
/// and layout.
class ConvTransposeLoweringPattern : public OpRewritePattern<ConvTransposeOp> {
public:
  ConvTransposeLoweringPattern(MLIRContext *ctx,
                               const ConvertTConvToLinalgOptions &options,
                               const TargetModel &target,
                               LoweringAlgorithm algorithm)
      : OpRewritePattern(ctx), options(options), target(target),
        algorithm(algorithm) {}

  LogicalResult matchAndRewrite(ConvTransposeOp op,
                                PatternRewriter &rewriter) const final;

protected:
  /// What `lower` computes: the op's result in the accumulator type, in the
  /// compute layout or, where the lowering wrote it so (`inOpLayout`), in
  /// the op's.
  struct Lowered {
    Lowered(Value result, bool inOpLayout = false)
        : result(result), inOpLayout(inOpLayout) {}
    Value result;
    bool inOpLayout;
  };

  /// The op's result from its `input` in the compute layout.
  virtual Lowered lower(ConvTransposeOp op, const ConvTransposeInfo &info,
                        Value input, PatternRewriter &rewriter) const = 0;

  const TargetModel &getTarget() const { return target; }

private:
  ConvertTConvToLinalgOptions options;
  TargetModel target;
  LoweringAlgorithm algorithm;
};

/// Steps `choice`, one choice per dim out of `count(dim)`, to the next
/// combination, the last dim fastest; false (and all zeros again) after the
/// last one.
bool advanceCombination(MutableArrayRef<unsigned> choice,
                        llvm::function_ref<size_t(unsigned)> count);

/// Transposes an activation tensor between (N, C, spatial...) and
/// (N, spatial..., C).
Value transposeActivation(OpBuilder &b, Location loc, Value value,
                          bool toChannelsLast);

/// Output spatial sizes O_i, as constants or IR computed from dynamic input
/// sizes.
SmallVector<OpFoldResult> getOutputSpatialSizes(OpBuilder &b, Location loc,
                                                ConvTransposeOp op,
                                                const ConvTransposeInfo &info);

/// Which weight taps a stride-1 convolution uses along one spatial dim, in
/// its order: convolution tap t reads weight tap `last - step * t`, t <
/// count. A convolution of the transposed op walks the kernel backwards.
struct TapSelection {
  int64_t last;
  int64_t step;
  int64_t count;
};

/// A quantized op's ui8 `value` as i8, shifted by -128 (the zero point
/// moves with it); folded when `value` is a constant.
Value shiftUnsignedToSigned(OpBuilder &b, Location loc, Value value);

/// Sum of a quantized `weight` (i8) over every dim but `keptDims`, as i32,
/// flattened to one dim in their order.
Value sumWeightPerOutputChannel(OpBuilder &b, Location loc, Value weight,
                                ArrayRef<unsigned> keptDims);

/// For a quantized op, `init` (accumulator type, compute layout, F
/// channels) minus the zero-point terms of a stride-1 convolution that
/// multiplies raw values: sum (x - zx)(w - zw) = sum x w - zx sum w
/// - zw (sum x - K zx) over its K taps and input channels of a group.
/// `weightSums` (F) holds each output channel's sum w, `tapCounts` and
/// `dilations` the convolution's kernel; it has the op's groups. The input
/// sums run over `input` (compute layout, padded with the zero point) only
/// when the weight zero point is not 0; else the terms are per channel.
Value subtractZeroPointTerms(OpBuilder &b, Location loc,
                             const ConvTransposeInfo &info, Value input,
                             Value weightSums, ArrayRef<int64_t> tapCounts,
                             ArrayRef<int64_t> dilations, Value init);

/// The whole kernel, flipped (t -> k - 1 - t).
SmallVector<TapSelection, 3> getFlippedKernel(const ConvTransposeInfo &info);

/// The weight (`info.weight`) rearranged so that dimension j of the result
/// walks `layout[j]`, tap dims restricted to and ordered by `taps`. Folded
/// to a constant when the weight is one.
Value createFlippedWeight(OpBuilder &b, Location loc, ConvTransposeOp op,
                          const ConvTransposeInfo &info,
                          ArrayRef<WeightDim> layout,
                          ArrayRef<TapSelection> taps);

/// An ungrouped channels-last stride-1 convolution with `dilations`: input
/// (N, spatial..., C), weight (k..., C, F), init (N, spatial..., F).
/// `destination`, where the caller stores the result (null: the init), is
/// what a 1x1 convolution's flattening must not copy: a result flattened
/// into a 1-D convolution goes to a strided destination in a pass of its
/// own, not from the register tiles.
Value createChannelsLastConvolution(OpBuilder &b, Location loc, Value input,
                                    Value weight, Value init,
                                    ArrayRef<int64_t> dilations,
                                    Value destination = nullptr);

/// The input (compute layout) restricted to spatial indices [begins[i],
/// ends[i]] of every dim: rows outside the input read the input padding
/// value (tensor.pad), input rows outside the range are cropped
/// (tensor.extract_slice).
Value sliceOrPadInput(OpBuilder &b, Location loc, Value input,
                      const ConvTransposeInfo &info, ArrayRef<int64_t> begins,
                      ArrayRef<int64_t> ends);

/// The most linalg convolutions one op unrolls into: the IR and the compile
/// time grow with their number (3-D, strides 4: 64 phases of 3 per-group
/// convolutions took 150 s to compile).
constexpr int64_t kMaxUnrolledConvolutions = 16;

/// A stride-1 convolution with `dilations` of `input` (compute layout) with
/// the `taps` of the weight, accumulated into `init` (accumulator type, full
/// compute-layout shape): a named linalg convolution where upstream has one
/// for the layout and grouping, linalg.generic otherwise. `count` is how
/// many of these the lowering builds for `op`: the groups are split into
/// convolutions of their own only while `count` times getGroupSplitFactor
/// stays within kMaxUnrolledConvolutions. `destination`: see
/// createChannelsLastConvolution.
Value createStrideOneConvolution(OpBuilder &b, Location loc, ConvTransposeOp op,
                                 const ConvTransposeInfo &info, Value input,
                                 Value init, ArrayRef<TapSelection> taps,
                                 ArrayRef<int64_t> dilations, int64_t count,
                                 Value destination = nullptr);

/// How many linalg convolutions a stride-1 convolution of an op of `info`
/// becomes within the budget of createStrideOneConvolution: one per group
/// where the groups can be split, else one.
int64_t getGroupSplitFactor(const ConvTransposeInfo &info);

/// A zero-filled tensor of `shape` in the accumulator type.
Value createZeroAccumulator(OpBuilder &b, Location loc,
                            const ConvTransposeInfo &info,
                            ArrayRef<OpFoldResult> shape);

/// A tensor of shape `outputShape` in the accumulator type holding the bias
/// broadcast along the channel dim (the last one in channels-last shapes),
/// or zeros when the op has no bias.
Value createAccumulatorInit(OpBuilder &b, Location loc, ConvTransposeOp op,
                            const ConvTransposeInfo &info,
                            ArrayRef<OpFoldResult> outputShape);

/// `accumulator` plus the op's bias (which it must have), or `bias` if
/// given (a vector of the accumulator's channels), broadcast along the
/// channel dim, computed into `destination`, whose values it does not read:
/// an elementwise op after a convolution, which the codegen computes on its
/// register tiles as they are stored.
Value addBias(OpBuilder &b, Location loc, ConvTransposeOp op,
              const ConvTransposeInfo &info, Value accumulator,
              Value destination, Value bias = {});

/// `accumulator` plus one element of a bias (extended to `accumulatorType`):
/// addBias's body.
Value addBiasValue(OpBuilder &b, Location loc, Value accumulator, Value bias,
                   Type accumulatorType);

/// Casts an accumulator-typed result back to the op's element type.
Value castToElementType(OpBuilder &b, Location loc, Value accumulator,
                        const ConvTransposeInfo &info);

/// Reassociation that splits the channel dim of an activation tensor into
/// (G, C/G), or merges it back.
SmallVector<ReassociationIndices>
getChannelSplitReassociation(const ConvTransposeInfo &info);

/// Splits the channel dim of `value` into (groups, channels / groups).
Value expandChannelsToGroups(OpBuilder &b, Location loc, Value value,
                             const ConvTransposeInfo &info);

/// Body of a multiply-accumulate linalg.generic: out += ext(a) * ext(b)
/// (float, or integer sign-extended).
void buildMultiplyAccumulateBody(OpBuilder &b, Location loc, ValueRange args);

} // namespace mlir::tconv::lowering

#endif // TCONV_LIB_CONVERSION_TCONVTOLINALG_COMMON_H
