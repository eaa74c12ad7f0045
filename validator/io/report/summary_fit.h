#pragma once
// The GitHub job summary within its byte limit: the summary template rendered over report_view()'s
// model, shortened until it fits, with a note of what is missing and where the full report is.
#include <cstddef>
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

namespace evident::io::detail {

// Where the reader finds everything the summary leaves out: the HTML, Markdown or JSON report the
// check wrote, else "the JSON result".
std::string full_report_name(const nlohmann::json& result);

// `render` applied to `view` (report_view()'s model) when the text fits in `limit` bytes. Otherwise
// tables lose rows first (the largest first, failed rows kept longest); when no table row fits, the
// failure list is cut; when not even the verdict fits, the text is cut at a line. Every step notes
// what is missing and that `full_report` has everything.
std::string fit_summary(nlohmann::json view, std::string full_report, std::size_t limit,
                        std::function<std::string(const nlohmann::json&)> render);

}  // namespace evident::io::detail
