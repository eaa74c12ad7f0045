#pragma once
// The metrics of an evidence file read straight from the fast path's tree (io/json/tree_parse): a
// large run holds ten thousand metrics and a million samples, and building its nlohmann value only
// for core's metrics_of to read it again was most of the time a gate spent on it. The fast path
// only: for a tree that io::parse_tree made and the evidence schema holds; nothing where the tree is not as
// metrics_of reads it (a name that is not a string), and the caller reads the file's value with
// metrics_of instead. tests/io/json/metrics_in_place_test.cc holds the two readers together on
// every evidence file of the project, every number bit for bit.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/gate.h"
#include "io/json/json_node.h"

namespace simdjson::dom {
class element;
}  // namespace simdjson::dom

namespace evident::io {

// core's metric_count() read in place from simdjson's DOM (io::parse_checked): the metrics of every
// benchmark, where the document has a suite with a name and an array of benchmarks (the runs that
// the gates read); 0 for any other element.
std::size_t metric_count_in_place(const simdjson::dom::element& document);

// core's metrics_of(value of root, source). The samples are taken out of the tree, not copied.
std::optional<std::vector<MetricSeries>> metrics_in_place(JsonNode& root, const std::string& source);

}  // namespace evident::io
