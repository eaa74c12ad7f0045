// The pytest-benchmark importer on the real outputs of fixtures/import/pytest-benchmark, the
// hand-broken ones of fixtures/import/broken, and hostile inputs written here.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdio>
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

Imports import_text(std::string path, std::string text) {
  return run_import("pytest-benchmark", std::move(path), std::move(text));
}

Imports import_fixture(const std::string& relative) { return run_import_fixture("pytest-benchmark", relative); }

void expect_finding(const Diagnostic& finding, Severity severity, const std::string& code, const std::string& message,
                    std::size_t line, std::size_t column) {
  expect_diagnostic(finding, severity, code, message, line, column);
}

std::string plural(long long count, const std::string& one, const std::string& many) {
  return std::to_string(count) + " " + (count == 1 ? one : many);
}

// One value-only statistic metric.
void expect_statistic(const ordered_json& metric, const std::string& name, const std::string& unit,
                      const std::string& better, const std::string& description, double value) {
  EXPECT_EQ(metric["name"], name);
  EXPECT_EQ(metric["unit"], unit);
  EXPECT_EQ(metric["better"], better);
  EXPECT_EQ(metric["description"], description);
  EXPECT_FALSE(metric.contains("samples")) << name;
  EXPECT_EQ(metric["value"].get<double>(), value) << name;
  EXPECT_EQ(metric.size(), 5U) << name;
}

// Everything a real fixture holds, compared with the fixture read here by nlohmann's own parser:
// every name, number, unit, direction, sample (count and order) and parameter, and the metadata
// (which must be the file without stats.data).
void expect_matches_fixture(const Imported& imported, const std::string& relative, bool with_data) {
  const json input = json::parse(read_fixture(relative));
  const json& benchmarks = input["benchmarks"];
  ASSERT_EQ(imported.benchmarks.size(), benchmarks.size());
  for (std::size_t i = 0; i < benchmarks.size(); ++i) {
    const json& entry = benchmarks[i];
    const json& stats = entry["stats"];
    const ordered_json& benchmark = imported.benchmarks[i];
    std::string name = entry["fullname"].get<std::string>();
    for (char& c : name) c = c == '/' ? ':' : c;
    EXPECT_EQ(benchmark["name"], name);
    if (entry["params"].is_null()) {
      EXPECT_FALSE(benchmark.contains("parameters")) << name;
      EXPECT_EQ(benchmark.size(), 2U) << name;
    } else {
      EXPECT_EQ(json(benchmark["parameters"]), entry["params"]) << name;
      EXPECT_EQ(benchmark.size(), 3U) << name;
    }
    const ordered_json& metrics = benchmark["metrics"];
    ASSERT_EQ(metrics.size(), 7U) << name;
    const ordered_json& time = metrics[0];
    EXPECT_EQ(time["name"], "time");
    EXPECT_EQ(time["unit"], "s");
    EXPECT_EQ(time["better"], "lower");
    EXPECT_EQ(time["description"], "median of " + plural(stats["rounds"].get<long long>(), "round", "rounds") + " of " +
                                       plural(stats["iterations"].get<long long>(), "iteration", "iterations") +
                                       ", per iteration (pytest-benchmark)");
    EXPECT_EQ(time["value"].get<double>(), stats["median"].get<double>()) << name;
    EXPECT_EQ(stats.contains("data"), with_data);
    if (with_data) {
      const json& data = stats["data"];
      ASSERT_EQ(time["samples"].size(), data.size()) << name;
      ASSERT_EQ(data.size(), stats["rounds"].get<std::size_t>());
      for (std::size_t s = 0; s < data.size(); ++s) {
        EXPECT_EQ(time["samples"][s].get<double>(), data[s].get<double>()) << name << " sample " << s;
      }
      EXPECT_EQ(time.size(), 6U);
    } else {
      EXPECT_FALSE(time.contains("samples"));
      EXPECT_EQ(time.size(), 5U);
    }
    expect_statistic(metrics[1], "time_min", "s", "lower", "fastest round, per iteration (pytest-benchmark stats.min)",
                     stats["min"].get<double>());
    expect_statistic(metrics[2], "time_max", "s", "lower", "slowest round, per iteration (pytest-benchmark stats.max)",
                     stats["max"].get<double>());
    expect_statistic(metrics[3], "time_mean", "s", "lower",
                     "mean of the rounds, per iteration (pytest-benchmark stats.mean)", stats["mean"].get<double>());
    expect_statistic(metrics[4], "time_stddev", "s", "lower",
                     "sample standard deviation of the rounds, per iteration (pytest-benchmark stats.stddev)",
                     stats["stddev"].get<double>());
    expect_statistic(metrics[5], "time_iqr", "s", "lower",
                     "interquartile range of the rounds, per iteration (pytest-benchmark stats.iqr)",
                     stats["iqr"].get<double>());
    expect_statistic(metrics[6], "ops", "ops/s", "higher",
                     "iterations per second: rounds divided by the sum of the per-iteration round times "
                     "(pytest-benchmark stats.ops)",
                     stats["ops"].get<double>());
  }

  // The metadata is the whole file but stats.data, every number of it equal.
  json expected_metadata = input;
  for (json& entry : expected_metadata["benchmarks"]) entry["stats"].erase("data");
  EXPECT_EQ(json(imported.metadata), expected_metadata);

  EXPECT_EQ(imported.tool, "pytest-benchmark");
  EXPECT_EQ(imported.tool_version, "3.2.2");
  EXPECT_EQ(imported.suite, "project");
  EXPECT_FALSE(imported.failed);
  EXPECT_TRUE(imported.findings.empty()) << diagnostics_text(imported.findings);
  // machine_info: node, release, machine and cpu.brand; "system" ("Linux") is not a distribution.
  EXPECT_EQ(imported.host, (ordered_json{{"hostname", "bench-01"},
                                         {"kernel", "6.1.0-18-amd64"},
                                         {"arch", "x86_64"},
                                         {"cpu_model", "Intel(R) Xeon(R) Processor"}}));
  expect_valid_evidence(imported);
}

