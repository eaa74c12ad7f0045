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
#include "io/diagnostic_render.h"
#include "core/rolling.h"
#include "core/text.h"
#include "io/gate_json.h"

namespace evident::cli {
namespace {

using nlohmann::ordered_json;

std::string number(double value) { return format_number(value); }

std::string cv_verdict(const RollingMetric& metric, double max_cv) {
  if (!metric.summary.cv_percent) return "UNDEFINED";
  return *metric.cv_ok ? "OK (<" + number(max_cv) + "%)" : "OVER";
}

}  // namespace

ExitCode run_rolling(const Invocation& invocation) {
  CLI::App app{"Per metric over the last --window runs of a history (ordered by captured_at): n, mean, sample\n"
               "stdev, CV%, median, min, max of the pooled samples; --max-cv gives the graduation verdict.",
               "evident rolling"};
  FileInputOptions input;
  RollingOptions options;
  std::optional<double> max_cv, max_median;
  std::string enforce = "hard";
  add_file_input_options(app, input, "evidence files or directories of the history");
  app.add_option("--window", options.window, "runs to consider, the newest ones")->check(CLI::Range(1, 100000))->capture_default_str();
  app.add_option("--max-cv", max_cv, "graduation bound: CV% strictly below it is OK, else OVER")->check(CLI::NonNegativeNumber);
  app.add_option("--max-median", max_median, "budget on the rolling median (<= passes)");
  app.add_option("--enforce", enforce, "hard: an OVER fails (exit 1); soft: reported, exit 0")
      ->check(CLI::IsMember({"soft", "hard"}))
      ->capture_default_str();
  if (const std::optional<ExitCode> stop = parse_options(app, invocation)) return *stop;
  options.max_cv_percent = max_cv;
  options.max_median = max_median;

  io::CollectedFiles collected = collect_json_inputs(input.paths);
  std::vector<Diagnostic> notes = std::move(collected.diagnostics);
  if (exit_code_for(notes) == ExitCode::cannot_run) {
    print_diagnostics(invocation, notes);
    invocation.err << "evident: the history is empty or missing\n";
    return ExitCode::cannot_run;
  }
  RollingHistory history = read_history(collected.files, validation_options(input.limits, input.jobs));
  const std::size_t skipped = history.skipped;
  notes.insert(notes.end(), history.warnings.begin(), history.warnings.end());
  if (history.runs.empty()) {
    print_diagnostics(invocation, notes);
    invocation.err << "evident: the history holds no valid evidence file\n";
    return ExitCode::cannot_run;
  }
  const RollingResult result = roll(std::move(history.runs), options);
  if (std::optional<Diagnostic> warning = short_history_warning(result, options.window, "")) {
    notes.push_back(std::move(*warning));
  }
  std::size_t failed = 0;
  for (const RollingMetric& metric : result.metrics) failed += metric.failed() ? 1U : 0U;

  if (input.format == "json") {
    ordered_json report;
    report["schema_version"] = "evident/rolling/1";
    report["window"] = options.window;
    report["history_runs"] = result.history_runs;
    report["window_sources"] = result.window_sources;
    report["skipped_files"] = skipped;
    report["max_cv_percent"] = max_cv ? ordered_json(*max_cv) : nullptr;
    report["max_median"] = max_median ? ordered_json(*max_median) : nullptr;
    report["enforce"] = enforce;
    report["metrics"] = ordered_json::array();
    for (const RollingMetric& metric : result.metrics) report["metrics"].push_back(io::rolling_metric_json(metric));
    report["diagnostics"] = io::diagnostics_json(notes);
    report["passed"] = failed == 0;
    invocation.out << report.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else {
    print_diagnostics(invocation, notes);
    std::vector<std::vector<std::string>> rows{{"metric", "runs", "n", "mean", "stdev", "CV%", "median", "min", "max"}};
    if (max_cv) rows[0].push_back("graduation");
    if (max_median) rows[0].push_back("median budget");
    for (const RollingMetric& metric : result.metrics) {
      const Summary& s = metric.summary;
      std::vector<std::string> row{metric.id.text(), std::to_string(metric.runs), std::to_string(s.n), number(s.mean),
                                   number(s.stdev), s.cv_percent ? number(*s.cv_percent) : "undefined",
                                   number(s.median), number(s.min), number(s.max)};
      if (max_cv) row.push_back(cv_verdict(metric, *max_cv));
      if (max_median) row.push_back(*metric.median_ok ? "<= " + number(*max_median) : "OVER " + number(*max_median));
      rows.push_back(std::move(row));
    }
    print_table(invocation.out, rows);
    invocation.out << count_of(result.window_sources.size(), "run") << " in the window of " << options.window << " ("
                   << result.history_runs << " in the history, " << skipped << " skipped), "
                   << count_of(result.metrics.size(), "metric") << ", " << failed << " over (" << enforce << ")\n";
  }
  return failed > 0 && enforce == "hard" ? ExitCode::check_failed : ExitCode::ok;
}

}  // namespace evident::cli
