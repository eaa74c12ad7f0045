#include "io/report/junit_view.h"

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "io/report/result_fields.h"

namespace evident::io::detail {
namespace {

using nlohmann::json;

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

// The failure_diagnostics entry about this metric of this run (source; empty: any) and part of the
// check, or null.
const json& failure_about(const json& result, const std::string& kind, const std::string& metric,
                          const std::string& source = {}) {
  static const json none;
  for (const json& failure : array_member(result, "failure_diagnostics")) {
    if (text(member(failure, "kind")) != kind || text(member(failure, "metric")) != metric) continue;
    if (!source.empty() && text(member(member(failure, "run"), "file")) != source &&
        text(member(failure, "file")) != source) {
      continue;
    }
    return failure;
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
  std::set<std::string> runs;
  for (const char* list : {"regression_checks", "budget_checks"}) {
    for (const json& check : array_member(result, list)) {
      if (!text(member(check, "source")).empty()) runs.insert(text(member(check, "source")));
    }
  }
  const bool by_run = runs.size() > 1;
  std::vector<std::pair<std::string, json>> groups;
  std::map<std::string, std::size_t> group_of;
  json unmatched = json::array();
  std::string unmatched_name;
  for (const char* list : {"regression_checks", "budget_checks"}) {
    const bool regression = std::string(list) == "regression_checks";
    for (const json& check : array_member(result, list)) {
      const json& metric = member(check, "metric");
      const std::string id = text(metric);
      const std::string source = text(member(check, "source"));
      const MetricParts parts = index.split(id);
      json test = metric.is_string() ? test_case(class_name(parts), parts.name)
                  : regression       ? test_case("gate", "baseline")
                                     : test_case("budget", text(member(check, "key")));
      if (member(check, "failed").is_boolean() && member(check, "failed").get<bool>()) {
        const std::string type = regression ? "gate." + text(member(check, "status")) : "gate.budget";
        judge_breach(
            test, metric.is_string() ? failure_about(result, regression ? "regression" : "budget", id, source) : json(),
            hard, type, text(member(check, "message")), text(member(check, "hint")));
      }
      if (!metric.is_string()) {
        unmatched_name = regression ? "unrelated baseline" : "unmatched budget keys";
        unmatched.push_back(std::move(test));
        continue;
      }
      const std::string name =
          by_run ? parts.suite + " (" + (source.empty() ? "no run" : "run " + source) + ")" : parts.suite;
      const auto [found, inserted] = group_of.emplace(name, groups.size());
      if (inserted) groups.emplace_back(name, json::array());
      groups[found->second].second.push_back(std::move(test));
    }
  }
  for (auto& [suite, cases] : groups) suites.push_back(suite_view(suite, std::move(cases)));
  if (!unmatched.empty()) suites.push_back(suite_view(unmatched_name, std::move(unmatched)));
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

// The failure of a file that does not derive the configuration's "require_class", or null.
const json& required_class_failure(const json& result, const std::string& path) {
  static const json none;
  for (const json& failure : array_member(result, "failure_diagnostics")) {
    if (text(member(failure, "code")) == "classify.required_class" && text(member(failure, "file")) == path)
      return failure;
  }
  return none;
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
      const json& required = required_class_failure(result, text(member(file, "path")));
      if (over_claimed(verdict)) {
        fail(test, text(member(claim, "code")), text(member(claim, "message")), body);
      } else if (required.is_object()) {
        const std::string message = text(member(required, "message"));
        fail(test, text(member(required, "code")), message,
             message + "\nhint: " + text(member(required, "hint")) + (body.starts_with('\n') ? body : "\n" + body));
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
    if (rolling_metric_failed(metric)) {
      const std::string message =
          id + ": " + rolling_metric_verdict(metric) + ": in " + count_text(member(metric, "runs")) + " runs, CV " +
          number_text(member(metric, "cv_percent")) + "% (max " + number_text(member(metric, "max_cv")) +
          "%), median " + number_text(member(metric, "median")) + " (max " + number_text(member(metric, "median_max")) +
          ")";
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

}  // namespace

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

}  // namespace evident::io::detail
