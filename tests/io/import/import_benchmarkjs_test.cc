// The benchmark.js importer on the real console outputs of fixtures/import/benchmarkjs, the hand-broken
// ones of fixtures/import/broken, and hostile inputs written here.
#include <gtest/gtest.h>

#include <cstddef>
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

using nlohmann::ordered_json;
using namespace test_support;

Imports import_text(std::string text) { return run_import("benchmarkjs", "bench.txt", std::move(text)); }

Imports import_fixture(const std::string& relative) { return run_import_fixture("benchmarkjs", relative); }

// A result line as the test reads it on its own: name, rate (commas removed), rme and runs.
struct Line {
  std::string name;
  double rate = 0;
  double rme = 0;
  long runs = 0;
};

std::vector<Line> result_lines(const std::string& relative) {
  static const std::regex pattern("^(.*) x ([0-9,.]+) ops/sec \xC2\xB1([0-9.]+)% \\(([0-9]+) runs? sampled\\)$");
  std::vector<Line> lines;
  std::istringstream in(read_fixture(relative));
  for (std::string text; std::getline(in, text);) {
    std::smatch match;
    if (!std::regex_match(text, match, pattern)) continue;
    std::string rate = match[2];
    std::erase(rate, ',');
    lines.push_back({match[1], std::stod(rate), std::stod(match[3]), std::stol(match[4])});
  }
  return lines;
}

// Every result line of the fixture is a benchmark with its rate, rme and runs, in order.
void expect_matches_fixture(const Imported& imported, const std::string& relative) {
  const std::vector<Line> lines = result_lines(relative);
  ASSERT_FALSE(lines.empty());
  ASSERT_EQ(imported.benchmarks.size(), lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    SCOPED_TRACE(lines[i].name);
    const ordered_json& benchmark = imported.benchmarks[i];
    EXPECT_EQ(benchmark["name"], lines[i].name);
    EXPECT_EQ(benchmark["parameters"], (ordered_json{{"runs_sampled", lines[i].runs}}));
    EXPECT_EQ(names_of(benchmark["metrics"]), (std::vector<std::string>{"ops_per_sec", "rme"}));
    const ordered_json& rate = metric_named(benchmark, "ops_per_sec");
    EXPECT_EQ(rate["unit"], "ops/s");
    EXPECT_EQ(rate["better"], "higher");
    EXPECT_EQ(rate["value"].get<double>(), lines[i].rate);
    EXPECT_FALSE(rate.contains("samples"));
    const ordered_json& rme = metric_named(benchmark, "rme");
    EXPECT_EQ(rme["unit"], "%");
    EXPECT_EQ(rme["better"], "lower");
    EXPECT_EQ(rme["value"].get<double>(), lines[i].rme);
  }
  expect_valid_evidence(imported);
}

TEST(ImportBenchmarkjs, StringSearchEveryNumber) {
  const Imports imports = import_fixture("fixtures/import/benchmarkjs/string-search.txt");
  ASSERT_TRUE(imports.imported.has_value()) << diagnostics_text(imports.problems);
  EXPECT_TRUE(imports.problems.empty());
  const Imported& imported = *imports.imported;
  EXPECT_EQ(imported.tool, "benchmark.js");
  EXPECT_FALSE(imported.failed);
  EXPECT_TRUE(imported.findings.empty()) << diagnostics_text(imported.findings);
  expect_matches_fixture(imported, "fixtures/import/benchmarkjs/string-search.txt");
  EXPECT_EQ(names_of(imported.benchmarks), (std::vector<std::string>{"RegExp#test", "String#indexOf", "String#match"}));
  EXPECT_EQ(metric_named(imported.benchmarks[1], "ops_per_sec")["value"], 74423914.0);
  EXPECT_EQ(metric_named(imported.benchmarks[1], "rme")["value"], 9.67);
  EXPECT_EQ(imported.metadata, (ordered_json{{"fastest", "String#indexOf"}}));
}

TEST(ImportBenchmarkjs, SlowRateKeepsItsFractionAndAThrownBenchmarkFails) {
  const Imports imports = import_fixture("fixtures/import/benchmarkjs/slow-and-throws.txt");
  ASSERT_TRUE(imports.imported.has_value()) << diagnostics_text(imports.problems);
  EXPECT_TRUE(imports.problems.empty());
  const Imported& imported = *imports.imported;
  expect_matches_fixture(imported, "fixtures/import/benchmarkjs/slow-and-throws.txt");
  EXPECT_EQ(metric_named(imported.benchmarks[1], "ops_per_sec")["value"], 27.97);
  EXPECT_TRUE(imported.failed);
  ASSERT_EQ(imported.findings.size(), 1U) << diagnostics_text(imported.findings);
  expect_diagnostic(imported.findings[0], Severity::warning, "import.benchmark_failed",
                    "\"throws\" failed (benchmark.js prints \"NAME: ERROR\" for a benchmark that threw); it has no "
                    "result",
                    3, 1);
}

