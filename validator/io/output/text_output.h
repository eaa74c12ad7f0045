#pragma once
// What the text renderers of the commands share: plain-text tables, and the seam through which
// they hand diagnostics to the caller, which prints them (to stderr, and as GitHub annotations).
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "core/diagnostic.h"

namespace evident::io {

// Receives diagnostics at the point of the text where they belong.
using DiagnosticSink = std::function<void(const std::vector<Diagnostic>&)>;

// A plain-text table: columns padded to their widest cell plus two spaces, so the output is the
// same bytes each run.
void write_table(std::ostream& out, const std::vector<std::vector<std::string>>& rows);

}  // namespace evident::io
