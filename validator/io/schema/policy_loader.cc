#include "io/schema/policy_loader.h"

#include "io/schema/kind_loader.h"

namespace evident::io {

std::optional<Policy> load_policy(const std::string& path, const ValidationOptions& options,
                                  std::vector<Diagnostic>& diagnostics) {
  const std::optional<FileValidation> file = load_kind(path, "policy", options, diagnostics);
  if (!file) return std::nullopt;
  std::vector<Diagnostic> problems = policy_problems(file->document->value());
  if (!problems.empty()) {
    locate_problems(*file->document, problems, diagnostics);
    return std::nullopt;
  }
  return policy_from_file(file->document->text(), file->document->value());
}

}  // namespace evident::io
