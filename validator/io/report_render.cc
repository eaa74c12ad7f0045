#include "io/report_render.h"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <utility>
#include <vector>

#include <kainjow/mustache.hpp>

#include "core/text.h"
#include "io/embedded_file.h"
#include "io/markup_escape.h"
#include "io/svg_chart.h"

namespace evident::io {
namespace {

using nlohmann::json;

// ---- Reading the result document. It was validated against its schema before it got here, but a
// missing member reads as null rather than failing: a renderer never throws on data.

const json& member(const json& object, const char* key) {
  static const json null_value;
  if (!object.is_object()) return null_value;
  const auto found = object.find(key);
  return found == object.end() ? null_value : *found;
}

const json& array_member(const json& object, const char* key) {
  static const json empty_array = json::array();
  const json& value = member(object, key);
  return value.is_array() ? value : empty_array;
}

std::string text(const json& value) { return value.is_string() ? value.get<std::string>() : std::string(); }

std::optional<double> number(const json& value) {
  if (!value.is_number()) return std::nullopt;
  return value.get<double>();
}

// A number as every report prints it; "-" for null.
std::string number_text(const json& value) { return value.is_number() ? format_number(value.get<double>()) : "-"; }

std::string count_text(const json& value) {
  if (value.is_number_unsigned()) return std::to_string(value.get<std::uint64_t>());
  if (value.is_number_integer()) return std::to_string(value.get<std::int64_t>());
  return number_text(value);
}

// A threshold or observation: a number, a string, or "" for null.
std::string value_text(const json& value) {
  return value.is_number() ? format_number(value.get<double>()) : text(value);
}

std::string counted(const json& count, const std::string& noun) {
  const std::string digits = count_text(count);
  return digits + " " + noun + (digits == "1" ? "" : "s");
}

// "file:line:column", as far as it is known.
std::string location(const json& file, const json& line, const json& column) {
  std::string where = text(file);
  if (line.is_number()) where += (where.empty() ? "line " : ":") + count_text(line);
  if (line.is_number() && column.is_number()) where += ":" + count_text(column);
  return where;
}

struct MetricParts {
  std::string suite;
  std::string benchmark;
  std::string name;
};

// Metric ids are suite/benchmark/metric. The metrics of the result say how an id splits (a name may
// hold a '/'); an id not among them splits at its first and last '/'.
class MetricIndex {
 public:
  explicit MetricIndex(const json& result) {
    for (const json& metric : array_member(result, "metrics")) {
      parts_.emplace(
          text(member(metric, "metric")),
          MetricParts{text(member(metric, "suite")), text(member(metric, "benchmark")), text(member(metric, "name"))});
    }
  }

  MetricParts split(const std::string& id) const {
    if (const auto found = parts_.find(id); found != parts_.end()) return found->second;
    const std::size_t first = id.find('/');
    const std::size_t last = id.rfind('/');
    if (first == std::string::npos) return {id, "", id};
    if (first == last) return {id.substr(0, first), "", id.substr(first + 1)};
    return {id.substr(0, first), id.substr(first + 1, last - first - 1), id.substr(last + 1)};
  }

