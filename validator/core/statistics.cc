#include "core/statistics.h"

#include <algorithm>
#include <array>
#include <bit>
#include <boost/math/distributions/students_t.hpp>
#include <boost/math/statistics/univariate_statistics.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <span>
#include <utility>
#include <vector>

#include "core/compensated_sum.h"

namespace evident {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Mean and sample standard deviation, computed so that they stay exact where exactness is possible
// and lose no digits to a mean that is large against the spread (docs/statistics.md, "Accuracy").
struct Moments {
  double mean = kNaN;
  double stdev = kNaN;  // NaN for n < 2
};

Moments moments(std::span<const double> samples) {
  Moments result;
  if (samples.empty()) return result;
  const double first = samples.front();
  if (std::all_of(samples.begin(), samples.end(), [first](double value) { return value == first; })) {
    // Equal samples: the mean is that value bit for bit (a -0 becomes +0), the spread exactly 0.
    result.mean = first + 0.0;
    if (samples.size() >= 2) result.stdev = 0.0;
    return result;
  }
  const double n = static_cast<double>(samples.size());
  // Pass 1: a provisional mean, shifted by the first sample so that a large common offset does not
  // swallow the deviations, summed with compensation.
  CompensatedSum shifted;
  for (const double value : samples) shifted.add(value - first);
  const double provisional = first + shifted.value() / n;
  // Pass 2: deviations from the provisional mean. Their sum corrects the mean; the corrected
  // two-pass formula sum(d^2) - (sum d)^2 / n removes what the provisional mean got wrong.
  CompensatedSum deviations;
  CompensatedSum squares;
  for (const double value : samples) {
    const double deviation = value - provisional;
    deviations.add(deviation);
    squares.add(deviation * deviation);
  }
  const double correction = deviations.value();
  result.mean = provisional + correction / n;
  if (samples.size() >= 2) {
    const double sum_of_squares = std::max(0.0, squares.value() - correction * correction / n);
    result.stdev = std::sqrt(sum_of_squares / (n - 1.0));
  }
  return result;
}

// mean -+ t * stdev / sqrt(n) for moments of `count` >= 2 samples and 0 < level < 1.
// The two-sided quantile of Student's t for count samples. A gate of ten thousand metrics asks for
// the same few again and again, and each costs an incomplete beta function: they are kept.
double two_sided_t(std::size_t count, double level) {
  thread_local std::map<std::pair<std::size_t, double>, double> known;
  const auto found = known.find({count, level});
  if (found != known.end()) return found->second;
  const boost::math::students_t distribution(static_cast<double>(count) - 1.0);
  const double t = boost::math::quantile(boost::math::complement(distribution, (1.0 - level) / 2.0));
  known.emplace(std::make_pair(count, level), t);
  return t;
}

std::pair<double, double> student_t_interval(const Moments& stable, std::size_t count, double level) {
  const double n = static_cast<double>(count);
  const double t = two_sided_t(count, level);
  const double half_width = t * stable.stdev / std::sqrt(n);
  return {stable.mean - half_width, stable.mean + half_width};
}

}  // namespace

Summary summarise(std::span<const double> samples) {
  Summary summary;
  summary.n = samples.size();
  if (samples.empty()) {
    summary.mean = summary.stdev = summary.median = summary.min = summary.max = kNaN;
    return summary;
  }
  const Moments stable = moments(samples);
  summary.mean = stable.mean;
  summary.stdev = stable.stdev;
  summary.median = median(samples);
  const auto [min, max] = std::minmax_element(samples.begin(), samples.end());
  summary.min = *min;
  summary.max = *max;
  // Equal samples have a CV of exactly 0 whatever their mean (0 and negative included); with spread,
  // a CV relative to a mean at or below zero means nothing.
  const bool spread = summary.min != summary.max;
  if (summary.n >= 2 && !spread) summary.cv_percent = 0.0;
  if (summary.n >= 2 && spread && summary.mean > 0) summary.cv_percent = summary.stdev / summary.mean * 100.0;
  if (summary.n >= 2) summary.ci95 = student_t_interval(stable, summary.n, 0.95);
  return summary;
}

double quantile(std::vector<double> values, double p) {
  if (values.empty() || !(p >= 0.0 && p <= 1.0)) return kNaN;
  std::sort(values.begin(), values.end());
  const double h = static_cast<double>(values.size() - 1) * p;
  const double below = std::floor(h);
  const auto index = static_cast<std::size_t>(below);
  if (index + 1 >= values.size()) return values.back();
  return values[index] + (h - below) * (values[index + 1] - values[index]);
}

double median(std::span<const double> samples) {
  if (samples.empty()) return kNaN;
  // Boost's median reorders its input, so it works on a copy.
  std::vector<double> copy(samples.begin(), samples.end());
  return boost::math::statistics::median(copy.begin(), copy.end());
}

