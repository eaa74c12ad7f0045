// hyperfine's --export-json output as evidence: one benchmark per command, the wall time of each
// successful run as samples, hyperfine's user/system means as values, and each failed run (a
// non-zero or null exit code, kept with `hyperfine -i`) marking the evidence failed.
#include <algorithm>
#include <cstddef>
#include <cstdint>
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

constexpr std::string_view result_what = "a hyperfine result";
constexpr std::string_view name_hint = "name the command with `hyperfine -n NAME ...`";
constexpr std::string_view description_prefix = "hyperfine command: ";
constexpr std::size_t description_max_code_points = 1024;  // the schema's description_text

// Why a command cannot be a benchmark name (evidence_name refused it).
std::string name_problem(std::string_view command) {
  if (has_control_character(command)) return "has control characters (such as a newline or a tab)";
  if (command.find_first_not_of(' ') == std::string_view::npos) return "is empty";
  return "is longer than the 200 characters a benchmark name may have";
}

// Linux signal names for the exit codes 129..159 hyperfine reports for a signal death (128 + N).
std::string signal_name(int signal) {
  static const std::map<int, std::string_view> names{
      {1, "SIGHUP"},   {2, "SIGINT"},   {3, "SIGQUIT"},  {4, "SIGILL"},   {5, "SIGTRAP"},  {6, "SIGABRT"},
      {7, "SIGBUS"},   {8, "SIGFPE"},   {9, "SIGKILL"},  {10, "SIGUSR1"}, {11, "SIGSEGV"}, {12, "SIGUSR2"},
      {13, "SIGPIPE"}, {14, "SIGALRM"}, {15, "SIGTERM"}, {24, "SIGXCPU"}, {25, "SIGXFSZ"},
  };
  const auto found = names.find(signal);
  return found == names.end() ? "" : ", " + std::string(found->second);
}

// "3", "137 (likely signal 9, SIGKILL)", "null (no exit status recorded)".
std::string describe_exit_code(const json& code) {
  if (code.is_null()) return "null (no exit status recorded)";
  std::string text = code.dump();
  if (code.is_number_unsigned() && code.get<std::uint64_t>() >= 129 && code.get<std::uint64_t>() <= 159) {
    const int signal = static_cast<int>(code.get<std::uint64_t>() - 128);
    text += " (likely signal " + std::to_string(signal) + signal_name(signal) +
            ": hyperfine reports a signal death as 128+N)";
  }
  return text;
}

ordered_json metric(std::string_view name, std::string_view unit, std::string_view description) {
  return ordered_json{{"name", name}, {"unit", unit}, {"better", "lower"}, {"description", description}};
}

// The per-command fields read from one element of "results"; nothing on an error in problems.
struct Result {
  std::string pointer;
  const json* command = nullptr;
  const json* times = nullptr;
  const json* exit_codes = nullptr;
  const json* user = nullptr;
  const json* system = nullptr;
  const json* memory = nullptr;            // "memory_usage_byte", when present
  std::optional<ordered_json> parameters;  // the evidence parameters, when the result has any
};

