#include "core/mann_whitney.h"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <cstdint>
#include <vector>

namespace evident {
namespace {

struct RankSums {
  double rank_sum_a = 0;
  double tie_term = 0;  // sum over groups of equal values of t^3 - t
  bool ties = false;
};

// Ranks the pooled samples 1..N, equal values sharing the average of their ranks. The two sides,
// each sorted, are walked together in order, a group of equal values at a time: less work than
// sorting the pooled pairs, and the same sums, added in the same order.
RankSums rank_pooled(std::span<const double> sorted_a, std::span<const double> sorted_b) {
  RankSums sums;
  std::size_t i = 0;
  std::size_t j = 0;
  for (std::size_t start = 0; i < sorted_a.size() || j < sorted_b.size();) {
    const double value = j == sorted_b.size()   ? sorted_a[i]
                         : i == sorted_a.size() ? sorted_b[j]
                                                : std::min(sorted_a[i], sorted_b[j]);
    std::size_t from_a = 0;
    std::size_t end = start;
    for (; i < sorted_a.size() && sorted_a[i] == value; ++i, ++end) ++from_a;
    for (; j < sorted_b.size() && sorted_b[j] == value; ++j) ++end;
    // Positions start..end-1 hold ranks start+1..end; their average is shared.
    const double midrank = static_cast<double>(start + 1 + end) / 2.0;
    for (std::size_t k = 0; k < from_a; ++k) sums.rank_sum_a += midrank;
    const double group = static_cast<double>(end - start);
    if (end - start > 1) {
      sums.ties = true;
      sums.tie_term += group * group * group - group;
    }
    start = end;
  }
  return sums;
}

// Whether every value of a sorted sample is the same.
bool is_constant(std::span<const double> sorted) { return sorted.empty() || sorted.front() == sorted.back(); }

// How many of the C(n1 + n2, n1) orderings of the two samples give U = k, for k = 0..n1*n2.
// These are the coefficients of the Gaussian binomial [n1 + n2 choose n1]_q
// = prod_{i=1..n1} (1 - q^(n2 + i)) / (1 - q^i); every intermediate product is itself a Gaussian
// binomial after each division, so the divisions are exact and no magnitude exceeds 2 C(n1 + n2, n1).
std::vector<std::int64_t> exact_u_counts(std::size_t n1, std::size_t n2) {
  std::vector<std::int64_t> counts(n1 * n2 + n1 + 1, 0);
  counts[0] = 1;
  for (std::size_t i = 1; i <= n1; ++i) {
    const std::size_t shift = n2 + i;
    for (std::size_t k = counts.size(); k-- > shift;) counts[k] -= counts[k - shift];  // * (1 - q^shift)
    for (std::size_t k = i; k < counts.size(); ++k) counts[k] += counts[k - i];        // / (1 - q^i)
  }
  counts.resize(n1 * n2 + 1);
  return counts;
}

double exact_two_sided_p(double u, std::size_t n1, std::size_t n2) {
  const std::vector<std::int64_t> counts = exact_u_counts(n1, n2);
  std::int64_t total = 0;
  for (const std::int64_t count : counts) total += count;
  // Without ties U is an integer; the distribution is symmetric, so the tail of the smaller U counts.
  const double u_min = std::min(u, static_cast<double>(n1 * n2) - u);
  const auto last = static_cast<std::size_t>(std::llround(u_min));
  std::int64_t tail = 0;
  for (std::size_t k = 0; k <= last; ++k) tail += counts[k];
  return std::min(1.0, 2.0 * static_cast<double>(tail) / static_cast<double>(total));
}

double normal_two_sided_p(double u, std::size_t n1, std::size_t n2, double tie_term) {
  const double product = static_cast<double>(n1) * static_cast<double>(n2);
  const double pooled = static_cast<double>(n1 + n2);
  const double mean = product / 2.0;
  const double variance = product / 12.0 * ((pooled + 1.0) - tie_term / (pooled * (pooled - 1.0)));
  // Zero only when every pooled value is the same: no ordering, no evidence of a difference.
  if (!(variance > 0.0)) return 1.0;
  const double z = std::max(0.0, std::abs(u - mean) - 0.5) / std::sqrt(variance);
  const double p = 2.0 * boost::math::cdf(boost::math::complement(boost::math::normal(), z));
  return std::min(1.0, p);
}

}  // namespace

MannWhitneyResult mann_whitney_u(std::span<const double> a, std::span<const double> b) {
  std::vector<double> sorted_a(a.begin(), a.end());
  std::vector<double> sorted_b(b.begin(), b.end());
  std::sort(sorted_a.begin(), sorted_a.end());
  std::sort(sorted_b.begin(), sorted_b.end());
  return mann_whitney_u_sorted(sorted_a, sorted_b);
}

MannWhitneyResult mann_whitney_u_sorted(std::span<const double> sorted_a, std::span<const double> sorted_b) {
  MannWhitneyResult result;
  result.n1 = sorted_a.size();
  result.n2 = sorted_b.size();
  if (sorted_a.empty() || sorted_b.empty()) return result;

  const RankSums sums = rank_pooled(sorted_a, sorted_b);
  const double n1 = static_cast<double>(sorted_a.size());
  result.u = sums.rank_sum_a - n1 * (n1 + 1.0) / 2.0;
  result.ties = sums.ties;
  result.zero_variance = is_constant(sorted_a) && is_constant(sorted_b);
  result.exact = !sums.ties && sorted_a.size() * sorted_b.size() <= kMannWhitneyExactMaxProduct;
  result.p_value = result.exact ? exact_two_sided_p(result.u, sorted_a.size(), sorted_b.size())
                                : normal_two_sided_p(result.u, sorted_a.size(), sorted_b.size(), sums.tie_term);
  return result;
}

bool can_reach_significance(std::size_t n1, std::size_t n2, double alpha) {
  if (n1 == 0 || n2 == 0) return false;
  // Fully separated samples: U = 0, the most extreme value on either side.
  if (n1 * n2 > kMannWhitneyExactMaxProduct) return normal_two_sided_p(0.0, n1, n2, 0.0) < alpha;
  // C(n1 + n2, n1); each partial product is itself a binomial coefficient, exact in a double here.
  double orderings = 1.0;
  const std::size_t smaller = std::min(n1, n2);
  const std::size_t larger = std::max(n1, n2);
  for (std::size_t i = 1; i <= smaller; ++i) {
    orderings = orderings * static_cast<double>(larger + i) / static_cast<double>(i);
  }
  return 2.0 / orderings < alpha;
}

}  // namespace evident
