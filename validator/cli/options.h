#pragma once
// CLI11 parsing shared by every command: help goes to stdout with exit 0, a bad flag to stderr
// with exit 2.
#include <cstdint>
#include <map>
#include <optional>
#include <ostream>
#include <set>
#include <string_view>
#include <type_traits>
#include <utility>

#include <CLI/CLI.hpp>

#include "cli/command.h"
#include "core/gate.h"
#include "core/metric_pattern.h"
#include "core/policy.h"
#include "host/host_root.h"
#include "io/files/input_files.h"
#include "io/output/diagnostic_render.h"
#include "io/schema/document_validation.h"
#include "io/schema/kind_loader.h"

namespace evident::cli {

// Parses the invocation; returns the exit code to stop with, or nothing to go on.
std::optional<ExitCode> parse_options(CLI::App& app, const Invocation& invocation);

// --runner-label LABEL, one label per occurrence (repeat the flag for more); a comma-separated list,
// as GitHub's runner registration takes, is refused with the repeated flags to use instead.
void add_runner_label_option(CLI::App& app, std::vector<std::string>& labels);

// Now, in seconds since the epoch; SOURCE_DATE_EPOCH (the reproducible-builds convention) stands in
// for the clock when set, so a snapshot can be remade byte for byte. A value that is not a
// non-negative integer is a UsageError.
std::int64_t now_or_source_date_epoch(const Invocation& invocation);

// A duration such as 600, 90s, 10m, 2h or 1d, in seconds; nothing for anything else.
std::optional<std::int64_t> parse_duration(std::string_view text);

// --record-command-lines (capture, doctor): other processes' command lines beside their names.
void add_record_command_lines_option(CLI::App& app, bool& record);

// The limits every command that reads JSON shares: --max-file-size, --max-depth, --max-string-length.
struct InputLimitOptions {
  std::uintmax_t max_file_bytes = std::uintmax_t{16} << 20;
  std::size_t max_depth = 128;
  std::size_t max_string_bytes = 65536;
};
void add_input_limit_options(CLI::App& app, InputLimitOptions& limits);

// What every command that reads evidence files takes: PATH..., --format text|json, --jobs and the
// input limits.
struct FileInputOptions {
  std::vector<std::string> paths;
  std::string format = "text";
  InputLimitOptions limits;
  unsigned jobs = io::default_jobs();
};
void add_file_input_options(CLI::App& app, FileInputOptions& options, const std::string& paths_help);

// The *.json files the paths name (directories walked); finding none is a diagnostic of its own
// that ends the command with exit 2.
io::CollectedFiles collect_json_inputs(const std::vector<std::string>& paths);

// io.nothing_to_validate ("no *.csv files found in the paths given", exit 2), for a command that
// found no input; not added when diagnostics already stop the command (a named path is missing).
void add_nothing_found(std::vector<Diagnostic>& diagnostics, std::string_view pattern);

// The validation options those limits give, with jobs workers.
io::ValidationOptions validation_options(const InputLimitOptions& limits, unsigned jobs);

// The policy of --policy FILE, or the built-in one when path is empty. A policy that cannot be
// loaded is a UsageError carrying its diagnostics (exit 2): nothing can be judged without it.
Policy policy_from_option(const std::string& path, const io::ValidationOptions& options);

// Loads a file of one evident kind (a configuration, a gate file) through its pure reader. An
// unusable one is a UsageError carrying its diagnostics (exit 2): nothing can be judged against it.
// `as` names what it was to be used as, for the message.
template <typename Result, typename Reader>
Result load_kind_file(const std::string& path, std::string_view kind, const io::ValidationOptions& options,
                      Reader reader, const std::string& as) {
  std::vector<Diagnostic> diagnostics;
  std::optional<Result> result;
  if (std::optional<io::FileValidation> file = io::load_kind(path, kind, options, diagnostics)) {
    std::vector<Diagnostic> problems;
    if (file->baseline) {  // only where options.numbers_in_place asked, which only a baseline's reader does
      if constexpr (std::is_same_v<Result, Baseline>) result = std::move(*file->baseline);
    } else {
      result = reader(file->document->value(), problems);
    }
    io::locate_problems(*file->document, problems, diagnostics);
  }
  if (!result || has_errors(diagnostics)) throw UsageError("cannot use " + path + " as " + as, diagnostics);
  return std::move(*result);  // a baseline holds every sample: not copied
}

// A gate file (baseline, tolerances, budgets), as load_kind_file: its reader's problems are located
// here, once (io::load_kind leaves them out of the validation).
template <typename Result, typename Reader>
Result load_gate_file(const std::string& path, std::string_view kind, const io::ValidationOptions& options,
                      Reader reader) {
  return load_kind_file<Result>(path, kind, options, reader, std::string(kind));
}

// Two keys equally specific for a metric: the first in byte order applies, and the user is told,
// since the file's author may have meant the other.
template <typename T>
void warn_about_ties(const std::vector<std::pair<MetricPattern, T>>& rules, const std::vector<MetricSeries>& metrics,
                     const std::string& file, std::vector<Diagnostic>& warnings) {
  std::set<std::string> seen;
  for (const MetricSeries& metric : metrics) {
    const std::optional<RuleChoice> choice = choose_rule(rules, metric.id);
    if (!choice || choice->tied_keys.empty() || !seen.insert(metric.id.text()).second) continue;
    std::string others;
    for (const std::string& key : choice->tied_keys) others += (others.empty() ? "\"" : ", \"") + key + "\"";
    Diagnostic warning;
    warning.severity = Severity::warning;
    warning.code = "gate.ambiguous_key";
    warning.file = file;
    warning.message = "keys \"" + rules[choice->index].first.text() + "\" and " + others +
                      " are equally specific for " + metric.id.text() + "; \"" + rules[choice->index].first.text() +
                      "\" applies (first in byte order)";
    warning.hint = "make one key more specific, or remove the other";
    warnings.push_back(std::move(warning));
  }
}

// A CPU the host does not have would only be judged from readings that all fail: a UsageError
// naming the CPUs it has.
void check_cpus_exist(const host::HostRoot& root, const std::vector<int>& cpus);

// "--cpus LIST" as CPU numbers; a UsageError for anything but a non-empty CPU list.
std::vector<int> cpus_from_option(const std::string& text);

}  // namespace evident::cli
