#include "io/report/report_render.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace evident::io {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

json load_result(const std::string& name) {
  std::ifstream in(std::string(EVIDENT_SOURCE_DIR) + "/fixtures/results/" + name, std::ios::binary);
  return json::parse(in);
}

std::string render(const json& result, ReportFormat format, RenderOptions options = {}) {
  return render_report(result, format, options);
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Cell separators of a Markdown table row: '|' not escaped by a backslash.
std::size_t column_bars(const std::string& row) {
  std::size_t bars = 0;
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (row[i] == '\\') {
      ++i;
    } else if (row[i] == '|') {
      ++bars;
    }
  }
  return bars;
}

// Every row of every table has as many columns as the table's header.
void expect_tables_keep_their_columns(const std::string& markdown) {
  std::size_t header_bars = 0;
  for (const std::string& line : lines_of(markdown)) {
    if (line.empty() || line[0] != '|') {
      header_bars = 0;
      continue;
    }
    if (header_bars == 0) header_bars = column_bars(line);
    EXPECT_EQ(column_bars(line), header_bars) << line;
  }
}

// A small well-formedness check for the XML the JUnit template writes: balanced elements, quoted
// attributes, known entities, no raw '<' or "]]>" in text, no control characters.
std::string xml_problem(const std::string& xml) {
  std::vector<std::string> open;
  const auto valid_entity = [&](std::size_t at) {
    const std::size_t end = xml.find(';', at);
    if (end == std::string::npos) return false;
    const std::string name = xml.substr(at + 1, end - at - 1);
    if (name == "amp" || name == "lt" || name == "gt" || name == "quot" || name == "apos") return true;
    if (name.size() < 2 || name[0] != '#') return false;
    for (std::size_t i = 1; i < name.size(); ++i) {
      if (!std::isdigit(static_cast<unsigned char>(name[i]))) return false;
    }
    return true;
  };
  std::size_t i = 0;
  if (xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 0) != 0) return "no XML declaration";
  i = xml.find('\n') + 1;
  while (i < xml.size()) {
    const unsigned char c = static_cast<unsigned char>(xml[i]);
    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') return "control character at " + std::to_string(i);
    if (xml.compare(i, 3, "]]>") == 0) return "]]> in text at " + std::to_string(i);
    if (c == '&') {
      if (!valid_entity(i)) return "bad entity at " + std::to_string(i);
      ++i;
      continue;
    }
    if (c != '<') {
      ++i;
      continue;
    }
    const bool closing = xml[i + 1] == '/';
    std::size_t j = i + (closing ? 2 : 1);
    std::string name;
    while (j < xml.size() && (std::isalnum(static_cast<unsigned char>(xml[j])) || xml[j] == '-')) name += xml[j++];
    if (name.empty()) return "bad tag at " + std::to_string(i);
    if (closing) {
      if (open.empty() || open.back() != name || xml[j] != '>') return "unbalanced </" + name + ">";
      open.pop_back();
      i = j + 1;
      continue;
    }
    while (j < xml.size() && xml[j] != '>' && xml[j] != '/') {
      if (xml[j] == ' ') {
        ++j;
        continue;
      }
      while (j < xml.size() && std::isalpha(static_cast<unsigned char>(xml[j]))) ++j;
      if (xml.compare(j, 2, "=\"") != 0) return "unquoted attribute in <" + name + ">";
      j += 2;
      for (; j < xml.size() && xml[j] != '"'; ++j) {
        if (xml[j] == '<') return "'<' in an attribute of <" + name + ">";
        if (xml[j] == '&' && !valid_entity(j)) return "bad entity in an attribute of <" + name + ">";
      }
      ++j;
    }
    if (xml[j] == '/') {
      i = j + 2;
    } else {
      open.push_back(name);
      i = j + 1;
    }
  }
  return open.empty() ? "" : "unclosed <" + open.back() + ">";
}

// The value of attribute name in the first tag of xml that starts at from.
std::string attribute(const std::string& xml, std::size_t from, const std::string& name) {
  const std::size_t at = xml.find(" " + name + "=\"", from) + name.size() + 3;
  return xml.substr(at, xml.find('"', at) - at);
}

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t found = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++found;
  return found;
}

