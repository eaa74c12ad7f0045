#pragma once
// The verdict of `evident rolling` as JSON (evident/rolling/1) and as text: the window, the table
// of metrics with their graduation and median-budget verdicts, and one summary line.
#include <ostream>

#include <nlohmann/json.hpp>

#include "core/rolling_report.h"
#include "io/output/text_output.h"

namespace evident::io {

nlohmann::ordered_json rolling_report_json(const RollingReport& report);

// The notes go to diagnostics before the window line.
void render_rolling_text(std::ostream& out, const RollingReport& report, const DiagnosticSink& diagnostics);

// The graduation verdict of a metric in the text table: "OK (<5%)", "OVER", "INSUFFICIENT" ...
std::string cv_verdict_text(const RollingMetric& metric);
// The median-budget verdict of a metric in the text table: "<= 12", "OUTSIDE 1 .. 2", "UNIT ms" ...
std::string median_verdict_text(const RollingMetric& metric);

}  // namespace evident::io
