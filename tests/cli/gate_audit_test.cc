// `evident check --base-ref` end to end on real git repositories made here: each change of a gate
// file reported with its meaning, "gate_changes": "separate" failing a loosening made with other
// files, GITHUB_BASE_REF resolved through origin, and every way the base cannot be found failing
// closed with exit 2.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli/command_runner.h"
#include "host/command_output.h"
#include "io/schema/schema_registry.h"

namespace evident::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using test_support::CliRun;
using test_support::run_command;

class GateAudit : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = fs::temp_directory_path() / ("evident-gate-audit-test-" + std::to_string(::getpid()));
    fs::remove_all(directory_);
    repo_ = directory_ / "repo";
    fs::create_directories(repo_ / "evidence");
    fs::copy_file("fixtures/check/passing/evidence/engine-run.json", repo_ / "evidence/engine-run.json");
    fs::copy_file("fixtures/policies/default.json", repo_ / "policy.json");
    write("evident.json", R"({"schema_version": "evident/config/1", "evidence": ["evidence/*.json"],
      "policy": "policy.json", "gate": {"mode": "budget", "budgets": "budgets.json"}})");
    write_budgets("0.11");
    write("src.c", "int main(void) { return 0; }\n");
    git(repo_, {"init", "-q", "-b", "main"});
    git(repo_, {"config", "user.name", "Test Author"});
    git(repo_, {"config", "user.email", "author@example.com"});
    git(repo_, {"config", "commit.gpgsign", "false"});
    commit("the first numbers");
    git(repo_, {"switch", "-q", "-c", "feature"});
  }
  void TearDown() override { fs::remove_all(directory_); }

  static std::string git(const fs::path& where, const std::vector<std::string>& arguments) {
    std::vector<std::string> argv{"git"};
    argv.insert(argv.end(), arguments.begin(), arguments.end());
    const host::CommandOutput output = host::run_for_output(argv, where.string(), {{"LC_ALL", "C"}});
    EXPECT_TRUE(output.succeeded()) << output.start_error << output.err;
    return output.out;
  }
  void write(const std::string& name, const std::string& text) const { std::ofstream(repo_ / name) << text << "\n"; }
  // The budgets of the fixture's two metrics, the wall time's max as given.
  void write_budgets(const std::string& wall_time_max) const {
    write("budgets.json", R"({"schema_version": "evident/budgets/1", "metrics": {
      "engine/matmul-f32/wall_time": {"max": )" +
                              wall_time_max + R"(, "stat": "p95", "unit": "s"},
      "engine/*/allocs_per_op": {"max": 16}}})");
  }
  void commit(const std::string& message) const {
    git(repo_, {"add", "-A"});
    git(repo_, {"commit", "-q", "-m", message});
  }
  // The check of the repository, its JSON result on stdout.
  CliRun check(const fs::path& where, const std::vector<std::string>& extra, const std::string& base_env = "") const {
    std::vector<std::string> arguments{"--config", (where / "evident.json").string(), "--format", "json"};
    arguments.insert(arguments.end(), extra.begin(), extra.end());
    if (base_env.empty()) return run_command("check", arguments);
    return run_command("check", arguments, {{"GITHUB_BASE_REF", base_env}});
  }
  static std::vector<std::string> messages(const json& result) {
    std::vector<std::string> lines;
    for (const json& change : result["gate_changes"]["changes"]) lines.push_back(change["message"]);
    return lines;
  }

  fs::path directory_, repo_;
};

