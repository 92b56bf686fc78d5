//===- Report.cpp - tconv-bench's table, JSON, CSV and plot ---------------===//
//
// Part of the tconv project (benchmark, not a test).
//
//===----------------------------------------------------------------------===//

#include "Report.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"

#include <cmath>

using namespace mlir;
using namespace mlir::tconv;
using namespace mlir::tconv::bench;

namespace {
/// A baseline's speedup column: its time over each implementation's.
struct SpeedupColumn {
  StringRef baseline;
  double Result::*speedup;
  StringRef jsonKey;
  /// Whether only int8 runs (true) or only f32 runs (false) report it:
  /// XNNPACK runs f32 only, and int8 kernels are compared with f32 ones.
  std::optional<bool> onlyInt8;
};
} // namespace

static const SpeedupColumn speedupColumns[] = {
    {"oneDNN", &Result::speedupVsOneDnn, "speedup_vs_onednn", std::nullopt},
    {"XNNPACK", &Result::speedupVsXnnpack, "speedup_vs_xnnpack", false},
    {"f32", &Result::speedupVsF32, "speedup_vs_f32", true},
};

/// The speedup columns of a run in `type`.
static SmallVector<SpeedupColumn> getSpeedupColumns(DataType type) {
  SmallVector<SpeedupColumn> columns;
  for (const SpeedupColumn &column : speedupColumns)
    if (!column.onlyInt8 || *column.onlyInt8 == isInt8(type))
      columns.push_back(column);
  return columns;
}

/// The table's error: f32's relative error, int8's count of values that
/// differ.
static std::string formatError(const Result &r) {
  if (r.error < 0)
    return "-";
  return (r.type == DataType::F32 ? llvm::formatv("{0:e2}", r.error)
                                  : llvm::formatv("{0:f0}", r.error))
      .str();
}

void bench::printSummary(llvm::raw_ostream &os, ArrayRef<Result> results,
                         StringRef implementation) {
  for (const SpeedupColumn &column : speedupColumns) {
    double logSum = 0, minimum = INFINITY;
    unsigned count = 0;
    for (const Result &result : results) {
      double speedup = result.*column.speedup;
      if (result.implementation == implementation && speedup > 0) {
        logSum += std::log(speedup);
        minimum = std::min(minimum, speedup);
        ++count;
      }
    }
    if (count)
      os << llvm::formatv("{0}: geomean speedup vs {1} {2:f3}x, lowest "
                          "{3:f3}x\n",
                          implementation, column.baseline,
                          std::exp(logSum / count), minimum);
  }
}

void bench::printHeader(llvm::raw_ostream &os, const RunInfo &info) {
  const TargetDescription &target = info.target;
  StringRef tier = getIsaTierName(target.tier);
  os << llvm::formatv("CPU: {0} (LLVM: {1}); kernels for {2}{3}{4} ({5}); "
                      "{6} thread(s)\n",
                      target.cpuModel, target.hostCpu, target.targetCpu,
                      target.targetFeatures.empty() ? "" : " ",
                      target.targetFeatures, tier, info.threads);
  os << "layout: "
     << (info.channelsLast
             ? "channels-last: input (N, I..., Cin), weight (Cout, k..., Cin/G)"
             : "channels-first: input (N, Cin, I...), weight (Cin, Cout/G, "
               "k...)")
     << "\n";
  std::pair<int32_t, int32_t> weights =
      getInt8WeightRange(info.narrowInt8Weights);
  if (info.type == DataType::F32)
    os << llvm::formatv("fp32 peak: {0:f1} GFLOP/s ({1}, {2})\n",
                        info.peakGflops, tier,
                        info.peakMeasured ? "measured" : "given");
  else
    os << llvm::formatv(
        "int8: input u8 in [0, 255] (zero point {0}), weight s8 in [{1}, {2}] "
        "(zero point {3}), bias s32, result {4}, checked bit-exact; GOP/s: 2 "
        "integer ops per useful multiply-add; no % of peak\n",
        kInt8InputZeroPoint, weights.first, weights.second,
        kInt8WeightZeroPoint,
        info.type == DataType::Int8
            ? "s32"
            : "u8 = roundeven(clamp(float(s32) * scale[channel], 0, 255)) "
              "in f32");
  if (info.narrowInt8Weights)
    os << "int8 weights in 7 bits: oneDNN without VNNI adds pairs of u8 x s8 "
          "products in saturating 16 bits (VPMADDUBSW)\n";
  for (const std::string &baseline : info.baselines)
    os << "baseline: " << baseline << "\n";
  if (!info.baselines.empty())
    os << "baselines timed "
       << (info.baselineLayoutChangesTimed
               ? "with their reorders to and from the layer's layout"
               : "without their reorders to and from the layer's layout "
                 "(--time-layout-changes times them)")
       << "\n";
}