// A regression result with `metrics` checks over three suites, every other one failed, and the
// first `failures` of those as failures.
json large_result(std::size_t metrics, std::size_t failures) {
  json result = load_result("failed.json");
  const json check = result["regression_checks"][3];
  const json failure = result["failure_diagnostics"][4];
  result["regression_checks"] = json::array();
  result["failure_diagnostics"] = json::array();
  result["metrics"] = json::array();
  for (std::size_t i = 0; i < metrics; ++i) {
    const std::string id = "suite" + std::to_string(i % 3) + "/bench" + std::to_string(i) + "/wall_time";
    json entry = check;
    entry["metric"] = id;
    entry["failed"] = i % 2 == 0;
    result["regression_checks"].push_back(entry);
    if (i >= failures) continue;
    json breach = failure;
    breach["metric"] = id;
    result["failure_diagnostics"].push_back(breach);
  }
  return result;
}

class TemporaryDirectory {
 public:
  TemporaryDirectory() {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = fs::temp_directory_path() / ("evident-report-render-" + std::to_string(::getpid()) + "-" + test->name());
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TemporaryDirectory() { fs::remove_all(path_); }
  TemporaryDirectory(const TemporaryDirectory&) = delete;
  TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;

  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name, std::ios::binary) << text;
    return path_.string();
  }

 private:
  fs::path path_;
};

TEST(ReportFormatFromName, KnowsEveryFormat) {
  EXPECT_EQ(report_format_from_name("markdown"), ReportFormat::markdown);
  EXPECT_EQ(report_format_from_name("summary"), ReportFormat::summary);
  EXPECT_EQ(report_format_from_name("html"), ReportFormat::html);
  EXPECT_EQ(report_format_from_name("junit"), ReportFormat::junit);
  EXPECT_EQ(report_format_from_name("json"), std::nullopt);
  EXPECT_EQ(report_format_from_name("Markdown"), std::nullopt);
}

TEST(RenderMarkdown, PassedResultOpensWithTheVerdict) {
  const std::vector<std::string> lines = lines_of(render(load_result("passed.json"), ReportFormat::markdown));
  ASSERT_GE(lines.size(), 3U);
  EXPECT_EQ(lines[0], "# evident check: PASSED");
  EXPECT_EQ(lines[2], "✅ **PASSED**: 0 errors, 0 warnings; no profile; budget gate, hard-enforced.");
}

TEST(RenderMarkdown, PassedResultHasABudgetTableAndTheIsolatedFile) {
  const std::string markdown = render(load_result("passed.json"), ReportFormat::markdown);
  EXPECT_TRUE(contains(markdown, "## Failures\n\nNone.\n"));
  EXPECT_TRUE(contains(markdown,
                       "### suite engine\n\n"
                       "| metric | stat | observed | min | max | verdict |\n"
                       "|---|---|--:|--:|--:|---|\n"
                       "| matmul-f32/allocs\\_per\\_op (count) | value | 12 | 0 | 16 | pass |\n"
                       "| matmul-f32/wall\\_time (s) | p95 | 0.1019 | - | 0.11 | pass |\n"));
  EXPECT_TRUE(
      contains(markdown, "- bench/results/run.json: claimed isolated\\_affinity, derived isolated\\_affinity\n"));
  EXPECT_FALSE(contains(markdown, "## Rolling"));
  EXPECT_FALSE(contains(markdown, "\n\n\n"));
}

TEST(RenderMarkdown, FailedResultListsEveryFailureWithHintAndContext) {
  const std::string markdown = render(load_result("failed.json"), ReportFormat::markdown);
  EXPECT_TRUE(contains(markdown, "❌ **FAILED**: 5 errors, 1 warning; profile ci; regression gate, hard-enforced.\n"));
  EXPECT_TRUE(contains(markdown,
                       "- **error** gate.regression · engine/matmul-f32/wall\\_time · bench/results/run-a.json:21: "
                       "engine/matmul-f32/wall\\_time: regression: baseline 0.101 s, current 0.12 s (+18.8119%), "
                       "allowed 0.00505 s\n"
                       "  - hint: rerun to rule out noise, or accept the change: evident baseline "
                       "bench/results/run-a.json --output bench/baseline.json --force\n"
                       "  - observed 0.12; threshold 0.10605; evidence classified isolated\\_affinity\n"));
  EXPECT_TRUE(contains(markdown,
                       "- **error** schema.type · bench/results/broken.json:17: expected a number, found a string\n"
                       "- **error** classification.over\\_claim"));
}

