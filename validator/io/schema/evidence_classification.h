#pragma once
// Classifying validated evidence, shared by `evident classify` and `evident check`: each valid
// evidence file gets its verdict and the findings located at their facts; any other file is
// reported as not classified.
#include <optional>
#include <vector>

#include "core/classification_result.h"
#include "core/policy.h"
#include "io/schema/document_validation.h"

namespace evident::io {

// The verdict on a valid evidence file, and with a required class the error of a run that derives
// another, located at its claim. The verdict's findings are left unplaced: placing them scans the
// file for positions, which only a caller that shows them pays (verdict_diagnostics).
struct EvidenceVerdict {
  Verdict verdict;
  std::optional<Diagnostic> not_required;
};
// A verdict the validation already made under the same policy (FileValidation::verdict) is taken
// as it is, else the file's value (without its benchmarks, which classification does not read) is
// classified.
EvidenceVerdict judge_evidence(const FileValidation& evidence, const Policy& policy, std::optional<RunClass> required);

// The file classified with its findings located; required: with --require, the error of a run that derives another
// class, located at its claim.
ClassifiedFile classify_file(const FileValidation& validation, const Policy& policy, std::optional<RunClass> required);

// The files classified, in the order given, with general (the diagnostics of no file) and the tally.
ClassificationResult classification_result(std::vector<ClassifiedFile> files, std::vector<Diagnostic> general,
                                           const Policy& policy, std::optional<RunClass> required);

}  // namespace evident::io
