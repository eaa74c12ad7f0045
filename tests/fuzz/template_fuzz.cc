// libFuzzer target: a user's report template (`--template DIR` of `evident report` and `check`). The first byte picks
// the format (its value modulo 4: markdown, summary, html, junit); the rest is the template, compiled and rendered as
// the format's user template over the view of a failed check result (fixtures/results/failed.json), with the format's
// escaping, and for the job summary cut to its limit. The views are built once (and, but for the summary's, which is
// cut, converted into the engine's data once), as they do not depend on the input;
// reading the template file is load_template's, tested in tests/io/report. A template that cannot
// be used is a TemplateError that names it; anything else thrown is a crash. docs/fuzzing.md says
// how to run it.
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include "fuzz_support.h"
#include "io/report/junit_view.h"
#include "io/report/markup_escape.h"
#include "io/report/report_render.h"
#include "io/report/report_templates.h"
#include "io/report/report_view.h"
#include "io/report/summary_fit.h"

namespace {

using evident::fuzz::require;
using nlohmann::json;
namespace detail = evident::io::detail;

// What a format renders: its view of the result (also as the engine's data), its escaping and the
// name of its template.
struct Format {
  Format(json view_of_result, detail::Escape escape_values, std::string path)
      : view(std::move(view_of_result)), prepared(view), escape(escape_values), template_path(std::move(path)) {}

  json view;
  detail::TemplateView prepared;
  detail::Escape escape;
  std::string template_path;
};

const json& result() {
  static const json document = [] {
    std::ifstream stream(EVIDENT_SOURCE_DIR "/fixtures/results/failed.json", std::ios::binary);
    std::ostringstream text;
    text << stream.rdbuf();
    return json::parse(text.str());
  }();
  return document;
}

// In the order of the first byte: markdown, summary, html, junit (as io::render_report has them).
const Format (&formats())[4] {
  static const Format made[4] = {
      Format(detail::report_view(result(), false), evident::io::escape_markdown_cell, "templates/report.md.mustache"),
      Format(detail::report_view(result(), false), evident::io::escape_markdown_cell, "templates/summary.md.mustache"),
      Format(detail::report_view(result(), true), evident::io::escape_html, "templates/report.html.mustache"),
      Format(detail::junit_view(result()), evident::io::escape_xml, "templates/junit.xml.mustache")};
  return made;
}

constexpr std::size_t summary_limit = 4096;
// Smaller than a report's default bound, so that a template that repeats itself is stopped within
// the fuzzer's time per input.
constexpr std::size_t max_bytes = std::size_t{1} << 20;
constexpr double max_section_repeats = 1e5;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t pick = data[0] % 4;
  const Format& format = formats()[pick];
  const detail::Template source{format.template_path, std::string(reinterpret_cast<const char*>(data) + 1, size - 1)};
  try {
    detail::TemplateRenderer renderer(source, format.escape, {max_bytes, max_section_repeats});
    if (pick == 1) {
      static const std::string full_report = detail::full_report_name(result());
      const std::string rendered = detail::fit_summary(format.view, full_report, summary_limit,
                                                       [&renderer](const json& view) { return renderer(view); });
      require(rendered.size() <= summary_limit, "a job summary is over its limit");
    } else {
      (void)renderer(format.prepared);
    }
  } catch (const evident::io::TemplateError& refused) {
    require(std::string_view(refused.what()).starts_with(format.template_path + ": "),
            "a template error does not name the template");
  }
  return 0;
}
