//===- Support.cpp - What the parts of tconv-bench share ------------------===//
//
// Part of the tconv project (benchmark, not a test).
//
//===----------------------------------------------------------------------===//

#include "Support.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/WithColor.h"

using namespace mlir;
using namespace mlir::tconv;

LogicalResult bench::emitToolError(const Twine &message) {
  llvm::WithColor::error(llvm::errs(), "tconv-bench") << message << "\n";
  return failure();
}

void bench::reportToolError(const Twine &message) {
  (void)emitToolError(message);
}

LogicalResult
bench::writeFile(StringRef path,
                 llvm::function_ref<void(llvm::raw_ostream &)> write) {
  if (llvm::Error error = llvm::writeToOutput(path, [&](llvm::raw_ostream &os) {
        write(os);
        return llvm::Error::success();
      }))
    return emitToolError(path + ": " + llvm::toString(std::move(error)));
  return success();
}
