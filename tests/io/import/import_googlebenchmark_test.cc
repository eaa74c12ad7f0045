// The Google Benchmark importer on the real outputs of fixtures/import/googlebenchmark, the
// hand-broken ones of fixtures/import/broken, and hostile inputs written here.
#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <cstdlib>
#include <map>
#include <regex>
#include <set>
#include <sstream>
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

const std::string fixture_dir = "fixtures/import/googlebenchmark/";
const std::vector<std::string> fixtures = {
    "aggregates-only.json", "counters-repetitions.json", "counters.json", "error-repetitions.json", "error.json",
    "names.json",           "nan-counter.json",          "plain.json",    "repetitions.json"};

constexpr std::string_view debug_message =
    "the Google Benchmark library was built for debugging (library_build_type \"debug\"): this is about the library, "
    "not your benchmark code, but its own overhead may be in the timings (Debian's libbenchmark always reports "
    "debug)";

Imports import_text(std::string path, std::string text) {
  return run_import("googlebenchmark", std::move(path), std::move(text));
}

Imports import_fixture(const std::string& relative) { return run_import_fixture("googlebenchmark", relative); }

void expect_finding(const Diagnostic& finding, Severity severity, const std::string& code, std::size_t line,
                    std::size_t column, const std::string& message) {
  expect_diagnostic(finding, severity, code, message, line, column);
}

void expect_debug_finding(const Diagnostic& finding) {
  expect_finding(finding, Severity::warning, "import.debug_build", 36, 27, std::string(debug_message));
}

// Line and column (1-based, ASCII text) of the first occurrence of needle.
std::pair<std::size_t, std::size_t> position_of(const std::string& text, const std::string& needle,
                                                std::size_t occurrence = 0) {
  std::size_t offset = text.find(needle);
  for (std::size_t i = 0; i < occurrence; ++i) offset = text.find(needle, offset + 1);
  EXPECT_NE(offset, std::string::npos) << needle;
  const std::size_t line_start = text.rfind('\n', offset);
  const std::size_t line =
      static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n')) + 1;
  return {line, line_start == std::string::npos ? offset + 1 : offset - line_start};
}

const ordered_json& benchmark_named(const Imported& imported, const std::string& name) {
  for (const ordered_json& benchmark : imported.benchmarks) {
    if (benchmark["name"] == name) return benchmark;
  }
  ADD_FAILURE() << "no benchmark " << name;
  static const ordered_json none = ordered_json::object();
  return none;
}

std::vector<std::string> field_of(const ordered_json& metrics, const std::string& field) {
  std::vector<std::string> values;
  for (const ordered_json& metric : metrics) values.push_back(metric[field].get<std::string>());
  return values;
}

// --- The fixture text read on its own: Google Benchmark writes one member per line -------------

struct TextEntry {
  std::map<std::string, std::string> members;  // key -> the value as written
  bool has(const std::string& key) const { return members.contains(key); }
  std::string get(const std::string& key) const { return has(key) ? members.at(key) : std::string(); }
  std::string text(const std::string& key) const {  // a string value without its quotes
    const std::string raw = get(key);
    return raw.size() >= 2 ? raw.substr(1, raw.size() - 2) : raw;
  }
};

