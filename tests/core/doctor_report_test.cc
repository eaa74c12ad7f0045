#include "core/doctor_report.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace evident {
namespace {

using nlohmann::json;

// The host of the specification's example: every host rule holds.
json isolated_host() {
  std::ifstream in(std::string(EVIDENT_SOURCE_DIR) + "/fixtures/evidence/valid/spec-example.json", std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return json::parse(text.str())["host"];
}

std::vector<std::string> codes(const std::vector<RuleFinding>& findings) {
  std::vector<std::string> result;
  for (const RuleFinding& finding : findings) result.push_back(finding.code);
  return result;
}

TEST(DoctorReport, AnIsolatedHostIsReadyAndKeepsItsSnapshotCpusAndPolicy) {
  Policy policy;
  policy.sha256 = "abc";
  const DoctorReport report = doctor_report(isolated_host(), {2, 3}, "--cpus", policy);
  EXPECT_TRUE(report.ready());
  EXPECT_TRUE(report.blockers.empty());
  EXPECT_EQ(report.cpus, (std::vector<int>{2, 3}));
  EXPECT_EQ(report.cpus_source, "--cpus");
  EXPECT_EQ(report.policy_name, "default");
  EXPECT_EQ(report.policy_version, 1);
  EXPECT_EQ(report.policy_sha256, "abc");
  EXPECT_EQ(report.host, isolated_host());
}

TEST(DoctorReport, AHighLoadIsOneBlockerBecauseTheLoadIsReadOnce) {
  json host = isolated_host();
  host["load_avg"] = {{"before", {3.5, 1.0, 1.0}}, {"after", {3.5, 1.0, 1.0}}};
  const DoctorReport report = doctor_report(host, {1}, "isolcpus=", Policy{});
  EXPECT_FALSE(report.ready());
  EXPECT_EQ(codes(report.blockers), (std::vector<std::string>{"load.before_too_high"}));
}

TEST(DoctorReport, AHighLoadOnlyAfterIsStillABlocker) {
  json host = isolated_host();
  host["load_avg"] = {{"before", {0.5, 1.0, 1.0}}, {"after", {3.5, 1.0, 1.0}}};
  const DoctorReport report = doctor_report(host, {1}, "isolcpus=", Policy{});
  EXPECT_EQ(codes(report.blockers), (std::vector<std::string>{"load.after_too_high"}));
}

}  // namespace
}  // namespace evident
