#include "core/rolling.h"

#include <gtest/gtest.h>

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
  EXPECT_EQ(result.window_sources,
            std::vector<std::string>({"run-2026-11-01T00:00:00Z.json", "run-2026-11-02T00:00:00Z.json",
                                      "run-2026-11-03T00:00:00Z.json"}));
}

TEST(Rolling, KeepsOnlyTheLastWindowRuns) {
  const RollingResult result =
      roll({run("2026-11-01T00:00:00Z", {100}), run("2026-11-02T00:00:00Z", {10, 10.05}), run("2026-11-03T00:00:00Z", {10})},
           {2, 1.0, 10.0});
  EXPECT_EQ(result.history_runs, 3U);
  EXPECT_EQ(result.window_sources.size(), 2U);
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

}  // namespace
}  // namespace evident
