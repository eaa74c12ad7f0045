// `evident validate` writes its report while it reads: the streamed text and JSON must be the bytes
// the renderers of the whole result (io::validation_text, io::validation_json) give for the same
// files, JSON documents and CSV tables interleaved by path, the diagnostics of no file first.
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "cli/command_runner.h"
#include "cli/report_output.h"
#include "core/validation_result.h"
#include "io/output/validation_json.h"
#include "io/output/validation_text.h"
#include "io/schema/validation_run.h"

namespace evident::cli {
namespace {

namespace fs = std::filesystem;

using test_support::CliRun;
using test_support::run_command;

class ValidateCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = fs::temp_directory_path() / ("evident-validate-test-" + std::to_string(::getpid()));
    fs::remove_all(directory_);
    fs::create_directories(directory_);
    copy("fixtures/evidence/valid/spec-example.json", "a.json");
    copy("fixtures/csv/paired/results.csv", "b.csv");
    copy("fixtures/csv/paired/results.schema.json", "b.schema.json");
    copy("fixtures/evidence/invalid/multiple-errors.json", "c.json");
    copy("fixtures/csv/paired/duplicate.csv", "d.csv");
    copy("fixtures/csv/paired/duplicate.schema.json", "d.schema.json");
    copy("fixtures/csv/paired/results.csv", "e.csv");  // no descriptor: a warning of no file
    copy("fixtures/gates/budgets.json", "f.json");
    copy("fixtures/evidence/invalid/top-level-array.json", "g/h.json");
  }
  void TearDown() override { fs::remove_all(directory_); }

  void copy(const std::string& from, const std::string& to) {
    fs::create_directories((directory_ / to).parent_path());
    fs::copy_file(from, directory_ / to);
  }
  std::string path(const std::string& name) const { return (directory_ / name).string(); }

  // The warning of no file for e.csv, a table without a descriptor found in the directory.
  Diagnostic unpaired_e() const {
    Diagnostic unpaired;
    unpaired.severity = Severity::warning;
    unpaired.code = "csv.no_schema";
    unpaired.file = path("e.csv");
    unpaired.message =
        "no Table Schema for this table: name one with --schema, or put e.schema.json beside it; not checked";
    return unpaired;
  }

  // The result as the whole-result renderers saw it before validate streamed.
  ValidationResult whole_result() const {
    std::vector<CheckedFile> files;
    for (const io::FileValidation& document : io::validate_files(
             {path("a.json"), path("c.json"), path("f.json"), path("g/h.json")}, io::ValidationOptions{}))
      files.push_back(io::checked_file(document));
    for (io::TableCheck& table :
         io::check_tables({{path("b.csv"), path("b.schema.json")}, {path("d.csv"), path("d.schema.json")}},
                          io::ValidationOptions{}, io::CsvOptions{}))
      files.push_back(std::move(table.file));
    return validation_result(std::move(files), {unpaired_e()});
  }

  fs::path directory_;
};

TEST_F(ValidateCommand, StreamedTextIsTheWholeResultsText) {
  const ValidationResult expected = whole_result();
  ASSERT_EQ(expected.files.size(), 6U);
  ASSERT_EQ(expected.summary.with_errors, 3U);
  for (const char* jobs : {"1", "2", "3"}) {
    const CliRun run = run_command("validate", {"--jobs", jobs, directory_.string()});
    EXPECT_EQ(run.exit_code, 1);
    EXPECT_EQ(run.out, io::validation_text(expected, false)) << "jobs " << jobs;
    EXPECT_EQ(run.err, "");
  }
}

TEST_F(ValidateCommand, StreamedTextWithAnnotationsIsTheWholeResultsText) {
  const CliRun run = run_command("validate", {directory_.string()}, {{"GITHUB_ACTIONS", "true"}});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, io::validation_text(whole_result(), true));
}

TEST_F(ValidateCommand, StreamedJsonIsTheWholeResultsJson) {
  const std::string expected = result_text(io::validation_json(whole_result()));
  for (const char* jobs : {"1", "2"}) {
    const CliRun run = run_command("validate", {"--format", "json", "--jobs", jobs, directory_.string()});
    EXPECT_EQ(run.exit_code, 1);
    EXPECT_EQ(run.out, expected) << "jobs " << jobs;
  }
}

TEST_F(ValidateCommand, StreamedJsonOfOnlyADiagnosticOfNoFileIsTheWholeResultsJson) {
  // No file checked: the array of files stays empty, as the whole result dumps it.
  fs::remove_all(directory_);
  fs::create_directories(directory_);
  copy("fixtures/csv/paired/results.csv", "e.csv");
  const ValidationResult expected = validation_result({}, {unpaired_e()});
  const CliRun json = run_command("validate", {"--format", "json", directory_.string()});
  EXPECT_EQ(json.exit_code, 0);
  EXPECT_EQ(json.out, result_text(io::validation_json(expected)));
  const CliRun text = run_command("validate", {directory_.string()});
  EXPECT_EQ(text.out, io::validation_text(expected, false));
}

}  // namespace
}  // namespace evident::cli