 private:
  std::map<std::string, MetricParts> parts_;
};

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
  return status.empty() ? "-" : status;
}

// Checks grouped by the suite of their metric, suites in order of first appearance (the checks are
// ordered by metric id); budget keys that matched no metric last, in a group of their own.
json gate_tables(const json& checks, bool regression, bool charts, const MetricIndex& index) {
  std::vector<std::pair<std::string, json>> groups;
  std::map<std::string, std::size_t> group_of;
  json unmatched = json::array();
  for (const json& check : checks) {
    const bool failed = member(check, "failed").is_boolean() && member(check, "failed").get<bool>();
    const json& metric = member(check, "metric");
    const std::string id = text(metric);
    const MetricParts parts = index.split(id);
    const std::string unit = text(member(check, "unit"));
    json row = {{"metric", id},
                {"unit", unit},
                {"has_unit", !unit.empty()},
                {"failed", failed},
                {"chart", ""},
                {"message", text(member(check, "message"))},
                {"source", text(member(check, "source"))}};
    row["suite"] = parts.suite;
    row["name"] = metric.is_string() ? within_suite(parts) : "(" + text(member(check, "key")) + ")";
    if (regression) {
      const std::string status = text(member(check, "status"));
      row["baseline"] = number_text(member(check, "baseline"));
      row["current"] = number_text(member(check, "current"));
      const json& change = member(check, "change_percent");
      row["change"] = change.is_number() ? format_percent_change(change.get<double>()) : "-";
      const json& allowed = member(check, "allowed");
      row["allowed"] = allowed.is_number() ? "±" + number_text(allowed) : "-";
      row["p_value"] = number_text(member(check, "p_value"));
      row["significance"] = text(member(check, "significance"));
      row["status"] = status;
      row["verdict"] = regression_verdict(status);
      if (charts) {
        row["chart"] = svg_regression_chart(number(member(check, "baseline")), number(member(check, "current")),
                                            number(member(check, "allowed")), text(member(check, "better")) == "higher",
                                            failed, id);
      }
    } else {
      const bool no_budget = member(check, "no_budget").is_boolean() && member(check, "no_budget").get<bool>();
      row["key"] = text(member(check, "key"));
      row["stat"] = text(member(check, "stat"));
      row["observed"] = number_text(member(check, "observed"));
      row["min"] = number_text(member(check, "min"));
      row["max"] = number_text(member(check, "max"));
      row["verdict"] = no_budget ? "no budget" : failed ? "over budget" : "pass";
      if (charts) {
        row["chart"] = svg_budget_chart(number(member(check, "observed")), number(member(check, "min")),
                                        number(member(check, "max")), failed,
                                        metric.is_string() ? id : text(member(check, "key")));
      }
    }
    if (!metric.is_string()) {
      unmatched.push_back(std::move(row));
      continue;
    }
    const auto [found, inserted] = group_of.emplace(parts.suite, groups.size());
    if (inserted) groups.emplace_back(parts.suite, json::array());
    groups[found->second].second.push_back(std::move(row));
  }
  json tables = json::array();
  for (auto& [suite, rows] : groups) {
    json entry = table_view("suite " + suite, std::move(rows));
    entry["suite"] = suite;
    tables.push_back(std::move(entry));
  }
  if (!unmatched.empty()) {
    json entry = table_view("budget keys that matched no metric", std::move(unmatched));
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

bool over_claimed(const json& verdict) { return text(member(member(verdict, "claim_finding"), "severity")) == "error"; }

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

json rolling_table(const json& rolling, bool charts) {
  json rows = json::array();
  for (const json& metric : array_member(rolling, "metrics")) {
    const json& cv_ok = member(metric, "cv_ok");
    const json& median_ok = member(metric, "median_ok");
    const bool over = (cv_ok.is_boolean() && !cv_ok.get<bool>()) || (median_ok.is_boolean() && !median_ok.get<bool>());
    const bool judged = cv_ok.is_boolean() || median_ok.is_boolean();
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
                {"verdict", over     ? "OVER"
                            : judged ? "OK"
                                     : "-"},
                {"failed", over},
                {"chart", ""}};
    if (charts) {
      std::vector<double> trend;
      for (const json& value : array_member(metric, "trend")) {
        if (value.is_number()) trend.push_back(value.get<double>());
      }
      row["chart"] = svg_sparkline(trend, over, text(member(metric, "metric")));
    }
    rows.push_back(std::move(row));
  }
  json entry = table_view("rolling", std::move(rows));
  entry["history"] = text(member(rolling, "history"));
  entry["window"] = count_text(member(rolling, "window"));
  entry["history_runs"] = count_text(member(rolling, "history_runs"));
  entry["skipped_files"] = count_text(member(rolling, "skipped_files"));
  entry["max_cv"] = number_text(member(rolling, "max_cv_percent"));
  entry["max_median"] = number_text(member(rolling, "max_median"));
  entry["enforce"] = text(member(rolling, "enforce"));
  const json& passed = member(rolling, "passed");
  entry["passed"] = passed.is_boolean() && passed.get<bool>();
  return entry;
}

// Everything the Markdown, summary and HTML templates receive (docs/reports.md lists the keys):
// strings and booleans only, numbers already formatted, user text raw (the template's escaping
// applies), charts as SVG markup for triple mustaches.
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

// ---- The job summary within its limit.

// Where the reader finds everything the summary leaves out.
std::string full_report_name(const json& result) {
  const json& reports = member(member(result, "config"), "reports");
  for (const char* format : {"html", "markdown", "json"}) {
    if (const std::string path = text(member(reports, format)); !path.empty()) return path;
  }
  return "the JSON result";
}

// `keep` of the rows: those that failed first, then the others, each in their order; the kept rows
// stay in table order.
json kept_rows(const json& rows, std::size_t keep) {
  if (rows.size() <= keep) return rows;
  std::vector<bool> kept(rows.size(), false);
  std::size_t count = 0;
  for (const bool want_failed : {true, false}) {
    for (std::size_t i = 0; i < rows.size() && count < keep; ++i) {
      const json& failed = member(rows[i], "failed");
      if ((failed.is_boolean() && failed.get<bool>()) == want_failed && !kept[i]) {
        kept[i] = true;
        ++count;
      }
    }
  }
  json shortened = json::array();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (kept[i]) shortened.push_back(rows[i]);
  }
  return shortened;
}

// Rows each table keeps when `budget` rows are kept in all: the largest tables give up rows first,
// down to a common size; what is left over goes to the earlier tables.
std::vector<std::size_t> share_rows(const std::vector<std::size_t>& sizes, std::size_t budget) {
  const auto kept_at = [&](std::size_t cap) {
    std::size_t total = 0;
    for (std::size_t size : sizes) total += std::min(size, cap);
    return total;
  };
  std::size_t low = 0;
  std::size_t high = sizes.empty() ? 0 : *std::max_element(sizes.begin(), sizes.end());
  while (low < high) {  // the largest cap whose rows fit the budget
    const std::size_t middle = low + (high - low + 1) / 2;
    if (kept_at(middle) <= budget) {
      low = middle;
    } else {
      high = middle - 1;
    }
  }
  std::size_t spare = budget - std::min(budget, kept_at(low));
  std::vector<std::size_t> shares;
  for (std::size_t size : sizes) {
    std::size_t share = std::min(size, low);
    if (size > low && spare > 0) {
      ++share;
      --spare;
    }
    shares.push_back(share);
  }
  return shares;
}

// The largest n in [0, total] for which fits(n) holds, given that fits(0) does and that fits is
// monotonic: doubling steps first, then bisection, so a small answer costs small renderings.
std::size_t largest_fitting(std::size_t total, const std::function<bool(std::size_t)>& fits) {
  std::size_t good = 0;
  std::size_t bad = total + 1;
  for (std::size_t step = 1; good < total; step *= 2) {
    const std::size_t next = std::min(total, good + step);
    if (!fits(next)) {
      bad = next;
      break;
    }
    good = next;
  }
  while (bad - good > 1) {
    const std::size_t middle = good + (bad - good) / 2;
    if (fits(middle)) {
      good = middle;
    } else {
      bad = middle;
    }
  }
  return good;
}

// The job summary within its byte limit. Tables lose rows first (the largest first, failed rows
// kept longest); when no table row fits, the failure list is cut; when not even the verdict fits,
// the text is cut at a line. Every step notes what is missing and where the full report is.
class SummaryFitter {
 public:
  SummaryFitter(json full, std::string full_report, std::size_t limit, std::function<std::string(const json&)> render)
      : full_(std::move(full)), limit_(limit), render_(std::move(render)) {
    for (const char* list : {"regression_tables", "budget_tables"}) {
      for (std::size_t i = 0; i < full_[list].size(); ++i) {
        tables_.push_back(json::json_pointer("/" + std::string(list) + "/" + std::to_string(i)));
      }
    }
    for (const char* single : {"classification", "invalid_files", "rolling", "diagnostics"}) {
      tables_.push_back(json::json_pointer("/" + std::string(single)));
    }
    skeleton_ = full_;  // the view without rows, copied for each attempt
    for (const auto& pointer : tables_) {
      sizes_.push_back(full_[pointer]["rows"].size());
      skeleton_[pointer]["rows"] = json::array();
    }
    skeleton_["failures"] = json::array();
    skeleton_["has_truncation"] = true;
    skeleton_["truncation"]["limit"] = std::to_string(limit_);
    skeleton_["truncation"]["full_report"] = std::move(full_report);
  }

