#pragma once
// Frictionless Table Schema (specs.frictionlessdata.io/table-schema): the descriptor of a CSV table,
// its reader with problems as diagnostics at JSON pointers into the descriptor, and the checks of
// one cell against its field. Pure: values in, values out.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/diagnostic.h"
#include "core/pattern_automaton.h"

namespace evident {

enum class FieldType { string, number, integer, boolean, date, datetime, duration };

std::string_view field_type_name(FieldType type);

struct FieldConstraints {
  bool required = false;
  bool unique = false;
  std::optional<double> minimum;  // number and integer: the value; date: days since 1970-01-01
  std::optional<double> maximum;
  std::string minimum_text;  // as the descriptor wrote them, for messages
  std::string maximum_text;
  std::optional<std::size_t> min_length;  // string: code points
  std::optional<std::size_t> max_length;
  std::string pattern;  // the whole value must match (implicitly anchored)
  std::shared_ptr<const std::regex> pattern_regex;
  std::optional<PatternAutomaton> pattern_automaton;  // the same, matched without std::regex where it can be
  std::vector<std::string> enum_texts;                // the allowed values as written (strings and numbers)
  std::vector<double> enum_numbers;                   // number and integer fields: the allowed values
  bool has_enum = false;
};

struct TableField {
  std::string name;
  FieldType type = FieldType::string;
  std::string format = "default";  // string: default, email, uri, uuid; others: default
  FieldConstraints constraints;
  std::vector<std::string> true_values{"true", "True", "TRUE", "1"};
  std::vector<std::string> false_values{"false", "False", "FALSE", "0"};
  // "evident:allowNonFinite": true lets a number field hold NaN, INF and -INF. Table Schema allows
  // them in every number field; evidence is stricter, since a reading that failed is not a number.
  bool allow_non_finite = false;
};

struct TableSchema {
  std::vector<TableField> fields;
  std::vector<std::string> missing_values{""};
  std::vector<std::size_t> primary_key;  // indices into fields

  std::vector<std::string> field_names() const;
};

// The schema a descriptor describes, or nothing. Every problem of the descriptor is appended with
// a "table_schema.*" code and the JSON pointer of the offending value (located later by the caller).
std::optional<TableSchema> read_table_schema(const nlohmann::json& descriptor, std::vector<Diagnostic>& problems);

// A descriptor looks like a Table Schema when it is an object with "fields" (and no
// "schema_version", which evident's own files carry).
bool looks_like_table_schema(const nlohmann::json& descriptor);

struct CellProblem {
  std::string code;     // "csv.type", "csv.minimum", ...
  std::string message;  // names the field and the value
};

// Whether a cell is one of the schema's missing values ("" by default). Inline: it is asked of every cell.
inline bool is_missing_value(const TableSchema& schema, std::string_view cell) {
  for (const std::string& missing : schema.missing_values) {
    if (missing == cell) return true;
  }
  return false;
}

// Every problem of one cell against its field (the type first: a value that is not of the type is
// not checked further). Uniqueness is the caller's: it needs the other rows.
std::vector<CellProblem> check_cell(const TableField& field, std::string_view cell, bool missing,
                                    bool in_primary_key = false);

// Whether check_cell would find no problem: the same checks, building no message. Most cells pass,
// so a caller asks this first and check_cell only of a cell that does not pass.
bool cell_passes(const TableField& field, std::string_view cell, bool missing, bool in_primary_key = false);

// Parsers of the Table Schema lexical forms, exposed for tests.
std::optional<double> parse_table_number(std::string_view text);  // "1.5", "-2e3"; no NaN/INF
std::optional<std::int64_t> parse_table_integer(std::string_view text);
std::optional<long> parse_table_date(std::string_view text);  // days since 1970-01-01
bool is_table_datetime(std::string_view text);                // 2026-11-20T10:15:00Z
bool is_table_duration(std::string_view text);                // P1Y2M3DT4H5M6.5S

}  // namespace evident
