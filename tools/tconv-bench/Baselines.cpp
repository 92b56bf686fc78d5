//===- Baselines.cpp - The libraries tconv-bench compares with ------------===//
//
// Part of the tconv project (benchmark, not a test).
//
//===----------------------------------------------------------------------===//

#include "Baselines.h"
#ifdef TCONV_HAVE_ONEDNN
#include "OneDnn.h"
#endif
#ifdef TCONV_HAVE_XNNPACK
#include "Xnnpack.h"
#endif
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace mlir::tconv;
using namespace mlir::tconv::bench;

/// Runs `library` on tiny problems covering 1-D/2-D/3-D, groups, depthwise,
/// dilation, output padding and asymmetric kernels, in both layouts, in
/// `type`, against the reference library. This is what pins the mapping of
/// PyTorch's weight layout onto the library's, and for int8 its zero points;
/// returns false with a message in `report` on any mismatch.
static bool selfTest(const BaselineLibrary &library, const RunInfo &info,
                     std::string &report) {
  struct Case {
    const char *name;
    unsigned rank;
    int64_t batch, inChannels, outChannels, groups, size, kernel, stride,
        padding, outputPadding, dilation;
  };
  const Case cases[] = {
      // name            rank N Cin Cout G  I  k  s  p op dil
      {"2d-basic", 2, 2, 3, 5, 1, 4, 3, 2, 1, 1, 1},
      {"2d-k4s2p1", 2, 1, 4, 3, 1, 5, 4, 2, 1, 0, 1},
      {"2d-groups", 2, 2, 6, 4, 2, 3, 3, 2, 0, 1, 1},
      {"2d-depthwise", 2, 1, 4, 4, 4, 4, 4, 2, 1, 0, 1},
      {"2d-dilation", 2, 1, 3, 2, 1, 5, 3, 2, 2, 1, 2},
      {"1d", 1, 2, 5, 3, 1, 7, 5, 3, 1, 2, 1},
      {"1d-groups", 1, 1, 4, 6, 2, 6, 4, 2, 1, 0, 1},
      {"3d", 3, 1, 3, 2, 1, 3, 2, 2, 0, 0, 1},
      {"3d-groups-dil", 3, 1, 4, 2, 2, 3, 3, 2, 1, 1, 2},
  };
  bool ok = true;
  for (const Case &c : cases) {
    for (bool channelsLast : {false, true}) {
      ConvTransposeProblem problem;
      problem.channelsLast = channelsLast;
      problem.batch = c.batch;
      problem.inChannels = c.inChannels;
      problem.outChannels = c.outChannels;
      problem.groups = c.groups;
      for (unsigned d = 0; d < c.rank; ++d) {
        // Sizes differing per dim catch transposed dims; so does the
        // asymmetric kernel and stride in 2-D.
        bool asymmetric = c.rank == 2 && d == 1;
        problem.inputSize.push_back(c.size + d);
        problem.kernelSize.push_back(c.kernel + asymmetric);
        problem.params.push_back({/*stride=*/c.stride + asymmetric,
                                  /*dilation=*/c.dilation,
                                  /*padBegin=*/c.padding, /*padEnd=*/c.padding,
                                  /*outputPadding=*/c.outputPadding});
      }
      if (library.supports && !library.supports(problem))
        continue;
      LayerData data(problem, info.type, /*seed=*/1, info.narrowInt8Weights);
      Bytes output = data.makeOutput(/*seed=*/4);
      std::string error;
      std::unique_ptr<Baseline> baseline =
          library.create(problem, data, output.data(), error);
      if (!baseline) {
        report += llvm::formatv("self-test {0}{1}: {2}\n", c.name,
                                channelsLast ? " channels-last" : "", error)
                      .str();
        ok = false;
        continue;
      }
      baseline->prepareInput();
      baseline->execute();
      baseline->finishOutput();
      ReferenceResult::Check check =
          ReferenceResult(problem, data).check(output, /*tolerance=*/1e-5);
      if (!check.passed) {
        report +=
            llvm::formatv("self-test {0}{1}: {2} differs from the "
                          "reference ({3} {4})\n",
                          c.name, channelsLast ? " channels-last" : "",
                          library.name,
                          info.type == DataType::F32 ? "relative error"
                                                     : "values differing:",
                          check.error)
                .str();
        ok = false;
      }
    }
  }
  return ok;
}

FailureOr<SmallVector<BaselineLibrary>>
bench::setUpBaselines(const BaselineSelection &selected,
                      const llvm::TargetMachine &machine, RunInfo &info) {
  SmallVector<BaselineLibrary> libraries;
  std::string error;
#ifdef TCONV_HAVE_ONEDNN
  if (selected.oneDnn) {
    setOneDnnThreads(info.threads);
    if (!capOneDnnIsa(machine, error))
      return emitToolError(error);
    libraries.push_back({"oneDNN", nullptr, createOneDnnDeconvolution});
    info.baselines.push_back(describeOneDnn(info.type));
    info.narrowInt8Weights = isInt8(info.type) && !isOneDnnInt8Exact();
  }
#else
  if (selected.oneDnn)
    llvm::errs() << "tconv-bench: built without oneDNN; no comparison\n";
#endif
#ifdef TCONV_HAVE_XNNPACK
  // Single-threaded: a thread pool of its own would compete for the cores
  // with the OpenMP workers that spin after tconv's and oneDNN's calls.
  if (selected.xnnpack && info.type != DataType::F32) {
    info.baselines.push_back("XNNPACK not run: f32 only");
  } else if (selected.xnnpack && info.threads > 1) {
    info.baselines.push_back("XNNPACK not run: one thread only");
  } else if (selected.xnnpack) {
    if (!initXnnpack(info.target.tier, error))
      return emitToolError(error);
    libraries.push_back(
        {"XNNPACK", isXnnpackProblem, createXnnpackDeconvolution});
    info.baselines.push_back(
        llvm::formatv("XNNPACK (2-D layers, NHWC), {0} kernels",
                      getIsaTierName(info.target.tier)));
  }
#else
  if (selected.xnnpack)
    llvm::errs() << "tconv-bench: built without XNNPACK; no comparison\n";
#endif
  for (const BaselineLibrary &library : libraries)
    if (!selfTest(library, info, error))
      return emitToolError(library.name +
                           "'s setup does not match the reference:\n" + error);
  return libraries;
}
