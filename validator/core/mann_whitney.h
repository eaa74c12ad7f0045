#pragma once
// The two-sided Mann-Whitney U test (Wilcoxon rank-sum): do two samples come from the same
// distribution? Formulas and the exact/approximate bound in docs/statistics.md.
#include <cstddef>
#include <span>

namespace evident {

// Samples without ties and with n1 * n2 at most this get an exact p-value. Within that bound the
// largest count of the exact distribution, C(40, 20) ~ 1.4e11 at 20 vs 20, still fits a 64-bit
// integer, and the table has at most 401 entries.
inline constexpr std::size_t kMannWhitneyExactMaxProduct = 400;

struct MannWhitneyResult {
  // U of the first sample: the number of pairs (a_i, b_j) with a_i > b_j, plus half the pairs with
  // a_i == b_j. U of the second sample is n1 * n2 - u; the test is symmetric in the two.
  double u = 0;
  double p_value = 1;  // two-sided
  bool exact = false;  // exact distribution of U; otherwise the normal approximation
  bool ties = false;   // some value occurs more than once in the pooled samples
  // Each sample is constant on its own (every value in a equal, every value in b equal). When the
  // two constants are also equal, U has no spread at all and p_value is 1.
  bool zero_variance = false;
  std::size_t n1 = 0;
  std::size_t n2 = 0;
};

// Either sample empty: u = 0, p_value = 1, exact = false (no test was possible; see
// can_reach_significance, which is false for an empty side). Values must not be NaN.
MannWhitneyResult mann_whitney_u(std::span<const double> a, std::span<const double> b);

// The same for samples that are each sorted in ascending order already: no copies, no sorting.
MannWhitneyResult mann_whitney_u_sorted(std::span<const double> sorted_a, std::span<const double> sorted_b);

// Whether samples of these sizes can ever give a two-sided p-value below alpha: the smallest p-value
// mann_whitney_u returns for them, that of fully separated samples without ties. Exactly
// 2 / C(n1 + n2, n1) within the exact bound (3 vs 3: 0.1; 4 vs 4: 0.0286); the normal
// approximation at U = 0 beyond it (1 vs 401: 0.085, so never). When false the test says nothing:
// report "too few samples for a significance test".
bool can_reach_significance(std::size_t n1, std::size_t n2, double alpha);

}  // namespace evident
