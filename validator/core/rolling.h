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
  bool failed = false;  // the evidence's status is "failed"
};

struct RollingOptions {
  std::size_t window = 10;
  std::optional<double> max_cv_percent = std::nullopt;  // graduation: CV must be strictly below it (or 0)
  std::optional<double> max_median = std::nullopt;      // budget on the rolling median: <= passes
  // Per-metric bounds: the most specific budget of a metric gives its median bounds (min/max) and,
  // with max_cv, its CV bound; the two numbers above are for metrics no budget key selects.
  std::optional<Budgets> budgets = std::nullopt;
  std::vector<MetricPattern> metrics = {};  // the metrics to report; empty: all
};

struct WindowRun {
  std::string source;
  std::string captured_at;
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
  bool judged() const { return max_cv || median_min || median_max; }
  // Mixed always fails; insufficient fails whenever a bound would judge the metric.
  bool failed() const { return mixed || (insufficient && judged()) || cv_ok == false || median_ok == false; }
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

// The verdict of a metric in one word: MIXED, INSUFFICIENT, OVER, OK, or "-" when nothing judges it.
std::string rolling_verdict(const RollingMetric& metric);

// The error of a metric whose window mixes units or directions: rolling.unit_mismatch or
// rolling.direction_mismatch, at the file and metric where the other one first appeared.
Diagnostic mixed_metric_diagnostic(const RollingMetric& metric, Severity severity);

// The failure of a --metric pattern (or a configured one) that selected no metric of the window:
// rolling.metric_unmatched, as a budget key that selects nothing fails the gate.
Diagnostic unmatched_pattern_diagnostic(const std::string& pattern, Severity severity);

}  // namespace evident
