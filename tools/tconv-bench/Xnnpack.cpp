//===- Xnnpack.cpp - XNNPACK's deconvolution for tconv-bench --------------===//
//
// Part of the tconv project (benchmark, not a test).
//
//===----------------------------------------------------------------------===//

#include "Xnnpack.h"
#include "Support.h"

#include "tconv/Reference/Reference.h"

#include "llvm/Support/FormatVariadic.h"

#include <cpuinfo.h>
#include <xnnpack.h>

#include <cmath>

using namespace mlir;
using namespace mlir::tconv;
using namespace mlir::tconv::bench;

static StringRef getStatusName(xnn_status status) {
  switch (status) {
  case xnn_status_success:
    return "success";
  case xnn_status_uninitialized:
    return "uninitialized";
  case xnn_status_invalid_parameter:
    return "invalid parameter";
  case xnn_status_invalid_state:
    return "invalid state";
  case xnn_status_unsupported_parameter:
    return "unsupported parameter";
  case xnn_status_unsupported_hardware:
    return "unsupported hardware";
  case xnn_status_out_of_memory:
    return "out of memory";
  }
  return "unknown status";
}

bool bench::initXnnpack(IsaTier tier, std::string &error) {
  // XNNPACK picks its kernels once, in xnn_initialize, from cpuinfo's flags,
  // and this snapshot has no other way to cap its ISA: for the AVX2 tier the
  // AVX-512 flags are cleared first. cpuinfo_initialize runs once, so
  // XNNPACK's own call keeps them cleared.
  if (!cpuinfo_initialize()) {
    error = "cpuinfo, which XNNPACK needs, cannot read this CPU";
    return false;
  }
  if (tier == IsaTier::AVX2)
    for (bool *flag :
         {&cpuinfo_isa.avx512f, &cpuinfo_isa.avx512pf, &cpuinfo_isa.avx512er,
          &cpuinfo_isa.avx512cd, &cpuinfo_isa.avx512dq, &cpuinfo_isa.avx512bw,
          &cpuinfo_isa.avx512vl, &cpuinfo_isa.avx512ifma,
          &cpuinfo_isa.avx512vbmi, &cpuinfo_isa.avx512vbmi2,
          &cpuinfo_isa.avx512bitalg, &cpuinfo_isa.avx512vpopcntdq,
          &cpuinfo_isa.avx512vnni, &cpuinfo_isa.avx512bf16,
          &cpuinfo_isa.avx512vp2intersect, &cpuinfo_isa.avx512_4vnniw,
          &cpuinfo_isa.avx512_4fmaps})
      *flag = false;
  xnn_status status = xnn_initialize(/*allocator=*/nullptr);
  if (status != xnn_status_success) {
    error = ("XNNPACK: " + getStatusName(status)).str();
    return false;
  }
  return true;
}

bool bench::isXnnpackProblem(const ConvTransposeProblem &problem) {
  return problem.getNumSpatialDims() == 2;
}

/// Transposes each of `batch` row-major `rows` x `columns` matrices.
static void transposeEach(const float *source, float *destination,
                          int64_t batch, int64_t rows, int64_t columns) {
  for (int64_t n = 0; n < batch;
       ++n, source += rows * columns, destination += rows * columns)
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t c = 0; c < columns; ++c)
        destination[c * rows + r] = source[r * columns + c];
}

namespace {
class XnnpackDeconvolution final : public Baseline {
public:
  ~XnnpackDeconvolution() override { xnn_delete_operator(op); }
  // Into a buffer of its own even when it is NHWC already: XNNPACK reads
  // past the input.
  void prepareInput() override {
    if (channelsLast)
      std::copy_n(input, batch * inChannels * inputPixels, nhwcInput.data());
    else
      transposeEach(input, nhwcInput.data(), batch, inChannels, inputPixels);
  }
  void execute() override { xnn_run_operator(op, /*threadpool=*/nullptr); }
  void finishOutput() override {
    if (channelsLast)
      std::copy_n(nhwcOutput.data(), batch * outputPixels * outChannels,
                  output);
    else
      transposeEach(nhwcOutput.data(), output, batch, outputPixels,
                    outChannels);
  }
  std::string describe() const override {
    return channelsLast
               ? "NHWC"
               : "NHWC, input and output transposed outside the timed call";
  }

  xnn_operator_t op = nullptr;
  const float *input = nullptr;
  float *output = nullptr;
  int64_t batch = 0, inChannels = 0, outChannels = 0;
  int64_t inputPixels = 0, outputPixels = 0;
  bool channelsLast = false;
  Buffer nhwcInput, nhwcOutput;
};
} // namespace

