#include "cli/evidence_inputs.h"

#include <string>

namespace evident::cli {

std::vector<Diagnostic> leave_out_other_kinds(std::vector<io::FileValidation>& files,
                                              const io::CollectedFiles& collected) {
  std::vector<Diagnostic> notes;
  std::erase_if(files, [&](const io::FileValidation& file) {
    if (!file.valid() || file.kind.empty() || file.kind == "evidence" || collected.was_named(file.path)) return false;
    const std::string version = file.document->value().value("schema_version", std::string());
    Diagnostic note = file.document->diagnostic_at(
        "/schema_version", "input.not_evidence_skipped",
        "left out: a " + file.kind + " file (" + version + "), not evidence, found in a directory");
    note.severity = Severity::note;
    notes.push_back(std::move(note));
    return true;
  });
  return notes;
}

}  // namespace evident::cli