TEST(RenderMarkdown, FailedResultHasOneRegressionTablePerSuite) {
  const std::string markdown = render(load_result("failed.json"), ReportFormat::markdown);
  EXPECT_TRUE(
      contains(markdown,
               "### suite engine, run bench/results/run-a.json (2026-11-20T10:15:00Z)\n\n"
               "| metric | baseline | current | change | allowed | p | p adj | verdict |\n"
               "|---|--:|--:|--:|--:|--:|--:|---|\n"
               "| conv2d/allocs\\_per\\_op (count) | 8 | - | - | - | - | - | **missing** |\n"
               "| conv2d/wall\\_time (s) | 0.5 | 0.5 | +0.00% | ±0.025 | 0.8 | - | pass |\n"
               "| matmul-f32/throughput (ops/s) | 1000 | 1250 | +25.00% | ±50 | 0.1 | - | improvement |\n"
               "| matmul-f32/wall\\_time (s) | 0.101 | 0.12 | +18.81% | ±0.00505 | 0.1 | - | **regression** |\n\n"
               "### suite io, run bench/results/run-b.json\n"));
  EXPECT_TRUE(contains(markdown, "| parse-json/wall\\_time (ms) | - | 4.2 | - | - | - | - | new |\n"));
}

TEST(RenderMarkdown, FailedResultHasClassificationInvalidFilesAndRolling) {
  const std::string markdown = render(load_result("failed.json"), ReportFormat::markdown);
  EXPECT_TRUE(contains(markdown,
                       "- bench/results/run-b.json: claimed isolated\\_affinity, derived functional\\_non\\_isolated: "
                       "**over-claimed**\n"
                       "  - runner.not\\_self\\_hosted: observed false, required true\n"
                       "  - governor.not\\_performance: observed \"ondemand\", required \"performance\"\n"));
  EXPECT_TRUE(contains(markdown,
                       "- bench/results/broken.json (evidence)\n"
                       "  - **error** schema.required · bench/results/broken.json:14:9: missing required property "
                       "\"unit\" (hint: add \"unit\": \"s\")\n"));
  EXPECT_TRUE(
      contains(markdown, "| engine/matmul-f32/wall\\_time (s) | 5 | 15 | 0.108 | 0.0081 | 7.5 | 0.105 | **OVER** |\n"));
}

TEST(RenderMarkdown, RollingHeadingCountsRunsInWordsThatAgree) {
  json result = load_result("failed.json");
  EXPECT_TRUE(contains(render(result, ReportFormat::markdown),
                       "History bench/history: last 5 runs (5 runs in the history, skipped: 0"));
  result["rolling"]["window"] = 1;
  result["rolling"]["history_runs"] = 1;
  EXPECT_TRUE(contains(render(result, ReportFormat::markdown),
                       "History bench/history: last 1 run (1 run in the history, skipped: 0"));
  EXPECT_TRUE(contains(render(result, ReportFormat::html), ": last 1 run (1 run in the history, skipped: 0"));
}

TEST(RenderMarkdown, HostileNamesCannotFormMarkupOrBreakTables) {
  for (const ReportFormat format : {ReportFormat::markdown, ReportFormat::summary}) {
    const std::string markdown = render(load_result("hostile.json"), format);
    EXPECT_FALSE(contains(markdown, "<script>"));
    EXPECT_FALSE(contains(markdown, "</script>"));
    EXPECT_TRUE(contains(markdown, "&lt;script&gt;alert(1)&lt;/script&gt;\\|x \\`tick\\` &amp;"));
    EXPECT_TRUE(contains(markdown, "\\]\\]&gt; \\*\\_\\~\\# line break"));
    EXPECT_FALSE(contains(markdown, "[link]"));
    expect_tables_keep_their_columns(markdown);
  }
}

