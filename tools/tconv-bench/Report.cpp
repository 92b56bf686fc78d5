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
};
} // namespace

static const SpeedupColumn speedupColumns[] = {
    {"oneDNN", &Result::speedupVsOneDnn, "speedup_vs_onednn"},
    {"XNNPACK", &Result::speedupVsXnnpack, "speedup_vs_xnnpack"},
};

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
  os << llvm::formatv("fp32 peak: {0:f1} GFLOP/s ({1}, {2})\n", info.peakGflops,
                      tier, info.peakMeasured ? "measured" : "given");
  for (const std::string &baseline : info.baselines)
    os << "baseline: " << baseline << "\n";
}

void bench::printTable(llvm::raw_ostream &os, ArrayRef<Result> results) {
  os << llvm::formatv("{0,-10} {1,-15} {2,7} {3,10} {4,9} {5,7}", "layer",
                      "implementation", "comp s", "ms", "GFLOP/s", "%peak");
  for (const SpeedupColumn &column : speedupColumns)
    os << llvm::formatv(" {0,10}", "vs " + column.baseline);
  os << llvm::formatv(" {0,10} {1,6}  {2}\n", "rel err", "runs", "status");
  for (const Result &r : results) {
    if (!r.note.empty()) {
      os << llvm::formatv("{0,-10} {1,-15} {2}\n", r.layer, r.implementation,
                          r.note);
      continue;
    }
    std::string compile = r.compileSeconds > 0
                              ? llvm::formatv("{0:f2}", r.compileSeconds).str()
                              : std::string("-");
    os << llvm::formatv("{0,-10} {1,-15} {2,7} {3,10:f3} {4,9:f2} {5,7:f1}",
                        r.layer, r.implementation, compile, r.milliseconds,
                        r.gflops, r.percentOfPeak);
    for (const SpeedupColumn &column : speedupColumns) {
      double speedup = r.*column.speedup;
      os << llvm::formatv(" {0,10}", speedup > 0
                                         ? llvm::formatv("{0:f2}x", speedup)
                                         : std::string("-"));
    }
    std::string error = r.relativeError >= 0
                            ? llvm::formatv("{0:e2}", r.relativeError).str()
                            : std::string("-");
    os << llvm::formatv(" {0,10} {1,6}  {2}\n", error, r.runs,
                        r.passed ? "PASS" : "FAIL");
  }
}

void bench::writeJson(llvm::raw_ostream &os, ArrayRef<Result> results,
                      const RunInfo &info) {
  llvm::json::OStream json(os, 2);
  json.object([&] {
    json.attribute("suite", info.suite);
    json.attribute("layout",
                   info.channelsLast ? "channels-last" : "channels-first");
    json.attribute("threads", static_cast<int64_t>(info.threads));
    json.attribute("cpu_model", info.target.cpuModel);
    json.attribute("host_cpu", info.target.hostCpu);
    json.attribute("target_cpu", info.target.targetCpu);
    json.attribute("target_features", info.target.targetFeatures);
    json.attribute("isa", getIsaTierName(info.target.tier));
    json.attribute("peak_gflops", info.peakGflops);
    json.attribute("peak_measured", info.peakMeasured);
    json.attributeArray("baselines", [&] {
      for (const std::string &baseline : info.baselines)
        json.value(baseline);
    });
    json.attributeArray("results", [&] {
      for (const Result &r : results)
        json.object([&] {
          json.attribute("layer", r.layer);
          json.attribute("implementation", r.implementation);
          if (!r.note.empty()) {
            json.attribute("note", r.note);
            return;
          }
          json.attribute("compile_seconds", r.compileSeconds);
          json.attribute("ms", r.milliseconds);
          json.attribute("gflops", r.gflops);
          json.attribute("percent_of_peak", r.percentOfPeak);
          for (const SpeedupColumn &column : speedupColumns)
            json.attribute(column.jsonKey, r.*column.speedup);
          json.attribute("relative_error", r.relativeError);
          json.attribute("runs", static_cast<int64_t>(r.runs));
          json.attribute("passed", r.passed);
        });
    });
  });
  os << "\n";
}

void bench::writeCsv(llvm::raw_ostream &os, ArrayRef<Result> results) {
  os << "layer,implementation,compile_s,ms,gflops,percent_of_peak";
  for (const SpeedupColumn &column : speedupColumns)
    os << "," << column.jsonKey;
  os << ",relative_error,runs,status,note\n";
  for (const Result &r : results) {
    os << r.layer << "," << r.implementation;
    SmallVector<double> numbers = {r.compileSeconds, r.milliseconds, r.gflops,
                                   r.percentOfPeak};
    for (const SpeedupColumn &column : speedupColumns)
      numbers.push_back(r.*column.speedup);
    numbers.push_back(r.relativeError);
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
                          it->gflops);
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
