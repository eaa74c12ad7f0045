#pragma once
// The verdict of `evident baseline` as JSON (evident/baseline-result/1) and as text: the changes
// against the baseline it replaces, then what was written, or why nothing was.
#include <ostream>

#include <nlohmann/json.hpp>

#include "core/baseline_report.h"
#include "io/output/text_output.h"

namespace evident::io {

nlohmann::ordered_json baseline_report_json(const BaselineReport& report);

// The problems go to diagnostics; when one means the command could not run, nothing else is said.
void render_baseline_text(std::ostream& out, const BaselineReport& report, const DiagnosticSink& diagnostics);

}  // namespace evident::io
