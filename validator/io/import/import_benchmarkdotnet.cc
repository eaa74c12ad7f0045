// BenchmarkDotNet's full JSON exporter (JsonExporter.Full, *-report-full.json) as evidence: one
// benchmark per entry of "Benchmarks", named by its DisplayInfo; a metric "time" in nanoseconds per
// operation whose samples are the Workload Result measurements (Nanoseconds / Operations) and whose
// value is BenchmarkDotNet's Statistics.Mean; each entry of "Metrics" (allocated memory, GC counts) a
// metric of its own. docs/import.md ("BenchmarkDotNet") has the mapping.
#include <algorithm>
#include <cmath>
#include <cstdint>
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

constexpr std::string_view entry_what = "a BenchmarkDotNet benchmark";
constexpr std::string_view measurement_what = "a BenchmarkDotNet measurement";
constexpr std::string_view metric_what = "a BenchmarkDotNet metric";
constexpr std::string_view descriptor_what = "a BenchmarkDotNet metric descriptor";

class Reader {
 public:
  Reader(const JsonDocument& document, std::vector<Diagnostic>& problems, Imported& imported)
      : document_(document), problems_(problems), imported_(imported) {}

  void read_entry(const json& entry, const std::string& pointer);

 private:
  std::optional<ordered_json> read_samples(const json& measurements, const std::string& pointer);
  std::optional<ordered_json> read_parameters(const std::string& written, const std::string& pointer);
  std::optional<ordered_json> extra_metric(const json& metric, const std::string& pointer,
                                           const std::string& benchmark);
  void error(const std::string& pointer, std::string code, std::string message) {
    problems_.push_back(document_.diagnostic_at(pointer, std::move(code), std::move(message)));
  }
  void warning(const std::string& pointer, std::string code, std::string message) {
    Diagnostic diagnostic = document_.diagnostic_at(pointer, std::move(code), std::move(message));
    diagnostic.severity = Severity::warning;
    imported_.findings.push_back(std::move(diagnostic));
  }

  const JsonDocument& document_;
  std::vector<Diagnostic>& problems_;
  Imported& imported_;
  std::set<std::string> names_;
};

// The nanoseconds per operation of every Workload Result measurement, in file order.
std::optional<ordered_json> Reader::read_samples(const json& measurements, const std::string& pointer) {
  ordered_json result = ordered_json::array();
  const std::size_t before = problems_.size();
  for (std::size_t i = 0; i < measurements.size(); ++i) {
    const json& measurement = measurements[i];
    const std::string at = append_pointer(pointer, i);
    if (!measurement.is_object()) {
      error(at, "import.type",
            "a BenchmarkDotNet measurement is " + json_type_name(measurement) + ", expected an object");
      continue;
    }
    const json* mode =
        member(document_, measurement, at, "IterationMode", JsonKind::string, true, measurement_what, problems_);
    const json* stage =
        member(document_, measurement, at, "IterationStage", JsonKind::string, true, measurement_what, problems_);
    if (mode == nullptr || stage == nullptr || *mode != "Workload" || *stage != "Result") continue;
    const json* operations =
        member(document_, measurement, at, "Operations", JsonKind::integer, true, measurement_what, problems_);
    const json* nanoseconds =
        member(document_, measurement, at, "Nanoseconds", JsonKind::number, true, measurement_what, problems_);
    if (operations == nullptr || nanoseconds == nullptr) continue;
    if (operations->is_number_unsigned() ? operations->get<std::uint64_t>() == 0
                                         : operations->get<std::int64_t>() <= 0) {
      error(append_pointer(at, "Operations"), "import.value",
            "a Workload Result measurement with " + operations->dump() +
                " operations: the time per operation is not defined (BenchmarkDotNet runs at least one)");
      continue;
    }
    const double per_operation = nanoseconds->get<double>() / operations->get<double>();
    if (!std::isfinite(per_operation)) {
      error(append_pointer(at, "Nanoseconds"), "import.value",
            "a Workload Result measurement whose time per operation is not a finite number");
      continue;
    }
    result.push_back(per_operation);
  }
  if (problems_.size() != before) return std::nullopt;
  return result;
}

