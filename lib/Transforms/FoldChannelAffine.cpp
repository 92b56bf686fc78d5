//===- FoldChannelAffine.cpp - Per-channel affine into conv_transpose -----===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// y * s + t after a transposed convolution, with s and t constant per output
// channel, is the transposed convolution with weights w * s and bias
// b * s + t: an inference batch norm or a scale costs nothing at run time
// once the weights are packed, and the output is written once.
//
//===----------------------------------------------------------------------===//

#include "tconv/Dialect/TConv/IR/TConvDialect.h"
#include "tconv/Dialect/TConv/IR/TConvOps.h"
#include "tconv/Transforms/Passes.h"
#include "tconv/Utils/Builders.h"
#include "tconv/Utils/Shapes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "mlir/Transforms/RegionUtils.h"

#include "llvm/Support/MathExtras.h"

namespace mlir::tconv {
#define GEN_PASS_DEF_FOLDCHANNELAFFINE
#include "tconv/Transforms/Passes.h.inc"
} // namespace mlir::tconv

using namespace mlir;
using namespace mlir::tconv;

namespace {

/// A scale or shift of the generic's body: a value per output channel (a
/// 1-D operand indexed by the channel dim), one 0-D operand, or a scalar
/// from outside the body (or a constant inside it).
struct Factor {
  Value tensor;
  bool perChannel = false;
  Value scalar;
  TypedAttr constant;
};

/// What `value` of `generic`'s body is as a factor, if it is one.
static std::optional<Factor> matchFactor(linalg::GenericOp generic, Value value,
                                         unsigned channelDim) {
  Region &body = generic.getRegion();
  if (auto arg = dyn_cast<BlockArgument>(value)) {
    if (arg.getOwner() != &body.front())
      return std::nullopt;
    OpOperand *operand = generic.getMatchingOpOperand(arg);
    if (!generic.isDpsInput(operand))
      return std::nullopt;
    AffineMap map = generic.getMatchingIndexingMap(operand);
    if (map.getNumResults() == 0)
      return Factor{operand->get(), false, {}, {}};
    if (map.getNumResults() == 1 &&
        map.getResult(0) == getAffineDimExpr(channelDim, value.getContext()))
      return Factor{operand->get(), true, {}, {}};
    return std::nullopt;
  }
  if (!body.isAncestor(value.getParentRegion()))
    return Factor{{}, false, value, {}};
  if (auto constant = value.getDefiningOp<arith::ConstantOp>())
    return Factor{{}, false, {}, constant.getValue()};
  return std::nullopt;
}

/// The value of `factor` inside a generic being built: `args` are its block
/// arguments, `tensorArgs` maps the factor tensors to them.
static Value getFactorValue(OpBuilder &b, Location loc, const Factor &factor,
                            const DenseMap<Value, Value> &tensorArgs) {
  if (factor.tensor)
    return tensorArgs.lookup(factor.tensor);
  if (factor.scalar)
    return factor.scalar;
  return arith::ConstantOp::create(b, loc, factor.constant);
}

/// Whether `value` is the same on every call of its function: computed,
/// without memory effects, from constants and arguments marked `tconv.pack`
/// (weights, a parameter blob) alone.
static bool isFixedAcrossCalls(Value value) {
  SmallVector<Value> worklist = {value};
  llvm::SmallPtrSet<Value, 8> visited;
  while (!worklist.empty()) {
    Value current = worklist.pop_back_val();
    if (!visited.insert(current).second)
      continue;
    if (auto argument = dyn_cast<BlockArgument>(current)) {
      auto function =
          dyn_cast<func::FuncOp>(argument.getOwner()->getParentOp());
      if (!function || !function.getArgAttr(argument.getArgNumber(),
                                            TConvDialect::kPackAttrName))
        return false;
      continue;
    }
    Operation *op = current.getDefiningOp();
    if (!isMemoryEffectFree(op))
      return false;
    llvm::append_range(worklist, op->getOperands());
    SetVector<Value> captured;
    getUsedValuesDefinedAbove(op->getRegions(), captured);
    llvm::append_range(worklist, captured);
  }
  return true;
}

/// Results per weight from which a scale known only at the call is folded
/// all the same: scaling (and rearranging) a weight takes a few operations
/// a call, the epilogue one multiply per vector of results (16 on
/// AVX-512), so folding pays below about 1 weight per 64 results.
constexpr uint64_t kResultsPerFoldedWeight = 64;

struct FoldChannelAffinePattern : OpRewritePattern<linalg::GenericOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::GenericOp generic,
                                PatternRewriter &rewriter) const override {
    if (generic.getNumDpsInits() != 1 || generic.getNumResults() != 1 ||
        generic.getNumParallelLoops() != generic.getNumLoops() ||
        !generic.getMatchingIndexingMap(generic.getDpsInitOperand(0))
             .isIdentity() ||
        !generic.getRegion()
             .front()
             .getArgument(generic.getNumDpsInputs())
             .use_empty())
      return rewriter.notifyMatchFailure(generic, "not elementwise");

    // The convolution: an input with the identity map, used only here and
    // by tensor.dim (the dynamic batch of the generic's init).
    ConvTransposeOp conv;
    BlockArgument convArg;
    for (OpOperand *input : generic.getDpsInputOperands()) {
      auto producer = input->get().getDefiningOp<ConvTransposeOp>();
      if (producer &&
          llvm::all_of(producer->getUsers(),
                       [&](Operation *user) {
                         return user == generic || isa<tensor::DimOp>(user);
                       }) &&
          llvm::count(generic->getOperands(), input->get()) == 1 &&
          generic.getMatchingIndexingMap(input).isIdentity()) {
        conv = producer;
        convArg = generic.getMatchingBlockArgument(input);
      }
    }
    if (!conv || generic.getResult(0).getType() != conv.getType())
      return rewriter.notifyMatchFailure(generic, "no conv_transpose input");
    auto outputType = cast<RankedTensorType>(conv.getType());
    auto weightType = dyn_cast<RankedTensorType>(conv.getWeight().getType());
    Type element = outputType.getElementType();
    unsigned rank = outputType.getRank();
    unsigned channelDim = conv.isChannelsLast() ? rank - 1 : 1;
    int64_t channels = outputType.getDimSize(channelDim);
    if (!weightType || !weightType.hasStaticShape() ||
        ShapedType::isDynamic(channels))
      return rewriter.notifyMatchFailure(generic, "dynamic channels");

    // The body: yield ((y * s) + t), any operand order, s and t optional.
    auto yield = cast<linalg::YieldOp>(generic.getBody()->getTerminator());
    Value value = yield.getOperand(0);
    std::optional<Factor> scale, shift;
    auto inBody = [&](Operation *op) {
      return op && op->getBlock() == generic.getBody() && op->hasOneUse();
    };
    if (auto add = value.getDefiningOp<arith::AddFOp>(); inBody(add)) {
      for (auto [term, other] : {std::pair(add.getLhs(), add.getRhs()),
                                 std::pair(add.getRhs(), add.getLhs())}) {
        if (term == convArg || term.getDefiningOp<arith::MulFOp>()) {
          shift = matchFactor(generic, other, channelDim);
          if (shift) {
            value = term;
            break;
          }
        }
      }
      if (!shift)
        return rewriter.notifyMatchFailure(generic, "not an added factor");
    }
    if (auto mul = value.getDefiningOp<arith::MulFOp>(); inBody(mul)) {
      for (auto [term, other] : {std::pair(mul.getLhs(), mul.getRhs()),
                                 std::pair(mul.getRhs(), mul.getLhs())}) {
        if (term == convArg &&
            (scale = matchFactor(generic, other, channelDim))) {
          value = term;
          break;
        }
      }
      if (!scale)
        return rewriter.notifyMatchFailure(generic, "not a scaled result");
    }
    if (value != convArg || (!scale && !shift))
      return rewriter.notifyMatchFailure(generic, "not y * s + t");
    // A scale known only at the call is applied to every weight on every
    // call (and the weights are rearranged again): worth it only for
    // weights far fewer than the results, whose epilogue it saves. FCN-32s'
    // 1.8 M weights (5.5 M results) took 1.2 ms per call so, its epilogue
    // 0.1 ms. A shift only changes the bias.
    Value scaleValue =
        scale ? (scale->tensor ? scale->tensor : scale->scalar) : Value();
    if (scaleValue && !isFixedAcrossCalls(scaleValue) &&
        llvm::SaturatingMultiply(getStaticElementCount(weightType),
                                 kResultsPerFoldedWeight) >
            getStaticElementCount(outputType))
      return rewriter.notifyMatchFailure(generic, "scale known at the call");
    // Each factor has the result's element type and channel count; the
    // folded op goes where the convolution was if the factors exist there
    // (necessarily so when tensor.dim reads the convolution), else where
    // the generic was.
    bool factorsBefore = true;
    for (const std::optional<Factor> &factor : {scale, shift}) {
      if (!factor)
        continue;
      Value value = factor->tensor ? factor->tensor : factor->scalar;
      Type type =
          value ? getElementTypeOrSelf(value) : factor->constant.getType();
      if (type != element)
        return rewriter.notifyMatchFailure(generic, "other element type");
      if (factor->perChannel &&
          cast<ShapedType>(value.getType()).getDimSize(0) != channels)
        return rewriter.notifyMatchFailure(generic, "other channel count");
      if (value && !isDefinedBefore(value, conv))
        factorsBefore = false;
    }
    if (!factorsBefore && !conv->hasOneUse())
      return rewriter.notifyMatchFailure(generic, "factor after the op");
    Location loc = generic.getLoc();
    rewriter.setInsertionPoint(factorsBefore ? conv.getOperation()
                                             : generic.getOperation());
    Value weight = conv.getWeight();
    if (scale)
      weight = scaleWeight(rewriter, loc, conv, *scale);
    Value bias = conv.getBias();
    if (bias || shift)
      bias = buildBias(rewriter, loc, bias, scale, shift, channels, element);
    Value folded = ConvTransposeOp::create(
        rewriter, loc, conv.getInput(), weight, bias, conv.getStridesAttr(),
        conv.getPaddingAttr(), conv.getOutputPaddingAttr(),
        conv.getDilationsAttr(), conv.getGroupsAttr(), conv.getLayoutAttr());
    rewriter.replaceOp(generic, folded);
    rewriter.replaceOp(conv, folded);
    return success();
  }