std::unique_ptr<Baseline>
bench::createXnnpackDeconvolution(const ConvTransposeProblem &problem,
                                  const LayerData &data, void *output,
                                  std::string &error) {
  std::optional<SmallVector<int64_t, 3>> outputSizes = problem.getOutputSizes();
  if (!isXnnpackProblem(problem) || !outputSizes ||
      data.type != DataType::F32) {
    error = "XNNPACK comparison needs a valid 2-D f32 problem";
    return nullptr;
  }
  auto *input = reinterpret_cast<const float *>(data.input.data());
  auto *weight = reinterpret_cast<const float *>(data.weight.data());
  auto *bias = reinterpret_cast<const float *>(data.bias.data());
  int64_t groups = problem.groups;
  int64_t groupIn = problem.inChannels / groups;
  int64_t groupOut = problem.outChannels / groups;
  int64_t kh = problem.kernelSize[0], kw = problem.kernelSize[1];
  // XNNPACK's weights are [G][Cout/G][kh][kw][Cin/G], the channels-last
  // layout's, PyTorch's (Cin, Cout/G, kh, kw); XNNPACK packs its copy at
  // creation.
  std::vector<float> ohwi(problem.inChannels * groupOut * kh * kw);
  if (problem.channelsLast)
    std::copy(weight, weight + ohwi.size(), ohwi.begin());
  else
    for (int64_t g = 0; g < groups; ++g)
      for (int64_t oc = 0; oc < groupOut; ++oc)
        for (int64_t y = 0; y < kh; ++y)
          for (int64_t x = 0; x < kw; ++x)
            for (int64_t ic = 0; ic < groupIn; ++ic)
              ohwi[(((g * groupOut + oc) * kh + y) * kw + x) * groupIn + ic] =
                  weight[(((g * groupIn + ic) * groupOut + oc) * kh + y) * kw +
                         x];
  const SpatialParams &height = problem.params[0], &width = problem.params[1];
  auto deconvolution = std::make_unique<XnnpackDeconvolution>();
  // XNNPACK's padding crops the full output, as PyTorch's padding does;
  // output padding is its "adjustment", which must be below the stride.
  xnn_status status = xnn_create_deconvolution2d_nhwc_f32(
      height.padBegin, width.padEnd, height.padEnd, width.padBegin, kh, kw,
      height.stride, width.stride, height.dilation, width.dilation, groups,
      groupIn, groupOut, /*input_pixel_stride=*/problem.inChannels,
      /*output_pixel_stride=*/problem.outChannels, ohwi.data(), bias, -INFINITY,
      INFINITY, /*flags=*/0, &deconvolution->op);
  if (status != xnn_status_success) {
    error =
        ("XNNPACK: cannot create the deconvolution: " + getStatusName(status))
            .str();
    return nullptr;
  }
  deconvolution->input = input;
  deconvolution->output = static_cast<float *>(output);
  deconvolution->batch = problem.batch;
  deconvolution->inChannels = problem.inChannels;
  deconvolution->outChannels = problem.outChannels;
  deconvolution->channelsLast = problem.channelsLast;
  deconvolution->inputPixels = problem.inputSize[0] * problem.inputSize[1];
  deconvolution->outputPixels = (*outputSizes)[0] * (*outputSizes)[1];
  // XNNPACK may read XNN_EXTRA_BYTES past the input. Random numbers in
  // every buffer: stale heap bytes may hold denormals.
  deconvolution->nhwcInput.resize(problem.batch * problem.inChannels *
                                      deconvolution->inputPixels +
                                  XNN_EXTRA_BYTES / sizeof(float));
  deconvolution->nhwcOutput.resize(problem.batch * problem.outChannels *
                                   deconvolution->outputPixels);
  reference::fillRandom(deconvolution->nhwcInput, 5);
  reference::fillRandom(deconvolution->nhwcOutput, 6);
  status = xnn_setup_deconvolution2d_nhwc_f32(
      deconvolution->op, problem.batch, problem.inputSize[0],
      problem.inputSize[1], height.outputPadding, width.outputPadding,
      deconvolution->nhwcInput.data(), deconvolution->nhwcOutput.data(),
      /*threadpool=*/nullptr);
  if (status != xnn_status_success) {
    error =
        ("XNNPACK: cannot set the deconvolution up: " + getStatusName(status))
            .str();
    return nullptr;
  }
  return deconvolution;
}
