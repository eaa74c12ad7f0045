#pragma once
// The one result model of `evident check`: every file with its validation and classification, the
// metrics, the gate's checks, the rolling statistics and every failure with its context. Plain
// values; the JSON result (io/result_json) and every report are rendered from it.
#include <cstddef>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/check_config.h"
#include "core/classification.h"
#include "core/diagnostic.h"
#include "core/gate.h"
#include "core/gate_changes.h"
#include "core/rolling.h"

namespace evident {

struct FileOutcome {
  std::string path;
  std::string kind;  // empty when the schema_version names no known kind
  std::vector<Diagnostic> diagnostics;
  std::optional<Verdict> verdict;  // for valid evidence
  bool valid() const { return !has_errors(diagnostics); }
};

enum class FailureKind { validation, classification, run, budget, regression, rolling, gate_change };

std::string_view failure_kind_name(FailureKind kind);

using FailureValue = std::variant<std::monostate, double, std::string>;

// One failure: the diagnostic a person reads (file, line, pointer, message, hint) plus the numbers
// an auditor needs. Soft-enforced breaches have severity warning.
struct Failure {
  FailureKind kind = FailureKind::validation;
  Diagnostic diagnostic;
  std::string metric;                      // empty when not about one metric
  FailureValue threshold;                  // the bound crossed
  FailureValue observed;                   // what was measured or recorded
  std::optional<RunClass> classification;  // derived class of the evidence the metric came from
  std::string run;                         // the evidence file of the run a gate failure is about; empty otherwise
  RunContext context;                      // when, where and with which parameters that run measured
};

// A metric of the valid evidence as the result lists it: how many samples and the value that stands
// for them, not the samples, which only the gate reads.
struct ResultMetric {
  MetricId id;
  std::string unit;
  Better better = Better::lower;
  std::size_t n = 0;            // samples
  std::optional<double> value;  // representative(samples, value)
  std::string source;           // evidence file path: the run
  std::string pointer;          // JSON pointer of the metric in that file
};

// Takes the series by value: a caller that moves it in frees its samples at once.
ResultMetric result_metric(MetricSeries metric);

// What a result counts but does not list. A check whose output is only its summary keeps no record
// of a file that has nothing to report (valid, no diagnostic, no failing verdict) nor of any
// metric, so that its memory does not grow with the files; summarise adds these to what is listed.
struct UnlistedCounts {
  std::size_t files = 0, isolated_affinity = 0, functional_non_isolated = 0, metrics = 0;
  bool empty() const { return files == 0 && metrics == 0; }
};

struct RollingOutcome {
  RollingConfig config;
  RollingResult result;
  std::size_t skipped_files = 0;
};

struct CheckResult {
  CheckConfig config;
  std::string config_path;
  std::string policy_name;
  std::int64_t policy_version = 1;
  std::string policy_sha256;
  std::vector<FileOutcome> files;     // path order
  std::vector<ResultMetric> metrics;  // of the valid evidence, by file then position
  UnlistedCounts unlisted;            // files and metrics counted, not listed: none in a result written out
  std::vector<BudgetCheck> budget_checks;
  std::vector<RegressionCheck> regression_checks;
  std::optional<RollingOutcome> rolling;
  std::optional<GateAudit> gate_audit;  // with --base-ref
  std::vector<Failure> failures;        // report order
  std::vector<Diagnostic> diagnostics;  // belonging to no evidence file
};

// Failures of a gate check or rolling metric, without positions (the caller locates them in the
// evidence it read). severity: error when the gate is hard, warning when soft.
Failure regression_failure(const RegressionCheck& check, Severity severity, std::optional<RunClass> classification,
                           const std::string& baseline_path);
Failure budget_failure(const BudgetCheck& check, Severity severity, std::optional<RunClass> classification,
                       const std::string& budgets_path);
std::vector<Failure> rolling_failures(const RollingOutcome& rolling, Severity severity);

struct CheckSummary {
  std::size_t files = 0, valid_files = 0, invalid_files = 0, evidence_files = 0, isolated_affinity = 0,
              functional_non_isolated = 0, over_claimed = 0, metrics = 0, gated = 0, gate_passed = 0, gate_failed = 0,
              rolling_metrics = 0, rolling_over = 0, errors = 0, warnings = 0;
};

CheckSummary summarise(const CheckResult& result);

// Nothing failed with severity error.
bool passed(const CheckResult& result);

}  // namespace evident
