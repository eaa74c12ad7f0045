#pragma once
// Reading the check result document (schemas/result.schema.json) for the reports. The document was
// validated against its schema before it got here, but a missing member reads as null rather than
// failing: a renderer never throws on data. Numbers print the same way in every report.
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace evident::io::detail {

// The member `key` of an object; null when the value is no object or lacks it.
const nlohmann::json& member(const nlohmann::json& object, const char* key);

// The member `key` when it is an array; an empty array otherwise.
const nlohmann::json& array_member(const nlohmann::json& object, const char* key);

// A string value; "" for anything else.
std::string text(const nlohmann::json& value);

std::optional<double> number(const nlohmann::json& value);

// A number as every report prints it; "-" for null.
std::string number_text(const nlohmann::json& value);

// An integer in full digits; any other number as number_text().
std::string count_text(const nlohmann::json& value);

// A threshold or observation: a number, a string, or "" for null.
std::string value_text(const nlohmann::json& value);

// "file:line:column", as far as it is known.
std::string location(const nlohmann::json& file, const nlohmann::json& line, const nlohmann::json& column);

// Whether a file's classification verdict claims more than its evidence supports.
bool over_claimed(const nlohmann::json& verdict);

// Whether a rolling metric failed, and its verdict (MIXED, INSUFFICIENT, OVER, OK or -): its "failed"
// and "verdict" members, or, in a result written before they existed, its cv_ok and median_ok.
bool rolling_metric_failed(const nlohmann::json& metric);
std::string rolling_metric_verdict(const nlohmann::json& metric);

struct MetricParts {
  std::string suite;
  std::string benchmark;
  std::string name;
};

// Metric ids are suite/benchmark/metric. The metrics of the result say how an id splits (a name may
// hold a '/'); an id not among them splits at its first and last '/'.
class MetricIndex {
 public:
  explicit MetricIndex(const nlohmann::json& result);

  MetricParts split(const std::string& id) const;

 private:
  std::map<std::string, MetricParts> parts_;
};

}  // namespace evident::io::detail
