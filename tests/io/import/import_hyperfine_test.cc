// The hyperfine importer on the real outputs of fixtures/import/hyperfine, the hand-broken ones of
// fixtures/import/broken, and hostile inputs written here.
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
  return run_import("hyperfine", std::move(path), std::move(text));
}

Imports import_fixture(const std::string& relative) { return run_import_fixture("hyperfine", relative); }

std::vector<std::string> metric_names(const ordered_json& benchmark) { return names_of(benchmark["metrics"]); }

std::vector<double> samples(const ordered_json& metric) {
  std::vector<double> values;
  for (const ordered_json& sample : metric["samples"]) values.push_back(sample.get<double>());
  return values;
}

void expect_time_metric_shapes(const ordered_json& benchmark) {
  const ordered_json& user = metric_named(benchmark, "user_time");
  EXPECT_EQ(user["unit"], "s");
  EXPECT_EQ(user["better"], "lower");
  EXPECT_EQ(user["description"], "mean user CPU time per run, computed by hyperfine");
  EXPECT_FALSE(user.contains("samples"));
  const ordered_json& sys = metric_named(benchmark, "sys_time");
  EXPECT_EQ(sys["unit"], "s");
  EXPECT_EQ(sys["better"], "lower");
  EXPECT_EQ(sys["description"], "mean system CPU time per run, computed by hyperfine");
  EXPECT_FALSE(sys.contains("samples"));
}

// Every benchmark against the fixture as nlohmann reads it on its own: names (given), description,
// parameters, wall_time samples (the times of the runs that exited 0, in order), user/sys values,
// and the stats kept in the metadata.
void expect_matches_fixture(const Imported& imported, const std::string& relative,
                            const std::vector<std::string>& names) {
  const json fixture = json::parse(read_fixture(relative));
  const json& results = fixture["results"];
  ASSERT_EQ(imported.benchmarks.size(), names.size());
  ASSERT_EQ(results.size(), names.size());
  ASSERT_EQ(imported.metadata["results"].size(), names.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    SCOPED_TRACE(names[i]);
    const ordered_json& benchmark = imported.benchmarks[i];
    const json& result = results[i];
    EXPECT_EQ(benchmark["name"], names[i]);
    EXPECT_EQ(benchmark["description"], "hyperfine command: " + result["command"].get<std::string>());
    if (result.contains("parameters")) {
      EXPECT_EQ(json(benchmark["parameters"]), result["parameters"]);
    } else {
      EXPECT_FALSE(benchmark.contains("parameters"));
    }
    std::vector<double> successful;
    for (std::size_t run = 0; run < result["times"].size(); ++run) {
      if (result["exit_codes"][run] == 0) successful.push_back(result["times"][run].get<double>());
    }
    if (successful.empty()) {
      EXPECT_EQ(metric_names(benchmark), (std::vector<std::string>{"user_time", "sys_time"}));
    } else {
      EXPECT_EQ(metric_names(benchmark), (std::vector<std::string>{"wall_time", "user_time", "sys_time"}));
      const ordered_json& wall = metric_named(benchmark, "wall_time");
      EXPECT_EQ(wall["unit"], "s");
      EXPECT_EQ(wall["better"], "lower");
      EXPECT_FALSE(wall.contains("value"));
      EXPECT_EQ(samples(wall), successful);
    }
    expect_time_metric_shapes(benchmark);
    EXPECT_EQ(metric_named(benchmark, "user_time")["value"].get<double>(), result["user"].get<double>());
    EXPECT_EQ(metric_named(benchmark, "sys_time")["value"].get<double>(), result["system"].get<double>());

    const ordered_json& kept = imported.metadata["results"][i];
    EXPECT_EQ(kept.size(), result.contains("parameters") ? 8U : 7U);
    for (const char* key : {"command", "mean", "stddev", "median", "min", "max", "exit_codes"}) {
      EXPECT_EQ(json(kept[key]), result[key]) << key;
    }
    if (result.contains("parameters")) {
      EXPECT_EQ(json(kept["parameters"]), result["parameters"]);
    }
  }
}

