#include "io/output/export_output.h"

#include <array>
#include <charconv>

#include <nlohmann/json.hpp>

#include "core/export_pool.h"
#include "core/text.h"

namespace evident::io {
namespace {

using nlohmann::ordered_json;

// The shortest text that reads back as the same double.
std::string exact_number(double value) {
  std::array<char, 32> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return {buffer.data(), result.ptr};
}

// RFC 4180: a cell with a comma, a quote or a line break is quoted, its quotes doubled.
std::string csv_cell(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string gab_entry_name(const MetricId& id) {
  return id.metric == "value" ? id.benchmark : id.benchmark + "/" + id.metric;
}

}  // namespace

std::string bmf_document(std::span<const MetricSeries> metrics) {
  ordered_json document = ordered_json::object();
  for (const MetricSeries& metric : metrics) {
    const std::optional<ExportValue> exported = export_value(metric);
    if (!exported) continue;
    ordered_json measure{{"value", exported->value}};
    if (exported->lowest) measure["lower_value"] = *exported->lowest;
    if (exported->highest) measure["upper_value"] = *exported->highest;
    document[metric.id.benchmark][metric.id.metric] = std::move(measure);
  }
  return document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string_view gab_file_name(Better better) {
  return better == Better::lower ? "customSmallerIsBetter.json" : "customBiggerIsBetter.json";
}

std::optional<std::string> gab_document(std::span<const MetricSeries> metrics, Better better) {
  ordered_json entries = ordered_json::array();
  for (const MetricSeries& metric : metrics) {
    const std::optional<ExportValue> exported = export_value(metric);
    if (metric.better != better || !exported) continue;
    ordered_json entry{{"name", gab_entry_name(metric.id)}, {"unit", metric.unit}, {"value", exported->value}};
    if (!metric.samples.empty()) {
      entry["extra"] = std::string(exported->from_samples ? "median of " : "") +
                       count_of(metric.samples.size(), "sample") + ", " + exact_number(*exported->lowest) + " to " +
                       exact_number(*exported->highest);
    }
    entries.push_back(std::move(entry));
  }
  if (entries.empty()) return std::nullopt;
  return entries.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::size_t summary_rows(const MetricSeries& metric) { return metric.samples.empty() ? 1 : metric.samples.size(); }

std::string summary_csv(std::span<const MetricSeries> metrics, bool with_header) {
  std::string text = with_header ? "suite,benchmark,metric,unit,better,run,value\n" : "";
  for (const MetricSeries& metric : metrics) {
    const std::string key = csv_cell(metric.id.suite) + "," + csv_cell(metric.id.benchmark) + "," +
                            csv_cell(metric.id.metric) + "," + csv_cell(metric.unit) + "," +
                            std::string(better_name(metric.better)) + ",";
    if (metric.samples.empty()) {
      if (metric.value) text += key + "0," + exact_number(*metric.value) + "\n";
      continue;
    }
    for (std::size_t run = 0; run < metric.samples.size(); ++run) {
      text += key + std::to_string(run) + "," + exact_number(metric.samples[run]) + "\n";
    }
  }
  return text;
}

}  // namespace evident::io
