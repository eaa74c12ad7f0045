#include "io/output/rolling_output.h"

#include <gtest/gtest.h>

#include <limits>
#include <sstream>

namespace evident::io {
namespace {

RollingMetric metric_with_cv(std::optional<double> cv) {
  RollingMetric metric;
  metric.id = MetricId{"s", "b", "time"};
  metric.unit = "ms";
  metric.runs = 2;
  metric.summary.n = 2;
  metric.summary.mean = 10;
  metric.summary.stdev = std::numeric_limits<double>::quiet_NaN();
  metric.summary.cv_percent = cv;
  metric.summary.median = 10;
  metric.summary.min = 9;
  metric.summary.max = 11;
  return metric;
}

RollingReport two_run_report() {
  RollingReport report;
  report.config.window = 5;
  report.config.max_cv = 5.0;
  report.config.enforce = Enforcement::soft;
  report.result.window_runs = {{"a.json", "2026-01-01T00:00:00Z"}, {"b.json", "2026-01-02T00:00:00Z"}};
  report.result.history_runs = 2;
  RollingMetric metric = metric_with_cv(4.0);
  metric.max_cv = 5.0;
  metric.cv_ok = true;
  report.result.metrics.push_back(metric);
  report.skipped_files = 1;
  return report;
}

TEST(RollingText, PrintsNotesWindowTableAndSummary) {
  std::ostringstream out;
  render_rolling_text(out, two_run_report(),
                      [&](const std::vector<Diagnostic>& notes) { out << "[" << notes.size() << " notes]\n"; });
  EXPECT_EQ(out.str(),
            "[0 notes]\n"
            "window: 2 runs, a.json (2026-01-01T00:00:00Z) .. b.json (2026-01-02T00:00:00Z)\n"
            "metric    runs  n  mean  stdev  CV%  median  min  max  graduation\n"
            "s/b/time  2     2  10    -      4    10      9    11   OK (<5%)\n"
            "2 runs in the window of 5 (2 in the history, 1 skipped, 0 failed), 1 metric, 0 not OK (soft)\n");
}

TEST(RollingText, VerdictsOfTheGraduationColumn) {
  RollingMetric metric = metric_with_cv(7.0);
  EXPECT_EQ(cv_verdict_text(metric), "-");
  metric.max_cv = 5.0;
  metric.cv_ok = false;
  EXPECT_EQ(cv_verdict_text(metric), "OVER");
  metric.summary.cv_percent.reset();
  EXPECT_EQ(cv_verdict_text(metric), "UNDEFINED");
  metric.insufficient = true;
  EXPECT_EQ(cv_verdict_text(metric), "INSUFFICIENT");
  metric.max_cv = 0.0;
  metric.insufficient = false;
  metric.cv_ok = true;
  EXPECT_EQ(cv_verdict_text(metric), "OK (no spread)");
  metric.mixed = MixedMetric{"unit", "ms", "s", "b.json", "/benchmarks/0/metrics/0"};
  EXPECT_EQ(cv_verdict_text(metric), "MIXED");
}

TEST(RollingText, VerdictsOfTheMedianBudgetColumn) {
  RollingMetric metric = metric_with_cv(1.0);
  EXPECT_EQ(median_verdict_text(metric), "-");
  metric.median_max = 12.0;
  metric.median_ok = true;
  EXPECT_EQ(median_verdict_text(metric), "<= 12");
  metric.median_ok = false;
  EXPECT_EQ(median_verdict_text(metric), "OVER 12");
  metric.median_min = 11.0;
  EXPECT_EQ(median_verdict_text(metric), "OUTSIDE 11 .. 12");
  metric.median_max.reset();
  EXPECT_EQ(median_verdict_text(metric), "UNDER 11");
  metric.budget_unit = "s";
  EXPECT_EQ(median_verdict_text(metric), "UNIT s");
}

TEST(RollingJson, HoldsTheParametersTheWindowAndTheVerdict) {
  const nlohmann::ordered_json json = rolling_report_json(two_run_report());
  std::string keys;
  for (const auto& [key, unused] : json.items()) keys += key + " ";
  EXPECT_EQ(keys,
            "schema_version window history_runs window_sources window_runs skipped_files failed_runs max_cv_percent "
            "max_median budgets metric_patterns unmatched_patterns enforce metrics diagnostics passed ");
  EXPECT_EQ(json["schema_version"], "evident/rolling/1");
  EXPECT_EQ(json["window"], 5);
  EXPECT_EQ(json["window_sources"].dump(), R"(["a.json","b.json"])");
  EXPECT_EQ(json["skipped_files"], 1);
  EXPECT_EQ(json["max_cv_percent"], 5.0);
  EXPECT_EQ(json["max_median"], nullptr);
  EXPECT_EQ(json["budgets"], nullptr);
  EXPECT_EQ(json["enforce"], "soft");
  EXPECT_EQ(json["metrics"][0]["verdict"], "OK");
  EXPECT_EQ(json["passed"], true);
}

}  // namespace
}  // namespace evident::io
