// evident gate PATH... : hold the numbers of evidence to budgets, or to a baseline with tolerances.
#include <algorithm>
#include <map>
#include <ostream>
#include <set>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/evidence_inputs.h"
#include "cli/gate_pipeline.h"
#include "cli/options.h"
#include "cli/output.h"
#include "core/check_result.h"
#include "core/evidence_metrics.h"
#include "core/gate.h"
#include "core/gate_files.h"
#include "core/text.h"
#include "io/output/diagnostic_render.h"
#include "io/output/gate_json.h"
#include "io/schema/kind_loader.h"

namespace evident::cli {
namespace {

using nlohmann::ordered_json;

std::string number(const std::optional<double>& value, int digits = 6) {
  return value ? format_number(*value, digits) : "-";
}

// How many runs (evidence files) the checks come from: the table names the run of each row when
// there is more than one.
template <typename Check>
std::size_t distinct_runs(const std::vector<Check>& checks) {
  std::set<std::string> sources;
  for (const Check& check : checks) {
    if (!check.source.empty()) sources.insert(check.source);
  }
  return sources.size();
}

std::string percent(const std::optional<double>& value) { return value ? format_percent_change(*value) : "-"; }

}  // namespace

ExitCode run_gate(const Invocation& invocation) {
  CLI::App app{
      "Hold the numbers of evidence to budgets (--budgets), or to a baseline with tolerances (--baseline,\n"
      "--tolerances). A regression needs a change beyond tolerance that is also significant.",
      "evident gate"};
  FileInputOptions input;
  std::string budgets_path, baseline_path, tolerances_path, enforce = "hard";
  std::optional<double> relative, absolute;
  double alpha = 0.05;
  add_file_input_options(app, input, "evidence files or directories");
  app.add_option("--budgets", budgets_path, "budget mode: absolute bounds per metric (evident/budgets/1)");
  app.add_option("--baseline", baseline_path, "regression mode: the baseline to compare with (evident/baseline/1)");
  app.add_option("--tolerances", tolerances_path, "regression mode: allowed changes per metric (evident/tolerances/1)");
  app.add_option("--relative", relative,
                 "allowed relative change (0.05 = 5%) for metrics the tolerances file does not name")
      ->check(CLI::Range(0.0, 100.0));
  app.add_option("--absolute", absolute, "allowed absolute change for metrics the tolerances file does not name")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--enforce", enforce, "hard: a breach fails (exit 1); soft: breaches are reported, exit 0")
      ->check(CLI::IsMember({"soft", "hard"}))
      ->capture_default_str();
  app.add_option("--alpha", alpha, "significance level of the Mann-Whitney U test")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  if (const std::optional<ExitCode> stop = parse_options(app, invocation)) return *stop;
  if (budgets_path.empty() == baseline_path.empty()) {
    throw UsageError("give exactly one of --budgets FILE (budget mode) and --baseline FILE (regression mode)");
  }
  if (!budgets_path.empty() && (!tolerances_path.empty() || relative || absolute)) {
    throw UsageError("--tolerances, --relative and --absolute belong to regression mode (--baseline)");
  }
  if (alpha <= 0.0 || alpha >= 1.0) throw UsageError("--alpha must lie strictly between 0 and 1");

  const io::ValidationOptions options = validation_options(input.limits, input.jobs);
  io::CollectedFiles collected = collect_json_inputs(input.paths);
  std::vector<Diagnostic> general = std::move(collected.diagnostics);
  std::vector<io::FileValidation> files = io::validate_files(collected.files, options);
  const std::vector<Diagnostic> left_out = leave_out_other_kinds(files, collected);
  if (files.empty()) add_nothing_found(general, "evidence");

  FilesByPath by_path;
  std::vector<const io::FileValidation*> evidence;
  std::vector<Diagnostic> problems = general;
  for (const io::FileValidation& file : files) {
    by_path[file.path] = &file;
    problems.insert(problems.end(), file.diagnostics.begin(), file.diagnostics.end());
    if (!file.valid()) continue;
    if (file.kind != "evidence") {
      problems.push_back(file.document->diagnostic_at("/schema_version", "gate.not_evidence",
                                                      "only evidence files (evident/evidence/1) can be gated"));
      continue;
    }
    evidence.push_back(&file);
  }
  std::erase_if(problems, [](const Diagnostic& d) { return d.severity != Severity::error; });
  problems.insert(problems.begin(), left_out.begin(), left_out.end());

  const GatedEvidence runs = gated_evidence(evidence);
  for (const Failure& failed : runs.failed_runs) problems.push_back(failed.diagnostic);
  problems.insert(problems.end(), runs.warnings.begin(), runs.warnings.end());
  GateConfig gate;
  gate.mode = baseline_path.empty() ? "budget" : "regression";
  gate.baseline = baseline_path;
  gate.tolerances = tolerances_path;
  gate.budgets = budgets_path;
  gate.relative = relative;
  gate.absolute = absolute;
  gate.alpha = alpha;
  gate.enforce = enforce;
  const GateOutcome outcome = run_gate_checks(gate, runs, options, by_path, {});
  problems.insert(problems.end(), outcome.warnings.begin(), outcome.warnings.end());
  std::vector<Diagnostic> breaches;
  for (const Failure& breach : outcome.breaches) breaches.push_back(breach.diagnostic);

  ordered_json report;
  report["schema_version"] = "evident/gate/1";
  std::vector<std::vector<std::string>> rows;
  std::size_t gated_checks = 0, passed = 0;
  const bool name_runs = distinct_runs(outcome.regression_checks) + distinct_runs(outcome.budget_checks) > 1;
  const auto with_run = [&](std::vector<std::string> row, const std::string& source) {
    if (name_runs) row.insert(row.begin(), source.empty() ? "-" : source);
    return row;
  };

  if (gate.mode == "regression") {
    rows.push_back(with_run({"metric", "baseline", "current", "change", "allowed", "p", "verdict"}, "run"));
    report["mode"] = "regression";
    report["baseline"] = baseline_path;
    report["tolerances"] = tolerances_path.empty() ? ordered_json(nullptr) : ordered_json(tolerances_path);
    report["checks"] = ordered_json::array();
    for (const RegressionCheck& check : outcome.regression_checks) {
      ++gated_checks;
      if (!check.failed) ++passed;
      const int digits = check.baseline && check.current ? digits_apart(*check.baseline, *check.current) : 6;
      rows.push_back(
          with_run({check.id.suite.empty() ? "(baseline)" : check.id.text(), number(check.baseline, digits),
                    number(check.current, digits), percent(check.change_percent),
                    check.allowed ? "±" + number(check.allowed) : "-", check.p_value ? number(check.p_value) : "-",
                    std::string(check_status_name(check.status))},
                   check.source));
      report["checks"].push_back(io::regression_check_json(check));
    }
  } else {
    rows.push_back(with_run({"metric", "stat", "observed", "min", "max", "verdict"}, "run"));
    report["mode"] = "budget";
    report["budgets"] = budgets_path;
    report["checks"] = ordered_json::array();
    for (const BudgetCheck& check : outcome.budget_checks) {
      ++gated_checks;
      if (!check.failed) ++passed;
      const int digits = std::max(check.observed && check.min ? digits_apart(*check.observed, *check.min) : 6,
                                  check.observed && check.max ? digits_apart(*check.observed, *check.max) : 6);
      rows.push_back(with_run({check.id.suite.empty() ? "(" + check.key + ")" : check.id.text(), check.stat,
                               number(check.observed, digits), number(check.min, digits), number(check.max, digits),
                               check.no_budget ? "no budget"
                               : check.failed  ? "over budget"
                                               : "pass"},
                              check.source));
      report["checks"].push_back(io::budget_check_json(check));
    }
  }
  const std::size_t gated = gated_checks;
  const std::size_t failed = gated - passed;
  report["enforce"] = enforce;
  report["alpha"] = alpha;
  report["diagnostics"] = io::diagnostics_json(problems);
  report["summary"] = {{"metrics", gated}, {"passed", passed}, {"failed", failed}};
  report["passed"] = failed == 0 && !has_errors(problems);

  if (input.format == "json") {
    invocation.out << report.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else {
    print_diagnostics(invocation, problems);
    print_table(invocation.out, rows);
    print_diagnostics(invocation, breaches);
    invocation.out << count_of(gated, "metric") << " gated: " << passed << " passed, " << failed << " failed ("
                   << enforce << " gate" << (enforce == "soft" && failed > 0 ? ": breaches reported, not enforced" : "")
                   << ")\n";
  }
  std::vector<Diagnostic> all = problems;
  all.insert(all.end(), breaches.begin(), breaches.end());
  return exit_code_for(all);
}

}  // namespace evident::cli
