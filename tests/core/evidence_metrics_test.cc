#include "core/evidence_metrics.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace evident {
namespace {

using nlohmann::json;

json evidence() {
  return json::parse(R"({"schema_version": "evident/evidence/1", "suite": {"name": "engine"}, "status": "passed",
    "captured_at": "2026-11-20T10:15:00+05:00", "host": {"hostname": "bench-01"},
    "benchmarks": [{"name": "matmul", "parameters": {"size": 1024, "dtype": "f32", "warm": true},
                    "metrics": [{"name": "wall_time", "unit": "s", "better": "lower", "samples": [0.1, 0.2]}]}]})");
}

TEST(MetricsOf, CarryTheirRunsTimeHostAndParameters) {
  const std::vector<MetricSeries> metrics = metrics_of(evidence(), "run.json");
  ASSERT_EQ(metrics.size(), 1u);
  EXPECT_EQ(metrics[0].id.text(), "engine/matmul/wall_time");
  EXPECT_EQ(metrics[0].source, "run.json");
  EXPECT_EQ(metrics[0].context.captured_at, "2026-11-20T10:15:00+05:00");
  EXPECT_EQ(metrics[0].context.host, "bench-01");
  const std::vector<std::pair<std::string, std::string>> parameters{
      {"dtype", "f32"}, {"size", "1024"}, {"warm", "true"}};
  EXPECT_EQ(metrics[0].context.parameters, parameters);
  EXPECT_EQ(
      describe_run("run.json", metrics[0].context),
      "run run.json captured 2026-11-20T10:15:00+05:00 on host bench-01, parameters dtype=f32 size=1024 warm=true");
  EXPECT_EQ(describe_run("", RunContext{}), "");
}

TEST(MetricCount, CountsWhatMetricsOfFinds) {
  json run = evidence();
  run["benchmarks"].push_back(json::parse(R"({"name": "sort", "metrics": [{"name": "a", "unit": "s", "value": 1},
                                                                          {"name": "b", "unit": "s", "value": 2}]})"));
  run["benchmarks"].push_back(json::parse(R"({"name": "empty"})"));
  EXPECT_EQ(metric_count(run), 3u);
  EXPECT_EQ(metric_count(run), metrics_of(run, "run.json").size());
  run["suite"].erase("name");  // no suite name: nothing the gates can name
  EXPECT_EQ(metric_count(run), 0u);
  EXPECT_EQ(metrics_of(run, "run.json").size(), 0u);
}

TEST(RunFailure, NothingForAPassedRun) { EXPECT_EQ(run_failure(evidence()), std::nullopt); }

TEST(RunFailure, NamesEachFailedExecution) {
  json failed = evidence();
  failed["status"] = "failed";
  failed["runs"] = json::parse(R"([{"index": 0, "warmup": true, "exit_code": 0}, {"index": 1, "exit_code": 3},
    {"index": 2, "signal": 9, "timed_out": true}, {"index": 3, "exit_code": 0}])");
  EXPECT_EQ(run_failure(failed), "2 of 4 executions failed: #1 exited 3, #2 was killed by signal 9 (timed out)");
}

TEST(RunFailure, ListsFiveAndCountsTheRest) {
  json failed = evidence();
  failed["status"] = "failed";
  failed["runs"] = json::array();
  for (int i = 0; i < 7; ++i) failed["runs"].push_back({{"index", i}, {"exit_code", 1}});
  EXPECT_EQ(run_failure(failed),
            "7 of 7 executions failed: #0 exited 1, #1 exited 1, #2 exited 1, #3 exited 1, #4 exited 1, and 2 more");
}

TEST(RunFailure, AFailedStatusFailsEvenWithoutFailedExecutions) {
  json failed = evidence();
  failed["status"] = "failed";
  EXPECT_EQ(run_failure(failed), "its status is \"failed\" and it records no executions");
  failed["runs"] = json::parse(R"([{"index": 0, "exit_code": 0}])");
  EXPECT_EQ(run_failure(failed), "its status is \"failed\" though every execution it records exited 0");
}

}  // namespace
}  // namespace evident
