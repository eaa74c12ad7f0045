#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
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

Imports import_text(std::string text) { return run_import("gotest-json", "in.json", std::move(text)); }

// The fixture read independently of the importer: the Output of every "output" event joined (the
// fixtures have one package after the other), read as go test -bench text, each line with the
// package whose event ended it.
struct ResultLine : GoResultLine {
  std::string package;
};

std::vector<ResultLine> result_lines(const std::string& stream) {
  std::string text;
  std::vector<std::string> package_of_line;  // the package of each completed line
  std::istringstream events(stream);
  for (std::string line; std::getline(events, line);) {
    const auto event = nlohmann::json::parse(line);
    if (event["Action"] != "output") continue;
    text += event["Output"].get<std::string>();
    if (text.back() == '\n') package_of_line.push_back(event["Package"].get<std::string>());
  }
  std::vector<ResultLine> lines;
  for (const GoResultLine& line : go_result_lines(text)) lines.push_back({line, package_of_line[line.line]});
  return lines;
}

std::string name_of(const std::string& printed) {
  std::string name = printed.substr(0, printed.rfind('-'));  // every fixture ran with GOMAXPROCS 2
  for (char& c : name) c = c == '/' ? ':' : c;
  return name;
}

// Every number of every result line is in a sample of its benchmark, in order, and nothing else is.
void expect_every_number(const Imported& imported, const std::vector<ResultLine>& lines) {
  std::size_t values = 0;
  for (const ResultLine& line : lines) values += line.values.size();
  std::size_t samples = 0;
  for (const auto& benchmark : imported.benchmarks) {
    EXPECT_EQ(benchmark["parameters"]["gomaxprocs"], 2);
    for (const auto& metric : benchmark["metrics"]) {
      std::vector<double> expected;
      for (const ResultLine& line : lines) {
        if (name_of(line.printed) != benchmark["name"] || line.package != benchmark["parameters"]["package"]) continue;
        for (const auto& [unit, value] : line.values) {
          if (unit == metric["unit"]) expected.push_back(value);
        }
      }
      ASSERT_EQ(metric["samples"].size(), expected.size()) << benchmark["name"] << " " << metric["name"];
      for (std::size_t s = 0; s < expected.size(); ++s) EXPECT_EQ(metric["samples"][s].get<double>(), expected[s]);
      samples += expected.size();
    }
  }
  EXPECT_EQ(samples, values);
}

const std::string elems_note =
    "the unit \"elems/op\" does not say which direction is better; elems_per_op assumed \"lower\" (a unit ending in "
    "\"/s\" would be \"higher\")";

TEST(ImportGotestJson, BenchmemCount2) {
  const std::string path = "fixtures/import/gotest-json/benchmem-count2.json";
  const Imports run = run_import_fixture("gotest-json", path);
  ASSERT_TRUE(run.imported.has_value()) << diagnostics_text(run.problems);
  const Imported& imported = *run.imported;
  EXPECT_TRUE(run.problems.empty());
  expect_valid_evidence(imported);
  EXPECT_EQ(imported.tool, "go-test-json");
  EXPECT_EQ(imported.suite, "bench");
  EXPECT_FALSE(imported.failed);
  EXPECT_EQ(imported.captured_at, "2026-12-06T12:43:44Z");
  EXPECT_EQ(imported.host, (nlohmann::ordered_json{{"cpu_model", "AMD EPYC"}}));
  EXPECT_EQ(names_of(imported.benchmarks),
            (std::vector<std::string>{"BenchmarkJoin", "BenchmarkSortInts", "BenchmarkCopy:size=64",
                                      "BenchmarkCopy:size=4096"}));
  const std::vector<ResultLine> lines = result_lines(read_fixture(path));
  EXPECT_EQ(lines.size(), 8U);
  expect_every_number(imported, lines);
  EXPECT_EQ(names_of(imported.benchmarks[1]["metrics"]),
            (std::vector<std::string>{"ns_per_op", "elems_per_op", "B_per_op", "allocs_per_op"}));
  EXPECT_EQ(metric_named(imported.benchmarks[2], "MB_per_s")["samples"], (nlohmann::ordered_json{22034.77, 15956.12}));
  // The result line split over two events is read whole; its iteration count is kept.
  EXPECT_EQ(imported.metadata["packages"][0]["benchmarks"][0],
            (nlohmann::ordered_json{{"name", "BenchmarkJoin-2"}, {"iterations", {2000, 2000}}}));
  EXPECT_EQ(imported.metadata["packages"][0]["elapsed"], "0.204s");
  // The note is placed on the unit inside the event's Output string.
  ASSERT_EQ(imported.findings.size(), 1U);
  expect_diagnostic(imported.findings[0], Severity::note, "import.assumed_direction", elems_note, 10, 169);
  EXPECT_EQ(imported.findings[0].pointer, "/Output");
}