void expect_no_tool_context(const Imported& imported) {
  EXPECT_EQ(imported.tool, "hyperfine");
  EXPECT_EQ(imported.tool_version, "");
  EXPECT_EQ(imported.suite, "");
  EXPECT_EQ(imported.host, ordered_json::object());
  EXPECT_EQ(imported.captured_at, "");
  EXPECT_EQ(imported.commit, "");
}

// --- Real outputs ----------------------------------------------------------------------------

TEST(ImportHyperfine, TwoCommandsEveryNumber) {
  const Imports imports = import_fixture("fixtures/import/hyperfine/two-commands.json");
  ASSERT_TRUE(imports.imported.has_value());
  EXPECT_TRUE(imports.problems.empty());
  const Imported& imported = *imports.imported;
  expect_no_tool_context(imported);
  EXPECT_FALSE(imported.failed);
  EXPECT_TRUE(imported.findings.empty());
  ASSERT_EQ(imported.benchmarks.size(), 2U);

  const ordered_json& first = imported.benchmarks[0];
  EXPECT_EQ(first["name"], "sleep 0.01");
  EXPECT_EQ(first["description"], "hyperfine command: sleep 0.01");
  EXPECT_FALSE(first.contains("parameters"));
  EXPECT_EQ(metric_names(first), (std::vector<std::string>{"wall_time", "user_time", "sys_time"}));
  const ordered_json& first_wall = metric_named(first, "wall_time");
  EXPECT_EQ(first_wall["unit"], "s");
  EXPECT_EQ(first_wall["better"], "lower");
  EXPECT_EQ(first_wall["description"], "wall-clock time of each successful run, measured by hyperfine");
  EXPECT_EQ(samples(first_wall),
            (std::vector<double>{0.00983285844, 0.00987881944, 0.00995840544, 0.01110422744, 0.014358181440000001}));
  expect_time_metric_shapes(first);
  EXPECT_EQ(metric_named(first, "user_time")["value"].get<double>(), 0.0010304799999999999);
  EXPECT_EQ(metric_named(first, "sys_time")["value"].get<double>(), 0.000223084);

  const ordered_json& second = imported.benchmarks[1];
  EXPECT_EQ(second["name"], "sleep 0.02");
  EXPECT_EQ(second["description"], "hyperfine command: sleep 0.02");
  EXPECT_EQ(samples(metric_named(second, "wall_time")),
            (std::vector<double>{0.020009063440000002, 0.02015630544, 0.022906774440000003, 0.020126964440000002,
                                 0.02486028444}));
  EXPECT_EQ(metric_named(second, "user_time")["value"].get<double>(), 0.0011426799999999997);
  EXPECT_EQ(metric_named(second, "sys_time")["value"].get<double>(), 0.000216484);

  const ordered_json& kept = imported.metadata["results"][0];
  EXPECT_EQ(kept["command"], "sleep 0.01");
  EXPECT_EQ(kept["mean"].get<double>(), 0.011026498440000001);
  EXPECT_EQ(kept["stddev"].get<double>(), 0.0019357763044331856);
  EXPECT_EQ(kept["median"].get<double>(), 0.00995840544);
  EXPECT_EQ(kept["min"].get<double>(), 0.00983285844);
  EXPECT_EQ(kept["max"].get<double>(), 0.014358181440000001);
  EXPECT_EQ(kept["exit_codes"], ordered_json({0, 0, 0, 0, 0}));

  expect_matches_fixture(imported, "fixtures/import/hyperfine/two-commands.json", {"sleep 0.01", "sleep 0.02"});
  expect_valid_evidence(imported);
}

