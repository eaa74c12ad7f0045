#include "core/compensated_sum.h"

#include <gtest/gtest.h>

#include <initializer_list>

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

}  // namespace
}  // namespace evident
