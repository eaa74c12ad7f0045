#include "core/statistics.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <random>
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

// The bits of each value, so that -0 and 0 tell apart.
std::vector<std::uint64_t> bits_of(const std::vector<double>& values) {
  std::vector<std::uint64_t> bits;
  bits.reserve(values.size());
  for (const double value : values) bits.push_back(std::bit_cast<std::uint64_t>(value));
  return bits;
}

// sort_samples against std::sort, bit for bit: few and many values, both signs, every magnitude,
// repeats, subnormals and infinities, values that share their high bytes (as samples do), values
// crowded together by one far away (too many for a bucket of their high bits).
TEST(StatisticsSortSamples, SortsAsStdSortDoesBitForBit) {
  std::mt19937_64 random(7);
  std::uniform_real_distribution<double> close(1.0, 1.01);
  std::uniform_real_distribution<double> wide(-1e6, 1e6);
  std::uniform_int_distribution<std::uint64_t> any_bits;
  const double special[] = {std::numeric_limits<double>::infinity(),   -std::numeric_limits<double>::infinity(),
                            std::numeric_limits<double>::denorm_min(), -std::numeric_limits<double>::denorm_min(),
                            std::numeric_limits<double>::max(),        std::numeric_limits<double>::lowest()};
  const std::size_t counts[] = {0, 1, 2, 15, 16, 17, 63, 64, 65, 100, 1000, 1024, 1025, 5000};
  for (const std::size_t count : counts) {
    for (int kind = 0; kind < 5; ++kind) {
      std::vector<double> values;
      for (std::size_t i = 0; i < count; ++i) {
        double value = kind == 0 ? close(random) : wide(random);
        if (kind == 2) value = std::round(value / 1e5);  // many repeats
        if (kind == 3) {
          value = std::bit_cast<double>(any_bits(random));
          if (std::isnan(value) || value == 0) value = special[i % std::size(special)];
        }
        if (kind == 4) value = i == 0 ? 1e9 : close(random);
        if (value == 0) value = 1;  // zeros are the next test's
        values.push_back(value);
      }
      std::vector<double> expected = values;
      std::sort(expected.begin(), expected.end());
      sort_samples(values);
      EXPECT_EQ(bits_of(values), bits_of(expected)) << count << " values of kind " << kind;
    }
  }
}

// With a zero among them, std::sort orders them, whatever order it leaves -0 and 0 in.
TEST(StatisticsSortSamples, ZerosAreLeftToStdSort) {
  std::vector<double> values;
  values.reserve(100);
  for (int i = 0; i < 100; ++i) values.push_back(i % 3 == 0 ? (i % 2 == 0 ? 0.0 : -0.0) : 50.0 - i);
  std::vector<double> expected = values;
  std::sort(expected.begin(), expected.end());
  sort_samples(values);
  EXPECT_EQ(bits_of(values), bits_of(expected));
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
  const std::vector<double> negative_spread = {-3.0, -3.0, -2.0};
  EXPECT_FALSE(summarise(negative_spread).cv_percent.has_value());
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

// Reference values from `python3 tests/core/statistics_reference.py`: exact rational mean and
// variance (fractions.Fraction), square root with decimal at 50 digits, printed to 40. The script's
// --check form compares the same data sets with `evident rolling --format json` (a CTest).

// SplitMix64, as in the script: doubles (output >> 11) * 2^-53 in [0, 1), exact in both languages.
std::vector<double> uniform_doubles(std::size_t count, std::uint64_t seed) {
  std::vector<double> values;
  std::uint64_t state = seed;
  for (std::size_t i = 0; i < count; ++i) {
    state += 0x9E3779B97F4A7C15ULL;
    std::uint64_t z = state;
    z = (z ^ (z >> 30U)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27U)) * 0x94D049BB133111EBULL;
    z ^= z >> 31U;
    values.push_back(static_cast<double>(z >> 11U) * 0x1p-53);
  }
  return values;
}

constexpr std::uint64_t kReferenceSeed = 20261206;

double relative_error(double actual, double reference) { return std::abs(actual - reference) / std::abs(reference); }

void expect_reference(const std::vector<double>& samples, double mean, double stdev, double cv_percent,
                      double tolerance) {
  const Summary summary = summarise(samples);
  EXPECT_LE(relative_error(summary.mean, mean), tolerance) << summary.mean;
  EXPECT_LE(relative_error(summary.stdev, stdev), tolerance) << summary.stdev;
  ASSERT_TRUE(summary.cv_percent.has_value());
  EXPECT_LE(relative_error(*summary.cv_percent, cv_percent), tolerance) << *summary.cv_percent;
  // The confidence interval is centred on the same mean and built on the same stdev.
  ASSERT_TRUE(summary.ci95.has_value());
  EXPECT_DOUBLE_EQ((summary.ci95->first + summary.ci95->second) / 2, summary.mean);
  EXPECT_EQ(mean_confidence_interval(samples, 0.95), summary.ci95);
}

