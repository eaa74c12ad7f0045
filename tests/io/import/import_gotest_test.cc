#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "io/import/import_test_support.h"
#include "io/import/importer.h"

namespace evident::io {
namespace {

using namespace test_support;
using Outcome = Imports;

Outcome import_text(std::string text, std::string path = "in.txt") {
  return run_import("gotest", std::move(path), std::move(text));
}

Outcome import_fixture(const std::string& path) { return run_import_fixture("gotest", path); }

using FixtureLine = GoResultLine;

std::vector<FixtureLine> fixture_lines(const std::string& text) { return go_result_lines(text); }

struct ExpectedMetric {
  std::string name, unit, better, description;
};

const ExpectedMetric ns_per_op{"ns_per_op", "ns/op", "lower", "time per iteration of the b.N loop"};
const ExpectedMetric mb_per_s{"MB_per_s", "MB/s", "higher",
                              "throughput from b.SetBytes, in megabytes (10^6 bytes) per second"};
const ExpectedMetric elems_per_op{"elems_per_op", "elems/op", "lower", "reported by the benchmark with b.ReportMetric"};
const ExpectedMetric b_per_op{"B_per_op", "B/op", "lower",
                              "bytes allocated per iteration (-benchmem or b.ReportAllocs)"};
const ExpectedMetric allocs_per_op{"allocs_per_op", "allocs/op", "lower",
                                   "heap allocations per iteration (-benchmem or b.ReportAllocs)"};

// One evidence benchmark against every line of the fixture printed under `printed`.
void expect_benchmark(const nlohmann::ordered_json& benchmark, const std::vector<FixtureLine>& lines,
                      const std::string& name, const std::string& printed, std::uint64_t procs, const std::string& pkg,
                      const std::vector<ExpectedMetric>& metrics, std::size_t line_count) {
  SCOPED_TRACE(name);
  EXPECT_EQ(benchmark["name"], name);
  EXPECT_EQ(benchmark["parameters"], (nlohmann::ordered_json{{"gomaxprocs", procs}, {"package", pkg}}));
  EXPECT_EQ(benchmark.size(), 3U);
  ASSERT_EQ(benchmark["metrics"].size(), metrics.size());
  for (std::size_t m = 0; m < metrics.size(); ++m) {
    const auto& metric = benchmark["metrics"][m];
    EXPECT_EQ(metric["name"], metrics[m].name);
    EXPECT_EQ(metric["unit"], metrics[m].unit);
    EXPECT_EQ(metric["better"], metrics[m].better);
    EXPECT_EQ(metric["description"], metrics[m].description);
    EXPECT_EQ(metric.size(), 5U);
    std::vector<double> expected;
    for (const FixtureLine& line : lines) {
      if (line.printed != printed) continue;
      for (const auto& [unit, value] : line.values) {
        if (unit == metrics[m].unit) expected.push_back(value);
      }
    }
    EXPECT_EQ(expected.size(), line_count);
    ASSERT_EQ(metric["samples"].size(), expected.size());
    for (std::size_t s = 0; s < expected.size(); ++s) EXPECT_EQ(metric["samples"][s].get<double>(), expected[s]);
  }
}

// The metadata of one package: its header and, for each printed name, the iterations of its lines.
void expect_package(const nlohmann::ordered_json& package, const std::vector<FixtureLine>& lines,
                    const std::string& pkg, const std::vector<std::string>& printed_names, const std::string& outcome,
                    const std::string& elapsed) {
  SCOPED_TRACE(pkg);
  EXPECT_EQ(package["pkg"], pkg);
  EXPECT_EQ(package["goos"], "linux");
  EXPECT_EQ(package["goarch"], "amd64");
  EXPECT_EQ(package["cpu"], "Intel(R) Xeon(R) Processor");
  EXPECT_EQ(package["outcome"], outcome);
  EXPECT_EQ(package["elapsed"], elapsed);
  EXPECT_EQ(package.size(), 7U);
  ASSERT_EQ(package["benchmarks"].size(), printed_names.size());
  for (std::size_t b = 0; b < printed_names.size(); ++b) {
    const auto& benchmark = package["benchmarks"][b];
    EXPECT_EQ(benchmark["name"], printed_names[b]);
    nlohmann::ordered_json iterations = nlohmann::ordered_json::array();
    for (const FixtureLine& line : lines) {
      if (line.printed == printed_names[b]) iterations.push_back(line.iterations);
    }
    EXPECT_EQ(benchmark["iterations"], iterations);
    EXPECT_EQ(benchmark.size(), 2U);
  }
}

void expect_finding(const Diagnostic& finding, const std::string& code, Severity severity, std::size_t line,
                    std::size_t column, const std::string& message) {
  expect_diagnostic(finding, severity, code, message, line, column);
}

void expect_problem(const Outcome& run, const std::string& code, std::size_t line, std::size_t column,
                    const std::string& message) {
  expect_error(run, code, message, line, column);
}

constexpr std::string_view cpu_model = "Intel(R) Xeon(R) Processor";
const std::string elems_note =
    "the unit \"elems/op\" does not say which direction is better; elems_per_op assumed \"lower\" (a unit ending in "
    "\"/s\" would be \"higher\")";

TEST(ImportGotest, BenchmemCount3) {
  const std::string path = "fixtures/import/gotest/benchmem-count3.txt";
  const Outcome run = import_fixture(path);
  ASSERT_TRUE(run.imported.has_value());
  EXPECT_TRUE(run.problems.empty());
  const Imported& imported = *run.imported;
  const auto lines = fixture_lines(read_fixture(path));
  ASSERT_EQ(lines.size(), 12U);

  EXPECT_EQ(imported.tool, "go-test-bench");
  EXPECT_EQ(imported.tool_version, "");
  EXPECT_EQ(imported.suite, "bench");
  EXPECT_EQ(imported.captured_at, "");
  EXPECT_EQ(imported.commit, "");
  EXPECT_FALSE(imported.failed);
  EXPECT_EQ(imported.host, (nlohmann::ordered_json{{"cpu_model", cpu_model}}));

  const std::string pkg = "example.com/bench";
  ASSERT_EQ(imported.benchmarks.size(), 4U);
  expect_benchmark(imported.benchmarks[0], lines, "BenchmarkJoin", "BenchmarkJoin-2", 2, pkg,
                   {ns_per_op, b_per_op, allocs_per_op}, 3);
  expect_benchmark(imported.benchmarks[1], lines, "BenchmarkSortInts", "BenchmarkSortInts-2", 2, pkg,
                   {ns_per_op, elems_per_op, b_per_op, allocs_per_op}, 3);
  expect_benchmark(imported.benchmarks[2], lines, "BenchmarkCopy:size=64", "BenchmarkCopy/size=64-2", 2, pkg,
                   {ns_per_op, mb_per_s, b_per_op, allocs_per_op}, 3);
  expect_benchmark(imported.benchmarks[3], lines, "BenchmarkCopy:size=4096", "BenchmarkCopy/size=4096-2", 2, pkg,
                   {ns_per_op, mb_per_s, b_per_op, allocs_per_op}, 3);
  // A few numbers spelled out, so the independent reading above is itself checked.
  EXPECT_EQ(imported.benchmarks[0]["metrics"][0]["samples"], (nlohmann::ordered_json{52.29, 49.28, 49.36}));
  EXPECT_EQ(imported.benchmarks[1]["metrics"][1]["samples"], (nlohmann::ordered_json{512.0, 512.0, 512.0}));
  EXPECT_EQ(imported.benchmarks[3]["metrics"][1]["samples"], (nlohmann::ordered_json{95180.28, 95803.48, 93352.63}));

  ASSERT_EQ(imported.metadata.size(), 1U);
  ASSERT_EQ(imported.metadata["packages"].size(), 1U);
  expect_package(imported.metadata["packages"][0], lines, pkg,
                 {"BenchmarkJoin-2", "BenchmarkSortInts-2", "BenchmarkCopy/size=64-2", "BenchmarkCopy/size=4096-2"},
                 "ok", "17.322s");
  EXPECT_EQ(imported.metadata["packages"][0]["benchmarks"][2]["iterations"],
            (nlohmann::ordered_json{412121611, 414384588, 412769515}));

  ASSERT_EQ(imported.findings.size(), 1U);
  expect_finding(imported.findings[0], "import.assumed_direction", Severity::note, 8, 63, elems_note);
  EXPECT_EQ(imported.findings[0].file, path);
  expect_valid_evidence(imported);
}

TEST(ImportGotest, CpuSuffixKeepsEachGomaxprocsApart) {
  const std::string path = "fixtures/import/gotest/cpu-suffix.txt";
  const Outcome run = import_fixture(path);
  ASSERT_TRUE(run.imported.has_value());
  EXPECT_TRUE(run.problems.empty());
  const Imported& imported = *run.imported;
  const auto lines = fixture_lines(read_fixture(path));
  ASSERT_EQ(lines.size(), 8U);

  EXPECT_EQ(imported.tool, "go-test-bench");
  EXPECT_EQ(imported.suite, "bench");
  EXPECT_FALSE(imported.failed);
  EXPECT_EQ(imported.host, (nlohmann::ordered_json{{"cpu_model", cpu_model}}));

  const std::string pkg = "example.com/bench";
  ASSERT_EQ(imported.benchmarks.size(), 4U);
  expect_benchmark(imported.benchmarks[0], lines, "BenchmarkJoin-1", "BenchmarkJoin", 1, pkg, {ns_per_op}, 2);
  expect_benchmark(imported.benchmarks[1], lines, "BenchmarkJoin-2", "BenchmarkJoin-2", 2, pkg, {ns_per_op}, 2);
  expect_benchmark(imported.benchmarks[2], lines, "BenchmarkSortInts-1", "BenchmarkSortInts", 1, pkg,
                   {ns_per_op, elems_per_op}, 2);
  expect_benchmark(imported.benchmarks[3], lines, "BenchmarkSortInts-2", "BenchmarkSortInts-2", 2, pkg,
                   {ns_per_op, elems_per_op}, 2);
  EXPECT_EQ(imported.benchmarks[0]["metrics"][0]["samples"], (nlohmann::ordered_json{62.68, 56.72}));
  EXPECT_EQ(imported.benchmarks[3]["metrics"][0]["samples"], (nlohmann::ordered_json{22763.0, 22853.0}));

  ASSERT_EQ(imported.metadata["packages"].size(), 1U);
  expect_package(imported.metadata["packages"][0], lines, pkg,
                 {"BenchmarkJoin", "BenchmarkJoin-2", "BenchmarkSortInts", "BenchmarkSortInts-2"}, "ok", "11.163s");

  ASSERT_EQ(imported.findings.size(), 1U);
  expect_finding(imported.findings[0], "import.assumed_direction", Severity::note, 9, 63, elems_note);
  expect_valid_evidence(imported);
}

TEST(ImportGotest, MultiPackageWithFailedBenchmark) {
  const std::string path = "fixtures/import/gotest/multi-package-fail.txt";
  const Outcome run = import_fixture(path);
  ASSERT_TRUE(run.imported.has_value());
  EXPECT_TRUE(run.problems.empty());
  const Imported& imported = *run.imported;
  const auto lines = fixture_lines(read_fixture(path));
  ASSERT_EQ(lines.size(), 5U);

  EXPECT_EQ(imported.tool, "go-test-bench");
  EXPECT_EQ(imported.suite, "bench");
  EXPECT_TRUE(imported.failed);
  EXPECT_EQ(imported.captured_at, "");
  EXPECT_EQ(imported.commit, "");
  EXPECT_EQ(imported.host, (nlohmann::ordered_json{{"cpu_model", cpu_model}}));

  const std::string pkg = "example.com/bench";
  const std::string hashing = "example.com/bench/hashing";
  ASSERT_EQ(imported.benchmarks.size(), 5U);
  expect_benchmark(imported.benchmarks[0], lines, "BenchmarkJoin", "BenchmarkJoin-2", 2, pkg,
                   {ns_per_op, b_per_op, allocs_per_op}, 1);
  expect_benchmark(imported.benchmarks[1], lines, "BenchmarkSortInts", "BenchmarkSortInts-2", 2, pkg,
                   {ns_per_op, elems_per_op, b_per_op, allocs_per_op}, 1);
  expect_benchmark(imported.benchmarks[2], lines, "BenchmarkCopy:size=64", "BenchmarkCopy/size=64-2", 2, pkg,
                   {ns_per_op, mb_per_s, b_per_op, allocs_per_op}, 1);
  expect_benchmark(imported.benchmarks[3], lines, "BenchmarkCopy:size=4096", "BenchmarkCopy/size=4096-2", 2, pkg,
                   {ns_per_op, mb_per_s, b_per_op, allocs_per_op}, 1);
  expect_benchmark(imported.benchmarks[4], lines, "BenchmarkFNV", "BenchmarkFNV-2", 2, hashing,
                   {ns_per_op, b_per_op, allocs_per_op}, 1);
  EXPECT_EQ(imported.benchmarks[3]["metrics"][1]["samples"], (nlohmann::ordered_json{158101.79}));
  EXPECT_EQ(imported.benchmarks[4]["metrics"][0]["samples"], (nlohmann::ordered_json{19.11}));

  ASSERT_EQ(imported.metadata["packages"].size(), 2U);
  expect_package(imported.metadata["packages"][0], lines, pkg,
                 {"BenchmarkJoin-2", "BenchmarkSortInts-2", "BenchmarkCopy/size=64-2", "BenchmarkCopy/size=4096-2"},
                 "ok", "2.352s");
  expect_package(imported.metadata["packages"][1], lines, hashing, {"BenchmarkFNV-2"}, "FAIL", "0.029s");
  EXPECT_EQ(imported.metadata["packages"][1]["benchmarks"][0]["iterations"], (nlohmann::ordered_json{100000}));

  // One finding for the failed benchmark; the package's FAIL lines repeat it and add none.
  ASSERT_EQ(imported.findings.size(), 2U);
  expect_finding(imported.findings[0], "import.assumed_direction", Severity::note, 6, 63, elems_note);
  expect_finding(imported.findings[1], "import.benchmark_failed", Severity::warning, 16, 1,
                 "\"BenchmarkBackend\" failed: hash_test.go:20: fixture: backend unavailable; it printed no result "
                 "line, so it has no benchmark entry");
  expect_valid_evidence(imported);
}

TEST(ImportGotest, BrokenGarbledValue) {
  expect_problem(import_fixture("fixtures/import/broken/gotest-garbled-value.txt"), "import.syntax", 6, 41,
                 "\"49.2B\" is not a number; expected a value and a unit such as \"52.29 ns/op\"");
}

TEST(ImportGotest, BrokenMissingUnit) {
  expect_problem(import_fixture("fixtures/import/broken/gotest-missing-unit.txt"), "import.syntax", 10, 78,
                 "expected a value and a unit such as \"52.29 ns/op\", found only \"24\"");
}

TEST(ImportGotest, BrokenTruncated) {
  const Outcome run = import_fixture("fixtures/import/broken/gotest-truncated.txt");
  expect_problem(run, "import.syntax", 7, 80, "the output ends in the middle of a result line");
  ASSERT_EQ(run.problems.size(), 1U);
  EXPECT_EQ(run.problems[0].file, "fixtures/import/broken/gotest-truncated.txt");
  EXPECT_EQ(run.problems[0].hint,
            "go ends every line with a newline: the output was cut off; run the benchmarks again, or add the missing "
            "newline if the line is complete");
}

TEST(ImportGotest, DetectsItsFixturesOnly) {
  for (const char* name : {"benchmem-count3.txt", "cpu-suffix.txt", "multi-package-fail.txt"}) {
    EXPECT_TRUE(find_importer("gotest")->detect(read_fixture(std::string("fixtures/import/gotest/") + name))) << name;
  }
  for (const char* name :
       {"googlebenchmark/plain.json", "googlebenchmark/repetitions.json", "googlebenchmark/aggregates-only.json",
        "googlebenchmark/counters.json", "googlebenchmark/counters-repetitions.json", "googlebenchmark/error.json",
        "googlebenchmark/error-repetitions.json", "googlebenchmark/names.json", "googlebenchmark/nan-counter.json",
        "hyperfine/two-commands.json", "hyperfine/parameter-scan.json", "hyperfine/parameter-list.json",
        "hyperfine/failures.json", "pytest-benchmark/json-with-data.json", "pytest-benchmark/autosave-no-data.json",
        "pytest-benchmark/autosave-save-data.json", "pytest-benchmark/failed-test-no-git.json"}) {
    const std::string text = read_fixture(std::string("fixtures/import/") + name);
    ASSERT_FALSE(text.empty()) << name;
    EXPECT_FALSE(find_importer("gotest")->detect(text)) << name;
  }
  EXPECT_FALSE(find_importer("gotest")->detect(""));
  EXPECT_TRUE(find_importer("gotest")->detect("\xEF\xBB\xBFgoos: linux\r\npkg: p\r\n"));
}

TEST(ImportGotest, EmptyFile) {
  expect_problem(import_text(""), "import.empty", 1, 1, "file is empty; expected the output of go test -bench");
}

const std::string not_format_message = "no go test -bench result line (Benchmark...<TAB>N<TAB>value unit)";

TEST(ImportGotest, JsonIsNotThisFormat) {
  const Outcome run = import_fixture("fixtures/import/hyperfine/two-commands.json");
  expect_problem(run, "import.not_format", 1, 1, not_format_message);
  EXPECT_EQ(run.problems[0].hint,
            "this looks like JSON: the event stream of go test -json is imported with the format gotest-json");
  expect_problem(import_text("[1, 2]"), "import.not_format", 1, 1, not_format_message);
  expect_problem(import_text("42\n"), "import.not_format", 1, 1, not_format_message);
  expect_problem(import_text(" \n\n"), "import.not_format", 1, 1, not_format_message);
}

TEST(ImportGotest, NoResultLineHints) {
  const Outcome spaced = import_text("pkg: p\nBenchmarkA-2    100    5 ns/op\n");
  expect_problem(spaced, "import.not_format", 1, 1, not_format_message);
  EXPECT_EQ(spaced.problems[0].hint,
            "go separates the fields of a result line with TABs; was the output copied through something that "
            "turned them into spaces?");
  const Outcome none = import_text("testing: warning: no tests to run\nPASS\nok  \tp\t0.01s\n");
  expect_problem(none, "import.not_format", 1, 1, not_format_message);
  EXPECT_EQ(none.problems[0].hint,
            "this is go test output without results: check that -bench matched a benchmark and that none failed");
}

TEST(ImportGotest, CrlfAndBomReadLikeLf) {
  const std::string text = read_fixture("fixtures/import/gotest/benchmem-count3.txt");
  std::string crlf;
  for (const char c : text) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  const Outcome lf = import_text(text);
  const Outcome windows = import_text("\xEF\xBB\xBF" + crlf);
  ASSERT_TRUE(lf.imported && windows.imported);
  EXPECT_EQ(windows.imported->benchmarks, lf.imported->benchmarks);
  EXPECT_EQ(windows.imported->metadata, lf.imported->metadata);
  EXPECT_EQ(windows.imported->host, lf.imported->host);
  ASSERT_EQ(windows.imported->findings.size(), 1U);
  EXPECT_EQ(windows.imported->findings[0].position.line, 8U);
  EXPECT_EQ(windows.imported->findings[0].position.column, 63U);
}

TEST(ImportGotest, SameBytesEachTime) {
  const std::string text = read_fixture("fixtures/import/gotest/multi-package-fail.txt");
  const Outcome a = import_text(text);
  const Outcome b = import_text(text);
  ASSERT_TRUE(a.imported && b.imported);
  EXPECT_EQ(a.imported->benchmarks.dump(), b.imported->benchmarks.dump());
  EXPECT_EQ(a.imported->metadata.dump(), b.imported->metadata.dump());
}

// --- Names and the GOMAXPROCS suffix ---

std::vector<std::string> names_of(const Outcome& run) {
  std::vector<std::string> names;
  if (!run.imported) return names;
  for (const auto& benchmark : run.imported->benchmarks) names.push_back(benchmark["name"]);
  return names;
}

TEST(ImportGotest, NameEndingInDigitsAtGomaxprocsOne) {
  // -cpu 1: nothing has a suffix, so "size=-4" is part of the name.
  const Outcome run = import_text("pkg: p\nBenchmarkY\t10\t5 ns/op\nBenchmarkX/size=-4\t10\t5 ns/op\n");
  EXPECT_EQ(names_of(run), (std::vector<std::string>{"BenchmarkY", "BenchmarkX:size=-4"}));
  ASSERT_TRUE(run.imported);
  EXPECT_EQ(run.imported->benchmarks[1]["parameters"]["gomaxprocs"], 1);
}

TEST(ImportGotest, NameEndingInDigitsWithCpuList) {
  // -cpu 1,2: the bare name is printed too, so only the last "-2" is a suffix.
  const Outcome run = import_text("pkg: p\nBenchmarkX/size=-4\t10\t5 ns/op\nBenchmarkX/size=-4-2\t10\t6 ns/op\n");
  EXPECT_EQ(names_of(run), (std::vector<std::string>{"BenchmarkX:size=-4-1", "BenchmarkX:size=-4-2"}));
}

TEST(ImportGotest, EveryNameSuffixed) {
  // Default -cpu on 4 CPUs: every line ends in "-4", which is go's suffix.
  const Outcome run = import_text("pkg: p\nBenchmarkX/size=-4-4\t10\t5 ns/op\nBenchmarkY-4\t10\t6 ns/op\n");
  EXPECT_EQ(names_of(run), (std::vector<std::string>{"BenchmarkX:size=-4", "BenchmarkY"}));
  ASSERT_TRUE(run.imported);
  EXPECT_EQ(run.imported->benchmarks[0]["parameters"]["gomaxprocs"], 4);
}

TEST(ImportGotest, OneCpuValueAndNamesEndingInIt) {
  // -cpu 2 only: stripping every "-2" leaves each name with the same GOMAXPROCS set, so all are suffixes.
  const Outcome run = import_text("pkg: p\nBenchmarkX/n-2-2\t10\t5 ns/op\nBenchmarkX/n-2\t10\t6 ns/op\n");
  EXPECT_EQ(names_of(run), (std::vector<std::string>{"BenchmarkX:n-2", "BenchmarkX:n"}));
}

TEST(ImportGotest, BenchmarkStoppedBeforeItsLastCpuValue) {
  // -cpu 2,4 where BenchmarkY failed at 4: the sets differ, yet no printed name is another's base.
  const Outcome run =
      import_text("pkg: p\nBenchmarkX-2\t10\t5 ns/op\nBenchmarkX-4\t10\t6 ns/op\nBenchmarkY-2\t10\t7 ns/op\n");
  EXPECT_EQ(names_of(run), (std::vector<std::string>{"BenchmarkX-2", "BenchmarkX-4", "BenchmarkY"}));
  ASSERT_TRUE(run.imported);
  EXPECT_EQ(run.imported->benchmarks[2]["parameters"]["gomaxprocs"], 2);
}

TEST(ImportGotest, MinusOneAndLeadingZeroAreNeverSuffixes) {
  const Outcome run = import_text("BenchmarkA-1\t10\t5 ns/op\nBenchmarkB-02\t10\t5 ns/op\n");
  EXPECT_EQ(names_of(run), (std::vector<std::string>{"BenchmarkA-1", "BenchmarkB-02"}));
  ASSERT_TRUE(run.imported);
  // No header: no package parameter, a package without "pkg" in the metadata, no suite or host.
  EXPECT_EQ(run.imported->benchmarks[0]["parameters"], (nlohmann::ordered_json{{"gomaxprocs", 1}}));
  EXPECT_EQ(run.imported->metadata["packages"][0],
            (nlohmann::ordered_json{{"benchmarks",
                                     {{{"name", "BenchmarkA-1"}, {"iterations", {10}}},
                                      {{"name", "BenchmarkB-02"}, {"iterations", {10}}}}}}));
  EXPECT_EQ(run.imported->suite, "");
  EXPECT_EQ(run.imported->host, nlohmann::ordered_json::object());
}

TEST(ImportGotest, NameWithControlCharacter) {
  expect_problem(import_text("BenchmarkA\x01"
                             "b-2\t10\t5 ns/op\n"),
                 "import.name", 1, 1,
                 "the benchmark name \"BenchmarkA\\u0001b\" cannot be an evidence name: it contains control "
                 "characters");
}

TEST(ImportGotest, NameWithInvalidUtf8) {
  expect_problem(import_text("BenchmarkA\xff-2\t10\t5 ns/op\n"), "import.name", 1, 1,
                 "the benchmark name \"BenchmarkA?\" cannot be an evidence name: it is not valid UTF-8");
}

TEST(ImportGotest, OverlongName) {
  const std::string name = "Benchmark" + std::string(192, 'x');  // 201 characters
  const Outcome run = import_text(name + "-2\t10\t5 ns/op\n");
  ASSERT_EQ(run.problems.size(), 1U);
  EXPECT_EQ(run.problems[0].code, "import.name");
  EXPECT_EQ(run.problems[0].position.line, 1U);
  EXPECT_EQ(run.problems[0].position.column, 1U);
  EXPECT_NE(run.problems[0].message.find("it is longer than 200 characters"), std::string::npos);
  // 200 characters is fine, but with -cpu 1,2 the "-1" suffix makes it too long.
  const std::string fits = "Benchmark" + std::string(191, 'x');
  EXPECT_EQ(names_of(import_text(fits + "-2\t10\t5 ns/op\n")), std::vector<std::string>{fits});
  const Outcome both = import_text(fits + "\t10\t5 ns/op\n" + fits + "-2\t10\t5 ns/op\n");
  ASSERT_EQ(both.problems.size(), 1U);
  EXPECT_EQ(both.problems[0].code, "import.name");
  EXPECT_EQ(both.problems[0].position.line, 1U);
}

TEST(ImportGotest, SlashAndColonCollide) {
  expect_problem(import_text("BenchmarkA/b\t10\t5 ns/op\nBenchmarkA:b\t10\t5 ns/op\n"), "import.duplicate_name", 2, 1,
                 "\"BenchmarkA:b\" and \"BenchmarkA/b\" (line 1) both become the evidence name \"BenchmarkA:b\" ('/' "
                 "is written ':')");
}

TEST(ImportGotest, SameNameInTwoPackages) {
  const Outcome run =
      import_text("pkg: a\nBenchmarkX-2\t10\t5 ns/op\nok  \ta\t1s\npkg: b\nBenchmarkX-2\t10\t6 ns/op\nok  \tb\t1s\n");
  expect_problem(run, "import.duplicate_name", 5, 1,
                 "the benchmark \"BenchmarkX\" already came from package \"a\" on line 2");
  ASSERT_EQ(run.problems.size(), 1U);
  EXPECT_EQ(run.problems[0].hint, "import each package's output separately (go test -bench . ./pkg)");
}

TEST(ImportGotest, SamePackageTwiceMergesSamples) {
  const Outcome run = import_text("pkg: a\nBenchmarkX-2\t10\t5 ns/op\npkg: a\nBenchmarkX-2\t11\t6 ns/op\n");
  ASSERT_TRUE(run.imported);
  EXPECT_EQ(run.imported->benchmarks[0]["metrics"][0]["samples"], (nlohmann::ordered_json{5.0, 6.0}));
  EXPECT_EQ(run.imported->metadata["packages"][0]["benchmarks"][0]["iterations"], (nlohmann::ordered_json{10, 11}));
}

// --- Headers ---

TEST(ImportGotest, PlatformsDiffer) {
  const Outcome run =
      import_text("goos: linux\npkg: a\nBenchmarkX-2\t10\t5 ns/op\ngoos: darwin\npkg: b\nBenchmarkY-2\t10\t6 ns/op\n");
  expect_problem(run, "import.mismatch", 4, 7,
                 "goos is \"darwin\" here but \"linux\" on line 1: the packages were benchmarked on different "
                 "platforms or machines");
  ASSERT_EQ(run.problems.size(), 1U);
  EXPECT_EQ(run.problems[0].hint, "import each package's output separately (go test -bench . ./pkg)");
}

TEST(ImportGotest, CpuLineThatIsNoTextLineStaysInMetadata) {
  const std::string cpu(300, 'c');
  const Outcome run = import_text("cpu: " + cpu + "\nBenchmarkX-2\t10\t5 ns/op\n");
  ASSERT_TRUE(run.imported);
  EXPECT_EQ(run.imported->host, nlohmann::ordered_json::object());
  EXPECT_EQ(run.imported->metadata["packages"][0]["cpu"], cpu);
}

// --- Result lines ---

TEST(ImportGotest, UnitsDifferBetweenLines) {
  const Outcome run = import_text(
      "BenchmarkX-2\t10\t5 ns/op\t3 B/op\nBenchmarkX-2\t10\t6 ns/op\nBenchmarkX-2\t10\t7 ns/op\t"
      "4 B/op\t9 ops/s\n");
  ASSERT_TRUE(run.imported);
  const auto& metrics = run.imported->benchmarks[0]["metrics"];
  ASSERT_EQ(metrics.size(), 3U);
  EXPECT_EQ(metrics[0]["samples"], (nlohmann::ordered_json{5.0, 6.0, 7.0}));
  EXPECT_EQ(metrics[1]["samples"], (nlohmann::ordered_json{3.0, 4.0}));
  EXPECT_EQ(metrics[2]["name"], "ops_per_s");
  EXPECT_EQ(metrics[2]["better"], "higher");
  EXPECT_EQ(metrics[2]["samples"], (nlohmann::ordered_json{9.0}));
  EXPECT_TRUE(run.imported->findings.empty());
  expect_valid_evidence(*run.imported);
}

TEST(ImportGotest, SameUnitTwiceOnALine) {
  expect_problem(import_text("BenchmarkX-2\t10\t5 ns/op\t6 ns/op\n"), "import.syntax", 1, 27,
                 "the unit \"ns/op\" appears twice on this result line; go prints each once");
}

TEST(ImportGotest, HugeNumbers) {
  expect_problem(import_text("BenchmarkX-2\t10\t1e400 ns/op\n"), "import.syntax", 1, 17,
                 "\"1e400\" is out of the range of a double");
  expect_problem(import_text("BenchmarkX-2\t99999999999999999999999\t5 ns/op\n"), "import.syntax", 1, 14,
                 "the iteration count \"99999999999999999999999\" is too large");
  const Outcome big = import_text("BenchmarkX-2\t18446744073709551615\t1e300 ns/op\n");
  ASSERT_TRUE(big.imported);
  EXPECT_EQ(big.imported->benchmarks[0]["metrics"][0]["samples"][0].get<double>(), 1e300);
  EXPECT_EQ(big.imported->metadata["packages"][0]["benchmarks"][0]["iterations"][0].get<std::uint64_t>(),
            18446744073709551615ULL);
}

TEST(ImportGotest, IterationsMissingOrGarbled) {
  expect_problem(import_text("BenchmarkX-2\t\n"), "import.syntax", 1, 14,
                 "expected the iteration count after the benchmark name \"BenchmarkX-2\"");
  const Outcome printed = import_text("BenchmarkX-2   \thello world\n");
  expect_problem(printed, "import.syntax", 1, 17,
                 "expected the iteration count (a whole number) after the benchmark name, found \"hello world\"");
  ASSERT_EQ(printed.problems.size(), 1U);
  EXPECT_EQ(printed.problems[0].hint,
            "a benchmark that writes to standard output splits its own result line: print with b.Log instead");
}

TEST(ImportGotest, EmptyFieldAndExtraWords) {
  expect_problem(import_text("BenchmarkX-2\t10\t5 ns/op\t\n"), "import.syntax", 1, 25,
                 "empty field; expected a value and a unit such as \"52.29 ns/op\"");
  expect_problem(import_text("BenchmarkX-2\t10\t5 ns/op 6\n"), "import.syntax", 1, 25,
                 "expected a value and a unit such as \"52.29 ns/op\" between two TABs, found more: \"5 ns/op 6\"");
}

TEST(ImportGotest, BadUnits) {
  expect_problem(import_text("BenchmarkX-2\t10\t5 " + std::string(65, 'u') + "\n"), "import.name", 1, 19,
                 "the unit \"" + std::string(65, 'u') + "\" is longer than 64 characters");
  expect_problem(import_text("BenchmarkX-2\t10\t5 ns\x7f/op\n"), "import.name", 1, 19,
                 "the unit \"ns\\u007f/op\" cannot name a metric: it contains control characters");
}

TEST(ImportGotest, NonFiniteValues) {
  const Outcome run = import_text("BenchmarkX-2\t10\t5 ns/op\tNaN hits/op\nBenchmarkY-2\t10\t+Inf ns/op\n");
  ASSERT_TRUE(run.imported);
  EXPECT_TRUE(run.imported->failed);
  EXPECT_EQ(names_of(run), std::vector<std::string>{"BenchmarkX"});
  EXPECT_EQ(run.imported->benchmarks[0]["metrics"].size(), 1U);  // hits/op had no finite sample
  ASSERT_EQ(run.imported->findings.size(), 4U);
  expect_finding(run.imported->findings[0], "import.non_finite", Severity::warning, 1, 25,
                 "\"NaN hits/op\" of \"BenchmarkX-2\" is not a finite number; the measurement is left out and the run "
                 "marked failed");
  expect_finding(run.imported->findings[1], "import.assumed_direction", Severity::note, 1, 29,
                 "the unit \"hits/op\" does not say which direction is better; hits_per_op assumed \"lower\" (a unit "
                 "ending in \"/s\" would be \"higher\")");
  expect_finding(run.imported->findings[2], "import.no_metrics", Severity::warning, 2, 1,
                 "the benchmark \"BenchmarkY\" has no finite measurement; it is left out of the evidence");
  expect_finding(run.imported->findings[3], "import.non_finite", Severity::warning, 2, 17,
                 "\"+Inf ns/op\" of \"BenchmarkY-2\" is not a finite number; the measurement is left out and the run "
                 "marked failed");
  expect_valid_evidence(*run.imported);
}

TEST(ImportGotest, ProgressLinesAreSkipped) {
  // go test -v prints the bare name before each result; --- BENCH: blocks hold b.Log output.
  const Outcome run =
      import_text("BenchmarkX\nBenchmarkX-2\t10\t5 ns/op\n--- BENCH: BenchmarkX-2\n    x_test.go:3: hello\nPASS\n");
  EXPECT_EQ(names_of(run), std::vector<std::string>{"BenchmarkX"});
  ASSERT_TRUE(run.imported);
  EXPECT_FALSE(run.imported->failed);
  EXPECT_TRUE(run.imported->findings.empty());
}

TEST(ImportGotest, LastLineWithoutNewlineThatIsNoResult) {
  const Outcome run = import_text("pkg: p\nBenchmarkX-2\t10\t5 ns/op\nPASS\nok  \tp\t1s");
  ASSERT_TRUE(run.imported);
  EXPECT_EQ(run.imported->metadata["packages"][0]["elapsed"], "1s");
}

// --- Failures ---

TEST(ImportGotest, FailureAfterSomeRounds) {
  // go printed the name, then the benchmark failed at a larger b.N: "Name<TAB>--- FAIL: Name".
  const Outcome run = import_text(
      "pkg: p\nBenchmarkA-2   \t 100\t 5 ns/op\nBenchmarkA-2   \t--- FAIL: BenchmarkA-2\n    a_test.go:3: boom\n"
      "        more\nFAIL\nexit status 1\nFAIL\tp\t0.1s\nFAIL\n");
  ASSERT_TRUE(run.imported);
  EXPECT_TRUE(run.imported->failed);
  EXPECT_EQ(run.imported->benchmarks[0]["metrics"][0]["samples"], (nlohmann::ordered_json{5.0}));
  ASSERT_EQ(run.imported->findings.size(), 1U);
  expect_finding(run.imported->findings[0], "import.benchmark_failed", Severity::warning, 3, 17,
                 "\"BenchmarkA-2\" failed: a_test.go:3: boom; more; the result lines it printed before failing are "
                 "kept");
  EXPECT_EQ(run.imported->metadata["packages"][0]["outcome"], "FAIL");
}

TEST(ImportGotest, FailedTestFailsThePackage) {
  const Outcome run = import_text(
      "--- FAIL: TestX (0.00s)\n    x_test.go:1: bad\ngoos: linux\ngoarch: amd64\npkg: p\nBenchmarkA-2\t100\t5 ns/op\n"
      "FAIL\nexit status 1\nFAIL\tp\t0.1s\nFAIL\n");
  ASSERT_TRUE(run.imported);
  EXPECT_TRUE(run.imported->failed);
  ASSERT_EQ(run.imported->findings.size(), 1U);
  expect_finding(run.imported->findings[0], "import.package_failed", Severity::warning, 9, 1,
                 "package \"p\" failed (go test printed FAIL): a test, an example or the test binary itself failed; "
                 "the lines above this one say why");
}

TEST(ImportGotest, BuildFailureOfAnotherPackage) {
  const Outcome run = import_text(
      "pkg: p\nBenchmarkA-2\t100\t5 ns/op\nok  \tp\t0.1s\n# q\nq/q.go:3:1: syntax error\n"
      "FAIL\tq [build failed]\nFAIL\n");
  ASSERT_TRUE(run.imported);
  EXPECT_TRUE(run.imported->failed);
  ASSERT_EQ(run.imported->findings.size(), 1U);
  expect_finding(run.imported->findings[0], "import.package_failed", Severity::warning, 6, 1,
                 "package \"q\" failed (go test printed FAIL): a test, an example or the test binary itself failed; "
                 "the lines above this one say why");
}

TEST(ImportGotest, TestBinaryFailsWithoutClosingLine) {
  const Outcome run = import_text("BenchmarkA\t100\t5 ns/op\nFAIL\n");
  ASSERT_TRUE(run.imported);
  EXPECT_TRUE(run.imported->failed);
  ASSERT_EQ(run.imported->findings.size(), 1U);
  expect_finding(run.imported->findings[0], "import.package_failed", Severity::warning, 2, 1,
                 "the test binary failed (go test printed FAIL): a test, an example or the test binary itself failed; "
                 "the lines above this one say why");
}

TEST(ImportGotest, NestedSubBenchmarkFailure) {
  const Outcome run = import_text(
      "pkg: p\nBenchmarkB-2\t100\t5 ns/op\n--- FAIL: BenchmarkA\n    --- FAIL: BenchmarkA/x\n        a_test.go:9: "
      "nope\nFAIL\nFAIL\tp\t0.1s\n");
  ASSERT_TRUE(run.imported);
  ASSERT_EQ(run.imported->findings.size(), 2U);
  expect_finding(run.imported->findings[0], "import.benchmark_failed", Severity::warning, 3, 1,
                 "\"BenchmarkA\" failed without a message; it printed no result line, so it has no benchmark entry");
  expect_finding(run.imported->findings[1], "import.benchmark_failed", Severity::warning, 4, 5,
                 "\"BenchmarkA/x\" failed: a_test.go:9: nope; it printed no result line, so it has no benchmark entry");
}

}  // namespace
}  // namespace evident::io