void bench::printTable(llvm::raw_ostream &os, ArrayRef<Result> results,
                       const RunInfo &info) {
  bool f32 = info.type == DataType::F32;
  SmallVector<SpeedupColumn> columns = getSpeedupColumns(info.type);
  // --compare-f32's names ("zero-insertion f32") are the longest.
  size_t width = 15;
  for (const Result &r : results)
    width = std::max(width, r.implementation.size());
  os << llvm::formatv("{0,-10} ", "layer")
     << llvm::left_justify("implementation", width)
     << llvm::formatv(" {0,7} {1,10} {2,9}", "comp s", "ms",
                      f32 ? "GFLOP/s" : "GOP/s");
  if (f32)
    os << llvm::formatv(" {0,7}", "%peak");
  for (const SpeedupColumn &column : columns)
    os << llvm::formatv(" {0,10}", "vs " + column.baseline);
  os << llvm::formatv(" {0,10} {1,6}  {2}\n", f32 ? "rel err" : "error", "runs",
                      "status");
  for (const Result &r : results) {
    os << llvm::formatv("{0,-10} ", r.layer)
       << llvm::left_justify(r.implementation, width);
    if (!r.note.empty()) {
      os << " " << r.note << "\n";
      continue;
    }
    std::string compile = r.compileSeconds > 0
                              ? llvm::formatv("{0:f2}", r.compileSeconds).str()
                              : std::string("-");
    os << llvm::formatv(" {0,7} {1,10:f3} {2,9:f2}", compile, r.milliseconds,
                        r.gops);
    if (f32)
      os << llvm::formatv(" {0,7:f1}", r.percentOfPeak);
    for (const SpeedupColumn &column : columns) {
      double speedup = r.*column.speedup;
      os << llvm::formatv(" {0,10}", speedup > 0
                                         ? llvm::formatv("{0:f2}x", speedup)
                                         : std::string("-"));
    }
    os << llvm::formatv(" {0,10} {1,6}  {2}\n", formatError(r), r.runs,
                        r.passed ? "PASS" : "FAIL");
  }
}

void bench::writeJson(llvm::raw_ostream &os, ArrayRef<Result> results,
                      const RunInfo &info) {
  bool f32 = info.type == DataType::F32;
  llvm::json::OStream json(os, 2);
  json.object([&] {
    json.attribute("suite", info.suite);
    json.attribute("layout",
                   info.channelsLast ? "channels-last" : "channels-first");
    json.attribute("dtype", getDataTypeName(info.type));
    if (!f32) {
      json.attribute("input_zero_point", kInt8InputZeroPoint);
      json.attribute("weight_zero_point", kInt8WeightZeroPoint);
      std::pair<int32_t, int32_t> weights =
          getInt8WeightRange(info.narrowInt8Weights);
      json.attributeArray("weight_range", [&] {
        json.value(weights.first);
        json.value(weights.second);
      });
    }
    json.attribute("threads", static_cast<int64_t>(info.threads));
    json.attribute("cpu_model", info.target.cpuModel);
    json.attribute("host_cpu", info.target.hostCpu);
    json.attribute("target_cpu", info.target.targetCpu);
    json.attribute("target_features", info.target.targetFeatures);
    json.attribute("isa", getIsaTierName(info.target.tier));
    if (f32) {
      json.attribute("peak_gflops", info.peakGflops);
      json.attribute("peak_measured", info.peakMeasured);
    }
    json.attributeArray("baselines", [&] {
      for (const std::string &baseline : info.baselines)
        json.value(baseline);
    });
    json.attribute("baseline_layout_changes_timed",
                   info.baselineLayoutChangesTimed);
    json.attributeArray("results", [&] {
      for (const Result &r : results)
        json.object([&] {
          bool f32Result = r.type == DataType::F32;
          json.attribute("layer", r.layer);
          json.attribute("implementation", r.implementation);
          json.attribute("dtype", getDataTypeName(r.type));
          if (!r.note.empty()) {
            json.attribute("note", r.note);
            return;
          }
          json.attribute("compile_seconds", r.compileSeconds);
          json.attribute("ms", r.milliseconds);
          json.attribute(f32Result ? "gflops" : "gops", r.gops);
          if (f32)
            json.attribute("percent_of_peak", r.percentOfPeak);
          for (const SpeedupColumn &column : getSpeedupColumns(info.type))
            json.attribute(column.jsonKey, r.*column.speedup);
          json.attribute(f32Result ? "relative_error" : "mismatches", r.error);
          json.attribute("runs", static_cast<int64_t>(r.runs));
          json.attribute("passed", r.passed);
        });
    });
  });
  os << "\n";
}

