#include "core/gate_changes.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <limits>
#include <map>
#include <set>
#include <utility>

#include "core/gate.h"
#include "core/policy.h"
#include "core/text.h"

namespace evident {
namespace {

using nlohmann::json;

constexpr double infinity = std::numeric_limits<double>::infinity();

// Per GatePart, in its order: the noun of its messages and the schema of its files.
struct PartNames {
  std::string_view noun, schema_version;
};
constexpr PartNames part_names[] = {{"baseline", baseline_schema_version},
                                    {"tolerance", tolerances_schema_version},
                                    {"budget", budgets_schema_version},
                                    {"policy", policy_schema_version},
                                    {"config", "evident/config/1"}};

std::string joined(const std::vector<std::string>& parts, std::size_t from, std::size_t to) {
  std::string text;
  for (std::size_t i = from; i < to; ++i) text += (text.empty() ? "" : ".") + parts[i];
  return text;
}

std::string shown(const json* value) {
  if (value == nullptr) return "none";
  if (value->is_string()) return quote_for_message(value->get<std::string>());
  return shorten(value->dump(), 80);
}

std::string baseline_value(const BaselineEntry& entry) {
  const std::optional<double> value = representative(entry.samples, entry.value);
  return (value ? format_number(*value) : std::string("none")) + (entry.unit.empty() ? "" : " " + entry.unit);
}

std::string message_of(const GateChange& change) {
  std::string message(gate_part_name(change.part));
  if (!change.subject.empty()) message += " " + change.subject;
  if (!change.field.empty()) message += " " + change.field;
  message += " " + change.before + " -> " + change.after + " (";
  if (change.percent) {
    char percent[32];
    std::snprintf(percent, sizeof percent, "%+.1f%%, ", *change.percent);
    message += percent;
  }
  const std::string_view direction = change_direction_name(change.direction);
  return message + (change.direction == ChangeDirection::unjudged ? "not judged" : std::string(direction)) + ")";
}

ChangeDirection by_number(double before, double after, bool looser_when_larger) {
  if (before == after) return ChangeDirection::neutral;
  return (after > before) == looser_when_larger ? ChangeDirection::looser : ChangeDirection::tighter;
}

// What an absent numeric member means, where the format gives it a meaning; nothing elsewhere.
std::optional<double> absent_number(GatePart part, const std::string& name) {
  if (part == GatePart::budgets) {
    if (name == "max" || name == "max_cv") return infinity;  // no upper bound
    if (name == "min") return -infinity;                     // no lower bound
  }
  if (part == GatePart::tolerances && (name == "absolute" || name == "relative")) return 0.0;  // allowed_change
  if (part == GatePart::config && (name == "max_cv" || name == "max_median")) return infinity;
  return std::nullopt;
}

std::optional<double> number_or_absent(const json* value, GatePart part, const std::string& name) {
  if (value == nullptr) return absent_number(part, name);
  if (value->is_number()) return value->get<double>();
  return std::nullopt;
}

// A boolean member and its value when absent (the schemas' defaults), and the value that loosens.
struct Flag {
  const char* name;
  bool absent;
  bool looser;
};
constexpr Flag flags[] = {{"require_significance", true, true},
                          {"require_self_hosted", true, false},
                          {"require_frequency", true, false},
                          {"require_no_concurrent_jobs", true, false}};

std::set<std::string> string_set(const json* value) {
  std::set<std::string> items;
  if (value == nullptr || !value->is_array()) return items;
  for (const json& item : *value) items.insert(item.is_string() ? item.get<std::string>() : item.dump());
  return items;
}

// The meaning of one member's change; path is the member's place in the document.
// The two whole documents being compared, for a member whose meaning depends on its siblings.
struct Roots {
  const json* before;
  const json* after;
};

// What a policy document says of rule levels: its required_advisories and its rules, read leniently
// (a member of another shape counts as absent; such a file is not judged anyway).
Policy levels_of(const json* document) {
  Policy policy;
  if (document == nullptr || !document->is_object()) return policy;
  if (const auto listed = document->find("required_advisories"); listed != document->end() && listed->is_array()) {
    for (const json& code : *listed) {
      if (code.is_string()) policy.required_advisories.push_back(code.get<std::string>());
    }
  }
  if (const auto rules = document->find("rules"); rules != document->end() && rules->is_object()) {
    for (const auto& [code, level] : rules->items()) {
      const std::optional<RuleLevel> parsed =
          level.is_string() ? parse_rule_level(level.get<std::string>()) : std::nullopt;
      if (parsed) policy.rules.push_back({code, *parsed});
    }
  }
  return policy;
}

ChangeDirection judge(GatePart part, const std::vector<std::string>& path, const json* before, const json* after,
                      const Roots& roots) {
  const std::string& name = path.back();
  if (part == GatePart::config && std::find(path.begin(), path.end(), "reports") != path.end()) {
    return ChangeDirection::neutral;  // where the reports go
  }
  if (part == GatePart::policy && (name == "name" || name == "version" || name == "description")) {
    return ChangeDirection::neutral;
  }
  if (name == "enforce" && before != nullptr && after != nullptr && before->is_string() && after->is_string()) {
    return *after == "soft" ? ChangeDirection::looser : ChangeDirection::tighter;
  }
  if (name == "gate_changes") {
    const bool was = before != nullptr && *before == "separate";
    const bool is = after != nullptr && *after == "separate";
    return was == is ? ChangeDirection::neutral : (is ? ChangeDirection::tighter : ChangeDirection::looser);
  }
  for (const Flag& flag : flags) {
    if (name != flag.name) continue;
    const bool was = before != nullptr && before->is_boolean() ? before->get<bool>() : flag.absent;
    const bool is = after != nullptr && after->is_boolean() ? after->get<bool>() : flag.absent;
    if (was == is) return ChangeDirection::neutral;
    return is == flag.looser ? ChangeDirection::looser : ChangeDirection::tighter;
  }
  if (part == GatePart::policy && path.size() == 2 && path[0] == "rules") {
    // The code's level in each whole policy, so that a level unset is what it means there (an
    // advisory listed in required_advisories is required): lower is looser.
    const RuleLevel was = rule_level(levels_of(roots.before), name);
    const RuleLevel is = rule_level(levels_of(roots.after), name);
    if (was == is) return ChangeDirection::neutral;
    return is < was ? ChangeDirection::looser : ChangeDirection::tighter;
  }
  if (name == "required_labels" || name == "required_advisories") {
    const std::set<std::string> was = string_set(before), is = string_set(after);
    const bool dropped =
        std::any_of(was.begin(), was.end(), [&](const std::string& item) { return !is.contains(item); });
    if (dropped) return ChangeDirection::looser;
    return was == is ? ChangeDirection::neutral : ChangeDirection::tighter;
  }
  static const std::set<std::string> larger_looser{"absolute", "relative",   "max",
                                                   "max_cv",   "max_median", "load_avg_max"};
  static const std::set<std::string> smaller_looser{"alpha", "min"};
  if (larger_looser.contains(name) || smaller_looser.contains(name)) {
    const std::optional<double> was = number_or_absent(before, part, name);
    const std::optional<double> is = number_or_absent(after, part, name);
    if (!was || !is) return ChangeDirection::unjudged;
    return by_number(*was, *is, larger_looser.contains(name));
  }
  // A whole entry or part, present on one side only.
  const bool whole = (before == nullptr || after == nullptr);
  if (whole && part == GatePart::budgets && path.size() == 2 && path[0] == "metrics") {
    return after == nullptr ? ChangeDirection::looser : ChangeDirection::unjudged;  // a budget dropped
  }
  if (whole && part == GatePart::config && (name == "gate" || name == "rolling" || name == "require_class")) {
    return after == nullptr ? ChangeDirection::looser : ChangeDirection::tighter;  // no longer checked, or now
  }
  return ChangeDirection::unjudged;
}

void compare(GatePart part, std::vector<std::string>& path, const json* before, const json* after, const Roots& roots,
             std::vector<GateChange>& changes) {
  // A policy without "rules" sets no level: compared as an empty one, so each level added or
  // removed is judged on its own.
  static const json no_levels = json::object();
  if (part == GatePart::policy && path.size() == 1 && path[0] == "rules") {
    if (before == nullptr && after != nullptr && after->is_object()) before = &no_levels;
    if (after == nullptr && before != nullptr && before->is_object()) after = &no_levels;
  }
  if (before != nullptr && after != nullptr && before->is_object() && after->is_object()) {
    std::set<std::string> keys;
    for (const auto& [key, unused] : before->items()) keys.insert(key);
    for (const auto& [key, unused] : after->items()) keys.insert(key);
    for (const std::string& key : keys) {
      if (path.empty() && key == "schema_version") continue;
      const auto was = before->find(key);
      const auto is = after->find(key);
      path.push_back(key);
      compare(part, path, was == before->end() ? nullptr : &*was, is == after->end() ? nullptr : &*is, roots, changes);
      path.pop_back();
    }
    return;
  }
  if ((before == nullptr && after == nullptr) || (before != nullptr && after != nullptr && *before == *after)) return;
  GateChange change;
  change.part = part;
  if (path.empty()) {
    change.field = "file";
  } else if (path[0] == "metrics" && path.size() >= 2) {
    change.subject = path[1];
    change.field = joined(path, 2, path.size());
  } else {
    change.subject = joined(path, 0, path.size() - 1);
    change.field = path.back();
  }
  change.before = shown(before);
  change.after = shown(after);
  change.direction = path.empty() ? ChangeDirection::unjudged : judge(part, path, before, after, roots);
  change.message = message_of(change);
  changes.push_back(std::move(change));
}

}  // namespace

std::string_view change_direction_name(ChangeDirection direction) {
  switch (direction) {
    case ChangeDirection::tighter:
      return "tighter";
    case ChangeDirection::looser:
      return "looser";
    case ChangeDirection::neutral:
      return "neutral";
    case ChangeDirection::unjudged:
      break;
  }
  return "unjudged";
}

std::string_view gate_part_name(GatePart part) { return part_names[static_cast<std::size_t>(part)].noun; }

std::string_view gate_part_schema_version(GatePart part) {
  return part_names[static_cast<std::size_t>(part)].schema_version;
}

bool may_loosen(const GateChange& change) {
  return change.direction == ChangeDirection::looser || change.direction == ChangeDirection::unjudged;
}

std::vector<GateChange> baseline_changes(const Baseline& before, const Baseline& after) {
  std::map<MetricId, std::pair<const BaselineEntry*, const BaselineEntry*>> entries;
  for (const BaselineEntry& entry : before.entries) entries[entry.id].first = &entry;
  for (const BaselineEntry& entry : after.entries) entries[entry.id].second = &entry;
  std::vector<GateChange> changes;
  for (const auto& [id, pair] : entries) {
    const auto [was, is] = pair;
    GateChange change;
    change.part = GatePart::baseline;
    change.subject = id.text();
    change.before = was != nullptr ? baseline_value(*was) : "none";
    change.after = is != nullptr ? baseline_value(*is) : "none";
    if (was == nullptr || is == nullptr) {
      change.direction = was == nullptr ? ChangeDirection::tighter : ChangeDirection::looser;
    } else if (was->unit != is->unit || was->better != is->better) {
      if (was->better != is->better) {
        change.field = "better";
        change.before = std::string(better_name(was->better));
        change.after = std::string(better_name(is->better));
      }
      change.direction = ChangeDirection::unjudged;
    } else {
      const std::optional<double> old_value = representative(was->samples, was->value);
      const std::optional<double> new_value = representative(is->samples, is->value);
      if (old_value == new_value) continue;  // the samples changed, the value the gate compares did not
      if (!old_value || !new_value) {
        change.direction = ChangeDirection::unjudged;
      } else {
        if (*old_value != 0) change.percent = (*new_value - *old_value) / std::fabs(*old_value) * 100;
        change.direction = by_number(*old_value, *new_value, is->better == Better::lower);
      }
    }
    change.message = message_of(change);
    changes.push_back(std::move(change));
  }
  return changes;
}

std::vector<GateChange> document_changes(GatePart part, const json& before, const json& after) {
  std::vector<GateChange> changes;
  std::vector<std::string> path;
  const Roots roots{before.is_null() ? nullptr : &before, after.is_null() ? nullptr : &after};
  compare(part, path, roots.before, roots.after, roots, changes);
  return changes;
}

std::vector<GateChange> in_file(std::vector<GateChange> changes, const std::string& file) {
  for (GateChange& change : changes) change.file = file;
  return changes;
}

}  // namespace evident
