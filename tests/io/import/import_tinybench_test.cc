// The vitest and tinybench importers on the real outputs of fixtures/import/vitest and
// fixtures/import/tinybench, the hand-broken ones of fixtures/import/broken, and hostile inputs written here.
#include <gtest/gtest.h>

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "io/import/import_test_support.h"
#include "io/import/importer.h"

namespace evident::io {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;
using namespace test_support;

const std::vector<std::string> time_statistics = {"mean", "median", "min", "max", "p75", "p99", "p995", "p999", "sd"};

std::vector<std::string> with_prefix(const std::string& prefix, std::vector<std::string> names) {
  for (std::string& name : names) name = prefix + name;
  return names;
}

// --- vitest ------------------------------------------------------------------------------------

TEST(ImportVitest, DescribeGroupsEveryNumber) {
  const std::string relative = "fixtures/import/vitest/describe-groups.json";
  const Imports imports = run_import_fixture("vitest", relative);
  ASSERT_TRUE(imports.imported.has_value()) << diagnostics_text(imports.problems);
  EXPECT_TRUE(imports.problems.empty());
  const Imported& imported = *imports.imported;
  EXPECT_EQ(imported.tool, "vitest");
  EXPECT_FALSE(imported.failed);
  EXPECT_TRUE(imported.findings.empty()) << diagnostics_text(imported.findings);
  const json fixture = json::parse(read_fixture(relative));
  std::size_t index = 0;
  for (const json& group : fixture["files"][0]["groups"]) {
    for (const json& benchmark : group["benchmarks"]) {
      ASSERT_LT(index, imported.benchmarks.size());
      const ordered_json& out = imported.benchmarks[index++];
      const std::string name = group["fullName"].get<std::string>() + " > " + benchmark["name"].get<std::string>();
      SCOPED_TRACE(name);
      EXPECT_EQ(out["name"], name);
      std::vector<std::string> expected = {"ops_per_sec"};
      expected.insert(expected.end(), time_statistics.begin(), time_statistics.end());
      expected.emplace_back("rme");
      EXPECT_EQ(names_of(out["metrics"]), expected);
      EXPECT_EQ(json(metric_named(out, "ops_per_sec")["value"]), benchmark["hz"]);
      EXPECT_EQ(metric_named(out, "ops_per_sec")["better"], "higher");
      for (const std::string& statistic : time_statistics) {
        const ordered_json& metric = metric_named(out, statistic);
        EXPECT_EQ(json(metric["value"]), benchmark[statistic]) << statistic;
        EXPECT_EQ(metric["unit"], "ms");
        EXPECT_EQ(metric["better"], "lower");
      }
      EXPECT_EQ(json(metric_named(out, "rme")["value"]), benchmark["rme"]);
      EXPECT_EQ(metric_named(out, "rme")["unit"], "%");
    }
  }
  EXPECT_EQ(index, imported.benchmarks.size());
  EXPECT_EQ(index, 3U);
  // Every other number stays in the metadata, as written (vitest 4 writes "samples": [], left out).
  json kept = fixture["files"];
  for (json& group : kept[0]["groups"]) {
    for (json& benchmark : group["benchmarks"]) benchmark.erase("samples");
  }
  EXPECT_EQ(json(imported.metadata["files"]), kept);
  expect_valid_evidence(imported);
}

TEST(ImportVitest, SamplesBecomeTheTimeMetric) {
  const Imports imports =
      run_import("vitest", "v.json",
                 R"({"files": [{"filepath": "a.bench.js", "groups": [{"fullName": "a.bench.js", "benchmarks": [)"
                 R"({"name": "x", "hz": 500, "mean": 2, "samples": [1.5, 2.5, 2]}]}]}]})");
  ASSERT_TRUE(imports.imported.has_value()) << diagnostics_text(imports.problems);
  const ordered_json& benchmark = imports.imported->benchmarks[0];
  EXPECT_EQ(benchmark["name"], "a.bench.js > x");
  EXPECT_EQ(names_of(benchmark["metrics"]), (std::vector<std::string>{"time", "ops_per_sec", "mean"}));
  EXPECT_EQ(metric_named(benchmark, "time")["samples"], (ordered_json{1.5, 2.5, 2.0}));
  EXPECT_EQ(metric_named(benchmark, "time")["unit"], "ms");
  expect_valid_evidence(*imports.imported);
}

TEST(ImportVitest, DetectsEveryVitestFixtureAndNoOther) {
  const Importer* importer = find_importer("vitest");
  ASSERT_NE(importer, nullptr);
  expect_detects_only_its_fixtures("vitest");
  EXPECT_FALSE(importer->detect(""));
  EXPECT_FALSE(importer->detect(R"([{"files": [], "groups": [], "fullName": "x"}])"));
}

TEST(ImportVitest, TruncatedFileIsAJsonError) {
  const Imports imports = run_import_fixture("vitest", "fixtures/import/broken/vitest-truncated.json");
  EXPECT_FALSE(imports.imported.has_value());
  ASSERT_EQ(imports.problems.size(), 1U);
  EXPECT_EQ(imports.problems[0].code, "json.truncated");
}

TEST(ImportVitest, WrongTypesAreLocated) {
  expect_error(run_import_fixture("vitest", "fixtures/import/broken/vitest-hz-string.json"), "import.type",
               "\"hz\" of a vitest benchmark is a string, expected a number", 18, 21);
  expect_error(run_import("vitest", "v.json", R"({"files": [{"groups": [{"fullName": "f", "benchmarks": [7]}]}]})"),
               "import.type", "a vitest benchmark is an integer, expected an object", 1, 57);
  expect_error(
      run_import("vitest", "v.json",
                 R"({"files": [{"groups": [{"fullName": "f", "benchmarks": [{"name": "n", "hz": 1, "mean": 1, )"
                 R"("samples": [1, null]}]}]}]})"),
      "import.type", "sample 1 of a vitest benchmark is null, expected a number", 1, 106);
}

TEST(ImportVitest, EmptyAndOtherFormats) {
  expect_error(run_import("vitest", "v.json", "\n"), "import.empty",
               "the file is empty: vitest bench --outputJson FILE writes the report when the run ends", 1, 1);
  expect_error(run_import("vitest", "v.json", R"({"files": []})"), "import.empty",
               "the vitest bench report has no benchmark (did the filter match nothing?)", 1, 11);
  expect_error(run_import_fixture("vitest", "fixtures/import/hyperfine/two-commands.json"), "import.not_format",
               "not a vitest bench report: no \"files\" array at the top level (vitest bench --outputJson FILE "
               "writes {\"files\": [...]})",
               1, 1);
  expect_error(run_import("vitest", "v.json",
                          R"({"files": [{"groups": [{"fullName": "f", "benchmarks": [)"
                          R"({"name": "n", "hz": NaN, "mean": 1}]}]}]})"),
               "json.nan_infinity", "NaN and Infinity are not JSON numbers", 1, 77);
}

// --- tinybench ---------------------------------------------------------------------------------

TEST(ImportTinybench, RetainedSamplesEveryNumber) {
  const std::string relative = "fixtures/import/tinybench/retain-samples.json";
  const Imports imports = run_import_fixture("tinybench", relative);
  ASSERT_TRUE(imports.imported.has_value()) << diagnostics_text(imports.problems);
  EXPECT_TRUE(imports.problems.empty());
  const Imported& imported = *imports.imported;
  EXPECT_EQ(imported.tool, "tinybench");
  EXPECT_FALSE(imported.failed);
  const json fixture = json::parse(read_fixture(relative));
  ASSERT_EQ(imported.benchmarks.size(), fixture.size());
  const std::vector<std::string> statistics = {"mean", "p50", "min", "max", "p75", "p99", "p995", "p999", "sd"};
  for (std::size_t i = 0; i < fixture.size(); ++i) {
    const json& task = fixture[i];
    const ordered_json& out = imported.benchmarks[i];
    SCOPED_TRACE(task["name"].get<std::string>());
    EXPECT_EQ(json(out["name"]), task["name"]);
    std::vector<std::string> expected = {"latency"};
    for (const std::string& name : with_prefix("latency_", statistics)) expected.push_back(name);
    expected.emplace_back("latency_rme");
    expected.emplace_back("throughput");
    for (const std::string& name : with_prefix("throughput_", statistics)) expected.push_back(name);
    expected.emplace_back("throughput_rme");
    EXPECT_EQ(names_of(out["metrics"]), expected);
    for (const std::string quantity : {"latency", "throughput"}) {
      const json& stats = task["result"][quantity];
      EXPECT_EQ(json(metric_named(out, quantity)["samples"]), stats["samples"]);
      EXPECT_EQ(metric_named(out, quantity)["unit"], quantity == "latency" ? "ms" : "ops/s");
      EXPECT_EQ(metric_named(out, quantity)["better"], quantity == "latency" ? "lower" : "higher");
      for (const std::string& statistic : statistics) {
        EXPECT_EQ(json(metric_named(out, quantity + "_" + statistic)["value"]), stats[statistic]) << statistic;
      }
      EXPECT_EQ(metric_named(out, quantity + "_sd")["better"], "lower");
      EXPECT_EQ(json(metric_named(out, quantity + "_rme")["value"]), stats["rme"]);
    }
  }
  json kept = fixture;
  for (json& task : kept) {
    task["result"]["latency"].erase("samples");
    task["result"]["throughput"].erase("samples");
  }
  EXPECT_EQ(json(imported.metadata["tasks"]), kept);
  expect_valid_evidence(imported);
}

TEST(ImportTinybench, DetectsEveryTinybenchFixtureAndNoOther) {
  const Importer* importer = find_importer("tinybench");
  ASSERT_NE(importer, nullptr);
  expect_detects_only_its_fixtures("tinybench");
  EXPECT_FALSE(importer->detect(R"([{"name": "latency", "unit": "result", "value": 1}])"));
}

TEST(ImportTinybench, ErroredTaskFailsTheEvidence) {
  const Imports imports =
      run_import("tinybench", "t.json",
                 R"([{"name": "ok", "result": {"state": "completed", "latency": {"mean": 1}}},)"
                 "\n"
                 R"( {"name": "bad", "result": {"state": "errored", "error": {"message": "boom"}}}])");
  ASSERT_TRUE(imports.imported.has_value()) << diagnostics_text(imports.problems);
  EXPECT_TRUE(imports.imported->failed);
  EXPECT_EQ(names_of(imports.imported->benchmarks), (std::vector<std::string>{"ok"}));
  ASSERT_EQ(imports.imported->findings.size(), 1U);
  expect_diagnostic(imports.imported->findings[0], Severity::warning, "import.benchmark_failed",
                    "task \"bad\" ended in state \"errored\": \"boom\"; it has no statistics and is left out", 2, 38);
}

TEST(ImportTinybench, BrokenInputs) {
  expect_error(run_import("tinybench", "t.json", "[]"), "import.empty", "the array of tinybench task results is empty",
               1, 1);
  expect_error(run_import("tinybench", "t.json", R"({"name": "x"})"), "import.not_format",
               "not tinybench task results: the top level is an object, expected an array of {\"name\", \"result\"}", 1,
               1);
  expect_error(run_import("tinybench", "t.json", R"([{"name": "x", "result": {"latency": {"mean": "1"}}}])"),
               "import.type", "\"mean\" of a tinybench task result is a string, expected a number", 1, 47);
  expect_error(run_import("tinybench", "t.json", R"([{"name": "x", "result": {"state": "completed"}}])"),
               "import.missing", "a completed tinybench task result has no \"latency\"", 1, 26);
  expect_error(run_import("tinybench", "t.json",
                          R"([{"name": "x", "result": {"latency": {"mean": 1}}}, )"
                          R"({"name": "x", "result": {"latency": {"mean": 1}}}])"),
               "import.duplicate_name", "the benchmark name \"x\" is used twice; benchmark names must be unique", 1,
               62);
}

}  // namespace
}  // namespace evident::io