// --- Real fixtures ---------------------------------------------------------------------------

TEST(ImportPytestBenchmark, JsonWithData) {
  const std::string relative = "fixtures/import/pytest-benchmark/json-with-data.json";
  const Imports imports = import_fixture(relative);
  ASSERT_TRUE(imports.imported.has_value()) << diagnostics_text(imports.problems);
  EXPECT_TRUE(imports.problems.empty());
  const Imported& imported = *imports.imported;
  expect_matches_fixture(imported, relative, true);
  EXPECT_EQ(imported.captured_at, "2026-11-22T22:48:13.738919Z");
  EXPECT_EQ(imported.commit, "95ce12932ebefe69f1029f9f4697889734893273");

  // The same, spelled out, for the first benchmark and the parameters.
  const ordered_json& first = imported.benchmarks[0];
  EXPECT_EQ(first["name"], "test_bench.py::test_json_dumps");
  EXPECT_EQ(first["metrics"][0]["description"],
            "median of 5 rounds of 10 iterations, per iteration (pytest-benchmark)");
  EXPECT_EQ(first["metrics"][0]["samples"],
            (ordered_json{1.7057000150089152e-06, 1.749600050970912e-06, 1.7553000361658633e-06, 1.597499976924155e-06,
                          1.6323998352163472e-06}));
  EXPECT_EQ(first["metrics"][0]["value"].get<double>(), 1.7057000150089152e-06);
  EXPECT_EQ(first["metrics"][6]["value"].get<double>(), 592381.9739085734);
  EXPECT_EQ(imported.benchmarks[1]["name"], "test_bench.py::test_sorted_list[100]");
  EXPECT_EQ(imported.benchmarks[1]["parameters"], (ordered_json{{"size", 100}}));
  EXPECT_EQ(imported.benchmarks[1]["metrics"][0]["description"],
            "median of 5 rounds of 1 iteration, per iteration (pytest-benchmark)");
  EXPECT_EQ(imported.benchmarks[2]["parameters"], (ordered_json{{"size", 1000}}));
  // group and extra_info stay in the metadata.
  EXPECT_EQ(imported.metadata["benchmarks"][1]["group"], "sort");
  EXPECT_EQ(imported.metadata["benchmarks"][1]["extra_info"], (ordered_json{{"size", 100}}));
  EXPECT_EQ(imported.metadata["benchmarks"][0]["stats"]["outliers"], "1;0");
  EXPECT_EQ(imported.metadata["benchmarks"][0]["stats"]["rounds"], 5);
  EXPECT_EQ(imported.metadata["benchmarks"][0]["stats"]["iterations"], 10);
  EXPECT_FALSE(imported.metadata["benchmarks"][0]["stats"].contains("data"));
  EXPECT_EQ(imported.metadata["commit_info"]["branch"], "main");
  EXPECT_EQ(imported.metadata["machine_info"]["python_version"], "3.11.2");
}

TEST(ImportPytestBenchmark, AutosaveNoData) {
  const std::string relative = "fixtures/import/pytest-benchmark/autosave-no-data.json";
  const Imports imports = import_fixture(relative);
  ASSERT_TRUE(imports.imported.has_value()) << diagnostics_text(imports.problems);
  const Imported& imported = *imports.imported;
  expect_matches_fixture(imported, relative, false);
  EXPECT_EQ(imported.captured_at, "2026-11-22T22:48:18.485866Z");
  EXPECT_EQ(imported.commit, "95ce12932ebefe69f1029f9f4697889734893273");
  EXPECT_EQ(imported.benchmarks[0]["metrics"][0],
            (ordered_json{{"name", "time"},
                          {"unit", "s"},
                          {"better", "lower"},
                          {"description", "median of 5 rounds of 10 iterations, per iteration (pytest-benchmark)"},
                          {"value", 1.6779000361566433e-06}}));
}