std::vector<TextEntry> text_entries(const std::string& text) {
  std::vector<TextEntry> entries;
  std::istringstream lines(text.substr(text.find("\"benchmarks\": [")));
  const std::regex member_line(R"re(^\s*"([^"]+)": (.*?),?$)re");
  std::string line;
  std::getline(lines, line);
  while (std::getline(lines, line)) {
    std::smatch match;
    if (line == "    {") {
      entries.emplace_back();
    } else if (!entries.empty() && std::regex_match(line, match, member_line)) {
      entries.back().members[match[1]] = match[2];
    }
  }
  return entries;
}

bool finite_token(const std::string& raw) { return raw != "NaN" && raw != "Infinity" && raw != "-Infinity"; }

double number_in_text(const std::string& raw) {
  char* end = nullptr;
  const double value = std::strtod(raw.c_str(), &end);
  EXPECT_EQ(static_cast<std::size_t>(end - raw.c_str()), raw.size()) << raw;
  return value;
}

// Every number of the evidence is the number written in the fixture at the place the mapping says,
// and every finite measurement of the fixture is somewhere in the evidence.
void expect_numbers_from_text(const std::string& relative, const Imported& imported) {
  const std::vector<TextEntry> entries = text_entries(read_fixture(relative));
  const std::set<std::string> not_measured = {"name",
                                              "family_index",
                                              "per_family_instance_index",
                                              "run_name",
                                              "run_type",
                                              "repetitions",
                                              "repetition_index",
                                              "threads",
                                              "aggregate_name",
                                              "aggregate_unit",
                                              "iterations",
                                              "time_unit",
                                              "big_o",
                                              "error_occurred",
                                              "error_message"};
  std::map<std::string, std::vector<const TextEntry*>> by_name;  // evidence name -> entries
  for (const TextEntry& entry : entries) {
    std::string name = entry.text("run_name");
    std::replace(name.begin(), name.end(), '/', ':');
    by_name[name].push_back(&entry);
  }
  std::size_t measured_in_text = 0;
  for (const TextEntry& entry : entries) {
    if (entry.has("error_occurred")) continue;
    for (const auto& [key, raw] : entry.members) {
      if (!not_measured.contains(key) && finite_token(raw)) ++measured_in_text;
    }
  }
  std::size_t numbers_in_evidence = 0;
  for (const ordered_json& benchmark : imported.benchmarks) {
    const auto& group = by_name[benchmark["name"].get<std::string>()];
    ASSERT_FALSE(group.empty()) << benchmark["name"];
    std::vector<const TextEntry*> repetitions;
    for (const TextEntry* entry : group) {
      if (entry->text("run_type") == "iteration" && !entry->has("error_occurred")) repetitions.push_back(entry);
    }
    const auto aggregate = [&](const std::string& aggregate_name) -> const TextEntry* {
      for (const TextEntry* entry : group) {
        if (entry->text("aggregate_name") == aggregate_name) return entry;
      }
      ADD_FAILURE() << "no aggregate " << aggregate_name;
      return nullptr;
    };
    for (const ordered_json& metric : benchmark["metrics"]) {
      const std::string name = metric["name"].get<std::string>();
      if (metric.contains("samples")) {
        EXPECT_FALSE(metric.contains("value")) << name;
        std::vector<double> expected;
        for (const TextEntry* entry : repetitions) {
          if (entry->has(name) && finite_token(entry->get(name))) expected.push_back(number_in_text(entry->get(name)));
        }
        ASSERT_EQ(metric["samples"].size(), expected.size()) << name;
        for (std::size_t i = 0; i < expected.size(); ++i)
          EXPECT_EQ(metric["samples"][i].get<double>(), expected[i]) << name;
        numbers_in_evidence += expected.size();
        continue;
      }
      ASSERT_TRUE(metric.contains("value")) << name;
      const double value = metric["value"].get<double>();
      if (name == "real_time_coefficient" || name == "cpu_time_coefficient") {
        EXPECT_EQ(value, number_in_text(aggregate("BigO")->get(name.substr(0, name.find('_')) + "_coefficient")));
      } else if (name == "rms") {
        EXPECT_EQ(value, number_in_text(aggregate("RMS")->get("rms")));
      } else if (repetitions.empty() && aggregate("median")->has(name)) {
        // aggregates only: the base metric carries the median, which is also name_median
        EXPECT_EQ(value, number_in_text(aggregate("median")->get(name)));
        continue;
      } else {
        const std::size_t cut = name.rfind('_');
        EXPECT_EQ(value, number_in_text(aggregate(name.substr(cut + 1))->get(name.substr(0, cut)))) << name;
      }
      ++numbers_in_evidence;
    }
  }
  EXPECT_EQ(numbers_in_evidence, measured_in_text) << relative;
}

// --- Every real fixture ---------------------------------------------------------------------------

TEST(ImportGoogleBenchmark, EveryFixtureImportsValidEvidenceWithTheNumbersAsWritten) {
  for (const std::string& name : fixtures) {
    SCOPED_TRACE(name);
    const Imports imports = import_fixture(fixture_dir + name);
    ASSERT_TRUE(imports.imported.has_value());
    EXPECT_TRUE(imports.problems.empty());
    const Imported& imported = *imports.imported;
    expect_valid_evidence(imported);
    expect_numbers_from_text(fixture_dir + name, imported);
    EXPECT_EQ(imported.tool, "google-benchmark");
    EXPECT_EQ(imported.tool_version, "");  // 1.7.1 writes no library_version
    EXPECT_EQ(imported.suite, name == "nan-counter.json" ? "nan" : "bench");
    EXPECT_EQ(imported.commit, "");
    // An errored benchmark fails the run, and so does a non-finite measurement.
    EXPECT_EQ(imported.failed, name.starts_with("error") || name == "nan-counter.json");
    ASSERT_FALSE(imported.findings.empty());
    expect_debug_finding(imported.findings[0]);

    // The context, member for member in its written order, is the metadata.
    // (nan-counter.json has bare NaN and Infinity, which no JSON parser takes, in its benchmarks.)
    const std::string strict =
        std::regex_replace(read_fixture(fixture_dir + name), std::regex(": (NaN|Infinity)"), ": null");
    const ordered_json written = ordered_json::parse(strict)["context"];
    EXPECT_EQ(imported.metadata.dump(), ordered_json({{"context", written}}).dump());
    EXPECT_EQ(imported.metadata["context"].begin().key(), "date");

    // host: the name, the CPU count and the load read once at the start, standing for before and after.
    const TextEntry context = [&] {
      TextEntry entry;
      std::istringstream lines(read_fixture(fixture_dir + name));
      std::string line;
      const std::regex member_line(R"re(^    "([^"]+)": (.*?),?$)re");
      while (std::getline(lines, line) && line != "  \"benchmarks\": [") {
        std::smatch match;
        if (std::regex_match(line, match, member_line)) entry.members[match[1]] = match[2];
      }
      return entry;
    }();
    EXPECT_EQ(imported.host["hostname"], "bench-01");
    EXPECT_EQ(imported.host["logical_cpus"], 2);
    const std::string load = context.get("load_avg");  // "[5.46875,4.28564,3.83154]"
    std::vector<double> expected_load;
    std::istringstream load_values(load.substr(1, load.size() - 2));
    for (std::string value; std::getline(load_values, value, ',');) expected_load.push_back(number_in_text(value));
    ASSERT_EQ(expected_load.size(), 3U);
    for (const char* when : {"before", "after"}) {
      ASSERT_EQ(imported.host["load_avg"][when].size(), 3U);
      for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(imported.host["load_avg"][when][i].get<double>(), expected_load[i]);
    }
    EXPECT_EQ(imported.host.size(), 3U);
    // captured_at: the date, whose offset is +00:00 in every fixture, in UTC.
    const std::string date = context.text("date");
    ASSERT_TRUE(date.ends_with("+00:00")) << date;
    EXPECT_EQ(imported.captured_at, date.substr(0, 19) + "Z");
  }
}

TEST(ImportGoogleBenchmark, ImportIsDeterministic) {
  for (const std::string& name : fixtures) {
    const Imports first = import_fixture(fixture_dir + name);
    const Imports second = import_fixture(fixture_dir + name);
    ASSERT_TRUE(first.imported && second.imported) << name;
    EXPECT_EQ(first.imported->benchmarks.dump(), second.imported->benchmarks.dump()) << name;
    EXPECT_EQ(first.imported->host.dump(), second.imported->host.dump()) << name;
    EXPECT_EQ(first.imported->metadata.dump(), second.imported->metadata.dump()) << name;
  }
}

TEST(ImportGoogleBenchmark, PlainIsOneBenchmarkPerRunWithOneSampleEach) {
  const Imports imports = import_fixture(fixture_dir + "plain.json");
  ASSERT_TRUE(imports.imported);
  const Imported& imported = *imports.imported;
  EXPECT_EQ(imported.captured_at, "2026-11-22T22:49:41Z");
  EXPECT_EQ(imported.host.dump(),
            R"({"hostname":"bench-01","logical_cpus":2,"load_avg":{"before":[5.46875,4.28564,3.83154],)"
            R"("after":[5.46875,4.28564,3.83154]}})");
  EXPECT_EQ(names_of(imported.benchmarks), (std::vector<std::string>{"BM_StringCopy", "BM_VectorSum"}));
  const ordered_json& copy = imported.benchmarks[0];
  EXPECT_EQ(copy["parameters"].dump(), R"({"threads":1})");
  EXPECT_EQ(names_of(copy["metrics"]), (std::vector<std::string>{"real_time", "cpu_time"}));
  EXPECT_EQ(field_of(copy["metrics"], "unit"), (std::vector<std::string>{"ns", "ns"}));
  EXPECT_EQ(field_of(copy["metrics"], "better"), (std::vector<std::string>{"lower", "lower"}));
  EXPECT_EQ(copy["metrics"][0]["samples"].size(), 1U);
  EXPECT_EQ(copy["metrics"][0]["samples"][0].get<double>(), 2.0496850924578911e+01);
  EXPECT_EQ(copy["metrics"][1]["samples"][0].get<double>(), 1.3396100031496550e+01);
  EXPECT_FALSE(copy["metrics"][0].contains("description"));
  EXPECT_EQ(metric_named(imported.benchmarks[1], "real_time")["samples"][0].get<double>(), 1.0196452711374866e+02);
  EXPECT_EQ(metric_named(imported.benchmarks[1], "cpu_time")["samples"][0].get<double>(), 6.9505401042774096e+01);
  ASSERT_EQ(imported.findings.size(), 1U);
  EXPECT_EQ(imported.findings[0].excerpt, "    \"library_build_type\": \"debug\"");
}

TEST(ImportGoogleBenchmark, RepetitionsAreSamplesAndAggregatesAreSeparateValues) {
  const Imports imports = import_fixture(fixture_dir + "repetitions.json");
  ASSERT_TRUE(imports.imported);
  const Imported& imported = *imports.imported;
  ASSERT_EQ(imported.benchmarks.size(), 1U);
  const ordered_json& metrics = imported.benchmarks[0]["metrics"];
  EXPECT_EQ(names_of(metrics), (std::vector<std::string>{"real_time", "cpu_time", "real_time_mean", "cpu_time_mean",
                                                         "real_time_median", "cpu_time_median", "real_time_stddev",
                                                         "cpu_time_stddev", "real_time_cv", "cpu_time_cv"}));
  EXPECT_EQ(field_of(metrics, "unit"),
            (std::vector<std::string>{"ns", "ns", "ns", "ns", "ns", "ns", "ns", "ns", "ratio", "ratio"}));
  for (const ordered_json& metric : metrics) EXPECT_EQ(metric["better"], "lower");
  const std::vector<double> real = {2.0049754984533891e+01, 2.0919130788335814e+01, 1.8837418335487790e+01,
                                    2.0139689390096784e+01, 1.8736002482320583e+01};
  ASSERT_EQ(metrics[0]["samples"].size(), real.size());
  for (std::size_t i = 0; i < real.size(); ++i) EXPECT_EQ(metrics[0]["samples"][i].get<double>(), real[i]);
  EXPECT_EQ(metrics[2].dump(), ordered_json({{"name", "real_time_mean"},
                                             {"unit", "ns"},
                                             {"better", "lower"},
                                             {"description", "mean of the 5 repetitions, computed by Google Benchmark"},
                                             {"value", 1.9736399196154970e+01}})
                                   .dump());
  EXPECT_EQ(metrics[4]["description"], "median of the 5 repetitions, computed by Google Benchmark");
  EXPECT_EQ(metrics[6]["description"], "standard deviation of the 5 repetitions, computed by Google Benchmark");
  EXPECT_EQ(metrics[8]["description"],
            "coefficient of variation (standard deviation / mean) of the 5 repetitions, computed by Google Benchmark; "
            "a ratio, though Google Benchmark labels it a percentage");
  EXPECT_EQ(metrics[8]["value"].get<double>(), 4.7182642737799513e-02);
  EXPECT_EQ(metrics[9]["value"].get<double>(), 8.5822587936315933e-03);
  for (std::size_t i = 2; i < metrics.size(); ++i) EXPECT_FALSE(metrics[i].contains("samples"));
  ASSERT_EQ(imported.findings.size(), 1U);
}

TEST(ImportGoogleBenchmark, AggregatesOnlyGivesTheMedianAsTheValue) {
  const Imports imports = import_fixture(fixture_dir + "aggregates-only.json");
  ASSERT_TRUE(imports.imported);
  const ordered_json& metrics = imports.imported->benchmarks[0]["metrics"];
  EXPECT_EQ(imports.imported->benchmarks[0]["name"], "BM_VectorSum");
  EXPECT_EQ(names_of(metrics), (std::vector<std::string>{"real_time", "cpu_time", "real_time_mean", "cpu_time_mean",
                                                         "real_time_median", "cpu_time_median", "real_time_stddev",
                                                         "cpu_time_stddev", "real_time_cv", "cpu_time_cv"}));
  const std::string median_description =
      "median of the 3 repetitions, computed by Google Benchmark; the file has aggregates only "
      "(--benchmark_report_aggregates_only), no per-repetition samples";
  EXPECT_EQ(metrics[0].dump(), ordered_json({{"name", "real_time"},
                                             {"unit", "ns"},
                                             {"better", "lower"},
                                             {"description", median_description},
                                             {"value", 1.0994884010528629e+02}})
                                   .dump());
  EXPECT_EQ(metrics[1]["value"].get<double>(), 6.9410765916646938e+01);
  EXPECT_EQ(metrics[1]["description"], median_description);
  EXPECT_EQ(metrics[4]["value"].get<double>(), 1.0994884010528629e+02);
  EXPECT_EQ(metrics[9]["unit"], "ratio");
  for (const ordered_json& metric : metrics) EXPECT_FALSE(metric.contains("samples"));
  ASSERT_EQ(imports.imported->findings.size(), 1U);
}

TEST(ImportGoogleBenchmark, CountersAreMetricsWithAssumedDirections) {
  const Imports imports = import_fixture(fixture_dir + "counters.json");
  ASSERT_TRUE(imports.imported);
  const Imported& imported = *imports.imported;
  const ordered_json& metrics = imported.benchmarks[0]["metrics"];
  EXPECT_EQ(names_of(metrics), (std::vector<std::string>{"real_time", "cpu_time", "bytes_per_second", "items",
                                                         "items_per_second", "rate"}));
  EXPECT_EQ(field_of(metrics, "unit"), (std::vector<std::string>{"ns", "ns", "bytes/s", "count", "items/s", "count"}));
  EXPECT_EQ(field_of(metrics, "better"),
            (std::vector<std::string>{"lower", "lower", "higher", "lower", "higher", "lower"}));
  EXPECT_EQ(metrics[2]["samples"][0].get<double>(), 5.1533262899812822e+09);
  EXPECT_EQ(metrics[3]["samples"][0].get<double>(), 3.5504000000000000e+04);
  EXPECT_EQ(metrics[4]["samples"][0].get<double>(), 1.2581363012649615e+06);
  EXPECT_EQ(metrics[5]["samples"][0].get<double>(), 1.2581363012649615e+06);
  ASSERT_EQ(imported.findings.size(), 3U);
  expect_finding(imported.findings[1], Severity::note, "import.assumed_direction", 53, 7,
                 "Google Benchmark records no direction for counter \"items\"; assumed lower is better (a counter "
                 "whose name ends in \"_per_second\" is taken as higher is better)");
  expect_finding(imported.findings[2], Severity::note, "import.assumed_direction", 55, 7,
                 "Google Benchmark records no direction for counter \"rate\"; assumed lower is better (a counter "
                 "whose name ends in \"_per_second\" is taken as higher is better)");
}

TEST(ImportGoogleBenchmark, CounterAggregatesKeepTheCountersUnitExceptCv) {
  const Imports imports = import_fixture(fixture_dir + "counters-repetitions.json");
  ASSERT_TRUE(imports.imported);
  const Imported& imported = *imports.imported;
  const ordered_json& benchmark = imported.benchmarks[0];
  EXPECT_EQ(benchmark["metrics"].size(), 6U + 4U * 6U);
  EXPECT_EQ(metric_named(benchmark, "items")["samples"].size(), 3U);
  const auto expect_metric = [&](const std::string& name, const std::string& unit, const std::string& better,
                                 double value) {
    const ordered_json& metric = metric_named(benchmark, name);
    EXPECT_EQ(metric["unit"], unit) << name;
    EXPECT_EQ(metric["better"], better) << name;
    EXPECT_EQ(metric["value"].get<double>(), value) << name;
  };
  expect_metric("bytes_per_second_mean", "bytes/s", "higher", 5.1139327183822279e+09);
  expect_metric("bytes_per_second_median", "bytes/s", "higher", 5.1200740457985401e+09);
  expect_metric("bytes_per_second_stddev", "bytes/s", "lower", 1.5144239303339075e+07);
  expect_metric("bytes_per_second_cv", "ratio", "lower", 2.9613685078222723e-03);
  expect_metric("items_mean", "count", "lower", 3.4833000000000000e+04);
  expect_metric("items_stddev", "count", "lower", 0.0);
  expect_metric("items_cv", "ratio", "lower", 0.0);
  expect_metric("items_per_second_mean", "items/s", "higher", 1.2485187300737861e+06);
  expect_metric("rate_cv", "ratio", "lower", 2.9613685078222723e-03);
  // One note per counter name, at its first occurrence only.
  ASSERT_EQ(imported.findings.size(), 3U);
  EXPECT_EQ(imported.findings[1].position.line, 53U);
  EXPECT_EQ(imported.findings[2].position.line, 55U);
}

TEST(ImportGoogleBenchmark, AnErroredBenchmarkFailsTheImportAndIsLeftOut) {
  const Imports imports = import_fixture(fixture_dir + "error.json");
  ASSERT_TRUE(imports.imported);
  const Imported& imported = *imports.imported;
  EXPECT_TRUE(imported.failed);
  EXPECT_EQ(names_of(imported.benchmarks), (std::vector<std::string>{"BM_StringCopy"}));
  EXPECT_EQ(imported.benchmarks[0]["metrics"][0]["samples"][0].get<double>(), 1.9617175358969046e+01);
  ASSERT_EQ(imported.findings.size(), 2U);
  expect_finding(imported.findings[1], Severity::warning, "import.benchmark_failed", 53, 5,
                 "benchmark \"BM_Fails\" failed: \"fixture: resource unavailable\"; its numbers are not measurements; "
                 "\"BM_Fails\" has no other measurement and is left out");
}

TEST(ImportGoogleBenchmark, AnErroredBenchmarkWithRepetitionsIsReportedPerRepetition) {
  const Imports imports = import_fixture(fixture_dir + "error-repetitions.json");
  ASSERT_TRUE(imports.imported);
  const Imported& imported = *imports.imported;
  EXPECT_TRUE(imported.failed);
  EXPECT_EQ(names_of(imported.benchmarks), (std::vector<std::string>{"BM_VectorSum"}));
  EXPECT_EQ(names_of(imported.benchmarks[0]["metrics"]),
            (std::vector<std::string>{"real_time", "cpu_time", "real_time_mean", "cpu_time_mean", "real_time_median",
                                      "cpu_time_median", "real_time_stddev", "cpu_time_stddev", "real_time_cv",
                                      "cpu_time_cv"}));
  EXPECT_EQ(imported.benchmarks[0]["metrics"][0]["samples"].dump(), "[99.80024633649415,108.5751939916082]");
  ASSERT_EQ(imported.findings.size(), 3U);
  const std::string message =
      "benchmark \"BM_Fails\" failed: \"fixture: resource unavailable\"; its numbers are not measurements; "
      "\"BM_Fails\" has no other measurement and is left out";
  expect_finding(imported.findings[1], Severity::warning, "import.benchmark_failed", 127, 5, message);
  expect_finding(imported.findings[2], Severity::warning, "import.benchmark_failed", 143, 5, message);
}

TEST(ImportGoogleBenchmark, NamesArgumentsThreadsTemplatesUnitsAndComplexity) {
  const Imports imports = import_fixture(fixture_dir + "names.json");
  ASSERT_TRUE(imports.imported);
  const Imported& imported = *imports.imported;
  EXPECT_EQ(
      names_of(imported.benchmarks),
      (std::vector<std::string>{"BM_Sort:256", "BM_Sort:1024", "BM_SortN:n:256", "BM_SortN:n:1024", "BM_SortN:n:4096",
                                "BM_SortN", "BM_VectorSum:threads:2", "BM_Fill<int>", "BM_Fill<double>"}));
  EXPECT_EQ(benchmark_named(imported, "BM_VectorSum:threads:2")["parameters"].dump(), R"({"threads":2})");
  EXPECT_EQ(benchmark_named(imported, "BM_Sort:1024")["parameters"].dump(), R"({"threads":1})");
  const ordered_json& fill = benchmark_named(imported, "BM_Fill<double>");
  EXPECT_EQ(field_of(fill["metrics"], "unit"), (std::vector<std::string>{"us", "us"}));
  EXPECT_EQ(fill["metrics"][0]["samples"][0].get<double>(), 3.7824833395686659e-02);
  EXPECT_EQ(fill["metrics"][1]["samples"][0].get<double>(), 2.2959243463884931e-02);

  // BigO and RMS carry the family's name as run_name: they are that benchmark's metrics.
  const ordered_json& family = benchmark_named(imported, "BM_SortN");
  EXPECT_EQ(family["parameters"].dump(), R"({"threads":1,"big_o":"NlgN"})");
  EXPECT_EQ(family["metrics"].dump(),
            ordered_json::array(
                {{{"name", "real_time_coefficient"},
                  {"unit", "ns"},
                  {"better", "lower"},
                  {"description",
                   "real-time coefficient of the NlgN complexity fit over the instances of \"BM_SortN\" (time = "
                   "coefficient * NlgN), computed by Google Benchmark"},
                  {"value", 2.7002629383490073e+00}},
                 {{"name", "cpu_time_coefficient"},
                  {"unit", "ns"},
                  {"better", "lower"},
                  {"description",
                   "CPU-time coefficient of the NlgN complexity fit over the instances of \"BM_SortN\" (time = "
                   "coefficient * NlgN), computed by Google Benchmark"},
                  {"value", 1.8819941096930828e+00}},
                 {{"name", "rms"},
                  {"unit", "ratio"},
                  {"better", "lower"},
                  {"description",
                   "normalised root-mean-square error of the complexity fit over the instances of \"BM_SortN\", "
                   "computed by Google Benchmark"},
                  {"value", 2.2164346783481476e-01}}})
                .dump());
  ASSERT_EQ(imported.findings.size(), 1U);
}

TEST(ImportGoogleBenchmark, NonFiniteCountersAreFindingsNotSamples) {
  const Imports imports = import_fixture(fixture_dir + "nan-counter.json");
  ASSERT_TRUE(imports.imported);
  const Imported& imported = *imports.imported;
  EXPECT_EQ(imported.suite, "nan");
  EXPECT_TRUE(imported.failed);  // a measurement that failed: left out, and the run marked failed
  ASSERT_EQ(imported.benchmarks.size(), 1U);
  EXPECT_EQ(names_of(imported.benchmarks[0]["metrics"]), (std::vector<std::string>{"real_time", "cpu_time"}));
  EXPECT_EQ(imported.benchmarks[0]["metrics"][0]["samples"][0].get<double>(), 5.3445636455840240e-01);
  EXPECT_EQ(imported.benchmarks[0]["metrics"][1]["samples"][0].get<double>(), 2.8337138212859020e-01);
  ASSERT_EQ(imported.findings.size(), 5U);
  expect_finding(imported.findings[1], Severity::note, "import.assumed_direction", 52, 7,
                 "Google Benchmark records no direction for counter \"hit_ratio\"; assumed lower is better (a counter "
                 "whose name ends in \"_per_second\" is taken as higher is better)");
  expect_finding(imported.findings[2], Severity::warning, "import.non_finite", 52, 20,
                 "\"hit_ratio\" is NaN, which is not a measurement: this entry gives \"BM_Ratio\" no sample of it "
                 "(evidence JSON has no NaN or infinity)");
  expect_finding(imported.findings[3], Severity::note, "import.assumed_direction", 53, 7,
                 "Google Benchmark records no direction for counter \"max_gap\"; assumed lower is better (a counter "
                 "whose name ends in \"_per_second\" is taken as higher is better)");
  expect_finding(imported.findings[4], Severity::warning, "import.non_finite", 53, 18,
                 "\"max_gap\" is Infinity, which is not a measurement: this entry gives \"BM_Ratio\" no sample of it "
                 "(evidence JSON has no NaN or infinity)");
  // The excerpt is the line as written, not the parser's stand-in for NaN.
  EXPECT_EQ(imported.findings[2].excerpt, "      \"hit_ratio\": NaN,");
  EXPECT_EQ(imported.findings[4].excerpt, "      \"max_gap\": Infinity");
}

// --- Broken fixtures ------------------------------------------------------------------------------

TEST(ImportGoogleBenchmark, BrokenFixtures) {
  expect_error(import_fixture("fixtures/import/broken/googlebenchmark-is-hyperfine.json"), "import.not_format",
               "not Google Benchmark JSON: no \"context\" object at the top level (--benchmark_out_format=json writes "
               "{\"context\": {...}, \"benchmarks\": [...]})",
               1, 1);
  expect_error(import_fixture("fixtures/import/broken/googlebenchmark-real-time-string.json"), "import.type",
               "\"real_time\" of a Google Benchmark \"benchmarks\" entry is a string, expected a number", 49, 20);
  expect_error(import_fixture("fixtures/import/broken/googlebenchmark-truncated.json"), "json.truncated",
               "unexpected end of file: the document is truncated (syntax error while parsing object key - invalid "
               "string: missing closing quote; last read: '\"fa'; expected string literal)",
               55, 10);
}

// --- detect() -------------------------------------------------------------------------------------

TEST(ImportGoogleBenchmark, DetectsItsFixturesAndNoOtherFormats) {
  const Importer* importer = find_importer("googlebenchmark");
  ASSERT_NE(importer, nullptr);
  for (const std::string& name : fixtures) EXPECT_TRUE(importer->detect(read_fixture(fixture_dir + name))) << name;
  const DetectedFixtures detected = expect_detects_only_its_fixtures("googlebenchmark");
  EXPECT_EQ(detected.own, fixtures.size());
  EXPECT_EQ(detected.other_formats, 30U);
  EXPECT_FALSE(importer->detect(""));
  EXPECT_FALSE(importer->detect("[\"context\", \"benchmarks\", \"run_name\"]"));
  // Whitespace does not matter: a minified file is detected too.
  const std::string minified = json::parse(read_fixture(fixture_dir + "plain.json")).dump();
  EXPECT_TRUE(importer->detect(minified));
  EXPECT_TRUE(importer->detect("\xEF\xBB\xBF" + minified));
}

// --- Hand-made inputs -----------------------------------------------------------------------------

const std::string default_context =
    R"({"date": "2026-11-22T23:01:12+00:00", "host_name": "h", "executable": "./b", "num_cpus": 4})";

// A Google Benchmark document with one entry per line after the "benchmarks" line.
std::string document(const std::vector<std::string>& entries, const std::string& context = default_context) {
  std::string text = "{\"context\": " + context + ",\n\"benchmarks\": [";
  for (std::size_t i = 0; i < entries.size(); ++i) text += (i == 0 ? "\n" : ",\n") + entries[i];
  return text + "\n]}\n";
}

std::string iteration(const std::string& run_name, const std::string& extra = "", const std::string& real = "1.5") {
  return R"({"name": ")" + run_name + R"(", "run_name": ")" + run_name +
         R"(", "run_type": "iteration", "repetitions": 1, "repetition_index": 0, "threads": 1, "iterations": 10, )"
         R"("real_time": )" +
         real + R"(, "cpu_time": 1.25, "time_unit": "ns")" + extra + "}";
}

std::string aggregate(const std::string& run_name, const std::string& aggregate_name, const std::string& extra = "") {
  return R"({"name": ")" + run_name + "_" + aggregate_name + R"(", "run_name": ")" + run_name +
         R"(", "run_type": "aggregate", "repetitions": 2, "threads": 1, "aggregate_name": ")" + aggregate_name +
         R"(", "aggregate_unit": "time", "iterations": 2, "real_time": 2.5, "cpu_time": 2.25, "time_unit": "ns")" +
         extra + "}";
}

