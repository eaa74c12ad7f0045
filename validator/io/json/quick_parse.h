#pragma once
// The fast path of loading JSON: most files are valid, and a valid file needs no positions.
// simdjson's On Demand parser reads the text once into a compact tree (io/json/json_node), with
// the same checks as the locating parser (json_document): duplicate keys, nesting, string length,
// numbers that fit, nothing after the value; the nlohmann value is built from the tree where it is
// needed. Any doubt ends the fast path, and the caller reads the file again with the locating
// parser, which finds and explains the problem; so this parser never accepts a text the locating
// one rejects, and where both accept, the values are equal (tests/io/json/quick_parse_test.cc
// checks both on every fixture).
#include <optional>

#include <nlohmann/json.hpp>

#include "io/files/file_text.h"
#include "io/json/json_document.h"
#include "io/json/json_node.h"

namespace evident::io {

// The value of text, or nothing when the text has anything to report or the fast path cannot be sure.
// simdjson reads up to 64 bytes past the end of a text: a text that leaves them (FileText::padded:
// read_text_file's strings, mapped files) is parsed where it is, any other is copied first.
std::optional<nlohmann::json> parse_quickly(const FileText& text, const JsonLimits& limits);

// The text read by this thread's simdjson parser, when it passes every check of the locating
// parser; nothing otherwise. No nlohmann value is built; the tree's strings are valid until this
// thread parses again. Padded or copied as for parse_quickly.
std::optional<JsonNode> parse_checked(const FileText& text, const JsonLimits& limits);

// The value the locating parser builds for a tree that parse_checked made.
nlohmann::json value_of(const JsonNode& node);
// The value of one of an array's numbers.
nlohmann::json number_value(const JsonNode::Numbers& numbers, std::size_t index);

}  // namespace evident::io
