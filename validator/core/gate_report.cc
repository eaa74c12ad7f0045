#include "core/gate_report.h"

#include <algorithm>

namespace evident {
namespace {

template <typename Check>
std::size_t passed_of(const std::vector<Check>& checks) {
  return static_cast<std::size_t>(
      std::count_if(checks.begin(), checks.end(), [](const Check& check) { return !check.failed; }));
}

}  // namespace

bool GateReport::passed() const { return failed_checks() == 0 && !has_errors(problems); }

std::vector<Diagnostic> GateReport::all_diagnostics() const {
  std::vector<Diagnostic> all = problems;
  all.insert(all.end(), breaches.begin(), breaches.end());
  return all;
}

ExitCode GateReport::exit_code() const {
  // The worse of the two: exit_code_for gives ok < check_failed < cannot_run.
  return std::max(exit_code_for(problems), exit_code_for(breaches));
}

GateReport gate_report(const GateConfig& config, std::vector<RegressionCheck> regression_checks,
                       std::vector<BudgetCheck> budget_checks, std::vector<Diagnostic> problems,
                       std::vector<Diagnostic> breaches) {
  GateReport report;
  report.config = config;
  if (config.mode == GateMode::regression) {
    report.metrics = regression_checks.size();
    report.passed_checks = passed_of(regression_checks);
  } else {
    report.metrics = budget_checks.size();
    report.passed_checks = passed_of(budget_checks);
  }
  report.regression_checks = std::move(regression_checks);
  report.budget_checks = std::move(budget_checks);
  report.problems = std::move(problems);
  report.breaches = std::move(breaches);
  return report;
}

}  // namespace evident
