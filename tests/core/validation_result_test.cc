#include "core/validation_result.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace evident {
namespace {

Diagnostic diagnostic(Severity severity, std::string file, bool cannot_run = false) {
  Diagnostic made;
  made.severity = severity;
  made.code = "test.code";
  made.file = std::move(file);
  made.message = "message";
  made.cannot_run = cannot_run;
  return made;
}

TEST(ValidationResult, SortsFilesByPathAndCountsEveryDiagnostic) {
  std::vector<CheckedFile> files{
      {"b.json", "evidence", false, {diagnostic(Severity::error, "b.json"), diagnostic(Severity::error, "b.json")}},
      {"a.csv", "table", true, {diagnostic(Severity::warning, "a.csv")}},
      {"c.json", "", true, {diagnostic(Severity::note, "c.json")}}};
  const ValidationResult result =
      validation_result(std::move(files), {diagnostic(Severity::warning, ""), diagnostic(Severity::error, "")});
  ASSERT_EQ(result.files.size(), 3U);
  EXPECT_EQ(result.files[0].path, "a.csv");
  EXPECT_EQ(result.files[1].path, "b.json");
  EXPECT_EQ(result.files[2].path, "c.json");
  EXPECT_EQ(result.summary.files, 3U);
  EXPECT_EQ(result.summary.with_errors, 1U);
  EXPECT_EQ(result.summary.errors, 3U);
  EXPECT_EQ(result.summary.warnings, 2U);
}

TEST(ValidationResult, ExitCodeComesFromEveryDiagnostic) {
  EXPECT_EQ(exit_code_for(validation_result({{"a.json", "evidence", true, {}}}, {})), ExitCode::ok);
  EXPECT_EQ(exit_code_for(validation_result({{"a.json", "evidence", true, {diagnostic(Severity::warning, "a")}}}, {})),
            ExitCode::ok);
  EXPECT_EQ(exit_code_for(validation_result({{"a.json", "", false, {diagnostic(Severity::error, "a")}}}, {})),
            ExitCode::check_failed);
  EXPECT_EQ(exit_code_for(validation_result({{"a.json", "", false, {diagnostic(Severity::error, "a")}}},
                                            {diagnostic(Severity::error, "", true)})),
            ExitCode::cannot_run);
}

TEST(PartitionInputs, SeparatesDocumentsTablesTheirDescriptorsAndTheRest) {
  const InputPartition partition =
      partition_inputs({"d/a.json", "d/t.csv", "d/t.schema.json", "d/notes.txt", "d/u.csv"},
                       [](const std::string& csv) { return csv.substr(0, csv.size() - 4) + ".schema.json"; });
  EXPECT_EQ(partition.json, std::vector<std::string>({"d/a.json"}));
  ASSERT_EQ(partition.tables.size(), 2U);
  EXPECT_EQ(partition.tables[0].csv, "d/t.csv");
  EXPECT_EQ(partition.tables[0].schema, "d/t.schema.json");
  EXPECT_EQ(partition.tables[1].csv, "d/u.csv");
  EXPECT_EQ(partition.tables[1].schema, "d/u.schema.json");
  EXPECT_EQ(partition.others, std::vector<std::string>({"d/notes.txt"}));
}

TEST(PartitionInputs, ADescriptorMappedElsewhereIsNotADocument) {
  const InputPartition partition =
      partition_inputs({"a.csv", "b.csv", "shared.table.json", "b.schema.json"},
                       [](const std::string&) { return std::string("shared.table.json"); });
  EXPECT_EQ(partition.json, std::vector<std::string>({"b.schema.json"}));
  EXPECT_EQ(partition.tables.size(), 2U);
  EXPECT_TRUE(partition.others.empty());
}

}  // namespace
}  // namespace evident
