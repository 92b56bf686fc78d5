//===- OneDnn.cpp - oneDNN's deconvolution for tconv-bench ----------------===//
//
// Part of the tconv project (benchmark, not a test).
//
//===----------------------------------------------------------------------===//

#include "OneDnn.h"

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
using ElementType = dnnl::memory::data_type;

/// Plain (N, C, spatial...) activations, or (N, spatial..., C) ones.
static Tag getActivationTag(unsigned rank, bool channelsLast) {
  if (channelsLast)
    return rank == 1 ? Tag::acb : rank == 2 ? Tag::acdb : Tag::acdeb;
  return rank == 1 ? Tag::abc : rank == 2 ? Tag::abcd : Tag::abcde;
}

/// PyTorch's weight (Cin, Cout/G, k...) in oneDNN's deconvolution terms:
/// dims {Cout, Cin, k...} with format iohw (= bacd) for one group, dims
/// {G, Cout/G, Cin/G, k...} with format giohw (= acbde) for several; the
/// 1-D and 3-D analogues likewise. selfTestOneDnn pins this down.
/// The channels-last weight (Cout, k..., Cin/G) is ohwi (= acdb) for one
/// group and gohwi (= abdec) for several.
static Tag getWeightTag(unsigned rank, bool grouped, bool channelsLast) {
  if (channelsLast && !grouped)
    return rank == 1 ? Tag::acb : rank == 2 ? Tag::acdb : Tag::acdeb;
  if (channelsLast)
    return rank == 1 ? Tag::abdc : rank == 2 ? Tag::abdec : Tag::abdefc;
  if (!grouped)
    return rank == 1 ? Tag::bac : rank == 2 ? Tag::bacd : Tag::bacde;
  return rank == 1 ? Tag::acbd : rank == 2 ? Tag::acbde : Tag::acbdef;
}

namespace {
/// The data types of a deconvolution's source, weights, bias and
/// destination.
struct OneDnnTypes {
  ElementType source, weights, bias, destination;
};
} // namespace

static OneDnnTypes getOneDnnTypes(DataType type) {
  if (type == DataType::F32)
    return {ElementType::f32, ElementType::f32, ElementType::f32,
            ElementType::f32};
  return {ElementType::u8, ElementType::s8, ElementType::s32,
          type == DataType::Int8U8 ? ElementType::u8 : ElementType::s32};
}

namespace {
class OneDnnDeconvolution final : public Baseline {
public:
  void prepareInput() override;
  void execute() override;
  void finishOutput() override;
  std::string describe() const override;

  dnnl::engine engine{dnnl::engine::kind::cpu, 0};
  dnnl::stream stream{engine};
  dnnl::deconvolution_forward::primitive_desc descriptor;
  dnnl::deconvolution_forward primitive;
  dnnl::memory userInput, userBias, userOutput; // the caller's buffers
  dnnl::memory input, weight, output;           // oneDNN's layouts
  std::optional<dnnl::reorder> inputReorder, outputReorder;
  /// The int8 input as s8 (x - zero point), where oneDNN gets no zero point.
  Bytes shiftedInput;
};
} // namespace

