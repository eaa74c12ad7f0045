// `evident import criterion-json`: the files Criterion.rs writes for each benchmark,
// target/criterion/<id>/new/{benchmark,estimates,sample}.json. sample.json holds the measured
// samples (iters[i] iterations took times[i] nanoseconds), estimates.json the statistics Criterion
// derived from them, benchmark.json the benchmark's id and throughput. Each benchmark gets a metric
// "time" whose samples are times[i] / iters[i] and whose value is the estimate the console prints
// (the slope, else the mean), and "thrpt" when a throughput is set; the three files are kept as
// written. docs/import.md ("Criterion.rs JSON files") describes every mapping and choice made here.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/json_pointer.h"
#include "core/text.h"
#include "io/files/input_files.h"
#include "io/import/importer.h"

namespace evident::io {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using nlohmann::ordered_json;

// The three files of one benchmark, read.
struct BenchmarkFiles {
  ImportSource sample, benchmark, estimates;
};

class Reader {
 public:
  Reader(std::vector<Diagnostic>& problems, Imported& imported) : problems_(problems), imported_(imported) {}

  // Adds the benchmark of files to the import; false after an error.
  bool read(const BenchmarkFiles& files);

 private:
  std::optional<ordered_json> samples(const JsonDocument& document);
  std::optional<double> estimate(const JsonDocument& document, std::string& which);
  std::optional<ordered_json> throughput(const JsonDocument& document, const json& info, const ordered_json& samples,
                                         double time);

