#pragma once
// Loads a file that must be of one evident kind (a policy, a baseline, tolerances, budgets): read,
// parse fail-closed, validate against the kind's schema, and turn a reader's problems into
// diagnostics located in the file. The pure readers of core assume a schema-valid document; this
// is the way in that makes it one.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "io/schema/document_validation.h"

namespace evident::io {

// The file validated against its kind's schema (whatever options.schema says), or nothing with every
// problem in diagnostics (a file of another kind is one).
std::optional<FileValidation> load_kind(const std::string& path, std::string_view kind,
                                        const ValidationOptions& options, std::vector<Diagnostic>& diagnostics);

// Locates problems a pure reader reported by JSON pointer (at the key when the problem says so) in
// the file they came from, and adds them to diagnostics in file order.
void locate_problems(const JsonDocument& document, std::vector<Diagnostic>& problems,
                     std::vector<Diagnostic>& diagnostics);

}  // namespace evident::io
