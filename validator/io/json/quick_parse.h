#pragma once
// The fast path of loading JSON: most files are valid, and a valid file needs no positions. simdjson
// parses the text and the value is built from its DOM, with the same checks as the locating parser
// (json_document): duplicate keys, nesting, string length, numbers that fit. Any doubt ends the fast
// path, and the caller reads the file again with the locating parser, which finds and explains the
// problem; so this parser never accepts a text the locating one rejects, and where both accept, the
// values are equal (tests/io/json/quick_parse_test.cc checks both on every fixture).
#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>

#include "io/json/json_document.h"

namespace evident::io {

// The value of text, or nothing when the text has anything to report or the fast path cannot be sure.
std::optional<nlohmann::json> parse_quickly(std::string_view text, const JsonLimits& limits);

}  // namespace evident::io