void expect_error_at(const std::string& text, const std::string& code, const std::string& message,
                     const std::string& needle, std::size_t occurrence = 0) {
  SCOPED_TRACE(text);
  const auto [line, column] = position_of(text, needle, occurrence);
  expect_error(import_text("in.json", text), code, message, line, column);
}

TEST(ImportGoogleBenchmark, EmptyAndNonObjectInputs) {
  const std::string empty_message =
      "the file is empty: Google Benchmark writes --benchmark_out=FILE when the run ends; was it interrupted?";
  expect_error(import_text("in.json", ""), "import.empty", empty_message, 1, 1);
  expect_error(import_text("in.json", " \n\t\r\n"), "import.empty", empty_message, 1, 1);
  expect_error(import_text("in.json", "[1, 2]"), "import.not_format",
               "not Google Benchmark JSON: the top level is an array, expected an object with \"context\" and "
               "\"benchmarks\"",
               1, 1);
  expect_error(import_text("in.json", "\n42\n"), "import.not_format",
               "not Google Benchmark JSON: the top level is an integer, expected an object with \"context\" and "
               "\"benchmarks\"",
               2, 1);
  const Imports not_format = import_text("in.json", "{\"results\": []}");
  ASSERT_EQ(not_format.problems.size(), 1U);
  EXPECT_EQ(not_format.problems[0].hint, "for another tool's output, use `evident import auto FILE`");
}