TEST(ImportHyperfine, ParameterScanKeepsParametersAsStrings) {
  const Imports imports = import_fixture("fixtures/import/hyperfine/parameter-scan.json");
  ASSERT_TRUE(imports.imported.has_value());
  EXPECT_TRUE(imports.problems.empty());
  const Imported& imported = *imports.imported;
  expect_no_tool_context(imported);
  EXPECT_FALSE(imported.failed);
  EXPECT_TRUE(imported.findings.empty());
  expect_matches_fixture(imported, "fixtures/import/hyperfine/parameter-scan.json",
                         {"sleep 0.01", "sleep 0.02", "sleep 0.03"});
  EXPECT_EQ(imported.benchmarks[0]["parameters"], ordered_json({{"n", "1"}}));
  EXPECT_EQ(imported.benchmarks[1]["parameters"], ordered_json({{"n", "2"}}));
  EXPECT_EQ(imported.benchmarks[2]["parameters"], ordered_json({{"n", "3"}}));
  EXPECT_EQ(samples(metric_named(imported.benchmarks[2], "wall_time")),
            (std::vector<double>{0.029961724420000002, 0.03043267542, 0.030142803420000003}));
  EXPECT_EQ(metric_named(imported.benchmarks[1], "sys_time")["value"].get<double>(), 0.0);
  expect_valid_evidence(imported);
}

TEST(ImportHyperfine, ParameterListSlashesBecomeColonsInNamesOnly) {
  const Imports imports = import_fixture("fixtures/import/hyperfine/parameter-list.json");
  ASSERT_TRUE(imports.imported.has_value());
  EXPECT_TRUE(imports.problems.empty());
  const Imported& imported = *imports.imported;
  expect_no_tool_context(imported);
  EXPECT_FALSE(imported.failed);
  EXPECT_TRUE(imported.findings.empty());
  expect_matches_fixture(imported, "fixtures/import/hyperfine/parameter-list.json",
                         {"sleep 0.01; echo a >:dev:null", "sleep 0.02; echo a >:dev:null",
                          "sleep 0.01; echo b >:dev:null", "sleep 0.02; echo b >:dev:null"});
  EXPECT_EQ(imported.benchmarks[0]["description"], "hyperfine command: sleep 0.01; echo a >/dev/null");
  // Parameters in the order hyperfine wrote them ("mode" before "n").
  EXPECT_EQ(imported.benchmarks[3]["parameters"].dump(), R"({"mode":"b","n":"2"})");
  EXPECT_EQ(samples(metric_named(imported.benchmarks[3], "wall_time")),
            (std::vector<double>{0.024294653340000003, 0.02001891234}));
  expect_valid_evidence(imported);
}

