#include "io/schema/validation_run.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace evident::io {
namespace {

TEST(CheckTables, ChecksEachTableAgainstItsDescriptorAndSaysWhyNot) {
  const std::vector<TableInput> tables{
      {"fixtures/csv/paired/results.csv", "fixtures/csv/paired/results.schema.json"},
      {"fixtures/csv/paired/orphan.csv", "fixtures/csv/paired/orphan.schema.json"},
      {"fixtures/csv/paired-broken/table.csv", "fixtures/csv/paired-broken/table.schema.json"},
      {"fixtures/csv/paired/duplicate.csv", "fixtures/csv/paired/duplicate.schema.json"}};
  const std::vector<TableCheck> checks = check_tables(tables, ValidationOptions{}, CsvOptions{});
  ASSERT_EQ(checks.size(), 4U);

  EXPECT_EQ(checks[0].status, TableStatus::checked);
  EXPECT_EQ(checks[0].file.path, "fixtures/csv/paired/results.csv");
  EXPECT_EQ(checks[0].file.kind, "table");
  EXPECT_TRUE(checks[0].file.valid);

  EXPECT_EQ(checks[1].status, TableStatus::no_schema);
  EXPECT_EQ(checks[1].input.csv, "fixtures/csv/paired/orphan.csv");
  EXPECT_TRUE(checks[1].file.path.empty());

  EXPECT_EQ(checks[2].status, TableStatus::unusable_schema);
  EXPECT_FALSE(checks[2].problems.empty());
  EXPECT_TRUE(checks[2].file.path.empty());

  EXPECT_EQ(checks[3].status, TableStatus::checked);
  EXPECT_FALSE(checks[3].file.valid);
  EXPECT_TRUE(has_errors(checks[3].file.diagnostics));
}

TEST(CheckedTable, PutsTheDescriptorsProblemsFirst) {
  CsvValidation validation;
  validation.path = "t.csv";
  Diagnostic row;
  row.code = "csv.type";
  validation.diagnostics.push_back(row);
  Diagnostic descriptor;
  descriptor.severity = Severity::warning;
  descriptor.code = "table_schema.note";
  const CheckedFile file = checked_table(std::move(validation), {descriptor});
  EXPECT_EQ(file.path, "t.csv");
  EXPECT_EQ(file.kind, "table");
  EXPECT_FALSE(file.valid);
  ASSERT_EQ(file.diagnostics.size(), 2U);
  EXPECT_EQ(file.diagnostics[0].code, "table_schema.note");
  EXPECT_EQ(file.diagnostics[1].code, "csv.type");
}

TEST(CheckedFile, KeepsPathKindVerdictAndDiagnosticsOfTheDocument) {
  const FileValidation validation =
      validate_text("run.json", R"({"schema_version": "evident/evidence/1"})", ValidationOptions{});
  const CheckedFile file = checked_file(validation);
  EXPECT_EQ(file.path, "run.json");
  EXPECT_EQ(file.kind, "evidence");
  EXPECT_FALSE(file.valid);
  EXPECT_EQ(file.diagnostics.size(), validation.diagnostics.size());
}

}  // namespace
}  // namespace evident::io
