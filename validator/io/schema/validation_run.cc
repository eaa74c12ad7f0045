#include "io/schema/validation_run.h"

#include <filesystem>
#include <optional>

#include "io/schema/table_schema_loader.h"

namespace evident::io {

CheckedFile checked_file(const FileValidation& validation) {
  return {validation.path, validation.kind, validation.valid(), validation.diagnostics};
}

CheckedFile checked_table(CsvValidation&& validation, std::vector<Diagnostic> descriptor_problems) {
  std::vector<Diagnostic> diagnostics = std::move(descriptor_problems);
  diagnostics.insert(diagnostics.end(), validation.diagnostics.begin(), validation.diagnostics.end());
  const bool valid = !has_errors(diagnostics);
  return {std::move(validation.path), "table", valid, std::move(diagnostics)};
}

TableChecker::TableChecker(const ValidationOptions& options, const CsvOptions& csv_options)
    : options_(options), csv_options_(csv_options) {}

TableCheck TableChecker::check(const TableInput& table) {
  TableCheck check{table, TableStatus::checked, {}, {}};
  std::error_code error;
  if (!std::filesystem::is_regular_file(table.schema, error)) {
    check.status = TableStatus::no_schema;
    return check;
  }
  auto schema = loaded_.find(table.schema);
  if (schema == loaded_.end()) {
    LoadedSchema load;
    load.schema = load_table_schema(table.schema, options_, load.problems);
    schema = loaded_.emplace(table.schema, std::move(load)).first;
  }
  if (schema->second.schema) {
    check.file = checked_table(validate_csv_file(table.csv, *schema->second.schema, csv_options_));
  } else {
    check.status = TableStatus::unusable_schema;
    check.problems = schema->second.problems;
  }
  return check;
}

std::vector<TableCheck> check_tables(const std::vector<TableInput>& tables, const ValidationOptions& options,
                                     const CsvOptions& csv_options) {
  TableChecker checker(options, csv_options);
  std::vector<TableCheck> checks;
  checks.reserve(tables.size());
  for (const TableInput& table : tables) checks.push_back(checker.check(table));
  return checks;
}

}  // namespace evident::io