TEST(ImportGoogleBenchmark, MissingOrMistypedTopLevelMembers) {
  expect_error(import_text("in.json", "{\"context\": {}}"), "import.missing",
               "Google Benchmark JSON has no \"benchmarks\"", 1, 1);
  expect_error_at(document({iteration("BM_A")}, "[]"), "import.type",
                  "\"context\" of Google Benchmark JSON is an array, expected an object", "[]");
  expect_error_at("{\"context\": {},\n\"benchmarks\": {}}", "import.type",
                  "\"benchmarks\" of Google Benchmark JSON is an object, expected an array", "{}}");
  expect_error_at("{\"context\": {},\n\"benchmarks\": []}", "import.empty",
                  "Google Benchmark JSON with no benchmarks: \"benchmarks\" is empty (did --benchmark_filter match "
                  "nothing?)",
                  "[]");
  expect_error_at(document({"7"}), "import.type", "entry 0 of \"benchmarks\" is an integer, expected an object", "7\n");
  expect_error_at(document({R"({"name": "x", "run_type": "iteration"})"}), "import.missing",
                  "a Google Benchmark \"benchmarks\" entry has no \"run_name\"", "{\"name\"");
}

TEST(ImportGoogleBenchmark, MistypedEntryMembers) {
  expect_error_at(document({iteration("BM_A", R"(, "items": "12")")}), "import.type",
                  "\"items\" of a Google Benchmark \"benchmarks\" entry is a string, expected a number", "\"12\"");
  expect_error_at(document({R"({"run_name": "BM_A", "run_type": "iteration", "threads": "2"})"}), "import.type",
                  "\"threads\" of a Google Benchmark \"benchmarks\" entry is a string, expected an integer", "\"2\"");
  expect_error_at(document({iteration("BM_A", R"(, "error_occurred": "yes")")}), "import.type",
                  "\"error_occurred\" of a Google Benchmark \"benchmarks\" entry is a string, expected true or false",
                  "\"yes\"");
  expect_error_at(document({R"({"run_name": "BM_A", "run_type": "manual"})"}), "import.not_format",
                  "run_type \"manual\" is neither \"iteration\" nor \"aggregate\"", "\"manual\"");
  expect_error_at(
      document({R"({"run_name": "BM_A", "run_type": "iteration", "real_time": 1, "cpu_time": 1, "time_unit": ""})"}),
      "import.not_format", "time_unit \"\" is not a unit (Google Benchmark writes ns, us, ms or s)", "\"\"}");
  expect_error_at(document({R"({"run_name": "BM_A", "run_type": "iteration", "real_time": 1, "cpu_time": 1})"}),
                  "import.missing", "a Google Benchmark \"benchmarks\" entry has no \"time_unit\"", "{\"run_name\"");
  expect_error_at(
      document({R"({"run_name": "BM_A", "run_type": "aggregate", "real_time": 1, "cpu_time": 1, "time_unit": "ns"})"}),
      "import.missing", "a Google Benchmark \"benchmarks\" entry has no \"aggregate_name\"", "{\"run_name\"");
  // A string "N" in a file without bare NaN is a string, not NaN.
  expect_error_at(document({iteration("BM_A", R"(, "items": "N")")}), "import.type",
                  "\"items\" of a Google Benchmark \"benchmarks\" entry is a string, expected a number", "\"N\"");
  // ... and so it is in a file that has one.
  expect_error_at(document({iteration("BM_A", R"(, "items": "N", "other": NaN)")}), "import.type",
                  "\"items\" of a Google Benchmark \"benchmarks\" entry is a string, expected a number", "\"N\"");
}