TEST(ImportPytestBenchmark, AutosaveSaveData) {
  const std::string relative = "fixtures/import/pytest-benchmark/autosave-save-data.json";
  const Imports imports = import_fixture(relative);
  ASSERT_TRUE(imports.imported.has_value()) << diagnostics_text(imports.problems);
  const Imported& imported = *imports.imported;
  expect_matches_fixture(imported, relative, true);
  EXPECT_EQ(imported.captured_at, "2026-11-22T22:48:22.887964Z");
  EXPECT_EQ(imported.commit, "95ce12932ebefe69f1029f9f4697889734893273");
  EXPECT_EQ(imported.benchmarks[2]["metrics"][0]["samples"],
            (ordered_json{5.083000360173173e-06, 4.920999344903976e-06, 4.968000212102197e-06, 4.6960012696217746e-06,
                          4.673000148613937e-06}));
}

TEST(ImportPytestBenchmark, FailedTestIsNotMarkedAndUnversionedHasNoCommit) {
  const std::string relative = "fixtures/import/pytest-benchmark/failed-test-no-git.json";
  const Imports imports = import_fixture(relative);
  ASSERT_TRUE(imports.imported.has_value()) << diagnostics_text(imports.problems);
  const Imported& imported = *imports.imported;
  expect_matches_fixture(imported, relative, true);
  EXPECT_EQ(imported.captured_at, "2026-11-22T22:48:37.839114Z");
  EXPECT_EQ(imported.commit, "");  // "id": "unversioned"
  EXPECT_EQ(imported.benchmarks[1]["name"], "test_fail.py::test_fails_after");
  EXPECT_EQ(imported.benchmarks[1]["metrics"][0]["description"],
            "median of 5 rounds of 100 iterations, per iteration (pytest-benchmark)");
}

TEST(ImportPytestBenchmark, SameInputSameBytes) {
  const std::string relative = "fixtures/import/pytest-benchmark/json-with-data.json";
  const Imports first = import_fixture(relative);
  const Imports second = import_fixture(relative);
  ASSERT_TRUE(first.imported.has_value());
  ASSERT_TRUE(second.imported.has_value());
  EXPECT_EQ(first.imported->benchmarks.dump(), second.imported->benchmarks.dump());
  EXPECT_EQ(first.imported->metadata.dump(), second.imported->metadata.dump());
  EXPECT_EQ(first.imported->host.dump(), second.imported->host.dump());
}

// --- Broken fixtures -------------------------------------------------------------------------

TEST(ImportPytestBenchmark, BrokenTruncated) {
  const Imports imports = import_fixture("fixtures/import/broken/pytest-benchmark-truncated.json");
  EXPECT_FALSE(imports.imported.has_value());
  ASSERT_EQ(imports.problems.size(), 1U) << diagnostics_text(imports.problems);
  EXPECT_EQ(imports.problems[0].code, "json.truncated");
  EXPECT_EQ(imports.problems[0].position.line, 61U);
}

TEST(ImportPytestBenchmark, BrokenIsHyperfine) {
  expect_error(import_fixture("fixtures/import/broken/pytest-benchmark-is-hyperfine.json"), "import.not_format",
               "not pytest-benchmark JSON: no \"machine_info\" at the top level (a file of --benchmark-json or "
               "--benchmark-autosave has \"machine_info\", \"commit_info\" and \"benchmarks\")",
               1, 1);
}

TEST(ImportPytestBenchmark, BrokenNoMean) {
  expect_error(import_fixture("fixtures/import/broken/pytest-benchmark-no-mean.json"), "import.missing",
               "a pytest-benchmark \"stats\" object has no \"mean\"", 46, 22);
}

// --- Detection -------------------------------------------------------------------------------

TEST(ImportPytestBenchmark, DetectsEveryPytestBenchmarkFixtureAndNoOther) {
  const Importer* importer = find_importer("pytest-benchmark");
  ASSERT_NE(importer, nullptr);
  const DetectedFixtures detected = expect_detects_only_its_fixtures("pytest-benchmark");
  EXPECT_EQ(detected.own, 4U);
  EXPECT_GT(detected.other_formats, 10U);
  EXPECT_FALSE(importer->detect(read_fixture("fixtures/import/broken/pytest-benchmark-is-hyperfine.json")));
  EXPECT_FALSE(importer->detect(""));
  EXPECT_FALSE(importer->detect("[{\"machine_info\": {}, \"benchmarks\": []}]"));
  EXPECT_TRUE(importer->detect("\xEF\xBB\xBF{\"machine_info\":{},\"benchmarks\":[]}"));
  EXPECT_FALSE(importer->detect("{\"context\": {}, \"benchmarks\": [{\"name\": \"BM_x\"}]}"));
}

// --- Hostile and hand-made inputs ------------------------------------------------------------

constexpr std::string_view default_stats =
    R"("min": 1.0, "max": 3.0, "mean": 2.0, "stddev": 1.0, "rounds": 3, "median": 2.5, "iqr": 1.5, "q1": 1.5, )"
    R"("q3": 3.0, "iqr_outliers": 0, "stddev_outliers": 1, "outliers": "1;0", "ld15iqr": 1.0, "hd15iqr": 3.0, )"
    R"("ops": 0.5, "total": 6.0, "data": [3.0, 1.0, 2.5], "iterations": 2)";

