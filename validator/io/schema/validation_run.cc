#include "io/schema/validation_run.h"

#include <filesystem>
#include <map>
#include <optional>

#include "io/schema/table_schema_loader.h"

namespace evident::io {
namespace {

struct LoadedSchema {
  std::optional<TableSchema> schema;
  std::vector<Diagnostic> problems;
};

}  // namespace

CheckedFile checked_file(const FileValidation& validation) {
  return {validation.path, validation.kind, validation.valid(), validation.diagnostics};
}

CheckedFile checked_table(CsvValidation&& validation, std::vector<Diagnostic> descriptor_problems) {
  std::vector<Diagnostic> diagnostics = std::move(descriptor_problems);
  diagnostics.insert(diagnostics.end(), validation.diagnostics.begin(), validation.diagnostics.end());
  const bool valid = !has_errors(diagnostics);
  return {std::move(validation.path), "table", valid, std::move(diagnostics)};
}

std::vector<TableCheck> check_tables(const std::vector<TableInput>& tables, const ValidationOptions& options,
                                     const CsvOptions& csv_options) {
  std::vector<TableCheck> checks;
  std::map<std::string, LoadedSchema> loaded;
  for (const TableInput& table : tables) {
    TableCheck check{table, TableStatus::checked, {}, {}};
    std::error_code error;
    if (!std::filesystem::is_regular_file(table.schema, error)) {
      check.status = TableStatus::no_schema;
      checks.push_back(std::move(check));
      continue;
    }
    auto schema = loaded.find(table.schema);
    if (schema == loaded.end()) {
      LoadedSchema load;
      load.schema = load_table_schema(table.schema, options, load.problems);
      schema = loaded.emplace(table.schema, std::move(load)).first;
    }
    if (schema->second.schema) {
      check.file = checked_table(validate_csv_file(table.csv, *schema->second.schema, csv_options));
    } else {
      check.status = TableStatus::unusable_schema;
      check.problems = schema->second.problems;
    }
    checks.push_back(std::move(check));
  }
  return checks;
}

}  // namespace evident::io
