#pragma once
// The fast path of reading numbers out of JSON (`gate`, `baseline`, `rolling`, `check` with a gate
// or a listing): simdjson's On Demand parser reads the text once into a compact tree
// (io/json/json_node), with the checks of the locating parser (json_document) made on the way:
// duplicate keys, nesting, string length, numbers that fit, nothing after the value. An array of
// numbers becomes one list of doubles that the readers of metrics and baselines copy whole, so no
// tape of the text is written and read back: for a file of a million samples, a third less time
// than simdjson's DOM (io/json/quick_parse) and its walks. For many small files the DOM is the faster
// (its second stage is compiled for the CPU at hand; On Demand's, in Debian's build, for any x86-64),
// so the commands that read no numbers keep it. Any doubt ends the fast path, as for the DOM:
// tests/io/json/quick_parse_test.cc holds the tree, the DOM and the locating parser together on
// every file of the project, values and number types included.
#include <cstddef>
#include <optional>

#include <nlohmann/json.hpp>

#include "io/files/file_text.h"
#include "io/json/json_document.h"
#include "io/json/json_node.h"

namespace evident::io {

// The text read by this thread's On Demand parser, when it passes every check of the locating
// parser; nothing otherwise. The tree's strings are valid until this thread parses again.
// simdjson reads up to 64 bytes past the end of a text: a text that leaves them (FileText::padded)
// is parsed where it is, any other is copied first.
std::optional<JsonTree> parse_tree(const FileText& text, const JsonLimits& limits);

// The value the locating parser builds for a tree that parse_tree made.
nlohmann::json value_of(const JsonNode& node);
// The value of one of an array's numbers.
nlohmann::json number_value(const JsonNode::Numbers& numbers, std::size_t index);

}  // namespace evident::io
