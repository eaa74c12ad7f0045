#pragma once
// Which of the files a command collected are evidence: a directory may hold evident's other file
// kinds beside the runs (the budgets file the docs put in evidence/), which are not evidence.
#include <vector>

#include "core/diagnostic.h"
#include "io/files/input_files.h"
#include "io/schema/document_validation.h"

namespace evident::cli {

// Leaves out of files each one that a directory walk found and that is a valid file of another
// known evident kind, and returns a note (input.not_evidence_skipped) for each. A file named on the
// command line stays, as does anything invalid or of an unknown kind: an unreadable file might be
// evidence, so it is never skipped quietly.
std::vector<Diagnostic> leave_out_other_kinds(std::vector<io::FileValidation>& files,
                                              const io::CollectedFiles& collected);

}  // namespace evident::cli
