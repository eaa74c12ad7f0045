#pragma once
// Rolling evidence: per metric, statistics over the pooled samples of the last N runs of a
// history, and the verdicts that decide when a soft gate may graduate to a hard one.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/gate.h"
#include "core/statistics.h"

namespace evident {

struct RollingRun {
  std::string source;       // the evidence file
  std::string captured_at;  // RFC 3339, orders the history
  std::vector<MetricSeries> metrics;
};

struct RollingOptions {
  std::size_t window = 10;
  std::optional<double> max_cv_percent;  // graduation: CV must be strictly below it
  std::optional<double> max_median;      // budget on the rolling median: <= passes
};

struct RollingMetric {
  MetricId id;
  std::string unit;
  std::size_t runs = 0;  // runs of the window that have this metric
  Summary summary;       // over the pooled samples (a run's value when it has no samples)
  std::optional<bool> cv_ok;      // with max_cv_percent; false when the CV is undefined (fail closed)
  std::optional<bool> median_ok;  // with max_median
  std::vector<double> trend;      // representative value of each window run that has it, oldest first
  bool failed() const { return cv_ok == false || median_ok == false; }
};

struct RollingResult {
  std::vector<std::string> window_sources;  // the runs used, oldest first
  std::size_t history_runs = 0;             // runs available
  std::vector<RollingMetric> metrics;       // ordered by metric id
};

// The last options.window runs by captured_at (ties by source path), oldest first.
RollingResult roll(std::vector<RollingRun> history, const RollingOptions& options);

}  // namespace evident
