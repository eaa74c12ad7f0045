#include "core/check_result.h"

#include <algorithm>
#include <utility>

#include "core/text.h"

namespace evident {

std::string_view failure_kind_name(FailureKind kind) {
  switch (kind) {
    case FailureKind::validation:
      return "validation";
    case FailureKind::classification:
      return "classification";
    case FailureKind::run:
      return "run";
    case FailureKind::budget:
      return "budget";
    case FailureKind::regression:
      return "regression";
    case FailureKind::rolling:
      return "rolling";
    case FailureKind::gate_change:
      return "gate_change";
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
  Failure failure =
      failure_of(FailureKind::regression, "gate." + std::string(check_status_name(check.status)), severity,
                 check.message, check.hint, check.source.empty() ? baseline_path : check.source, check.pointer);
  failure.metric = check.id.text();
  // The threshold is the worst current value the tolerance allows.
  if (check.baseline && check.allowed) {
    failure.threshold =
        check.better == Better::lower ? *check.baseline + *check.allowed : *check.baseline - *check.allowed;
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

namespace {

// The one failure of a rolling metric that is not judged by its numbers: mixed, or too thin.
std::optional<Failure> unjudged_failure(const RollingMetric& metric, const RollingOutcome& rolling, Severity severity) {
  const std::string id = metric.id.text();
  if (metric.mixed) {
    Failure failure;
    failure.kind = FailureKind::rolling;
    failure.diagnostic = mixed_metric_diagnostic(metric, severity);
    failure.metric = id;
    failure.threshold = metric.mixed->first;
    failure.observed = metric.mixed->other;
    return failure;
  }
  if (metric.insufficient && metric.judged()) {
    Failure failure =
        failure_of(FailureKind::rolling, "rolling.insufficient", severity,
                   id + ": in " + std::to_string(metric.runs) + " of the " + std::to_string(rolling.config.window) +
                       " runs of the window: too few to judge, so it cannot graduate",
                   "make every run record the metric, or leave it out with a metric pattern until the window holds it",
                   rolling.config.history, "");
    failure.metric = id;
    failure.threshold = static_cast<double>(rolling.config.window);
    failure.observed = static_cast<double>(metric.runs);
    return failure;
  }
  return std::nullopt;
}

}  // namespace

std::vector<Failure> rolling_failures(const RollingOutcome& rolling, Severity severity) {
  std::vector<Failure> failures;
  for (const RollingMetric& metric : rolling.result.metrics) {
    const std::string id = metric.id.text();
    if (std::optional<Failure> failure = unjudged_failure(metric, rolling, severity)) {
      failures.push_back(std::move(*failure));
      continue;
    }
    // The metric's own bounds; a result built without them (older models) falls back to the configured ones.
    const std::optional<double> max_cv = metric.max_cv ? metric.max_cv : rolling.config.max_cv;
    const std::optional<double> median_max =
        metric.median_max || metric.median_min ? metric.median_max : rolling.config.max_median;
    if (metric.cv_ok == false && max_cv) {
      const std::optional<double>& cv = metric.summary.cv_percent;
      // A CV that is undefined says nothing about noise: the hint is about the data, not the host.
      Failure failure = failure_of(
          FailureKind::rolling, "rolling.cv_over", severity,
          id + ": CV " + (cv ? format_number(*cv, digits_apart(*cv, *max_cv)) + "%" : std::string("undefined")) +
              " over the last " + std::to_string(metric.runs) + " runs is not below " +
              format_number(*max_cv, cv ? digits_apart(*cv, *max_cv) : 6) + "%",
          cv ? "keep the gate soft until the metric is stable; find the noise (pin the run: evident capture "
               "--cpus LIST)"
             : "the CV is undefined (fewer than 2 samples, or a mean <= 0 with spread): record more "
               "samples, or bound the metric by its median instead",
          rolling.config.history, "");
      failure.metric = id;
      failure.threshold = *max_cv;
      failure.observed = value_or_none(cv);
      failures.push_back(std::move(failure));
    }
    if (metric.median_ok == false) {
      // The median printed with the digits that tell it from the bound it crossed.
      const std::optional<double> bound = median_max ? median_max : metric.median_min;
      const int digits = metric.summary.n > 0 && bound ? digits_apart(metric.summary.median, *bound) : 6;
      const std::string median =
          metric.summary.n > 0 ? format_number(metric.summary.median, digits) : std::string("undefined");
      std::string message;
      if (!metric.budget_unit.empty()) {
        message = id + ": the budget is in " + metric.budget_unit + ", the metric in " + metric.unit + ": not compared";
      } else if (median_max && !(metric.summary.median <= *median_max)) {
        message = id + ": rolling median " + median + " " + metric.unit + " is over the budget of " +
                  format_number(*median_max, digits);
      } else if (metric.median_min) {
        message = id + ": rolling median " + median + " " + metric.unit + " is under the minimum of " +
                  format_number(*metric.median_min, digits);
      } else {
        message = id + ": rolling median " + median + " " + metric.unit + " cannot be compared with the budget";
      }
      Failure failure = failure_of(FailureKind::rolling, "rolling.median_over", severity, message,
                                   "find the change that moved the metric, or change its budget on purpose",
                                   rolling.config.history, "");
      failure.metric = id;
      failure.threshold = median_max ? value_or_none(median_max) : value_or_none(metric.median_min);
      failure.observed = metric.summary.n > 0 ? FailureValue(metric.summary.median) : FailureValue(std::monostate{});
      failures.push_back(std::move(failure));
    }
    if (metric.shifted_worse()) {
      const RollingChangePoint& change = metric.change_points.back();
      Failure failure;
      failure.kind = FailureKind::rolling;
      failure.diagnostic = change_point_diagnostic(metric, severity);
      failure.metric = id;
      failure.threshold = change.point.mean_before;
      failure.observed = change.point.mean_after;
      failures.push_back(std::move(failure));
    }
  }
  for (const std::string& pattern : rolling.result.unmatched_patterns) {
    Failure failure;
    failure.kind = FailureKind::rolling;
    failure.diagnostic = unmatched_pattern_diagnostic(pattern, severity);
    failure.diagnostic.file = rolling.config.history;
    failure.threshold = pattern;
    failures.push_back(std::move(failure));
  }
  return failures;
}

ResultMetric result_metric(MetricSeries metric) {
  const std::optional<double> value = representative(metric.samples, metric.value);
  return {std::move(metric.id),     std::move(metric.unit),   metric.better, metric.samples.size(), value,
          std::move(metric.source), std::move(metric.pointer)};
}

CheckSummary summarise(const CheckResult& result) {
  CheckSummary summary;
  const UnlistedCounts& unlisted = result.unlisted;
  summary.files = result.files.size() + unlisted.files;
  summary.valid_files = unlisted.files;
  summary.evidence_files = unlisted.isolated_affinity + unlisted.functional_non_isolated;
  summary.isolated_affinity = unlisted.isolated_affinity;
  summary.functional_non_isolated = unlisted.functional_non_isolated;
  for (const FileOutcome& file : result.files) {
    ++(file.valid() ? summary.valid_files : summary.invalid_files);
    if (!file.verdict) continue;
    ++summary.evidence_files;
    ++(file.verdict->derived == RunClass::isolated_affinity ? summary.isolated_affinity
                                                            : summary.functional_non_isolated);
    if (verdict_fails(*file.verdict)) ++summary.over_claimed;
  }
  summary.metrics = result.metrics.size() + unlisted.metrics;
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
    summary.rolling_over = result.rolling->result.failed_metrics();
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
