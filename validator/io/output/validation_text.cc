#include "io/output/validation_text.h"

#include "core/text.h"
#include "io/output/diagnostic_text.h"

namespace evident::io {

std::string validation_text(const ValidationResult& result, bool annotate) {
  std::string text = diagnostics_text(result.diagnostics, annotate);
  for (const CheckedFile& file : result.files) text += diagnostics_text(file.diagnostics, annotate);
  return text + validation_summary_text(result.summary);
}

std::string validation_summary_text(const ValidationSummary& summary) {
  std::string text =
      count_of(summary.files, "file") + " checked, " + std::to_string(summary.with_errors) + " with errors";
  if (summary.warnings > 0) text += ", " + count_of(summary.warnings, "warning");
  return text + "\n";
}

}  // namespace evident::io