  std::string fit() {
    std::string text = render_(full_);
    if (text.size() <= limit_) return text;
    const auto fits = [this](std::size_t rows, std::size_t failures) {
      return attempt(rows, failures).size() <= limit_;
    };
    if (!fits(0, 0)) return cut_text(attempt(0, 0));
    const std::size_t all_failures = full_["failures"].size();
    const std::size_t failures = largest_fitting(all_failures, [&](std::size_t kept) { return fits(0, kept); });
    if (failures < all_failures) return attempt(0, failures);
    std::size_t all_rows = 0;
    for (std::size_t size : sizes_) all_rows += size;
    const std::size_t rows = largest_fitting(all_rows, [&](std::size_t kept) { return fits(kept, failures); });
    return attempt(rows, failures);
  }

 private:
  std::string attempt(std::size_t table_rows, std::size_t failures) {
    json view = skeleton_;
    json& note = view["truncation"];
    const std::vector<std::size_t> shares = share_rows(sizes_, table_rows);
    for (std::size_t i = 0; i < tables_.size(); ++i) {
      json& table = view[tables_[i]];
      table["rows"] = kept_rows(full_[tables_[i]]["rows"], shares[i]);
      table["has_rows"] = shares[i] > 0;
      if (shares[i] >= sizes_[i]) continue;
      table["omitted"] = std::to_string(sizes_[i] - shares[i]);
      table["has_omitted"] = true;
      note["tables"].push_back({{"title", table["title"]}, {"omitted", table["omitted"]}, {"total", table["total"]}});
    }
    view["failures"] = kept_rows(full_["failures"], failures);
    const std::size_t dropped_failures = full_["failures"].size() - view["failures"].size();
    view["failures_omitted"] = std::to_string(dropped_failures);
    view["has_failures_omitted"] = dropped_failures > 0;
    return render_(view);
  }