// Reads one result; warnings about it (a parameter left out) go in findings.
std::optional<Result> read_result(const JsonDocument& document, const json& entry, std::string pointer,
                                  std::vector<Diagnostic>& problems, std::vector<Diagnostic>& findings) {
  if (!entry.is_object()) {
    problems.push_back(document.diagnostic_at(pointer, "import.type",
                                              "a hyperfine \"results\" entry is not an object; expected one object "
                                              "per benchmarked command"));
    return std::nullopt;
  }
  const std::size_t before = problems.size();
  Result result;
  result.pointer = pointer;
  result.command = member(document, entry, pointer, "command", JsonKind::string, true, result_what, problems);
  result.times = member(document, entry, pointer, "times", JsonKind::array, true, result_what, problems);
  result.exit_codes = member(document, entry, pointer, "exit_codes", JsonKind::array, true, result_what, problems);
  result.user = member(document, entry, pointer, "user", JsonKind::number, true, result_what, problems);
  result.system = member(document, entry, pointer, "system", JsonKind::number, true, result_what, problems);
  result.memory = member(document, entry, pointer, "memory_usage_byte", JsonKind::array, false, result_what, problems);
  const json* parameters =
      member(document, entry, pointer, "parameters", JsonKind::object, false, result_what, problems);
  if (problems.size() != before) return std::nullopt;

  const auto check_elements = [&](const json& array, std::string_view key, bool null_allowed, JsonKind kind) {
    for (std::size_t i = 0; i < array.size(); ++i) {
      const json& element = array[i];
      const bool ok = (null_allowed && element.is_null()) ||
                      (kind == JsonKind::integer ? element.is_number_integer() : element.is_number());
      if (ok) continue;
      const std::string expected =
          kind == JsonKind::integer ? (null_allowed ? "an integer or null" : "an integer") : "a number";
      problems.push_back(document.diagnostic_at(append_pointer(append_pointer(pointer, key), i), "import.type",
                                                "element " + std::to_string(i) + " of \"" + std::string(key) +
                                                    "\" of " + std::string(result_what) + " is not " + expected));
      return;
    }
  };
  check_elements(*result.times, "times", false, JsonKind::number);
  check_elements(*result.exit_codes, "exit_codes", true, JsonKind::integer);
  if (result.memory) check_elements(*result.memory, "memory_usage_byte", false, JsonKind::number);
  if (problems.size() != before) return std::nullopt;

  const std::size_t runs = result.times->size();
  if (runs == 0) {
    problems.push_back(document.diagnostic_at(append_pointer(pointer, "times"), "import.empty",
                                              "\"times\" of a hyperfine result is empty; hyperfine records one time "
                                              "per run and makes at least one run"));
    return std::nullopt;
  }
  const auto check_count = [&](const json& array, std::string_view key) {
    if (array.size() == runs) return;
    problems.push_back(document.diagnostic_at(append_pointer(pointer, key), "import.mismatch",
                                              "\"" + std::string(key) + "\" has " + std::to_string(array.size()) +
                                                  " entries but \"times\" has " + std::to_string(runs) +
                                                  "; hyperfine writes one per run"));
  };
  check_count(*result.exit_codes, "exit_codes");
  if (result.memory) check_count(*result.memory, "memory_usage_byte");

  if (parameters) {
    // hyperfine writes every value as a string (-P numbers included).
    const auto as_string = [&](const std::string& key, const json& value,
                               const std::string& value_pointer) -> std::optional<ordered_json> {
      if (value.is_string()) return ordered_json(value);
      problems.push_back(document.diagnostic_at(value_pointer, "import.type",
                                                "parameter " + quote_for_message(key) +
                                                    " of a hyperfine result is not a string; hyperfine writes "
                                                    "parameter values as strings"));
      return std::nullopt;
    };
    const ParameterOwner owner{result.command->get_ref<const std::string&>(), "parameter", "extensions.hyperfine"};
    result.parameters = evidence_parameters(document, *parameters, append_pointer(pointer, "parameters"), owner,
                                            as_string, problems, findings);
  }
  if (problems.size() != before) return std::nullopt;
  return result;
}

