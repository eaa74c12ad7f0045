// Google Benchmark JSON (--benchmark_out=FILE --benchmark_out_format=json) as evidence parts: one
// benchmark per run_name, its repetitions as samples, Google Benchmark's own aggregates kept apart as
// value-only metrics, the "context" block as host facts and metadata. docs/import.md has the mapping.
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/json_pointer.h"
#include "core/text.h"
#include "io/import/importer.h"
#include "io/json/source_text.h"

namespace evident::io {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

constexpr std::string_view entry_what = "a Google Benchmark \"benchmarks\" entry";
constexpr std::string_view context_what = "the Google Benchmark \"context\"";
constexpr std::string_view other_tool_hint = "for another tool's output, use `evident import auto FILE`";
constexpr std::string_view gb_computed = ", computed by Google Benchmark";
constexpr std::size_t parameter_value_max_code_points = 1024;  // the schema's parameter strings
constexpr std::size_t hostname_max_code_points = 253;

// The members Google Benchmark itself writes in a "benchmarks" entry (1.7.1 and later); every other
// member is a user counter (bytes_per_second and items_per_second are counters to Google Benchmark too).
// clang-format off
constexpr std::string_view fixed_keys[] = {
    "name", "family_index", "per_family_instance_index", "run_name", "run_type", "repetitions", "repetition_index",
    "threads", "aggregate_name", "aggregate_unit", "error_occurred", "error_message", "skipped", "skip_message",
    "iterations", "real_time", "cpu_time", "time_unit", "cpu_coefficient", "real_coefficient", "big_o", "rms", "label",
    "allocs_per_iter", "max_bytes_used", "total_allocated_bytes", "net_heap_growth"};
// clang-format on

// The memory manager's results (RegisterMemoryManager), written after the counters.
struct MemoryKey {
  std::string_view key;
  std::string_view unit;
};
constexpr MemoryKey memory_keys[] = {
    {"allocs_per_iter", "allocs/iter"},
    {"max_bytes_used", "bytes"},
    {"total_allocated_bytes", "bytes"},
    {"net_heap_growth", "bytes"},
};

bool is_fixed_key(std::string_view key) {
  return std::find(std::begin(fixed_keys), std::end(fixed_keys), key) != std::end(fixed_keys);
}

// Why raw cannot be an evidence name (evidence_name() said it cannot).
std::string name_problem(std::string_view raw) {
  if (has_control_character(raw)) return "has control characters (such as a newline or a tab)";
  if (raw.find_first_not_of(' ') == std::string_view::npos) return "is empty";
  return "is longer than the 200 characters an evidence name may have";
}

// A unit as evidence accepts it: 1 to 64 characters, no control characters, no space at either end.
bool is_unit(std::string_view unit) { return fits_text_line(unit, 64); }

struct Metric {
  std::string name;  // the evidence name
  std::string unit;
  std::string better;
  std::string description;
  ordered_json samples = ordered_json::array();
  ordered_json value;   // null when there is none
  std::string pointer;  // where it first appeared, for a name clash
};

struct BaseMetric {
  Metric metric;
  ordered_json median;  // Google Benchmark's median aggregate: the value when there are no samples
  std::string median_repetitions;
};

struct Benchmark {
  std::string run_name;
  std::string name;
  std::string pointer;  // the run_name of its first entry
  const json* family = nullptr;
  const json* instance = nullptr;
  ordered_json parameters = ordered_json::object();
  std::vector<BaseMetric> base;  // real_time, cpu_time, counters, memory: samples from the repetitions
  std::map<std::string, std::size_t> base_index;
  std::vector<Metric> aggregates;         // <metric>_<aggregate>, complexity: values
  std::set<std::string> aggregate_names;  // aggregate_name of each aggregate entry seen
  bool has_usable_iteration = false;
  std::string time_unit;
  std::string time_unit_pointer;
  std::vector<std::size_t> failure_findings;  // indices in Imported::findings
};

struct MeasuredKey {
  std::string key;
  std::string unit;
  std::string better;
  bool counter = false;  // a user counter (its direction may be assumed)
};

// The measured members of an entry besides real_time and cpu_time: user counters in the order Google
// Benchmark writes them (by name, as nlohmann::json iterates), then the memory manager's results.
std::vector<MeasuredKey> measured_keys(const json& entry) {
  std::vector<MeasuredKey> keys;
  for (const auto& [key, value] : entry.items()) {
    if (is_fixed_key(key)) continue;
    if (key == "bytes_per_second") {
      keys.push_back({key, "bytes/s", "higher", true});
    } else if (key == "items_per_second") {
      keys.push_back({key, "items/s", "higher", true});
    } else {
      keys.push_back({key, "count", key.ends_with("_per_second") ? "higher" : "lower", true});
    }
  }
  for (const MemoryKey& memory : memory_keys) {
    if (entry.contains(std::string(memory.key)))
      keys.push_back({std::string(memory.key), std::string(memory.unit), "lower", false});
  }
  return keys;
}

std::string statistic_description(std::string_view aggregate, const std::string& repetitions) {
  const std::string of = " of the " + (repetitions.empty() ? std::string() : repetitions + " ") + "repetitions";
  if (aggregate == "mean") return "mean" + of + std::string(gb_computed);
  if (aggregate == "median") return "median" + of + std::string(gb_computed);
  if (aggregate == "stddev") return "standard deviation" + of + std::string(gb_computed);
  if (aggregate == "cv") {
    return "coefficient of variation (standard deviation / mean)" + of + std::string(gb_computed) +
           "; a ratio, though Google Benchmark labels it a percentage";
  }
  return "statistic " + quote_for_message(aggregate) + of + std::string(gb_computed);
}

enum class Reading { absent, number, not_finite, wrong };

// One aggregate entry being read by read_aggregate(), for the readers of each kind of aggregate.
struct Aggregate {
  Benchmark& benchmark;
  const json& entry;
  const std::string& pointer;
  std::string name;          // aggregate_name: "mean", "median", "stddev", "cv", "BigO", "RMS", a user's
  std::string name_pointer;  // of aggregate_name
  std::string repetitions;   // as written, or empty
  bool ratio = false;        // aggregate_unit "percentage"
};

class Reader {
 public:
  Reader(const JsonDocument& document, std::vector<Diagnostic>& problems, Imported& imported)
      : document_(document), problems_(problems), imported_(imported) {}