double median_of_sorted(std::span<const double> sorted) {
  if (sorted.empty()) return kNaN;
  const std::size_t middle = sorted.size() / 2;
  // As Boost's median: the two middle values added, then halved.
  return sorted.size() % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

namespace {

// A double's bits as an unsigned integer in the order of the numbers (NaN aside): the sign bit set
// for the positive, all bits flipped for the negative.
std::uint64_t order_key(double value) {
  const auto bits = std::bit_cast<std::uint64_t>(value);
  constexpr std::uint64_t sign = std::uint64_t{1} << 63;
  return (bits & sign) != 0 ? ~bits : bits | sign;
}

double from_order_key(std::uint64_t key) {
  constexpr std::uint64_t sign = std::uint64_t{1} << 63;
  return std::bit_cast<double>((key & sign) != 0 ? key & ~sign : ~key);
}

// Sorts keys spread over [low, high] into out by buckets of their high bits, twice as many buckets
// as keys, then by insertion: a key moves only past the few of its own bucket, and the branches are
// mostly foreseen. False, leaving out unsorted, where a bucket holds more than a few keys (samples
// crowded by an outlier far away), which would make the insertion quadratic.
bool sort_by_buckets(std::span<const std::uint64_t> keys, std::uint64_t low, std::uint64_t high,
                     std::span<std::uint64_t> out) {
  constexpr std::size_t most_in_bucket = 8;
  const std::size_t bucket_bits = std::bit_width(keys.size()) + 1;
  const std::size_t span_bits = std::bit_width(high - low);
  const std::size_t shift = span_bits > bucket_bits ? span_bits - bucket_bits : 0;
  thread_local std::vector<std::uint32_t> starts;
  starts.assign((std::size_t{1} << bucket_bits) + 1, 0);
  for (const std::uint64_t key : keys) ++starts[((key - low) >> shift) + 1];
  std::uint32_t total = 0;  // slot b counted bucket b - 1 and becomes the start of bucket b
  for (std::uint32_t& slot : starts) {
    if (slot > most_in_bucket) return false;
    total += slot;
    slot = total;
  }
  for (const std::uint64_t key : keys) out[starts[(key - low) >> shift]++] = key;
  for (std::size_t i = 1; i < out.size(); ++i) {
    const std::uint64_t key = out[i];
    std::size_t at = i;
    for (; at > 0 && out[at - 1] > key; --at) out[at] = out[at - 1];
    out[at] = key;
  }
  return true;
}

// Sorts keys by their bytes, least significant first, into one of keys and spare; returns which.
// A byte that all keys share moves nothing.
std::span<std::uint64_t> radix_sort(std::span<std::uint64_t> keys, std::span<std::uint64_t> spare) {
  constexpr std::size_t bytes = 8;
  std::array<std::array<std::uint32_t, 256>, bytes> counts{};
  for (const std::uint64_t key : keys) {
    for (std::size_t byte = 0; byte < bytes; ++byte) ++counts[byte][(key >> (8 * byte)) & 0xFF];
  }
  std::uint64_t* from = keys.data();
  std::uint64_t* to = spare.data();
  const std::size_t count = keys.size();
  for (std::size_t byte = 0; byte < bytes; ++byte) {
    std::array<std::uint32_t, 256>& bucket = counts[byte];
    const std::size_t shift = 8 * byte;
    if (bucket[(from[0] >> shift) & 0xFF] == count) continue;
    std::uint32_t start = 0;
    for (std::uint32_t& slot : bucket) start += std::exchange(slot, start);
    for (std::size_t i = 0; i < count; ++i) to[bucket[(from[i] >> shift) & 0xFF]++] = from[i];
    std::swap(from, to);
  }
  return {from, count};
}

}  // namespace

void sort_samples(std::vector<double>& values) {
  constexpr std::size_t fewest_for_keys = 16;     // below this std::sort's insertion sort is as fast
  constexpr std::size_t most_for_buckets = 1024;  // beyond this the buckets outgrow the caches
  const std::size_t count = values.size();
  if (count < fewest_for_keys || count > std::numeric_limits<std::uint32_t>::max()) {
    std::sort(values.begin(), values.end());
    return;
  }
  thread_local std::vector<std::uint64_t> keys, spare;
  keys.resize(count);
  spare.resize(count);
  bool plain = true;  // no zero and no NaN
  std::uint64_t low = std::numeric_limits<std::uint64_t>::max();
  std::uint64_t high = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const double value = values[i];
    plain = plain && value != 0 && !std::isnan(value);
    keys[i] = order_key(value);
    low = std::min(low, keys[i]);
    high = std::max(high, keys[i]);
  }
  if (!plain) {
    std::sort(values.begin(), values.end());
    return;
  }
  std::span<const std::uint64_t> sorted = spare;
  if (count > most_for_buckets || !sort_by_buckets(keys, low, high, spare)) sorted = radix_sort(keys, spare);
  for (std::size_t i = 0; i < count; ++i) values[i] = from_order_key(sorted[i]);
}

double median_absolute_deviation(std::span<const double> samples) {
  if (samples.empty()) return kNaN;
  const double centre = median(samples);
  std::vector<double> deviations;
  deviations.reserve(samples.size());
  for (const double value : samples) deviations.push_back(std::abs(value - centre));
  return median(deviations);
}

std::optional<std::pair<double, double>> mean_confidence_interval(std::span<const double> samples, double level) {
  if (samples.size() < 2 || !(level > 0.0 && level < 1.0)) return std::nullopt;
  return student_t_interval(moments(samples), samples.size(), level);
}

}  // namespace evident
