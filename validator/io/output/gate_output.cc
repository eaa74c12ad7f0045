#include "io/output/gate_output.h"

#include <algorithm>
#include <set>

#include "core/text.h"
#include "io/files/parallel.h"
#include "io/output/diagnostic_render.h"
#include "io/output/gate_json.h"

namespace evident::io {
namespace {

using nlohmann::ordered_json;
using Row = std::vector<std::string>;

std::string number(const std::optional<double>& value, int digits = 6) {
  return value ? format_number(*value, digits) : "-";
}

std::string percent(const std::optional<double>& value) { return value ? format_percent_change(*value) : "-"; }

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

Row regression_row(const RegressionCheck& check) {
  const int digits = check.baseline && check.current ? digits_apart(*check.baseline, *check.current) : 6;
  return {check.id.suite.empty() ? "(baseline)" : check.id.text(),
          number(check.baseline, digits),
          number(check.current, digits),
          percent(check.change_percent),
          check.allowed ? "±" + number(check.allowed) : "-",
          check.p_value ? number(check.p_value) : "-",
          check.adjusted_p ? number(check.adjusted_p) : "-",
          std::string(check_status_name(check.status))};
}

Row budget_row(const BudgetCheck& check) {
  const int digits = std::max(check.observed && check.min ? digits_apart(*check.observed, *check.min) : 6,
                              check.observed && check.max ? digits_apart(*check.observed, *check.max) : 6);
  return {check.id.suite.empty() ? "(" + check.key + ")" : check.id.text(),
          check.stat,
          number(check.observed, digits),
          number(check.min, digits),
          number(check.max, digits),
          check.no_budget ? "no budget"
          : check.failed  ? "over budget"
                          : "pass"};
}

// The header and one row per check; a first column names the run when the checks come from more
// than one.
template <typename Check, typename ToRow>
std::vector<Row> table_of(const std::vector<Check>& checks, Row header, ToRow to_row, bool name_runs, unsigned jobs) {
  std::vector<Row> rows = parallel_pieces<Row>(checks.size() + 1, jobs,
                                               [&](std::size_t i) { return i == 0 ? header : to_row(checks[i - 1]); });
  if (name_runs) {
    rows[0].insert(rows[0].begin(), "run");
    for (std::size_t i = 0; i < checks.size(); ++i)
      rows[i + 1].insert(rows[i + 1].begin(), checks[i].source.empty() ? "-" : checks[i].source);
  }
  return rows;
}

std::vector<Row> gate_table(const GateReport& report, unsigned jobs) {
  const bool name_runs = distinct_runs(report.regression_checks) + distinct_runs(report.budget_checks) > 1;
  if (report.config.mode == GateMode::regression) {
    return table_of(report.regression_checks,
                    {"metric", "baseline", "current", "change", "allowed", "p", "p adj", "verdict"}, regression_row,
                    name_runs, jobs);
  }
  return table_of(report.budget_checks, {"metric", "stat", "observed", "min", "max", "verdict"}, budget_row, name_runs,
                  jobs);
}

}  // namespace

ordered_json gate_report_json(const GateReport& report) {
  const GateConfig& config = report.config;
  ordered_json json;
  json["schema_version"] = "evident/gate/1";
  json["mode"] = gate_mode_name(config.mode);
  if (config.mode == GateMode::regression) {
    json["baseline"] = config.baseline;
    json["tolerances"] = config.tolerances.empty() ? ordered_json(nullptr) : ordered_json(config.tolerances);
    json["checks"] = ordered_json::array();
    for (const RegressionCheck& check : report.regression_checks)
      json["checks"].push_back(regression_check_json(check));
  } else {
    json["budgets"] = config.budgets;
    json["checks"] = ordered_json::array();
    for (const BudgetCheck& check : report.budget_checks) json["checks"].push_back(budget_check_json(check));
  }
  json["enforce"] = enforcement_name(config.enforce);
  json["alpha"] = config.alpha;
  if (config.mode == GateMode::regression && config.correction)
    json["correction"] = correction_name(*config.correction);
  json["diagnostics"] = diagnostics_json(report.problems);
  json["summary"] = {{"metrics", report.metrics}, {"passed", report.passed_checks}, {"failed", report.failed_checks()}};
  json["passed"] = report.passed();
  return json;
}

void render_gate_text(std::ostream& out, const GateReport& report, const DiagnosticSink& diagnostics, unsigned jobs) {
  diagnostics(report.problems);
  write_table(out, gate_table(report, jobs));
  diagnostics(report.breaches);
  const bool soft = report.config.enforce == Enforcement::soft;
  out << count_of(report.metrics, "metric") << " gated: " << report.passed_checks << " passed, "
      << report.failed_checks() << " failed (" << enforcement_name(report.config.enforce) << " gate"
      << (soft && report.failed_checks() > 0 ? ": breaches reported, not enforced" : "") << ")\n";
}

}  // namespace evident::io