TEST(ImportHyperfine, FailuresMarkTheEvidenceFailedAndDropFailedRuns) {
  const Imports imports = import_fixture("fixtures/import/hyperfine/failures.json");
  ASSERT_TRUE(imports.imported.has_value());
  EXPECT_TRUE(imports.problems.empty());
  const Imported& imported = *imports.imported;
  expect_no_tool_context(imported);
  EXPECT_TRUE(imported.failed);
  expect_matches_fixture(imported, "fixtures/import/hyperfine/failures.json",
                         {"ok", "sleep 0.01; exit 3", "sleep 0.01; kill -KILL $$"});
  EXPECT_EQ(imported.benchmarks[0]["description"], "hyperfine command: ok");
  EXPECT_EQ(samples(metric_named(imported.benchmarks[0], "wall_time")),
            (std::vector<double>{0.01044117898, 0.014592068980000001, 0.01423775298}));
  EXPECT_EQ(metric_names(imported.benchmarks[1]), (std::vector<std::string>{"user_time", "sys_time"}));
  EXPECT_EQ(metric_named(imported.benchmarks[1], "user_time")["value"].get<double>(), 0.0011188866666666665);
  EXPECT_EQ(metric_named(imported.benchmarks[1], "sys_time")["value"].get<double>(), 0.00039254000000000003);
  EXPECT_EQ(metric_names(imported.benchmarks[2]), (std::vector<std::string>{"user_time", "sys_time"}));
  EXPECT_EQ(metric_named(imported.benchmarks[2], "user_time")["value"].get<double>(), 0.0011298866666666664);
  EXPECT_EQ(metric_named(imported.benchmarks[2], "sys_time")["value"].get<double>(), 0.00041954);

  ASSERT_EQ(imported.findings.size(), 2U);
  const Diagnostic& exit3 = imported.findings[0];
  EXPECT_EQ(exit3.severity, Severity::warning);
  EXPECT_EQ(exit3.code, "import.run_failed");
  EXPECT_EQ(exit3.message,
            "3 of 3 runs of \"sleep 0.01; exit 3\" failed with exit code 3; no wall_time samples remain (user_time "
            "and sys_time are hyperfine's means over the failed runs)");
  EXPECT_EQ(exit3.file, "fixtures/import/hyperfine/failures.json");
  EXPECT_EQ(exit3.position.line, 38U);
  EXPECT_EQ(exit3.position.column, 9U);
  const Diagnostic& killed = imported.findings[1];
  EXPECT_EQ(killed.severity, Severity::warning);
  EXPECT_EQ(killed.code, "import.run_failed");
  EXPECT_EQ(killed.message,
            "3 of 3 runs of \"sleep 0.01; kill -KILL $$\" failed with exit code 137 (likely signal 9, SIGKILL: "
            "hyperfine reports a signal death as 128+N); no wall_time samples remain (user_time and sys_time are "
            "hyperfine's means over the failed runs)");
  EXPECT_EQ(killed.position.line, 58U);
  EXPECT_EQ(killed.position.column, 9U);
  expect_valid_evidence(imported);
}

TEST(ImportHyperfine, SameInputSameBytes) {
  const Imports first = import_fixture("fixtures/import/hyperfine/failures.json");
  const Imports second = import_fixture("fixtures/import/hyperfine/failures.json");
  ASSERT_TRUE(first.imported && second.imported);
  EXPECT_EQ(first.imported->benchmarks.dump(), second.imported->benchmarks.dump());
  EXPECT_EQ(first.imported->metadata.dump(), second.imported->metadata.dump());
}

// --- Broken inputs ---------------------------------------------------------------------------

TEST(ImportHyperfine, AbortedRunLeavesAnEmptyFile) {
  expect_error(import_fixture("fixtures/import/broken/hyperfine-aborted-empty.json"), "import.empty",
               "file is empty: hyperfine leaves an empty export file when a command fails without -i "
               "(--ignore-failure); rerun with -i to keep the failing runs",
               1, 1);
}

TEST(ImportHyperfine, ExitCodesShorterThanTimes) {
  expect_error(import_fixture("fixtures/import/broken/hyperfine-exit-codes-short.json"), "import.mismatch",
               "\"exit_codes\" has 4 entries but \"times\" has 5; hyperfine writes one per run", 19, 21);
}

TEST(ImportHyperfine, GoogleBenchmarkFileIsNotHyperfine) {
  const Imports imports = import_fixture("fixtures/import/broken/hyperfine-is-googlebenchmark.json");
  expect_error(imports, "import.not_format",
               "not hyperfine JSON: no \"results\" array at the top level (hyperfine --export-json writes "
               "{\"results\": [...]}, one entry per command)",
               1, 1);
  ASSERT_EQ(imports.problems.size(), 1U);
  EXPECT_EQ(imports.problems[0].hint, "for another tool's output, use `evident import auto FILE`");
}

TEST(ImportHyperfine, TruncatedFileIsAJsonError) {
  // Cut after the digits of the second result's "user": the end of the last line.
  expect_error(import_fixture("fixtures/import/broken/hyperfine-truncated.json"), "json.truncated",
               "unexpected end of file: the document is truncated (syntax error while parsing object - unexpected "
               "end of input; expected '}')",
               32, 31);
}

