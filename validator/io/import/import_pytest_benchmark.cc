// pytest-benchmark JSON (--benchmark-json FILE, or a file of --benchmark-autosave): one benchmark
// per test ("fullname"), the per-round times of stats.data as samples of "time", the statistics
// pytest-benchmark computed as value-only metrics beside it, machine_info as host facts.
// docs/import.md ("pytest-benchmark") describes every field.
#include <cstddef>
#include <map>
#include <optional>
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

constexpr std::string_view entry_what = "a pytest-benchmark \"benchmarks\" entry";
constexpr std::string_view stats_what = "a pytest-benchmark \"stats\" object";

// The evidence schema's architecture name: ^[A-Za-z0-9][A-Za-z0-9._-]*$, at most 64 characters.
bool fits_arch(std::string_view text) {
  if (text.empty() || text.size() > 64) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-'))) return false;
  }
  return true;
}

bool is_full_commit(std::string_view id) {
  if (id.size() != 40) return false;
  for (const char c : id) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

std::string plural(long long count, std::string_view one, std::string_view many) {
  return std::to_string(count) + " " + std::string(count == 1 ? one : many);
}

class Reader {
 public:
  Reader(const JsonDocument& document, std::vector<Diagnostic>& problems, Imported& imported)
      : document_(document), problems_(problems), imported_(imported) {}

  void read_host(const json& machine_info);
  void read_commit(const json& root);
  void read_datetime(const json& root);
  void read_benchmarks(const json& benchmarks);

  // What read_stats() found in a benchmark's "stats": each statistic, nothing where it is absent,
  // of the wrong type or not finite.
  struct Stats {
    const json* rounds = nullptr;
    const json* iterations = nullptr;
    std::optional<double> median, min, max, mean, stddev, iqr, ops;
  };

  // A copy of value with each bare NaN/Infinity of the file as its text (JSON cannot hold them as
  // numbers).
  ordered_json restore(const json& value, const std::string& pointer) const;

 private:
  // A bare NaN or Infinity in place of a measurement: a warning, and the run is marked failed.
  void non_finite(const std::string& pointer, std::string message) {
    finding(pointer, "import.non_finite", std::move(message), Severity::warning);
    imported_.failed = true;
  }
  void finding(std::string_view pointer, std::string code, std::string message, Severity severity) {
    Diagnostic diagnostic = document_.diagnostic_at(pointer, std::move(code), std::move(message));
    diagnostic.severity = severity;
    imported_.findings.push_back(std::move(diagnostic));
  }
  void host_text(const json& object, const std::string& pointer, std::string_view key, std::string_view fact,
                 std::size_t max_length, bool arch);
  std::optional<double> statistic(const json& stats, const std::string& pointer, std::string_view key,
                                  std::string_view benchmark);
  void read_benchmark(const json& entry, const std::string& pointer, std::map<std::string, std::string>& seen);
  std::optional<std::string> benchmark_name(const std::string& raw_name, const std::string& pointer,
                                            std::map<std::string, std::string>& seen);
  Stats read_stats(const json& stats, const std::string& stats_pointer, std::string_view raw_name);
  std::optional<ordered_json> read_samples(const json& stats, const std::string& stats_pointer,
                                           std::string_view raw_name, const json* rounds);
  std::optional<ordered_json> parameters(const json& params, const std::string& pointer, std::string_view benchmark);

  const JsonDocument& document_;
  std::vector<Diagnostic>& problems_;
  Imported& imported_;
};

ordered_json Reader::restore(const json& value, const std::string& pointer) const {
  if (const auto token = non_finite_at(document_, pointer, value)) return std::string(*token);
  if (value.is_object()) {
    ordered_json copy = ordered_json::object();
    for (const auto& [key, member_value] : value.items()) {
      copy[key] = restore(member_value, pointer + "/" + escape_pointer_token(key));
    }
    return copy;
  }
  if (value.is_array()) {
    ordered_json copy = ordered_json::array();
    for (std::size_t i = 0; i < value.size(); ++i) copy.push_back(restore(value[i], pointer + "/" + std::to_string(i)));
    return copy;
  }
  return ordered_json(value);
}

void Reader::host_text(const json& object, const std::string& pointer, std::string_view key, std::string_view fact,
                       std::size_t max_length, bool arch) {
  const std::string what =
      pointer == "/machine_info" ? "pytest-benchmark \"machine_info\"" : "pytest-benchmark \"machine_info.cpu\"";
  const json* value = member(document_, object, pointer, key, JsonKind::string, false, what, problems_);
  if (value == nullptr) return;
  const auto& text = value->get_ref<const std::string&>();
  if (arch ? fits_arch(text) : fits_text_line(text, max_length)) {
    imported_.host[std::string(fact)] = text;
    return;
  }
  finding(pointer + "/" + escape_pointer_token(key), "import.host_fact_skipped",
          "\"" + std::string(key) + "\" is " + quote_for_message(text) + ", which evidence cannot hold as host." +
              std::string(fact) + "; it is left out",
          Severity::note);
}

void Reader::read_host(const json& machine_info) {
  const std::string pointer = "/machine_info";
  host_text(machine_info, pointer, "node", "hostname", 253, false);
  host_text(machine_info, pointer, "release", "kernel", 256, false);
  host_text(machine_info, pointer, "machine", "arch", 64, true);
  const json* cpu = member(document_, machine_info, pointer, "cpu", JsonKind::object, false,
                           "pytest-benchmark \"machine_info\"", problems_);
  if (cpu == nullptr) return;
  const std::string cpu_pointer = pointer + "/cpu";
  // py-cpuinfo names the model "brand_raw" from version 6 on and "brand" before (pytest-benchmark
  // 3.2.2 copies only vendor_id, hardware and brand, writing "unknown" for what it could not read).
  const std::string brand_key = cpu->contains("brand_raw") ? "brand_raw" : "brand";
  if (const auto brand = cpu->find(brand_key); brand != cpu->end() && *brand != "unknown") {
    host_text(*cpu, cpu_pointer, brand_key, "cpu_model", 256, false);
  }
  if (const json* count = member(document_, *cpu, cpu_pointer, "count", JsonKind::integer, false,
                                 "pytest-benchmark \"machine_info.cpu\"", problems_)) {
    const auto cpus = count->get<long long>();
    if (cpus >= 1 && cpus <= 8192) {
      imported_.host["logical_cpus"] = cpus;
    } else {
      finding(cpu_pointer + "/count", "import.host_fact_skipped",
              "\"count\" is " + std::to_string(cpus) +
                  ", which evidence cannot hold as host.logical_cpus (1 to 8192); it is left out",
              Severity::note);
    }
  }
}

void Reader::read_commit(const json& root) {
  const json* commit_info =
      member(document_, root, "", "commit_info", JsonKind::object, false, "pytest-benchmark JSON", problems_);
  if (commit_info == nullptr) return;
  constexpr std::string_view what = "pytest-benchmark \"commit_info\"";
  if (const json* id = member(document_, *commit_info, "/commit_info", "id", JsonKind::string, false, what, problems_);
      id != nullptr && is_full_commit(id->get_ref<const std::string&>())) {
    imported_.commit = id->get<std::string>();
  }
  if (const json* dirty =
          member(document_, *commit_info, "/commit_info", "dirty", JsonKind::boolean, false, what, problems_);
      dirty != nullptr && dirty->get<bool>()) {
    finding("/commit_info/dirty", "import.dirty_tree",
            "the code under test had uncommitted changes (\"dirty\": true): the numbers are not those of commit " +
                (imported_.commit.empty() ? std::string("recorded") : imported_.commit) +
                " alone; commit or stash the changes and run again",
            Severity::warning);
  }
  if (const json* project =
          member(document_, *commit_info, "/commit_info", "project", JsonKind::string, false, what, problems_)) {
    imported_.suite = evidence_name(project->get_ref<const std::string&>()).value_or("");
  }
}

void Reader::read_datetime(const json& root) {
  const json* datetime =
      member(document_, root, "", "datetime", JsonKind::string, false, "pytest-benchmark JSON", problems_);
  if (datetime == nullptr) return;
  const auto& text = datetime->get_ref<const std::string&>();
  if (const auto utc = utc_timestamp(text, /*zone_required=*/false, /*keep_fraction=*/true)) {
    imported_.captured_at = *utc;
  } else {
    finding(
        "/datetime", "import.date",
        "\"datetime\" is " + quote_for_message(text) +
            ", not an ISO 8601 date and time; captured_at is taken from --captured-at or the file's modification time",
        Severity::warning);
  }
}

// A statistic that must be a number. A bare NaN or Infinity in its place is a finding and nothing.
std::optional<double> Reader::statistic(const json& stats, const std::string& pointer, std::string_view key,
                                        std::string_view benchmark) {
  const std::string value_pointer = pointer + "/" + std::string(key);
  const auto found = stats.find(std::string(key));
  if (const auto token = found == stats.end() ? std::nullopt : non_finite_at(document_, value_pointer, *found)) {
    non_finite(value_pointer, "\"" + std::string(key) + "\" of benchmark " + quote_for_message(benchmark) + " is " +
                                  std::string(*token) +
                                  ", which evidence cannot hold; the metric made from it is left out");
    return std::nullopt;
  }
  const json* value = member(document_, stats, pointer, key, JsonKind::number, true, stats_what, problems_);
  if (value == nullptr) return std::nullopt;
  return value->get<double>();
}

// pytest's params as evidence parameters: strings (up to 1024 characters), numbers and booleans as
// they are; null, lists and objects as their compact JSON text.
std::optional<ordered_json> Reader::parameters(const json& params, const std::string& pointer,
                                               std::string_view benchmark) {
  const auto convert = [&](const std::string&, const json& value,
                           const std::string& value_pointer) -> std::optional<ordered_json> {
    if (const auto token = non_finite_at(document_, value_pointer, value)) return std::string(*token);
    if (value.is_string() || value.is_number() || value.is_boolean()) return ordered_json(value);
    return restore(value, value_pointer).dump();
  };
  return evidence_parameters(document_, params, pointer, {benchmark, "param", "extensions.pytest-benchmark"}, convert,
                             problems_, imported_.findings);
}

ordered_json metric(std::string_view name, std::string_view unit, std::string_view better, std::string description) {
  return ordered_json{{"name", name}, {"unit", unit}, {"better", better}, {"description", std::move(description)}};
}

// The evidence name of a benchmark's fullname; nothing, with an error, when it cannot be one or an
// earlier benchmark has it already.
std::optional<std::string> Reader::benchmark_name(const std::string& raw_name, const std::string& pointer,
                                                  std::map<std::string, std::string>& seen) {
  auto name = evidence_name(raw_name);
  if (!name) {
    problems_.push_back(document_.diagnostic_at(
        pointer + "/fullname", "import.name",
        "benchmark " + quote_for_message(raw_name) +
            " cannot be an evidence name: it is empty, holds control characters or is longer than 200 characters"));
    return std::nullopt;
  }
  if (const auto [previous, inserted] = seen.emplace(*name, raw_name); !inserted) {
    problems_.push_back(document_.diagnostic_at(
        pointer + "/fullname", "import.duplicate_name",
        previous->second == raw_name
            ? "benchmark " + quote_for_message(raw_name) + " appears twice; each test is written once per run"
            : "benchmarks " + quote_for_message(previous->second) + " and " + quote_for_message(raw_name) +
                  " both become the evidence name " + quote_for_message(*name) + " ('/' is written as ':')"));
    return std::nullopt;
  }
  return name;
}

// The statistics of "stats" that become metrics, and the checks of those kept only in extensions.
Reader::Stats Reader::read_stats(const json& stats, const std::string& stats_pointer, std::string_view raw_name) {
  Stats read;
  read.rounds = member(document_, stats, stats_pointer, "rounds", JsonKind::integer, true, stats_what, problems_);
  read.iterations =
      member(document_, stats, stats_pointer, "iterations", JsonKind::integer, true, stats_what, problems_);
  read.median = statistic(stats, stats_pointer, "median", raw_name);
  read.min = statistic(stats, stats_pointer, "min", raw_name);
  read.max = statistic(stats, stats_pointer, "max", raw_name);
  read.mean = statistic(stats, stats_pointer, "mean", raw_name);
  read.stddev = statistic(stats, stats_pointer, "stddev", raw_name);
  read.iqr = statistic(stats, stats_pointer, "iqr", raw_name);
  read.ops = statistic(stats, stats_pointer, "ops", raw_name);
  // Read only into extensions, but checked so a damaged file does not pass as evidence.
  for (const std::string_view key : {"q1", "q3", "ld15iqr", "hd15iqr", "total"}) {
    if (const auto found = stats.find(std::string(key));
        found != stats.end() && !non_finite_at(document_, stats_pointer + "/" + std::string(key), *found)) {
      member(document_, stats, stats_pointer, key, JsonKind::number, false, stats_what, problems_);
    }
  }
  for (const std::string_view key : {"iqr_outliers", "stddev_outliers"}) {
    member(document_, stats, stats_pointer, key, JsonKind::integer, false, stats_what, problems_);
  }
  member(document_, stats, stats_pointer, "outliers", JsonKind::string, false, stats_what, problems_);
  return read;
}

// The per-round times of "data" as samples: nothing when there are none, or one is not finite.
std::optional<ordered_json> Reader::read_samples(const json& stats, const std::string& stats_pointer,
                                                 std::string_view raw_name, const json* rounds) {
  const json* data = member(document_, stats, stats_pointer, "data", JsonKind::array, false, stats_what, problems_);
  if (data == nullptr) return std::nullopt;
  const std::string data_pointer = stats_pointer + "/data";
  std::optional<ordered_json> samples = ordered_json::array();
  for (std::size_t i = 0; i < data->size(); ++i) {
    const json& sample = (*data)[i];
    const std::string sample_pointer = data_pointer + "/" + std::to_string(i);
    if (const auto token = non_finite_at(document_, sample_pointer, sample)) {
      if (samples) {
        non_finite(sample_pointer, "round " + std::to_string(i + 1) + " of benchmark " + quote_for_message(raw_name) +
                                       " is " + std::string(*token) +
                                       ", which evidence cannot hold; the samples of \"time\" are left out (its "
                                       "value stays)");
      }
      samples.reset();
    } else if (!sample.is_number()) {
      problems_.push_back(document_.diagnostic_at(sample_pointer, "import.type",
                                                  "item " + std::to_string(i) + " of \"data\" of " +
                                                      std::string(stats_what) + " is " + json_type_name(sample) +
                                                      ", expected a number"));
      samples.reset();
    } else if (samples) {
      samples->push_back(sample.get<double>());
    }
  }
  if (rounds != nullptr && static_cast<long long>(data->size()) != rounds->get<long long>()) {
    problems_.push_back(document_.diagnostic_at(
        data_pointer, "import.mismatch",
        "benchmark " + quote_for_message(raw_name) + " has " + std::to_string(data->size()) +
            " values in \"data\" but \"rounds\" is " + std::to_string(rounds->get<long long>()) +
            ": pytest-benchmark writes one value per round, so the file was changed or damaged"));
  }
  if (samples && samples->empty()) samples.reset();
  return samples;
}

// "time" (the median, with the samples) and a value-only metric for each other statistic read.
ordered_json metrics_of(const Reader::Stats& stats, std::optional<ordered_json> samples) {
  const long long round_count = stats.rounds->get<long long>();
  const long long iteration_count = stats.iterations->get<long long>();
  ordered_json metrics = ordered_json::array();
  if (stats.median || samples) {
    ordered_json time =
        metric("time", "s", "lower",
               "median of " + plural(round_count, "round", "rounds") + " of " +
                   plural(iteration_count, "iteration", "iterations") + ", per iteration (pytest-benchmark)");
    if (samples) time["samples"] = std::move(*samples);
    if (stats.median) time["value"] = *stats.median;
    metrics.push_back(std::move(time));
  }
  const auto add = [&](std::string_view metric_name, std::string_view unit, std::string_view better,
                       const std::optional<double>& value, std::string description) {
    if (!value) return;
    ordered_json statistic_metric = metric(metric_name, unit, better, std::move(description));
    statistic_metric["value"] = *value;
    metrics.push_back(std::move(statistic_metric));
  };
  add("time_min", "s", "lower", stats.min, "fastest round, per iteration (pytest-benchmark stats.min)");
  add("time_max", "s", "lower", stats.max, "slowest round, per iteration (pytest-benchmark stats.max)");
  add("time_mean", "s", "lower", stats.mean, "mean of the rounds, per iteration (pytest-benchmark stats.mean)");
  add("time_stddev", "s", "lower", stats.stddev,
      "sample standard deviation of the rounds, per iteration (pytest-benchmark stats.stddev)");
  add("time_iqr", "s", "lower", stats.iqr,
      "interquartile range of the rounds, per iteration (pytest-benchmark stats.iqr)");
  add("ops", "ops/s", "higher", stats.ops,
      "iterations per second: rounds divided by the sum of the per-iteration round "
      "times (pytest-benchmark stats.ops)");
  return metrics;
}

void Reader::read_benchmark(const json& entry, const std::string& pointer, std::map<std::string, std::string>& seen) {
  const std::size_t errors_before = problems_.size();
  const json* fullname = member(document_, entry, pointer, "fullname", JsonKind::string, true, entry_what, problems_);
  const json* stats = member(document_, entry, pointer, "stats", JsonKind::object, true, entry_what, problems_);
  const json* params = nullptr;
  if (entry.contains("params") && !entry.at("params").is_null()) {
    params = member(document_, entry, pointer, "params", JsonKind::object, false, entry_what, problems_);
  }
  if (fullname == nullptr || stats == nullptr) return;
  const auto& raw_name = fullname->get_ref<const std::string&>();
  const std::optional<std::string> name = benchmark_name(raw_name, pointer, seen);
  if (!name) return;

  const std::string stats_pointer = pointer + "/stats";
  const Stats read = read_stats(*stats, stats_pointer, raw_name);
  std::optional<ordered_json> samples = read_samples(*stats, stats_pointer, raw_name, read.rounds);
  std::optional<ordered_json> parameter_values;
  if (params != nullptr) parameter_values = parameters(*params, pointer + "/params", raw_name);
  if (problems_.size() != errors_before) return;

  ordered_json metrics = metrics_of(read, std::move(samples));
  if (metrics.empty()) {
    non_finite(stats_pointer,
               "benchmark " + quote_for_message(raw_name) + " has no finite statistic left and is left out");
    return;
  }
  ordered_json benchmark = ordered_json::object();
  benchmark["name"] = *name;
  if (parameter_values && !parameter_values->empty()) benchmark["parameters"] = std::move(*parameter_values);
  benchmark["metrics"] = std::move(metrics);
  imported_.benchmarks.push_back(std::move(benchmark));
}

void Reader::read_benchmarks(const json& benchmarks) {
  std::map<std::string, std::string> seen;  // evidence name -> the fullname that first became it
  for (std::size_t i = 0; i < benchmarks.size(); ++i) {
    const std::string pointer = "/benchmarks/" + std::to_string(i);
    const json& entry = benchmarks[i];
    if (!entry.is_object()) {
      problems_.push_back(document_.diagnostic_at(pointer, "import.type",
                                                  "item " + std::to_string(i) + " of \"benchmarks\" is " +
                                                      json_type_name(entry) + ", expected " + std::string(entry_what) +
                                                      " (an object)"));
      continue;
    }
    read_benchmark(entry, pointer, seen);
  }
}

}  // namespace

