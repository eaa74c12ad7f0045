#include "io/output/verdict_render.h"

#include "core/text.h"

namespace evident::io {

Diagnostic finding_diagnostic(const RuleFinding& finding, Severity severity, const JsonDocument* document,
                              const std::string& file) {
  std::string message = finding.message;
  // An unreadable fact's reason is in the message already; repeating it helps nobody.
  const bool observed_said = finding.observed.starts_with("unreadable: ");
  if (!finding.required.empty()) {
    message += observed_said ? " (required " + finding.required + ")"
                             : " (observed " + shorten(finding.observed, 100) + ", required " + finding.required + ")";
  }
  Diagnostic diagnostic;
  if (document != nullptr) {
    diagnostic = document->diagnostic_at(finding.pointer, finding.code, message);
  } else {
    diagnostic.code = finding.code;
    diagnostic.message = message;
    diagnostic.file = file;
    diagnostic.pointer = finding.pointer;
  }
  diagnostic.severity = severity;
  diagnostic.hint = finding.fix;
  return diagnostic;
}

std::vector<Diagnostic> verdict_diagnostics(const Verdict& verdict, const JsonDocument* document,
                                            const std::string& file) {
  std::vector<Diagnostic> diagnostics;
  if (verdict.claim_finding) {
    diagnostics.push_back(finding_diagnostic(*verdict.claim_finding, verdict.claim_finding->severity, document, file));
  }
  const Severity rule_severity = verdict_fails(verdict) ? Severity::error : Severity::note;
  for (const RuleFinding& finding : verdict.failed_rules) {
    diagnostics.push_back(finding_diagnostic(finding, rule_severity, document, file));
  }
  for (const RuleFinding& finding : verdict.advisories) {
    diagnostics.push_back(finding_diagnostic(finding, finding.severity, document, file));
  }
  return diagnostics;
}

nlohmann::ordered_json finding_json(const RuleFinding& finding) {
  nlohmann::ordered_json entry;
  entry["code"] = finding.code;
  entry["severity"] = severity_name(finding.severity);
  entry["blocking"] = finding.blocking;
  entry["message"] = finding.message;
  entry["observed"] = finding.observed;
  entry["required"] = finding.required;
  entry["pointer"] = finding.pointer;
  if (!finding.fix.empty()) entry["fix"] = finding.fix;
  return entry;
}

nlohmann::ordered_json policy_json(const Verdict& verdict) {
  return {{"name", verdict.policy_name}, {"sha256", verdict.policy_sha256}};
}

nlohmann::ordered_json verdict_json(const Verdict& verdict) {
  nlohmann::ordered_json entry;
  entry["claimed"] = verdict.claimed ? nlohmann::ordered_json(run_class_name(*verdict.claimed)) : nullptr;
  entry["derived"] = run_class_name(verdict.derived);
  entry["claim_finding"] = verdict.claim_finding ? finding_json(*verdict.claim_finding) : nullptr;
  entry["failed_rules"] = nlohmann::ordered_json::array();
  for (const RuleFinding& finding : verdict.failed_rules) entry["failed_rules"].push_back(finding_json(finding));
  entry["advisories"] = nlohmann::ordered_json::array();
  for (const RuleFinding& finding : verdict.advisories) entry["advisories"].push_back(finding_json(finding));
  entry["policy"] = policy_json(verdict);
  return entry;
}

}  // namespace evident::io
