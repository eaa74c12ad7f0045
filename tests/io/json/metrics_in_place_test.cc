// Metrics and baselines read in place from the fast path's tree against the readers of the whole value:
// the gate reads an evidence file's metrics and a baseline's entries either way, and both must give
// the same numbers.
#include "io/json/metrics_in_place.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/evidence_metrics.h"
#include "core/gate_files.h"
#include "io/json/tree_parse.h"
#include "io/project_files.h"
#include "io/schema/document_validation.h"

namespace evident::io {
namespace {

using nlohmann::json;

std::optional<std::vector<MetricSeries>> in_place(const std::string& text) {
  std::optional<JsonTree> tree = parse_tree(text, JsonLimits{});
  EXPECT_TRUE(tree.has_value()) << text;
  return tree ? metrics_in_place(tree->root(), "run.json") : std::nullopt;
}

void expect_same_metrics(const std::vector<MetricSeries>& apart, const std::vector<MetricSeries>& whole,
                         const std::string& file);

// Numbers as nlohmann reads them (integers converted, anything else left out of the samples), the
// parameters in name order with anything but a string as its JSON, the pointer of each metric.
TEST(MetricsInPlace, ReadsWhatMetricsOfReads) {
  const std::string text =
      R"({"suite": {"name": "s"}, "captured_at": "2026-12-07T10:00:00Z", "host": {"hostname": "h"},
          "benchmarks": [{"name": "a", "parameters": {"size": 1024, "dtype": "f32", "opt": {"b": 1, "a": [true]}},
                          "metrics": [{"name": "x", "unit": "s", "samples": [1.5, 2, -3, 18446744073709551615]},
                                      {"name": "y", "samples": []}, {"name": "z", "samples": ["a", 1]},
                                      {"name": "w", "better": "higher", "value": 4}]},
                         {"name": "b"}, {"metrics": [{"name": "v", "samples": [7], "value": "n"}]}]})";
  const std::optional<std::vector<MetricSeries>> read = in_place(text);
  ASSERT_TRUE(read.has_value());
  expect_same_metrics(*read, metrics_of(json::parse(text), "run.json"), "text");
  ASSERT_EQ(read->size(), 5U);
  EXPECT_EQ((*read)[0].samples, (std::vector<double>{1.5, 2.0, -3.0, 18446744073709551615.0}));
  EXPECT_EQ((*read)[0].context.parameters, (std::vector<std::pair<std::string, std::string>>{
                                               {"dtype", "f32"}, {"opt", R"({"a":[true],"b":1})"}, {"size", "1024"}}));
  EXPECT_EQ((*read)[2].samples, (std::vector<double>{1.0}));
  EXPECT_EQ((*read)[3].better, Better::higher);
  EXPECT_EQ((*read)[3].value, 4.0);
  EXPECT_EQ((*read)[4].id.text(), "s//v");
  EXPECT_EQ((*read)[4].pointer, "/benchmarks/2/metrics/0");
  EXPECT_FALSE((*read)[4].value.has_value());
}

TEST(MetricsInPlace, NoneWithoutASuiteNameOrBenchmarks) {
  EXPECT_EQ(in_place(R"({"suite": {}, "benchmarks": [{"metrics": [{"name": "x"}]}]})")->size(), 0U);
  EXPECT_EQ(in_place(R"({"suite": {"name": "s"}, "benchmarks": {}})")->size(), 0U);
}

TEST(MetricsInPlace, NothingWhereMetricsOfWouldNotReadIt) {
  EXPECT_FALSE(in_place(R"({"suite": {"name": 1}, "benchmarks": []})").has_value());
  EXPECT_FALSE(in_place(R"({"suite": {"name": "s"}, "benchmarks": [{"metrics": [{"name": 2}]}]})").has_value());
  EXPECT_FALSE(in_place(R"({"suite": {"name": "s"}, "benchmarks": [{"metrics": [3]}]})").has_value());
}