TEST(RenderSummary, SmallResultIsTheFullSummary) {
  const std::string summary = render(load_result("failed.json"), ReportFormat::summary);
  EXPECT_EQ(lines_of(summary)[0], "### evident check: ❌ FAILED");
  EXPECT_FALSE(contains(summary, "Shortened"));
  EXPECT_TRUE(
      contains(summary, "| matmul-f32/wall\\_time | 0.101 | 0.12 | +18.81% | ±0.00505 | 0.1 | - | **regression** |\n"));
  EXPECT_TRUE(contains(summary, "| bench/results/broken.json | evidence | 2 |\n"));
}

TEST(RenderSummary, LimitEqualToTheFullSizeCutsNothing) {
  const json result = load_result("failed.json");
  const std::string full = render(result, ReportFormat::summary);
  EXPECT_EQ(render(result, ReportFormat::summary, {"", full.size()}), full);
  EXPECT_NE(render(result, ReportFormat::summary, {"", full.size() - 1}), full);
}

TEST(RenderSummary, LargeResultIsCutFromItsTablesWithANote) {
  const json result = large_result(5000, 10);
  const std::string summary = render(result, ReportFormat::summary, {"", 30000});
  EXPECT_LE(summary.size(), 30000U);
  EXPECT_TRUE(contains(summary, "> **Shortened to fit 30000 bytes.** The full report: out/check.html.\n"));
  // Three suites of 1667, 1667 and 1666 rows are cut to the same size, so each loses rows.
  EXPECT_TRUE(contains(summary, "> - suite suite0: "));
  EXPECT_TRUE(contains(summary, "> - suite suite1: "));
  EXPECT_TRUE(contains(summary, "> - suite suite2: "));
  EXPECT_TRUE(contains(summary, " of 1667 rows not shown\n"));
  EXPECT_FALSE(contains(summary, "failures: "));  // every failure still fits
  expect_tables_keep_their_columns(summary);
}

TEST(RenderSummary, KeptRowsAreTheFailedOnesFirst) {
  const std::string summary = render(large_result(5000, 10), ReportFormat::summary, {"", 30000});
  EXPECT_GT(count(summary, "**regression** |"), 0U);
  EXPECT_EQ(count(summary, " | regression |"), 0U);  // passing rows go before any failed row
}

TEST(RenderSummary, FailuresAreCutWhenTablesAreNotEnough) {
  const std::string summary = render(large_result(5000, 2500), ReportFormat::summary, {"", 2000});
  EXPECT_LE(summary.size(), 2000U);
  EXPECT_TRUE(contains(summary, "> - failures: "));
  EXPECT_TRUE(contains(summary, " of 2500 not shown\n"));
  EXPECT_TRUE(contains(summary, "rows not shown"));
}

TEST(RenderSummary, NeverExceedsTheLimit) {
  const json result = large_result(300, 150);
  for (const std::size_t limit : {0UL, 1UL, 40UL, 100UL, 500UL, 2000UL, 20000UL}) {
    EXPECT_LE(render(result, ReportFormat::summary, {"", limit}).size(), limit) << limit;
  }
  const json hostile = load_result("hostile.json");
  for (std::size_t limit = 0; limit < 1200; limit += 7) {
    EXPECT_LE(render(hostile, ReportFormat::summary, {"", limit}).size(), limit) << limit;
  }
}

TEST(RenderSummary, NamesTheJsonResultWhenNoOtherReportIsWritten) {
  json result = large_result(300, 0);
  result["config"]["reports"] = {{"markdown", nullptr}, {"html", nullptr}, {"json", nullptr}, {"junit", nullptr}};
  EXPECT_TRUE(contains(render(result, ReportFormat::summary, {"", 5000}), "The full report: the JSON result."));
  result["config"]["reports"]["markdown"] = "out/check.md";
  EXPECT_TRUE(contains(render(result, ReportFormat::summary, {"", 5000}), "The full report: out/check.md."));
}

