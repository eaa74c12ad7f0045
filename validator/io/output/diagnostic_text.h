#pragma once
// Diagnostics as the text a person reads, each followed, when annotating for GitHub Actions, by the
// workflow command that makes an error or warning an annotation. Shared by the text renderers.
#include <string>
#include <vector>

#include "core/diagnostic.h"

namespace evident::io {

// Each diagnostic's text made on up to jobs threads where there are many.
std::string diagnostics_text(const std::vector<Diagnostic>& diagnostics, bool annotate, unsigned jobs = 1);

// The workflow command of each error and warning alone, for output whose text is a JSON document.
std::string workflow_commands(const std::vector<Diagnostic>& diagnostics);

}  // namespace evident::io
