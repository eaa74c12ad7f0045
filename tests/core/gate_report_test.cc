#include "core/gate_report.h"

#include <gtest/gtest.h>

namespace evident {
namespace {

RegressionCheck regression(bool failed) {
  RegressionCheck check;
  check.failed = failed;
  return check;
}

BudgetCheck budget(bool failed) {
  BudgetCheck check;
  check.failed = failed;
  return check;
}

Diagnostic diagnostic(Severity severity, std::string code) {
  Diagnostic result;
  result.severity = severity;
  result.code = std::move(code);
  return result;
}

TEST(GateReport, CountsTheChecksOfItsModeOnly) {
  GateConfig config;
  config.mode = GateMode::regression;
  const GateReport report =
      gate_report(config, {regression(false), regression(true), regression(false)}, {budget(true)}, {}, {});
  EXPECT_EQ(report.metrics, 3u);
  EXPECT_EQ(report.passed_checks, 2u);
  EXPECT_EQ(report.failed_checks(), 1u);
  EXPECT_FALSE(report.passed());

  config.mode = GateMode::budget;
  const GateReport budgets = gate_report(config, {regression(true)}, {budget(false), budget(false)}, {}, {});
  EXPECT_EQ(budgets.metrics, 2u);
  EXPECT_EQ(budgets.failed_checks(), 0u);
  EXPECT_TRUE(budgets.passed());
}

TEST(GateReport, AnErrorProblemFailsItButAWarningDoesNot) {
  const GateConfig config;
  EXPECT_TRUE(gate_report(config, {}, {budget(false)}, {diagnostic(Severity::warning, "gate.tied_time")}, {}).passed());
  EXPECT_FALSE(
      gate_report(config, {}, {budget(false)}, {diagnostic(Severity::error, "evidence.run_failed")}, {}).passed());
}

TEST(GateReport, AllDiagnosticsAreTheProblemsThenTheBreaches) {
  const GateReport report = gate_report(GateConfig{}, {}, {budget(true)}, {diagnostic(Severity::warning, "a")},
                                        {diagnostic(Severity::error, "b")});
  const std::vector<Diagnostic> all = report.all_diagnostics();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].code, "a");
  EXPECT_EQ(all[1].code, "b");
}

TEST(GateReport, ExitCodeIsThatOfAllDiagnostics) {
  const GateConfig config;
  Diagnostic cannot_run = diagnostic(Severity::error, "io.not_found");
  cannot_run.cannot_run = true;
  const Diagnostic warning = diagnostic(Severity::warning, "gate.tied_time");
  const Diagnostic error = diagnostic(Severity::error, "gate.regression");
  EXPECT_EQ(gate_report(config, {}, {}, {}, {}).exit_code(), ExitCode::ok);
  EXPECT_EQ(gate_report(config, {}, {}, {warning}, {warning}).exit_code(), ExitCode::ok);
  EXPECT_EQ(gate_report(config, {}, {}, {warning}, {error}).exit_code(), ExitCode::check_failed);
  EXPECT_EQ(gate_report(config, {}, {}, {error}, {warning}).exit_code(), ExitCode::check_failed);
  EXPECT_EQ(gate_report(config, {}, {}, {error}, {cannot_run}).exit_code(), ExitCode::cannot_run);
  EXPECT_EQ(gate_report(config, {}, {}, {cannot_run}, {error}).exit_code(), ExitCode::cannot_run);
  const GateReport report = gate_report(config, {}, {}, {warning, cannot_run}, {error});
  EXPECT_EQ(report.exit_code(), exit_code_for(report.all_diagnostics()));
}

TEST(GateMode, NamesAndParsesBothModes) {
  EXPECT_EQ(gate_mode_name(GateMode::budget), "budget");
  EXPECT_EQ(gate_mode_name(GateMode::regression), "regression");
  EXPECT_EQ(parse_gate_mode("regression"), GateMode::regression);
  EXPECT_EQ(parse_gate_mode("budget"), GateMode::budget);
  EXPECT_EQ(parse_gate_mode("Budget"), std::nullopt);
  EXPECT_EQ(parse_enforcement("soft"), Enforcement::soft);
  EXPECT_EQ(parse_enforcement("hard"), Enforcement::hard);
  EXPECT_EQ(parse_enforcement("strict"), std::nullopt);
}

}  // namespace
}  // namespace evident
