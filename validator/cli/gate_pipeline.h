#pragma once
// One pipeline for the gate, shared by `evident gate` and `evident check`: the runs of the evidence
// (each evidence file one run; a failed run is an error and its numbers are not gated), the gate
// files loaded, every run judged on its own, and the breaches as located failures whose severity
// follows the enforcement (the gate's, or the deciding entry's own "enforce").
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/options.h"
#include "core/check_config.h"
#include "core/check_result.h"
#include "core/classification.h"
#include "core/gate.h"
#include "core/instant.h"
#include "io/schema/document_validation.h"
#include "io/schema/finding_locator.h"

namespace evident::cli {

// The evidence a gate judges.
struct GatedEvidence {
  std::vector<MetricSeries> metrics;             // of the runs that did not fail, by file then position
  std::vector<std::string> paths;                // the evidence files of those runs
  std::vector<Failure> failed_runs;              // evidence.run_failed, one per failed run, located at /status
  std::set<std::string> suites_without_verdict;  // suites whose every run failed
  std::vector<Diagnostic> warnings;              // gate.tied_time: runs captured at the same instant
};

// The runs of valid evidence files (other files are left to the caller's diagnostics), gathered one
// file at a time while its document is in hand: only the numbers and the facts that order the runs
// are kept.
class GatedEvidenceBuilder {
 public:
  // What add needs of one evidence file: read where the file is judged, on any thread. A caller
  // that gates nothing reads it without its metrics. Metrics read in place (FileValidation::metrics)
  // are moved out of the file.
  struct Run {
    std::string path;
    std::string suite;
    std::optional<Failure> failed;  // the run failed: its numbers are not gated
    std::string captured_at;        // as written
    std::vector<MetricSeries> metrics;
  };
  static Run read_run(io::FileValidation& evidence, bool with_metrics = true);

  void add(io::FileValidation& evidence) { add(read_run(evidence)); }
  void add(Run run);
  GatedEvidence finish() &&;

 private:
  struct TimedRun {
    TimedPath run;
    std::string captured_at;  // as written, for the warning
  };
  GatedEvidence gated_;
  std::set<std::string> failed_suites_, gated_suites_;
  std::map<std::string, std::vector<TimedRun>> timed_by_suite_;  // runs that did not fail
};

struct GateOutcome {
  std::vector<RegressionCheck> regression_checks;
  std::vector<BudgetCheck> budget_checks;
  std::vector<Failure> breaches;             // located; error when enforced hard, warning when soft
  std::vector<Diagnostic> warnings;          // about the gate files (equally specific keys)
  Correction correction = Correction::holm;  // regression mode: the adjustment applied to each run's p-values
};

// The gate files of a gate, read: the baseline and tolerances (regression mode) or the budgets.
struct GateFiles {
  std::optional<Baseline> baseline;
  std::optional<Tolerances> tolerances;
  std::optional<Budgets> budgets;
};

// Reads the gate files the gate names. One that cannot be used is a UsageError (exit 2). They do not
// depend on the evidence, so a command may read them while it reads the evidence.
GateFiles load_gate_files(const GateConfig& gate, const io::ValidationOptions& validation);

// Judges the evidence under the gate, with its files as load_gate_files() read them, comparing
// metrics on up to jobs threads. A hint that accepts numbers names the run's own file, else the
// files of the runs gated.
GateOutcome run_gate_checks(const GateConfig& gate, const GateFiles& files, const GatedEvidence& evidence,
                            const io::FindingLocator& locator, const std::map<std::string, RunClass>& class_of,
                            unsigned jobs);

// Reads the gate files and judges the evidence: load_gate_files(), then run_gate_checks().
GateOutcome run_gate_checks(const GateConfig& gate, const GatedEvidence& evidence,
                            const io::ValidationOptions& validation, const io::FindingLocator& locator,
                            const std::map<std::string, RunClass>& class_of);

}  // namespace evident::cli
