// evident rolling PATH... : statistics of each metric over the last N runs of a history, and the
// table that decides when a soft gate may graduate to a hard one.
#include <algorithm>
#include <cmath>
#include <ostream>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/options.h"
#include "cli/output.h"
#include "cli/rolling_history.h"
#include "core/rolling.h"
#include "core/text.h"
#include "io/output/diagnostic_render.h"
#include "io/output/gate_json.h"

namespace evident::cli {
namespace {

using nlohmann::ordered_json;

// A statistic the sample cannot define (the stdev of one sample) is NaN: shown as "-", never "nan".
std::string number(double value) { return std::isnan(value) ? "-" : format_number(value); }

std::string cv_verdict(const RollingMetric& metric) {
  if (metric.mixed) return "MIXED";
  if (!metric.max_cv) return "-";
  if (metric.insufficient) return "INSUFFICIENT";
  if (metric.cv_ok == true) {
    // No spread passes any bound, 0 included, where "<0%" would read as a contradiction.
    return *metric.max_cv == 0 ? "OK (no spread)" : "OK (<" + number(*metric.max_cv) + "%)";
  }
  return metric.summary.cv_percent ? "OVER" : "UNDEFINED";
}

std::string median_verdict(const RollingMetric& metric) {
  if (metric.mixed) return "MIXED";
  if (!metric.median_ok) return "-";
  if (metric.insufficient) return "INSUFFICIENT";
  if (!metric.budget_unit.empty()) return "UNIT " + metric.budget_unit;
  const std::string bounds = metric.median_min && metric.median_max
                                 ? number(*metric.median_min) + " .. " + number(*metric.median_max)
                             : metric.median_max ? "<= " + number(*metric.median_max)
                                                 : ">= " + number(*metric.median_min);
  if (*metric.median_ok) return bounds;
  if (metric.median_min && metric.median_max) return "OUTSIDE " + bounds;
  return metric.median_max ? "OVER " + number(*metric.median_max) : "UNDER " + number(*metric.median_min);
}

// "window: 10 runs, first (captured_at) .. last (captured_at)".
std::string window_line(const RollingResult& result) {
  std::string line = "window: " + count_of(result.window_runs.size(), "run");
  if (result.window_runs.empty()) return line + "\n";
  const WindowRun& first = result.window_runs.front();
  const WindowRun& last = result.window_runs.back();
  line += ", " + first.source + " (" + first.captured_at + ")";
  if (result.window_runs.size() > 1) line += " .. " + last.source + " (" + last.captured_at + ")";
  return line + "\n";
}

// Each metric whose window mixes units or directions, and each --metric pattern that matched
// nothing: failures under hard enforcement, warnings under soft.
std::vector<Diagnostic> rolling_errors(const RollingResult& result, Severity severity) {
  std::vector<Diagnostic> errors;
  for (const RollingMetric& metric : result.metrics) {
    if (metric.mixed) errors.push_back(mixed_metric_diagnostic(metric, severity));
  }
  for (const std::string& pattern : result.unmatched_patterns)
    errors.push_back(unmatched_pattern_diagnostic(pattern, severity));
  return errors;
}

}  // namespace

ExitCode run_rolling(const Invocation& invocation) {
  CLI::App app{
      "Per metric over the last --window runs of a history (ordered by the instant of captured_at): n, mean, sample\n"
      "stdev, CV%, median, min, max of the pooled samples; --max-cv gives the graduation verdict.",
      "evident rolling"};
  FileInputOptions input;
  RollingOptions options;
  std::optional<double> max_cv, max_median;
  std::string enforce = "hard", budgets_path;
  std::vector<std::string> patterns;
  add_file_input_options(app, input, "evidence files or directories of the history");
  app.add_option("--window", options.window, "runs to consider, the newest ones")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  app.add_option("--max-cv", max_cv, "graduation bound: CV% strictly below it is OK, else OVER")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--max-median", max_median,
                 "budget on the rolling median (<= passes), for metrics --budgets does not cover");
  app.add_option("--budgets", budgets_path,
                 "per-metric bounds (evident/budgets/1): min/max on the rolling median, max_cv on the CV");
  app.add_option("--metric", patterns, "only the metrics this key selects (as in a budgets file); repeatable");
  app.add_option("--enforce", enforce,
                 "hard: a metric that is not OK (OVER, INSUFFICIENT, MIXED) fails (exit 1); soft: reported, exit 0")
      ->check(CLI::IsMember({"soft", "hard"}))
      ->capture_default_str();
  if (const std::optional<ExitCode> stop = parse_options(app, invocation)) return *stop;
  options.max_cv_percent = max_cv;
  options.max_median = max_median;
  options.metrics = metric_patterns(patterns);
  const io::ValidationOptions validation = validation_options(input.limits, input.jobs);
  if (!budgets_path.empty()) {
    options.budgets = load_gate_file<Budgets>(budgets_path, "budgets", validation, budgets_from_json);
  }

