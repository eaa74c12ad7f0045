#include <gtest/gtest.h>

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

const std::string plain = "fixtures/import/catch2-console/plain.txt";

Imports import_text(std::string text) { return run_import("catch2-console", "in.txt", std::move(text)); }

// The rows of three times of a fixture read independently of the importer, with a regular
// expression, each time scaled by its unit: mean, low, high; then std dev, low, high.
std::vector<std::vector<double>> fixture_times(const std::string& text) {
  const std::map<std::string, double> scale{{"ns", 1}, {"us", 1e3}, {"ms", 1e6}, {"s", 1e9}};
  const std::regex row(R"(^ +(\S+) (ns|us|ms|s) +(\S+) (ns|us|ms|s) +(\S+) (ns|us|ms|s) *$)");
  std::vector<std::vector<double>> rows;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    std::smatch match;
    if (!std::regex_match(line, match, row)) continue;
    rows.push_back({std::stod(match[1]) * scale.at(match[2]), std::stod(match[3]) * scale.at(match[4]),
                    std::stod(match[5]) * scale.at(match[6])});
  }
  return rows;
}

// Samples, iterations and the estimated time of each result's first row.
std::vector<std::vector<double>> fixture_counts(const std::string& text) {
  const std::map<std::string, double> scale{{"ns", 1}, {"us", 1e3}, {"ms", 1e6}, {"s", 1e9}};
  const std::regex row(R"( +(\d+) +(\d+) +(\S+) (ns|us|ms|s) *$)");
  std::vector<std::vector<double>> rows;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    std::smatch match;
    if (!std::regex_search(line, match, row) || line.starts_with(" ")) continue;
    rows.push_back({std::stod(match[1]), std::stod(match[2]), std::stod(match[3]) * scale.at(match[4])});
  }
  return rows;
}

constexpr const char* table_head =
    "benchmark name                       samples       iterations    estimated\n"
    "                                     mean          low mean      high mean\n"
    "                                     std dev       low std dev   high std dev\n"
    "-------------------------------------------------------------------------------\n";

TEST(ImportCatch2Console, EveryNumberOfTheFixture) {
  const Imports run = run_import_fixture("catch2-console", plain);
  ASSERT_TRUE(run.imported.has_value()) << diagnostics_text(run.problems);
  const Imported& imported = *run.imported;
  expect_valid_evidence(imported);
  EXPECT_EQ(imported.tool, "catch2");
  EXPECT_FALSE(imported.failed);
  EXPECT_TRUE(imported.findings.empty()) << diagnostics_text(imported.findings);
  EXPECT_EQ(names_of(imported.benchmarks),
            (std::vector<std::string>{"Fibonacci:fib 10", "Fibonacci:fib 25", "Strings:concat 8",
                                      "Strings:a benchmark name that is longer than the name column of the table",
                                      "Sleeps:sleep 2ms"}));
  const std::string text = read_fixture(plain);
  const auto times = fixture_times(text);
  const auto counts = fixture_counts(text);
  ASSERT_EQ(times.size(), 2 * imported.benchmarks.size());
  ASSERT_EQ(counts.size(), imported.benchmarks.size());
  for (std::size_t b = 0; b < imported.benchmarks.size(); ++b) {
    const auto& benchmark = imported.benchmarks[b];
    const auto& kept = imported.metadata["benchmarks"][b];
    SCOPED_TRACE(benchmark["name"].get<std::string>());
    EXPECT_EQ(metric_named(benchmark, "mean")["value"].get<double>(), times[2 * b][0]);
    EXPECT_EQ(metric_named(benchmark, "std_dev")["value"].get<double>(), times[2 * b + 1][0]);
    for (const auto& [key, row] : {std::pair{"mean", times[2 * b]}, std::pair{"std_dev", times[2 * b + 1]}}) {
      EXPECT_EQ(kept[key]["estimate"].get<double>(), row[0]);
      EXPECT_EQ(kept[key]["low"].get<double>(), row[1]);
      EXPECT_EQ(kept[key]["high"].get<double>(), row[2]);
    }
    EXPECT_EQ(benchmark["parameters"]["samples"].get<double>(), counts[b][0]);
    EXPECT_EQ(benchmark["parameters"]["iterations"].get<double>(), counts[b][1]);
    EXPECT_EQ(kept["estimated"]["value"].get<double>(), counts[b][2]);
  }
  EXPECT_EQ(imported.metadata["benchmarks"][1]["mean"]["written"],
            (nlohmann::ordered_json{"114.355 us", "113.009 us", "116.66 us"}));
}

