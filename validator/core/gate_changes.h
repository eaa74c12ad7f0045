#pragma once
// What changed in the files a gate reads (baseline, tolerances, budgets, policy, configuration)
// between two versions of them, each change with its meaning: whether it makes the gate tighter
// (fails more), looser (passes more), neither, or cannot be judged from the field alone. The
// judgement per field is documented in docs/check.md ("Gate changes since a base").
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/gate_files.h"

namespace evident {

enum class ChangeDirection { tighter, looser, neutral, unjudged };
std::string_view change_direction_name(ChangeDirection direction);

// The part a file plays for the gate, which names its changes ("baseline", "tolerance", "budget",
// "policy", "config").
enum class GatePart { baseline, tolerances, budgets, policy, config };
std::string_view gate_part_name(GatePart part);            // the singular noun of its messages
std::string_view gate_part_schema_version(GatePart part);  // "evident/budgets/1"

struct GateChange {
  std::string file;  // the file, as the check names it
  GatePart part = GatePart::config;
  std::string subject;  // a metric id, a metric key, "default", a configuration path; may be empty
  std::string field;    // the member that changed; empty for a baseline value or a whole entry
  std::string before;   // as written (a baseline value with its unit); "none" when absent
  std::string after;
  std::optional<double> percent;  // relative change of a baseline value, in percent
  ChangeDirection direction = ChangeDirection::unjudged;
  // "baseline engine/matmul-f32/wall_time 0.101 s -> 0.15 s (+48.5%, looser)"
  std::string message;
};

// What `check --base-ref` found: the base it compared with and each change of a gate file.
struct GateAudit {
  std::string base_ref;                 // as given
  std::string resolved_ref;             // the name that resolved to a commit
  std::string merge_base;               // commit id
  std::vector<std::string> files;       // the files the gate reads, as the check names them
  std::size_t other_changed_files = 0;  // changed since the merge base and not read by the gate
  bool separate = false;                // the configuration says "gate_changes": "separate"
  std::vector<GateChange> changes;
};

// A loosening, or a change that cannot be judged and so may be one (fail closed).
bool may_loosen(const GateChange& change);

// The baseline's entries, by metric id: a value moved (the representative value, gate.h), a unit
// changed, an entry added (tighter: one more metric gated) or removed (looser).
std::vector<GateChange> baseline_changes(const Baseline& before, const Baseline& after);

// The members of two versions of a tolerances, budgets, policy or configuration document, compared
// member by member (a metric key or profile present on one side only is one change). Either side
// may be null: a file that did not exist. schema_version is not compared.
std::vector<GateChange> document_changes(GatePart part, const nlohmann::json& before, const nlohmann::json& after);

// The file's changes with file set on each, for the caller that knows the name.
std::vector<GateChange> in_file(std::vector<GateChange> changes, const std::string& file);

}  // namespace evident