  void read_context(const json& context);
  void read_entry(const json& entry, std::size_t index);
  void finish();

 private:
  Diagnostic at(const std::string& pointer, std::string code, std::string message, bool at_key = false) const {
    return document_.diagnostic_at(pointer, std::move(code), std::move(message), at_key);
  }
  void finding(const std::string& pointer, std::string code, std::string message, Severity severity,
               bool at_key = false) {
    Diagnostic diagnostic = at(pointer, std::move(code), std::move(message), at_key);
    diagnostic.severity = severity;
    imported_.findings.push_back(std::move(diagnostic));
  }
  Reading number(const json& entry, const std::string& pointer, const std::string& key, bool required,
                 const std::string& what_is_lost);
  Benchmark* benchmark_for(const json& entry, const std::string& pointer, const std::string& run_name);
  bool time_unit(Benchmark& benchmark, const json& entry, const std::string& pointer);
  BaseMetric* base_metric(Benchmark& benchmark, const std::string& key, const std::string& unit,
                          const std::string& better, bool counter, const std::string& pointer);
  Metric* aggregate_metric(Benchmark& benchmark, const std::string& raw_name, const std::string& unit,
                           const std::string& better, std::string description, const std::string& pointer,
                           const std::string& aggregate_pointer);
  void read_iteration(Benchmark& benchmark, const json& entry, const std::string& pointer);
  void read_aggregate(Benchmark& benchmark, const json& entry, const std::string& pointer);
  void keep(const Aggregate& aggregate, const std::string& key, Reading reading, const std::string& metric_name,
            const std::string& unit, const std::string& better, std::string description);
  bool read_fit(const Aggregate& aggregate, std::size_t errors_before);
  bool read_time_statistic(const Aggregate& aggregate, std::size_t errors_before);
  void read_measured_statistics(const Aggregate& aggregate);
  const json* context_member(const json& context, std::string_view key, JsonKind kind) {
    return member(document_, context, "/context", key, kind, false, context_what, problems_);
  }
  void read_run_origin(const json& context);
  void read_run_conditions(const json& context);

