#include "io/schema/table_schema_loader.h"

#include <filesystem>

#include "io/files/input_files.h"
#include "io/schema/kind_loader.h"
#include "io/schema/schema_registry.h"

namespace evident::io {

std::optional<TableSchema> shipped_summary_table_schema(const JsonLimits& limits,
                                                        std::vector<Diagnostic>& diagnostics) {
  const std::optional<nlohmann::json> shipped = embedded_schema("evidence-summary.table.json");
  std::optional<JsonDocument> document =
      parse_json_document("schemas/evidence-summary.table.json", shipped->dump(), limits, diagnostics);
  return document ? table_schema_from(*document, diagnostics) : std::nullopt;
}

std::optional<TableSchema> table_schema_from(const JsonDocument& descriptor, std::vector<Diagnostic>& diagnostics) {
  std::vector<Diagnostic> problems;
  std::optional<TableSchema> schema = read_table_schema(descriptor.value(), problems);
  locate_problems(descriptor, problems, diagnostics);
  sort_diagnostics(diagnostics);
  return schema;
}

std::optional<TableSchema> load_table_schema(const std::string& path, const ValidationOptions& options,
                                             std::vector<Diagnostic>& diagnostics) {
  std::optional<std::string> text = read_text_file(path, options.max_file_bytes, diagnostics);
  std::optional<JsonDocument> document;
  if (text) document = parse_json_document(path, std::move(*text), options.limits, diagnostics);
  if (!document) return std::nullopt;
  return table_schema_from(*document, diagnostics);
}

std::string sibling_schema(const std::string& csv_path) {
  const std::filesystem::path path(csv_path);
  return (path.parent_path() / (path.stem().string() + ".schema.json")).string();
}

}  // namespace evident::io
