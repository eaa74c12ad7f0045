#include "io/output/diagnostic_text.h"

#include "io/files/parallel.h"
#include "io/output/diagnostic_render.h"

namespace evident::io {

std::string diagnostics_text(const std::vector<Diagnostic>& diagnostics, bool annotate, unsigned jobs) {
  const std::vector<std::string> pieces = parallel_pieces<std::string>(diagnostics.size(), jobs, [&](std::size_t i) {
    const Diagnostic& diagnostic = diagnostics[i];
    std::string piece = render_text(diagnostic);
    if (annotate && diagnostic.severity != Severity::note) piece += render_workflow_command(diagnostic);
    return piece;
  });
  std::size_t size = 0;
  for (const std::string& piece : pieces) size += piece.size();
  std::string text;
  text.reserve(size);
  for (const std::string& piece : pieces) text += piece;
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