private:
  /// The weight times `scale` along its output channels: dim 0 of the
  /// channels-last (Cout, k..., Cin/G); in the channels-first
  /// (Cin, Cout/G, k...) output channel g * Cout/G + j is dim 1's j in group
  /// g = cin / (Cin/G), so the weight is viewed as (G, Cin/G, Cout/G, k...)
  /// and the scale as (G, Cout/G).
  static Value scaleWeight(OpBuilder &b, Location loc, ConvTransposeOp conv,
                           const Factor &scale) {
    auto weightType = cast<RankedTensorType>(conv.getWeight().getType());
    int64_t groups = conv.getGroups();
    Value weight = conv.getWeight();
    Value factor = scale.tensor;
    RankedTensorType viewType = weightType;
    SmallVector<ReassociationIndices> weightGroups;
    unsigned channelDim = 0;
    SmallVector<AffineExpr> factorDims;
    MLIRContext *ctx = b.getContext();
    if (!conv.isChannelsLast() && groups > 1) {
      SmallVector<int64_t> shape{groups, weightType.getDimSize(0) / groups};
      llvm::append_range(shape, weightType.getShape().drop_front());
      viewType = weightType.clone(shape);
      weightGroups.push_back({0, 1});
      for (int64_t dim = 2, e = shape.size(); dim < e; ++dim)
        weightGroups.push_back({dim});
      weight =
          tensor::ExpandShapeOp::create(b, loc, viewType, weight, weightGroups);
      if (scale.perChannel) {
        int64_t perGroup = weightType.getDimSize(1);
        factor = tensor::ExpandShapeOp::create(
            b, loc,
            RankedTensorType::get({groups, perGroup},
                                  viewType.getElementType()),
            factor, SmallVector<ReassociationIndices>{{0, 1}});
        factorDims = {getAffineDimExpr(0, ctx), getAffineDimExpr(2, ctx)};
      }
    } else {
      channelDim = conv.isChannelsLast() ? 0 : 1;
      if (scale.perChannel)
        factorDims = {getAffineDimExpr(channelDim, ctx)};
    }
    unsigned rank = viewType.getRank();
    AffineMap identity = b.getMultiDimIdentityMap(rank);
    SmallVector<Value> inputs{weight};
    SmallVector<AffineMap> maps{identity};
    if (scale.tensor) {
      inputs.push_back(factor);
      maps.push_back(AffineMap::get(rank, 0, factorDims, ctx));
    }
    maps.push_back(identity);
    Value init = tensor::EmptyOp::create(b, loc, viewType.getShape(),
                                         viewType.getElementType());
    Value scaled =
        linalg::GenericOp::create(
            b, loc, TypeRange{viewType}, inputs, ValueRange{init}, maps,
            SmallVector<utils::IteratorType>(rank,
                                             utils::IteratorType::parallel),
            [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
              DenseMap<Value, Value> tensorArgs;
              if (scale.tensor)
                tensorArgs[scale.tensor] = args[1];
              Value s = getFactorValue(nested, nestedLoc, scale, tensorArgs);
              linalg::YieldOp::create(
                  nested, nestedLoc,
                  arith::MulFOp::create(nested, nestedLoc, args[0], s)
                      .getResult());
            })
            .getResult(0);
    if (viewType != weightType)
      scaled = tensor::CollapseShapeOp::create(b, loc, weightType, scaled,
                                               weightGroups);
    return scaled;
  }

  /// (bias or 0) * scale + shift, per output channel.
  static Value buildBias(OpBuilder &b, Location loc, Value bias,
                         const std::optional<Factor> &scale,
                         const std::optional<Factor> &shift, int64_t channels,
                         Type element) {
    MLIRContext *ctx = b.getContext();
    AffineMap perChannel = b.getMultiDimIdentityMap(1);
    AffineMap scalar = AffineMap::get(1, 0, {}, ctx);
    SmallVector<Value> inputs;
    SmallVector<AffineMap> maps;
    if (bias) {
      inputs.push_back(bias);
      maps.push_back(perChannel);
    }
    for (const std::optional<Factor> &factor : {scale, shift}) {
      if (factor && factor->tensor &&
          !llvm::is_contained(inputs, factor->tensor)) {
        inputs.push_back(factor->tensor);
        maps.push_back(factor->perChannel ? perChannel : scalar);
      }
    }
    maps.push_back(perChannel);
    auto type = RankedTensorType::get({channels}, element);
    Value init = tensor::EmptyOp::create(b, loc, type.getShape(), element);
    return linalg::GenericOp::create(
               b, loc, TypeRange{type}, inputs, ValueRange{init}, maps,
               SmallVector<utils::IteratorType>{utils::IteratorType::parallel},
               [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
                 DenseMap<Value, Value> tensorArgs;
                 for (auto [input, arg] : llvm::zip(inputs, args))
                   tensorArgs[input] = arg;
                 Value acc;
                 if (bias)
                   acc = args[0];
                 if (scale && bias)
                   acc = arith::MulFOp::create(
                       nested, nestedLoc, acc,
                       getFactorValue(nested, nestedLoc, *scale, tensorArgs));
                 if (shift) {
                   Value t =
                       getFactorValue(nested, nestedLoc, *shift, tensorArgs);
                   acc = acc ? arith::AddFOp::create(nested, nestedLoc, acc, t)
                                   .getResult()
                             : t;
                 }
                 linalg::YieldOp::create(nested, nestedLoc, acc);
               })
        .getResult(0);
  }
};

struct FoldChannelAffinePass
    : tconv::impl::FoldChannelAffineBase<FoldChannelAffinePass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<FoldChannelAffinePattern>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }
};

} // namespace
