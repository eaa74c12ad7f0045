// tinybench's task results and vitest bench's --outputJson report (vitest measures with tinybench) as
// evidence: one benchmark per task, its samples where the file has them, its statistics as values,
// everything else kept in the metadata. docs/import.md has the mapping.
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

// One statistic of a task as an evidence metric.
struct Statistic {
  std::string_view key;   // in the file
  std::string_view name;  // the evidence metric; prefixed for tinybench ("latency_mean")
  std::string_view what;  // for the description
  bool spread = false;    // a dispersion (lower is better whatever the quantity)
};

constexpr Statistic statistics[] = {
    {"mean", "mean", "mean", false},
    {"median", "median", "median", false},
    {"p50", "p50", "median", false},
    {"min", "min", "minimum", false},
    {"max", "max", "maximum", false},
    {"p75", "p75", "75th percentile", false},
    {"p99", "p99", "99th percentile", false},
    {"p995", "p995", "99.5th percentile", false},
    {"p999", "p999", "99.9th percentile", false},
    {"sd", "sd", "standard deviation", true},
};

// The harness that wrote the file, for names, messages and descriptions.
struct Harness {
  std::string_view tool;  // "vitest", "tinybench"
  std::string_view task;  // "a vitest benchmark", "a tinybench task result"
};

class Reader {
 public:
  Reader(const JsonDocument& document, const Harness& harness, std::vector<Diagnostic>& problems, Imported& imported)
      : document_(document), harness_(harness), problems_(problems), imported_(imported) {}

  // The benchmark name, unique in the file; nothing after an error.
  std::optional<std::string> name(const std::string& raw, const std::string& pointer);
  // The statistics of object (at pointer) in unit as value metrics named prefix + name, then rme in %.
  bool add_statistics(ordered_json& metrics, const json& object, const std::string& pointer, std::string_view prefix,
                      std::string_view quantity, std::string_view unit, std::string_view better);
  // "samples" of object, when it has any, as metric name; false after an error.
  bool add_samples(ordered_json& metrics, const json& object, const std::string& pointer, std::string_view name,
                   std::string_view unit, std::string_view better, std::string_view description);
  void finding(const std::string& pointer, std::string code, std::string message, Severity severity) {
    Diagnostic diagnostic = document_.diagnostic_at(pointer, std::move(code), std::move(message));
    diagnostic.severity = severity;
    imported_.findings.push_back(std::move(diagnostic));
  }
  void error(const std::string& pointer, std::string code, std::string message) {
    problems_.push_back(document_.diagnostic_at(pointer, std::move(code), std::move(message)));
  }
  const json* field(const json& object, const std::string& pointer, std::string_view key, JsonKind kind,
                    bool required) {
    return member(document_, object, pointer, key, kind, required, harness_.task, problems_);
  }

 private:
  const JsonDocument& document_;
  Harness harness_;
  std::vector<Diagnostic>& problems_;
  Imported& imported_;
  std::set<std::string> names_;
};

std::optional<std::string> Reader::name(const std::string& raw, const std::string& pointer) {
  auto name = evidence_name(raw);
  if (!name) {
    error(pointer, "import.name",
          "the benchmark name " + quote_for_message(raw) +
              " cannot be an evidence name (1 to 200 characters without control characters, not only spaces)");
    return std::nullopt;
  }
  if (!names_.insert(*name).second) {
    error(pointer, "import.duplicate_name",
          "the benchmark name " + quote_for_message(*name) + " is used twice; benchmark names must be unique");
    return std::nullopt;
  }
  return name;
}

