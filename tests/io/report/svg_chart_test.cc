#include "io/report/svg_chart.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace evident::io {
namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kMax = std::numeric_limits<double>::max();
constexpr double kTiny = std::numeric_limits<double>::denorm_min();

const std::string kOpen =
    "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" class=\"evident-chart\" width=\"320\" height=\"44\" "
    "viewBox=\"0 0 320 44\" font-family=\"sans-serif\" font-size=\"9\"><title>t</title>";

// Everything a chart must never contain: a number that is not one, a negative zero, anything that
// runs or loads.
void expect_clean(const std::string& svg) {
  for (const char* bad :
       {"nan", "inf", "NaN", "Inf", "-0 ", "-0\"", "-0,", "-0<", "<script", "href", "style=", "url("}) {
    EXPECT_EQ(svg.find(bad), std::string::npos) << bad << " in " << svg;
  }
}

TEST(SvgRegressionChart, DrawsBandBaselineAndFailedCurrent) {
  EXPECT_EQ(svg_regression_chart(100, 110, 10, false, true, "t"),
            kOpen +
                "<rect x=\"16\" y=\"15\" width=\"288\" height=\"14\" fill=\"#d8eedd\"/>"
                "<line x1=\"304\" y1=\"13\" x2=\"304\" y2=\"31\" stroke=\"#cf222e\" stroke-dasharray=\"2 2\"/>"
                "<line x1=\"16\" y1=\"22\" x2=\"304\" y2=\"22\" stroke=\"#d0d7de\"/>"
                "<line x1=\"160\" y1=\"13\" x2=\"160\" y2=\"31\" stroke=\"#57606a\" stroke-width=\"2\"/>"
                "<text x=\"160\" y=\"10\" text-anchor=\"middle\" fill=\"#57606a\">baseline 100</text>"
                "<line x1=\"300\" y1=\"18\" x2=\"308\" y2=\"26\" stroke=\"#cf222e\" stroke-width=\"2\"/>"
                "<line x1=\"300\" y1=\"26\" x2=\"308\" y2=\"18\" stroke=\"#cf222e\" stroke-width=\"2\"/>"
                "<text x=\"304\" y=\"41\" text-anchor=\"end\" fill=\"#57606a\">current 110</text>"
                "</svg>");
}

TEST(SvgRegressionChart, DrawsPassedCurrentAsDotWithoutBand) {
  EXPECT_EQ(svg_regression_chart(10, 20, std::nullopt, true, false, "t"),
            kOpen +
                "<line x1=\"16\" y1=\"22\" x2=\"304\" y2=\"22\" stroke=\"#d0d7de\"/>"
                "<line x1=\"16\" y1=\"13\" x2=\"16\" y2=\"31\" stroke=\"#57606a\" stroke-width=\"2\"/>"
                "<text x=\"16\" y=\"10\" text-anchor=\"start\" fill=\"#57606a\">baseline 10</text>"
                "<circle cx=\"304\" cy=\"22\" r=\"4\" fill=\"#1a7f37\"/>"
                "<text x=\"304\" y=\"41\" text-anchor=\"end\" fill=\"#57606a\">current 20</text>"
                "</svg>");
}

TEST(SvgRegressionChart, MarksTheLowerLimitWhenHigherIsBetter) {
  const std::string svg = svg_regression_chart(100, 95, 10, true, false, "t");
  EXPECT_NE(svg.find("<line x1=\"16\" y1=\"13\" x2=\"16\" y2=\"31\" stroke=\"#cf222e\""), std::string::npos);
}

TEST(SvgRegressionChart, IsEmptyWithNothingToDraw) {
  EXPECT_EQ(svg_regression_chart(std::nullopt, std::nullopt, 5, true, false, "t"), "");
  EXPECT_EQ(svg_regression_chart(kNan, kInf, 5, true, false, "t"), "");
}

TEST(SvgRegressionChart, PlacesEqualValuesInTheMiddle) {
  const std::string svg = svg_regression_chart(0, 0, 0, true, false, "t");
  EXPECT_NE(svg.find("<circle cx=\"160\" cy=\"22\""), std::string::npos);
  EXPECT_NE(svg.find("baseline 0<"), std::string::npos);
  expect_clean(svg);
}

TEST(SvgRegressionChart, DrawsDegenerateInputsCleanly) {
  const std::vector<std::optional<double>> values = {std::nullopt, 0.0,   -0.0,  1.0,  -1.0, 1e-300, -1e300,
                                                     kMax,         -kMax, kTiny, kNan, kInf, -kInf};
  for (const auto& baseline : values) {
    for (const auto& current : values) {
      for (const auto& allowed : values) {
        for (const bool failed : {false, true}) {
          expect_clean(svg_regression_chart(baseline, current, allowed, failed, failed, "t"));
        }
      }
    }
  }
}