// The failures among a result's runs: one warning at the first failing exit code, and whether each
// run succeeded.
std::vector<bool> successful_runs(const JsonDocument& document, const Result& result, const std::string& name,
                                  std::vector<Diagnostic>& findings) {
  const json& codes = *result.exit_codes;
  std::vector<bool> succeeded(codes.size());
  std::optional<std::size_t> first_failure;
  std::vector<std::string> distinct;  // failing codes, in order of first appearance
  std::size_t failures = 0;
  for (std::size_t i = 0; i < codes.size(); ++i) {
    succeeded[i] = codes[i].is_number_integer() && codes[i] == 0;
    if (succeeded[i]) continue;
    ++failures;
    if (!first_failure) first_failure = i;
    const std::string described = describe_exit_code(codes[i]);
    if (std::find(distinct.begin(), distinct.end(), described) == distinct.end()) distinct.push_back(described);
  }
  if (!first_failure) return succeeded;

  std::string listed;
  for (std::size_t i = 0; i < distinct.size(); ++i) {
    if (i > 0) listed += i + 1 == distinct.size() ? " and " : ", ";
    listed += distinct[i];
  }
  const bool all_failed = failures == codes.size();
  std::string message = std::to_string(failures) + " of " + std::to_string(codes.size()) + " runs of " +
                        quote_for_message(name) + " failed with exit code" + (distinct.size() > 1 ? "s " : " ") +
                        listed + "; ";
  message += all_failed ? "no wall_time samples remain (user_time and sys_time are hyperfine's means over the "
                          "failed runs)"
                        : "their times are not samples (user_time and sys_time are hyperfine's means over all runs)";
  Diagnostic finding = document.diagnostic_at(
      append_pointer(append_pointer(result.pointer, "exit_codes"), *first_failure), "import.run_failed", message);
  finding.severity = Severity::warning;
  findings.push_back(std::move(finding));
  return succeeded;
}

// The stats hyperfine computed, kept verbatim in the metadata (the samples carry them in evidence),
// and the parameters (evidence may have had to leave some out).
ordered_json result_metadata(const json& entry) {
  ordered_json kept = ordered_json::object();
  for (const char* key : {"command", "mean", "stddev", "median", "min", "max", "exit_codes", "parameters"}) {
    const auto found = entry.find(key);
    if (found != entry.end()) kept[key] = ordered_json(*found);
  }
  return kept;
}

// The "results" array of a hyperfine export; nothing, with an error, when the file is not one or
// has no results.
const json* results_of(const JsonDocument& document, std::vector<Diagnostic>& problems) {
  const json& root = document.value();
  if (!root.is_object() || !root.contains("results")) {
    Diagnostic problem = document.diagnostic_at(
        "", "import.not_format",
        "not hyperfine JSON: no \"results\" array at the top level (hyperfine --export-json writes "
        "{\"results\": [...]}, one entry per command)");
    problem.hint = "for another tool's output, use `evident import auto FILE`";
    problems.push_back(std::move(problem));
    return nullptr;
  }
  const json* results = member(document, root, "", "results", JsonKind::array, true, "hyperfine JSON", problems);
  if (results != nullptr && results->empty()) {
    problems.push_back(
        document.diagnostic_at("/results", "import.empty", "hyperfine JSON with no results: \"results\" is empty"));
    return nullptr;
  }
  return results;
}

// The benchmark name of the command of result index; nothing, with an error, when the command
// cannot be one or an earlier result's has the same.
std::optional<std::string> benchmark_name(const JsonDocument& document, const std::string& command,
                                          const std::string& pointer, std::size_t index,
                                          std::map<std::string, std::size_t>& seen, std::vector<Diagnostic>& problems) {
  auto name = evidence_name(command);
  if (!name) {
    Diagnostic problem = document.diagnostic_at(
        append_pointer(pointer, "command"), "import.name",
        "command " + quote_for_message(command) + " cannot be a benchmark name: it " + name_problem(command));
    problem.hint = name_hint;
    problems.push_back(std::move(problem));
    return std::nullopt;
  }
  if (const auto [found, inserted] = seen.emplace(*name, index); !inserted) {
    Diagnostic problem = document.diagnostic_at(append_pointer(pointer, "command"), "import.duplicate_name",
                                                "command " + quote_for_message(command) + " gives the benchmark name " +
                                                    quote_for_message(*name) + ", already used by result " +
                                                    std::to_string(found->second) + "; benchmark names must be unique");
    problem.hint = std::string(name_hint) + " (with parameters, e.g. -n 'name {param}')";
    problems.push_back(std::move(problem));
    return std::nullopt;
  }
  return name;
}