  // Last resort when even the verdict does not fit: cut at a line (else a character) boundary.
  std::string cut_text(const std::string& text) const {
    static const std::string note = "\n\n_The summary was cut here to stay within its size limit._\n";
    if (text.size() <= limit_) return text;
    const bool with_note = limit_ > note.size();
    std::size_t end = with_note ? limit_ - note.size() : limit_;
    if (const std::size_t line = text.rfind('\n', end); with_note && line != std::string::npos && line > 0) end = line;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0U) == 0x80U) --end;
    return text.substr(0, end) + (with_note ? note : std::string());
  }

  json full_;
  json skeleton_;
  std::size_t limit_;
  std::function<std::string(const json&)> render_;
  std::vector<json::json_pointer> tables_;
  std::vector<std::size_t> sizes_;
};

// ---- JUnit: one test case per gated metric, classified file, validated file and rolling metric.

// "error[code] file:line:column: message", and the hint on its own line.
std::string diagnostic_line(const json& diagnostic) {
  const std::string where =
      location(member(diagnostic, "file"), member(diagnostic, "line"), member(diagnostic, "column"));
  std::string line = text(member(diagnostic, "severity")) + "[" + text(member(diagnostic, "code")) + "] " +
                     (where.empty() ? "" : where + ": ") + text(member(diagnostic, "message"));
  if (const std::string hint = text(member(diagnostic, "hint")); !hint.empty()) line += "\n  hint: " + hint;
  return line;
}

