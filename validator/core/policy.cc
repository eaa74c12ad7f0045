#include "core/policy.h"

#include <algorithm>
#include <array>

#include "core/edit_distance.h"
#include "core/json_pointer.h"
#include "core/rule_catalogue.h"
#include "core/sha256.h"
#include "core/text.h"

namespace evident {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 11> member_names{
    "schema_version",
    "name",
    "version",
    "description",
    "require_self_hosted",
    "required_labels",
    "required_governor",
    "require_frequency",
    "load_avg_max",
    "require_no_concurrent_jobs",
    "required_advisories",
};

std::string json_text(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

// Lengths in the schema count Unicode characters, not bytes.
std::size_t code_point_count(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U; }));
}

// Collects the problems of one policy document.
class PolicyReader {
 public:
  PolicyReader(const json& document, std::vector<Diagnostic>& diagnostics)
      : document_(document), diagnostics_(diagnostics) {}

  std::optional<Policy> read() {
    if (!document_.is_object()) {
      problem("policy.type", "", "a policy must be a JSON object, not " + std::string(document_.type_name()));
      return std::nullopt;
    }
    report_unknown_members();
    Policy policy;
    if (const json* version = member("schema_version")) {
      if (!version->is_string() || version->get<std::string>() != policy_schema_version) {
        problem("policy.schema_version", "/schema_version",
                "schema_version must be \"" + std::string(policy_schema_version) + "\", not " + json_text(*version));
      }
    }
    if (const json* name = member("name")) read_identifier(*name, "/name", policy.name);
    if (const json* version = member("version")) {
      if (!version->is_number_integer()) {
        type_problem("/version", "an integer", *version);
      } else if (version->is_number_unsigned()
                     ? version->get<std::uint64_t>() < 1 || version->get<std::uint64_t>() > 1000000
                     : version->get<std::int64_t>() < 1 || version->get<std::int64_t>() > 1000000) {
        problem("policy.range", "/version", "version must be 1 to 1000000, not " + json_text(*version));
      } else {
        policy.version = version->get<std::int64_t>();
      }
    }
    if (const auto found = document_.find("description"); found != document_.end()) {
      if (!found->is_string()) {
        type_problem("/description", "a string", *found);
      } else if (code_point_count(found->get<std::string>()) > 1024) {
        problem("policy.range", "/description", "description must be at most 1024 characters");
      } else {
        policy.description = found->get<std::string>();
      }
    }
    read_bool("require_self_hosted", policy.require_self_hosted);
    if (const json* labels = member("required_labels")) read_labels(*labels, policy.required_labels);
    if (const json* governor = member("required_governor")) {
      read_identifier(*governor, "/required_governor", policy.required_governor);
    }
    read_bool("require_frequency", policy.require_frequency);
    if (const json* bound = member("load_avg_max")) {
      if (!bound->is_number()) {
        type_problem("/load_avg_max", "a number", *bound);
      } else if (const double value = bound->get<double>(); !(value >= 0.0 && value <= 1000000.0)) {
        problem("policy.range", "/load_avg_max", "load_avg_max must be 0 to 1000000, not " + json_text(*bound));
      } else {
        policy.load_avg_max = value;
      }
    }
    read_bool("require_no_concurrent_jobs", policy.require_no_concurrent_jobs);
    if (const json* advisories = member("required_advisories")) {
      read_advisories(*advisories, policy.required_advisories);
    }
    if (failed_) return std::nullopt;
    return policy;
  }

 private:
  void problem(std::string code, std::string pointer, std::string message, std::string hint = {}) {
    Diagnostic diagnostic;
    diagnostic.severity = Severity::error;
    diagnostic.code = std::move(code);
    diagnostic.message = std::move(message);
    diagnostic.pointer = std::move(pointer);
    diagnostic.hint = std::move(hint);
    diagnostics_.push_back(std::move(diagnostic));
    failed_ = true;
  }

  void type_problem(const std::string& pointer, std::string_view expected, const json& value) {
    problem("policy.type", pointer,
            split_pointer(pointer).back() + " must be " + std::string(expected) + ", not " + value.type_name());
  }

  // The member, or nullptr after reporting that it is missing: a policy names every setting, so the
  // file alone tells an auditor what judged a run.
  const json* member(std::string_view name) {
    const auto found = document_.find(name);
    if (found == document_.end()) {
      problem("policy.member_missing", "", "the policy has no \"" + std::string(name) + "\"");
      return nullptr;
    }
    return &*found;
  }

  void report_unknown_members() {
    std::vector<std::string> known(member_names.begin(), member_names.end());
    for (const auto& [key, value] : document_.items()) {
      if (std::find(known.begin(), known.end(), key) != known.end()) continue;
      std::string hint;
      if (const std::optional<std::string> match = closest_match(key, known)) hint = "did you mean \"" + *match + "\"?";
      problem("policy.member_unknown", append_pointer("", key),
              "unknown member " + quote_for_message(key) + " in a policy", hint);
    }
  }