TEST(RenderJunit, CountsAddUp) {
  const std::string xml = render(load_result("failed.json"), ReportFormat::junit);
  EXPECT_EQ(xml_problem(xml), "");
  EXPECT_EQ(attribute(xml, 0, "tests"), "14");
  EXPECT_EQ(attribute(xml, 0, "failures"), "5");
  EXPECT_EQ(count(xml, "<testcase "), 14U);
  EXPECT_EQ(count(xml, "<failure "), 5U);
  std::size_t tests = 0;
  std::size_t failures = 0;
  for (std::size_t at = xml.find("<testsuite "); at != std::string::npos; at = xml.find("<testsuite ", at + 1)) {
    const std::size_t end = xml.find("</testsuite>", at);
    const std::string suite = xml.substr(at, end - at);
    EXPECT_EQ(attribute(suite, 0, "tests"), std::to_string(count(suite, "<testcase ")));
    EXPECT_EQ(attribute(suite, 0, "failures"), std::to_string(count(suite, "<failure ")));
    tests += count(suite, "<testcase ");
    failures += count(suite, "<failure ");
  }
  EXPECT_EQ(tests, 14U);
  EXPECT_EQ(failures, 5U);
  EXPECT_FALSE(contains(xml, "time="));
}

TEST(RenderJunit, GatedMetricIsATestCaseOfItsSuite) {
  const std::string xml = render(load_result("failed.json"), ReportFormat::junit);
  EXPECT_TRUE(
      contains(xml,
               "<testsuites name=\"evident\" tests=\"14\" failures=\"5\" errors=\"0\">\n"
               "  <testsuite name=\"engine (run bench/results/run-a.json)\" tests=\"4\" failures=\"2\" errors=\"0\" "
               "skipped=\"0\">\n"
               "    <testcase classname=\"engine/conv2d\" name=\"allocs_per_op\">\n"
               "      <failure message=\"engine/conv2d/allocs_per_op: missing: in the baseline but not in this "
               "run\" type=\"gate.missing\">"));
  EXPECT_TRUE(contains(xml, "    <testcase classname=\"engine/conv2d\" name=\"wall_time\">\n    </testcase>\n"));
}

TEST(RenderJunit, SoftEnforcedBreachIsOutputNotAFailure) {
  const std::string xml = render(load_result("failed.json"), ReportFormat::junit);
  EXPECT_TRUE(contains(xml, "<testsuite name=\"rolling\" tests=\"3\" failures=\"0\" errors=\"0\" skipped=\"0\">"));
  EXPECT_TRUE(contains(xml, "<system-out>warning[rolling.cv_over] (soft-enforced: reported, not failed): "));
}

TEST(RenderJunit, InvalidAndOverClaimedFilesFail) {
  const std::string xml = render(load_result("failed.json"), ReportFormat::junit);
  EXPECT_TRUE(contains(xml, "<testsuite name=\"classification\" tests=\"3\" failures=\"2\""));
  EXPECT_TRUE(contains(xml, "<testsuite name=\"validation\" tests=\"3\" failures=\"1\""));
  EXPECT_TRUE(contains(xml, "type=\"classification.over_claim\">"));
  EXPECT_TRUE(contains(xml,
                       "<failure message=\"missing required property &quot;unit&quot;\" type=\"schema.required\">"
                       "error[schema.required] bench/results/broken.json:14:9: missing required property "
                       "&quot;unit&quot;&#10;  hint: add &quot;unit&quot;: &quot;s&quot;&#10;error[schema.type]"));
}

TEST(RenderJunit, HostileNamesStayWellFormed) {
  const std::string xml = render(load_result("hostile.json"), ReportFormat::junit);
  EXPECT_EQ(xml_problem(xml), "");
  EXPECT_FALSE(contains(xml, "<script"));
  EXPECT_TRUE(contains(xml,
                       "&lt;script&gt;alert(1)&lt;/script&gt;|x `tick` &amp; &quot;dq&quot; &#39;sq&#39; ]]&gt; "
                       "*_~# line&#10;break % : , ?bell"));
}

TEST(RenderJunit, PassedResultHasNoFailure) {
  const std::string xml = render(load_result("passed.json"), ReportFormat::junit);
  EXPECT_EQ(xml_problem(xml), "");
  EXPECT_EQ(attribute(xml, 0, "tests"), "4");
  EXPECT_EQ(attribute(xml, 0, "failures"), "0");
}

