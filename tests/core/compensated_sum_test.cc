#include "core/compensated_sum.h"

#include <gtest/gtest.h>

#include <cmath>
#include <initializer_list>
#include <random>
#include <vector>

namespace evident {
namespace {

double compensated(std::initializer_list<double> values) {
  CompensatedSum sum;
  for (const double value : values) sum.add(value);
  return sum.value();
}

TEST(CompensatedSum, EmptyIsZero) { EXPECT_EQ(CompensatedSum().value(), 0.0); }

TEST(CompensatedSum, KeepsWhatAPlainSumRoundsAway) {
  // A plain left-to-right sum gives 0 here: 1e16 + 1 rounds back to 1e16.
  EXPECT_EQ(compensated({1e16, 1.0, -1e16}), 1.0);
  // Kahan's original loses both ones when a term is larger than the running sum; Neumaier's keeps them.
  EXPECT_EQ(compensated({1.0, 1e100, 1.0, -1e100}), 2.0);
}

TEST(CompensatedSum, TenTimesOneTenthIsOne) {
  // Ten times 0.1 summed plainly is 0.9999999999999999.
  EXPECT_EQ(compensated({0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1}), 1.0);
}

// The error of each addition found by Neumaier's comparison of the operands, as the textbook writes
// it: what the sum must equal bit for bit, whichever way it finds the same exact error.
double neumaier(const std::vector<double>& values) {
  double sum = 0.0;
  double compensation = 0.0;
  for (const double value : values) {
    const double next = sum + value;
    if (std::abs(sum) >= std::abs(value)) {
      compensation += (sum - next) + value;
    } else {
      compensation += (value - next) + sum;
    }
    sum = next;
  }
  return sum + compensation;
}

TEST(CompensatedSum, SameBitsAsNeumaiersComparison) {
  std::mt19937_64 random(20261207);
  std::uniform_real_distribution<double> unit(-1.0, 1.0);
  std::uniform_int_distribution<int> exponent(-60, 60);
  for (int round = 0; round < 2000; ++round) {
    std::vector<double> values;
    const int count = 1 + round % 200;
    for (int i = 0; i < count; ++i) {
      // Deviations about a mean (signs at random), offsets, and magnitudes far apart.
      values.push_back(round % 3 == 0   ? unit(random) * 0.005
                       : round % 3 == 1 ? 1.0 + unit(random) * 0.01
                                        : std::ldexp(unit(random), exponent(random)));
    }
    CompensatedSum sum;
    for (const double value : values) sum.add(value);
    const double expected = neumaier(values);
    ASSERT_EQ(std::signbit(sum.value()), std::signbit(expected)) << "round " << round;
    ASSERT_EQ(sum.value(), expected) << "round " << round;
  }
  EXPECT_EQ(compensated({0.0, -0.0}), neumaier({0.0, -0.0}));
  EXPECT_TRUE(std::signbit(compensated({-0.0})) == std::signbit(neumaier({-0.0})));
}

}  // namespace
}  // namespace evident
