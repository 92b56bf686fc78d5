//===- DispatchNarrowWeights.cpp - Kernels for weights of 7 bits ----------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// Without VNNI, x86 multiplies i8 exactly with VPMADDWD on i16 pairs, at the
// rate of f32 FMAs. VPMADDUBSW sums pairs of u8 x s8 products into i16 lanes,
// twice the products per instruction, but saturates unless the weights are
// narrow. Whether they are is known once they are: for constants, here; for
// arguments, by a check that reads the weights alone and so runs at pack time
// where they are packed. The op is computed in both ways, each in a branch.
//
//===----------------------------------------------------------------------===//

#include "tconv/Codegen/Passes.h"
#include "tconv/Dialect/TConv/IR/TConvDialect.h"
#include "tconv/Dialect/TConv/IR/TConvOps.h"
#include "tconv/Target/TargetModel.h"
#include "tconv/Utils/Builders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Transforms/CSE.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::tconv {
#define GEN_PASS_DEF_DISPATCHNARROWWEIGHTS
#define GEN_PASS_DEF_HOISTBRANCHDESTINATIONS
#include "tconv/Codegen/Passes.h.inc"
} // namespace mlir::tconv

using namespace mlir;
using namespace mlir::tconv;

namespace {

/// The narrow range, [-64, 63]: shifted by 64, the i8 values whose sign bit
/// is clear.
constexpr int64_t kNarrowShift = 64;

bool isNarrow(int64_t value) {
  return value >= -kNarrowShift && value < kNarrowShift;
}

/// An i1 that holds when every element of the i8 tensor `weights` lies in the
/// narrow range: the OR of every weight plus 64 (wrapping) is not negative.
/// The reduction, from a constant to the weights alone, is what
/// tconv-outline-weight-packing moves to pack time (with a rank-1 result, as a
/// packed value must have).
Value buildNarrowCheck(OpBuilder &builder, Location loc, Value weights) {
  auto type = cast<RankedTensorType>(weights.getType());
  Type i8 = builder.getI8Type();
  Value zero = arith::ConstantIntOp::create(builder, loc, i8, 0);
  Value shift = arith::ConstantIntOp::create(builder, loc, i8, kNarrowShift);
  Value zeros = arith::ConstantOp::create(
      builder, loc,
      DenseElementsAttr::get(RankedTensorType::get({1}, i8),
                             builder.getIntegerAttr(i8, 0)));
  MLIRContext *ctx = builder.getContext();
  unsigned rank = type.getRank();
  SmallVector<AffineMap> maps = {
      AffineMap::getMultiDimIdentityMap(rank, ctx),
      AffineMap::get(rank, 0, getAffineConstantExpr(0, ctx))};
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::reduction);
  Value bits =
      linalg::GenericOp::create(
          builder, loc, zeros.getType(), weights, zeros, maps, iterators,
          [&](OpBuilder &body, Location bodyLoc, ValueRange args) {
            Value shifted =
                arith::AddIOp::create(body, bodyLoc, args[0], shift);
            linalg::YieldOp::create(
                body, bodyLoc,
                arith::OrIOp::create(body, bodyLoc, args[1], shifted)
                    .getResult());
          })
          .getResult(0);
  Value index = arith::ConstantIndexOp::create(builder, loc, 0);
  Value word = tensor::ExtractOp::create(builder, loc, bits, index);
  return arith::CmpIOp::create(builder, loc, arith::CmpIPredicate::sge, word,
                               zero);
}

