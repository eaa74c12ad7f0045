#include "cli/gate_pipeline.h"

#include <algorithm>

#include "core/evidence_metrics.h"
#include "core/gate_files.h"

namespace evident::cli {
namespace {

Severity severity_of(const std::optional<Enforcement>& own, const std::string& gate_enforce) {
  const Enforcement enforcement = own.value_or(gate_enforce == "soft" ? Enforcement::soft : Enforcement::hard);
  return enforcement == Enforcement::hard ? Severity::error : Severity::warning;
}

std::optional<RunClass> class_for(const std::map<std::string, RunClass>& class_of, const std::string& source) {
  const auto found = class_of.find(source);
  return found == class_of.end() ? std::nullopt : std::optional<RunClass>(found->second);
}

}  // namespace

GatedEvidence gated_evidence(const std::vector<const io::FileValidation*>& evidence) {
  GatedEvidence gated;
  std::set<std::string> failed_suites, gated_suites;
  for (const io::FileValidation* file : evidence) {
    const nlohmann::json& document = file->document->value();
    const std::string suite = document.contains("suite") ? document["suite"].value("name", "") : "";
    if (const std::optional<std::string> failure = run_failure(document)) {
      Failure failed;
      failed.kind = FailureKind::run;
      failed.diagnostic = file->document->diagnostic_at(
          "/status", "evidence.run_failed", "the benchmark run failed (" + *failure + "): its numbers are not gated");
      failed.diagnostic.file = file->path;
      failed.diagnostic.hint = "fix the benchmark and run it again; a failed run never passes a check";
      failed.threshold = std::string("passed");
      failed.observed = std::string("failed");
      gated.failed_runs.push_back(std::move(failed));
      failed_suites.insert(suite);
      continue;
    }
    gated_suites.insert(suite);
    gated.paths.push_back(file->path);
    const std::vector<MetricSeries> metrics = metrics_of(document, file->path);
    gated.metrics.insert(gated.metrics.end(), metrics.begin(), metrics.end());
  }
  std::set_difference(failed_suites.begin(), failed_suites.end(), gated_suites.begin(), gated_suites.end(),
                      std::inserter(gated.suites_without_verdict, gated.suites_without_verdict.end()));
  return gated;
}

GateOutcome run_gate_checks(const GateConfig& gate, const GatedEvidence& evidence, const io::ValidationOptions& validation,
                            const Invocation& invocation, const FilesByPath& by_path,
                            const std::map<std::string, RunClass>& class_of) {
  GateOutcome outcome;
  if (gate.mode == "regression") {
    const Baseline baseline = load_gate_file<Baseline>(gate.baseline, "baseline", validation, invocation, baseline_from_json);
    std::optional<Tolerances> tolerances;
    if (!gate.tolerances.empty()) {
      tolerances = load_gate_file<Tolerances>(gate.tolerances, "tolerances", validation, invocation, tolerances_from_json);
      warn_about_ties(tolerances->rules, evidence.metrics, gate.tolerances, outcome.warnings);
    }
    GateOptions options;
    options.alpha = gate.alpha;
    if (gate.relative || gate.absolute) {
      options.fallback = Tolerance{gate.absolute, gate.relative, true, std::nullopt, std::nullopt};
    }
    options.evidence_paths = evidence.paths;
    options.baseline_path = gate.baseline;
    options.suites_without_verdict = evidence.suites_without_verdict;
    outcome.regression_checks =
        check_regressions(evidence.metrics, baseline, tolerances ? &*tolerances : nullptr, options);
    for (const RegressionCheck& check : outcome.regression_checks) {
      if (!check.failed) continue;
      Failure failure = regression_failure(check, severity_of(check.enforce, gate.enforce), class_for(class_of, check.source),
                                           gate.baseline);
      failure.diagnostic = located(failure.diagnostic, by_path);
      outcome.breaches.push_back(std::move(failure));
    }
  } else {
    const Budgets budgets = load_gate_file<Budgets>(gate.budgets, "budgets", validation, invocation, budgets_from_json);
    warn_about_ties(budgets.rules, evidence.metrics, gate.budgets, outcome.warnings);
    outcome.budget_checks = check_budgets(evidence.metrics, budgets);
    for (const BudgetCheck& check : outcome.budget_checks) {
      if (!check.failed) continue;
      Failure failure = budget_failure(check, severity_of(check.enforce, gate.enforce), class_for(class_of, check.source),
                                       gate.budgets);
      failure.diagnostic = located(failure.diagnostic, by_path);
      outcome.breaches.push_back(std::move(failure));
    }
  }
  return outcome;
}

}  // namespace evident::cli