bool Reader::add_statistics(ordered_json& metrics, const json& object, const std::string& pointer,
                            std::string_view prefix, std::string_view quantity, std::string_view unit,
                            std::string_view better) {
  const std::size_t before = problems_.size();
  for (const Statistic& statistic : statistics) {
    const json* value = field(object, pointer, statistic.key, JsonKind::number, false);
    if (value == nullptr) continue;
    metrics.push_back({{"name", std::string(prefix) + std::string(statistic.name)},
                       {"unit", unit},
                       {"better", statistic.spread ? "lower" : better},
                       {"description", std::string(statistic.what) + " " + std::string(quantity) + ", computed by " +
                                           std::string(harness_.tool)},
                       {"value", evidence_number(*value)}});
  }
  if (const json* rme = field(object, pointer, "rme", JsonKind::number, false)) {
    metrics.push_back({{"name", std::string(prefix) + "rme"},
                       {"unit", "%"},
                       {"better", "lower"},
                       {"description", "relative margin of error of the mean " + std::string(quantity) +
                                           " at 95% confidence, computed by " + std::string(harness_.tool)},
                       {"value", evidence_number(*rme)}});
  }
  return problems_.size() == before;
}

bool Reader::add_samples(ordered_json& metrics, const json& object, const std::string& pointer, std::string_view name,
                         std::string_view unit, std::string_view better, std::string_view description) {
  const std::size_t before = problems_.size();
  const json* samples = field(object, pointer, "samples", JsonKind::array, false);
  if (samples == nullptr) return problems_.size() == before;
  for (std::size_t i = 0; i < samples->size(); ++i) {
    if ((*samples)[i].is_number()) continue;
    error(append_pointer(append_pointer(pointer, "samples"), i), "import.type",
          "sample " + std::to_string(i) + " of " + std::string(harness_.task) + " is " + json_type_name((*samples)[i]) +
              ", expected a number");
    return false;
  }
  if (samples->empty()) return true;
  ordered_json values = ordered_json::array();
  for (const json& sample : *samples) values.push_back(evidence_number(sample));
  metrics.push_back({{"name", name},
                     {"unit", unit},
                     {"better", better},
                     {"description", description},
                     {"samples", std::move(values)}});
  return true;
}

// The document at pointer as written, without its (long) sample arrays, which evidence holds.
ordered_json without_samples(const JsonDocument& document, const std::string& pointer) {
  ordered_json kept = document.ordered_value(pointer).value_or(ordered_json::object());
  const auto strip = [](auto& self, ordered_json& value) -> void {
    if (value.is_object()) {
      value.erase("samples");
      for (auto& item : value) self(self, item);
    } else if (value.is_array()) {
      for (auto& item : value) self(self, item);
    }
  };
  strip(strip, kept);
  return kept;
}

// --- vitest bench --outputJson ----------------------------------------------------------------

constexpr Harness vitest{"vitest", "a vitest benchmark"};

// One benchmark of a group ("fullName" + " > " + "name").
void read_vitest_benchmark(Reader& reader, const json& benchmark, const std::string& pointer,
                           const std::string& group_name, Imported& imported, std::vector<Diagnostic>& problems) {
  const std::size_t before = problems.size();
  if (!benchmark.is_object()) {
    reader.error(pointer, "import.type", "a vitest benchmark is " + json_type_name(benchmark) + ", expected an object");
    return;
  }
  const json* raw_name = reader.field(benchmark, pointer, "name", JsonKind::string, true);
  const json* hz = reader.field(benchmark, pointer, "hz", JsonKind::number, true);
  reader.field(benchmark, pointer, "mean", JsonKind::number, true);
  if (problems.size() != before) return;
  const auto name = reader.name(group_name + " > " + raw_name->get<std::string>(), append_pointer(pointer, "name"));
  if (!name) return;
  ordered_json metrics = ordered_json::array();
  if (!reader.add_samples(metrics, benchmark, pointer, "time", "ms", "lower",
                          "time of each sampled iteration, measured by vitest (tinybench)")) {
    return;
  }
  metrics.push_back({{"name", "ops_per_sec"},
                     {"unit", "ops/s"},
                     {"better", "higher"},
                     {"description", "operations per second (hz: 1000 / mean time), computed by vitest"},
                     {"value", evidence_number(*hz)}});
  if (!reader.add_statistics(metrics, benchmark, pointer, "", "time per iteration", "ms", "lower")) return;
  imported.benchmarks.push_back({{"name", *name}, {"metrics", std::move(metrics)}});
}

