#pragma once
// The validation result as text: the diagnostics that belong to no file, each file's diagnostics,
// then "N files checked, M with errors[, K warnings]".
#include <string>

#include "core/validation_result.h"

namespace evident::io {

// annotate: also each error and warning as a GitHub Actions workflow command.
std::string validation_text(const ValidationResult& result, bool annotate);

// The last line: "N files checked, M with errors[, K warnings]".
std::string validation_summary_text(const ValidationSummary& summary);

}  // namespace evident::io