json test_case(std::string classname, std::string name) {
  return {{"classname", std::move(classname)},
          {"name", std::move(name)},
          {"failed", false},
          {"failure_type", ""},
          {"failure_message", ""},
          {"failure_text", ""},
          {"has_output", false},
          {"output", ""}};
}

void fail(json& test, const std::string& type, const std::string& message, const std::string& body) {
  test["failed"] = true;
  test["failure_type"] = type;
  test["failure_message"] = message;
  test["failure_text"] = body;
}

void add_output(json& test, const std::string& line) {
  test["output"] = test["output"].get<std::string>() + (test["has_output"].get<bool>() ? "\n" : "") + line;
  test["has_output"] = true;
}

json suite_view(std::string name, json cases) {
  std::size_t failures = 0;
  for (const json& test : cases) {
    if (test["failed"].get<bool>()) ++failures;
  }
  const std::size_t tests = cases.size();
  return {{"name", std::move(name)}, {"tests", tests}, {"failures", failures}, {"cases", std::move(cases)}};
}

// The failure_diagnostics entry about this metric and part of the check, or null.
const json& failure_about(const json& result, const std::string& kind, const std::string& metric) {
  static const json none;
  for (const json& failure : array_member(result, "failure_diagnostics")) {
    if (text(member(failure, "kind")) == kind && text(member(failure, "metric")) == metric) return failure;
  }
  return none;
}

// A breach fails its test case when enforced; a soft-enforced one is reported as output only.
void judge_breach(json& test, const json& failure, bool hard, const std::string& fallback_type,
                  const std::string& fallback_message, const std::string& fallback_hint) {
  const bool enforced = failure.is_object() ? text(member(failure, "severity")) == "error" : hard;
  const std::string type = failure.is_object() ? text(member(failure, "code")) : fallback_type;
  const std::string message = failure.is_object() ? text(member(failure, "message")) : fallback_message;
  const std::string hint = failure.is_object() ? text(member(failure, "hint")) : fallback_hint;
  const std::string body = message + (hint.empty() ? "" : "\nhint: " + hint);
  if (enforced) {
    fail(test, type, message, body);
  } else {
    add_output(test, "warning[" + type + "] (soft-enforced: reported, not failed): " + body);
  }
}

std::string class_name(const MetricParts& parts) {
  return parts.benchmark.empty() ? parts.suite : parts.suite + "/" + parts.benchmark;
}

void add_gate_suites(const json& result, const MetricIndex& index, json& suites) {
  const bool hard = text(member(member(member(result, "config"), "gate"), "enforce")) != "soft";
  std::vector<std::pair<std::string, json>> groups;
  std::map<std::string, std::size_t> group_of;
  json unmatched = json::array();
  for (const char* list : {"regression_checks", "budget_checks"}) {
    const bool regression = std::string(list) == "regression_checks";
    for (const json& check : array_member(result, list)) {
      const json& metric = member(check, "metric");
      const std::string id = text(metric);
      const MetricParts parts = index.split(id);
      json test = metric.is_string() ? test_case(class_name(parts), parts.name)
                                     : test_case("budget", text(member(check, "key")));
      if (member(check, "failed").is_boolean() && member(check, "failed").get<bool>()) {
        const std::string type = regression ? "gate." + text(member(check, "status")) : "gate.budget";
        judge_breach(test,
                     metric.is_string() ? failure_about(result, regression ? "regression" : "budget", id) : json(),
                     hard, type, text(member(check, "message")), text(member(check, "hint")));
      }
      if (!metric.is_string()) {
        unmatched.push_back(std::move(test));
        continue;
      }
      const auto [found, inserted] = group_of.emplace(parts.suite, groups.size());
      if (inserted) groups.emplace_back(parts.suite, json::array());
      groups[found->second].second.push_back(std::move(test));
    }
  }
  for (auto& [suite, cases] : groups) suites.push_back(suite_view(suite, std::move(cases)));
  if (!unmatched.empty()) suites.push_back(suite_view("unmatched budget keys", std::move(unmatched)));
}

