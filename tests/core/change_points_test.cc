#include "core/change_points.h"

#include <gtest/gtest.h>

#include <vector>

namespace evident {
namespace {

// A level with a small, repeating wobble: {level, level + 1, level, level + 1, ...}.
std::vector<double> level(double value, std::size_t count) {
  std::vector<double> points;
  for (std::size_t i = 0; i < count; ++i) points.push_back(value + static_cast<double>(i % 2));
  return points;
}

std::vector<double> joined(std::vector<double> a, const std::vector<double>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

TEST(Divergences, TwoLevelsOfTwo) {
  // tau 2: four pairs across at distance 1, none within: 2 * 2 / 4 * (2 * 4 / 4) = 2.
  EXPECT_EQ(divergences(std::vector<double>{0, 0, 1, 1}), (std::vector<double>{0, 0, 2, 0}));
}

TEST(Divergences, ShorterThanFourHasNone) {
  EXPECT_EQ(divergences(std::vector<double>{0, 5, 9}), (std::vector<double>{0, 0, 0}));
}

TEST(Divergences, LargestAtTheStep) {
  const std::vector<double> q = divergences(joined(level(10, 6), level(20, 6)));
  ASSERT_EQ(q.size(), 12U);
  for (std::size_t tau = 2; tau <= 10; ++tau) {
    if (tau != 6) {
      EXPECT_LT(q[tau], q[6]) << tau;
    }
  }
}

TEST(StudentT, AsSciPy) {
  // scipy.stats.ttest_ind([1, 2, 3], [4, 5, 6]).pvalue
  EXPECT_NEAR(student_t_p(std::vector<double>{1, 2, 3}, std::vector<double>{4, 5, 6}), 0.021311641128756727, 1e-15);
  // scipy.stats.ttest_ind([100, 101, 99, 100] * 4, [102, 103, 101, 102] * 4).pvalue
  std::vector<double> before, after;
  for (int i = 0; i < 4; ++i) {
    before.insert(before.end(), {100, 101, 99, 100});
    after.insert(after.end(), {102, 103, 101, 102});
  }
  EXPECT_NEAR(student_t_p(before, after) / 1.2145993178668163e-08, 1.0, 1e-9);
}

TEST(StudentT, WithoutSpread) {
  EXPECT_EQ(student_t_p(std::vector<double>{5, 5}, std::vector<double>{5, 5}), 1.0);
  EXPECT_EQ(student_t_p(std::vector<double>{1, 1}, std::vector<double>{2, 2}), 0.0);
}

TEST(ChangePoints, OneStep) {
  const std::vector<ChangePoint> points = change_points(joined(level(10, 10), level(20, 10)), {});
  ASSERT_EQ(points.size(), 1U);
  EXPECT_EQ(points[0].index, 10U);
  EXPECT_EQ(points[0].mean_before, 10.5);
  EXPECT_EQ(points[0].mean_after, 20.5);
  ASSERT_TRUE(points[0].change_percent);
  EXPECT_DOUBLE_EQ(*points[0].change_percent, 10.0 / 10.5 * 100.0);
  // scipy.stats.ttest_ind([10, 11] * 5, [20, 21] * 5).pvalue
  EXPECT_NEAR(points[0].p / 1.703438464072225e-19, 1.0, 1e-9);
}

TEST(ChangePoints, TwoSteps) {
  const std::vector<ChangePoint> points =
      change_points(joined(joined(level(10, 12), level(20, 12)), level(15, 12)), {});
  ASSERT_EQ(points.size(), 2U);
  EXPECT_EQ(points[0].index, 12U);
  EXPECT_EQ(points[1].index, 24U);
  EXPECT_EQ(points[1].mean_before, 20.5);
  EXPECT_EQ(points[1].mean_after, 15.5);
}

TEST(ChangePoints, FlatSeriesHasNone) {
  EXPECT_TRUE(change_points(level(10, 40), {}).empty());
  EXPECT_TRUE(change_points(std::vector<double>(30, 7.0), {}).empty());
}

TEST(ChangePoints, TooShortHasNone) { EXPECT_TRUE(change_points(std::vector<double>{1, 1, 9}, {}).empty()); }

TEST(ChangePoints, MinChangeDropsSmallShifts) {
  // 10.5 -> 20.5 is +95.2%.
  const std::vector<double> series = joined(level(10, 10), level(20, 10));
  EXPECT_EQ(change_points(series, {.max_p = 0.001, .min_change = 95, .window = 50}).size(), 1U);
  EXPECT_TRUE(change_points(series, {.max_p = 0.001, .min_change = 96, .window = 50}).empty());
}

TEST(ChangePoints, MaxPDropsWeakShifts) {
  // A shift of half the wobble over few points: p about 0.2.
  const std::vector<double> series{10, 11, 10, 11, 10, 11, 10.5, 11.5, 10.5, 11.5, 10.5, 11.5};
  EXPECT_TRUE(change_points(series, {}).empty());
  EXPECT_TRUE(change_points(series, {.max_p = 0.05, .min_change = 0, .window = 50}).empty());
}

TEST(ChangePoints, StepAcrossWindows) {
  // 100 points, windows of 20 sliding by 10: the step at 65 is inside the windows from 50 and 60.
  const std::vector<ChangePoint> points =
      change_points(joined(level(10, 65), level(30, 35)), {.max_p = 0.001, .min_change = 0, .window = 20});
  ASSERT_EQ(points.size(), 1U);
  EXPECT_EQ(points[0].index, 65U);
  EXPECT_DOUBLE_EQ(points[0].mean_before, 10.0 + 32.0 / 65.0);  // 33 tens and 32 elevens
  EXPECT_DOUBLE_EQ(points[0].mean_after, 30.0 + 17.0 / 35.0);
}

TEST(ChangePoints, FromZeroHasNoRelativeChange) {
  const std::vector<ChangePoint> points = change_points(std::vector<double>{0, 0, 0, 0, 0, 0, 5, 5, 5, 5, 5, 5}, {});
  ASSERT_EQ(points.size(), 1U);
  EXPECT_EQ(points[0].index, 6U);
  EXPECT_FALSE(points[0].change_percent);
  EXPECT_EQ(points[0].p, 0.0);
}

TEST(ChangePoints, SameSeriesSameBytes) {
  std::vector<double> series = joined(joined(level(3, 17), level(4, 23)), level(2.5, 31));
  const std::vector<ChangePoint> a = change_points(series, {});
  const std::vector<ChangePoint> b = change_points(series, {});
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].index, b[i].index);
    EXPECT_EQ(a[i].p, b[i].p);
  }
}

}  // namespace
}  // namespace evident