// --- Detection -------------------------------------------------------------------------------

TEST(ImportHyperfine, DetectsEveryHyperfineFixtureAndNoOther) {
  const Importer* importer = find_importer("hyperfine");
  ASSERT_NE(importer, nullptr);
  expect_detects_only_its_fixtures("hyperfine");
  EXPECT_FALSE(importer->detect(""));
  EXPECT_FALSE(importer->detect("[{\"results\": [], \"command\": \"x\", \"times\": []}]"));
  EXPECT_TRUE(importer->detect("\xEF\xBB\xBF{\"results\":[{\"command\":\"x\",\"times\":[1]}]}"));
  EXPECT_FALSE(importer->detect("{\"benchmarks\": [{\"name\": \"results\"}]}"));
}

// --- Hostile inputs --------------------------------------------------------------------------

// One result with the given members spliced in after "command".
std::string one_result(const std::string& command_json, const std::string& members) {
  return "{\"results\": [{\"command\": " + command_json + ", " + members + "}]}";
}

const std::string usual = "\"user\": 0.5, \"system\": 0.25, \"times\": [1.5, 2.5], \"exit_codes\": [0, 0]";

TEST(ImportHyperfine, CommandWithControlCharactersIsNotAName) {
  const Imports imports = import_text("h.json", one_result("\"sleep 1\\n\"", usual));
  expect_error(imports, "import.name",
               "command \"sleep 1\\n\" cannot be a benchmark name: it has control characters (such as a newline or a "
               "tab)",
               1, 26);
  ASSERT_EQ(imports.problems.size(), 1U);
  EXPECT_EQ(imports.problems[0].hint, "name the command with `hyperfine -n NAME ...`");
}

TEST(ImportHyperfine, OverlongCommandIsNotAName) {
  const std::string command(201, 'x');
  const Imports imports = import_text("h.json", one_result("\"" + command + "\"", usual));
  expect_error(imports, "import.name",
               "command \"" + std::string(80, 'x') +
                   "...\" cannot be a benchmark name: it is longer than the 200 characters a benchmark name may have",
               1, 26);
}

TEST(ImportHyperfine, BlankCommandIsNotAName) {
  expect_error(import_text("h.json", one_result("\"  \"", usual)), "import.name",
               "command \"  \" cannot be a benchmark name: it is empty", 1, 26);
}

TEST(ImportHyperfine, CommandOf200CharactersIsKept) {
  const std::string command(200, 'x');
  const Imports imports = import_text("h.json", one_result("\"" + command + "\"", usual));
  ASSERT_TRUE(imports.imported.has_value());
  EXPECT_EQ(imports.imported->benchmarks[0]["name"], command);
  expect_valid_evidence(*imports.imported);
}

TEST(ImportHyperfine, LongDescriptionIsShortenedToTheSchemaLimit) {
  // Spaces at either end are trimmed from the name but the description keeps the command as written.
  const std::string command = std::string(2000, ' ') + "./bench";
  const Imports imports = import_text("h.json", one_result("\"" + command + "\"", usual));
  ASSERT_TRUE(imports.imported.has_value());
  const ordered_json& benchmark = imports.imported->benchmarks[0];
  EXPECT_EQ(benchmark["name"], ".:bench");
  EXPECT_EQ(benchmark["description"], "hyperfine command: " + std::string(1002, ' ') + "...");
  expect_valid_evidence(*imports.imported);
}

TEST(ImportHyperfine, TwoCommandsWithTheSameName) {
  const std::string text =
      "{\"results\": [{\"command\": \"a/b\", " + usual + "},\n{\"command\": \"a:b\", " + usual + "}]}";
  const Imports imports = import_text("h.json", text);
  expect_error(imports, "import.duplicate_name",
               "command \"a:b\" gives the benchmark name \"a:b\", already used by result 0; benchmark names must be "
               "unique",
               2, 13);
  ASSERT_EQ(imports.problems.size(), 1U);
  EXPECT_EQ(imports.problems[0].hint,
            "name the command with `hyperfine -n NAME ...` (with parameters, e.g. -n 'name {param}')");
}

