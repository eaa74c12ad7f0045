#pragma once
// The per-file steps of a validation, shared by `evident validate` and `evident check` so the two
// cannot drift: a validated document or table as a checked file, and every table of a partition
// checked against its Table Schema.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/validation_result.h"
#include "io/schema/csv_validation.h"
#include "io/schema/document_validation.h"

namespace evident::io {

CheckedFile checked_file(const FileValidation& validation);

// A table's result, after the problems of its descriptor when there are any.
CheckedFile checked_table(CsvValidation&& validation, std::vector<Diagnostic> descriptor_problems = {});

enum class TableStatus { checked, no_schema, unusable_schema };

struct TableCheck {
  TableInput input;
  TableStatus status = TableStatus::checked;
  CheckedFile file;                  // checked: the table's own result
  std::vector<Diagnostic> problems;  // unusable_schema: why its descriptor cannot be used
};

// Checks tables one at a time against their descriptors, each descriptor loaded once. What a
// missing or unusable descriptor means is the caller's: `validate` reports it, `check` fails or stops.
class TableChecker {
 public:
  TableChecker(const ValidationOptions& options, const CsvOptions& csv_options);
  TableChecker(const TableChecker&) = delete;
  TableChecker& operator=(const TableChecker&) = delete;

  TableCheck check(const TableInput& table);

 private:
  struct LoadedSchema {
    std::optional<TableSchema> schema;
    std::vector<Diagnostic> problems;
  };
  const ValidationOptions& options_;
  const CsvOptions& csv_options_;
  std::map<std::string, LoadedSchema> loaded_;
};

// Each table checked by one TableChecker, in the order given.
std::vector<TableCheck> check_tables(const std::vector<TableInput>& tables, const ValidationOptions& options,
                                     const CsvOptions& csv_options);

}  // namespace evident::io