void expect_same_metrics(const std::vector<MetricSeries>& apart, const std::vector<MetricSeries>& whole,
                         const std::string& file) {
  ASSERT_EQ(apart.size(), whole.size()) << file;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    EXPECT_EQ(apart[i].id.text(), whole[i].id.text()) << file;
    EXPECT_EQ(apart[i].unit, whole[i].unit) << file;
    EXPECT_EQ(apart[i].better, whole[i].better) << file;
    EXPECT_EQ(apart[i].samples, whole[i].samples) << file << " " << whole[i].pointer;
    EXPECT_EQ(apart[i].value, whole[i].value) << file;
    EXPECT_EQ(apart[i].pointer, whole[i].pointer) << file;
    EXPECT_EQ(apart[i].context.captured_at, whole[i].context.captured_at) << file;
    EXPECT_EQ(apart[i].context.host, whole[i].context.host) << file;
    EXPECT_EQ(apart[i].context.parameters, whole[i].context.parameters) << file;
  }
}

void expect_same_baseline(const Baseline& apart, const Baseline& whole, const std::string& file) {
  EXPECT_EQ(apart.created_at, whole.created_at) << file;
  ASSERT_EQ(apart.sources.size(), whole.sources.size()) << file;
  for (std::size_t i = 0; i < whole.sources.size(); ++i) {
    EXPECT_EQ(apart.sources[i].path, whole.sources[i].path) << file;
    EXPECT_EQ(apart.sources[i].sha256, whole.sources[i].sha256) << file;
  }
  ASSERT_EQ(apart.entries.size(), whole.entries.size()) << file;
  for (std::size_t i = 0; i < whole.entries.size(); ++i) {
    EXPECT_EQ(apart.entries[i].id.text(), whole.entries[i].id.text()) << file;
    EXPECT_EQ(apart.entries[i].unit, whole.entries[i].unit) << file;
    EXPECT_EQ(apart.entries[i].better, whole.entries[i].better) << file;
    EXPECT_EQ(apart.entries[i].samples, whole.entries[i].samples) << file;
    EXPECT_EQ(apart.entries[i].value, whole.entries[i].value) << file;
  }
}

// Every JSON file of the project validated both ways: the same kind and diagnostics, and where the
// numbers were read in place, the same metrics, value without the benchmarks and baseline entries as
// the readers of the whole value find, every number bit for bit.
TEST(MetricsInPlace, ReadersAgreeWithTheWholeValueOnEveryFileOfTheProject) {
  ValidationOptions whole;
  whole.jobs = 1;
  ValidationOptions apart = whole;
  apart.numbers_in_place = true;
  std::size_t evidence = 0;
  std::size_t baselines = 0;
  for_each_project_file(
      {"fixtures", "tests", "evidence"}, [&](const std::filesystem::path& path, const std::string& text) {
        if (path.extension() != ".json") return;
        const std::string file = path.string();
        FileValidation read_whole = validate_text(file, text, whole);
        FileValidation read_apart = validate_text(file, text, apart);
        EXPECT_EQ(read_apart.kind, read_whole.kind) << file;
        ASSERT_EQ(read_apart.diagnostics.size(), read_whole.diagnostics.size()) << file;
        for (std::size_t i = 0; i < read_whole.diagnostics.size(); ++i) {
          EXPECT_EQ(read_apart.diagnostics[i].code, read_whole.diagnostics[i].code) << file;
          EXPECT_EQ(read_apart.diagnostics[i].message, read_whole.diagnostics[i].message) << file;
        }
        if (read_apart.metrics) {
          ASSERT_TRUE(read_apart.valid()) << file;
          ASSERT_EQ(read_apart.kind, "evidence") << file;
          ++evidence;
          expect_same_metrics(take_metrics(read_apart), metrics_of(read_whole.document->value(), file), file);
          json rest = read_whole.document->value();
          rest.erase("benchmarks");
          EXPECT_EQ(read_apart.value_besides_benchmarks(), rest) << file;
          EXPECT_EQ(read_apart.metric_count, metric_count(read_whole.document->value())) << file;
        }
        if (read_whole.kind == "baseline" && read_whole.valid()) {
          // Read in place only where baseline_from_json finds no problem (a text the fast path does
          // not parse, such as one with a 0, is read whole), and then the same.
          std::vector<Diagnostic> problems;
          const std::optional<Baseline> from_whole = baseline_from_json(read_whole.document->value(), problems);
          if (!read_apart.baseline) return;
          ASSERT_TRUE(from_whole && problems.empty()) << file;
          ++baselines;
          expect_same_baseline(*read_apart.baseline, *from_whole, file);
        }
      });
  // The fixtures' and golden cases' valid evidence (71 files) and baselines (5): the comparison
  // above ran on each of them.
  EXPECT_GE(evidence, 71U);
  EXPECT_GE(baselines, 5U);
}

}  // namespace
}  // namespace evident::io
