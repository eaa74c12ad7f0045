#include "core/diagnostic.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace evident {
namespace {

Diagnostic make(Severity severity, std::string code, bool cannot_run = false) {
  Diagnostic diagnostic;
  diagnostic.severity = severity;
  diagnostic.code = std::move(code);
  diagnostic.cannot_run = cannot_run;
  return diagnostic;
}

Diagnostic at(std::string file, std::size_t line, std::size_t column, std::string code, std::string message = "") {
  Diagnostic diagnostic;
  diagnostic.file = std::move(file);
  diagnostic.position = {line, column};
  diagnostic.code = std::move(code);
  diagnostic.message = std::move(message);
  return diagnostic;
}

std::vector<std::string> codes(const std::vector<Diagnostic>& diagnostics) {
  std::vector<std::string> result;
  for (const Diagnostic& diagnostic : diagnostics) result.push_back(diagnostic.code);
  return result;
}

TEST(SeverityName, NamesEachSeverity) {
  EXPECT_EQ(severity_name(Severity::note), "note");
  EXPECT_EQ(severity_name(Severity::warning), "warning");
  EXPECT_EQ(severity_name(Severity::error), "error");
}

TEST(ExitCode, HasDocumentedValues) {
  EXPECT_EQ(static_cast<int>(ExitCode::ok), 0);
  EXPECT_EQ(static_cast<int>(ExitCode::check_failed), 1);
  EXPECT_EQ(static_cast<int>(ExitCode::cannot_run), 2);
  EXPECT_EQ(static_cast<int>(ExitCode::internal), 3);
}

TEST(HasErrors, FalseWithoutDiagnostics) { EXPECT_FALSE(has_errors({})); }

TEST(HasErrors, FalseForWarningsAndNotes) {
  EXPECT_FALSE(has_errors({make(Severity::warning, "w"), make(Severity::note, "n")}));
}

TEST(HasErrors, TrueForOneError) { EXPECT_TRUE(has_errors({make(Severity::note, "n"), make(Severity::error, "e")})); }

TEST(ExitCodeFor, OkWithoutDiagnostics) { EXPECT_EQ(exit_code_for({}), ExitCode::ok); }

TEST(ExitCodeFor, OkForWarningsAndNotes) {
  EXPECT_EQ(exit_code_for({make(Severity::warning, "w"), make(Severity::note, "n")}), ExitCode::ok);
}

TEST(ExitCodeFor, CheckFailedForAnError) {
  EXPECT_EQ(exit_code_for({make(Severity::warning, "w"), make(Severity::error, "e")}), ExitCode::check_failed);
}

TEST(ExitCodeFor, CannotRunBeatsErrorWhicheverComesFirst) {
  EXPECT_EQ(exit_code_for({make(Severity::error, "e"), make(Severity::error, "io", true)}), ExitCode::cannot_run);
  EXPECT_EQ(exit_code_for({make(Severity::error, "io", true), make(Severity::error, "e")}), ExitCode::cannot_run);
}

TEST(ExitCodeFor, CannotRunCountsEvenOnAWarning) {
  EXPECT_EQ(exit_code_for({make(Severity::warning, "w", true)}), ExitCode::cannot_run);
}

TEST(SortDiagnostics, OrdersByFileFirst) {
  std::vector<Diagnostic> diagnostics{at("b.json", 1, 1, "x"), at("a.json", 9, 9, "x")};
  sort_diagnostics(diagnostics);
  EXPECT_EQ(diagnostics[0].file, "a.json");
  EXPECT_EQ(diagnostics[1].file, "b.json");
}

TEST(SortDiagnostics, OrdersByLineThenColumnNumerically) {
  std::vector<Diagnostic> diagnostics{at("f", 10, 1, "c"), at("f", 2, 30, "b"), at("f", 2, 4, "a")};
  sort_diagnostics(diagnostics);
  EXPECT_EQ(codes(diagnostics), (std::vector<std::string>{"a", "b", "c"}));
}

TEST(SortDiagnostics, OrdersByCodeThenMessageAtTheSamePlace) {
  std::vector<Diagnostic> diagnostics{at("f", 1, 1, "schema.type", "z"), at("f", 1, 1, "schema.enum", "y"),
                                      at("f", 1, 1, "schema.enum", "x")};
  sort_diagnostics(diagnostics);
  EXPECT_EQ(diagnostics[0].message, "x");
  EXPECT_EQ(diagnostics[1].message, "y");
  EXPECT_EQ(diagnostics[2].message, "z");
}

TEST(SortDiagnostics, ToolLevelDiagnosticsWithoutFileComeFirst) {
  std::vector<Diagnostic> diagnostics{at("a.json", 1, 1, "file"), at("", 0, 0, "tool")};
  sort_diagnostics(diagnostics);
  EXPECT_EQ(codes(diagnostics), (std::vector<std::string>{"tool", "file"}));
}

TEST(SortDiagnostics, KeepsOrderOfOtherwiseEqualDiagnostics) {
  std::vector<Diagnostic> diagnostics{make(Severity::warning, "same"), make(Severity::error, "same")};
  sort_diagnostics(diagnostics);
  EXPECT_EQ(diagnostics[0].severity, Severity::warning);
  EXPECT_EQ(diagnostics[1].severity, Severity::error);
}

}  // namespace
}  // namespace evident
