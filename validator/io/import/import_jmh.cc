// JMH's JSON result file (-rf json -rff FILE) as evidence: one benchmark per entry (benchmark, mode and
// params in its name), the primary metric and each secondary metric with their measurement iterations
// (rawData, every fork) as samples and JMH's score as the value. docs/import.md has the mapping.
#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/json_pointer.h"
#include "core/text.h"
#include "io/import/importer.h"

namespace evident::io {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

constexpr std::string_view entry_what = "a JMH result";
constexpr std::string_view metric_what = "a JMH metric";

// The direction of a JMH unit: rates ("ops/s") are better higher, times and amounts per operation
// ("ns/op", "B/op") lower; nothing for any other unit.
std::optional<std::string_view> direction_of(std::string_view unit) {
  if (unit.starts_with("ops/")) return "higher";
  if (unit.ends_with("/op")) return "lower";
  return std::nullopt;
}

class Reader {
 public:
  Reader(const JsonDocument& document, std::vector<Diagnostic>& problems, Imported& imported)
      : document_(document), problems_(problems), imported_(imported) {}

  void read_entry(const json& entry, const std::string& pointer);

 private:
  std::optional<ordered_json> read_metric(const std::string& name, const json& metric, const std::string& pointer,
                                          const std::string& benchmark);
  std::optional<std::string> entry_name(const json& entry, const std::string& pointer);
  void finding(const std::string& pointer, std::string code, std::string message, Severity severity) {
    Diagnostic diagnostic = document_.diagnostic_at(pointer, std::move(code), std::move(message));
    diagnostic.severity = severity;
    imported_.findings.push_back(std::move(diagnostic));
  }