/// Moves the consumer of `dispatch`'s result into both branches, then its
/// consumer, and so on, while each is the result's only user, has one
/// result and no memory effects, and takes its other operands from before
/// `dispatch` (or from side-effect-free ops between them that do, moved
/// above it: the consumer's destination tensor.empty).
void sinkConsumers(RewriterBase &rewriter, scf::IfOp dispatch) {
  while (dispatch->getResult(0).hasOneUse()) {
    Value result = dispatch->getResult(0);
    Operation *user = *result.getUsers().begin();
    if (user->getBlock() != dispatch->getBlock() ||
        user->getNumResults() != 1 || !isMemoryEffectFree(user))
      return;
    SmallVector<Operation *> producers;
    for (Value operand : user->getOperands()) {
      if (operand == result || isDefinedBefore(operand, dispatch))
        continue;
      Operation *producer = operand.getDefiningOp();
      if (!producer || producer->getBlock() != dispatch->getBlock() ||
          !isMemoryEffectFree(producer) || producer->getNumRegions() != 0 ||
          !llvm::all_of(producer->getOperands(), [&](Value value) {
            return isDefinedBefore(value, dispatch);
          }))
        return;
      producers.push_back(producer);
    }
    for (Operation *producer : producers)
      rewriter.moveOpBefore(producer, dispatch);
    for (Region *branch :
         {&dispatch.getThenRegion(), &dispatch.getElseRegion()}) {
      auto yield = cast<scf::YieldOp>(branch->front().getTerminator());
      rewriter.setInsertionPoint(yield);
      IRMapping mapping;
      mapping.map(result, yield.getOperand(0));
      Operation *copy = rewriter.clone(*user, mapping);
      rewriter.modifyOpInPlace(
          yield, [&] { yield->setOperand(0, copy->getResult(0)); });
    }
    rewriter.modifyOpInPlace(
        dispatch, [&] { result.setType(user->getResult(0).getType()); });
    rewriter.replaceOp(user, result);
  }
}

