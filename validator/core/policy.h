#pragma once
// A classification policy: the thresholds and requirements that decide isolated_affinity, in the
// versioned JSON format "evident/policy/1" (schemas/policy.schema.json). The built-in policy is the
// rule set of the specification. Every verdict names its policy and the policy's SHA-256.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/diagnostic.h"

namespace evident {

inline constexpr std::string_view policy_schema_version = "evident/policy/1";

// How much a rule code matters under a policy: required (a finding blocks isolated_affinity),
// advisory (a warning; the class does not change) or off (the finding is not reported).
enum class RuleLevel { off, advisory, required };

std::string_view rule_level_name(RuleLevel level);
std::optional<RuleLevel> parse_rule_level(std::string_view name);

// A level the policy sets for one rule code (its "rules" member).
struct RuleSetting {
  std::string code;
  RuleLevel level = RuleLevel::required;
  friend bool operator==(const RuleSetting&, const RuleSetting&) = default;
};

struct Policy {
  std::string name = "default";
  std::int64_t version = 1;  // the policy's own revision, bumped by its owners on purpose
  std::string description;
  bool require_self_hosted = true;
  std::vector<std::string> required_labels{"self-hosted", "isolated-benchmark"};
  std::string required_governor = "performance";
  bool require_frequency = true;  // every CPU of the affinity has a recorded frequency
  double load_avg_max = 1.0;      // inclusive bound on the 1-minute load before and after
  bool require_no_concurrent_jobs = true;
  // Advisory codes of the rule catalogue that this policy makes blocking, in catalogue order.
  std::vector<std::string> required_advisories;
  // The levels the policy sets ("rules"), in catalogue order; a code not here keeps the level its
  // kind in the rule catalogue gives it (rule_level()).
  std::vector<RuleSetting> rules;
  // Names the policy in verdicts: the SHA-256 of the policy file's exact bytes when it was loaded
  // from a file, else of canonical_policy_json() (so the built-in policy's digest is fixed).
  std::string sha256;
};

// The built-in policy; its sha256 is that of canonical_policy_json(default_policy()).
Policy default_policy();

// The policy in its canonical text: the members in the order of the schema, two-space indented, one
// member per line, arrays on one line, a final newline. fixtures/policies/default.json holds exactly
// the built-in policy's canonical text.
std::string canonical_policy_json(const Policy& policy);

// What a schema-valid policy document gets wrong that its schema cannot say, each located by a JSON
// pointer: a level in "rules" that contradicts "required_advisories" (the code listed there, set to
// advisory or off here). Empty for a usable policy.
std::vector<Diagnostic> policy_problems(const nlohmann::json& document);

// The policy a parsed "evident/policy/1" document describes, named by the SHA-256 of its canonical
// text. Precondition: the document is valid against schemas/policy.schema.json (io/schema/
// policy_loader.h validates it first). The schema says everything a policy can get wrong (types,
// ranges, unknown members, advisory codes, duplicates), so the reader checks nothing again.
Policy policy_from_json(const nlohmann::json& document);

// Like policy_from_json(), for a policy file: named by the SHA-256 of file_bytes, the exact bytes the
// caller parsed into document, so an auditor can check the digest with sha256sum.
Policy policy_from_file(std::string_view file_bytes, const nlohmann::json& document);

// True when a finding of this advisory code blocks under the policy: the policy lists the code, or
// lists a condition whose fact the code reports unknown (requiring "boost.enabled" makes
// "boost.unknown" block too, because an unknown boost cannot show the condition holds).
bool policy_requires(const Policy& policy, std::string_view advisory_code);

// The level of a rule code under the policy: the level its "rules" set, else required for a
// blocking code, and for an advisory code required when policy_requires() it or when "rules" make
// its condition required (an unknown fact cannot show the condition is absent), advisory otherwise.
// fact.invalid, the claim codes and codes outside the catalogue are always required: the policy
// cannot relax them.
RuleLevel rule_level(const Policy& policy, std::string_view code);

// Whether "rules" may set the level of this code: every blocking and advisory code but fact.invalid.
bool rule_level_settable(std::string_view code);

}  // namespace evident