void bench::writeCsv(llvm::raw_ostream &os, ArrayRef<Result> results,
                     const RunInfo &info) {
  // An int8 run's rows may be f32 (--compare-f32): a dtype column, and
  // "gops" and "error" read by it.
  bool f32 = info.type == DataType::F32;
  SmallVector<SpeedupColumn> columns = getSpeedupColumns(info.type);
  os << "layer,implementation" << (f32 ? "" : ",dtype") << ",compile_s,ms,"
     << (f32 ? "gflops,percent_of_peak" : "gops");
  for (const SpeedupColumn &column : columns)
    os << "," << column.jsonKey;
  os << (f32 ? ",relative_error" : ",error") << ",runs,status,note\n";
  for (const Result &r : results) {
    os << r.layer << "," << r.implementation;
    if (!f32)
      os << "," << getDataTypeName(r.type);
    SmallVector<double> numbers = {r.compileSeconds, r.milliseconds, r.gops};
    if (f32)
      numbers.push_back(r.percentOfPeak);
    for (const SpeedupColumn &column : columns)
      numbers.push_back(r.*column.speedup);
    numbers.push_back(r.error);
    for (double number : numbers)
      os << "," << llvm::format("%.6g", number);
    std::string note = r.note;
    llvm::erase(note, '"');
    os << "," << r.runs << ","
       << (!r.note.empty() ? "n/a"
           : r.passed      ? "PASS"
                           : "FAIL")
       << ",\"" << note << "\"\n";
  }
}