// The groups of one file of the report.
void read_vitest_file(Reader& reader, const json& file, const std::string& pointer, Imported& imported,
                      std::vector<Diagnostic>& problems) {
  if (!file.is_object()) {
    reader.error(pointer, "import.type",
                 "a vitest \"files\" entry is " + json_type_name(file) + ", expected an object");
    return;
  }
  const json* groups = reader.field(file, pointer, "groups", JsonKind::array, true);
  if (groups == nullptr) return;
  for (std::size_t g = 0; g < groups->size(); ++g) {
    const json& group = (*groups)[g];
    const std::string group_pointer = append_pointer(append_pointer(pointer, "groups"), g);
    if (!group.is_object()) {
      reader.error(group_pointer, "import.type", "a vitest group is " + json_type_name(group) + ", expected an object");
      continue;
    }
    const json* full_name = reader.field(group, group_pointer, "fullName", JsonKind::string, true);
    const json* benchmarks = reader.field(group, group_pointer, "benchmarks", JsonKind::array, true);
    if (full_name == nullptr || benchmarks == nullptr) continue;
    for (std::size_t b = 0; b < benchmarks->size(); ++b) {
      read_vitest_benchmark(reader, (*benchmarks)[b], append_pointer(append_pointer(group_pointer, "benchmarks"), b),
                            full_name->get<std::string>(), imported, problems);
    }
  }
}

// --- tinybench task results -------------------------------------------------------------------

constexpr Harness tinybench{"tinybench", "a tinybench task result"};

// One {"name", "result"} element: latency and throughput, with samples when retainSamples kept them.
void read_tinybench_task(Reader& reader, const json& task, const std::string& pointer, Imported& imported,
                         std::vector<Diagnostic>& problems) {
  const std::size_t before = problems.size();
  if (!task.is_object()) {
    reader.error(pointer, "import.type",
                 "a tinybench task is " + json_type_name(task) + ", expected an object {\"name\", \"result\"}");
    return;
  }
  const json* raw_name = reader.field(task, pointer, "name", JsonKind::string, true);
  const json* result = reader.field(task, pointer, "result", JsonKind::object, true);
  if (problems.size() != before) return;
  const std::string result_pointer = append_pointer(pointer, "result");
  const json* state = reader.field(*result, result_pointer, "state", JsonKind::string, false);
  const json* latency = reader.field(*result, result_pointer, "latency", JsonKind::object, false);
  const json* throughput = reader.field(*result, result_pointer, "throughput", JsonKind::object, false);
  if (problems.size() != before) return;
  const std::string& task_name = raw_name->get_ref<const std::string&>();
  const std::string state_text = state ? state->get<std::string>() : std::string("completed");
  if (state_text != "completed") {
    imported.failed = true;
    std::string message = "task " + quote_for_message(task_name) + " ended in state " + quote_for_message(state_text);
    if (const json* failure = reader.field(*result, result_pointer, "error", JsonKind::object, false)) {
      if (const auto text = failure->find("message"); text != failure->end() && text->is_string()) {
        message += ": " + quote_for_message(text->get<std::string>());
      }
    }
    message += latency ? "; its statistics are kept, but the run failed" : "; it has no statistics and is left out";
    reader.finding(append_pointer(result_pointer, "state"), "import.benchmark_failed", message, Severity::warning);
    if (latency == nullptr) return;
  }
  if (latency == nullptr) {
    reader.error(result_pointer, "import.missing", "a completed tinybench task result has no \"latency\"");
    return;
  }
  const auto name = reader.name(task_name, append_pointer(pointer, "name"));
  if (!name) return;
  ordered_json metrics = ordered_json::array();
  const std::string latency_pointer = append_pointer(result_pointer, "latency");
  if (!reader.add_samples(metrics, *latency, latency_pointer, "latency", "ms", "lower",
                          "time of each sampled iteration, measured by tinybench (retainSamples)") ||
      !reader.add_statistics(metrics, *latency, latency_pointer, "latency_", "latency", "ms", "lower")) {
    return;
  }
  if (throughput != nullptr) {
    const std::string throughput_pointer = append_pointer(result_pointer, "throughput");
    if (!reader.add_samples(metrics, *throughput, throughput_pointer, "throughput", "ops/s", "higher",
                            "operations per second of each sampled iteration, computed by tinybench") ||
        !reader.add_statistics(metrics, *throughput, throughput_pointer, "throughput_", "throughput", "ops/s",
                               "higher")) {
      return;
    }
  }
  imported.benchmarks.push_back({{"name", *name}, {"metrics", std::move(metrics)}});
}

}  // namespace

