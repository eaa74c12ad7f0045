#include "io/output/result_json.h"

#include <stdexcept>

#include "core/multiple_testing.h"
#include "io/output/diagnostic_render.h"
#include "io/output/gate_json.h"
#include "io/output/verdict_render.h"

namespace evident::io {
namespace {

using nlohmann::ordered_json;

ordered_json path_or_null(const std::string& path) { return path.empty() ? ordered_json(nullptr) : ordered_json(path); }

ordered_json optional_number(const std::optional<double>& value) {
  return value ? ordered_json(*value) : ordered_json(nullptr);
}

ordered_json config_json(const CheckResult& result) {
  const CheckConfig& config = result.config;
  ordered_json entry;
  entry["path"] = result.config_path;
  entry["evidence"] = config.evidence;
  entry["exclude"] = config.exclude;
  entry["tables"] = ordered_json::array();
  for (const TableMapping& table : config.tables)
    entry["tables"].push_back({{"files", table.files}, {"schema", table.schema}});
  entry["policy"] = path_or_null(config.policy);
  if (config.require_class) entry["require_class"] = run_class_name(*config.require_class);
  if (config.gate) {
    const GateConfig& gate = *config.gate;
    const std::string_view mode = gate_mode_name(gate.mode), enforce = enforcement_name(gate.enforce);
    entry["gate"] = {{"mode", mode},
                     {"baseline", path_or_null(gate.baseline)},
                     {"tolerances", path_or_null(gate.tolerances)},
                     {"budgets", path_or_null(gate.budgets)},
                     {"enforce", enforce},
                     {"alpha", gate.alpha},
                     {"relative", optional_number(gate.relative)},
                     {"absolute", optional_number(gate.absolute)},
                     {"correction", gate.correction ? ordered_json(correction_name(*gate.correction)) : nullptr}};
  } else {
    entry["gate"] = nullptr;
  }
  if (config.rolling) {
    const RollingConfig& rolling = *config.rolling;
    entry["rolling"] = {{"history", rolling.history},
                        {"window", rolling.window},
                        {"max_cv", optional_number(rolling.max_cv)},
                        {"max_median", optional_number(rolling.max_median)},
                        {"budgets", path_or_null(rolling.budgets)},
                        {"metrics", rolling.metrics},
                        {"enforce", enforcement_name(rolling.enforce)}};
    if (rolling.change_points) {
      entry["rolling"]["change_points"] = true;
      entry["rolling"]["max_p"] = rolling.max_p;
      entry["rolling"]["min_change"] = rolling.min_change;
      entry["rolling"]["cp_window"] = rolling.cp_window;
    }
  } else {
    entry["rolling"] = nullptr;
  }
  entry["reports"] = {{"markdown", path_or_null(config.reports.markdown)},
                      {"html", path_or_null(config.reports.html)},
                      {"json", path_or_null(config.reports.json)},
                      {"junit", path_or_null(config.reports.junit)}};
  return entry;
}

ordered_json metric_json(const ResultMetric& metric) {
  ordered_json entry;
  entry["metric"] = metric.id.text();
  entry["suite"] = metric.id.suite;
  entry["benchmark"] = metric.id.benchmark;
  entry["name"] = metric.id.metric;
  entry["unit"] = metric.unit;
  entry["better"] = better_name(metric.better);
  entry["n"] = metric.n;
  entry["value"] = optional_number(metric.value);
  entry["source"] = metric.source;
  entry["pointer"] = metric.pointer;
  return entry;
}

ordered_json failure_value_json(const FailureValue& value) {
  if (const double* number = std::get_if<double>(&value)) return *number;
  if (const std::string* text = std::get_if<std::string>(&value)) return *text;
  return nullptr;
}

ordered_json failure_json(const Failure& failure) {
  const Diagnostic& diagnostic = failure.diagnostic;
  ordered_json entry;
  entry["kind"] = failure_kind_name(failure.kind);
  entry["severity"] = severity_name(diagnostic.severity);
  entry["code"] = diagnostic.code;
  entry["metric"] = path_or_null(failure.metric);
  entry["file"] = path_or_null(diagnostic.file);
  entry["line"] = diagnostic.position.line > 0 ? ordered_json(diagnostic.position.line) : ordered_json(nullptr);
  entry["pointer"] = diagnostic.pointer ? ordered_json(*diagnostic.pointer) : ordered_json(nullptr);
  entry["threshold"] = failure_value_json(failure.threshold);
  entry["observed"] = failure_value_json(failure.observed);
  entry["classification"] =
      failure.classification ? ordered_json(run_class_name(*failure.classification)) : ordered_json(nullptr);
  entry["message"] = diagnostic.message;
  entry["hint"] = diagnostic.hint;
  if (!failure.run.empty()) entry["run"] = run_json(failure.run, failure.context);
  return entry;
}

ordered_json rolling_json(const RollingOutcome& rolling) {
  ordered_json entry;
  entry["history"] = rolling.config.history;
  entry["window"] = rolling.config.window;
  entry["history_runs"] = rolling.result.history_runs;
  ordered_json sources = ordered_json::array();
  for (const WindowRun& run : rolling.result.window_runs) sources.push_back(run.source);
  entry["window_sources"] = std::move(sources);
  entry["window_runs"] = rolling_window_json(rolling.result);
  entry["skipped_files"] = rolling.skipped_files;
  entry["failed_runs"] = rolling.result.failed_runs;
  entry["max_cv_percent"] = optional_number(rolling.config.max_cv);
  entry["max_median"] = optional_number(rolling.config.max_median);
  entry["budgets"] = path_or_null(rolling.config.budgets);
  entry["metric_patterns"] = rolling.config.metrics;
  entry["unmatched_patterns"] = rolling.result.unmatched_patterns;
  entry["enforce"] = enforcement_name(rolling.config.enforce);
  entry["metrics"] = ordered_json::array();
  const std::optional<ChangePointOptions> change_points = change_point_options(rolling.config);
  if (change_points) entry["change_points"] = change_point_options_json(*change_points);
  for (const RollingMetric& metric : rolling.result.metrics) {
    entry["metrics"].push_back(rolling_metric_json(metric, change_points.has_value()));
  }
  entry["passed"] = rolling.result.failed_metrics() == 0;
  return entry;
}

ordered_json gate_audit_json(const GateAudit& audit) {
  ordered_json changes = ordered_json::array();
  for (const GateChange& change : audit.changes) {
    changes.push_back({{"file", change.file},
                       {"part", gate_part_name(change.part)},
                       {"subject", change.subject},
                       {"field", change.field},
                       {"before", change.before},
                       {"after", change.after},
                       {"percent", optional_number(change.percent)},
                       {"direction", change_direction_name(change.direction)},
                       {"message", change.message}});
  }
  return {{"base_ref", audit.base_ref},
          {"resolved_ref", audit.resolved_ref},
          {"merge_base", audit.merge_base},
          {"files", audit.files},
          {"other_changed_files", audit.other_changed_files},
          {"policy", audit.separate ? "separate" : "report"},
          {"changes", std::move(changes)}};
}

}  // namespace

ordered_json result_json(const CheckResult& result) {
  // A document that lists some files and counts the others would tell a reader of it less than
  // its summary claims: the command keeps every file and metric when it writes one.
  if (!result.unlisted.empty()) throw std::logic_error("result_json: the result does not list every file and metric");
  ordered_json document;
  document["schema_version"] = "evident/result/1";
  document["profile"] = result.config.profile ? ordered_json(*result.config.profile) : ordered_json(nullptr);
  document["mode"] = "check";
  document["gate_mode"] = result.config.gate ? gate_mode_name(result.config.gate->mode) : std::string_view("none");
  document["config"] = config_json(result);
  document["policy"] = {
      {"name", result.policy_name}, {"version", result.policy_version}, {"sha256", result.policy_sha256}};
  document["files"] = ordered_json::array();
  for (const FileOutcome& file : result.files) {
    ordered_json entry;
    entry["path"] = file.path;
    entry["kind"] = file.kind.empty() ? ordered_json(nullptr) : ordered_json(file.kind);
    entry["valid"] = file.valid();
    entry["diagnostics"] = diagnostics_json(file.diagnostics);
    entry["classification"] = file.verdict ? verdict_json(*file.verdict) : ordered_json(nullptr);
    document["files"].push_back(std::move(entry));
  }
  document["metrics"] = ordered_json::array();
  for (const ResultMetric& metric : result.metrics) document["metrics"].push_back(metric_json(metric));
  document["budget_checks"] = ordered_json::array();
  for (const BudgetCheck& check : result.budget_checks) document["budget_checks"].push_back(budget_check_json(check));
  document["regression_checks"] = ordered_json::array();
  for (const RegressionCheck& check : result.regression_checks) {
    document["regression_checks"].push_back(regression_check_json(check));
  }
  document["rolling"] = result.rolling ? rolling_json(*result.rolling) : ordered_json(nullptr);
  if (result.gate_audit) document["gate_changes"] = gate_audit_json(*result.gate_audit);
  document["failure_diagnostics"] = ordered_json::array();
  for (const Failure& failure : result.failures) document["failure_diagnostics"].push_back(failure_json(failure));
  document["diagnostics"] = diagnostics_json(result.diagnostics);
  const CheckSummary s = summarise(result);
  document["summary"] = {{"files", s.files},
                         {"valid_files", s.valid_files},
                         {"invalid_files", s.invalid_files},
                         {"evidence_files", s.evidence_files},
                         {"isolated_affinity", s.isolated_affinity},
                         {"functional_non_isolated", s.functional_non_isolated},
                         {"over_claimed", s.over_claimed},
                         {"metrics", s.metrics},
                         {"gated", s.gated},
                         {"gate_passed", s.gate_passed},
                         {"gate_failed", s.gate_failed},
                         {"rolling_metrics", s.rolling_metrics},
                         {"rolling_over", s.rolling_over},
                         {"errors", s.errors},
                         {"warnings", s.warnings}};
  const bool ok = passed(result);
  document["passed"] = ok;
  document["exit_code"] = ok ? 0 : 1;
  return document;
}

}  // namespace evident::io
