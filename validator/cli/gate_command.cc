// evident gate PATH... : hold the numbers of evidence to budgets, or to a baseline with tolerances.
#include <algorithm>
#include <map>
#include <set>
#include <ostream>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/options.h"
#include "cli/output.h"
#include "core/check_result.h"
#include "core/evidence_metrics.h"
#include "core/gate.h"
#include "core/gate_files.h"
#include "core/text.h"
#include "io/diagnostic_render.h"
#include "io/gate_json.h"
#include "io/kind_loader.h"

namespace evident::cli {
namespace {

using nlohmann::ordered_json;

std::string number(const std::optional<double>& value) { return value ? format_number(*value) : "-"; }

std::string percent(const std::optional<double>& value) { return value ? format_percent_change(*value) : "-"; }

}  // namespace

ExitCode run_gate(const Invocation& invocation) {
  CLI::App app{"Hold the numbers of evidence to budgets (--budgets), or to a baseline with tolerances (--baseline,\n"
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
  app.add_option("--relative", relative, "allowed relative change (0.05 = 5%) for metrics the tolerances file does not name")
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
  const std::vector<io::FileValidation> files = io::validate_files(collected.files, options);

  std::vector<MetricSeries> metrics;
  FilesByPath by_path;
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
    const std::vector<MetricSeries> found = metrics_of(file.document->value(), file.path);
    metrics.insert(metrics.end(), found.begin(), found.end());
  }
  std::erase_if(problems, [](const Diagnostic& d) { return d.severity != Severity::error; });

  ordered_json report;
  report["schema_version"] = "evident/gate/1";
  std::vector<std::vector<std::string>> rows;
  std::vector<Diagnostic> breaches;
  std::size_t gated = 0, passed = 0;
  const Severity breach_severity = enforce == "hard" ? Severity::error : Severity::warning;

  if (!baseline_path.empty()) {
    const Baseline baseline = load_gate_file<Baseline>(baseline_path, "baseline", options, invocation, baseline_from_json);
    std::optional<Tolerances> tolerances;
    if (!tolerances_path.empty()) {
      tolerances = load_gate_file<Tolerances>(tolerances_path, "tolerances", options, invocation, tolerances_from_json);
    }
    if (tolerances) warn_about_ties(tolerances->rules, metrics, tolerances_path, problems);
    GateOptions gate_options;
    gate_options.alpha = alpha;
    if (relative || absolute) gate_options.fallback = Tolerance{absolute, relative, true, std::nullopt};
    gate_options.evidence_paths = input.paths;
    gate_options.baseline_path = baseline_path;
    const std::vector<RegressionCheck> checks =
        check_regressions(metrics, baseline, tolerances ? &*tolerances : nullptr, gate_options);
    rows.push_back({"metric", "baseline", "current", "change", "allowed", "p", "verdict"});
    report["mode"] = "regression";
    report["baseline"] = baseline_path;
    report["tolerances"] = tolerances_path.empty() ? ordered_json(nullptr) : ordered_json(tolerances_path);
    report["checks"] = ordered_json::array();
    for (const RegressionCheck& check : checks) {
      ++gated;
      if (!check.failed) ++passed;
      rows.push_back({check.id.text(), number(check.baseline), number(check.current), percent(check.change_percent),
                      check.allowed ? "±" + number(check.allowed) : "-", check.p_value ? number(check.p_value) : "-",
                      std::string(check_status_name(check.status))});
      report["checks"].push_back(io::regression_check_json(check));
      if (check.failed) {
        breaches.push_back(located(regression_failure(check, breach_severity, std::nullopt, baseline_path).diagnostic, by_path));
      }
    }
  } else {
    const Budgets budgets = load_gate_file<Budgets>(budgets_path, "budgets", options, invocation, budgets_from_json);
    warn_about_ties(budgets.rules, metrics, budgets_path, problems);
    const std::vector<BudgetCheck> checks = check_budgets(metrics, budgets);
    rows.push_back({"metric", "stat", "observed", "min", "max", "verdict"});
    report["mode"] = "budget";
    report["budgets"] = budgets_path;
    report["checks"] = ordered_json::array();
    for (const BudgetCheck& check : checks) {
      ++gated;
      if (!check.failed) ++passed;
      rows.push_back({check.id.suite.empty() ? "(" + check.key + ")" : check.id.text(), check.stat,
                      number(check.observed), number(check.min), number(check.max),
                      check.no_budget ? "no budget" : check.failed ? "over budget" : "pass"});
      report["checks"].push_back(io::budget_check_json(check));
      if (check.failed) {
        breaches.push_back(located(budget_failure(check, breach_severity, std::nullopt, budgets_path).diagnostic, by_path));
      }
    }
  }
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
