#include "io/report/svg_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <utility>

#include "core/text.h"
#include "io/report/markup_escape.h"

namespace evident::io {
namespace {

constexpr double kWidth = 320;
constexpr double kHeight = 44;
constexpr double kLeft = 16;  // the plot leaves room at both ends for a marker and an arrow
constexpr double kRight = 304;
constexpr double kAxisY = 22;
// The width a label of a value may take at the font size of 9: "min -123456789012345", the longest
// a number prints (format_number), is about 120 wide in a sans-serif font.
constexpr double kLabelRoom = 130;

constexpr std::string_view kPassColour = "#1a7f37";
constexpr std::string_view kFailColour = "#cf222e";
constexpr std::string_view kInkColour = "#57606a";
constexpr std::string_view kBandColour = "#d8eedd";
constexpr std::string_view kAxisColour = "#d0d7de";

std::optional<double> finite(std::optional<double> value) {
  if (!value || !std::isfinite(*value)) return std::nullopt;
  return *value + 0.0;  // -0 becomes 0, so no label reads "-0"
}

// baseline + allowed overflows to infinity near DBL_MAX; the chart draws it at the largest value.
double saturate(double value) {
  return std::clamp(value, std::numeric_limits<double>::lowest(), std::numeric_limits<double>::max());
}

// Two decimals at most, without trailing zeros: "16", "22.5", never "-0".
std::string coordinate(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", value);
  std::string result = text;
  while (result.back() == '0') result.pop_back();
  if (result.back() == '.') result.pop_back();
  if (result == "-0") result = "0";
  return result;
}

std::string label(double value) { return format_number(value + 0.0); }

// Maps the span of the given finite values onto [from, to]. It works on halves so that the span
// of two huge values of opposite sign cannot overflow; all values equal map to the middle.
class Scale {
 public:
  Scale(const std::vector<double>& values, double from, double to) : from_(from), to_(to) {
    if (values.empty()) return;
    const auto [low, high] = std::minmax_element(values.begin(), values.end());
    low_half_ = *low / 2;
    half_span_ = *high / 2 - *low / 2;
  }

  double operator()(double value) const {
    if (!(half_span_ > 0)) return (from_ + to_) / 2;
    const double fraction = std::clamp((saturate(value) / 2 - low_half_) / half_span_, 0.0, 1.0);
    return from_ + fraction * (to_ - from_);
  }

 private:
  double from_;
  double to_;
  double low_half_ = 0;
  double half_span_ = 0;
};

class Svg {
 public:
  explicit Svg(std::string_view title) {
    text_ = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" class=\"evident-chart\" width=\"" +
            coordinate(kWidth) + "\" height=\"" + coordinate(kHeight) + "\" viewBox=\"0 0 " + coordinate(kWidth) + " " +
            coordinate(kHeight) + "\" font-family=\"sans-serif\" font-size=\"9\"><title>" + escape_html(title) +
            "</title>";
  }

  void line(double x1, double y1, double x2, double y2, std::string_view colour, std::string_view extra = "") {
    text_ += "<line x1=\"" + coordinate(x1) + "\" y1=\"" + coordinate(y1) + "\" x2=\"" + coordinate(x2) + "\" y2=\"" +
             coordinate(y2) + "\" stroke=\"" + std::string(colour) + "\"" + std::string(extra) + "/>";
  }

  void band(double x1, double x2, double y, double height) {
    const double left = std::min(x1, x2);
    text_ += "<rect x=\"" + coordinate(left) + "\" y=\"" + coordinate(y) + "\" width=\"" +
             coordinate(std::max(x1, x2) - left) + "\" height=\"" + coordinate(height) + "\" fill=\"" +
             std::string(kBandColour) + "\"/>";
  }

