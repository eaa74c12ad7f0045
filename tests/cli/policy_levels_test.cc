// doctor and classify read the same rule levels: for a fake host tree and a policy, the class doctor
// gives the host is the class classify derives for evidence recorded on it, with the same blockers
// and the same advisories.
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli/command_runner.h"

namespace evident::cli {
namespace {

using nlohmann::json;

using test_support::CliRun;
using test_support::read_file;
using test_support::run_command;

// The codes of a list of findings, without the load.after_* findings that doctor leaves out when it
// reports their load.before_* twin (it reads the load once, for both).
std::vector<std::string> codes(const json& findings) {
  std::vector<std::string> result;
  for (const json& finding : findings) {
    const std::string code = finding.at("code").get<std::string>();
    if (!code.starts_with("load.after_")) result.push_back(code);
  }
  return result;
}

std::vector<std::string> with_policy(std::vector<std::string> arguments, const std::string& policy) {
  if (!policy.empty()) arguments.insert(arguments.end(), {"--policy", policy});
  return arguments;
}

class PolicyLevels : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = std::filesystem::temp_directory_path() / ("evident-policy-levels-" + std::to_string(::getpid()));
    std::filesystem::create_directories(directory_);
  }
  void TearDown() override { std::filesystem::remove_all(directory_); }

  std::filesystem::path directory_;
};

TEST_F(PolicyLevels, DoctorAndClassifyGiveTheSameClassForTheSameHostAndPolicy) {
  const json template_evidence = json::parse(read_file("fixtures/evidence/classification/isolated.json"));
  std::size_t isolated = 0;
  std::size_t relaxed_warnings = 0;
  struct Host {
    std::string tree, cpus;  // cpus: for a tree without a reservation of its own
  };
  for (const Host& host : {Host{"runner-powersave", ""}, Host{"tuned-isolated", ""}, Host{"laptop-powersave", "2-3"},
                           Host{"smt-unreserved", ""}}) {
    const std::string& tree = host.tree;
    for (const std::string policy : {"", "fixtures/policies/powersave-warns.json",
                                     "fixtures/policies/governor-off.json", "fixtures/policies/strict.json"}) {
      const std::string label = tree + " under " + (policy.empty() ? "the built-in policy" : policy);
      std::vector<std::string> arguments{"--root",         "fixtures/hosts/" + tree, "--runner-label", "self-hosted",
                                         "--runner-label", "isolated-benchmark",     "--format",       "json"};
      if (!host.cpus.empty()) arguments.insert(arguments.end(), {"--cpus", host.cpus});
      const CliRun doctor = run_command("doctor", with_policy(arguments, policy));
      ASSERT_TRUE(doctor.exit_code == 0 || doctor.exit_code == 1) << label << "\n" << doctor.err;
      const json report = json::parse(doctor.out);
      const bool ready = report.at("ready").get<bool>();
      EXPECT_EQ(doctor.exit_code, ready ? 0 : 1) << label;

      // Evidence recorded on that host, claiming the class doctor gave it.
      json evidence = template_evidence;
      evidence["host"] = report.at("host");
      evidence["classification"] = ready ? "isolated_affinity" : "functional_non_isolated";
      const std::filesystem::path file = directory_ / (tree + ".json");
      std::ofstream(file) << evidence.dump(2) << "\n";

      const CliRun classify = run_command("classify", with_policy({"--format", "json", file.string()}, policy));
      EXPECT_EQ(classify.exit_code, 0) << label << "\n" << classify.out << classify.err;
      const json verdict = json::parse(classify.out).at("files").at(0).at("verdict");
      EXPECT_EQ(verdict.at("derived"), evidence["classification"]) << label;
      EXPECT_EQ(verdict.at("claim_finding"), nullptr) << label;
      EXPECT_EQ(codes(verdict.at("failed_rules")), codes(report.at("blockers"))) << label;
      EXPECT_EQ(codes(verdict.at("advisories")), codes(report.at("advisories"))) << label;
      EXPECT_EQ(verdict.at("policy").at("sha256"), report.at("policy").at("sha256")) << label;
      isolated += ready ? 1U : 0U;
      for (const json& finding : report.at("advisories")) {
        if (finding.at("code") == "governor.not_performance") {
          EXPECT_EQ(finding.at("severity"), "warning") << label;
          EXPECT_EQ(finding.at("blocking"), false) << label;
          ++relaxed_warnings;
        }
      }
    }
  }
  // The powersave runner is ready under the two policies that relax the governor and under no other,
  // the tuned host under all four, the host with an unreserved SMT sibling under all but the strict
  // one, the busy laptop under none. The warning is said only where the governor is advisory.
  EXPECT_EQ(isolated, 9U);
  EXPECT_EQ(relaxed_warnings, 4U);  // both CPUs of the powersave runner, both of the laptop's
}

}  // namespace
}  // namespace evident::cli
