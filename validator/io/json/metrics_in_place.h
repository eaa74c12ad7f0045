#pragma once
// The metrics of an evidence file read straight from simdjson's DOM: a large run holds ten thousand
// metrics and a million samples, and building its nlohmann value only for core's metrics_of to read
// it again was most of the time a gate spent on it. The fast path only: for a DOM that
// io::parse_checked accepted and the evidence schema holds; nothing where the DOM is not as
// metrics_of reads it (a name that is not a string), and the caller reads the file's value with
// metrics_of instead. tests/io/json/metrics_in_place_test.cc holds the two readers together on
// every evidence file of the project, every number bit for bit.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/gate.h"

namespace simdjson::dom {
class element;
}  // namespace simdjson::dom

namespace evident::io {

// core's metric_count() read in place: the metrics of every benchmark, where the document has a
// suite with a name and an array of benchmarks (the runs that the gates read); 0 for any other
// element.
std::size_t metric_count_in_place(const simdjson::dom::element& document);

// core's metrics_of(value of root, source).
std::optional<std::vector<MetricSeries>> metrics_in_place(const simdjson::dom::element& root,
                                                          const std::string& source);

}  // namespace evident::io
