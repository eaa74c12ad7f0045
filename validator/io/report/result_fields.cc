#include "io/report/result_fields.h"

#include <cstdint>

#include "core/text.h"

namespace evident::io::detail {

using nlohmann::json;

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

std::string number_text(const json& value) { return value.is_number() ? format_number(value.get<double>()) : "-"; }

std::string count_text(const json& value) {
  if (value.is_number_unsigned()) return std::to_string(value.get<std::uint64_t>());
  if (value.is_number_integer()) return std::to_string(value.get<std::int64_t>());
  return number_text(value);
}

std::string value_text(const json& value) {
  return value.is_number() ? format_number(value.get<double>()) : text(value);
}

std::string location(const json& file, const json& line, const json& column) {
  std::string where = text(file);
  if (line.is_number()) where += (where.empty() ? "line " : ":") + count_text(line);
  if (line.is_number() && column.is_number()) where += ":" + count_text(column);
  return where;
}

bool over_claimed(const json& verdict) { return text(member(member(verdict, "claim_finding"), "severity")) == "error"; }

bool rolling_metric_failed(const json& metric) {
  const json& failed = member(metric, "failed");
  if (failed.is_boolean()) return failed.get<bool>();
  const json& cv_ok = member(metric, "cv_ok");
  const json& median_ok = member(metric, "median_ok");
  return (cv_ok.is_boolean() && !cv_ok.get<bool>()) || (median_ok.is_boolean() && !median_ok.get<bool>());
}

std::string rolling_metric_verdict(const json& metric) {
  if (std::string verdict = text(member(metric, "verdict")); !verdict.empty()) return verdict;
  if (rolling_metric_failed(metric)) return "OVER";
  return member(metric, "cv_ok").is_boolean() || member(metric, "median_ok").is_boolean() ? "OK" : "-";
}

MetricIndex::MetricIndex(const json& result) {
  for (const json& metric : array_member(result, "metrics")) {
    parts_.emplace(
        text(member(metric, "metric")),
        MetricParts{text(member(metric, "suite")), text(member(metric, "benchmark")), text(member(metric, "name"))});
  }
}

MetricParts MetricIndex::split(const std::string& id) const {
  if (const auto found = parts_.find(id); found != parts_.end()) return found->second;
  const std::size_t first = id.find('/');
  const std::size_t last = id.rfind('/');
  if (first == std::string::npos) return {id, "", id};
  if (first == last) return {id.substr(0, first), "", id.substr(first + 1)};
  return {id.substr(0, first), id.substr(first + 1, last - first - 1), id.substr(last + 1)};
}

}  // namespace evident::io::detail
