//===- Suite.h - tconv-bench's layer suite ----------------------*- C++ -*-===//
//
// Part of the tconv project (benchmark, not a test).
//
//===----------------------------------------------------------------------===//
//
// A suite is a JSON file {"layers": [{"name", "source", "N", "Cin", "Cout",
// "spatial", "kernel", "stride", "padding", "output_padding", "groups",
// "dilation"}, ...]} (bench/suite.json); per-dim values are one integer for
// every spatial dim or a list of them.
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_TOOLS_TCONV_BENCH_SUITE_H
#define TCONV_TOOLS_TCONV_BENCH_SUITE_H

#include "tconv/Dialect/TConv/Utils/Geometry.h"

#include "mlir/Support/LLVM.h"

#include <string>
#include <vector>

namespace mlir::tconv::bench {

struct Layer {
  std::string name;
  std::string source;
  ConvTransposeProblem problem;
  double usefulFlops = 0;
  int64_t outputCount = 0;
};

/// The layers of the suite at `path` named in `only` (all when empty), in
/// the suite's order. Reports malformed layers and names not in the suite.
FailureOr<std::vector<Layer>> readSuite(StringRef path,
                                        ArrayRef<std::string> only);

} // namespace mlir::tconv::bench

#endif // TCONV_TOOLS_TCONV_BENCH_SUITE_H
