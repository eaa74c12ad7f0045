#include "core/imported_evidence.h"

#include <fstream>

#include <gtest/gtest.h>

namespace evident {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

Imported imported_run() {
  Imported imported;
  imported.tool = "google-benchmark";
  imported.suite = "bench";
  imported.benchmarks = ordered_json::parse(
      R"([{"name": "BM_Copy", "metrics": [{"name": "real_time", "unit": "ns", "better": "lower", "samples": [26.01]}]}])");
  imported.host = {{"hostname", "bench-01"}, {"logical_cpus", 8}, {"cpu_model", "AMD  EPYC 7B13 "}};
  imported.metadata = {{"context", {{"library_build_type", "release"}}}};
  imported.captured_at = "2026-11-22T23:01:12Z";
  return imported;
}

ImportSettings settings() {
  ImportSettings s;
  s.format = "googlebenchmark";
  s.producer_version = "0.1.0";
  s.fallback_captured_at = "2026-01-01T00:00:00Z";
  return s;
}

json snapshot_host() {
  std::ifstream file(std::string(EVIDENT_SOURCE_DIR) + "/fixtures/import/snapshots/isolated-bench-01.json");
  return json::parse(file).at("host");
}

// Settings merging the snapshot of bench-01, checked 72 seconds before the run's captured_at.
ImportSettings snapshot_settings() {
  ImportSettings s = settings();
  s.host_snapshot = snapshot_host();
  s.snapshot_checked_at = "2026-11-22T23:00:00Z";
  return s;
}

TEST(ImportedEvidence, AssemblesTheDocumentAroundWhatTheToolRecorded) {
  const ImportResult result = imported_evidence(imported_run(), settings(), default_policy());
  ASSERT_TRUE(result.problems.empty());
  const ordered_json& evidence = result.evidence;
  EXPECT_EQ(evidence["schema_version"], "evident/evidence/1");
  EXPECT_EQ(evidence["suite"], ordered_json({{"name", "bench"}}));
  EXPECT_EQ(evidence["classification"], "functional_non_isolated");
  EXPECT_EQ(evidence["status"], "passed");
  EXPECT_EQ(evidence["captured_at"], "2026-11-22T23:01:12Z");
  EXPECT_EQ(evidence["producer"],
            ordered_json({{"name", "evident import"}, {"version", "0.1.0"}, {"imported_from", "google-benchmark"}}));
  EXPECT_EQ(evidence["host"], imported_run().host);
  EXPECT_EQ(evidence["benchmarks"], imported_run().benchmarks);
  EXPECT_EQ(evidence["extensions"], ordered_json({{"googlebenchmark", imported_run().metadata}}));
}

TEST(ImportedEvidence, SettingsNameTheSuiteProfileAndTimeAndTheToolItsVersion) {
  Imported imported = imported_run();
  imported.tool_version = "3.2.2";
  imported.commit = "0123456789abcdef0123456789abcdef01234567";
  imported.failed = true;
  imported.metadata = ordered_json::object();
  ImportSettings s = settings();
  s.suite = "engine";
  s.profile = "nightly";
  s.captured_at = "2026-11-23T09:30:00Z";
  const ordered_json evidence = imported_evidence(imported, s, default_policy()).evidence;
  EXPECT_EQ(evidence["suite"],
            ordered_json(
                {{"name", "engine"}, {"profile", "nightly"}, {"commit", "0123456789abcdef0123456789abcdef01234567"}}));
  EXPECT_EQ(evidence["captured_at"], "2026-11-23T09:30:00Z");
  EXPECT_EQ(evidence["status"], "failed");
  EXPECT_EQ(evidence["producer"]["imported_from"], "google-benchmark 3.2.2");
  EXPECT_FALSE(evidence.contains("extensions"));
}

TEST(ImportedEvidence, WithoutASuggestionOrTimeTheFormatAndTheFilesTimeStandIn) {
  Imported imported = imported_run();
  imported.suite.clear();
  imported.captured_at.clear();
  const ordered_json evidence = imported_evidence(imported, settings(), default_policy()).evidence;
  EXPECT_EQ(evidence["suite"]["name"], "googlebenchmark");
  EXPECT_EQ(evidence["captured_at"], "2026-01-01T00:00:00Z");
}

TEST(ImportedEvidence, ASnapshotOfTheIsolatedHostEarnsTheIsolatedClass) {
  ImportSettings s = snapshot_settings();
  const ImportResult result = imported_evidence(imported_run(), s, default_policy());
  ASSERT_TRUE(result.problems.empty());
  EXPECT_EQ(result.evidence["classification"], "isolated_affinity");
  // The snapshot's readings win; the tool's fill only what the snapshot lacks.
  EXPECT_EQ(result.evidence["host"]["cpu_model"], s.host_snapshot["cpu_model"]);
  EXPECT_EQ(result.evidence["host"]["affinity"], json::array({2, 6}));
  Imported without_model = imported_run();
  s.host_snapshot.erase("cpu_model");
  EXPECT_EQ(imported_evidence(without_model, s, default_policy()).evidence["host"]["cpu_model"], "AMD  EPYC 7B13 ");
}

TEST(ImportedEvidence, ASnapshotOfAnotherHostIsRefused) {
  ImportSettings s = snapshot_settings();
  Imported imported = imported_run();
  imported.host["hostname"] = "laptop";
  imported.host["logical_cpus"] = 2;
  const ImportResult result = imported_evidence(imported, s, default_policy());
  EXPECT_TRUE(result.evidence.is_null());
  ASSERT_EQ(result.problems.size(), 2u);
  EXPECT_EQ(result.problems[0].code, "import.host_mismatch");
  EXPECT_EQ(result.problems[0].pointer, "/host/hostname");
  EXPECT_EQ(
      result.problems[0].message,
      "the snapshot's hostname is \"bench-01\", but the imported output recorded \"laptop\": the snapshot was taken "
      "on another host");
  EXPECT_EQ(result.problems[1].pointer, "/host/logical_cpus");
  EXPECT_EQ(
      result.problems[1].message,
      "the snapshot's logical_cpus is 8, but the imported output recorded 2: the snapshot was taken on another host");
}

TEST(ImportedEvidence, EveryFactThatContradictsTheToolIsNamed) {
  Imported imported = imported_run();
  imported.host["cpu_model"] = "Intel(R) Xeon(R) Processor";
  imported.host["kernel"] = "6.1.0-18-amd64";
  const ImportResult result = imported_evidence(imported, snapshot_settings(), default_policy());
  ASSERT_EQ(result.problems.size(), 2u);
  EXPECT_EQ(result.problems[0].pointer, "/host/cpu_model");
  EXPECT_EQ(result.problems[0].message,
            "the snapshot's cpu_model is \"AMD EPYC 7B13\", but the imported output recorded \"Intel(R) Xeon(R) "
            "Processor\": the snapshot was taken on another host");
  EXPECT_EQ(result.problems[1].pointer, "/host/kernel");
  // A reading the snapshot could not make contradicts nothing.
  ImportSettings s = snapshot_settings();
  s.host_snapshot["cpu_model"] = {{"unreadable", "ENOENT: /proc/cpuinfo"}};
  s.host_snapshot["kernel"] = "6.1.0-18-amd64";
  EXPECT_TRUE(imported_evidence(imported, s, default_policy()).problems.empty());
}

TEST(ImportedEvidence, ASnapshotOfNoKnownTimeIsRefused) {
  ImportSettings s = snapshot_settings();
  s.snapshot_checked_at.clear();
  const ImportResult result = imported_evidence(imported_run(), s, default_policy());
  EXPECT_TRUE(result.evidence.is_null());
  ASSERT_EQ(result.problems.size(), 1u);
  EXPECT_EQ(result.problems[0].code, "import.snapshot_undated");
  EXPECT_EQ(result.problems[0].pointer, "");
  EXPECT_EQ(result.problems[0].hint,
            "re-run `evident doctor --format json` on the benchmark host just before or after the run");
}

TEST(ImportedEvidence, ASnapshotTooFarFromTheRunIsRefusedEitherWay) {
  ImportSettings s = snapshot_settings();
  s.snapshot_checked_at = "2026-11-22T22:51:12Z";  // 600 s before 23:01:12: the limit, accepted
  EXPECT_TRUE(imported_evidence(imported_run(), s, default_policy()).problems.empty());
  s.snapshot_checked_at = "2026-11-22T22:51:11Z";
  ImportResult result = imported_evidence(imported_run(), s, default_policy());
  ASSERT_EQ(result.problems.size(), 1u);
  EXPECT_EQ(result.problems[0].code, "import.snapshot_stale");
  EXPECT_EQ(result.problems[0].pointer, "/checked_at");
  EXPECT_EQ(result.problems[0].message,
            "the snapshot was checked at 2026-11-22T22:51:11Z, 10m 1s before the run's captured_at "
            "2026-11-22T23:01:12Z; at most 10m (--max-snapshot-age) is accepted");
  s.snapshot_checked_at = "2026-11-24T02:01:12+01:00";  // a day later, in another offset
  s.max_snapshot_age_seconds = 3600;
  result = imported_evidence(imported_run(), s, default_policy());
  ASSERT_EQ(result.problems.size(), 1u);
  EXPECT_EQ(result.problems[0].message,
            "the snapshot was checked at 2026-11-24T02:01:12+01:00, 1d 2h after the run's captured_at "
            "2026-11-22T23:01:12Z; at most 1h (--max-snapshot-age) is accepted");
}

}  // namespace
}  // namespace evident
