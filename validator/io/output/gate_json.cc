#include "io/output/gate_json.h"

#include <cmath>

namespace evident::io {
namespace {

using nlohmann::ordered_json;

ordered_json nullable(const std::optional<double>& value) {
  return value ? ordered_json(*value) : ordered_json(nullptr);
}

ordered_json finite_or_null(double value) { return std::isfinite(value) ? ordered_json(value) : ordered_json(nullptr); }

ordered_json interval(const std::optional<std::pair<double, double>>& ci) {
  return ci ? ordered_json::array({ci->first, ci->second}) : ordered_json(nullptr);
}

// The members every check ends with: its message, the fix, where the metric is, when that run was
// captured, and the enforcement of the entry that decided it when that entry set its own.
template <typename Check>
void add_message_and_place(ordered_json& entry, const Check& check) {
  entry["message"] = check.message;
  if (!check.hint.empty()) entry["hint"] = check.hint;
  if (!check.source.empty()) entry["source"] = check.source;
  if (!check.pointer.empty()) entry["pointer"] = check.pointer;
  if (!check.context.captured_at.empty()) entry["captured_at"] = check.context.captured_at;
  if (check.enforce) entry["enforce"] = enforcement_name(*check.enforce);
}

}  // namespace

ordered_json run_json(const std::string& source, const RunContext& context) {
  ordered_json parameters = ordered_json::object();
  for (const auto& [name, value] : context.parameters) parameters[name] = value;
  return {{"file", source},
          {"captured_at", context.captured_at.empty() ? ordered_json(nullptr) : ordered_json(context.captured_at)},
          {"host", context.host.empty() ? ordered_json(nullptr) : ordered_json(context.host)},
          {"parameters", std::move(parameters)}};
}

ordered_json regression_check_json(const RegressionCheck& check) {
  ordered_json entry;
  entry["metric"] = check.id.suite.empty() ? ordered_json(nullptr) : ordered_json(check.id.text());
  entry["unit"] = check.unit;
  entry["better"] = better_name(check.better);
  entry["status"] = check_status_name(check.status);
  entry["failed"] = check.failed;
  entry["baseline"] = nullable(check.baseline);
  entry["current"] = nullable(check.current);
  entry["change_percent"] = nullable(check.change_percent);
  entry["allowed"] = nullable(check.allowed);
  entry["p_value"] = nullable(check.p_value);
  entry["p_adjusted"] = nullable(check.adjusted_p);
  entry["family"] = check.family;
  entry["significance"] = check.significance;
  entry["baseline_n"] = check.baseline_n;
  entry["current_n"] = check.current_n;
  entry["baseline_ci95"] = interval(check.baseline_ci95);
  entry["current_ci95"] = interval(check.current_ci95);
  add_message_and_place(entry, check);
  return entry;
}

ordered_json budget_check_json(const BudgetCheck& check) {
  ordered_json entry;
  entry["metric"] = check.id.suite.empty() ? ordered_json(nullptr) : ordered_json(check.id.text());
  entry["key"] = check.key;
  entry["unit"] = check.unit;
  entry["stat"] = check.stat;
  entry["observed"] = nullable(check.observed);
  entry["min"] = nullable(check.min);
  entry["max"] = nullable(check.max);
  entry["no_budget"] = check.no_budget;
  entry["failed"] = check.failed;
  add_message_and_place(entry, check);
  return entry;
}

ordered_json rolling_metric_json(const RollingMetric& metric, bool change_points) {
  const Summary& s = metric.summary;
  ordered_json entry;
  entry["metric"] = metric.id.text();
  entry["unit"] = metric.unit;
  entry["better"] = better_name(metric.better);
  entry["runs"] = metric.runs;
  entry["n"] = s.n;
  entry["mean"] = finite_or_null(s.mean);
  entry["stdev"] = finite_or_null(s.stdev);
  entry["cv_percent"] = nullable(s.cv_percent);
  entry["median"] = finite_or_null(s.median);
  entry["min"] = finite_or_null(s.min);
  entry["max"] = finite_or_null(s.max);
  entry["ci95"] = interval(s.ci95);
  entry["cv_ok"] = metric.cv_ok ? ordered_json(*metric.cv_ok) : nullptr;
  entry["median_ok"] = metric.median_ok ? ordered_json(*metric.median_ok) : nullptr;
  entry["max_cv"] = nullable(metric.max_cv);
  entry["median_min"] = nullable(metric.median_min);
  entry["median_max"] = nullable(metric.median_max);
  entry["budget_unit"] = metric.budget_unit.empty() ? ordered_json(nullptr) : ordered_json(metric.budget_unit);
  entry["insufficient"] = metric.insufficient;
  if (metric.mixed) {
    entry["mixed"] = {{"what", metric.mixed->what},
                      {"first", metric.mixed->first},
                      {"other", metric.mixed->other},
                      {"source", metric.mixed->source},
                      {"pointer", metric.mixed->pointer}};
  } else {
    entry["mixed"] = nullptr;
  }
  entry["verdict"] = rolling_verdict(metric);
  entry["failed"] = metric.failed();
  entry["trend"] = metric.trend;
  if (change_points) {
    entry["series_runs"] = metric.series_runs;
    entry["change_points"] = ordered_json::array();
    for (const RollingChangePoint& change : metric.change_points) {
      const ChangePoint& point = change.point;
      entry["change_points"].push_back(
          {{"source", change.source},
           {"captured_at", change.captured_at},
           {"commit", change.commit.empty() ? ordered_json(nullptr) : ordered_json(change.commit)},
           {"index", point.index},
           {"trend_index", change.trend_index ? ordered_json(*change.trend_index) : ordered_json(nullptr)},
           {"mean_before", point.mean_before},
           {"mean_after", point.mean_after},
           {"change_percent", nullable(point.change_percent)},
           {"p", point.p},
           {"worse", change.worse}});
    }
  }
  return entry;
}

ordered_json change_point_options_json(const ChangePointOptions& options) {
  return {{"max_p", options.max_p}, {"min_change", options.min_change}, {"window", options.window}};
}

ordered_json rolling_window_json(const RollingResult& result) {
  ordered_json runs = ordered_json::array();
  for (const WindowRun& run : result.window_runs)
    runs.push_back({{"source", run.source}, {"captured_at", run.captured_at}});
  return runs;
}

}  // namespace evident::io
