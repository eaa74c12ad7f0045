#pragma once
// Loads a file that must be of one evident kind (a policy, a baseline, tolerances, budgets): read,
// parse fail-closed, validate against the kind's schema, and turn a reader's problems into
// diagnostics located in the file.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "io/schema/document_validation.h"

namespace evident::io {

// The validated file, or nothing with every problem in diagnostics (a file of another kind is one).
std::optional<FileValidation> load_kind(const std::string& path, std::string_view kind,
                                        const ValidationOptions& options, std::vector<Diagnostic>& diagnostics);

// Locates problems a pure reader reported by JSON pointer in the file they came from.
void locate_problems(const JsonDocument& document, std::vector<Diagnostic>& problems,
                     std::vector<Diagnostic>& diagnostics);

}  // namespace evident::io
