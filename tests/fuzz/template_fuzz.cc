// libFuzzer target: a user's report template (`evident report --templates DIR`, `check
// --templates`). The first byte picks the format (its value modulo 4: markdown, summary, html,
// junit); the rest is the template, written where the format's built-in one would be replaced, and
// rendered over a failed check result (fixtures/results/failed.json). A template that cannot be
// used is a TemplateError that names it; anything else thrown is a crash. docs/fuzzing.md says how
// to run it.
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "fuzz_support.h"
#include "io/report/report_render.h"

namespace {

using evident::fuzz::require;

const nlohmann::json& result() {
  static const nlohmann::json document = [] {
    std::ifstream stream(EVIDENT_SOURCE_DIR "/fixtures/results/failed.json", std::ios::binary);
    std::ostringstream text;
    text << stream.rdbuf();
    return nlohmann::json::parse(text.str());
  }();
  return document;
}

struct Format {
  evident::io::ReportFormat format;
  const char* template_name;
};

constexpr Format formats[] = {{evident::io::ReportFormat::markdown, "report.md.mustache"},
                              {evident::io::ReportFormat::summary, "summary.md.mustache"},
                              {evident::io::ReportFormat::html, "report.html.mustache"},
                              {evident::io::ReportFormat::junit, "junit.xml.mustache"}};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const Format& format = formats[data[0] % 4];
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::string path = evident::fuzz::write_input(format.template_name, text);
  evident::io::RenderOptions options;
  options.template_dir = evident::fuzz::scratch_dir().string();
  options.summary_limit = 4096;
  try {
    const std::string rendered = evident::io::render_report(result(), format.format, options);
    if (format.format == evident::io::ReportFormat::summary) {
      require(rendered.size() <= options.summary_limit, "a job summary is over its limit");
    }
  } catch (const evident::io::TemplateError& refused) {
    require(std::string_view(refused.what()).find(path) != std::string_view::npos,
            "a template error does not name the template");
  }
  return 0;
}
