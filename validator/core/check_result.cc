#include "core/check_result.h"

#include <algorithm>

#include "core/text.h"

namespace evident {

std::string_view failure_kind_name(FailureKind kind) {
  switch (kind) {
    case FailureKind::validation: return "validation";
    case FailureKind::classification: return "classification";
    case FailureKind::run: return "run";
    case FailureKind::budget: return "budget";
    case FailureKind::regression: return "regression";
    case FailureKind::rolling: return "rolling";
  }
  return "validation";
}

namespace {

Failure failure_of(FailureKind kind, std::string code, Severity severity, std::string message, std::string hint,
                   std::string file, std::string pointer) {
  Failure failure;
  failure.kind = kind;
  failure.diagnostic.severity = severity;
  failure.diagnostic.code = std::move(code);
  failure.diagnostic.message = std::move(message);
  failure.diagnostic.hint = std::move(hint);
  failure.diagnostic.file = std::move(file);
  if (!pointer.empty()) failure.diagnostic.pointer = std::move(pointer);
  return failure;
}

FailureValue value_or_none(const std::optional<double>& value) {
  return value ? FailureValue(*value) : FailureValue(std::monostate{});
}

// A gate failure stands on its own: it names the run's time, host and the benchmark's parameters.
void add_run(Failure& failure, const std::string& source, const RunContext& context) {
  failure.run = source;
  failure.context = context;
  const std::string described = describe_run("", context);
  if (!described.empty()) failure.diagnostic.message += " (" + described + ")";
}

}  // namespace

Failure regression_failure(const RegressionCheck& check, Severity severity, std::optional<RunClass> classification,
                           const std::string& baseline_path) {
  Failure failure = failure_of(FailureKind::regression, "gate." + std::string(check_status_name(check.status)), severity,
                               check.message, check.hint, check.source.empty() ? baseline_path : check.source,
                               check.pointer);
  failure.metric = check.id.text();
  // The threshold is the worst current value the tolerance allows.
  if (check.baseline && check.allowed) {
    failure.threshold = check.better == Better::lower ? *check.baseline + *check.allowed : *check.baseline - *check.allowed;
  }
  failure.observed = value_or_none(check.current);
  failure.classification = classification;
  add_run(failure, check.source, check.context);
  return failure;
}

Failure budget_failure(const BudgetCheck& check, Severity severity, std::optional<RunClass> classification,
                       const std::string& budgets_path) {
  Failure failure = failure_of(FailureKind::budget, "gate.budget", severity, check.message, check.hint,
                               check.source.empty() ? budgets_path : check.source, check.pointer);
  failure.metric = check.id.suite.empty() ? std::string() : check.id.text();
  if (check.observed && check.max && *check.observed > *check.max) {
    failure.threshold = *check.max;
  } else if (check.observed && check.min && *check.observed < *check.min) {
    failure.threshold = *check.min;
  } else {
    failure.threshold = check.max ? FailureValue(*check.max) : value_or_none(check.min);
  }
  failure.observed = value_or_none(check.observed);
  failure.classification = classification;
  add_run(failure, check.source, check.context);
  return failure;
}

std::vector<Failure> rolling_failures(const RollingOutcome& rolling, Severity severity) {
  std::vector<Failure> failures;
  for (const RollingMetric& metric : rolling.result.metrics) {
    const std::string id = metric.id.text();
    if (metric.cv_ok == false) {
      const std::string cv = metric.summary.cv_percent ? format_number(*metric.summary.cv_percent) + "%" : "undefined";
      Failure failure = failure_of(
          FailureKind::rolling, "rolling.cv_over", severity,
          id + ": CV " + cv + " over the last " + std::to_string(metric.runs) + " runs is not below " +
              format_number(*rolling.config.max_cv) + "%",
          "keep the gate soft until the metric is stable; find the noise (pin the run: evident capture --cpus LIST)",
          rolling.config.history, "");
      failure.metric = id;
      failure.threshold = *rolling.config.max_cv;
      failure.observed = value_or_none(metric.summary.cv_percent);
      failures.push_back(std::move(failure));
    }
    if (metric.median_ok == false) {
      Failure failure = failure_of(FailureKind::rolling, "rolling.median_over", severity,
                                   id + ": rolling median " + format_number(metric.summary.median) + " " + metric.unit +
                                       " is over the budget of " + format_number(*rolling.config.max_median),
                                   "find the change that slowed the metric down, or raise max_median on purpose",
                                   rolling.config.history, "");
      failure.metric = id;
      failure.threshold = *rolling.config.max_median;
      failure.observed = metric.summary.n > 0 ? FailureValue(metric.summary.median) : FailureValue(std::monostate{});
      failures.push_back(std::move(failure));
    }
  }
  return failures;
}

CheckSummary summarise(const CheckResult& result) {
  CheckSummary summary;
  summary.files = result.files.size();
  for (const FileOutcome& file : result.files) {
    ++(file.valid() ? summary.valid_files : summary.invalid_files);
    if (!file.verdict) continue;
    ++summary.evidence_files;
    ++(file.verdict->derived == RunClass::isolated_affinity ? summary.isolated_affinity : summary.functional_non_isolated);
    if (verdict_fails(*file.verdict)) ++summary.over_claimed;
  }
  summary.metrics = result.metrics.size();
  const auto count_gate = [&](const auto& checks) {
    for (const auto& check : checks) {
      ++summary.gated;
      ++(check.failed ? summary.gate_failed : summary.gate_passed);
    }
  };
  count_gate(result.budget_checks);
  count_gate(result.regression_checks);
  if (result.rolling) {
    summary.rolling_metrics = result.rolling->result.metrics.size();
    summary.rolling_over = static_cast<std::size_t>(std::count_if(result.rolling->result.metrics.begin(),
                                                                  result.rolling->result.metrics.end(),
                                                                  [](const RollingMetric& m) { return m.failed(); }));
  }
  for (const Failure& failure : result.failures) {
    ++(failure.diagnostic.severity == Severity::error ? summary.errors : summary.warnings);
  }
  return summary;
}

bool passed(const CheckResult& result) {
  return std::none_of(result.failures.begin(), result.failures.end(),
                      [](const Failure& failure) { return failure.diagnostic.severity == Severity::error; });
}

}  // namespace evident
