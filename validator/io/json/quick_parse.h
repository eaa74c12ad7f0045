#pragma once
// The fast path of loading JSON: most files are valid, and a valid file needs no positions. simdjson
// parses the text, with the same checks as the locating parser (json_document): duplicate keys,
// nesting, string length, numbers that fit; the value is built from its DOM where it is needed.
// Any doubt ends the fast path, and the caller reads the file again with the locating parser, which
// finds and explains the problem; so this parser never accepts a text the locating one rejects, and
// where both accept, the values are equal (tests/io/json/quick_parse_test.cc checks both on every
// fixture).
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "io/files/file_text.h"
#include "io/json/json_document.h"

namespace simdjson::dom {
class element;
}  // namespace simdjson::dom

namespace evident::io {

// The value of text, or nothing when the text has anything to report or the fast path cannot be sure.
// simdjson reads up to 64 bytes past the end of a text: a text that leaves them (FileText::padded:
// read_text_file's strings, mapped files) is parsed where it is, any other is copied first.
std::optional<nlohmann::json> parse_quickly(const FileText& text, const JsonLimits& limits);

// The text parsed by this thread's simdjson parser, when it passes every check of the locating
// parser; nothing otherwise. No value is built: the DOM is valid until this thread parses again.
// Padded or copied as for parse_quickly.
std::optional<simdjson::dom::element> parse_checked(const FileText& text, const JsonLimits& limits);

// The value the locating parser builds for a DOM that parse_checked accepted.
nlohmann::json value_of(const simdjson::dom::element& element);

// A number of such a DOM as nlohmann's get<double>() reads it from that value (integers converted);
// nothing for any other element.
std::optional<double> number_in_place(const simdjson::dom::element& element);

}  // namespace evident::io
