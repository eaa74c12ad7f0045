#pragma once
// The verdict of `evident gate` as JSON (evident/gate/1) and as text: the table of checks, then
// the breaches, then one summary line.
#include <ostream>

#include <nlohmann/json.hpp>

#include "core/gate_report.h"
#include "io/output/text_output.h"

namespace evident::io {

nlohmann::ordered_json gate_report_json(const GateReport& report);

// The problems go to diagnostics before the table, the breaches after it.
// The table's rows are made on up to jobs threads.
void render_gate_text(std::ostream& out, const GateReport& report, const DiagnosticSink& diagnostics,
                      unsigned jobs = 1);

}  // namespace evident::io
