#pragma once
// The kinds of file evident knows, each identified by its "schema_version" and checked against a
// schema compiled into the binary.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "io/schema/schema_validator.h"

namespace evident::io {

struct DocumentKind {
  std::string_view schema_version;  // e.g. "evident/evidence/1"
  std::string_view name;            // e.g. "evidence"
  std::string_view schema_file;     // under schemas/
};

std::span<const DocumentKind> known_kinds();
const DocumentKind* find_kind(std::string_view schema_version);
std::vector<std::string> known_versions();

// The embedded schema file of that name, parsed; nothing when there is none.
std::optional<nlohmann::json> embedded_schema(std::string_view file_name);

// The compiled schema for a kind. Compiled once per process, on first use, from any thread.
const CompiledSchema& schema_for(const DocumentKind& kind);

}  // namespace evident::io
