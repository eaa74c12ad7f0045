#include "io/output/rolling_output.h"

#include <algorithm>
#include <cmath>

#include "core/text.h"
#include "io/output/diagnostic_render.h"
#include "io/output/gate_json.h"

namespace evident::io {
namespace {

using nlohmann::ordered_json;

// A statistic the sample cannot define (the stdev of one sample) is NaN: shown as "-", never "nan".
std::string number(double value) { return std::isnan(value) ? "-" : format_number(value); }

ordered_json nullable(const std::optional<double>& value) {
  return value ? ordered_json(*value) : ordered_json(nullptr);
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

std::vector<std::string> metric_row(const RollingMetric& metric, bool any_cv, bool any_median) {
  const Summary& s = metric.summary;
  std::vector<std::string> row{metric.id.text(), std::to_string(metric.runs)};
  if (metric.mixed) {
    row.insert(row.end(), {"-", "-", "-", "mixed " + metric.mixed->what + "s", "-", "-", "-"});
  } else {
    row.insert(row.end(),
               {std::to_string(s.n), number(s.mean), number(s.stdev),
                s.cv_percent ? number(*s.cv_percent) : "undefined", number(s.median), number(s.min), number(s.max)});
  }
  if (any_cv) row.push_back(cv_verdict_text(metric));
  if (any_median) row.push_back(median_verdict_text(metric));
  return row;
}

// The verdict columns appear only when some metric has a bound of their kind.
std::vector<std::vector<std::string>> metric_table(const RollingResult& result) {
  const bool any_cv = std::any_of(result.metrics.begin(), result.metrics.end(),
                                  [](const RollingMetric& m) { return m.max_cv.has_value(); });
  const bool any_median = std::any_of(result.metrics.begin(), result.metrics.end(),
                                      [](const RollingMetric& m) { return m.median_ok.has_value(); });
  std::vector<std::vector<std::string>> rows{{"metric", "runs", "n", "mean", "stdev", "CV%", "median", "min", "max"}};
  if (any_cv) rows[0].push_back("graduation");
  if (any_median) rows[0].push_back("median budget");
  for (const RollingMetric& metric : result.metrics) rows.push_back(metric_row(metric, any_cv, any_median));
  return rows;
}

// The change points of every metric, one row each, after a line that says how they were found.
void write_change_points(std::ostream& out, const RollingResult& result, const ChangePointOptions& options) {
  out << "change points (E-divisive means, p < " << number(options.max_p)
      << ", change >= " << number(options.min_change) << "%, windows of " << options.window << " runs): ";
  std::vector<std::vector<std::string>> rows{
      {"metric", "first run after", "captured_at", "commit", "before", "after", "change", "p", "shift"}};
  for (const RollingMetric& metric : result.metrics) {
    for (const RollingChangePoint& change : metric.change_points) {
      const ChangePoint& point = change.point;
      const bool newest = &change == &metric.change_points.back();
      rows.push_back({metric.id.text(), change.source, change.captured_at, change.commit.empty() ? "-" : change.commit,
                      number(point.mean_before), number(point.mean_after),
                      point.change_percent ? format_percent_change(*point.change_percent) : "-",
                      format_number(point.p, 2),
                      newest && metric.shifted_worse() ? "WORSE (newest)"
                      : change.worse                   ? "worse"
                                                       : "better"});
    }
  }
  if (rows.size() == 1) {
    out << "none\n";
    return;
  }
  out << count_of(rows.size() - 1, "change point") << "\n";
  write_table(out, rows);
}

}  // namespace

std::string cv_verdict_text(const RollingMetric& metric) {
  if (metric.mixed) return "MIXED";
  if (!metric.max_cv) return "-";
  if (metric.insufficient) return "INSUFFICIENT";
  if (metric.cv_ok == true) {
    // No spread passes any bound, 0 included, where "<0%" would read as a contradiction.
    return *metric.max_cv == 0 ? "OK (no spread)" : "OK (<" + number(*metric.max_cv) + "%)";
  }
  return metric.summary.cv_percent ? "OVER" : "UNDEFINED";
}

std::string median_verdict_text(const RollingMetric& metric) {
  if (metric.mixed) return "MIXED";
  if (!metric.median_ok) return "-";
  if (metric.insufficient) return "INSUFFICIENT";
  if (!metric.budget_unit.empty()) return "UNIT " + metric.budget_unit;
  std::string bounds = metric.median_min && metric.median_max
                           ? number(*metric.median_min) + " .. " + number(*metric.median_max)
                       : metric.median_max ? "<= " + number(*metric.median_max)
                                           : ">= " + number(*metric.median_min);
  if (*metric.median_ok) return bounds;
  if (metric.median_min && metric.median_max) return "OUTSIDE " + bounds;
  return metric.median_max ? "OVER " + number(*metric.median_max) : "UNDER " + number(*metric.median_min);
}

ordered_json rolling_report_json(const RollingReport& report) {
  const RollingConfig& config = report.config;
  const RollingResult& result = report.result;
  ordered_json json;
  json["schema_version"] = "evident/rolling/1";
  json["window"] = config.window;
  json["history_runs"] = result.history_runs;
  ordered_json sources = ordered_json::array();
  for (const WindowRun& run : result.window_runs) sources.push_back(run.source);
  json["window_sources"] = std::move(sources);
  json["window_runs"] = rolling_window_json(result);
  json["skipped_files"] = report.skipped_files;
  json["failed_runs"] = result.failed_runs;
  json["max_cv_percent"] = nullable(config.max_cv);
  json["max_median"] = nullable(config.max_median);
  json["budgets"] = config.budgets.empty() ? ordered_json(nullptr) : ordered_json(config.budgets);
  json["metric_patterns"] = config.metrics;
  json["unmatched_patterns"] = result.unmatched_patterns;
  json["enforce"] = enforcement_name(config.enforce);
  const std::optional<ChangePointOptions> change_points = change_point_options(config);
  if (change_points) json["change_points"] = change_point_options_json(*change_points);
  json["metrics"] = ordered_json::array();
  for (const RollingMetric& metric : result.metrics) {
    json["metrics"].push_back(rolling_metric_json(metric, change_points.has_value()));
  }
  json["diagnostics"] = diagnostics_json(report.notes);
  json["passed"] = report.passed();
  return json;
}

void render_rolling_text(std::ostream& out, const RollingReport& report, const DiagnosticSink& diagnostics) {
  const RollingResult& result = report.result;
  diagnostics(report.notes);
  out << window_line(result);
  write_table(out, metric_table(result));
  if (const std::optional<ChangePointOptions> options = change_point_options(report.config)) {
    write_change_points(out, result, *options);
  }
  out << count_of(result.window_runs.size(), "run") << " in the window of " << report.config.window << " ("
      << result.history_runs << " in the history, " << report.skipped_files << " skipped, " << result.failed_runs
      << " failed), " << count_of(result.metrics.size(), "metric") << ", " << report.failed_metrics() << " not OK ("
      << enforcement_name(report.config.enforce) << ")\n";
}

}  // namespace evident::io
