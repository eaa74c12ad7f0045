#pragma once
// The verdict of `evident gate`: the checks of its mode, the problems met on the way, the breaches
// and the counts its summary gives. Computed once; the text and JSON renderers (io/output) only
// print it.
#include <cstddef>
#include <vector>

#include "core/check_config.h"
#include "core/diagnostic.h"
#include "core/gate.h"

namespace evident {

struct GateReport {
  GateConfig config;                               // mode, gate files, enforcement, alpha
  std::vector<RegressionCheck> regression_checks;  // regression mode
  std::vector<BudgetCheck> budget_checks;          // budget mode
  std::vector<Diagnostic> problems;                // inputs, gate files, failed runs
  std::vector<Diagnostic> breaches;                // located; error when enforced hard, warning when soft
  std::size_t metrics = 0;                         // checks of the gate's mode
  std::size_t passed_checks = 0;

  std::size_t failed_checks() const { return metrics - passed_checks; }
  // No check failed and no problem is an error: what "passed" says in the JSON report.
  bool passed() const;
  // Every diagnostic the exit code rests on: the problems, then the breaches.
  std::vector<Diagnostic> all_diagnostics() const;
  // exit_code_for(all_diagnostics()), without copying them.
  ExitCode exit_code() const;
};

// The report of a gate's checks; the counts come from the checks of config.mode.
GateReport gate_report(const GateConfig& config, std::vector<RegressionCheck> regression_checks,
                       std::vector<BudgetCheck> budget_checks, std::vector<Diagnostic> problems,
                       std::vector<Diagnostic> breaches);

}  // namespace evident
