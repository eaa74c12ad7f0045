#pragma once
// The view model of the Markdown report, the job summary and the HTML report, built from the check
// result document (schemas/result.schema.json). The three formats share its rows and tables.
#include <nlohmann/json.hpp>

namespace evident::io::detail {

// Everything the Markdown, summary and HTML templates receive (docs/reports.md lists the keys):
// strings and booleans only, numbers already formatted, user text raw (the template's escaping
// applies), charts as SVG markup for triple mustaches; with `charts` false the chart keys are "".
nlohmann::json report_view(const nlohmann::json& result, bool charts);

}  // namespace evident::io::detail
