#include "cli/evidence_inputs.h"

#include <string>

namespace evident::cli {

std::optional<Diagnostic> left_out_as_other_kind(const io::FileValidation& file, const io::CollectedFiles& collected) {
  if (!file.valid() || file.kind.empty() || file.kind == "evidence" || collected.was_named(file.path)) {
    return std::nullopt;
  }
  const std::string version = file.document->value().value("schema_version", std::string());
  Diagnostic note = file.document->diagnostic_at(
      "/schema_version", "input.not_evidence_skipped",
      "left out: a " + file.kind + " file (" + version + "), not evidence, found in a directory");
  note.severity = Severity::note;
  return note;
}

}  // namespace evident::cli