  const JsonDocument& document_;
  std::vector<Diagnostic>& problems_;
  Imported& imported_;
  std::set<std::string> names_;
  std::set<std::string> assumed_;  // units noted as of assumed direction
};

std::optional<ordered_json> Reader::read_metric(const std::string& name, const json& metric, const std::string& pointer,
                                                const std::string& benchmark) {
  const std::size_t before = problems_.size();
  const json* unit = member(document_, metric, pointer, "scoreUnit", JsonKind::string, true, metric_what, problems_);
  const auto score = metric.is_object() ? metric.find("score") : metric.end();
  if (metric.is_object() && score == metric.end()) {
    member(document_, metric, pointer, "score", JsonKind::number, true, metric_what, problems_);
  }
  const json* raw = member(document_, metric, pointer, "rawData", JsonKind::array, false, metric_what, problems_);
  if (problems_.size() != before) return std::nullopt;
  const std::string score_pointer = append_pointer(pointer, "score");
  if (!score->is_number()) {
    const auto token = non_finite_at(document_, score_pointer, *score);
    const bool nan_text = score->is_string() && (*score == "NaN" || *score == "Infinity" || *score == "-Infinity");
    if (!token && !nan_text) {
      member(document_, metric, pointer, "score", JsonKind::number, true, metric_what, problems_);
      return std::nullopt;
    }
    finding(score_pointer, "import.non_finite",
            "the score of " + quote_for_message(name) + " of " + quote_for_message(benchmark) + " is " +
                (token ? std::string(*token) : score->get<std::string>()) +
                ", which is not a measurement; the metric is left out and the evidence failed",
            Severity::warning);
    imported_.failed = true;
    return std::nullopt;
  }
  const auto& unit_text = unit->get_ref<const std::string&>();
  if (!fits_text_line(unit_text, 64)) {
    problems_.push_back(document_.diagnostic_at(append_pointer(pointer, "scoreUnit"), "import.unit",
                                                "the unit " + quote_for_message(unit_text) +
                                                    " is not a unit evidence accepts (1 to 64 characters, no control "
                                                    "characters, no space at either end)"));
    return std::nullopt;
  }
  const auto metric_name = evidence_name(name);
  if (!metric_name) {
    problems_.push_back(document_.diagnostic_at(
        pointer, "import.name", "the metric " + quote_for_message(name) + " cannot be a metric name", true));
    return std::nullopt;
  }
  ordered_json samples = ordered_json::array();
  if (raw != nullptr) {
    for (std::size_t fork = 0; fork < raw->size(); ++fork) {
      const json& iterations = (*raw)[fork];
      const std::string fork_pointer = append_pointer(append_pointer(pointer, "rawData"), fork);
      if (!iterations.is_array()) {
        problems_.push_back(document_.diagnostic_at(fork_pointer, "import.type",
                                                    "rawData of " + std::string(metric_what) + " holds " +
                                                        json_type_name(iterations) +
                                                        ", expected one array of iteration scores per fork"));
        return std::nullopt;
      }
      for (std::size_t i = 0; i < iterations.size(); ++i) {
        if (iterations[i].is_number()) {
          samples.push_back(evidence_number(iterations[i]));
          continue;
        }
        problems_.push_back(document_.diagnostic_at(append_pointer(fork_pointer, i), "import.type",
                                                    "an iteration score of " + std::string(metric_what) + " is " +
                                                        json_type_name(iterations[i]) + ", expected a number"));
        return std::nullopt;
      }
    }
  }
  auto better = direction_of(unit_text);
  if (!better) {
    better = "lower";
    if (assumed_.insert(*metric_name + " " + unit_text).second) {
      finding(append_pointer(pointer, "scoreUnit"), "import.assumed_direction",
              "the unit " + quote_for_message(unit_text) + " of " + quote_for_message(*metric_name) +
                  " does not say which direction is better; \"lower\" assumed (\"ops/...\" would be \"higher\")",
              Severity::note);
    }
  }
  ordered_json out{{"name", *metric_name}, {"unit", unit_text}, {"better", *better}};
  out["description"] =
      samples.empty() ? "JMH's score" : "each measurement iteration of every fork; value is JMH's score (their mean)";
  if (!samples.empty()) out["samples"] = std::move(samples);
  out["value"] = evidence_number(*score);
  return out;
}

// "<benchmark>:<mode>" and, with params, ":<key>=<value>,..." in the order JMH wrote them.
std::optional<std::string> Reader::entry_name(const json& entry, const std::string& pointer) {
  std::string raw = entry.at("benchmark").get<std::string>() + ":" + entry.at("mode").get<std::string>();
  if (const auto params = document_.ordered_value(append_pointer(pointer, "params"));
      params && params->is_object() && !params->empty()) {
    std::string joined;
    for (auto item = params->begin(); item != params->end(); ++item) {
      joined += (joined.empty() ? "" : ",") + item.key() + "=" +
                (item->is_string() ? item->get<std::string>() : item->dump());
    }
    raw += ":" + joined;
  }
  auto name = evidence_name(raw);
  const std::string at = append_pointer(pointer, "benchmark");
  if (!name) {
    problems_.push_back(document_.diagnostic_at(at, "import.name",
                                                "the benchmark name " + quote_for_message(raw) +
                                                    " cannot be an evidence name (at most 200 characters, no control "
                                                    "characters)"));
    return std::nullopt;
  }
  if (!names_.insert(*name).second) {
    problems_.push_back(document_.diagnostic_at(
        at, "import.duplicate_name",
        "the benchmark " + quote_for_message(*name) + " (benchmark, mode and params) appears twice"));
    return std::nullopt;
  }
  return name;
}

void Reader::read_entry(const json& entry, const std::string& pointer) {
  if (!entry.is_object()) {
    problems_.push_back(document_.diagnostic_at(pointer, "import.type",
                                                "a JMH result is " + json_type_name(entry) + ", expected an object"));
    return;
  }
  const std::size_t before = problems_.size();
  member(document_, entry, pointer, "benchmark", JsonKind::string, true, entry_what, problems_);
  member(document_, entry, pointer, "mode", JsonKind::string, true, entry_what, problems_);
  const json* primary =
      member(document_, entry, pointer, "primaryMetric", JsonKind::object, true, entry_what, problems_);
  const json* secondary =
      member(document_, entry, pointer, "secondaryMetrics", JsonKind::object, false, entry_what, problems_);
  const json* params = member(document_, entry, pointer, "params", JsonKind::object, false, entry_what, problems_);
  const json* threads = member(document_, entry, pointer, "threads", JsonKind::integer, false, entry_what, problems_);
  const json* forks = member(document_, entry, pointer, "forks", JsonKind::integer, false, entry_what, problems_);
  const json* version = member(document_, entry, pointer, "jmhVersion", JsonKind::string, false, entry_what, problems_);
  if (problems_.size() != before) return;
  const auto name = entry_name(entry, pointer);
  if (!name) return;
  if (version != nullptr && imported_.tool_version.empty()) imported_.tool_version = version->get<std::string>();

  ordered_json parameters = ordered_json::object();
  if (params != nullptr) {
    const auto as_string = [&](const std::string& key, const json& value,
                               const std::string& value_pointer) -> std::optional<ordered_json> {
      if (value.is_string()) return ordered_json(value);
      problems_.push_back(document_.diagnostic_at(
          value_pointer, "import.type",
          "param " + quote_for_message(key) + " of a JMH result is not a string; JMH writes params as strings"));
      return std::nullopt;
    };
    const std::string& benchmark = entry.at("benchmark").get_ref<const std::string&>();
    const ParameterOwner owner{benchmark, "param", "extensions.jmh"};
    auto converted = evidence_parameters(document_, *params, append_pointer(pointer, "params"), owner, as_string,
                                         problems_, imported_.findings);
    if (!converted) return;
    parameters = std::move(*converted);
  }
  parameters["mode"] = entry.at("mode");
  if (threads != nullptr) parameters["threads"] = evidence_number(*threads);
  if (forks != nullptr) parameters["forks"] = evidence_number(*forks);

  ordered_json metrics = ordered_json::array();
  const std::string& benchmark_name = *name;
  if (auto metric = read_metric("score", *primary, append_pointer(pointer, "primaryMetric"), benchmark_name)) {
    metrics.push_back(std::move(*metric));
  }
  if (secondary != nullptr) {
    const auto ordered = document_.ordered_value(append_pointer(pointer, "secondaryMetrics"));
    for (auto item = ordered->begin(); item != ordered->end(); ++item) {
      const std::string metric_pointer = append_pointer(append_pointer(pointer, "secondaryMetrics"), item.key());
      auto metric = read_metric(item.key(), secondary->at(item.key()), metric_pointer, benchmark_name);
      if (!metric) continue;
      const bool taken = std::any_of(metrics.begin(), metrics.end(),
                                     [&](const ordered_json& known) { return known["name"] == (*metric)["name"]; });
      if (taken) {
        problems_.push_back(document_.diagnostic_at(metric_pointer, "import.duplicate_name",
                                                    "the secondary metric " + quote_for_message(item.key()) +
                                                        " has the name of another metric of " +
                                                        quote_for_message(benchmark_name),
                                                    true));
        continue;
      }
      metrics.push_back(std::move(*metric));
    }
  }
  if (problems_.size() != before) return;
  if (metrics.empty()) return;
  imported_.benchmarks.push_back(
      {{"name", *name}, {"parameters", std::move(parameters)}, {"metrics", std::move(metrics)}});
}

}  // namespace