TEST(ImportBenchmarkjs, SameInputSameBytes) {
  const Imports first = import_fixture("fixtures/import/benchmarkjs/slow-and-throws.txt");
  const Imports second = import_fixture("fixtures/import/benchmarkjs/slow-and-throws.txt");
  ASSERT_TRUE(first.imported && second.imported);
  EXPECT_EQ(first.imported->benchmarks.dump(), second.imported->benchmarks.dump());
}

// --- Detection -------------------------------------------------------------------------------

TEST(ImportBenchmarkjs, DetectsEveryBenchmarkjsFixtureAndNoOther) {
  const Importer* importer = find_importer("benchmarkjs");
  ASSERT_NE(importer, nullptr);
  expect_detects_only_its_fixtures("benchmarkjs");
  EXPECT_FALSE(importer->detect(""));
  EXPECT_TRUE(
      importer->detect("\xEF\xBB\xBF"
                       "a x 1 ops/sec \xC2\xB1"
                       "1.00% (1 run sampled)\r\n"));
  EXPECT_FALSE(importer->detect("a x 1 ops/sec +1.00% (1 run sampled)\n"));
  EXPECT_FALSE(importer->detect("BenchmarkA\t100\t5 ns/op\n"));
}

// --- Broken and hostile inputs ----------------------------------------------------------------

TEST(ImportBenchmarkjs, EmptyFile) {
  expect_error(import_text(" \n"), "import.empty",
               "the file is empty: expected the console output of a benchmark.js suite that logs "
               "String(event.target) on \"cycle\"",
               1, 1);
}

TEST(ImportBenchmarkjs, OtherFormatsAreNotBenchmarkjs) {
  for (const char* relative :
       {"fixtures/import/gotest/cpu-suffix.txt", "fixtures/import/hyperfine/two-commands.json"}) {
    SCOPED_TRACE(relative);
    const Imports imports = import_fixture(relative);
    EXPECT_FALSE(imports.imported.has_value());
    ASSERT_FALSE(imports.problems.empty());
    const Diagnostic& last = imports.problems.back();
    EXPECT_EQ(last.code, "import.not_format");
    EXPECT_EQ(last.message, "no benchmark.js result line (NAME x RATE ops/sec \xC2\xB1RME% (N runs sampled))");
  }
}

TEST(ImportBenchmarkjs, TruncatedLineIsSkippedWithANote) {
  const Imports imports = import_fixture("fixtures/import/broken/benchmarkjs-truncated.txt");
  ASSERT_TRUE(imports.imported.has_value()) << diagnostics_text(imports.problems);
  EXPECT_EQ(imports.imported->benchmarks.size(), 1U);
  ASSERT_EQ(imports.imported->findings.size(), 1U);
  expect_diagnostic(imports.imported->findings[0], Severity::note, "import.line_skipped",
                    "not a benchmark.js result line (NAME x RATE ops/sec \xC2\xB1RME% (N runs sampled)); it is not "
                    "imported",
                    2, 1);
}

TEST(ImportBenchmarkjs, GarbledRateIsAnError) {
  expect_error(import_fixture("fixtures/import/broken/benchmarkjs-garbled-rate.txt"), "import.value",
               "the rate \"6,00,810\" is not a finite number as benchmark.js prints one (digits, ',' between "
               "thousands, an optional fraction)",
               1, 15);
}

TEST(ImportBenchmarkjs, NonFiniteAndHugeRates) {
  expect_error(import_text("a x Infinity ops/sec \xC2\xB1"
                           "0.00% (5 runs sampled)\n"),
               "import.value",
               "the rate \"Infinity\" is not a finite number as benchmark.js prints one (digits, ',' between "
               "thousands, an optional fraction)",
               1, 5);
  const Imports nan = import_text("a x NaN ops/sec \xC2\xB1NaN% (5 runs sampled)\n");
  EXPECT_FALSE(nan.imported.has_value());
  ASSERT_EQ(nan.problems.size(), 2U) << diagnostics_text(nan.problems);
  expect_diagnostic(nan.problems[1], Severity::error, "import.value",
                    "the relative margin of error \"NaN\" is not a finite number", 1, 18);
  const std::string huge = "1" + std::string(400, '0');
  expect_error(import_text("a x " + huge +
                           " ops/sec \xC2\xB1"
                           "1.00% (5 runs sampled)\n"),
               "import.value",
               "the rate \"" + huge.substr(0, 80) +
                   "...\" is not a finite number as benchmark.js prints one "
                   "(digits, ',' between thousands, an optional fraction)",
               1, 5);
}

}  // namespace
}  // namespace evident::io
