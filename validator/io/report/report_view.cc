#include "io/report/report_view.h"

#include <algorithm>
#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/text.h"
#include "io/report/result_fields.h"
#include "io/report/svg_chart.h"

namespace evident::io::detail {
namespace {

using nlohmann::json;

std::string counted(const json& count, const std::string& noun) {
  const std::string digits = count_text(count);
  return digits + " " + noun + (digits == "1" ? "" : "s");
}

// The part of the id after its suite, which is already the table's title.
std::string within_suite(const MetricParts& parts) {
  return parts.benchmark.empty() ? parts.name : parts.benchmark + "/" + parts.name;
}

json diagnostic_view(const json& diagnostic) {
  const std::string where =
      location(member(diagnostic, "file"), member(diagnostic, "line"), member(diagnostic, "column"));
  const std::string hint = text(member(diagnostic, "hint"));
  return {{"severity", text(member(diagnostic, "severity"))},
          {"code", text(member(diagnostic, "code"))},
          {"message", text(member(diagnostic, "message"))},
          {"location", where},
          {"has_location", !where.empty()},
          {"pointer", text(member(diagnostic, "pointer"))},
          {"hint", hint},
          {"has_hint", !hint.empty()},
          {"failed", text(member(diagnostic, "severity")) == "error"}};
}

json diagnostics_view(const json& diagnostics) {
  json rows = json::array();
  for (const json& diagnostic : diagnostics) rows.push_back(diagnostic_view(diagnostic));
  return rows;
}

// A table the job summary may shorten: its rows, and how many of them are not shown.
json table_view(std::string title, json rows) {
  const std::size_t total = rows.size();
  return {{"title", std::move(title)}, {"rows", std::move(rows)}, {"total", std::to_string(total)}, {"omitted", "0"},
          {"has_omitted", false},      {"has_rows", total > 0}};
}

json failure_view(const json& failure) {
  const std::string where = location(member(failure, "file"), member(failure, "line"), json());
  const std::string metric = text(member(failure, "metric"));
  const std::string hint = text(member(failure, "hint"));
  const std::string observed = value_text(member(failure, "observed"));
  const std::string threshold = value_text(member(failure, "threshold"));
  const std::string run_class = text(member(failure, "classification"));
  std::vector<std::string> context;
  if (!observed.empty()) context.push_back("observed " + observed);
  if (!threshold.empty()) context.push_back("threshold " + threshold);
  if (!run_class.empty()) context.push_back("evidence classified " + run_class);
  std::string joined;
  for (const std::string& part : context) joined += (joined.empty() ? "" : "; ") + part;
  const std::string severity = text(member(failure, "severity"));
  return {{"kind", text(member(failure, "kind"))},
          {"severity", severity},
          {"is_error", severity == "error"},
          {"is_warning", severity == "warning"},
          {"failed", severity == "error"},
          {"code", text(member(failure, "code"))},
          {"metric", metric},
          {"has_metric", !metric.empty()},
          {"location", where},
          {"has_location", !where.empty()},
          {"message", text(member(failure, "message"))},
          {"hint", hint},
          {"has_hint", !hint.empty()},
          {"observed", observed},
          {"has_observed", !observed.empty()},
          {"threshold", threshold},
          {"has_threshold", !threshold.empty()},
          {"classification", run_class},
          {"has_classification", !run_class.empty()},
          {"context", joined},
          {"has_context", !joined.empty()}};
}

std::string regression_verdict(const std::string& status) {
  if (status == "unit_mismatch") return "unit mismatch";
  if (status == "direction_mismatch") return "direction mismatch";
  if (status == "unrelated_baseline") return "unrelated baseline";
  return status.empty() ? "-" : status;
}

// The number text of a value printed beside another it is judged against: enough digits to tell
// them apart (core/text.h digits_apart).
std::string number_beside(const json& value, const json& other) {
  if (!value.is_number()) return "-";
  const int digits = other.is_number() ? digits_apart(value.get<double>(), other.get<double>()) : 6;
  return format_number(value.get<double>(), digits);
}

// The digits that tell observed from each bound it is judged against.
int budget_digits(const json& check) {
  const json& observed = member(check, "observed");
  int digits = 6;
  if (!observed.is_number()) return digits;
  for (const char* bound : {"min", "max"}) {
    const json& value = member(check, bound);
    if (value.is_number()) digits = std::max(digits, digits_apart(observed.get<double>(), value.get<double>()));
  }
  return digits;
}

std::string number_with(const json& value, int digits) {
  return value.is_number() ? format_number(value.get<double>(), digits) : "-";
}

// The columns of a row of a regression gate: both numbers, the change, the test's verdict.
void add_regression_columns(json& row, const json& check, bool charts) {
  const json& metric = member(check, "metric");
  const bool failed = row["failed"].get<bool>();
  const std::string status = text(member(check, "status"));
  row["baseline"] = number_beside(member(check, "baseline"), member(check, "current"));
  row["current"] = number_beside(member(check, "current"), member(check, "baseline"));
  const json& change = member(check, "change_percent");
  row["change"] = change.is_number() ? format_percent_change(change.get<double>()) : "-";
  const json& allowed = member(check, "allowed");
  row["allowed"] = allowed.is_number() ? "±" + number_text(allowed) : "-";
  row["p_value"] = number_text(member(check, "p_value"));
  row["p_adjusted"] = number_text(member(check, "p_adjusted"));
  row["significance"] = text(member(check, "significance"));
  row["status"] = status;
  row["verdict"] = regression_verdict(status);
  if (charts && metric.is_string()) {
    row["chart"] = svg_regression_chart(number(member(check, "baseline")), number(member(check, "current")),
                                        number(member(check, "allowed")), text(member(check, "better")) == "higher",
                                        failed, text(metric));
  }
}

// The columns of a row of a budget gate: the statistic observed and its bounds.
void add_budget_columns(json& row, const json& check, bool charts) {
  const json& metric = member(check, "metric");
  const bool failed = row["failed"].get<bool>();
  const bool no_budget = member(check, "no_budget").is_boolean() && member(check, "no_budget").get<bool>();
  const int digits = budget_digits(check);
  row["key"] = text(member(check, "key"));
  row["stat"] = text(member(check, "stat"));
  row["observed"] = number_with(member(check, "observed"), digits);
  row["min"] = number_with(member(check, "min"), digits);
  row["max"] = number_with(member(check, "max"), digits);
  row["verdict"] = no_budget ? "no budget" : failed ? "over budget" : "pass";
  if (charts) {
    row["chart"] =
        svg_budget_chart(number(member(check, "observed")), number(member(check, "min")), number(member(check, "max")),
                         failed, metric.is_string() ? text(metric) : text(member(check, "key")));
  }
}

// Checks grouped by the suite of their metric, suites in order of first appearance (the checks are
// ordered by run, then metric id); when the checks come from more than one run, by run and suite,
// each table naming its run. Checks that belong to no metric (budget keys that matched nothing, an
// unrelated baseline) and baseline metrics that no run holds come last, in groups of their own.
json gate_tables(const json& checks, bool regression, bool charts, const MetricIndex& index) {
  std::set<std::string> runs;
  for (const json& check : checks) {
    if (!text(member(check, "source")).empty()) runs.insert(text(member(check, "source")));
  }
  const bool by_run = runs.size() > 1;
  std::vector<std::pair<std::string, json>> groups;
  std::vector<std::string> suites;  // of each group
  std::map<std::string, std::size_t> group_of;
  json unmatched = json::array();
  for (const json& check : checks) {
    const bool failed = member(check, "failed").is_boolean() && member(check, "failed").get<bool>();
    const json& metric = member(check, "metric");
    const std::string id = text(metric);
    const MetricParts parts = index.split(id);
    const std::string unit = text(member(check, "unit"));
    const std::string source = text(member(check, "source"));
    json row = {{"metric", id},     {"unit", unit}, {"has_unit", !unit.empty()},
                {"failed", failed}, {"chart", ""},  {"message", text(member(check, "message"))},
                {"source", source}};
    row["suite"] = parts.suite;
    if (metric.is_string()) {
      row["name"] = within_suite(parts);
    } else {
      row["name"] = regression ? "(baseline of another suite)" : "(" + text(member(check, "key")) + ")";
    }
    if (regression) {
      add_regression_columns(row, check, charts);
    } else {
      add_budget_columns(row, check, charts);
    }
    if (!metric.is_string()) {
      unmatched.push_back(std::move(row));
      continue;
    }
    const auto [found, inserted] = group_of.emplace(parts.suite + '\n' + (by_run ? source : ""), groups.size());
    if (inserted) {
      std::string title = "suite " + parts.suite;
      if (by_run) {
        const std::string captured = text(member(check, "captured_at"));
        title += source.empty() ? ", no run of this suite"
                                : ", run " + source + (captured.empty() ? "" : " (" + captured + ")");
      }
      groups.emplace_back(title, json::array());
    }
    groups[found->second].second.push_back(std::move(row));
    if (inserted) suites.push_back(parts.suite);
  }
  json tables = json::array();
  for (std::size_t i = 0; i < groups.size(); ++i) {
    json entry = table_view(groups[i].first, std::move(groups[i].second));
    entry["suite"] = suites[i];
    tables.push_back(std::move(entry));
  }
  if (!unmatched.empty()) {
    json entry = table_view(
        regression ? "a baseline that shares no metric with the evidence" : "budget keys that matched no metric",
        std::move(unmatched));
    entry["suite"] = "";
    tables.push_back(std::move(entry));
  }
  return tables;
}

json finding_view(const json& finding) {
  return {{"code", text(member(finding, "code"))},         {"message", text(member(finding, "message"))},
          {"observed", text(member(finding, "observed"))}, {"required", text(member(finding, "required"))},
          {"pointer", text(member(finding, "pointer"))},   {"fix", text(member(finding, "fix"))}};
}

json classification_table(const json& files) {
  json rows = json::array();
  for (const json& file : files) {
    const json& verdict = member(file, "classification");
    if (!verdict.is_object()) continue;
    json rules = json::array();
    std::string codes;
    for (const json& rule : array_member(verdict, "failed_rules")) {
      rules.push_back(finding_view(rule));
      codes += (codes.empty() ? "" : ", ") + text(member(rule, "code"));
    }
    const bool over = over_claimed(verdict);
    const std::string claimed = text(member(verdict, "claimed"));
    rows.push_back({{"path", text(member(file, "path"))},
                    {"claimed", claimed.empty() ? "none" : claimed},
                    {"derived", text(member(verdict, "derived"))},
                    {"over_claimed", over},
                    {"failed", over},
                    {"status", over ? "over-claimed" : "ok"},
                    {"claim_message", text(member(member(verdict, "claim_finding"), "message"))},
                    {"failed_rules", std::move(rules)},
                    {"has_failed_rules", !codes.empty()},
                    {"failed_rule_codes", codes.empty() ? "-" : codes}});
  }
  return table_view("classification", std::move(rows));
}

json invalid_files_table(const json& files) {
  json rows = json::array();
  for (const json& file : files) {
    if (member(file, "valid").is_boolean() && member(file, "valid").get<bool>()) continue;
    const std::string kind = text(member(file, "kind"));
    json diagnostics = diagnostics_view(array_member(file, "diagnostics"));
    rows.push_back({{"path", text(member(file, "path"))},
                    {"kind", kind.empty() ? "unknown" : kind},
                    {"diagnostic_count", std::to_string(diagnostics.size())},
                    {"diagnostics", std::move(diagnostics)},
                    {"failed", true}});
  }
  return table_view("invalid files", std::move(rows));
}

// The change points of a rolling metric that fall inside its trend, for the marks on its chart.
std::vector<Shift> trend_shifts(const json& metric) {
  std::vector<Shift> shifts;
  for (const json& point : array_member(metric, "change_points")) {
    const json& index = member(point, "trend_index");
    const json& worse = member(point, "worse");
    if (index.is_number_unsigned()) {
      shifts.push_back({index.get<std::size_t>(), worse.is_boolean() && worse.get<bool>()});
    }
  }
  return shifts;
}

// One row per change point of a rolling metric; the newest is failed when the metric failed on it.
void add_change_point_rows(const json& metric, json& rows) {
  const json& points = array_member(metric, "change_points");
  for (std::size_t i = 0; i < points.size(); ++i) {
    const json& point = points[i];
    const bool worse = member(point, "worse").is_boolean() && member(point, "worse").get<bool>();
    const bool failed = i + 1 == points.size() && text(member(metric, "verdict")) == "SHIFTED";
    const std::string commit = text(member(point, "commit"));
    const json& change = member(point, "change_percent");
    rows.push_back({{"metric", text(member(metric, "metric"))},
                    {"source", text(member(point, "source"))},
                    {"captured_at", text(member(point, "captured_at"))},
                    {"commit", commit.empty() ? "-" : commit},
                    {"before", number_text(member(point, "mean_before"))},
                    {"after", number_text(member(point, "mean_after"))},
                    {"change", change.is_number() ? format_percent_change(change.get<double>()) : "-"},
                    {"p", member(point, "p").is_number() ? format_number(member(point, "p").get<double>(), 2) : "-"},
                    {"direction", worse ? "worse" : "better"},
                    {"failed", failed}});
  }
}

json rolling_table(const json& rolling, bool charts) {
  json rows = json::array();
  json shift_rows = json::array();
  for (const json& metric : array_member(rolling, "metrics")) {
    const bool over = rolling_metric_failed(metric);
    const std::string verdict = rolling_metric_verdict(metric);
    const std::string unit = text(member(metric, "unit"));
    json row = {{"metric", text(member(metric, "metric"))},
                {"unit", unit},
                {"has_unit", !unit.empty()},
                {"runs", count_text(member(metric, "runs"))},
                {"n", count_text(member(metric, "n"))},
                {"mean", number_text(member(metric, "mean"))},
                {"stdev", number_text(member(metric, "stdev"))},
                {"cv", number_text(member(metric, "cv_percent"))},
                {"median", number_text(member(metric, "median"))},
                {"min", number_text(member(metric, "min"))},
                {"max", number_text(member(metric, "max"))},
                {"verdict", verdict},
                {"failed", over},
                {"chart", ""}};
    if (charts) {
      std::vector<double> trend;
      for (const json& value : array_member(metric, "trend")) {
        if (value.is_number()) trend.push_back(value.get<double>());
      }
      row["chart"] = svg_sparkline(trend, over, text(member(metric, "metric")), trend_shifts(metric));
    }
    rows.push_back(std::move(row));
    add_change_point_rows(metric, shift_rows);
  }
  json entry = table_view("rolling", std::move(rows));
  const json& search = member(rolling, "change_points");
  entry["has_change_point_search"] = search.is_object();
  entry["change_point_search"] = search.is_object()
                                     ? "p below " + number_text(member(search, "max_p")) + ", change at least " +
                                           number_text(member(search, "min_change")) + "%, windows of " +
                                           count_text(member(search, "window")) + " runs"
                                     : std::string();
  entry["change_point_count"] = count_of(shift_rows.size(), "change point");
  entry["has_change_points"] = !shift_rows.empty();
  entry["change_points"] = std::move(shift_rows);
  entry["history"] = text(member(rolling, "history"));
  entry["window"] = count_text(member(rolling, "window"));
  entry["history_runs"] = count_text(member(rolling, "history_runs"));
  entry["window_text"] = "last " + counted(member(rolling, "window"), "run");
  entry["history_runs_text"] = counted(member(rolling, "history_runs"), "run") + " in the history";
  entry["skipped_files"] = count_text(member(rolling, "skipped_files"));
  entry["failed_runs"] = count_text(member(rolling, "failed_runs"));
  entry["budgets"] = text(member(rolling, "budgets"));
  entry["has_budgets"] = !text(member(rolling, "budgets")).empty();
  const json& max_cv = member(rolling, "max_cv_percent");
  const json& max_median = member(rolling, "max_median");
  entry["max_cv"] = number_text(max_cv);
  entry["max_median"] = number_text(max_median);
  entry["bounds_text"] = (max_cv.is_number() ? "max CV " + number_text(max_cv) + "%" : std::string("no CV bound")) +
                         ", " + (max_median.is_number() ? "max median " + number_text(max_median) : "no median bound");
  entry["enforce"] = text(member(rolling, "enforce"));
  const json& passed = member(rolling, "passed");
  entry["passed"] = passed.is_boolean() && passed.get<bool>();
  return entry;
}

}  // namespace

json report_view(const json& result, bool charts) {
  const MetricIndex index(result);
  const json& summary = member(result, "summary");
  const json& config = member(result, "config");
  const bool passed = member(result, "passed").is_boolean() && member(result, "passed").get<bool>();
  json view;
  view["passed"] = passed;
  view["failed"] = !passed;
  view["verdict"] = passed ? "passed" : "failed";
  view["verdict_title"] = passed ? "PASSED" : "FAILED";
  view["counts_text"] =
      counted(member(summary, "errors"), "error") + ", " + counted(member(summary, "warnings"), "warning");
  const std::string profile = text(member(result, "profile"));
  view["profile"] = profile;
  view["has_profile"] = !profile.empty();
  const std::string gate_mode = text(member(result, "gate_mode"));
  const std::string gate_enforce = text(member(member(config, "gate"), "enforce"));
  view["gate_mode"] = gate_mode;
  view["gate_enforce"] = gate_enforce;
  view["gate_text"] =
      gate_mode == "none" || gate_mode.empty() ? "no gate" : gate_mode + " gate, " + gate_enforce + "-enforced";
  view["config_path"] = text(member(config, "path"));
  const json& policy = member(result, "policy");
  view["policy"] = {{"name", text(member(policy, "name"))},
                    {"version", count_text(member(policy, "version"))},
                    {"sha256", text(member(policy, "sha256"))}};
  json counts;
  for (const char* key : {"files", "valid_files", "invalid_files", "evidence_files", "isolated_affinity",
                          "functional_non_isolated", "over_claimed", "metrics", "gated", "gate_passed", "gate_failed",
                          "rolling_metrics", "rolling_over", "errors", "warnings"}) {
    counts[key] = count_text(member(summary, key));
  }
  // The same counts with their nouns, singular for one: "1 file", "2 evidence files".
  for (const auto& [key, noun] : {std::pair{"files", "file"}, std::pair{"evidence_files", "evidence file"},
                                  std::pair{"gated", "metric"}, std::pair{"rolling_metrics", "rolling metric"}}) {
    counts[std::string(key) + "_text"] = counted(member(summary, key), noun);
  }
  view["summary"] = std::move(counts);

  json failures = json::array();
  for (const json& failure : array_member(result, "failure_diagnostics")) failures.push_back(failure_view(failure));
  view["has_failures"] = !failures.empty();
  view["failures_total"] = std::to_string(failures.size());
  view["failures_omitted"] = "0";
  view["has_failures_omitted"] = false;
  view["failures"] = std::move(failures);

  view["diagnostics"] = table_view("other problems", diagnostics_view(array_member(result, "diagnostics")));
  view["has_diagnostics"] = view["diagnostics"]["has_rows"];

  const json& audit = member(result, "gate_changes");
  json changes = json::array();
  for (const json& change : array_member(audit, "changes")) {
    changes.push_back({{"file", text(member(change, "file"))},
                       {"direction", text(member(change, "direction"))},
                       {"message", text(member(change, "message"))}});
  }
  view["has_gate_changes"] = audit.is_object();
  view["gate_changes"] = table_view("changes since " + text(member(audit, "resolved_ref")), std::move(changes));
  view["gate_changes"]["merge_base"] = text(member(audit, "merge_base")).substr(0, 12);
  view["gate_changes"]["other_changed_files"] = count_text(member(audit, "other_changed_files"));
  view["gate_changes"]["policy"] = text(member(audit, "policy"));

  view["regression_tables"] = gate_tables(array_member(result, "regression_checks"), true, charts, index);
  view["has_regression_tables"] = !view["regression_tables"].empty();
  view["budget_tables"] = gate_tables(array_member(result, "budget_checks"), false, charts, index);
  view["has_budget_tables"] = !view["budget_tables"].empty();

  view["classification"] = classification_table(array_member(result, "files"));
  view["has_classification"] = view["classification"]["has_rows"];
  view["invalid_files"] = invalid_files_table(array_member(result, "files"));
  view["has_invalid_files"] = view["invalid_files"]["has_rows"];

  const json& rolling = member(result, "rolling");
  view["has_rolling"] = rolling.is_object();
  view["rolling"] = rolling.is_object() ? rolling_table(rolling, charts) : table_view("rolling", json::array());

  view["has_truncation"] = false;
  view["truncation"] = {{"limit", ""}, {"full_report", ""}, {"tables", json::array()}};
  return view;
}

}  // namespace evident::io::detail
