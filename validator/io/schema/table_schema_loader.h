#pragma once
// Loading the Table Schema of a CSV table: the descriptor read and parsed fail-closed, then read
// by core/table_schema with every problem located in the descriptor's text. Shared by `validate`
// and `check`.
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/table_schema.h"
#include "io/json/json_document.h"
#include "io/schema/document_validation.h"

namespace evident::io {

// The Table Schema of a parsed descriptor, or nothing with its problems located and sorted.
std::optional<TableSchema> table_schema_from(const JsonDocument& descriptor, std::vector<Diagnostic>& diagnostics);

// The Table Schema in the file at path, or nothing with every problem (unreadable, not JSON, not
// a usable descriptor).
std::optional<TableSchema> load_table_schema(const std::string& path, const ValidationOptions& options,
                                             std::vector<Diagnostic>& diagnostics);

// evident's own CSV summary (schemas/evidence-summary.table.json, compiled into the binary): the
// table `validate --pair` reads and `export csv` writes.
std::optional<TableSchema> shipped_summary_table_schema(const JsonLimits& limits, std::vector<Diagnostic>& diagnostics);

// DATA.schema.json beside DATA.csv.
std::string sibling_schema(const std::string& csv_path);

}  // namespace evident::io