TEST_F(GateAudit, ReportsEachChangeWithItsMeaning) {
  write("budgets.json", R"({"schema_version": "evident/budgets/1", "metrics": {
    "engine/matmul-f32/wall_time": {"max": 0.2, "stat": "p95", "unit": "s"},
    "engine/*/allocs_per_op": {"max": 13, "enforce": "soft"}}})");
  std::string policy = test_support::read_file(repo_ / "policy.json");
  policy.replace(policy.find("\"load_avg_max\": 1.0"), 19, "\"load_avg_max\": 2.0");
  write("policy.json", policy);
  commit("refresh the budgets and the policy");

  const CliRun run = check(repo_, {"--base-ref", "main"});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  const json result = json::parse(run.out);
  EXPECT_TRUE(io::schema_for(*io::find_kind("evident/result/1")).validate(result).empty());
  const json& audit = result["gate_changes"];
  EXPECT_EQ(audit["base_ref"], "main");
  EXPECT_EQ(audit["resolved_ref"], "main");
  EXPECT_EQ(audit["merge_base"], git(repo_, {"rev-parse", "main"}).substr(0, 40));
  EXPECT_EQ(audit["other_changed_files"], 0);
  EXPECT_EQ(audit["policy"], "report");
  EXPECT_EQ(messages(result),
            (std::vector<std::string>{"policy load_avg_max 1.0 -> 2.0 (looser)",
                                      "budget engine/*/allocs_per_op enforce none -> \"soft\" (not judged)",
                                      "budget engine/*/allocs_per_op max 16 -> 13 (tighter)",
                                      "budget engine/matmul-f32/wall_time max 0.11 -> 0.2 (looser)"}));
  EXPECT_EQ(audit["changes"][0]["file"], (repo_ / "policy.json").lexically_normal().generic_string());
  EXPECT_EQ(result["diagnostics"].size(), 4U);  // warnings beside the failures, which stay none
  EXPECT_EQ(result["diagnostics"][0]["code"], "gate_change.looser");
  EXPECT_EQ(result["diagnostics"][1]["code"], "gate_change.unjudged");
  EXPECT_EQ(result["diagnostics"][2]["code"], "gate_change.tighter");

  const CliRun text = run_command("check", {"--config", (repo_ / "evident.json").string(), "--base-ref", "main"});
  EXPECT_EQ(text.exit_code, 0);
  EXPECT_NE(text.out.find("warning[gate_change.looser]"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("budget engine/matmul-f32/wall_time max 0.11 -> 0.2 (looser)"), std::string::npos);
  EXPECT_NE(text.out.find("gate changes since main (merge base "), std::string::npos);
  EXPECT_NE(text.out.find("): 4 (3 looser or not judged); 0 other files changed"), std::string::npos) << text.out;

  // The job summary and the HTML report list the changes in a section of their own.
  const fs::path summary = directory_ / "summary.md", html = directory_ / "report.html";
  const CliRun reports = check(repo_, {"--base-ref", "main", "--summary", summary.string(), "--html", html.string()});
  EXPECT_EQ(reports.exit_code, 0);
  const std::string summary_text = test_support::read_file(summary);
  EXPECT_NE(summary_text.find("#### Gate changes since main (merge base "), std::string::npos) << summary_text;
  EXPECT_NE(summary_text.find("budget engine/matmul-f32/wall\\_time max 0.11 -&gt; 0.2 (looser)"), std::string::npos)
      << summary_text;
  const std::string html_text = test_support::read_file(html);
  EXPECT_NE(html_text.find("<section id=\"gate-changes\">"), std::string::npos);
  EXPECT_NE(html_text.find("<li><span class=\"direction-looser\">looser</span>"), std::string::npos);
}

