#pragma once
// The one table of classification codes. Classification raises them, `doctor` prints them with
// their fixes, docs/classification.md lists them, and a policy names advisory codes from it. The
// order of the table is the order of the rules, which is the order findings are reported in.
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace evident {

enum class RuleKind {
  blocking,  // a failure keeps the run functional_non_isolated
  advisory,  // reported; blocks only when the policy requires it
  claim,     // compares the recorded claim with the derived class
};

std::string_view rule_kind_name(RuleKind kind);

struct RuleInfo {
  std::string_view code;  // stable, e.g. "governor.not_performance"
  RuleKind kind;
  std::string_view rule;         // the rule the code belongs to, e.g. "cpus", "boost"
  std::string_view fact;         // the fact it reads, as a pointer pattern, e.g. "/host/cpus/N/governor"
  std::string_view description;  // one line
  // What to do about it. May hold placeholders that a finding fills in: {cpu}, {cpus}, {label},
  // {governor}, {threshold}, {pid}, {sibling}, {max_khz}.
  std::string_view fix;
  // For an advisory condition (e.g. "boost.enabled"): the code raised when its fact is not known
  // (e.g. "boost.unknown"). A policy that requires the condition also requires the fact to be
  // known, so that code blocks too (fail closed). Empty otherwise.
  std::string_view unknown_code;
};

// Every code, in rule order.
std::span<const RuleInfo> rule_catalogue();

// The entry of a code, or nullptr.
const RuleInfo* find_rule(std::string_view code);

// The codes of one kind, in catalogue order.
std::vector<std::string> rule_codes(RuleKind kind);

// The fix template with every "{name}" replaced by its value; unknown placeholders stay as they are.
std::string render_fix(std::string_view fix_template,
                       const std::vector<std::pair<std::string_view, std::string>>& values);

}  // namespace evident
