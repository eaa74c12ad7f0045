#pragma once
// Rolling evidence: per metric, statistics over the pooled samples of the last N runs of a
// history, and the verdicts that decide when a soft gate may graduate to a hard one. Runs are
// ordered by the instant of their captured_at (core/instant.h); a run that failed, or whose time is
// not a real instant, takes no place in the window; a metric whose runs mix units or directions,
// or that too few runs of a full window hold, is never judged OK.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/change_points.h"
#include "core/diagnostic.h"
#include "core/gate.h"
#include "core/gate_files.h"
#include "core/metric_pattern.h"
#include "core/statistics.h"

namespace evident {

struct RollingRun {
  std::string source;       // the evidence file
  std::string captured_at;  // RFC 3339 as recorded; its instant orders the history
  std::vector<MetricSeries> metrics;
  bool failed = false;      // the evidence's status is "failed"
  std::string commit = {};  // the suite's commit, when the evidence records it
};

struct RollingOptions {
  std::size_t window = 10;
  std::optional<double> max_cv_percent = std::nullopt;  // graduation: CV must be strictly below it (or 0)
  std::optional<double> max_median = std::nullopt;      // budget on the rolling median: <= passes
  // Per-metric bounds: the most specific budget of a metric gives its median bounds (min/max) and,
  // with max_cv, its CV bound; the two numbers above are for metrics no budget key selects.
  std::optional<Budgets> budgets = std::nullopt;
  std::vector<MetricPattern> metrics = {};  // the metrics to report; empty: all
  // Set: the change points of each metric over the whole history (core/change_points.h), from the
  // representative value of each run that holds it.
  std::optional<ChangePointOptions> change_points = std::nullopt;
};

struct WindowRun {
  std::string source;
  std::string captured_at;
};

// A change point of a metric's history, at the first run after the shift.
struct RollingChangePoint {
  ChangePoint point;  // its index is in the metric's series of runs
  std::string source;
  std::string captured_at;
  std::string commit;                      // empty when the run does not record one
  std::optional<std::size_t> trend_index;  // its place in the metric's trend; nothing before the window
  bool worse = false;                      // the shift goes in the metric's bad direction
};

// Why a metric was not aggregated: its unit or direction changed inside the window.
struct MixedMetric {
  std::string what;     // "unit" or "direction"
  std::string first;    // the unit or direction of its first run in the window
  std::string other;    // the different one
  std::string source;   // the file where the other one first appeared
  std::string pointer;  // of the metric in that file
};

struct RollingMetric {
  MetricId id;
  std::string unit;
  Better better = Better::lower;
  std::size_t runs = 0;              // runs of the window that have this metric
  Summary summary;                   // over the pooled samples (a run's value when it has no samples); empty when mixed
  std::optional<MixedMetric> mixed;  // set: not aggregated, fails
  bool insufficient = false;         // the history fills the window, but fewer of its runs hold the metric
  std::optional<double> max_cv;      // the CV bound that applies to it
  std::optional<double> median_min, median_max;  // the median bounds that apply to it
  std::string budget_unit;        // the budget's unit when it differs from the metric's (then median_ok is false)
  std::optional<bool> cv_ok;      // with a CV bound; false when the CV is undefined or the metric insufficient
  std::optional<bool> median_ok;  // with a median bound
  std::vector<double> trend;      // representative value of each window run that has it, oldest first
  // With change points asked for: the runs of its series (the history's runs that hold it, since the
  // last change of unit or direction), and its change points, oldest first.
  std::size_t series_runs = 0;
  std::vector<RollingChangePoint> change_points;
  bool judged() const { return max_cv || median_min || median_max; }
  // The newest segment of its history began inside the window with a shift in the bad direction.
  bool shifted_worse() const {
    return !change_points.empty() && change_points.back().worse && change_points.back().trend_index.has_value();
  }
  // Mixed always fails; insufficient fails whenever a bound would judge the metric.
  bool failed() const {
    return mixed || (insufficient && judged()) || cv_ok == false || median_ok == false || shifted_worse();
  }
};

struct RollingResult {
  std::vector<WindowRun> window_runs;           // the runs used, oldest first
  std::size_t history_runs = 0;                 // runs that could take a place in the window
  std::size_t failed_runs = 0;                  // runs left out because their status is "failed"
  std::size_t untimed_runs = 0;                 // runs left out because their captured_at is not a real instant
  std::vector<RollingMetric> metrics;           // ordered by metric id
  std::vector<std::string> unmatched_patterns;  // of options.metrics, those that selected no metric
  std::vector<Diagnostic> warnings;    // rolling.run_failed, rolling.bad_time, rolling.tied_time, rolling.metric_short
  std::size_t failed_metrics() const;  // metrics that failed plus unmatched patterns
};

// The last options.window usable runs by instant (ties by natural path order, warned about), oldest
// first.
RollingResult roll(std::vector<RollingRun> history, const RollingOptions& options);

// The verdict of a metric in one word: MIXED, INSUFFICIENT, OVER, SHIFTED (its newest change point
// is worse), OK, or "-" when nothing judges it.
std::string rolling_verdict(const RollingMetric& metric);

// The error of a metric whose window mixes units or directions: rolling.unit_mismatch or
// rolling.direction_mismatch, at the file and metric where the other one first appeared.
Diagnostic mixed_metric_diagnostic(const RollingMetric& metric, Severity severity);

// The finding of a metric whose newest change point is worse: rolling.change_point, at the first
// run after the shift.
Diagnostic change_point_diagnostic(const RollingMetric& metric, Severity severity);

// The failure of a --metric pattern (or a configured one) that selected no metric of the window:
// rolling.metric_unmatched, as a budget key that selects nothing fails the gate.
Diagnostic unmatched_pattern_diagnostic(const std::string& pattern, Severity severity);

}  // namespace evident
