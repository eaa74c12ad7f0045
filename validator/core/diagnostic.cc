#include "core/diagnostic.h"

#include <algorithm>
#include <tuple>
#include <utility>

namespace evident {

std::string_view severity_name(Severity severity) {
  switch (severity) {
    case Severity::note:
      return "note";
    case Severity::warning:
      return "warning";
    case Severity::error:
      return "error";
  }
  return "error";
}

bool has_errors(const std::vector<Diagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::error; });
}

Diagnostic problem_at(std::string code, std::string pointer, std::string message, std::string hint) {
  Diagnostic diagnostic;
  diagnostic.severity = Severity::error;
  diagnostic.code = std::move(code);
  diagnostic.message = std::move(message);
  diagnostic.pointer = std::move(pointer);
  diagnostic.hint = std::move(hint);
  return diagnostic;
}

ExitCode exit_code_for(const std::vector<Diagnostic>& diagnostics) {
  bool failed = false;
  for (const Diagnostic& diagnostic : diagnostics) {
    if (diagnostic.cannot_run) return ExitCode::cannot_run;
    if (diagnostic.severity == Severity::error) failed = true;
  }
  return failed ? ExitCode::check_failed : ExitCode::ok;
}

void sort_diagnostics(std::vector<Diagnostic>& diagnostics) {
  std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.file, a.position.line, a.position.column, a.code, a.message) <
           std::tie(b.file, b.position.line, b.position.column, b.code, b.message);
  });
}

}  // namespace evident
