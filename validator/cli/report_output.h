#pragma once
// Writing the reports of a check result: shared by `evident check`, which writes what the
// configuration asks for, and `evident report`, which re-renders a saved result. Both render from
// the same parsed document, so their bytes agree.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "core/check_config.h"
#include "io/report/report_render.h"

namespace evident::cli {

// The JSON result as written to a file or stdout.
std::string result_text(const nlohmann::ordered_json& document);

// Where the job summary goes: --summary FILE, else $GITHUB_STEP_SUMMARY, else nowhere.
std::optional<std::string> summary_target(const std::string& flag, const Invocation& invocation);

// The report in one format; an unusable --template is a UsageError (exit 2).
std::string render(const nlohmann::json& document, io::ReportFormat format, const std::string& template_dir,
                   std::size_t summary_limit = std::size_t{1} << 20);

// Writes each report whose path is set (atomically, creating its directory) and appends the job
// summary, keeping the summary file within GitHub's 1 MiB. Returns "PATH (format)" for each file
// written. A file that cannot be written ends the command with exit 2 (io::WriteError).
std::vector<std::string> write_reports(const nlohmann::ordered_json& document, const ReportPaths& paths,
                                       const std::string& template_dir, const std::optional<std::string>& summary);

// Writes contents to path atomically, creating the directory; a failure ends the command with exit 2.
void write_report_file(const std::string& path, const std::string& contents);

}  // namespace evident::cli