bool detect_pytest_benchmark(std::string_view text) {
  if (!opens_json_object(text)) return false;
  return text.find("\"machine_info\"") != std::string_view::npos &&
         text.find("\"benchmarks\"") != std::string_view::npos;
}

std::optional<Imported> import_pytest_benchmark(const ImportSource& source, std::vector<Diagnostic>& problems) {
  if (empty_input(source,
                  "the file is empty; pytest-benchmark writes --benchmark-json FILE when the pytest session ends: "
                  "was the run interrupted?",
                  problems)) {
    return std::nullopt;
  }
  // Python's json module writes NaN and Infinity bare (in extra_info or params, say).
  std::optional<JsonDocument> document = parse_import_json(source, problems, true);
  if (!document) return std::nullopt;
  const json& root = document->value();
  if (!root.is_object() || !root.contains("machine_info")) {
    problems.push_back(document->diagnostic_at(
        "", "import.not_format",
        root.is_object() ? "not pytest-benchmark JSON: no \"machine_info\" at the top level (a file of "
                           "--benchmark-json or --benchmark-autosave has \"machine_info\", \"commit_info\" and "
                           "\"benchmarks\")"
                         : "not pytest-benchmark JSON: the top level is " + json_type_name(root) +
                               ", expected an object with \"machine_info\", \"commit_info\" and \"benchmarks\""));
    return std::nullopt;
  }

  Imported imported;
  imported.tool = "pytest-benchmark";
  Reader reader(*document, problems, imported);
  const std::size_t errors_before = problems.size();
  const json* machine_info =
      member(*document, root, "", "machine_info", JsonKind::object, true, "pytest-benchmark JSON", problems);
  const json* benchmarks =
      member(*document, root, "", "benchmarks", JsonKind::array, true, "pytest-benchmark JSON", problems);
  if (const json* version =
          member(*document, root, "", "version", JsonKind::string, false, "pytest-benchmark JSON", problems)) {
    imported.tool_version = version->get<std::string>();
  }
  if (machine_info != nullptr) reader.read_host(*machine_info);
  reader.read_commit(root);
  reader.read_datetime(root);
  if (benchmarks != nullptr) reader.read_benchmarks(*benchmarks);
  if (problems.size() != errors_before) return std::nullopt;

  // The tool's own context, verbatim, except the per-round data that became the samples.
  imported.metadata = reader.restore(root, "");
  for (auto& entry : imported.metadata["benchmarks"]) {
    if (entry.contains("stats") && entry["stats"].is_object()) entry["stats"].erase("data");
  }
  return imported;
}

}  // namespace evident::io
