#pragma once
// `check --base-ref`: what changed in the files the gate reads since the merge base of HEAD and the
// base ref, found with git and judged by core/gate_changes. Fails closed: no git, no repository, a
// ref that does not resolve or a merge base missing from a shallow clone is a UsageError (exit 2).
#include <string>
#include <utility>
#include <vector>

#include "core/check_result.h"

namespace evident::cli {

// One file the gate reads, as the check names it (relative to the working directory or absolute).
struct GateFile {
  std::string path;
  GatePart part;
};

// candidates: the names to try in order (the first that is a commit is the base); base_ref: what
// the user gave, for messages. directory: where git runs (the configuration's directory).
GateAudit audit_gate_files(const std::string& base_ref, const std::vector<std::string>& candidates,
                           const std::vector<GateFile>& files, const std::string& directory, bool separate);

// The failures and warnings of an audit: each change a warning (gate_change.<direction>), except
// that under "separate" a change that may loosen the gate, made with any other file, is an error
// (gate_change.not_separate).
void add_gate_audit(GateAudit audit, CheckResult& result);

}  // namespace evident::cli