TEST(ImportGoogleBenchmark, NumbersThatDoNotFitAreJsonErrors) {
  const Imports imports = import_text("in.json", document({iteration("BM_A", "", "1e400")}));
  EXPECT_FALSE(imports.imported);
  ASSERT_EQ(imports.problems.size(), 1U);
  EXPECT_TRUE(imports.problems[0].code.starts_with("json.")) << imports.problems[0].code;
  EXPECT_EQ(imports.problems[0].position.line, 3U);
}

TEST(ImportGoogleBenchmark, HostileNames) {
  expect_error_at(document({iteration("BM_\\tA")}), "import.name",
                  "run_name \"BM_\\tA\" cannot be a benchmark name: it has control characters (such as a newline or "
                  "a tab)",
                  "\"BM_\\tA\"", 1);
  const std::string long_name(201, 'x');
  expect_error_at(document({iteration(long_name)}), "import.name",
                  "run_name \"" + std::string(80, 'x') +
                      "...\" cannot be a benchmark name: it is longer than the 200 characters an evidence name may "
                      "have",
                  "\"" + long_name + "\"", 1);
  expect_error_at(document({iteration("  ")}), "import.name", "run_name \"  \" cannot be a benchmark name: it is empty",
                  "\"  \"", 1);
  expect_error_at(document({iteration("BM_A", R"(, "bad\u0001counter": 1)")}), "import.name",
                  "counter \"bad\\u0001counter\" of \"BM_A\" cannot be a metric name: it has control characters (such "
                  "as a newline or a tab)",
                  "\"bad");
  // Names with '/', '<', '|' and non-ASCII letters are kept (with ':' for '/').
  const Imports kept = import_text("in.json", document({iteration("BM_<script>|/x/ü")}));
  ASSERT_TRUE(kept.imported);
  EXPECT_EQ(kept.imported->benchmarks[0]["name"], "BM_<script>|:x:ü");
  expect_valid_evidence(*kept.imported);
}

