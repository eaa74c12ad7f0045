#include "core/rolling.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

namespace evident {
namespace {

RollingRun run(const std::string& at, std::vector<double> samples, const std::string& metric = "wall_time") {
  MetricSeries series;
  series.id = {"engine", "matmul", metric};
  series.unit = "s";
  series.samples = std::move(samples);
  return {"run-" + at + ".json", at, {series}};
}

TEST(Rolling, PoolsSamplesOfTheWindowWithKnownValues) {
  const RollingResult result = roll({run("2026-11-03T00:00:00Z", std::vector<double>(10, 30)),
                                     run("2026-11-01T00:00:00Z", std::vector<double>(10, 10)),
                                     run("2026-11-02T00:00:00Z", std::vector<double>(10, 20))},
                                    {10, 1.0, std::nullopt});
  ASSERT_EQ(result.metrics.size(), 1U);
  const RollingMetric& metric = result.metrics[0];
  EXPECT_EQ(metric.runs, 3U);
  EXPECT_EQ(metric.summary.n, 30U);
  EXPECT_DOUBLE_EQ(metric.summary.mean, 20.0);
  EXPECT_NEAR(metric.summary.stdev, 8.3046, 1e-4);
  ASSERT_TRUE(metric.summary.cv_percent.has_value());
  EXPECT_NEAR(*metric.summary.cv_percent, 41.52, 1e-2);
  EXPECT_DOUBLE_EQ(metric.summary.median, 20.0);
  EXPECT_EQ(metric.cv_ok, false);
  ASSERT_EQ(result.window_runs.size(), 3U);
  EXPECT_EQ(result.window_runs[0].source, "run-2026-11-01T00:00:00Z.json");
  EXPECT_EQ(result.window_runs[0].captured_at, "2026-11-01T00:00:00Z");
  EXPECT_EQ(result.window_runs[2].source, "run-2026-11-03T00:00:00Z.json");
  EXPECT_TRUE(result.warnings.empty());
}

TEST(Rolling, KeepsOnlyTheLastWindowRuns) {
  const RollingResult result = roll(
      {run("2026-11-01T00:00:00Z", {100}), run("2026-11-02T00:00:00Z", {10, 10.05}), run("2026-11-03T00:00:00Z", {10})},
      {2, 1.0, 10.0});
  EXPECT_EQ(result.history_runs, 3U);
  EXPECT_EQ(result.window_runs.size(), 2U);
  const RollingMetric& metric = result.metrics[0];
  EXPECT_EQ(metric.summary.n, 3U);
  EXPECT_DOUBLE_EQ(metric.summary.median, 10.0);
  EXPECT_EQ(metric.cv_ok, true);
  EXPECT_EQ(metric.median_ok, true);
}

TEST(Rolling, MedianBudgetIsInclusiveAndEvenCountsAverage) {
  const RollingResult result = roll({run("2026-11-01T00:00:00Z", {1, 2, 3, 4})}, {10, std::nullopt, 2.5});
  EXPECT_DOUBLE_EQ(result.metrics[0].summary.median, 2.5);
  EXPECT_EQ(result.metrics[0].median_ok, true);
  EXPECT_EQ(roll({run("2026-11-01T00:00:00Z", {1, 2, 3, 4})}, {10, std::nullopt, 2.4}).metrics[0].median_ok, false);
}

TEST(Rolling, UndefinedCvFailsClosed) {
  const RollingResult result = roll({run("2026-11-01T00:00:00Z", {-1, 1})}, {10, 1.0, std::nullopt});
  EXPECT_FALSE(result.metrics[0].summary.cv_percent.has_value());
  EXPECT_EQ(result.metrics[0].cv_ok, false);
}

TEST(Rolling, ValueStandsForARunWithoutSamples) {
  MetricSeries series;
  series.id = {"engine", "matmul", "allocs"};
  series.value = 12;
  const RollingResult result = roll({{"a.json", "2026-11-01T00:00:00Z", {series}}}, {});
  EXPECT_EQ(result.metrics[0].summary.n, 1U);
  EXPECT_DOUBLE_EQ(result.metrics[0].summary.median, 12.0);
}

MetricSeries series_of(const std::string& metric, std::vector<double> samples, const std::string& unit = "s",
                       Better better = Better::lower) {
  MetricSeries series;
  series.id = {"engine", "x", metric};
  series.unit = unit;
  series.better = better;
  series.samples = std::move(samples);
  series.pointer = "/benchmarks/0/metrics/0";
  return series;
}

RollingRun at(const std::string& source, const std::string& captured_at, std::vector<MetricSeries> metrics,
              bool failed = false) {
  for (MetricSeries& series : metrics) series.source = source;
  return {source, captured_at, std::move(metrics), failed};
}

std::vector<std::string> sources(const RollingResult& result) {
  std::vector<std::string> names;
  for (const WindowRun& run : result.window_runs) names.push_back(run.source);
  return names;
}

std::vector<std::string> codes(const RollingResult& result) {
  std::vector<std::string> names;
  for (const Diagnostic& warning : result.warnings) names.push_back(warning.code);
  return names;
}

TEST(Rolling, OrdersRunsByInstantNotByText) {
  const RollingResult result = roll({at("utc.json", "2026-11-20T09:00:00Z", {series_of("t", {1})}),
                                     at("plus5.json", "2026-11-20T12:00:00+05:00", {series_of("t", {2})}),
                                     at("half.json", "2026-11-20T09:00:00.5Z", {series_of("t", {3})})},
                                    {2});
  EXPECT_EQ(sources(result), (std::vector<std::string>{"utc.json", "half.json"}));
  EXPECT_EQ(result.history_runs, 3U);
  EXPECT_EQ(result.metrics[0].trend, (std::vector<double>{1, 3}));
}

TEST(Rolling, BreaksTiesByNaturalPathOrderAndWarns) {
  const RollingResult result = roll({at("h/run-10000.json", "2026-11-20T09:00:00Z", {series_of("t", {2})}),
                                     at("h/run-9999.json", "2026-11-20T10:00:00+01:00", {series_of("t", {1})}),
                                     at("h/run-1.json", "2026-11-19T09:00:00Z", {series_of("t", {0})})},
                                    {10});
  EXPECT_EQ(sources(result), (std::vector<std::string>{"h/run-1.json", "h/run-9999.json", "h/run-10000.json"}));
  ASSERT_EQ(result.warnings.size(), 1U);
  EXPECT_EQ(result.warnings[0].code, "rolling.tied_time");
  EXPECT_EQ(result.warnings[0].severity, Severity::warning);
  EXPECT_EQ(
      result.warnings[0].message,
      "h/run-9999.json and h/run-10000.json have the same captured_at instant (2026-11-20T10:00:00+01:00): they are "
      "ordered by file name, which may not be the order they ran in");
}

TEST(Rolling, TiesOutsideTheWindowAreNotWarnedAbout) {
  const RollingResult result = roll({at("a.json", "2026-11-01T00:00:00Z", {series_of("t", {1})}),
                                     at("b.json", "2026-11-01T00:00:00Z", {series_of("t", {1})}),
                                     at("c.json", "2026-11-02T00:00:00Z", {series_of("t", {1})})},
                                    {1});
  EXPECT_TRUE(result.warnings.empty());
}

TEST(Rolling, SkipsAnUnparsableTimeWithAWarning) {
  const RollingResult result = roll({at("feb30.json", "2026-02-30T09:00:00Z", {series_of("t", {100})}),
                                     at("ok.json", "2026-11-20T09:00:00Z", {series_of("t", {1})})},
                                    {10});
  EXPECT_EQ(sources(result), (std::vector<std::string>{"ok.json"}));
  EXPECT_EQ(result.untimed_runs, 1U);
  EXPECT_EQ(result.history_runs, 1U);
  ASSERT_EQ(result.warnings.size(), 1U);
  EXPECT_EQ(result.warnings[0].code, "rolling.bad_time");
  EXPECT_EQ(result.warnings[0].file, "feb30.json");
  EXPECT_EQ(result.warnings[0].pointer, "/captured_at");
  EXPECT_EQ(
      result.warnings[0].message,
      "skipped: captured_at \"2026-02-30T09:00:00Z\" is not a real RFC 3339 instant, so the run cannot be placed in "
      "the history");
  EXPECT_DOUBLE_EQ(result.metrics[0].summary.mean, 1.0);
}

TEST(Rolling, FailedRunsTakeNoPlaceInTheWindow) {
  const RollingResult result = roll({at("r1.json", "2026-11-01T00:00:00Z", {series_of("t", {1})}),
                                     at("r2.json", "2026-11-02T00:00:00Z", {series_of("t", {2})}),
                                     at("r3.json", "2026-11-03T00:00:00Z", {series_of("t", {99})}, true)},
                                    {2});
  EXPECT_EQ(sources(result), (std::vector<std::string>{"r1.json", "r2.json"}));
  EXPECT_EQ(result.failed_runs, 1U);
  EXPECT_EQ(result.untimed_runs, 0U);
  EXPECT_EQ(result.history_runs, 2U);
  ASSERT_EQ(codes(result), (std::vector<std::string>{"rolling.run_failed"}));
  EXPECT_EQ(result.warnings[0].file, "r3.json");
  EXPECT_EQ(result.warnings[0].message,
            "skipped: the run failed (status \"failed\"): its numbers take no place in the window");
  EXPECT_DOUBLE_EQ(result.metrics[0].summary.mean, 1.5);
}

TEST(Rolling, AMetricInFewerRunsThanAFullWindowIsInsufficient) {
  const RollingResult result =
      roll({at("r1.json", "2026-11-01T00:00:00Z", {series_of("a", {1, 1}), series_of("b", {5})}),
            at("r2.json", "2026-11-02T00:00:00Z", {series_of("a", {1, 1})}),
            at("r3.json", "2026-11-03T00:00:00Z", {series_of("a", {1, 1})})},
           {3, 1.0});
  ASSERT_EQ(result.metrics.size(), 2U);
  const RollingMetric& full = result.metrics[0];
  const RollingMetric& thin = result.metrics[1];
  EXPECT_FALSE(full.insufficient);
  EXPECT_EQ(full.cv_ok, true);
  EXPECT_EQ(rolling_verdict(full), "OK");
  EXPECT_TRUE(thin.insufficient);
  EXPECT_EQ(thin.runs, 1U);
  EXPECT_EQ(thin.cv_ok, false);
  EXPECT_TRUE(thin.failed());
  EXPECT_EQ(rolling_verdict(thin), "INSUFFICIENT");
  EXPECT_EQ(result.failed_metrics(), 1U);
  ASSERT_EQ(codes(result), (std::vector<std::string>{"rolling.metric_short"}));
  EXPECT_EQ(result.warnings[0].message,
            "engine/x/b is in 1 of the 3 runs of the window: it cannot graduate until every run holds it");
}

TEST(Rolling, AShortHistoryMakesNoMetricInsufficient) {
  const RollingResult result =
      roll({at("r1.json", "2026-11-01T00:00:00Z", {series_of("a", {1, 1}), series_of("b", {5, 5})}),
            at("r2.json", "2026-11-02T00:00:00Z", {series_of("a", {1, 1})})},
           {10, 1.0});
  EXPECT_FALSE(result.metrics[1].insufficient);
  EXPECT_EQ(result.metrics[1].cv_ok, true);
  EXPECT_TRUE(result.warnings.empty());
}

TEST(Rolling, AnUnjudgedShortMetricDoesNotFail) {
  const RollingResult result = roll({at("r1.json", "2026-11-01T00:00:00Z", {series_of("a", {1}), series_of("b", {5})}),
                                     at("r2.json", "2026-11-02T00:00:00Z", {series_of("a", {1})})},
                                    {2});
  EXPECT_TRUE(result.metrics[1].insufficient);
  EXPECT_FALSE(result.metrics[1].failed());
  EXPECT_EQ(rolling_verdict(result.metrics[1]), "-");
}

TEST(Rolling, MixedUnitsAreNotAggregatedAndFail) {
  const RollingResult result = roll({at("r1.json", "2026-11-01T00:00:00Z", {series_of("t", {1, 1})}),
                                     at("r2.json", "2026-11-02T00:00:00Z", {series_of("t", {1000, 1000}, "ms")}),
                                     at("r3.json", "2026-11-03T00:00:00Z", {series_of("t", {1, 1})})},
                                    {10, 1.0});
  const RollingMetric& metric = result.metrics[0];
  ASSERT_TRUE(metric.mixed.has_value());
  EXPECT_EQ(metric.summary.n, 0U);
  EXPECT_TRUE(std::isnan(metric.summary.mean));
  EXPECT_FALSE(metric.cv_ok.has_value());
  EXPECT_TRUE(metric.failed());
  EXPECT_EQ(rolling_verdict(metric), "MIXED");
  const Diagnostic error = mixed_metric_diagnostic(metric, Severity::error);
  EXPECT_EQ(error.code, "rolling.unit_mismatch");
  EXPECT_EQ(error.file, "r2.json");
  EXPECT_EQ(error.pointer, "/benchmarks/0/metrics/0");
  EXPECT_EQ(error.message,
            "engine/x/t: unit \"ms\" here, but \"s\" in the earlier runs of the window: its samples are not pooled");
}

TEST(Rolling, MixedDirectionsAreNotAggregatedAndFail) {
  const RollingResult result = roll({at("r1.json", "2026-11-01T00:00:00Z", {series_of("t", {1})}),
                                     at("r2.json", "2026-11-02T00:00:00Z", {series_of("t", {1}, "s", Better::higher)})},
                                    {10});
  const RollingMetric& metric = result.metrics[0];
  EXPECT_TRUE(metric.failed());
  const Diagnostic error = mixed_metric_diagnostic(metric, Severity::warning);
  EXPECT_EQ(error.code, "rolling.direction_mismatch");
  EXPECT_EQ(error.severity, Severity::warning);
  EXPECT_EQ(error.message,
            "engine/x/t: better \"higher\" here, but \"lower\" in the earlier runs of the window: its samples are not "
            "pooled");
}

TEST(Rolling, ZeroSpreadIsStableUnderAnyCvBound) {
  const RollingResult result =
      roll({at("r1.json", "2026-11-01T00:00:00Z", {series_of("zero", {0, 0}), series_of("c", {7, 7})}),
            at("r2.json", "2026-11-02T00:00:00Z", {series_of("zero", {0, 0}), series_of("c", {7, 7})})},
           {2, 0.0});
  for (const RollingMetric& metric : result.metrics) {
    EXPECT_DOUBLE_EQ(metric.summary.stdev, 0.0);
    EXPECT_EQ(metric.summary.cv_percent, 0.0);
    EXPECT_EQ(metric.cv_ok, true) << metric.id.text();
  }
}

TEST(Rolling, MetricPatternsChooseMetricsAndUnmatchedOnesFail) {
  RollingOptions options{10};
  options.metrics = {*MetricPattern::parse("engine/*/a"), *MetricPattern::parse("nothing")};
  const RollingResult result =
      roll({at("r1.json", "2026-11-01T00:00:00Z", {series_of("a", {1}), series_of("b", {2})})}, options);
  ASSERT_EQ(result.metrics.size(), 1U);
  EXPECT_EQ(result.metrics[0].id.text(), "engine/x/a");
  EXPECT_EQ(result.unmatched_patterns, (std::vector<std::string>{"nothing"}));
  EXPECT_EQ(result.failed_metrics(), 1U);
  const Diagnostic error = unmatched_pattern_diagnostic("nothing", Severity::error);
  EXPECT_EQ(error.code, "rolling.metric_unmatched");
  EXPECT_EQ(error.message,
            "the metric pattern \"nothing\" selects no metric of the window: nothing it names is judged");
}

TEST(Rolling, BudgetsGiveEachMetricItsOwnBounds) {
  Budgets budgets;
  Budget a;
  a.max = 1.5;
  a.max_cv = 50;
  Budget b;
  b.min = 3;
  b.max = 4;
  Budget c;
  c.max = 100;
  c.unit = "ms";
  budgets.rules = {{*MetricPattern::parse("a"), a}, {*MetricPattern::parse("b"), b}, {*MetricPattern::parse("c"), c}};
  RollingOptions options{10, 1.0, 0.5};
  options.budgets = budgets;
  const RollingResult result =
      roll({at("r1.json", "2026-11-01T00:00:00Z",
               {series_of("a", {1, 2}), series_of("b", {2, 2}), series_of("c", {1, 1}), series_of("d", {0.5, 0.5})})},
           options);
  ASSERT_EQ(result.metrics.size(), 4U);
  const RollingMetric& ma = result.metrics[0];  // median 1.5 <= 1.5; CV 47.14% < 50
  EXPECT_EQ(ma.median_max, 1.5);
  EXPECT_EQ(ma.max_cv, 50.0);
  EXPECT_NEAR(*ma.summary.cv_percent, 47.140452, 1e-6);
  EXPECT_EQ(ma.cv_ok, true);
  EXPECT_EQ(ma.median_ok, true);
  const RollingMetric& mb = result.metrics[1];  // median 2 under the minimum 3; CV bound from --max-cv
  EXPECT_EQ(mb.max_cv, 1.0);
  EXPECT_EQ(mb.cv_ok, true);
  EXPECT_EQ(mb.median_ok, false);
  const RollingMetric& mc = result.metrics[2];  // budget in ms, metric in s: not compared, fails
  EXPECT_EQ(mc.budget_unit, "ms");
  EXPECT_EQ(mc.median_ok, false);
  const RollingMetric& md = result.metrics[3];  // no budget key: the one-number fallbacks
  EXPECT_EQ(md.median_max, 0.5);
  EXPECT_EQ(md.median_ok, true);
  EXPECT_EQ(result.failed_metrics(), 2U);
}

// A history of single values, one run a day from 2026-10-01, lower is better, with commits.
std::vector<RollingRun> daily(const std::vector<double>& values, const std::string& unit = "s") {
  std::vector<RollingRun> runs;
  for (std::size_t i = 0; i < values.size(); ++i) {
    MetricSeries series;
    series.id = {"engine", "matmul", "wall_time"};
    series.unit = unit;
    series.value = values[i];
    char at[64];
    std::snprintf(at, sizeof at, "2026-10-%02zuT00:00:00Z", i + 1);
    runs.push_back({"run-" + std::to_string(i + 1) + ".json", at, {series}, false, "c" + std::to_string(i + 1)});
  }
  return runs;
}

TEST(RollingChangePoints, AShiftToWorseInsideTheWindowFails) {
  std::vector<double> values{10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 20, 21, 20, 21, 20, 21};
  RollingOptions options{.window = 8, .change_points = ChangePointOptions{}};
  const RollingResult result = roll(daily(values), options);
  ASSERT_EQ(result.metrics.size(), 1U);
  const RollingMetric& metric = result.metrics[0];
  EXPECT_EQ(metric.series_runs, 16U);
  ASSERT_EQ(metric.change_points.size(), 1U);
  const RollingChangePoint& change = metric.change_points[0];
  EXPECT_EQ(change.point.index, 10U);
  EXPECT_EQ(change.source, "run-11.json");
  EXPECT_EQ(change.captured_at, "2026-10-11T00:00:00Z");
  EXPECT_EQ(change.commit, "c11");
  EXPECT_EQ(change.trend_index, 2U);  // the window is runs 9 to 16
  EXPECT_TRUE(change.worse);
  EXPECT_TRUE(metric.shifted_worse());
  EXPECT_TRUE(metric.failed());
  EXPECT_EQ(rolling_verdict(metric), "SHIFTED");
  const Diagnostic finding = change_point_diagnostic(metric, Severity::error);
  EXPECT_EQ(finding.code, "rolling.change_point");
  EXPECT_EQ(finding.file, "run-11.json");
  EXPECT_EQ(finding.message,
            "engine/matmul/wall_time: the level shifted up from 10.5 to 20.5 s (+95.24%) at this run (commit c11), "
            "p=3.1e-15, and stayed there: the newest runs are worse");
}

TEST(RollingChangePoints, AShiftOlderThanTheWindowIsShownButPasses) {
  std::vector<double> values{10, 11, 10, 11, 20, 21, 20, 21, 20, 21, 20, 21, 20, 21};
  const RollingResult result = roll(daily(values), {.window = 5, .change_points = ChangePointOptions{}});
  const RollingMetric& metric = result.metrics[0];
  ASSERT_EQ(metric.change_points.size(), 1U);
  EXPECT_EQ(metric.change_points[0].point.index, 4U);
  EXPECT_FALSE(metric.change_points[0].trend_index);
  EXPECT_TRUE(metric.change_points[0].worse);
  EXPECT_FALSE(metric.failed());
  EXPECT_EQ(rolling_verdict(metric), "-");
}

TEST(RollingChangePoints, AShiftToBetterPasses) {
  std::vector<double> values{20, 21, 20, 21, 20, 21, 10, 11, 10, 11, 10, 11};
  const RollingMetric metric = roll(daily(values), {.window = 10, .change_points = ChangePointOptions{}}).metrics[0];
  ASSERT_EQ(metric.change_points.size(), 1U);
  EXPECT_FALSE(metric.change_points[0].worse);
  EXPECT_FALSE(metric.failed());
}

TEST(RollingChangePoints, TheSeriesStartsAtTheNewestChangeOfUnit) {
  std::vector<RollingRun> runs = daily({10, 11, 10, 11, 10, 11, 10, 11});
  std::vector<RollingRun> newer = daily({20000, 21000, 20000, 21000, 20000, 21000}, "ms");
  for (std::size_t i = 0; i < newer.size(); ++i) {
    newer[i].source = "new-" + std::to_string(i) + ".json";
    newer[i].captured_at = "2026-11-0" + std::to_string(i + 1) + "T00:00:00Z";
  }
  runs.insert(runs.end(), newer.begin(), newer.end());
  const RollingResult result = roll(runs, {.window = 4, .change_points = ChangePointOptions{}});
  EXPECT_EQ(result.metrics[0].series_runs, 6U);
  EXPECT_TRUE(result.metrics[0].change_points.empty());
}

TEST(RollingChangePoints, ASeriesOfThreeRunsIsSaidToBeTooShort) {
  const RollingResult result = roll(daily({1, 2, 30}), {.window = 10, .change_points = ChangePointOptions{}});
  EXPECT_TRUE(result.metrics[0].change_points.empty());
  ASSERT_FALSE(result.warnings.empty());
  EXPECT_EQ(result.warnings.back().code, "rolling.change_points_short");
  EXPECT_EQ(result.warnings.back().message,
            "engine/matmul/wall_time has 3 runs in its history: change points need at least 4 (two on each side of a "
            "shift), so none is looked for");
}

TEST(RollingChangePoints, NotAskedNotSearched) {
  const RollingResult result = roll(daily({10, 11, 10, 11, 20, 21, 20, 21}), {.window = 10});
  EXPECT_EQ(result.metrics[0].series_runs, 0U);
  EXPECT_TRUE(result.metrics[0].change_points.empty());
}

}  // namespace
}  // namespace evident