TEST(ImportCatch2Console, FailedBenchmark) {
  const std::string path = "fixtures/import/catch2-console/failed-benchmark.txt";
  const Imports run = run_import_fixture("catch2-console", path);
  ASSERT_TRUE(run.imported.has_value()) << diagnostics_text(run.problems);
  expect_valid_evidence(*run.imported);
  EXPECT_TRUE(run.imported->failed);
  EXPECT_EQ(names_of(run.imported->benchmarks), (std::vector<std::string>{"Mixed:square"}));
  const auto times = fixture_times(read_fixture(path));
  ASSERT_EQ(times.size(), 2U);
  EXPECT_EQ(metric_named(run.imported->benchmarks[0], "mean")["value"].get<double>(), times[0][0]);
  EXPECT_EQ(run.imported->metadata["benchmarks"][0]["std_dev"]["low"].get<double>(), 9.89853e-05);
  EXPECT_EQ(run.imported->metadata["benchmarks"][1],
            (nlohmann::ordered_json{{"name", "Mixed/parse"}, {"failed", "Benchmark failed (input file missing)"}}));
  ASSERT_EQ(run.imported->findings.size(), 1U);
  expect_diagnostic(run.imported->findings[0], Severity::warning, "import.benchmark_failed",
                    "\"Mixed:parse\": Benchmark failed (input file missing); it has no result and the status is "
                    "failed",
                    20, 1);
}

TEST(ImportCatch2Console, FailedAssertionEndsTheTable) {
  const Imports run =
      import_text(std::string(table_head) +
                  "x          10     446    3.64382 ms \n     45.8 ns  45.7 ns  46 ns\n     1 ns  1 ns  "
                  "1 ns\n\nbench.cpp:20: FAILED:\n  CHECK( value == 1 )\nwith expansion:\n  2 == 1\n\n" +
                  std::string(79, '=') + "\ntest cases: 1 | 1 failed\nassertions: 1 | 1 failed\n\n");
  ASSERT_TRUE(run.imported.has_value()) << diagnostics_text(run.problems);
  EXPECT_TRUE(run.imported->failed);
  ASSERT_EQ(run.imported->findings.size(), 1U);
  expect_diagnostic(run.imported->findings[0], Severity::warning, "import.test_failed",
                    "Catch2 reports failed test cases; the status is failed", 15, 1);
}

TEST(ImportCatch2Console, DetectsItsFixturesOnly) {
  const DetectedFixtures detected = expect_detects_only_its_fixtures("catch2-console");
  EXPECT_EQ(detected.own, 2U);
  EXPECT_GT(detected.other_formats, 10U);
}

TEST(ImportCatch2Console, HostileInput) {
  expect_error(import_text(""), "import.empty",
               "the file is empty; expected the console output of a Catch2 test binary with benchmarks", 1, 1);
  expect_error(import_text("All tests passed (1 assertion in 1 test case)\n"), "import.not_format",
               "no Catch2 benchmark table (benchmark name  samples  iterations  estimated)", 1, 1);
  const std::string head = table_head;
  expect_error(import_text(head + "x          10     446    3.64382 ms \n"), "import.syntax",
               "the output ends in the middle of a result", 6, 1);
  expect_error(import_text(head + "x          10     446    3.64382 ms \n     45.8 ns  45.7 ns\n"), "import.syntax",
               "expected the mean, low mean and high mean row of the result: three times, each a number and a unit", 6,
               1);
  expect_error(import_text(head + "x          10     446    3.64382 ms \n     45.8 ns  45.7 ns  4x ns\n"),
               "import.syntax", "\"4x\" is not a number", 6, 24);
  expect_error(import_text(head + "x          10     446    3.64382 ms \n     45.8 ns  45.7 ns  46 weeks\n"),
               "import.syntax", "unknown unit \"weeks\"; Catch2 prints times in ns, us, ms or s", 6, 27);
  expect_error(import_text(head + "x          10     446    3.64382 ms \n     nan ns  45.7 ns  46 ns\n"),
               "import.syntax", "\"nan\" is not a time (a finite number, not negative)", 6, 6);
  expect_error(
      import_text(head + "x          10     446    3.64382 ms \n     45.8 ns  45.7 ns  46 ns\n     1 ns  1 ns  1 ns\n" +
                  "x          10     446    3.64382 ms \n     45.8 ns  45.7 ns  46 ns\n     1 ns  1 ns  1 ns\n"),
      "import.duplicate_name", "the benchmark name \"x\" is used twice", 8, 1);
  expect_error(import_text(head + "a long name\n" + std::string(79, '=') + "\n"), "import.syntax",
               "a benchmark name \"a long name\" without its result", 5, 1);
}

TEST(ImportCatch2Console, NoSummaryMeansCutOff) {
  const Imports run =
      import_text(std::string(table_head) +
                  "x          10     446    3.64382 ms \n     45.8 ns  45.7 ns  46 ns\n     1 ns  1 ns  1 ns\n");
  ASSERT_TRUE(run.imported.has_value()) << diagnostics_text(run.problems);
  EXPECT_TRUE(run.imported->failed);
  ASSERT_EQ(run.imported->findings.size(), 1U);
  expect_diagnostic(run.imported->findings[0], Severity::warning, "import.incomplete",
                    "the output has no Catch2 summary (test cases: ...): the run was interrupted or the output cut "
                    "off; the status is failed",
                    8, 1);
}

}  // namespace
}  // namespace evident::io