std::string diagnostics_text(const json& diagnostics) {
  std::string body;
  for (const json& diagnostic : diagnostics) body += (body.empty() ? "" : "\n") + diagnostic_line(diagnostic);
  return body;
}

// The first error among the diagnostics (else the first of them), for a failure's type and message.
const json& first_error(const json& diagnostics) {
  static const json none;
  for (const json& diagnostic : diagnostics) {
    if (text(member(diagnostic, "severity")) == "error") return diagnostic;
  }
  return diagnostics.empty() ? none : diagnostics.front();
}

json classification_suite(const json& result) {
  json cases = json::array();
  for (const json& file : array_member(result, "files")) {
    const json& verdict = member(file, "classification");
    const bool valid = member(file, "valid").is_boolean() && member(file, "valid").get<bool>();
    const std::string kind = text(member(file, "kind"));
    if (!verdict.is_object() && (valid || (!kind.empty() && kind != "evidence"))) continue;
    json test = test_case("classification", text(member(file, "path")));
    if (!verdict.is_object()) {
      const json& diagnostics = array_member(file, "diagnostics");
      const std::string type = text(member(first_error(diagnostics), "code"));
      fail(test, type.empty() ? "validation.invalid" : type, "not classified: the file is not valid evidence",
           diagnostics_text(diagnostics));
    } else {
      const json& claim = member(verdict, "claim_finding");
      std::string body = text(member(claim, "message"));
      for (const json& rule : array_member(verdict, "failed_rules")) {
        body += "\n" + text(member(rule, "code")) + ": " + text(member(rule, "message")) + " (observed " +
                text(member(rule, "observed")) + ", required " + text(member(rule, "required")) + ")";
      }
      if (over_claimed(verdict)) {
        fail(test, text(member(claim, "code")), text(member(claim, "message")), body);
      } else if (claim.is_object()) {
        add_output(test, body);
      }
      add_output(test, "claimed " +
                           (text(member(verdict, "claimed")).empty() ? "none" : text(member(verdict, "claimed"))) +
                           ", derived " + text(member(verdict, "derived")));
    }
    cases.push_back(std::move(test));
  }
  return suite_view("classification", std::move(cases));
}

json validation_suite(const json& result) {
  json cases = json::array();
  for (const json& file : array_member(result, "files")) {
    json test = test_case("validation", text(member(file, "path")));
    const json& diagnostics = array_member(file, "diagnostics");
    const bool valid = member(file, "valid").is_boolean() && member(file, "valid").get<bool>();
    if (!valid) {
      const json& first = first_error(diagnostics);
      const std::string type = text(member(first, "code"));
      fail(test, type.empty() ? "validation.invalid" : type,
           first.is_object() ? text(member(first, "message")) : "the file is not valid", diagnostics_text(diagnostics));
    } else if (!diagnostics.empty()) {
      add_output(test, diagnostics_text(diagnostics));
    }
    cases.push_back(std::move(test));
  }
  return suite_view("validation", std::move(cases));
}

