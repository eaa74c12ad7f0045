#pragma once
// Which of the files a command collected are evidence: a directory may hold evident's other file
// kinds beside the runs (the budgets file the docs put in evidence/), which are not evidence.
#include <optional>

#include "core/diagnostic.h"
#include "io/files/input_files.h"
#include "io/schema/document_validation.h"

namespace evident::cli {

// A note (input.not_evidence_skipped) when the file is one that a directory walk found and that is
// a valid file of another known evident kind: the command leaves it out. Nothing for a file named on
// the command line, or anything invalid or of an unknown kind: an unreadable file might be
// evidence, so it is never skipped quietly.
std::optional<Diagnostic> left_out_as_other_kind(const io::FileValidation& file, const io::CollectedFiles& collected);

}  // namespace evident::cli
