#pragma once
// Files compiled into the binary (schemas, templates), so evident works from any directory.
#include <span>
#include <string_view>

namespace evident::io {

struct EmbeddedFile {
  std::string_view name;  // path relative to its folder, e.g. "evidence.schema.json"
  std::string_view contents;
};

std::span<const EmbeddedFile> embedded_schemas();
std::span<const EmbeddedFile> embedded_templates();  // templates/*.mustache, by file name

}  // namespace evident::io
