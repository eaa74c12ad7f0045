#include "io/json/baseline_in_place.h"

#include <set>
#include <string_view>
#include <utility>
#include <vector>

#include "core/metric_pattern.h"
#include "io/json/tree_parse.h"

namespace evident::io {
namespace {

std::optional<std::string_view> string_at(const JsonNode& object, std::string_view key) {
  const JsonNode* found = object.find(key);
  return found != nullptr ? found->string() : std::nullopt;
}

// An entry as baseline_from_json's reader makes it: "better" is "higher" or else lower.
std::optional<BaselineEntry> entry_of(MetricId id, JsonNode& fields) {
  if (!fields.is_object()) return std::nullopt;
  const std::optional<std::string_view> unit = string_at(fields, "unit");
  const std::optional<std::string_view> better = string_at(fields, "better");
  if (!unit || !better) return std::nullopt;
  BaselineEntry entry;
  entry.id = std::move(id);
  entry.unit = std::string(*unit);
  entry.better = *better == "higher" ? Better::higher : Better::lower;
  if (JsonNode* samples = fields.find("samples")) {
    if (!samples->is_array()) return std::nullopt;
    // Every sample a number, kept for the whole command: taken at its count, with no spare capacity.
    const std::size_t count = samples->size();
    entry.samples = samples->take_numbers();
    if (entry.samples.size() != count) return std::nullopt;
  }
  if (const JsonNode* value = fields.find("value")) {
    entry.value = value->number();
    if (!entry.value) return std::nullopt;
  }
  return entry;
}

}  // namespace

std::optional<Baseline> baseline_in_place(JsonNode& root) {
  const JsonNode* sources = root.find("sources");
  JsonNode* metrics = root.find("metrics");
  if (sources == nullptr || !sources->is_array() || metrics == nullptr || !metrics->is_object()) return std::nullopt;
  Baseline baseline;
  const std::optional<std::string_view> created_at = string_at(root, "created_at");
  if (!created_at) return std::nullopt;
  baseline.created_at = std::string(*created_at);
  std::set<std::string_view> paths;
  if (const JsonNode::Items* list = sources->items()) {
    for (const JsonNode& source : *list) {
      const std::optional<std::string_view> path = string_at(source, "path");
      const std::optional<std::string_view> sha256 = string_at(source, "sha256");
      // A path listed twice is reported by baseline_from_json.
      if (!path || !sha256 || !paths.insert(*path).second) return std::nullopt;
      baseline.sources.push_back({std::string(*path), std::string(*sha256)});
    }
  } else if (sources->size() != 0) {
    return std::nullopt;  // sources that are numbers
  }
  JsonNode::Members& members = *metrics->members();
  baseline.entries.reserve(members.size());
  for (JsonNode::Member& member : members) {
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
