#pragma once
// The result of `evident validate` (and of the validation part of `evident check`): each checked
// file with its diagnostics and verdict, the diagnostics that belong to no file, and the counts.
// Plain values; the JSON report (io/output/validation_json) and the text are rendered from it.
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "core/diagnostic.h"

namespace evident {

// One checked file of either kind, JSON document or CSV table.
struct CheckedFile {
  std::string path;
  std::string kind;  // "evidence", "table", ...; empty when not known
  bool valid = false;
  std::vector<Diagnostic> diagnostics;
};

struct ValidationSummary {
  std::size_t files = 0;
  std::size_t with_errors = 0;
  std::size_t errors = 0;
  std::size_t warnings = 0;
};

struct ValidationResult {
  std::vector<CheckedFile> files;       // path order
  std::vector<Diagnostic> diagnostics;  // belonging to no checked file
  ValidationSummary summary;
};

// The files sorted by path (stably) and counted.
ValidationResult validation_result(std::vector<CheckedFile> files, std::vector<Diagnostic> general);

ValidationSummary summarise(const std::vector<CheckedFile>& files, const std::vector<Diagnostic>& general);

// One file, or the diagnostics of no file, added to a summary: a validation that streams its files
// counts each as it passes.
void add_to_summary(ValidationSummary& summary, const CheckedFile& file);
void add_to_summary(ValidationSummary& summary, const std::vector<Diagnostic>& general);

// The exit code every diagnostic of the result calls for.
ExitCode exit_code_for(const ValidationResult& result);

// A CSV table and the Table Schema (descriptor) it is checked against.
struct TableInput {
  std::string csv;
  std::string schema;
};

// The collected files of a validation, by what is done with each: JSON documents, CSV tables with
// their descriptors (which are inputs of their own, never validated as documents), and the rest.
struct InputPartition {
  std::vector<std::string> json;
  std::vector<TableInput> tables;
  std::vector<std::string> others;  // neither *.json nor *.csv
};

// schema_of names the descriptor of a table: DATA.schema.json beside it for `validate`, the
// configuration's "tables" mapping first for `check`.
InputPartition partition_inputs(std::vector<std::string> files,
                                const std::function<std::string(const std::string&)>& schema_of);

}  // namespace evident
