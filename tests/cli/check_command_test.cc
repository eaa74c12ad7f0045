// `evident check` end to end, in process: the result validates against its schema and adds up,
// every report re-renders from the saved result to the same bytes, two runs agree byte for byte,
// hostile names render inertly, and the job summary respects what the file already holds.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/command_runner.h"
#include "io/schema/schema_registry.h"

namespace evident::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

using test_support::CliRun;
using test_support::read_file;
using test_support::run_command;

class CheckCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = fs::temp_directory_path() / ("evident-check-test-" + std::to_string(::getpid()));
    fs::remove_all(directory_);
    fs::create_directories(directory_);
  }
  void TearDown() override { fs::remove_all(directory_); }

  // Every report of one check of the fixture repository into directory/<name>/.
  CliRun check_into(const std::string& name, const std::string& config, const std::string& jobs = "2") {
    const fs::path out = directory_ / name;
    return run_command("check", {"--config", config, "--jobs", jobs, "--json", (out / "result.json").string(),
                                 "--markdown", (out / "report.md").string(), "--html", (out / "report.html").string(),
                                 "--junit", (out / "junit.xml").string(), "--summary", (out / "summary.md").string()});
  }

  fs::path directory_;
};

const char* const regressed = "fixtures/check/regressed/evident.json";
const char* const passing = "fixtures/check/passing/evident.json";
const std::vector<std::string> report_files{"result.json", "report.md", "report.html", "junit.xml", "summary.md"};

TEST_F(CheckCommand, ResultMatchesItsSchemaAndAddsUp) {
  for (const char* config : {regressed, passing, "fixtures/check/tables/evident.json"}) {
    const CliRun run = run_command("check", {"--config", config, "--format", "json"});
    const json result = json::parse(run.out);
    const std::vector<io::SchemaViolation> violations =
        io::schema_for(*io::find_kind("evident/result/1")).validate(result);
    for (const io::SchemaViolation& violation : violations)
      ADD_FAILURE() << violation.pointer << ": " << violation.description;
    const json& summary = result["summary"];
    EXPECT_EQ(summary["files"], result["files"].size());
    EXPECT_EQ(summary["valid_files"].get<int>() + summary["invalid_files"].get<int>(), summary["files"].get<int>());
    EXPECT_EQ(summary["gated"], result["budget_checks"].size() + result["regression_checks"].size());
    EXPECT_EQ(summary["gate_passed"].get<int>() + summary["gate_failed"].get<int>(), summary["gated"].get<int>());
    EXPECT_EQ(summary["isolated_affinity"].get<int>() + summary["functional_non_isolated"].get<int>(),
              summary["evidence_files"].get<int>());
    int errors = 0, warnings = 0;
    for (const json& failure : result["failure_diagnostics"]) ++(failure["severity"] == "error" ? errors : warnings);
    EXPECT_EQ(summary["errors"], errors);
    EXPECT_EQ(summary["warnings"], warnings);
    EXPECT_EQ(result["passed"], errors == 0);
    EXPECT_EQ(result["exit_code"], run.exit_code);
  }
}

TEST_F(CheckCommand, TheRegressedRepositoryFailsForEachOfItsReasons) {
  const CliRun run = run_command("check", {"--config", regressed, "--format", "json"});
  EXPECT_EQ(run.exit_code, 1);
  const json result = json::parse(run.out);
  std::vector<std::string> failures;
  for (const json& failure : result["failure_diagnostics"]) {
    failures.push_back(failure["kind"].get<std::string>() + " " + failure["severity"].get<std::string>() + " " +
                       failure["code"].get<std::string>());
  }
  EXPECT_EQ(failures, (std::vector<std::string>{
                          "validation error json.duplicate_key", "classification error classification.over_claim",
                          "classification error runner.label_missing", "regression error gate.regression",
                          "regression error gate.regression", "rolling warning rolling.cv_over"}));
  const json& regression = result["failure_diagnostics"][3];
  EXPECT_EQ(regression["metric"], "engine/matmul-f32/allocs_per_op");
  EXPECT_EQ(regression["file"], "fixtures/check/regressed/evidence/engine-run.json");
  EXPECT_EQ(regression["line"], 82);
  EXPECT_EQ(regression["pointer"], "/benchmarks/0/metrics/1");
  EXPECT_EQ(regression["threshold"], 13);
  EXPECT_EQ(regression["observed"], 14);
  EXPECT_EQ(regression["classification"], "isolated_affinity");
  EXPECT_EQ(result["gate_mode"], "regression");
  EXPECT_EQ(result["profile"], nullptr);
  EXPECT_EQ(result["rolling"]["skipped_files"], 1);
}