// One benchmark entry on one line.
std::string entry(const std::string& fullname_json, const std::string& params_json = "null",
                  std::string_view stats = default_stats) {
  return R"({"group": null, "name": "t", "fullname": )" + fullname_json + R"(, "params": )" + params_json +
         R"(, "param": null, "extra_info": {}, "options": {}, "stats": {)" + std::string(stats) + "}}";
}

// A whole file on one line, so a column is a byte offset plus one.
std::string file_with(const std::string& entries,
                      const std::string& machine_info = R"({"node": "h1", "release": "6.1.0", "machine": "x86_64", )"
                                                        R"("system": "Linux", "cpu": {"brand": "unknown"}})",
                      const std::string& commit_info = R"({"id": "unversioned", "dirty": false, "project": "p"})",
                      const std::string& datetime = R"("2026-01-02T03:04:05.000001")") {
  return R"({"machine_info": )" + machine_info + R"(, "commit_info": )" + commit_info + R"(, "benchmarks": [)" +
         entries + R"(], "datetime": )" + datetime + R"(, "version": "3.2.2"})";
}

std::size_t column_of(const std::string& text, const std::string& needle) {
  const std::size_t at = text.find(needle);
  EXPECT_NE(at, std::string::npos) << needle;
  return at + 1;
}

std::string with_stat(const std::string& key, const std::string& replacement) {
  std::string stats(default_stats);
  const std::size_t at = stats.find("\"" + key + "\": ");
  EXPECT_NE(at, std::string::npos);
  const std::size_t end = key == "data" ? stats.find(']', at) + 1 : stats.find(',', at);
  return stats.replace(at, end - at, "\"" + key + "\": " + replacement);
}

TEST(ImportPytestBenchmark, MinimalFileImportsAndValidates) {
  const Imports imports = import_text("m.json", file_with(entry(R"("tests/test_x.py::test_y[1]")")));
  ASSERT_TRUE(imports.imported.has_value()) << diagnostics_text(imports.problems);
  const Imported& imported = *imports.imported;
  EXPECT_EQ(imported.benchmarks[0]["name"], "tests:test_x.py::test_y[1]");
  EXPECT_EQ(imported.benchmarks[0]["metrics"][0]["samples"], (ordered_json{3.0, 1.0, 2.5}));
  EXPECT_EQ(imported.benchmarks[0]["metrics"][0]["value"].get<double>(), 2.5);
  EXPECT_EQ(imported.benchmarks[0]["metrics"][0]["description"],
            "median of 3 rounds of 2 iterations, per iteration (pytest-benchmark)");
  EXPECT_EQ(imported.host, (ordered_json{{"hostname", "h1"}, {"kernel", "6.1.0"}, {"arch", "x86_64"}}));
  EXPECT_EQ(imported.captured_at, "2026-01-02T03:04:05.000001Z");
  EXPECT_EQ(imported.suite, "p");
  EXPECT_EQ(imported.commit, "");
  EXPECT_TRUE(imported.findings.empty());
  expect_valid_evidence(imported);
}

TEST(ImportPytestBenchmark, EmptyFile) {
  expect_error(import_text("e.json", ""), "import.empty",
               "the file is empty; pytest-benchmark writes --benchmark-json FILE when the pytest session ends: was "
               "the run interrupted?",
               1, 1);
  expect_error(import_text("e.json", " \n\n"), "import.empty",
               "the file is empty; pytest-benchmark writes --benchmark-json FILE when the pytest session ends: was "
               "the run interrupted?",
               1, 1);
}

TEST(ImportPytestBenchmark, TopLevelArrayOrNumberIsNotFormat) {
  expect_error(import_text("a.json", "  [1, 2]"), "import.not_format",
               "not pytest-benchmark JSON: the top level is an array, expected an object with \"machine_info\", "
               "\"commit_info\" and \"benchmarks\"",
               1, 3);
  expect_error(import_text("n.json", "42"), "import.not_format",
               "not pytest-benchmark JSON: the top level is an integer, expected an object with \"machine_info\", "
               "\"commit_info\" and \"benchmarks\"",
               1, 1);
}

TEST(ImportPytestBenchmark, HugeNumberIsAJsonError) {
  const std::string text = file_with(entry(R"("t")", "null", with_stat("max", "1e400")));
  const Imports imports = import_text("h.json", text);
  EXPECT_FALSE(imports.imported.has_value());
  ASSERT_EQ(imports.problems.size(), 1U) << diagnostics_text(imports.problems);
  EXPECT_TRUE(imports.problems[0].code.starts_with("json.")) << imports.problems[0].code;
  EXPECT_EQ(imports.problems[0].position.column, column_of(text, "1e400"));
}

TEST(ImportPytestBenchmark, ControlCharacterInNameIsAnError) {
  const std::string text = file_with(entry(R"("test_a.py::t[\u0007]")"));
  expect_error(
      import_text("c.json", text), "import.name",
      "benchmark \"test_a.py::t[\\u0007]\" cannot be an evidence name: it is empty, holds control characters or is "
      "longer than 200 characters",
      1, column_of(text, R"("test_a.py::t[\u0007]")"));
}

