#pragma once
// JSON Schema (draft-07) validation through valijson, kept in one translation unit because
// valijson is slow to compile. Errors come back as raw violations with JSON pointers; turning them
// into diagnostics a person can act on is schema_diagnostics' job.
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace evident::io {

// Returns the document a `$ref` names (the URI without its fragment), or nothing when it cannot be
// had. evident never fetches from a network; fetchers read local files or embedded schemas.
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
  std::vector<SchemaViolation> validate(const nlohmann::json& document) const;

  const nlohmann::json& source() const;

 private:
  struct Impl;
  explicit CompiledSchema(std::shared_ptr<const Impl> impl);
  std::shared_ptr<const Impl> impl_;
};

}  // namespace evident::io
