#pragma once
// Loads JSON text fail-closed: duplicate keys, nesting, string length, numbers that do not fit,
// NaN/Infinity, invalid UTF-8 and truncation are all diagnostics, each with its line and column.
// Every value's position is kept, so later checks can point at the offending line.
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/diagnostic.h"
#include "io/source_text.h"

namespace evident::io {

struct JsonLimits {
  std::size_t max_depth = 128;           // nesting of arrays and objects
  std::size_t max_string_bytes = 65536;  // one string or key
};

// Where a value sits in the text: its first byte, and for object members the first byte of the key.
struct ValueLocation {
  std::size_t value_offset = 0;
  std::size_t key_offset = std::string::npos;
};

class JsonDocument {
 public:
  JsonDocument(std::string file, std::string text);

  const std::string& file() const { return file_; }
  const std::string& text() const { return *text_; }
  const nlohmann::json& value() const { return value_; }

  // A diagnostic located at the value (or, with at_key, at the member's key) a pointer names;
  // a pointer that was never seen falls back to its nearest recorded parent.
  Diagnostic diagnostic_at(std::string_view pointer, std::string code, std::string message, bool at_key = false) const;

 private:
  friend std::optional<JsonDocument> parse_json_document(std::string, std::string, const JsonLimits&,
                                                         std::vector<Diagnostic>&);
  std::string file_;
  std::unique_ptr<const std::string> text_;  // on the heap, so source_'s view survives moves
  SourceText source_;
  nlohmann::json value_;
  std::unordered_map<std::string, ValueLocation> locations_;
};

// Parses text. On any problem returns nothing and appends every diagnostic it found (all duplicate
// keys, all overflowing numbers, ...; a syntax error or the depth limit ends the scan).
std::optional<JsonDocument> parse_json_document(std::string file, std::string text, const JsonLimits& limits,
                                                std::vector<Diagnostic>& diagnostics);

}  // namespace evident::io
