//===- OneDnn.cpp - oneDNN's deconvolution for tconv-bench ----------------===//
//
// Part of the tconv project (benchmark, not a test).
//
//===----------------------------------------------------------------------===//

#include "OneDnn.h"

#include "tconv/Reference/Reference.h"

#include "oneapi/dnnl/dnnl.hpp"

#include <dlfcn.h>

#include "llvm/ADT/STLExtras.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Target/TargetMachine.h"

using namespace mlir::tconv;
using namespace mlir::tconv::bench;

using Tag = dnnl::memory::format_tag;
using Dims = dnnl::memory::dims;
using DataType = dnnl::memory::data_type;

/// Plain (N, C, spatial...) activations.
static Tag getActivationTag(unsigned rank) {
  return rank == 1 ? Tag::abc : rank == 2 ? Tag::abcd : Tag::abcde;
}

/// PyTorch's weight (Cin, Cout/G, k...) in oneDNN's deconvolution terms:
/// dims {Cout, Cin, k...} with format iohw (= bacd) for one group, dims
/// {G, Cout/G, Cin/G, k...} with format giohw (= acbde) for several; the
/// 1-D and 3-D analogues likewise. selfTestOneDnn pins this down.
static Tag getWeightTag(unsigned rank, bool grouped) {
  if (!grouped)
    return rank == 1 ? Tag::bac : rank == 2 ? Tag::bacd : Tag::bacde;
  return rank == 1 ? Tag::acbd : rank == 2 ? Tag::acbde : Tag::acbdef;
}

struct OneDnnDeconvolution::Impl {
  dnnl::engine engine{dnnl::engine::kind::cpu, 0};
  dnnl::stream stream{engine};
  dnnl::deconvolution_forward::primitive_desc descriptor;
  dnnl::deconvolution_forward primitive;
  dnnl::memory userInput, userBias, userOutput; // the caller's buffers
  dnnl::memory input, weight, output;           // oneDNN's layouts
  std::optional<dnnl::reorder> inputReorder, outputReorder;
};

OneDnnDeconvolution::OneDnnDeconvolution(std::unique_ptr<Impl> impl)
    : impl(std::move(impl)) {}
OneDnnDeconvolution::~OneDnnDeconvolution() = default;

