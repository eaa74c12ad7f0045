#include "cli/output.h"

#include <algorithm>
#include <ostream>

#include "io/output/diagnostic_render.h"

namespace evident::cli {

void print_diagnostics(const Invocation& invocation, const std::vector<Diagnostic>& diagnostics) {
  const bool annotate = invocation.environment("GITHUB_ACTIONS") == std::optional<std::string>("true");
  for (const Diagnostic& diagnostic : diagnostics) {
    invocation.out << io::render_text(diagnostic);
    if (annotate && diagnostic.severity != Severity::note) invocation.out << io::render_workflow_command(diagnostic);
  }
}

void print_table(std::ostream& out, const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths;
  for (const auto& row : rows) {
    widths.resize(std::max(widths.size(), row.size()));
    for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
  }
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line += std::string(widths[i] - row[i].size() + 2, ' ');
    }
    out << line << "\n";
  }
}

}  // namespace evident::cli
