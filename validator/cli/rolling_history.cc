#include "cli/rolling_history.h"

#include <algorithm>

#include "cli/output.h"
#include "core/evidence_metrics.h"

namespace evident::cli {

RollingHistory read_history(const std::vector<std::string>& files, const io::ValidationOptions& options) {
  RollingHistory history;
  for (const io::FileValidation& file : io::validate_files(files, options)) {
    if (!file.valid() || file.kind != "evidence") {
      ++history.skipped;
      Diagnostic warning;
      warning.severity = Severity::warning;
      warning.code = "rolling.skipped";
      warning.file = file.path;
      const auto first_error = std::find_if(file.diagnostics.begin(), file.diagnostics.end(),
                                            [](const Diagnostic& d) { return d.severity == Severity::error; });
      warning.message = "skipped: " + (first_error != file.diagnostics.end()
                                           ? first_error->code + ": " + first_error->message
                                           : std::string("not an evidence file"));
      history.warnings.push_back(std::move(warning));
      continue;
    }
    history.runs.push_back(
        {file.path, file.document->value().value("captured_at", ""), metrics_of(file.document->value(), file.path)});
  }
  return history;
}

std::optional<Diagnostic> short_history_warning(const RollingResult& result, std::size_t window, const std::string& file) {
  if (result.window_sources.size() >= window) return std::nullopt;
  Diagnostic warning;
  warning.severity = Severity::warning;
  warning.code = "rolling.short_history";
  warning.file = file;
  warning.message = "only " + count_of(result.window_sources.size(), "run") + " in the history, fewer than the window of " +
                    std::to_string(window) + ": the statistics rest on less evidence than asked for";
  return warning;
}

}  // namespace evident::cli