std::unique_ptr<OneDnnDeconvolution>
OneDnnDeconvolution::create(const ConvTransposeProblem &problem,
                            const float *inputData, const float *weightData,
                            const float *biasData, float *outputData,
                            std::string &error) {
  std::optional<llvm::SmallVector<int64_t, 3>> outputSizes =
      problem.getOutputSizes();
  if (problem.channelsLast || !outputSizes) {
    error = "oneDNN comparison needs a valid channels-first problem";
    return nullptr;
  }
  int64_t groups = problem.groups;
  Dims inputDims{problem.batch, problem.inChannels};
  Dims outputDims{problem.batch, problem.outChannels};
  Dims weightDims = groups > 1 ? Dims{groups, problem.outChannels / groups,
                                      problem.inChannels / groups}
                               : Dims{problem.outChannels, problem.inChannels};
  Dims strides, dilations, padBegin, padEnd;
  for (auto [i, params] : llvm::enumerate(problem.params)) {
    inputDims.push_back(problem.inputSize[i]);
    outputDims.push_back((*outputSizes)[i]);
    weightDims.push_back(problem.kernelSize[i]);
    strides.push_back(params.stride);
    dilations.push_back(params.dilation - 1); // oneDNN: 0 is no dilation
    padBegin.push_back(params.padBegin);
    // Output padding extends the end: oneDNN sees it as less padding.
    padEnd.push_back(params.padEnd - params.outputPadding);
  }
  unsigned rank = problem.getNumSpatialDims();
  auto impl = std::make_unique<Impl>();
  try {
    dnnl::memory::desc biasDesc({problem.outChannels}, DataType::f32, Tag::a);
    dnnl::deconvolution_forward::desc desc(
        dnnl::prop_kind::forward_inference,
        dnnl::algorithm::deconvolution_direct,
        {inputDims, DataType::f32, Tag::any},
        {weightDims, DataType::f32, Tag::any}, biasDesc,
        {outputDims, DataType::f32, Tag::any}, strides, dilations, padBegin,
        padEnd);
    impl->descriptor =
        dnnl::deconvolution_forward::primitive_desc(desc, impl->engine);
    impl->primitive = dnnl::deconvolution_forward(impl->descriptor);

    auto mutableData = [](const float *data) {
      return const_cast<float *>(data); // oneDNN never writes sources
    };
    impl->userInput = dnnl::memory(
        {inputDims, DataType::f32, getActivationTag(rank)}, impl->engine,
        mutableData(inputData));
    dnnl::memory userWeight(
        {weightDims, DataType::f32, getWeightTag(rank, groups > 1)},
        impl->engine, mutableData(weightData));
    impl->userBias =
        dnnl::memory(biasDesc, impl->engine, mutableData(biasData));
    impl->userOutput =
        dnnl::memory({outputDims, DataType::f32, getActivationTag(rank)},
                     impl->engine, outputData);

    impl->weight = userWeight;
    if (impl->descriptor.weights_desc() != userWeight.get_desc()) {
      impl->weight = dnnl::memory(impl->descriptor.weights_desc(), impl->engine);
      dnnl::reorder(userWeight, impl->weight)
          .execute(impl->stream, userWeight, impl->weight);
    }
    impl->input = impl->userInput;
    if (impl->descriptor.src_desc() != impl->userInput.get_desc()) {
      impl->input = dnnl::memory(impl->descriptor.src_desc(), impl->engine);
      impl->inputReorder = dnnl::reorder(impl->userInput, impl->input);
    }
    impl->output = impl->userOutput;
    if (impl->descriptor.dst_desc() != impl->userOutput.get_desc()) {
      impl->output = dnnl::memory(impl->descriptor.dst_desc(), impl->engine);
      impl->outputReorder = dnnl::reorder(impl->output, impl->userOutput);
      // oneDNN's own destination gets random bytes too: stale heap memory
      // may hold denormals.
      size_t count = impl->descriptor.dst_desc().get_size() / sizeof(float);
      reference::fillRandom(
          {static_cast<float *>(impl->output.get_data_handle()), count}, 7);
    }
    impl->stream.wait();
  } catch (const dnnl::error &e) {
    error = std::string("oneDNN: ") + e.what();
    return nullptr;
  }
  return std::unique_ptr<OneDnnDeconvolution>(
      new OneDnnDeconvolution(std::move(impl)));
}

void OneDnnDeconvolution::prepareInput() {
  if (impl->inputReorder)
    impl->inputReorder->execute(impl->stream, impl->userInput, impl->input);
  impl->stream.wait();
}

void OneDnnDeconvolution::execute() {
  impl->primitive.execute(impl->stream, {{DNNL_ARG_SRC, impl->input},
                                         {DNNL_ARG_WEIGHTS, impl->weight},
                                         {DNNL_ARG_BIAS, impl->userBias},
                                         {DNNL_ARG_DST, impl->output}});
  impl->stream.wait();
}

void OneDnnDeconvolution::finishOutput() {
  if (impl->outputReorder)
    impl->outputReorder->execute(impl->stream, impl->output,
                                 impl->userOutput);
  impl->stream.wait();
}

std::string OneDnnDeconvolution::describe() const {
  return std::string(impl->descriptor.impl_info_str()) +
         (impl->inputReorder ? ", src reordered" : ", src plain") +
         (impl->outputReorder ? ", dst reordered" : ", dst plain");
}

void mlir::tconv::bench::setOneDnnThreads(unsigned count) {
  // Looked up rather than linked: the runtime is oneDNN's dependency.
  using SetNumThreads = void (*)(int);
  if (auto set = reinterpret_cast<SetNumThreads>(
          dlsym(RTLD_DEFAULT, "omp_set_num_threads")))
    set(static_cast<int>(count));
}

namespace {
struct OneDnnIsa {
  dnnl::cpu_isa isa;
  const char *name;
  /// The LLVM features a target needs for it.
  const char *features;
};
} // namespace

