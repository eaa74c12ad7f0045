#include "cli/output.h"

#include <algorithm>
#include <ostream>

#include "io/output/diagnostic_text.h"

namespace evident::cli {

bool annotate_for_github(const Invocation& invocation) {
  return invocation.environment("GITHUB_ACTIONS") == std::optional<std::string>("true");
}

void print_diagnostics(const Invocation& invocation, const std::vector<Diagnostic>& diagnostics) {
  invocation.out << io::diagnostics_text(diagnostics, annotate_for_github(invocation));
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