  // A triangle at the edge pointing outwards: the range goes on beyond the chart.
  void arrow(bool to_the_left) {
    const double tip = to_the_left ? 2 : kWidth - 2;
    const double base = to_the_left ? 8 : kWidth - 8;
    text_ += "<polygon points=\"" + coordinate(tip) + "," + coordinate(kAxisY) + " " + coordinate(base) + "," +
             coordinate(kAxisY - 5) + " " + coordinate(base) + "," + coordinate(kAxisY + 5) + "\" fill=\"" +
             std::string(kInkColour) + "\"/>";
  }

  // A dot when the value passed, a cross when it failed: the shape says it, not only the colour.
  void marker(double x, double y, double size, bool failed) {
    if (failed) {
      const std::string_view thick = " stroke-width=\"2\"";
      line(x - size, y - size, x + size, y + size, kFailColour, thick);
      line(x - size, y + size, x + size, y - size, kFailColour, thick);
    } else {
      text_ += "<circle cx=\"" + coordinate(x) + "\" cy=\"" + coordinate(y) + "\" r=\"" + coordinate(size) +
               "\" fill=\"" + std::string(kPassColour) + "\"/>";
    }
  }

  void text(double x, double y, std::string_view anchor, std::string_view content) {
    text_ += "<text x=\"" + coordinate(x) + "\" y=\"" + coordinate(y) + "\" text-anchor=\"" + std::string(anchor) +
             "\" fill=\"" + std::string(kInkColour) + "\">" + escape_html(content) + "</text>";
  }

  void polyline(std::string_view points) {
    text_ += "<polyline points=\"" + std::string(points) + "\" fill=\"none\" stroke=\"" + std::string(kInkColour) +
             "\" stroke-width=\"1.5\"/>";
  }

  std::string finish() && { return std::move(text_) + "</svg>"; }