TEST(ImportPytestBenchmark, OverlongNameIsAnError) {
  const std::string long_name = "test_a.py::t[" + std::string(190, 'x') + "]";  // 204 characters
  const std::string text = file_with(entry("\"" + long_name + "\""));
  const Imports imports = import_text("l.json", text);
  EXPECT_FALSE(imports.imported.has_value());
  ASSERT_EQ(imports.problems.size(), 1U);
  EXPECT_EQ(imports.problems[0].code, "import.name");
  EXPECT_EQ(imports.problems[0].position.column, column_of(text, "\"" + long_name));
  // 200 characters are fine.
  const std::string fits = "test_a.py::t[" + std::string(186, 'x') + "]";
  const Imports fine = import_text("f.json", file_with(entry("\"" + fits + "\"")));
  ASSERT_TRUE(fine.imported.has_value()) << diagnostics_text(fine.problems);
  EXPECT_EQ(fine.imported->benchmarks[0]["name"], fits);
  expect_valid_evidence(*fine.imported);
}

TEST(ImportPytestBenchmark, SlashAndColonNamesCollide) {
  const std::string text = file_with(entry(R"("a/b.py::t")") + ", " + entry(R"("a:b.py::t")"));
  expect_error(import_text("d.json", text), "import.duplicate_name",
               "benchmarks \"a/b.py::t\" and \"a:b.py::t\" both become the evidence name \"a:b.py::t\" ('/' is "
               "written as ':')",
               1, column_of(text, R"("a:b.py::t")"));
  const std::string twice = file_with(entry(R"("x.py::t")") + ", " + entry(R"("x.py::t")"));
  expect_error(import_text("d.json", twice), "import.duplicate_name",
               "benchmark \"x.py::t\" appears twice; each test is written once per run", 1,
               twice.rfind(R"("x.py::t")") + 1);
}

TEST(ImportPytestBenchmark, WrongTypesAreErrors) {
  {
    const std::string text = file_with(entry(R"("t")", "null", with_stat("median", R"("2.5 s")")));
    expect_error(import_text("w.json", text), "import.type",
                 "\"median\" of a pytest-benchmark \"stats\" object is a string, expected a number", 1,
                 column_of(text, R"("2.5 s")"));
  }
  {
    const std::string text = file_with(entry(R"("t")", "null", with_stat("rounds", "3.0")));
    expect_error(import_text("w.json", text), "import.type",
                 "\"rounds\" of a pytest-benchmark \"stats\" object is a number, expected an integer", 1,
                 column_of(text, "3.0, \"median\""));
  }
  {
    const std::string text = file_with(entry(R"("t")", "null", with_stat("data", R"([3.0, "1.0", 2.5])")));
    expect_error(import_text("w.json", text), "import.type",
                 "item 1 of \"data\" of a pytest-benchmark \"stats\" object is a string, expected a number", 1,
                 column_of(text, R"("1.0")"));
  }
  {
    const std::string text = file_with(entry(R"("t")", "null", with_stat("outliers", "1")));
    expect_error(import_text("w.json", text), "import.type",
                 "\"outliers\" of a pytest-benchmark \"stats\" object is an integer, expected a string", 1,
                 column_of(text, "1, \"ld15iqr\""));
  }
  {
    const std::string text = file_with(entry(R"("t")", "null", with_stat("q1", "null")));
    expect_error(import_text("w.json", text), "import.type",
                 "\"q1\" of a pytest-benchmark \"stats\" object is null, expected a number", 1,
                 column_of(text, "null, \"q3\""));
  }
  {
    const std::string text = file_with(entry(R"("t")") + ", 7");
    expect_error(import_text("w.json", text), "import.type",
                 "item 1 of \"benchmarks\" is an integer, expected a pytest-benchmark \"benchmarks\" entry (an object)",
                 1, column_of(text, "7]"));
  }
  {
    const std::string text = file_with(entry("42"));
    expect_error(import_text("w.json", text), "import.type",
                 "\"fullname\" of a pytest-benchmark \"benchmarks\" entry is an integer, expected a string", 1,
                 column_of(text, "42"));
  }
  {
    const std::string text = file_with(entry(R"("t")", R"("size=1")"));
    expect_error(import_text("w.json", text), "import.type",
                 "\"params\" of a pytest-benchmark \"benchmarks\" entry is a string, expected an object", 1,
                 column_of(text, R"("size=1")"));
  }
  {
    const std::string text = R"({"machine_info": {}, "benchmarks": {}})";
    expect_error(import_text("w.json", text), "import.type",
                 "\"benchmarks\" of pytest-benchmark JSON is an object, expected an array", 1, column_of(text, "{}}"));
  }
  {
    const std::string text = file_with("", R"({"node": 7})");
    expect_error(import_text("w.json", text), "import.type",
                 "\"node\" of pytest-benchmark \"machine_info\" is an integer, expected a string", 1,
                 column_of(text, "7}"));
  }
}

