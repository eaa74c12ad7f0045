#include "core/check_result.h"

#include <gtest/gtest.h>

namespace evident {
namespace {

RegressionCheck regression(Better better) {
  RegressionCheck check;
  check.id = *parse_metric_id("engine/matmul/wall_time");
  check.better = better;
  check.baseline = 10.0;
  check.current = 12.0;
  check.allowed = 0.5;
  check.status = CheckStatus::regression;
  check.failed = true;
  check.message = "engine/matmul/wall_time: regression";
  check.hint = "rerun";
  check.source = "evidence/run.json";
  check.pointer = "/benchmarks/0/metrics/0";
  return check;
}

TEST(CheckResult, ARegressionThresholdIsTheWorstValueTheToleranceAllows) {
  const Failure lower =
      regression_failure(regression(Better::lower), Severity::error, RunClass::isolated_affinity, "b.json");
  EXPECT_EQ(lower.kind, FailureKind::regression);
  EXPECT_EQ(lower.diagnostic.code, "gate.regression");
  EXPECT_EQ(lower.diagnostic.file, "evidence/run.json");
  EXPECT_EQ(lower.diagnostic.pointer, "/benchmarks/0/metrics/0");
  EXPECT_EQ(lower.diagnostic.hint, "rerun");
  EXPECT_EQ(lower.metric, "engine/matmul/wall_time");
  EXPECT_EQ(std::get<double>(lower.threshold), 10.5);
  EXPECT_EQ(std::get<double>(lower.observed), 12.0);
  EXPECT_EQ(lower.classification, RunClass::isolated_affinity);
  const Failure higher = regression_failure(regression(Better::higher), Severity::warning, std::nullopt, "b.json");
  EXPECT_EQ(std::get<double>(higher.threshold), 9.5);
  EXPECT_EQ(higher.diagnostic.severity, Severity::warning);
}

TEST(CheckResult, AMissingMetricPointsAtTheBaseline) {
  RegressionCheck check = regression(Better::lower);
  check.status = CheckStatus::missing;
  check.current.reset();
  check.source.clear();
  check.pointer.clear();
  const Failure failure = regression_failure(check, Severity::error, std::nullopt, "evidence/baseline.json");
  EXPECT_EQ(failure.diagnostic.code, "gate.missing");
  EXPECT_EQ(failure.diagnostic.file, "evidence/baseline.json");
  EXPECT_FALSE(failure.diagnostic.pointer);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(failure.observed));
}

TEST(CheckResult, ABudgetThresholdIsTheBoundThatWasCrossed) {
  BudgetCheck check;
  check.id = *parse_metric_id("engine/matmul/throughput");
  check.observed = 5.0;
  check.min = 8.0;
  check.max = 100.0;
  check.failed = true;
  EXPECT_EQ(std::get<double>(budget_failure(check, Severity::error, std::nullopt, "budgets.json").threshold), 8.0);
  check.observed = 120.0;
  EXPECT_EQ(std::get<double>(budget_failure(check, Severity::error, std::nullopt, "budgets.json").threshold), 100.0);
  BudgetCheck unmatched;
  unmatched.key = "engine/nothing/*";
  unmatched.failed = true;
  const Failure failure = budget_failure(unmatched, Severity::error, std::nullopt, "budgets.json");
  EXPECT_EQ(failure.metric, "");
  EXPECT_EQ(failure.diagnostic.file, "budgets.json");
}

TEST(CheckResult, RollingFailuresForEachBoundCrossed) {
  RollingOutcome rolling;
  rolling.config.history = "evidence/history";
  rolling.config.max_cv = 1.0;
  rolling.config.max_median = 5.0;
  RollingMetric metric;
  metric.id = *parse_metric_id("engine/matmul/wall_time");
  metric.unit = "s";
  metric.runs = 3;
  metric.summary = summarise(std::vector<double>{4.0, 6.0, 8.0});
  metric.cv_ok = false;
  metric.median_ok = false;
  rolling.result.metrics.push_back(metric);
  const std::vector<Failure> failures = rolling_failures(rolling, Severity::warning);
  ASSERT_EQ(failures.size(), 2U);
  EXPECT_EQ(failures[0].diagnostic.code, "rolling.cv_over");
  EXPECT_EQ(failures[0].diagnostic.message,
            "engine/matmul/wall_time: CV 33.3333% over the last 3 runs is not below 1%");
  EXPECT_EQ(std::get<double>(failures[0].threshold), 1.0);
  EXPECT_EQ(failures[1].diagnostic.code, "rolling.median_over");
  EXPECT_EQ(failures[1].diagnostic.message, "engine/matmul/wall_time: rolling median 6 s is over the budget of 5");
  EXPECT_EQ(std::get<double>(failures[1].observed), 6.0);
  EXPECT_EQ(failures[1].diagnostic.file, "evidence/history");
}

TEST(CheckResult, RollingMedianNeverReadsAsItsBound) {
  RollingOutcome rolling;
  rolling.config.history = "evidence/history";
  rolling.config.max_median = 536870912.5;
  RollingMetric metric;
  metric.id = *parse_metric_id("engine/matmul/rss");
  metric.unit = "bytes";
  metric.runs = 3;
  metric.summary = summarise(std::vector<double>{536870912.25, 536870912.75, 536870912.75});
  metric.median_ok = false;
  rolling.result.metrics.push_back(metric);
  const std::vector<Failure> failures = rolling_failures(rolling, Severity::error);
  ASSERT_EQ(failures.size(), 1U);
  EXPECT_EQ(failures[0].diagnostic.message,
            "engine/matmul/rss: rolling median 536870912.75 bytes is over the budget of 536870912.5");
}

TEST(CheckResult, RollingFailuresForMixedInsufficientAndUnmatched) {
  RollingOutcome rolling;
  rolling.config.history = "h";
  rolling.config.window = 3;
  RollingMetric mixed;
  mixed.id = *parse_metric_id("engine/x/t");
  mixed.runs = 3;
  mixed.mixed = MixedMetric{"unit", "s", "ms", "h/run-2.json", "/benchmarks/0/metrics/0"};
  RollingMetric thin;
  thin.id = *parse_metric_id("engine/x/allocs");
  thin.runs = 1;
  thin.insufficient = true;
  thin.max_cv = 1.0;
  thin.cv_ok = false;
  rolling.result.metrics = {mixed, thin};
  rolling.result.unmatched_patterns = {"nothing"};
  const std::vector<Failure> failures = rolling_failures(rolling, Severity::error);
  ASSERT_EQ(failures.size(), 3U);
  EXPECT_EQ(failures[0].diagnostic.code, "rolling.unit_mismatch");
  EXPECT_EQ(failures[0].diagnostic.file, "h/run-2.json");
  EXPECT_EQ(std::get<std::string>(failures[0].threshold), "s");
  EXPECT_EQ(std::get<std::string>(failures[0].observed), "ms");
  EXPECT_EQ(failures[1].diagnostic.code, "rolling.insufficient");
  EXPECT_EQ(failures[1].diagnostic.message,
            "engine/x/allocs: in 1 of the 3 runs of the window: too few to judge, so it cannot graduate");
  EXPECT_EQ(std::get<double>(failures[1].threshold), 3.0);
  EXPECT_EQ(std::get<double>(failures[1].observed), 1.0);
  EXPECT_EQ(failures[2].diagnostic.code, "rolling.metric_unmatched");
  EXPECT_EQ(failures[2].diagnostic.file, "h");
}

TEST(CheckResult, AnUndefinedCvIsNotBlamedOnNoise) {
  RollingOutcome rolling;
  rolling.config.history = "h";
  RollingMetric metric;
  metric.id = *parse_metric_id("engine/x/t");
  metric.runs = 1;
  metric.summary = summarise(std::vector<double>{4.0});
  metric.max_cv = 1.0;
  metric.cv_ok = false;
  rolling.result.metrics = {metric};
  const std::vector<Failure> failures = rolling_failures(rolling, Severity::error);
  ASSERT_EQ(failures.size(), 1U);
  EXPECT_EQ(failures[0].diagnostic.hint.find("find the noise"), std::string::npos);
}

TEST(CheckResult, SummaryCountsAddUpAndOnlyErrorsFail) {
  CheckResult result;
  FileOutcome invalid{"a.json", "", {}, std::nullopt};
  Diagnostic error;
  error.code = "json.truncated";
  invalid.diagnostics.push_back(error);
  FileOutcome evidence{"b.json", "evidence", {}, Verdict{}};
  result.files = {invalid, evidence};
  result.regression_checks = {regression(Better::lower)};
  result.failures.push_back(regression_failure(result.regression_checks[0], Severity::warning, std::nullopt, ""));
  const CheckSummary summary = summarise(result);
  EXPECT_EQ(summary.files, 2U);
  EXPECT_EQ(summary.valid_files, 1U);
  EXPECT_EQ(summary.invalid_files, 1U);
  EXPECT_EQ(summary.evidence_files, 1U);
  EXPECT_EQ(summary.functional_non_isolated, 1U);
  EXPECT_EQ(summary.gated, 1U);
  EXPECT_EQ(summary.gate_failed, 1U);
  EXPECT_EQ(summary.warnings, 1U);
  EXPECT_EQ(summary.errors, 0U);
  EXPECT_TRUE(passed(result));
  result.failures.front().diagnostic.severity = Severity::error;
  EXPECT_FALSE(passed(result));
  // What a result counts without listing it adds to what it lists.
  result.metrics.resize(2);
  result.unlisted = {10, 3, 6, 45};
  const CheckSummary counted = summarise(result);
  EXPECT_EQ(std::vector<std::size_t>({counted.files, counted.valid_files, counted.invalid_files, counted.evidence_files,
                                      counted.isolated_affinity, counted.functional_non_isolated, counted.metrics}),
            std::vector<std::size_t>({12, 11, 1, 10, 3, 7, 47}));
}

TEST(CheckResult, AResultMetricKeepsTheCountAndTheValueThatStandsForTheSamples) {
  MetricSeries series;
  series.id = {"engine", "matmul", "wall_time"};
  series.unit = "s";
  series.better = Better::higher;
  series.samples = {3.0, 1.0, 2.0, 10.0};
  series.source = "run.json";
  series.pointer = "/benchmarks/0/metrics/0";
  ResultMetric metric = result_metric(series);
  EXPECT_EQ(metric.id.text(), "engine/matmul/wall_time");
  EXPECT_EQ(metric.unit, "s");
  EXPECT_EQ(metric.better, Better::higher);
  EXPECT_EQ(metric.n, 4u);
  EXPECT_EQ(metric.value, 2.5);  // the median
  EXPECT_EQ(metric.source, "run.json");
  EXPECT_EQ(metric.pointer, "/benchmarks/0/metrics/0");
  series.value = 7.0;  // the producer's own value stands for the metric
  EXPECT_EQ(result_metric(series).value, 7.0);
  series.samples.clear();
  series.value.reset();
  metric = result_metric(series);
  EXPECT_EQ(metric.n, 0u);
  EXPECT_EQ(metric.value, std::nullopt);
}

}  // namespace
}  // namespace evident
