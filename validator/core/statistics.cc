#include "core/statistics.h"

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <boost/math/statistics/univariate_statistics.hpp>
#include <cmath>
#include <limits>

namespace evident {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double sample_stdev(std::span<const double> samples) {
  if (samples.size() < 2) return kNaN;
  return std::sqrt(boost::math::statistics::sample_variance(samples.begin(), samples.end()));
}

}  // namespace

Summary summarise(std::span<const double> samples) {
  Summary summary;
  summary.n = samples.size();
  if (samples.empty()) {
    summary.mean = summary.stdev = summary.median = summary.min = summary.max = kNaN;
    return summary;
  }
  summary.mean = boost::math::statistics::mean(samples.begin(), samples.end());
  summary.stdev = sample_stdev(samples);
  summary.median = median(samples);
  const auto [min, max] = std::minmax_element(samples.begin(), samples.end());
  summary.min = *min;
  summary.max = *max;
  // A coefficient of variation relative to a mean at or below zero means nothing; no spread at all is
  // a CV of 0 whatever the mean.
  if (summary.n >= 2 && summary.stdev == 0) {
    summary.cv_percent = 0.0;
  } else if (summary.n >= 2 && summary.mean > 0) {
    summary.cv_percent = summary.stdev / summary.mean * 100.0;
  }
  summary.ci95 = mean_confidence_interval(samples, 0.95);
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
  const double n = static_cast<double>(samples.size());
  const double mean = boost::math::statistics::mean(samples.begin(), samples.end());
  const boost::math::students_t distribution(n - 1.0);
  const double t = boost::math::quantile(boost::math::complement(distribution, (1.0 - level) / 2.0));
  const double half_width = t * sample_stdev(samples) / std::sqrt(n);
  return std::pair{mean - half_width, mean + half_width};
}

}  // namespace evident
