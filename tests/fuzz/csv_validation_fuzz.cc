// libFuzzer target: any bytes through the CSV reader (io/schema/csv_reader, header and cell checks,
// keys) against a Table Schema that uses every type and constraint. Seeds: fixtures/fuzz-csv/
// (replayed by tests/io/fuzz_replay_test.cc too). docs/fuzzing.md says how to run it.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "fuzz_support.h"
#include "io/schema/csv_validation.h"

namespace {

const evident::TableSchema& fuzz_schema() {
  static const evident::TableSchema schema = [] {
    std::vector<evident::Diagnostic> problems;
    return *evident::read_table_schema(nlohmann::json::parse(R"({
      "fields": [
        {"name": "name", "constraints": {"required": true, "unique": true, "maxLength": 8, "pattern": "[a-z]+"}},
        {"name": "n", "type": "integer", "constraints": {"minimum": 0, "enum": [0, 1, 2]}},
        {"name": "v", "type": "number", "constraints": {"maximum": 1e6}},
        {"name": "ok", "type": "boolean"},
        {"name": "day", "type": "date", "constraints": {"minimum": "2020-01-01"}},
        {"name": "at", "type": "datetime"},
        {"name": "took", "type": "duration"}
      ],
      "primaryKey": ["name", "n"]})"),
                                       problems);
  }();
  return schema;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::istringstream input(text);
  evident::io::CsvOptions options;
  options.chunk_bytes = 7;  // many chunk boundaries, inside quotes, CRLF pairs and UTF-8 sequences
  options.max_cell_bytes = 4096;
  const evident::io::CsvValidation result = evident::io::validate_csv("fuzz.csv", input, fuzz_schema(), options);
  // Every diagnostic but the empty file's carries a position.
  for (const evident::Diagnostic& diagnostic : result.diagnostics) {
    if (diagnostic.position.line == 0 && diagnostic.code != "csv.empty" && diagnostic.code != "csv.too_many_errors") {
      __builtin_trap();
    }
  }
  evident::fuzz::require_inside(result.diagnostics, text, evident::fuzz::LineEnds::csv);
  return 0;
}
