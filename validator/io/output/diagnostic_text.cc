#include "io/output/diagnostic_text.h"

#include "io/output/diagnostic_render.h"

namespace evident::io {

std::string diagnostics_text(const std::vector<Diagnostic>& diagnostics, bool annotate) {
  std::string text;
  for (const Diagnostic& diagnostic : diagnostics) {
    text += render_text(diagnostic);
    if (annotate && diagnostic.severity != Severity::note) text += render_workflow_command(diagnostic);
  }
  return text;
}

std::string workflow_commands(const std::vector<Diagnostic>& diagnostics) {
  std::string commands;
  for (const Diagnostic& diagnostic : diagnostics) {
    if (diagnostic.severity != Severity::note) commands += render_workflow_command(diagnostic);
  }
  return commands;
}

}  // namespace evident::io