TEST(ImportPytestBenchmark, CpuBrandOfWrongTypeIsAnError) {
  const std::string text = file_with("", R"({"node": "h", "cpu": {"brand": ["x"]}})");
  expect_error(import_text("w.json", text), "import.type",
               "\"brand\" of pytest-benchmark \"machine_info.cpu\" is an array, expected a string", 1,
               column_of(text, R"(["x"])"));
}

TEST(ImportPytestBenchmark, MissingFullnameOrStats) {
  const std::string text = file_with(R"({"name": "t", "stats": {}})");
  const Imports imports = import_text("m.json", text);
  EXPECT_FALSE(imports.imported.has_value());
  // fullname missing at the entry, then every required statistic is not reached (no stats read).
  ASSERT_EQ(imports.problems.size(), 1U) << diagnostics_text(imports.problems);
  EXPECT_EQ(imports.problems[0].code, "import.missing");
  EXPECT_EQ(imports.problems[0].message, "a pytest-benchmark \"benchmarks\" entry has no \"fullname\"");
  EXPECT_EQ(imports.problems[0].position.column, column_of(text, R"({"name": "t")"));
}

TEST(ImportPytestBenchmark, DataLengthMustEqualRounds) {
  const std::string text = file_with(entry(R"("t")", "null", with_stat("data", "[3.0, 1.0]")));
  expect_error(import_text("r.json", text), "import.mismatch",
               "benchmark \"t\" has 2 values in \"data\" but \"rounds\" is 3: pytest-benchmark writes one value per "
               "round, so the file was changed or damaged",
               1, column_of(text, "[3.0, 1.0]"));
}

TEST(ImportPytestBenchmark, ParametersKeepScalarsAndSpellOutTheRest) {
  const std::string long_text(1025, 'y');
  const std::string params = R"({"n": 3, "f": 0.25, "flag": true, "s": "abc", "none": null, "list": [1, "a"], )"
                             R"("obj": {"k": [1.5]}, "long": ")" +
                             long_text + R"("})";
  const std::string text = file_with(entry(R"("t")", params));
  const Imports imports = import_text("p.json", text);
  ASSERT_TRUE(imports.imported.has_value()) << diagnostics_text(imports.problems);
  const Imported& imported = *imports.imported;
  // Keys come in the order of the JSON parser's objects (sorted), not of the file.
  EXPECT_EQ(imported.benchmarks[0]["parameters"].dump(),
            R"({"f":0.25,"flag":true,"list":"[1,\"a\"]","n":3,"none":"null","obj":"{\"k\":[1.5]}","s":"abc"})");
  ASSERT_EQ(imported.findings.size(), 1U);
  expect_finding(imported.findings[0], Severity::warning, "import.parameter_dropped",
                 "param \"long\" of benchmark \"t\" is longer than 1024 characters as text; it is left out of the "
                 "evidence parameters (it stays in extensions.pytest-benchmark)",
                 1, column_of(text, "\"" + long_text));
  EXPECT_EQ(imported.metadata["benchmarks"][0]["params"]["long"], long_text);
  expect_valid_evidence(imported);
}

TEST(ImportPytestBenchmark, MoreThanAHundredParamsKeepTheFirstHundred) {
  std::string params = "{";
  for (int i = 0; i <= 100; ++i) {
    char key[8];
    std::snprintf(key, sizeof key, "p%03d", i);
    params += std::string(i == 0 ? "" : ", ") + "\"" + key + "\": " + std::to_string(i);
  }
  params += "}";
  const std::string text = file_with(entry(R"("t")", params));
  const Imports imports = import_text("p.json", text);
  ASSERT_TRUE(imports.imported.has_value()) << diagnostics_text(imports.problems);
  const ordered_json& kept = imports.imported->benchmarks[0]["parameters"];
  ASSERT_EQ(kept.size(), 100U);
  EXPECT_EQ(kept["p099"], 99);
  EXPECT_FALSE(kept.contains("p100"));
  ASSERT_EQ(imports.imported->findings.size(), 1U);
  expect_finding(imports.imported->findings[0], Severity::warning, "import.parameter_dropped",
                 "benchmark \"t\" has more than 100 params; evidence keeps the first 100 (in key order), the rest stay "
                 "in extensions.pytest-benchmark",
                 1, column_of(text, "100}"));
  expect_valid_evidence(*imports.imported);
}

TEST(ImportPytestBenchmark, ParameterNameWithControlCharacterIsAnError) {
  const std::string text = file_with(entry(R"("t")", R"({"a\tb": 1})"));
  expect_error(import_text("p.json", text), "import.parameter",
               "parameter name \"a\\tb\" of benchmark \"t\" cannot be an evidence parameter name (1 to 200 characters "
               "without control characters)",
               1, column_of(text, R"("a\tb")"));
}

