#include "cli/report_output.h"

#include <filesystem>
#include <fstream>

#include "io/files/atomic_file.h"

namespace evident::cli {
namespace {

namespace fs = std::filesystem;

constexpr std::uintmax_t step_summary_limit = std::uintmax_t{1} << 20;  // GitHub's limit per step

}  // namespace

std::string result_text(const nlohmann::ordered_json& document) {
  return document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::optional<std::string> summary_target(const std::string& flag, const Invocation& invocation) {
  if (!flag.empty()) return flag;
  std::optional<std::string> from_environment = invocation.environment("GITHUB_STEP_SUMMARY");
  if (from_environment && from_environment->empty()) return std::nullopt;
  return from_environment;
}

std::string render(const nlohmann::json& document, io::ReportFormat format, const std::string& template_dir,
                   std::size_t summary_limit) {
  std::error_code status;
  if (!template_dir.empty() && !fs::is_directory(template_dir, status)) {
    throw UsageError("--template " + template_dir + " is not a directory");
  }
  io::RenderOptions options;
  options.template_dir = template_dir;
  options.summary_limit = summary_limit;
  try {
    return io::render_report(document, format, options);
  } catch (const io::TemplateError& error) {
    throw UsageError(error.what());
  }
}

void write_report_file(const std::string& path, const std::string& contents) {
  std::error_code error;
  const fs::path parent = fs::path(path).parent_path();
  if (!parent.empty()) fs::create_directories(parent, error);
  if (error) throw UsageError("cannot create the directory of " + path + ": " + error.message());
  io::write_file_atomically(path, contents);
}

std::vector<std::string> write_reports(const nlohmann::ordered_json& document, const ReportPaths& paths,
                                       const std::string& template_dir, const std::optional<std::string>& summary) {
  const std::string json_text = result_text(document);
  // Exactly what `evident report` reads back from the JSON file; only when something is rendered.
  const bool rendered = !paths.markdown.empty() || !paths.html.empty() || !paths.junit.empty() || summary;
  const nlohmann::json parsed = rendered ? nlohmann::json::parse(json_text) : nlohmann::json();
  std::vector<std::string> written;
  const auto write = [&](const std::string& path, io::ReportFormat format, const char* name) {
    if (path.empty()) return;
    write_report_file(path, render(parsed, format, template_dir));
    written.push_back(path + " (" + name + ")");
  };
  if (!paths.json.empty()) {
    write_report_file(paths.json, json_text);
    written.push_back(paths.json + " (json)");
  }
  write(paths.markdown, io::ReportFormat::markdown, "markdown");
  write(paths.html, io::ReportFormat::html, "html");
  write(paths.junit, io::ReportFormat::junit, "junit");
  if (summary) {
    // The limit is the step's, and earlier steps' output in the same file counts against it.
    std::error_code error;
    const std::uintmax_t existing = fs::exists(*summary, error) ? fs::file_size(*summary, error) : 0;
    const std::uintmax_t room = existing < step_summary_limit ? step_summary_limit - existing : 0;
    const std::string text = render(parsed, io::ReportFormat::summary, template_dir, static_cast<std::size_t>(room));
    std::ofstream out(*summary, std::ios::binary | std::ios::app);
    out << text;
    out.flush();
    if (!out) throw UsageError("cannot append the job summary to " + *summary);
    written.push_back(*summary + " (job summary, appended)");
  }
  return written;
}

}  // namespace evident::cli
