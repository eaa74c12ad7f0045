#include "core/multiple_testing.h"

#include <algorithm>
#include <cstddef>
#include <numeric>

namespace evident {

std::string_view correction_name(Correction correction) {
  switch (correction) {
    case Correction::holm:
      return "holm";
    case Correction::bh:
      return "bh";
    case Correction::none:
      return "none";
  }
  return "?";
}

std::optional<Correction> parse_correction(std::string_view text) {
  if (text == "holm") return Correction::holm;
  if (text == "bh") return Correction::bh;
  if (text == "none") return Correction::none;
  return std::nullopt;
}

std::vector<double> adjust_p_values(std::span<const double> p, Correction correction) {
  const std::size_t m = p.size();
  std::vector<double> adjusted(p.begin(), p.end());
  if (correction == Correction::none || m == 0) return adjusted;
  // The ranks: indices of p in ascending order, ties in input order.
  std::vector<std::size_t> order(m);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return p[a] < p[b]; });
  const auto count = static_cast<double>(m);
  if (correction == Correction::holm) {
    double running = 0;  // the largest scaled p-value so far, from the smallest p up
    for (std::size_t rank = 0; rank < m; ++rank) {
      const double scaled = std::min(1.0, (count - static_cast<double>(rank)) * p[order[rank]]);
      running = std::max(running, scaled);
      adjusted[order[rank]] = running;
    }
  } else {
    double running = 1;  // the smallest scaled p-value so far, from the largest p down
    for (std::size_t rank = m; rank-- > 0;) {
      const double scaled = std::min(1.0, count * p[order[rank]] / static_cast<double>(rank + 1));
      running = std::min(running, scaled);
      adjusted[order[rank]] = running;
    }
  }
  // Ties: Holm's step-down gives a later equal p-value a smaller factor but the running maximum
  // lifts it to the first one's value, and BH's running minimum brings the earlier ones down to the
  // last one's, so equal p-values already share one adjusted value.
  return adjusted;
}

}  // namespace evident
