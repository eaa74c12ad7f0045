#include "cli/gate_pipeline.h"

#include <algorithm>
#include <functional>
#include <iterator>

#include "core/evidence_metrics.h"
#include "core/gate_files.h"
#include "core/instant.h"
#include "core/text.h"
#include "io/files/parallel.h"

namespace evident::cli {
namespace {

Severity severity_of(const std::optional<Enforcement>& own, Enforcement gate_enforce) {
  const Enforcement enforcement = own.value_or(gate_enforce);
  return enforcement == Enforcement::hard ? Severity::error : Severity::warning;
}

std::optional<RunClass> class_for(const std::map<std::string, RunClass>& class_of, const std::string& source) {
  const auto found = class_of.find(source);
  return found == class_of.end() ? std::nullopt : std::optional<RunClass>(found->second);
}

// Each failed check as a located failure, with the severity its enforcement gives it.
template <typename Check, typename ToFailure>
void add_breaches(const std::vector<Check>& checks, ToFailure to_failure, const std::string& gate_file,
                  const GateConfig& gate, const io::FindingLocator& locator,
                  const std::map<std::string, RunClass>& class_of, GateOutcome& outcome) {
  std::vector<Failure> breaches;
  for (const Check& check : checks) {
    if (!check.failed) continue;
    breaches.push_back(
        to_failure(check, severity_of(check.enforce, gate.enforce), class_for(class_of, check.source), gate_file));
  }
  // The diagnostics go to be placed and come back, each to its failure.
  std::vector<Diagnostic> diagnostics;
  diagnostics.reserve(breaches.size());
  for (Failure& breach : breaches) diagnostics.push_back(std::move(breach.diagnostic));
  diagnostics = locator.located(std::move(diagnostics));
  for (std::size_t i = 0; i < breaches.size(); ++i) breaches[i].diagnostic = std::move(diagnostics[i]);
  if (outcome.breaches.empty()) {
    outcome.breaches = std::move(breaches);
  } else {
    outcome.breaches.insert(outcome.breaches.end(), std::make_move_iterator(breaches.begin()),
                            std::make_move_iterator(breaches.end()));
  }
}

}  // namespace

GatedEvidenceBuilder::Run GatedEvidenceBuilder::read_run(io::FileValidation& file, bool with_metrics) {
  const nlohmann::json& document = file.value_besides_benchmarks();
  Run run{file.path, document.contains("suite") ? document["suite"].value("name", "") : "", std::nullopt, {}, {}};
  if (const std::optional<std::string> failure = run_failure(document)) {
    Failure failed;
    failed.kind = FailureKind::run;
    failed.diagnostic = file.document->diagnostic_at(
        "/status", "evidence.run_failed", "the benchmark run failed (" + *failure + "): its numbers are not gated");
    failed.diagnostic.file = file.path;
    failed.diagnostic.hint = "fix the benchmark and run it again; a failed run never passes a check";
    failed.threshold = std::string("passed");
    failed.observed = std::string("failed");
    run.failed = std::move(failed);
    return run;
  }
  run.captured_at = document.value("captured_at", "");
  if (with_metrics) {
    run.metrics = io::take_metrics(file);
  }
  return run;
}

void GatedEvidenceBuilder::add(Run run) {
  if (run.failed) {
    gated_.failed_runs.push_back(std::move(*run.failed));
    failed_suites_.insert(run.suite);
    return;
  }
  gated_suites_.insert(run.suite);
  gated_.paths.push_back(run.path);
  if (const std::optional<Instant> instant = parse_rfc3339(run.captured_at)) {
    timed_by_suite_[run.suite].push_back({TimedPath{run.path, *instant}, run.captured_at});
  }
  gated_.metrics.insert(gated_.metrics.end(), std::make_move_iterator(run.metrics.begin()),
                        std::make_move_iterator(run.metrics.end()));
}

// Runs of one suite captured at one instant: each is still judged on its own, but the order the
// reports list them in rests on their file names, which the user should know.
GatedEvidence GatedEvidenceBuilder::finish() && {
  for (const auto& [suite, timed] : timed_by_suite_) {
    std::vector<TimedPath> times;
    for (const TimedRun& timed_run : timed) times.push_back(timed_run.run);
    for (const std::vector<std::size_t>& tie : order_runs(times).ties) {
      std::string names;
      for (const std::size_t i : tie) names += (names.empty() ? "" : ", ") + times[i].path;
      Diagnostic warning;
      warning.severity = Severity::warning;
      warning.code = "gate.tied_time";
      warning.file = times[tie.front()].path;
      warning.message = "runs of suite " + quote_for_message(suite) + " " + names +
                        " have the same captured_at instant (" + timed[tie.front()].captured_at +
                        "): each is judged on its own, and they are listed by file name";
      warning.hint = "give each run the time it started, e.g. evident import --captured-at";
      gated_.warnings.push_back(std::move(warning));
    }
  }
  std::set_difference(failed_suites_.begin(), failed_suites_.end(), gated_suites_.begin(), gated_suites_.end(),
                      std::inserter(gated_.suites_without_verdict, gated_.suites_without_verdict.end()));
  return std::move(gated_);
}

GateFiles load_gate_files(const GateConfig& gate, const io::ValidationOptions& validation) {
  GateFiles files;
  if (gate.mode == GateMode::regression) {
    io::ValidationOptions in_place = validation;
    in_place.numbers_in_place = true;  // the baseline is read from the tree into its entries
    files.baseline = load_gate_file<Baseline>(gate.baseline, "baseline", in_place, baseline_from_json);
    if (!gate.tolerances.empty()) {
      files.tolerances = load_gate_file<Tolerances>(gate.tolerances, "tolerances", validation, tolerances_from_json);
    }
  } else {
    files.budgets = load_gate_file<Budgets>(gate.budgets, "budgets", validation, budgets_from_json);
  }
  return files;
}

GateOutcome run_gate_checks(const GateConfig& gate, const GateFiles& files, const GatedEvidence& evidence,
                            const io::FindingLocator& locator, const std::map<std::string, RunClass>& class_of,
                            unsigned jobs) {
  GateOutcome outcome;
  if (gate.mode == GateMode::regression) {
    const Tolerances* tolerances = files.tolerances ? &*files.tolerances : nullptr;
    if (tolerances) warn_about_ties(tolerances->rules, evidence.metrics, gate.tolerances, outcome.warnings);
    GateOptions options;
    options.alpha = gate.alpha;
    // The flag (or evident.json's gate) first, then the tolerances file, then Holm.
    options.correction =
        gate.correction.value_or(tolerances && tolerances->correction ? *tolerances->correction : Correction::holm);
    outcome.correction = options.correction;
    if (gate.relative || gate.absolute) {
      options.fallback = Tolerance{gate.absolute, gate.relative, true, std::nullopt, std::nullopt};
    }
    options.evidence_paths = evidence.paths;
    options.baseline_path = gate.baseline;
    options.suites_without_verdict = evidence.suites_without_verdict;
    options.for_each = [jobs](std::size_t count, const std::function<void(std::size_t)>& work) {
      io::parallel_for(count, jobs, work);
    };
    outcome.regression_checks = check_regressions(evidence.metrics, files.baseline.value(), tolerances, options);
    add_breaches(outcome.regression_checks, regression_failure, gate.baseline, gate, locator, class_of, outcome);
  } else {
    const Budgets& budgets = files.budgets.value();
    warn_about_ties(budgets.rules, evidence.metrics, gate.budgets, outcome.warnings);
    outcome.budget_checks = check_budgets(evidence.metrics, budgets);
    add_breaches(outcome.budget_checks, budget_failure, gate.budgets, gate, locator, class_of, outcome);
  }
  return outcome;
}

GateOutcome run_gate_checks(const GateConfig& gate, const GatedEvidence& evidence,
                            const io::ValidationOptions& validation, const io::FindingLocator& locator,
                            const std::map<std::string, RunClass>& class_of) {
  return run_gate_checks(gate, load_gate_files(gate, validation), evidence, locator, class_of, validation.jobs);
}

}  // namespace evident::cli