void bench::writePlot(llvm::raw_ostream &os, ArrayRef<Result> results,
                      ArrayRef<std::string> layers, const RunInfo &info) {
  SmallVector<std::string> implementations;
  double maxPercent = 100;
  for (const Result &r : results)
    if (r.note.empty()) {
      if (!llvm::is_contained(implementations, r.implementation))
        implementations.push_back(r.implementation);
      maxPercent = std::max(maxPercent, r.percentOfPeak);
    }
  // Baselines keep their colour whatever the algorithms are.
  auto getColor = [&](size_t index) {
    const char *colors[] = {"#1f77b4", "#2ca02c", "#9467bd", "#8c564b",
                            "#e377c2", "#17becf", "#bcbd22"};
    StringRef name = implementations[index];
    return name == "oneDNN"    ? "#ff7f0e"
           : name == "XNNPACK" ? "#d62728"
                               : colors[index % std::size(colors)];
  };
  // The plot area, then the legend to its right, clear of the bars.
  const double barWidth = 12, gap = 18, left = 60, top = 60, height = 300;
  double groupWidth = barWidth * implementations.size() + gap;
  double plotWidth = std::max(groupWidth * layers.size(), 200.0);
  double legendX = left + plotWidth + 30;
  double width = legendX + 230, base = top + height;
  // Up to 100% or, should a noisy peak leave a bar above it, the next 25%.
  double axisPercent = std::ceil(maxPercent / 25) * 25;
  auto getY = [&](double percent) {
    return base - percent / axisPercent * height;
  };
  const TargetDescription &target = info.target;
  StringRef tier = getIsaTierName(target.tier);
  os << llvm::formatv("<svg xmlns=\"http://www.w3.org/2000/svg\" "
                      "width=\"{0}\" height=\"{1}\" font-family=\"sans-serif\" "
                      "font-size=\"11\">\n",
                      width, base + 80);
  os << llvm::formatv(
      "<text x=\"{0}\" y=\"20\" font-size=\"14\">% of the "
      "fp32 peak per layer</text>\n"
      "<text x=\"{0}\" y=\"38\">kernels for {1}{2}{3} "
      "({4}), {5} thread(s), {6}</text>\n",
      left, target.targetCpu, target.targetFeatures.empty() ? "" : " ",
      target.targetFeatures, tier, info.threads, target.cpuModel);
  os << llvm::formatv("<text transform=\"translate(16 {0}) rotate(-90)\" "
                      "text-anchor=\"middle\">% of peak</text>\n",
                      top + height / 2);
  for (double percent = 0; percent <= axisPercent; percent += 25)
    os << llvm::formatv("<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" "
                        "stroke=\"#ddd\"/><text x=\"{3}\" y=\"{4}\" "
                        "text-anchor=\"end\">{5:f0}%</text>\n",
                        left, getY(percent), left + plotWidth, left - 6,
                        getY(percent) + 4, percent);
  for (auto [l, layer] : llvm::enumerate(layers)) {
    double x0 = left + l * groupWidth + gap / 2;
    for (auto [i, implementation] : llvm::enumerate(implementations)) {
      // Named captures: captured structured bindings are C++20.
      auto it = llvm::find_if(
          results, [&, &layer = layer,
                    &implementation = implementation](const Result &r) {
            return r.layer == layer && r.implementation == implementation &&
                   r.note.empty();
          });
      if (it == results.end())
        continue;
      os << llvm::formatv("<rect x=\"{0}\" y=\"{1}\" width=\"{2}\" "
                          "height=\"{3}\" fill=\"{4}\"><title>{5} {6}: "
                          "{7:f1}% of peak, {8:f1} GFLOP/s</title></rect>\n",
                          x0 + i * barWidth, getY(it->percentOfPeak),
                          barWidth - 1, base - getY(it->percentOfPeak),
                          getColor(i), layer, implementation, it->percentOfPeak,
                          it->gops);
    }
    os << llvm::formatv("<text x=\"{0}\" y=\"{1}\" text-anchor=\"end\" "
                        "transform=\"rotate(-40 {0} {1})\">{2}</text>\n",
                        x0 + groupWidth / 2, base + 14, layer);
  }
  os << llvm::formatv("<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" "
                      "stroke=\"black\"/>\n"
                      "<line x1=\"{0}\" y1=\"{3}\" x2=\"{2}\" y2=\"{3}\" "
                      "stroke=\"red\" stroke-dasharray=\"6,4\"/>\n",
                      left, base, left + plotWidth, getY(100));
  for (auto [i, implementation] : llvm::enumerate(implementations)) {
    double y = top + 16 * i;
    os << llvm::formatv("<rect x=\"{0}\" y=\"{1}\" width=\"10\" height=\"10\" "
                        "fill=\"{2}\"/><text x=\"{3}\" y=\"{4}\">{5}</text>\n",
                        legendX, y, getColor(i), legendX + 16, y + 9,
                        implementation);
  }
  double peakY = top + 16 * implementations.size() + 8;
  os << llvm::formatv("<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" "
                      "stroke=\"red\" stroke-dasharray=\"6,4\"/>"
                      "<text x=\"{3}\" y=\"{4}\">100% = fp32 peak,</text>"
                      "<text x=\"{3}\" y=\"{5}\">{6:f0} GFLOP/s ({7}, {8})"
                      "</text>\n",
                      legendX, peakY, legendX + 12, legendX + 16, peakY + 4,
                      peakY + 18, info.peakGflops, tier,
                      info.peakMeasured ? "measured" : "given");
  os << "</svg>\n";
}