// "Count=16&Kind=ascii" (BenchmarkDotNet's Parameters) as evidence parameters, the values as written.
std::optional<ordered_json> Reader::read_parameters(const std::string& written, const std::string& pointer) {
  ordered_json result = ordered_json::object();
  if (written.empty()) return result;
  for (std::size_t start = 0; start <= written.size();) {
    const std::size_t end = std::min(written.find('&', start), written.size());
    const std::string_view part = std::string_view(written).substr(start, end - start);
    const std::size_t equals = part.find('=');
    const std::string key(part.substr(0, equals));
    const std::string value(equals == std::string_view::npos ? "" : part.substr(equals + 1));
    if (equals == std::string_view::npos || !fits_text_line(key, 200) || has_control_character(value) ||
        count_code_points(value) > 1024 || result.contains(key)) {
      error(pointer, "import.parameter",
            "the parameter " + quote_for_message(part, 60) +
                " cannot be an evidence parameter: BenchmarkDotNet writes NAME=VALUE joined by '&', each name "
                "once; a name has 1 to 200 characters, a value at most 1024, neither control characters");
      return std::nullopt;
    }
    if (result.size() == 100) {
      error(pointer, "import.parameter", "more than 100 parameters; evidence holds at most 100");
      return std::nullopt;
    }
    result[key] = value;
    start = end + 1;
  }
  return result;
}

// One entry of "Metrics": {"Value": N, "Descriptor": {"Id", "Unit", "TheGreaterTheBetter", ...}}.
std::optional<ordered_json> Reader::extra_metric(const json& metric, const std::string& pointer,
                                                 const std::string& benchmark) {
  const std::size_t before = problems_.size();
  const json* value = member(document_, metric, pointer, "Value", JsonKind::number, true, metric_what, problems_);
  const json* descriptor =
      member(document_, metric, pointer, "Descriptor", JsonKind::object, true, metric_what, problems_);
  if (problems_.size() != before) return std::nullopt;
  const std::string descriptor_at = append_pointer(pointer, "Descriptor");
  const json* id =
      member(document_, *descriptor, descriptor_at, "Id", JsonKind::string, true, descriptor_what, problems_);
  const json* unit =
      member(document_, *descriptor, descriptor_at, "Unit", JsonKind::string, false, descriptor_what, problems_);
  const json* greater = member(document_, *descriptor, descriptor_at, "TheGreaterTheBetter", JsonKind::boolean, true,
                               descriptor_what, problems_);
  if (problems_.size() != before) return std::nullopt;
  const std::string& id_text = id->get_ref<const std::string&>();
  const auto name = evidence_name(id_text);
  if (!name) {
    error(append_pointer(descriptor_at, "Id"), "import.name",
          "the metric " + quote_for_message(id_text, 60) + " of " + quote_for_message(benchmark) +
              " cannot be a metric name (1 to 200 characters without control characters)");
    return std::nullopt;
  }
  // A dimensionless metric (a count of collections per 1000 operations) has no unit: "1".
  const std::string unit_text =
      unit == nullptr || unit->get_ref<const std::string&>().empty() ? "1" : unit->get<std::string>();
  if (!fits_text_line(unit_text, 64)) {
    error(append_pointer(descriptor_at, "Unit"), "import.unit",
          "the unit " + quote_for_message(unit_text) +
              " is not a unit evidence accepts (1 to 64 characters, no control characters, no space at either end)");
    return std::nullopt;
  }
  if (!std::isfinite(value->get<double>())) {
    error(append_pointer(pointer, "Value"), "import.value",
          "the metric " + quote_for_message(*name) + " is not finite");
    return std::nullopt;
  }
  return ordered_json{{"name", *name},
                      {"unit", unit_text},
                      {"better", greater->get<bool>() ? "higher" : "lower"},
                      {"description", "BenchmarkDotNet's metric " + quote_for_message(id_text)},
                      {"value", evidence_number(*value)}};
}

