#include "cli/output.h"

#include <algorithm>
#include <ostream>

#include "io/output/diagnostic_render.h"
#include "io/output/text_output.h"

namespace evident::cli {

void print_diagnostics(const Invocation& invocation, const std::vector<Diagnostic>& diagnostics) {
  const bool annotate = invocation.environment("GITHUB_ACTIONS") == std::optional<std::string>("true");
  for (const Diagnostic& diagnostic : diagnostics) {
    invocation.out << io::render_text(diagnostic);
    if (annotate && diagnostic.severity != Severity::note) invocation.out << io::render_workflow_command(diagnostic);
  }
}

void print_table(std::ostream& out, const std::vector<std::vector<std::string>>& rows) { io::write_table(out, rows); }

}  // namespace evident::cli