TEST(ImportGotestJson, MultiPackageFail) {
  const std::string path = "fixtures/import/gotest-json/multi-package-fail.json";
  const Imports run = run_import_fixture("gotest-json", path);
  ASSERT_TRUE(run.imported.has_value()) << diagnostics_text(run.problems);
  const Imported& imported = *run.imported;
  expect_valid_evidence(imported);
  EXPECT_TRUE(imported.failed);
  EXPECT_EQ(names_of(imported.benchmarks),
            (std::vector<std::string>{"BenchmarkJoin", "BenchmarkSortInts", "BenchmarkCopy:size=64",
                                      "BenchmarkCopy:size=4096", "BenchmarkOK"}));
  EXPECT_EQ(imported.benchmarks[4]["parameters"]["package"], "example.com/bench/failing");
  expect_every_number(imported, result_lines(read_fixture(path)));
  ASSERT_EQ(imported.findings.size(), 2U) << diagnostics_text(imported.findings);
  expect_diagnostic(imported.findings[1], Severity::warning, "import.benchmark_failed",
                    "\"BenchmarkBroken-2\" failed without a message; it printed no result line, so it has no benchmark "
                    "entry",
                    26, 135);
  EXPECT_EQ(imported.metadata["packages"][1]["outcome"], "FAIL");
}

TEST(ImportGotestJson, DetectsItsFixturesOnly) {
  const DetectedFixtures detected = expect_detects_only_its_fixtures("gotest-json");
  EXPECT_EQ(detected.own, 2U);
  EXPECT_GT(detected.other_formats, 10U);
  const Importer* importer = find_importer("gotest-json");
  ASSERT_NE(importer, nullptr);
  EXPECT_FALSE(importer->detect(""));
  EXPECT_FALSE(importer->detect("{\"benchmarks\": []}"));
  EXPECT_TRUE(importer->detect("\xEF\xBB\xBF\n{\"Time\":\"2026-12-06T12:43:44Z\",\"Action\":\"start\"}\n"));
}

TEST(ImportGotestJson, SplitEscapedOutputIsPlacedInTheLiteral) {
  // "\u0009" is a TAB written as an escape: the caret still lands on the value it decodes into.
  const Imports run = import_text(
      "{\"Action\":\"output\",\"Package\":\"p\",\"Output\":\"BenchmarkX-2   \\t\"}\n"
      "{\"Action\":\"output\",\"Package\":\"p\",\"Output\":\"  10\\u0009 12.5x ns/op\\n\"}\n");
  expect_error(run, "import.syntax", "\"12.5x\" is not a number; expected a value and a unit such as \"52.29 ns/op\"",
               2, 55);
  EXPECT_EQ(run.problems[0].pointer, "/Output");
}

TEST(ImportGotestJson, Empty) {
  expect_error(import_text(" \n"), "import.empty",
               "the file is empty; expected the event stream of go test -bench . -json", 1, 1);
}

TEST(ImportGotestJson, NoOutputEvents) {
  const Imports run =
      import_text("{\"Action\":\"start\",\"Package\":\"p\"}\n{\"Action\":\"pass\",\"Package\":\"p\"}\n");
  expect_error(run, "import.not_format", "no event of the stream has benchmark output (Action \"output\")", 1, 1);
}

TEST(ImportGotestJson, TruncatedLastEvent) {
  const Imports run = import_text(
      "{\"Action\":\"output\",\"Package\":\"p\",\"Output\":\"BenchmarkX-2 \\t 10\\t 5 ns/op\\n\"}\n"
      "{\"Action\":\"output\",\"Pack");
  EXPECT_FALSE(run.imported.has_value());
  ASSERT_FALSE(run.problems.empty());
  EXPECT_EQ(run.problems.back().position.line, 2U);
  EXPECT_EQ(run.problems.back().hint, "go test -json writes one JSON object per line; was the stream cut off?");
}