TEST_F(GateAudit, BaselineAndToleranceChangesOfARegressionGate) {
  fs::copy_file("fixtures/check/regressed/evidence/baseline.json", repo_ / "baseline.json");
  fs::copy_file("fixtures/check/regressed/evidence/tolerances.json", repo_ / "tolerances.json");
  write("evident.json", R"({"schema_version": "evident/config/1", "evidence": ["evidence/*.json"],
    "gate": {"mode": "regression", "baseline": "baseline.json", "tolerances": "tolerances.json"}})");
  commit("a regression gate");
  git(repo_, {"branch", "-f", "main"});
  json baseline = json::parse(test_support::read_file(repo_ / "baseline.json"));
  baseline["metrics"]["engine/matmul-f32/wall_time"] = {{"unit", "s"}, {"better", "lower"}, {"value", 0.150}};
  baseline["metrics"].erase("engine/matmul-f32/allocs_per_op");
  write("baseline.json", baseline.dump(2));
  std::string tolerances = test_support::read_file(repo_ / "tolerances.json");
  tolerances.replace(tolerances.find("{\"absolute\": 1}"), 15, "{\"absolute\": 5}");
  write("tolerances.json", tolerances);
  commit("refresh the baseline");

  const CliRun run = check(repo_, {"--base-ref", "main"});
  const json result = json::parse(run.out);
  EXPECT_EQ(messages(result),
            (std::vector<std::string>{"baseline engine/matmul-f32/allocs_per_op 12 count -> none (looser)",
                                      "baseline engine/matmul-f32/wall_time 0.101 s -> 0.15 s (+48.5%, looser)",
                                      "tolerance allocs_per_op absolute 1 -> 5 (looser)"}));
  EXPECT_DOUBLE_EQ(result["gate_changes"]["changes"][1]["percent"].get<double>(), (0.15 - 0.101) / 0.101 * 100);
}

TEST_F(GateAudit, SeparateFailsALooseningMadeWithOtherFiles) {
  write("evident.json", R"({"schema_version": "evident/config/1", "evidence": ["evidence/*.json"],
    "policy": "policy.json", "gate": {"mode": "budget", "budgets": "budgets.json"}, "gate_changes": "separate"})");
  commit("gate changes are made on their own");
  git(repo_, {"branch", "-f", "main"});
  write_budgets("0.5");
  commit("a looser budget alone");
  const CliRun alone = check(repo_, {"--base-ref", "main"});
  EXPECT_EQ(alone.exit_code, 0) << alone.out;

  write("src.c", "int main(void) { return 1; }\n");
  commit("code beside it");
  const CliRun mixed = check(repo_, {"--base-ref", "main"});
  EXPECT_EQ(mixed.exit_code, 1) << mixed.out;
  const json result = json::parse(mixed.out);
  EXPECT_EQ(result["gate_changes"]["other_changed_files"], 1);
  EXPECT_EQ(result["gate_changes"]["policy"], "separate");
  const json& failure = result["failure_diagnostics"].back();
  EXPECT_EQ(failure["kind"], "gate_change");
  EXPECT_EQ(failure["code"], "gate_change.not_separate");
  EXPECT_EQ(failure["message"],
            "budget engine/matmul-f32/wall_time max 0.11 -> 0.5 (looser): a loosening in a change that also changes 1 "
            "other file since main");

  // A tightening made with code is only reported.
  write_budgets("0.105");
  commit("a tighter budget");
  const CliRun tighter = check(repo_, {"--base-ref", "main"});
  EXPECT_EQ(tighter.exit_code, 0) << tighter.out;
  EXPECT_EQ(messages(json::parse(tighter.out)),
            std::vector<std::string>{"budget engine/matmul-f32/wall_time max 0.11 -> 0.105 (tighter)"});
}

TEST_F(GateAudit, GithubBaseRefResolvesThroughOrigin) {
  const fs::path clone = directory_ / "clone";
  git(directory_, {"clone", "-q", "--branch", "main", repo_.string(), clone.string()});
  git(clone, {"switch", "-q", "-c", "topic"});
  const CliRun run = check(clone, {}, "main");
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  const json result = json::parse(run.out);
  EXPECT_EQ(result["gate_changes"]["base_ref"], "main");
  EXPECT_EQ(result["gate_changes"]["resolved_ref"], "origin/main");
  EXPECT_TRUE(result["gate_changes"]["changes"].empty());
  // Without --base-ref and GITHUB_BASE_REF, or with --no-base-ref, nothing is compared.
  EXPECT_FALSE(json::parse(check(clone, {}).out).contains("gate_changes"));
  EXPECT_FALSE(json::parse(check(clone, {"--no-base-ref"}, "gone").out).contains("gate_changes"));
}

TEST_F(GateAudit, AnUnknownRefIsExitTwo) {
  const CliRun run = check(repo_, {"--base-ref", "no-such-branch"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("error[base_ref.unknown_ref]"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("evident: cannot compare the gate files with the base: the base ref \"no-such-branch\" is "
                         "not a commit of this repository"),
            std::string::npos)
      << run.err;
  const CliRun github = check(repo_, {}, "gone");
  EXPECT_EQ(github.exit_code, 2);
  EXPECT_NE(github.err.find("the base ref \"origin/gone\" or \"gone\" is not a commit"), std::string::npos)
      << github.err;
}

TEST_F(GateAudit, OutsideARepositoryIsExitTwo) {
  fs::remove_all(repo_ / ".git");
  const CliRun run = check(repo_, {"--base-ref", "main"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("error[base_ref.not_a_repository]"), std::string::npos) << run.err;
}

TEST_F(GateAudit, AShallowCloneWithoutTheMergeBaseIsExitTwo) {
  write("src.c", "int main(void) { return 2; }\n");
  commit("work on the feature");
  git(repo_, {"switch", "-q", "main"});
  write("README", "main moves on\n");
  commit("main moves on");
  const fs::path shallow = directory_ / "shallow";
  git(directory_, {"clone", "-q", "--depth", "1", "--branch", "feature", "file://" + repo_.string(), shallow.string()});
  git(shallow, {"fetch", "-q", "--depth", "1", "origin", "main:refs/remotes/origin/main"});
  const CliRun run = check(shallow, {}, "main");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("error[base_ref.shallow]"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("the merge base of HEAD and origin/main is not in this shallow clone"), std::string::npos);
}

TEST_F(GateAudit, WithoutGitIsExitTwo) {
  const std::string path = std::getenv("PATH") != nullptr ? std::getenv("PATH") : "";
  ::setenv("PATH", (directory_ / "no-programs-here").c_str(), 1);
  const CliRun run = check(repo_, {"--base-ref", "main"});
  ::setenv("PATH", path.c_str(), 1);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("error[base_ref.no_git]"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("git could not be run (ENOENT: git)"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace evident::cli