/// oneDNN's x86 ISAs, widest first.
static const OneDnnIsa oneDnnIsas[] = {
    {dnnl::cpu_isa::avx512_core_amx, "avx512_core_amx",
     "+avx512f,+avx512bw,+avx512dq,+avx512vl,+avx512vnni,+avx512bf16,"
     "+amx-tile,+amx-int8,+amx-bf16"},
    {dnnl::cpu_isa::avx512_core_bf16, "avx512_core_bf16",
     "+avx512f,+avx512bw,+avx512dq,+avx512vl,+avx512vnni,+avx512bf16"},
    {dnnl::cpu_isa::avx512_core_vnni, "avx512_core_vnni",
     "+avx512f,+avx512bw,+avx512dq,+avx512vl,+avx512vnni"},
    {dnnl::cpu_isa::avx512_core, "avx512_core",
     "+avx512f,+avx512bw,+avx512dq,+avx512vl"},
    {dnnl::cpu_isa::avx2_vnni, "avx2_vnni", "+avx2,+fma,+avxvnni"},
    {dnnl::cpu_isa::avx2, "avx2", "+avx2,+fma"},
};

bool mlir::tconv::bench::capOneDnnIsa(const llvm::TargetMachine &machine,
                                      std::string &error) {
  const llvm::MCSubtargetInfo &target = *machine.getMCSubtargetInfo();
  const OneDnnIsa *cap = llvm::find_if(oneDnnIsas, [&](const OneDnnIsa &isa) {
    return target.checkFeatures(isa.features);
  });
  if (cap == std::end(oneDnnIsas)) {
    error = "no oneDNN ISA matches the target";
    return false;
  }
  // Takes precedence over ONEDNN_MAX_CPU_ISA, which oneDNN reads only when
  // it first dispatches.
  if (dnnl::set_max_cpu_isa(cap->isa) != dnnl::status::success) {
    error = std::string("oneDNN refused the ISA cap ") + cap->name;
    return false;
  }
  return true;
}

std::string mlir::tconv::bench::describeOneDnn() {
  const dnnl_version_t *version = dnnl::version();
  dnnl::cpu_isa effective = dnnl::get_effective_cpu_isa();
  const OneDnnIsa *isa = llvm::find_if(
      oneDnnIsas, [&](const OneDnnIsa &isa) { return isa.isa == effective; });
  return llvm::formatv("oneDNN {0}.{1}.{2} ({3} runtime), ISA {4}",
                       version->major, version->minor, version->patch,
                       version->cpu_runtime == DNNL_RUNTIME_OMP ? "OpenMP"
                                                                : "other",
                       isa == std::end(oneDnnIsas) ? "other" : isa->name)
      .str();
}

bool mlir::tconv::bench::selfTestOneDnn(std::string &report) {
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
    ConvTransposeProblem problem;
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
    auto shapeSize = [](llvm::ArrayRef<int64_t> shape) {
      int64_t size = 1;
      for (int64_t d : shape)
        size *= d;
      return size;
    };
    std::vector<float> input(shapeSize(problem.getInputShape()));
    std::vector<float> weight(shapeSize(problem.getWeightShape()));
    std::vector<float> bias(problem.outChannels);
    std::vector<float> output(shapeSize(*problem.getOutputShape()));
    reference::fillRandom(input, 1);
    reference::fillRandom(weight, 2);
    reference::fillRandom(bias, 3);
    reference::fillRandom(output, 4);
    std::string error;
    std::unique_ptr<OneDnnDeconvolution> oneDnn = OneDnnDeconvolution::create(
        problem, input.data(), weight.data(), bias.data(), output.data(),
        error);
    if (!oneDnn) {
      report += llvm::formatv("self-test {0}: {1}\n", c.name, error).str();
      ok = false;
      continue;
    }
    oneDnn->prepareInput();
    oneDnn->execute();
    oneDnn->finishOutput();
    reference::ErrorStats stats = reference::compareResults(
        reference::convTranspose(problem, input, weight, bias), output);
    if (stats.hasNonFinite || stats.maxRelError > 1e-5) {
      report += llvm::formatv("self-test {0}: oneDNN differs from the "
                              "reference (relative error {1:e})\n",
                              c.name, stats.maxRelError)
                    .str();
      ok = false;
    }
  }
  return ok;
}
