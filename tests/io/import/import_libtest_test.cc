#include <gtest/gtest.h>

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

Imports import_text(std::string text) { return run_import("libtest", "in.txt", std::move(text)); }

// The bench lines of a fixture read independently of the importer, with a regular expression.
struct BenchLine {
  std::string name;
  double median = 0, deviation = 0;
  std::optional<double> mb_per_s;
};

double number(std::string text) {
  std::erase(text, ',');
  return std::stod(text);
}

std::vector<BenchLine> bench_lines(const std::string& text) {
  const std::regex line_pattern(
      R"re(^test (\S+) +\.\.\. bench: +([0-9,.]+) ns/iter \(\+/- ([0-9,.]+)\)(?: = ([0-9,.]+) MB/s)?$)re");
  std::vector<BenchLine> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    std::smatch match;
    if (!std::regex_match(line, match, line_pattern)) continue;
    BenchLine parsed{match[1], number(match[2]), number(match[3]), {}};
    if (match[4].matched) parsed.mb_per_s = number(match[4]);
    lines.push_back(parsed);
  }
  return lines;
}

void expect_every_number(const Imported& imported, const std::string& path, std::size_t count) {
  const std::vector<BenchLine> lines = bench_lines(read_fixture(path));
  ASSERT_EQ(lines.size(), count);
  ASSERT_EQ(imported.benchmarks.size(), count);
  for (std::size_t i = 0; i < count; ++i) {
    const auto& benchmark = imported.benchmarks[i];
    const auto& kept = imported.metadata["benchmarks"][i];
    SCOPED_TRACE(lines[i].name);
    EXPECT_EQ(benchmark["name"], lines[i].name);
    EXPECT_EQ(metric_named(benchmark, "ns_per_iter")["value"].get<double>(), lines[i].median);
    EXPECT_EQ(metric_named(benchmark, "ns_per_iter")["unit"], "ns");
    EXPECT_EQ(kept["name"], lines[i].name);
    EXPECT_EQ(kept["ns_per_iter"].get<double>(), lines[i].median);
    EXPECT_EQ(kept["deviation"].get<double>(), lines[i].deviation);
    EXPECT_EQ(benchmark["metrics"].size(), lines[i].mb_per_s ? 2U : 1U);
    if (lines[i].mb_per_s) {
      EXPECT_EQ(metric_named(benchmark, "MB_per_s")["value"].get<double>(), *lines[i].mb_per_s);
      EXPECT_EQ(metric_named(benchmark, "MB_per_s")["better"], "higher");
      EXPECT_EQ(kept["mb_per_s"].get<double>(), *lines[i].mb_per_s);
    }
  }
}

const std::string failed_message =
    "\"strings::panics\" FAILED (a panic, or a test that failed); the lines under \"failures:\" say why";

TEST(ImportLibtest, Rustc163WholeNanoseconds) {
  const std::string path = "fixtures/import/libtest/rustc-1.63-panic.txt";
  const Imports run = run_import_fixture("libtest", path);
  ASSERT_TRUE(run.imported.has_value()) << diagnostics_text(run.problems);
  expect_valid_evidence(*run.imported);
  EXPECT_EQ(run.imported->tool, "libtest");
  EXPECT_TRUE(run.imported->failed);
  expect_every_number(*run.imported, path, 4);
  EXPECT_EQ(metric_named(run.imported->benchmarks[2], "ns_per_iter")["value"], 41255.0);
  EXPECT_EQ(run.imported->metadata["benchmarks"][2]["deviation"], 72471.0);
  ASSERT_EQ(run.imported->findings.size(), 1U);
  expect_diagnostic(run.imported->findings[0], Severity::warning, "import.benchmark_failed", failed_message, 8, 1);
}

TEST(ImportLibtest, Rustc195TwoDecimals) {
  const std::string path = "fixtures/import/libtest/rustc-1.95-panic.txt";
  const Imports run = run_import_fixture("libtest", path);
  ASSERT_TRUE(run.imported.has_value()) << diagnostics_text(run.problems);
  expect_valid_evidence(*run.imported);
  EXPECT_TRUE(run.imported->failed);
  expect_every_number(*run.imported, path, 4);
  EXPECT_EQ(metric_named(run.imported->benchmarks[2], "ns_per_iter")["value"], 56345.47);
  EXPECT_EQ(run.imported->metadata["benchmarks"][1]["deviation"], 1678.56);
  EXPECT_EQ(names_of(run.imported->benchmarks),
            (std::vector<std::string>{"bench_copy_4k", "bench_fib_10", "bench_fib_20", "strings::join_three"}));
}

TEST(ImportLibtest, FilteredPass) {
  const std::string path = "fixtures/import/libtest/filtered-pass.txt";
  const Imports run = run_import_fixture("libtest", path);
  ASSERT_TRUE(run.imported.has_value()) << diagnostics_text(run.problems);
  EXPECT_FALSE(run.imported->failed);
  EXPECT_TRUE(run.imported->findings.empty());
  expect_every_number(*run.imported, path, 1);
}

TEST(ImportLibtest, DetectsItsFixturesOnly) {
  const DetectedFixtures detected = expect_detects_only_its_fixtures("libtest");
  EXPECT_EQ(detected.own, 3U);
  EXPECT_GT(detected.other_formats, 10U);
  const Importer* importer = find_importer("libtest");
  ASSERT_NE(importer, nullptr);
  EXPECT_FALSE(importer->detect(""));
  EXPECT_FALSE(importer->detect("test a ... ok\n"));
  EXPECT_TRUE(importer->detect("\xEF\xBB\xBFtest a ... bench: 1 ns/iter (+/- 0)\n"));
}