// wall_time and max_rss from the successful runs, user_time and sys_time as hyperfine's means.
ordered_json result_metrics(const Result& result, const std::vector<bool>& succeeded) {
  const auto successful_samples = [&](const json& per_run) {
    ordered_json samples = ordered_json::array();
    for (std::size_t run = 0; run < per_run.size(); ++run) {
      if (succeeded[run]) samples.push_back(per_run[run].get<double>());
    }
    return samples;
  };
  ordered_json metrics = ordered_json::array();
  if (ordered_json wall = successful_samples(*result.times); !wall.empty()) {
    ordered_json wall_time = metric("wall_time", "s", "wall-clock time of each successful run, measured by hyperfine");
    wall_time["samples"] = std::move(wall);
    metrics.push_back(std::move(wall_time));
  }
  ordered_json user_time = metric("user_time", "s", "mean user CPU time per run, computed by hyperfine");
  user_time["value"] = result.user->get<double>();
  metrics.push_back(std::move(user_time));
  ordered_json sys_time = metric("sys_time", "s", "mean system CPU time per run, computed by hyperfine");
  sys_time["value"] = result.system->get<double>();
  metrics.push_back(std::move(sys_time));
  if (result.memory) {
    if (ordered_json rss = successful_samples(*result.memory); !rss.empty()) {
      ordered_json max_rss =
          metric("max_rss", "bytes", "peak resident set size of each successful run, measured by hyperfine");
      max_rss["samples"] = std::move(rss);
      metrics.push_back(std::move(max_rss));
    }
  }
  return metrics;
}

}  // namespace

bool detect_hyperfine(std::string_view text) {
  if (!opens_json_object(text)) return false;
  return has_json_member(text, "\"results\"", '[') && has_json_member(text, "\"command\"", '"') &&
         has_json_member(text, "\"times\"", '[');
}

std::optional<Imported> import_hyperfine(const ImportSource& source, std::vector<Diagnostic>& problems) {
  if (empty_input(source,
                  "file is empty: hyperfine leaves an empty export file when a command fails without -i "
                  "(--ignore-failure); rerun with -i to keep the failing runs",
                  problems)) {
    return std::nullopt;
  }
  auto document = parse_import_json(source, problems);
  if (!document) return std::nullopt;
  const json* results_member = results_of(*document, problems);
  if (!results_member) return std::nullopt;
  const json& results = *results_member;

  Imported imported;
  imported.tool = "hyperfine";
  imported.metadata["results"] = ordered_json::array();
  std::map<std::string, std::size_t> seen;  // evidence name -> index in results
  const std::size_t before = problems.size();
  for (std::size_t index = 0; index < results.size(); ++index) {
    const json& entry = results[index];
    const std::string pointer = append_pointer("/results", index);
    auto result = read_result(*document, entry, pointer, problems, imported.findings);
    if (!result) continue;
    const auto& command = result->command->get_ref<const std::string&>();
    const auto name = benchmark_name(*document, command, pointer, index, seen, problems);
    if (!name) continue;

    const std::vector<bool> succeeded = successful_runs(*document, *result, *name, imported.findings);
    const bool any_failed = std::find(succeeded.begin(), succeeded.end(), false) != succeeded.end();
    imported.failed = imported.failed || any_failed;
    ordered_json benchmark{
        {"name", *name},
        {"description", std::string(description_prefix) +
                            shorten(command, description_max_code_points - description_prefix.size() - 3)}};
    if (result->parameters && !result->parameters->empty()) benchmark["parameters"] = std::move(*result->parameters);
    benchmark["metrics"] = result_metrics(*result, succeeded);
    imported.benchmarks.push_back(std::move(benchmark));
    imported.metadata["results"].push_back(result_metadata(entry));
  }
  if (problems.size() != before) return std::nullopt;
  return imported;
}

}  // namespace evident::io
