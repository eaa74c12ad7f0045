#pragma once
// The classification result as text: the diagnostics that belong to no file, for each file its
// header line and findings, then the tally and the policy.
#include <string>
#include <vector>

#include "core/classification_result.h"

namespace evident::io {

// annotate: also each error and warning as a GitHub Actions workflow command.
std::string classification_text(const ClassificationResult& result, bool annotate);

// The diagnostics classification_text prints, in its order: those of no file, then each file's.
std::vector<Diagnostic> classification_diagnostics(const ClassificationResult& result);

}  // namespace evident::io
