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

#include "Common.h"
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
    // Name what no algorithm can lower before trying, so the user gets the
    // reason rather than a bare legalization failure.
    LoweringAlgorithm algorithm = this->algorithm;
    bool channelsLast = channelsLastCompute;
    WalkResult unsupported = getOperation()->walk([&](ConvTransposeOp op) {
      auto report = [&](const Twine &reason) {
        op.emitOpError("cannot be lowered to linalg: ") << reason;
      };
      FailureOr<lowering::ConvTransposeInfo> info =
          lowering::getConvTransposeInfo(op, channelsLast, report);
      if (failed(info) ||
          (algorithm == LoweringAlgorithm::Phase &&
           failed(lowering::checkPhaseDecomposable(op, *info, report))))
        return WalkResult::interrupt();
      return WalkResult::advance();
    });
    if (unsupported.wasInterrupted())
      return signalPassFailure();

    ConversionTarget target(*ctx);
    target.addIllegalOp<ConvTransposeOp>();
    target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });
    RewritePatternSet patterns(ctx);
    if (algorithm != LoweringAlgorithm::Phase)
      populateTConvZeroInsertionPatterns(patterns, channelsLast);
    // With `auto`, the phase decomposition is preferred where it applies.
    if (algorithm != LoweringAlgorithm::ZeroInsertion)
      populateTConvPhasePatterns(patterns, channelsLast, /*benefit=*/2);
    // A partial conversion reports every op that no pattern could lower
    // ("failed to legalize operation 'tconv.conv_transpose'").
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
