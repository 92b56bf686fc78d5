//===- PrintTargetModel.cpp - Print the target model ----------------------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//

#include "tconv/Codegen/Passes.h"
#include "tconv/Target/TargetModel.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/raw_ostream.h"

namespace mlir::tconv {
#define GEN_PASS_DEF_PRINTTARGETMODEL
#include "tconv/Codegen/Passes.h.inc"
} // namespace mlir::tconv

using namespace mlir;
using namespace mlir::tconv;

namespace {
struct PrintTargetModelPass
    : public tconv::impl::PrintTargetModelBase<PrintTargetModelPass> {
  using PrintTargetModelBase::PrintTargetModelBase;

  void runOnOperation() override {
    FailureOr<TargetModel> model = getTargetModel(
        targetTriple, targetCpu, targetFeatures, [&](const Twine &message) {
          emitError(getOperation().getLoc())
              << "tconv-print-target-model: " << message;
        });
    if (failed(model))
      return signalPassFailure();
    model->print(llvm::outs());
    markAllAnalysesPreserved();
  }
};
} // namespace
