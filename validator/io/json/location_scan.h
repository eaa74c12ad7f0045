#pragma once
// Where each value of a valid JSON text is, found by one pass over the text that only skips tokens:
// the positions of a document the fast path parsed (quick_parse), wanted only once something is to be
// reported about it. It records what the locating parser (json_document) records, offset for offset;
// tests/io/json/location_scan_test.cc holds the two together on every file of the project.
#include <string_view>

#include "io/json/json_document.h"

namespace evident::io {

// The locations in text, which must be JSON that the fast path accepted (no byte order mark).
ValueLocations scan_locations(std::string_view text);

}  // namespace evident::io
