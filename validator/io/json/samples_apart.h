#pragma once
// A value read from simdjson's DOM with its samples apart. The samples are most of an evidence file
// (a million numbers in a large one), and as nlohmann values they cost 16 bytes, an allocation's
// share and a free each. Read apart, they go straight from the DOM into the vectors the gate
// compares, and the reader of the file's kind (metrics_of) reads the rest of the value as it always
// does: each samples array stands in the value as a one-element array holding its index in the list
// apart, which put_samples_back() replaces by the samples themselves. (A baseline is read from the
// DOM whole: io/json/baseline_in_place.)
// tests/io/json/samples_apart_test.cc holds the result to the readers of the whole value on every
// JSON fixture of the project.
#include <cstddef>
#include <span>
#include <stdexcept>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace simdjson::dom {
class element;
}  // namespace simdjson::dom

namespace evident::io {

struct SamplesApart {
  nlohmann::json value;                      // io::value_of, each samples array as [its index]
  std::vector<std::vector<double>> samples;  // the samples arrays, in the order of the text
};

// Where a kind keeps its samples: the member names from the root to the samples array, "*" for any
// element of an array or member of an object.
inline constexpr std::string_view evidence_samples_path[] = {"benchmarks", "*", "metrics", "*", "samples"};

// The value of a DOM that io::parse_checked accepted, with the samples at path apart. Only a
// non-empty array of numbers is set apart; any other value at path stays in the value as it is.
// The DOM must still be valid: read it on the thread that parsed it, before that thread parses again.
SamplesApart samples_apart(const simdjson::dom::element& root, std::span<const std::string_view> path);

// Gives each item (a MetricSeries, or anything else with a vector of samples) read from
// SamplesApart::value the samples its one-element array stands for, moved out of samples. Items
// whose samples are empty keep them empty.
template <typename Item>
void put_samples_back(std::vector<Item>& items, std::vector<std::vector<double>>& samples) {
  for (Item& item : items) {
    if (item.samples.empty()) continue;
    const double index = item.samples.front();
    if (item.samples.size() != 1 || !(index >= 0) || index >= static_cast<double>(samples.size())) {
      throw std::logic_error("a samples array was not stood in for by its index");
    }
    item.samples = std::move(samples[static_cast<std::size_t>(index)]);
  }
}

}  // namespace evident::io