TEST(ImportPytestBenchmark, BareNanInExtraInfoAndParamsIsKeptAsText) {
  // Python's json module writes float("nan") bare; extra_info and params can hold anything.
  std::string text = file_with(entry(R"("t")", R"({"ratio": NaN, "label": "N"})"));
  text.replace(text.find(R"("extra_info": {})"), 16, R"("extra_info": {"gap": Infinity, "note": "N"})");
  const Imports imports = import_text("n.json", text);
  ASSERT_TRUE(imports.imported.has_value()) << diagnostics_text(imports.problems);
  const Imported& imported = *imports.imported;
  EXPECT_EQ(imported.benchmarks[0]["parameters"], (ordered_json{{"label", "N"}, {"ratio", "NaN"}}));
  EXPECT_EQ(imported.metadata["benchmarks"][0]["extra_info"], (ordered_json{{"gap", "Infinity"}, {"note", "N"}}));
  EXPECT_TRUE(imported.findings.empty());
  EXPECT_FALSE(imported.failed);  // not measurements
  expect_valid_evidence(imported);

  // Without any bare token, a string "N" is only a string.
  std::string plain = file_with(entry(R"("t")", R"({"label": "N"})"));
  const Imports plain_imports = import_text("n.json", plain);
  ASSERT_TRUE(plain_imports.imported.has_value());
  EXPECT_EQ(plain_imports.imported->benchmarks[0]["parameters"], (ordered_json{{"label", "N"}}));
}

TEST(ImportPytestBenchmark, NonFiniteStatisticIsLeftOutWithAWarning) {
  const std::string text = file_with(entry(R"("t")", "null", with_stat("max", "Infinity")));
  const Imports imports = import_text("n.json", text);
  ASSERT_TRUE(imports.imported.has_value()) << diagnostics_text(imports.problems);
  const Imported& imported = *imports.imported;
  EXPECT_TRUE(imported.failed);  // a measurement that failed: left out, and the run marked failed
  ASSERT_EQ(imported.findings.size(), 1U);
  expect_finding(
      imported.findings[0], Severity::warning, "import.non_finite",
      "\"max\" of benchmark \"t\" is Infinity, which evidence cannot hold; the metric made from it is left out", 1,
      column_of(text, "Infinity"));
  const ordered_json& metrics = imported.benchmarks[0]["metrics"];
  ASSERT_EQ(metrics.size(), 6U);
  EXPECT_EQ(metrics[1]["name"], "time_min");
  EXPECT_EQ(metrics[2]["name"], "time_mean");
  expect_valid_evidence(imported);

  const std::string in_data = file_with(entry(R"("t")", "null", with_stat("data", "[3.0, NaN, 2.5]")));
  const Imports data_imports = import_text("n.json", in_data);
  ASSERT_TRUE(data_imports.imported.has_value()) << diagnostics_text(data_imports.problems);
  EXPECT_TRUE(data_imports.imported->failed);
  ASSERT_EQ(data_imports.imported->findings.size(), 1U);
  expect_finding(data_imports.imported->findings[0], Severity::warning, "import.non_finite",
                 "round 2 of benchmark \"t\" is NaN, which evidence cannot hold; the samples of \"time\" are left out "
                 "(its value stays)",
                 1, column_of(in_data, "NaN"));
  const ordered_json& time = data_imports.imported->benchmarks[0]["metrics"][0];
  EXPECT_FALSE(time.contains("samples"));
  EXPECT_EQ(time["value"].get<double>(), 2.5);
  expect_valid_evidence(*data_imports.imported);
}

TEST(ImportPytestBenchmark, DirtyTreeIsAWarning) {
  std::string text = read_fixture("fixtures/import/pytest-benchmark/json-with-data.json");
  text.replace(text.find("\"dirty\": false"), 14, "\"dirty\": true ");
  const Imports imports = import_text("dirty.json", text);
  ASSERT_TRUE(imports.imported.has_value()) << diagnostics_text(imports.problems);
  ASSERT_EQ(imports.imported->findings.size(), 1U);
  expect_finding(imports.imported->findings[0], Severity::warning, "import.dirty_tree",
                 "the code under test had uncommitted changes (\"dirty\": true): the numbers are not those of commit "
                 "95ce12932ebefe69f1029f9f4697889734893273 alone; commit or stash the changes and run again",
                 26, 18);
  EXPECT_EQ(imports.imported->findings[0].file, "dirty.json");
  EXPECT_EQ(imports.imported->commit, "95ce12932ebefe69f1029f9f4697889734893273");
}

TEST(ImportPytestBenchmark, CommitMustBeFortyHexDigits) {
  const auto commit_of = [](const std::string& id) {
    const Imports imports = import_text(
        "c.json", file_with(entry(R"("t")"), R"({"node": "h"})", R"({"id": ")" + id + R"(", "dirty": false})"));
    EXPECT_TRUE(imports.imported.has_value()) << diagnostics_text(imports.problems);
    return imports.imported ? imports.imported->commit : std::string("?");
  };
  EXPECT_EQ(commit_of("0123456789abcdef0123456789abcdef01234567"), "0123456789abcdef0123456789abcdef01234567");
  EXPECT_EQ(commit_of("unknown"), "");
  EXPECT_EQ(commit_of("0123456"), "");
  EXPECT_EQ(commit_of("0123456789ABCDEF0123456789abcdef01234567"), "");
}

