#pragma once
// A baseline read straight from simdjson's DOM: a large one holds ten thousand entries and a million
// samples, and building its nlohmann value only for baseline_from_json to read it again was most of
// the time a gate spends on it. The fast path only: for a DOM that io::parse_checked accepted and
// the baseline schema holds, a baseline only where baseline_from_json would report nothing; nothing
// otherwise, and the caller reads the file's value with baseline_from_json, which explains.
// tests/io/json/metrics_in_place_test.cc holds the two readers together on every baseline of the
// project, every number bit for bit.
#include <optional>

#include "core/gate_files.h"

namespace simdjson::dom {
class element;
}  // namespace simdjson::dom

namespace evident::io {

std::optional<Baseline> baseline_in_place(const simdjson::dom::element& root);

}  // namespace evident::io
