#pragma once
// The rules of the evidence format that JSON Schema cannot express (or only at quadratic cost):
// unique benchmark and metric names, unique CPU ids and list entries, unique artifact paths, and a
// captured_at that names a real calendar day. Runs on schema-valid evidence.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace evident {

struct FormatViolation {
  std::string code;     // e.g. "evidence.duplicate_metric"
  std::string pointer;  // the second occurrence
  std::string message;
};

std::vector<FormatViolation> check_evidence_rules(const nlohmann::json& evidence);

}  // namespace evident
