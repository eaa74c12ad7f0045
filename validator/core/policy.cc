#include "core/policy.h"

#include <algorithm>

#include "core/rule_catalogue.h"
#include "core/sha256.h"

namespace evident {
namespace {

using nlohmann::json;

std::string json_text(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

// Reads a schema-valid policy document; nothing in it can be wrong that the schema does not say.
Policy read_policy(const json& document) {
  Policy policy;
  policy.name = document.at("name").get<std::string>();
  policy.version = document.at("version").get<std::int64_t>();
  policy.description = document.value("description", "");
  policy.require_self_hosted = document.at("require_self_hosted").get<bool>();
  policy.required_labels = document.at("required_labels").get<std::vector<std::string>>();
  policy.required_governor = document.at("required_governor").get<std::string>();
  policy.require_frequency = document.at("require_frequency").get<bool>();
  policy.load_avg_max = document.at("load_avg_max").get<double>();
  policy.require_no_concurrent_jobs = document.at("require_no_concurrent_jobs").get<bool>();
  // Catalogue order, so that the canonical text does not depend on the order of the file.
  const auto listed = document.at("required_advisories").get<std::vector<std::string>>();
  for (const std::string& code : rule_codes(RuleKind::advisory)) {
    if (std::find(listed.begin(), listed.end(), code) != listed.end()) policy.required_advisories.push_back(code);
  }
  return policy;
}

std::string json_string_list(const std::vector<std::string>& items) {
  std::string text = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) text += ", ";
    text += json_text(json(items[i]));
  }
  return text + "]";
}

}  // namespace

Policy default_policy() {
  Policy policy;
  policy.description = "The built-in policy: the classification rules of the evident specification.";
  policy.sha256 = sha256_hex(canonical_policy_json(policy));
  return policy;
}

std::string canonical_policy_json(const Policy& policy) {
  const auto boolean = [](bool value) { return value ? "true" : "false"; };
  std::string text = "{\n";
  text += "  \"schema_version\": " + json_text(json(std::string(policy_schema_version))) + ",\n";
  text += "  \"name\": " + json_text(json(policy.name)) + ",\n";
  text += "  \"version\": " + std::to_string(policy.version) + ",\n";
  if (!policy.description.empty()) text += "  \"description\": " + json_text(json(policy.description)) + ",\n";
  text += "  \"require_self_hosted\": " + std::string(boolean(policy.require_self_hosted)) + ",\n";
  text += "  \"required_labels\": " + json_string_list(policy.required_labels) + ",\n";
  text += "  \"required_governor\": " + json_text(json(policy.required_governor)) + ",\n";
  text += "  \"require_frequency\": " + std::string(boolean(policy.require_frequency)) + ",\n";
  text += "  \"load_avg_max\": " + json_text(json(policy.load_avg_max)) + ",\n";
  text += "  \"require_no_concurrent_jobs\": " + std::string(boolean(policy.require_no_concurrent_jobs)) + ",\n";
  text += "  \"required_advisories\": " + json_string_list(policy.required_advisories) + "\n";
  text += "}\n";
  return text;
}

Policy policy_from_json(const nlohmann::json& document) {
  Policy policy = read_policy(document);
  policy.sha256 = sha256_hex(canonical_policy_json(policy));
  return policy;
}

Policy policy_from_file(std::string_view file_bytes, const nlohmann::json& document) {
  Policy policy = read_policy(document);
  policy.sha256 = sha256_hex(file_bytes);
  return policy;
}

bool policy_requires(const Policy& policy, std::string_view advisory_code) {
  for (const std::string& required : policy.required_advisories) {
    if (required == advisory_code) return true;
    const RuleInfo* rule = find_rule(required);
    if (rule != nullptr && rule->unknown_code == advisory_code) return true;
  }
  return false;
}

}  // namespace evident
