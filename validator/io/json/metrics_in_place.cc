#include "io/json/metrics_in_place.h"

#include <algorithm>
#include <string_view>
#include <utility>

#include <simdjson.h>

#include "core/json_pointer.h"
#include "io/json/tree_parse.h"

namespace evident::io {
namespace {

// The member key of object as metrics_of reads it with value(key, fallback): the fallback where
// it is missing; nothing where it is there but not a string (nlohmann would throw).
std::optional<std::string> string_or(const JsonNode& object, std::string_view key, std::string_view fallback) {
  const JsonNode* found = object.find(key);
  if (found == nullptr) return std::string(fallback);
  const std::optional<std::string_view> text = found->string();
  if (!text) return std::nullopt;
  return std::string(*text);
}

// The benchmark's parameters as metrics_of lists them: in name order, strings as written, anything
// else as its JSON.
std::vector<std::pair<std::string, std::string>> parameters_of(const JsonNode& benchmark) {
  std::vector<std::pair<std::string, std::string>> parameters;
  const JsonNode* found = benchmark.find("parameters");
  if (found == nullptr || !found->is_object()) return parameters;
  for (const JsonNode::Member& member : *found->members()) {
    const std::optional<std::string_view> text = member.value.string();
    parameters.emplace_back(std::string(member.key), text ? std::string(*text) : value_of(member.value).dump());
  }
  // The keys are distinct (parse_tree refuses a duplicate): sorted, they are a nlohmann object's.
  std::sort(parameters.begin(), parameters.end());
  return parameters;
}

// The object's member key where it is an array; nothing otherwise.
const JsonNode* array_at(const JsonNode& object, std::string_view key) {
  const JsonNode* found = object.find(key);
  return found != nullptr && found->is_array() ? found : nullptr;
}

// The benchmarks of a document as metrics_of reads them: where it has a suite with a name and an
// array of benchmarks. An array of numbers (an empty one included) holds no benchmark to read.
const JsonNode* benchmarks_of(const JsonNode& document) {
  const JsonNode* suite = document.find("suite");
  if (suite == nullptr || !suite->is_object() || suite->find("name") == nullptr) return nullptr;
  return array_at(document, "benchmarks");
}

namespace dom = simdjson::dom;

// The number of elements of a DOM array, which simdjson's size() gives only below 0xFFFFFF.
std::size_t elements_of(dom::array array) {
  constexpr std::size_t saturated = 0xFFFFFF;
  std::size_t count = array.size();
  if (count < saturated) return count;
  count = 0;
  for (auto element = array.begin(); element != array.end(); ++element) ++count;
  return count;
}

}  // namespace

std::size_t metric_count_in_place(const dom::element& document) {
  dom::object root;
  dom::object suite;
  dom::array benchmarks;
  if (document.get_object().get(root) != simdjson::SUCCESS ||
      root.at_key("suite").get_object().get(suite) != simdjson::SUCCESS ||
      suite.at_key("name").error() != simdjson::SUCCESS ||
      root.at_key("benchmarks").get_array().get(benchmarks) != simdjson::SUCCESS) {
    return 0;
  }
  std::size_t count = 0;
  for (const dom::element benchmark : benchmarks) {
    dom::object fields;
    dom::array metrics;
    if (benchmark.get_object().get(fields) == simdjson::SUCCESS &&
        fields.at_key("metrics").get_array().get(metrics) == simdjson::SUCCESS) {
      count += elements_of(metrics);
    }
  }
  return count;
}

std::optional<std::vector<MetricSeries>> metrics_in_place(JsonNode& root, const std::string& source) {
  std::vector<MetricSeries> series;
  if (benchmarks_of(root) == nullptr) return series;  // no suite or no benchmarks: no metrics the gates read
  const std::optional<std::string_view> suite_name = root.find("suite")->find("name")->string();
  if (!suite_name) return std::nullopt;
  RunContext run;
  if (const JsonNode* captured_at = root.find("captured_at"); captured_at != nullptr && captured_at->is_string()) {
    run.captured_at = std::string(*captured_at->string());
  }
  if (const JsonNode* host = root.find("host"); host != nullptr && host->is_object()) {
    if (const JsonNode* hostname = host->find("hostname"); hostname != nullptr && hostname->is_string()) {
      run.host = std::string(*hostname->string());
    }
  }
  JsonNode::Items* benchmark_list = root.find("benchmarks")->items();
  if (benchmark_list == nullptr) return series;  // numbers, or none: no benchmark to read
  std::size_t count = 0;                         // one per metric: the list grows once, not by doubling
  for (const JsonNode& benchmark : *benchmark_list) {
    if (const JsonNode* metrics = array_at(benchmark, "metrics")) count += metrics->size();
  }
  series.reserve(count);
  // The samples are taken from the tree, not copied: nothing reads them there after this.
  for (std::size_t benchmark_index = 0; benchmark_index < benchmark_list->size(); ++benchmark_index) {
    JsonNode& benchmark = (*benchmark_list)[benchmark_index];
    JsonNode* metrics = benchmark.find("metrics");
    if (!benchmark.is_object() || metrics == nullptr || !metrics->is_array()) continue;
    const std::optional<std::string> benchmark_name = string_or(benchmark, "name", "");
    if (!benchmark_name) return std::nullopt;
    RunContext context = run;
    context.parameters = parameters_of(benchmark);
    const std::string metrics_pointer = append_pointer(append_pointer("/benchmarks", benchmark_index), "metrics");
    if (metrics->numbers() != nullptr) {
      if (metrics->size() != 0) return std::nullopt;  // metrics that are numbers: not as metrics_of reads them
      continue;
    }
    JsonNode::Items& metric_list = *metrics->items();
    for (std::size_t metric_index = 0; metric_index < metric_list.size(); ++metric_index) {
      JsonNode& metric = metric_list[metric_index];
      if (!metric.is_object()) return std::nullopt;
      const std::optional<std::string> name = string_or(metric, "name", "");
      const std::optional<std::string> unit = string_or(metric, "unit", "");
      const std::optional<std::string> better = string_or(metric, "better", "lower");
      if (!name || !unit || !better) return std::nullopt;
      MetricSeries entry;
      entry.id = {std::string(*suite_name), *benchmark_name, *name};
      entry.unit = *unit;
      entry.better = *better == "higher" ? Better::higher : Better::lower;
      if (JsonNode* samples = metric.find("samples"); samples != nullptr && samples->is_array()) {
        entry.samples = samples->take_numbers();
      }
      if (const JsonNode* value = metric.find("value")) entry.value = value->number();
      entry.source = source;
      entry.context = context;
      entry.pointer = append_pointer(metrics_pointer, metric_index);
      series.push_back(std::move(entry));
    }
  }
  return series;
}

}  // namespace evident::io