struct DispatchNarrowWeightsPass
    : public tconv::impl::DispatchNarrowWeightsBase<DispatchNarrowWeightsPass> {
  using DispatchNarrowWeightsBase::DispatchNarrowWeightsBase;

  LogicalResult initialize(MLIRContext *ctx) override {
    return loadTargetModelForPass(ctx, getArgument(), targetTriple, targetCpu,
                                  targetFeatures, target);
  }

  void runOnOperation() override {
    if (target.narrowWeightInt8DotProduct == Int8DotProduct::None)
      return;
    SmallVector<ConvTransposeOp> ops;
    // The lowering pads weights with their zero point (the sub-pixel
    // kernels' missing taps), which the products then see too.
    getOperation()->walk([&](ConvTransposeOp op) {
      if (op.getWeight().getType().getElementType().isSignlessInteger(8) &&
          isNarrow(op.getWeightZeroPointValue()) &&
          !op->hasAttr(TConvDialect::kNarrowWeightsAttrName) &&
          !isDispatched(op))
        ops.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (ConvTransposeOp op : ops) {
      DenseIntElementsAttr constant;
      if (matchPattern(op.getWeight(), m_Constant(&constant))) {
        if (llvm::all_of(constant.getValues<APInt>(), [](const APInt &weight) {
              return isNarrow(weight.getSExtValue());
            }))
          op->setAttr(TConvDialect::kNarrowWeightsAttrName,
                      rewriter.getUnitAttr());
        continue;
      }
      dispatch(rewriter, op);
    }
  }

  /// Whether `op` is a branch of a dispatch already (the pass ran before).
  static bool isDispatched(ConvTransposeOp op) {
    auto parent = dyn_cast<scf::IfOp>(op->getParentOp());
    return parent && llvm::any_of(parent->getRegions(), [](Region &branch) {
             return llvm::any_of(
                 branch.getOps<ConvTransposeOp>(), [](ConvTransposeOp other) {
                   return other->hasAttr(TConvDialect::kNarrowWeightsAttrName);
                 });
           });
  }

  void dispatch(RewriterBase &rewriter, ConvTransposeOp op) {
    Location loc = op.getLoc();
    rewriter.setInsertionPoint(op);
    Value fits = buildNarrowCheck(rewriter, loc, op.getWeight());
    auto branches = scf::IfOp::create(rewriter, loc, op->getResultTypes(), fits,
                                      /*withElseRegion=*/true);
    for (Region *branch :
         {&branches.getThenRegion(), &branches.getElseRegion()}) {
      rewriter.setInsertionPointToStart(&branch->front());
      Operation *copy = rewriter.clone(*op);
      if (branch == &branches.getThenRegion())
        copy->setAttr(TConvDialect::kNarrowWeightsAttrName,
                      rewriter.getUnitAttr());
      scf::YieldOp::create(rewriter, loc, copy->getResults());
    }
    rewriter.replaceOp(op, branches->getResults());
    sinkConsumers(rewriter, branches);
  }

  TargetModel target;
};

/// A destination tensor in a branch of an scf.if, or a view of one, or an
/// index its sizes are computed from (a dynamic batch), moved above it when
/// its operands are defined there.
struct HoistOutOfBranch : public RewritePattern {
  explicit HoistOutOfBranch(MLIRContext *ctx)
      : RewritePattern(MatchAnyOpTypeTag(), /*benefit=*/1, ctx) {}

  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    auto branches = dyn_cast_or_null<scf::IfOp>(op->getParentOp());
    bool sizes = op->getNumResults() > 0 &&
                 llvm::all_of(op->getResultTypes(),
                              [](Type type) { return type.isIndex(); });
    if (!branches ||
        !(isa<tensor::EmptyOp, tensor::ExpandShapeOp, tensor::CollapseShapeOp>(
              op) ||
          sizes) ||
        !isPure(op) || op->getNumRegions() != 0 ||
        !llvm::all_of(op->getOperands(), [&](Value value) {
          return isDefinedBefore(value, branches);
        }))
      return failure();
    rewriter.moveOpBefore(op, branches);
    return success();
  }
};

/// An scf.if result that both branches yield reshaped alike (a collapse of
/// the computed tensor into the op's result shape): the branches yield the
/// tensors, reshaped once after the scf.if. Each branch's result is then the
/// destination both write, which bufferization folds to one buffer.
struct SinkYieldedReshape : public OpRewritePattern<scf::IfOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(scf::IfOp op,
                                PatternRewriter &rewriter) const override {
    if (op.getElseRegion().empty())
      return failure();
    scf::YieldOp thenYield = op.thenYield(), elseYield = op.elseYield();
    for (unsigned i = 0, e = op->getNumResults(); i < e; ++i) {
      Operation *thenReshape = thenYield.getOperand(i).getDefiningOp();
      Operation *elseReshape = elseYield.getOperand(i).getDefiningOp();
      if (!thenReshape || !elseReshape ||
          !isa<tensor::CollapseShapeOp, tensor::ExpandShapeOp>(thenReshape) ||
          !OperationEquivalence::isEquivalentTo(
              thenReshape, elseReshape,
              OperationEquivalence::ignoreValueEquivalence, nullptr,
              OperationEquivalence::IgnoreLocations) ||
          !thenReshape->hasOneUse() || !elseReshape->hasOneUse() ||
          thenReshape->getOperand(0).getType() !=
              elseReshape->getOperand(0).getType())
        continue;
      // An expand_shape's dynamic output sizes must be available after the
      // scf.if.
      if (!llvm::all_of(thenReshape->getOperands().drop_front(),
                        [&](Value size) { return isDefinedBefore(size, op); }))
        continue;
      Value result = op->getResult(i);
      rewriter.modifyOpInPlace(op, [&] {
        thenYield->setOperand(i, thenReshape->getOperand(0));
        elseYield->setOperand(i, elseReshape->getOperand(0));
        result.setType(thenReshape->getOperand(0).getType());
      });
      rewriter.setInsertionPointAfter(op);
      IRMapping mapping;
      mapping.map(thenReshape->getOperand(0), result);
      Operation *reshape = rewriter.clone(*thenReshape, mapping);
      rewriter.replaceAllUsesExcept(result, reshape->getResult(0), reshape);
      rewriter.eraseOp(thenReshape);
      rewriter.eraseOp(elseReshape);
      return success();
    }
    return failure();
  }
};

struct HoistBranchDestinationsPass
    : public tconv::impl::HoistBranchDestinationsBase<
          HoistBranchDestinationsPass> {
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    RewritePatternSet patterns(ctx);
    patterns.add<HoistOutOfBranch, SinkYieldedReshape>(ctx);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
    IRRewriter rewriter(ctx);
    eliminateCommonSubExpressions(rewriter, getAnalysis<DominanceInfo>(),
                                  getOperation());
  }
};

} // namespace
