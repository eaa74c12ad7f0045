// The Bencher Metric Format and github-action-benchmark custom JSON importers on the files of
// fixtures/import/bmf and fixtures/import/github-action-benchmark (written by a real measuring script),
// and hostile inputs written here.
#include <gtest/gtest.h>

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "io/import/import_test_support.h"
#include "io/import/importer.h"

namespace evident::io {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;
using namespace test_support;

// --- Bencher Metric Format ---------------------------------------------------------------------

TEST(ImportBmf, EveryMeasureOfEveryBenchmark) {
  const std::string relative = "fixtures/import/bmf/latency-size-throughput.json";
  const Imports imports = run_import_fixture("bmf", relative);
  ASSERT_TRUE(imports.imported.has_value()) << diagnostics_text(imports.problems);
  EXPECT_TRUE(imports.problems.empty());
  const Imported& imported = *imports.imported;
  EXPECT_EQ(imported.tool, "bencher-metric-format");
  EXPECT_FALSE(imported.failed);
  EXPECT_TRUE(imported.findings.empty()) << diagnostics_text(imported.findings);
  const ordered_json fixture = ordered_json::parse(read_fixture(relative));
  ASSERT_EQ(imported.benchmarks.size(), fixture.size());
  std::size_t index = 0;
  for (const auto& [name, measures] : fixture.items()) {
    const ordered_json& benchmark = imported.benchmarks[index++];
    SCOPED_TRACE(name);
    EXPECT_EQ(benchmark["name"], name);
    ASSERT_EQ(benchmark["metrics"].size(), measures.size());
    for (const auto& [slug, measure] : measures.items()) {
      const ordered_json& metric = metric_named(benchmark, slug);
      EXPECT_EQ(metric["value"], measure["value"]) << slug;
    }
  }
  EXPECT_EQ(names_of(imported.benchmarks), (std::vector<std::string>{"gzip 180kB", "json round trip"}));
  const ordered_json& latency = metric_named(imported.benchmarks[0], "latency");
  EXPECT_EQ(latency["unit"], "ns");
  EXPECT_EQ(latency["better"], "lower");
  EXPECT_EQ(latency["description"],
            "Bencher Metric Format measure \"latency\" (its lower_value and upper_value are kept in extensions.bmf)");
  EXPECT_EQ(metric_named(imported.benchmarks[0], "file-size")["unit"], "bytes");
  EXPECT_EQ(metric_named(imported.benchmarks[1], "throughput")["unit"], "ops/s");
  EXPECT_EQ(metric_named(imported.benchmarks[1], "throughput")["better"], "higher");
  // The bounds, with every other number, stay in the metadata as written.
  EXPECT_EQ(imported.metadata["benchmarks"], fixture);
  expect_valid_evidence(imported);
}

TEST(ImportBmf, UnknownMeasureIsLowerWithANoteOnce) {
  const Imports imports =
      run_import("bmf", "b.json", "{\"a\": {\"heap\": {\"value\": 3}},\n \"b\": {\"heap\": {\"value\": 4}}}");
  ASSERT_TRUE(imports.imported.has_value()) << diagnostics_text(imports.problems);
  const ordered_json& heap = metric_named(imports.imported->benchmarks[1], "heap");
  EXPECT_EQ(heap["unit"], "unknown");
  EXPECT_EQ(heap["better"], "lower");
  ASSERT_EQ(imports.imported->findings.size(), 1U);
  expect_diagnostic(imports.imported->findings[0], Severity::note, "import.assumed_direction",
                    "the measure \"heap\" is not one Bencher defines, so neither its unit nor its direction is known: "
                    "unit \"unknown\", better \"lower\" assumed",
                    1, 8);
}

TEST(ImportBmf, DetectsEveryBmfFixtureAndNoOther) {
  const Importer* importer = find_importer("bmf");
  ASSERT_NE(importer, nullptr);
  expect_detects_only_its_fixtures("bmf");
  EXPECT_FALSE(importer->detect("{}"));
  EXPECT_FALSE(importer->detect(R"({"a": {"latency": {"lower_value": 1}}})"));
  EXPECT_FALSE(importer->detect(R"({"a": {"latency": {"value": 1}}, "b": []})"));
  EXPECT_TRUE(importer->detect(R"({"a": {"latency": {"value": "1"}}})"));
}

TEST(ImportBmf, BrokenInputs) {
  expect_error(run_import("bmf", "b.json", "  "), "import.empty",
               "the file is empty: expected Bencher Metric Format JSON", 1, 1);
  expect_error(run_import("bmf", "b.json", "{}"), "import.empty", "the Bencher Metric Format object has no benchmark",
               1, 1);
  expect_error(run_import("bmf", "b.json", "[1]"), "import.not_format",
               "not Bencher Metric Format: the top level is an array, expected an object {\"BENCHMARK\": {\"MEASURE\": "
               "{\"value\": N}}}",
               1, 1);
  expect_error(run_import("bmf", "b.json", R"({"a": {"latency": {"value": "12"}}})"), "import.type",
               "\"value\" of a Bencher Metric Format measure is a string, expected a number", 1, 29);
  expect_error(run_import("bmf", "b.json", R"({"a": {"latency": {"lower_value": 1}}})"), "import.missing",
               "a Bencher Metric Format measure has no \"value\"", 1, 19);
  expect_error(run_import("bmf", "b.json", R"({"a": {"latency": 5}})"), "import.type",
               "measure \"latency\" is an integer, expected an object {\"value\": N, \"lower_value\": N, "
               "\"upper_value\": N}",
               1, 19);
  expect_error(run_import("bmf", "b.json", R"({"a": []})"), "import.type",
               "benchmark \"a\" is an array, expected an object of measures {\"MEASURE\": {\"value\": N}}", 1, 7);
  expect_error(run_import("bmf", "b.json", R"({"a/b": {"x": {"value": 1}}, "a:b": {"x": {"value": 2}}})"),
               "import.duplicate_name",
               "the benchmark name \"a:b\" becomes \"a:b\", which an earlier benchmark already is ('/' becomes ':')", 1,
               30);
  expect_error(run_import("bmf", "b.json", R"({"a": {"x/y": {"value": 1}}})"), "import.name",
               "the measure \"x/y\" cannot be a metric name (1 to 200 characters without '/', control characters or "
               "spaces at either end)",
               1, 8);
  const Imports huge = run_import("bmf", "b.json", R"({"a": {"latency": {"value": 1e999}}})");
  EXPECT_FALSE(huge.imported.has_value());
  ASSERT_EQ(huge.problems.size(), 1U);
  EXPECT_EQ(huge.problems[0].code, "json.number_out_of_range");
  const Imports nan = run_import("bmf", "b.json", R"({"a": {"latency": {"value": NaN}}})");
  EXPECT_FALSE(nan.imported.has_value());
  ASSERT_EQ(nan.problems.size(), 1U);
  EXPECT_EQ(nan.problems[0].code, "json.nan_infinity");
}

// --- github-action-benchmark custom JSON -------------------------------------------------------

void expect_matches_gab_fixture(const std::string& format, const std::string& relative, const std::string& better) {
  const Imports imports = run_import_fixture(format, relative);
  ASSERT_TRUE(imports.imported.has_value()) << diagnostics_text(imports.problems);
  EXPECT_TRUE(imports.problems.empty());
  const Imported& imported = *imports.imported;
  EXPECT_EQ(imported.tool, "github-action-benchmark");
  EXPECT_TRUE(imported.findings.empty()) << diagnostics_text(imported.findings);
  const ordered_json fixture = ordered_json::parse(read_fixture(relative));
  ASSERT_EQ(imported.benchmarks.size(), fixture.size());
  for (std::size_t i = 0; i < fixture.size(); ++i) {
    const ordered_json& entry = fixture[i];
    const ordered_json& benchmark = imported.benchmarks[i];
    SCOPED_TRACE(entry["name"].get<std::string>());
    EXPECT_EQ(benchmark["name"], entry["name"]);
    if (entry.contains("extra")) {
      EXPECT_EQ(benchmark["description"], entry["extra"]);
    } else {
      EXPECT_FALSE(benchmark.contains("description"));
    }
    ASSERT_EQ(benchmark["metrics"].size(), 1U);
    const ordered_json& metric = benchmark["metrics"][0];
    EXPECT_EQ(metric["name"], "value");
    EXPECT_EQ(metric["unit"], entry["unit"]);
    EXPECT_EQ(metric["value"], entry["value"]);
    EXPECT_EQ(metric["better"], better);
  }
  EXPECT_EQ(imported.metadata["entries"], fixture);
  expect_valid_evidence(imported);
}

TEST(ImportGab, SmallerIsBetterEveryNumber) {
  expect_matches_gab_fixture("gab-smaller", "fixtures/import/github-action-benchmark/smaller.json", "lower");
}

TEST(ImportGab, BiggerIsBetterEveryNumber) {
  expect_matches_gab_fixture("gab-bigger", "fixtures/import/github-action-benchmark/bigger.json", "higher");
}

TEST(ImportGab, RangeIsNamedInTheDescription) {
  const Imports imports = run_import_fixture("gab-smaller", "fixtures/import/github-action-benchmark/smaller.json");
  ASSERT_TRUE(imports.imported.has_value());
  EXPECT_EQ(imports.imported->benchmarks[0]["metrics"][0]["description"],
            "the value github-action-benchmark reads (its range \"42.934\" is kept in the extensions)");
  EXPECT_EQ(imports.imported->benchmarks[1]["metrics"][0]["description"], "the value github-action-benchmark reads");
}

// No importer claims these files: the direction is not in them, so auto must not pick one.
TEST(ImportGab, NoFormatDetectsIt) {
  namespace fs = std::filesystem;
  for (const char* name : {"smaller.json", "bigger.json"}) {
    const std::string text = read_fixture(std::string("fixtures/import/github-action-benchmark/") + name);
    EXPECT_TRUE(looks_like_gab(text)) << name;
    for (const Importer& importer : importers()) EXPECT_FALSE(importer.detect(text)) << importer.format << " " << name;
  }
  EXPECT_FALSE(looks_like_gab(read_fixture("fixtures/import/tinybench/retain-samples.json")));
  EXPECT_FALSE(looks_like_gab(R"({"name": "a", "unit": "ms", "value": 1})"));
}

TEST(ImportGab, BrokenInputs) {
  expect_error(run_import("gab-smaller", "g.json", "\n"), "import.empty",
               "the file is empty: expected a JSON array of {\"name\", \"unit\", \"value\"}", 1, 1);
  expect_error(run_import("gab-smaller", "g.json", "[]"), "import.empty",
               "the array of github-action-benchmark entries is empty", 1, 1);
  expect_error(run_import("gab-bigger", "g.json", R"({"name": "a"})"), "import.not_format",
               "not github-action-benchmark custom JSON: the top level is an object, expected an array of {\"name\", "
               "\"unit\", \"value\"}",
               1, 1);
  expect_error(run_import("gab-smaller", "g.json", R"([{"name": "a", "unit": "ms", "value": "1"}])"), "import.type",
               "\"value\" of a github-action-benchmark entry is a string, expected a number", 1, 39);
  expect_error(run_import("gab-smaller", "g.json", R"([{"name": "a", "value": 1}])"), "import.missing",
               "a github-action-benchmark entry has no \"unit\"", 1, 2);
  expect_error(run_import("gab-smaller", "g.json", R"([{"name": "a", "unit": " ms", "value": 1}])"), "import.unit",
               "the unit \" ms\" is not a unit evidence accepts (1 to 64 characters, no control characters, no space "
               "at either end)",
               1, 24);
  expect_error(run_import("gab-smaller", "g.json",
                          R"([{"name": "a", "unit": "ms", "value": 1}, {"name": "a", "unit": "s", "value": 2}])"),
               "import.duplicate_name",
               "the name \"a\" is the benchmark name \"a\" of an earlier entry; benchmark names must be unique", 1, 52);
  expect_error(run_import("gab-smaller", "g.json", R"([3])"), "import.type",
               "entry 0 is an integer, expected an object {\"name\", \"unit\", \"value\"}", 1, 2);
}

}  // namespace
}  // namespace evident::io