bool detect_vitest(std::string_view text) {
  return opens_json_object(text) && has_json_member(text, "\"files\"", '[') &&
         has_json_member(text, "\"groups\"", '[') && has_json_member(text, "\"fullName\"", '"');
}

std::optional<Imported> import_vitest(const ImportSource& source, std::vector<Diagnostic>& problems) {
  if (empty_input(source, "the file is empty: vitest bench --outputJson FILE writes the report when the run ends",
                  problems)) {
    return std::nullopt;
  }
  std::optional<JsonDocument> document = parse_import_json(source, problems);
  if (!document) return std::nullopt;
  const json& root = document->value();
  if (!root.is_object() || !root.contains("files")) {
    problems.push_back(not_format_problem(*document,
                                          "not a vitest bench report: no \"files\" array at the top level "
                                          "(vitest bench --outputJson FILE writes {\"files\": [...]})"));
    return std::nullopt;
  }
  Imported imported;
  imported.tool = "vitest";
  Reader reader(*document, vitest, problems, imported);
  const std::size_t before = problems.size();
  const json* files = member(*document, root, "", "files", JsonKind::array, true, "a vitest bench report", problems);
  if (files == nullptr) return std::nullopt;
  for (std::size_t f = 0; f < files->size(); ++f) {
    read_vitest_file(reader, (*files)[f], append_pointer("/files", f), imported, problems);
  }
  if (problems.size() != before) return std::nullopt;
  if (imported.benchmarks.empty()) {
    problems.push_back(document->diagnostic_at("/files", "import.empty",
                                               "the vitest bench report has no benchmark (did the filter match "
                                               "nothing?)"));
    return std::nullopt;
  }
  imported.metadata["files"] = without_samples(*document, "/files");
  return imported;
}

bool detect_tinybench(std::string_view text) {
  return opens_json_array(text) && has_json_member(text, "\"result\"", '{') &&
         has_json_member(text, "\"latency\"", '{');
}

std::optional<Imported> import_tinybench(const ImportSource& source, std::vector<Diagnostic>& problems) {
  if (empty_input(source,
                  "the file is empty: expected JSON.stringify(bench.tasks.map(({ name, result }) => ({ name, "
                  "result }))) after bench.run()",
                  problems)) {
    return std::nullopt;
  }
  std::optional<JsonDocument> document = parse_import_json(source, problems);
  if (!document) return std::nullopt;
  const json& root = document->value();
  if (!root.is_array()) {
    problems.push_back(not_format_problem(*document, "not tinybench task results: the top level is " +
                                                         json_type_name(root) +
                                                         ", expected an array of {\"name\", \"result\"}"));
    return std::nullopt;
  }
  if (root.empty()) {
    problems.push_back(document->diagnostic_at("", "import.empty", "the array of tinybench task results is empty"));
    return std::nullopt;
  }
  Imported imported;
  imported.tool = "tinybench";
  Reader reader(*document, tinybench, problems, imported);
  const std::size_t before = problems.size();
  for (std::size_t t = 0; t < root.size(); ++t)
    read_tinybench_task(reader, root[t], append_pointer("", t), imported, problems);
  if (problems.size() != before) return std::nullopt;
  if (imported.benchmarks.empty()) {
    problems.push_back(
        document->diagnostic_at("", "import.empty", "no tinybench task completed; there is no result to import"));
    return std::nullopt;
  }
  imported.metadata["tasks"] = without_samples(*document, "");
  return imported;
}

}  // namespace evident::io
