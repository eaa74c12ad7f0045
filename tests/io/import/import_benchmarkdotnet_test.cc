#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "io/import/import_test_support.h"
#include "io/import/importer.h"

namespace evident::io {
namespace {

using namespace test_support;
using nlohmann::json;

const std::string fixture = "fixtures/import/benchmarkdotnet/params-memory.json";

Imports import_text(std::string text) { return run_import("benchmarkdotnet", "in.json", std::move(text)); }

// The fixture with one benchmark replaced, as text.
std::string with_first_benchmark(const std::function<void(json&)>& edit) {
  json document = json::parse(read_fixture(fixture));
  edit(document["Benchmarks"][0]);
  return document.dump(1);
}

TEST(ImportBenchmarkDotNet, EveryNumberOfTheFixture) {
  const Imports run = run_import_fixture("benchmarkdotnet", fixture);
  ASSERT_TRUE(run.imported.has_value()) << diagnostics_text(run.problems);
  const Imported& imported = *run.imported;
  expect_valid_evidence(imported);
  EXPECT_EQ(imported.tool, "benchmarkdotnet");
  EXPECT_EQ(imported.tool_version, "0.13.12");
  EXPECT_EQ(imported.host["logical_cpus"], 2);
  EXPECT_EQ(imported.host["cpu_model"], "AMD EPYC 7763");
  // The fixture read independently: Workload Result measurements, nanoseconds over operations.
  const json written = json::parse(read_fixture(fixture));
  ASSERT_EQ(imported.benchmarks.size(), 2U);
  for (std::size_t b = 0; b < 2; ++b) {
    const json& entry = written["Benchmarks"][b];
    const auto& benchmark = imported.benchmarks[b];
    SCOPED_TRACE(entry["DisplayInfo"].get<std::string>());
    EXPECT_EQ(benchmark["name"], entry["DisplayInfo"]);
    std::vector<double> expected;
    std::size_t others = 0;
    for (const json& m : entry["Measurements"]) {
      if (m["IterationMode"] == "Workload" && m["IterationStage"] == "Result") {
        expected.push_back(m["Nanoseconds"].get<double>() / m["Operations"].get<double>());
      } else {
        ++others;
      }
    }
    EXPECT_EQ(expected.size(), 5U);
    EXPECT_EQ(others, 16U);
    const auto& time = metric_named(benchmark, "time");
    EXPECT_EQ(time["unit"], "ns");
    EXPECT_EQ(time["better"], "lower");
    EXPECT_EQ(time["samples"].get<std::vector<double>>(), expected);
    EXPECT_EQ(time["value"].get<double>(), entry["Statistics"]["Mean"].get<double>());
    const auto& allocated = metric_named(benchmark, "Allocated Memory");
    EXPECT_EQ(allocated["unit"], "B");
    EXPECT_EQ(allocated["better"], "lower");
    EXPECT_EQ(allocated["value"], entry["Metrics"][0]["Value"]);
    EXPECT_EQ(benchmark["parameters"]["Count"], entry["Parameters"].get<std::string>().substr(6));
  }
  // Everything, measurements and statistics included, is kept as written.
  EXPECT_EQ(json::parse(imported.metadata.dump()), written);
  EXPECT_FALSE(imported.failed);
  EXPECT_TRUE(imported.findings.empty()) << diagnostics_text(imported.findings);
}

TEST(ImportBenchmarkDotNet, BenchmarkWithoutStatisticsFailsTheRun) {
  const Imports run = run_import_fixture("benchmarkdotnet", "fixtures/import/benchmarkdotnet/one-failed.json");
  ASSERT_TRUE(run.imported.has_value()) << diagnostics_text(run.problems);
  const Imported& imported = *run.imported;
  expect_valid_evidence(imported);
  EXPECT_EQ(imported.benchmarks.size(), 2U);
  // The benchmark without statistics failed: left out, and the run with it.
  EXPECT_TRUE(imported.failed);
  ASSERT_EQ(imported.findings.size(), 1U);
  EXPECT_EQ(imported.findings[0].code, "import.benchmark_failed");
  EXPECT_EQ(imported.findings[0].message,
            "the benchmark \"StringBench.Throws: DefaultJob\" has no statistics: it failed or did not run; it is "
            "left out and the status is failed");
  EXPECT_EQ(imported.findings[0].pointer, "/Benchmarks/2/Statistics");
}

TEST(ImportBenchmarkDotNet, DetectsItsFixturesOnly) {
  const DetectedFixtures detected = expect_detects_only_its_fixtures("benchmarkdotnet");
  EXPECT_EQ(detected.own, 2U);
  EXPECT_GT(detected.other_formats, 10U);
}

TEST(ImportBenchmarkDotNet, Empty) {
  expect_error(import_text(" \n"), "import.empty",
               "the file is empty: BenchmarkDotNet writes its JSON report when all benchmarks have run; was the run "
               "interrupted?",
               1, 1);
  expect_error(import_text(R"({"HostEnvironmentInfo": {}, "Benchmarks": []})"), "import.empty",
               "BenchmarkDotNet JSON with no benchmarks (did the filter match nothing?)", 1, 43);
}

TEST(ImportBenchmarkDotNet, NotTheFormat) {
  expect_error(import_text("[1]"), "import.not_format",
               "not BenchmarkDotNet JSON: the top level is an array, expected an object with \"Benchmarks\"", 1, 1);
  expect_error(import_text(R"({"Title": "x"})"), "import.not_format",
               "not BenchmarkDotNet JSON: no \"Benchmarks\" (the JSON exporters write \"Title\", "
               "\"HostEnvironmentInfo\" and \"Benchmarks\")",
               1, 1);
  const Imports truncated = import_text(read_fixture(fixture).substr(0, 2000));
  EXPECT_FALSE(truncated.imported.has_value());
  ASSERT_FALSE(truncated.problems.empty());
  EXPECT_EQ(truncated.problems[0].code, "json.truncated");
}

TEST(ImportBenchmarkDotNet, HostileMeasurements) {
  const auto first_error = [](const std::function<void(json&)>& edit) {
    const Imports run = import_text(with_first_benchmark(edit));
    EXPECT_FALSE(run.imported.has_value());
    return run.problems.empty() ? Diagnostic{} : run.problems[0];
  };
  Diagnostic problem = first_error([](json& b) { b["Measurements"].back()["Operations"] = 0; });
  EXPECT_EQ(problem.code, "import.value");
  EXPECT_EQ(problem.message,
            "a Workload Result measurement with 0 operations: the time per operation is not defined "
            "(BenchmarkDotNet runs at least one)");
  EXPECT_EQ(problem.pointer, "/Benchmarks/0/Measurements/20/Operations");
  problem = first_error([](json& b) { b["Measurements"].back()["Nanoseconds"] = "fast"; });
  EXPECT_EQ(problem.code, "import.type");
  EXPECT_EQ(problem.message, "\"Nanoseconds\" of a BenchmarkDotNet measurement is a string, expected a number");
  problem = first_error([](json& b) { b["Measurements"][3].erase("IterationStage"); });
  EXPECT_EQ(problem.code, "import.missing");
  EXPECT_EQ(problem.message, "a BenchmarkDotNet measurement has no \"IterationStage\"");
  problem = first_error([](json& b) { b["Statistics"] = 3; });
  EXPECT_EQ(problem.code, "import.type");
  EXPECT_EQ(problem.message,
            "\"Statistics\" of a BenchmarkDotNet benchmark is an integer, expected an object (or null, for a "
            "benchmark that did not run)");
  problem = first_error([](json& b) { b["Parameters"] = "Count"; });
  EXPECT_EQ(problem.code, "import.parameter");
  problem = first_error([](json& b) { b["Metrics"][0]["Descriptor"]["Id"] = "time"; });
  EXPECT_EQ(problem.code, "import.duplicate_name");
  EXPECT_EQ(problem.message,
            "the metric \"time\" of \"StringBench.Concat: DefaultJob [Count=16]\" appears twice (\"time\" is the "
            "measured time)");
  problem = first_error([](json& b) { b["DisplayInfo"] = "StringBench.Concat: DefaultJob [Count=256]"; });
  EXPECT_EQ(problem.code, "import.duplicate_name");
  EXPECT_EQ(problem.pointer, "/Benchmarks/1/DisplayInfo");
}

TEST(ImportBenchmarkDotNet, NonFiniteMeanFailsTheRun) {
  std::string text = with_first_benchmark([](json& b) { b["Statistics"]["Mean"] = "MEAN"; });
  text.replace(text.find("\"MEAN\""), 6, "NaN");
  const Imports run = import_text(text);
  ASSERT_TRUE(run.imported.has_value()) << diagnostics_text(run.problems);
  EXPECT_TRUE(run.imported->failed);
  EXPECT_EQ(names_of(run.imported->benchmarks),
            (std::vector<std::string>{"StringBench.Concat: DefaultJob [Count=256]"}));
  ASSERT_EQ(run.imported->findings.size(), 1U);
  EXPECT_EQ(run.imported->findings[0].code, "import.non_finite");
  EXPECT_EQ(run.imported->findings[0].message,
            "the mean of \"StringBench.Concat: DefaultJob [Count=16]\" is NaN, which is not a measurement; the "
            "benchmark is left out and the status is failed");
}

TEST(ImportBenchmarkDotNet, EveryBenchmarkFailed) {
  const std::string text =
      R"({"HostEnvironmentInfo": {}, "Benchmarks": [{"DisplayInfo": "A.B: DefaultJob", "Statistics": null}]})";
  const Imports run = import_text(text);
  EXPECT_FALSE(run.imported.has_value());
  ASSERT_EQ(run.problems.size(), 1U);
  EXPECT_EQ(run.problems[0].message, "no BenchmarkDotNet benchmark has statistics: every one failed");
}

}  // namespace
}  // namespace evident::io