TEST_F(CheckCommand, EveryReportReRendersFromTheSavedResultToTheSameBytes) {
  for (const char* config : {regressed, passing}) {
    const CliRun run = check_into("a", config);
    ASSERT_LE(run.exit_code, 1) << run.err;
    const fs::path out = directory_ / "a";
    const std::map<std::string, std::string> formats{
        {"markdown", "report.md"}, {"html", "report.html"}, {"junit", "junit.xml"}, {"summary", "summary.md"}};
    for (const auto& [format, file] : formats) {
      const CliRun report = run_command("report", {(out / "result.json").string(), "--format", format});
      EXPECT_EQ(report.exit_code, 0) << report.err;
      EXPECT_TRUE(report.out == read_file(out / file)) << config << " " << format;
    }
    fs::remove_all(out);
  }
}

TEST_F(CheckCommand, TwoRunsGiveTheSameBytesWhateverTheJobs) {
  // The report paths are part of the result, so both runs write to the same place.
  std::map<std::string, std::string> first;
  check_into("run", regressed, "1");
  for (const std::string& file : report_files) first[file] = read_file(directory_ / "run" / file);
  fs::remove_all(directory_ / "run");
  check_into("run", regressed, "8");
  for (const std::string& file : report_files) {
    EXPECT_FALSE(first[file].empty()) << file;
    EXPECT_TRUE(first[file] == read_file(directory_ / "run" / file)) << file;
  }
  // --format json prints exactly what --json writes.
  const CliRun printed = run_command(
      "check", {"--config", regressed, "--format", "json", "--json", (directory_ / "printed.json").string()});
  EXPECT_TRUE(printed.out == read_file(directory_ / "printed.json"));
}

// The codes of the diagnostics the text output prints, in its order ("file:line:col: error[code]: ...").
std::vector<std::string> printed_codes(const std::string& text) {
  std::vector<std::string> codes;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line.front() == ' ') continue;
    const std::size_t open = line.find("]: "), start = line.rfind('[', open);
    if (open != std::string::npos && start != std::string::npos)
      codes.push_back(line.substr(start + 1, open - start - 1));
  }
  return codes;
}

std::string plural(std::size_t count, const std::string& noun) {
  return std::to_string(count) + " " + noun + (count == 1 ? "" : "s");
}

// The text output keeps no record of a file with nothing to report and counts every metric
// instead of listing it; its summary and failures are still those of the full result.
TEST_F(CheckCommand, TheTextOutputCountsWhatTheResultLists) {
  const fs::path repository = directory_ / "mixed";
  fs::create_directories(repository / "evidence");
  for (const char* file :
       {"failed-run/evidence/failed-run.json", "failed-run/evidence/good-run.json", "regressed/evidence/broken.json",
        "regressed/evidence/engine-run.json", "regressed/evidence/baseline.json", "regressed/evidence/hostile.json",
        "require-class/evidence/honest-non-isolated.json", "require-class/evidence/isolated.json",
        "tables/evidence/orphan.csv"}) {
    fs::copy_file(fs::path("fixtures/check") / file, repository / "evidence" / fs::path(file).filename());
  }
  std::ofstream(repository / "evident.json") << R"({"schema_version": "evident/config/1",
      "evidence": ["evidence/*"], "require_class": "isolated_affinity"})";
  const std::string mixed = (repository / "evident.json").string();
  for (const std::string& config :
       {std::string(regressed), std::string(passing), mixed, std::string("fixtures/check/tables/evident.json"),
        std::string("fixtures/check/failed-run/evident.json"), std::string("fixtures/check/require-class/evident.json"),
        std::string("fixtures/check/rolling/mixed-soft.json")}) {
    const CliRun text = run_command("check", {"--config", config});
    const CliRun listed = run_command("check", {"--config", config, "--format", "json"});
    ASSERT_LE(listed.exit_code, 1) << config << ": " << listed.err;
    EXPECT_EQ(text.exit_code, listed.exit_code) << config;
    const json result = json::parse(listed.out);
    const json& s = result["summary"];
    const std::string files_line = "  files: " + s["files"].dump() + " (" + s["invalid_files"].dump() +
                                   " invalid); evidence: " + s["evidence_files"].dump() + " (" +
                                   s["isolated_affinity"].dump() + " isolated_affinity, " +
                                   s["functional_non_isolated"].dump() + " functional_non_isolated, " +
                                   s["over_claimed"].dump() + " over-claimed)\n";
    EXPECT_NE(text.out.find(files_line), std::string::npos) << config << ":\n" << text.out;
    const std::string failures_line = "  failures: " + plural(s["errors"].get<std::size_t>(), "error") + ", " +
                                      plural(s["warnings"].get<std::size_t>(), "warning") + "\n";
    EXPECT_NE(text.out.find(failures_line), std::string::npos) << config << ":\n" << text.out;
    std::vector<std::string> codes;
    for (const json& diagnostic : result["diagnostics"]) codes.push_back(diagnostic["code"].get<std::string>());
    for (const json& failure : result["failure_diagnostics"]) codes.push_back(failure["code"].get<std::string>());
    EXPECT_EQ(printed_codes(text.out), codes) << config;
  }
  // The mixed repository has each kind of file the text output counts or lists: valid evidence,
  // another kind, an invalid file, an unusable table, an over-claim, a run of another class than
  // the required one, a failed run.
  const CliRun text = run_command("check", {"--config", mixed});
  EXPECT_NE(text.out.find("  files: 9 (2 invalid); evidence: 6 (4 isolated_affinity, 2 functional_non_isolated, "
                          "1 over-claimed)\n"),
            std::string::npos)
      << text.out;
  const json result = json::parse(run_command("check", {"--config", mixed, "--format", "json"}).out);
  EXPECT_EQ(result["summary"]["metrics"], result["metrics"].size());
  std::vector<std::string> failures;
  for (const json& failure : result["failure_diagnostics"]) {
    failures.push_back(failure["code"].get<std::string>() + " " + failure["file"].get<std::string>());
  }
  const std::string evidence = (repository / "evidence").generic_string() + "/";
  EXPECT_EQ(failures, (std::vector<std::string>{"json.duplicate_key " + evidence + "broken.json",
                                                "csv.no_schema " + evidence + "orphan.csv",
                                                "classification.over_claim " + evidence + "hostile.json",
                                                "runner.label_missing " + evidence + "hostile.json",
                                                "classify.required_class " + evidence + "honest-non-isolated.json",
                                                "classify.required_class " + evidence + "hostile.json",
                                                "evidence.run_failed " + evidence + "failed-run.json"}));
}

