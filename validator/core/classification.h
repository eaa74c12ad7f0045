#pragma once
// Re-derives the isolation class of a run from its recorded host metadata alone, under a policy.
// Pure: the evidence JSON and the policy in, a verdict out. Facts that are absent or unreadable fail
// closed, each with its own code; every failing rule is reported, in a fixed order (rule order as in
// the rule catalogue, then CPU order, ascending by CPU id). docs/classification.md lists the rules.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/diagnostic.h"
#include "core/policy.h"

namespace evident {

enum class RunClass { isolated_affinity, functional_non_isolated };

std::string_view run_class_name(RunClass run_class);
std::optional<RunClass> parse_run_class(std::string_view name);

struct RuleFinding {
  std::string code;  // from the rule catalogue, e.g. "governor.unreadable"
  Severity severity =
      Severity::error;   // error for a failed rule; warning (condition) or note (fact unknown) for an advisory
  bool blocking = true;  // it keeps the run functional_non_isolated (claim findings: it fails the check)
  std::string message;
  std::string observed;  // compact JSON of the fact, "absent", or "unreadable: <reason>"
  std::string required;  // what the policy requires, e.g. "\"performance\"", "<= 1.0"
  std::string pointer;   // RFC 6901 pointer of the fact, e.g. "/host/cpus/1/governor"
  std::string fix;       // what to do, from the catalogue, with this finding's CPUs, label, ... filled in
};

struct Verdict {
  RunClass derived = RunClass::functional_non_isolated;
  std::optional<RunClass> claimed;           // nothing when the claim is missing or unknown
  std::vector<RuleFinding> failed_rules;     // blocking findings, required advisories included
  std::vector<RuleFinding> advisories;       // non-blocking findings
  std::optional<RuleFinding> claim_finding;  // over-claim, under-claim, claim missing or unknown
  std::string policy_name;
  std::string policy_sha256;
};

// The verdict on one evidence document (an "evident/evidence/1" object; it reads "host" and
// "classification"). The document should have passed schema validation; a fact of the wrong shape
// still fails closed, as "fact.invalid".
Verdict classify_run(const nlohmann::json& evidence, const Policy& policy);

// The same rules on a host object alone (pointers still start with "/host"), for `doctor` and
// `capture`, which judge a host snapshot before any claim exists. claimed and claim_finding stay empty.
Verdict classify_host(const nlohmann::json& host, const Policy& policy);

// The finding on a claim (the "classification" member, or nothing when it is absent):
// over-claim (error), under-claim (note), claim missing or unknown (error); nothing when the claim
// matches the derived class.
std::optional<RuleFinding> compare_claim(const nlohmann::json* claim, RunClass derived);

// True when the verdict fails a check (exit 1): the claim is an over-claim, missing or unknown.
// Failed rules alone do not fail a run that claims functional_non_isolated.
bool verdict_fails(const Verdict& verdict);

}  // namespace evident
