#include "core/multiple_testing.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <vector>

namespace evident {
namespace {

// Four p-values out of order; sorted 0.005, 0.01, 0.03, 0.04 (m = 4).
const std::vector<double> four = {0.01, 0.04, 0.03, 0.005};

// The adjusted values of four, each to the last bit of its hand computation.
void expect_adjusted(Correction correction, const std::vector<double>& expected) {
  const std::vector<double> adjusted = adjust_p_values(four, correction);
  ASSERT_EQ(adjusted.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) EXPECT_DOUBLE_EQ(adjusted[i], expected[i]) << "p " << four[i];
}

TEST(MultipleTesting, HolmByHand) {
  // Holm: 4 x 0.005 = 0.02; 3 x 0.01 = 0.03; 2 x 0.03 = 0.06; 1 x 0.04 = 0.04, lifted to the running
  // maximum 0.06.
  expect_adjusted(Correction::holm, {0.03, 0.06, 0.06, 0.02});
}

TEST(MultipleTesting, BenjaminiHochbergByHand) {
  // BH: 4 x 0.04 / 4 = 0.04; 4 x 0.03 / 3 = 0.04; 4 x 0.01 / 2 = 0.02; 4 x 0.005 / 1 = 0.02; each
  // the minimum of its own and those of the larger p-values.
  expect_adjusted(Correction::bh, {0.02, 0.04, 0.04, 0.02});
}

TEST(MultipleTesting, NoneKeepsTheRawValues) { EXPECT_EQ(adjust_p_values(four, Correction::none), four); }

TEST(MultipleTesting, AdjustedValuesStopAtOne) {
  // Holm: 2 x 0.5 = 1, then 0.6 lifted to 1. BH: 2 x 0.6 / 2 = 0.6, and 2 x 0.5 / 1 = 1 brought down to 0.6.
  EXPECT_EQ(adjust_p_values(std::vector<double>{0.5, 0.6}, Correction::holm), (std::vector<double>{1.0, 1.0}));
  EXPECT_EQ(adjust_p_values(std::vector<double>{0.5, 0.6}, Correction::bh), (std::vector<double>{0.6, 0.6}));
}

TEST(MultipleTesting, EqualPValuesShareTheirAdjustedValue) {
  const std::vector<double> ties = {0.02, 0.02, 0.02};
  const std::vector<double> holm = adjust_p_values(ties, Correction::holm);
  for (double p : holm) EXPECT_DOUBLE_EQ(p, 0.06);
  EXPECT_EQ(adjust_p_values(ties, Correction::bh), ties);
}

TEST(MultipleTesting, OneOrNoPValue) {
  EXPECT_EQ(adjust_p_values(std::vector<double>{0.01}, Correction::holm), std::vector<double>{0.01});
  EXPECT_EQ(adjust_p_values(std::vector<double>{0.01}, Correction::bh), std::vector<double>{0.01});
  EXPECT_TRUE(adjust_p_values(std::vector<double>{}, Correction::holm).empty());
}

TEST(MultipleTesting, Names) {
  for (Correction correction : {Correction::holm, Correction::bh, Correction::none})
    EXPECT_EQ(parse_correction(correction_name(correction)), correction);
  EXPECT_EQ(correction_name(Correction::bh), "bh");
  EXPECT_FALSE(parse_correction("bonferroni"));
  EXPECT_FALSE(parse_correction("Holm"));
}

}  // namespace
}  // namespace evident