json rolling_suite(const json& result, const MetricIndex& index) {
  const json& rolling = member(result, "rolling");
  const bool hard = text(member(rolling, "enforce")) != "soft";
  json cases = json::array();
  for (const json& metric : array_member(rolling, "metrics")) {
    const std::string id = text(member(metric, "metric"));
    const MetricParts parts = index.split(id);
    json test = test_case(class_name(parts), parts.name);
    const json& cv_ok = member(metric, "cv_ok");
    const json& median_ok = member(metric, "median_ok");
    if ((cv_ok.is_boolean() && !cv_ok.get<bool>()) || (median_ok.is_boolean() && !median_ok.get<bool>())) {
      const std::string message = id + ": OVER: CV " + number_text(member(metric, "cv_percent")) + "% (max " +
                                  number_text(member(rolling, "max_cv_percent")) + "%), median " +
                                  number_text(member(metric, "median")) + " (max " +
                                  number_text(member(rolling, "max_median")) + ")";
      judge_breach(test, failure_about(result, "rolling", id), hard, "rolling.over", message, "");
    }
    cases.push_back(std::move(test));
  }
  return suite_view("rolling", std::move(cases));
}

json configuration_suite(const json& result) {
  json cases = json::array();
  for (const json& diagnostic : array_member(result, "diagnostics")) {
    const std::string file = text(member(diagnostic, "file"));
    json test = test_case("configuration", file.empty() ? text(member(diagnostic, "code")) : file);
    if (text(member(diagnostic, "severity")) == "error") {
      fail(test, text(member(diagnostic, "code")), text(member(diagnostic, "message")), diagnostic_line(diagnostic));
    } else {
      add_output(test, diagnostic_line(diagnostic));
    }
    cases.push_back(std::move(test));
  }
  return suite_view("configuration", std::move(cases));
}

// What junit.xml.mustache receives: {tests, failures, suites: [{name, tests, failures, cases: [...]}]}.
json junit_view(const json& result) {
  const MetricIndex index(result);
  json suites = json::array();
  add_gate_suites(result, index, suites);
  suites.push_back(classification_suite(result));
  suites.push_back(validation_suite(result));
  if (member(result, "rolling").is_object()) suites.push_back(rolling_suite(result, index));
  if (!array_member(result, "diagnostics").empty()) suites.push_back(configuration_suite(result));
  std::size_t tests = 0;
  std::size_t failures = 0;
  for (const json& suite : suites) {
    tests += suite["tests"].get<std::size_t>();
    failures += suite["failures"].get<std::size_t>();
  }
  return {{"name", "evident"}, {"tests", tests}, {"failures", failures}, {"suites", std::move(suites)}};
}

// ---- Templates.

struct Template {
  std::string source;  // the file, or "built-in <name>", for messages
  std::string text;
};

Template load_template(const std::string& name, const RenderOptions& options) {
  if (!options.template_dir.empty()) {
    const std::filesystem::path path = std::filesystem::path(options.template_dir) / name;
    std::error_code error;
    if (std::filesystem::exists(path, error)) {
      if (!std::filesystem::is_regular_file(path, error)) throw TemplateError(path.string() + ": not a file");
      std::ifstream in(path, std::ios::binary);
      std::string contents{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
      if (!in.is_open() || in.bad()) throw TemplateError(path.string() + ": cannot read the template");
      return {path.string(), std::move(contents)};
    }
  }
  for (const EmbeddedFile& file : embedded_templates()) {
    if (file.name == name) return {"built-in " + name, std::string(file.contents)};
  }
  throw TemplateError("no built-in template " + name);
}

kainjow::mustache::data to_data(const json& value) {
  using kainjow::mustache::data;
  switch (value.type()) {
    case json::value_t::object: {
      data object{data::type::object};
      for (const auto& [key, item] : value.items()) object[key] = to_data(item);
      return object;
    }
    case json::value_t::array: {
      data list{data::type::list};
      for (const json& item : value) list.push_back(to_data(item));
      return list;
    }
    case json::value_t::boolean:
      return data{value.get<bool>()};
    case json::value_t::string:
      return data{value.get<std::string>()};
    case json::value_t::null:
      return data{false};
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
      return data{count_text(value)};
    default:
      return data{value_text(value)};
  }
}

// kainjow keeps the line of a section tag whose section is not rendered, so a template written with
// one tag per line would fill reports with blank lines. The mustache specification removes such
// "standalone" lines: a line holding nothing but one section, inverted section, end or comment tag.
// Before parsing, each such line gets a marker; after rendering, every line that is only the marker
// goes. The marker is a control character, which no escaped value can contain.
constexpr char standalone_marker = '\x1e';

bool is_standalone_tag(std::string_view line) {
  if (line.size() < 5 || !line.starts_with("{{") || line.starts_with("{{{") || !line.ends_with("}}")) return false;
  if (line.find("{{", 2) != std::string_view::npos) return false;
  const std::size_t sigil = line.find_first_not_of(" \t", 2);
  return sigil != std::string_view::npos && std::string_view("#^/!").find(line[sigil]) != std::string_view::npos;
}

std::string mark_standalone_tags(std::string_view text) {
  std::string marked;
  marked.reserve(text.size());
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    std::string_view ending = end == std::string_view::npos ? "" : "\n";
    if (line.ends_with('\r')) {
      line.remove_suffix(1);
      ending = end == std::string_view::npos ? "\r" : "\r\n";
    }
    const std::size_t first = line.find_first_not_of(" \t");
    const std::size_t last = line.find_last_not_of(" \t");
    const std::string_view trimmed = first == std::string_view::npos ? "" : line.substr(first, last - first + 1);
    if (is_standalone_tag(trimmed)) {
      marked += trimmed;
      marked += standalone_marker;
    } else {
      marked += line;
    }
    marked += ending;
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  }
  return marked;
}

