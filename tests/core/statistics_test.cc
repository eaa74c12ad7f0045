#include "core/statistics.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <vector>

namespace evident {
namespace {

std::vector<double> pooled_three_runs() {
  // Three runs of ten samples each: 10 x {10}, 10 x {20}, 10 x {30}.
  std::vector<double> samples;
  for (const double value : {10.0, 20.0, 30.0}) samples.insert(samples.end(), 10, value);
  return samples;
}

std::vector<double> one_to(int last) {
  std::vector<double> values(static_cast<std::size_t>(last));
  std::iota(values.begin(), values.end(), 1.0);
  return values;
}

TEST(StatisticsSummarise, PooledRunsGiveKnownMeanStdevAndCv) {
  // Sum of squared deviations 10 * (10^2 + 0 + 10^2) = 2000; variance 2000 / 29 = 68.9655;
  // stdev 8.304548; CV 8.304548 / 20 * 100 = 41.52274%.
  const Summary summary = summarise(pooled_three_runs());
  EXPECT_EQ(summary.n, 30U);
  EXPECT_DOUBLE_EQ(summary.mean, 20.0);
  EXPECT_NEAR(summary.stdev, 8.304548, 1e-6);
  ASSERT_TRUE(summary.cv_percent.has_value());
  EXPECT_NEAR(*summary.cv_percent, 41.52274, 1e-5);
  EXPECT_DOUBLE_EQ(summary.median, 20.0);
  EXPECT_DOUBLE_EQ(summary.min, 10.0);
  EXPECT_DOUBLE_EQ(summary.max, 30.0);
  // t(0.975, 29) = 2.045230; half width 2.045230 * 8.304548 / sqrt(30) = 3.100969.
  ASSERT_TRUE(summary.ci95.has_value());
  EXPECT_NEAR(summary.ci95->first, 20.0 - 3.100969, 1e-5);
  EXPECT_NEAR(summary.ci95->second, 20.0 + 3.100969, 1e-5);
}

TEST(StatisticsSummarise, EmptySampleIsNaNAndNothing) {
  const Summary summary = summarise({});
  EXPECT_EQ(summary.n, 0U);
  EXPECT_TRUE(std::isnan(summary.mean));
  EXPECT_TRUE(std::isnan(summary.stdev));
  EXPECT_TRUE(std::isnan(summary.median));
  EXPECT_TRUE(std::isnan(summary.min));
  EXPECT_TRUE(std::isnan(summary.max));
  EXPECT_FALSE(summary.cv_percent.has_value());
  EXPECT_FALSE(summary.ci95.has_value());
}

TEST(StatisticsSummarise, SingleSampleHasNoSpread) {
  const std::vector<double> samples = {7.0};
  const Summary summary = summarise(samples);
  EXPECT_EQ(summary.n, 1U);
  EXPECT_DOUBLE_EQ(summary.mean, 7.0);
  EXPECT_DOUBLE_EQ(summary.median, 7.0);
  EXPECT_TRUE(std::isnan(summary.stdev));
  EXPECT_FALSE(summary.cv_percent.has_value());
  EXPECT_FALSE(summary.ci95.has_value());
}

TEST(StatisticsSummarise, CvUndefinedWhenMeanNotPositive) {
  const std::vector<double> around_zero = {-1.0, 1.0};
  EXPECT_FALSE(summarise(around_zero).cv_percent.has_value());
  const std::vector<double> negative = {-3.0, -1.0};
  EXPECT_FALSE(summarise(negative).cv_percent.has_value());
  const std::vector<double> positive = {1.0, 3.0};  // stdev sqrt(2), mean 2
  ASSERT_TRUE(summarise(positive).cv_percent.has_value());
  EXPECT_NEAR(*summarise(positive).cv_percent, 70.710678, 1e-6);
}

TEST(StatisticsSummarise, ZeroSpreadGivesZeroCvAndPointInterval) {
  const std::vector<double> samples = {5.0, 5.0, 5.0};
  const Summary summary = summarise(samples);
  EXPECT_DOUBLE_EQ(summary.stdev, 0.0);
  EXPECT_EQ(summary.cv_percent, 0.0);
  ASSERT_TRUE(summary.ci95.has_value());
  EXPECT_DOUBLE_EQ(summary.ci95->first, 5.0);
  EXPECT_DOUBLE_EQ(summary.ci95->second, 5.0);
}

TEST(StatisticsSummarise, ZeroSpreadIsAZeroCvWhateverTheMean) {
  const std::vector<double> zeros = {0.0, 0.0, 0.0};
  EXPECT_EQ(summarise(zeros).cv_percent, 0.0);
  EXPECT_DOUBLE_EQ(summarise(zeros).stdev, 0.0);
  const std::vector<double> negative = {-2.0, -2.0};
  EXPECT_EQ(summarise(negative).cv_percent, 0.0);
  const std::vector<double> tenths = {0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1};
  EXPECT_EQ(summarise(tenths).cv_percent, 0.0);
}

TEST(StatisticsMedian, AveragesTwoMiddleValuesForEvenCount) {
  const std::vector<double> even = {4.0, 1.0, 3.0, 2.0};
  EXPECT_DOUBLE_EQ(median(even), 2.5);
  const std::vector<double> odd = {9.0, 1.0, 5.0};
  EXPECT_DOUBLE_EQ(median(odd), 5.0);
  EXPECT_TRUE(std::isnan(median({})));
}

TEST(StatisticsMedian, LeavesInputUntouched) {
  const std::vector<double> samples = {3.0, 1.0, 2.0};
  EXPECT_DOUBLE_EQ(median(samples), 2.0);
  EXPECT_EQ(samples, (std::vector<double>{3.0, 1.0, 2.0}));
}

TEST(StatisticsQuantile, InterpolatesLinearlyBetweenClosestRanks) {
  // Type 7: h = 99 * 0.95 = 94.05 -> x[94] + 0.05 * (x[95] - x[94]) = 95 + 0.05.
  EXPECT_NEAR(quantile(one_to(100), 0.95), 95.05, 1e-12);
  EXPECT_NEAR(quantile(one_to(100), 0.5), 50.5, 1e-12);
  // numpy.percentile([1, 2, 3, 4], 25) == 1.75; unsorted input is sorted first.
  EXPECT_NEAR(quantile({4.0, 2.0, 1.0, 3.0}, 0.25), 1.75, 1e-12);
  EXPECT_NEAR(quantile({10.0, 20.0}, 0.9), 19.0, 1e-12);
}

TEST(StatisticsQuantile, EndsAreMinAndMax) {
  EXPECT_DOUBLE_EQ(quantile({3.0, 1.0, 2.0}, 0.0), 1.0);
  EXPECT_DOUBLE_EQ(quantile({3.0, 1.0, 2.0}, 1.0), 3.0);
  EXPECT_DOUBLE_EQ(quantile({7.0}, 0.95), 7.0);
}

TEST(StatisticsQuantile, NaNForNoValuesOrProbabilityOutOfRange) {
  EXPECT_TRUE(std::isnan(quantile({}, 0.5)));
  EXPECT_TRUE(std::isnan(quantile({1.0}, -0.1)));
  EXPECT_TRUE(std::isnan(quantile({1.0}, 1.1)));
  EXPECT_TRUE(std::isnan(quantile({1.0}, std::nan(""))));
}

TEST(StatisticsMedianAbsoluteDeviation, KnownValues) {
  // median 2; |deviations| 1 1 0 0 2 4 7 -> sorted 0 0 1 1 2 4 7 -> 1.
  const std::vector<double> samples = {1.0, 1.0, 2.0, 2.0, 4.0, 6.0, 9.0};
  EXPECT_DOUBLE_EQ(median_absolute_deviation(samples), 1.0);
  // median 2.5; |deviations| 1.5 0.5 0.5 1.5 -> 1.
  const std::vector<double> even = {1.0, 2.0, 3.0, 4.0};
  EXPECT_DOUBLE_EQ(median_absolute_deviation(even), 1.0);
  const std::vector<double> constant = {3.0, 3.0, 3.0};
  EXPECT_DOUBLE_EQ(median_absolute_deviation(constant), 0.0);
  EXPECT_TRUE(std::isnan(median_absolute_deviation({})));
}

TEST(StatisticsConfidenceInterval, MatchesStudentsTTable) {
  // {1..5}: mean 3, s = sqrt(2.5) = 1.5811388, s / sqrt(5) = 0.7071068; t(0.975, 4) = 2.776445.
  // Half width 2.776445 * 0.7071068 = 1.963243.
  const std::vector<double> samples = one_to(5);
  const auto interval = mean_confidence_interval(samples, 0.95);
  ASSERT_TRUE(interval.has_value());
  EXPECT_NEAR(interval->first, 1.036757, 1e-6);
  EXPECT_NEAR(interval->second, 4.963243, 1e-6);
  // t(0.995, 4) = 4.604095; half width 3.255586.
  const auto wider = mean_confidence_interval(samples, 0.99);
  ASSERT_TRUE(wider.has_value());
  EXPECT_NEAR(wider->first, 3.0 - 3.255586, 1e-6);
  EXPECT_NEAR(wider->second, 3.0 + 3.255586, 1e-6);
}

TEST(StatisticsConfidenceInterval, NothingForTooFewSamplesOrBadLevel) {
  const std::vector<double> one = {1.0};
  EXPECT_FALSE(mean_confidence_interval(one, 0.95).has_value());
  EXPECT_FALSE(mean_confidence_interval({}, 0.95).has_value());
  const std::vector<double> two = {1.0, 2.0};
  EXPECT_FALSE(mean_confidence_interval(two, 0.0).has_value());
  EXPECT_FALSE(mean_confidence_interval(two, 1.0).has_value());
  // df = 1: t(0.975, 1) = 12.706205; mean 1.5, s / sqrt(2) = 0.5.
  const auto interval = mean_confidence_interval(two, 0.95);
  ASSERT_TRUE(interval.has_value());
  EXPECT_NEAR(interval->first, 1.5 - 6.3531024, 1e-6);
  EXPECT_NEAR(interval->second, 1.5 + 6.3531024, 1e-6);
}

}  // namespace
}  // namespace evident
