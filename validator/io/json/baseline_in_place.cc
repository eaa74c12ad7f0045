#include "io/json/baseline_in_place.h"

#include <set>
#include <string_view>
#include <vector>

#include <simdjson.h>

#include "core/metric_pattern.h"
#include "io/json/quick_parse.h"

namespace evident::io {
namespace {

namespace dom = simdjson::dom;

std::optional<std::string_view> string_at(const dom::object& object, std::string_view key) {
  std::string_view text;
  if (object.at_key(key).get_string().get(text) != simdjson::SUCCESS) return std::nullopt;
  return text;
}

// An entry as baseline_from_json's reader makes it: "better" is "higher" or else lower.
std::optional<BaselineEntry> entry_of(MetricId id, const dom::element& element) {
  dom::object fields;
  if (element.get_object().get(fields) != simdjson::SUCCESS) return std::nullopt;
  const std::optional<std::string_view> unit = string_at(fields, "unit");
  const std::optional<std::string_view> better = string_at(fields, "better");
  if (!unit || !better) return std::nullopt;
  BaselineEntry entry;
  entry.id = std::move(id);
  entry.unit = std::string(*unit);
  entry.better = *better == "higher" ? Better::higher : Better::lower;
  dom::element found;
  if (fields.at_key("samples").get(found) == simdjson::SUCCESS) {
    dom::array samples;
    if (found.get_array().get(samples) != simdjson::SUCCESS) return std::nullopt;
    entry.samples.reserve(samples.size());  // kept for the whole command: no spare capacity
    for (const dom::element sample : samples) {
      const std::optional<double> number = number_in_place(sample);
      if (!number) return std::nullopt;
      entry.samples.push_back(*number);
    }
  }
  if (fields.at_key("value").get(found) == simdjson::SUCCESS) {
    entry.value = number_in_place(found);
    if (!entry.value) return std::nullopt;
  }
  return entry;
}

}  // namespace

std::optional<Baseline> baseline_in_place(const dom::element& root) {
  dom::object document;
  dom::array sources;
  dom::object metrics;
  if (root.get_object().get(document) != simdjson::SUCCESS ||
      document.at_key("sources").get_array().get(sources) != simdjson::SUCCESS ||
      document.at_key("metrics").get_object().get(metrics) != simdjson::SUCCESS) {
    return std::nullopt;
  }
  Baseline baseline;
  const std::optional<std::string_view> created_at = string_at(document, "created_at");
  if (!created_at) return std::nullopt;
  baseline.created_at = std::string(*created_at);
  std::set<std::string_view> paths;
  for (const dom::element item : sources) {
    dom::object source;
    if (item.get_object().get(source) != simdjson::SUCCESS) return std::nullopt;
    const std::optional<std::string_view> path = string_at(source, "path");
    const std::optional<std::string_view> sha256 = string_at(source, "sha256");
    // A path listed twice is reported by baseline_from_json.
    if (!path || !sha256 || !paths.insert(*path).second) return std::nullopt;
    baseline.sources.push_back({std::string(*path), std::string(*sha256)});
  }
  baseline.entries.reserve(metrics.size());
  for (const dom::key_value_pair member : metrics) {
    std::optional<MetricId> id = parse_metric_id(member.key);  // a bad id is reported by baseline_from_json
    if (!id) return std::nullopt;
    std::optional<BaselineEntry> entry = entry_of(std::move(*id), member.value);
    if (!entry) return std::nullopt;
    baseline.entries.push_back(std::move(*entry));
  }
  sort_by_id(baseline.entries);  // as baseline_from_json gives them
  return baseline;
}

}  // namespace evident::io