  const JsonDocument& document_;
  std::vector<Diagnostic>& problems_;
  Imported& imported_;
  std::vector<Benchmark> benchmarks_;
  std::map<std::string, std::size_t> by_run_name_;
  std::map<std::string, std::string> run_name_of_;  // evidence name -> run_name
  std::set<std::string> assumed_noted_;
};

Reading Reader::number(const json& entry, const std::string& pointer, const std::string& key, bool required,
                       const std::string& what_is_lost) {
  const auto found = entry.find(key);
  if (found == entry.end()) {
    if (required) member(document_, entry, pointer, key, JsonKind::number, true, entry_what, problems_);
    return Reading::absent;
  }
  if (found->is_number()) return Reading::number;
  const std::string value_pointer = append_pointer(pointer, key);
  if (const auto token = non_finite_at(document_, value_pointer, *found)) {
    // A measurement that failed: it is left out and the run marked failed.
    finding(value_pointer, "import.non_finite",
            quote_for_message(key) + " is " + std::string(*token) + ", which is not a measurement: " + what_is_lost +
                " (evidence JSON has no NaN or infinity)",
            Severity::warning);
    imported_.failed = true;
    return Reading::not_finite;
  }
  member(document_, entry, pointer, key, JsonKind::number, true, entry_what, problems_);
  return Reading::wrong;
}

Benchmark* Reader::benchmark_for(const json& entry, const std::string& pointer, const std::string& run_name) {
  const std::string run_name_pointer = append_pointer(pointer, "run_name");
  const json* family =
      member(document_, entry, pointer, "family_index", JsonKind::integer, false, entry_what, problems_);
  const json* instance =
      member(document_, entry, pointer, "per_family_instance_index", JsonKind::integer, false, entry_what, problems_);
  if (const auto found = by_run_name_.find(run_name); found != by_run_name_.end()) {
    Benchmark& benchmark = benchmarks_[found->second];
    // Two registrations may share a name (BENCHMARK(f) twice); their runs must not be pooled.
    const bool other_family = family && benchmark.family && *family != *benchmark.family;
    const bool other_instance = instance && benchmark.instance && *instance != *benchmark.instance;
    if (other_family || other_instance) {
      problems_.push_back(at(run_name_pointer, "import.duplicate_name",
                             "run_name " + quote_for_message(run_name) +
                                 " names two different benchmarks (another family_index or per_family_instance_index "
                                 "than its entry at line " +
                                 std::to_string(at(benchmark.pointer, "", "").position.line) +
                                 "); give each registration its own name with ->Name()"));
      return nullptr;
    }
    return &benchmark;
  }
  const auto name = evidence_name(run_name);
  if (!name) {
    problems_.push_back(
        at(run_name_pointer, "import.name",
           "run_name " + quote_for_message(run_name) + " cannot be a benchmark name: it " + name_problem(run_name)));
    return nullptr;
  }
  if (const auto [earlier, inserted] = run_name_of_.emplace(*name, run_name); !inserted) {
    problems_.push_back(at(run_name_pointer, "import.duplicate_name",
                           "run_name " + quote_for_message(run_name) + " and the earlier " +
                               quote_for_message(earlier->second) + " are both the benchmark name " +
                               quote_for_message(*name) + " ('/' becomes ':' in evidence names)"));
    return nullptr;
  }
  Benchmark benchmark;
  benchmark.run_name = run_name;
  benchmark.name = *name;
  benchmark.pointer = run_name_pointer;
  benchmark.family = family;
  benchmark.instance = instance;
  by_run_name_.emplace(run_name, benchmarks_.size());
  benchmarks_.push_back(std::move(benchmark));
  return &benchmarks_.back();
}

// The entry's time_unit, which every entry of one run_name must share.
bool Reader::time_unit(Benchmark& benchmark, const json& entry, const std::string& pointer) {
  const json* unit = member(document_, entry, pointer, "time_unit", JsonKind::string, true, entry_what, problems_);
  if (!unit) return false;
  const auto& text = unit->get_ref<const std::string&>();
  const std::string unit_pointer = append_pointer(pointer, "time_unit");
  if (!is_unit(text)) {
    problems_.push_back(
        at(unit_pointer, "import.not_format",
           "time_unit " + quote_for_message(text) + " is not a unit (Google Benchmark writes ns, us, ms or s)"));
    return false;
  }
  if (benchmark.time_unit.empty()) {
    benchmark.time_unit = text;
    benchmark.time_unit_pointer = unit_pointer;
  } else if (text != benchmark.time_unit) {
    problems_.push_back(at(unit_pointer, "import.mismatch",
                           "time_unit " + quote_for_message(text) + " of " + quote_for_message(benchmark.run_name) +
                               " differs from " + quote_for_message(benchmark.time_unit) + " of its entry at line " +
                               std::to_string(at(benchmark.time_unit_pointer, "", "").position.line) +
                               ": one metric cannot mix units"));
    return false;
  }
  return true;
}

BaseMetric* Reader::base_metric(Benchmark& benchmark, const std::string& key, const std::string& unit,
                                const std::string& better, bool counter, const std::string& pointer) {
  if (const auto found = benchmark.base_index.find(key); found != benchmark.base_index.end()) {
    return &benchmark.base[found->second];
  }
  const std::string key_pointer = append_pointer(pointer, key);
  const auto name = evidence_name(key);
  if (!name) {
    problems_.push_back(at(key_pointer, "import.name",
                           "counter " + quote_for_message(key) + " of " + quote_for_message(benchmark.run_name) +
                               " cannot be a metric name: it " + name_problem(key),
                           true));
    return nullptr;
  }
  if (counter && better == "lower" && key != "bytes_per_second" && key != "items_per_second" &&
      assumed_noted_.insert(key).second) {
    finding(key_pointer, "import.assumed_direction",
            "Google Benchmark records no direction for counter " + quote_for_message(key) +
                "; assumed lower is better (a counter whose name ends in \"_per_second\" is taken as higher is better)",
            Severity::note, true);
  }
  BaseMetric base;
  base.metric.name = *name;
  base.metric.unit = unit;
  base.metric.better = better;
  base.metric.pointer = key_pointer;
  benchmark.base_index.emplace(key, benchmark.base.size());
  benchmark.base.push_back(std::move(base));
  return &benchmark.base.back();
}

Metric* Reader::aggregate_metric(Benchmark& benchmark, const std::string& raw_name, const std::string& unit,
                                 const std::string& better, std::string description, const std::string& pointer,
                                 const std::string& aggregate_pointer) {
  const auto name = evidence_name(raw_name);
  if (!name) {
    problems_.push_back(at(aggregate_pointer, "import.name",
                           "aggregate metric " + quote_for_message(raw_name) + " of " +
                               quote_for_message(benchmark.run_name) + " cannot be a metric name: it " +
                               name_problem(raw_name)));
    return nullptr;
  }
  Metric metric;
  metric.name = *name;
  metric.unit = unit;
  metric.better = better;
  metric.description = std::move(description);
  metric.pointer = pointer;
  benchmark.aggregates.push_back(std::move(metric));
  return &benchmark.aggregates.back();
}

void Reader::read_entry(const json& entry, std::size_t index) {
  const std::string pointer = append_pointer("/benchmarks", index);
  if (!entry.is_object()) {
    problems_.push_back(at(
        pointer, "import.type",
        "entry " + std::to_string(index) + " of \"benchmarks\" is " + json_type_name(entry) + ", expected an object"));
    return;
  }
  const std::size_t errors_before = problems_.size();
  const json* run_name = member(document_, entry, pointer, "run_name", JsonKind::string, true, entry_what, problems_);
  const json* run_type = member(document_, entry, pointer, "run_type", JsonKind::string, true, entry_what, problems_);
  const json* threads = member(document_, entry, pointer, "threads", JsonKind::integer, false, entry_what, problems_);
  const json* error =
      member(document_, entry, pointer, "error_occurred", JsonKind::boolean, false, entry_what, problems_);
  const json* error_message =
      member(document_, entry, pointer, "error_message", JsonKind::string, false, entry_what, problems_);
  const json* skipped = member(document_, entry, pointer, "skipped", JsonKind::boolean, false, entry_what, problems_);
  const json* skip_message =
      member(document_, entry, pointer, "skip_message", JsonKind::string, false, entry_what, problems_);
  if (problems_.size() != errors_before) return;
  const auto& type = run_type->get_ref<const std::string&>();
  if (type != "iteration" && type != "aggregate") {
    problems_.push_back(at(append_pointer(pointer, "run_type"), "import.not_format",
                           "run_type " + quote_for_message(type) + " is neither \"iteration\" nor \"aggregate\""));
    return;
  }
  Benchmark* benchmark = benchmark_for(entry, pointer, run_name->get_ref<const std::string&>());
  if (!benchmark) return;
  if (threads && !benchmark->parameters.contains("threads"))
    benchmark->parameters["threads"] = evidence_number(*threads);

  const bool failed = error && error->get<bool>();
  if (failed || (skipped && skipped->get<bool>())) {
    const json* message = failed ? error_message : skip_message;
    const std::string what =
        type == "aggregate" ? "the " + entry.value("aggregate_name", std::string()) + " aggregate of " : std::string();
    finding(pointer, failed ? "import.benchmark_failed" : "import.benchmark_skipped",
            what + "benchmark " + quote_for_message(benchmark->run_name) + (failed ? " failed" : " was skipped") +
                (message ? ": " + quote_for_message(message->get_ref<const std::string&>(), 200) : std::string()) +
                "; its numbers are not measurements",
            Severity::warning);
    benchmark->failure_findings.push_back(imported_.findings.size() - 1);
    if (failed) imported_.failed = true;
    return;
  }
  if (type == "iteration") {
    read_iteration(*benchmark, entry, pointer);
  } else {
    read_aggregate(*benchmark, entry, pointer);
  }
}

void Reader::read_iteration(Benchmark& benchmark, const json& entry, const std::string& pointer) {
  const std::size_t errors_before = problems_.size();
  const bool unit_ok = time_unit(benchmark, entry, pointer);
  const json* label = member(document_, entry, pointer, "label", JsonKind::string, false, entry_what, problems_);
  const std::string sample_lost = "this entry gives " + quote_for_message(benchmark.run_name) + " no sample of it";
  const Reading real = number(entry, pointer, "real_time", true, sample_lost);
  const Reading cpu = number(entry, pointer, "cpu_time", true, sample_lost);
  if (!unit_ok || problems_.size() != errors_before) return;
  benchmark.has_usable_iteration = true;
  if (label && !benchmark.parameters.contains("label")) {
    const auto& text = label->get_ref<const std::string&>();
    if (count_code_points(text) <= parameter_value_max_code_points) {
      benchmark.parameters["label"] = text;
    } else {
      finding(append_pointer(pointer, "label"), "import.label",
              "the label of " + quote_for_message(benchmark.run_name) +
                  " is longer than the 1024 characters an evidence parameter may have; it is not kept",
              Severity::warning);
    }
  }
  const auto add = [&](const std::string& key, const std::string& unit, const std::string& better, bool counter,
                       Reading reading) {
    BaseMetric* base = base_metric(benchmark, key, unit, better, counter, pointer);
    if (base && reading == Reading::number) base->metric.samples.push_back(evidence_number(entry.at(key)));
  };
  add("real_time", benchmark.time_unit, "lower", false, real);
  add("cpu_time", benchmark.time_unit, "lower", false, cpu);
  for (const MeasuredKey& measured : measured_keys(entry)) {
    const Reading reading = number(entry, pointer, measured.key, false, sample_lost);
    if (reading != Reading::wrong) add(measured.key, measured.unit, measured.better, measured.counter, reading);
  }
}

std::string value_lost(const Aggregate& aggregate, const std::string& metric) {
  return quote_for_message(aggregate.benchmark.run_name) + " gets no " + quote_for_message(metric) + " value";
}

// Sets an aggregate metric's value from entry[key], unless the key is absent or not finite.
void Reader::keep(const Aggregate& aggregate, const std::string& key, Reading reading, const std::string& metric_name,
                  const std::string& unit, const std::string& better, std::string description) {
  if (reading == Reading::absent || reading == Reading::wrong) return;
  Metric* metric = aggregate_metric(aggregate.benchmark, metric_name, unit, better, std::move(description),
                                    append_pointer(aggregate.pointer, key), aggregate.name_pointer);
  if (metric && reading == Reading::number) metric->value = evidence_number(aggregate.entry.at(key));
}

// "BigO" and "RMS": the complexity fit over the family's instances, time = coefficient * f(N), f
// named by big_o, and its error. False after an error.
bool Reader::read_fit(const Aggregate& aggregate, std::size_t errors_before) {
  Benchmark& benchmark = aggregate.benchmark;
  const json& entry = aggregate.entry;
  const std::string& pointer = aggregate.pointer;
  if (aggregate.name == "RMS") {
    const Reading rms = number(entry, pointer, "rms", true, value_lost(aggregate, "rms"));
    if (problems_.size() != errors_before) return false;
    keep(aggregate, "rms", rms, "rms", "ratio", "lower",
         "normalised root-mean-square error of the complexity fit over the instances of " +
             quote_for_message(benchmark.run_name) + std::string(gb_computed));
    return true;
  }
  const bool unit_ok = time_unit(benchmark, entry, pointer);
  const json* big_o = member(document_, entry, pointer, "big_o", JsonKind::string, false, entry_what, problems_);
  const Reading real = number(entry, pointer, "real_coefficient", true, value_lost(aggregate, "real_time_coefficient"));
  const Reading cpu = number(entry, pointer, "cpu_coefficient", true, value_lost(aggregate, "cpu_time_coefficient"));
  if (!unit_ok || problems_.size() != errors_before) return false;
  const std::string fit = big_o ? big_o->get<std::string>() : std::string("f(N)");
  if (big_o && !benchmark.parameters.contains("big_o")) benchmark.parameters["big_o"] = fit;
  const std::string described = " of the " + fit + " complexity fit over the instances of " +
                                quote_for_message(benchmark.run_name) + " (time = coefficient * " + fit + ")" +
                                std::string(gb_computed);
  keep(aggregate, "real_coefficient", real, "real_time_coefficient", benchmark.time_unit, "lower",
       "real-time coefficient" + described);
  keep(aggregate, "cpu_coefficient", cpu, "cpu_time_coefficient", benchmark.time_unit, "lower",
       "CPU-time coefficient" + described);
  return true;
}

// A statistic over the repetitions ("mean", "median", "stddev", "cv", a user's) of real_time and
// cpu_time; a median is also kept as the base metrics' value. False after an error.
bool Reader::read_time_statistic(const Aggregate& aggregate, std::size_t errors_before) {
  Benchmark& benchmark = aggregate.benchmark;
  const std::string& name = aggregate.name;
  const bool unit_ok = time_unit(benchmark, aggregate.entry, aggregate.pointer);
  const Reading real =
      number(aggregate.entry, aggregate.pointer, "real_time", true, value_lost(aggregate, "real_time_" + name));
  const Reading cpu =
      number(aggregate.entry, aggregate.pointer, "cpu_time", true, value_lost(aggregate, "cpu_time_" + name));
  if (!unit_ok || problems_.size() != errors_before) return false;
  for (const auto& [key, reading] :
       {std::pair{std::string("real_time"), real}, std::pair{std::string("cpu_time"), cpu}}) {
    BaseMetric* base = base_metric(benchmark, key, benchmark.time_unit, "lower", false, aggregate.pointer);
    if (!base) continue;
    if (name == "median" && reading == Reading::number) {
      base->median = evidence_number(aggregate.entry.at(key));
      base->median_repetitions = aggregate.repetitions;
    }
    keep(aggregate, key, reading, key + "_" + name, aggregate.ratio ? "ratio" : benchmark.time_unit, "lower",
         statistic_description(name, aggregate.repetitions));
  }
  return true;
}

// The same statistic of each counter and other measured key of the entry.
void Reader::read_measured_statistics(const Aggregate& aggregate) {
  const std::string& name = aggregate.name;
  const bool spread = name == "stddev" || name == "cv";
  for (const MeasuredKey& measured : measured_keys(aggregate.entry)) {
    const std::string metric_name = measured.key + "_" + (name == "BigO" ? std::string("coefficient") : name);
    const Reading reading =
        number(aggregate.entry, aggregate.pointer, measured.key, false, value_lost(aggregate, metric_name));
    if (reading == Reading::wrong) continue;
    BaseMetric* base = base_metric(aggregate.benchmark, measured.key, measured.unit, measured.better, measured.counter,
                                   aggregate.pointer);
    if (!base) continue;
    if (name == "median" && reading == Reading::number) {
      base->median = evidence_number(aggregate.entry.at(measured.key));
      base->median_repetitions = aggregate.repetitions;
    }
    keep(aggregate, measured.key, reading, metric_name, aggregate.ratio ? "ratio" : measured.unit,
         spread ? "lower" : measured.better, statistic_description(name, aggregate.repetitions));
  }
}

void Reader::read_aggregate(Benchmark& benchmark, const json& entry, const std::string& pointer) {
  const std::size_t errors_before = problems_.size();
  const json* aggregate_name =
      member(document_, entry, pointer, "aggregate_name", JsonKind::string, true, entry_what, problems_);
  const json* aggregate_unit =
      member(document_, entry, pointer, "aggregate_unit", JsonKind::string, false, entry_what, problems_);
  const json* repetitions_member =
      member(document_, entry, pointer, "repetitions", JsonKind::integer, false, entry_what, problems_);
  if (problems_.size() != errors_before) return;
  const auto& name = aggregate_name->get_ref<const std::string&>();
  const std::string name_pointer = append_pointer(pointer, "aggregate_name");
  if (!benchmark.aggregate_names.insert(name).second) {
    problems_.push_back(at(name_pointer, "import.duplicate_name",
                           quote_for_message(benchmark.run_name) + " has a second " + quote_for_message(name) +
                               " aggregate: two benchmarks share this run_name; give each its own name with ->Name()"));
    return;
  }
  const Aggregate aggregate{benchmark,
                            entry,
                            pointer,
                            name,
                            name_pointer,
                            repetitions_member ? repetitions_member->dump() : std::string(),
                            aggregate_unit && aggregate_unit->get_ref<const std::string&>() == "percentage"};
  const bool read = name == "BigO" || name == "RMS" ? read_fit(aggregate, errors_before)
                                                    : read_time_statistic(aggregate, errors_before);
  if (read) read_measured_statistics(aggregate);
}

void Reader::finish() {
  for (const Benchmark& benchmark : benchmarks_) {
    ordered_json metrics = ordered_json::array();
    std::set<std::string> written;  // metric names
    const auto emit = [&](const Metric& metric, const ordered_json& samples, const ordered_json& value,
                          const std::string& description) {
      if (!written.insert(metric.name).second) {
        problems_.push_back(at(metric.pointer, "import.duplicate_name",
                               "metric " + quote_for_message(metric.name) + " of " +
                                   quote_for_message(benchmark.run_name) +
                                   " would be written twice (a counter and an aggregate, or two counters that differ "
                                   "only in '/' and ':'); rename the counter",
                               true));
        return;
      }
      ordered_json out{{"name", metric.name}, {"unit", metric.unit}, {"better", metric.better}};
      if (!description.empty()) out["description"] = description;
      if (!samples.empty()) out["samples"] = samples;
      if (!value.is_null()) out["value"] = value;
      metrics.push_back(std::move(out));
    };
    for (const BaseMetric& base : benchmark.base) {
      if (benchmark.has_usable_iteration) {
        if (!base.metric.samples.empty()) emit(base.metric, base.metric.samples, nullptr, "");
      } else if (!base.median.is_null()) {
        emit(base.metric, ordered_json::array(), base.median,
             statistic_description("median", base.median_repetitions) +
                 "; the file has aggregates only (--benchmark_report_aggregates_only), no per-repetition samples");
      }
    }
    for (const Metric& metric : benchmark.aggregates) {
      if (!metric.value.is_null()) emit(metric, ordered_json::array(), metric.value, metric.description);
    }
    if (metrics.empty()) {
      for (const std::size_t index : benchmark.failure_findings) {
        imported_.findings[index].message +=
            "; " + quote_for_message(benchmark.run_name) + " has no other measurement and is left out";
      }
      continue;
    }
    ordered_json out{{"name", benchmark.name}};
    if (!benchmark.parameters.empty()) out["parameters"] = benchmark.parameters;
    out["metrics"] = std::move(metrics);
    imported_.benchmarks.push_back(std::move(out));
  }
}

// Where the context says the run came from: its date, host name, executable and CPU count.
void Reader::read_run_origin(const json& context) {
  const std::string pointer = "/context";
  if (const json* date = context_member(context, "date", JsonKind::string)) {
    const auto& text = date->get_ref<const std::string&>();
    if (const auto utc = utc_timestamp(text, /*zone_required=*/true, /*keep_fraction=*/false)) {
      imported_.captured_at = *utc;
    } else {
      finding(pointer + "/date", "import.date",
              "date " + quote_for_message(text) +
                  " is not a date and time with a UTC offset (such as 2026-11-22T23:01:12+00:00); captured_at is not "
                  "taken from it",
              Severity::warning);
    }
  }
  if (const json* host_name = context_member(context, "host_name", JsonKind::string)) {
    const auto& text = host_name->get_ref<const std::string&>();
    if (fits_text_line(text, hostname_max_code_points)) {
      imported_.host["hostname"] = text;
    } else {
      finding(pointer + "/host_name", "import.host_fact_skipped",
              "host_name " + quote_for_message(text) +
                  " is not a host name evidence accepts (1 to 253 characters, no control characters, no space at "
                  "either end); host.hostname is not recorded",
              Severity::note);
    }
  }
  if (const json* executable = context_member(context, "executable", JsonKind::string)) {
    const auto& path = executable->get_ref<const std::string&>();
    const auto slash = path.find_last_of("/\\");
    if (const auto suite = evidence_name(slash == std::string::npos ? path : path.substr(slash + 1))) {
      imported_.suite = *suite;
    }
  }
  if (const json* cpus = context_member(context, "num_cpus", JsonKind::integer)) {
    if (cpus->is_number_unsigned() && cpus->get<std::uint64_t>() >= 1 && cpus->get<std::uint64_t>() <= 8192) {
      imported_.host["logical_cpus"] = cpus->get<std::uint64_t>();
    } else {
      finding(pointer + "/num_cpus", "import.host_fact_skipped",
              "num_cpus " + cpus->dump() +
                  " is not a CPU count evidence accepts (1 to 8192); host.logical_cpus is "
                  "not recorded",
              Severity::note);
    }
  }
}

// What the context says about the conditions of the run: frequency scaling, load, library build.
void Reader::read_run_conditions(const json& context) {
  const std::string pointer = "/context";
  if (const json* scaling = context_member(context, "cpu_scaling_enabled", JsonKind::boolean);
      scaling && scaling->get<bool>()) {
    finding(pointer + "/cpu_scaling_enabled", "import.cpu_scaling",
            "CPU frequency scaling was enabled while the benchmarks ran; timings may vary (set the governor to "
            "performance, or use `evident capture`)",
            Severity::warning);
  }
  if (const json* load = context_member(context, "load_avg", JsonKind::array)) {
    const bool triplet = load->size() == 3 && std::all_of(load->begin(), load->end(), [](const json& value) {
                           return value.is_number() && value.get<double>() >= 0 && value.get<double>() <= 1e6;
                         });
    if (triplet) {
      ordered_json readings = ordered_json::array();
      for (const json& value : *load) readings.push_back(evidence_number(value));
      // Google Benchmark reads the load once, before the first benchmark: it stands for both.
      imported_.host["load_avg"] = ordered_json{{"before", readings}, {"after", readings}};
    } else {
      finding(pointer + "/load_avg", "import.host_fact_skipped",
              "load_avg is not three load averages (Google Benchmark writes [] when it cannot read them); "
              "host.load_avg is not recorded",
              Severity::note);
    }
  }
  if (const json* build = context_member(context, "library_build_type", JsonKind::string);
      build && build->get_ref<const std::string&>() == "debug") {
    finding(pointer + "/library_build_type", "import.debug_build",
            "the Google Benchmark library was built for debugging (library_build_type \"debug\"): this is about the "
            "library, not your benchmark code, but its own overhead may be in the timings (Debian's libbenchmark "
            "always reports debug)",
            Severity::warning);
  }
  if (const json* version = context_member(context, "library_version", JsonKind::string)) {
    imported_.tool_version = version->get<std::string>();
  }
}

void Reader::read_context(const json& context) {
  read_run_origin(context);
  read_run_conditions(context);
  // The context as written, in its own member order.
  imported_.metadata["context"] = document_.ordered_value("/context").value_or(ordered_json::object());
}

}  // namespace

