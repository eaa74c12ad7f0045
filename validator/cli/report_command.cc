// evident report RESULT.json : re-render a saved check result, byte for byte what `evident check`
// wrote from it.
#include <ostream>

#include "cli/command.h"
#include "cli/options.h"
#include "cli/report_output.h"

namespace evident::cli {

ExitCode run_report(const Invocation& invocation) {
  CLI::App app{
      "Re-render a saved check result (evident/result/1, as `evident check --json FILE` wrote it) as\n"
      "Markdown, HTML, JUnit XML or a job summary. The bytes are those `evident check` wrote.",
      "evident report"};
  std::string result_path, format_name = "markdown", output, template_dir;
  std::size_t summary_limit = std::size_t{1} << 20;
  InputLimitOptions limits;
  limits.max_file_bytes = std::uintmax_t{256} << 20;  // a result holds every metric of a repository
  app.add_option("RESULT", result_path, "the JSON result of evident check")->required();
  app.add_option("--format", format_name, "markdown, html, junit or summary")
      ->check(CLI::IsMember({"markdown", "html", "junit", "summary"}))
      ->capture_default_str();
  app.add_option("--output,-o", output, "write here (atomically) instead of to stdout");
  app.add_option("--template", template_dir, "directory of mustache templates that replace the built-in ones");
  app.add_option("--summary-limit", summary_limit, "largest job summary in bytes (GitHub allows 1 MiB per step)")
      ->check(CLI::Range(std::size_t{256}, std::size_t{1} << 30))
      ->capture_default_str();
  add_input_limit_options(app, limits);
  if (const std::optional<ExitCode> stop = parse_options(app, invocation)) return *stop;

  std::vector<Diagnostic> diagnostics;
  const std::optional<io::FileValidation> file =
      io::load_kind(result_path, "check result", validation_options(limits, 1), diagnostics);
  if (!file || has_errors(diagnostics)) {
    throw UsageError("cannot use " + result_path + " as a check result (evident/result/1)", diagnostics);
  }
  const std::string text =
      render(file->document->value(), *io::report_format_from_name(format_name), template_dir, summary_limit);
  if (output.empty()) {
    invocation.out << text;
  } else {
    write_report_file(output, text);
  }
  return ExitCode::ok;
}

}  // namespace evident::cli
