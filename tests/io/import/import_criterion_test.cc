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

Imports import_text(std::string text) { return run_import("criterion", "in.txt", std::move(text)); }

// The estimates of a fixture read independently of the importer: each "time:" or "thrpt:" line
// with a regular expression, each value scaled by its unit.
struct Estimates {
  std::string kind;  // "time" or "thrpt"
  std::vector<double> values;
};

std::vector<Estimates> fixture_estimates(const std::string& text) {
  const std::map<std::string, double> scale{
      {"ns", 1}, {"\xC2\xB5s", 1e3}, {"ms", 1e6}, {"GiB/s", 1073741824.0}, {"Gelem/s", 1e9}};
  const std::regex pattern(R"re((time|thrpt): +\[(\S+) (\S+) (\S+) (\S+) (\S+) (\S+)\])re");
  std::vector<Estimates> all;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    std::smatch match;
    if (!std::regex_search(line, match, pattern)) continue;
    Estimates estimates{match[1], {}};
    for (std::size_t i = 2; i < 8; i += 2) {
      estimates.values.push_back(std::stod(match[i]) * scale.at(match[i + 1]));
    }
    all.push_back(estimates);
  }
  return all;
}

void expect_every_number(const Imported& imported, const std::string& path, const std::vector<std::string>& names) {
  const std::vector<Estimates> estimates = fixture_estimates(read_fixture(path));
  std::size_t next = 0;
  ASSERT_EQ(imported.benchmarks.size(), names.size());
  for (std::size_t b = 0; b < names.size(); ++b) {
    SCOPED_TRACE(names[b]);
    const auto& benchmark = imported.benchmarks[b];
    const auto& kept = imported.metadata["benchmarks"][b];
    EXPECT_EQ(benchmark["name"], names[b]);
    for (const char* kind : {"time", "thrpt"}) {
      if (next >= estimates.size() || estimates[next].kind != kind) {
        EXPECT_FALSE(kept.contains(kind));
        continue;
      }
      const std::vector<double>& values = estimates[next++].values;
      EXPECT_EQ(kept[kind]["lower_bound"].get<double>(), values[0]);
      EXPECT_EQ(kept[kind]["estimate"].get<double>(), values[1]);
      EXPECT_EQ(kept[kind]["upper_bound"].get<double>(), values[2]);
      EXPECT_EQ(metric_named(benchmark, kind)["value"].get<double>(), values[1]);
    }
  }
  EXPECT_EQ(next, estimates.size());
}

TEST(ImportCriterion, Console) {
  const std::string path = "fixtures/import/criterion/console.txt";
  const Imports run = run_import_fixture("criterion", path);
  ASSERT_TRUE(run.imported.has_value()) << diagnostics_text(run.problems);
  expect_valid_evidence(*run.imported);
  EXPECT_EQ(run.imported->tool, "criterion");
  EXPECT_FALSE(run.imported->failed);
  EXPECT_TRUE(run.imported->findings.empty());
  expect_every_number(*run.imported, path, {"fib 20", "copy:64", "copy:4096"});
  EXPECT_EQ(metric_named(run.imported->benchmarks[1], "thrpt")["unit"], "B/s");
  EXPECT_EQ(run.imported->metadata["benchmarks"][0]["time"]["written"],
            (nlohmann::ordered_json{"79.479 \xC2\xB5s", "87.851 \xC2\xB5s", "99.715 \xC2\xB5s"}));
}

TEST(ImportCriterion, LongNameOnItsOwnLine) {
  const std::string path = "fixtures/import/criterion/long-name-elements.txt";
  const Imports run = run_import_fixture("criterion", path);
  ASSERT_TRUE(run.imported.has_value()) << diagnostics_text(run.problems);
  expect_valid_evidence(*run.imported);
  expect_every_number(*run.imported, path, {"a rather long group name:sum of one thousand"});
  EXPECT_EQ(metric_named(run.imported->benchmarks[0], "thrpt")["unit"], "elem/s");
}

TEST(ImportCriterion, DetectsItsFixturesOnly) {
  const DetectedFixtures detected = expect_detects_only_its_fixtures("criterion");
  EXPECT_EQ(detected.own, 2U);
  EXPECT_GT(detected.other_formats, 10U);
}

TEST(ImportCriterion, Empty) {
  expect_error(import_text(""), "import.empty",
               "the file is empty; expected the console output of cargo bench with Criterion.rs", 1, 1);
}

TEST(ImportCriterion, BrokenLines) {
  expect_error(import_text("x                       time:   [1.0 ns 2.0 ns 3.0 ns"), "import.syntax",
               "the output ends in the middle of a time: line", 1, 54);
  expect_error(import_text("x                       time:   [1.0 ns 2.0 ns 3.0 ns\n"), "import.syntax",
               "expected ']' closing the three estimates", 1, 54);
  expect_error(import_text("x                       time:   [1.0 ns 2.0 ns]\n"), "import.syntax",
               "expected three estimates, each a number and a unit, between '[' and ']', found \"[1.0 ns 2.0 ns]\"", 1,
               33);
  expect_error(import_text("x                       time:   [1.0 ns NaN ns 3.0 ns]\n"), "import.syntax",
               "\"NaN\" is not a finite number", 1, 41);
  expect_error(import_text("x                       time:   [1.0 ns 1e999 ns 3.0 ns]\n"), "import.syntax",
               "\"1e999\" is out of the range of a double", 1, 41);
  expect_error(import_text("x                       time:   [1.0 ns 2.0 fortnights 3.0 ns]\n"), "import.syntax",
               "unknown unit \"fortnights\"; Criterion prints times in ps, ns, µs, ms or s", 1, 45);
  expect_error(import_text("                        thrpt:  [1 GiB/s 2 GiB/s 3 GiB/s]\n"), "import.syntax",
               "a thrpt: line that does not follow a time: line", 1, 25);
  expect_error(import_text("                        time:   [1.0 ns 2.0 ns 3.0 ns]\n"), "import.syntax",
               "a time: line without a benchmark name before it", 1, 1);
}

TEST(ImportCriterion, OtherFormatsAndDuplicates) {
  expect_error(import_text(read_fixture("fixtures/import/libtest/filtered-pass.txt")), "import.not_format",
               "no Criterion.rs result (NAME  time:   [LOW MID HIGH])", 1, 1);
  expect_error(import_text("x  time:   [1 ns 2 ns 3 ns]\nx  time:   [1 ns 2 ns 3 ns]\n"), "import.duplicate_name",
               "the benchmark name \"x\" is used twice", 2, 1);
}

TEST(ImportCriterion, PanicFailsTheRun) {
  const Imports run = import_text("x  time:   [1 ns 2 ns 3 ns]\nthread 'main' panicked at 'boom', benches/b.rs:3:5\n");
  ASSERT_TRUE(run.imported.has_value()) << diagnostics_text(run.problems);
  EXPECT_TRUE(run.imported->failed);
  ASSERT_EQ(run.imported->findings.size(), 1U);
  expect_diagnostic(run.imported->findings[0], Severity::warning, "import.benchmark_failed",
                    "a benchmark panicked; the run is marked failed", 2, 1);
}

}  // namespace
}  // namespace evident::io
