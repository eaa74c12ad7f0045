#include "core/mann_whitney.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <tuple>
#include <utility>
#include <vector>

namespace evident {
namespace {

// The Mann-Whitney tables (e.g. Milton 1964) give U <= 23 as the two-sided 0.05 critical value for
// 10 vs 10 and U <= 127 for 20 vs 20. Builds samples of those sizes with a chosen U, no ties:
// a = 0, 1, ..., n1 - 1 shifted so that exactly `u` pairs have a_i > b_j.
std::pair<std::vector<double>, std::vector<double>> samples_with_u(std::size_t n1, std::size_t n2, std::size_t u) {
  // b_j = 2j + 1. Start with every a below every b, then move a's upwards one b at a time.
  std::vector<double> a(n1), b(n2);
  for (std::size_t j = 0; j < n2; ++j) b[j] = static_cast<double>(2 * j + 1);
  std::vector<std::size_t> beaten(n1, 0);  // how many b's each a exceeds
  for (std::size_t i = n1, left = u; i-- > 0 && left > 0;) {
    beaten[i] = std::min(left, n2);
    left -= beaten[i];
  }
  // a_i sits just above b[beaten - 1] (or below b[0]); the tiny offset keeps the a's distinct.
  for (std::size_t i = 0; i < n1; ++i) {
    a[i] = static_cast<double>(2 * beaten[i]) + 0.001 * static_cast<double>(i);
  }
  return {a, b};
}

// The test on samples sorted beforehand gives the same result, bit for bit, exact and with ties.
TEST(MannWhitney, SortedSamplesGiveTheSameResult) {
  const std::vector<std::pair<std::vector<double>, std::vector<double>>> cases = {
      {{3.1, 1.2, 2.5, 9.0}, {4.4, 0.5, 7.7}},                  // exact, no ties
      {{1, 2, 2, 3, 5, 5, 5, 8}, {2, 5, 6, 6, 9, 1, 0, 4, 4}},  // ties: the normal approximation
      {{4, 4, 4}, {4, 4}},                                      // zero variance
  };
  for (const auto& [a, b] : cases) {
    std::vector<double> sorted_a = a;
    std::vector<double> sorted_b = b;
    std::sort(sorted_a.begin(), sorted_a.end());
    std::sort(sorted_b.begin(), sorted_b.end());
    const MannWhitneyResult unsorted = mann_whitney_u(a, b);
    const MannWhitneyResult sorted = mann_whitney_u_sorted(sorted_a, sorted_b);
    EXPECT_EQ(sorted.u, unsorted.u);
    EXPECT_EQ(sorted.p_value, unsorted.p_value);
    EXPECT_EQ(sorted.exact, unsorted.exact);
    EXPECT_EQ(sorted.ties, unsorted.ties);
    EXPECT_EQ(sorted.zero_variance, unsorted.zero_variance);
  }
  EXPECT_TRUE(mann_whitney_u_sorted(std::vector<double>{4, 4, 4}, std::vector<double>{4, 4}).zero_variance);
  EXPECT_FALSE(mann_whitney_u_sorted(std::vector<double>{1, 2}, std::vector<double>{3, 4}).ties);
  EXPECT_TRUE(mann_whitney_u_sorted(std::vector<double>{1, 2}, std::vector<double>{3, 4}).exact);
}

TEST(MannWhitney, FullySeparatedFiveVsFiveIsExact) {
  // U = 0; only 1 of C(10, 5) = 252 orderings is this extreme on each side: p = 2 / 252.
  const std::vector<double> a = {1, 2, 3, 4, 5};
  const std::vector<double> b = {6, 7, 8, 9, 10};
  const MannWhitneyResult result = mann_whitney_u(a, b);
  EXPECT_DOUBLE_EQ(result.u, 0.0);
  EXPECT_TRUE(result.exact);
  EXPECT_FALSE(result.ties);
  EXPECT_FALSE(result.zero_variance);
  EXPECT_EQ(result.n1, 5U);
  EXPECT_EQ(result.n2, 5U);
  EXPECT_NEAR(result.p_value, 2.0 / 252.0, 1e-12);
  EXPECT_NEAR(result.p_value, 0.0079365, 1e-7);
}

TEST(MannWhitney, SwappingSamplesGivesSameP) {
  const std::vector<double> a = {1, 2, 3, 4, 5};
  const std::vector<double> b = {6, 7, 8, 9, 10};
  const MannWhitneyResult forward = mann_whitney_u(a, b);
  const MannWhitneyResult backward = mann_whitney_u(b, a);
  EXPECT_DOUBLE_EQ(backward.u, 25.0);  // n1 * n2 - U
  EXPECT_DOUBLE_EQ(backward.p_value, forward.p_value);

  const std::vector<double> c = {1, 2, 3, 3, 5};
  const std::vector<double> d = {3, 4, 5, 6, 7};
  EXPECT_DOUBLE_EQ(mann_whitney_u(c, d).p_value, mann_whitney_u(d, c).p_value);
}

TEST(MannWhitney, FullySeparatedThreeVsThreeIsPointOne) {
  // 2 / C(6, 3) = 2 / 20.
  const std::vector<double> a = {10.0, 11.0, 12.0};
  const std::vector<double> b = {20.0, 21.0, 22.0};
  const MannWhitneyResult result = mann_whitney_u(a, b);
  EXPECT_TRUE(result.exact);
  EXPECT_DOUBLE_EQ(result.p_value, 0.1);
}

TEST(MannWhitney, ExactMatchesEnumeratedCounts) {
  // Counted by enumerating all C(n1 + n2, n1) orderings: 4 vs 6, U = 3: 7 of 210 have U <= 3,
  // p = 14 / 210. 7 vs 8, U = 10: 129 of 6435, p = 258 / 6435.
  auto [a, b] = samples_with_u(4, 6, 3);
  MannWhitneyResult result = mann_whitney_u(a, b);
  EXPECT_DOUBLE_EQ(result.u, 3.0);
  EXPECT_NEAR(result.p_value, 14.0 / 210.0, 1e-12);
  std::tie(a, b) = samples_with_u(7, 8, 10);
  result = mann_whitney_u(a, b);
  EXPECT_DOUBLE_EQ(result.u, 10.0);
  EXPECT_NEAR(result.p_value, 258.0 / 6435.0, 1e-12);
}

TEST(MannWhitney, ExactAgreesWithPublishedCriticalValues) {
  auto [a, b] = samples_with_u(10, 10, 23);
  EXPECT_NEAR(mann_whitney_u(a, b).p_value, 0.0432571, 1e-7);  // below 0.05: critical
  std::tie(a, b) = samples_with_u(10, 10, 24);
  EXPECT_NEAR(mann_whitney_u(a, b).p_value, 0.0524259, 1e-7);
  // 20 vs 20 is the largest balanced exact case.
  std::tie(a, b) = samples_with_u(20, 20, 127);
  MannWhitneyResult result = mann_whitney_u(a, b);
  EXPECT_TRUE(result.exact);
  EXPECT_NEAR(result.p_value, 0.0490903, 1e-7);
  std::tie(a, b) = samples_with_u(20, 20, 128);
  EXPECT_NEAR(mann_whitney_u(a, b).p_value, 0.0523995, 1e-7);
  // The centre of the distribution caps at 1.
  std::tie(a, b) = samples_with_u(20, 20, 200);
  EXPECT_DOUBLE_EQ(mann_whitney_u(a, b).p_value, 1.0);
}

TEST(MannWhitney, ExactBoundIsProductOfSizes) {
  // 1 vs 400: exact, the single a below every b: p = 2 / 401.
  std::vector<double> a = {0.0};
  std::vector<double> b;
  for (int j = 1; j <= 400; ++j) b.push_back(j);
  MannWhitneyResult result = mann_whitney_u(a, b);
  EXPECT_TRUE(result.exact);
  EXPECT_NEAR(result.p_value, 2.0 / 401.0, 1e-12);
  // 1 vs 401: normal approximation, z = 200 / 116.0470 = 1.723439, p = 0.0848092.
  b.push_back(401);
  result = mann_whitney_u(a, b);
  EXPECT_FALSE(result.exact);
  EXPECT_NEAR(result.p_value, 0.0848092, 1e-7);
}

TEST(MannWhitney, TiesUseNormalApproximationWithTieCorrection) {
  // a = {1, 2, 3, 3, 5}, b = {3, 4, 5, 6, 7}. Pooled ranks: 1->1, 2->2, 3 (x3)->4, 4->6,
  // 5 (x2)->7.5, 6->9, 7->10. R_a = 1 + 2 + 4 + 4 + 7.5 = 18.5; U = 18.5 - 15 = 3.5.
  // mean n1 n2 / 2 = 12.5. Tie groups of 3 and 2: sum(t^3 - t) = 24 + 6 = 30.
  // variance = 25 / 12 * (11 - 30 / 90) = 22.2222; sd 4.714045.
  // z = (|3.5 - 12.5| - 0.5) / 4.714045 = 1.803122; p = 2 (1 - Phi(z)) = 0.0713690.
  const std::vector<double> a = {1, 2, 3, 3, 5};
  const std::vector<double> b = {3, 4, 5, 6, 7};
  const MannWhitneyResult result = mann_whitney_u(a, b);
  EXPECT_DOUBLE_EQ(result.u, 3.5);
  EXPECT_TRUE(result.ties);
  EXPECT_FALSE(result.exact);
  EXPECT_NEAR(result.p_value, 0.0713690, 1e-7);
}

TEST(MannWhitney, UnsortedSidesWithTiesWithinAndAcrossAreRankedTogether) {
  // a = {3, 1, 2, 2}, b = {2, 4, 0, -0}: pooled -0 = 0 (both b) -> 1.5, 1 -> 3, 2 (a, a, b) -> 5,
  // 3 -> 7, 4 -> 8. R_a = 3 + 5 + 5 + 7 = 20; U = 20 - 10 = 10. Tie groups of 2 and 3: sum(t^3 - t)
  // = 6 + 24 = 30; variance = 16 / 12 * (9 - 30 / 56) = 11.285714; z = (|10 - 8| - 0.5) / 3.359422
  // = 0.446505; p = 2 (1 - Phi(z)) = 0.6552322.
  const std::vector<double> a = {3, 1, 2, 2};
  const std::vector<double> b = {2, 4, 0.0, -0.0};
  const MannWhitneyResult result = mann_whitney_u(a, b);
  EXPECT_DOUBLE_EQ(result.u, 10.0);
  EXPECT_TRUE(result.ties);
  EXPECT_FALSE(result.exact);
  EXPECT_NEAR(result.p_value, 0.6552322, 1e-7);
  EXPECT_DOUBLE_EQ(mann_whitney_u(b, a).u, 6.0);  // n1 n2 - U: the other side's count
}

TEST(MannWhitney, LargeSamplesUseNormalApproximation) {
  // a = 0..20, b = 10.5..30.5 (21 each, no ties): a_i > b_j for 10 + 9 + ... + 1 = 55 pairs.
  // mean 220.5, variance 441 / 12 * 43 = 1580.25, sd 39.75.
  // z = (|55 - 220.5| - 0.5) / 39.75 = 165 / 39.75 = 4.1509434; p = 2 (1 - Phi(z)) = 3.3146414e-5.
  std::vector<double> a, b;
  for (int i = 0; i <= 20; ++i) {
    a.push_back(i);
    b.push_back(i + 10.5);
  }
  const MannWhitneyResult result = mann_whitney_u(a, b);
  EXPECT_FALSE(result.exact);
  EXPECT_FALSE(result.ties);
  EXPECT_DOUBLE_EQ(result.u, 55.0);
  EXPECT_NEAR(result.p_value, 3.3146414e-5, 1e-11);
}

TEST(MannWhitney, IdenticalConstantSamplesGivePOne) {
  const std::vector<double> a = {5, 5, 5, 5};
  const std::vector<double> b = {5, 5, 5};
  const MannWhitneyResult result = mann_whitney_u(a, b);
  EXPECT_TRUE(result.zero_variance);
  EXPECT_TRUE(result.ties);
  EXPECT_DOUBLE_EQ(result.u, 6.0);  // every pair ties: 12 / 2
  EXPECT_DOUBLE_EQ(result.p_value, 1.0);
}

TEST(MannWhitney, DifferentConstantSamplesAreFlaggedAndTested) {
  // a = {5, 5, 5}, b = {7, 7, 7}: U = 0, mean 4.5; ties 3 and 3: sum(t^3 - t) = 48;
  // variance 9 / 12 * (7 - 48 / 30) = 4.05; z = 4 / 2.0124612 = 1.9876160; p = 0.0468542.
  const std::vector<double> a = {5, 5, 5};
  const std::vector<double> b = {7, 7, 7};
  const MannWhitneyResult result = mann_whitney_u(a, b);
  EXPECT_TRUE(result.zero_variance);
  EXPECT_FALSE(result.exact);
  EXPECT_DOUBLE_EQ(result.u, 0.0);
  EXPECT_NEAR(result.p_value, 0.0468542, 1e-7);
}

TEST(MannWhitney, EmptySideIsNoTest) {
  const std::vector<double> a = {1, 2, 3};
  const MannWhitneyResult result = mann_whitney_u(a, {});
  EXPECT_EQ(result.n1, 3U);
  EXPECT_EQ(result.n2, 0U);
  EXPECT_FALSE(result.exact);
  EXPECT_DOUBLE_EQ(result.p_value, 1.0);
}

// U and the tie term counted another way: for each a, the b's below it and the b's at or below it
// found by binary search (2U is their sum over the a's); the runs of equal values of the pooled
// samples sorted together.
struct Counted {
  double u = 0;
  double tie_term = 0;
};

Counted counted(std::vector<double> a, std::vector<double> b) {
  std::sort(b.begin(), b.end());
  double twice_u = 0;
  for (const double x : a) {
    twice_u += static_cast<double>(std::lower_bound(b.begin(), b.end(), x) - b.begin());
    twice_u += static_cast<double>(std::upper_bound(b.begin(), b.end(), x) - b.begin());
  }
  std::vector<double> pooled = a;
  pooled.insert(pooled.end(), b.begin(), b.end());
  std::sort(pooled.begin(), pooled.end());
  double tie_term = 0;
  for (std::size_t start = 0; start < pooled.size();) {
    std::size_t end = start;
    while (end < pooled.size() && pooled[end] == pooled[start]) ++end;
    const double t = static_cast<double>(end - start);
    tie_term += t * t * t - t;
    start = end;
  }
  return {twice_u / 2, tie_term};
}

// The normal approximation with continuity and tie corrections, as docs/statistics.md gives it.
double normal_p(double u, std::size_t n1, std::size_t n2, double tie_term) {
  const double n = static_cast<double>(n1 + n2);
  const double product = static_cast<double>(n1) * static_cast<double>(n2);
  const double variance = product / 12.0 * ((n + 1.0) - tie_term / (n * (n - 1.0)));
  if (!(variance > 0.0)) return 1.0;
  const double z = std::max(0.0, std::abs(u - product / 2.0) - 0.5) / std::sqrt(variance);
  return std::min(1.0, std::erfc(z / std::sqrt(2.0)));
}

// Random samples, with many ties (few distinct values), with some, and with none; of every size
// from 1, and one side running out long before the other.
TEST(MannWhitney, RanksAgreeWithCountingPairsOnRandomSamples) {
  std::mt19937_64 random(7);
  for (int round = 0; round < 3000; ++round) {
    const int distinct = round % 3 == 0 ? 5 : round % 3 == 1 ? 200 : 1 << 30;
    std::uniform_int_distribution<int> value(0, distinct);
    std::uniform_int_distribution<std::size_t> size(1, round % 5 == 0 ? 3 : 120);
    std::vector<double> a(size(random)), b(size(random));
    for (double& x : a) x = value(random);
    for (double& y : b) y = value(random) + (round % 7 == 0 ? distinct / 2 : 0);
    const Counted expected = counted(a, b);
    const MannWhitneyResult result = mann_whitney_u(a, b);
    ASSERT_EQ(result.u, expected.u) << "round " << round;
    ASSERT_EQ(result.ties, expected.tie_term > 0) << "round " << round;
    if (!result.exact) {
      ASSERT_NEAR(result.p_value, normal_p(expected.u, a.size(), b.size(), expected.tie_term), 1e-12)
          << "round " << round;
    }
  }
}

TEST(MannWhitneySignificance, SmallestExactPDecidesReachability) {
  EXPECT_FALSE(can_reach_significance(3, 3, 0.05));  // 2 / 20 = 0.1
  EXPECT_TRUE(can_reach_significance(4, 4, 0.05));   // 2 / 70 = 0.0286
  EXPECT_FALSE(can_reach_significance(4, 4, 0.02));
  EXPECT_FALSE(can_reach_significance(2, 5, 0.05));  // 2 / 21 = 0.095
  EXPECT_TRUE(can_reach_significance(3, 4, 0.06));   // 2 / 35 = 0.0571
  EXPECT_FALSE(can_reach_significance(3, 4, 0.05));
  EXPECT_FALSE(can_reach_significance(1, 39, 0.05));   // 2 / 40 = 0.05 exactly: not below
  EXPECT_TRUE(can_reach_significance(1, 40, 0.05));    // 2 / 41 = 0.0488
  EXPECT_TRUE(can_reach_significance(20, 20, 1e-10));  // 2 / C(40, 20) = 1.45e-11
  EXPECT_FALSE(can_reach_significance(0, 10, 0.05));
  EXPECT_FALSE(can_reach_significance(10, 0, 0.05));
}

TEST(MannWhitneySignificance, BeyondExactBoundFollowsNormalApproximation) {
  // 1 vs 401 (n1 n2 = 401 > 400): U = 0, mean 200.5, variance 401 * 403 / 12 = 13466.92,
  // z = 200 / 116.0470 = 1.723439, p = 0.0848: the approximation can never reach 0.05.
  EXPECT_FALSE(can_reach_significance(1, 401, 0.05));
  EXPECT_TRUE(can_reach_significance(1, 401, 0.09));
  // 2 vs 201: z = 200.5 / 82.6680 = 2.425364, p = 0.0153.
  EXPECT_TRUE(can_reach_significance(2, 201, 0.05));
  EXPECT_FALSE(can_reach_significance(2, 201, 0.015));
  EXPECT_TRUE(can_reach_significance(1000, 1000, 1e-100));
}

}  // namespace
}  // namespace evident