TEST(ImportHyperfine, TopLevelArrayOrNumberIsNotHyperfine) {
  const std::string message =
      "not hyperfine JSON: no \"results\" array at the top level (hyperfine --export-json writes "
      "{\"results\": [...]}, one entry per command)";
  expect_error(import_text("h.json", "[{\"results\": []}]"), "import.not_format", message, 1, 1);
  expect_error(import_text("h.json", "  42\n"), "import.not_format", message, 1, 3);
  expect_error(import_text("h.json", "{}"), "import.not_format", message, 1, 1);
}

TEST(ImportHyperfine, ResultsOfTheWrongTypeOrEmpty) {
  expect_error(import_text("h.json", "{\"results\": {}}"), "import.type",
               "\"results\" of hyperfine JSON is an object, expected an array", 1, 13);
  expect_error(import_text("h.json", "{\"results\": []}"), "import.empty",
               "hyperfine JSON with no results: \"results\" is empty", 1, 13);
  expect_error(import_text("h.json", "{\"results\": [3]}"), "import.type",
               "a hyperfine \"results\" entry is not an object; expected one object per benchmarked command", 1, 14);
}

TEST(ImportHyperfine, WhitespaceOnlyIsEmpty) {
  const Imports imports = import_text("h.json", " \n\n");
  ASSERT_EQ(imports.problems.size(), 1U);
  EXPECT_EQ(imports.problems[0].code, "import.empty");
}

TEST(ImportHyperfine, HugeNumberIsAJsonError) {
  const Imports imports =
      import_text("h.json", one_result("\"x\"", "\"user\": 1e400, \"system\": 0, \"times\": [1], \"exit_codes\": [0]"));
  EXPECT_FALSE(imports.imported.has_value());
  ASSERT_FALSE(imports.problems.empty());
  EXPECT_EQ(imports.problems[0].code.rfind("json.", 0), 0U) << imports.problems[0].code;
}

TEST(ImportHyperfine, MissingAndWronglyTypedMembers) {
  expect_error(import_text("h.json",
                           "{\"results\": [{\"command\": \"x\", \"user\": 0.5, \"system\": 0.25, "
                           "\"times\": [1.5]}]}"),
               "import.missing", "a hyperfine result has no \"exit_codes\"", 1, 14);
  expect_error(import_text("h.json", one_result("\"x\"",
                                                "\"user\": null, \"system\": 0.25, \"times\": [1.5], "
                                                "\"exit_codes\": [0]")),
               "import.type", "\"user\" of a hyperfine result is null, expected a number", 1, 39);
  expect_error(import_text("h.json", one_result("\"x\"",
                                                "\"user\": 0.5, \"system\": 0.25, \"times\": \"1.5 s\", "
                                                "\"exit_codes\": [0]")),
               "import.type", "\"times\" of a hyperfine result is a string, expected an array", 1, 69);
  expect_error(import_text("h.json", one_result("\"x\"",
                                                "\"user\": 0.5, \"system\": 0.25, \"times\": [1.5, \"2\"], "
                                                "\"exit_codes\": [0, 0]")),
               "import.type", "element 1 of \"times\" of a hyperfine result is not a number", 1, 75);
  expect_error(import_text("h.json", one_result("\"x\"",
                                                "\"user\": 0.5, \"system\": 0.25, \"times\": [1.5], "
                                                "\"exit_codes\": [\"0\"]")),
               "import.type", "element 0 of \"exit_codes\" of a hyperfine result is not an integer or null", 1, 91);
  expect_error(
      import_text("h.json", one_result("\"x\"",
                                       "\"user\": 0.5, \"system\": 0.25, \"times\": [], "
                                       "\"exit_codes\": []")),
      "import.empty",
      "\"times\" of a hyperfine result is empty; hyperfine records one time per run and makes at least one run", 1, 69);
}

