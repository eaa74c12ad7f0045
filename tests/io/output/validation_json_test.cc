#include "io/output/validation_json.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "io/output/validation_text.h"
#include "io/schema/schema_registry.h"

namespace evident::io {
namespace {

Diagnostic diagnostic(Severity severity, std::string code, std::string file) {
  Diagnostic made;
  made.severity = severity;
  made.code = std::move(code);
  made.file = std::move(file);
  made.message = "message";
  return made;
}

ValidationResult sample() {
  return validation_result({{"b.json", "", false, {diagnostic(Severity::error, "json.syntax", "b.json")}},
                            {"a.csv", "table", true, {diagnostic(Severity::warning, "csv.note", "a.csv")}}},
                           {diagnostic(Severity::warning, "csv.no_schema", "c.csv")});
}

void expect_matches_schema(const nlohmann::ordered_json& report) {
  const DocumentKind* kind = find_kind(report.at("schema_version").get<std::string>());
  ASSERT_NE(kind, nullptr);
  for (const SchemaViolation& violation : schema_for(*kind).validate(nlohmann::json::parse(report.dump())))
    ADD_FAILURE() << violation.pointer << ": " << violation.description;
}

TEST(ValidationJson, WritesEachFileTheGeneralDiagnosticsAndTheSummary) {
  const nlohmann::ordered_json report = validation_json(sample());
  EXPECT_EQ(
      report.dump(),
      R"({"schema_version":"evident/validation/1","files":[)"
      R"({"path":"a.csv","kind":"table","valid":true,"diagnostics":[{"severity":"warning","code":"csv.note","message":"message","file":"a.csv"}]},)"
      R"({"path":"b.json","kind":null,"valid":false,"diagnostics":[{"severity":"error","code":"json.syntax","message":"message","file":"b.json"}]}],)"
      R"("diagnostics":[{"severity":"warning","code":"csv.no_schema","message":"message","file":"c.csv"}],)"
      R"("summary":{"files":2,"with_errors":1,"errors":1,"warnings":2}})");
  expect_matches_schema(report);
}

TEST(ValidationJson, AnEmptyResultMatchesTheSchema) {
  const nlohmann::ordered_json report = validation_json(validation_result({}, {}));
  EXPECT_EQ(report["files"], nlohmann::ordered_json::array());
  EXPECT_EQ(report["summary"]["files"], 0);
  expect_matches_schema(report);
}

TEST(ValidationText, PrintsGeneralThenFileDiagnosticsThenTheCounts) {
  EXPECT_EQ(validation_text(sample(), false),
            "c.csv: warning[csv.no_schema]: message\n"
            "a.csv: warning[csv.note]: message\n"
            "b.json: error[json.syntax]: message\n"
            "2 files checked, 1 with errors, 2 warnings\n");
  EXPECT_EQ(validation_text(validation_result({{"a.json", "evidence", true, {}}}, {}), false),
            "1 file checked, 0 with errors\n");
}

TEST(ValidationText, AnnotatesErrorsAndWarningsForGitHub) {
  const std::string text = validation_text(
      validation_result({{"b.json", "", false, {diagnostic(Severity::error, "x.y", "b.json")}}}, {}), true);
  EXPECT_EQ(text,
            "b.json: error[x.y]: message\n"
            "::error file=b.json,title=evident x.y::message\n"
            "1 file checked, 1 with errors\n");
}

}  // namespace
}  // namespace evident::io