void Reader::read_entry(const json& entry, const std::string& pointer) {
  if (!entry.is_object()) {
    error(pointer, "import.type", "a BenchmarkDotNet benchmark is " + json_type_name(entry) + ", expected an object");
    return;
  }
  const std::size_t before = problems_.size();
  const json* display = member(document_, entry, pointer, "DisplayInfo", JsonKind::string, true, entry_what, problems_);
  const json* written_parameters =
      member(document_, entry, pointer, "Parameters", JsonKind::string, false, entry_what, problems_);
  const json* measurements =
      member(document_, entry, pointer, "Measurements", JsonKind::array, false, entry_what, problems_);
  const json* metrics = member(document_, entry, pointer, "Metrics", JsonKind::array, false, entry_what, problems_);
  const auto statistics = entry.find("Statistics");
  if (statistics == entry.end()) {
    member(document_, entry, pointer, "Statistics", JsonKind::object, true, entry_what, problems_);
  } else if (!statistics->is_null() && !statistics->is_object()) {
    error(append_pointer(pointer, "Statistics"), "import.type",
          "\"Statistics\" of a BenchmarkDotNet benchmark is " + json_type_name(*statistics) +
              ", expected an object (or null, for a benchmark that did not run)");
  }
  if (problems_.size() != before) return;
  const std::string& display_text = display->get_ref<const std::string&>();
  const auto name = evidence_name(display_text);
  const std::string display_at = append_pointer(pointer, "DisplayInfo");
  if (!name) {
    error(display_at, "import.name",
          "the benchmark name " + quote_for_message(display_text, 60) +
              " cannot be an evidence name (1 to 200 characters without control characters)");
    return;
  }
  if (!names_.insert(*name).second) {
    error(display_at, "import.duplicate_name", "the benchmark " + quote_for_message(*name) + " appears twice");
    return;
  }
  const std::string statistics_at = append_pointer(pointer, "Statistics");
  if (statistics->is_null()) {
    imported_.failed = true;
    warning(statistics_at, "import.benchmark_failed",
            "the benchmark " + quote_for_message(*name) +
                " has no statistics: it failed or did not run; it is left out and the status is failed");
    return;
  }
  const std::string mean_at = append_pointer(statistics_at, "Mean");
  const auto mean = statistics->find("Mean");
  if (mean == statistics->end() || !mean->is_number()) {
    const auto token = mean == statistics->end() ? std::nullopt : non_finite_at(document_, mean_at, *mean);
    if (!token) {
      member(document_, *statistics, statistics_at, "Mean", JsonKind::number, true, "BenchmarkDotNet's Statistics",
             problems_);
      return;
    }
    imported_.failed = true;
    warning(mean_at, "import.non_finite",
            "the mean of " + quote_for_message(*name) + " is " + std::string(*token) +
                ", which is not a measurement; the benchmark is left out and the status is failed");
    return;
  }
  ordered_json parameters = ordered_json::object();
  if (written_parameters != nullptr) {
    auto read = read_parameters(written_parameters->get<std::string>(), append_pointer(pointer, "Parameters"));
    if (!read) return;
    parameters = std::move(*read);
  }
  ordered_json samples = ordered_json::array();
  if (measurements != nullptr) {
    auto read = read_samples(*measurements, append_pointer(pointer, "Measurements"));
    if (!read) return;
    samples = std::move(*read);
  }
  ordered_json time{{"name", "time"}, {"unit", "ns"}, {"better", "lower"}};
  time["description"] = samples.empty() ? "BenchmarkDotNet's mean time per operation (Statistics.Mean)"
                                        : "nanoseconds per operation of each Workload Result iteration; value is "
                                          "BenchmarkDotNet's Statistics.Mean (upper outliers removed)";
  if (!samples.empty()) time["samples"] = std::move(samples);
  time["value"] = evidence_number(*mean);
  ordered_json out_metrics = ordered_json::array({std::move(time)});
  if (metrics != nullptr) {
    for (std::size_t i = 0; i < metrics->size(); ++i) {
      const std::string at = append_pointer(append_pointer(pointer, "Metrics"), i);
      auto metric = extra_metric((*metrics)[i], at, *name);
      if (!metric) continue;
      const bool taken = std::any_of(out_metrics.begin(), out_metrics.end(),
                                     [&](const ordered_json& known) { return known["name"] == (*metric)["name"]; });
      if (taken) {
        error(at, "import.duplicate_name",
              "the metric " + quote_for_message((*metric)["name"].get<std::string>()) + " of " +
                  quote_for_message(*name) + " appears twice (\"time\" is the measured time)");
        continue;
      }
      out_metrics.push_back(std::move(*metric));
    }
  }
  if (problems_.size() != before) return;
  ordered_json benchmark{{"name", *name}};
  if (!parameters.empty()) benchmark["parameters"] = std::move(parameters);
  benchmark["metrics"] = std::move(out_metrics);
  imported_.benchmarks.push_back(std::move(benchmark));
}

}  // namespace

