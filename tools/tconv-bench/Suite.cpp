//===- Suite.cpp - tconv-bench's layer suite ------------------------------===//
//
// Part of the tconv project (benchmark, not a test).
//
//===----------------------------------------------------------------------===//

#include "Suite.h"
#include "Support.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace mlir;
using namespace mlir::tconv;
using namespace mlir::tconv::bench;

/// A suite value is one integer for every spatial dim or a list of them.
static LogicalResult readPerDim(const llvm::json::Object &object, StringRef key,
                                int64_t defaultValue, unsigned rank,
                                SmallVectorImpl<int64_t> &values,
                                const Twine &where) {
  values.assign(rank, defaultValue);
  const llvm::json::Value *value = object.get(key);
  if (!value)
    return success();
  if (std::optional<int64_t> scalar = value->getAsInteger()) {
    values.assign(rank, *scalar);
    return success();
  }
  const llvm::json::Array *array = value->getAsArray();
  if (!array || array->size() != rank)
    return emitToolError(where + ": '" + key + "' must be an integer or " +
                         Twine(rank) + " integers");
  for (auto [i, element] : llvm::enumerate(*array)) {
    std::optional<int64_t> integer = element.getAsInteger();
    if (!integer)
      return emitToolError(where + ": '" + key + "' must hold integers");
    values[i] = *integer;
  }
  return success();
}

static FailureOr<Layer>
readLayer(StringRef path, const llvm::json::Value &value, size_t index) {
  std::string where = (path + ": layer " + Twine(index)).str();
  const llvm::json::Object *object = value.getAsObject();
  if (!object)
    return emitToolError(where + " is not an object");
  Layer layer;
  if (std::optional<StringRef> name = object->getString("name"))
    layer.name = name->str();
  else
    return emitToolError(where + " has no \"name\"");
  where = (path + ": layer " + layer.name).str();
  if (std::optional<StringRef> source = object->getString("source"))
    layer.source = source->str();
  const llvm::json::Array *spatial = object->getArray("spatial");
  if (!spatial || spatial->empty() || spatial->size() > 3)
    return emitToolError(where + ": \"spatial\" must list 1 to 3 sizes");
  ConvTransposeProblem &problem = layer.problem;
  for (const llvm::json::Value &size : *spatial) {
    std::optional<int64_t> integer = size.getAsInteger();
    if (!integer)
      return emitToolError(where + ": \"spatial\" must hold integers");
    problem.inputSize.push_back(*integer);
  }
  unsigned rank = problem.inputSize.size();
  auto readScalar = [&](StringRef key, int64_t &field,
                        std::optional<int64_t> defaultValue) {
    if (std::optional<int64_t> integer = object->getInteger(key)) {
      field = *integer;
      return success();
    }
    if (defaultValue && !object->get(key)) {
      field = *defaultValue;
      return success();
    }
    return emitToolError(where + ": \"" + key + "\" must be an integer");
  };
  SmallVector<int64_t> kernel, stride, padding, outputPadding, dilation;
  if (failed(readScalar("N", problem.batch, std::nullopt)) ||
      failed(readScalar("Cin", problem.inChannels, std::nullopt)) ||
      failed(readScalar("Cout", problem.outChannels, std::nullopt)) ||
      failed(readScalar("groups", problem.groups, 1)) ||
      failed(readPerDim(*object, "kernel", -1, rank, kernel, where)) ||
      failed(readPerDim(*object, "stride", 1, rank, stride, where)) ||
      failed(readPerDim(*object, "padding", 0, rank, padding, where)) ||
      failed(readPerDim(*object, "output_padding", 0, rank, outputPadding,
                        where)) ||
      failed(readPerDim(*object, "dilation", 1, rank, dilation, where)))
    return failure();
  problem.kernelSize.assign(kernel);
  for (unsigned d = 0; d < rank; ++d)
    problem.params.push_back(
        {stride[d], dilation[d], padding[d], padding[d], outputPadding[d]});
  std::optional<SmallVector<int64_t>> outputShape = problem.getOutputShape();
  std::optional<int64_t> macs = problem.getUsefulMacs();
  if (problem.batch < 1 || problem.inChannels < 1 || problem.outChannels < 1 ||
      problem.groups < 1 || problem.inChannels % problem.groups ||
      problem.outChannels % problem.groups ||
      llvm::any_of(
          kernel, [](int64_t k) { return k < 1; }) ||
      !outputShape || !macs)
    return emitToolError(where + " is not a valid transposed convolution");
  layer.usefulFlops = 2.0 * *macs;
  layer.outputCount = 1;
  for (int64_t size : *outputShape)
    layer.outputCount *= size;
  return layer;
}

FailureOr<std::vector<Layer>> bench::readSuite(StringRef path,
                                               ArrayRef<std::string> only) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> file =
      llvm::MemoryBuffer::getFile(path);
  if (!file)
    return emitToolError("cannot read " + path + ": " +
                         file.getError().message());
  llvm::Expected<llvm::json::Value> json =
      llvm::json::parse((*file)->getBuffer());
  if (!json)
    return emitToolError(path + ": " + llvm::toString(json.takeError()));
  const llvm::json::Object *root = json->getAsObject();
  const llvm::json::Array *array = root ? root->getArray("layers") : nullptr;
  if (!array)
    return emitToolError(path + " has no \"layers\" array");
  std::vector<Layer> layers;
  for (auto [index, value] : llvm::enumerate(*array)) {
    FailureOr<Layer> layer = readLayer(path, value, index);
    if (failed(layer))
      return failure();
    if (only.empty() || llvm::is_contained(only, layer->name))
      layers.push_back(std::move(*layer));
  }
  for (const std::string &name : only)
    if (llvm::none_of(layers, [&](const Layer &l) { return l.name == name; }))
      return emitToolError("no layer '" + name + "' in " + path);
  return layers;
}
