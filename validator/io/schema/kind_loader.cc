#include "io/schema/kind_loader.h"

#include <algorithm>

#include "io/files/input_files.h"

namespace evident::io {
namespace {

// "an evidence", "a baseline".
std::string with_article(std::string_view noun) {
  const bool vowel = !noun.empty() && std::string_view("aeiou").find(noun.front()) != std::string_view::npos;
  return (vowel ? "an " : "a ") + std::string(noun);
}

}  // namespace

std::optional<FileValidation> load_kind(const std::string& path, std::string_view kind,
                                        const ValidationOptions& options, std::vector<Diagnostic>& diagnostics) {
  std::optional<FileText> text = read_file_text(path, options.max_file_bytes, diagnostics);
  if (!text) return std::nullopt;
  // Always the kind's own schema, never a --schema override: the readers rely on it.
  ValidationOptions own_schema = options;
  own_schema.schema = nullptr;
  own_schema.gate_file_rules = false;  // the caller reads the file with that reader next
  FileValidation validation = validate_text(path, std::move(*text), own_schema);
  if (validation.valid() && validation.kind != kind) {
    std::string code_prefix(kind);  // "check result" -> "check_result.wrong_kind"
    std::replace(code_prefix.begin(), code_prefix.end(), ' ', '_');
    diagnostics.push_back(validation.document->diagnostic_at(
        "/schema_version", code_prefix + ".wrong_kind",
        "expected " + with_article(kind) + " file, found " +
            with_article(validation.kind.empty() ? "JSON" : validation.kind) + " file"));
    return std::nullopt;
  }
  diagnostics.insert(diagnostics.end(), validation.diagnostics.begin(), validation.diagnostics.end());
  if (!validation.valid()) return std::nullopt;
  return validation;
}

void locate_problems(const JsonDocument& document, std::vector<Diagnostic>& problems,
                     std::vector<Diagnostic>& diagnostics) {
  std::vector<Diagnostic> located;
  for (Diagnostic& problem : problems) {
    Diagnostic placed =
        document.diagnostic_at(problem.pointer.value_or(""), problem.code, problem.message, problem.at_key);
    placed.severity = problem.severity;
    placed.hint = problem.hint;
    located.push_back(std::move(placed));
  }
  sort_diagnostics(located);  // in file order, as schema diagnostics are
  diagnostics.insert(diagnostics.end(), located.begin(), located.end());
  problems.clear();
}

}  // namespace evident::io
