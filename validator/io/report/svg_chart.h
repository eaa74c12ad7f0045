#pragma once
// Small inline SVG charts for the HTML report: a gated metric against its baseline, a metric
// against its budget, a metric's history. Each is one self-contained <svg> element with a <title>,
// presentation attributes only (no style attribute, script, font or link), so a page whose Content
// Security Policy forbids everything but inline styles still shows it. The pixel size is fixed, its
// labels 9 px at that size; the element carries class="evident-chart" for the page's CSS (the
// report's keeps it at least that wide on a screen). The <title> is the name escaped as all text of
// an HTML page (escape_html), so a line break in it stays one.
//
// Values that are NaN or infinite count as missing. Coordinates are printed with two decimals at
// most, never "-0", so the same input always gives the same bytes.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace evident::io {

// A number line with the tolerance band [baseline - allowed, baseline + allowed] shaded, the limit
// that fails dashed (below the band when higher is better, above it otherwise), a baseline tick and
// the current value: a dot when it passed, a cross when it failed. "" when neither baseline nor
// current is given.
std::string svg_regression_chart(std::optional<double> baseline, std::optional<double> current,
                                 std::optional<double> allowed, bool higher_is_better, bool failed,
                                 std::string_view title);

// The allowed range [min, max] shaded, an open side drawn to the edge with an arrow, and the
// observed value as a dot (passed) or a cross (failed). "" when nothing is given.
std::string svg_budget_chart(std::optional<double> observed, std::optional<double> min, std::optional<double> max,
                             bool failed, std::string_view title);

// A change point on a trend: the index of the first value after the shift, and whether it is worse.
struct Shift {
  std::size_t index = 0;
  bool worse = false;
};

// A line through the values in order, the last one marked (a cross when failed), labelled with the
// smallest and largest value, and a dashed vertical line before each shift (thick and in the colour
// of failure when worse). One value is a dot; "" when there is none.
std::string svg_sparkline(const std::vector<double>& values, bool failed, std::string_view title,
                          const std::vector<Shift>& shifts = {});

}  // namespace evident::io
