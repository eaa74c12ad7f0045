// evident rolling PATH... : statistics of each metric over the last N runs of a history, and the
// table that decides when a soft gate may graduate to a hard one.
#include <ostream>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/options.h"
#include "cli/output.h"
#include "cli/rolling_history.h"
#include "core/rolling.h"
#include "core/rolling_report.h"
#include "io/output/rolling_output.h"

namespace evident::cli {
namespace {

// The request as the flags give it: the history's files, and the bounds in a RollingConfig (whose
// history stays empty: the files are the inputs).
struct RollingRequest {
  FileInputOptions input;
  RollingConfig config;
};

std::optional<ExitCode> parse_rolling_options(const Invocation& invocation, RollingRequest& request) {
  CLI::App app{
      "Per metric over the last --window runs of a history (ordered by the instant of captured_at): n, mean, sample\n"
      "stdev, CV%, median, min, max of the pooled samples; --max-cv gives the graduation verdict.",
      "evident rolling"};
  RollingConfig& config = request.config;
  std::string enforce = "hard";
  add_file_input_options(app, request.input, "evidence files or directories of the history");
  app.add_option("--window", config.window, "runs to consider, the newest ones")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  app.add_option("--max-cv", config.max_cv, "graduation bound: CV% strictly below it is OK, else OVER")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--max-median", config.max_median,
                 "budget on the rolling median (<= passes), for metrics --budgets does not cover");
  app.add_option("--budgets", config.budgets,
                 "per-metric bounds (evident/budgets/1): min/max on the rolling median, max_cv on the CV");
  app.add_option("--metric", config.metrics, "only the metrics this key selects (as in a budgets file); repeatable");
  app.add_option("--enforce", enforce,
                 "hard: a metric that is not OK (OVER, INSUFFICIENT, MIXED) fails (exit 1); soft: reported, exit 0")
      ->check(CLI::IsMember({"soft", "hard"}))
      ->capture_default_str();
  app.add_flag("--change-points", config.change_points,
               "find where each metric's level shifts in the history (E-divisive means, t-test); a shift to worse "
               "that starts the newest segment inside the window is a finding (rolling.change_point)");
  CLI::Option* max_p =
      app.add_option("--max-p", config.max_p, "change points: keep a point when its t-test p is below it")
          ->check(CLI::PositiveNumber)
          ->check(CLI::Range(0.0, 1.0))
          ->capture_default_str();
  CLI::Option* min_change =
      app.add_option("--min-change", config.min_change,
                     "change points: keep a point when its relative change, in percent, is at least this")
          ->check(CLI::NonNegativeNumber)
          ->capture_default_str();
  CLI::Option* cp_window = app.add_option("--cp-window", config.cp_window,
                                          "change points: runs per window of the search, windows sliding by half")
                               ->check(CLI::Range(4, 100000))
                               ->capture_default_str();
  if (const std::optional<ExitCode> stop = parse_options(app, invocation)) return stop;
  config.enforce = parse_enforcement(enforce).value_or(Enforcement::hard);
  for (const CLI::Option* option : {max_p, min_change, cp_window}) {
    if (option->count() > 0 && !config.change_points) {
      throw UsageError(option->get_name() + " is a parameter of change points: add --change-points, or leave it out");
    }
  }
  return std::nullopt;
}

RollingOptions rolling_options(const RollingConfig& config, const io::ValidationOptions& validation) {
  RollingOptions options;
  options.window = config.window;
  options.max_cv_percent = config.max_cv;
  options.max_median = config.max_median;
  options.metrics = metric_patterns(config.metrics);
  options.change_points = change_point_options(config);
  if (!config.budgets.empty()) {
    options.budgets = load_gate_file<Budgets>(config.budgets, "budgets", validation, budgets_from_json);
  }
  return options;
}

// Reads the history and rolls its window. A history without a usable run is a UsageError: nothing
// to judge must not read as a pass.
RollingReport roll_history(const RollingRequest& request, const io::ValidationOptions& validation) {
  RollingReport report;
  report.config = request.config;
  const RollingOptions options = rolling_options(request.config, validation);
  io::CollectedFiles collected = collect_json_inputs(request.input.paths);
  std::vector<Diagnostic>& notes = report.notes;
  notes = std::move(collected.diagnostics);
  if (exit_code_for(notes) == ExitCode::cannot_run) throw UsageError("the history is empty or missing", notes);
  RollingHistory history = read_history(collected, validation, options.window, options.change_points.has_value());
  notes.insert(notes.end(), history.warnings.begin(), history.warnings.end());
  if (history.runs.empty()) throw UsageError("the history holds no valid evidence file", notes);
  const std::size_t skipped = history.skipped;
  report.result = roll(std::move(history.runs), options);
  const std::vector<Diagnostic> warnings = history.located_in_history(report.result.warnings);
  notes.insert(notes.end(), warnings.begin(), warnings.end());
  if (report.result.window_runs.empty()) {
    // Every valid file failed or has no real time.
    throw UsageError("the history holds no run that can be used (failed runs and untimed files take no place)", notes);
  }
  report.skipped_files = skipped + report.result.untimed_runs;
  // The warning names the history as given: its one path, else the newest run of the window.
  const std::string history_file =
      request.input.paths.size() == 1 ? request.input.paths.front() : report.result.window_runs.back().source;
  if (std::optional<Diagnostic> warning = short_history_warning(report.result, options.window, history_file)) {
    notes.push_back(std::move(*warning));
  }
  const std::vector<Diagnostic> errors =
      history.located_in_history(rolling_errors(report.result, request.config.enforce));
  notes.insert(notes.end(), errors.begin(), errors.end());
  return report;
}

}  // namespace

ExitCode run_rolling(const Invocation& invocation) {
  RollingRequest request;
  if (const std::optional<ExitCode> stop = parse_rolling_options(invocation, request)) return *stop;
  const io::ValidationOptions validation = validation_options(request.input.limits, request.input.jobs);
  const RollingReport report = roll_history(request, validation);
  if (request.input.format == "json") {
    annotate_beside_json(invocation, report.notes);
    invocation.out << io::rolling_report_json(report).dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
                   << "\n";
  } else {
    io::render_rolling_text(invocation.out, report,
                            [&](const std::vector<Diagnostic>& notes) { print_diagnostics(invocation, notes); });
  }
  return report.enforced_failure() ? ExitCode::check_failed : ExitCode::ok;
}

}  // namespace evident::cli
