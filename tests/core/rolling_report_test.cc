#include "core/rolling_report.h"

#include <gtest/gtest.h>

namespace evident {
namespace {

RollingResult mixed_and_unmatched() {
  RollingResult result;
  RollingMetric metric;
  metric.id = MetricId{"suite", "bench", "time"};
  metric.mixed = MixedMetric{"unit", "ms", "s", "b.json", "/benchmarks/0/metrics/0"};
  result.metrics.push_back(metric);
  result.unmatched_patterns.push_back("other/*");
  return result;
}

TEST(RollingErrors, AreErrorsUnderHardEnforcementAndWarningsUnderSoft) {
  const std::vector<Diagnostic> hard = rolling_errors(mixed_and_unmatched(), Enforcement::hard);
  ASSERT_EQ(hard.size(), 2u);
  EXPECT_EQ(hard[0].code, "rolling.unit_mismatch");
  EXPECT_EQ(hard[0].severity, Severity::error);
  EXPECT_EQ(hard[1].code, "rolling.metric_unmatched");
  EXPECT_EQ(hard[1].severity, Severity::error);
  const std::vector<Diagnostic> soft = rolling_errors(mixed_and_unmatched(), Enforcement::soft);
  ASSERT_EQ(soft.size(), 2u);
  EXPECT_EQ(soft[0].severity, Severity::warning);
  EXPECT_EQ(soft[1].severity, Severity::warning);
}

TEST(RollingReport, AFailedMetricFailsTheCommandOnlyUnderHardEnforcement) {
  RollingReport report;
  report.result = mixed_and_unmatched();
  EXPECT_EQ(report.failed_metrics(), 2u);
  EXPECT_FALSE(report.passed());
  EXPECT_TRUE(report.enforced_failure());
  report.config.enforce = Enforcement::soft;
  EXPECT_FALSE(report.enforced_failure());
  EXPECT_TRUE(RollingReport{}.passed());
}

}  // namespace
}  // namespace evident