 private:
  std::string text_;
};

// Labels near an end of the line grow inwards, so they stay inside the chart.
std::string_view anchor_at(double x) {
  if (x < 70) return "start";
  if (x > kWidth - 70) return "end";
  return "middle";
}

}  // namespace

std::string svg_regression_chart(std::optional<double> baseline, std::optional<double> current,
                                 std::optional<double> allowed, bool higher_is_better, bool failed,
                                 std::string_view title) {
  baseline = finite(baseline);
  current = finite(current);
  allowed = finite(allowed);
  if (!baseline && !current) return "";

  std::vector<double> domain;
  std::optional<double> band_low;
  std::optional<double> band_high;
  if (baseline) {
    domain.push_back(*baseline);
    if (allowed) {
      band_low = saturate(*baseline - std::fabs(*allowed));
      band_high = saturate(*baseline + std::fabs(*allowed));
      domain.push_back(*band_low);
      domain.push_back(*band_high);
    }
  }
  if (current) domain.push_back(*current);
  const Scale x(domain, kLeft, kRight);

  Svg svg(title);
  if (band_low && band_high) {
    svg.band(x(*band_low), x(*band_high), kAxisY - 7, 14);
    const double limit = x(higher_is_better ? *band_low : *band_high);
    svg.line(limit, kAxisY - 9, limit, kAxisY + 9, kFailColour, " stroke-dasharray=\"2 2\"");
  }
  svg.line(kLeft, kAxisY, kRight, kAxisY, kAxisColour);
  if (baseline) {
    const double tick = x(*baseline);
    svg.line(tick, kAxisY - 9, tick, kAxisY + 9, kInkColour, " stroke-width=\"2\"");
    svg.text(tick, 10, anchor_at(tick), "baseline " + label(*baseline));
  }
  if (current) {
    const double dot = x(*current);
    svg.marker(dot, kAxisY, 4, failed);
    svg.text(dot, 41, anchor_at(dot), "current " + label(*current));
  }
  return std::move(svg).finish();
}

std::string svg_budget_chart(std::optional<double> observed, std::optional<double> min, std::optional<double> max,
                             bool failed, std::string_view title) {
  observed = finite(observed);
  min = finite(min);
  max = finite(max);
  if (!observed && !min && !max) return "";

  std::vector<double> domain;
  for (const std::optional<double>& value : {observed, min, max}) {
    if (value) domain.push_back(*value);
  }
  const Scale x(domain, kLeft, kRight);

  Svg svg(title);
  if (min || max) {
    svg.band(min ? x(*min) : 0, max ? x(*max) : kWidth, kAxisY - 7, 14);
  }
  svg.line(kLeft, kAxisY, kRight, kAxisY, kAxisColour);
  // The labels of min and max share the lower row. When the observed value lies far outside the
  // range, both ticks crowd at one end and their labels would overlap: the bound farther from the
  // observed value takes the upper row instead, whose other end holds the observed value's label.
  const bool crowded = min && max && observed && std::fabs(x(*max) - x(*min)) < kLabelRoom;
  const double min_row = crowded && *observed > *max ? 10 : 41;
  const double max_row = crowded && *observed < *min ? 10 : 41;
  if (min) {
    const double tick = x(*min);
    svg.line(tick, kAxisY - 9, tick, kAxisY + 9, kInkColour);
    svg.text(tick, min_row, tick > 70 ? "end" : "start", "min " + label(*min));
  } else if (max) {
    svg.arrow(true);
  }
  if (max) {
    const double tick = x(*max);
    svg.line(tick, kAxisY - 9, tick, kAxisY + 9, kInkColour);
    svg.text(tick, max_row, tick < kWidth - 70 ? "start" : "end", "max " + label(*max));
  } else if (min) {
    svg.arrow(false);
  }
  if (observed) {
    const double dot = x(*observed);
    svg.marker(dot, kAxisY, 4, failed);
    svg.text(dot, 10, anchor_at(dot), "observed " + label(*observed));
  }
  return std::move(svg).finish();
}

std::string svg_sparkline(const std::vector<double>& values, bool failed, std::string_view title,
                          const std::vector<Shift>& shifts) {
  std::vector<double> points;
  for (const double value : values) {
    if (std::isfinite(value)) points.push_back(value + 0.0);
  }
  if (points.empty()) return "";
  if (points.size() != values.size()) return svg_sparkline(points, failed, title, {});  // the places moved

  // The line takes the left part; the labels of the extremes sit on the right.
  constexpr double kPlotLeft = 8;
  constexpr double kPlotRight = 224;
  const Scale y(points, 38, 6);  // larger values higher up
  const auto x = [&](std::size_t index) {
    if (points.size() == 1) return (kPlotLeft + kPlotRight) / 2;
    return kPlotLeft + static_cast<double>(index) * (kPlotRight - kPlotLeft) / static_cast<double>(points.size() - 1);
  };

  Svg svg(title);
  // A change point is a dashed vertical line just before the first run after the shift, drawn
  // first so the trend stays on top; a shift to worse is in the colour of failure and thicker.
  for (const Shift& shift : shifts) {
    if (shift.index == 0 || shift.index >= points.size()) continue;
    const double at = (x(shift.index - 1) + x(shift.index)) / 2;
    svg.line(at, 2, at, kHeight - 2, shift.worse ? kFailColour : kInkColour,
             shift.worse ? " stroke-width=\"2\" stroke-dasharray=\"3 2\"" : " stroke-dasharray=\"3 2\"");
  }
  if (points.size() > 1) {
    std::string coordinates;
    for (std::size_t index = 0; index < points.size(); ++index) {
      if (index > 0) coordinates += ' ';
      coordinates += coordinate(x(index)) + "," + coordinate(y(points[index]));
    }
    svg.polyline(coordinates);
  }
  const auto [low, high] = std::minmax_element(points.begin(), points.end());
  svg.text(kWidth - 4, 13, "end", "max " + label(*high));
  svg.text(kWidth - 4, 39, "end", "min " + label(*low));
  svg.marker(x(points.size() - 1), y(points.back()), 3, failed);
  return std::move(svg).finish();
}

}  // namespace evident::io
