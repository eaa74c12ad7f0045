// The JMH importer on fixtures/import/jmh (written from JMH's documented JSON result format: JMH
// cannot run here) and hostile inputs written here.
#include <gtest/gtest.h>

#include <cstddef>
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

const std::string fixture = "fixtures/import/jmh/modes-params-gc.json";

// rawData of a metric, every fork's iterations in order.
json flattened(const json& metric) {
  json samples = json::array();
  for (const json& fork : metric["rawData"]) {
    for (const json& score : fork) samples.push_back(score);
  }
  return samples;
}

TEST(ImportJmh, EveryScoreAndIterationOfEveryMetric) {
  const Imports imports = run_import_fixture("jmh", fixture);
  ASSERT_TRUE(imports.imported.has_value()) << diagnostics_text(imports.problems);
  EXPECT_TRUE(imports.problems.empty());
  const Imported& imported = *imports.imported;
  EXPECT_EQ(imported.tool, "jmh");
  EXPECT_EQ(imported.tool_version, "1.37");
  EXPECT_FALSE(imported.failed);
  const json results = json::parse(read_fixture(fixture));
  ASSERT_EQ(imported.benchmarks.size(), results.size());
  EXPECT_EQ(names_of(imported.benchmarks),
            (std::vector<std::string>{"org.example.StringBench.concat:thrpt:length=16,kind=ascii",
                                      "org.example.StringBench.concat:avgt:length=16,kind=ascii"}));
  for (std::size_t i = 0; i < results.size(); ++i) {
    const json& result = results[i];
    const ordered_json& benchmark = imported.benchmarks[i];
    SCOPED_TRACE(result["mode"].get<std::string>());
    EXPECT_EQ(json(benchmark["parameters"]),
              (json{{"length", "16"}, {"kind", "ascii"}, {"mode", result["mode"]}, {"threads", 1}, {"forks", 2}}));
    const ordered_json& score = metric_named(benchmark, "score");
    EXPECT_EQ(json(score["value"]), result["primaryMetric"]["score"]);
    EXPECT_EQ(json(score["samples"]), flattened(result["primaryMetric"]));
    EXPECT_EQ(json(score["unit"]), result["primaryMetric"]["scoreUnit"]);
    EXPECT_EQ(score["better"], result["mode"] == "thrpt" ? "higher" : "lower");
    ASSERT_EQ(benchmark["metrics"].size(), 1 + result["secondaryMetrics"].size());
    for (const auto& [name, metric] : result["secondaryMetrics"].items()) {
      const ordered_json& out = metric_named(benchmark, name);
      EXPECT_EQ(json(out["value"]), metric["score"]) << name;
      EXPECT_EQ(json(out["samples"]), flattened(metric)) << name;
      EXPECT_EQ(json(out["unit"]), metric["scoreUnit"]) << name;
      EXPECT_EQ(out["better"], "lower") << name;
    }
  }
  // "counts" says no direction: noted once.
  ASSERT_EQ(imported.findings.size(), 1U) << diagnostics_text(imported.findings);
  expect_diagnostic(imported.findings[0], Severity::note, "import.assumed_direction",
                    "the unit \"counts\" of \"\xC2\xB7gc.count\" does not say which direction is better; \"lower\" "
                    "assumed (\"ops/...\" would be \"higher\")",
                    111, 31);
  EXPECT_EQ(json(imported.metadata["results"]), results);
  expect_valid_evidence(imported);
}

TEST(ImportJmh, DetectsItsFixtureAndNoOther) {
  const Importer* importer = find_importer("jmh");
  ASSERT_NE(importer, nullptr);
  const DetectedFixtures detected = expect_detects_only_its_fixtures("jmh");
  EXPECT_EQ(detected.own, 1U);
  EXPECT_FALSE(importer->detect(R"({"benchmark": "a", "primaryMetric": {}})"));
}

std::string one_result(const std::string& primary) {
  return R"([{"benchmark": "a.B.c", "mode": "avgt", "primaryMetric": )" + primary + "}]";
}

TEST(ImportJmh, NonFiniteScoreFailsTheEvidence) {
  const Imports imports = run_import("jmh", "j.json",
                                     one_result(R"({"score": "NaN", "scoreUnit": "ns/op"}, "secondaryMetrics": )"
                                                R"({"x": {"score": 1, "scoreUnit": "ops/s"}})"));
  ASSERT_TRUE(imports.imported.has_value()) << diagnostics_text(imports.problems);
  EXPECT_TRUE(imports.imported->failed);
  EXPECT_EQ(names_of(imports.imported->benchmarks[0]["metrics"]), (std::vector<std::string>{"x"}));
  ASSERT_EQ(imports.imported->findings.size(), 1U);
  expect_diagnostic(imports.imported->findings[0], Severity::warning, "import.non_finite",
                    "the score of \"score\" of \"a.B.c:avgt\" is NaN, which is not a measurement; the metric is left "
                    "out and the evidence failed",
                    1, 68);
}

TEST(ImportJmh, BrokenInputs) {
  expect_error(run_import("jmh", "j.json", ""), "import.empty",
               "the file is empty: JMH writes -rff FILE when the run ends; was it interrupted?", 1, 1);
  expect_error(run_import("jmh", "j.json", "[]"), "import.empty",
               "JMH JSON with no results: the array is empty (did the benchmark filter match nothing?)", 1, 1);
  expect_error(run_import("jmh", "j.json", "{}"), "import.not_format",
               "not JMH JSON: the top level is an object, expected an array of results (-rf json)", 1, 1);
  expect_error(run_import("jmh", "j.json", one_result(R"({"score": "1", "scoreUnit": "ns/op"})")), "import.type",
               "\"score\" of a JMH metric is a string, expected a number", 1, 68);
  expect_error(run_import("jmh", "j.json", one_result(R"({"score": 1})")), "import.missing",
               "a JMH metric has no \"scoreUnit\"", 1, 58);
  expect_error(run_import("jmh", "j.json", one_result(R"({"score": 1, "scoreUnit": "ns/op", "rawData": [[1, null]]})")),
               "import.type", "an iteration score of a JMH metric is null, expected a number", 1, 109);
  expect_error(run_import("jmh", "j.json", R"([{"name": "x"}])"), "import.not_format",
               "not JMH JSON: the first result has neither \"benchmark\" nor \"primaryMetric\" (-rf json writes both "
               "in every result)",
               1, 2);
  expect_error(run_import("jmh", "j.json", R"([{"benchmark": "a", "primaryMetric": {}}])"), "import.missing",
               "a JMH result has no \"mode\"", 1, 2);
}

}  // namespace
}  // namespace evident::io
