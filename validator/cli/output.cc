#include "cli/output.h"

#include <algorithm>
#include <ostream>

#include "io/output/diagnostic_text.h"

namespace evident::cli {

bool annotate_for_github(const Invocation& invocation) {
  return invocation.environment("GITHUB_ACTIONS") == std::optional<std::string>("true");
}

void print_diagnostics(const Invocation& invocation, const std::vector<Diagnostic>& diagnostics, unsigned jobs) {
  invocation.out << io::diagnostics_text(diagnostics, annotate_for_github(invocation), jobs);
}

void annotate_beside_json(const Invocation& invocation, const std::vector<Diagnostic>& diagnostics) {
  if (annotate_for_github(invocation)) invocation.err << io::workflow_commands(diagnostics);
}

}  // namespace evident::cli