  void read_bool(std::string_view name, bool& target) {
    const json* value = member(name);
    if (value == nullptr) return;
    if (!value->is_boolean()) {
      type_problem(append_pointer("", name), "true or false", *value);
      return;
    }
    target = value->get<bool>();
  }

  // A name or governor: 1 to 64 of A-Z a-z 0-9 . _ -, starting with a letter or digit.
  void read_identifier(const json& value, const std::string& pointer, std::string& target) {
    if (!value.is_string()) {
      type_problem(pointer, "a string", value);
      return;
    }
    const std::string text = value.get<std::string>();
    const auto alphanumeric = [](char c) {
      return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    };
    const auto allowed = [&](char c) { return alphanumeric(c) || c == '.' || c == '_' || c == '-'; };
    if (text.empty() || text.size() > 64 || !alphanumeric(text[0]) || !std::all_of(text.begin(), text.end(), allowed)) {
      problem("policy.range", pointer,
              quote_for_message(text) +
                  " must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
      return;
    }
    target = text;
  }

  void read_labels(const json& value, std::vector<std::string>& target) {
    if (!value.is_array()) {
      type_problem("/required_labels", "an array of strings", value);
      return;
    }
    if (value.size() > 100) problem("policy.range", "/required_labels", "required_labels holds at most 100 labels");
    std::vector<std::string> labels;
    for (std::size_t i = 0; i < value.size(); ++i) {
      const std::string pointer = append_pointer("/required_labels", i);
      if (!value[i].is_string()) {
        type_problem(pointer, "a string", value[i]);
        continue;
      }
      std::string label = value[i].get<std::string>();
      const bool has_control = std::any_of(label.begin(), label.end(),
                                           [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == '\x7f'; });
      if (label.empty() || code_point_count(label) > 200 || has_control || label.front() == ' ' ||
          label.back() == ' ') {
        problem("policy.range", pointer,
                "a label is 1 to 200 characters without control characters or a space at either end, not " +
                    quote_for_message(label));
        continue;
      }
      if (std::find(labels.begin(), labels.end(), label) != labels.end()) {
        problem("policy.duplicate", pointer, "the label " + quote_for_message(label) + " is listed twice");
        continue;
      }
      labels.push_back(std::move(label));
    }
    target = std::move(labels);
  }

  void read_advisories(const json& value, std::vector<std::string>& target) {
    if (!value.is_array()) {
      type_problem("/required_advisories", "an array of advisory codes", value);
      return;
    }
    const std::vector<std::string> advisory_codes = rule_codes(RuleKind::advisory);
    std::vector<std::string> listed;
    for (std::size_t i = 0; i < value.size(); ++i) {
      const std::string pointer = append_pointer("/required_advisories", i);
      if (!value[i].is_string()) {
        type_problem(pointer, "a string", value[i]);
        continue;
      }
      const std::string code = value[i].get<std::string>();
      const RuleInfo* rule = find_rule(code);
      if (rule == nullptr) {
        std::string hint;
        if (const std::optional<std::string> match = closest_match(code, advisory_codes)) {
          hint = "did you mean \"" + *match + "\"?";
        }
        problem("policy.unknown_rule", pointer, quote_for_message(code) + " is not an advisory rule code", hint);
        continue;
      }
      if (rule->kind != RuleKind::advisory) {
        problem("policy.not_advisory", pointer,
                quote_for_message(code) + " is a " + std::string(rule_kind_name(rule->kind)) +
                    " code, not an advisory one; only advisory codes can be made required");
        continue;
      }
      if (std::find(listed.begin(), listed.end(), code) != listed.end()) {
        problem("policy.duplicate", pointer, quote_for_message(code) + " is listed twice");
        continue;
      }
      listed.push_back(code);
    }
    // Catalogue order, so that the canonical text does not depend on the order of the file.
    target.clear();
    for (const std::string& code : advisory_codes) {
      if (std::find(listed.begin(), listed.end(), code) != listed.end()) target.push_back(code);
    }
  }

  const json& document_;
  std::vector<Diagnostic>& diagnostics_;
  bool failed_ = false;
};

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

std::optional<Policy> policy_from_json(const nlohmann::json& document, std::vector<Diagnostic>& diagnostics) {
  std::optional<Policy> policy = PolicyReader(document, diagnostics).read();
  if (policy) policy->sha256 = sha256_hex(canonical_policy_json(*policy));
  return policy;
}

std::optional<Policy> policy_from_file(std::string_view file_bytes, const nlohmann::json& document,
                                       std::vector<Diagnostic>& diagnostics) {
  std::optional<Policy> policy = PolicyReader(document, diagnostics).read();
  if (policy) policy->sha256 = sha256_hex(file_bytes);
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