bool detect_googlebenchmark(std::string_view text) {
  if (!opens_json_object(text)) return false;
  return text.find("\"context\"") != std::string_view::npos && text.find("\"benchmarks\"") != std::string_view::npos &&
         (text.find("\"library_build_type\"") != std::string_view::npos ||
          text.find("\"run_name\"") != std::string_view::npos);
}

std::optional<Imported> import_googlebenchmark(const ImportSource& source, std::vector<Diagnostic>& problems) {
  if (empty_input(source,
                  "the file is empty: Google Benchmark writes --benchmark_out=FILE when the run ends; was it "
                  "interrupted?",
                  problems)) {
    return std::nullopt;
  }
  // Google Benchmark writes non-finite counters as bare NaN and Infinity.
  std::optional<JsonDocument> document = parse_import_json(source, problems, true);
  if (!document) return std::nullopt;
  Imported imported;
  imported.tool = "google-benchmark";
  Reader reader(*document, problems, imported);
  const std::size_t errors_before = problems.size();
  const json& root = document->value();
  if (!root.is_object() || !root.contains("context")) {
    Diagnostic problem = document->diagnostic_at(
        "", "import.not_format",
        root.is_object() ? "not Google Benchmark JSON: no \"context\" object at the top level "
                           "(--benchmark_out_format=json writes {\"context\": {...}, \"benchmarks\": [...]})"
                         : "not Google Benchmark JSON: the top level is " + json_type_name(root) +
                               ", expected an object with \"context\" and \"benchmarks\"");
    problem.hint = std::string(other_tool_hint);
    problems.push_back(std::move(problem));
    return std::nullopt;
  }
  const json* context =
      member(*document, root, "", "context", JsonKind::object, true, "Google Benchmark JSON", problems);
  const json* benchmarks =
      member(*document, root, "", "benchmarks", JsonKind::array, true, "Google Benchmark JSON", problems);
  if (benchmarks && benchmarks->empty()) {
    problems.push_back(document->diagnostic_at("/benchmarks", "import.empty",
                                               "Google Benchmark JSON with no benchmarks: \"benchmarks\" is empty "
                                               "(did --benchmark_filter match nothing?)"));
  }
  if (problems.size() != errors_before) return std::nullopt;
  reader.read_context(*context);
  for (std::size_t index = 0; index < benchmarks->size(); ++index) reader.read_entry((*benchmarks)[index], index);
  reader.finish();
  sort_diagnostics(imported.findings);
  const bool stopped = std::any_of(problems.begin() + static_cast<std::ptrdiff_t>(errors_before), problems.end(),
                                   [](const Diagnostic& problem) { return problem.severity == Severity::error; });
  if (stopped) return std::nullopt;
  return imported;
}

}  // namespace evident::io