TEST(ImportHyperfine, MixedExitCodesKeepOnlySuccessfulRuns) {
  const Imports imports =
      import_text("h.json", one_result("\"x\"",
                                       "\"user\": 0.5, \"system\": 0.25, \"times\": [1.5, 2.5, 3.5, 4.5, 5.5], "
                                       "\"exit_codes\": [0, 130, 0, 1, 130]"));
  ASSERT_TRUE(imports.imported.has_value());
  EXPECT_TRUE(imports.imported->failed);
  EXPECT_EQ(samples(metric_named(imports.imported->benchmarks[0], "wall_time")), (std::vector<double>{1.5, 3.5}));
  ASSERT_EQ(imports.imported->findings.size(), 1U);
  const Diagnostic& finding = imports.imported->findings[0];
  EXPECT_EQ(finding.code, "import.run_failed");
  EXPECT_EQ(finding.severity, Severity::warning);
  EXPECT_EQ(finding.message,
            "3 of 5 runs of \"x\" failed with exit codes 130 (likely signal 2, SIGINT: hyperfine reports a signal "
            "death as 128+N) and 1; their times are not samples (user_time and sys_time are hyperfine's means over "
            "all runs)");
  EXPECT_EQ(finding.position.line, 1U);
  EXPECT_EQ(finding.position.column, 114U);
  expect_valid_evidence(*imports.imported);
}

TEST(ImportHyperfine, NullExitCodeIsAFailedRun) {
  const Imports imports = import_text(
      "h.json",
      one_result("\"x\"", "\"user\": 0.5, \"system\": 0.25, \"times\": [1.5, 2.5], \"exit_codes\": [null, 0]"));
  ASSERT_TRUE(imports.imported.has_value());
  EXPECT_TRUE(imports.imported->failed);
  EXPECT_EQ(samples(metric_named(imports.imported->benchmarks[0], "wall_time")), (std::vector<double>{2.5}));
  ASSERT_EQ(imports.imported->findings.size(), 1U);
  EXPECT_EQ(imports.imported->findings[0].message,
            "1 of 2 runs of \"x\" failed with exit code null (no exit status recorded); their times are not samples "
            "(user_time and sys_time are hyperfine's means over all runs)");
}

TEST(ImportHyperfine, MemoryUsageBecomesMaxRssOfSuccessfulRuns) {
  const Imports imports =
      import_text("h.json", one_result("\"x\"",
                                       "\"user\": 0.5, \"system\": 0.25, \"times\": [1.5, 2.5, 3.5], "
                                       "\"exit_codes\": [0, 2, 0], \"memory_usage_byte\": [4096, 8192, 12288]"));
  ASSERT_TRUE(imports.imported.has_value());
  const ordered_json& benchmark = imports.imported->benchmarks[0];
  EXPECT_EQ(metric_names(benchmark), (std::vector<std::string>{"wall_time", "user_time", "sys_time", "max_rss"}));
  const ordered_json& rss = metric_named(benchmark, "max_rss");
  EXPECT_EQ(rss["unit"], "bytes");
  EXPECT_EQ(rss["better"], "lower");
  EXPECT_EQ(rss["description"], "peak resident set size of each successful run, measured by hyperfine");
  EXPECT_EQ(samples(rss), (std::vector<double>{4096, 12288}));
  expect_valid_evidence(*imports.imported);

  expect_error(import_text("h.json", one_result("\"x\"",
                                                "\"user\": 0.5, \"system\": 0.25, \"times\": [1.5, 2.5], "
                                                "\"exit_codes\": [0, 0], \"memory_usage_byte\": [4096]")),
               "import.mismatch",
               "\"memory_usage_byte\" has 1 entries but \"times\" has 2; hyperfine writes one per run", 1, 124);
}

