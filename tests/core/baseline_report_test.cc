#include "core/baseline_report.h"

#include <gtest/gtest.h>

namespace evident {
namespace {

BaselineEntry entry(const std::string& benchmark, std::vector<double> samples, std::optional<double> value = {}) {
  return BaselineEntry{MetricId{"s", benchmark, "time"}, "ms", Better::lower, std::move(samples), value};
}

MetricSeries series(const std::string& benchmark, std::vector<double> samples, std::optional<double> value = {},
                    std::string unit = "ms") {
  MetricSeries metric;
  metric.id = MetricId{"s", benchmark, "time"};
  metric.unit = std::move(unit);
  metric.samples = std::move(samples);
  metric.value = value;
  return metric;
}

TEST(ChangesBetween, ListsChangedNewAndRemovedMetricsByIdAndSkipsUnchangedOnes) {
  Baseline old_baseline, new_baseline;
  old_baseline.entries = {entry("a", {10, 12, 14}), entry("b", {}, 5.0), entry("c", {}, 0.0), entry("gone", {}, 1.0)};
  new_baseline.entries = {entry("a", {14}), entry("b", {}, 5.0), entry("c", {}, 2.0), entry("fresh", {3})};
  const std::vector<BaselineChange> changes = changes_between(old_baseline, new_baseline);
  ASSERT_EQ(changes.size(), 4u);
  EXPECT_EQ(changes[0].id, "s/a/time");
  EXPECT_EQ(changes[0].before, 12.0);
  EXPECT_EQ(changes[0].after, 14.0);
  EXPECT_EQ(changes[0].change, "+16.67%");
  EXPECT_EQ(changes[1].id, "s/c/time");
  EXPECT_EQ(changes[1].change, "-");  // from 0 no percentage says it
  EXPECT_EQ(changes[2].id, "s/fresh/time");
  EXPECT_EQ(changes[2].before, std::nullopt);
  EXPECT_EQ(changes[2].change, "new");
  EXPECT_EQ(changes[3].id, "s/gone/time");
  EXPECT_EQ(changes[3].after, std::nullopt);
  EXPECT_EQ(changes[3].change, "removed");
}

TEST(BaselinePool, PoolsSamplesAndFallsBackToTheMedianOfValues) {
  BaselinePool pool;
  pool.add_source("one.json", "aa", "2026-01-02T00:00:00Z");
  EXPECT_EQ(pool.add_metric(series("a", {1, 2})), std::nullopt);
  EXPECT_EQ(pool.add_metric(series("b", {}, 4.0)), std::nullopt);
  pool.add_source("two.json", "bb", "2026-01-01T00:00:00+00:00");
  EXPECT_EQ(pool.add_metric(series("a", {3})), std::nullopt);
  EXPECT_EQ(pool.add_metric(series("b", {}, 8.0)), std::nullopt);
  EXPECT_EQ(pool.add_metric(series("b", {}, 9.0)), std::nullopt);
  EXPECT_TRUE(pool.has_metrics());
  const Baseline baseline = pool.baseline();
  EXPECT_EQ(baseline.created_at, "2026-01-02T00:00:00Z");  // the newest source, as it recorded it
  ASSERT_EQ(baseline.sources.size(), 2u);
  EXPECT_EQ(baseline.sources[1].path, "two.json");
  EXPECT_EQ(baseline.sources[1].sha256, "bb");
  ASSERT_EQ(baseline.entries.size(), 2u);
  EXPECT_EQ(baseline.entries[0].samples, (std::vector<double>{1, 2, 3}));
  EXPECT_EQ(baseline.entries[0].value, std::nullopt);
  EXPECT_TRUE(baseline.entries[1].samples.empty());
  EXPECT_EQ(baseline.entries[1].value, 8.0);
}

TEST(BaselinePool, RefusesAMetricWhoseUnitChangedAndKeepsTheFirst) {
  BaselinePool pool;
  pool.add_source("one.json", "aa", "");
  EXPECT_EQ(pool.add_metric(series("a", {1})), std::nullopt);
  EXPECT_EQ(pool.add_metric(series("a", {2}, std::nullopt, "s")),
            "s/a/time has unit \"s\" and better \"lower\" here, but \"ms\" and \"lower\" in an earlier file");
  EXPECT_EQ(pool.baseline().entries[0].samples, (std::vector<double>{1}));
}

TEST(BaselinePool, WithoutARealInstantKeepsTheGreatestText) {
  BaselinePool pool;
  pool.add_source("one.json", "aa", "b");
  pool.add_source("two.json", "bb", "c");
  pool.add_source("three.json", "cc", "a");
  EXPECT_EQ(pool.baseline().created_at, "c");
  EXPECT_FALSE(pool.has_metrics());
}

TEST(BaselineReport, IsMadeOnlyWithMetricsAndNoProblem) {
  BaselineReport report;
  EXPECT_FALSE(report.made());
  report.baseline.entries.push_back(entry("a", {1}));
  EXPECT_TRUE(report.made());
  report.problems.push_back(Diagnostic{});
  EXPECT_FALSE(report.made());
}

}  // namespace
}  // namespace evident