TEST(SvgBudgetChart, DrawsClosedRangeAndPassedObservation) {
  EXPECT_EQ(svg_budget_chart(5, 0, 10, false, "t"),
            kOpen +
                "<rect x=\"16\" y=\"15\" width=\"288\" height=\"14\" fill=\"#d8eedd\"/>"
                "<line x1=\"16\" y1=\"22\" x2=\"304\" y2=\"22\" stroke=\"#d0d7de\"/>"
                "<line x1=\"16\" y1=\"13\" x2=\"16\" y2=\"31\" stroke=\"#57606a\"/>"
                "<text x=\"16\" y=\"41\" text-anchor=\"start\" fill=\"#57606a\">min 0</text>"
                "<line x1=\"304\" y1=\"13\" x2=\"304\" y2=\"31\" stroke=\"#57606a\"/>"
                "<text x=\"304\" y=\"41\" text-anchor=\"end\" fill=\"#57606a\">max 10</text>"
                "<circle cx=\"160\" cy=\"22\" r=\"4\" fill=\"#1a7f37\"/>"
                "<text x=\"160\" y=\"10\" text-anchor=\"middle\" fill=\"#57606a\">observed 5</text>"
                "</svg>");
}

TEST(SvgBudgetChart, DrawsAnOpenSideToTheEdgeWithAnArrow) {
  const std::string no_max = svg_budget_chart(20, 10, std::nullopt, true, "t");
  EXPECT_NE(no_max.find("<rect x=\"16\" y=\"15\" width=\"304\""), std::string::npos);
  EXPECT_NE(no_max.find("<polygon points=\"318,22 312,17 312,27\""), std::string::npos);
  EXPECT_NE(no_max.find("stroke=\"#cf222e\""), std::string::npos);

  const std::string no_min = svg_budget_chart(std::nullopt, std::nullopt, 3, false, "t");
  EXPECT_NE(no_min.find("<rect x=\"0\" y=\"15\" width=\"160\""), std::string::npos);
  EXPECT_NE(no_min.find("<polygon points=\"2,22 8,17 8,27\""), std::string::npos);
}

// Observed far above a narrow range: min and max crowd at the left end, so the label of min, the
// bound farther from the observed value, takes the upper row, whose right end holds the observed
// value's label; below the range, the label of max does.
TEST(SvgBudgetChart, MovesACrowdedBoundLabelToTheFreeRow) {
  EXPECT_EQ(svg_budget_chart(480, 10, 12, true, "t"),
            kOpen +
                "<rect x=\"16\" y=\"15\" width=\"1.23\" height=\"14\" fill=\"#d8eedd\"/>"
                "<line x1=\"16\" y1=\"22\" x2=\"304\" y2=\"22\" stroke=\"#d0d7de\"/>"
                "<line x1=\"16\" y1=\"13\" x2=\"16\" y2=\"31\" stroke=\"#57606a\"/>"
                "<text x=\"16\" y=\"10\" text-anchor=\"start\" fill=\"#57606a\">min 10</text>"
                "<line x1=\"17.23\" y1=\"13\" x2=\"17.23\" y2=\"31\" stroke=\"#57606a\"/>"
                "<text x=\"17.23\" y=\"41\" text-anchor=\"start\" fill=\"#57606a\">max 12</text>"
                "<line x1=\"300\" y1=\"18\" x2=\"308\" y2=\"26\" stroke=\"#cf222e\" stroke-width=\"2\"/>"
                "<line x1=\"300\" y1=\"26\" x2=\"308\" y2=\"18\" stroke=\"#cf222e\" stroke-width=\"2\"/>"
                "<text x=\"304\" y=\"10\" text-anchor=\"end\" fill=\"#57606a\">observed 480</text>"
                "</svg>");

  const std::string below = svg_budget_chart(-480, 10, 12, true, "t");
  EXPECT_NE(below.find("<text x=\"304\" y=\"10\" text-anchor=\"end\" fill=\"#57606a\">max 12</text>"),
            std::string::npos)
      << below;
  EXPECT_NE(below.find("<text x=\"302.83\" y=\"41\" text-anchor=\"end\" fill=\"#57606a\">min 10</text>"),
            std::string::npos)
      << below;
  EXPECT_NE(below.find("<text x=\"16\" y=\"10\" text-anchor=\"start\" fill=\"#57606a\">observed -480</text>"),
            std::string::npos)
      << below;

  // Far enough apart, both stay on the lower row.
  const std::string apart = svg_budget_chart(30, 10, 20, true, "t");
  EXPECT_NE(apart.find(">min 10</text>"), std::string::npos) << apart;
  EXPECT_EQ(apart.find("y=\"10\" text-anchor=\"start\" fill=\"#57606a\">min"), std::string::npos) << apart;
  EXPECT_EQ(apart.find("y=\"10\" text-anchor=\"end\" fill=\"#57606a\">max"), std::string::npos) << apart;
}