TEST(ImportHyperfine, ParametersMustBeShortStrings) {
  expect_error(import_text("h.json", one_result("\"x\"", usual + ", \"parameters\": {\"n\": 1}")), "import.type",
               "parameter \"n\" of a hyperfine result is not a string; hyperfine writes parameter values as strings", 1,
               123);
  // A value evidence cannot hold is left out with a warning (as pytest-benchmark's are); the metadata keeps it.
  const std::string too_long(1025, 'v');
  const Imports dropped =
      import_text("h.json", one_result("\"x\"", usual + ", \"parameters\": {\"n\": \"" + too_long + "\"}"));
  ASSERT_TRUE(dropped.imported.has_value()) << diagnostics_text(dropped.problems);
  EXPECT_TRUE(dropped.problems.empty());
  EXPECT_FALSE(dropped.imported->benchmarks[0].contains("parameters"));
  EXPECT_EQ(dropped.imported->metadata["results"][0]["parameters"], ordered_json({{"n", too_long}}));
  EXPECT_FALSE(dropped.imported->failed);
  ASSERT_EQ(dropped.imported->findings.size(), 1U);
  expect_diagnostic(dropped.imported->findings[0], Severity::warning, "import.parameter_dropped",
                    "parameter \"n\" of benchmark \"x\" is longer than 1024 characters as text; it is left out of the "
                    "evidence parameters (it stays in extensions.hyperfine)",
                    1, 123);
  expect_valid_evidence(*dropped.imported);
  const Imports kept = import_text(
      "h.json", one_result("\"x\"", usual + ", \"parameters\": {\"n\": \"" + std::string(1024, 'v') + "\"}"));
  ASSERT_TRUE(kept.imported.has_value());
  EXPECT_EQ(kept.imported->benchmarks[0]["parameters"], ordered_json({{"n", std::string(1024, 'v')}}));
  EXPECT_TRUE(kept.imported->findings.empty());
  expect_valid_evidence(*kept.imported);
}

TEST(ImportHyperfine, MoreThanAHundredParametersKeepTheFirstHundred) {
  std::string parameters = "{";
  for (int i = 0; i <= 100; ++i) {
    char key[16];
    std::snprintf(key, sizeof key, "p%03d", i);
    parameters += std::string(i == 0 ? "" : ", ") + "\"" + key + "\": \"" + std::to_string(i) + "\"";
  }
  parameters += "}";
  const std::string text = one_result("\"x\"", usual + ", \"parameters\": " + parameters);
  const Imports imports = import_text("h.json", text);
  ASSERT_TRUE(imports.imported.has_value()) << diagnostics_text(imports.problems);
  const ordered_json& kept = imports.imported->benchmarks[0]["parameters"];
  ASSERT_EQ(kept.size(), 100U);
  EXPECT_EQ(kept["p099"], "99");
  EXPECT_FALSE(kept.contains("p100"));
  EXPECT_EQ(imports.imported->metadata["results"][0]["parameters"].size(), 101U);
  ASSERT_EQ(imports.imported->findings.size(), 1U);
  expect_diagnostic(imports.imported->findings[0], Severity::warning, "import.parameter_dropped",
                    "benchmark \"x\" has more than 100 parameters; evidence keeps the first 100 (in key order), the "
                    "rest stay in extensions.hyperfine",
                    1, text.find("\"100\"}") + 1);
  expect_valid_evidence(*imports.imported);
}

TEST(ImportHyperfine, ParameterNameWithControlCharacterIsAnError) {
  const std::string text = one_result("\"x\"", usual + ", \"parameters\": {\"a\\tb\": \"1\"}");
  expect_error(import_text("h.json", text), "import.parameter",
               "parameter name \"a\\tb\" of benchmark \"x\" cannot be an evidence parameter name (1 to 200 "
               "characters without control characters)",
               1, text.find("\"a\\tb\"") + 1);
}

}  // namespace
}  // namespace evident::io