bool detect_jmh(std::string_view text) {
  return opens_json_array(text) && has_json_member(text, "\"primaryMetric\"", '{') &&
         has_json_member(text, "\"benchmark\"", '"');
}

std::optional<Imported> import_jmh(const ImportSource& source, std::vector<Diagnostic>& problems) {
  if (empty_input(source, "the file is empty: JMH writes -rff FILE when the run ends; was it interrupted?", problems)) {
    return std::nullopt;
  }
  std::optional<JsonDocument> document = parse_import_json(source, problems, true);
  if (!document) return std::nullopt;
  const json& root = document->value();
  if (!root.is_array()) {
    problems.push_back(not_format_problem(*document, "not JMH JSON: the top level is " + json_type_name(root) +
                                                         ", expected an array of results (-rf json)"));
    return std::nullopt;
  }
  if (root.empty()) {
    problems.push_back(document->diagnostic_at("", "import.empty",
                                               "JMH JSON with no results: the array is empty (did the benchmark "
                                               "filter match nothing?)"));
    return std::nullopt;
  }
  if (const json& first = root.front();
      first.is_object() && !first.contains("benchmark") && !first.contains("primaryMetric")) {
    Diagnostic problem = document->diagnostic_at("/0", "import.not_format",
                                                 "not JMH JSON: the first result has neither \"benchmark\" nor "
                                                 "\"primaryMetric\" (-rf json writes both in every result)");
    problem.hint = "for another tool's output, use `evident import auto FILE`";
    problems.push_back(std::move(problem));
    return std::nullopt;
  }
  Imported imported;
  imported.tool = "jmh";
  Reader reader(*document, problems, imported);
  const std::size_t before = problems.size();
  for (std::size_t index = 0; index < root.size(); ++index) reader.read_entry(root[index], append_pointer("", index));
  if (problems.size() != before) return std::nullopt;
  if (imported.benchmarks.empty()) {
    problems.push_back(document->diagnostic_at("", "import.empty", "no JMH result has a finite score"));
    return std::nullopt;
  }
  sort_diagnostics(imported.findings);
  imported.metadata["results"] = document->ordered_value("").value_or(ordered_json::array());
  return imported;
}

}  // namespace evident::io