bool detect_benchmarkdotnet(std::string_view text) {
  return opens_json_object(text) && has_json_member(text, "\"HostEnvironmentInfo\"", '{') &&
         has_json_member(text, "\"Benchmarks\"", '[');
}

std::optional<Imported> import_benchmarkdotnet(const ImportSource& source, std::vector<Diagnostic>& problems) {
  if (empty_input(source,
                  "the file is empty: BenchmarkDotNet writes its JSON report when all benchmarks have run; was the "
                  "run interrupted?",
                  problems)) {
    return std::nullopt;
  }
  std::optional<JsonDocument> document = parse_import_json(source, problems, true);
  if (!document) return std::nullopt;
  const json& root = document->value();
  if (!root.is_object()) {
    problems.push_back(not_format_problem(*document, "not BenchmarkDotNet JSON: the top level is " +
                                                         json_type_name(root) +
                                                         ", expected an object with \"Benchmarks\""));
    return std::nullopt;
  }
  if (!root.contains("Benchmarks")) {
    problems.push_back(not_format_problem(*document,
                                          "not BenchmarkDotNet JSON: no \"Benchmarks\" (the JSON exporters write "
                                          "\"Title\", \"HostEnvironmentInfo\" and \"Benchmarks\")"));
    return std::nullopt;
  }
  const json* benchmarks =
      member(*document, root, "", "Benchmarks", JsonKind::array, true, "BenchmarkDotNet JSON", problems);
  const json* host =
      member(*document, root, "", "HostEnvironmentInfo", JsonKind::object, false, "BenchmarkDotNet JSON", problems);
  if (benchmarks == nullptr || has_errors(problems)) return std::nullopt;
  if (benchmarks->empty()) {
    problems.push_back(document->diagnostic_at("/Benchmarks", "import.empty",
                                               "BenchmarkDotNet JSON with no benchmarks (did the filter match "
                                               "nothing?)"));
    return std::nullopt;
  }
  Imported imported;
  imported.tool = "benchmarkdotnet";
  if (host != nullptr) {
    if (const auto version = host->find("BenchmarkDotNetVersion");
        version != host->end() && version->is_string() && fits_text_line(version->get<std::string>(), 64)) {
      imported.tool_version = version->get<std::string>();
    }
    if (const auto cpus = host->find("LogicalCoreCount"); cpus != host->end() && cpus->is_number_unsigned()) {
      if (cpus->get<std::uint64_t>() > 0) imported.host["logical_cpus"] = cpus->get<std::uint64_t>();
    }
    if (const auto cpu = host->find("ProcessorName");
        cpu != host->end() && cpu->is_string() && fits_text_line(cpu->get<std::string>(), 200)) {
      imported.host["cpu_model"] = cpu->get<std::string>();
    }
  }
  Reader reader(*document, problems, imported);
  const std::size_t before = problems.size();
  for (std::size_t index = 0; index < benchmarks->size(); ++index) {
    reader.read_entry((*benchmarks)[index], append_pointer("/Benchmarks", index));
  }
  if (problems.size() != before) return std::nullopt;
  if (imported.benchmarks.empty()) {
    problems.push_back(document->diagnostic_at("/Benchmarks", "import.empty",
                                               "no BenchmarkDotNet benchmark has statistics: every one failed"));
    return std::nullopt;
  }
  sort_diagnostics(imported.findings);
  imported.metadata = document->ordered_value("").value_or(ordered_json::object());
  return imported;
}

}  // namespace evident::io