  std::vector<Diagnostic>& problems_;
  Imported& imported_;
  std::set<std::string> names_;
};

// times[i] / iters[i] for every i: the nanoseconds of one iteration in each sample.
std::optional<ordered_json> Reader::samples(const JsonDocument& document) {
  const json& root = document.value();
  constexpr std::string_view what = "Criterion.rs's sample.json";
  const std::size_t before = problems_.size();
  const json* iters = member(document, root, "", "iters", JsonKind::array, true, what, problems_);
  const json* times = member(document, root, "", "times", JsonKind::array, true, what, problems_);
  if (problems_.size() != before) return std::nullopt;
  if (iters->size() != times->size() || iters->empty()) {
    problems_.push_back(document.diagnostic_at("/times", "import.mismatch",
                                               "sample.json has " + std::to_string(iters->size()) +
                                                   " iteration counts and " + std::to_string(times->size()) +
                                                   " times; Criterion writes one of each per sample, at least one"));
    return std::nullopt;
  }
  ordered_json result = ordered_json::array();
  for (std::size_t i = 0; i < times->size(); ++i) {
    const json& count = (*iters)[i];
    const json& time = (*times)[i];
    if (!count.is_number() || !(count.get<double>() >= 1) || !std::isfinite(count.get<double>())) {
      problems_.push_back(document.diagnostic_at(
          append_pointer("/iters", i), "import.value",
          "an iteration count of sample.json is " + count.dump() + ", expected a number of at least 1"));
      return std::nullopt;
    }
    if (!time.is_number() || !(time.get<double>() >= 0) || !std::isfinite(time.get<double>())) {
      problems_.push_back(document.diagnostic_at(
          append_pointer("/times", i), "import.value",
          "a time of sample.json is " + time.dump() + ", expected a finite number of nanoseconds, not negative"));
      return std::nullopt;
    }
    result.push_back(time.get<double>() / count.get<double>());
  }
  return result;
}

// The estimate the console prints as time: the slope's point estimate, else the mean's.
std::optional<double> Reader::estimate(const JsonDocument& document, std::string& which) {
  const json& root = document.value();
  constexpr std::string_view what = "Criterion.rs's estimates.json";
  if (!root.is_object()) {
    problems_.push_back(document.diagnostic_at(
        "", "import.type", "estimates.json holds " + json_type_name(root) + ", expected an object"));
    return std::nullopt;
  }
  const auto slope = root.find("slope");
  which = slope != root.end() && !slope->is_null() ? "slope" : "mean";
  const json* chosen = member(document, root, "", which, JsonKind::object, true, what, problems_);
  if (chosen == nullptr) return std::nullopt;
  const json* point = member(document, *chosen, "/" + which, "point_estimate", JsonKind::number, true,
                             "the " + which + " of estimates.json", problems_);
  if (point == nullptr) return std::nullopt;
  if (!std::isfinite(point->get<double>()) || point->get<double>() < 0) {
    problems_.push_back(document.diagnostic_at("/" + which + "/point_estimate", "import.value",
                                               "the " + which + " estimate is not a time (finite, not negative)"));
    return std::nullopt;
  }
  return point->get<double>();
}

// "thrpt" from benchmark.json's throughput ({"Bytes": N} or {"Elements": N}), per second.
std::optional<ordered_json> Reader::throughput(const JsonDocument& document, const json& info,
                                               const ordered_json& samples, double time) {
  const auto found = info.find("throughput");
  if (found == info.end() || found->is_null()) return ordered_json();
  const json* amount = nullptr;
  std::string unit;
  if (found->is_object() && found->size() == 1 && (found->contains("Bytes") || found->contains("Elements"))) {
    unit = found->contains("Bytes") ? "B/s" : "elem/s";
    amount = &found->begin().value();
  }
  if (amount == nullptr || !amount->is_number_unsigned()) {
    problems_.push_back(document.diagnostic_at("/throughput", "import.type",
                                               "the throughput of benchmark.json is " + found->dump() +
                                                   ", expected {\"Bytes\": N} or {\"Elements\": N} with N a whole "
                                                   "number"));
    return std::nullopt;
  }
  const auto per = amount->get<double>();
  ordered_json rates = ordered_json::array();
  for (const auto& sample : samples) {
    if (sample.get<double>() > 0) rates.push_back(per * 1e9 / sample.get<double>());
  }
  ordered_json metric{{"name", "thrpt"}, {"unit", unit}, {"better", "higher"}};
  metric["description"] = "the throughput of each sample (" + amount->dump() +
                          (unit == "B/s" ? " bytes" : " elements") +
                          " per iteration); value from the time estimate, as Criterion.rs prints it";
  if (rates.size() == samples.size()) metric["samples"] = std::move(rates);
  if (time <= 0) return ordered_json();
  metric["value"] = per * 1e9 / time;
  return metric;
}

bool Reader::read(const BenchmarkFiles& files) {
  const std::size_t before = problems_.size();
  std::optional<JsonDocument> sample = parse_import_json(files.sample, problems_);
  std::optional<JsonDocument> benchmark = parse_import_json(files.benchmark, problems_);
  std::optional<JsonDocument> estimates = parse_import_json(files.estimates, problems_);
  if (!sample || !benchmark || !estimates) return false;
  if (!sample->value().is_object()) {
    problems_.push_back(not_format_problem(*sample, "not Criterion.rs's sample.json: the top level is " +
                                                        json_type_name(sample->value()) + ", expected an object"));
    return false;
  }
  const json& info = benchmark->value();
  const json* full_id =
      member(*benchmark, info, "", "full_id", JsonKind::string, true, "Criterion.rs's benchmark.json", problems_);
  if (problems_.size() != before) return false;
  const std::string& id = full_id->get_ref<const std::string&>();
  const auto name = evidence_name(id);
  if (!name) {
    problems_.push_back(benchmark->diagnostic_at("/full_id", "import.name",
                                                 "the benchmark id " + quote_for_message(id, 60) +
                                                     " cannot be an evidence name (1 to 200 characters without "
                                                     "control characters)"));
    return false;
  }
  if (!names_.insert(*name).second) {
    problems_.push_back(benchmark->diagnostic_at("/full_id", "import.duplicate_name",
                                                 "the benchmark " + quote_for_message(*name) + " appears twice"));
    return false;
  }
  auto per_iteration = samples(*sample);
  std::string which;
  const auto time = estimate(*estimates, which);
  if (!per_iteration || !time) return false;
  auto rate = throughput(*benchmark, info, *per_iteration, *time);
  if (!rate) return false;
  ordered_json metrics = ordered_json::array();
  metrics.push_back({{"name", "time"},
                     {"unit", "ns"},
                     {"better", "lower"},
                     {"description",
                      "nanoseconds per iteration of each sample (times[i] / iters[i] of sample.json); "
                      "value is Criterion.rs's " +
                          which + " estimate, the middle of the console's time: [...]"},
                     {"samples", std::move(*per_iteration)},
                     {"value", *time}});
  if (!rate->is_null()) metrics.push_back(std::move(*rate));
  imported_.benchmarks.push_back({{"name", *name}, {"metrics", std::move(metrics)}});
  imported_.metadata["benchmarks"].push_back({{"directory", fs::path(files.sample.path).parent_path().string()},
                                              {"benchmark", benchmark->ordered_value("").value_or(ordered_json())},
                                              {"estimates", estimates->ordered_value("").value_or(ordered_json())},
                                              {"sample", sample->ordered_value("").value_or(ordered_json())}});
  return true;
}

// The file name beside sample_path, read; nothing with a diagnostic when it cannot be.
std::optional<ImportSource> beside(const ImportSource& sample, std::string_view name, std::uintmax_t max_bytes,
                                   std::vector<Diagnostic>& problems) {
  const fs::path path = fs::path(sample.path).parent_path() / name;
  std::vector<Diagnostic> read_problems;
  std::optional<std::string> text = read_text_file(path.string(), max_bytes, read_problems);
  if (!text) {
    problems.push_back(text_problem(
        sample, 0, "import.missing",
        "Criterion.rs writes " + std::string(name) + " beside sample.json, and " + path.string() +
            " cannot be read: " + (read_problems.empty() ? std::string("?") : read_problems.front().message)));
    return std::nullopt;
  }
  return ImportSource{path.string(), std::move(*text), sample.limits};
}

bool read_beside(Reader& reader, const ImportSource& sample, std::uintmax_t max_bytes,
                 std::vector<Diagnostic>& problems) {
  // The sample first: a file that is not one says so before anything is looked for beside it.
  std::vector<Diagnostic> sample_problems;
  const auto parsed = parse_import_json(sample, sample_problems);
  if (!parsed || !parsed->value().is_object()) {
    if (parsed) {
      sample_problems.push_back(not_format_problem(*parsed, "not Criterion.rs's sample.json: the top level is " +
                                                                json_type_name(parsed->value()) +
                                                                ", expected an object"));
    }
    problems.insert(problems.end(), sample_problems.begin(), sample_problems.end());
    return false;
  }
  auto benchmark = beside(sample, "benchmark.json", max_bytes, problems);
  auto estimates = beside(sample, "estimates.json", max_bytes, problems);
  if (!benchmark || !estimates) return false;
  return reader.read(BenchmarkFiles{sample, std::move(*benchmark), std::move(*estimates)});
}

constexpr std::uintmax_t default_max_bytes = std::uintmax_t{16} << 20;  // as --max-file-bytes

}  // namespace

