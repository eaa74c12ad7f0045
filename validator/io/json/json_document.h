#pragma once
// Loads JSON text fail-closed: duplicate keys, nesting, string length, numbers that do not fit,
// NaN/Infinity, invalid UTF-8 and truncation are all diagnostics, each with its line and column.
// Every value's position can be had, so later checks can point at the offending line: a document
// that parsed on the fast path (quick_parse) finds its positions by a scan on first use, so a valid
// file that nothing is reported about never pays for them; a document judged on the fast path's tree alone
// (checked_json_document) builds even its value only on first use.
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/diagnostic.h"
#include "io/files/file_text.h"
#include "io/json/source_text.h"

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

// Where every value of a document is: by pointer, except the scalars in arrays, which are found by
// their index in their array's list (a million samples would otherwise cost a million strings).
struct ValueLocations {
  std::unordered_map<std::string, ValueLocation> values;
  std::unordered_map<std::string, std::vector<std::size_t>> array_elements;  // array pointer -> element offsets

  // The location of the value a pointer names; nothing for a pointer never seen.
  std::optional<ValueLocation> find(std::string_view pointer) const;
};

// A diagnostic located in text, whose lines and value locations are given, at the value (or, with
// at_key, at the member's key) a pointer names; a pointer that was never seen falls back to its
// nearest recorded parent.
Diagnostic diagnostic_in(const SourceText& source, const ValueLocations& locations, std::string file,
                         std::string_view pointer, std::string code, std::string message, bool at_key = false);

class JsonDocument {
 public:
  const std::string& file() const { return file_; }
  std::string_view text() const { return text_->view(); }
  // The text, shared: for a reader that keeps it beyond the document (io::FindingLocator).
  std::shared_ptr<const FileText> shared_text() const { return text_; }
  // Built on first use where the document was judged without it (checked_json_document).
  const nlohmann::json& value() const;

  // A diagnostic located at the value (or, with at_key, at the member's key) a pointer names;
  // a pointer that was never seen falls back to its nearest recorded parent.
  Diagnostic diagnostic_at(std::string_view pointer, std::string code, std::string message, bool at_key = false) const;

  // Whether the fast path parsed the text: then its positions are those that io/json/location_scan
  // finds in it, whoever scans it.
  bool parsed_quickly() const { return parsed_quickly_; }

  // The byte offset in text() where the value a pointer names starts; nothing for a pointer never seen.
  std::optional<std::size_t> value_offset(std::string_view pointer) const;

  // Where every value is (found on first use where the fast path parsed the text).
  const ValueLocations& locations() const { return positions().locations; }

  // The value a pointer names with every object's members in the order the text has them (value()
  // sorts them by key); nothing for a pointer that names no value.
  std::optional<nlohmann::ordered_json> ordered_value(std::string_view pointer) const;

 private:
  friend std::optional<JsonDocument> parse_json_document(std::string, FileText, const JsonLimits&,
                                                         std::vector<Diagnostic>&);
  friend std::optional<JsonDocument> parse_json_document_written_as(std::string, const std::string&, std::string,
                                                                    const JsonLimits&, std::vector<Diagnostic>&);
  friend JsonDocument checked_json_document(std::string, FileText, const JsonLimits&);
  struct Positions {
    std::once_flag found;
    std::optional<SourceText> source;
    ValueLocations locations;
  };
  struct Value {
    std::once_flag built;
    nlohmann::json json;
  };

  JsonDocument(std::string file, FileText text, const JsonLimits& limits);
  // The locating parser over parsed, which is text() or a text of the same length
  // (parse_json_document_written_as): the value, every position, and every problem.
  bool parse(std::string_view parsed, std::vector<Diagnostic>& diagnostics);
  // The fast path: the value alone, or false when the locating parser has to read the text.
  bool parse_quickly();
  // The positions, found by the locating parser on first use where the fast path parsed the text.
  const Positions& positions() const;
  nlohmann::ordered_json ordered(const nlohmann::json& value, const std::string& pointer) const;
  std::string file_;
  std::shared_ptr<const FileText> text_;  // on the heap, so the source's view survives moves
  JsonLimits limits_;
  std::unique_ptr<Value> value_;  // on the heap, as a once_flag cannot move
  bool parsed_quickly_ = false;
  std::unique_ptr<Positions> positions_;  // the same
};

// Parses text. On any problem returns nothing and appends every diagnostic it found (all duplicate
// keys, all overflowing numbers, ...; a syntax error or the depth limit ends the scan).
std::optional<JsonDocument> parse_json_document(std::string file, FileText text, const JsonLimits& limits,
                                                std::vector<Diagnostic>& diagnostics);

// A document whose text io::parse_checked (quick_parse.h) or io::parse_tree (tree_parse.h) accepted
// with these limits: its value and positions are found on first use.
JsonDocument checked_json_document(std::string file, FileText text, const JsonLimits& limits);

// Parses text, which is `written` (the file as it is) with some ASCII replaced by ASCII of the same
// length: an importer's string stand-ins for the bare NaN and Infinity that JSON does not allow.
// Offsets, lines and columns of the two agree, so every diagnostic, the document's excerpts and
// text() show the file as written, while the values are those of text. text and written must
// have the same length.
std::optional<JsonDocument> parse_json_document_written_as(std::string file, const std::string& text,
                                                           std::string written, const JsonLimits& limits,
                                                           std::vector<Diagnostic>& diagnostics);

}  // namespace evident::io