std::string drop_marked_lines(std::string_view rendered) {
  std::string kept;
  kept.reserve(rendered.size());
  while (!rendered.empty()) {
    const std::size_t end = rendered.find('\n');
    const std::string_view line = rendered.substr(0, end == std::string_view::npos ? rendered.size() : end + 1);
    std::string_view content = line;
    while (!content.empty() && (content.back() == '\n' || content.back() == '\r')) content.remove_suffix(1);
    if (content.size() != 1 || content[0] != standalone_marker) kept += line;
    rendered.remove_prefix(line.size());
  }
  return kept;
}

using Escape = std::string (*)(std::string_view);

class Renderer {
 public:
  Renderer(const Template& source, Escape escape)
      : source_(source.source), template_(mark_standalone_tags(source.text)) {
    if (!template_.is_valid()) throw TemplateError(source_ + ": " + template_.error_message());
    template_.set_custom_escape([escape](const std::string& value) { return escape(value); });
  }

  std::string operator()(const json& view) {
    std::string rendered = template_.render(to_data(view));
    if (!template_.is_valid()) throw TemplateError(source_ + ": " + template_.error_message());
    return drop_marked_lines(rendered);
  }

 private:
  std::string source_;
  kainjow::mustache::mustache template_;
};

}  // namespace

std::optional<ReportFormat> report_format_from_name(std::string_view name) {
  if (name == "markdown") return ReportFormat::markdown;
  if (name == "summary") return ReportFormat::summary;
  if (name == "html") return ReportFormat::html;
  if (name == "junit") return ReportFormat::junit;
  return std::nullopt;
}

std::string render_report(const json& result, ReportFormat format, const RenderOptions& options) {
  switch (format) {
    case ReportFormat::markdown:
      return Renderer(load_template("report.md.mustache", options), escape_markdown_cell)(report_view(result, false));
    case ReportFormat::html:
      return Renderer(load_template("report.html.mustache", options), escape_html)(report_view(result, true));
    case ReportFormat::junit:
      return Renderer(load_template("junit.xml.mustache", options), escape_xml)(junit_view(result));
    case ReportFormat::summary: {
      Renderer renderer(load_template("summary.md.mustache", options), escape_markdown_cell);
      SummaryFitter fitter(report_view(result, false), full_report_name(result), options.summary_limit,
                           [&renderer](const json& view) { return renderer(view); });
      return fitter.fit();
    }
  }
  return {};
}

}  // namespace evident::io
