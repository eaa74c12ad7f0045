#pragma once
// The check result rendered for people and CI: Markdown for a pull request, the GitHub job summary
// (Markdown within a size limit), HTML with inline charts, and JUnit XML. Every renderer reads only
// the result document (schemas/result.schema.json), so a saved result re-renders to the same bytes.
// docs/reports.md describes each format and the data its template receives.
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace evident::io {

enum class ReportFormat { markdown, summary, html, junit };

// "markdown", "summary", "html" or "junit".
std::optional<ReportFormat> report_format_from_name(std::string_view name);

struct RenderOptions {
  // Empty: the built-in templates. Otherwise a file in this folder named like a built-in template
  // (e.g. report.md.mustache) replaces it.
  std::string template_dir;
  // Bytes the job summary may take (GitHub's step-summary limit is 1 MiB).
  std::size_t summary_limit = 1048576;
  // Bytes any report may take: a user template whose sections repeat each other (a section over a
  // list nested in a section over the same list renders it once for every item of both) is stopped
  // there with a TemplateError instead of filling the memory.
  std::size_t max_bytes = std::size_t{256} << 20;
  // How often a user template's sections may repeat their content at most, reckoned before it is
  // rendered: each section as often as the longest list of its name in the view, times the sections
  // around it. Sections that repeat each other without rendering anything are stopped here.
  double max_section_repeats = 1e7;
};

// A user template that cannot be read or parsed: the message names the file and the problem.
class TemplateError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::string render_report(const nlohmann::json& result, ReportFormat format, const RenderOptions& options);

}  // namespace evident::io
