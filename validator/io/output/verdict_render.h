#pragma once
// A classification verdict for people and machines: each finding as a diagnostic located at the
// fact it read (when the evidence text is at hand), and the whole verdict as JSON.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/classification.h"
#include "core/diagnostic.h"
#include "io/json/json_document.h"

namespace evident::io {

// The finding as a diagnostic: "observed X, required Y" in the message, the fix as the hint, the
// position of its fact when document is given.
Diagnostic finding_diagnostic(const RuleFinding& finding, Severity severity, const JsonDocument* document,
                              const std::string& file);

// Every finding of a verdict as diagnostics, in the verdict's order: the claim finding first, then
// the failed rules (errors when the claim over-claims, notes otherwise: they explain, they do not
// fail), then the advisories at their own severity. In a document the fast path parsed, they are
// placed by one scan that records only their values, not the position of every value.
std::vector<Diagnostic> verdict_diagnostics(const Verdict& verdict, const JsonDocument* document,
                                            const std::string& file);

nlohmann::ordered_json finding_json(const RuleFinding& finding);
nlohmann::ordered_json verdict_json(const Verdict& verdict);
nlohmann::ordered_json policy_json(const Verdict& verdict);

}  // namespace evident::io