TEST(ImportPytestBenchmark, DatetimeBecomesUtc) {
  const auto captured = [](const std::string& datetime_json) {
    const Imports imports =
        import_text("t.json", file_with(entry(R"("t")"), R"({"node": "h"})", R"({"id": "x"})", datetime_json));
    EXPECT_TRUE(imports.imported.has_value()) << diagnostics_text(imports.problems);
    return imports.imported ? imports.imported->captured_at : std::string("?");
  };
  EXPECT_EQ(captured(R"("2026-11-22T22:48:13")"), "2026-11-22T22:48:13Z");  // isoformat() drops .000000
  EXPECT_EQ(captured(R"("2026-11-22T22:48:13.738919")"), "2026-11-22T22:48:13.738919Z");
  EXPECT_EQ(captured(R"("2026-11-22T22:48:13.738919+00:00")"), "2026-11-22T22:48:13.738919Z");
  EXPECT_EQ(captured(R"("2026-12-31T23:30:00-01:00")"), "2027-01-01T00:30:00Z");
  EXPECT_EQ(captured(R"("2026-03-01T00:15:00+02:00")"), "2026-02-28T22:15:00Z");

  const std::string text = file_with(entry(R"("t")"), R"({"node": "h"})", R"({"id": "x"})", R"("2026-02-30T10:00:00")");
  const Imports imports = import_text("t.json", text);
  ASSERT_TRUE(imports.imported.has_value());
  EXPECT_EQ(imports.imported->captured_at, "");
  ASSERT_EQ(imports.imported->findings.size(), 1U);
  expect_finding(imports.imported->findings[0], Severity::warning, "import.date",
                 "\"datetime\" is \"2026-02-30T10:00:00\", not an ISO 8601 date and time; captured_at is taken from "
                 "--captured-at or the file's modification time",
                 1, column_of(text, R"("2026-02-30)"));
}

TEST(ImportPytestBenchmark, NewerCpuInfoGivesModelAndCount) {
  const std::string text =
      file_with(entry(R"("t")"),
                R"({"node": "ci-7", "machine": "aarch64", "release": "6.8.0-1009-aws", "system": "Linux", )"
                R"("cpu": {"brand_raw": "Neoverse-N1", "brand": "old", "count": 4, "arch_string_raw": "aarch64"}})");
  const Imports imports = import_text("c.json", text);
  ASSERT_TRUE(imports.imported.has_value()) << diagnostics_text(imports.problems);
  EXPECT_EQ(imports.imported->host, (ordered_json{{"hostname", "ci-7"},
                                                  {"kernel", "6.8.0-1009-aws"},
                                                  {"arch", "aarch64"},
                                                  {"cpu_model", "Neoverse-N1"},
                                                  {"logical_cpus", 4}}));
  expect_valid_evidence(*imports.imported);
}

TEST(ImportPytestBenchmark, HostFactThatDoesNotFitIsANote) {
  const std::string text = file_with(entry(R"("t")"), R"({"node": "", "machine": "x86 64", "cpu": {"count": 0}})");
  const Imports imports = import_text("h.json", text);
  ASSERT_TRUE(imports.imported.has_value()) << diagnostics_text(imports.problems);
  EXPECT_EQ(imports.imported->host, ordered_json::object());
  ASSERT_EQ(imports.imported->findings.size(), 3U);
  expect_finding(imports.imported->findings[0], Severity::note, "import.host_fact_skipped",
                 "\"node\" is \"\", which evidence cannot hold as host.hostname; it is left out", 1,
                 column_of(text, R"("", "machine")"));
  expect_finding(imports.imported->findings[1], Severity::note, "import.host_fact_skipped",
                 "\"machine\" is \"x86 64\", which evidence cannot hold as host.arch; it is left out", 1,
                 column_of(text, R"("x86 64")"));
  expect_finding(imports.imported->findings[2], Severity::note, "import.host_fact_skipped",
                 "\"count\" is 0, which evidence cannot hold as host.logical_cpus (1 to 8192); it is left out", 1,
                 column_of(text, "0}}"));
  expect_valid_evidence(*imports.imported);
}

TEST(ImportPytestBenchmark, OneRoundAndIntegerStatistics) {
  // One round: stddev is the integer 0 and ops is 0 when the total is 0.
  const std::string stats = R"("min": 0.0, "max": 0.0, "mean": 0.0, "stddev": 0, "rounds": 1, "median": 0.0, )"
                            R"("iqr": 0.0, "ops": 0, "data": [0.0], "iterations": 1)";
  const Imports imports = import_text("o.json", file_with(entry(R"("t")", "null", stats)));
  ASSERT_TRUE(imports.imported.has_value()) << diagnostics_text(imports.problems);
  const ordered_json& metrics = imports.imported->benchmarks[0]["metrics"];
  EXPECT_EQ(metrics[0]["description"], "median of 1 round of 1 iteration, per iteration (pytest-benchmark)");
  EXPECT_EQ(metrics[4]["value"].get<double>(), 0.0);
  EXPECT_EQ(metrics[6]["value"].get<double>(), 0.0);
  expect_valid_evidence(*imports.imported);
}

}  // namespace
}  // namespace evident::io