  io::CollectedFiles collected = collect_json_inputs(input.paths);
  std::vector<Diagnostic> notes = std::move(collected.diagnostics);
  if (exit_code_for(notes) == ExitCode::cannot_run) {
    throw UsageError("the history is empty or missing", notes);
  }
  RollingHistory history = read_history(collected, validation);
  const std::size_t skipped = history.skipped;
  notes.insert(notes.end(), history.warnings.begin(), history.warnings.end());
  if (history.runs.empty()) {
    throw UsageError("the history holds no valid evidence file", notes);
  }
  const RollingResult result = roll(std::move(history.runs), options);
  const std::vector<Diagnostic> warnings = history.located_in_history(result.warnings);
  notes.insert(notes.end(), warnings.begin(), warnings.end());
  if (result.window_runs.empty()) {
    // Every valid file failed or has no real time: nothing to judge, which must not read as a pass.
    throw UsageError("the history holds no run that can be used (failed runs and untimed files take no place)", notes);
  }
  if (std::optional<Diagnostic> warning = short_history_warning(result, options.window, "")) {
    notes.push_back(std::move(*warning));
  }
  const std::vector<Diagnostic> errors =
      history.located_in_history(rolling_errors(result, enforce == "hard" ? Severity::error : Severity::warning));
  notes.insert(notes.end(), errors.begin(), errors.end());
  const std::size_t failed = result.failed_metrics();
  const bool any_cv = std::any_of(result.metrics.begin(), result.metrics.end(),
                                  [](const RollingMetric& m) { return m.max_cv.has_value(); });
  const bool any_median = std::any_of(result.metrics.begin(), result.metrics.end(),
                                      [](const RollingMetric& m) { return m.median_ok.has_value(); });

  if (input.format == "json") {
    ordered_json report;
    report["schema_version"] = "evident/rolling/1";
    report["window"] = options.window;
    report["history_runs"] = result.history_runs;
    ordered_json sources = ordered_json::array();
    for (const WindowRun& run : result.window_runs) sources.push_back(run.source);
    report["window_sources"] = std::move(sources);
    report["window_runs"] = io::rolling_window_json(result);
    report["skipped_files"] = skipped + result.untimed_runs;
    report["failed_runs"] = result.failed_runs;
    report["max_cv_percent"] = max_cv ? ordered_json(*max_cv) : nullptr;
    report["max_median"] = max_median ? ordered_json(*max_median) : nullptr;
    report["budgets"] = budgets_path.empty() ? ordered_json(nullptr) : ordered_json(budgets_path);
    report["metric_patterns"] = patterns;
    report["unmatched_patterns"] = result.unmatched_patterns;
    report["enforce"] = enforce;
    report["metrics"] = ordered_json::array();
    for (const RollingMetric& metric : result.metrics) report["metrics"].push_back(io::rolling_metric_json(metric));
    report["diagnostics"] = io::diagnostics_json(notes);
    report["passed"] = failed == 0;
    invocation.out << report.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else {
    print_diagnostics(invocation, notes);
    std::vector<std::vector<std::string>> rows{{"metric", "runs", "n", "mean", "stdev", "CV%", "median", "min", "max"}};
    if (any_cv) rows[0].push_back("graduation");
    if (any_median) rows[0].push_back("median budget");
    for (const RollingMetric& metric : result.metrics) {
      const Summary& s = metric.summary;
      std::vector<std::string> row{metric.id.text(), std::to_string(metric.runs)};
      if (metric.mixed) {
        row.insert(row.end(), {"-", "-", "-", "mixed " + metric.mixed->what + "s", "-", "-", "-"});
      } else {
        row.insert(row.end(), {std::to_string(s.n), number(s.mean), number(s.stdev),
                               s.cv_percent ? number(*s.cv_percent) : "undefined", number(s.median), number(s.min),
                               number(s.max)});
      }
      if (any_cv) row.push_back(cv_verdict(metric));
      if (any_median) row.push_back(median_verdict(metric));
      rows.push_back(std::move(row));
    }
    invocation.out << window_line(result);
    print_table(invocation.out, rows);
    invocation.out << count_of(result.window_runs.size(), "run") << " in the window of " << options.window << " ("
                   << result.history_runs << " in the history, " << skipped + result.untimed_runs << " skipped, "
                   << result.failed_runs << " failed), " << count_of(result.metrics.size(), "metric") << ", " << failed
                   << " not OK (" << enforce << ")\n";
  }
  return failed > 0 && enforce == "hard" ? ExitCode::check_failed : ExitCode::ok;
}

}  // namespace evident::cli
