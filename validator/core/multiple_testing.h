#pragma once
// Adjusting the p-values of many tests made together, so that testing 200 unchanged metrics does not
// flag about 10 of them at alpha 0.05. Formulas in docs/statistics.md.
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace evident {

// holm: Holm's step-down method, which keeps the chance of any false alarm in the family (the
// family-wise error rate) at most alpha. bh: Benjamini-Hochberg, which keeps the expected share of
// false alarms among the alarms (the false discovery rate) at most alpha. none: raw p-values.
enum class Correction { holm, bh, none };

// "holm", "bh", "none".
std::string_view correction_name(Correction correction);
// The name of a correction; nothing for any other text.
std::optional<Correction> parse_correction(std::string_view text);

// The adjusted p-value of each p (same order), each in [p, 1]: a test is significant at level alpha
// when its adjusted p-value is below alpha.
//   holm, sorted p(1) <= ... <= p(m): adj(i) = max over j <= i of min(1, (m - j + 1) p(j)).
//   bh:   adj(i) = min over j >= i of min(1, m p(j) / j).
//   none: adj(i) = p(i).
// Equal p-values get equal adjusted p-values. Values must lie in [0, 1] and not be NaN.
std::vector<double> adjust_p_values(std::span<const double> p, Correction correction);

}  // namespace evident