TEST(StatisticsAccuracy, WellConditionedAgreesWithReferenceTo1e12) {
  // 0.101, 0.102, 0.1, 0.0995, 0.1013, 0.1008, 0.0999, 0.1021
  const std::vector<double> samples = {0x1.9db22d0e56042p-4, 0x1.a1cac083126e9p-4, 0x1.999999999999ap-4,
                                       0x1.978d4fdf3b646p-4, 0x1.9eecbfb15b574p-4, 0x1.9ce075f6fd220p-4,
                                       0x1.9930be0ded289p-4, 0x1.a2339c0ebedfap-4};
  expect_reference(samples, 0.1008250000000000014266365866433261544444, 0.0009676923950453286519165968492850017949918,
                   0.9597742574216004346383398400437896415461, 1e-12);
}

TEST(StatisticsAccuracy, TwoValuesAgreeWithReferenceTo1e12) {
  const std::vector<double> samples = {0x1.999999999999ap-4, 0x1.3333333333333p-2};  // 0.1, 0.3
  expect_reference(samples, 0.1999999999999999972244424384371086489409, 0.1414213562373094931044754322926568624066,
                   70.71067811865474753354550282368777523226, 1e-12);
}

TEST(StatisticsAccuracy, LargeNAgreesWithReferenceTo1e12) {
  std::vector<double> samples;
  for (const double u : uniform_doubles(10000, kReferenceSeed + 3)) samples.push_back(100.0 + u * 16.0);
  EXPECT_EQ(samples.front(), 0x1.bfe840e8661e0p+6);  // the script's first and last value
  EXPECT_EQ(samples.back(), 0x1.b95791c0c0d6cp+6);
  expect_reference(samples, 107.9643940106085197939478348416741937399, 4.587673554717805655389934770544243365311,
                   4.249246797297841979092568956925587445992, 1e-12);
}

TEST(StatisticsAccuracy, MeanOf1e12WithSpread1e3AgreesWithReferenceTo1e6) {
  // |mean| / stdev = 3.4e15; Boost's one-pass variance was 10% off here.
  std::vector<double> samples;
  for (const double u : uniform_doubles(50, kReferenceSeed + 1)) samples.push_back(1e12 + u * 0x1p-10);
  EXPECT_EQ(samples.front(), 0x1.d1a94a2000002p+39);
  EXPECT_EQ(samples.back(), 0x1.d1a94a2000001p+39);
  expect_reference(samples, 1000000000000.0004345703125, 0.0002961074954909476048240849643291380391353,
                   2.961074954909474761445581152357524099084e-14, 1e-6);
}

TEST(StatisticsAccuracy, MeanOver1e15StdevsAgreesWithReferenceTo1e6) {
  // 3 + k * 2^-51 for k in 0..23: |mean| / stdev = 9.3e14.
  std::vector<double> samples;
  for (const double u : uniform_doubles(40, kReferenceSeed + 2)) {
    samples.push_back(3.0 + std::floor(u * 24.0) * 0x1p-51);
  }
  EXPECT_EQ(samples.front(), 0x1.8000000000003p+1);
  EXPECT_EQ(samples.back(), 0x1.8000000000005p+1);
  expect_reference(samples, 3.000000000000005484501741648273309692740, 3.237785273654325857657798339006898950405e-15,
                   1.079261757884773312814935841863531872595e-13, 1e-6);
}

TEST(StatisticsAccuracy, EqualSamplesAreExact) {
  const std::vector<double> fives(5, 123.456);
  const Summary summary = summarise(fives);
  EXPECT_EQ(summary.mean, 123.456);  // bit for bit, not 123.45599999999999
  EXPECT_EQ(summary.stdev, 0.0);
  EXPECT_EQ(summary.cv_percent, 0.0);
  EXPECT_EQ(summary.ci95, (std::pair{123.456, 123.456}));
}

TEST(StatisticsAccuracy, EqualZerosAndNegativesHaveZeroSpreadAndCv) {
  const Summary zeros = summarise(std::vector<double>(5, 0.0));
  EXPECT_EQ(zeros.mean, 0.0);
  EXPECT_FALSE(std::signbit(zeros.mean));
  EXPECT_EQ(zeros.stdev, 0.0);
  EXPECT_EQ(zeros.cv_percent, 0.0);
  const Summary negative_zeros = summarise(std::vector<double>(3, -0.0));
  EXPECT_FALSE(std::signbit(negative_zeros.mean));  // a zero mean is +0, never printed as -0
  const Summary negatives = summarise(std::vector<double>(4, -3.0));
  EXPECT_EQ(negatives.mean, -3.0);
  EXPECT_EQ(negatives.stdev, 0.0);
  EXPECT_EQ(negatives.cv_percent, 0.0);
  EXPECT_EQ(negatives.ci95, (std::pair{-3.0, -3.0}));
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

TEST(StatisticsMedian, OfSortedValuesIsTheMedianBitForBit) {
  const std::vector<double> even = {0.1, 0.2, 0.30000000000000004, 0.7};
  EXPECT_EQ(median_of_sorted(even), median(even));
  EXPECT_EQ(median_of_sorted(even), (0.2 + 0.30000000000000004) / 2);
  const std::vector<double> odd = {-1.5, 2.25, 1e300};
  EXPECT_EQ(median_of_sorted(odd), 2.25);
  EXPECT_EQ(median_of_sorted(std::vector<double>{7.0}), 7.0);
  EXPECT_TRUE(std::isnan(median_of_sorted({})));
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
