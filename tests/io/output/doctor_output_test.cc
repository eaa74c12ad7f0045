#include "io/output/doctor_output.h"

#include <gtest/gtest.h>

#include <sstream>

namespace evident::io {
namespace {

RuleFinding governor_finding() {
  RuleFinding finding;
  finding.code = "governor.not_performance";
  finding.message = "the governor is powersave";
  finding.pointer = "/host/cpus/0/governor";
  finding.observed = "\"powersave\"";
  finding.required = "\"performance\"";
  finding.fix = "cpupower frequency-set -g performance";
  return finding;
}

DoctorReport report_with(std::vector<RuleFinding> blockers, std::vector<RuleFinding> advisories) {
  DoctorReport report;
  report.cpus = {2, 3};
  report.cpus_source = "--cpus";
  report.policy_name = "default";
  report.policy_sha256 = "abc";
  report.blockers = std::move(blockers);
  report.advisories = std::move(advisories);
  report.host = {{"hostname", "bench-01"}};
  report.checked_at = "2026-11-26T12:00:00Z";
  report.boot_id = "6f1c2a9e-3b7d-4c55-9a1e-2d8f0b4c7e13";
  return report;
}

TEST(DoctorText, NamesHostCpusPolicyEachFindingAndTheVerdict) {
  RuleFinding advisory = governor_finding();
  advisory.code = "boost.unknown";
  advisory.required.clear();
  advisory.fix.clear();
  std::ostringstream out;
  render_doctor_text(out, report_with({governor_finding()}, {advisory}));
  EXPECT_EQ(out.str(),
            "host bench-01, CPUs 2-3 (from --cpus), policy default (sha256 abc)\n"
            "blocker[governor.not_performance]: the governor is powersave (observed \"powersave\", required "
            "\"performance\") (at /host/cpus/0/governor)\n"
            "  fix: cpupower frequency-set -g performance\n"
            "advisory[boost.unknown]: the governor is powersave (at /host/cpus/0/governor)\n"
            "not ready: 1 blocker, 1 advisory finding\n");
}

TEST(DoctorText, AReadyHost) {
  std::ostringstream out;
  render_doctor_text(out, report_with({}, {}));
  EXPECT_EQ(out.str(),
            "host bench-01, CPUs 2-3 (from --cpus), policy default (sha256 abc)\n"
            "ready for isolated runs, 0 advisory findings\n");
}

TEST(DoctorJson, HoldsTheVerdictFindingsAndHostInOrder) {
  const nlohmann::ordered_json json = doctor_report_json(report_with({governor_finding()}, {}));
  std::string keys;
  for (const auto& [key, unused] : json.items()) keys += key + " ";
  EXPECT_EQ(keys, "schema_version ready cpus cpus_source checked_at boot_id policy blockers advisories host ");
  EXPECT_EQ(json["checked_at"], "2026-11-26T12:00:00Z");
  EXPECT_EQ(json["boot_id"], "6f1c2a9e-3b7d-4c55-9a1e-2d8f0b4c7e13");
  EXPECT_EQ(json["schema_version"], "evident/doctor/1");
  EXPECT_EQ(json["ready"], false);
  EXPECT_EQ(json["cpus"].dump(), "[2,3]");
  EXPECT_EQ(json["policy"].dump(), R"({"name":"default","version":1,"sha256":"abc"})");
  EXPECT_EQ(json["blockers"][0]["code"], "governor.not_performance");
  EXPECT_EQ(json["advisories"], nlohmann::ordered_json::array());
  EXPECT_EQ(json["host"].dump(), R"({"hostname":"bench-01"})");
}

}  // namespace
}  // namespace evident::io
