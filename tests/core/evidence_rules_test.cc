#include "core/evidence_rules.h"

#include <gtest/gtest.h>

namespace evident {
namespace {

using nlohmann::json;

TEST(EvidenceRules, AcceptsDistinctNames) {
  const json evidence = {{"benchmarks",
                          {{{"name", "a"}, {"metrics", {{{"name", "x"}}, {{"name", "y"}}}}},
                           {{"name", "b"}, {"metrics", {{{"name", "x"}}}}}}}};
  EXPECT_TRUE(check_evidence_rules(evidence).empty());
}

TEST(EvidenceRules, ReportsDuplicateMetricAtSecondOccurrence) {
  const json evidence = {{"benchmarks", {{{"name", "a"}, {"metrics", {{{"name", "x"}}, {{"name", "x"}}}}}}}};
  const std::vector<FormatViolation> found = check_evidence_rules(evidence);
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0].code, "evidence.duplicate_metric");
  EXPECT_EQ(found[0].pointer, "/benchmarks/0/metrics/1");
  EXPECT_EQ(found[0].message, "metric name \"x\" appears again; first at /benchmarks/0/metrics/0");
}

TEST(EvidenceRules, ReportsEveryRepeatInCpuLists) {
  const json evidence = {{"host", {{"affinity", {1, 2, 1, 1}}, {"cpus", {{{"id", 3}}, {{"id", 3}}}}}}};
  const std::vector<FormatViolation> found = check_evidence_rules(evidence);
  ASSERT_EQ(found.size(), 3U);
  EXPECT_EQ(found[0].pointer, "/host/cpus/1");
  EXPECT_EQ(found[0].message, "CPU id 3 appears again; first at /host/cpus/0");
  EXPECT_EQ(found[1].pointer, "/host/affinity/2");
  EXPECT_EQ(found[2].pointer, "/host/affinity/3");
}

TEST(EvidenceRules, SkipsUnreadableLists) {
  const json evidence = {{"host", {{"affinity", {{"unreadable", "EPERM"}}}}}};
  EXPECT_TRUE(check_evidence_rules(evidence).empty());
}

TEST(EvidenceRules, ChecksTheLengthOfTheMonth) {
  EXPECT_TRUE(check_evidence_rules({{"captured_at", "2028-02-29T00:00:00Z"}}).empty());
  EXPECT_TRUE(check_evidence_rules({{"captured_at", "2000-02-29T00:00:00Z"}}).empty());
  EXPECT_TRUE(check_evidence_rules({{"captured_at", "2026-04-30T00:00:00Z"}}).empty());
  const std::vector<FormatViolation> found = check_evidence_rules({{"captured_at", "1900-02-29T00:00:00Z"}});
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0].code, "evidence.invalid_date");
  EXPECT_EQ(found[0].message, "\"1900-02-29T00:00:00Z\" names day 29 of a month that has 28 days");
  EXPECT_EQ(check_evidence_rules({{"captured_at", "2026-04-31T00:00:00Z"}}).size(), 1U);
}

TEST(EvidenceRules, ReportsDuplicateArtifactPaths) {
  const json evidence = {{"artifacts", {{{"path", "a.json"}}, {{"path", "b.json"}}, {{"path", "a.json"}}}}};
  const std::vector<FormatViolation> found = check_evidence_rules(evidence);
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0].code, "evidence.duplicate_artifact");
  EXPECT_EQ(found[0].pointer, "/artifacts/2");
}

}  // namespace
}  // namespace evident