TEST(ImportGoogleBenchmark, DuplicateNames) {
  expect_error_at(document({iteration("BM_A/1"), iteration("BM_A:1")}), "import.duplicate_name",
                  "run_name \"BM_A:1\" and the earlier \"BM_A/1\" are both the benchmark name \"BM_A:1\" ('/' becomes "
                  "':' in evidence names)",
                  "\"BM_A:1\"", 1);
  // BENCHMARK(f) registered twice: the same run_name from two families is not pooled.
  expect_error_at(document({iteration("BM_A", R"(, "family_index": 0)"), iteration("BM_A", R"(, "family_index": 1)")}),
                  "import.duplicate_name",
                  "run_name \"BM_A\" names two different benchmarks (another family_index or per_family_instance_index "
                  "than its entry at line 3); give each registration its own name with ->Name()",
                  "\"BM_A\"", 3);
  // A counter named like an aggregate metric.
  expect_error_at(document({iteration("BM_A", R"(, "real_time_mean": 3)"), aggregate("BM_A", "mean")}),
                  "import.duplicate_name",
                  "metric \"real_time_mean\" of \"BM_A\" would be written twice (a counter and an aggregate, or two "
                  "counters that differ only in '/' and ':'); rename the counter",
                  "\"real_time\": 2.5");
  expect_error_at(
      document({aggregate("BM_A", "mean"), aggregate("BM_A", "mean")}), "import.duplicate_name",
      "\"BM_A\" has a second \"mean\" aggregate: two benchmarks share this run_name; give each its own name "
      "with ->Name()",
      "\"mean\"", 1);
}

