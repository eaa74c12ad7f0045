#pragma once
// JSON Schema (draft-07) validation through valijson, kept in one translation unit because
// valijson is slow to compile. Errors come back as raw violations with JSON pointers; turning them
// into diagnostics a person can act on is schema_diagnostics' job.
//
// Where valijson 1.0 falls short of draft-07, this layer makes up for it: "$ref"s are resolved here
// (with "$id" setting the base URI, as valijson does only for draft-4 "id"), the draft-07
// meta-schema is built in, 1.0 counts as an integer, and a `false` subschema or a failed
// "propertyNames" always yields a violation. tests/io/schema/schema_suite_test.cc runs the official
// JSON-Schema-Test-Suite through it.
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "io/json/json_node.h"

namespace simdjson::dom {
class element;
}  // namespace simdjson::dom

namespace evident::io {

// Returns the document a `$ref` names (the URI without its fragment), or nothing when it cannot be
// had; it may also throw SchemaCompileError to say why. evident never fetches from a network;
// fetchers read local files or embedded schemas. The URI is the reference resolved against the
// base URI where it stands: relative (e.g. "sub/b.json") in a schema without an "$id", else
// absolute. When an absolute one cannot be had, the fetcher is asked again for the reference
// resolved against where its document was read from, so a schema with
// "$id": "https://example.com/a.json" still reaches "b.json" beside it. The draft-07 meta-schema
// (http://json-schema.org/draft-07/schema) is built in and never asked for.
using SchemaFetcher = std::function<std::optional<nlohmann::json>(const std::string& uri)>;

// A schema that valijson rejected, or a `$ref` that could not be resolved.
class SchemaCompileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct SchemaViolation {
  std::string pointer;      // RFC 6901 pointer into the validated document
  std::string description;  // valijson's text
};

class CompiledSchema {
 public:
  // Throws SchemaCompileError.
  static CompiledSchema compile(const nlohmann::json& schema, const SchemaFetcher& fetcher);

  // Every violation, in valijson's order (parents' wrapper messages included). Safe to call from
  // several threads at once. Throws SchemaCompileError for a pattern std::regex cannot compile.
  // A document the schema's quick check (quick_schema_check) finds certainly valid has none, and
  // valijson is not asked.
  std::vector<SchemaViolation> validate(const nlohmann::json& document) const;

  // validate() without the quick check: valijson alone (for the tests that hold the two together).
  std::vector<SchemaViolation> explain(const nlohmann::json& document) const;

  // Whether the schema has a quick check: its keywords and references are all ones it knows.
  bool has_quick_check() const;

  // Whether the quick check finds document certainly valid (false without a quick check).
  bool quickly_valid(const nlohmann::json& document) const;
  // The same for a document read in place from simdjson's DOM (io::parse_checked) or from the tree
  // of io::parse_tree.
  bool quickly_valid_in_place(const simdjson::dom::element& document) const;
  bool quickly_valid_in_place(const JsonNode& document) const;

  const nlohmann::json& source() const;

 private:
  struct Impl;
  explicit CompiledSchema(std::shared_ptr<const Impl> impl);
  std::shared_ptr<const Impl> impl_;
};

}  // namespace evident::io
