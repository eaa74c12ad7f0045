#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "io/import/import_test_support.h"
#include "io/import/importer.h"

namespace evident::io {
namespace {

using namespace test_support;
using json = nlohmann::json;

Imports import_text(std::string text) { return run_import("catch2", "in.xml", std::move(text)); }

// The numbers of each <BenchmarkResults> read independently of the importer, with regular
// expressions over the fixture's lines: name -> attribute (or "mean.value" and so on) -> number.
std::vector<std::pair<std::string, std::map<std::string, double>>> fixture_benchmarks(const std::string& text) {
  std::vector<std::pair<std::string, std::map<std::string, double>>> benchmarks;
  const std::regex open(R"re(<BenchmarkResults name="([^"]*)")re");
  const std::regex child(R"(<(mean|standardDeviation|outliers) )");
  const std::regex attribute(R"re(([A-Za-z]+)="([-0-9.e+]+)")re");
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    std::smatch match;
    std::string prefix;
    if (std::regex_search(line, match, open)) {
      benchmarks.emplace_back(match[1], std::map<std::string, double>{});
    } else if (std::regex_search(line, match, child)) {
      prefix = match[1].str() + ".";
    } else {
      continue;
    }
    for (auto it = std::sregex_iterator(line.begin(), line.end(), attribute); it != std::sregex_iterator(); ++it) {
      benchmarks.back().second[prefix + (*it)[1].str()] = std::strtod((*it)[2].str().c_str(), nullptr);
    }
  }
  return benchmarks;
}

// Every number of the fixture is in the evidence or the extension, unchanged.
void expect_every_number(const Imported& imported, const std::string& text, const std::vector<std::string>& names) {
  const auto benchmarks = fixture_benchmarks(text);
  ASSERT_EQ(imported.metadata["benchmarks"].size(), benchmarks.size());
  std::size_t measured = 0;
  for (std::size_t b = 0; b < benchmarks.size(); ++b) {
    const auto& kept = imported.metadata["benchmarks"][b];
    const auto& numbers = benchmarks[b].second;
    SCOPED_TRACE(benchmarks[b].first);
    EXPECT_EQ(kept["name"].get<std::string>().substr(kept["name"].get<std::string>().rfind('/') + 1),
              std::regex_replace(benchmarks[b].first, std::regex("&quot;"), "\""));
    for (const auto& [key, value] : numbers) {
      const auto dot = key.find('.');
      const auto& field = dot == std::string::npos ? kept[key] : kept[key.substr(0, dot)][key.substr(dot + 1)];
      EXPECT_EQ(field.get<double>(), value) << key;
    }
    if (!numbers.contains("mean.value")) continue;
    const auto& benchmark = imported.benchmarks[measured++];
    EXPECT_EQ(benchmark["name"], names[measured - 1]);
    EXPECT_EQ(benchmark["parameters"], (nlohmann::ordered_json{{"samples", numbers.at("samples")},
                                                               {"resamples", numbers.at("resamples")},
                                                               {"iterations", numbers.at("iterations")}}));
    EXPECT_EQ(metric_named(benchmark, "mean")["value"].get<double>(), numbers.at("mean.value"));
    EXPECT_EQ(metric_named(benchmark, "std_dev")["value"].get<double>(), numbers.at("standardDeviation.value"));
    EXPECT_EQ(metric_named(benchmark, "mean")["unit"], "ns");
    EXPECT_EQ(metric_named(benchmark, "std_dev")["better"], "lower");
  }
  EXPECT_EQ(measured, imported.benchmarks.size());
  EXPECT_EQ(measured, names.size());
}

TEST(ImportCatch2, Plain) {
  const std::string path = "fixtures/import/catch2/plain.xml";
  const Imports run = run_import_fixture("catch2", path);
  ASSERT_TRUE(run.imported.has_value()) << diagnostics_text(run.problems);
  const Imported& imported = *run.imported;
  EXPECT_TRUE(run.problems.empty());
  expect_valid_evidence(imported);
  EXPECT_EQ(imported.tool, "catch2");
  EXPECT_EQ(imported.suite, "bench");
  EXPECT_FALSE(imported.failed);
  EXPECT_TRUE(imported.findings.empty());
  expect_every_number(imported, read_fixture(path),
                      {"Fibonacci:fib 10", "Fibonacci:fib 15", "Strings:concat 8", "Strings:vector reserve"});
  EXPECT_EQ(imported.metadata["benchmarks"][0]["tags"], "[bench]");
  EXPECT_EQ(imported.metadata["benchmarks"][0]["mean"]["ci"], 0.95);
  EXPECT_EQ(imported.metadata["benchmarks"][0]["outliers"]["highSevere"], 2);
  EXPECT_EQ(metric_named(imported.benchmarks[0], "mean")["value"], 45.3254);
}

TEST(ImportCatch2, SectionsAndFailures) {
  const std::string path = "fixtures/import/catch2/sections-failures.xml";
  const Imports run = run_import_fixture("catch2", path);
  ASSERT_TRUE(run.imported.has_value()) << diagnostics_text(run.problems);
  const Imported& imported = *run.imported;
  expect_valid_evidence(imported);
  EXPECT_TRUE(imported.failed);
  expect_every_number(imported, read_fixture(path),
                      {"Map <int, string> & friends:lookup:find \"32\"",
                       "Map <int, string> & friends:insert:emplace 1000", "Checked:increment"});
  EXPECT_EQ(imported.metadata["benchmarks"][2]["failed"], "input file missing");
  ASSERT_EQ(imported.findings.size(), 2U);
  expect_diagnostic(imported.findings[0], Severity::warning, "import.benchmark_failed",
                    "the benchmark \"Throws:parse\" failed: input file missing; it has no measurement, so it has no "
                    "benchmark entry",
                    27, 9);
  expect_diagnostic(imported.findings[1], Severity::warning, "import.test_failed",
                    "the test case \"Checked\" failed (OverallResult success=\"false\"); the run is marked failed", 46,
                    7);
}

TEST(ImportCatch2, DetectsItsFixturesOnly) {
  const DetectedFixtures detected = expect_detects_only_its_fixtures("catch2");
  EXPECT_EQ(detected.own, 2U);
  EXPECT_GT(detected.other_formats, 10U);
  const Importer* importer = find_importer("catch2");
  ASSERT_NE(importer, nullptr);
  EXPECT_FALSE(importer->detect(""));
  EXPECT_FALSE(importer->detect("{\"x\": \"<Catch name=\\\"a\\\">\"}"));
  EXPECT_FALSE(importer->detect("<Catcher>"));
  EXPECT_TRUE(importer->detect("\xEF\xBB\xBF<Catch>"));
}

const std::string head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Catch name=\"b\">\n<TestCase name=\"T\">\n";
const std::string good_results =
    "<BenchmarkResults name=\"x\" samples=\"3\" resamples=\"10\" iterations=\"7\" clockResolution=\"20.5\" "
    "estimatedDuration=\"1000\">\n"
    "<mean value=\"12.5\" lowerBound=\"12\" upperBound=\"13\" ci=\"0.95\"/>\n"
    "<standardDeviation value=\"0.5\" lowerBound=\"0.1\" upperBound=\"0.9\" ci=\"0.95\"/>\n"
    "<outliers variance=\"0.1\" lowMild=\"0\" lowSevere=\"0\" highMild=\"0\" highSevere=\"1\"/>\n"
    "</BenchmarkResults>\n";
const std::string tail = "</TestCase>\n</Catch>\n";

TEST(ImportCatch2, HandMadeGoodInput) {
  const Imports run = import_text(head + good_results + tail);
  ASSERT_TRUE(run.imported.has_value()) << diagnostics_text(run.problems);
  EXPECT_EQ(run.imported->benchmarks[0]["name"], "T:x");
  EXPECT_EQ(metric_named(run.imported->benchmarks[0], "mean")["value"], 12.5);
}

TEST(ImportCatch2, Empty) {
  expect_error(import_text("\n"), "import.empty", "the file is empty; expected the XML of Catch2's -r xml reporter", 1,
               1);
}

TEST(ImportCatch2, Truncated) {
  const std::string text = head + good_results;
  expect_error(import_text(text.substr(0, text.size() - 40)), "import.syntax",
               "the value of the attribute \"highMild\" is never closed", 7, 61);
  expect_error(import_text(head + good_results), "import.syntax", "the output ends inside <TestCase> opened on line 3",
               9, 1);
}

TEST(ImportCatch2, WrongTypesAndMissingValues) {
  std::string text = head + good_results + tail;
  text.replace(text.find("iterations=\"7\""), 14, "iterations=\"7x\"");
  expect_error(import_text(text), "import.type",
               "the attribute \"iterations\" of <BenchmarkResults> is \"7x\", expected a whole number", 4, 67);
  text = head + good_results + tail;
  text.replace(text.find("<mean value=\"12.5\""), 18, "<mean");
  expect_error(import_text(text), "import.missing", "<mean> has no attribute \"value\"", 5, 1);
  text = head + good_results + tail;
  text.replace(text.find("value=\"12.5\""), 12, "value=\"1e999\"");
  expect_error(import_text(text), "import.type",
               "the attribute \"value\" of <mean> is \"1e999\", which is not a finite number", 5, 14);
}

TEST(ImportCatch2, NanDeviationIsLeftOutAndFailsTheRun) {
  std::string text = head + good_results + tail;
  text.replace(text.find("value=\"0.5\""), 11, "value=\"nan\"");
  const Imports run = import_text(text);
  ASSERT_TRUE(run.imported.has_value()) << diagnostics_text(run.problems);
  EXPECT_TRUE(run.imported->failed);
  EXPECT_EQ(names_of(run.imported->benchmarks[0]["metrics"]), std::vector<std::string>{"mean"});
  ASSERT_EQ(run.imported->findings.size(), 1U);
  expect_diagnostic(run.imported->findings[0], Severity::warning, "import.non_finite",
                    "std_dev of \"T:x\" is not a finite number; it is left out and the run marked failed", 6, 27);
  EXPECT_TRUE(run.imported->metadata["benchmarks"][0]["standardDeviation"]["value"].is_null());
}

TEST(ImportCatch2, NamesUsedTwice) {
  expect_error(import_text(head + good_results + good_results + tail), "import.duplicate_name",
               "the benchmark name \"T:x\" is used twice", 9, 1);
}

TEST(ImportCatch2, OtherXmlAndOtherFormats) {
  expect_error(import_text("<testsuites><testsuite/></testsuites>"), "import.not_format",
               "the root element is <testsuites>, expected <Catch> (Catch2's XML reporter, -r xml)", 1, 1);
  expect_error(import_text("<Catch name=\"b\"><Group/></Catch>"), "import.not_format",
               "the Catch2 XML has no <BenchmarkResults>", 1, 1);
  expect_error(import_text(read_fixture("fixtures/import/hyperfine/two-commands.json")), "import.syntax",
               "expected the root element of Catch2's XML (<Catch ...>)", 1, 1);
  expect_error(import_text(head + good_results + tail + "captured stdout\n"), "import.syntax",
               "unexpected text after the end of the root element </Catch>", 11, 1);
}

TEST(ImportCatch2, BadXml) {
  expect_error(import_text("<Catch name=\"a & b\"></Catch>"), "import.syntax",
               "'&' starts no entity; XML writes it \"&amp;\"", 1, 16);
  expect_error(import_text("<Catch name=\"&bogus;\"></Catch>"), "import.syntax",
               "unknown entity \"&bogus;\"; XML knows &lt; &gt; &amp; &quot; &apos; and character references", 1, 14);
  expect_error(import_text("<Catch name=\"&#0;\"></Catch>"), "import.syntax",
               "the character reference \"&#0;\" names no character", 1, 14);
  expect_error(import_text("<Catch><Group></Catch>"), "import.syntax",
               "expected </Group> (opened on line 1), found </Catch>", 1, 17);
  expect_error(import_text("<Catch a=\"1\" a=\"2\"></Catch>"), "import.syntax",
               "the attribute \"a\" appears twice in <Catch>", 1, 14);
  expect_error(import_text(std::string(100, '<')), "import.syntax", "expected an element name after '<'", 1, 2);
}

TEST(ImportCatch2, DeepNestingIsRefused) {
  std::string text = "<Catch>";
  for (int i = 0; i < 100; ++i) text += "<Group>";
  const Imports run = import_text(text);
  expect_error(run, "import.syntax", "elements are nested more than 64 deep", 1, 456);
}

}  // namespace
}  // namespace evident::io
