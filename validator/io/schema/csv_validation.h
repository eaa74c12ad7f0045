#pragma once
// Validates a CSV table against a Table Schema (core/table_schema.h), streaming: the text is read in
// chunks by io/schema/csv_reader, so memory does not grow with the file. Only the keys of `unique`
// fields and of the `primaryKey` are kept, one entry per distinct key.
#include <cstddef>
#include <functional>
#include <istream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "core/table_schema.h"

namespace evident::io {

// One data row as read, for a caller that looks at the values too (`validate --pair`).
struct CsvCell {
  std::string_view text;
  SourcePosition start;  // the cell's first character
};
struct CsvRow {
  std::span<const CsvCell> cells;  // as many as the row has, at most one per field
  bool clean = true;               // no diagnostic was raised on this row
};

struct CsvOptions {
  std::size_t max_errors = 100;                      // errors reported per file; the rest are counted
  std::size_t max_cell_bytes = 65536;                // a longer cell ends the check (csv.cell_too_long)
  std::size_t chunk_bytes = std::size_t{64} * 1024;  // bytes read at a time
  std::function<void(const CsvRow&)> on_row;         // called after each data row is checked; may be empty
};

struct CsvValidation {
  std::string path;
  std::vector<Diagnostic> diagnostics;  // in the order of the file; a count of the unreported last
  std::size_t rows = 0;                 // data rows, the header not counted
  std::size_t unreported_errors = 0;    // errors beyond max_errors
};

// Checks the text of input (a UTF-8 byte order mark at its start is skipped) against schema.
CsvValidation validate_csv(std::string path, std::istream& input, const TableSchema& schema, const CsvOptions& options);

// Opens path and checks it; a file that cannot be read is a diagnostic (io.not_found, ...).
CsvValidation validate_csv_file(const std::string& path, const TableSchema& schema, const CsvOptions& options);

}  // namespace evident::io
