#include "core/change_points.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <boost/math/distributions/students_t.hpp>

namespace evident {
namespace {

double mean_of(std::span<const double> values) {
  double sum = 0;
  for (const double value : values) sum += value;
  return sum / static_cast<double>(values.size());
}

double squared_deviations(std::span<const double> values, double mean) {
  double sum = 0;
  for (const double value : values) sum += (value - mean) * (value - mean);
  return sum;
}

// The change points one window holds, by E-divisive means: the split of largest divergence among
// the segments between the points found so far, kept while its t-test between its neighbouring
// segments gives p below max_p. Indexes are of the window.
std::vector<std::size_t> divide(std::span<const double> window, double max_p) {
  std::vector<std::size_t> bounds{0, window.size()};
  std::vector<std::size_t> found;
  for (;;) {
    double best = 0;
    std::size_t best_index = 0, best_from = 0, best_to = 0;
    for (std::size_t k = 0; k + 1 < bounds.size(); ++k) {
      const std::size_t from = bounds[k], to = bounds[k + 1];
      if (to - from < 4) continue;
      const std::vector<double> q = divergences(window.subspan(from, to - from));
      for (std::size_t tau = 2; tau + 2 <= to - from; ++tau) {
        if (q[tau] > best) {
          best = q[tau];
          best_index = from + tau;
          best_from = from;
          best_to = to;
        }
      }
    }
    if (best <= 0) break;  // no segment can be split, or none has a divergence
    const double p = student_t_p(window.subspan(best_from, best_index - best_from),
                                 window.subspan(best_index, best_to - best_index));
    if (!(p < max_p)) break;
    found.push_back(best_index);
    bounds.insert(std::upper_bound(bounds.begin(), bounds.end(), best_index), best_index);
  }
  return found;
}

// The size of a change for --min-change: |relative change| in percent, infinite from a mean of 0.
double magnitude(const ChangePoint& point) {
  return point.change_percent ? std::abs(*point.change_percent) : std::numeric_limits<double>::infinity();
}

}  // namespace

std::vector<double> divergences(std::span<const double> segment) {
  const std::size_t n = segment.size();
  std::vector<double> q(n, 0.0);
  if (n < 4) return q;
  // before[t] = sum over i < t of |x_i - x_t|; after[t] = sum over k > t of |x_t - x_k|.
  std::vector<double> before(n, 0.0), after(n, 0.0);
  double total = 0;
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t k = i + 1; k < n; ++k) {
      const double distance = std::abs(segment[i] - segment[k]);
      after[i] += distance;
      before[k] += distance;
      total += distance;
    }
  }
  std::vector<double> right_from(n + 1, 0.0);  // the sum over pairs both at or after t
  for (std::size_t t = n; t-- > 0;) right_from[t] = right_from[t + 1] + after[t];
  double within_left = 0;  // the sum over pairs both before tau
  for (std::size_t tau = 1; tau + 2 <= n; ++tau) {
    within_left += before[tau - 1];
    if (tau < 2) continue;
    const double within_right = right_from[tau];
    const auto left = static_cast<double>(tau);
    const auto right = static_cast<double>(n - tau);
    const double across = total - within_left - within_right;
    const double energy = 2.0 * across / (left * right) - 2.0 * within_left / (left * (left - 1.0)) -
                          2.0 * within_right / (right * (right - 1.0));
    q[tau] = left * right / static_cast<double>(n) * energy;
  }
  return q;
}

double student_t_p(std::span<const double> left, std::span<const double> right) {
  const double n1 = static_cast<double>(left.size()), n2 = static_cast<double>(right.size());
  const double mean1 = mean_of(left), mean2 = mean_of(right);
  const double freedom = n1 + n2 - 2.0;
  const double pooled = (squared_deviations(left, mean1) + squared_deviations(right, mean2)) / freedom;
  if (pooled == 0) return mean1 == mean2 ? 1.0 : 0.0;
  const double t = (mean1 - mean2) / std::sqrt(pooled * (1.0 / n1 + 1.0 / n2));
  const boost::math::students_t distribution(freedom);
  return std::min(1.0, 2.0 * boost::math::cdf(boost::math::complement(distribution, std::abs(t))));
}

ChangePoint change_point_between(std::span<const double> series, std::size_t from, std::size_t index, std::size_t to) {
  const std::span<const double> left = series.subspan(from, index - from);
  const std::span<const double> right = series.subspan(index, to - index);
  ChangePoint point;
  point.index = index;
  point.mean_before = mean_of(left);
  point.mean_after = mean_of(right);
  if (point.mean_before != 0) {
    point.change_percent = (point.mean_after - point.mean_before) / std::abs(point.mean_before) * 100.0;
  }
  point.p = student_t_p(left, right);
  return point;
}

std::vector<ChangePoint> change_points(std::span<const double> series, const ChangePointOptions& options) {
  const std::size_t n = series.size();
  if (n < 4 || options.window < 4) return {};
  // Split: E-divisive in windows sliding by half, under a p ten times looser than asked for, so
  // that the merge below judges every candidate against its final neighbours.
  const double split_p = std::min(1.0, options.max_p * 10.0);
  const std::size_t step = options.window / 2;
  std::vector<std::size_t> indexes;
  for (std::size_t start = 0;;) {
    const std::size_t end = std::min(start + options.window, n);
    std::size_t last = 0;
    for (const std::size_t found : divide(series.subspan(start, end - start), split_p)) {
      indexes.push_back(start + found);
      last = std::max(last, start + found);
    }
    if (end == n) break;
    start = std::max(last, start + step);
  }
  std::sort(indexes.begin(), indexes.end());
  indexes.erase(std::unique(indexes.begin(), indexes.end()), indexes.end());

  std::vector<ChangePoint> points;
  points.reserve(indexes.size());
  for (std::size_t i = 0; i < indexes.size(); ++i) {
    points.push_back(change_point_between(series, i == 0 ? 0 : indexes[i - 1], indexes[i],
                                          i + 1 == indexes.size() ? n : indexes[i + 1]));
  }
  // Merge: drop the weakest point (the largest p while any p is not below max_p, else the smallest
  // change while it is below min_change) and judge its neighbours again against their new ones.
  const auto recompute = [&](std::size_t i) {
    points[i] = change_point_between(series, i == 0 ? 0 : points[i - 1].index, points[i].index,
                                     i + 1 == points.size() ? n : points[i + 1].index);
  };
  while (!points.empty()) {
    auto weakest = std::max_element(points.begin(), points.end(),
                                    [](const ChangePoint& a, const ChangePoint& b) { return a.p < b.p; });
    if (weakest->p < options.max_p) {
      weakest = std::min_element(points.begin(), points.end(), [](const ChangePoint& a, const ChangePoint& b) {
        return magnitude(a) < magnitude(b);
      });
      if (magnitude(*weakest) >= options.min_change) break;
    }
    const auto at = static_cast<std::size_t>(weakest - points.begin());
    points.erase(weakest);
    if (at > 0) recompute(at - 1);
    if (at < points.size()) recompute(at);
  }
  return points;
}

}  // namespace evident