bool detect_criterion_json(std::string_view text) {
  return opens_json_object(text) && has_json_member(text, "\"iters\"", '[') && has_json_member(text, "\"times\"", '[');
}

std::optional<Imported> import_criterion_json(const ImportSource& source, std::vector<Diagnostic>& problems) {
  if (empty_input(source, "the file is empty; expected Criterion.rs's sample.json", problems)) return std::nullopt;
  Imported imported;
  imported.tool = "criterion";
  imported.metadata["benchmarks"] = ordered_json::array();
  Reader reader(problems, imported);
  if (!read_beside(reader, source, default_max_bytes, problems)) return std::nullopt;
  return imported;
}

std::optional<Imported> import_criterion_directory(const std::string& directory, const JsonLimits& limits,
                                                   std::uintmax_t max_bytes, std::vector<Diagnostic>& problems) {
  CollectedFiles found = collect_input_files({directory}, {"sample.json"});
  std::vector<std::string> samples;
  for (const std::string& file : found.files) {
    const fs::path path(file);
    if (path.filename() == "sample.json" && path.parent_path().filename() == "new") samples.push_back(file);
  }
  if (samples.empty()) {
    problems.push_back(file_problem(directory, "import.not_format",
                                    "no Criterion.rs results under this directory: Criterion writes "
                                    "target/criterion/<id>/new/sample.json for each benchmark",
                                    false));
    problems.back().hint = "run cargo bench, then import target/criterion";
    return std::nullopt;
  }
  Imported imported;
  imported.tool = "criterion";
  imported.metadata["benchmarks"] = ordered_json::array();
  Reader reader(problems, imported);
  for (const std::string& file : samples) {
    std::vector<Diagnostic> read_problems;
    std::optional<std::string> text = read_text_file(file, max_bytes, read_problems);
    if (!text) {
      problems.insert(problems.end(), read_problems.begin(), read_problems.end());
      return std::nullopt;
    }
    const ImportSource sample{file, std::move(*text), limits};
    if (empty_input(sample, "the file is empty; expected Criterion.rs's sample.json", problems)) return std::nullopt;
    if (!read_beside(reader, sample, max_bytes, problems)) return std::nullopt;
  }
  return imported;
}

}  // namespace evident::io
