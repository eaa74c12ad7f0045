#pragma once
// The fast path of schema validation: a draft-07 schema compiled into a check that answers only
// "certainly valid". It understands the keywords evident's own schemas use; a schema with any other
// keyword, or with a reference that is not a local pointer, gets no quick check. Where it is unsure
// (numbers beyond what a double holds exactly, a string with a NUL, a value valijson would compare
// by its own rules) it answers "not sure", and the caller asks valijson, which explains. So it never
// passes a document valijson rejects; tests/io/schema/quick_schema_check_test.cc holds it to
// valijson's verdict on every fixture and on the official JSON-Schema-Test-Suite.
#include <memory>
#include <optional>

#include <nlohmann/json.hpp>

#include "io/json/json_node.h"

namespace simdjson::dom {
class element;
}  // namespace simdjson::dom

namespace evident::io {

// JSON Schema (draft-06 on) counts a number with a zero fractional part, such as 1.0, as an integer,
// where nlohmann calls it a float: a float with no fraction that an int64 holds exactly, so nothing
// is ever rounded. schema_validator gives valijson such numbers as integers, and the quick check
// reads them the same way.
bool is_integral_float(const nlohmann::json& value);

class QuickSchemaCheck {
 public:
  // The check of a schema whose every "$ref" is a local pointer ("#/definitions/x"), as the
  // bundles of schema_validator are; nothing when the schema uses a keyword this check does not know.
  static std::optional<QuickSchemaCheck> compile(const nlohmann::json& schema);

  // True only when document is valid against the schema. Safe to call from several threads at once.
  bool certainly_valid(const nlohmann::json& document) const;
  // The same for a document read in place from simdjson's DOM, as io::parse_checked accepted it, or
  // from the tree io::parse_tree made: the same verdict as for its value (io::value_of), without
  // building that value.
  bool certainly_valid_in_place(const simdjson::dom::element& document) const;
  bool certainly_valid_in_place(const JsonNode& document) const;

  struct Program;

 private:
  explicit QuickSchemaCheck(std::shared_ptr<const Program> program);
  std::shared_ptr<const Program> program_;
};

}  // namespace evident::io
