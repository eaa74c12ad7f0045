#include "core/bencher_measures.h"

#include <algorithm>
#include <iterator>

namespace evident {
namespace {

constexpr BencherMeasure measures[] = {
    {"latency", "ns", "lower"},
    {"throughput", "ops/s", "higher"},
    {"file-size", "bytes", "lower"},
    {"build-time", "s", "lower"},
    {"instructions", "count", "lower"},
    {"cycles", "count", "lower"},
    {"estimated-cycles", "count", "lower"},
    {"l1-accesses", "count", "lower"},
    {"l2-accesses", "count", "lower"},
    {"ram-accesses", "count", "lower"},
    {"total-accesses", "count", "lower"},
};

}  // namespace

const BencherMeasure* bencher_measure(std::string_view slug) {
  const auto found = std::find_if(std::begin(measures), std::end(measures),
                                  [&](const BencherMeasure& measure) { return measure.slug == slug; });
  return found == std::end(measures) ? nullptr : &*found;
}

}  // namespace evident