TEST(SvgBudgetChart, IsEmptyWithNothingToDraw) {
  EXPECT_EQ(svg_budget_chart(std::nullopt, std::nullopt, std::nullopt, false, "t"), "");
  EXPECT_EQ(svg_budget_chart(kNan, -kInf, kInf, true, "t"), "");
}

TEST(SvgBudgetChart, DrawsDegenerateInputsCleanly) {
  const std::vector<std::optional<double>> values = {std::nullopt, 0.0,  -0.0,  2.0,   -2.0, 1e-300,
                                                     1e300,        kMax, -kMax, kTiny, kNan, kInf};
  for (const auto& observed : values) {
    for (const auto& min : values) {
      for (const auto& max : values) {
        expect_clean(svg_budget_chart(observed, min, max, true, "t"));
      }
    }
  }
}

TEST(SvgSparkline, DrawsLineWithLastPointAndExtremes) {
  EXPECT_EQ(svg_sparkline({1, 3, 2}, false, "t"),
            kOpen +
                "<polyline points=\"8,38 116,6 224,22\" fill=\"none\" stroke=\"#57606a\" stroke-width=\"1.5\"/>"
                "<text x=\"316\" y=\"13\" text-anchor=\"end\" fill=\"#57606a\">max 3</text>"
                "<text x=\"316\" y=\"39\" text-anchor=\"end\" fill=\"#57606a\">min 1</text>"
                "<circle cx=\"224\" cy=\"22\" r=\"3\" fill=\"#1a7f37\"/>"
                "</svg>");
}

TEST(SvgSparkline, DrawsOneValueAsADot) {
  const std::string svg = svg_sparkline({7}, false, "t");
  EXPECT_EQ(svg.find("<polyline"), std::string::npos);
  EXPECT_NE(svg.find("<circle cx=\"116\" cy=\"22\" r=\"3\""), std::string::npos);
}

TEST(SvgSparkline, IsEmptyWithoutFiniteValues) {
  EXPECT_EQ(svg_sparkline({}, false, "t"), "");
  EXPECT_EQ(svg_sparkline({kNan, kInf, -kInf}, true, "t"), "");
}

TEST(SvgSparkline, DrawsDegenerateInputsCleanly) {
  expect_clean(svg_sparkline({5, 5, 5, 5}, true, "t"));
  expect_clean(svg_sparkline({kMax, -kMax, kTiny, -0.0, kNan}, true, "t"));
  expect_clean(svg_sparkline({-0.0, 0.0}, false, "t"));
  expect_clean(svg_sparkline({1e-300, 2e-300, kInf, 1e-300}, false, "t"));
}

TEST(SvgChart, EscapesAHostileTitle) {
  const std::string hostile = "<script>alert(1)</script>|x\"'&";
  const std::string escaped = "<title>&lt;script&gt;alert(1)&lt;/script&gt;|x&quot;&#39;&amp;</title>";
  for (const std::string& svg : {svg_regression_chart(1, 2, 1, true, true, hostile),
                                 svg_budget_chart(1, 0, 2, false, hostile), svg_sparkline({1, 2}, false, hostile)}) {
    EXPECT_NE(svg.find(escaped), std::string::npos) << svg;
    EXPECT_EQ(svg.find("<script"), std::string::npos) << svg;
    EXPECT_EQ(svg.find("</script"), std::string::npos) << svg;
  }
}

// The title is escaped as every text of the HTML page: other control characters and the
// bidirectional controls become '?'.
TEST(SvgChart, ReplacesControlCharactersInTheTitle) {
  const std::string svg = svg_sparkline({1}, false,
                                        std::string("a\0b\x1b\xe2\x80\xae"
                                                    "c",
                                                    8));
  EXPECT_NE(svg.find("<title>a?b??c</title>"), std::string::npos) << svg;
}

// A line break in a name stays a line break of the tooltip: LF as it is (XML allows it in text),
// tab and CR too.
TEST(SvgChart, KeepsALineBreakInTheTitle) {
  EXPECT_EQ(svg_sparkline({1}, false, "io/parse/wall_time\nafter warm-up\r\n\tx"),
            "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" class=\"evident-chart\" width=\"320\" "
            "height=\"44\" viewBox=\"0 0 320 44\" font-family=\"sans-serif\" font-size=\"9\">"
            "<title>io/parse/wall_time\nafter warm-up\r\n\tx</title>"
            "<text x=\"316\" y=\"13\" text-anchor=\"end\" fill=\"#57606a\">max 1</text>"
            "<text x=\"316\" y=\"39\" text-anchor=\"end\" fill=\"#57606a\">min 1</text>"
            "<circle cx=\"116\" cy=\"22\" r=\"3\" fill=\"#1a7f37\"/></svg>");
}

}  // namespace
}  // namespace evident::io
