#include "core/policy.h"

#include <algorithm>

#include "core/json_pointer.h"
#include "core/rule_catalogue.h"
#include "core/sha256.h"
#include "core/text.h"

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
  if (const auto rules = document.find("rules"); rules != document.end() && rules->is_object()) {
    for (const RuleInfo& rule : rule_catalogue()) {
      const auto level = rules->find(std::string(rule.code));
      if (level == rules->end() || !level->is_string() || !rule_level_settable(rule.code)) continue;
      if (const std::optional<RuleLevel> parsed = parse_rule_level(level->get<std::string>())) {
        policy.rules.push_back({std::string(rule.code), *parsed});
      }
    }
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

std::string json_rule_levels(const std::vector<RuleSetting>& rules) {
  std::string text = "{";
  for (std::size_t i = 0; i < rules.size(); ++i) {
    if (i > 0) text += ", ";
    text += json_text(json(rules[i].code)) + ": " + json_text(json(std::string(rule_level_name(rules[i].level))));
  }
  return text + "}";
}

}  // namespace

std::string_view rule_level_name(RuleLevel level) {
  switch (level) {
    case RuleLevel::off:
      return "off";
    case RuleLevel::advisory:
      return "advisory";
    case RuleLevel::required:
      return "required";
  }
  return "required";
}

std::optional<RuleLevel> parse_rule_level(std::string_view name) {
  for (const RuleLevel level : {RuleLevel::off, RuleLevel::advisory, RuleLevel::required}) {
    if (rule_level_name(level) == name) return level;
  }
  return std::nullopt;
}

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
  text += "  \"required_advisories\": " + json_string_list(policy.required_advisories);
  // Only a policy that sets levels has the member, so the built-in text and digest stay as they were.
  if (!policy.rules.empty()) text += ",\n  \"rules\": " + json_rule_levels(policy.rules);
  text += "\n}\n";
  return text;
}

std::vector<Diagnostic> policy_problems(const nlohmann::json& document) {
  std::vector<Diagnostic> problems;
  const auto listed = document.find("required_advisories");
  const auto rules = document.find("rules");
  if (listed == document.end() || !listed->is_array() || rules == document.end() || !rules->is_object()) {
    return problems;
  }
  for (const json& code : *listed) {
    if (!code.is_string()) continue;
    const auto level = rules->find(code.get<std::string>());
    if (level == rules->end() || !level->is_string() || *level == rule_level_name(RuleLevel::required)) continue;
    const std::string name = code.get<std::string>();
    problems.push_back(problem_at(
        "policy.level_conflict", append_pointer("/rules", name),
        "the level " + json_text(*level) + " of " + quote_for_message(name) +
            " contradicts required_advisories, which lists it as required",
        "remove " + quote_for_message(name) + " from required_advisories or from rules, so that one level is left"));
  }
  return problems;
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

bool rule_level_settable(std::string_view code) {
  const RuleInfo* rule = find_rule(code);
  return rule != nullptr && rule->kind != RuleKind::claim && rule->code != "fact.invalid";
}

RuleLevel rule_level(const Policy& policy, std::string_view code) {
  if (!rule_level_settable(code)) return RuleLevel::required;
  for (const RuleSetting& setting : policy.rules) {
    if (setting.code == code) return setting.level;
  }
  if (find_rule(code)->kind == RuleKind::blocking || policy_requires(policy, code)) return RuleLevel::required;
  for (const RuleSetting& setting : policy.rules) {
    const RuleInfo* condition = find_rule(setting.code);
    if (setting.level == RuleLevel::required && condition != nullptr && condition->unknown_code == code) {
      return RuleLevel::required;
    }
  }
  return RuleLevel::advisory;
}

}  // namespace evident
