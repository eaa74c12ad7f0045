#include "io/policy_loader.h"

#include "io/input_files.h"

namespace evident::io {

std::optional<Policy> load_policy(const std::string& path, const ValidationOptions& options,
                                  std::vector<Diagnostic>& diagnostics) {
  std::optional<std::string> text = read_text_file(path, options.max_file_bytes, diagnostics);
  if (!text) return std::nullopt;
  const std::string bytes = *text;
  FileValidation validation = validate_text(path, std::move(*text), options);
  if (validation.valid() && validation.kind != "policy") {
    diagnostics.push_back(validation.document->diagnostic_at(
        "/schema_version", "policy.not_a_policy",
        "expected a policy (\"schema_version\": \"evident/policy/1\"), found a " + validation.kind + " file"));
    return std::nullopt;
  }
  diagnostics.insert(diagnostics.end(), validation.diagnostics.begin(), validation.diagnostics.end());
  if (!validation.valid()) return std::nullopt;
  std::vector<Diagnostic> problems;
  std::optional<Policy> policy = policy_from_file(bytes, validation.document->value(), problems);
  for (Diagnostic& problem : problems) {
    Diagnostic located = validation.document->diagnostic_at(problem.pointer.value_or(""), problem.code, problem.message);
    located.severity = problem.severity;
    located.hint = problem.hint;
    diagnostics.push_back(std::move(located));
  }
  return policy;
}

}  // namespace evident::io