TEST(ImportGoogleBenchmark, TimeUnitsMustAgreeWithinABenchmark) {
  std::string other_unit = iteration("BM_A");
  other_unit.replace(other_unit.find("\"ns\""), 4, "\"us\"");
  expect_error_at(
      document({iteration("BM_A"), other_unit}), "import.mismatch",
      "time_unit \"us\" of \"BM_A\" differs from \"ns\" of its entry at line 3: one metric cannot mix units", "\"us\"");
  std::string aggregate_unit = aggregate("BM_A", "mean");
  aggregate_unit.replace(aggregate_unit.find("\"ns\""), 4, "\"ms\"");
  expect_error_at(
      document({iteration("BM_A"), iteration("BM_A"), aggregate_unit}), "import.mismatch",
      "time_unit \"ms\" of \"BM_A\" differs from \"ns\" of its entry at line 3: one metric cannot mix units", "\"ms\"");
}

TEST(ImportGoogleBenchmark, NonFiniteAggregatesAndTimes) {
  std::string nan_median = aggregate("BM_A", "median", R"(, "items": Infinity)");
  nan_median.replace(nan_median.find("2.5"), 3, "NaN");
  const std::string text = document({aggregate("BM_A", "mean", R"(, "items": 4)"), nan_median});
  const Imports imports = import_text("in.json", text);
  ASSERT_TRUE(imports.imported);
  const ordered_json& metrics = imports.imported->benchmarks[0]["metrics"];
  // No median of real_time or items: neither has a value of its own; their means are kept.
  EXPECT_EQ(names_of(metrics),
            (std::vector<std::string>{"cpu_time", "real_time_mean", "cpu_time_mean", "items_mean", "cpu_time_median"}));
  EXPECT_EQ(metrics[0]["value"].get<double>(), 2.25);
  EXPECT_TRUE(imports.imported->failed);
  const auto& findings = imports.imported->findings;
  ASSERT_EQ(findings.size(), 3U);
  auto [line, column] = position_of(text, "\"items\": 4");
  expect_finding(findings[0], Severity::note, "import.assumed_direction", line, column,
                 "Google Benchmark records no direction for counter \"items\"; assumed lower is better (a counter "
                 "whose name ends in \"_per_second\" is taken as higher is better)");
  std::tie(line, column) = position_of(text, "NaN");
  expect_finding(findings[1], Severity::warning, "import.non_finite", line, column,
                 "\"real_time\" is NaN, which is not a measurement: \"BM_A\" gets no \"real_time_median\" value "
                 "(evidence JSON has no NaN or infinity)");
  std::tie(line, column) = position_of(text, "Infinity");
  expect_finding(findings[2], Severity::warning, "import.non_finite", line, column,
                 "\"items\" is Infinity, which is not a measurement: \"BM_A\" gets no \"items_median\" value "
                 "(evidence JSON has no NaN or infinity)");
  expect_valid_evidence(*imports.imported);
}

TEST(ImportGoogleBenchmark, SkippedBenchmarksAreFindingsWithoutFailing) {
  // Google Benchmark 1.8 and later: state.SkipWithMessage().
  const std::string text =
      document({iteration("BM_A"), R"({"name": "BM_S", "run_name": "BM_S", "run_type": "iteration", "threads": 1, )"
                                   R"("skipped": true, "skip_message": "no GPU", "iterations": 0, "real_time": 0, )"
                                   R"("cpu_time": 0, "time_unit": "ns"})"});
  const Imports imports = import_text("in.json", text);
  ASSERT_TRUE(imports.imported);
  EXPECT_FALSE(imports.imported->failed);
  EXPECT_EQ(names_of(imports.imported->benchmarks), (std::vector<std::string>{"BM_A"}));
  ASSERT_EQ(imports.imported->findings.size(), 1U);
  const auto [line, column] = position_of(text, "{\"name\": \"BM_S\"");
  expect_finding(imports.imported->findings[0], Severity::warning, "import.benchmark_skipped", line, column,
                 "benchmark \"BM_S\" was skipped: \"no GPU\"; its numbers are not measurements; \"BM_S\" has no other "
                 "measurement and is left out");
}

TEST(ImportGoogleBenchmark, AFailedRepetitionAmongGoodOnesKeepsTheOthers) {
  const Imports imports =
      import_text("in.json", document({iteration("BM_A", "", "1.5"),
                                       iteration("BM_A", R"(, "error_occurred": true, "error_message": "flaky")", "0"),
                                       iteration("BM_A", "", "2.5")}));
  ASSERT_TRUE(imports.imported);
  EXPECT_TRUE(imports.imported->failed);
  EXPECT_EQ(imports.imported->benchmarks[0]["metrics"][0]["samples"].dump(), "[1.5,2.5]");
  ASSERT_EQ(imports.imported->findings.size(), 1U);
  EXPECT_EQ(imports.imported->findings[0].message,
            "benchmark \"BM_A\" failed: \"flaky\"; its numbers are not measurements");
}

