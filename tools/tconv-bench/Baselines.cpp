//===- Baselines.cpp - The libraries tconv-bench compares with ------------===//
//
// Part of the tconv project (benchmark, not a test).
//
//===----------------------------------------------------------------------===//

#include "Baselines.h"
#ifdef TCONV_HAVE_ONEDNN
#include "OneDnn.h"
#endif
#include "Support.h"

using namespace mlir;
using namespace mlir::tconv;
using namespace mlir::tconv::bench;

LogicalResult bench::setUpBaselines(const BaselineSelection &selected,
                                    const llvm::TargetMachine &machine,
                                    RunInfo &info) {
#ifdef TCONV_HAVE_ONEDNN
  if (selected.oneDnn) {
    std::string report;
    setOneDnnThreads(info.threads);
    if (!capOneDnnIsa(machine, report))
      return emitToolError(report);
    if (!selfTestOneDnn(report))
      return emitToolError("oneDNN's setup does not match the reference:\n" +
                           report);
    info.baselines.push_back(describeOneDnn());
  }
#else
  if (selected.oneDnn)
    llvm::errs() << "tconv-bench: built without oneDNN; no comparison\n";
#endif
  return success();
}
