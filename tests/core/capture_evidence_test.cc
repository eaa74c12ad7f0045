#include "core/capture_evidence.h"

#include <gtest/gtest.h>

namespace evident {
namespace {

using nlohmann::json;

// A host that meets every rule of the built-in policy on CPU 2.
json isolated_host() {
  return json::parse(R"({
    "hostname": "bench-01", "kernel": "6.1.0", "kernel_cmdline": "isolcpus=2 nohz_full=2",
    "cpu_model": "x", "logical_cpus": 4,
    "runner": {"name": "bench-01", "self_hosted": true, "labels": ["self-hosted", "isolated-benchmark"]},
    "reserved_cpus": [2], "affinity": [2],
    "cpus": [{"id": 2, "governor": "performance", "frequency_khz": 3000000, "smt_siblings": [2]}],
    "boost": "disabled", "aslr": 0,
    "load_avg": {"before": [0.1, 0.1, 0.1], "after": [0.1, 0.1, 0.1]},
    "concurrent_jobs": []})");
}

CapturedRun run(double wall, int exit_code = 0, bool warmup = false) {
  CapturedRun captured;
  captured.warmup = warmup;
  captured.exit_code = exit_code;
  captured.wall_seconds = wall;
  captured.user_seconds = wall / 2;
  captured.max_rss_bytes = 1024;
  captured.affinity = json::array({2});
  captured.scheduler = {{"policy", "SCHED_FIFO"}, {"priority", 1}};
  return captured;
}

CaptureInput input() {
  CaptureInput in;
  in.suite = "engine";
  in.benchmark = "matmul";
  in.command = {"./bench"};
  in.captured_at = "2026-11-20T10:15:00Z";
  in.producer_version = "0.1.0";
  in.host = isolated_host();
  in.load_after = json::array({0.2, 0.1, 0.1});
  in.concurrent_jobs = json::array();
  in.runs = {run(0.5, 0, true), run(0.1), run(0.2)};
  return in;
}

TEST(CaptureEvidence, MeasuredRunsBecomeSamplesAndTheClaimIsDerived) {
  const json evidence = json::parse(capture_evidence(input(), Policy{}).dump());
  EXPECT_EQ(evidence["status"], "passed");
  EXPECT_EQ(evidence["classification"], "isolated_affinity");
  EXPECT_EQ(evidence["host"]["load_avg"]["after"], json::parse("[0.2, 0.1, 0.1]"));
  EXPECT_EQ(evidence["host"]["scheduler"]["policy"], "SCHED_FIFO");
  const json& metrics = evidence["benchmarks"][0]["metrics"];
  EXPECT_EQ(metrics[0]["samples"], json::parse("[0.1, 0.2]"));
  EXPECT_EQ(metrics[1]["samples"], json::parse("[0.05, 0.1]"));
  EXPECT_EQ(metrics[3]["samples"], json::parse("[1024.0, 1024.0]"));
  EXPECT_EQ(evidence["runs"][0]["warmup"], true);
  EXPECT_EQ(evidence["producer"]["name"], "evident capture");
}

TEST(CaptureEvidence, AFailedRunFailsTheEvidenceAndAnUnpinnedChildIsNotIsolated) {
  CaptureInput in = input();
  in.runs.push_back(run(0.3, 2));
  in.runs[1].affinity = json::array({0, 1, 2, 3});  // the child really had every CPU
  const json evidence = json::parse(capture_evidence(in, Policy{}).dump());
  EXPECT_EQ(evidence["status"], "failed");
  EXPECT_EQ(evidence["benchmarks"][0]["metrics"][0]["samples"], json::parse("[0.1, 0.2]"));
  EXPECT_EQ(evidence["host"]["affinity"], json::parse("[0, 1, 2, 3]"));
  EXPECT_EQ(evidence["classification"], "functional_non_isolated");
}

TEST(CaptureEvidence, NoSuccessfulMeasuredRunLeavesNoBenchmark) {
  CaptureInput in = input();
  in.runs = {run(0.1, 1)};
  const json evidence = json::parse(capture_evidence(in, Policy{}).dump());
  EXPECT_EQ(evidence["benchmarks"], json::array());
  EXPECT_EQ(evidence["status"], "failed");
}

}  // namespace
}  // namespace evident
