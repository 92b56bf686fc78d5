//===- TConvToLinalg.cpp - The --convert-tconv-to-linalg pass -------------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// The pass only chooses and applies: the algorithms live in their own files
// and are exposed as populate*Patterns functions.
//
//===----------------------------------------------------------------------===//

#include "tconv/Conversion/Passes.h"
#include "tconv/Dialect/TConv/IR/TConvOps.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

namespace mlir::tconv {
#define GEN_PASS_DEF_CONVERTTCONVTOLINALG
#include "tconv/Conversion/Passes.h.inc"
} // namespace mlir::tconv

using namespace mlir;
using namespace mlir::tconv;

namespace {
struct ConvertTConvToLinalgPass
    : public tconv::impl::ConvertTConvToLinalgBase<ConvertTConvToLinalgPass> {
  using ConvertTConvToLinalgBase::ConvertTConvToLinalgBase;

  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    ConvertTConvToLinalgOptions options;
    options.algorithm = algorithm;
    options.channelsLastCompute = channelsLastCompute;
    FailureOr<TargetModel> model = getTargetModelForPass(
        ctx, getArgument(), targetTriple, targetCpu, targetFeatures);
    if (failed(model))
      return signalPassFailure();
    // Name what cannot be lowered before trying, so the user gets the reason
    // rather than a bare legalization failure.
    WalkResult unsupported = getOperation()->walk([&](ConvTransposeOp op) {
      if (failed(selectLoweringAlgorithm(
              op, options, *model, [&](const Twine &reason) {
                op.emitOpError("cannot be lowered to linalg: ") << reason;
              })))
        return WalkResult::interrupt();
      return WalkResult::advance();
    });
    if (unsupported.wasInterrupted())
      return signalPassFailure();

    ConversionTarget target(*ctx);
    target.addIllegalOp<ConvTransposeOp>();
    target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });
    RewritePatternSet patterns(ctx);
    populateTConvToLinalgPatterns(patterns, options, *model);
    // A partial conversion reports every op that no pattern could lower
    // ("failed to legalize operation 'tconv.conv_transpose'").
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