TEST(ImportGotestJson, PlainTextLine) {
  const Imports run = import_text(
      "{\"Action\":\"output\",\"Package\":\"p\",\"Output\":\"BenchmarkX-2 \\t 10\\t 5 ns/op\\n\"}\n"
      "# example.com/p\n");
  expect_error(run, "import.syntax",
               "expected a go test -json event (a JSON object on one line), found \"# example.com/p\"", 2, 1);
}

TEST(ImportGotestJson, WrongTypes) {
  expect_error(import_text("[1]\n"), "import.syntax",
               "expected a go test -json event (a JSON object on one line), found \"[1]\"", 1, 1);
  expect_error(import_text("{\"Action\":7}\n"), "import.type",
               "\"Action\" of a go test -json event is an integer, expected a string", 1, 11);
  expect_error(import_text("{\"Action\":\"output\",\"Output\":null}\n"), "import.type",
               "\"Output\" of a go test -json event is null, expected a string", 1, 29);
  expect_error(import_text("{\"Action\":\"output\"}\n"), "import.missing", "a go test -json event has no \"Output\"", 1,
               1);
  expect_error(import_text("{\"Output\":\"x\\n\"}\n"), "import.missing", "a go test -json event has no \"Action\"", 1,
               1);
}

TEST(ImportGotestJson, NonFiniteAndHugeValues) {
  const Imports nan =
      import_text("{\"Action\":\"output\",\"Output\":\"BenchmarkX-2 \\t 10\\t NaN ns/op\\t 3 B/op\\n\"}\n");
  ASSERT_TRUE(nan.imported.has_value()) << diagnostics_text(nan.problems);
  EXPECT_TRUE(nan.imported->failed);
  EXPECT_EQ(nan.imported->findings[0].code, "import.non_finite");
  const Imports huge = import_text("{\"Action\":\"output\",\"Output\":\"BenchmarkX-2 \\t 10\\t 1e999 ns/op\\n\"}\n");
  expect_error(huge, "import.syntax", "\"1e999\" is out of the range of a double", 1, 51);
}

TEST(ImportGotestJson, FailEventWithoutFailureInTheOutput) {
  const Imports run = import_text(
      "{\"Action\":\"output\",\"Package\":\"p\",\"Output\":\"BenchmarkX-2 \\t 10\\t 5 ns/op\\n\"}\n"
      "{\"Action\":\"fail\",\"Package\":\"p\",\"Elapsed\":0.1}\n");
  ASSERT_TRUE(run.imported.has_value()) << diagnostics_text(run.problems);
  EXPECT_TRUE(run.imported->failed);
  ASSERT_EQ(run.imported->findings.size(), 1U);
  expect_diagnostic(run.imported->findings[0], Severity::warning, "import.package_failed",
                    "an event records a failure (Action \"fail\") that the output does not show; the run is marked "
                    "failed",
                    2, 1);
}

TEST(ImportGotestJson, TheOtherFormatsAreRefused) {
  const Imports text = import_text(read_fixture("fixtures/import/gotest/benchmem-count3.txt"));
  expect_error(text, "import.syntax",
               "expected a go test -json event (a JSON object on one line), found \"goos: linux\"", 1, 1);
  const Imports hyperfine = import_text(read_fixture("fixtures/import/hyperfine/two-commands.json"));
  EXPECT_FALSE(hyperfine.imported.has_value());
  ASSERT_FALSE(hyperfine.problems.empty());
  EXPECT_EQ(hyperfine.problems.back().hint, "go test -json writes one JSON object per line; was the stream cut off?");
}

TEST(ImportGotestJson, SameBytesEachTime) {
  const std::string path = "fixtures/import/gotest-json/multi-package-fail.json";
  const Imports first = run_import_fixture("gotest-json", path);
  const Imports second = run_import_fixture("gotest-json", path);
  ASSERT_TRUE(first.imported && second.imported);
  EXPECT_EQ(first.imported->benchmarks.dump(), second.imported->benchmarks.dump());
  EXPECT_EQ(first.imported->metadata.dump(), second.imported->metadata.dump());
}

}  // namespace
}  // namespace evident::io
