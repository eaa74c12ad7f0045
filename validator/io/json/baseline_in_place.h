#pragma once
// A baseline read straight from the fast path's tree: a large one holds ten thousand entries and a
// million samples, and building its nlohmann value only for baseline_from_json to read it again was
// most of the time a gate spends on it. The fast path only: for a tree that io::parse_tree made
// and the baseline schema holds, a baseline only where baseline_from_json would report nothing; nothing
// otherwise, and the caller reads the file's value with baseline_from_json, which explains.
// tests/io/json/metrics_in_place_test.cc holds the two readers together on every baseline of the
// project, every number bit for bit.
#include <optional>

#include "core/gate_files.h"
#include "io/json/json_node.h"

namespace evident::io {

// The samples are taken out of the tree, not copied.
std::optional<Baseline> baseline_in_place(JsonNode& root);

}  // namespace evident::io