TEST_F(CheckCommand, HostileNamesRenderInertlyInEveryFormat) {
  check_into("hostile", regressed);
  for (const std::string file : {"report.md", "report.html", "junit.xml", "summary.md"}) {
    const std::string text = read_file(directory_ / "hostile" / file);
    EXPECT_EQ(text.find("<script"), std::string::npos) << file;
    EXPECT_EQ(text.find("<img"), std::string::npos) << file;
    EXPECT_NE(text.find("onerror=alert(1)"), std::string::npos) << file << ": the hostile name must still be shown";
  }
  const std::string html = read_file(directory_ / "hostile" / "report.html");
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;|x"), std::string::npos);
}

TEST_F(CheckCommand, TheJobSummaryKeepsTheStepWithinOneMebibyte) {
  const fs::path summary = directory_ / "summary.md";
  const std::size_t limit = std::size_t{1} << 20;
  std::ofstream(summary, std::ios::binary) << std::string(limit - 1500, 'x');
  const CliRun run = run_command("check", {"--config", regressed}, {{"GITHUB_STEP_SUMMARY", summary.string()}});
  EXPECT_EQ(run.exit_code, 1);
  const std::uintmax_t size = fs::file_size(summary);
  EXPECT_LE(size, limit);
  EXPECT_GT(size, limit - 1500);
  EXPECT_NE(run.out.find("(job summary, appended)"), std::string::npos);
}

TEST_F(CheckCommand, ReportPathsOfTheConfigurationAreRelativeToIt) {
  const fs::path repository = directory_ / "repository";
  fs::create_directories(repository / "evidence");
  fs::copy_file("fixtures/check/passing/evidence/engine-run.json", repository / "evidence" / "engine-run.json");
  fs::copy_file("fixtures/check/passing/budgets.json", repository / "budgets.json");
  std::ofstream(repository / "evident.json")
      << R"({"schema_version": "evident/config/1", "evidence": ["evidence/*.json"],
             "gate": {"mode": "budget", "budgets": "budgets.json"},
             "reports": {"markdown": "out/report.md", "json": "out/result.json"}})";
  const CliRun run = run_command("check", {"--config", (repository / "evident.json").string()});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(fs::exists(repository / "out" / "report.md"));
  EXPECT_TRUE(fs::exists(repository / "out" / "result.json"));
  EXPECT_FALSE(fs::exists(repository / "out" / "report.html"));
}

TEST_F(CheckCommand, AnnotationsUnderGitHubActions) {
  const CliRun run = run_command("check", {"--config", regressed}, {{"GITHUB_ACTIONS", "true"}});
  EXPECT_NE(run.out.find("::error file=fixtures/check/regressed/evidence/engine-run.json,line=82,col=9,"
                         "title=evident gate.regression::engine/matmul-f32/allocs_per_op: regression"),
            std::string::npos);
  EXPECT_NE(run.out.find("::warning file=fixtures/check/regressed/evidence/history,title=evident rolling.cv_over::"),
            std::string::npos);
}

}  // namespace
}  // namespace evident::cli
