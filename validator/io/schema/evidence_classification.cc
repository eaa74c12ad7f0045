#include "io/schema/evidence_classification.h"

#include "core/required_class.h"
#include "io/output/verdict_render.h"

namespace evident::io {
namespace {

std::optional<Diagnostic> required_class_error(const Verdict& verdict, const JsonDocument& document,
                                               RunClass required) {
  const std::optional<Diagnostic> missed = required_class_diagnostic(verdict, required);
  if (!missed) return std::nullopt;
  Diagnostic placed = document.diagnostic_at(*missed->pointer, missed->code, missed->message);
  placed.severity = missed->severity;
  placed.hint = missed->hint;
  return placed;
}

}  // namespace

EvidenceVerdict judge_evidence(const FileValidation& evidence, const Policy& policy, std::optional<RunClass> required) {
  // The verdict the validation made on the worker (ValidationOptions::claim_policy) is the one
  // classify_run gives, where it was made under this policy.
  const bool made = evidence.verdict && evidence.verdict->policy_sha256 == policy.sha256 &&
                    evidence.verdict->policy_name == policy.name;
  EvidenceVerdict judged{made ? *evidence.verdict : classify_run(evidence.value_besides_benchmarks(), policy),
                         std::nullopt};
  if (required) judged.not_required = required_class_error(judged.verdict, *evidence.document, *required);
  return judged;
}

ClassifiedFile classify_file(const FileValidation& validation, const Policy& policy, std::optional<RunClass> required) {
  ClassifiedFile file{validation.path, false, validation.diagnostics, std::nullopt, {}, std::nullopt};
  if (validation.valid() && validation.kind == "evidence") {
    EvidenceVerdict judged = judge_evidence(validation, policy, required);
    file.findings = verdict_diagnostics(judged.verdict, &*validation.document, validation.path);
    file.verdict = std::move(judged.verdict);
    file.not_required = std::move(judged.not_required);
  } else if (validation.valid()) {  // valid, but not evidence: nothing to classify is a failed check
    file.diagnostics.push_back(
        validation.document->diagnostic_at("/schema_version", "classification.not_evidence",
                                           "only evidence files (evident/evidence/1) can be classified"));
  }
  file.valid = validation.document.has_value() && !has_errors(file.diagnostics);
  return file;
}

ClassificationResult classification_result(std::vector<ClassifiedFile> files, std::vector<Diagnostic> general,
                                           const Policy& policy, std::optional<RunClass> required) {
  ClassificationResult result;
  result.policy_name = policy.name;
  result.policy_version = policy.version;
  result.policy_sha256 = policy.sha256;
  result.required = required;
  result.files = std::move(files);
  result.diagnostics = std::move(general);
  result.tally = tally(result.files);
  return result;
}

}  // namespace evident::io
