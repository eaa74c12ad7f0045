#include "io/report/report_render.h"

#include "io/report/junit_view.h"
#include "io/report/markup_escape.h"
#include "io/report/report_templates.h"
#include "io/report/report_view.h"
#include "io/report/summary_fit.h"

namespace evident::io {

using nlohmann::json;

std::optional<ReportFormat> report_format_from_name(std::string_view name) {
  if (name == "markdown") return ReportFormat::markdown;
  if (name == "summary") return ReportFormat::summary;
  if (name == "html") return ReportFormat::html;
  if (name == "junit") return ReportFormat::junit;
  return std::nullopt;
}

std::string render_report(const json& result, ReportFormat format, const RenderOptions& options) {
  using detail::load_template;
  using detail::TemplateRenderer;
  const std::string& dir = options.template_dir;
  const detail::RenderBounds bounds{options.max_bytes, options.max_section_repeats};
  switch (format) {
    case ReportFormat::markdown:
      return TemplateRenderer(load_template("report.md.mustache", dir), escape_markdown_cell,
                              bounds)(detail::report_view(result, false));
    case ReportFormat::html:
      return TemplateRenderer(load_template("report.html.mustache", dir), escape_html,
                              bounds)(detail::report_view(result, true));
    case ReportFormat::junit:
      return TemplateRenderer(load_template("junit.xml.mustache", dir), escape_xml, bounds)(detail::junit_view(result));
    case ReportFormat::summary: {
      TemplateRenderer renderer(load_template("summary.md.mustache", dir), escape_markdown_cell, bounds);
      return detail::fit_summary(detail::report_view(result, false), detail::full_report_name(result),
                                 options.summary_limit, [&renderer](const json& view) { return renderer(view); });
    }
  }
  return {};
}

}  // namespace evident::io
