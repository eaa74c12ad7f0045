#pragma once
// Change points of a series: the places where its level shifts, found by E-divisive means
// (Matteson & James 2014, alpha 1) with a Student's t-test for significance in place of random
// permutations, and the split-then-merge scheme of Apache Otava. Deterministic: the same series
// gives the same points, bit for bit. The method, step by step, is in docs/change-points.md.
#include <cstddef>
#include <optional>
#include <span>
#include <vector>

namespace evident {

struct ChangePointOptions {
  double max_p = 0.001;     // a point is kept when its two-sided p is below this
  double min_change = 0;    // ... and its relative change, in percent, is at least this
  std::size_t window = 50;  // points per window of the split; windows slide by half of it
};

struct ChangePoint {
  std::size_t index = 0;   // the first point after the shift
  double mean_before = 0;  // of the segment before it (from the previous change point)
  double mean_after = 0;   // of the segment after it (up to the next change point)
  // (mean_after - mean_before) / |mean_before| * 100; nothing when mean_before is 0.
  std::optional<double> change_percent;
  double p = 1;  // two-sided Student's t-test (pooled variance) between the two segments
};

// The divergence q^(tau) of a segment split before its index tau (2 <= tau <= size - 2):
//   tau m / n * (2/(tau m) sum|x_i - y_j| - 1/C(tau,2) sum|x_i - x_k| - 1/C(m,2) sum|y_j - y_k|)
// with x the first tau points, y the other m = n - tau. Every tau of the segment at once, in
// O(n^2); index t of the result is tau = t, and the entries below 2 and above size - 2 are 0.
std::vector<double> divergences(std::span<const double> segment);

// The two-sided p of Student's t-test with pooled variance between two samples of at least one
// point each and three in all. 1 when the test is undefined (both samples without spread and with
// the same mean); 0 when neither has spread and the means differ.
double student_t_p(std::span<const double> left, std::span<const double> right);

// The change point at index between the segments [from, index) and [index, to) of series.
ChangePoint change_point_between(std::span<const double> series, std::size_t from, std::size_t index, std::size_t to);

// The change points of series, in order of index. Series shorter than 4 points have none.
std::vector<ChangePoint> change_points(std::span<const double> series, const ChangePointOptions& options);

}  // namespace evident