TEST(ImportLibtest, Empty) {
  expect_error(import_text("\n\n"), "import.empty",
               "the file is empty; expected the output of cargo bench (libtest #[bench])", 1, 1);
}

TEST(ImportLibtest, NoBenchLine) {
  const Imports tests = import_text("running 1 test\ntest a ... ok\n\ntest result: ok. 1 passed\n");
  expect_error(tests, "import.not_format", "no libtest bench line (test NAME ... bench: N ns/iter (+/- D))", 1, 1);
  EXPECT_EQ(tests.problems[0].hint, "");
  const Imports failed = import_text("test a ... FAILED\ntest result: FAILED. 0 passed; 1 failed\n");
  EXPECT_EQ(failed.problems.at(0).hint,
            "this is libtest output without bench results: did every benchmark fail, or was --bench left out?");
  const Imports criterion = import_text("fib 20                  time:   [26.029 us 26.251 us 26.505 us]\n");
  EXPECT_EQ(criterion.problems.at(0).hint,
            "this looks like the console output of Criterion.rs, which libtest's format is not");
}

TEST(ImportLibtest, Truncated) {
  expect_error(import_text("test a ... bench:         119 ns/iter (+/- 75)\ntest b ... bench:  12"), "import.syntax",
               "the output ends in the middle of a bench line", 2, 22);
}

TEST(ImportLibtest, GarbledNumbers) {
  expect_error(import_text("test a ... bench:         1x9 ns/iter (+/- 75)\n"), "import.syntax",
               "expected the time per iteration as libtest prints it (\"1,234\" or \"1,234.56\"), found \"1x9\"", 1,
               27);
  expect_error(import_text("test a ... bench:      41,25 ns/iter (+/- 75)\n"), "import.syntax",
               "expected the time per iteration as libtest prints it (\"1,234\" or \"1,234.56\"), found \"41,25\"", 1,
               24);
  expect_error(import_text("test a ... bench:   NaN ns/iter (+/- 75)\n"), "import.syntax",
               "expected the time per iteration as libtest prints it (\"1,234\" or \"1,234.56\"), found \"NaN\"", 1,
               21);
  expect_error(import_text("test a ... bench: 12 ms/iter (+/- 75)\n"), "import.syntax",
               "expected \"ns/iter\" in the bench line of \"a\", found \"ms/iter (+/- 75)\"", 1, 22);
  expect_error(import_text("test a ... bench: 12 ns/iter (+/- 75) = fast\n"), "import.syntax",
               "expected the throughput as libtest prints it (\"1,234\" or \"1,234.56\"), found \"fast\"", 1, 41);
  expect_error(import_text("test a ... bench: 12 ns/iter (+/- 75) = 5 MB/s extra\n"), "import.syntax",
               "unexpected text after the bench line of \"a\": \"extra\"", 1, 48);
}

TEST(ImportLibtest, HugeNumber) {
  expect_error(import_text("test a ... bench: " + std::string(400, '9') + " ns/iter (+/- 1)\n"), "import.syntax",
               "\"" + std::string(80, '9') + "...\" is out of the range of a double", 1, 19);
}

TEST(ImportLibtest, SameNameTwice) {
  const Imports run =
      import_text("test a ... bench: 1 ns/iter (+/- 0)\ntest a ... bench: 2 ns/iter (+/- 0)\n\ntest result: ok.\n");
  expect_error(run, "import.duplicate_name", "the benchmark name \"a\" is used twice", 2, 1);
}

TEST(ImportLibtest, TheOtherFormatsAreRefused) {
  expect_error(import_text(read_fixture("fixtures/import/gotest/benchmem-count3.txt")), "import.not_format",
               "no libtest bench line (test NAME ... bench: N ns/iter (+/- D))", 1, 1);
  expect_error(import_text(read_fixture("fixtures/import/catch2/plain.xml")), "import.not_format",
               "no libtest bench line (test NAME ... bench: N ns/iter (+/- D))", 1, 1);
}

TEST(ImportLibtest, FailedResultWithoutAFailedLine) {
  const Imports run = import_text("test a ... bench: 1 ns/iter (+/- 0)\n\ntest result: FAILED. 1 measured\n");
  ASSERT_TRUE(run.imported.has_value());
  EXPECT_TRUE(run.imported->failed);
  ASSERT_EQ(run.imported->findings.size(), 1U);
  expect_diagnostic(run.imported->findings[0], Severity::warning, "import.package_failed",
                    "libtest reports the run FAILED; the run is marked failed", 3, 1);
}

TEST(ImportLibtest, WithoutTheResultLineTheRunFailed) {
  const Imports run = import_text("test a ... bench: 1 ns/iter (+/- 0)\ntest b ... be");
  ASSERT_TRUE(run.imported.has_value()) << diagnostics_text(run.problems);
  EXPECT_TRUE(run.imported->failed);
  ASSERT_EQ(run.imported->findings.size(), 1U);
  expect_diagnostic(run.imported->findings[0], Severity::warning, "import.incomplete",
                    "the output has no \"test result:\" line, which libtest prints when it finishes: the run was "
                    "interrupted or the output cut off; the run is marked failed",
                    2, 14);
}

TEST(ImportLibtest, CrlfReadsLikeLf) {
  const Imports run = import_text("test a ... bench: 1,234.5 ns/iter (+/- 6) = 7 MB/s\r\n\r\ntest result: ok.\r\n");
  ASSERT_TRUE(run.imported.has_value()) << diagnostics_text(run.problems);
  EXPECT_EQ(metric_named(run.imported->benchmarks[0], "ns_per_iter")["value"], 1234.5);
  EXPECT_EQ(metric_named(run.imported->benchmarks[0], "MB_per_s")["value"], 7.0);
}

}  // namespace
}  // namespace evident::io