TEST(RenderHtml, IsOneSelfContainedPage) {
  const std::string html = render(load_result("failed.json"), ReportFormat::html);
  EXPECT_EQ(html.rfind("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n", 0), 0U);
  EXPECT_TRUE(contains(html, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"));
  EXPECT_TRUE(contains(html,
                       "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                       "style-src 'unsafe-inline'; img-src data:\">"));
  EXPECT_TRUE(contains(html, "@media print"));
  EXPECT_TRUE(contains(html, "<div class=\"scroll\"><table>"));
  EXPECT_FALSE(contains(html, "<script"));
  EXPECT_FALSE(contains(html, "<link"));
  EXPECT_FALSE(contains(html, " src="));
  EXPECT_FALSE(contains(html, "url("));
  EXPECT_FALSE(contains(html, "@import"));
}

TEST(RenderHtml, BannerSaysTheVerdictInWords) {
  EXPECT_TRUE(contains(render(load_result("failed.json"), ReportFormat::html),
                       "<div class=\"banner failed\" role=\"status\"><strong>✗ FAILED</strong> 5 errors, 1 warning;"));
  EXPECT_TRUE(contains(render(load_result("passed.json"), ReportFormat::html),
                       "<div class=\"banner passed\" role=\"status\"><strong>✓ PASSED</strong> 0 errors, 0 warnings;"));
}

TEST(RenderHtml, EveryCheckAndRollingMetricHasAChart) {
  const std::string failed = render(load_result("failed.json"), ReportFormat::html);
  EXPECT_EQ(count(failed, "<svg "), 5U + 3U);  // five regression checks, three rolling metrics
  const std::string passed = render(load_result("passed.json"), ReportFormat::html);
  EXPECT_EQ(count(passed, "<svg "), 2U);  // two budget checks
}

TEST(RenderHtml, HostileNamesAreText) {
  const std::string html = render(load_result("hostile.json"), ReportFormat::html);
  EXPECT_FALSE(contains(html, "<script"));
  EXPECT_TRUE(
      contains(html, "&lt;script&gt;alert(1)&lt;/script&gt;|x `tick` &amp; &quot;dq&quot; &#39;sq&#39; ]]&gt;"));
  EXPECT_FALSE(contains(html, "\xe2\x80\xae"));  // the right-to-left override
}

TEST(RenderReport, SameResultSameBytes) {
  for (const char* name : {"passed.json", "failed.json", "hostile.json"}) {
    const json result = load_result(name);
    for (const ReportFormat format :
         {ReportFormat::markdown, ReportFormat::summary, ReportFormat::html, ReportFormat::junit}) {
      EXPECT_EQ(render(result, format), render(load_result(name), format)) << name;
    }
  }
}

TEST(RenderReport, TemplateDirectoryReplacesOnlyTheTemplatesItHolds) {
  const TemporaryDirectory directory;
  const std::string path = directory.write("report.md.mustache",
                                           "{{verdict}}\n"
                                           "{{#failures}}\n"
                                           "* {{code}}\n"
                                           "{{/failures}}\n"
                                           "{{^failures}}\n"
                                           "nothing\n"
                                           "{{/failures}}\n"
                                           "end\n");
  EXPECT_EQ(render(load_result("passed.json"), ReportFormat::markdown, {path, 1048576}), "passed\nnothing\nend\n");
  EXPECT_EQ(render(load_result("failed.json"), ReportFormat::markdown, {path, 1048576}),
            "failed\n* schema.required\n* schema.type\n* classification.over\\_claim\n* gate.missing\n"
            "* gate.regression\n* rolling.cv\\_over\nend\n");
  EXPECT_EQ(render(load_result("passed.json"), ReportFormat::junit, {path, 1048576}),
            render(load_result("passed.json"), ReportFormat::junit));
}

// The message of the TemplateError that rendering failed.json as JUnit with options throws.
std::string template_error(const RenderOptions& options) {
  try {
    render(load_result("failed.json"), ReportFormat::junit, options);
  } catch (const TemplateError& error) {
    return error.what();
  }
  return "no TemplateError";
}

TEST(RenderReport, InvalidTemplateNamesTheFile) {
  const TemporaryDirectory directory;
  const std::string path = directory.write("junit.xml.mustache", "{{#suites}}never closed\n");
  try {
    render(load_result("passed.json"), ReportFormat::junit, {path, 1048576});
    FAIL() << "no TemplateError";
  } catch (const TemplateError& error) {
    const std::string message = error.what();
    EXPECT_TRUE(contains(message, "junit.xml.mustache: ")) << message;
    EXPECT_TRUE(contains(message, "suites")) << message;
  }
}

// Sections over the same list nested in each other repeat it for every item of each: eight deep
// over the five suites of failed.json, 5^8 lines. The render stops at the bound with an error that
// names the template, whether the bytes come as lines or as values escaped into one line.
TEST(RenderReport, TemplateThatRendersTooMuchStopsAtTheBound) {
  const TemporaryDirectory directory;
  std::string open_sections;
  std::string close_sections;
  for (int depth = 0; depth < 8; ++depth) {
    open_sections += "{{#suites}}";
    close_sections += "{{/suites}}";
  }
  for (const std::string& body : {std::string("x\n"), std::string("{{name}}")}) {
    const std::string path = directory.write("junit.xml.mustache", open_sections + body + close_sections);
    RenderOptions options{path, 1048576};
    options.max_bytes = 100000;
    EXPECT_EQ(template_error(options), (fs::path(path) / "junit.xml.mustache").string() +
                                           ": renders more than 100000 bytes (a section over a list inside a section "
                                           "over the same list repeats it for every item of both)")
        << body;
  }
  // Within the bound the same template renders.
  const std::string path = directory.write("junit.xml.mustache", "{{#suites}}{{#suites}}x\n{{/suites}}{{/suites}}");
  EXPECT_EQ(render(load_result("failed.json"), ReportFormat::junit, {path, 1048576}).size(), 2U * 25U);
}

// Sections that repeat each other without rendering a byte are reckoned before the render: twelve
// deep over the five suites, 5 + 5^2 + ... + 5^12 repeats, stop at once.
TEST(RenderReport, TemplateWhoseSectionsRepeatTooOftenIsRefusedBeforeItRenders) {
  const TemporaryDirectory directory;
  std::string sections;
  for (int depth = 0; depth < 12; ++depth) sections.insert(sections.size() / 2, "{{#suites}}{{/suites}}");
  const std::string path = directory.write("junit.xml.mustache", sections);
  EXPECT_EQ(template_error({path, 1048576}),
            (fs::path(path) / "junit.xml.mustache").string() +
                ": its sections could repeat their content 305175780 times over this result, more than "
                "10000000 (a section over a list inside a section over the same list repeats it for every item "
                "of both)");
  // Inverted sections render at most once, and a dotted name counts as its last part.
  const std::string flat = directory.write(
      "junit.xml.mustache", "[{{#suites}}{{^suites}}{{#a.suites}}x{{/a.suites}}{{/suites}}{{/suites}}]\n");
  EXPECT_EQ(render(load_result("failed.json"), ReportFormat::junit, {flat, 1048576}), "[]\n");
}

// A template with other delimiters could not be reckoned before it renders, so it is refused.
TEST(RenderReport, TemplateThatChangesItsDelimitersIsRefused) {
  const TemporaryDirectory directory;
  const std::string path =
      directory.write("junit.xml.mustache", "{{=<% %>=}}<%#suites%><%#suites%>x\n<%/suites%><%/suites%>");
  EXPECT_EQ(template_error({path, 1048576}),
            (fs::path(path) / "junit.xml.mustache").string() +
                ": sets its own delimiters with a tag such as {{=<% %>=}}, which evident's templates do not "
                "support: write its tags with {{ and }}");
}

TEST(RenderReport, UnreadableTemplateIsATemplateError) {
  const TemporaryDirectory directory;
  const std::string path = directory.write("placeholder", "");
  fs::create_directory(fs::path(path) / "report.html.mustache");
  EXPECT_THROW(render(load_result("passed.json"), ReportFormat::html, {path, 1048576}), TemplateError);
}

}  // namespace
}  // namespace evident::io
