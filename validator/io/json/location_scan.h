#pragma once
// Where each value of a valid JSON text is, found by one pass over the text that only skips tokens:
// the positions of a document the fast path parsed (quick_parse), wanted only once something is to be
// reported about it. It records what the locating parser (json_document) records, offset for offset;
// tests/io/json/location_scan_test.cc holds the two together on every file of the project.
#include <set>
#include <string>
#include <string_view>

#include "io/json/json_document.h"

namespace evident::io {

// The locations in text, which must be JSON that the fast path accepted (no byte order mark).
ValueLocations scan_locations(std::string_view text);

// The locations in text (as above) of only the values that pointers name and the values that hold
// them: every location that ValueLocations::find, and a fallback to the nearest parent, reads for
// those pointers, and the same there as scan_locations(text) finds. What lies elsewhere is skipped,
// so placing a few findings in a large file records no position of its other values.
ValueLocations scan_locations(std::string_view text, const std::set<std::string>& pointers);

}  // namespace evident::io
