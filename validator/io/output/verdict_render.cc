#include "io/output/verdict_render.h"

#include <optional>
#include <set>
#include <utility>

#include "core/text.h"
#include "io/json/location_scan.h"
#include "io/json/source_text.h"

namespace evident::io {
namespace {

// Where a document's findings are placed: at its positions, or, in a document the fast path parsed,
// at the locations of only the findings' values, found by one scan that skips the rest
// (io/json/location_scan): the same places, without recording where every other value of the file is.
class FindingPlaces {
 public:
  FindingPlaces(const JsonDocument* document, const std::set<std::string>& pointers) : document_(document) {
    if (document == nullptr || !document->parsed_quickly() || pointers.empty()) return;
    locations_ = scan_locations(document->text(), pointers);
    source_.emplace(document->text());
  }

  // nullopt without a document.
  std::optional<Diagnostic> at(const std::string& pointer, const std::string& code, std::string message) const {
    if (document_ == nullptr) return std::nullopt;
    if (!source_) return document_->diagnostic_at(pointer, code, std::move(message));
    return diagnostic_in(*source_, locations_, document_->file(), pointer, code, std::move(message));
  }

 private:
  const JsonDocument* document_;
  std::optional<SourceText> source_;
  ValueLocations locations_;
};

Diagnostic placed_finding(const RuleFinding& finding, Severity severity, const FindingPlaces& places,
                          const std::string& file) {
  std::string message = finding.message;
  // An unreadable fact's reason is in the message already; repeating it helps nobody.
  const bool observed_said = finding.observed.starts_with("unreadable: ");
  if (!finding.required.empty()) {
    message += observed_said ? " (required " + finding.required + ")"
                             : " (observed " + shorten(finding.observed, 100) + ", required " + finding.required + ")";
  }
  Diagnostic diagnostic;
  if (std::optional<Diagnostic> placed = places.at(finding.pointer, finding.code, message)) {
    diagnostic = std::move(*placed);
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

}  // namespace

Diagnostic finding_diagnostic(const RuleFinding& finding, Severity severity, const JsonDocument* document,
                              const std::string& file) {
  return placed_finding(finding, severity, FindingPlaces(document, {}), file);
}

std::vector<Diagnostic> verdict_diagnostics(const Verdict& verdict, const JsonDocument* document,
                                            const std::string& file) {
  std::set<std::string> pointers;
  if (verdict.claim_finding) pointers.insert(verdict.claim_finding->pointer);
  for (const RuleFinding& finding : verdict.failed_rules) pointers.insert(finding.pointer);
  for (const RuleFinding& finding : verdict.advisories) pointers.insert(finding.pointer);
  const FindingPlaces places(document, pointers);
  std::vector<Diagnostic> diagnostics;
  if (verdict.claim_finding) {
    diagnostics.push_back(placed_finding(*verdict.claim_finding, verdict.claim_finding->severity, places, file));
  }
  const Severity rule_severity = verdict_fails(verdict) ? Severity::error : Severity::note;
  for (const RuleFinding& finding : verdict.failed_rules) {
    diagnostics.push_back(placed_finding(finding, rule_severity, places, file));
  }
  for (const RuleFinding& finding : verdict.advisories) {
    diagnostics.push_back(placed_finding(finding, finding.severity, places, file));
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
