#include "io/schema/document_validation.h"

#include <algorithm>

#include "core/edit_distance.h"
#include "core/evidence_rules.h"
#include "core/gate_files.h"
#include "core/text.h"
#include "io/files/input_files.h"
#include "io/schema/kind_loader.h"
#include "io/schema/schema_diagnostics.h"
#include "io/schema/schema_registry.h"

namespace evident::io {
namespace {

std::string list_versions() {
  std::string listed;
  for (const std::string& version : known_versions()) {
    if (!listed.empty()) listed += ", ";
    listed += version;
  }
  return listed;
}

// The kind a document declares, or nothing with a diagnostic saying why it has none we know.
const DocumentKind* detect_kind(const JsonDocument& document, std::vector<Diagnostic>& diagnostics) {
  const nlohmann::json& root = document.value();
  if (!root.is_object()) {
    diagnostics.push_back(document.diagnostic_at(
        "", "document.not_an_object", "expected a JSON object with \"schema_version\", found " + describe_value(root)));
    return nullptr;
  }
  const auto version = root.find("schema_version");
  if (version == root.end()) {
    Diagnostic missing =
        document.diagnostic_at("", "document.schema_version_missing",
                               "missing \"schema_version\"; evident cannot tell what kind of file this is");
    missing.hint = "this build knows " + list_versions();
    diagnostics.push_back(std::move(missing));
    return nullptr;
  }
  if (!version->is_string()) {
    diagnostics.push_back(
        document.diagnostic_at("/schema_version", "document.schema_version_unknown",
                               "\"schema_version\" must be a string, found " + describe_value(*version)));
    return nullptr;
  }
  const std::string& name = version->get_ref<const std::string&>();
  const DocumentKind* kind = find_kind(name);
  if (kind == nullptr) {
    Diagnostic unknown = document.diagnostic_at(
        "/schema_version", "document.schema_version_unknown",
        "unknown schema_version " + quote_for_message(name) + "; this build knows " + list_versions());
    unknown.hint = did_you_mean(name, known_versions());
    diagnostics.push_back(std::move(unknown));
  }
  return kind;
}

// The rules of a kind that its schema cannot say, checked once the schema holds: the evidence
// format's own rules, and the readers of the gate files (the same ones `gate` and `check` use), so
// `validate` passes only a file the commands can use.
void check_kind_rules(FileValidation& result, bool gate_file_rules) {
  const nlohmann::json& value = result.document->value();
  std::vector<Diagnostic> problems;
  if (result.kind == "evidence") {
    for (FormatViolation& violation : check_evidence_rules(value)) {
      result.diagnostics.push_back(
          result.document->diagnostic_at(violation.pointer, std::move(violation.code), std::move(violation.message)));
    }
  } else if (!gate_file_rules) {
    return;
  } else if (result.kind == "tolerances") {
    tolerances_from_json(value, problems);
  } else if (result.kind == "budgets") {
    budgets_from_json(value, problems);
  } else if (result.kind == "baseline") {
    baseline_from_json(value, problems);
  }
  locate_problems(*result.document, problems, result.diagnostics);
}

}  // namespace

FileValidation validate_text(std::string path, std::string text, const ValidationOptions& options) {
  FileValidation result;
  result.path = path;
  result.document = parse_json_document(std::move(path), std::move(text), options.limits, result.diagnostics);
  if (!result.document) return result;
  const CompiledSchema* schema = options.schema;
  if (schema == nullptr) {
    const DocumentKind* kind = detect_kind(*result.document, result.diagnostics);
    if (kind == nullptr) return result;
    result.kind = kind->name;
    schema = &schema_for(*kind);
  }
  const std::vector<SchemaViolation> violations = schema->validate(result.document->value());
  std::vector<Diagnostic> explained = explain_violations(violations, schema->source(), *result.document);
  result.diagnostics.insert(result.diagnostics.end(), explained.begin(), explained.end());
  if (violations.empty()) check_kind_rules(result, options.gate_file_rules);
  sort_diagnostics(result.diagnostics);
  return result;
}

FileValidation validate_file(const std::string& path, const ValidationOptions& options) {
  std::vector<Diagnostic> read_problems;
  std::optional<std::string> text = read_text_file(path, options.max_file_bytes, read_problems);
  if (!text) return FileValidation{path, "", std::nullopt, std::move(read_problems)};
  return validate_text(path, std::move(*text), options);
}

std::size_t files_in_flight(const ValidationOptions& options) { return std::size_t{4} * std::max(1U, options.jobs); }

void validate_each(const std::vector<std::string>& files, const ValidationOptions& options,
                   const std::function<void(FileValidation&&)>& on_file) {
  judge_each<FileValidation>(
      files, options, [](FileValidation&& file) { return std::move(file); }, on_file);
}

std::vector<FileValidation> validate_files(const std::vector<std::string>& files, const ValidationOptions& options) {
  std::vector<FileValidation> results;
  results.reserve(files.size());
  validate_each(files, options, [&](FileValidation&& result) { results.push_back(std::move(result)); });
  return results;
}

}  // namespace evident::io
