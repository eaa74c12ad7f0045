#include "io/output/baseline_output.h"

#include <gtest/gtest.h>

#include <sstream>

namespace evident::io {
namespace {

BaselineReport made_report() {
  BaselineReport report;
  report.output = "base.json";
  report.baseline.sources = {{"run.json", "aa"}};
  report.baseline.entries = {BaselineEntry{MetricId{"s", "b", "time"}, "ms", Better::lower, {1, 2}, std::nullopt}};
  return report;
}

std::string text_of(const BaselineReport& report) {
  std::ostringstream out;
  render_baseline_text(
      out, report, [&](const std::vector<Diagnostic>& problems) { out << "[" << problems.size() << " problems]\n"; });
  return out.str();
}

Diagnostic error(bool cannot_run) {
  Diagnostic diagnostic;
  diagnostic.code = "x";
  diagnostic.cannot_run = cannot_run;
  return diagnostic;
}

TEST(BaselineText, SaysWhatWasWritten) {
  BaselineReport report = made_report();
  report.written = true;
  EXPECT_EQ(text_of(report), "wrote base.json: 1 metric from 1 evidence file\n");
}

TEST(BaselineText, PrintsTheDiffBeforeWhatWasWritten) {
  BaselineReport report = made_report();
  report.replaces = true;
  report.changes =
      std::vector<BaselineChange>{{"s/b/time", 1.0, 1.5, "+50.00%"}, {"s/c/time", std::nullopt, 2.0, "new"}};
  EXPECT_EQ(text_of(report),
            "changes against the existing baseline:\n"
            "  s/b/time: 1 -> 1.5 (+50.00%)\n"
            "  s/c/time: - -> 2 (new)\n");
  report.changes = std::vector<BaselineChange>{};
  report.written = true;
  EXPECT_EQ(text_of(report),
            "changes against the existing baseline:\n"
            "  (no metric changed)\n"
            "wrote base.json: 1 metric from 1 evidence file\n");
}

TEST(BaselineText, AnUnreadableExistingBaselineHasNoDiff) {
  BaselineReport report = made_report();
  report.replaces = true;
  EXPECT_EQ(text_of(report), "base.json exists but is not a readable baseline; no diff shown\n");
}

TEST(BaselineText, SaysWhyNoBaselineWasWritten) {
  BaselineReport report;
  report.output = "base.json";
  EXPECT_EQ(text_of(report), "[0 problems]\nno baseline written: the evidence holds no metric\n");
  report.problems = {error(false)};
  EXPECT_EQ(text_of(report), "[1 problems]\nno baseline written: fix the evidence above first\n");
  report.problems = {error(true)};
  EXPECT_EQ(text_of(report), "[1 problems]\n");
}

TEST(BaselineJson, HoldsWhatWasWrittenAndTheChanges) {
  BaselineReport report = made_report();
  report.written = true;
  EXPECT_EQ(baseline_report_json(report).dump(),
            R"({"schema_version":"evident/baseline-result/1","written":true,"output":"base.json","metrics":1,)"
            R"("sources":[{"path":"run.json","sha256":"aa"}],"diagnostics":[]})");
  report.changes = std::vector<BaselineChange>{{"s/b/time", std::nullopt, 1.5, "new"}};
  EXPECT_EQ(baseline_report_json(report)["changes"].dump(),
            R"([{"id":"s/b/time","before":null,"after":1.5,"change":"new"}])");
}

}  // namespace
}  // namespace evident::io
