#pragma once
// Descriptive statistics over samples: values in, values out. Formulas in docs/statistics.md.
#include <cstddef>
#include <optional>
#include <span>
#include <utility>
#include <vector>

namespace evident {

// A sample summarised. A statistic that a sample this small cannot define is NaN (a double) or
// nothing (an optional): callers check `n` and say "insufficient data" rather than print either.
//   n = 0: mean, stdev, median, min, max are NaN; cv_percent and ci95 are nothing.
//   n = 1: stdev is NaN (the sample stdev divides by n - 1); cv_percent and ci95 are nothing.
// Mean and stdev come from a shifted, compensated two-pass computation (docs/statistics.md,
// "Accuracy"): equal samples give their value as the mean bit for bit and a stdev of exactly 0, and
// a mean large against the spread costs no digits of the stdev.
struct Summary {
  std::size_t n = 0;
  double mean = 0;
  double stdev = 0;  // sample standard deviation, divisor n - 1; exactly 0 for equal samples
  double median = 0;
  double min = 0;
  double max = 0;
  // stdev / mean * 100; exactly 0 for n >= 2 equal samples whatever their mean (0 and negative
  // included); nothing when the samples spread and the mean is <= 0 (undefined: say so), or n < 2.
  std::optional<double> cv_percent;
  // Two-sided 95% Student's t confidence interval of the mean (lower, upper); nothing when n < 2.
  std::optional<std::pair<double, double>> ci95;
};

Summary summarise(std::span<const double> samples);

// The p-quantile, 0 <= p <= 1, by linear interpolation between closest ranks (Hyndman & Fan
// type 7, R's default, numpy's "linear"): h = (n - 1) p, x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h])
// over the sorted values, 0-based. NaN for no values or p outside [0, 1].
double quantile(std::vector<double> values, double p);

// The middle value; the average of the two middle values for an even count. NaN for no values.
double median(std::span<const double> samples);
// The same for values sorted in ascending order: no copy.
double median_of_sorted(std::span<const double> sorted);

// Sorts values in ascending order: the same values in the same order as std::sort gives, faster for
// many of them (their bits put in buckets by their high bits, or a radix sort of them: few branches on
// a comparison). Where a zero or a NaN is among them, std::sort itself: it leaves -0 and 0 in an order
// of its own, which is kept.
void sort_samples(std::vector<double>& values);

// median(|x_i - median(x)|), unscaled (no 1.4826 factor). NaN for no values.
double median_absolute_deviation(std::span<const double> samples);

// mean -+ t(1 - (1 - level) / 2, n - 1) * stdev / sqrt(n), for 0 < level < 1, with the same mean
// and stdev as summarise().
// Nothing when n < 2 or level is outside (0, 1). Zero spread gives the interval [mean, mean].
std::optional<std::pair<double, double>> mean_confidence_interval(std::span<const double> samples, double level);

}  // namespace evident
