#include "cli/output.h"

#include <algorithm>
#include <ostream>

#include "io/output/diagnostic_text.h"
#include "io/output/text_output.h"

namespace evident::cli {

bool annotate_for_github(const Invocation& invocation) {
  return invocation.environment("GITHUB_ACTIONS") == std::optional<std::string>("true");
}

void print_diagnostics(const Invocation& invocation, const std::vector<Diagnostic>& diagnostics) {
  invocation.out << io::diagnostics_text(diagnostics, annotate_for_github(invocation));
}

void print_table(std::ostream& out, const std::vector<std::vector<std::string>>& rows) { io::write_table(out, rows); }

}  // namespace evident::cli
