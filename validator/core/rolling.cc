#include "core/rolling.h"

#include <algorithm>
#include <map>

#include "core/instant.h"
#include "core/text.h"

namespace evident {
namespace {

Diagnostic warning(std::string code, std::string message, std::string file = {}) {
  Diagnostic diagnostic;
  diagnostic.severity = Severity::warning;
  diagnostic.code = std::move(code);
  diagnostic.message = std::move(message);
  diagnostic.file = std::move(file);
  return diagnostic;
}

std::string listed(const std::vector<std::string>& names) {
  std::string text;
  for (std::size_t i = 0; i < names.size(); ++i)
    text += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + names[i];
  return text;
}

// The runs that can take a place in the window, each with its instant; the others are said.
struct TimedRuns {
  std::vector<RollingRun> runs;
  std::vector<TimedPath> times;
};

TimedRuns usable_runs(std::vector<RollingRun> history, RollingResult& result) {
  TimedRuns usable;
  for (RollingRun& run : history) {
    if (run.failed) {
      ++result.failed_runs;
      result.warnings.push_back(
          warning("rolling.run_failed",
                  "skipped: the run failed (status \"failed\"): its numbers take no place in the window", run.source));
      continue;
    }
    const std::optional<Instant> instant = parse_rfc3339(run.captured_at);
    if (!instant) {
      ++result.untimed_runs;
      Diagnostic diagnostic =
          warning("rolling.bad_time",
                  "skipped: captured_at \"" + run.captured_at +
                      "\" is not a real RFC 3339 instant, so the run cannot be placed in the history",
                  run.source);
      diagnostic.pointer = "/captured_at";
      result.warnings.push_back(std::move(diagnostic));
      continue;
    }
    usable.times.push_back({run.source, *instant});
    usable.runs.push_back(std::move(run));
  }
  return usable;
}

struct Pool {
  RollingMetric metric;
  std::vector<double> samples;
};

void add_run(Pool& pool, const MetricSeries& series) {
  RollingMetric& metric = pool.metric;
  if (metric.runs == 0) {
    metric.id = series.id;
    metric.unit = series.unit;
    metric.better = series.better;
  } else if (!metric.mixed && series.unit != metric.unit) {
    metric.mixed = MixedMetric{"unit", metric.unit, series.unit, series.source, series.pointer};
  } else if (!metric.mixed && series.better != metric.better) {
    metric.mixed = MixedMetric{"direction", std::string(better_name(metric.better)),
                               std::string(better_name(series.better)), series.source, series.pointer};
  }
  ++metric.runs;
  if (!series.samples.empty()) {
    pool.samples.insert(pool.samples.end(), series.samples.begin(), series.samples.end());
  } else if (series.value) {
    pool.samples.push_back(*series.value);
  }
  if (const std::optional<double> point = representative(series.samples, series.value)) metric.trend.push_back(*point);
}

bool selected(const MetricId& id, const std::vector<MetricPattern>& patterns) {
  return patterns.empty() || std::any_of(patterns.begin(), patterns.end(),
                                         [&](const MetricPattern& pattern) { return pattern.matches(id); });
}

// The bounds of a metric: its budget's, else the one-number options.
void judge(RollingMetric& metric, const RollingOptions& options) {
  const Budget* budget = options.budgets ? options.budgets->for_metric(metric.id) : nullptr;
  if (budget) {
    metric.median_min = budget->min;
    metric.median_max = budget->max;
    metric.max_cv = budget->max_cv ? budget->max_cv : options.max_cv_percent;
    if (budget->unit && *budget->unit != metric.unit) metric.budget_unit = *budget->unit;
  } else {
    metric.median_max = options.max_median;
    metric.max_cv = options.max_cv_percent;
  }
  if (metric.mixed) return;
  const Summary& s = metric.summary;
  if (metric.max_cv) {
    // No spread at all (every sample equal) is stable under any bound, 0 included, whatever the
    // mean; this does not lean on summarise() to call such a CV 0.
    const bool no_spread = s.n >= 2 && s.min == s.max;
    const bool stable = no_spread || (s.cv_percent && *s.cv_percent < *metric.max_cv);
    metric.cv_ok = stable && !metric.insufficient;
  }
  if (metric.median_min || metric.median_max) {
    metric.median_ok = s.n > 0 && metric.budget_unit.empty() &&
                       (!metric.median_min || s.median >= *metric.median_min) &&
                       (!metric.median_max || s.median <= *metric.median_max);
  }
}

// A metric's series for change points: the representative value of each run of the history that
// holds it, oldest first, since its unit or direction last changed.
struct ChangeSeries {
  std::string unit;
  Better better = Better::lower;
  std::vector<double> values;
  std::vector<std::size_t> runs;  // the place of each value's run in the history's order
};

std::map<std::string, ChangeSeries> change_series(const TimedRuns& usable, const RunOrder& order,
                                                  const std::map<std::string, Pool>& pools) {
  std::map<std::string, ChangeSeries> all;
  for (std::size_t i = 0; i < order.order.size(); ++i) {
    for (const MetricSeries& series : usable.runs[order.order[i]].metrics) {
      const std::string id = series.id.text();
      if (!pools.contains(id)) continue;
      const std::optional<double> point = representative(series.samples, series.value);
      if (!point) continue;
      ChangeSeries& change = all[id];
      if (!change.values.empty() && (change.unit != series.unit || change.better != series.better)) change = {};
      change.unit = series.unit;
      change.better = series.better;
      change.values.push_back(*point);
      change.runs.push_back(i);
    }
  }
  return all;
}

void find_change_points(RollingMetric& metric, const ChangeSeries& series, const TimedRuns& usable,
                        const RunOrder& order, std::size_t first_in_window, const ChangePointOptions& options) {
  metric.series_runs = series.values.size();
  // The trend holds the window's runs of the series, in order: the last trend.size() of them.
  const std::size_t trend_start = series.values.size() - std::min(series.values.size(), metric.trend.size());
  for (const ChangePoint& point : change_points(series.values, options)) {
    const std::size_t place = series.runs[point.index];
    const RollingRun& run = usable.runs[order.order[place]];
    RollingChangePoint change{point, run.source, run.captured_at, run.commit, std::nullopt, false};
    if (place >= first_in_window && point.index >= trend_start) change.trend_index = point.index - trend_start;
    change.worse =
        series.better == Better::lower ? point.mean_after > point.mean_before : point.mean_after < point.mean_before;
    metric.change_points.push_back(std::move(change));
  }
}

}  // namespace

std::size_t RollingResult::failed_metrics() const {
  return unmatched_patterns.size() +
         static_cast<std::size_t>(
             std::count_if(metrics.begin(), metrics.end(), [](const RollingMetric& m) { return m.failed(); }));
}

RollingResult roll(std::vector<RollingRun> history, const RollingOptions& options) {
  RollingResult result;
  TimedRuns usable = usable_runs(std::move(history), result);
  const RunOrder order = order_runs(usable.times);
  result.history_runs = order.order.size();
  const std::size_t first = order.order.size() > options.window ? order.order.size() - options.window : 0;
  std::vector<bool> in_window(usable.runs.size(), false);
  for (std::size_t i = first; i < order.order.size(); ++i) in_window[order.order[i]] = true;
  for (const std::vector<std::size_t>& tie : order.ties) {
    if (std::none_of(tie.begin(), tie.end(), [&](std::size_t i) { return in_window[i]; })) continue;
    std::vector<std::string> names;
    names.reserve(tie.size());
    for (const std::size_t i : tie) names.push_back(usable.runs[i].source);
    result.warnings.push_back(
        warning("rolling.tied_time", listed(names) + " have the same captured_at instant (" +
                                         usable.runs[tie.front()].captured_at +
                                         "): they are ordered by file name, which may not be the order they ran in"));
  }

  std::map<std::string, Pool> pools;  // by metric id text
  for (std::size_t i = first; i < order.order.size(); ++i) {
    const RollingRun& run = usable.runs[order.order[i]];
    result.window_runs.push_back({run.source, run.captured_at});
    for (const MetricSeries& series : run.metrics) {
      if (selected(series.id, options.metrics)) add_run(pools[series.id.text()], series);
    }
  }
  for (const MetricPattern& pattern : options.metrics) {
    if (std::none_of(pools.begin(), pools.end(),
                     [&](const auto& entry) { return pattern.matches(entry.second.metric.id); })) {
      result.unmatched_patterns.push_back(pattern.text());
    }
  }
  const bool full_window = result.window_runs.size() >= options.window;
  const std::map<std::string, ChangeSeries> series =
      options.change_points ? change_series(usable, order, pools) : std::map<std::string, ChangeSeries>{};
  for (auto& [id, pool] : pools) {
    RollingMetric& metric = pool.metric;
    // A mixed metric is not aggregated: its summary is that of no samples (n 0, every number absent).
    metric.summary = summarise(metric.mixed ? std::vector<double>{} : pool.samples);
    if (full_window && metric.runs < options.window) {
      metric.insufficient = true;
      result.warnings.push_back(
          warning("rolling.metric_short", id + " is in " + std::to_string(metric.runs) + " of the " +
                                              std::to_string(options.window) +
                                              " runs of the window: it cannot graduate until every run holds it"));
    }
    judge(metric, options);
    if (options.change_points && !metric.mixed) {
      if (const auto found = series.find(id); found != series.end()) {
        find_change_points(metric, found->second, usable, order, first, *options.change_points);
      }
      if (metric.series_runs < 4) {
        result.warnings.push_back(warning(
            "rolling.change_points_short",
            id + " has " + count_of(metric.series_runs, "run") +
                " in its history: change points need at least 4 (two on each side of a shift), so none is looked for"));
      }
    }
    result.metrics.push_back(std::move(metric));
  }
  return result;
}

std::string rolling_verdict(const RollingMetric& metric) {
  if (metric.mixed) return "MIXED";
  if (metric.insufficient && metric.judged()) return "INSUFFICIENT";
  if (metric.cv_ok == false || metric.median_ok == false) return "OVER";
  if (metric.shifted_worse()) return "SHIFTED";
  return metric.judged() ? "OK" : "-";
}

Diagnostic mixed_metric_diagnostic(const RollingMetric& metric, Severity severity) {
  const MixedMetric& mixed = *metric.mixed;
  Diagnostic diagnostic;
  diagnostic.severity = severity;
  diagnostic.code = mixed.what == "unit" ? "rolling.unit_mismatch" : "rolling.direction_mismatch";
  diagnostic.message = metric.id.text() + ": " + (mixed.what == "unit" ? "unit \"" : "better \"") + mixed.other +
                       "\" here, but \"" + mixed.first +
                       "\" in the earlier runs of the window: its samples are not pooled";
  diagnostic.hint = mixed.what == "unit" ? "record the metric in one unit, or give the new unit its own metric name"
                                         : "a metric keeps one direction; give the other meaning its own metric name";
  diagnostic.file = mixed.source;
  if (!mixed.pointer.empty()) diagnostic.pointer = mixed.pointer;
  return diagnostic;
}

Diagnostic change_point_diagnostic(const RollingMetric& metric, Severity severity) {
  const RollingChangePoint& change = metric.change_points.back();
  const ChangePoint& point = change.point;
  Diagnostic diagnostic;
  diagnostic.severity = severity;
  diagnostic.code = "rolling.change_point";
  diagnostic.message =
      metric.id.text() + ": the level shifted " + (metric.better == Better::lower ? "up" : "down") + " from " +
      format_number(point.mean_before) + " to " + format_number(point.mean_after) + " " + metric.unit +
      (point.change_percent ? " (" + format_percent_change(*point.change_percent) + ")" : std::string()) +
      " at this run" + (change.commit.empty() ? std::string() : " (commit " + change.commit + ")") +
      ", p=" + format_number(point.p, 2) + ", and stayed there: the newest runs are worse";
  diagnostic.hint =
      "find what changed at this run; a shift that is meant to stay stops failing once its run "
      "leaves the window of the newest runs";
  diagnostic.file = change.source;
  return diagnostic;
}

Diagnostic unmatched_pattern_diagnostic(const std::string& pattern, Severity severity) {
  Diagnostic diagnostic;
  diagnostic.severity = severity;
  diagnostic.code = "rolling.metric_unmatched";
  diagnostic.message =
      "the metric pattern \"" + pattern + "\" selects no metric of the window: nothing it names is judged";
  diagnostic.hint = "check the spelling against the metric ids in the table (suite/benchmark/metric, or a metric name)";
  return diagnostic;
}

}  // namespace evident
