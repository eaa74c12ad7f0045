#include "io/json/metrics_in_place.h"

#include <algorithm>
#include <string_view>
#include <utility>

#include <simdjson.h>

#include "core/json_pointer.h"
#include "io/json/quick_parse.h"

namespace evident::io {
namespace {

namespace dom = simdjson::dom;

// The member key of object as metrics_of reads it with value(key, fallback): the fallback where
// it is missing; nothing where it is there but not a string (nlohmann would throw).
std::optional<std::string> string_or(const dom::object& object, std::string_view key, std::string_view fallback) {
  dom::element found;
  if (object.at_key(key).get(found) != simdjson::SUCCESS) return std::string(fallback);
  std::string_view text;
  if (found.get_string().get(text) != simdjson::SUCCESS) return std::nullopt;
  return std::string(text);
}

// The benchmark's parameters as metrics_of lists them: in name order, strings as written, anything
// else as its JSON.
std::vector<std::pair<std::string, std::string>> parameters_of(const dom::object& benchmark) {
  std::vector<std::pair<std::string, std::string>> parameters;
  dom::object members;
  if (benchmark.at_key("parameters").get_object().get(members) != simdjson::SUCCESS) return parameters;
  for (const dom::key_value_pair member : members) {
    std::string_view text;
    parameters.emplace_back(std::string(member.key), member.value.get_string().get(text) == simdjson::SUCCESS
                                                         ? std::string(text)
                                                         : value_of(member.value).dump());
  }
  // The keys are distinct (parse_checked refuses a duplicate): sorted, they are a nlohmann object's.
  std::sort(parameters.begin(), parameters.end());
  return parameters;
}

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

std::optional<std::vector<MetricSeries>> metrics_in_place(const dom::element& root, const std::string& source) {
  std::vector<MetricSeries> series;
  dom::object evidence;
  dom::object suite;
  dom::array benchmarks;
  if (root.get_object().get(evidence) != simdjson::SUCCESS ||
      evidence.at_key("suite").get_object().get(suite) != simdjson::SUCCESS ||
      evidence.at_key("benchmarks").get_array().get(benchmarks) != simdjson::SUCCESS) {
    return series;  // no suite or no benchmarks: no metrics the gates read
  }
  dom::element suite_name_element;
  if (suite.at_key("name").get(suite_name_element) != simdjson::SUCCESS) return series;
  std::string_view suite_name;
  if (suite_name_element.get_string().get(suite_name) != simdjson::SUCCESS) return std::nullopt;
  RunContext run;
  std::string_view text;
  if (evidence.at_key("captured_at").get_string().get(text) == simdjson::SUCCESS) run.captured_at = std::string(text);
  dom::object host;
  if (evidence.at_key("host").get_object().get(host) == simdjson::SUCCESS &&
      host.at_key("hostname").get_string().get(text) == simdjson::SUCCESS) {
    run.host = std::string(text);
  }
  series.reserve(metric_count_in_place(root));  // one per metric: the list grows once, not by doubling
  std::size_t b = 0;
  for (const dom::element benchmark_element : benchmarks) {
    const std::size_t benchmark_index = b++;
    dom::object benchmark;
    dom::array metrics;
    if (benchmark_element.get_object().get(benchmark) != simdjson::SUCCESS ||
        benchmark.at_key("metrics").get_array().get(metrics) != simdjson::SUCCESS) {
      continue;
    }
    const std::optional<std::string> benchmark_name = string_or(benchmark, "name", "");
    if (!benchmark_name) return std::nullopt;
    RunContext context = run;
    context.parameters = parameters_of(benchmark);
    const std::string metrics_pointer = append_pointer(append_pointer("/benchmarks", benchmark_index), "metrics");
    std::size_t m = 0;
    for (const dom::element metric_element : metrics) {
      const std::size_t metric_index = m++;
      dom::object metric;
      if (metric_element.get_object().get(metric) != simdjson::SUCCESS) return std::nullopt;
      const std::optional<std::string> name = string_or(metric, "name", "");
      const std::optional<std::string> unit = string_or(metric, "unit", "");
      const std::optional<std::string> better = string_or(metric, "better", "lower");
      if (!name || !unit || !better) return std::nullopt;
      MetricSeries entry;
      entry.id = {std::string(suite_name), *benchmark_name, *name};
      entry.unit = *unit;
      entry.better = *better == "higher" ? Better::higher : Better::lower;
      dom::array samples;
      if (metric.at_key("samples").get_array().get(samples) == simdjson::SUCCESS) {
        entry.samples.reserve(samples.size());  // kept for the whole command: no spare capacity
        for (const dom::element sample : samples) {
          if (const std::optional<double> number = number_in_place(sample)) entry.samples.push_back(*number);
        }
      }
      dom::element value;
      if (metric.at_key("value").get(value) == simdjson::SUCCESS) entry.value = number_in_place(value);
      entry.source = source;
      entry.context = context;
      entry.pointer = append_pointer(metrics_pointer, metric_index);
      series.push_back(std::move(entry));
    }
  }
  return series;
}

}  // namespace evident::io