TEST(ImportGoogleBenchmark, CountersMemoryAndLabels) {
  const std::string text = document({iteration(
      "BM_A", R"(, "hits_per_second": 7, "rate": 9, "allocs_per_iter": 2.5, "max_bytes_used": 9007199254740993, )"
              R"("label": "<b>|label</b>")")});
  const Imports imports = import_text("in.json", text);
  ASSERT_TRUE(imports.imported);
  const ordered_json& benchmark = imports.imported->benchmarks[0];
  EXPECT_EQ(benchmark["parameters"].dump(), R"({"threads":1,"label":"<b>|label</b>"})");
  EXPECT_EQ(names_of(benchmark["metrics"]), (std::vector<std::string>{"real_time", "cpu_time", "hits_per_second",
                                                                      "rate", "allocs_per_iter", "max_bytes_used"}));
  EXPECT_EQ(field_of(benchmark["metrics"], "unit"),
            (std::vector<std::string>{"ns", "ns", "count", "count", "allocs/iter", "bytes"}));
  EXPECT_EQ(field_of(benchmark["metrics"], "better"),
            (std::vector<std::string>{"lower", "lower", "higher", "lower", "lower", "lower"}));
  // Integers are carried as written, even past 2^53.
  EXPECT_EQ(metric_named(benchmark, "max_bytes_used")["samples"].dump(), "[9007199254740993]");
  ASSERT_EQ(imports.imported->findings.size(), 1U);
  EXPECT_EQ(imports.imported->findings[0].code, "import.assumed_direction");
  EXPECT_EQ(imports.imported->findings[0].message,
            "Google Benchmark records no direction for counter \"rate\"; assumed lower is better (a counter whose "
            "name ends in \"_per_second\" is taken as higher is better)");
  expect_valid_evidence(*imports.imported);

  const Imports long_label =
      import_text("in.json", document({iteration("BM_A", R"(, "label": ")" + std::string(1025, 'l') + "\"")}));
  ASSERT_TRUE(long_label.imported);
  EXPECT_FALSE(long_label.imported->benchmarks[0]["parameters"].contains("label"));
  ASSERT_EQ(long_label.imported->findings.size(), 1U);
  EXPECT_EQ(long_label.imported->findings[0].code, "import.label");
  EXPECT_EQ(long_label.imported->findings[0].message,
            "the label of \"BM_A\" is longer than the 1024 characters an evidence parameter may have; it is not kept");
}

// The context's date in UTC, or the finding it gives.
struct DateCase {
  std::string date;
  std::string utc;  // empty: not a date with an offset
};

TEST(ImportGoogleBenchmark, DatesAreConvertedToUtc) {
  const std::vector<DateCase> cases = {
      {"2026-11-22T23:01:12+00:00", "2026-11-22T23:01:12Z"},
      {"2026-11-22T23:01:12Z", "2026-11-22T23:01:12Z"},
      {"2026-11-22T23:01:12.123456+00:00", "2026-11-22T23:01:12Z"},
      {"2026-01-01T03:00:00+05:30", "2025-12-31T21:30:00Z"},
      {"2026-12-31T20:15:00-08:00", "2027-01-01T04:15:00Z"},
      {"2024-02-28T23:30:00-01:00", "2024-02-29T00:30:00Z"},
      {"2026-03-01T00:10:00+00:30", "2026-02-28T23:40:00Z"},
      {"2026-11-22 23:01:12", ""},
      {"2026-11-22T23:01:12", ""},
      {"2026-02-30T10:00:00+00:00", ""},
      {"2026-11-22T24:00:00+00:00", ""},
      {"2026-11-22T23:01:12+24:00", ""},
      {"Sun Nov 22 23:01:12 2026", ""},
      {"", ""},
  };
  for (const DateCase& item : cases) {
    SCOPED_TRACE(item.date);
    const std::string text = document({iteration("BM_A")}, R"({"date": ")" + item.date + "\"}");
    const Imports imports = import_text("in.json", text);
    ASSERT_TRUE(imports.imported);
    EXPECT_EQ(imports.imported->captured_at, item.utc);
    if (item.utc.empty()) {
      ASSERT_EQ(imports.imported->findings.size(), 1U);
      const auto [line, column] = position_of(text, "\"" + item.date + "\"");
      expect_finding(imports.imported->findings[0], Severity::warning, "import.date", line, column,
                     "date \"" + item.date +
                         "\" is not a date and time with a UTC offset (such as 2026-11-22T23:01:12+00:00); captured_at "
                         "is not taken from it");
    } else {
      EXPECT_TRUE(imports.imported->findings.empty());
    }
  }
}

TEST(ImportGoogleBenchmark, ContextFacts) {
  const std::string context =
      R"({"date": "2026-11-22T23:01:12+00:00", "host_name": "box", "executable": "C:\\bench\\b.exe", "num_cpus": 0, )"
      R"("mhz_per_cpu": 3000, "cpu_scaling_enabled": true, "aslr_enabled": true, "caches": [], "load_avg": [], )"
      R"("library_version": "v1.8.3", "library_build_type": "release", "json_schema_version": 1, "custom": "N"})";
  const std::string text = document({iteration("BM_A")}, context);
  const Imports imports = import_text("in.json", text);
  ASSERT_TRUE(imports.imported);
  const Imported& imported = *imports.imported;
  EXPECT_EQ(imported.tool_version, "v1.8.3");
  EXPECT_EQ(imported.suite, "b.exe");
  EXPECT_EQ(imported.host.dump(), R"({"hostname":"box"})");
  EXPECT_EQ(imported.metadata.dump(), "{\"context\":" + ordered_json::parse(context).dump() + "}");
  ASSERT_EQ(imported.findings.size(), 3U);
  auto [line, column] = position_of(text, "0, \"mhz");
  expect_finding(imported.findings[0], Severity::note, "import.host_fact_skipped", line, column,
                 "num_cpus 0 is not a CPU count evidence accepts (1 to 8192); host.logical_cpus is not recorded");
  std::tie(line, column) = position_of(text, "true");
  expect_finding(imported.findings[1], Severity::warning, "import.cpu_scaling", line, column,
                 "CPU frequency scaling was enabled while the benchmarks ran; timings may vary (set the governor to "
                 "performance, or use `evident capture`)");
  std::tie(line, column) = position_of(text, "[], \"library_version\"");
  expect_finding(imported.findings[2], Severity::note, "import.host_fact_skipped", line, column,
                 "load_avg is not three load averages (Google Benchmark writes [] when it cannot read them); "
                 "host.load_avg is not recorded");

  // No executable, a directory, an unusable host name: nothing is made up.
  const std::string sparse = document({iteration("BM_A")}, R"({"executable": "/usr/bin/", "host_name": " x"})");
  const Imports few = import_text("in.json", sparse);
  ASSERT_TRUE(few.imported);
  EXPECT_EQ(few.imported->suite, "");
  EXPECT_EQ(few.imported->captured_at, "");
  EXPECT_EQ(few.imported->host.dump(), "{}");
  ASSERT_EQ(few.imported->findings.size(), 1U);
  std::tie(line, column) = position_of(sparse, "\" x\"");
  expect_finding(few.imported->findings[0], Severity::note, "import.host_fact_skipped", line, column,
                 "host_name \" x\" is not a host name evidence accepts (1 to 253 characters, no control characters, no "
                 "space at either end); host.hostname is not recorded");

  expect_error_at(document({iteration("BM_A")}, R"({"num_cpus": "2"})"), "import.type",
                  "\"num_cpus\" of the Google Benchmark \"context\" is a string, expected an integer", "\"2\"");
}

}  // namespace
}  // namespace evident::io
