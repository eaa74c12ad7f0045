// Invariants of the machine-readable outputs, checked on real runs of the commands: every JSON
// report validates against its own schema, its summary adds up, and running twice gives the same
// bytes.
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli/command_runner.h"
#include "io/schema/schema_registry.h"

namespace evident::cli {
namespace {

using nlohmann::json;

using test_support::CliRun;

CliRun run_cli(const std::vector<std::string>& arguments) {
  return test_support::run_command(arguments.front(), {arguments.begin() + 1, arguments.end()});
}

void expect_valid_report(const std::string& text, const std::string& schema_version) {
  const json report = json::parse(text);
  ASSERT_EQ(report.at("schema_version"), schema_version);
  const io::DocumentKind* kind = io::find_kind(schema_version);
  ASSERT_NE(kind, nullptr);
  const std::vector<io::SchemaViolation> violations = io::schema_for(*kind).validate(report);
  for (const io::SchemaViolation& violation : violations)
    ADD_FAILURE() << violation.pointer << ": " << violation.description;
}

TEST(ReportInvariants, ValidationReportMatchesItsSchemaAndAddsUp) {
  const CliRun result = run_cli({"validate", "--format", "json", "fixtures/evidence"});
  EXPECT_EQ(result.exit_code, 1);
  expect_valid_report(result.out, "evident/validation/1");
  const json report = json::parse(result.out);
  std::size_t with_errors = 0, errors = 0;
  for (const json& file : report["files"]) {
    std::size_t file_errors = 0;
    for (const json& diagnostic : file["diagnostics"]) file_errors += diagnostic["severity"] == "error" ? 1U : 0U;
    errors += file_errors;
    with_errors += file_errors > 0 ? 1U : 0U;
    EXPECT_EQ(file["valid"], file_errors == 0) << file["path"];
  }
  EXPECT_EQ(report["summary"]["files"], report["files"].size());
  EXPECT_EQ(report["summary"]["with_errors"], with_errors);
  EXPECT_EQ(report["summary"]["errors"], errors);
}

// Tables with and without a descriptor, one whose descriptor cannot be used, and --pair: every
// shape the validation report takes.
TEST(ReportInvariants, ValidationReportOfTablesAndPairsMatchesItsSchema) {
  for (const std::vector<std::string>& arguments :
       {std::vector<std::string>{"validate", "--format", "json", "fixtures/csv/paired", "fixtures/evidence/valid"},
        std::vector<std::string>{"validate", "--format", "json", "fixtures/csv/paired-broken"},
        std::vector<std::string>{"validate", "--format", "json", "--pair", "fixtures/pair/run.json",
                                 "fixtures/pair/mismatch.csv"}}) {
    const CliRun result = run_cli(arguments);
    expect_valid_report(result.out, "evident/validation/1");
    const json report = json::parse(result.out);
    EXPECT_EQ(report["summary"]["files"], report["files"].size()) << arguments.back();
    for (const json& file : report["files"]) {
      bool has_error = false;
      for (const json& diagnostic : file["diagnostics"]) has_error = has_error || diagnostic["severity"] == "error";
      EXPECT_EQ(file["valid"], !has_error) << file["path"];
    }
  }
}

TEST(ReportInvariants, ClassificationReportOfOtherKindsMatchesItsSchema) {
  const CliRun result =
      run_cli({"classify", "--format", "json", "fixtures/gates/baseline.json", "fixtures/evidence/invalid"});
  EXPECT_EQ(result.exit_code, 1);
  expect_valid_report(result.out, "evident/classification/1");
  const json report = json::parse(result.out);
  EXPECT_EQ(report["summary"]["invalid"], report["files"].size());
  for (const json& file : report["files"]) EXPECT_TRUE(file["verdict"].is_null()) << file["path"];
}

TEST(ReportInvariants, ClassificationReportMatchesItsSchemaAndAddsUp) {
  const CliRun result = run_cli({"classify", "--format", "json", "fixtures/evidence/classification"});
  EXPECT_EQ(result.exit_code, 1);
  expect_valid_report(result.out, "evident/classification/1");
  const json report = json::parse(result.out);
  const json& summary = report["summary"];
  EXPECT_EQ(summary["files"], report["files"].size());
  EXPECT_EQ(summary["isolated_affinity"].get<int>() + summary["functional_non_isolated"].get<int>() +
                summary["invalid"].get<int>(),
            summary["files"].get<int>());
  for (const json& file : report["files"]) {
    const json& verdict = file["verdict"];
    // A run is isolated exactly when no rule blocks it.
    EXPECT_EQ(verdict["derived"] == "isolated_affinity", verdict["failed_rules"].empty()) << file["path"];
    EXPECT_EQ(verdict["policy"]["sha256"], report["policy"]["sha256"]);
  }
}

TEST(ReportInvariants, RequiredClassMatchesTheSchemasAndAddsUp) {
  const CliRun classified =
      run_cli({"classify", "--require", "isolated_affinity", "--format", "json", "fixtures/evidence/classification"});
  EXPECT_EQ(classified.exit_code, 1);
  expect_valid_report(classified.out, "evident/classification/1");
  const json report = json::parse(classified.out);
  EXPECT_EQ(report["require_class"], "isolated_affinity");
  std::size_t not_required = 0;
  for (const json& file : report["files"]) {
    const bool missed = !file["required_class"].is_null();
    not_required += missed ? 1U : 0U;
    EXPECT_EQ(missed, file["verdict"]["derived"] == "functional_non_isolated") << file["path"];
  }
  EXPECT_EQ(report["summary"]["not_required_class"], not_required);
  EXPECT_EQ(report["summary"]["not_required_class"], report["summary"]["functional_non_isolated"]);

  const CliRun checked =
      run_cli({"check", "--config", "fixtures/check/require-class/evident.json", "--format", "json"});
  EXPECT_EQ(checked.exit_code, 1);
  expect_valid_report(checked.out, "evident/result/1");
  EXPECT_EQ(json::parse(checked.out)["config"]["require_class"], "isolated_affinity");
}

// check validates and classifies through the same steps as validate and classify: a file both
// check and validate report has the same kind, validity and diagnostics, and an evidence file the
// same verdict as classify gives it. The one difference on purpose: validate adds a claim finding
// to the file's own diagnostics, where check reports it as a classification failure.
TEST(ReportInvariants, CheckAgreesWithValidateAndClassifyOnEachFile) {
  for (const char* fixture : {"tables", "regressed", "require-class"}) {
    const std::string directory = std::string("fixtures/check/") + fixture;
    const json checked =
        json::parse(run_cli({"check", "--config", directory + "/evident.json", "--format", "json"}).out);
    const json validated = json::parse(run_cli({"validate", "--format", "json", directory + "/evidence"}).out);
    const json classified = json::parse(run_cli({"classify", "--format", "json", directory + "/evidence"}).out);
    std::size_t compared = 0;
    for (const json& file : checked["files"]) {
      const bool claim_finding =
          !file["classification"].is_null() && !file["classification"]["claim_finding"].is_null();
      for (const json& other : validated["files"]) {
        if (other["path"] != file["path"] || claim_finding) continue;
        EXPECT_EQ(other["kind"], file["kind"]) << file["path"];
        EXPECT_EQ(other["valid"], file["valid"]) << file["path"];
        EXPECT_EQ(other["diagnostics"], file["diagnostics"]) << file["path"];
        ++compared;
      }
      for (const json& other : classified["files"]) {
        if (other["path"] == file["path"] && !file["classification"].is_null()) {
          EXPECT_EQ(other["verdict"], file["classification"]) << file["path"];
        }
      }
    }
    EXPECT_GT(compared, 0U) << fixture;
  }
}

TEST(ReportInvariants, DoctorReportMatchesItsSchemaAndItsHostIsEvidenceHost) {
  for (const char* tree : {"tuned-isolated", "laptop-powersave", "vm-no-cpufreq", "busy-compile", "smt-unreserved"}) {
    const CliRun result =
        run_cli({"doctor", "--root", std::string("fixtures/hosts/") + tree, "--cpus", "1", "--format", "json"});
    expect_valid_report(result.out, "evident/doctor/1");
    const json report = json::parse(result.out);
    EXPECT_EQ(report["ready"], report["blockers"].empty()) << tree;
    EXPECT_EQ(result.exit_code, report["ready"] == true ? 0 : 1) << tree;
  }
}

TEST(ReportInvariants, GateReportMatchesItsSchemaAndAddsUp) {
  for (const std::vector<std::string>& arguments :
       {std::vector<std::string>{"gate", "--format", "json", "--baseline", "fixtures/gates/baseline.json",
                                 "--tolerances", "fixtures/gates/tolerances.json",
                                 "fixtures/gates/evidence-regressed.json"},
        std::vector<std::string>{"gate", "--format", "json", "--budgets", "fixtures/gates/budgets.json",
                                 "fixtures/evidence/valid/spec-example.json"}}) {
    const CliRun result = run_cli(arguments);
    expect_valid_report(result.out, "evident/gate/1");
    const json report = json::parse(result.out);
    std::size_t failed = 0;
    for (const json& check : report["checks"]) failed += check["failed"] == true ? 1U : 0U;
    EXPECT_EQ(report["summary"]["failed"], failed);
    EXPECT_EQ(report["summary"]["metrics"], report["checks"].size());
    EXPECT_EQ(report["passed"], failed == 0);
    EXPECT_EQ(result.exit_code, failed == 0 ? 0 : 1);
  }
}

TEST(ReportInvariants, RollingReportMatchesItsSchema) {
  const CliRun result = run_cli({"rolling", "--format", "json", "--max-cv", "1", "fixtures/history"});
  EXPECT_EQ(result.exit_code, 1);
  expect_valid_report(result.out, "evident/rolling/1");
  const json report = json::parse(result.out);
  EXPECT_EQ(report["history_runs"], report["window_sources"].size());
  EXPECT_EQ(report["skipped_files"], 1);
}

TEST(ReportInvariants, BaselineResultMatchesItsSchemaWrittenRefusedAndFailed) {
  const std::filesystem::path output =
      std::filesystem::temp_directory_path() / ("evident-invariants-baseline-" + std::to_string(::getpid()) + ".json");
  std::filesystem::remove(output);
  const std::vector<std::string> arguments{
      "baseline", "--format", "json", "fixtures/evidence/valid/spec-example.json", "--output", output.string()};
  const CliRun written = run_cli(arguments);
  EXPECT_EQ(written.exit_code, 0);
  expect_valid_report(written.out, "evident/baseline-result/1");
  const json report = json::parse(written.out);
  EXPECT_EQ(report["written"], true);
  EXPECT_EQ(report["metrics"], 2);
  EXPECT_FALSE(report.contains("changes"));

  const CliRun refused = run_cli(arguments);  // the output exists now, and there is no --force
  EXPECT_EQ(refused.exit_code, 2);
  expect_valid_report(refused.out, "evident/baseline-result/1");
  EXPECT_EQ(json::parse(refused.out)["written"], false);
  EXPECT_EQ(json::parse(refused.out)["changes"], json::array());
  std::filesystem::remove(output);

  const CliRun failed =
      run_cli({"baseline", "--format", "json", "fixtures/gates/invalid-baseline.json", "--output", output.string()});
  EXPECT_EQ(failed.exit_code, 1);
  expect_valid_report(failed.out, "evident/baseline-result/1");
  EXPECT_FALSE(json::parse(failed.out)["diagnostics"].empty());
  EXPECT_FALSE(std::filesystem::exists(output));
}

TEST(ReportInvariants, SameInputsGiveTheSameBytes) {
  const std::vector<std::string> arguments{"classify", "--format", "json", "--jobs", "1", "fixtures/evidence"};
  std::vector<std::string> parallel = arguments;
  parallel[4] = "8";
  EXPECT_EQ(run_cli(arguments).out, run_cli(parallel).out);
  EXPECT_EQ(run_cli({"validate", "fixtures/evidence"}).out,
            run_cli({"validate", "--jobs", "3", "fixtures/evidence"}).out);
}

}  // namespace
}  // namespace evident::cli