std::unique_ptr<Baseline> mlir::tconv::bench::createOneDnnDeconvolution(
    const ConvTransposeProblem &problem, const LayerData &data,
    void *outputData, std::string &error) {
  std::optional<llvm::SmallVector<int64_t, 3>> outputSizes =
      problem.getOutputSizes();
  if (!outputSizes) {
    error = "oneDNN comparison needs a valid problem";
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
  OneDnnTypes types = getOneDnnTypes(data.type);
  auto oneDnn = std::make_unique<OneDnnDeconvolution>();
  try {
    dnnl::memory::desc biasDesc({problem.outChannels}, types.bias, Tag::a);
    auto createDescriptor = [&](bool sourceZeroPoint) {
      dnnl::deconvolution_forward::desc desc(
          dnnl::prop_kind::forward_inference,
          dnnl::algorithm::deconvolution_direct,
          {inputDims, types.source, Tag::any},
          {weightDims, types.weights, Tag::any}, biasDesc,
          {outputDims, types.destination, Tag::any}, strides, dilations,
          padBegin, padEnd);
      // oneDNN computes with src - zero point, as tconv does; its weights
      // have none.
      dnnl::primitive_attr attributes;
      if (sourceZeroPoint)
        attributes.set_zero_points(DNNL_ARG_SRC, /*mask=*/0,
                                   {kInt8InputZeroPoint});
      // Int8U8: u8 = round(saturate(scale[c] * (s32 sum + bias))), as
      // tconv's requantization computes it.
      if (data.type == DataType::Int8U8)
        attributes.set_output_scales(/*mask=*/1 << 1,
                                     getRequantizationMultipliers(problem));
      return dnnl::deconvolution_forward::primitive_desc(desc, attributes,
                                                         oneDnn->engine);
    };
    bool int8 = isInt8(data.type);
    oneDnn->descriptor = createDescriptor(/*sourceZeroPoint=*/int8);
    // oneDNN 2.6's GEMM-based deconvolution, its choice for dilated layers
    // and large kernels, takes a source zero point at a thousand times the
    // cost (the suite's dilated layer: 1.1 s a call against 1 ms; FCN-32s:
    // many minutes). There the input is shifted instead, before timing:
    // x - 128 of a u8 x is exactly the s8 x ^ 0x80.
    static_assert(kInt8InputZeroPoint == 128, "the shift flips the top bit");
    if (int8 && !llvm::StringRef(oneDnn->descriptor.impl_info_str())
                     .starts_with("jit")) {
      types.source = ElementType::s8;
      oneDnn->descriptor = createDescriptor(/*sourceZeroPoint=*/false);
      oneDnn->shiftedInput.resize(data.input.size());
      llvm::transform(data.input, oneDnn->shiftedInput.begin(),
                      [](char x) { return static_cast<char>(x ^ 0x80); });
    }
    oneDnn->primitive = dnnl::deconvolution_forward(oneDnn->descriptor);

    auto mutableData = [](const Bytes &bytes) {
      return const_cast<char *>(bytes.data()); // oneDNN never writes sources
    };
    oneDnn->userInput = dnnl::memory(
        {inputDims, types.source, getActivationTag(rank, problem.channelsLast)},
        oneDnn->engine,
        mutableData(oneDnn->shiftedInput.empty() ? data.input
                                                 : oneDnn->shiftedInput));
    dnnl::memory userWeight(
        {weightDims, types.weights,
         getWeightTag(rank, groups > 1, problem.channelsLast)},
        oneDnn->engine, mutableData(data.weight));
    oneDnn->userBias =
        dnnl::memory(biasDesc, oneDnn->engine, mutableData(data.bias));
    oneDnn->userOutput =
        dnnl::memory({outputDims, types.destination,
                      getActivationTag(rank, problem.channelsLast)},
                     oneDnn->engine, outputData);

    oneDnn->weight = userWeight;
    if (oneDnn->descriptor.weights_desc() != userWeight.get_desc()) {
      oneDnn->weight =
          dnnl::memory(oneDnn->descriptor.weights_desc(), oneDnn->engine);
      dnnl::reorder(userWeight, oneDnn->weight)
          .execute(oneDnn->stream, userWeight, oneDnn->weight);
    }
    oneDnn->input = oneDnn->userInput;
    if (oneDnn->descriptor.src_desc() != oneDnn->userInput.get_desc()) {
      oneDnn->input =
          dnnl::memory(oneDnn->descriptor.src_desc(), oneDnn->engine);
      oneDnn->inputReorder = dnnl::reorder(oneDnn->userInput, oneDnn->input);
    }
    oneDnn->output = oneDnn->userOutput;
    if (oneDnn->descriptor.dst_desc() != oneDnn->userOutput.get_desc()) {
      oneDnn->output =
          dnnl::memory(oneDnn->descriptor.dst_desc(), oneDnn->engine);
      oneDnn->outputReorder = dnnl::reorder(oneDnn->output, oneDnn->userOutput);
      // oneDNN's own destination gets random values too.
      fillRandomOutput(data.type, oneDnn->output.get_data_handle(),
                       oneDnn->descriptor.dst_desc().get_size(), 7);
    }
    oneDnn->stream.wait();
  } catch (const dnnl::error &e) {
    error = std::string("oneDNN: ") + e.what();
    return nullptr;
  }
  return oneDnn;
}

void OneDnnDeconvolution::prepareInput() {
  if (inputReorder)
    inputReorder->execute(stream, userInput, input);
  stream.wait();
}

void OneDnnDeconvolution::execute() {
  primitive.execute(stream, {{DNNL_ARG_SRC, input},
                             {DNNL_ARG_WEIGHTS, weight},
                             {DNNL_ARG_BIAS, userBias},
                             {DNNL_ARG_DST, output}});
  stream.wait();
}

void OneDnnDeconvolution::finishOutput() {
  if (outputReorder)
    outputReorder->execute(stream, output, userOutput);
  stream.wait();
}

std::string OneDnnDeconvolution::describe() const {
  return std::string(descriptor.impl_info_str()) +
         (shiftedInput.empty() ? "" : ", src s8 (u8 - zero point)") +
         (inputReorder ? ", src reordered" : ", src plain") +
         (outputReorder ? ", dst reordered" : ", dst plain");
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

bool mlir::tconv::bench::isOneDnnInt8Exact() {
  dnnl::cpu_isa effective = dnnl::get_effective_cpu_isa();
  const OneDnnIsa *isa = llvm::find_if(
      oneDnnIsas, [&](const OneDnnIsa &isa) { return isa.isa == effective; });
  return isa != std::end(oneDnnIsas) &&
         llvm::StringRef(isa->features).contains("vnni");
}

std::string mlir::tconv::bench::describeOneDnn(DataType type) {
  const dnnl_version_t *version = dnnl::version();
  dnnl::cpu_isa effective = dnnl::get_effective_cpu_isa();
  const OneDnnIsa *isa = llvm::find_if(
      oneDnnIsas, [&](const OneDnnIsa &isa) { return isa.isa == effective; });
  return llvm::formatv(
             "oneDNN {0}.{1}.{2} ({3} runtime), ISA {4}{5}", version->major,
             version->minor, version->patch,
             version->cpu_runtime == DNNL_RUNTIME_OMP ? "OpenMP" : "other",
             isa == std::end(oneDnnIsas) ? "other" : isa->name,
             type == DataType::F32 ? ""
             : type == DataType::Int8
                 ? ", int8: src u8 with its zero point as an attribute (GEMM: "
                   "s8 src, u8 - zero point), weights s8, bias and dst s32"
                 : ", int8: src u8 with its zero point as an attribute (GEMM: "
                   "s8 src, u8 - zero point), weights s8, bias s32, dst u8 "
                   "by per-channel output scales")
      .str();
}
